/* SPDX-License-Identifier: MIT */
/*
 * The rule engine: binds each relation of the rules file to values of
 * the result record and raises a flag when a binding breaks it.
 *
 * Two kinds of binding.  In the appendix, the same id may appear in
 * several rows (templates repeat "Số nhiệm vụ đề ra" under each plan);
 * each occurrence of the relation's first id is bound to the nearest
 * occurrence of every other id, preferring rows of the same group (a
 * numbered row and the unnumbered "- ..." rows under it).  In the
 * narrative, each sentence is checked on its own: a sentence that states
 * a rate is checked against the numbers it states, completed from the
 * appendix; a sum or a part-of-whole is checked only when the sentence
 * states every term, so a narrative value that differs from the appendix
 * gives one body_vs_appendix flag, not a cascade.
 *
 * check_document() runs the relations, then the checks of single values
 * (check_values.c), rate rows, stated ratios and dates.
 */
#include "indicators/check_engine.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "indicators/check_dates.h"
#include "indicators/check_engine_int.h"
#include "indicators/check_flag.h"
#include "indicators/check_num.h"
#include "indicators/check_rows.h"
#include "indicators/check_text.h"

#define FLAT_MAX (2 * RULES_TERMS_MAX + 1)

/* A relation's terms in one list: target first (ratio, range), then the
 * left side, then the right side. */
struct flat {
	const char *id[FLAT_MAX];
	bool optional[FLAT_MAX];
	size_t n, nl; /* nl: where the right side starts */
	bool has_target;
};

struct seen {
	const struct rules_rule *rule;
	size_t n;
	size_t idx[FLAT_MAX];
};

static void
flatten(const struct rules_rule *r, struct flat *f)
{
	size_t i;

	memset(f, 0, sizeof *f);
	if (r->target != NULL) {
		f->id[f->n] = r->target;
		f->optional[f->n++] = false;
		f->has_target = true;
	}
	for (i = 0; i < r->nlhs && f->n < FLAT_MAX; i++) {
		f->id[f->n] = r->lhs[i].id;
		f->optional[f->n++] = r->lhs[i].optional;
	}
	f->nl = f->n;
	for (i = 0; i < r->nrhs && f->n < FLAT_MAX; i++) {
		f->id[f->n] = r->rhs[i].id;
		f->optional[f->n++] = r->rhs[i].optional;
	}
}

/* ---- groups of appendix rows -------------------------------------- */

static bool
has_code(const struct result_indicator *ind)
{
	const char *s = ind->code;

	if (s == NULL)
		return false;
	for (; *s != '\0'; s++)
		if (*s >= '0' && *s <= '9')
			return true;
	return false;
}

/* A numbered row starts a group; the unnumbered rows after it join it. */
static int
make_groups(struct engine_ctx *c)
{
	int g = -1, last_table = -2;
	size_t i;

	c->group = arena_calloc(c->a, c->nind + 1, sizeof *c->group);
	if (c->group == NULL)
		return -1;
	for (i = 0; i < c->nind; i++) {
		const struct result_indicator *ind = c->ind[i];

		c->group[i] = -1;
		if (!engine_is_app(ind))
			continue;
		if (ind->source.table != last_table || has_code(ind) || g < 0)
			g++;
		last_table = ind->source.table;
		c->group[i] = g;
	}
	return 0;
}

/* How far appendix value j is from i: same group first, then rows. */
static long
distance(const struct engine_ctx *c, size_t i, size_t j)
{
	const struct result_ref *a = &c->ind[i]->source,
				*b = &c->ind[j]->source;
	long d;

	if (a->table != b->table)
		return 1000000L + labs((long)i - (long)j);
	d = labs((long)a->row - (long)b->row);
	if (c->group[i] != c->group[j])
		d += 10000L;
	return d;
}

static size_t
nearest_app(const struct engine_ctx *c, const char *id, size_t anchor)
{
	size_t j, best = ENGINE_NONE;
	long bd = 0;

	for (j = 0; j < c->nind; j++) {
		const struct result_indicator *ind = c->ind[j];
		long d;

		if (!engine_is_app(ind) || !ind->has_value ||
		    !engine_same_id(ind, id))
			continue;
		if (anchor == ENGINE_NONE)
			return j;
		d = distance(c, anchor, j);
		if (best == ENGINE_NONE || d < bd) {
			best = j;
			bd = d;
		}
	}
	return best;
}

