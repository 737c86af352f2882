/* SPDX-License-Identifier: MIT */
/*
 * The expressions of a rules file: its tokens (ids, numbers, operators)
 * and the grammar of each kind of rule, validated so that a mistake is
 * reported at its line with what was expected and what was found.
 *
 * Format notes: the expression column of a rules line (rules.c splits
 * the columns).  Ids are [a-z0-9_.], at most RULES_ID_MAX bytes, and
 * contain a dot; numbers are decimal with '.'; a term "id?" is
 * optional.  docs/CHECKS.md and data/rules/checks.tsv give each form.
 */
#include "indicators/rules_int.h"

#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

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
peek(const struct rules_parser *ps)
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
next(struct rules_parser *ps)
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
expected(struct rules_parser *ps, const char *what, const struct tok *t)
{
	if (t->type == TOK_END)
		return rules_perr(
		    ps, "expected %s, found the end of the line", what);
	return rules_perr(ps, "expected %s, found '%.*s'", what,
	    rules_show_len(t->s, t->len), t->s);
}

/* An id token to a string in the arena, after validating it. */
static enum err
take_id(struct rules_parser *ps, const struct tok *t, const char **out)
{
	if (t->type != TOK_ID)
		return expected(ps, "an indicator id", t);
	if (t->len > RULES_ID_MAX)
		return rules_perr(ps,
		    "indicator id '%.*s...' is longer than %u bytes",
		    rules_show_len(t->s, t->len), t->s, RULES_ID_MAX);
	if (memchr(t->s, '.', t->len) == NULL || t->s[t->len - 1] == '.')
		return rules_perr(ps,
		    "'%.*s' is not an indicator id (ids look like files.received)",
		    rules_show_len(t->s, t->len), t->s);
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
push_term(
    struct rules_parser *ps, struct termlist *tl, const char *id, bool opt)
{
	if (tl->n == RULES_TERMS_MAX)
		return rules_perr(
		    ps, "more than %u terms in one relation", RULES_TERMS_MAX);
	tl->v[tl->n].id = id;
	tl->v[tl->n].optional = opt;
	tl->n++;
	return ERR_OK;
}

/* term {'+' term}, each `id` or `id?` */
static enum err
parse_terms(struct rules_parser *ps, struct termlist *tl, bool allow_optional)
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
				return rules_perr(ps,
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
parse_group(struct rules_parser *ps, struct termlist *tl, bool allow_optional)
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
expect_end(struct rules_parser *ps)
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
copy_terms(struct rules_parser *ps, const struct termlist *tl,
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
check_distinct(struct rules_parser *ps, const char *target,
    const struct termlist *l, const struct termlist *r)
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
				return rules_perr(
				    ps, "%s appears twice", all[i]);
	return ERR_OK;
}

/* ratio: T = 100 * (A + B? ...) / (D + ...); the numerator needs a
 * term that is not optional, and no id may appear twice. */
enum err
rules_expr_ratio(struct rules_parser *ps, struct rules_rule *r)
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
		return rules_perr(ps, "the numerator has only optional terms");
	if ((e = check_distinct(ps, r->target, &num, &den)) != ERR_OK)
		return e;
	if ((e = copy_terms(ps, &num, &r->lhs, &r->nlhs)) != ERR_OK)
		return e;
	return copy_terms(ps, &den, &r->rhs, &r->nrhs);
}

/* le and sum: terms OP terms, at least one of them not optional */
enum err
rules_expr_relation(
    struct rules_parser *ps, struct rules_rule *r, const char *op)
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
		return rules_perr(ps, "at least one term must not be optional");
	if ((e = check_distinct(ps, NULL, &l, &rt)) != ERR_OK)
		return e;
	if ((e = copy_terms(ps, &l, &r->lhs, &r->nlhs)) != ERR_OK)
		return e;
	return copy_terms(ps, &rt, &r->rhs, &r->nrhs);
}

/* range: T lo hi, lo <= hi */
enum err
rules_expr_range(struct rules_parser *ps, struct rules_rule *r)
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
		return rules_perr(ps,
		    "the lower bound %g is above the upper bound %g", r->lo,
		    r->hi);
	return ERR_OK;
}

/* whole and required: a list of ids separated by spaces */
enum err
rules_expr_list(struct rules_parser *ps, struct rules_rule *r)
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
		return rules_perr(ps, "expected at least one indicator id");
	if ((e = check_distinct(ps, NULL, &l, NULL)) != ERR_OK)
		return e;
	return copy_terms(ps, &l, &r->lhs, &r->nlhs);
}

/* implies: A = k => B > m */
/* The operator `op` (named `what` when missing), then a number into
 * *out: "= 1", "> 0". */
static enum err
take_op_num(
    struct rules_parser *ps, const char *op, const char *what, double *out)
{
	struct tok t = next(ps);
	char after[32];

	if (!tok_is(&t, op))
		return expected(ps, what, &t);
	t = next(ps);
	if (t.type != TOK_NUM) {
		(void)snprintf(after, sizeof after, "a number after '%s'", op);
		return expected(ps, after, &t);
	}
	*out = t.num;
	return ERR_OK;
}

enum err
rules_expr_implies(struct rules_parser *ps, struct rules_rule *r)
{
	struct termlist l = { .n = 0 }, rt = { .n = 0 };
	const char *id;
	struct tok t;
	enum err e;

	t = next(ps);
	if ((e = take_id(ps, &t, &id)) != ERR_OK ||
	    (e = push_term(ps, &l, id, false)) != ERR_OK)
		return e;
	if ((e = take_op_num(
		 ps, "=", "'=' (implies A = k => B > 0)", &r->value)) != ERR_OK)
		return e;
	t = next(ps);
	if (!tok_is(&t, "=>"))
		return expected(ps, "'=>'", &t);
	t = next(ps);
	if ((e = take_id(ps, &t, &id)) != ERR_OK ||
	    (e = push_term(ps, &rt, id, false)) != ERR_OK)
		return e;
	if ((e = take_op_num(ps, ">", "'>'", &r->lo)) != ERR_OK)
		return e;
	if ((e = expect_end(ps)) != ERR_OK)
		return e;
	if ((e = check_distinct(ps, NULL, &l, &rt)) != ERR_OK)
		return e;
	if ((e = copy_terms(ps, &l, &r->lhs, &r->nlhs)) != ERR_OK)
		return e;
	return copy_terms(ps, &rt, &r->rhs, &r->nrhs);
}
