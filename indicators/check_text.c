/* SPDX-License-Identifier: MIT */
/* Stated fractions and their percentages in running text. */
#include "indicators/check_text.h"

#include <glib.h>
#include <math.h>
#include <string.h>

#include "indicators/check_flag.h"
#include "indicators/check_fold.h"
#include "indicators/check_num.h"

/* Words between "a/b" and its percentage that say "which is". */
static const char *const linkers[] = {
	"dat",
	"=",
	"bang",
	"chiem",
	"la",
	"tuong",
	"ty",
	"le",
	"(",
	"-",
};

#define LOOKAHEAD 6u

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* True when the dot at s[i] groups thousands: three digits follow, then
 * the end, a comma or another grouping dot. */
static bool
groups_thousands(const char *s, size_t len, size_t i)
{
	if (len - i < 4)
		return false;
	if (!is_digit(s[i + 1]) || !is_digit(s[i + 2]) || !is_digit(s[i + 3]))
		return false;
	return i + 4 == len || s[i + 4] == ',' || s[i + 4] == '.';
}

bool
check_text_number(const char *s, size_t len, double *v, int *decimals)
{
	char buf[48], *end;
	size_t i, o = 0, ndot = 0, ncomma = 0, comma = 0, dot = 0;
	bool grouped = true;

	*decimals = 0;
	if (len == 0 || len >= sizeof buf || !is_digit(s[0]) ||
	    !is_digit(s[len - 1]))
		return false;
	for (i = 0; i < len; i++) {
		if (s[i] == '.') {
			ndot++;
			dot = i;
			if (!groups_thousands(s, len, i) || ncomma > 0)
				grouped = false;
		} else if (s[i] == ',') {
			ncomma++;
			comma = i;
		} else if (!is_digit(s[i]))
			return false;
		if ((s[i] == '.' || s[i] == ',') && !is_digit(s[i - 1]))
			return false;
	}
	if (ncomma > 1 || (ndot > 1 && !grouped))
		return false;
	if (ndot > 0 && grouped) {
		/* "7.972", "1.034.000", "1.250,5": dots group thousands. */
		for (i = 0; i < len; i++)
			if (s[i] != '.')
				buf[o++] = s[i] == ',' ? '.' : s[i];
		if (ncomma == 1)
			*decimals = (int)(len - comma - 1);
	} else if (ndot == 1 && ncomma == 0) {
		/* "62.3", "65.49": a decimal point. */
		memcpy(buf, s, len);
		o = len;
		*decimals = (int)(len - dot - 1);
	} else if (ndot == 0) {
		for (i = 0; i < len; i++)
			buf[o++] = s[i] == ',' ? '.' : s[i];
		if (ncomma == 1)
			*decimals = (int)(len - comma - 1);
	} else
		return false;
	buf[o] = '\0';
	*v = g_ascii_strtod(buf, &end);
	return *end == '\0' && isfinite(*v);
}

struct tctx {
	const struct result *r;
	const struct rules *rs;
	const struct rules_settings *set;
	struct arena *a;
	struct ptrvec *out;
	size_t first; /* flags before this index came from other checks */
	bool nomem;
};

/* A flag of the rule engine already covers this sentence when it used a
 * percentage stated in it with the same value. */
static bool
covered(const struct tctx *c, const char *para, double pct)
{
	size_t i, j;

	for (i = 0; i < c->first; i++) {
		const struct result_flag *f = c->out->v[i];

		if (strcmp(f->rule, "pct_mismatch") != 0 &&
		    strcmp(f->rule, "body_vs_appendix") != 0)
			continue;
		for (j = 0; j < f->evidence.n; j++) {
			const struct result_evidence *ev = f->evidence.v[j];

			if (ev->source.text != NULL && ev->has_value &&
			    fabs(ev->value - pct) < 1e-9 &&
			    (strstr(para, ev->source.text) != NULL ||
				strstr(ev->source.text, para) != NULL))
				return true;
		}
	}
	return false;
}

/* Narrative values the mapping read from this paragraph with one of
 * these values: their ids name what the sentence is about. */
