/* SPDX-License-Identifier: MIT */
/*
 * Tables continuing over a page break.  Word and LibreOffice repeat the
 * header rows of a long table on every page (or not), and a PDF or a
 * scan then shows one table per page; the DOCX has one.  A table that
 * ends its page and one that starts the next page with the same columns
 * are joined, the repeated header rows dropped, and a row the page break
 * cut in two put back together.  A paragraph cut by the page break is
 * joined too.
 */
#include <glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "layout/layout.h"

/* Header rows compared when looking for a repeated header. */
#define JOIN_HEADER_ROWS_MAX 6
/* Column edges of the two parts may differ by this much (points). */
#define JOIN_COL_TOL 4.0

static bool
is_body(const struct doc_block *b)
{
	return b->part == DOC_PART_BODY;
}

/* Left edges of the grid's columns from single-column cells with a box;
 * NAN where no such cell exists. */
static void
col_edges(const struct doc_table *t, double *x0, double *x1)
{
	size_t r, i;
	unsigned c;

	for (c = 0; c < t->ncols; c++)
		x0[c] = x1[c] = NAN;
	for (r = 0; r < t->rows.n; r++) {
		const struct doc_row *row = t->rows.v[r];

		for (i = 0; i < row->cells.n; i++) {
			const struct doc_cell *cell = row->cells.v[i];

			if (!cell->has_box || cell->col >= t->ncols)
				continue;
			if (isnan(x0[cell->col]))
				x0[cell->col] = cell->box.x0;
			if (cell->col + cell->col_span - 1 < t->ncols &&
			    isnan(x1[cell->col + cell->col_span - 1]))
				x1[cell->col + cell->col_span - 1] =
				    cell->box.x1;
		}
	}
}

static bool
same_columns(const struct doc_table *a, const struct doc_table *b)
{
	double *ax0, *ax1, *bx0, *bx1;
	unsigned c, compared = 0;
	bool ok = true;

	if (a->ncols != b->ncols || a->ncols == 0)
		return false;
	ax0 = calloc((size_t)a->ncols * 4, sizeof *ax0);
	if (ax0 == NULL)
		return false;
	ax1 = ax0 + a->ncols;
	bx0 = ax1 + a->ncols;
	bx1 = bx0 + a->ncols;
	col_edges(a, ax0, ax1);
	col_edges(b, bx0, bx1);
	for (c = 0; c < a->ncols && ok; c++) {
		if (!isnan(ax0[c]) && !isnan(bx0[c])) {
			compared++;
			ok = fabs(ax0[c] - bx0[c]) <= JOIN_COL_TOL;
		}
		if (ok && !isnan(ax1[c]) && !isnan(bx1[c])) {
			compared++;
			ok = fabs(ax1[c] - bx1[c]) <= JOIN_COL_TOL;
		}
	}
	free(ax0);
	return ok && compared > 0;
}

static bool
rows_equal(const struct doc_row *x, const struct doc_row *y)
{
	size_t i;

	if (x->cells.n != y->cells.n)
		return false;
	for (i = 0; i < x->cells.n; i++) {
		const struct doc_cell *a = x->cells.v[i], *b = y->cells.v[i];

		if (a->col != b->col || a->col_span != b->col_span ||
		    a->row_span != b->row_span || strcmp(a->text, b->text) != 0)
			return false;
	}
	return true;
}

/* Rows at the top of `b` that repeat the top of `a`; a row span that
 * reaches past them means they are not a header. */
static size_t
repeated_header(const struct doc_table *a, const struct doc_table *b)
{
	size_t k = 0, i;

	while (k < JOIN_HEADER_ROWS_MAX && k + 1 < b->rows.n && k < a->rows.n &&
	    rows_equal(a->rows.v[k], b->rows.v[k]))
		k++;
	for (; k > 0; k--) {
		bool inside = true;
		size_t r;

		for (r = 0; r < k && inside; r++) {
			const struct doc_row *row = b->rows.v[r];

			for (i = 0; i < row->cells.n; i++) {
				const struct doc_cell *c = row->cells.v[i];

				if (c->row + c->row_span > k)
					inside = false;
			}
		}
		if (inside)
			break;
	}
	return k;
}

static bool
starts_lower(const char *s)
{
	/* A continued label goes on mid-sentence: a lower-case letter
	 * (ASCII, or the two-byte Latin and three-byte Vietnamese ranges,
	 * whose lower-case forms GLib would tell us; ASCII covers the
	 * common case and anything else is left apart). */
	return s[0] >= 'a' && s[0] <= 'z';
}

