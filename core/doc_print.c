/* SPDX-License-Identifier: MIT */
/*
 * Model dump.  Blocks print one per line with their kind, page and
 * source; tables print as box-drawn grids in which a merged cell spans
 * its columns and rows (no rule is drawn through it), and a nested
 * table prints after its parent, indented, with the cell it sits in.
 */
#include "core/doc_print.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"

#define CELL_WIDTH_MAX  36
#define PRINT_DEPTH_MAX 32

static void print_blocks(const struct ptrvec *blocks, struct buf *out,
    unsigned indent, unsigned depth);

static void
put_indent(struct buf *out, unsigned indent)
{
	unsigned i;

	for (i = 0; i < indent; i++)
		(void)buf_putc(out, ' ');
}

/* Byte length of the prefix of `s` that fits in `width` columns, broken
 * at a space where one is near, stopping at a newline. */
static size_t
wrap_prefix(const char *s, size_t len, size_t width, size_t *skip)
{
	size_t i = 0, w = 0, last_space = 0;

	*skip = 0;
	while (i < len) {
		size_t cl = 1;
		unsigned char ch = (unsigned char)s[i];

		if (ch == '\n') {
			*skip = 1;
			return i;
		}
		if (ch >= 0xF0)
			cl = 4;
		else if (ch >= 0xE0)
			cl = 3;
		else if (ch >= 0xC0)
			cl = 2;
		if (cl > len - i)
			cl = len - i;
		if (w + text_width(s + i, cl) > width) {
			if (last_space > 0) {
				*skip = 1;
				return last_space;
			}
			return i;
		}
		w += text_width(s + i, cl);
		if (ch == ' ')
			last_space = i;
		i += cl;
	}
	return len;
}

/* Number of wrapped lines of `s` in `width` columns. */
static unsigned
count_lines(const char *s, size_t width)
{
	size_t len = strlen(s), off = 0, skip;
	unsigned n = 0;

	if (len == 0)
		return 1;
	while (off < len) {
		size_t k = wrap_prefix(s + off, len - off, width, &skip);

		if (k == 0 && skip == 0)
			k = 1; /* a character wider than the column */
		off += k + skip;
		n++;
	}
	return n;
}

/* Line `line` of `s` wrapped to `width`, padded to `width` columns. */
static void
put_line(struct buf *out, const char *s, size_t width, unsigned line)
{
	size_t len = strlen(s), off = 0, skip, k = 0, w;
	unsigned n = 0;

	while (off < len) {
		k = wrap_prefix(s + off, len - off, width, &skip);
		if (k == 0 && skip == 0)
			k = 1;
		if (n == line)
			break;
		off += k + skip;
		n++;
	}
	if (off >= len || n != line) {
		k = 0;
		off = len;
	}
	(void)buf_append(out, s + off, k);
	for (w = text_width(s + off, k); w < width; w++)
		(void)buf_putc(out, ' ');
}

struct grid {
	const struct doc_table *t;
	unsigned nrows, ncols;
	const struct doc_cell **at; /* nrows * ncols, NULL for holes */
	size_t *colw;
};

static size_t
span_width(const struct grid *g, unsigned col, unsigned span)
{
	size_t w = 0;
	unsigned i;

	for (i = col; i < col + span && i < g->ncols; i++)
		w += g->colw[i] + (i > col ? 3 : 0);
	return w;
}

