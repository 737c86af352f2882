/* SPDX-License-Identifier: MIT */
/*
 * Table spans for WordprocessingML.
 *
 * Format notes: ECMA-376 Part 1, 17.4.  A row's cells take grid columns
 * left to right after w:gridBefore; w:gridSpan widens a cell; a cell
 * with w:vMerge (no val, or "continue") merges into the cell above that
 * starts at the same grid column, which then spans one more row.  A
 * continuation with nothing above to join becomes a cell of its own, as
 * Word shows it.  Legacy w:hMerge continuations widen the cell before.
 */
#include "parsers/docx_table.h"

#include <stdlib.h>
#include <string.h>

struct docx_table {
	struct doc *doc;
	struct doc_block *block;
	struct doc_table *t;
	const struct limits *lim;
	const char *part;
	unsigned index;
	struct doc_row *row;
	unsigned nrows;        /* rows started */
	unsigned col;          /* next free grid column in the current row */
	struct doc_cell *last; /* the current row's last cell */
	/* The cell covering each grid column in the previous row and in
	 * this one, for w:vMerge. */
	struct doc_cell **above, **here;
	unsigned cap;
};

struct docx_table *
docx_table_begin(struct doc *d, struct ptrvec *list, unsigned depth,
    unsigned index, const char *part, const struct limits *lim,
    struct diag *diag)
{
	struct docx_table *tb = calloc(1, sizeof *tb);

	if (tb == NULL) {
		diag_set(diag, ERR_NOMEM, "out of memory");
		return NULL;
	}
	tb->doc = d;
	tb->lim = lim;
	tb->part = part;
	tb->index = index;
	tb->block = doc_add_table(d, list, depth);
	if (tb->block == NULL) {
		free(tb);
		diag_set(diag, ERR_NOMEM,
		    "%s: the document model is larger than the memory limit",
		    part);
		return NULL;
	}
	tb->t = tb->block->table;
	return tb;
}

struct doc_block *
docx_table_block(struct docx_table *tb)
{
	return tb->block;
}

enum err
docx_table_row(struct docx_table *tb, struct diag *diag)
{
	struct doc_cell **swap;

	if (tb->nrows >= tb->lim->table_rows_max)
		return diag_set(diag, ERR_LIMIT,
		    "%s: table %u has more than %u rows, the limit", tb->part,
		    tb->index, tb->lim->table_rows_max);
	tb->row = doc_table_add_row(tb->doc, tb->t);
	if (tb->row == NULL)
		return diag_set(diag, ERR_NOMEM,
		    "%s: the document model is larger than the memory limit",
		    tb->part);
	tb->nrows++;
	tb->col = 0;
	tb->last = NULL;
	swap = tb->above;
	tb->above = tb->here;
	tb->here = swap;
	if (tb->here != NULL)
		memset(tb->here, 0, tb->cap * sizeof *tb->here);
	return ERR_OK;
}

void
docx_table_grid_before(struct docx_table *tb, unsigned ncols)
{
	if (tb->row != NULL && tb->last == NULL &&
	    ncols <= tb->lim->table_cols_max)
		tb->col = ncols;
}

/* Makes room for grid columns [0, n) in the two column maps. */
static bool
docx_table_reserve(struct docx_table *tb, unsigned n)
{
	struct doc_cell **a, **h;
	unsigned ncap;

	if (n <= tb->cap)
		return true;
	ncap = tb->cap == 0 ? 16 : tb->cap;
	while (ncap < n)
		ncap *= 2;
	a = calloc(ncap, sizeof *a);
	h = calloc(ncap, sizeof *h);
	if (a == NULL || h == NULL) {
		free(a);
		free(h);
		return false;
	}
	if (tb->cap > 0) {
		memcpy(a, tb->above, tb->cap * sizeof *a);
		memcpy(h, tb->here, tb->cap * sizeof *h);
	}
	free(tb->above);
	free(tb->here);
	tb->above = a;
	tb->here = h;
	tb->cap = ncap;
	return true;
}

enum err
docx_table_cell(struct docx_table *tb, unsigned span, enum docx_merge vmerge,
    enum docx_merge hmerge, struct ptrvec **blocks, struct diag *diag)
{
	const struct limits *lim = tb->lim;
	struct doc_cell *c = NULL, *up;
	unsigned i, row;

	*blocks = NULL;
	if (tb->row == NULL) {
		/* A cell outside any row: give it one. */
		enum err e = docx_table_row(tb, diag);

		if (e != ERR_OK)
			return e;
	}
	if (span == 0)
		span = 1;
	if (span > lim->table_cols_max || tb->col > lim->table_cols_max - span)
		return diag_set(diag, ERR_LIMIT,
		    "%s: table %u has more than %u columns, the limit",
		    tb->part, tb->index, lim->table_cols_max);
	if (!docx_table_reserve(tb, tb->col + span))
		return diag_set(diag, ERR_NOMEM, "out of memory");
	row = tb->nrows - 1;
	if (hmerge == DOCX_MERGE_CONTINUE && tb->last != NULL &&
	    tb->last->row == row) {
		/* Legacy horizontal merge: the previous cell widens. */
		c = tb->last;
		c->col_span += span;
		if (c->col + c->col_span > tb->t->ncols)
			tb->t->ncols = c->col + c->col_span;
	} else if (vmerge == DOCX_MERGE_CONTINUE &&
	    (up = tb->above[tb->col]) != NULL && up->col == tb->col) {
		c = up;
		if (row - c->row + 1 > c->row_span)
			c->row_span = row - c->row + 1;
	} else {
		c = doc_row_add_cell(
		    tb->doc, tb->t, tb->row, row, tb->col, 1, span);
		if (c == NULL)
			return diag_set(diag, ERR_NOMEM,
			    "%s: the document model is larger than the memory "
			    "limit",
			    tb->part);
	}
	for (i = 0; i < span; i++)
		tb->here[tb->col + i] = c;
	tb->col += span;
	tb->last = c;
	*blocks = &c->blocks;
	return ERR_OK;
}

void
docx_table_free(struct docx_table *tb)
{
	if (tb == NULL)
		return;
	free(tb->above);
	free(tb->here);
	free(tb);
}

enum err
docx_table_end(struct docx_table *tb, struct diag *diag)
{
	size_t r, i;
	enum err e = ERR_OK;

	for (r = 0; r < tb->t->rows.n && e == ERR_OK; r++) {
		struct doc_row *rw = tb->t->rows.v[r];

		for (i = 0; i < rw->cells.n; i++) {
			if (doc_cell_finish(tb->doc, rw->cells.v[i]) != 0) {
				e = diag_set(diag, ERR_NOMEM,
				    "%s: the document model is larger than the "
				    "memory limit",
				    tb->part);
				break;
			}
		}
	}
	docx_table_free(tb);
	return e;
}
