/* SPDX-License-Identifier: MIT */
/*
 * Zip reading over libarchive, with our own caps.
 *
 * Format notes: only archive_read_support_format_zip is registered (no
 * other format, no filter: filter_all would start external programs).
 * Opened from memory, libarchive reads the central directory.  It does
 * not cap inflated size, entry count or ratio, and 3.6.2 may return data
 * past an entry's declared size (fixed upstream later), so all of that
 * is checked here; see ../shared/spec/hardening.md 2.2.
 */
#include "parsers/zip.h"

#include <archive.h>
#include <archive_entry.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"

/* Inflate in pieces of this size so a cap stops a bomb early. */
#define ZIP_CHUNK (64 * 1024)

struct zip {
	const uint8_t *data;
	size_t len;
	const struct limits *lim;
	struct arena *arena;
	char **names;  /* archive order */
	char **sorted; /* case-insensitive order, for lookups */
	size_t n;
	size_t total; /* bytes inflated so far by zip_read */
};

static int
zip_cmp_name(const void *a, const void *b)
{
	return g_ascii_strcasecmp(*(char *const *)a, *(char *const *)b);
}

static struct archive *
zip_archive_open(const struct zip *z, struct diag *diag)
{
	struct archive *a = archive_read_new();

	if (a == NULL) {
		diag_set(diag, ERR_NOMEM, "out of memory opening the archive");
		return NULL;
	}
	if (archive_read_support_format_zip(a) != ARCHIVE_OK ||
	    archive_read_open_memory(a, z->data, z->len) != ARCHIVE_OK) {
		const char *why = archive_error_string(a);

		diag_set(diag, ERR_MALFORMED,
		    "the file is not a readable zip archive (%s)",
		    why != NULL ? why : "no zip directory found");
		archive_read_free(a);
		return NULL;
	}
	return a;
}

/* Absolute ("/x", "\x", "C:x") or with a ".." component. */
static bool
zip_name_escapes(const char *name)
{
	const char *p = name;

	if (name[0] == '/' || name[0] == '\\' ||
	    (g_ascii_isalpha(name[0]) && name[1] == ':'))
		return true;
	while (*p != '\0') {
		size_t n = strcspn(p, "/\\");

		if (n == 2 && p[0] == '.' && p[1] == '.')
			return true;
		p += n;
		if (*p != '\0')
			p++;
	}
	return false;
}

static const char *
zip_entry_name(struct archive_entry *e)
{
	const char *name = archive_entry_pathname_utf8(e);

	return name != NULL ? name : archive_entry_pathname(e);
}

/*
 * Contract in zip.h.  One pass over the central directory; nothing is
 * inflated.
 */
enum err
zip_open(const uint8_t *data, size_t len, const struct limits *lim,
    struct arena *arena, struct zip **out, struct diag *diag)
{
	struct archive *a = NULL;
	struct archive_entry *e;
	struct ptrvec names = { NULL, 0, 0 };
	struct zip *z;
	enum err err = ERR_OK;
	size_t i;
	int r;

	*out = NULL;
	z = arena_alloc(arena, sizeof *z);
	if (z == NULL)
		return diag_set(diag, ERR_NOMEM, "out of memory");
	z->data = data;
	z->len = len;
	z->lim = lim;
	z->arena = arena;
	a = zip_archive_open(z, diag);
	if (a == NULL)
		return diag->code;
	for (;;) {
		const char *name;
		char *copy;

		r = archive_read_next_header(a, &e);
		if (r == ARCHIVE_EOF)
			break;
		if (r != ARCHIVE_OK && r != ARCHIVE_WARN) {
			const char *why = archive_error_string(a);

			err = diag_set(diag, ERR_MALFORMED,
			    "the zip archive is damaged after %zu entries (%s)",
			    names.n, why != NULL ? why : "unreadable entry");
			goto out;
		}
		if (names.n >= lim->zip_entries_max) {
			err = diag_set(diag, ERR_LIMIT,
			    "the zip archive has more than %u entries, the limit",
			    lim->zip_entries_max);
			goto out;
		}
		name = zip_entry_name(e);
		if (name == NULL || name[0] == '\0') {
			err = diag_set(diag, ERR_MALFORMED,
			    "zip entry %zu has no name", names.n + 1);
			goto out;
		}
		if (zip_name_escapes(name)) {
			err = diag_set(diag, ERR_MALFORMED,
			    "zip entry name \"%.200s\" points outside the package "
			    "(absolute or with \"..\"); a Word file never has one",
			    name);
			goto out;
		}
		if (archive_entry_is_encrypted(e)) {
			err = diag_set(diag, ERR_UNSUPPORTED,
			    "%.200s is encrypted; save the document without a "
			    "password and send it again",
			    name);
			goto out;
		}
		copy = arena_strdup(arena, name);
		if (copy == NULL || ptrvec_push(&names, arena, copy) != 0) {
			err = diag_set(diag, ERR_NOMEM,
			    "out of memory listing the zip archive");
			goto out;
		}
	}
	z->n = names.n;
	z->names = (char **)names.v;
	z->sorted = arena_calloc(arena, z->n + 1, sizeof *z->sorted);
	if (z->sorted == NULL) {
		err = diag_set(diag, ERR_NOMEM, "out of memory");
		goto out;
	}
	if (z->n > 0)
		memcpy(z->sorted, z->names, z->n * sizeof *z->sorted);
	qsort(z->sorted, z->n, sizeof *z->sorted, zip_cmp_name);
	for (i = 1; i < z->n; i++) {
		if (g_ascii_strcasecmp(z->sorted[i - 1], z->sorted[i]) == 0) {
			err = diag_set(diag, ERR_MALFORMED,
			    "the zip archive holds \"%.200s\" twice (names differ "
			    "only in case or not at all)",
			    z->sorted[i]);
			goto out;
		}
	}
	*out = z;
out:
	archive_read_free(a);
	return err;
}

