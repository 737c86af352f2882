/* SPDX-License-Identifier: MIT */
/*
 * The document model: the one contract between the parsers (DOCX, PDF,
 * OCR) and everything after them.  A document is pages plus blocks in
 * reading order; a block is a heading, paragraph, list item or table; a
 * table is rows of cells with row and column spans, and a cell holds
 * blocks of its own, so nested tables are kept.  Every block says where
 * it came from (page, box where the format has one, OCR confidence).
 *
 * All memory belongs to the document's arena.  Text is UTF-8 in NFC.
 */
#ifndef CORE_DOC_H
#define CORE_DOC_H

#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"
#include "core/err.h"

enum doc_kind {
	DOC_PARAGRAPH,
	DOC_HEADING,
	DOC_LIST_ITEM,
	DOC_TABLE,
};

/* Which part of the source a block comes from. */
enum doc_part {
	DOC_PART_BODY,
	DOC_PART_HEADER, /* page header (DOCX header part, PDF running head) */
	DOC_PART_FOOTER,
	DOC_PART_FOOTNOTE,
	DOC_PART_TEXTBOX, /* text box or shape text anchored in the body */
};

/* How a page's text was obtained. */
enum doc_method {
	DOC_METHOD_TEXT, /* the format's own text (DOCX, PDF text layer) */
	DOC_METHOD_OCR,
};

/* A rectangle in PDF points (1/72 in), origin at the page's top left. */
struct doc_box {
	double x0, y0, x1, y1;
};

struct doc_table;

struct doc_block {
	enum doc_kind kind;
	enum doc_part part;
	/* Heading level 1-9, or list nesting level 0-8; 0 otherwise. */
	unsigned level;
	/* NFC text, NUL-terminated, never NULL ("" for tables). */
	const char *text;
	size_t len;
	/* The source's style name (DOCX w:pStyle), or NULL. */
	const char *style;
	/* The label the format generates for a numbered item ("1.", "a)",
	 * "-"), or NULL.  Not part of `text`. */
	const char *list_label;
	struct doc_table *table; /* DOC_TABLE only */
	unsigned page;           /* 1-based */
	bool has_box;
	struct doc_box box;
	float confidence; /* 0..1 for OCR text, -1 otherwise */
};

struct doc_cell {
	unsigned row, col; /* grid position of the cell's top-left corner */
	unsigned row_span, col_span; /* >= 1 */
	struct ptrvec blocks;        /* struct doc_block *, in order */
	/* The cell's own paragraphs joined by '\n' (nested tables are in
	 * `blocks` only); never NULL. */
	const char *text;
	bool has_box;
	struct doc_box box;
	float confidence;
};

struct doc_row {
	struct ptrvec cells; /* struct doc_cell *: the cells that start here */
};

struct doc_table {
	struct ptrvec rows; /* struct doc_row * */
	unsigned ncols;     /* grid width */
	unsigned depth;     /* 0 for a top-level table */
};

struct doc_page {
	unsigned n; /* 1-based */
	enum doc_method method;
	float confidence;     /* mean OCR word confidence 0..1, or -1 */
	double width, height; /* points; 0 when unknown (DOCX) */
};

struct doc {
	struct arena *arena;
	struct ptrvec pages;  /* struct doc_page * */
	struct ptrvec blocks; /* struct doc_block *, reading order */
};

/* A new empty document in `arena`; NULL when the arena is exhausted. */
struct doc *doc_new(struct arena *);

/* Adds page n (pages are numbered 1..N in order of addition). */
struct doc_page *doc_add_page(
    struct doc *, enum doc_method, double width, double height);
struct doc_page *doc_page_get(const struct doc *, unsigned n);

/*
 * A new block of `kind` appended to `list` (the document's blocks, or a
 * cell's).  `text` is copied after NFC normalisation; invalid UTF-8 is
 * replaced by U+FFFD.  NULL when the arena is exhausted.
 */
struct doc_block *doc_add_block(struct doc *, struct ptrvec *list,
    enum doc_kind, const char *text, size_t len);
/* A new table block appended to `list`, `depth` deep. */
struct doc_block *doc_add_table(
    struct doc *, struct ptrvec *list, unsigned depth);
struct doc_row *doc_table_add_row(struct doc *, struct doc_table *);
/* A cell starting at grid (row, col) of `t`, added to `r`. */
struct doc_cell *doc_row_add_cell(struct doc *, struct doc_table *,
    struct doc_row *, unsigned row, unsigned col, unsigned row_span,
    unsigned col_span);
/* Joins the cell's paragraphs into cell->text; call when it is complete. */
int doc_cell_finish(struct doc *, struct doc_cell *);

/*
 * The cell covering grid position (row, col), following spans, or NULL
 * for a hole in a ragged table.  O(cells in the rows above and at row).
 */
const struct doc_cell *doc_table_cell_at(
    const struct doc_table *, unsigned row, unsigned col);
unsigned doc_table_nrows(const struct doc_table *);

/* Names used by the printer and the result record. */
const char *doc_kind_name(enum doc_kind);
const char *doc_part_name(enum doc_part);
const char *doc_method_name(enum doc_method);

#endif
