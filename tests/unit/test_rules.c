/* SPDX-License-Identifier: MIT */
/* Tests of the rules file loader: every form, every error at file:line. */
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "indicators/catalogue.h"
#include "indicators/rules.h"
#include "tests/check.h"

static struct arena *A;

static enum err
parse(const char *text, struct rules **out, struct diag *dg)
{
	diag_init(dg);
	return rules_parse(text, strlen(text), "t.tsv", A, out, dg);
}

/* Parses `text`, wants ERR_MALFORMED and `want` in the message. */
static int
fails_with(const char *text, const char *want)
{
	struct rules *rs;
	struct diag dg;
	enum err e = parse(text, &rs, &dg);

	if (e == ERR_OK || strstr(dg.msg, want) == NULL) {
		fprintf(stderr, "  input %s\n  got %d \"%s\", want \"%s\"\n",
		    text, e, dg.msg, want);
		return 0;
	}
	return 1;
}

static void
test_rules_builtin_loads(void)
{
	struct rules *rs = NULL;
	struct diag dg;
	size_t i, nratio = 0, nreq = 0;

	diag_init(&dg);
	CHECK(rules_builtin(A, &rs, &dg) == ERR_OK);
	if (rs == NULL) {
		fprintf(stderr, "%s\n", dg.msg);
		return;
	}
	CHECK(rs->n > 40);
	for (i = 0; i < rs->n; i++) {
		if (rs->v[i].kind == RULES_RATIO)
			nratio++;
		if (rs->v[i].kind == RULES_REQUIRED)
			nreq += rs->v[i].nlhs;
		CHECK(rules_is_flag_name(rs->v[i].name));
		CHECK(rs->v[i].line > 0);
	}
	CHECK(nratio == 9);
	CHECK(nreq == 7);
	CHECK(rs->set.pct_slack == 0.05);
	CHECK(rs->set.period_slack_days == 3);
	CHECK_STR(rs->name, "checks.tsv");
}

static void
test_rules_ratio_form(void)
{
	struct rules *rs = NULL;
	struct diag dg;

	CHECK(
	    parse(
		"# c\n\nratio\tfiles.on_time_pct = 100 * (files.a + files.b?) / files.c\twarning\n",
		&rs, &dg) == ERR_OK);
	if (rs == NULL)
		return;
	CHECK(rs->n == 1);
	CHECK(rs->v[0].kind == RULES_RATIO);
	CHECK_STR(rs->v[0].target, "files.on_time_pct");
	CHECK(rs->v[0].nlhs == 2 && rs->v[0].nrhs == 1);
	CHECK(!rs->v[0].lhs[0].optional && rs->v[0].lhs[1].optional);
	CHECK_STR(rs->v[0].rhs[0].id, "files.c");
	CHECK(rs->v[0].severity == RULES_WARNING);
	CHECK_STR(rs->v[0].name, "pct_mismatch");
	CHECK(rs->v[0].line == 3);
	/* A single numerator needs no parentheses. */
	CHECK(parse("ratio\ta.p = 100 * a.n / a.d\n", &rs, &dg) == ERR_OK);
}