/* ---- bookkeeping -------------------------------------------------- */

/* True when this rule was already judged on exactly these values. */
static bool
already_seen(struct engine_ctx *c, const struct rules_rule *rule,
    const size_t *idx, size_t n)
{
	struct seen *s;
	size_t i;

	for (i = 0; i < c->seen.n; i++) {
		s = c->seen.v[i];
		if (s->rule == rule && s->n == n &&
		    memcmp(s->idx, idx, n * sizeof *idx) == 0)
			return true;
	}
	s = arena_alloc(c->a, sizeof *s);
	if (s == NULL || ptrvec_push(&c->seen, c->a, s) != 0) {
		c->nomem = true;
		return true;
	}
	s->rule = rule;
	s->n = n;
	memcpy(s->idx, idx, n * sizeof *idx);
	return false;
}

/* check_engine_int.h */
void
engine_use(struct engine_ctx *c, struct result_flag *f, size_t i)
{
	size_t k;

	if (check_flag_add_indicator(f, c->a, c->ind[i]) != 0) {
		c->nomem = true;
		return;
	}
	for (k = 0; k < c->used.n; k++)
		if (c->used.v[k] == c->ind[i])
			return;
	if (ptrvec_push(&c->used, c->a, (void *)(uintptr_t)c->ind[i]) != 0)
		c->nomem = true;
}

/* check_engine_int.h */
void
engine_emit(
    struct engine_ctx *c, struct result_flag *f, const char *vi, const char *en)
{
	if (check_flag_emit(f, c->a, c->out, vi, en) != 0)
		c->nomem = true;
}

/* check_engine_int.h */
const char *
engine_label(struct engine_ctx *c, size_t i)
{
	size_t j;

	/* A value of the text is best named by the row the clerk sees in
	 * the appendix for the same id. */
	if (engine_is_narr(c->ind[i]) && c->ind[i]->id != NULL)
		for (j = 0; j < c->nind; j++)
			if (engine_is_app(c->ind[j]) &&
			    engine_same_id(c->ind[j], c->ind[i]->id))
				return check_label(c->a, c->ind[j]);
	return check_label(c->a, c->ind[i]);
}

/* Where a value sits, for messages: the appendix or the running text. */
static const char *
where_vi(const struct result_indicator *ind)
{
	return engine_is_narr(ind) ? "phần nội dung báo cáo" : "phụ lục";
}

static const char *
where_en(const struct result_indicator *ind)
{
	return engine_is_narr(ind) ? "the text" : "the appendix";
}

/* ---- the relations ------------------------------------------------ */

/* Value text for messages: the number as the language writes it
 * (check_engine_int.h). */
const char *
engine_num(struct engine_ctx *c, double v, int dec, enum check_lang lang)
{
	char buf[64];

	check_fmt_num(buf, sizeof buf, v, dec, lang);
	return arena_strdup(c->a, buf);
}

/* "(a + b)" or "a" for the terms bound in idx[from..to). */
static const char *
terms_text(struct engine_ctx *c, const size_t *idx, size_t from, size_t to,
    enum check_lang lang)
{
	char buf[512];
	size_t k, n = 0, len = 0;

	buf[0] = '\0';
	for (k = from; k < to; k++)
		if (idx[k] != ENGINE_NONE)
			n++;
	for (k = from; k < to; k++) {
		char v[64];

		if (idx[k] == ENGINE_NONE)
			continue;
		check_fmt_num(v, sizeof v, c->ind[idx[k]]->value,
		    check_decimals(c->ind[idx[k]]->raw, c->ind[idx[k]]->value),
		    lang);
		len += (size_t)snprintf(buf + len,
		    len < sizeof buf ? sizeof buf - len : 0, "%s%s",
		    len == 0 ? (n > 1 ? "(" : "") : " + ", v);
		if (len >= sizeof buf)
			break;
	}
	if (n > 1 && len + 1 < sizeof buf) {
		buf[len++] = ')';
		buf[len] = '\0';
	}
	return arena_strdup(c->a, buf);
}

