/* SPDX-License-Identifier: MIT */
/* Rate rows without a canonical id, checked against the rows under them. */
#include "indicators/check_rows.h"

#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "indicators/check_flag.h"
#include "indicators/check_fold.h"
#include "indicators/check_num.h"

/* Folded wordings of the rows a rate is computed over. */
static const char *const den_words[] = {
	"de ra",
	"duoc giao",
	"tong so",
	"phat hien qua",
	"can phai xu ly",
	"can xu ly",
	"da tiep nhan",
	"du dieu kien",
};
static const char *const num_words[] = {
	"da hoan thanh",
	"xu ly xong",
	"da giai quyet",
	"da thuc hien",
	"dung han",
	"da tinh gian",
	"dang cung cap",
	"da duoc xu ly",
};

#define LABEL_MAX 512

struct row {
	const struct result_indicator *ind;
	char fold[LABEL_MAX]; /* folded label without its "- " or "+ " */
	char mark;            /* '-', '+' or 0 */
	bool coded, rate;
};

static bool
has_digit(const char *s)
{
	for (; s != NULL && *s != '\0'; s++)
		if (*s >= '0' && *s <= '9')
			return true;
	return false;
}

static bool
contains_any(const char *s, const char *const *words, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strstr(s, words[i]) != NULL)
			return true;
	return false;
}

static void
fill_row(struct row *r, const struct result_indicator *ind)
{
	const char *l = ind->label != NULL ? ind->label : "";
	char *p;

	memset(r, 0, sizeof *r);
	r->ind = ind;
	(void)check_fold_into(r->fold, sizeof r->fold, l, strlen(l));
	p = r->fold;
	while (*p == ' ')
		p++;
	if (*p == '-' || *p == '+') {
		r->mark = *p;
		p++;
	}
	while (*p == ' ')
		p++;
	memmove(r->fold, p, strlen(p) + 1);
	r->coded = has_digit(ind->code);
	r->rate = strncmp(r->fold, "ty le", 5) == 0 ||
	    (ind->unit != NULL && strchr(ind->unit, '%') != NULL) ||
	    (ind->raw != NULL && strchr(ind->raw, '%') != NULL);
}

static bool
is_ratio_target(const struct rules *rs, const char *id)
{
	size_t k;

	if (id == NULL)
		return false;
	for (k = 0; k < rs->n; k++)
		if (rs->v[k].kind == RULES_RATIO &&
		    strcmp(rs->v[k].target, id) == 0)
			return true;
	return false;
}

/* The count rows a rate row `i` is computed over: for a numbered rate,
 * the unnumbered rows after it up to the next rate or numbered row; for
 * a "- Tỷ lệ" sub-row, the deeper rows after it, else the rows of its
 * own level before it. */
static size_t
operands(const struct row *rows, size_t n, size_t i, size_t *out, size_t cap)
{
	size_t k, m = 0;

	if (rows[i].coded) {
		for (k = i + 1; k < n && m < cap; k++) {
			if (rows[k].coded || rows[k].rate ||
			    rows[k].ind->source.table !=
				rows[i].ind->source.table)
				break;
			out[m++] = k;
		}
		return m;
	}
	for (k = i + 1; k < n && m < cap; k++) {
		if (rows[k].coded || rows[k].rate || rows[k].mark == 0 ||
		    rows[k].mark == rows[i].mark ||
		    rows[k].ind->source.table != rows[i].ind->source.table)
			break;
		out[m++] = k;
	}
	if (m > 0)
		return m;
	for (k = i; k-- > 0 && m < cap;) {
		if (rows[k].rate || rows[k].mark != rows[i].mark ||
		    rows[k].ind->source.table != rows[i].ind->source.table)
			break;
		out[m++] = k;
		if (rows[k].coded)
			break;
	}
	return m;
}

