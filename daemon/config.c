/* SPDX-License-Identifier: MIT */
/* Table-driven key file reader for reportd.conf. */
#include "daemon/config.h"

#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#define KIB ((uint64_t)1 << 10)
#define MIB ((uint64_t)1 << 20)
#define GIB ((uint64_t)1 << 30)

#define OFF(field) offsetof(struct config, field)

static const char *const poll_choices[] = { "auto", "always", "never", NULL };
static const char *const seccomp_choices[] = { "kill", "log", "off", NULL };
static const char *const level_choices[] = { "error", "warning", "info",
	"debug", NULL };

/* The defaults follow docs/LIMITS-style proposals in the hardening notes
 * (worker limits, 3 attempts, 60 s rescans, 5 s settle time). */
static const struct config_key keys[] = {
	{ "paths", "root", CONFIG_PATH, OFF(root), "/var/lib/reportd", 0, 0,
	    NULL, false,
	    "folder under which every path left empty below is placed" },
	{ "paths", "inbox", CONFIG_PATH, OFF(inbox), "", 0, 0, NULL, false,
	    "where offices' reports are dropped (default ROOT/inbox); "
	    "subfolders name the submitting unit" },
	{ "paths", "spool", CONFIG_PATH, OFF(spool), "", 0, 0, NULL, false,
	    "the queue: incoming/ and active/ (default ROOT/spool)" },
	{ "paths", "outbox", CONFIG_PATH, OFF(outbox), "", 0, 0, NULL, false,
	    "one result record per document, ID.json (default ROOT/outbox)" },
	{ "paths", "done", CONFIG_PATH, OFF(done), "", 0, 0, NULL, false,
	    "sources read successfully (default ROOT/done; same file system "
	    "as spool)" },
	{ "paths", "quarantine", CONFIG_PATH, OFF(quarantine), "", 0, 0, NULL,
	    false,
	    "sources refused, with the reason (default ROOT/quarantine; same "
	    "file system as spool)" },
	{ "paths", "database", CONFIG_PATH, OFF(database), "", 0, 0, NULL,
	    false, "the SQLite store (default ROOT/reportd.db)" },

	{ "inbox", "settle_seconds", CONFIG_UINT, OFF(settle_seconds), "5", 0,
	    3600, NULL, true,
	    "a file written in place is taken once its size and time have not "
	    "changed for this long (files renamed into the inbox are taken at "
	    "once)" },
	{ "inbox", "rescan_seconds", CONFIG_UINT, OFF(rescan_seconds), "60", 1,
	    86400, NULL, true,
	    "full rescan of the inbox even when inotify reports nothing" },
	{ "inbox", "poll", CONFIG_CHOICE, OFF(poll), "auto", 0, 0, poll_choices,
	    false,
	    "auto: inotify, but poll an inbox on NFS/SMB; always: poll only; "
	    "never: use inotify even on a network file system" },
	{ "inbox", "poll_seconds", CONFIG_UINT, OFF(poll_seconds), "10", 1,
	    3600, NULL, true, "interval between scans when polling" },
	{ "inbox", "depth", CONFIG_UINT, OFF(depth), "3", 0, 8, NULL, false,
	    "levels of subfolders watched below the inbox" },
	{ "inbox", "ignore", CONFIG_LIST, OFF(ignore),
	    "~$*;~*.tmp;*.tmp;*.part;*.partial;*.crdownload;*.download;*.swp;"
	    "Thumbs.db;desktop.ini",
	    0, 0, NULL, true,
	    "names never taken (glob patterns; names starting with a dot are "
	    "always ignored)" },

	{ "worker", "count", CONFIG_UINT, OFF(workers), "2", 1, 64, NULL, true,
	    "documents read at the same time (one worker process each)" },
	{ "worker", "attempts", CONFIG_UINT, OFF(attempts), "3", 1, 10, NULL,
	    true,
	    "tries before a document whose worker crashes or is killed is "
	    "quarantined" },
	{ "worker", "stop_seconds", CONFIG_UINT, OFF(stop_seconds), "30", 0,
	    3600, NULL, true,
	    "on SIGTERM, time given to documents being read before they are "
	    "put back in the queue" },
	{ "worker", "program", CONFIG_PATH, OFF(program), "", 0, 0, NULL, true,
	    "the worker executable (default: reportd-worker beside reportd, "
	    "else in the install's libexec folder)" },
	{ "worker", "user", CONFIG_STRING, OFF(user), "nobody", 0, 0, NULL,
	    false, "user the workers run as when reportd is started as root" },
	{ "worker", "seccomp", CONFIG_CHOICE, OFF(seccomp), "kill", 0, 0,
	    seccomp_choices, true,
	    "kill: a forbidden system call stops the worker; log: only log it "
	    "(to tune the filter); off: no filter (debugging only)" },
	{ "worker", "read_paths", CONFIG_LIST, OFF(read_paths),
	    "/usr/share/tesseract-ocr;/usr/share/poppler;/usr/share/fonts;"
	    "/etc/fonts;/var/cache/fontconfig",
	    0, 0, NULL, true,
	    "folders a worker may still read once sandboxed (OCR models, "
	    "fonts), enforced with Landlock where the kernel has it" },

	{ "limits", "file_size", CONFIG_SIZE, OFF(file_size), "128MiB", MIB,
	    4 * GIB, NULL, true, "largest file accepted" },
	{ "limits", "memory", CONFIG_SIZE, OFF(memory), "1.5GiB", 256 * MIB,
	    64 * GIB, NULL, true, "address space of one worker" },
	{ "limits", "cpu_seconds", CONFIG_UINT, OFF(cpu_seconds), "60", 1,
	    86400, NULL, true, "CPU time for a one-page document" },
	{ "limits", "cpu_seconds_per_page", CONFIG_UINT, OFF(cpu_per_page),
	    "10", 0, 3600, NULL, true,
	    "extra CPU time per further page, once the worker has counted "
	    "them" },
	{ "limits", "cpu_seconds_max", CONFIG_UINT, OFF(cpu_max), "900", 1,
	    86400, NULL, true, "CPU time of any document, whatever its pages" },
	{ "limits", "wall_seconds", CONFIG_UINT, OFF(wall_seconds), "120", 1,
	    86400, NULL, true, "wall-clock time for a one-page document" },
	{ "limits", "wall_seconds_per_page", CONFIG_UINT, OFF(wall_per_page),
	    "20", 0, 3600, NULL, true,
	    "extra wall-clock time per further page" },
	{ "limits", "wall_seconds_max", CONFIG_UINT, OFF(wall_max), "1800", 1,
	    86400, NULL, true, "wall-clock time of any document" },
	{ "limits", "pages", CONFIG_UINT, OFF(pages), "2000", 1, 100000, NULL,
	    true, "pages read from one document" },
	{ "limits", "result_size", CONFIG_SIZE, OFF(result_size), "16MiB",
	    64 * KIB, GIB, NULL, true,
	    "largest result a worker may send back" },

	{ "ocr", "languages", CONFIG_STRING, OFF(ocr_languages), "vie", 0, 0,
	    NULL, true, "Tesseract languages, '+'-separated" },
	{ "ocr", "dpi", CONFIG_UINT, OFF(ocr_dpi), "300", 72, 600, NULL, true,
	    "resolution scanned PDF pages are rendered at" },
	{ "ocr", "tessdata", CONFIG_PATH, OFF(tessdata), "", 0, 0, NULL, true,
	    "folder of the .traineddata models (default: Tesseract's own)" },

	{ "indicators", "catalogue", CONFIG_PATH, OFF(catalogue), "", 0, 0,
	    NULL, true,
	    "folder of the office's indicator catalogue (indicators.tsv, "
	    "labels.tsv, sections.tsv, narrative.tsv: a copy of "
	    "data/catalogue extended by the office; default: the built-in "
	    "one)" },
	{ "indicators", "rules", CONFIG_PATH, OFF(rules), "", 0, 0, NULL, true,
	    "the office's consistency rules, in the form of "
	    "data/rules/checks.tsv (default: the built-in ones; the catalogue "
	    "takes its relations from them)" },

	{ "review", "listen", CONFIG_STRING, OFF(review_listen),
	    "127.0.0.1:8470", 0, 0, NULL, false,
	    "address:port of the review page (reportd serve)" },
	{ "review", "token_file", CONFIG_PATH, OFF(review_token_file), "", 0, 0,
	    NULL, false,
	    "file whose first line is the review page's access token "
	    "(required when review.listen is not a loopback address)" },

	{ "log", "level", CONFIG_CHOICE, OFF(log_level), "info", 0, 0,
	    level_choices, true, "error, warning, info or debug" },
};

