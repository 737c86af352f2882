/* SPDX-License-Identifier: MIT */
/* Date reading over tokens. */
#include "indicators/date.h"

#include <stdio.h>
#include <string.h>

#include "core/arena.h"

bool
date_valid(int y, int m, int d)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
		31 };
	int max;

	if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1)
		return false;
	max = mdays[m - 1];
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		max = 29;
	return d <= max;
}

/* A whole number token of at most `maxd` digits. */
static bool
tok_int(const struct token *t, size_t maxd, int *v)
{
	size_t i;
	int x = 0;

	if (t->kind != TOK_NUMBER || t->len == 0 || t->len > maxd)
		return false;
	for (i = 0; i < t->len; i++) {
		if (t->p[i] < '0' || t->p[i] > '9')
			return false;
		x = x * 10 + (t->p[i] - '0');
	}
	*v = x;
	return true;
}

static bool
is_date_sep(const struct token *t)
{
	return t->kind == TOK_SIGN && t->len == 1 &&
	    (t->p[0] == '/' || t->p[0] == '-');
}

/* "17.5.2018": one number token with two dots. */
static bool
dotted(const struct token *t, struct date *out)
{
	int v[3] = { 0, 0, 0 }, k = 0, nd = 0;
	size_t i;

	if (t->kind != TOK_NUMBER)
		return false;
	for (i = 0; i < t->len; i++) {
		char c = t->p[i];

		if (c == '.') {
			if (nd == 0 || k >= 2)
				return false;
			k++;
			nd = 0;
		} else if (c >= '0' && c <= '9' && nd < 4) {
			v[k] = v[k] * 10 + (c - '0');
			nd++;
		} else {
			return false;
		}
	}
	if (k != 2 || nd != 4)
		return false;
	out->d = v[0];
	out->m = v[1];
	out->y = v[2];
	return date_valid(out->y, out->m, out->d);
}

static bool
set_date(struct date *out, int y, int m, int d)
{
	if (!date_valid(y, m, d))
		return false;
	out->y = y;
	out->m = m;
	out->d = d;
	return true;
}

bool
date_at(const struct tokens *ts, size_t i, struct date *out, size_t *next)
{
	const struct token *t = ts->v;
	size_t n = ts->n, j = i;
	int d, m, y;

	if (j < n && tok_is(&t[j], "ngay"))
		j++;
	if (j >= n)
		return false;
	/* Long form: D tháng M năm Y. */
	if (j + 5 <= n && tok_int(&t[j], 2, &d) && tok_is(&t[j + 1], "thang") &&
	    tok_int(&t[j + 2], 2, &m) && tok_is(&t[j + 3], "nam") &&
	    tok_int(&t[j + 4], 4, &y) && t[j + 4].len == 4) {
		*next = j + 5;
		return set_date(out, y, m, d);
	}
	if (dotted(&t[j], out)) {
		*next = j + 1;
		return true;
	}
	/* D/M/Y, both separators alike and glued to the numbers. */
	if (j + 5 <= n && tok_int(&t[j], 2, &d) && is_date_sep(&t[j + 1]) &&
	    tok_int(&t[j + 2], 2, &m) && is_date_sep(&t[j + 3]) &&
	    t[j + 1].p[0] == t[j + 3].p[0] && tok_int(&t[j + 4], 4, &y) &&
	    t[j + 4].len == 4) {
		/* "28/02/2024/2023": a second year glued on. */
		if (j + 7 <= n && is_date_sep(&t[j + 5]) &&
		    !t[j + 5].space_before && t[j + 6].kind == TOK_NUMBER &&
		    !t[j + 6].space_before)
			return false;
		*next = j + 5;
		return set_date(out, y, m, d);
	}
	return false;
}

bool
date_find(const struct tokens *ts, size_t from, size_t to, struct date *out,
    size_t *at, size_t *next)
{
	size_t i;

	if (to > ts->n)
		to = ts->n;
	for (i = from; i < to; i++) {
		/* Do not start inside a number sequence ("2024/2023"). */
		if (i > 0 && is_date_sep(&ts->v[i - 1]) &&
		    !ts->v[i].space_before)
			continue;
		if (date_at(ts, i, out, next) && *next <= to) {
			*at = i;
			return true;
		}
	}
	return false;
}

bool
date_parse(const char *s, size_t len, struct date *out)
{
	struct arena *a = arena_new(64 * 1024);
	struct tokens ts;
	size_t next;
	bool ok = false;

	if (a == NULL)
		return false;
	if (tokens_split(a, s, len, 64, &ts) == ERR_OK && ts.n > 0)
		ok = date_at(&ts, 0, out, &next) && next == ts.n;
	arena_free(a);
	return ok;
}

void
date_iso(const struct date *d, char buf[11])
{
	(void)snprintf(buf, 11, "%04d-%02d-%02d", d->y, d->m, d->d);
}

int
date_cmp(const struct date *a, const struct date *b)
{
	if (a->y != b->y)
		return a->y < b->y ? -1 : 1;
	if (a->m != b->m)
		return a->m < b->m ? -1 : 1;
	if (a->d != b->d)
		return a->d < b->d ? -1 : 1;
	return 0;
}