static double
sum_of(const struct engine_ctx *c, const size_t *idx, size_t from, size_t to)
{
	double s = 0;
	size_t k;

	for (k = from; k < to; k++)
		if (idx[k] != ENGINE_NONE)
			s += c->ind[idx[k]]->value;
	return s;
}

/* The labels of the terms, "a + b", for messages. */
static const char *
labels_text(struct engine_ctx *c, const size_t *idx, size_t from, size_t to)
{
	char buf[1024];
	size_t k, len = 0;

	buf[0] = '\0';
	for (k = from; k < to && len < sizeof buf; k++) {
		if (idx[k] == ENGINE_NONE)
			continue;
		len += (size_t)snprintf(buf + len, sizeof buf - len, "%s\"%s\"",
		    len == 0 ? "" : " + ", engine_label(c, idx[k]));
	}
	return arena_strdup(c->a, buf);
}

bool
engine_page_is_ocr(const struct result *r, unsigned page)
{
	size_t i;

	for (i = 0; i < r->pages.n; i++) {
		const struct result_page *p = r->pages.v[i];

		if (p->n == page)
			return p->method != NULL &&
			    strcmp(p->method, "ocr") == 0;
	}
	return false;
}

/* A rate OCR read without its decimal mark: the printed digits, with a
 * mark put back one or two places from the right, agree with the
 * counts ("17,4" read as "174").  *shown: that reading. */
static bool
lost_decimal_mark(const struct engine_ctx *c, const struct result_indicator *t,
    double comp, double *shown)
{
	const char *raw = t->raw != NULL ? t->raw : "";
	double tol;
	int k;

	if (!engine_page_is_ocr(c->r, t->source.page) ||
	    strpbrk(raw, ".,") != NULL || t->value < 10)
		return false;
	for (k = 1; k <= 2; k++) {
		double v = t->value / (k == 1 ? 10.0 : 100.0);

		if (check_pct_agrees(v, k, comp, c->set, &tol)) {
			*shown = v;
			return true;
		}
	}
	return false;
}