#define NKEYS (sizeof keys / sizeof keys[0])

const struct config_key *
config_keys(size_t *n)
{
	*n = NKEYS;
	return keys;
}

static void *
field(struct config *c, const struct config_key *k)
{
	return (char *)c + k->offset;
}

static const void *
cfield(const struct config *c, const struct config_key *k)
{
	return (const char *)c + k->offset;
}

static const struct config_key *
find_key(const char *group, const char *name)
{
	size_t i;

	for (i = 0; i < NKEYS; i++)
		if (strcmp(keys[i].group, group) == 0 &&
		    strcmp(keys[i].name, name) == 0)
			return &keys[i];
	return NULL;
}

static bool
group_known(const char *group)
{
	size_t i;

	for (i = 0; i < NKEYS; i++)
		if (strcmp(keys[i].group, group) == 0)
			return true;
	return false;
}

/* Size: a decimal number with an optional binary unit (K, KiB, M, MiB,
 * G, GiB, B); "1.5GiB" is 1610612736. */
static bool
parse_size(const char *s, uint64_t *out)
{
	static const struct {
		const char *unit;
		uint64_t mul;
	} units[] = {
		{ "", 1 },
		{ "B", 1 },
		{ "K", KIB },
		{ "KiB", KIB },
		{ "KB", KIB },
		{ "M", MIB },
		{ "MiB", MIB },
		{ "MB", MIB },
		{ "G", GIB },
		{ "GiB", GIB },
		{ "GB", GIB },
	};
	char *end = NULL;
	double v;
	size_t i;

	while (g_ascii_isspace(*s))
		s++;
	if (!g_ascii_isdigit(*s))
		return false;
	v = g_ascii_strtod(s, &end);
	if (end == s || !isfinite(v) || v < 0)
		return false;
	while (g_ascii_isspace(*end))
		end++;
	for (i = 0; i < G_N_ELEMENTS(units); i++) {
		if (g_ascii_strcasecmp(end, units[i].unit) == 0) {
			double b = v * (double)units[i].mul;

			if (b >= 18446744073709551615.0)
				return false;
			*out = (uint64_t)b;
			return true;
		}
	}
	return false;
}

