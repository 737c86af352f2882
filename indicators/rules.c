/* SPDX-License-Identifier: MIT */
/*
 * Rules file loader: one rule, setting or list of required rows per
 * line, validated line by line so a mistake is reported as file:line.
 *
 * Format notes: UTF-8 text, lines end with LF (a CR before it is
 * dropped), columns are separated by TAB: kind, expression, optional
 * severity, optional flag name.  The expression grammar per kind is in
 * data/rules/checks.tsv and docs/CHECKS.md; ids are [a-z0-9_.], at most
 * RULES_ID_MAX bytes, and contain a dot.
 */
#include "indicators/rules.h"

#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

extern const unsigned char rules_checks_tsv[];
extern const size_t rules_checks_tsv_len;

#define LINE_MAX_BYTES 4096u
#define FIELDS_MAX     6u

/* Flag names the checks raise: DESIGN.md's and ours (docs/CHECKS.md). */
static const char *const flag_names[] = {
	"pct_mismatch",
	"part_exceeds_whole",
	"breakdown_sum",
	"body_vs_appendix",
	"date_after_report",
	"malformed_date",
	"pct_out_of_range",
	"missing_required",
	"period_mismatch",
	"low_ocr_confidence",
	"duplicate_submission",
	"count_invalid",
	"code_conflict",
	"report_before_period_end",
};

bool
rules_is_flag_name(const char *name)
{
	size_t i;

	for (i = 0; i < G_N_ELEMENTS(flag_names); i++)
		if (strcmp(flag_names[i], name) == 0)
			return true;
	return false;
}

const char *
rules_severity_name(enum rules_severity s)
{
	switch (s) {
	case RULES_ERROR:
		return "error";
	case RULES_WARNING:
		return "warning";
	case RULES_INFO:
		return "info";
	}
	return "error";
}

const char *
rules_kind_name(enum rules_kind k)
{
	switch (k) {
	case RULES_RATIO:
		return "ratio";
	case RULES_LE:
		return "le";
	case RULES_SUM:
		return "sum";
	case RULES_RANGE:
		return "range";
	case RULES_WHOLE:
		return "whole";
	case RULES_REQUIRED:
		return "required";
	case RULES_IMPLIES:
		return "implies";
	}
	return "?";
}

/* ---- settings ----------------------------------------------------- */

enum setting_type {
	SET_DOUBLE,
	SET_UINT,
	SET_BOOL,
	SET_SEVERITY,
};

struct setting_def {
	const char *key;
	enum setting_type type;
	size_t off;
	double min, max;
};

#define SDEF(k, t, lo, hi)                                                     \
	{                                                                      \
#k, t, offsetof(struct rules_settings, k), lo, hi              \
	}

/* Bounds keep a typo from switching a check off silently: a slack of
 * 50 percentage points would accept anything. */
static const struct setting_def setting_defs[] = {
	SDEF(pct_slack, SET_DOUBLE, 0, 5),
	SDEF(pct_truncation, SET_BOOL, 0, 1),
	SDEF(money_rel_slack, SET_DOUBLE, 0, 0.1),
	SDEF(period_slack_days, SET_UINT, 0, 31),
	SDEF(ocr_confidence_min, SET_DOUBLE, 0, 1),
	SDEF(body_vs_appendix, SET_SEVERITY, 0, 0),
	SDEF(body_vs_appendix_pct, SET_SEVERITY, 0, 0),
	SDEF(pct_zero_denominator, SET_SEVERITY, 0, 0),
	SDEF(text_ratio, SET_SEVERITY, 0, 0),
	SDEF(rate_rows, SET_SEVERITY, 0, 0),
	SDEF(date_after_report, SET_SEVERITY, 0, 0),
	SDEF(malformed_date, SET_SEVERITY, 0, 0),
	SDEF(period_mismatch, SET_SEVERITY, 0, 0),
	SDEF(report_before_period_end, SET_SEVERITY, 0, 0),
	SDEF(low_ocr_confidence, SET_SEVERITY, 0, 0),
	SDEF(duplicate_submission, SET_SEVERITY, 0, 0),
};

const char *
rules_setting_key(size_t i)
{
	return i < G_N_ELEMENTS(setting_defs) ? setting_defs[i].key : NULL;
}