static void
eval_ratio(struct engine_ctx *c, const struct rules_rule *rule,
    const struct flat *f, const size_t *idx)
{
	const struct result_indicator *t = c->ind[idx[0]];
	double n = sum_of(c, idx, 1, f->nl), d = sum_of(c, idx, f->nl, f->n);
	int dec = check_decimals(t->raw, t->value);
	int shown = dec < 1 ? 1 : (dec > 2 ? 2 : dec);
	const char *lab = engine_label(c, idx[0]);
	struct result_flag *fl;
	double comp, tol, alt;
	const char *note_vi = "", *note_en = "";
	char *vi, *en;
	size_t k;

	if (d == 0) {
		/* A rate of nothing: the cell should be empty.  "0" there
		 * harms no one; "100" claims a result that has no base. */
		if (t->value == 0)
			return;
		fl = check_flag_new(
		    c->a, rule->name, c->set->pct_zero_denominator);
		if (fl == NULL)
			goto nomem;
		for (k = 0; k < f->n; k++)
			if (idx[k] != ENGINE_NONE)
				engine_use(c, fl, idx[k]);
		vi = arena_printf(c->a,
		    "\"%s\": báo cáo ghi %s%% nhưng mẫu số %s bằng 0, tỷ lệ phải để trống",
		    lab, engine_num(c, t->value, dec, CHECK_VI),
		    labels_text(c, idx, f->nl, f->n));
		en = arena_printf(c->a,
		    "\"%s\" (%s): the report says %s%% but the denominator %s is 0, so the rate should be empty",
		    lab, rule->target, engine_num(c, t->value, dec, CHECK_EN),
		    labels_text(c, idx, f->nl, f->n));
		engine_emit(c, fl, vi, en);
		return;
	}
	comp = 100.0 * n / d;
	if (check_pct_agrees(t->value, dec, comp, c->set, &tol))
		return;
	fl = check_flag_new(c->a, rule->name, rule->severity);
	if (fl == NULL)
		goto nomem;
	for (k = 0; k < f->n; k++)
		if (idx[k] != ENGINE_NONE)
			engine_use(c, fl, idx[k]);
	fl->has_expected = true;
	fl->expected = round(comp * 100) / 100;
	fl->has_tolerance = true;
	fl->tolerance = tol;
	/* R12 and R14: say what the slip probably was. */
	alt = n != 0 ? 100.0 * d / n : 0;
	if (n > d && n != 0 &&
	    check_pct_agrees(t->value, dec, alt, c->set, &tol)) {
		note_vi = "; số liệu tử số và mẫu số có thể bị ghi nhầm chỗ "
			  "cho nhau";
		note_en = "; the numerator and denominator rows may be swapped";
	} else if (check_pct_agrees(t->value, dec, comp / 100, c->set, &tol) ||
	    check_pct_agrees(t->value, dec, comp * 100, c->set, &tol)) {
		note_vi = "; có thể nhầm giữa tỷ lệ phần trăm và phân số";
		note_en =
		    "; a fraction and a percentage may have been confused";
	} else if (lost_decimal_mark(c, t, comp, &alt)) {
		/* Say so: the clerk checks one digit on the paper instead
		 * of the whole row. */
		note_vi = arena_printf(c->a,
		    "; trang được đọc bằng OCR, có thể bỏ sót dấu thập phân "
		    "(%s%%)",
		    engine_num(c, alt, 2, CHECK_VI));
		note_en = arena_printf(c->a,
		    "; the page was read by OCR, which may have missed a "
		    "decimal mark (%s%%)",
		    engine_num(c, alt, 2, CHECK_EN));
	}
	vi = arena_printf(c->a, "\"%s\": %s / %s = %s%%, nhưng %s ghi %s%%%s",
	    lab, terms_text(c, idx, 1, f->nl, CHECK_VI),
	    terms_text(c, idx, f->nl, f->n, CHECK_VI),
	    engine_num(c, comp, shown, CHECK_VI), where_vi(t),
	    engine_num(c, t->value, dec, CHECK_VI), note_vi);
	en = arena_printf(c->a,
	    "\"%s\" (%s): %s / %s = %s%%, but %s says %s%%%s", lab,
	    rule->target, terms_text(c, idx, 1, f->nl, CHECK_EN),
	    terms_text(c, idx, f->nl, f->n, CHECK_EN),
	    engine_num(c, comp, shown, CHECK_EN), where_en(t),
	    engine_num(c, t->value, dec, CHECK_EN), note_en);
	engine_emit(c, fl, vi, en);
	return;
nomem:
	c->nomem = true;
}

static bool
is_money_rule(const struct flat *f)
{
	size_t k;

	for (k = 0; k < f->n; k++)
		if (check_qty_of(f->id[k]) == CHECK_QTY_MONEY)
			return true;
	return false;
}