const char *
config_format_size(char *buf, size_t cap, uint64_t b)
{
	static const struct {
		const char *unit;
		uint64_t mul;
	} units[] = { { "GiB", GIB }, { "MiB", MIB }, { "KiB", KIB } };
	size_t i;

	for (i = 0; i < G_N_ELEMENTS(units); i++) {
		uint64_t m = units[i].mul;

		if (b < m)
			continue;
		if (b % m == 0) {
			(void)snprintf(buf, cap, "%llu%s",
			    (unsigned long long)(b / m), units[i].unit);
			return buf;
		}
		/* One decimal when exact: 1.5GiB reads better than
		 * 1536MiB. */
		if (b < UINT64_MAX / 10 && (b * 10) % m == 0) {
			(void)snprintf(buf, cap, "%llu.%llu%s",
			    (unsigned long long)(b / m),
			    (unsigned long long)(b * 10 / m % 10),
			    units[i].unit);
			return buf;
		}
	}
	(void)snprintf(buf, cap, "%llu", (unsigned long long)b);
	return buf;
}

static void
clear_key(struct config *c, const struct config_key *k)
{
	switch (k->type) {
	case CONFIG_STRING:
	case CONFIG_PATH: {
		char **p = field(c, k);

		g_free(*p);
		*p = NULL;
		break;
	}
	case CONFIG_LIST: {
		char ***p = field(c, k);

		g_strfreev(*p);
		*p = NULL;
		break;
	}
	default:
		break;
	}
}

/*
 * Stores `value` (already unescaped) for key `k`.  `where` prefixes the
 * message ("reportd.conf:12" or "command line").
 */
