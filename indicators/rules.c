/* SPDX-License-Identifier: MIT */
/*
 * Rules file loader: one rule, setting or list of required rows per
 * line, validated line by line so a mistake is reported as file:line.
 *
 * Format notes: UTF-8 text, lines end with LF (a CR before it is
 * dropped), columns are separated by TAB: kind, expression, optional
 * severity, optional flag name.  The expressions are rules_expr.c's.
 */
#include "indicators/rules.h"

#include <glib.h>
#include <stdarg.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "indicators/rules_int.h"

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

/* Records "name:line: reason"; returns ERR_MALFORMED (rules_int.h). */
enum err
rules_perr(struct rules_parser *ps, const char *fmt, ...)
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
int
rules_show_len(const char *s, size_t len)
{
	const char *cut;

	if (len <= 24)
		return (int)len;
	cut = g_utf8_find_prev_char(s, s + 25);
	return cut != NULL ? (int)(cut - s) : 0;
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
parse_set(struct rules_parser *ps, struct rules_settings *set)
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
		return rules_perr(ps, "expected 'key = value' after set");
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
		return rules_perr(ps,
		    "unknown setting '%.*s' (docs/CHECKS.md lists them)",
		    rules_show_len(k, klen), k);
	if (vlen == 0)
		return rules_perr(ps, "%s: missing value", def->key);
	switch (def->type) {
	case SET_SEVERITY:
		if (!parse_severity(v, vlen,
			(enum rules_severity *)(void *)((char *)set +
			    def->off)))
			return rules_perr(ps,
			    "%s: '%.*s' is not error, warning or info",
			    def->key, rules_show_len(v, vlen), v);
		return ERR_OK;
	case SET_BOOL:
		if (field_is(v, vlen, "yes") || field_is(v, vlen, "true"))
			*(bool *)(void *)((char *)set + def->off) = true;
		else if (field_is(v, vlen, "no") || field_is(v, vlen, "false"))
			*(bool *)(void *)((char *)set + def->off) = false;
		else
			return rules_perr(ps, "%s: '%.*s' is not yes or no",
			    def->key, rules_show_len(v, vlen), v);
		return ERR_OK;
	case SET_DOUBLE:
	case SET_UINT:
		break;
	}
	if (vlen >= sizeof buf)
		return rules_perr(ps, "%s: value too long", def->key);
	memcpy(buf, v, vlen);
	buf[vlen] = '\0';
	d = g_ascii_strtod(buf, &e);
	if (*e != '\0' || e == buf || !isfinite(d))
		return rules_perr(
		    ps, "%s: '%s' is not a number", def->key, buf);
	if (d < def->min || d > def->max)
		return rules_perr(ps, "%s: %s is outside %g..%g", def->key, buf,
		    def->min, def->max);
	if (def->type == SET_UINT) {
		if (d != floor(d))
			return rules_perr(
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
parse_line(struct rules_parser *ps, const char *p, const char *end,
    struct rules *rs, struct ptrvec *out)
{
	struct field f[FIELDS_MAX];
	struct rules_rule *r;
	bool too_many;
	size_t nf, i, k;
	enum err e;

	nf = split_fields(p, end, f, FIELDS_MAX, &too_many);
	if (too_many || nf > 4)
		return rules_perr(
		    ps, "too many columns (kind, expression, severity, flag)");
	if (nf < 2 || f[1].len == 0)
		return rules_perr(
		    ps, "expected TAB-separated columns: kind, expression");
	ps->p = f[1].s;
	ps->end = f[1].s + f[1].len;
	if (field_is(f[0].s, f[0].len, "set")) {
		if (nf > 2)
			return rules_perr(
			    ps, "set takes one column: key = value");
		return parse_set(ps, &rs->set);
	}
	for (k = 0; k < G_N_ELEMENTS(kinds); k++)
		if (field_is(f[0].s, f[0].len, kinds[k].word))
			break;
	if (k == G_N_ELEMENTS(kinds))
		return rules_perr(ps,
		    "unknown kind '%.*s' (ratio, le, sum, range, whole, required, implies, set)",
		    rules_show_len(f[0].s, f[0].len), f[0].s);
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
		e = rules_expr_ratio(ps, r);
		break;
	case RULES_LE:
		e = rules_expr_relation(ps, r, "<=");
		break;
	case RULES_SUM:
		e = rules_expr_relation(ps, r, "=");
		break;
	case RULES_RANGE:
		e = rules_expr_range(ps, r);
		break;
	case RULES_WHOLE:
	case RULES_REQUIRED:
		e = rules_expr_list(ps, r);
		break;
	case RULES_IMPLIES:
		e = rules_expr_implies(ps, r);
		break;
	default:
		e = rules_perr(ps, "internal: kind");
	}
	if (e != ERR_OK)
		return e;
	if (nf >= 3 && f[2].len > 0 &&
	    !parse_severity(f[2].s, f[2].len, &r->severity))
		return rules_perr(ps,
		    "severity '%.*s' is not error, warning or info",
		    rules_show_len(f[2].s, f[2].len), f[2].s);
	if (nf >= 4 && f[3].len > 0) {
		char name[48];

		if (f[3].len >= sizeof name)
			return rules_perr(ps, "flag name too long");
		memcpy(name, f[3].s, f[3].len);
		name[f[3].len] = '\0';
		if (!rules_is_flag_name(name))
			return rules_perr(
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
	struct rules_parser ps = { name != NULL ? name : "rules", 0, a, dg,
		NULL, NULL };
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
		return rules_perr(&ps, "not UTF-8 text (or a NUL byte)");
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
			return rules_perr(
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
