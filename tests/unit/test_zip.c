/* SPDX-License-Identifier: MIT */
/* zip: listing checks, capped reading, bombs, CRC and damage. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/arena.h"
#include "core/limits.h"
#include "parsers/zip.h"
#include "tests/check.h"
#include "tests/unit/test_docx_pkg.h"

struct zt {
	struct arena *a;
	struct limits lim;
	struct diag dg;
	uint8_t *data;
	size_t len;
	struct zip *z;
	enum err e;
};

static void
zt_open(struct zt *t, const struct pkg_entry *entries, bool stored,
    const struct limits *lim)
{
	memset(t, 0, sizeof *t);
	if (lim != NULL)
		t->lim = *lim;
	else
		limits_default(&t->lim);
	diag_init(&t->dg);
	t->a = arena_new(t->lim.arena_max);
	t->data = pkg_zip(entries, stored, &t->len);
	if (t->data == NULL) {
		t->e = ERR_INTERNAL;
		return;
	}
	t->e = zip_open(t->data, t->len, &t->lim, t->a, &t->z, &t->dg);
}

static void
zt_fini(struct zt *t)
{
	free(t->data);
	arena_free(t->a);
}

static void
test_zip_list_and_read(void)
{
	static const struct pkg_entry e[] = {
		{ "word/document.xml", "<w:document/>", 0 },
		{ "word/styles.xml", "<w:styles/>", 0 },
		{ "docProps/app.xml", "<Properties/>", 0 },
		{ NULL, NULL, 0 },
	};
	struct zip_part parts[3] = { { "WORD/DOCUMENT.XML", NULL, 0 },
		{ "word/missing.xml", NULL, 0 },
		{ "word/styles.xml", NULL, 0 } };
	struct zt t;

	zt_open(&t, e, false, NULL);
	CHECK(t.e == ERR_OK);
	if (t.e == ERR_OK) {
		CHECK(zip_count(t.z) == 3);
		CHECK_STR(zip_name(t.z, 1), "word/styles.xml");
		CHECK_STR(
		    zip_find(t.z, "Word/Document.XML"), "word/document.xml");
		CHECK(zip_find(t.z, "word/none.xml") == NULL);
		CHECK(zip_read(t.z, parts, 3, &t.dg) == ERR_OK);
		CHECK(parts[0].data != NULL && parts[0].len == 13 &&
		    memcmp(parts[0].data, "<w:document/>", 13) == 0);
		CHECK(parts[1].data == NULL);
		CHECK(parts[2].len == 11);
	}
	zt_fini(&t);
}

static void
test_zip_bad_names(void)
{
	static const char *bad[] = { "../x.xml", "word/../../x.xml",
		"/etc/passwd", "\\x.xml", "C:x.xml", "a\\..\\b" };
	struct pkg_entry e[3] = { { "word/document.xml", "x", 0 },
		{ NULL, "y", 0 }, { NULL, NULL, 0 } };
	struct zt t;
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		e[1].name = bad[i];
		zt_open(&t, e, false, NULL);
		if (t.e != ERR_MALFORMED ||
		    strstr(t.dg.msg, "outside") == NULL) {
			fprintf(stderr, "name %s: %s\n", bad[i], t.dg.msg);
			CHECK(0);
		}
		zt_fini(&t);
	}
	/* Dots inside a name are fine. */
	e[1].name = "word/a..b.xml";
	zt_open(&t, e, false, NULL);
	CHECK(t.e == ERR_OK);
	zt_fini(&t);
}

static void
test_zip_duplicates_and_count(void)
{
	static const struct pkg_entry dup[] = {
		{ "word/document.xml", "a", 0 },
		{ "word/DOCUMENT.xml", "b", 0 },
		{ NULL, NULL, 0 },
	};
	static const struct pkg_entry four[] = {
		{ "a", "1", 0 },
		{ "b", "2", 0 },
		{ "c", "3", 0 },
		{ "d", "4", 0 },
		{ NULL, NULL, 0 },
	};
	struct limits lim;
	struct zt t;

	zt_open(&t, dup, false, NULL);
	CHECK(t.e == ERR_MALFORMED && strstr(t.dg.msg, "twice") != NULL);
	zt_fini(&t);

	limits_default(&lim);
	lim.zip_entries_max = 3;
	zt_open(&t, four, false, &lim);
	CHECK(t.e == ERR_LIMIT &&
	    strstr(t.dg.msg, "more than 3 entries") != NULL);
	zt_fini(&t);
	lim.zip_entries_max = 4;
	zt_open(&t, four, false, &lim);
	CHECK(t.e == ERR_OK);
	zt_fini(&t);
}

/* `n` bytes of a pseudo-random, barely compressible pattern. */
static char *
noise(size_t n)
{
	char *s = malloc(n);
	uint32_t x = 12345;
	size_t i;

	for (i = 0; i < n; i++) {
		x = x * 1103515245u + 12345u;
		s[i] = (char)(x >> 24);
	}
	return s;
}