static void
eval_le_sum(struct engine_ctx *c, const struct rules_rule *rule,
    const struct flat *f, const size_t *idx)
{
	double l = sum_of(c, idx, 0, f->nl), r = sum_of(c, idx, f->nl, f->n);
	bool money = is_money_rule(f), ok;
	const struct result_indicator *where = NULL;
	double slack =
	    money ? c->set->money_rel_slack * fmax(fabs(l), fabs(r)) : 0;
	struct result_flag *fl;
	char *vi, *en;
	size_t k, present = 0;

	for (k = f->nl; k < f->n; k++)
		if (idx[k] != ENGINE_NONE)
			present++;
	/* An optional term may be absent, the first one too. */
	for (k = 0; k < f->n && where == NULL; k++)
		if (idx[k] != ENGINE_NONE)
			where = c->ind[idx[k]];
	if (present == 0 || where == NULL)
		return;
	if (rule->kind == RULES_LE)
		ok = l <= r + slack + 1e-9;
	else
		ok = fabs(l - r) <= slack + 1e-9;
	if (ok)
		return;
	fl = check_flag_new(c->a, rule->name, rule->severity);
	if (fl == NULL) {
		c->nomem = true;
		return;
	}
	for (k = 0; k < f->n; k++)
		if (idx[k] != ENGINE_NONE)
			engine_use(c, fl, idx[k]);
	if (slack > 0) {
		fl->has_tolerance = true;
		fl->tolerance = slack;
	}
	if (rule->kind == RULES_LE) {
		fl->has_expected = true;
		fl->expected = r;
		vi = arena_printf(c->a, "%s = %s lớn hơn %s = %s (%s)",
		    labels_text(c, idx, 0, f->nl),
		    engine_num(c, l, 2, CHECK_VI),
		    labels_text(c, idx, f->nl, f->n),
		    engine_num(c, r, 2, CHECK_VI), where_vi(where));
		en = arena_printf(c->a,
		    "%s = %s is larger than %s = %s, of which it is a part (%s)",
		    labels_text(c, idx, 0, f->nl),
		    engine_num(c, l, 2, CHECK_EN),
		    labels_text(c, idx, f->nl, f->n),
		    engine_num(c, r, 2, CHECK_EN), where_en(where));
	} else {
		if (f->nl == 1) {
			fl->has_expected = true;
			fl->expected = r;
		}
		vi = arena_printf(c->a,
		    "Các số liệu thành phần không khớp với tổng: %s = %s, nhưng %s = %s = %s (chênh lệch %s; %s)",
		    labels_text(c, idx, 0, f->nl),
		    terms_text(c, idx, 0, f->nl, CHECK_VI),
		    labels_text(c, idx, f->nl, f->n),
		    terms_text(c, idx, f->nl, f->n, CHECK_VI),
		    engine_num(c, r, 2, CHECK_VI),
		    engine_num(c, fabs(l - r), 2, CHECK_VI), where_vi(where));
		en = arena_printf(c->a,
		    "The parts do not add up: %s = %s, but %s = %s = %s (off by %s; %s)",
		    labels_text(c, idx, 0, f->nl),
		    terms_text(c, idx, 0, f->nl, CHECK_EN),
		    labels_text(c, idx, f->nl, f->n),
		    terms_text(c, idx, f->nl, f->n, CHECK_EN),
		    engine_num(c, r, 2, CHECK_EN),
		    engine_num(c, fabs(l - r), 2, CHECK_EN), where_en(where));
	}
	engine_emit(c, fl, vi, en);
}

static void
eval_range(
    struct engine_ctx *c, const struct rules_rule *rule, const size_t *idx)
{
	const struct result_indicator *t = c->ind[idx[0]];
	int dec = check_decimals(t->raw, t->value);
	bool pct = check_qty_of(rule->target) == CHECK_QTY_PCT;
	struct result_flag *fl;

	if (t->value >= rule->lo - 1e-9 && t->value <= rule->hi + 1e-9)
		return;
	fl = check_flag_new(c->a, rule->name, rule->severity);
	if (fl == NULL) {
		c->nomem = true;
		return;
	}
	engine_use(c, fl, idx[0]);
	fl->has_expected = true;
	fl->expected = t->value > rule->hi ? rule->hi : rule->lo;
	engine_emit(c, fl,
	    arena_printf(c->a, "\"%s\": %s ghi %s%s, ngoài khoảng %s–%s%s",
		engine_label(c, idx[0]), where_vi(t),
		engine_num(c, t->value, dec, CHECK_VI), pct ? "%" : "",
		engine_num(c, rule->lo, 2, CHECK_VI),
		engine_num(c, rule->hi, 2, CHECK_VI), pct ? "%" : ""),
	    arena_printf(c->a, "\"%s\" (%s): %s says %s%s, outside %s-%s%s",
		engine_label(c, idx[0]), rule->target, where_en(t),
		engine_num(c, t->value, dec, CHECK_EN), pct ? "%" : "",
		engine_num(c, rule->lo, 2, CHECK_EN),
		engine_num(c, rule->hi, 2, CHECK_EN), pct ? "%" : ""));
}

