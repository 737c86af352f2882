/* SPDX-License-Identifier: MIT */
/*
 * Dates written in a report ("ngày 22/12/2024", "ngày 13 tháng 3 năm
 * 2024") and the documents they date: "Kế hoạch số 09/KH-UBND ngày
 * 02/01/2024", "Nghị quyết 24/2023/NQ-HĐND của HĐND tỉnh ngày
 * 07/12/2023", "công văn số:2549/UBND ngày 22/12/2024".  A date is
 * malformed when it has a part too many ("28/02/2024/2023") or names a
 * day that does not exist ("31/02/2024", "41/9/2020").
 */
#ifndef INDICATORS_CITED_DOCS_H
#define INDICATORS_CITED_DOCS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"
#include "core/doc.h"
#include "core/err.h"
#include "core/result.h"

enum cited_date_state {
	CITED_DATE_OK,
	CITED_DATE_EXTRA_PART, /* 28/02/2024/2023 */
	CITED_DATE_BAD_DAY,    /* 41/9/2020, 29/02/2021 */
	CITED_DATE_BAD_MONTH,  /* 12/13/2024 */
	CITED_DATE_BAD_YEAR,   /* 12/3/202 */
};

struct cited_doc {
	/* The reference as printed, from the document kind (or number)
	 * to the end of the date; for a date that dates no document, the
	 * date with its "ngày". */
	const char *text;
	const char *number;   /* "55/QĐ-UBND", or NULL for a loose date */
	const char *date_raw; /* "28/02/2024/2023" */
	enum cited_date_state state;
	int year, month, day;    /* when state is CITED_DATE_OK */
	struct result_ref where; /* text: the sentence around it */
	float confidence;        /* the block's OCR confidence, or -1 */
};

/*
 * Scans `len` bytes of `text` and appends a struct cited_doc * to `out`
 * for each complete date after the word "ngày" (day, month and year; a
 * day and month alone are not dates of documents).  `where` is copied
 * into each, with its text replaced by the sentence.  -1 when the arena
 * is full.
 */
int cited_docs_scan(const char *text, size_t len,
    const struct result_ref *where, float confidence, struct arena *,
    struct ptrvec *out);

/*
 * The same over a whole document model: body paragraphs, headings and
 * list items (origin "narrative") and table cells (origin "appendix",
 * with table and row), nested tables to the model's depth.  Page header
 * and footer text is skipped.  ERR_NOMEM when the arena is full.
 */
enum err cited_docs_find(
    const struct doc *, struct arena *, struct ptrvec *out);

/* True for a real calendar day (Gregorian, years 1900-2100). */
bool cited_date_valid(int year, int month, int day);

#endif