static enum err
set_value(struct config *c, const struct config_key *k, const char *value,
    const char *base_dir, const char *where, struct diag *dg)
{
	switch (k->type) {
	case CONFIG_STRING: {
		char **p = field(c, k);

		g_free(*p);
		*p = g_strstrip(g_strdup(value));
		return ERR_OK;
	}
	case CONFIG_PATH: {
		char **p = field(c, k);
		char *v = g_strstrip(g_strdup(value));

		g_free(*p);
		if (v[0] != '\0' && !g_path_is_absolute(v)) {
			char *cwd =
			    base_dir == NULL ? g_get_current_dir() : NULL;

			*p = g_canonicalize_filename(
			    v, base_dir != NULL ? base_dir : cwd);
			g_free(cwd);
			g_free(v);
		} else if (v[0] != '\0') {
			*p = g_canonicalize_filename(v, NULL);
			g_free(v);
		} else
			*p = v;
		return ERR_OK;
	}
	case CONFIG_UINT: {
		guint64 u;
		char *v = g_strstrip(g_strdup(value));
		gboolean ok =
		    g_ascii_string_to_unsigned(v, 10, k->min, k->max, &u, NULL);

		g_free(v);
		if (!ok)
			return diag_set(dg, ERR_MALFORMED,
			    "%s: %s.%s: '%s' is not a whole number from %llu to "
			    "%llu",
			    where, k->group, k->name, value,
			    (unsigned long long)k->min,
			    (unsigned long long)k->max);
		*(unsigned *)field(c, k) = (unsigned)u;
		return ERR_OK;
	}
	case CONFIG_SIZE: {
		uint64_t b;
		char lo[32], hi[32];

		if (!parse_size(value, &b) || b < k->min || b > k->max)
			return diag_set(dg, ERR_MALFORMED,
			    "%s: %s.%s: '%s' is not a size from %s to %s "
			    "(write for example 512MiB or 1.5GiB)",
			    where, k->group, k->name, value,
			    config_format_size(lo, sizeof lo, k->min),
			    config_format_size(hi, sizeof hi, k->max));
		*(uint64_t *)field(c, k) = b;
		return ERR_OK;
	}
	case CONFIG_CHOICE: {
		char *v = g_strstrip(g_strdup(value));
		char *all;
		unsigned i;

		for (i = 0; k->choices[i] != NULL; i++) {
			if (strcmp(v, k->choices[i]) == 0) {
				*(unsigned *)field(c, k) = i;
				g_free(v);
				return ERR_OK;
			}
		}
		g_free(v);
		all = g_strjoinv(", ", (char **)(uintptr_t)k->choices);
		(void)diag_set(dg, ERR_MALFORMED,
		    "%s: %s.%s: '%s' is not one of %s", where, k->group,
		    k->name, value, all);
		g_free(all);
		return ERR_MALFORMED;
	}
	case CONFIG_LIST: {
		char ***p = field(c, k);
		char **parts = g_strsplit(value, ";", -1);
		GPtrArray *out = g_ptr_array_new();
		size_t i;

		for (i = 0; parts[i] != NULL; i++) {
			char *s = g_strstrip(parts[i]);

			if (s[0] != '\0')
				g_ptr_array_add(out, g_strdup(s));
		}
		g_ptr_array_add(out, NULL);
		g_strfreev(parts);
		g_strfreev(*p);
		*p = (char **)g_ptr_array_free(out, FALSE);
		return ERR_OK;
	}
	}
	return diag_set(dg, ERR_INTERNAL, "%s: bad key type", where);
}

void
config_init(struct config *c)
{
	size_t i;

	memset(c, 0, sizeof *c);
	for (i = 0; i < NKEYS; i++) {
		enum err e =
		    set_value(c, &keys[i], keys[i].def, "/", "default", NULL);

		/* The table's own defaults always parse (test_config). */
		g_assert(e == ERR_OK);
	}
}

void
config_fini(struct config *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < NKEYS; i++)
		clear_key(c, &keys[i]);
}

void
config_copy(struct config *dst, const struct config *src)
{
	size_t i;

	memcpy(dst, src, sizeof *dst);
	for (i = 0; i < NKEYS; i++) {
		const struct config_key *k = &keys[i];

		if (k->type == CONFIG_STRING || k->type == CONFIG_PATH) {
			char *const *s = cfield(src, k);

			*(char **)field(dst, k) = g_strdup(*s);
		} else if (k->type == CONFIG_LIST) {
			char **const *s = cfield(src, k);

			*(char ***)field(dst, k) = g_strdupv(*s);
		}
	}
}

/* The text of line `n` (1-based) trimmed, for finding keys by line. */
struct scan_line {
	const char *p;
	size_t len;
};