static void
check_one(const struct row *rows, size_t n, size_t i,
    const struct rules_settings *set, struct arena *a, struct ptrvec *out,
    bool *nomem)
{
	const struct result_indicator *t = rows[i].ind, *num = NULL,
				      *den = NULL;
	size_t ops[16], nops = operands(rows, n, i, ops, 16), k;
	int dec = check_decimals(t->raw, t->value);
	int shown = dec < 1 ? 1 : (dec > 2 ? 2 : dec);
	double comp, tol;
	struct result_flag *f;
	char sp[32], sc[32], sn[32], sd[32], ep[32], ec[32], en_[32], ed[32];
	const char *lab;
	bool zero;

	for (k = 0; k < nops; k++) {
		const struct row *r = &rows[ops[k]];
		bool d = contains_any(
			 r->fold, den_words, G_N_ELEMENTS(den_words)),
		     u = contains_any(
			 r->fold, num_words, G_N_ELEMENTS(num_words));

		if (!r->ind->has_value || d == u)
			continue;
		if (d) {
			if (den != NULL)
				return; /* two candidates: in doubt */
			den = r->ind;
		} else {
			if (num != NULL)
				return;
			num = r->ind;
		}
	}
	if (num == NULL || den == NULL)
		return;
	zero = den->value == 0;
	if (zero && t->value == 0)
		return;
	comp = zero ? 0 : 100.0 * num->value / den->value;
	if (!zero && check_pct_agrees(t->value, dec, comp, set, &tol))
		return;
	f = check_flag_new(a, "pct_mismatch",
	    zero ? set->pct_zero_denominator : set->rate_rows);
	if (f == NULL || check_flag_add_indicator(f, a, t) != 0 ||
	    check_flag_add_indicator(f, a, num) != 0 ||
	    check_flag_add_indicator(f, a, den) != 0) {
		*nomem = true;
		return;
	}
	lab = check_label(a, t);
	check_fmt_num(sp, sizeof sp, t->value, dec, CHECK_VI);
	check_fmt_num(ep, sizeof ep, t->value, dec, CHECK_EN);
	check_fmt_num(sn, sizeof sn, num->value, 0, CHECK_VI);
	check_fmt_num(en_, sizeof en_, num->value, 0, CHECK_EN);
	check_fmt_num(sd, sizeof sd, den->value, 0, CHECK_VI);
	check_fmt_num(ed, sizeof ed, den->value, 0, CHECK_EN);
	if (zero) {
		if (check_flag_message(f, a,
			arena_printf(a,
			    "\"%s\": phụ lục ghi %s%% nhưng mẫu số \"%s\" bằng 0, tỷ lệ phải để trống",
			    lab, sp, check_label(a, den)),
			arena_printf(a,
			    "\"%s\": the appendix says %s%% but the denominator \"%s\" is 0, so the rate should be empty",
			    lab, ep, check_label(a, den))) != 0 ||
		    ptrvec_push(out, a, f) != 0)
			*nomem = true;
		return;
	}
	f->has_expected = true;
	f->expected = round(comp * 100) / 100;
	f->has_tolerance = true;
	f->tolerance = tol;
	check_fmt_num(sc, sizeof sc, comp, shown, CHECK_VI);
	check_fmt_num(ec, sizeof ec, comp, shown, CHECK_EN);
	if (check_flag_message(f, a,
		arena_printf(a,
		    "\"%s\": %s / %s = %s%%, nhưng phụ lục ghi %s%%", lab, sn,
		    sd, sc, sp),
		arena_printf(a,
		    "\"%s\": %s / %s = %s%%, but the appendix says %s%%", lab,
		    en_, ed, ec, ep)) != 0 ||
	    ptrvec_push(out, a, f) != 0)
		*nomem = true;
}

enum err
check_rate_rows(const struct result *in, const struct rules *rs,
    struct arena *a, struct ptrvec *out)
{
	struct row *rows;
	size_t i, n = 0;
	bool nomem = false;

	rows = arena_calloc(a, in->indicators.n + 1, sizeof *rows);
	if (rows == NULL)
		return ERR_NOMEM;
	for (i = 0; i < in->indicators.n; i++) {
		const struct result_indicator *ind = in->indicators.v[i];

		if (ind->source.origin != NULL &&
		    strcmp(ind->source.origin, "appendix") == 0)
			fill_row(&rows[n++], ind);
	}
	for (i = 0; i < n && !nomem; i++)
		if (rows[i].rate && rows[i].ind->has_value &&
		    !is_ratio_target(rs, rows[i].ind->id))
			check_one(rows, n, i, &rs->set, a, out, &nomem);
	return nomem ? ERR_NOMEM : ERR_OK;
}
