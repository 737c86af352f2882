/* SPDX-License-Identifier: MIT */
/*
 * Builds one document-model table from WordprocessingML rows and cells:
 * grid positions from w:gridBefore and w:gridSpan, row spans from
 * w:vMerge chains, legacy w:hMerge, caps on rows and columns.  Knows
 * nothing of XML, so it can be tested on its own.
 */
#ifndef PARSERS_DOCX_TABLE_H
#define PARSERS_DOCX_TABLE_H

#include <stdbool.h>

#include "core/doc.h"
#include "core/limits.h"

enum docx_merge {
	DOCX_MERGE_NONE,
	DOCX_MERGE_RESTART,  /* vMerge/hMerge w:val="restart" */
	DOCX_MERGE_CONTINUE, /* vMerge/hMerge without val, or "continue" */
};

struct docx_table;

/*
 * A new table block appended to `list`, `depth` tables deep; `index` is
 * the table's 1-based number in the part, for messages.  NULL with
 * `diag` set on failure.
 */
struct docx_table *docx_table_begin(struct doc *, struct ptrvec *list,
    unsigned depth, unsigned index, const char *part, const struct limits *,
    struct diag *);
/* The table's block (for its page). */
struct doc_block *docx_table_block(struct docx_table *);

/* Starts a row; ERR_LIMIT past lim->table_rows_max. */
enum err docx_table_row(struct docx_table *, struct diag *);
/* Grid columns skipped before the row's first cell (w:gridBefore). */
void docx_table_grid_before(struct docx_table *, unsigned ncols);

/*
 * The next cell of the current row, `span` grid columns wide, merged as
 * `vmerge`/`hmerge` say.  Sets *blocks to the block list its content goes
 * in: a new cell's, or the cell it continues (so text in a continuation
 * cell is kept, after the text of the cell it merges into).  ERR_LIMIT
 * past lim->table_cols_max.
 */
enum err docx_table_cell(struct docx_table *, unsigned span,
    enum docx_merge vmerge, enum docx_merge hmerge, struct ptrvec **blocks,
    struct diag *);

/* Joins every cell's text (doc_cell_finish) and frees the builder. */
enum err docx_table_end(struct docx_table *, struct diag *);
/* Frees the builder of a table left unfinished by an error. */
void docx_table_free(struct docx_table *);

#endif
