/* SPDX-License-Identifier: MIT */
/* Period labels and windows over tokens. */
#include "indicators/period.h"

#include <string.h>

const char *
period_kind_name(enum period_kind k)
{
	switch (k) {
	case PERIOD_Q1:
		return "q1";
	case PERIOD_Q2:
		return "q2";
	case PERIOD_Q3:
		return "q3";
	case PERIOD_Q4:
		return "q4";
	case PERIOD_H1:
		return "h1";
	case PERIOD_H2:
		return "h2";
	case PERIOD_M9:
		return "m9";
	case PERIOD_YEAR:
		return "year";
	case PERIOD_MONTH:
		return "month";
	case PERIOD_NONE:
		break;
	}
	return NULL;
}

/* A four-digit year token, 1900-2199. */
static bool
year_tok(const struct token *t, int *y)
{
	int v = 0;
	size_t i;

	if (t->kind != TOK_NUMBER || t->len != 4)
		return false;
	for (i = 0; i < 4; i++) {
		if (t->p[i] < '0' || t->p[i] > '9')
			return false;
		v = v * 10 + (t->p[i] - '0');
	}
	if (v < 1900 || v > 2199)
		return false;
	*y = v;
	return true;
}

/* Quarter numerals: I-IV, 1-4. */
static int
quarter_no(const struct token *t)
{
	static const char *const names[] = { "i", "ii", "iii", "iv" };
	int i;

	for (i = 0; i < 4; i++)
		if (tok_is(t, names[i]))
			return i + 1;
	if (t->kind == TOK_NUMBER && t->len == 1 && t->p[0] >= '1' &&
	    t->p[0] <= '4')
		return t->p[0] - '0';
	return 0;
}

/* After the period words: "năm YYYY", "/YYYY", "/ YYYY", "YYYY". */
static bool
year_after(const struct tokens *ts, size_t j, size_t to, int *y, size_t *last)
{
	const struct token *t = ts->v;

	if (j < to &&
	    (tok_is(&t[j], "nam") || tok_is(&t[j], "/") || tok_is(&t[j], ",")))
		j++;
	if (j < to && tok_is(&t[j], "nam")) /* "quý I, năm 2024" */
		j++;
	if (j < to && year_tok(&t[j], y)) {
		*last = j;
		return true;
	}
	return false;
}

/* The number of months of "6 tháng"/"06 tháng"/"9 tháng". */
static int
months_no(const struct token *t)
{
	if (t->kind != TOK_NUMBER)
		return 0;
	if ((t->len == 1 && t->p[0] == '6') ||
	    (t->len == 2 && t->p[0] == '0' && t->p[1] == '6'))
		return 6;
	if ((t->len == 1 && t->p[0] == '9') ||
	    (t->len == 2 && t->p[0] == '0' && t->p[1] == '9'))
		return 9;
	return 0;
}

