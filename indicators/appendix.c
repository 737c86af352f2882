/* SPDX-License-Identifier: MIT */
/*
 * Appendix rows to indicators: the issuing level a sub-row splits its
 * parent by, ids from the catalogue with their context, values in the
 * row's unit, one row per id.  Reading the tables is appendix_rows.c's.
 */
#include "indicators/appendix.h"

#include <math.h>
#include <string.h>

#include "indicators/appendix_int.h"
#include "indicators/fold.h"
#include "indicators/match.h"
#include "indicators/unit.h"
#include "indicators/value.h"

/* Rows above a row that give it context: parent, grandparent, ... */
#define ABOVE_MAX 4

/*
 * "Cấp xã", "Tại cấp huyện (UBND xã, phường không phải báo cáo mục
 * này)": the level a sub-row splits its parent by, or CAT_LEVEL_ANY.
 */
static enum cat_level
level_row(const char *fold)
{
	static const struct {
		const char *words;
		enum cat_level level;
	} levels[] = { { "cap xa", CAT_LEVEL_XA },
		{ "cap huyen", CAT_LEVEL_HUYEN },
		{ "cap tinh", CAT_LEVEL_TINH } };
	const char *k = fold;
	size_t i;

	if (fold_starts_with(k, "tai"))
		k += 4;
	for (i = 0; i < sizeof levels / sizeof levels[0]; i++) {
		size_t n = strlen(levels[i].words);

		if (!fold_starts_with(k, levels[i].words))
			continue;
		/* Nothing after it but a remark in brackets. */
		if (k[n] == '\0' || fold_starts_with(k + n + 1, "ubnd") ||
		    fold_starts_with(k + n + 1, "khong"))
			return levels[i].level;
	}
	return CAT_LEVEL_ANY;
}

/*
 * A parent with an id but no value of its own, split by level into
 * "- Cấp huyện" and "- Cấp xã" rows: the row of the reporting body's
 * level holds the parent's value, so it takes the parent's id.
 */
static void
split_by_level(struct rows *rs, enum cat_level level)
{
	size_t i;

	if (level == CAT_LEVEL_ANY)
		return;
	for (i = 0; i < rs->n; i++) {
		struct arow *w = &rs->v[i], *p;

		if (w->m.ind != NULL || w->parent < 0 ||
		    (w->m.variant != NULL && w->m.similarity >= 0.97))
			continue;
		p = &rs->v[w->parent];
		if (p->m.ind == NULL || p->raw[0] != '\0' ||
		    level_row(w->fold) != level)
			continue;
		w->m.ind = p->m.ind;
		w->m.confidence = 0.85 * p->m.confidence;
		p->m.ind = NULL;
		p->m.confidence = 0.5;
	}
}

/* The legend of a coded indicator, for a row whose unit cell has none. */
static void
legend_of(const struct cat_indicator *ind, struct unit_info *u)
{
	size_t i;

	memset(u, 0, sizeof *u);
	u->kind = UNIT_CODE;
	for (i = 0; i < ind->ncodes && u->ncodes < UNIT_CODES_MAX; i++) {
		struct unit_code *c = &u->codes[u->ncodes++];

		fold_buf(c->fold, sizeof c->fold, ind->codes[i].label,
		    strlen(ind->codes[i].label));
		c->code = ind->codes[i].code;
	}
}

static void
match_rows(const struct catalogue *cat, enum cat_level level, struct rows *rs)
{
	size_t i;

	for (i = 0; i < rs->n; i++) {
		struct arow *w = &rs->v[i];
		const char *above[ABOVE_MAX];
		struct match_row mr;
		int p = w->parent;
		size_t na = 0;

		while (p >= 0 && na < ABOVE_MAX) {
			above[na++] = rs->v[p].fold;
			p = rs->v[p].parent;
		}
		memset(&mr, 0, sizeof mr);
		mr.fold = w->fold;
		mr.code = w->code;
		mr.unit = w->ui.kind;
		mr.parent = w->parent >= 0 ? rs->v[w->parent].m.ind : NULL;
		mr.above = above;
		mr.nabove = na;
		mr.level = level;
		match_row(cat, &mr, &w->m);
	}
}

/*
 * A table whose columns were guessed stays only if its labels are
 * appendix labels: at least two rows, and a fifth of them, close to a
 * catalogue variant.  Otherwise its rows are not output (a schedule or
 * a font table is not a statistics appendix).
 */
static void
check_inferred(struct rows *rs)
{
	size_t i, j;

	/* Runs of rows from guessed tables (a guessed table and the
	 * tables continuing it) are judged together. */
	for (i = 0; i < rs->n;) {
		bool inf = rs->v[i].inferred;
		size_t n = 0, known = 0;

		for (j = i; j < rs->n && rs->v[j].inferred == inf; j++) {
			n++;
			known += rs->v[j].m.similarity >= 0.85;
		}
		if (inf && (known < 2 || known * 5 < n)) {
			size_t k;

			for (k = i; k < j; k++) {
				rs->v[k].heading = true;
				rs->v[k].m.ind = NULL;
			}
		}
		i = j;
	}
}

