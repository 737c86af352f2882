/* SPDX-License-Identifier: MIT */
/*
 * The issuing body as the header prints it, cleaned of what OCR and
 * line joining add to it, for a header read by OCR:
 *
 *   - punctuation before the name (": UBND PHƯỜNG ...": a rule or the
 *     colon of the next column read into the line);
 *   - a parent authority on the same line ("UBND THÀNH PHỐ HUẾ UBND
 *     PHƯỜNG PHÚ HỘI" when OCR joins the two header lines): the last
 *     body named is the issuer;
 *   - the kind of body, a closed vocabulary, spelled right whatever
 *     marks OCR gave it ("PHƯƠNG" → "PHƯỜNG");
 *   - the place name spelled as the report itself spells it most
 *     often: the header is in capitals, small and often
 *     under a stamp, while the body repeats the name ("phường Ba Đình")
 *     in clean lower-case text.  A misread tone mark loses the vote.
 */
#ifndef INDICATORS_ISSUER_H
#define INDICATORS_ISSUER_H

#include <stdbool.h>

#include "core/arena.h"
#include "core/doc.h"

/*
 * The cleaned issuer (in `a`), or `issuer` itself when there is nothing
 * to clean or the header was not read by OCR (`ocr` false: a text layer
 * gives the lines as printed); NULL when `issuer` is NULL, nothing of a
 * name is left, or the arena is full.  The place name is corrected from
 * the text of `d`.
 */
const char *issuer_clean(
    const char *issuer, const struct doc *d, bool ocr, struct arena *a);

#endif
