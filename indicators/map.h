/* SPDX-License-Identifier: MIT */
/*
 * Mapping: a parsed document model to the result record's metadata,
 * sections and indicators (appendix rows and values stated in the
 * text).  Mapping sees only the model, never the file format, so DOCX,
 * PDF and OCR input are read alike.
 */
#ifndef INDICATORS_MAP_H
#define INDICATORS_MAP_H

#include "core/arena.h"
#include "core/doc.h"
#include "core/err.h"
#include "core/result.h"
#include "indicators/catalogue.h"

/*
 * Fills r->metadata, r->sections and r->indicators from `doc`, with
 * everything allocated in `arena`.  ERR_NOMEM when the arena runs out
 * (what was mapped until then stays in `r`); never fails otherwise: what
 * is not found is left empty.
 */
enum err map_document(const struct doc *, const struct catalogue *,
    struct result *r, struct arena *arena);

#endif
