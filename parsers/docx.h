/* SPDX-License-Identifier: MIT */
/*
 * DOCX (WordprocessingML in an OPC zip package) to the document model.
 */
#ifndef PARSERS_DOCX_H
#define PARSERS_DOCX_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/doc.h"
#include "core/err.h"
#include "core/limits.h"

/*
 * Extract paragraphs and tables from a DOCX package held in memory.
 * `data` is the whole file, untrusted and not NUL-terminated.  `lim`
 * bounds inflated size, XML depth and cell count; going past a bound is
 * ERR_LIMIT, never a silent truncation.
 *
 * On ERR_OK, *out points into `arena` and lives as long as the arena.
 * On failure, *out is NULL and `diag` says why in words for a user.
 * No I/O, no logging; concurrent calls are safe with separate arenas.
 */
enum err docx_parse(const uint8_t *data, size_t len, const struct limits *lim,
    struct arena *arena, struct doc **out, struct diag *diag);

/*
 * The WordprocessingML reader alone, on the bytes of a document.xml (no
 * package, styles or numbering): for fuzzing it directly and for tests.
 * Same contract as docx_parse otherwise.
 */
enum err docx_parse_wordml(const uint8_t *data, size_t len,
    const struct limits *lim, struct arena *arena, struct doc **out,
    struct diag *diag);

#endif