/* Reads each row's value in its unit, or in its id's kind when the
 * unit cell says nothing. */
static void
read_values(struct rows *rs)
{
	size_t i;

	for (i = 0; i < rs->n; i++) {
		struct arow *w = &rs->v[i];
		struct unit_info u = w->ui;

		if (w->m.ind != NULL) {
			if (w->m.ind->kind == CAT_CODE && u.kind != UNIT_CODE)
				legend_of(w->m.ind, &u);
			else if (u.kind == UNIT_UNKNOWN)
				u.kind = unit_of_cat_kind(w->m.ind->kind);
		}
		value_parse(w->raw, strlen(w->raw), &u, &w->val);
	}
	/* "12.175" with neither unit nor id: neighbours under the same
	 * parent decide.  Thousands groups or large whole numbers there
	 * make it thousands; decimals there make it a decimal. */
	for (i = 0; i < rs->n; i++) {
		struct arow *w = &rs->v[i];
		size_t j;
		int vote = 0;

		if (!w->val.ambiguous)
			continue;
		for (j = 0; j < rs->n; j++) {
			const struct value *o = &rs->v[j].val;

			if (j == i || rs->v[j].parent != w->parent ||
			    !o->has_value || o->ambiguous)
				continue;
			if (o->grouped ||
			    (o->value >= 1000 && o->value == floor(o->value)))
				vote++;
			else if (o->value != floor(o->value))
				vote--;
		}
		if (vote < 0 && w->val.value == floor(w->val.value)) {
			double t = w->val.value;

			w->val.value = w->val.alt;
			w->val.alt = t;
		}
		if (vote != 0)
			w->val.confidence = 0.8;
	}
}

/* One row per id: where two rows claim an id, the surer one (then the
 * one with a value, then the first) keeps it. */
static void
dedupe_ids(struct rows *rs)
{
	size_t i, j;

	for (i = 0; i < rs->n; i++)
		rs->v[i].out_id = rs->v[i].m.ind != NULL && !rs->v[i].heading;
	for (i = 0; i < rs->n; i++) {
		struct arow *w = &rs->v[i];

		if (!w->out_id)
			continue;
		for (j = i + 1; j < rs->n; j++) {
			struct arow *o = &rs->v[j];

			if (!o->out_id || o->m.ind != w->m.ind)
				continue;
			if (o->m.confidence > w->m.confidence + 1e-9 ||
			    (fabs(o->m.confidence - w->m.confidence) < 1e-9 &&
				o->val.has_value && !w->val.has_value)) {
				w->out_id = false;
				w->m.confidence = 0.3;
				break;
			}
			o->out_id = false;
			o->m.confidence = 0.3;
		}
	}
}

static const char *
or_null(const char *s)
{
	return s != NULL && s[0] != '\0' ? s : NULL;
}

enum err
appendix_map(const struct doc *d, const struct catalogue *cat,
    enum cat_level level, struct result *r, struct arena *a)
{
	struct rows rs = { NULL, 0, 0 };
	enum err e;
	size_t i;

	e = appendix_rows(d, &rs, a);
	if (e != ERR_OK)
		return e;
	match_rows(cat, level, &rs);
	split_by_level(&rs, level);
	check_inferred(&rs);
	read_values(&rs);
	dedupe_ids(&rs);
	for (i = 0; i < rs.n; i++) {
		const struct arow *w = &rs.v[i];
		struct result_indicator *ri;
		double vc;

		if (w->heading)
			continue;
		ri = arena_alloc(a, sizeof *ri);
		if (ri == NULL)
			return ERR_NOMEM;
		/* Copied: the record lives in the job's arena, the catalogue
		 * may not outlive it. */
		ri->id = w->out_id ? arena_strdup(a, w->m.ind->id) : NULL;
		if (w->out_id && ri->id == NULL)
			return ERR_NOMEM;
		ri->code = w->code != NULL ? w->stt : NULL;
		ri->label = w->label;
		ri->unit = or_null(w->unit);
		ri->raw = w->raw;
		ri->has_value = w->val.has_value;
		ri->value = w->val.value;
		ri->source.origin = "appendix";
		ri->source.page = w->page;
		ri->source.table = w->table;
		ri->source.row = (int)w->row;
		ri->source.text = NULL;
		vc = w->val.has_value ? w->val.confidence
		    : w->val.blank    ? 1.0
				      : 0.5;
		ri->confidence = w->m.confidence * vc;
		if (ptrvec_push(&r->indicators, a, ri) != 0)
			return ERR_NOMEM;
	}
	return ERR_OK;
}
