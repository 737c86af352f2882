/* SPDX-License-Identifier: MIT */
/*
 * A readable dump of a document model, tables drawn as grids, for
 * `reportd extract --model` and for tests that compare models as text.
 */
#ifndef CORE_DOC_PRINT_H
#define CORE_DOC_PRINT_H

#include "core/buf.h"
#include "core/doc.h"

/* Appends the dump of `d` to `out`; false if `out` overflowed. */
bool doc_print(const struct doc *d, struct buf *out);

#endif