static void
eval_whole(struct engine_ctx *c, const struct rules_rule *rule, size_t i)
{
	const struct result_indicator *t = c->ind[i];
	struct result_flag *fl;
	const char *raw = t->raw != NULL ? t->raw : "";

	if (t->value >= 0 && t->value == floor(t->value))
		return;
	fl = check_flag_new(c->a, rule->name, rule->severity);
	if (fl == NULL) {
		c->nomem = true;
		return;
	}
	engine_use(c, fl, i);
	engine_emit(c, fl,
	    arena_printf(c->a,
		"\"%s\": số lượng phải là số nguyên không âm, nhưng %s ghi \"%s\"",
		engine_label(c, i), where_vi(t), raw),
	    arena_printf(c->a,
		"\"%s\" (%s): a count must be a whole number of at least 0, but %s says \"%s\"",
		engine_label(c, i), t->id, where_en(t), raw));
}

static void
eval_implies(
    struct engine_ctx *c, const struct rules_rule *rule, const size_t *idx)
{
	const struct result_indicator *a = c->ind[idx[0]], *b = c->ind[idx[1]];
	struct result_flag *fl;

	if (a->value != rule->value || b->value > rule->lo)
		return;
	fl = check_flag_new(c->a, rule->name, rule->severity);
	if (fl == NULL) {
		c->nomem = true;
		return;
	}
	engine_use(c, fl, idx[0]);
	engine_use(c, fl, idx[1]);
	engine_emit(c, fl,
	    arena_printf(c->a, "\"%s\" = %s nhưng \"%s\" = %s",
		engine_label(c, idx[0]), engine_num(c, a->value, 0, CHECK_VI),
		engine_label(c, idx[1]), engine_num(c, b->value, 2, CHECK_VI)),
	    arena_printf(c->a,
		"\"%s\" (%s) = %s but \"%s\" (%s) = %s, which should then be above %s",
		engine_label(c, idx[0]), a->id,
		engine_num(c, a->value, 0, CHECK_EN), engine_label(c, idx[1]),
		b->id, engine_num(c, b->value, 2, CHECK_EN),
		engine_num(c, rule->lo, 2, CHECK_EN)));
}

static void
evaluate(struct engine_ctx *c, const struct rules_rule *rule,
    const struct flat *f, const size_t *idx)
{
	if (already_seen(c, rule, idx, f->n))
		return;
	switch (rule->kind) {
	case RULES_RATIO:
		eval_ratio(c, rule, f, idx);
		break;
	case RULES_LE:
	case RULES_SUM:
		eval_le_sum(c, rule, f, idx);
		break;
	case RULES_RANGE:
		eval_range(c, rule, idx);
		break;
	case RULES_IMPLIES:
		eval_implies(c, rule, idx);
		break;
	case RULES_WHOLE:
	case RULES_REQUIRED:
		break;
	}
}

/* Binds the rule in the appendix around each occurrence of its first
 * required term. */
static void
bind_appendix(struct engine_ctx *c, const struct rules_rule *rule)
{
	struct flat f;
	size_t anchor_k = ENGINE_NONE, i, k;

	flatten(rule, &f);
	for (k = 0; k < f.n; k++)
		if (!f.optional[k]) {
			anchor_k = k;
			break;
		}
	if (anchor_k == ENGINE_NONE)
		return;
	for (i = 0; i < c->nind && !c->nomem; i++) {
		size_t idx[FLAT_MAX];
		bool complete = true;

		if (!engine_is_app(c->ind[i]) || !c->ind[i]->has_value ||
		    !engine_same_id(c->ind[i], f.id[anchor_k]))
			continue;
		for (k = 0; k < f.n; k++) {
			idx[k] = k == anchor_k ? i : nearest_app(c, f.id[k], i);
			if (idx[k] == ENGINE_NONE && !f.optional[k])
				complete = false;
		}
		if (complete)
			evaluate(c, rule, &f, idx);
	}
}

static bool
same_sentence(
    const struct result_indicator *a, const struct result_indicator *b)
{
	if (a->source.text == NULL || b->source.text == NULL)
		return a == b;
	return a->source.page == b->source.page &&
	    (a->source.text == b->source.text ||
		strcmp(a->source.text, b->source.text) == 0);
}