size_t
zip_count(const struct zip *z)
{
	return z->n;
}

const char *
zip_name(const struct zip *z, size_t i)
{
	return i < z->n ? z->names[i] : NULL;
}

const char *
zip_find(const struct zip *z, const char *name)
{
	char *const *hit;

	hit = bsearch(&name, z->sorted, z->n, sizeof *z->sorted, zip_cmp_name);
	return hit != NULL ? *hit : NULL;
}

/* Inflates the current entry into the arena under every cap. */
static enum err
zip_read_entry(struct zip *z, struct archive *a, struct archive_entry *e,
    struct zip_part *part, struct diag *diag)
{
	const struct limits *lim = z->lim;
	const char *name = part->name;
	char *chunk = NULL, *copy;
	struct buf b;
	int64_t declared = -1, start;
	size_t room;
	enum err err = ERR_OK;

	if (archive_entry_size_is_set(e))
		declared = archive_entry_size(e);
	if (declared > 0 && (uint64_t)declared > lim->zip_entry_max)
		return diag_set(diag, ERR_LIMIT,
		    "%.200s declares %lld bytes, more than the limit of %zu "
		    "for one part",
		    name, (long long)declared, lim->zip_entry_max);
	room =
	    lim->zip_total_max > z->total ? lim->zip_total_max - z->total : 0;
	buf_init(&b, 0);
	chunk = malloc(ZIP_CHUNK);
	if (chunk == NULL) {
		err = diag_set(
		    diag, ERR_NOMEM, "out of memory reading %.200s", name);
		goto out;
	}
	start = archive_filter_bytes(a, -1);
	for (;;) {
		la_ssize_t n = archive_read_data(a, chunk, ZIP_CHUNK);
		size_t got;
		int64_t used;

		if (n == 0)
			break;
		if (n < 0) {
			const char *why = archive_error_string(a);

			err = diag_set(diag, ERR_MALFORMED,
			    "%.200s is damaged in the zip archive (%s)", name,
			    why != NULL ? why : "inflate error");
			goto out;
		}
		got = (size_t)n;
		/* libarchive 3.6.2 may hand out more than the entry
		 * declares; the declared size is what the package says. */
		if (declared >= 0 &&
		    (uint64_t)(b.len + got) > (uint64_t)declared)
			got = (size_t)declared - b.len;
		if (got > lim->zip_entry_max - b.len) {
			err = diag_set(diag, ERR_LIMIT,
			    "%.200s inflates to more than %zu bytes, the limit "
			    "for one part",
			    name, lim->zip_entry_max);
			goto out;
		}
		if (got > room - b.len) {
			err = diag_set(diag, ERR_LIMIT,
			    "the parts read inflate to more than %zu bytes, the "
			    "limit for one document",
			    lim->zip_total_max);
			goto out;
		}
		if (!buf_append(&b, chunk, got)) {
			err = diag_set(diag, ERR_NOMEM,
			    "out of memory reading %.200s", name);
			goto out;
		}
		used = archive_filter_bytes(a, -1) - start;
		if (used < 1)
			used = 1;
		if (b.len > lim->zip_ratio_floor &&
		    (uint64_t)b.len / (uint64_t)used > lim->zip_ratio_max) {
			err = diag_set(diag, ERR_LIMIT,
			    "%.200s inflates more than %u times its compressed "
			    "size (a zip bomb)",
			    name, lim->zip_ratio_max);
			goto out;
		}
		if (declared >= 0 && (int64_t)b.len == declared)
			break;
	}
	copy = arena_alloc(z->arena, b.len + 1);
	if (copy == NULL) {
		err = diag_set(
		    diag, ERR_NOMEM, "out of memory reading %.200s", name);
		goto out;
	}
	if (b.len > 0)
		memcpy(copy, b.data, b.len);
	part->data = (const uint8_t *)copy;
	part->len = b.len;
	z->total += b.len;
out:
	free(chunk);
	buf_fini(&b);
	return err;
}

/*
 * Contract in zip.h.  One pass over the archive; entries not asked for
 * are skipped without inflating them.
 */
enum err
zip_read(struct zip *z, struct zip_part *parts, size_t n, struct diag *diag)
{
	struct archive *a;
	struct archive_entry *e;
	size_t i, left = 0;
	enum err err = ERR_OK;
	int r;

	for (i = 0; i < n; i++) {
		parts[i].data = NULL;
		parts[i].len = 0;
		if (parts[i].name != NULL && zip_find(z, parts[i].name) != NULL)
			left++;
	}
	if (left == 0)
		return ERR_OK;
	a = zip_archive_open(z, diag);
	if (a == NULL)
		return diag->code;
	while (left > 0) {
		const char *name;

		r = archive_read_next_header(a, &e);
		if (r == ARCHIVE_EOF)
			break;
		if (r != ARCHIVE_OK && r != ARCHIVE_WARN) {
			const char *why = archive_error_string(a);

			err = diag_set(diag, ERR_MALFORMED,
			    "the zip archive is damaged (%s)",
			    why != NULL ? why : "unreadable entry");
			break;
		}
		name = zip_entry_name(e);
		if (name == NULL)
			continue;
		for (i = 0; i < n; i++) {
			if (parts[i].name == NULL || parts[i].data != NULL ||
			    g_ascii_strcasecmp(parts[i].name, name) != 0)
				continue;
			err = zip_read_entry(z, a, e, &parts[i], diag);
			left--;
			break;
		}
		if (err != ERR_OK)
			break;
	}
	archive_read_free(a);
	return err;
}