/* Whether the first row of b (after its header) is the rest of the last
 * row of a, cut by the page break. */
static bool
is_split_row(const struct doc_row *last, const struct doc_row *next)
{
	size_t i, j, filled = 0;

	if (next->cells.n == 0)
		return false;
	for (i = 0; i < next->cells.n; i++) {
		const struct doc_cell *c = next->cells.v[i];
		bool partner = false;

		if (c->text[0] == '\0')
			continue;
		if (c->col == 0 || !starts_lower(c->text))
			return false;
		for (j = 0; j < last->cells.n; j++) {
			const struct doc_cell *p = last->cells.v[j];

			if (p->col == c->col && p->col_span == c->col_span &&
			    p->text[0] != '\0')
				partner = true;
		}
		if (!partner)
			return false;
		filled++;
	}
	return filled > 0;
}

/* Appends the text of `from` to cell `to` as the continuation of its last
 * paragraph. */
static int
continue_cell(struct doc *d, struct doc_cell *to, const struct doc_cell *from)
{
	struct doc_block *last = NULL, *nb;
	struct buf b;
	size_t i;
	int rc = 0;

	for (i = to->blocks.n; i > 0; i--) {
		struct doc_block *blk = to->blocks.v[i - 1];

		if (blk->kind != DOC_TABLE) {
			last = blk;
			break;
		}
	}
	if (last == NULL || from->text[0] == '\0')
		return 0;
	buf_init(&b, 0);
	(void)buf_append(&b, last->text, last->len);
	if (b.len > 0 && b.data[b.len - 1] != '-')
		(void)buf_putc(&b, ' ');
	(void)buf_puts(&b, from->text);
	if (b.overflow) {
		buf_fini(&b);
		return -1;
	}
	{
		struct ptrvec tmp = { NULL, 0, 0 };

		nb = doc_add_block(d, &tmp, DOC_PARAGRAPH, buf_str(&b), b.len);
	}
	buf_fini(&b);
	if (nb == NULL)
		return -1;
	nb->page = last->page;
	nb->has_box = last->has_box;
	nb->box = last->box;
	nb->confidence = last->confidence;
	to->blocks.v[i - 1] = nb;
	rc = doc_cell_finish(d, to);
	return rc;
}

static int
append_rows(
    struct doc *d, struct doc_table *a, const struct doc_table *b, size_t skip)
{
	unsigned off = (unsigned)a->rows.n;
	size_t r, i;

	if (skip < b->rows.n && a->rows.n > 0 &&
	    is_split_row(a->rows.v[a->rows.n - 1], b->rows.v[skip])) {
		struct doc_row *last = a->rows.v[a->rows.n - 1];
		const struct doc_row *next = b->rows.v[skip];

		for (i = 0; i < next->cells.n; i++) {
			const struct doc_cell *c = next->cells.v[i];
			size_t j;

			for (j = 0; j < last->cells.n; j++) {
				struct doc_cell *p = last->cells.v[j];

				if (p->col == c->col &&
				    continue_cell(d, p, c) != 0)
					return -1;
			}
		}
		skip++;
	}
	off -= (unsigned)skip;
	for (r = skip; r < b->rows.n; r++) {
		struct doc_row *row = b->rows.v[r];

		for (i = 0; i < row->cells.n; i++) {
			struct doc_cell *c = row->cells.v[i];

			c->row += off;
		}
		if (ptrvec_push(&a->rows, d->arena, row) != 0)
			return -1;
	}
	return 0;
}

/*
 * Joins tables continued on the next page into the first part: for each
 * top-level table that is the last body block of its page, a table that
 * is the first body block of the next page, with the same number of
 * columns at the same positions, is appended to it (repeated header rows
 * dropped) and removed from d->blocks.  Blocks without boxes (DOCX) are
 * never joined.  Safe to call more than once.  ERR_NOMEM when the arena
 * is full.
 */
