/* SPDX-License-Identifier: MIT */
/* Sentence patterns over tokens, with a bounded backtracking matcher. */
#include "indicators/narrative.h"

#include <string.h>

#include "indicators/fold.h"
#include "indicators/fuzzy.h"
#include "indicators/tokens.h"
#include "indicators/value.h"

/* A paragraph longer than this is cut: no report sentence is. */
#define PARA_TOKENS_MAX 2000
/* Matching steps per pattern and start: bounds backtracking on hostile
 * text. */
#define STEPS_MAX 20000
#define CAPT_MAX  16

struct capture {
	size_t tok;   /* token of the value */
	size_t ntoks; /* tokens of the raw text (a % sign included) */
	bool word;
	int word_value;
};

struct matcher {
	const struct tokens *ts;
	const struct cat_pattern *pt;
	struct capture capt[CAPT_MAX];
	size_t ncapt;
	unsigned steps;
	unsigned budget; /* damaged words a long pattern may pass over */
};

static enum unit_kind
unit_of(const struct cat_indicator *ind)
{
	if (ind == NULL)
		return UNIT_UNKNOWN;
	switch (ind->kind) {
	case CAT_COUNT:
		return UNIT_COUNT;
	case CAT_PCT:
		return UNIT_PERCENT;
	case CAT_MIL:
		return UNIT_MIL;
	case CAT_VND:
		return UNIT_VND;
	case CAT_CODE:
		return UNIT_CODE;
	}
	return UNIT_UNKNOWN;
}

/* The literal words of a pattern. */
static unsigned
words_of(const struct cat_pattern *pt)
{
	unsigned n = 0;
	size_t i;

	for (i = 0; i < pt->nitems; i++)
		n += pt->items[i].kind == CAT_ITEM_WORD;
	return n;
}

/* A number token that reads as a number in the capture's unit. */
static bool
number_ok(const struct matcher *m, const struct token *t, size_t k)
{
	double v, alt, conf;
	bool amb;
	const struct cat_indicator *ind =
	    k < m->pt->nids ? m->pt->ids[k] : NULL;

	if (t->kind != TOK_NUMBER)
		return false;
	return value_number(t->p, t->len, unit_of(ind), &v, &alt, &amb, &conf);
}

/* The word, or one OCR slip away from it for words of three letters
 * and more, two for long words ("tiép" read for "tiếp" folds to
 * "tiep"; "nhiern" for "nhiem"). */
static bool
word_is(const struct token *t, const char *word)
{
	size_t n = strlen(word), tl = strlen(t->fold);
	size_t slips = n >= 7 ? 2 : n >= 3 ? 1 : 0;

	if (strcmp(t->fold, word) == 0)
		return true;
	return slips > 0 && tl + slips >= n && tl <= n + slips &&
	    fuzzy_distance(t->fold, tl, word, n, slips) <= slips;
}

/* A word damaged beyond word_is, which a long pattern may pass over
 * once: still close to the word it stands for. */
static bool
word_near(const struct token *t, const char *word)
{
	size_t n = strlen(word), tl = strlen(t->fold), max = n / 2;

	if (max < 2)
		max = 2;
	return fuzzy_distance(t->fold, tl, word, n, max) <= max;
}

/* Does item `it` of the pattern match from token `at` onwards? */
static bool
match_from(struct matcher *m, size_t it, size_t at)
{
	const struct cat_item *item;
	const struct tokens *ts = m->ts;

	if (++m->steps > STEPS_MAX)
		return false;
	if (it == m->pt->nitems)
		return true;
	item = &m->pt->items[it];
	switch (item->kind) {
	case CAT_ITEM_SKIP: {
		unsigned k;

		for (k = 0; k <= item->max_skip && at + k <= ts->n; k++)
			if (match_from(m, it + 1, at + k))
				return true;
		return false;
	}
	case CAT_ITEM_WORD:
		if (at >= ts->n || ts->v[at].kind != TOK_WORD)
			return false;
		if (word_is(&ts->v[at], item->text))
			return match_from(m, it + 1, at + 1);
		if (m->budget > 0 && word_near(&ts->v[at], item->text)) {
			m->budget--;
			if (match_from(m, it + 1, at + 1))
				return true;
			m->budget++;
		}
		return false;
	case CAT_ITEM_LITERAL:
		return at < ts->n && ts->v[at].kind != TOK_WORD &&
		    tok_is(&ts->v[at], item->text) &&
		    match_from(m, it + 1, at + 1);
	case CAT_ITEM_NUMBER:
	case CAT_ITEM_WORD_VALUE: {
		size_t k = m->ncapt;

		if (at >= ts->n || k >= CAPT_MAX)
			return false;
		if (item->kind == CAT_ITEM_NUMBER) {
			if (!number_ok(m, &ts->v[at], k))
				return false;
			m->capt[k].word = false;
			/* "41%" and "41 %": the sign is part of what was
			 * printed. */
			m->capt[k].ntoks =
			    at + 1 < ts->n && tok_is(&ts->v[at + 1], "%") ? 2
									  : 1;
		} else {
			if (ts->v[at].kind != TOK_WORD ||
			    !tok_is(&ts->v[at], item->text))
				return false;
			m->capt[k].word = true;
			m->capt[k].word_value = item->value;
			m->capt[k].ntoks = 1;
		}
		m->capt[k].tok = at;
		m->ncapt = k + 1;
		if (match_from(m, it + 1, at + 1))
			return true;
		m->ncapt = k;
		return false;
	}
	}
	return false;
}

