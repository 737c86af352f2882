/* SPDX-License-Identifier: MIT */
/*
 * The "Đơn vị tính" cell of an appendix row: what kind of quantity the
 * row holds (a count, a percentage, money, a coded answer) and, for a
 * coded answer, its legend ("Có = 1 Không = 0").
 */
#ifndef INDICATORS_UNIT_H
#define INDICATORS_UNIT_H

#include <stdbool.h>
#include <stddef.h>

enum unit_kind {
	UNIT_UNKNOWN, /* empty or unrecognised unit cell */
	UNIT_COUNT,   /* Hồ sơ, Thủ tục, Văn bản, Người, ... */
	UNIT_PERCENT, /* % */
	UNIT_VND,     /* Đồng */
	UNIT_MIL,     /* Triệu đồng */
	UNIT_BIL,     /* Tỷ đồng */
	UNIT_CODE,    /* a legend of coded answers */
};

#define UNIT_CODES_MAX 6
#define UNIT_LABEL_MAX 64

/* One entry of a legend: "Phát phiếu = 1". */
struct unit_code {
	char fold[UNIT_LABEL_MAX]; /* the label, diacritic-folded */
	int code;
};

struct unit_info {
	enum unit_kind kind;
	unsigned ncodes;
	struct unit_code codes[UNIT_CODES_MAX];
};

/*
 * Classifies the unit cell `s` (`len` bytes of UTF-8, any
 * normalisation).  A cell with at least one "label = number" pair is a
 * legend (UNIT_CODE); labels glued to the previous code ("= 0Phát
 * phiếu") are split at the digit.  Never fails: unknown text gives
 * UNIT_UNKNOWN.
 */
void unit_classify(const char *s, size_t len, struct unit_info *out);

/*
 * The code a legend gives to the answer `s` ("Có" with "Có = 1 Không =
 * 0" gives 1), comparing diacritic-folded text.  False when no label
 * matches.
 */
bool unit_code_lookup(
    const struct unit_info *, const char *s, size_t len, int *code);

/* Names for messages and the catalogue: "count", "pct", ... */
const char *unit_kind_name(enum unit_kind);

#endif
