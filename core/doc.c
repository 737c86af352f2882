/* SPDX-License-Identifier: MIT */
/* Building and walking the document model. */
#include "core/doc.h"

#include <string.h>

#include "core/buf.h"
#include "core/text.h"

struct doc *
doc_new(struct arena *a)
{
	struct doc *d = arena_alloc(a, sizeof *d);

	if (d != NULL)
		d->arena = a;
	return d;
}

struct doc_page *
doc_add_page(struct doc *d, enum doc_method m, double width, double height)
{
	struct doc_page *p = arena_alloc(d->arena, sizeof *p);

	if (p == NULL)
		return NULL;
	p->n = (unsigned)d->pages.n + 1;
	p->method = m;
	p->confidence = -1.0f;
	p->width = width;
	p->height = height;
	if (ptrvec_push(&d->pages, d->arena, p) != 0)
		return NULL;
	return p;
}

struct doc_page *
doc_page_get(const struct doc *d, unsigned n)
{
	if (n == 0 || n > d->pages.n)
		return NULL;
	return d->pages.v[n - 1];
}

static struct doc_block *
doc_block_alloc(struct doc *d, struct ptrvec *list, enum doc_kind kind)
{
	struct doc_block *b = arena_alloc(d->arena, sizeof *b);

	if (b == NULL)
		return NULL;
	b->kind = kind;
	b->text = "";
	b->page = 1;
	b->confidence = -1.0f;
	if (ptrvec_push(list, d->arena, b) != 0)
		return NULL;
	return b;
}

struct doc_block *
doc_add_block(struct doc *d, struct ptrvec *list, enum doc_kind kind,
    const char *text, size_t len)
{
	struct doc_block *b;
	size_t n = 0;
	char *t;

	t = text_nfc(
	    d->arena, text != NULL ? text : "", text != NULL ? len : 0, &n);
	if (t == NULL)
		return NULL;
	b = doc_block_alloc(d, list, kind);
	if (b == NULL)
		return NULL;
	b->text = t;
	b->len = n;
	return b;
}

struct doc_block *
doc_add_table(struct doc *d, struct ptrvec *list, unsigned depth)
{
	struct doc_block *b = doc_block_alloc(d, list, DOC_TABLE);

	if (b == NULL)
		return NULL;
	b->table = arena_alloc(d->arena, sizeof *b->table);
	if (b->table == NULL)
		return NULL;
	b->table->depth = depth;
	return b;
}

struct doc_row *
doc_table_add_row(struct doc *d, struct doc_table *t)
{
	struct doc_row *r = arena_alloc(d->arena, sizeof *r);

	if (r == NULL || ptrvec_push(&t->rows, d->arena, r) != 0)
		return NULL;
	return r;
}

struct doc_cell *
doc_row_add_cell(struct doc *d, struct doc_table *t, struct doc_row *r,
    unsigned row, unsigned col, unsigned row_span, unsigned col_span)
{
	struct doc_cell *c = arena_alloc(d->arena, sizeof *c);

	if (c == NULL || ptrvec_push(&r->cells, d->arena, c) != 0)
		return NULL;
	c->row = row;
	c->col = col;
	c->row_span = row_span > 0 ? row_span : 1;
	c->col_span = col_span > 0 ? col_span : 1;
	c->text = "";
	c->confidence = -1.0f;
	if (col + c->col_span > t->ncols)
		t->ncols = col + c->col_span;
	return c;
}

int
doc_cell_finish(struct doc *d, struct doc_cell *c)
{
	struct buf b;
	size_t i;
	int rc = 0;

	buf_init(&b, 0);
	for (i = 0; i < c->blocks.n; i++) {
		const struct doc_block *blk = c->blocks.v[i];

		if (blk->kind == DOC_TABLE)
			continue;
		if (b.len > 0)
			(void)buf_putc(&b, '\n');
		(void)buf_append(&b, blk->text, blk->len);
	}
	if (b.overflow)
		rc = -1;
	else {
		char *t = arena_strndup(d->arena, buf_str(&b), b.len);

		if (t == NULL)
			rc = -1;
		else
			c->text = t;
	}
	buf_fini(&b);
	return rc;
}

unsigned
doc_table_nrows(const struct doc_table *t)
{
	return (unsigned)t->rows.n;
}

const struct doc_cell *
doc_table_cell_at(const struct doc_table *t, unsigned row, unsigned col)
{
	size_t r, i;

	if (row >= t->rows.n)
		return NULL;
	/* A cell covering (row, col) starts at or above `row`. */
	for (r = 0; r <= row; r++) {
		const struct doc_row *rw = t->rows.v[row - r];

		for (i = 0; i < rw->cells.n; i++) {
			const struct doc_cell *c = rw->cells.v[i];

			if (c->row <= row && row < c->row + c->row_span &&
			    c->col <= col && col < c->col + c->col_span)
				return c;
		}
	}
	return NULL;
}

const char *
doc_kind_name(enum doc_kind k)
{
	switch (k) {
	case DOC_PARAGRAPH:
		return "paragraph";
	case DOC_HEADING:
		return "heading";
	case DOC_LIST_ITEM:
		return "list-item";
	case DOC_TABLE:
		return "table";
	}
	return "?";
}

const char *
doc_part_name(enum doc_part p)
{
	switch (p) {
	case DOC_PART_BODY:
		return "body";
	case DOC_PART_HEADER:
		return "header";
	case DOC_PART_FOOTER:
		return "footer";
	case DOC_PART_FOOTNOTE:
		return "footnote";
	case DOC_PART_TEXTBOX:
		return "textbox";
	}
	return "?";
}

const char *
doc_method_name(enum doc_method m)
{
	return m == DOC_METHOD_OCR ? "ocr" : "text";
}
