/* SPDX-License-Identifier: MIT */
/*
 * The consistency checks over one result record: the relations of the
 * rules file over the appendix and over each sentence of the narrative,
 * the narrative against the appendix, the dates and the period, the
 * required rows and the confidence of OCR'd values.  Each finding is a
 * flag with its evidence and messages (docs/CHECKS.md).
 */
#ifndef INDICATORS_CHECK_ENGINE_H
#define INDICATORS_CHECK_ENGINE_H

#include "core/arena.h"
#include "core/err.h"
#include "core/result.h"
#include "indicators/rules.h"

/*
 * Checks `in` (metadata, indicators and, when present, the document
 * model in->doc) against `rules` (NULL: the built-in rules) and appends
 * one struct result_flag * per finding to `out`, all in `arena`; `out`
 * is usually &in->flags, which `in` being const does not forbid.
 * ERR_NOMEM when the arena is full (flags found so far are kept);
 * ERR_MALFORMED only when the built-in rules do not load, a bug.
 * Pure: no I/O, no globals.
 */
enum err check_document(const struct result *in, const struct rules *rules,
    struct arena *arena, struct ptrvec *out, struct diag *diag);

#endif