static int
grid_init(struct grid *g, const struct doc_table *t)
{
	unsigned r, c;

	g->t = t;
	g->nrows = doc_table_nrows(t);
	g->ncols = t->ncols;
	g->at = calloc((size_t)g->nrows * g->ncols + 1, sizeof *g->at);
	g->colw = calloc((size_t)g->ncols + 1, sizeof *g->colw);
	if (g->at == NULL || g->colw == NULL)
		return -1;
	for (r = 0; r < g->nrows; r++) {
		const struct doc_row *row = t->rows.v[r];
		size_t i;

		for (i = 0; i < row->cells.n; i++) {
			const struct doc_cell *cell = row->cells.v[i];
			unsigned rr, cc;

			for (rr = cell->row;
			     rr < cell->row + cell->row_span && rr < g->nrows;
			     rr++)
				for (cc = cell->col;
				     cc < cell->col + cell->col_span &&
				     cc < g->ncols;
				     cc++)
					g->at[(size_t)rr * g->ncols + cc] =
					    cell;
		}
	}
	for (c = 0; c < g->ncols; c++)
		g->colw[c] = 1;
	/* Widths from single-column cells first, then widen the last
	 * column of a span if the span is still too narrow. */
	for (r = 0; r < g->nrows; r++)
		for (c = 0; c < g->ncols; c++) {
			const struct doc_cell *cell =
			    g->at[(size_t)r * g->ncols + c];
			size_t w;

			if (cell == NULL || cell->col_span != 1)
				continue;
			w = text_width(cell->text, strlen(cell->text));
			if (w > CELL_WIDTH_MAX)
				w = CELL_WIDTH_MAX;
			if (w > g->colw[c])
				g->colw[c] = w;
		}
	for (r = 0; r < g->nrows; r++)
		for (c = 0; c < g->ncols; c++) {
			const struct doc_cell *cell =
			    g->at[(size_t)r * g->ncols + c];
			size_t w, have;
			unsigned last;

			if (cell == NULL || cell->col_span == 1 ||
			    cell->col != c || cell->row != r)
				continue;
			w = text_width(cell->text, strlen(cell->text));
			if (w > CELL_WIDTH_MAX)
				w = CELL_WIDTH_MAX;
			have = span_width(g, c, cell->col_span);
			last = c + cell->col_span - 1;
			if (last >= g->ncols)
				last = g->ncols - 1;
			if (w > have)
				g->colw[last] += w - have;
		}
	return 0;
}

static void
grid_fini(struct grid *g)
{
	free(g->at);
	free(g->colw);
}

static const struct doc_cell *
grid_at(const struct grid *g, unsigned r, unsigned c)
{
	if (r >= g->nrows || c >= g->ncols)
		return NULL;
	return g->at[(size_t)r * g->ncols + c];
}

/* The rule above row `r` (r == nrows for the bottom rule). */
static void
put_rule(struct buf *out, const struct grid *g, unsigned r, unsigned indent)
{
	unsigned c;
	size_t w;

	put_indent(out, indent);
	(void)buf_putc(out, '+');
	for (c = 0; c < g->ncols; c++) {
		const struct doc_cell *above =
		    r > 0 ? grid_at(g, r - 1, c) : NULL;
		const struct doc_cell *below = grid_at(g, r, c);
		bool through = above != NULL && above == below;
		const struct doc_cell *next_below = grid_at(g, r, c + 1);
		const struct doc_cell *next_above =
		    r > 0 ? grid_at(g, r - 1, c + 1) : NULL;

		for (w = 0; w < g->colw[c] + 2; w++)
			(void)buf_putc(out, through ? ' ' : '-');
		if (c + 1 < g->ncols && below != NULL && below == next_below &&
		    above == next_above && above != NULL)
			(void)buf_putc(out, through ? ' ' : '-');
		else
			(void)buf_putc(out, through ? '|' : '+');
	}
	(void)buf_putc(out, '\n');
}

static void
put_row(struct buf *out, const struct grid *g, unsigned r, unsigned indent)
{
	unsigned c, lines = 1, l;

	for (c = 0; c < g->ncols; c++) {
		const struct doc_cell *cell = grid_at(g, r, c);
		unsigned n;

		if (cell == NULL || cell->row != r || cell->col != c)
			continue;
		n = count_lines(cell->text, span_width(g, c, cell->col_span));
		if (cell->row_span > 1)
			n = (n + cell->row_span - 1) / cell->row_span;
		if (n > lines)
			lines = n;
	}
	for (l = 0; l < lines; l++) {
		put_indent(out, indent);
		(void)buf_putc(out, '|');
		for (c = 0; c < g->ncols;) {
			const struct doc_cell *cell = grid_at(g, r, c);
			unsigned span =
			    cell != NULL && cell->col == c ? cell->col_span : 1;
			size_t w = span_width(g, c, span);

			(void)buf_putc(out, ' ');
			if (cell == NULL)
				put_line(out, "", w, 0);
			else {
				/* A row-spanning cell continues its text
				 * in the rows it covers. */
				unsigned first = 0, rr;

				for (rr = cell->row; rr < r; rr++)
					first += 1; /* approximate: one
						     * line per row above */
				put_line(out, cell->text, w,
				    cell->row == r ? l : first + l);
			}
			(void)buf_puts(out, " |");
			c += span > 0 ? span : 1;
		}
		(void)buf_putc(out, '\n');
	}
}