/* The first value with `id` in the sentence of narrative value `s`. */
static size_t
in_sentence(const struct engine_ctx *c, size_t s, const char *id)
{
	size_t j;

	for (j = 0; j < c->nind; j++) {
		const struct result_indicator *ind = c->ind[j];

		if (engine_is_narr(ind) && ind->has_value &&
		    engine_same_id(ind, id) && same_sentence(ind, c->ind[s]))
			return j;
	}
	return ENGINE_NONE;
}

/* Binds the rule to what one sentence states.  `s` is any narrative
 * value of the sentence; sentences are visited once each. */
static void
bind_sentence(struct engine_ctx *c, const struct rules_rule *rule, size_t s)
{
	struct flat f;
	size_t idx[FLAT_MAX], k;

	flatten(rule, &f);
	for (k = 0; k < f.n; k++) {
		idx[k] = in_sentence(c, s, f.id[k]);
		if (idx[k] != ENGINE_NONE || f.optional[k])
			continue;
		/* A rate stated in the text is checked against the counts
		 * the text gives, and the appendix's for the rest. */
		if (rule->kind == RULES_RATIO && k > 0)
			idx[k] = nearest_app(c, f.id[k], ENGINE_NONE);
		if (idx[k] == ENGINE_NONE)
			return;
	}
	evaluate(c, rule, &f, idx);
}

static void
run_relations(struct engine_ctx *c)
{
	size_t i, j, k;

	for (k = 0; k < c->rs->n && !c->nomem; k++) {
		const struct rules_rule *rule = &c->rs->v[k];

		if (rule->kind == RULES_WHOLE) {
			for (i = 0; i < c->nind; i++) {
				const struct result_indicator *ind = c->ind[i];
				size_t t;

				if (!ind->has_value || ind->id == NULL)
					continue;
				for (t = 0; t < rule->nlhs; t++)
					if (strcmp(rule->lhs[t].id, ind->id) ==
					    0)
						eval_whole(c, rule, i);
			}
			continue;
		}
		if (rule->kind == RULES_REQUIRED)
			continue;
		bind_appendix(c, rule);
		if (rule->kind == RULES_IMPLIES)
			continue;
		for (i = 0; i < c->nind && !c->nomem; i++) {
			bool first = true;

			if (!engine_is_narr(c->ind[i]) || !c->ind[i]->has_value)
				continue;
			for (j = 0; j < i; j++)
				if (engine_is_narr(c->ind[j]) &&
				    same_sentence(c->ind[j], c->ind[i]))
					first = false;
			if (first)
				bind_sentence(c, rule, i);
		}
	}
}

enum err
check_document(const struct result *in, const struct rules *rules,
    struct arena *a, struct ptrvec *out, struct diag *dg)
{
	struct engine_ctx c;
	enum err e;

	memset(&c, 0, sizeof c);
	if (rules == NULL) {
		struct rules *builtin;

		if ((e = rules_builtin(a, &builtin, dg)) != ERR_OK)
			return e;
		rules = builtin;
	}
	c.r = in;
	c.rs = rules;
	c.set = &rules->set;
	c.a = a;
	c.out = out;
	c.ind = (const struct result_indicator *const *)in->indicators.v;
	c.nind = in->indicators.n;
	if (make_groups(&c) != 0)
		return diag_set(dg, ERR_NOMEM, "checks: out of memory");
	run_relations(&c);
	if (!c.nomem)
		check_values_narrative(&c);
	if (!c.nomem)
		check_values_required(&c);
	if (!c.nomem && check_rate_rows(in, rules, a, out) != ERR_OK)
		c.nomem = true;
	if (!c.nomem && check_text_ratios(in, rules, a, out) != ERR_OK)
		c.nomem = true;
	if (!c.nomem && check_dates(in, c.set, a, out) != ERR_OK)
		c.nomem = true;
	if (!c.nomem)
		check_values_ocr(&c);
	if (c.nomem)
		return diag_set(dg, ERR_NOMEM, "checks: out of memory");
	return ERR_OK;
}
