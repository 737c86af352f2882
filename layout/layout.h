/* SPDX-License-Identifier: MIT */
/*
 * Geometric layout: positioned words (from a PDF text layer or from OCR)
 * to document-model blocks in reading order, with tables reconstructed
 * as grids (from ruling lines when the page has them, from column
 * alignment when not).  One module for both sources, so the mapper sees
 * the same tables from a PDF or a scan as from the DOCX.
 */
#ifndef LAYOUT_LAYOUT_H
#define LAYOUT_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/doc.h"
#include "core/err.h"
#include "core/limits.h"

/* One word with its box in points, origin top left. */
struct layout_word {
	const char *text; /* UTF-8, need not be NUL-terminated */
	size_t len;
	struct doc_box box;
	float confidence; /* 0..1 for OCR, -1 for a text layer */
	const char *font; /* font name or NULL */
	double font_size; /* points, 0 when unknown */
	bool bold;
};

/* A ruling line (table border) in points; horizontal or vertical. */
struct layout_rule {
	double x0, y0, x1, y1;
};

struct layout_page_in {
	unsigned page; /* 1-based page number the blocks get */
	double width, height;
	const struct layout_word *words;
	size_t nwords;
	const struct layout_rule *rules; /* may be NULL */
	size_t nrules;
};

/*
 * Appends the blocks of one page to d->blocks in reading order: lines
 * grouped into paragraphs (and headings where size or weight says so),
 * columns of a two-column header kept apart, tables as DOC_TABLE blocks
 * with spans.  Words are copied.  Boxes that are not finite or lie far
 * off the page are dropped.  Page numbers at the top or bottom become
 * DOC_PART_HEADER/FOOTER blocks, small numbered notes at the foot of the
 * page DOC_PART_FOOTNOTE.  A word whose line ends in a hyphen right after
 * a letter or digit ("KH-") is joined to the next line's first word
 * without a space ("KH-UBND").  ERR_LIMIT past `lim` (page_words_max for
 * words and for rules, page_side_max_pt, table_rows_max, table_cols_max,
 * text_max), ERR_NOMEM when memory or the arena runs out.
 */
enum err layout_page(struct doc *d, const struct layout_page_in *in,
    const struct limits *lim, struct diag *diag);

/*
 * Joins a table that continues on the next page (same column structure,
 * repeated or missing header) into one table; call once after all pages
 * (calling again changes nothing).  Only blocks with boxes are joined.
 */
enum err layout_join_tables(struct doc *d, struct diag *diag);

/*
 * Joins a paragraph cut by a page break (the page's last paragraph ends
 * mid-sentence, the next page's first starts in lower case) into one on
 * the first page; call once after all pages, like layout_join_tables().
 */
enum err layout_join_paragraphs(struct doc *d, struct diag *diag);

#endif