static void
test_rules_other_forms(void)
{
	struct rules *rs = NULL;
	struct diag dg;

	CHECK(parse("le\ta.x <= a.y\r\n"
		    "sum\ta.x + a.c = a.r + a.p\n"
		    "sum\tt.all = t.a? + t.b? + t.c?\n"
		    "range\ta.pct 0 100\n"
		    "whole\ta.x a.y a.z\n"
		    "required\ta.x a.y\tinfo\n"
		    "implies\ts.held = 1 => s.forms > 0\n"
		    "le\ta.x <= a.y\terror\tcount_invalid\n"
		    "set\tpct_slack = 0.1\n"
		    "set\tperiod_mismatch = warning\n"
		    "set\tpct_truncation = no\n"
		    "set\tperiod_slack_days = 5\n",
		  &rs, &dg) == ERR_OK);
	if (rs == NULL) {
		fprintf(stderr, "%s\n", dg.msg);
		return;
	}
	CHECK(rs->n == 8);
	CHECK(rs->v[0].kind == RULES_LE && rs->v[0].nlhs == 1);
	CHECK(rs->v[1].kind == RULES_SUM && rs->v[1].nlhs == 2 &&
	    rs->v[1].nrhs == 2);
	CHECK(rs->v[2].rhs[2].optional);
	CHECK(rs->v[3].kind == RULES_RANGE && rs->v[3].lo == 0 &&
	    rs->v[3].hi == 100);
	CHECK(rs->v[4].kind == RULES_WHOLE && rs->v[4].nlhs == 3);
	CHECK(
	    rs->v[5].kind == RULES_REQUIRED && rs->v[5].severity == RULES_INFO);
	CHECK(rs->v[6].kind == RULES_IMPLIES && rs->v[6].value == 1 &&
	    rs->v[6].lo == 0);
	CHECK_STR(rs->v[7].name, "count_invalid");
	CHECK(rs->set.pct_slack == 0.1);
	CHECK(rs->set.period_mismatch == RULES_WARNING);
	CHECK(!rs->set.pct_truncation);
	CHECK(rs->set.period_slack_days == 5);
}

static void
test_rules_errors_name_the_line(void)
{
	CHECK(fails_with("# x\nbogus\ta.b <= a.c\n", "t.tsv:2: unknown kind"));
	CHECK(fails_with("le\n", "t.tsv:1: expected TAB-separated"));
	CHECK(fails_with("le a.b <= a.c\n", "t.tsv:1: expected TAB"));
	CHECK(fails_with(
	    "le\tab <= a.c\n", "t.tsv:1: 'ab' is not an indicator id"));
	CHECK(fails_with("le\ta.b < a.c\n", "expected '<='"));
	CHECK(fails_with("le\ta.b <= a.c a.d\n", "expected the end"));
	CHECK(fails_with("le\ta.b <= a.b\n", "a.b appears twice"));
	CHECK(fails_with("le\ta.b? <= a.c?\n", "at least one term"));
	CHECK(fails_with(
	    "sum\ta.b = \n", "expected an indicator id, found the end"));
	CHECK(fails_with("ratio\ta.p = 50 * a.n / a.d\n", "expected 100"));
	CHECK(fails_with("ratio\ta.p = 100 * a.n a.d\n", "expected '/'"));
	CHECK(fails_with("ratio\ta.p = 100 * (a.n / a.d\n", "expected ')'"));
	CHECK(fails_with("ratio\ta.p = 100 * a.n? / a.d\n", "only optional"));
	CHECK(
	    fails_with("ratio\ta.p = 100 * a.n / a.d?\n", "not allowed here"));
	CHECK(fails_with("range\ta.p 100 0\n", "lower bound 100 is above"));
	CHECK(fails_with("range\ta.p 0\n", "the upper bound"));
	CHECK(fails_with("whole\t\n", "expected TAB-separated"));
	CHECK(fails_with("implies\ts.a = 1 => s.b\n", "expected '>'"));
	CHECK(fails_with("le\ta.b <= a.c\tfatal\n", "severity 'fatal'"));
	CHECK(fails_with(
	    "le\ta.b <= a.c\terror\tno_such_flag\n", "unknown flag"));
	CHECK(fails_with(
	    "le\ta.b <= a.c\terror\tpct_mismatch\tx\n", "too many columns"));
	CHECK(fails_with("set\tno_such = 1\n", "unknown setting 'no_such'"));
	CHECK(fails_with("set\tpct_slack = 50\n", "outside 0..5"));
	CHECK(fails_with("set\tpct_slack = abc\n", "is not a number"));
	CHECK(
	    fails_with("set\tperiod_slack_days = 2.5\n", "not a whole number"));
	CHECK(fails_with(
	    "set\tmalformed_date = loud\n", "not error, warning or info"));
	CHECK(fails_with("set\tpct_truncation = maybe\n", "not yes or no"));
	CHECK(fails_with("set\tpct_slack\n", "expected 'key = value'"));
	CHECK(fails_with(
	    "le\ta.b <= a.c\nle\ta.\xff <= a.c\n", "t.tsv:2: not UTF-8"));
	CHECK(fails_with("le\ta.b <= a.€\n", "'a.' is not an indicator id"));
	CHECK(fails_with(
	    "le\ta.b <= a.c + a.d + a.e + a.f + a.g + a.h + a.i + a.j + a.k + a.l + a.m + a.n + a.o + a.p + a.q + a.r + a.s\n",
	    "more than 16 terms"));
}

