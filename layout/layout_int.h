/* SPDX-License-Identifier: MIT */
/*
 * Internals of the layout module shared by its files: the per-page
 * working set (words grouped into lines and segments), tables under
 * construction, and the text helpers that join words.  Scratch memory is
 * malloc'ed per page and freed before layout_page() returns; only the
 * finished blocks go into the document's arena.
 */
#ifndef LAYOUT_LAYOUT_INT_H
#define LAYOUT_LAYOUT_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"
#include "core/doc.h"
#include "core/err.h"
#include "core/limits.h"
#include "layout/layout.h"

/* Nesting of the recursive reading-order cut; past it a region is read
 * top to bottom, left to right. */
#define LO_XYCUT_DEPTH_MAX 48

struct lo_word {
	const char *text;
	size_t len;
	struct doc_box b;
	float conf;
	double size; /* font size in points (estimated for OCR) */
	bool bold;
	bool used; /* taken by a table */
	size_t line;
};

/* Words on one baseline, left to right: pg->ord[first .. first + n). */
struct lo_line {
	size_t first, n;
	struct doc_box b;
};

/* A run of words on one line with ordinary spacing between them. */
struct lo_seg {
	size_t first, n; /* into pg->ord, like a line */
	size_t line;
	struct doc_box b;
	double size;
	bool bold; /* every word bold */
	bool used; /* taken by an unruled table */
};

struct lo_cell {
	unsigned row, col, rspan, cspan;
	struct doc_box b;
	struct buf text;
	double conf_sum;
	size_t nconf;
};

struct lo_table {
	struct doc_box b;
	unsigned nrows, ncols;
	struct lo_cell *cells;
	size_t ncells;
};

struct lo_page {
	const struct layout_page_in *in;
	const struct limits *lim;
	struct diag *diag;
	bool ocr; /* sizes are estimates */

	struct lo_word *w;
	size_t nw;
	size_t *ord; /* word indices, line by line, left to right */

	struct lo_line *lines;
	size_t nlines;
	struct lo_seg *segs;
	size_t nsegs;

	struct lo_table *tables;
	size_t ntables, tables_cap;

	double em;          /* body font size */
	double left, right; /* body text margins */
};

/* Box helpers. */
double lo_box_w(const struct doc_box *);
double lo_box_h(const struct doc_box *);
void lo_box_union(struct doc_box *, const struct doc_box *);
double lo_overlap(double a0, double a1, double b0, double b1);

/* Appends a word to `b`: a space before it unless `b` is empty or the
 * previous line ended in a hyphen that glues (see lo_glues()). */
void lo_put_word(struct buf *b, const char *t, size_t len, bool *glue);
/* True when a line ending in this word continues without a space on the
 * next line: a code broken after its hyphen ("KH-" + "UBND"). */
bool lo_glues(const char *t, size_t len);

/*
 * Appends the text of the words `idx[0..n)` (indices into pg->w) to `out`:
 * grouped into lines by position, lines top to bottom, words left to
 * right, lines joined by a space or glued after a code hyphen.  `width`
 * is the width of the cell the words fill (0 when unknown): a line that
 * is one word filling it was a word too long for the cell, broken by
 * the line and glued back to the next ("phận/ngư" + "ời").  Sorts `idx`
 * in place.  Adds the words' OCR confidences to *conf_sum and *nconf.
 */
void lo_words_text(const struct lo_page *pg, size_t *idx, size_t n,
    double width, struct buf *out, double *conf_sum, size_t *nconf);

/* A new table of nrows x ncols in pg->tables; NULL on ENOMEM or when a
 * cap is passed (diag set). */
struct lo_table *lo_table_new(
    struct lo_page *pg, unsigned nrows, unsigned ncols, size_t ncells);
void lo_table_fini(struct lo_table *);

/* Tables from ruling lines: marks the words they take as used. */
enum err lo_ruled_tables(struct lo_page *pg);
/* Tables from column alignment among the free segments: marks the
 * segments they take as used. */
enum err lo_aligned_tables(struct lo_page *pg);

/* Writes a finished table as a DOC_TABLE block. */
enum err lo_emit_table(
    struct lo_page *pg, struct doc *d, const struct lo_table *t);

#endif
