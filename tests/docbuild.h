/* SPDX-License-Identifier: MIT */
/*
 * Builds a document model from plain text, for mapping tests and the
 * mapping fuzz harness:
 *   - each line is a paragraph on the current page;
 *   - consecutive lines containing '|' are the rows of one table, cells
 *     separated by '|'; a cell "^" continues the cell above it (a
 *     vertical merge), "<" the cell to its left (a horizontal merge);
 *     "\n" (backslash, n) in a cell is a line break;
 *   - a line "--page--" starts a new page (and ends a table);
 *   - a line "--end--" ends a table, so two tables can follow each other.
 * Bounded: at most 64 columns and 2000 rows per table; longer input is
 * cut.  Returns NULL when the arena is exhausted.
 */
#ifndef TESTS_DOCBUILD_H
#define TESTS_DOCBUILD_H

#include <stdint.h>
#include <string.h>

#include "core/arena.h"
#include "core/doc.h"

#define DOCBUILD_COLS_MAX 64
#define DOCBUILD_ROWS_MAX 2000

static int
docbuild_cell(struct doc *d, struct doc_table *t, struct doc_row *row,
    unsigned r, unsigned c, const char *s, size_t n)
{
	struct doc_cell *cell;
	const char *p = s, *end = s + n;

	/* Trim spaces around the cell text. */
	while (p < end && *p == ' ')
		p++;
	while (end > p && end[-1] == ' ')
		end--;
	if (end - p == 1 && *p == '^' && r > 0) {
		struct doc_cell *up =
		    (struct doc_cell *)(uintptr_t)doc_table_cell_at(
			t, r - 1, c);

		if (up != NULL && up->col == c && up->row + up->row_span == r) {
			up->row_span++;
			return 0;
		}
	}
	if (end - p == 1 && *p == '<' && c > 0) {
		struct doc_cell *left =
		    (struct doc_cell *)(uintptr_t)doc_table_cell_at(
			t, r, c - 1);

		if (left != NULL && left->row == r &&
		    left->col + left->col_span == c) {
			left->col_span++;
			if (c + 1 > t->ncols)
				t->ncols = c + 1;
			return 0;
		}
	}
	cell = doc_row_add_cell(d, t, row, r, c, 1, 1);
	if (cell == NULL)
		return -1;
	/* One paragraph per "\n"-separated part. */
	for (;;) {
		const char *q = p;

		while (q + 1 < end && !(q[0] == '\\' && q[1] == 'n'))
			q++;
		if (q + 1 >= end)
			q = end;
		if (q > p &&
		    doc_add_block(d, &cell->blocks, DOC_PARAGRAPH, p,
			(size_t)(q - p)) == NULL)
			return -1;
		if (q >= end)
			break;
		p = q + 2;
	}
	return doc_cell_finish(d, cell);
}

static struct doc *
docbuild(struct arena *a, const char *text, size_t len)
{
	struct doc *d = doc_new(a);
	struct doc_table *t = NULL;
	const char *p = text, *end = text + len;
	unsigned page = 1, nrows = 0;

	if (d == NULL || doc_add_page(d, DOC_METHOD_TEXT, 595, 842) == NULL)
		return NULL;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl != NULL ? nl : end;
		size_t n = (size_t)(e - p);

		if (n == 8 && memcmp(p, "--page--", 8) == 0) {
			if (doc_add_page(d, DOC_METHOD_TEXT, 595, 842) == NULL)
				return NULL;
			page++;
			t = NULL;
		} else if (n == 7 && memcmp(p, "--end--", 7) == 0) {
			t = NULL;
		} else if (memchr(p, '|', n) != NULL) {
			struct doc_row *row;
			const char *c = p;
			unsigned col = 0;

			if (t == NULL) {
				struct doc_block *b =
				    doc_add_table(d, &d->blocks, 0);

				if (b == NULL)
					return NULL;
				b->page = page;
				t = b->table;
				nrows = 0;
			}
			if (nrows >= DOCBUILD_ROWS_MAX) {
				p = nl != NULL ? nl + 1 : end;
				continue;
			}
			row = doc_table_add_row(d, t);
			if (row == NULL)
				return NULL;
			while (c <= e && col < DOCBUILD_COLS_MAX) {
				const char *bar =
				    memchr(c, '|', (size_t)(e - c));
				const char *ce = bar != NULL ? bar : e;

				if (docbuild_cell(d, t, row, nrows, col, c,
					(size_t)(ce - c)) != 0)
					return NULL;
				col++;
				if (bar == NULL)
					break;
				c = bar + 1;
			}
			nrows++;
		} else {
			struct doc_block *b;

			t = NULL;
			if (n > 0) {
				b = doc_add_block(
				    d, &d->blocks, DOC_PARAGRAPH, p, n);
				if (b == NULL)
					return NULL;
				b->page = page;
			}
		}
		p = nl != NULL ? nl + 1 : end;
	}
	return d;
}

#endif