static void
test_rules_limits(void)
{
	struct rules *rs;
	struct diag dg;
	GString *big = g_string_new("le\ta.b <= a.c");
	size_t i;

	for (i = 0; i < 5000; i++)
		g_string_append_c(big, ' ');
	g_string_append_c(big, '\n');
	CHECK(fails_with(big->str, "line longer than"));
	g_string_truncate(big, 0);
	for (i = 0; i < RULES_LINES_MAX + 1; i++)
		g_string_append(big, "#\n");
	diag_init(&dg);
	CHECK(rules_parse(big->str, big->len, "t", A, &rs, &dg) == ERR_LIMIT);
	g_string_free(big, TRUE);
	/* An empty file is valid: no rules, default settings. */
	CHECK(parse("", &rs, &dg) == ERR_OK && rs != NULL && rs->n == 0);
	/* Text is not NUL-terminated: a parse of a prefix stops there. */
	diag_init(&dg);
	CHECK(
	    rules_parse("le\ta.b <= a.cXXXX", 13, "t", A, &rs, &dg) == ERR_OK);
	CHECK(
	    rs != NULL && rs->n == 1 && strcmp(rs->v[0].rhs[0].id, "a.c") == 0);
}

static void
test_rules_load_file(void)
{
	const char *src = getenv("SRC");
	struct rules *rs = NULL;
	struct diag dg;
	char *path;

	diag_init(&dg);
	CHECK(rules_load_file("/nonexistent/rules.tsv", A, &rs, &dg) == ERR_IO);
	CHECK(strstr(dg.msg, "/nonexistent/rules.tsv") != NULL);
	if (src == NULL)
		return;
	path = g_build_filename(src, "data", "rules", "checks.tsv", NULL);
	diag_init(&dg);
	CHECK(rules_load_file(path, A, &rs, &dg) == ERR_OK);
	CHECK(rs != NULL && rs->n > 40);
	g_free(path);
}

/* Every setting is documented where users look for it. */
static void
test_rules_settings_documented(void)
{
	const char *src = getenv("SRC");
	gchar *doc = NULL, *path;
	size_t i;

	if (src == NULL)
		return;
	path = g_build_filename(src, "docs", "CHECKS.md", NULL);
	CHECK(g_file_get_contents(path, &doc, NULL, NULL));
	for (i = 0; doc != NULL && rules_setting_key(i) != NULL; i++) {
		gchar *needle = g_strdup_printf("`%s`", rules_setting_key(i));

		if (strstr(doc, needle) == NULL) {
			fprintf(stderr, "docs/CHECKS.md lacks %s\n", needle);
			CHECK(0);
		}
		g_free(needle);
	}
	g_free(doc);
	g_free(path);
}

static bool
terms_equal(
    const struct rules_term *t, size_t n, const struct cat_term *c, size_t m)
{
	size_t i;

	if (n != m)
		return false;
	for (i = 0; i < n; i++)
		if (strcmp(t[i].id, c[i].ind->id) != 0 ||
		    t[i].optional != c[i].optional)
			return false;
	return true;
}

static bool
known(const struct catalogue *cat, unsigned line, const char *id)
{
	if (id == NULL || catalogue_get(cat, id) != NULL)
		return true;
	fprintf(
	    stderr, "checks.tsv:%u: %s is not in the catalogue\n", line, id);
	return false;
}

/*
 * The rules name only catalogue ids, and carry every relation of the
 * catalogue (data/catalogue/relations.tsv): the two files must not drift
 * apart.
 */
