/* SPDX-License-Identifier: MIT */
/*
 * The document page's parts, shared by its files: review_page_doc.c
 * (the handlers and the page's head), review_page_doc_flags.c (the
 * flags with evidence, page regions and review forms) and
 * review_page_doc_data.c (indicators, metadata, sections and pages).
 */
#ifndef REVIEW_REVIEW_PAGE_DOC_INT_H
#define REVIEW_REVIEW_PAGE_DOC_INT_H

#include <json-glib/json-glib.h>

#include "review/review_int.h"

/* Page and flag numbers past this are not a real document's. */
#define PAGE_DOC_NUM_MAX 100000

/* The flags card: each flag of the record with its evidence, the page
 * regions it came from, its review state, form and history. */
void page_doc_flags(struct page *, const char *doc, JsonArray *flags,
    JsonArray *inds, const struct ptrvec *marks, const struct ptrvec *sizes,
    const struct ptrvec *boxes);
/* The indicators card; rows an open flag names are marked. */
void page_doc_indicators(struct page *, JsonArray *inds, JsonArray *flags,
    const struct ptrvec *marks);
/* The side column: metadata, sections and pages. */
void page_doc_side(struct page *, const struct review_doc *, JsonObject *rec);

/* The state of flag `idx` after its reviews, and its latest review
 * (*last NULL when none). */
enum review_state page_doc_flag_state(
    const struct ptrvec *marks, guint idx, const struct review_mark **last);
/* "tr. 3 · bảng 2 · dòng 14" from a source object. */
void page_doc_source(struct page *, JsonObject *src);
/* A value cell's content: the number in bold (a dash when there is
 * none), then the text as printed, with `title` on it when not NULL. */
void page_doc_value(struct page *, JsonObject *o, const char *title);

#endif
