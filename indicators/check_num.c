/* SPDX-License-Identifier: MIT */
/* Precision, rounding and equality of the numbers the checks compare. */
#include "indicators/check_num.h"

#include <math.h>
#include <string.h>

#include "indicators/catalogue.h"

static bool
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && memcmp(s + n - m, suffix, m) == 0;
}

enum check_qty
check_qty_of(const char *id)
{
	struct diag dg;
	const struct catalogue *cat;
	const struct cat_indicator *ci;

	if (id == NULL)
		return CHECK_QTY_COUNT;
	/* The catalogue says what an id measures; the naming convention
	 * covers ids of an office's own rules file it does not know. */
	cat = catalogue_default(&dg);
	ci = cat != NULL ? catalogue_get(cat, id) : NULL;
	if (ci != NULL)
		switch (ci->kind) {
		case CAT_PCT:
			return CHECK_QTY_PCT;
		case CAT_MIL:
		case CAT_VND:
			return CHECK_QTY_MONEY;
		case CAT_CODE:
			return CHECK_QTY_CODE;
		case CAT_COUNT:
			return CHECK_QTY_COUNT;
		}
	if (ends_with(id, "_pct") || ends_with(id, ".pct"))
		return CHECK_QTY_PCT;
	if (ends_with(id, "_mil") || ends_with(id, "_vnd"))
		return CHECK_QTY_MONEY;
	if (ends_with(id, ".held") || ends_with(id, ".method") ||
	    ends_with(id, ".applied"))
		return CHECK_QTY_CODE;
	return CHECK_QTY_COUNT;
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

int
check_decimals(const char *raw, double value)
{
	const char *p;
	int d;

	if (raw == NULL || *raw == '\0') {
		double f = fabs(value - round(value));

		if (f < 1e-9)
			return 0;
		f = fabs(value * 10 - round(value * 10));
		return f < 1e-6 ? 1 : 2;
	}
	for (p = raw; *p != '\0' && !is_digit(*p); p++)
		;
	while (is_digit(*p))
		p++;
	if ((*p != '.' && *p != ',') || !is_digit(p[1]))
		return 0;
	p++;
	for (d = 0; is_digit(p[d]); d++)
		;
	/* "7.972" in a count is a thousands group, not three decimals;
	 * a percentage never prints three decimals. */
	if (d == 3 && strchr(raw, '%') == NULL)
		return 0;
	return d > 6 ? 6 : d;
}

bool
check_pct_agrees(double reported, int decimals, double computed,
    const struct rules_settings *set, double *tol)
{
	double half = 0.5 * pow(10, -decimals), scale = pow(10, decimals);
	double slack = half > set->pct_slack ? half : set->pct_slack;

	*tol = slack;
	if (fabs(reported - computed) <= slack + 1e-9)
		return true;
	/* 002 writes 27.2% for 6/22 = 27.27%: cut, not rounded. */
	if (set->pct_truncation &&
	    fabs(reported - floor(computed * scale + 1e-9) / scale) < 1e-9)
		return true;
	return false;
}

bool
check_same_value(enum check_qty q, double a, double b, int decimals,
    const struct rules_settings *set)
{
	double tol;

	switch (q) {
	case CHECK_QTY_PCT:
		/* Either side may be the rounded one ("72 %" and "71,9%"). */
		return fabs(a - b) <= 0.5 * pow(10, -decimals) + 1e-9 ||
		    fabs(a - b) <= set->pct_slack + 1e-9;
	case CHECK_QTY_MONEY:
		tol = set->money_rel_slack * fmax(fabs(a), fabs(b));
		return fabs(a - b) <= tol + 1e-9;
	case CHECK_QTY_COUNT:
	case CHECK_QTY_CODE:
		break;
	}
	(void)tol;
	return fabs(a - b) < 1e-9;
}