bool
period_find_label(
    const struct tokens *ts, size_t from, size_t to, struct period_label *out)
{
	const struct token *t = ts->v;
	size_t i;
	int y;

	if (to > ts->n)
		to = ts->n;
	for (i = from; i < to; i++) {
		size_t last;

		if (tok_is(&t[i], "quy") && i + 1 < to) {
			int q = quarter_no(&t[i + 1]);

			if (q > 0 && year_after(ts, i + 2, to, &y, &last)) {
				out->kind =
				    (enum period_kind)(PERIOD_Q1 + q - 1);
				out->year = y;
				out->first = i;
				out->last = last;
				return true;
			}
		}
		if (months_no(&t[i]) > 0 && i + 1 < to &&
		    tok_is(&t[i + 1], "thang")) {
			int m = months_no(&t[i]);
			size_t j = i + 2;
			bool late = false;

			if (j < to && tok_is(&t[j], "dau"))
				j++;
			else if (j < to && tok_is(&t[j], "cuoi")) {
				late = true;
				j++;
			}
			if (year_after(ts, j, to, &y, &last)) {
				out->kind = m == 9 ? PERIOD_M9
				    : late         ? PERIOD_H2
						   : PERIOD_H1;
				out->year = y;
				out->first = i;
				out->last = last;
				return true;
			}
		}
		/* "tháng 6 năm 2026", "tháng 6/2026" (not "9 tháng"). */
		if (tok_is(&t[i], "thang") && i + 1 < to &&
		    t[i + 1].kind == TOK_NUMBER && t[i + 1].len <= 2 &&
		    (i == from || months_no(&t[i - 1]) == 0)) {
			int mo = 0;
			size_t k;

			for (k = 0; k < t[i + 1].len; k++)
				mo = mo * 10 + (t[i + 1].p[k] - '0');
			if (mo >= 1 && mo <= 12 &&
			    year_after(ts, i + 2, to, &y, &last)) {
				out->kind = PERIOD_MONTH;
				out->year = y;
				out->month = mo;
				out->first = i;
				out->last = last;
				return true;
			}
		}
		if (tok_is(&t[i], "nam") && i + 1 < to &&
		    year_tok(&t[i + 1], &y)) {
			/* "năm 2023" alone; not "năm 2021-2025". */
			if (i + 2 < to && tok_is(&t[i + 2], "-") &&
			    i + 3 < to && t[i + 3].kind == TOK_NUMBER)
				continue;
			out->kind = PERIOD_YEAR;
			out->year = y;
			out->first = i;
			out->last = i + 1;
			return true;
		}
	}
	return false;
}

bool
period_find_range(const struct tokens *ts, size_t from, size_t to,
    struct date *start, struct date *end, size_t *at)
{
	const struct token *t = ts->v;
	size_t i, j, next, k;

	if (to > ts->n)
		to = ts->n;
	for (i = from; i < to; i++) {
		if (!tok_is(&t[i], "tu"))
			continue;
		j = i + 1;
		if (!date_at(ts, j, start, &next) || next > to)
			continue;
		k = next;
		if (k < to && tok_is(&t[k], "-"))
			k++;
		else if (k < to && tok_is(&t[k], "den"))
			k++;
		else
			continue;
		if (k < to && tok_is(&t[k], "het"))
			k++;
		if (date_at(ts, k, end, &next) && next <= to) {
			*at = i;
			return true;
		}
	}
	return false;
}

bool
period_window(
    enum period_kind k, int year, bool shifted, struct date *s, struct date *e)
{
	static const int q_end_month[] = { 3, 6, 9, 12 };
	int last;

	switch (k) {
	case PERIOD_Q1:
	case PERIOD_Q2:
	case PERIOD_Q3:
	case PERIOD_Q4:
		last = q_end_month[k - PERIOD_Q1];
		if (shifted) {
			s->y = last == 3 ? year - 1 : year;
			s->m = last == 3 ? 12 : last - 3;
			s->d = 15;
			e->y = year;
			e->m = last;
			e->d = 14;
		} else {
			s->y = year;
			s->m = last - 2;
			s->d = 1;
			e->y = year;
			e->m = last;
			e->d = last == 3 || last == 12 ? 31 : 30;
		}
		return true;
	case PERIOD_H1:
	case PERIOD_M9:
	case PERIOD_YEAR:
		last = k == PERIOD_H1 ? 6 : k == PERIOD_M9 ? 9 : 12;
		if (shifted) {
			s->y = year - 1;
			s->m = 12;
			s->d = 15;
			e->y = year;
			e->m = last;
			e->d = 14;
		} else {
			s->y = year;
			s->m = 1;
			s->d = 1;
			e->y = year;
			e->m = last;
			e->d = last == 6 || last == 9 ? 30 : 31;
		}
		return true;
	case PERIOD_MONTH:
		return false; /* the month is in period_label.month */
	case PERIOD_H2:
		s->y = year;
		s->m = shifted ? 6 : 7;
		s->d = shifted ? 15 : 1;
		e->y = year;
		e->m = 12;
		e->d = shifted ? 14 : 31;
		return true;
	case PERIOD_NONE:
		break;
	}
	return false;
}