enum err
layout_join_tables(struct doc *d, struct diag *diag)
{
	size_t i, out = 0;
	size_t open = SIZE_MAX; /* index (in the compacted list) of a table
				 * that may continue */
	unsigned open_last_page = 0;
	bool body_after_open = false;

	for (i = 0; i < d->blocks.n; i++) {
		struct doc_block *b = d->blocks.v[i];

		if (!is_body(b)) {
			d->blocks.v[out++] = b;
			continue;
		}
		if (b->kind == DOC_TABLE && b->has_box && open != SIZE_MAX &&
		    !body_after_open && b->page == open_last_page + 1 &&
		    same_columns(((struct doc_block *)d->blocks.v[open])->table,
			b->table)) {
			struct doc_block *a = d->blocks.v[open];
			size_t skip = repeated_header(a->table, b->table);

			if (append_rows(d, a->table, b->table, skip) != 0)
				goto nomem;
			open_last_page = b->page;
			continue;
		}
		/* Any other body block ends the chance of a continuation. */
		if (b->kind == DOC_TABLE && b->has_box) {
			open = out;
			open_last_page = b->page;
			body_after_open = false;
		} else if (open != SIZE_MAX)
			body_after_open = true;
		d->blocks.v[out++] = b;
	}
	d->blocks.n = out;
	return ERR_OK;
nomem:
	d->blocks.n = out;
	return diag_set(diag, ERR_NOMEM, "joining tables: out of memory");
}

/* A paragraph that stops mid-sentence: no closing punctuation. */
static bool
ends_open(const char *t, size_t len)
{
	while (len > 0 && (t[len - 1] == ' ' || t[len - 1] == '\n'))
		len--;
	if (len == 0)
		return false;
	/* ";" ends list items, but a sentence goes on after it too, and
	 * the next page starting in lower case decides. */
	return strchr(".!?:)\"", t[len - 1]) == NULL &&
	    !(len >= 3 && memcmp(t + len - 3, "\xe2\x80\x9d", 3) == 0);
}

static bool
starts_lowercase(const char *t, size_t len)
{
	gunichar c;

	if (len == 0)
		return false;
	c = g_utf8_get_char_validated(t, (gssize)len);
	if (c == (gunichar)-1 || c == (gunichar)-2)
		return false;
	/* "a) ..." and "b. ..." are items, not continuations. */
	if (len >= 2 && (t[1] == ')' || t[1] == '.'))
		return false;
	return g_unichar_islower(c);
}

/*
 * Joins a paragraph cut by a page break: the last body paragraph of a
 * page that ends without closing punctuation, and the first body
 * paragraph of the next page when it starts in lower case, become one
 * paragraph on the first page.  Only blocks with boxes (PDF, OCR) are
 * joined.  Safe to call more than once.
 */
enum err
layout_join_paragraphs(struct doc *d, struct diag *diag)
{
	size_t i, out = 0;
	size_t last = SIZE_MAX; /* compacted index of the page's last body
				 * block */

	for (i = 0; i < d->blocks.n; i++) {
		struct doc_block *b = d->blocks.v[i];
		struct doc_block *a =
		    last != SIZE_MAX ? d->blocks.v[last] : NULL;

		if (!is_body(b)) {
			d->blocks.v[out++] = b;
			continue;
		}
		if (a != NULL && a->kind == DOC_PARAGRAPH &&
		    b->kind == DOC_PARAGRAPH && a->has_box && b->has_box &&
		    b->page == a->page + 1 && a->list_label == NULL &&
		    b->list_label == NULL && ends_open(a->text, a->len) &&
		    starts_lowercase(b->text, b->len)) {
			struct buf t;
			struct doc_block *nb;
			struct ptrvec tmp = { NULL, 0, 0 };

			buf_init(&t, 0);
			(void)buf_append(&t, a->text, a->len);
			if (!(a->len >= 2 && a->text[a->len - 1] == '-' &&
				a->text[a->len - 2] != ' '))
				(void)buf_putc(&t, ' ');
			(void)buf_append(&t, b->text, b->len);
			nb = t.overflow ? NULL
					: doc_add_block(d, &tmp, DOC_PARAGRAPH,
					      buf_str(&t), t.len);
			buf_fini(&t);
			if (nb == NULL) {
				d->blocks.n = out;
				return diag_set(diag, ERR_NOMEM,
				    "joining paragraphs: out of memory");
			}
			nb->part = a->part;
			nb->page = a->page;
			nb->has_box = true;
			nb->box = a->box;
			nb->confidence = a->confidence;
			if (a->confidence >= 0 && b->confidence >= 0)
				nb->confidence =
				    (a->confidence + b->confidence) / 2;
			d->blocks.v[last] = nb;
			/* The joined paragraph may go on to a third page. */
			continue;
		}
		last = out;
		d->blocks.v[out++] = b;
	}
	d->blocks.n = out;
	return ERR_OK;
}
