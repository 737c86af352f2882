/* SPDX-License-Identifier: MIT */
/*
 * Internals of the PDF reader shared by its files: ruling lines found in
 * a rendered page, and the checks that decide whether a text layer is
 * worth reading.  No Poppler types here, so these parts are testable on
 * their own.
 */
#ifndef PARSERS_PDF_INT_H
#define PARSERS_PDF_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/doc.h"
#include "layout/layout.h"

/*
 * Ruling lines in an 8-bit grey page image rendered at `scale` pixels
 * per point: straight dark runs at least a few points long and at most
 * 3 pt thick, horizontal or vertical, in points.  Pixels inside the
 * inner part of the `nmask` text boxes (points) are ignored first, so
 * glyph stems and bars are not taken for rules; `gray` is modified.
 * Returns the count and sets *out to a malloc'ed array (NULL when none);
 * at most `max` rules (further ones are dropped, since a page with that
 * many is no table), or SIZE_MAX on ENOMEM.
 */
size_t pdf_find_rules(uint8_t *gray, unsigned w, unsigned h, size_t stride,
    double scale, const struct doc_box *mask, size_t nmask, size_t max,
    struct layout_rule **out);

/* Share of dark pixels outside the text boxes, 0..1. */
double pdf_ink_outside(const uint8_t *gray, unsigned w, unsigned h,
    size_t stride, double scale, const struct doc_box *boxes, size_t n);

/* What a page's text layer is made of. */
struct pdf_text_stats {
	size_t letters; /* alphabetic characters */
	size_t bad;     /* U+FFFD, private use, controls, non-Vietnamese
			 * Latin letters (a mis-mapped font) */
	size_t chars;   /* non-space characters */
};

/* Adds the characters of UTF-8 `s` (len bytes) to *st. */
void pdf_text_count(const char *s, size_t len, struct pdf_text_stats *st);

/* True when the counted text reads as garbage rather than text. */
bool pdf_text_is_garbage(const struct pdf_text_stats *st);

/*
 * Signing banners ("Ký bởi: ...", "Thời gian ký: ...", "Cơ quan phát
 * hành: ...") that signing tools stamp onto a page: marks in `drop` the
 * words of each banner (the line naming it and the short lines stacked
 * with it).  `words` are a page's words; returns how many were marked.
 */
size_t pdf_mark_banners(const struct layout_word *words, size_t n, bool *drop);

#endif