/* Emits the captures of a matched pattern. */
static enum err
emit(const struct matcher *m, const char *text, size_t len, unsigned page,
    const char **seen, size_t *nseen, struct result *r, struct arena *a)
{
	size_t k, j;

	for (k = 0; k < m->ncapt && k < m->pt->nids; k++) {
		const struct cat_indicator *ind = m->pt->ids[k];
		const struct capture *c = &m->capt[k];
		const struct token *t = &m->ts->v[c->tok];
		struct result_indicator *ri;
		const char *p;
		size_t n;

		if (ind == NULL)
			continue;
		/* One value per id and paragraph: earlier patterns win. */
		for (j = 0; j < *nseen; j++)
			if (seen[j] == ind->id)
				break;
		if (j < *nseen)
			continue;
		if (*nseen < CAPT_MAX * 4)
			seen[(*nseen)++] = ind->id;
		ri = arena_alloc(a, sizeof *ri);
		if (ri == NULL)
			return ERR_NOMEM;
		/* The catalogue's meaning names the quantity; a formula after
		 * " = " is for readers of the catalogue, not of the record. */
		ri->id = arena_strdup(a, ind->id);
		{
			const char *eq = strstr(ind->meaning, " = ");

			ri->label = eq != NULL
			    ? arena_strndup(
				  a, ind->meaning, (size_t)(eq - ind->meaning))
			    : arena_strdup(a, ind->meaning);
		}
		ri->unit =
		    ind->unit[0] != '\0' ? arena_strdup(a, ind->unit) : NULL;
		if (ri->id == NULL || ri->label == NULL)
			return ERR_NOMEM;
		ri->source.origin = "narrative";
		ri->source.page = page;
		ri->source.table = -1;
		ri->source.row = -1;
		ri->source.text = arena_strndup(a, text, len);
		if (ri->source.text == NULL)
			return ERR_NOMEM;
		if (c->word) {
			ri->raw = arena_strndup(a, t->p, t->len);
			ri->has_value = true;
			ri->value = c->word_value;
			ri->confidence = 0.8;
		} else {
			double v, alt, conf;
			bool amb;

			n = tok_span(m->ts, c->tok, c->tok + c->ntoks - 1, &p);
			ri->raw = arena_strndup(a, p, n);
			ri->has_value = value_number(
			    t->p, t->len, unit_of(ind), &v, &alt, &amb, &conf);
			ri->value = v;
			ri->confidence = 0.9 * conf;
		}
		if (ri->raw == NULL)
			return ERR_NOMEM;
		if (ptrvec_push(&r->indicators, a, ri) != 0)
			return ERR_NOMEM;
	}
	return ERR_OK;
}

enum err
narrative_paragraph(const struct catalogue *cat, const char *text, size_t len,
    unsigned page, struct result *r, struct arena *a)
{
	struct tokens ts;
	struct matcher m;
	const char *seen[CAPT_MAX * 4];
	size_t nseen = 0, i, start;
	enum err e;
	char key[1024];

	/* "phấn đấu ... đạt trên 99%" sets a target. */
	fold_buf(key, sizeof key, text, len);
	if (fold_contains(key, "phan dau") ||
	    fold_contains(key, "chi tieu dat"))
		return ERR_OK;
	e = tokens_split(a, text, len, PARA_TOKENS_MAX, &ts);
	if (e != ERR_OK)
		return e;
	/* Patterns see words, numbers, '/' and '%' only. */
	for (i = 0, start = 0; i < ts.n; i++) {
		if (ts.v[i].kind == TOK_SIGN && !tok_is(&ts.v[i], "/") &&
		    !tok_is(&ts.v[i], "%"))
			continue;
		ts.v[start++] = ts.v[i];
	}
	ts.n = start;
	for (i = 0; i < catalogue_npatterns(cat); i++) {
		const struct cat_pattern *pt = catalogue_pattern(cat, i);

		for (start = 0; start < ts.n; start++) {
			/* Patterns start with a word or sign: cheap test
			 * first. */
			const struct cat_item *first = &pt->items[0];

			if (first->kind == CAT_ITEM_WORD &&
			    !tok_is(&ts.v[start], first->text))
				continue;
			memset(&m, 0, sizeof m);
			m.ts = &ts;
			m.pt = pt;
			m.budget = words_of(pt) / 8;
			if (!match_from(&m, 0, start))
				continue;
			e = emit(&m, text, len, page, seen, &nseen, r, a);
			if (e != ERR_OK)
				return e;
			break;
		}
	}
	return ERR_OK;
}

enum err
narrative_map(const struct doc *d, const struct catalogue *cat, size_t from,
    size_t to, const char *const *area_of, struct result *r, struct arena *a)
{
	size_t i;

	if (to > d->blocks.n)
		to = d->blocks.n;
	for (i = from; i < to; i++) {
		const struct doc_block *b = d->blocks.v[i];
		const char *area = area_of != NULL ? area_of[i] : NULL;
		enum err e;

		if (b->kind == DOC_TABLE || b->part != DOC_PART_BODY ||
		    b->len == 0)
			continue;
		if (area != NULL &&
		    (strcmp(area, "phuong_huong") == 0 ||
			strcmp(area, "kien_nghi") == 0))
			continue;
		e = narrative_paragraph(cat, b->text, b->len, b->page, r, a);
		if (e != ERR_OK)
			return e;
	}
	return ERR_OK;
}