static void
attach_ids(struct tctx *c, struct result_flag *f, const char *para,
    const double *vals, size_t nvals)
{
	size_t i, k;

	for (i = 0; i < c->r->indicators.n; i++) {
		const struct result_indicator *ind = c->r->indicators.v[i];

		if (ind->id == NULL || !ind->has_value ||
		    ind->source.text == NULL || ind->source.origin == NULL ||
		    strcmp(ind->source.origin, "narrative") != 0)
			continue;
		if (strstr(para, ind->source.text) == NULL &&
		    strstr(ind->source.text, para) == NULL)
			continue;
		for (k = 0; k < nvals; k++)
			if (fabs(ind->value - vals[k]) < 1e-9 &&
			    check_flag_add_id(f, c->a, ind->id) != 0)
				c->nomem = true;
	}
}

/* The appendix value of `id`, first of its rows; NULL when none. */
static const struct result_indicator *
app_value(const struct tctx *c, const char *id)
{
	size_t i;

	for (i = 0; i < c->r->indicators.n; i++) {
		const struct result_indicator *ind = c->r->indicators.v[i];

		if (ind->id != NULL && ind->has_value &&
		    strcmp(ind->id, id) == 0 && ind->source.origin != NULL &&
		    strcmp(ind->source.origin, "appendix") == 0)
			return ind;
	}
	return NULL;
}

/* A ratio rule whose single numerator and denominator the appendix
 * gives as `a` and `b`: the fraction is that rate. */
static void
attach_rule(struct tctx *c, struct result_flag *f, double a, double b)
{
	size_t k;

	for (k = 0; k < c->rs->n; k++) {
		const struct rules_rule *r = &c->rs->v[k];
		const struct result_indicator *n, *d, *t;

		if (r->kind != RULES_RATIO || r->nlhs != 1 || r->nrhs != 1)
			continue;
		n = app_value(c, r->lhs[0].id);
		d = app_value(c, r->rhs[0].id);
		if (n == NULL || d == NULL || n->value != a || d->value != b)
			continue;
		t = app_value(c, r->target);
		if (check_flag_add_id(f, c->a, r->target) != 0 ||
		    check_flag_add_indicator(f, c->a, n) != 0 ||
		    check_flag_add_indicator(f, c->a, d) != 0 ||
		    (t != NULL && check_flag_add_indicator(f, c->a, t) != 0))
			c->nomem = true;
		return;
	}
}