static struct scan_line
trim(const char *p, size_t len)
{
	struct scan_line l;

	while (len > 0 && (*p == ' ' || *p == '\t')) {
		p++;
		len--;
	}
	while (len > 0 &&
	    (p[len - 1] == ' ' || p[len - 1] == '\t' || p[len - 1] == '\r'))
		len--;
	l.p = p;
	l.len = len;
	return l;
}

/*
 * Checks each line's shape (group, key = value, comment, blank) so a
 * mistake is reported at file:line, which GKeyFile cannot do; and when
 * `group`/`key` are given, returns the line where that key is set.
 */
static unsigned
scan_lines(const char *text, size_t len, const char *group, const char *key,
    const char *name, struct diag *dg, enum err *err)
{
	const char *p = text, *end = text + len;
	char cur[128] = "";
	unsigned n = 0;
	bool have_group = false;

	*err = ERR_OK;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t ll = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);
		struct scan_line l = trim(p, ll);

		n++;
		if (memchr(p, '\0', ll) != NULL) {
			*err = diag_set(dg, ERR_MALFORMED,
			    "%s:%u: the line contains a NUL byte", name, n);
			return n;
		}
		if (!g_utf8_validate(p, (gssize)ll, NULL)) {
			*err = diag_set(dg, ERR_MALFORMED,
			    "%s:%u: the line is not valid UTF-8", name, n);
			return n;
		}
		if (l.len == 0 || l.p[0] == '#') {
			/* blank or comment */
		} else if (l.p[0] == '[') {
			if (l.p[l.len - 1] != ']' || l.len < 3 ||
			    memchr(l.p + 1, ']', l.len - 2) != NULL ||
			    memchr(l.p + 1, '[', l.len - 2) != NULL) {
				*err = diag_set(dg, ERR_MALFORMED,
				    "%s:%u: a group is written [name]", name,
				    n);
				return n;
			}
			(void)snprintf(
			    cur, sizeof cur, "%.*s", (int)(l.len - 2), l.p + 1);
			have_group = true;
		} else {
			const char *eq = memchr(l.p, '=', l.len);
			struct scan_line k;

			if (eq == NULL || eq == l.p) {
				*err = diag_set(dg, ERR_MALFORMED,
				    "%s:%u: expected 'key = value', a [group] "
				    "or a # comment",
				    name, n);
				return n;
			}
			if (!have_group) {
				*err = diag_set(dg, ERR_MALFORMED,
				    "%s:%u: a key before the first [group]",
				    name, n);
				return n;
			}
			k = trim(l.p, (size_t)(eq - l.p));
			if (group != NULL && strcmp(cur, group) == 0 &&
			    k.len == strlen(key) &&
			    memcmp(k.p, key, k.len) == 0)
				return n;
		}
		if (nl == NULL)
			break;
		p = nl + 1;
	}
	return 0;
}