static void
print_table(
    const struct doc_table *t, struct buf *out, unsigned indent, unsigned depth)
{
	struct grid g;
	unsigned r;

	memset(&g, 0, sizeof g);
	if (depth > PRINT_DEPTH_MAX || grid_init(&g, t) != 0) {
		put_indent(out, indent);
		(void)buf_puts(out, "[table not printed]\n");
		grid_fini(&g);
		return;
	}
	if (g.ncols == 0) {
		put_indent(out, indent);
		(void)buf_puts(out, "[empty table]\n");
		grid_fini(&g);
		return;
	}
	for (r = 0; r < g.nrows; r++) {
		put_rule(out, &g, r, indent);
		put_row(out, &g, r, indent);
	}
	put_rule(out, &g, g.nrows, indent);
	/* Nested tables after the grid, with the cell they sit in. */
	for (r = 0; r < g.nrows; r++) {
		const struct doc_row *row = t->rows.v[r];
		size_t i, j;

		for (i = 0; i < row->cells.n; i++) {
			const struct doc_cell *cell = row->cells.v[i];

			for (j = 0; j < cell->blocks.n; j++) {
				const struct doc_block *b = cell->blocks.v[j];

				if (b->kind != DOC_TABLE)
					continue;
				put_indent(out, indent + 2);
				(void)buf_printf(out,
				    "nested table in cell r%u c%u:\n",
				    cell->row + 1, cell->col + 1);
				print_table(
				    b->table, out, indent + 4, depth + 1);
			}
		}
	}
	grid_fini(&g);
}

static void
print_block(
    const struct doc_block *b, struct buf *out, unsigned indent, unsigned depth)
{
	put_indent(out, indent);
	(void)buf_printf(out, "[p%u %s", b->page, doc_kind_name(b->kind));
	if (b->kind == DOC_HEADING || b->kind == DOC_LIST_ITEM)
		(void)buf_printf(out, " %u", b->level);
	if (b->part != DOC_PART_BODY)
		(void)buf_printf(out, " %s", doc_part_name(b->part));
	if (b->confidence >= 0)
		(void)buf_printf(out, " conf=%.2f", (double)b->confidence);
	if (b->kind == DOC_TABLE)
		(void)buf_printf(
		    out, " %ux%u", doc_table_nrows(b->table), b->table->ncols);
	(void)buf_puts(out, "]");
	if (b->list_label != NULL)
		(void)buf_printf(out, " %s", b->list_label);
	if (b->kind == DOC_TABLE) {
		(void)buf_putc(out, '\n');
		print_table(b->table, out, indent, depth + 1);
		return;
	}
	(void)buf_putc(out, ' ');
	(void)buf_append(out, b->text, b->len);
	(void)buf_putc(out, '\n');
}

static void
print_blocks(const struct ptrvec *blocks, struct buf *out, unsigned indent,
    unsigned depth)
{
	size_t i;

	for (i = 0; i < blocks->n; i++)
		print_block(blocks->v[i], out, indent, depth);
}

bool
doc_print(const struct doc *d, struct buf *out)
{
	size_t i;

	for (i = 0; i < d->pages.n; i++) {
		const struct doc_page *p = d->pages.v[i];

		(void)buf_printf(
		    out, "page %u: %s", p->n, doc_method_name(p->method));
		if (p->confidence >= 0)
			(void)buf_printf(
			    out, " conf=%.2f", (double)p->confidence);
		if (p->width > 0)
			(void)buf_printf(
			    out, " %.0fx%.0fpt", p->width, p->height);
		(void)buf_putc(out, '\n');
	}
	print_blocks(&d->blocks, out, 0, 0);
	return !out->overflow;
}
