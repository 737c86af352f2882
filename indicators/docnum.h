/* SPDX-License-Identifier: MIT */
/*
 * Document numbers ("số, ký hiệu"): "422/BC-UBND", "1649/UBND-NV",
 * "61/2018/NĐ-CP", "91-KL/TU", "30c/NQ-CP".  Printed forms carry stray
 * spaces and dashes ("Số : 517 /BC-UBND", "7413/QĐ- UBND", "1649/UBND –
 * NV"); the normal form has no spaces and ASCII hyphens, letters as
 * printed (Đ kept).
 */
#ifndef INDICATORS_DOCNUM_H
#define INDICATORS_DOCNUM_H

#include <stdbool.h>
#include <stddef.h>

#include "indicators/tokens.h"

#define DOCNUM_MAX 64

/*
 * Normalises `len` bytes at `s` that should be exactly one document
 * number into `out` (DOCNUM_MAX bytes).  False when the text does not
 * have the shape of one: number, optional "/year", '/', then upper-case
 * groups joined by '-' (or the Party form "91-KL/TU").
 */
bool docnum_parse(const char *s, size_t len, char out[DOCNUM_MAX]);

/*
 * Finds "Số: <number>" (also "số", OCR "S6", "Sé", with or without the
 * colon) in tokens [from, to) and normalises the number into `out`.
 * False when there is none.
 */
bool docnum_find(
    const struct tokens *ts, size_t from, size_t to, char out[DOCNUM_MAX]);

#endif
