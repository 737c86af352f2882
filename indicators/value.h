/* SPDX-License-Identifier: MIT */
/*
 * Numbers as Vietnamese reports print them: "7.972" and "12.175"
 * (thousands), "99,75%" (decimal comma), "27.2%" and "65.49 %" (decimal
 * point), "01", "05 hồ sơ", coded answers, blanks and dashes.
 *
 * The separator rules (domain notes 3.1): with both '.' and ',' the
 * right-most is the decimal mark; a lone separator followed by exactly
 * three digits groups thousands in a count or money cell and is a
 * decimal mark in a percentage; one, two or more than three digits after
 * it make it a decimal mark.  Where the unit does not settle it the
 * value is marked ambiguous with both readings, for the caller to decide
 * from neighbouring values.
 */
#ifndef INDICATORS_VALUE_H
#define INDICATORS_VALUE_H

#include <stdbool.h>
#include <stddef.h>

#include "indicators/unit.h"

struct value {
	bool has_value;    /* a number or a coded answer was read */
	double value;      /* in the printed unit: 27.2 for "27.2%" */
	double confidence; /* 0..1; 1 for a plain number in a known unit */
	bool ambiguous;    /* the separator was a guess: `alt` is the
			    * other reading */
	double alt;
	bool percent;      /* printed with a % sign */
	bool blank;        /* nothing, or only a dash, printed */
	bool text;         /* words besides the number and unit words */
	unsigned nnumbers; /* numbers seen in the cell */
	bool grouped;      /* the number was written with thousands groups */
};

/*
 * Reads one number written with digits and '.'/',' separators (`s` is
 * exactly the token, e.g. "12.175" or "99,75").  `kind` is the unit of
 * the cell or sentence it came from.  On success sets *v, and when the
 * reading is a guess *ambiguous with the other reading in *alt;
 * *confidence says how sure the reading is.  False when `s` is not a
 * number ("1.2.3,4", "", "12..5").
 */
bool value_number(const char *s, size_t len, enum unit_kind kind, double *v,
    double *alt, bool *ambiguous, double *confidence);

/*
 * Reads a value cell (`s`, `len` bytes of UTF-8) in the unit `unit`
 * (NULL when unknown).  A cell with one number gives that number; a
 * coded answer in words ("Có") is looked up in the unit's legend; a
 * blank or dash gives no value with `blank` set; text or several
 * numbers ("chứng thư số : 1 chữ ký số: 3") give no value, with
 * `nnumbers` and `text` saying why.  Never fails.
 */
void value_parse(
    const char *s, size_t len, const struct unit_info *unit, struct value *out);

/*
 * A Vietnamese number word, diacritic-folded ("khong" 0, "mot" 1, ...
 * "muoi" 10).  False for any other word.
 */
bool value_word(const char *fold, int *n);

#endif