static void
test_zip_caps(void)
{
	struct pkg_entry e[3] = { { "big", NULL, 0 }, { "big2", NULL, 0 },
		{ NULL, NULL, 0 } };
	struct zip_part parts[2] = { { "big", NULL, 0 }, { "big2", NULL, 0 } };
	struct limits lim;
	char *n1 = noise(60000), *n2 = noise(60000);
	struct zt t;

	e[0].data = n1;
	e[0].len = 60000;
	e[1].data = n2;
	e[1].len = 60000;
	limits_default(&lim);
	lim.zip_entry_max = 50000;
	zt_open(&t, e, false, &lim);
	CHECK(t.e == ERR_OK);
	if (t.e == ERR_OK) {
		CHECK(zip_read(t.z, parts, 1, &t.dg) == ERR_LIMIT);
		CHECK(strstr(t.dg.msg, "big") != NULL &&
		    strstr(t.dg.msg, "50000") != NULL);
	}
	zt_fini(&t);

	limits_default(&lim);
	lim.zip_total_max = 100000;
	zt_open(&t, e, false, &lim);
	CHECK(t.e == ERR_OK);
	if (t.e == ERR_OK) {
		CHECK(zip_read(t.z, parts, 2, &t.dg) == ERR_LIMIT);
		CHECK(strstr(t.dg.msg, "100000") != NULL);
	}
	zt_fini(&t);

	limits_default(&lim);
	zt_open(&t, e, false, &lim);
	CHECK(t.e == ERR_OK && zip_read(t.z, parts, 2, &t.dg) == ERR_OK);
	CHECK(parts[0].len == 60000 && memcmp(parts[0].data, n1, 60000) == 0);
	zt_fini(&t);
	free(n1);
	free(n2);
}

static void
test_zip_bomb_stops_early(void)
{
	/* 48 MiB of one byte deflates about 1000:1; the ratio cap must
	 * stop it soon after the 1 MiB floor, not after 48 MiB. */
	size_t n = (size_t)48 << 20;
	char *zeros = calloc(1, n);
	struct pkg_entry e[2] = { { "word/document.xml", zeros, 0 },
		{ NULL, NULL, 0 } };
	struct zip_part part = { "word/document.xml", NULL, 0 };
	struct zt t;
	clock_t c0;
	double secs;

	e[0].len = n;
	zt_open(&t, e, false, NULL);
	CHECK(t.e == ERR_OK);
	CHECK(t.len < n / 200);
	if (t.e == ERR_OK) {
		c0 = clock();
		CHECK(zip_read(t.z, &part, 1, &t.dg) == ERR_LIMIT);
		secs = (double)(clock() - c0) / CLOCKS_PER_SEC;
		CHECK(strstr(t.dg.msg, "zip bomb") != NULL);
		CHECK(part.data == NULL);
		/* Inflating all 48 MiB takes far longer than this even
		 * without sanitizers. */
		CHECK(secs < 0.5);
		printf("bomb refused after %.3f s of CPU\n", secs);
	}
	zt_fini(&t);
	free(zeros);
}

static uint8_t *
find_bytes(uint8_t *hay, size_t len, const char *needle)
{
	size_t n = strlen(needle), i;

	for (i = 0; i + n <= len; i++)
		if (memcmp(hay + i, needle, n) == 0)
			return hay + i;
	return NULL;
}

static void
test_zip_damage(void)
{
	static const struct pkg_entry e[] = {
		{ "word/document.xml",
		    "<w:document>stored text that we will damage</w:document>",
		    0 },
		{ NULL, NULL, 0 },
	};
	struct zip_part part = { "word/document.xml", NULL, 0 };
	struct zt t;
	uint8_t *hit;
	size_t half;

	/* A flipped byte in stored data: the CRC check refuses it. */
	zt_open(&t, e, true, NULL);
	CHECK(t.e == ERR_OK);
	hit = find_bytes(t.data, t.len, "damage");
	CHECK(hit != NULL);
	if (hit != NULL && t.e == ERR_OK) {
		hit[0] = 'D';
		CHECK(zip_read(t.z, &part, 1, &t.dg) == ERR_MALFORMED);
		CHECK(strstr(t.dg.msg, "damaged") != NULL);
	}
	zt_fini(&t);

	/* Cut in half: no central directory. */
	zt_open(&t, e, false, NULL);
	half = t.len / 2;
	arena_free(t.a);
	t.a = arena_new(t.lim.arena_max);
	CHECK(zip_open(t.data, half, &t.lim, t.a, &t.z, &t.dg) != ERR_OK);
	zt_fini(&t);

	/* Not a zip at all. */
	zt_open(&t, e, false, NULL);
	diag_init(&t.dg);
	CHECK(zip_open((const uint8_t *)"PK\3\4 not really", 16, &t.lim, t.a,
		  &t.z, &t.dg) == ERR_MALFORMED);
	CHECK(strstr(t.dg.msg, "zip") != NULL);
	zt_fini(&t);
}

int
main(void)
{
	RUN(test_zip_list_and_read);
	RUN(test_zip_bad_names);
	RUN(test_zip_duplicates_and_count);
	RUN(test_zip_caps);
	RUN(test_zip_bomb_stops_early);
	RUN(test_zip_damage);
	return check_done();
}
