/* SPDX-License-Identifier: MIT */
/* core: arena caps, buffers, text normalisation and folding, the model. */
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/doc.h"
#include "core/doc_print.h"
#include "core/text.h"
#include "tests/check.h"

static void
test_arena_cap_refuses(void)
{
	struct arena *a = arena_new(1000);
	void *p;

	CHECK(a != NULL);
	p = arena_alloc(a, 900);
	CHECK(p != NULL);
	CHECK(arena_alloc(a, 200) == NULL);
	CHECK(arena_calloc(a, (size_t)-1, 16) == NULL);
	CHECK(arena_used(a) <= 1000);
	arena_free(a);
	arena_free(NULL);
}

static void
test_arena_big_blocks_keep_head_usable(void)
{
	struct arena *a = arena_new(16u << 20);
	char *big = arena_alloc(a, 1u << 20);
	char *s = arena_strdup(a, "hello");

	CHECK(big != NULL && s != NULL);
	CHECK_STR(s, "hello");
	CHECK_STR(arena_printf(a, "%d-%s", 42, "x"), "42-x");
	arena_free(a);
}

static void
test_ptrvec_grows(void)
{
	struct arena *a = arena_new(1u << 20);
	struct ptrvec v = { 0 };
	size_t i;
	int ok = 1;

	for (i = 0; i < 1000; i++)
		if (ptrvec_push(&v, a, (void *)(i + 1)) != 0)
			ok = 0;
	CHECK(ok);
	CHECK(v.n == 1000);
	CHECK(v.v[999] == (void *)1000);
	arena_free(a);
}

static void
test_buf_cap_is_sticky(void)
{
	struct buf b;

	buf_init(&b, 8);
	CHECK(buf_puts(&b, "12345678"));
	CHECK(!buf_putc(&b, '9'));
	CHECK(b.overflow);
	CHECK(!buf_puts(&b, ""));
	CHECK_STR(buf_str(&b), "12345678");
	buf_fini(&b);
}

static void
test_text_nfd_becomes_nfc(void)
{
	struct arena *a = arena_new(1u << 20);
	/* "Hòa" with o + U+0300, "Việt" with e + U+0323 + U+0302 */
	const char *nfd = "Ho\xcc\x80"
			  "a Vie\xcc\xa3\xcc\x82t";
	size_t n = 0;
	char *s = text_nfc(a, nfd, strlen(nfd), &n);

	CHECK_STR(s,
	    "H\xc3\xb2"
	    "a Vi\xe1\xbb\x87t");
	CHECK(n == strlen(s));
	arena_free(a);
}

static void
test_text_invalid_utf8_replaced(void)
{
	struct arena *a = arena_new(1u << 20);
	const char bad[] = { 'a', (char)0xff, 'b', 0, 'c' };
	char *s = text_nfc(a, bad, sizeof bad, NULL);

	CHECK_STR(s,
	    "a\xef\xbf\xbd"
	    "b\xef\xbf\xbd"
	    "c");
	arena_free(a);
}

static void
test_text_fold(void)
{
	struct arena *a = arena_new(1u << 20);
	const char *s = "C\xe1\xba\xa3i c\xc3\xa1"
			"ch th\xe1\xbb\xa7 t\xe1\xbb\xa5"
			"c  h\xc3\xa0nh ch\xc3\xadnh (TTHC)";
	const char *d = "\xc4\x90\xc6\xa1n v\xe1\xbb\x8b t\xc3\xadnh";

	CHECK_STR(
	    text_fold(a, s, strlen(s)), "cai cach thu tuc hanh chinh tthc");
	CHECK_STR(text_fold(a, d, strlen(d)), "don vi tinh");
	CHECK_STR(text_fold(a, "  --  ", 6), "");
	arena_free(a);
}

static void
test_doc_table_spans(void)
{
	struct arena *a = arena_new(1u << 20);
	struct doc *d = doc_new(a);
	struct doc_block *tb;
	struct doc_row *r0, *r1;
	struct doc_cell *c;
	struct buf out;

	CHECK(doc_add_page(d, DOC_METHOD_TEXT, 0, 0) != NULL);
	CHECK(doc_add_block(d, &d->blocks, DOC_HEADING,
		  "Ti\xc3\xaau \xc4\x91\xe1\xbb\x81", 10) != NULL);
	tb = doc_add_table(d, &d->blocks, 0);
	CHECK(tb != NULL);
	r0 = doc_table_add_row(d, tb->table);
	c = doc_row_add_cell(d, tb->table, r0, 0, 0, 2, 1);
	CHECK(doc_add_block(d, &c->blocks, DOC_PARAGRAPH,
		  "Trong \xc4\x91\xc3\xb3", 10) != NULL);
	CHECK(doc_cell_finish(d, c) == 0);
	c = doc_row_add_cell(d, tb->table, r0, 0, 1, 1, 2);
	CHECK(doc_add_block(d, &c->blocks, DOC_PARAGRAPH, "wide", 4) != NULL);
	CHECK(doc_cell_finish(d, c) == 0);
	r1 = doc_table_add_row(d, tb->table);
	c = doc_row_add_cell(d, tb->table, r1, 1, 1, 1, 1);
	CHECK(doc_add_block(d, &c->blocks, DOC_PARAGRAPH, "x", 1) != NULL);
	CHECK(doc_cell_finish(d, c) == 0);
	c = doc_row_add_cell(d, tb->table, r1, 1, 2, 1, 1);
	CHECK(doc_cell_finish(d, c) == 0);

	CHECK(tb->table->ncols == 3);
	CHECK(doc_table_nrows(tb->table) == 2);
	CHECK_STR(
	    doc_table_cell_at(tb->table, 1, 0)->text, "Trong \xc4\x91\xc3\xb3");
	CHECK_STR(doc_table_cell_at(tb->table, 0, 2)->text, "wide");
	CHECK_STR(doc_table_cell_at(tb->table, 1, 1)->text, "x");
	CHECK(doc_table_cell_at(tb->table, 2, 0) == NULL);

	buf_init(&out, 0);
	CHECK(doc_print(d, &out));
	CHECK(strstr(buf_str(&out), "| Trong \xc4\x91\xc3\xb3 | wide") != NULL);
	CHECK(strstr(buf_str(&out), "[p1 table 2x3]") != NULL);
	buf_fini(&out);
	arena_free(a);
}

int
main(void)
{
	RUN(test_arena_cap_refuses);
	RUN(test_arena_big_blocks_keep_head_usable);
	RUN(test_ptrvec_grows);
	RUN(test_buf_cap_is_sticky);
	RUN(test_text_nfd_becomes_nfc);
	RUN(test_text_invalid_utf8_replaced);
	RUN(test_text_fold);
	RUN(test_doc_table_spans);
	return check_done();
}