static void
test_rules_match_catalogue(void)
{
	struct diag dg;
	const struct catalogue *cat;
	struct rules *rs = NULL;
	size_t i, k, t;

	diag_init(&dg);
	cat = catalogue_default(&dg);
	CHECK(cat != NULL);
	CHECK(rules_builtin(A, &rs, &dg) == ERR_OK);
	if (cat == NULL || rs == NULL)
		return;
	for (k = 0; k < rs->n; k++) {
		const struct rules_rule *r = &rs->v[k];

		CHECK(known(cat, r->line, r->target));
		for (t = 0; t < r->nlhs; t++)
			CHECK(known(cat, r->line, r->lhs[t].id));
		for (t = 0; t < r->nrhs; t++)
			CHECK(known(cat, r->line, r->rhs[t].id));
		/* The core rows are the catalogue's core ids. */
		if (r->kind == RULES_REQUIRED)
			for (t = 0; t < r->nlhs; t++)
				CHECK(catalogue_get(cat, r->lhs[t].id)->core);
	}
	for (i = 0; i < catalogue_nrelations(cat); i++) {
		const struct cat_relation *c = catalogue_relation(cat, i);
		bool found = false;

		for (k = 0; k < rs->n && !found; k++) {
			const struct rules_rule *r = &rs->v[k];

			switch (c->kind) {
			case CAT_REL_RATIO:
				found = r->kind == RULES_RATIO &&
				    strcmp(r->target, c->target->id) == 0 &&
				    terms_equal(
					r->lhs, r->nlhs, c->lhs, c->nlhs) &&
				    terms_equal(
					r->rhs, r->nrhs, c->rhs, c->nrhs);
				break;
			case CAT_REL_LE:
			case CAT_REL_SUM:
				found = r->kind ==
					(c->kind == CAT_REL_LE ? RULES_LE
							       : RULES_SUM) &&
				    terms_equal(
					r->lhs, r->nlhs, c->lhs, c->nlhs) &&
				    terms_equal(
					r->rhs, r->nrhs, c->rhs, c->nrhs);
				break;
			case CAT_REL_RANGE:
				found = r->kind == RULES_RANGE &&
				    strcmp(r->target, c->target->id) == 0 &&
				    r->lo == c->lo && r->hi == c->hi;
				break;
			}
		}
		if (!found)
			fprintf(stderr,
			    "relations.tsv:%u: %s is not in checks.tsv\n",
			    c->line, c->text);
		CHECK(found);
	}
	for (i = 0; i < catalogue_nindicators(cat); i++) {
		const struct cat_indicator *ci = catalogue_indicator(cat, i);
		bool listed = false;

		if (!ci->core)
			continue;
		for (k = 0; k < rs->n; k++)
			for (t = 0; rs->v[k].kind == RULES_REQUIRED &&
			     t < rs->v[k].nlhs;
			     t++)
				listed |=
				    strcmp(rs->v[k].lhs[t].id, ci->id) == 0;
		CHECK(listed);
	}
}

/* Each allocation failure is a clean ERR_NOMEM. */
static void
test_rules_nomem(void)
{
	size_t cap;
	int ok = 0;

	for (cap = 64; cap < 200000; cap = cap * 3 / 2) {
		struct arena *a = arena_new(cap);
		struct rules *rs = NULL;
		struct diag dg;
		enum err e;

		diag_init(&dg);
		e = rules_builtin(a, &rs, &dg);
		if (e != ERR_OK && e != ERR_NOMEM)
			fprintf(stderr, "cap %zu: %s\n", cap, dg.msg);
		CHECK(e == ERR_OK || e == ERR_NOMEM);
		CHECK(e != ERR_OK || rs != NULL);
		if (e == ERR_OK)
			ok = 1;
		arena_free(a);
	}
	CHECK(ok);
}

int
main(void)
{
	A = arena_new((size_t)64 << 20);
	RUN(test_rules_builtin_loads);
	RUN(test_rules_ratio_form);
	RUN(test_rules_other_forms);
	RUN(test_rules_errors_name_the_line);
	RUN(test_rules_limits);
	RUN(test_rules_load_file);
	RUN(test_rules_settings_documented);
	RUN(test_rules_match_catalogue);
	RUN(test_rules_nomem);
	arena_free(A);
	return check_done();
}
