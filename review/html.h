/* SPDX-License-Identifier: MIT */
/*
 * HTML output with escaping.  Every string that came from a document,
 * the store or a request goes through html_text() (or html_textf(),
 * which escapes what it formats); html_raw() is for markup written in
 * our own source only.  Invalid UTF-8 and control characters are
 * replaced, so a hostile report cannot break the page's encoding.
 */
#ifndef REVIEW_HTML_H
#define REVIEW_HTML_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"

/* Appends `s` with & < > " ' escaped (valid in text and in quoted
 * attribute values).  NULL appends nothing. */
bool html_text(struct buf *, const char *s);
bool html_textn(struct buf *, const char *s, size_t len);
/* Formats, then escapes the whole result. */
bool html_textf(struct buf *, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Appends trusted markup as is. */
bool html_raw(struct buf *, const char *markup);
/* Appends <tag class="cls">text</tag>: `tag` and `cls` are our own
 * markup (cls NULL for none), `text` is escaped (NULL for none). */
bool html_elem(
    struct buf *, const char *tag, const char *cls, const char *text);
/* Appends `s` percent-encoded for use as one query value in an href,
 * then HTML-escaped. */
bool html_query_value(struct buf *, const char *s);

#endif