enum err
config_load_text(struct config *c, const char *text, size_t len,
    const char *name, const char *base_dir, struct diag *dg)
{
	GKeyFile *kf = NULL;
	GError *gerr = NULL;
	char **groups = NULL, **gkeys = NULL;
	enum err e = ERR_OK;
	size_t gi, ki;

	/* Shape first: GKeyFile's own errors carry no line number. */
	(void)scan_lines(text, len, NULL, NULL, name, dg, &e);
	if (e != ERR_OK)
		return e;
	kf = g_key_file_new();
	if (!g_key_file_load_from_data(kf, text, len, G_KEY_FILE_NONE, &gerr)) {
		e = diag_set(dg, ERR_MALFORMED, "%s: %s", name,
		    gerr != NULL ? gerr->message : "cannot parse");
		goto out;
	}
	groups = g_key_file_get_groups(kf, NULL);
	for (gi = 0; groups[gi] != NULL && e == ERR_OK; gi++) {
		const char *g = groups[gi];

		if (!group_known(g)) {
			unsigned line = 0;
			const char *p = text, *end = text + len;
			unsigned n = 0;

			/* Find "[g]" for the message. */
			while (p < end && line == 0) {
				const char *nl =
				    memchr(p, '\n', (size_t)(end - p));
				size_t ll = nl != NULL ? (size_t)(nl - p)
						       : (size_t)(end - p);
				struct scan_line l = trim(p, ll);

				n++;
				if (l.len == strlen(g) + 2 && l.p[0] == '[' &&
				    memcmp(l.p + 1, g, l.len - 2) == 0)
					line = n;
				p = nl != NULL ? nl + 1 : end;
			}
			e = diag_set(dg, ERR_MALFORMED,
			    "%s:%u: unknown group [%s]", name, line, g);
			break;
		}
		gkeys = g_key_file_get_keys(kf, g, NULL, NULL);
		for (ki = 0; gkeys != NULL && gkeys[ki] != NULL; ki++) {
			const struct config_key *k = find_key(g, gkeys[ki]);
			enum err se;
			unsigned line = scan_lines(
			    text, len, g, gkeys[ki], name, NULL, &se);
			char where[512];
			char *v;

			(void)snprintf(
			    where, sizeof where, "%s:%u", name, line);
			if (k == NULL) {
				e = diag_set(dg, ERR_MALFORMED,
				    "%s: unknown key '%s' in [%s]", where,
				    gkeys[ki], g);
				break;
			}
			v = g_key_file_get_string(kf, g, gkeys[ki], &gerr);
			if (v == NULL) {
				e = diag_set(dg, ERR_MALFORMED, "%s: %s", where,
				    gerr != NULL ? gerr->message : "bad value");
				break;
			}
			e = set_value(c, k, v, base_dir, where, dg);
			g_free(v);
			if (e != ERR_OK)
				break;
		}
		g_strfreev(gkeys);
		gkeys = NULL;
	}
out:
	g_clear_error(&gerr);
	g_strfreev(groups);
	if (kf != NULL)
		g_key_file_free(kf);
	return e;
}

enum err
config_load_file(struct config *c, const char *path, struct diag *dg)
{
	GError *gerr = NULL;
	char *text = NULL, *dir;
	gsize len = 0;
	enum err e;

	if (!g_file_get_contents(path, &text, &len, &gerr)) {
		e = diag_set(dg, ERR_IO, "%s", gerr->message);
		g_error_free(gerr);
		return e;
	}
	if (len > (1u << 20)) {
		g_free(text);
		return diag_set(dg, ERR_LIMIT,
		    "%s: %zu bytes, more than a config file's 1 MiB", path,
		    (size_t)len);
	}
	dir = g_path_get_dirname(path);
	if (!g_path_is_absolute(dir)) {
		char *cwd = g_get_current_dir();
		char *abs = g_canonicalize_filename(dir, cwd);

		g_free(cwd);
		g_free(dir);
		dir = abs;
	}
	e = config_load_text(c, text, len, path, dir, dg);
	g_free(dir);
	g_free(text);
	return e;
}

enum err
config_set(
    struct config *c, const char *dotted, const char *value, struct diag *dg)
{
	const char *dot = strchr(dotted, '.');
	const struct config_key *k;
	char group[64];

	if (dot == NULL || (size_t)(dot - dotted) >= sizeof group)
		return diag_set(dg, ERR_MALFORMED,
		    "command line: '%s' is not GROUP.KEY (for example "
		    "worker.count)",
		    dotted);
	(void)snprintf(
	    group, sizeof group, "%.*s", (int)(dot - dotted), dotted);
	k = find_key(group, dot + 1);
	if (k == NULL)
		return diag_set(dg, ERR_MALFORMED,
		    "command line: unknown key '%s'", dotted);
	return set_value(c, k, value, NULL, "command line", dg);
}

static void
derive(char **p, const char *root, const char *leaf)
{
	if (*p == NULL || (*p)[0] == '\0') {
		g_free(*p);
		*p = g_build_filename(root, leaf, NULL);
	}
}

enum err
config_finish(struct config *c, struct diag *dg)
{
	if (c->root == NULL || c->root[0] == '\0')
		return diag_set(dg, ERR_MALFORMED, "paths.root is empty");
	derive(&c->inbox, c->root, "inbox");
	derive(&c->spool, c->root, "spool");
	derive(&c->outbox, c->root, "outbox");
	derive(&c->done, c->root, "done");
	derive(&c->quarantine, c->root, "quarantine");
	derive(&c->database, c->root, "reportd.db");
	if (c->cpu_seconds > c->cpu_max)
		return diag_set(dg, ERR_MALFORMED,
		    "limits.cpu_seconds (%u) is more than "
		    "limits.cpu_seconds_max (%u)",
		    c->cpu_seconds, c->cpu_max);
	if (c->wall_seconds > c->wall_max)
		return diag_set(dg, ERR_MALFORMED,
		    "limits.wall_seconds (%u) is more than "
		    "limits.wall_seconds_max (%u)",
		    c->wall_seconds, c->wall_max);
	return ERR_OK;
}