static void
scan_para(struct tctx *c, const struct doc_block *blk)
{
	struct check_fold f;
	size_t i, k;

	if (check_fold_init(&f, c->a, blk->text, blk->len) != 0) {
		c->nomem = true;
		return;
	}
	for (i = 0; i < f.nw && !c->nomem; i++) {
		const char *w = f.s + f.w[i].b, *slash, *ps = NULL;
		size_t wl = f.w[i].e - f.w[i].b, pl = 0, pi = 0;
		double a, b, p, comp, tol, vals[3];
		int da, db, dp;
		bool linked = false;
		struct result_flag *fl;
		struct result_ref where;
		char sa[32], sb[32], sp[32], sc[32];
		char ea[32], eb[32], ep[32], ec[32];

		slash = memchr(w, '/', wl);
		if (slash == NULL ||
		    memchr(slash + 1, '/', wl - (size_t)(slash + 1 - w)) !=
			NULL)
			continue;
		/* "ngày 12/3" is a date; "số 130/2020" a number. */
		if (i > 0 &&
		    (check_fold_word_is(&f, i - 1, "ngay") ||
			check_fold_word_is(&f, i - 1, "so") ||
			check_fold_word_is(&f, i - 1, "thang")))
			continue;
		if (!check_text_number(w, (size_t)(slash - w), &a, &da) ||
		    !check_text_number(
			slash + 1, wl - (size_t)(slash + 1 - w), &b, &db) ||
		    b <= 0)
			continue;
		for (k = i + 1; k < f.nw && k <= i + LOOKAHEAD; k++) {
			const char *x = f.s + f.w[k].b;
			size_t xl = f.w[k].e - f.w[k].b, t;

			if (xl > 1 && x[xl - 1] == '%') {
				ps = x;
				pl = xl - 1;
				pi = k;
				break;
			}
			if (k + 1 < f.nw &&
			    check_fold_word_is(&f, k + 1, "%") &&
			    is_digit(x[0])) {
				ps = x;
				pl = xl;
				pi = k;
				break;
			}
			if (memchr(x, '/', xl) != NULL)
				break;
			for (t = 0; t < xl; t++)
				if (is_digit(x[t]))
					break;
			if (t < xl)
				break; /* another number first */
			for (t = 0; t < G_N_ELEMENTS(linkers); t++)
				if (check_fold_word_is(&f, k, linkers[t]))
					linked = true;
		}
		if (ps == NULL || !linked)
			continue;
		if (!check_text_number(ps, pl, &p, &dp))
			continue;
		comp = 100.0 * a / b;
		if (check_pct_agrees(p, dp, comp, c->set, &tol) ||
		    covered(c, blk->text, p))
			continue;
		fl = check_flag_new(c->a, "pct_mismatch", c->set->text_ratio);
		if (fl == NULL) {
			c->nomem = true;
			return;
		}
		memset(&where, 0, sizeof where);
		where.origin = "narrative";
		where.page = blk->page;
		where.table = -1;
		where.row = -1;
		where.text = blk->text;
		if (check_flag_add_evidence(fl, c->a, NULL,
			check_fold_span(&f, c->a, blk->text, i, pi),
			check_fold_span(&f, c->a, blk->text, pi, pi), true, p,
			&where) != 0) {
			c->nomem = true;
			return;
		}
		vals[0] = p;
		vals[1] = a;
		vals[2] = b;
		attach_ids(c, fl, blk->text, vals, 3);
		attach_rule(c, fl, a, b);
		fl->has_expected = true;
		fl->expected = round(comp * 100) / 100;
		fl->has_tolerance = true;
		fl->tolerance = tol;
		check_fmt_num(sa, sizeof sa, a, da, CHECK_VI);
		check_fmt_num(sb, sizeof sb, b, db, CHECK_VI);
		check_fmt_num(sp, sizeof sp, p, dp, CHECK_VI);
		check_fmt_num(sc, sizeof sc, comp, dp < 1 ? 1 : dp, CHECK_VI);
		check_fmt_num(ea, sizeof ea, a, da, CHECK_EN);
		check_fmt_num(eb, sizeof eb, b, db, CHECK_EN);
		check_fmt_num(ep, sizeof ep, p, dp, CHECK_EN);
		check_fmt_num(ec, sizeof ec, comp, dp < 1 ? 1 : dp, CHECK_EN);
		if (check_flag_message(fl, c->a,
			arena_printf(c->a,
			    "%s / %s = %s%%, nhưng phần nội dung báo cáo ghi %s%% (trang %u)",
			    sa, sb, sc, sp, blk->page),
			arena_printf(c->a,
			    "%s / %s = %s%%, but the text says %s%% (page %u)",
			    ea, eb, ec, ep, blk->page)) != 0 ||
		    ptrvec_push(c->out, c->a, fl) != 0)
			c->nomem = true;
		i = pi;
	}
}

enum err
check_text_ratios(const struct result *in, const struct rules *rs,
    struct arena *a, struct ptrvec *out)
{
	struct tctx c = { in, rs, &rs->set, a, out, out->n, false };
	size_t i;

	if (in->doc == NULL)
		return ERR_OK;
	for (i = 0; i < in->doc->blocks.n && !c.nomem; i++) {
		const struct doc_block *blk = in->doc->blocks.v[i];

		if (blk->kind == DOC_TABLE || blk->part == DOC_PART_HEADER ||
		    blk->part == DOC_PART_FOOTER)
			continue;
		scan_para(&c, blk);
	}
	return c.nomem ? ERR_NOMEM : ERR_OK;
}
