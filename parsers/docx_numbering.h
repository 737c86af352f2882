/* SPDX-License-Identifier: MIT */
/*
 * word/numbering.xml: list definitions, and the labels Word would print
 * for numbered paragraphs ("1.", "a)", "II.", "1.2.", "-"), counted in
 * document order.
 */
#ifndef PARSERS_DOCX_NUMBERING_H
#define PARSERS_DOCX_NUMBERING_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "core/limits.h"

struct docx_numbering;

/* Parses numbering.xml; everything lives in `arena`. */
enum err docx_numbering_parse(const char *part, const uint8_t *data, size_t len,
    const struct limits *lim, struct arena *arena, struct docx_numbering **out,
    struct diag *diag);

/*
 * Counts one more paragraph of list `num_id` at level `ilvl` (0-8) and
 * returns its label in the arena: "" for a level without a printed
 * label, NULL when the list is unknown or the arena is full.  Deeper
 * levels restart, as in Word.
 */
const char *docx_numbering_next(
    struct docx_numbering *, long num_id, unsigned ilvl);

#endif