/* Key file escaping for a value (leading spaces, backslashes, newlines). */
static void
append_value(GString *s, const char *v)
{
	const char *p;

	for (p = v; *p != '\0'; p++) {
		if (*p == '\\')
			g_string_append(s, "\\\\");
		else if (*p == '\n')
			g_string_append(s, "\\n");
		else if (*p == '\t')
			g_string_append(s, "\\t");
		else if (*p == '\r')
			g_string_append(s, "\\r");
		else if (*p == ' ' && p == v)
			g_string_append(s, "\\s");
		else
			g_string_append_c(s, *p);
	}
}

/* The key's help as "# " lines of at most 72 columns, with its bounds. */
static void
append_comment(GString *s, const struct config_key *k)
{
	char *text, **words;
	size_t i, col = 0;

	if (k->type == CONFIG_UINT)
		text = g_strdup_printf("%s (%llu to %llu)", k->help,
		    (unsigned long long)k->min, (unsigned long long)k->max);
	else if (k->type == CONFIG_SIZE) {
		char lo[32], hi[32];

		text = g_strdup_printf("%s (%s to %s)", k->help,
		    config_format_size(lo, sizeof lo, k->min),
		    config_format_size(hi, sizeof hi, k->max));
	} else
		text = g_strdup(k->help);
	words = g_strsplit(text, " ", -1);
	for (i = 0; words[i] != NULL; i++) {
		size_t wl = strlen(words[i]);

		if (col == 0) {
			g_string_append(s, "#");
			col = 1;
		}
		if (col > 1 && col + 1 + wl > 72) {
			g_string_append(s, "\n#");
			col = 1;
		}
		g_string_append_c(s, ' ');
		g_string_append(s, words[i]);
		col += 1 + wl;
	}
	g_string_append_c(s, '\n');
	g_strfreev(words);
	g_free(text);
}

char *
config_format(const struct config *c)
{
	GString *s = g_string_new(NULL);
	const char *group = "";
	size_t i;

	for (i = 0; i < NKEYS; i++) {
		const struct config_key *k = &keys[i];
		char sz[32];

		if (strcmp(group, k->group) != 0) {
			g_string_append_printf(
			    s, "%s[%s]\n", i > 0 ? "\n" : "", k->group);
			group = k->group;
		} else
			g_string_append_c(s, '\n');
		append_comment(s, k);
		g_string_append_printf(s, "%s = ", k->name);
		switch (k->type) {
		case CONFIG_STRING:
		case CONFIG_PATH: {
			char *const *v = cfield(c, k);

			append_value(s, *v != NULL ? *v : "");
			break;
		}
		case CONFIG_UINT:
			g_string_append_printf(
			    s, "%u", *(const unsigned *)cfield(c, k));
			break;
		case CONFIG_SIZE:
			g_string_append(s,
			    config_format_size(sz, sizeof sz,
				*(const uint64_t *)cfield(c, k)));
			break;
		case CONFIG_CHOICE:
			g_string_append(
			    s, k->choices[*(const unsigned *)cfield(c, k)]);
			break;
		case CONFIG_LIST: {
			char **const *v = cfield(c, k);
			size_t j;

			for (j = 0; *v != NULL && (*v)[j] != NULL; j++) {
				if (j > 0)
					g_string_append_c(s, ';');
				append_value(s, (*v)[j]);
			}
			break;
		}
		}
		if (s->str[s->len - 1] == ' ')
			g_string_truncate(s, s->len - 1);
		g_string_append_c(s, '\n');
	}
	return g_string_free(s, FALSE);
}

static bool
same(const char *a, const char *b)
{
	return g_strcmp0(a, b) == 0;
}

bool
config_same_paths(const struct config *a, const struct config *b)
{
	return same(a->root, b->root) && same(a->inbox, b->inbox) &&
	    same(a->spool, b->spool) && same(a->outbox, b->outbox) &&
	    same(a->done, b->done) && same(a->quarantine, b->quarantine) &&
	    same(a->database, b->database);
}
