/* SPDX-License-Identifier: MIT */
/*
 * Inside the rules loader: the state of the line being parsed, shared by
 * rules.c (files, lines, settings) and rules_expr.c (the expressions).
 */
#ifndef INDICATORS_RULES_INT_H
#define INDICATORS_RULES_INT_H

#include <stddef.h>

#include "core/arena.h"
#include "core/err.h"
#include "indicators/rules.h"

struct rules_parser {
	const char *name;
	unsigned line;
	struct arena *a;
	struct diag *dg;
	/* the current expression */
	const char *p, *end;
};

/* Records "name:line: reason" in ps->dg; returns ERR_MALFORMED. */
enum err rules_perr(struct rules_parser *ps, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* How many bytes of `s` (at most 24, cut at a character boundary) to
 * show in a message. */
int rules_show_len(const char *s, size_t len);

/*
 * The expression ps->p..ps->end of one rule into `r`, by kind: ratio "T =
 * 100 * (A + B?) / D", le or sum "A + B <op> C" (`op` "<=" or "="),
 * range "T lo hi", whole and required "A B C", implies "A = k => B > m".
 * ERR_MALFORMED with file:line in ps->dg for a mistake, ERR_NOMEM when
 * the arena is full.
 */
enum err rules_expr_ratio(struct rules_parser *ps, struct rules_rule *r);
enum err rules_expr_relation(
    struct rules_parser *ps, struct rules_rule *r, const char *op);
enum err rules_expr_range(struct rules_parser *ps, struct rules_rule *r);
enum err rules_expr_list(struct rules_parser *ps, struct rules_rule *r);
enum err rules_expr_implies(struct rules_parser *ps, struct rules_rule *r);

#endif
