/* SPDX-License-Identifier: MIT */
/*
 * The report's metadata from its first page: issuing body, document
 * number, date, reporting period and recipient.
 *
 * The header is two columns (issuing body and "Số: ..." on the left,
 * the national motto and "<place>, ngày D tháng M năm Y" on the right):
 * a borderless table in DOCX, two columns of blocks in PDF and OCR,
 * sometimes lines of both columns interleaved.  The issuer is the left
 * column's lines above "Số", joined by one space, without a parent
 * authority line ("UBND THÀNH PHỐ NHA TRANG" above "UBND PHƯỜNG VĨNH
 * HÒA").  The period label comes from the title ("quý I năm 2024"); its
 * dates from a "Kỳ báo cáo: Từ ngày ... đến ..." line in the title block
 * or the appendix heading (the printed window, never one we compute).
 */
#ifndef INDICATORS_METADATA_H
#define INDICATORS_METADATA_H

#include <stddef.h>

#include "core/arena.h"
#include "core/doc.h"
#include "core/err.h"
#include "core/result.h"
#include "indicators/catalogue.h"
#include "indicators/period.h"

/* What mapping's other steps need from the first page. */
struct metadata_info {
	enum cat_level level;    /* of the issuing body */
	enum period_kind period; /* from the title */
	int period_year;
	size_t title_end; /* first top-level block after the title */
	size_t body_end;  /* first block of the signature or appendix */
	size_t appendix;  /* the appendix heading's block, or blocks.n */
};

/*
 * Fills r->metadata from `doc` (strings in `arena`); a field that is not
 * found stays NULL.  Also fills *info.  ERR_NOMEM only.
 */
enum err metadata_map(const struct doc *, struct result *r, struct arena *,
    struct metadata_info *info);

/* The level an issuer name implies: "UBND XÃ ..." is a commune. */
enum cat_level metadata_level(const char *issuer);

#endif
