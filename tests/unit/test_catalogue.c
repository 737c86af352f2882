/* SPDX-License-Identifier: MIT */
/* The embedded catalogue loads and validates; bad files are reported by
 * file and line. */
#include <stdlib.h>
#include <string.h>

#include "indicators/catalogue.h"
#include "tests/check.h"

static struct catalogue *cat;

static void
test_catalogue_embedded_loads(void)
{
	struct diag dg;

	diag_init(&dg);
	CHECK(catalogue_load_embedded(&cat, &dg) == ERR_OK);
	if (cat == NULL) {
		fprintf(stderr, "%s\n", dg.msg);
		return;
	}
	CHECK(catalogue_nindicators(cat) == 73);
	CHECK(catalogue_nrelations(cat) >= 40);
	CHECK(catalogue_nlabels(cat) > 200);
	CHECK(catalogue_nsections(cat) > 20);
	CHECK(catalogue_npatterns(cat) > 30);
	CHECK(catalogue_default(NULL) != NULL);
	CHECK(catalogue_default(NULL) == catalogue_default(&dg));
}

static void
test_catalogue_lookup(void)
{
	const struct cat_indicator *ind;

	if (cat == NULL)
		return;
	ind = catalogue_get(cat, "invest.plan_mil");
	CHECK(ind != NULL && ind->kind == CAT_MIL);
	CHECK(ind != NULL && strcmp(ind->unit, "Triệu đồng") == 0);
	ind = catalogue_get(cat, "files.received");
	CHECK(ind != NULL && ind->core && ind->kind == CAT_COUNT);
	ind = catalogue_get(cat, "survey.method");
	CHECK(ind != NULL && ind->kind == CAT_CODE && ind->ncodes == 3);
	CHECK(ind != NULL && ind->codes[1].code == 1 &&
	    strcmp(ind->codes[1].label, "Phát phiếu") == 0);
	CHECK(catalogue_get(cat, "files.nonexistent") == NULL);
}

/* Every canonical id is printed by some template, except the ones only
 * reports' text states. */
static void
test_catalogue_every_id_has_a_label(void)
{
	size_t i, j;

	if (cat == NULL)
		return;
	for (i = 0; i < catalogue_nindicators(cat); i++) {
		const struct cat_indicator *ind = catalogue_indicator(cat, i);
		bool found = false;

		for (j = 0; j < catalogue_nlabels(cat); j++)
			if (catalogue_label(cat, j)->ind == ind)
				found = true;
		if (!found && strcmp(ind->id, "satisfaction.pct") != 0) {
			fprintf(stderr, "no label for %s\n", ind->id);
			CHECK(found);
		}
	}
}

static void
test_catalogue_relations(void)
{
	const struct cat_indicator *ind;
	size_t i;
	bool sum = false, ratio = false;

	if (cat == NULL)
		return;
	ind = catalogue_get(cat, "files.resolved");
	CHECK(ind != NULL && ind->nrelations >= 3);
	for (i = 0; ind != NULL && i < ind->nrelations; i++) {
		const struct cat_relation *r = ind->relations[i];

		if (r->kind == CAT_REL_SUM && r->nlhs == 1 &&
		    r->lhs[0].ind == ind) {
			/* files.resolved = on_time + late + early? */
			CHECK(r->nrhs == 3);
			CHECK(r->rhs[2].optional);
			CHECK(!r->rhs[0].optional);
			sum = true;
		}
		if (r->kind == CAT_REL_RATIO) {
			CHECK(strcmp(r->target->id, "files.on_time_pct") == 0);
			CHECK(r->nlhs == 2 && r->nrhs == 1);
			CHECK(r->rhs[0].ind == ind);
			ratio = true;
		}
	}
	CHECK(sum && ratio);
	for (i = 0; i < catalogue_nrelations(cat); i++) {
		const struct cat_relation *r = catalogue_relation(cat, i);

		if (r->kind == CAT_REL_RANGE)
			CHECK(r->lo == 0 && r->hi == 100 &&
			    r->target->kind == CAT_PCT);
	}
}

