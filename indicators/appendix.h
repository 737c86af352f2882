/* SPDX-License-Identifier: MIT */
/*
 * The statistics appendix ("Phụ lục ... THỐNG KÊ SỐ LIỆU"): finds its
 * tables in the document model and turns every data row into an
 * indicator of the result record.
 *
 * Tables are recognised by their header ("STT | Chỉ tiêu | Đơn vị tính |
 * Số liệu | Ghi chú" in any order, on one or two rows, with "Kết quả
 * thống kê" spanning the unit and value columns) or, when OCR lost the
 * header, by their content (a column of codes "1.2.1.", a column of
 * long labels, a column of numbers).  A table that continues on the next
 * page, with or without its header repeated, is read as one; a row
 * whose text was wrapped onto the next page is joined back.
 *
 * Each data row becomes one indicator: printed code, label, unit, raw
 * value, the value read in the row's unit, the canonical id when the
 * row means one (indicators/match.h) with its confidence, and where it
 * was read.  Group rows without unit or value ("1.4 Kiểm tra công tác
 * CCHC") are context for the rows below them, not output.
 */
#ifndef INDICATORS_APPENDIX_H
#define INDICATORS_APPENDIX_H

#include "core/arena.h"
#include "core/doc.h"
#include "core/err.h"
#include "core/result.h"
#include "indicators/catalogue.h"

/*
 * Appends the appendix rows of `doc` to r->indicators.  `level` is the
 * issuing body's level (CAT_LEVEL_ANY when unknown).  Returns ERR_OK
 * (also when there is no appendix) or ERR_NOMEM.
 */
enum err appendix_map(const struct doc *, const struct catalogue *,
    enum cat_level level, struct result *r, struct arena *);

#endif