void
rules_settings_default(struct rules_settings *s)
{
	memset(s, 0, sizeof *s);
	s->pct_slack = 0.05;
	s->pct_truncation = true;
	s->money_rel_slack = 0.0005;
	s->period_slack_days = 3;
	s->ocr_confidence_min = 0.6;
	s->body_vs_appendix = RULES_ERROR;
	s->body_vs_appendix_pct = RULES_WARNING;
	s->pct_zero_denominator = RULES_WARNING;
	s->text_ratio = RULES_ERROR;
	s->rate_rows = RULES_ERROR;
	s->date_after_report = RULES_ERROR;
	s->malformed_date = RULES_ERROR;
	s->period_mismatch = RULES_ERROR;
	s->report_before_period_end = RULES_WARNING;
	s->low_ocr_confidence = RULES_WARNING;
	s->duplicate_submission = RULES_WARNING;
}

/* ---- the parser --------------------------------------------------- */

struct parser {
	const char *name;
	unsigned line;
	struct arena *a;
	struct diag *dg;
	/* the current expression */
	const char *p, *end;
};

/* Records "name:line: reason"; returns ERR_MALFORMED. */
static enum err perr(struct parser *ps, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static enum err
perr(struct parser *ps, const char *fmt, ...)
{
	char msg[DIAG_MSG_MAX];
	va_list ap;

	va_start(ap, fmt);
	(void)vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return diag_set(
	    ps->dg, ERR_MALFORMED, "%s:%u: %s", ps->name, ps->line, msg);
}

/* At most 24 bytes of `s` cut at a character boundary, for messages. */
static int
show_len(const char *s, size_t len)
{
	const char *cut;

	if (len <= 24)
		return (int)len;
	cut = g_utf8_find_prev_char(s, s + 25);
	return cut != NULL ? (int)(cut - s) : 0;
}

enum tok_type {
	TOK_END,
	TOK_ID,
	TOK_NUM,
	TOK_OP,
	TOK_BAD,
};

struct tok {
	enum tok_type type;
	const char *s;
	size_t len;
	double num;
};

static bool
is_id_start(char c)
{
	return c >= 'a' && c <= 'z';
}

static bool
is_id_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
	    c == '.';
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* The next token of the expression, without consuming it. */
static struct tok
peek(const struct parser *ps)
{
	const char *p = ps->p, *end = ps->end;
	struct tok t = { TOK_END, p, 0, 0 };

	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	t.s = p;
	if (p == end)
		return t;
	if (is_id_start(*p)) {
		const char *q = p;

		while (q < end && is_id_char(*q))
			q++;
		t.type = TOK_ID;
		t.len = (size_t)(q - p);
		return t;
	}
	if (is_digit(*p) || (*p == '-' && end - p > 1 && is_digit(p[1]))) {
		const char *q = p + 1;
		char buf[64];

		while (q < end && (is_digit(*q) || *q == '.'))
			q++;
		t.len = (size_t)(q - p);
		if (t.len >= sizeof buf) {
			t.type = TOK_BAD;
			return t;
		}
		memcpy(buf, p, t.len);
		buf[t.len] = '\0';
		{
			char *e;

			t.num = g_ascii_strtod(buf, &e);
			t.type =
			    (*e == '\0' && isfinite(t.num)) ? TOK_NUM : TOK_BAD;
		}
		return t;
	}
	if (end - p >= 2 &&
	    (memcmp(p, "<=", 2) == 0 || memcmp(p, "=>", 2) == 0)) {
		t.type = TOK_OP;
		t.len = 2;
		return t;
	}
	if (strchr("=+*/()?>", *p) != NULL && *p != '\0') {
		t.type = TOK_OP;
		t.len = 1;
		return t;
	}
	t.type = TOK_BAD;
	/* Show the whole offending character, not one byte of it. */
	t.len = (size_t)(g_utf8_next_char(p) - p);
	if (t.len > (size_t)(end - p))
		t.len = (size_t)(end - p);
	return t;
}

static struct tok
next(struct parser *ps)
{
	struct tok t = peek(ps);

	ps->p = t.s + t.len;
	return t;
}

static bool
tok_is(const struct tok *t, const char *op)
{
	return t->type == TOK_OP && t->len == strlen(op) &&
	    memcmp(t->s, op, t->len) == 0;
}

static enum err
expected(struct parser *ps, const char *what, const struct tok *t)
{
	if (t->type == TOK_END)
		return perr(ps, "expected %s, found the end of the line", what);
	return perr(ps, "expected %s, found '%.*s'", what,
	    show_len(t->s, t->len), t->s);
}

/* An id token to a string in the arena, after validating it. */
static enum err
take_id(struct parser *ps, const struct tok *t, const char **out)
{
	if (t->type != TOK_ID)
		return expected(ps, "an indicator id", t);
	if (t->len > RULES_ID_MAX)
		return perr(ps,
		    "indicator id '%.*s...' is longer than %u bytes",
		    show_len(t->s, t->len), t->s, RULES_ID_MAX);
	if (memchr(t->s, '.', t->len) == NULL || t->s[t->len - 1] == '.')
		return perr(ps,
		    "'%.*s' is not an indicator id (ids look like files.received)",
		    show_len(t->s, t->len), t->s);
	*out = arena_strndup(ps->a, t->s, t->len);
	if (*out == NULL)
		return diag_set(
		    ps->dg, ERR_NOMEM, "%s: out of memory", ps->name);
	return ERR_OK;
}

struct termlist {
	struct rules_term v[RULES_TERMS_MAX];
	size_t n;
};

static enum err
push_term(struct parser *ps, struct termlist *tl, const char *id, bool opt)
{
	if (tl->n == RULES_TERMS_MAX)
		return perr(
		    ps, "more than %u terms in one relation", RULES_TERMS_MAX);
	tl->v[tl->n].id = id;
	tl->v[tl->n].optional = opt;
	tl->n++;
	return ERR_OK;
}

/* term {'+' term}, each `id` or `id?` */
static enum err
parse_terms(struct parser *ps, struct termlist *tl, bool allow_optional)
{
	for (;;) {
		struct tok t = next(ps);
		const char *id;
		bool opt = false;
		enum err e;

		if ((e = take_id(ps, &t, &id)) != ERR_OK)
			return e;
		t = peek(ps);
		if (tok_is(&t, "?")) {
			if (!allow_optional)
				return perr(ps,
				    "'%s?': an optional term is not allowed here",
				    id);
			(void)next(ps);
			opt = true;
		}
		if ((e = push_term(ps, tl, id, opt)) != ERR_OK)
			return e;
		t = peek(ps);
		if (!tok_is(&t, "+"))
			return ERR_OK;
		(void)next(ps);
	}
}

/* A sum in parentheses, or a single term. */
static enum err
parse_group(struct parser *ps, struct termlist *tl, bool allow_optional)
{
	struct tok t = peek(ps);
	enum err e;

	if (!tok_is(&t, "("))
		return parse_terms(ps, tl, allow_optional);
	(void)next(ps);
	if ((e = parse_terms(ps, tl, allow_optional)) != ERR_OK)
		return e;
	t = next(ps);
	if (!tok_is(&t, ")"))
		return expected(ps, "')'", &t);
	return ERR_OK;
}

static enum err
expect_end(struct parser *ps)
{
	struct tok t = peek(ps);

	if (t.type != TOK_END)
		return expected(ps, "the end of the expression", &t);
	return ERR_OK;
}

static bool
has_required(const struct termlist *tl)
{
	size_t i;

	for (i = 0; i < tl->n; i++)
		if (!tl->v[i].optional)
			return true;
	return false;
}

static enum err
copy_terms(struct parser *ps, const struct termlist *tl,
    struct rules_term **out, size_t *n)
{
	*n = tl->n;
	*out = NULL;
	if (tl->n == 0)
		return ERR_OK;
	*out = arena_calloc(ps->a, tl->n, sizeof **out);
	if (*out == NULL)
		return diag_set(
		    ps->dg, ERR_NOMEM, "%s: out of memory", ps->name);
	memcpy(*out, tl->v, tl->n * sizeof **out);
	return ERR_OK;
}

/* No id may appear twice in one relation: "a <= a" says nothing. */
static enum err
check_distinct(struct parser *ps, const char *target, const struct termlist *l,
    const struct termlist *r)
{
	const struct termlist *lists[2] = { l, r };
	const char *all[2 * RULES_TERMS_MAX + 1];
	size_t n = 0, i, j, k;

	if (target != NULL)
		all[n++] = target;
	for (k = 0; k < 2; k++)
		for (i = 0; lists[k] != NULL && i < lists[k]->n; i++)
			all[n++] = lists[k]->v[i].id;
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
			if (strcmp(all[i], all[j]) == 0)
				return perr(ps, "%s appears twice", all[i]);
	return ERR_OK;
}

static enum err
parse_ratio(struct parser *ps, struct rules_rule *r)
{
	struct termlist num = { .n = 0 }, den = { .n = 0 };
	struct tok t;
	enum err e;

	t = next(ps);
	if ((e = take_id(ps, &t, &r->target)) != ERR_OK)
		return e;
	t = next(ps);
	if (!tok_is(&t, "="))
		return expected(ps, "'=' after the percentage", &t);
	t = next(ps);
	if (t.type != TOK_NUM || t.num != 100)
		return expected(ps, "100 (a ratio is T = 100 * NUM / DEN)", &t);
	t = next(ps);
	if (!tok_is(&t, "*"))
		return expected(ps, "'*' after 100", &t);
	if ((e = parse_group(ps, &num, true)) != ERR_OK)
		return e;
	t = next(ps);
	if (!tok_is(&t, "/"))
		return expected(ps, "'/' after the numerator", &t);
	if ((e = parse_group(ps, &den, false)) != ERR_OK)
		return e;
	if ((e = expect_end(ps)) != ERR_OK)
		return e;
	if (!has_required(&num))
		return perr(ps, "the numerator has only optional terms");
	if ((e = check_distinct(ps, r->target, &num, &den)) != ERR_OK)
		return e;
	if ((e = copy_terms(ps, &num, &r->lhs, &r->nlhs)) != ERR_OK)
		return e;
	return copy_terms(ps, &den, &r->rhs, &r->nrhs);
}

/* le and sum: terms OP terms */
static enum err
parse_relation(struct parser *ps, struct rules_rule *r, const char *op)
{
	struct termlist l = { .n = 0 }, rt = { .n = 0 };
	struct tok t;
	enum err e;

	if ((e = parse_terms(ps, &l, true)) != ERR_OK)
		return e;
	t = next(ps);
	if (!tok_is(&t, op))
		return expected(ps, strcmp(op, "=") == 0 ? "'='" : "'<='", &t);
	if ((e = parse_terms(ps, &rt, true)) != ERR_OK)
		return e;
	if ((e = expect_end(ps)) != ERR_OK)
		return e;
	if (!has_required(&l) && !has_required(&rt))
		return perr(ps, "at least one term must not be optional");
	if ((e = check_distinct(ps, NULL, &l, &rt)) != ERR_OK)
		return e;
	if ((e = copy_terms(ps, &l, &r->lhs, &r->nlhs)) != ERR_OK)
		return e;
	return copy_terms(ps, &rt, &r->rhs, &r->nrhs);
}

static enum err
parse_range(struct parser *ps, struct rules_rule *r)
{
	struct tok t;
	enum err e;

	t = next(ps);
	if ((e = take_id(ps, &t, &r->target)) != ERR_OK)
		return e;
	t = next(ps);
	if (t.type != TOK_NUM)
		return expected(ps, "the lower bound (range T lo hi)", &t);
	r->lo = t.num;
	t = next(ps);
	if (t.type != TOK_NUM)
		return expected(ps, "the upper bound (range T lo hi)", &t);
	r->hi = t.num;
	if ((e = expect_end(ps)) != ERR_OK)
		return e;
	if (r->lo > r->hi)
		return perr(ps,
		    "the lower bound %g is above the upper bound %g", r->lo,
		    r->hi);
	return ERR_OK;
}

/* whole and required: a list of ids separated by spaces */
static enum err
parse_list(struct parser *ps, struct rules_rule *r)
{
	struct termlist l = { .n = 0 };
	enum err e;

	for (;;) {
		struct tok t = next(ps);
		const char *id;

		if (t.type == TOK_END)
			break;
		if ((e = take_id(ps, &t, &id)) != ERR_OK)
			return e;
		if ((e = push_term(ps, &l, id, false)) != ERR_OK)
			return e;
	}
	if (l.n == 0)
		return perr(ps, "expected at least one indicator id");
	if ((e = check_distinct(ps, NULL, &l, NULL)) != ERR_OK)
		return e;
	return copy_terms(ps, &l, &r->lhs, &r->nlhs);
}

/* implies: A = k => B > m */
static enum err
parse_implies(struct parser *ps, struct rules_rule *r)
{
	struct termlist l = { .n = 0 }, rt = { .n = 0 };
	const char *id;
	struct tok t;
	enum err e;

	t = next(ps);
	if ((e = take_id(ps, &t, &id)) != ERR_OK ||
	    (e = push_term(ps, &l, id, false)) != ERR_OK)
		return e;
	t = next(ps);
	if (!tok_is(&t, "="))
		return expected(ps, "'=' (implies A = k => B > 0)", &t);
	t = next(ps);
	if (t.type != TOK_NUM)
		return expected(ps, "a number after '='", &t);
	r->value = t.num;
	t = next(ps);
	if (!tok_is(&t, "=>"))
		return expected(ps, "'=>'", &t);
	t = next(ps);
	if ((e = take_id(ps, &t, &id)) != ERR_OK ||
	    (e = push_term(ps, &rt, id, false)) != ERR_OK)
		return e;
	t = next(ps);
	if (!tok_is(&t, ">"))
		return expected(ps, "'>'", &t);
	t = next(ps);
	if (t.type != TOK_NUM)
		return expected(ps, "a number after '>'", &t);
	r->lo = t.num;
	if ((e = expect_end(ps)) != ERR_OK)
		return e;
	if ((e = check_distinct(ps, NULL, &l, &rt)) != ERR_OK)
		return e;
	if ((e = copy_terms(ps, &l, &r->lhs, &r->nlhs)) != ERR_OK)
		return e;
	return copy_terms(ps, &rt, &r->rhs, &r->nrhs);
}

static bool
field_is(const char *s, size_t len, const char *word)
{
	return len == strlen(word) && memcmp(s, word, len) == 0;
}

static bool
parse_severity(const char *s, size_t len, enum rules_severity *out)
{
	if (field_is(s, len, "error"))
		*out = RULES_ERROR;
	else if (field_is(s, len, "warning"))
		*out = RULES_WARNING;
	else if (field_is(s, len, "info"))
		*out = RULES_INFO;
	else
		return false;
	return true;
}

/* set	key = value */
static enum err
parse_set(struct parser *ps, struct rules_settings *set)
{
	const struct setting_def *def = NULL;
	const char *p = ps->p, *end = ps->end, *k, *v;
	size_t klen, vlen, i;
	char buf[64];
	char *e;
	double d;

	while (p < end && *p == ' ')
		p++;
	k = p;
	while (p < end && *p != ' ' && *p != '=')
		p++;
	klen = (size_t)(p - k);
	while (p < end && *p == ' ')
		p++;
	if (p == end || *p != '=')
		return perr(ps, "expected 'key = value' after set");
	p++;
	while (p < end && *p == ' ')
		p++;
	v = p;
	while (end > v && end[-1] == ' ')
		end--;
	vlen = (size_t)(end - v);
	for (i = 0; i < G_N_ELEMENTS(setting_defs); i++)
		if (field_is(k, klen, setting_defs[i].key))
			def = &setting_defs[i];
	if (def == NULL)
		return perr(ps,
		    "unknown setting '%.*s' (docs/CHECKS.md lists them)",
		    show_len(k, klen), k);
	if (vlen == 0)
		return perr(ps, "%s: missing value", def->key);
	switch (def->type) {
	case SET_SEVERITY:
		if (!parse_severity(v, vlen,
			(enum rules_severity *)(void *)((char *)set +
			    def->off)))
			return perr(ps,
			    "%s: '%.*s' is not error, warning or info",
			    def->key, show_len(v, vlen), v);
		return ERR_OK;
	case SET_BOOL:
		if (field_is(v, vlen, "yes") || field_is(v, vlen, "true"))
			*(bool *)(void *)((char *)set + def->off) = true;
		else if (field_is(v, vlen, "no") || field_is(v, vlen, "false"))
			*(bool *)(void *)((char *)set + def->off) = false;
		else
			return perr(ps, "%s: '%.*s' is not yes or no", def->key,
			    show_len(v, vlen), v);
		return ERR_OK;
	case SET_DOUBLE:
	case SET_UINT:
		break;
	}
	if (vlen >= sizeof buf)
		return perr(ps, "%s: value too long", def->key);
	memcpy(buf, v, vlen);
	buf[vlen] = '\0';
	d = g_ascii_strtod(buf, &e);
	if (*e != '\0' || e == buf || !isfinite(d))
		return perr(ps, "%s: '%s' is not a number", def->key, buf);
	if (d < def->min || d > def->max)
		return perr(ps, "%s: %s is outside %g..%g", def->key, buf,
		    def->min, def->max);
	if (def->type == SET_UINT) {
		if (d != floor(d))
			return perr(
			    ps, "%s: %s is not a whole number", def->key, buf);
		*(unsigned *)(void *)((char *)set + def->off) = (unsigned)d;
	} else
		*(double *)(void *)((char *)set + def->off) = d;
	return ERR_OK;
}

static const struct {
	const char *word;
	enum rules_kind kind;
	const char *flag;
	enum rules_severity sev;
} kinds[] = {
	{ "ratio", RULES_RATIO, "pct_mismatch", RULES_ERROR },
	{ "le", RULES_LE, "part_exceeds_whole", RULES_ERROR },
	{ "sum", RULES_SUM, "breakdown_sum", RULES_ERROR },
	{ "range", RULES_RANGE, "pct_out_of_range", RULES_ERROR },
	{ "whole", RULES_WHOLE, "count_invalid", RULES_WARNING },
	{ "required", RULES_REQUIRED, "missing_required", RULES_WARNING },
	{ "implies", RULES_IMPLIES, "code_conflict", RULES_WARNING },
};

struct field {
	const char *s;
	size_t len;
};

/* Splits a line on TAB, trimming spaces around each field. */
static size_t
split_fields(
    const char *p, const char *end, struct field *f, size_t cap, bool *too_many)
{
	size_t n = 0;

	*too_many = false;
	for (;;) {
		const char *q = p;

		while (q < end && *q != '\t')
			q++;
		if (n == cap) {
			*too_many = true;
			return n;
		}
		{
			const char *s = p, *e = q;

			while (s < e && *s == ' ')
				s++;
			while (e > s && e[-1] == ' ')
				e--;
			f[n].s = s;
			f[n].len = (size_t)(e - s);
			n++;
		}
		if (q == end)
			return n;
		p = q + 1;
	}
}

static enum err
parse_line(struct parser *ps, const char *p, const char *end, struct rules *rs,
    struct ptrvec *out)
{
	struct field f[FIELDS_MAX];
	struct rules_rule *r;
	bool too_many;
	size_t nf, i, k;
	enum err e;

	nf = split_fields(p, end, f, FIELDS_MAX, &too_many);
	if (too_many || nf > 4)
		return perr(
		    ps, "too many columns (kind, expression, severity, flag)");
	if (nf < 2 || f[1].len == 0)
		return perr(
		    ps, "expected TAB-separated columns: kind, expression");
	ps->p = f[1].s;
	ps->end = f[1].s + f[1].len;
	if (field_is(f[0].s, f[0].len, "set")) {
		if (nf > 2)
			return perr(ps, "set takes one column: key = value");
		return parse_set(ps, &rs->set);
	}
	for (k = 0; k < G_N_ELEMENTS(kinds); k++)
		if (field_is(f[0].s, f[0].len, kinds[k].word))
			break;
	if (k == G_N_ELEMENTS(kinds))
		return perr(ps,
		    "unknown kind '%.*s' (ratio, le, sum, range, whole, required, implies, set)",
		    show_len(f[0].s, f[0].len), f[0].s);
	r = arena_alloc(ps->a, sizeof *r);
	if (r == NULL)
		return diag_set(
		    ps->dg, ERR_NOMEM, "%s: out of memory", ps->name);
	r->kind = kinds[k].kind;
	r->name = kinds[k].flag;
	r->severity = kinds[k].sev;
	r->line = ps->line;
	r->text = arena_strndup(ps->a, f[1].s, f[1].len);
	if (r->text == NULL)
		return diag_set(
		    ps->dg, ERR_NOMEM, "%s: out of memory", ps->name);
	switch (r->kind) {
	case RULES_RATIO:
		e = parse_ratio(ps, r);
		break;
	case RULES_LE:
		e = parse_relation(ps, r, "<=");
		break;
	case RULES_SUM:
		e = parse_relation(ps, r, "=");
		break;
	case RULES_RANGE:
		e = parse_range(ps, r);
		break;
	case RULES_WHOLE:
	case RULES_REQUIRED:
		e = parse_list(ps, r);
		break;
	case RULES_IMPLIES:
		e = parse_implies(ps, r);
		break;
	default:
		e = perr(ps, "internal: kind");
	}
	if (e != ERR_OK)
		return e;
	if (nf >= 3 && f[2].len > 0 &&
	    !parse_severity(f[2].s, f[2].len, &r->severity))
		return perr(ps, "severity '%.*s' is not error, warning or info",
		    show_len(f[2].s, f[2].len), f[2].s);
	if (nf >= 4 && f[3].len > 0) {
		char name[48];

		if (f[3].len >= sizeof name)
			return perr(ps, "flag name too long");
		memcpy(name, f[3].s, f[3].len);
		name[f[3].len] = '\0';
		if (!rules_is_flag_name(name))
			return perr(
			    ps, "unknown flag '%s' (docs/CHECKS.md)", name);
		for (i = 0; i < G_N_ELEMENTS(flag_names); i++)
			if (strcmp(flag_names[i], name) == 0)
				r->name = flag_names[i];
	}
	if (ptrvec_push(out, ps->a, r) != 0)
		return diag_set(
		    ps->dg, ERR_NOMEM, "%s: out of memory", ps->name);
	return ERR_OK;
}

/* The line number holding byte offset `off`. */
static unsigned
line_of(const char *text, size_t off)
{
	unsigned n = 1;
	size_t i;

	for (i = 0; i < off; i++)
		if (text[i] == '\n')
			n++;
	return n;
}

enum err
rules_parse(const char *text, size_t len, const char *name, struct arena *a,
    struct rules **out, struct diag *dg)
{
	struct parser ps = { name != NULL ? name : "rules", 0, a, dg, NULL,
		NULL };
	struct ptrvec v = { NULL, 0, 0 };
	const char *p = text, *end = text + len, *bad;
	struct rules *rs;
	size_t i;
	enum err e;

	*out = NULL;
	if (len > RULES_FILE_MAX)
		return diag_set(dg, ERR_LIMIT, "%s: %zu bytes, limit %u",
		    ps.name, len, RULES_FILE_MAX);
	if (len > 0 && !g_utf8_validate(text, (gssize)len, &bad)) {
		ps.line = line_of(text, (size_t)(bad - text));
		return perr(&ps, "not UTF-8 text (or a NUL byte)");
	}
	rs = arena_alloc(a, sizeof *rs);
	if (rs == NULL)
		return diag_set(dg, ERR_NOMEM, "%s: out of memory", ps.name);
	rs->name = arena_strdup(a, ps.name);
	rules_settings_default(&rs->set);
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl != NULL ? nl : end, *s = p;

		ps.line++;
		if (ps.line > RULES_LINES_MAX)
			return diag_set(dg, ERR_LIMIT, "%s: more than %u lines",
			    ps.name, RULES_LINES_MAX);
		p = nl != NULL ? nl + 1 : end;
		if (le > s && le[-1] == '\r')
			le--;
		if ((size_t)(le - s) > LINE_MAX_BYTES)
			return perr(
			    &ps, "line longer than %u bytes", LINE_MAX_BYTES);
		while (s < le && (*s == ' ' || *s == '\t'))
			s++;
		if (s == le || *s == '#')
			continue;
		if ((e = parse_line(&ps, s, le, rs, &v)) != ERR_OK)
			return e;
	}
	rs->n = v.n;
	rs->v = NULL;
	if (v.n > 0) {
		rs->v = arena_calloc(a, v.n, sizeof *rs->v);
		if (rs->v == NULL)
			return diag_set(
			    dg, ERR_NOMEM, "%s: out of memory", ps.name);
		for (i = 0; i < v.n; i++)
			rs->v[i] = *(struct rules_rule *)v.v[i];
	}
	*out = rs;
	return ERR_OK;
}

enum err
rules_builtin(struct arena *a, struct rules **out, struct diag *dg)
{
	return rules_parse((const char *)rules_checks_tsv, rules_checks_tsv_len,
	    "checks.tsv", a, out, dg);
}

enum err
rules_load_file(
    const char *path, struct arena *a, struct rules **out, struct diag *dg)
{
	GError *gerr = NULL;
	gchar *text = NULL;
	gsize len = 0;
	enum err e;

	*out = NULL;
	if (!g_file_get_contents(path, &text, &len, &gerr)) {
		e = diag_set(dg, ERR_IO, "%s: %s", path, gerr->message);
		g_error_free(gerr);
		return e;
	}
	if (len > RULES_FILE_MAX)
		e = diag_set(dg, ERR_LIMIT, "%s: %zu bytes, limit %u", path,
		    (size_t)len, RULES_FILE_MAX);
	else
		e = rules_parse(text, len, path, a, out, dg);
	g_free(text);
	return e;
}