/* Minimal valid files, with one file replaced by `bad`. */
static enum err
parse_with(int which, const char *bad, struct diag *dg)
{
	const char *text[CAT_NFILES] = {
		"# c\nfiles.received\tcount\tHồ sơ\tyes\t\tnhận\n"
		"files.resolved\tcount\tHồ sơ\tno\t\txong\n"
		"files.pct\tpct\t%\tno\t\tt\n",
		"le\tfiles.resolved <= files.received\n",
		"files.received\tA\t3.1\tSố hồ sơ nhận\tHồ sơ\t\n",
		"tthc\tcai cach thu tuc hanh chinh\n",
		"files.received\ttong so ho so nhan # ho so\n",
	};
	struct cat_file f[CAT_NFILES];
	struct catalogue *c = NULL;
	enum err e;
	int i;

	for (i = 0; i < CAT_NFILES; i++) {
		f[i].name = catalogue_file_names[i];
		f[i].data = i == which ? bad : text[i];
		f[i].len = strlen(f[i].data);
	}
	diag_init(dg);
	e = catalogue_parse(f, &c, dg);
	catalogue_free(c);
	return e;
}

static void
test_catalogue_errors_name_file_and_line(void)
{
	struct diag dg;

	CHECK(parse_with(-1, "", &dg) == ERR_OK);
	CHECK(
	    parse_with(2,
		"# x\n\nfiles.resolved\tA\t\tSố\t\t\nfiles.recieved\tA\t\tX\t\t\n",
		&dg) == ERR_MALFORMED);
	CHECK_STR(dg.msg, "labels.tsv:4: unknown id 'files.recieved'");
	CHECK(
	    parse_with(0, "a.b\tcounts\tx\tyes\t\tm\n", &dg) == ERR_MALFORMED);
	CHECK(strstr(dg.msg, "indicators.tsv:1: unknown kind") != NULL);
	CHECK(parse_with(1,
		  "ratio\tfiles.pct = 100 * (files.resolved) / files.nope\n",
		  &dg) == ERR_MALFORMED);
	CHECK_STR(dg.msg, "relations.tsv:1: unknown id 'files.nope'");
	CHECK(parse_with(1, "range\tfiles.pct 100 0\n", &dg) == ERR_MALFORMED);
	CHECK(parse_with(2, "files.received\tA\t\tX\t\tparent=nope\n", &dg) ==
	    ERR_MALFORMED);
	CHECK(strstr(dg.msg, "labels.tsv:1: unknown parent id") != NULL);
	CHECK(parse_with(3, "tthcc\tcai cach\n", &dg) == ERR_MALFORMED);
	CHECK(parse_with(4, "files.received,files.resolved\tnhan # ho so\n",
		  &dg) == ERR_MALFORMED);
	CHECK(strstr(dg.msg, "narrative.tsv:1: 2 ids but 1 captures") != NULL);
	CHECK(parse_with(4, "files.received\tTổng # hồ sơ\n", &dg) ==
	    ERR_MALFORMED);
	CHECK(
	    parse_with(4, "files.received\t* nhan #\n", &dg) == ERR_MALFORMED);
	CHECK(
	    parse_with(0, "files.x\tcode\t\tno\t\tm\n", &dg) == ERR_MALFORMED);
	CHECK(parse_with(0, "", &dg) == ERR_MALFORMED);
}

static void
test_catalogue_load_dir(void)
{
	const char *src = getenv("SRC");
	struct catalogue *c = NULL;
	struct diag dg;
	char path[4096];

	diag_init(&dg);
	CHECK(catalogue_load_dir("/nonexistent-dir", &c, &dg) == ERR_IO);
	CHECK(strstr(dg.msg, "indicators.tsv") != NULL);
	if (src == NULL)
		return;
	(void)snprintf(path, sizeof path, "%s/data/catalogue", src);
	diag_init(&dg);
	CHECK(catalogue_load_dir(path, &c, &dg) == ERR_OK);
	CHECK(c != NULL && catalogue_nindicators(c) == 73);
	catalogue_free(c);
}

int
main(void)
{
	RUN(test_catalogue_embedded_loads);
	RUN(test_catalogue_lookup);
	RUN(test_catalogue_every_id_has_a_label);
	RUN(test_catalogue_relations);
	RUN(test_catalogue_errors_name_file_and_line);
	RUN(test_catalogue_load_dir);
	catalogue_free(cat);
	return check_done();
}
