/* SPDX-License-Identifier: MIT */
/*
 * Values the report's running text states ("Tổng số hồ sơ nhận: 186 hồ
 * sơ", "đã giải ngân được 7.972/12.175 triệu đồng, đạt 4.8%", "không ban
 * hành văn bản quy phạm pháp luật" = 0), found with the catalogue's
 * sentence patterns (narrative.tsv).  They become indicators with origin
 * "narrative" and the paragraph as their source text, so the checks can
 * compare them with the appendix.
 *
 * Targets are not results: paragraphs under a plan or recommendation
 * heading and sentences with "phấn đấu" (strive to) are skipped.
 */
#ifndef INDICATORS_NARRATIVE_H
#define INDICATORS_NARRATIVE_H

#include <stddef.h>

#include "core/arena.h"
#include "core/doc.h"
#include "core/err.h"
#include "core/result.h"
#include "indicators/catalogue.h"

/*
 * Reads top-level paragraphs [from, to) of `doc`.  `area_of` (may be
 * NULL) gives each block's area (indicators/sections.h).  Appends to
 * r->indicators.  ERR_NOMEM only.
 */
enum err narrative_map(const struct doc *, const struct catalogue *,
    size_t from, size_t to, const char *const *area_of, struct result *,
    struct arena *);

/* Same for one paragraph of text, for tests and the fuzz harness. */
enum err narrative_paragraph(const struct catalogue *, const char *text,
    size_t len, unsigned page, struct result *, struct arena *);

#endif
