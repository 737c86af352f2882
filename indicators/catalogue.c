/* SPDX-License-Identifier: MIT */
/*
 * Catalogue loading and validation.  Format notes: UTF-8 text, one
 * record per line, fields separated by one tab; '#' starts a comment
 * line; blank lines are skipped; trailing empty fields may be left off.
 * Each file's columns are described in its own header comment.
 */
#include "indicators/catalogue.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/text.h"
#include "indicators/fold.h"
#include "indicators/rules.h"

/* The whole catalogue is small (a few hundred lines); the cap guards a
 * user's file gone wrong, not a hostile one. */
#define CAT_ARENA_MAX  (16u << 20)
#define CAT_FIELDS_MAX 8
#define CAT_LINE_MAX   4096
#define CAT_ITEMS_MAX  64

const char *const catalogue_file_names[CAT_NFILES] = { "indicators.tsv",
	"labels.tsv", "sections.tsv", "narrative.tsv" };

/* Embedded copies (cmake/Embed.cmake). */
extern const unsigned char cat_indicators_tsv[], cat_labels_tsv[],
    cat_sections_tsv[], cat_narrative_tsv[];
extern const size_t cat_indicators_tsv_len, cat_labels_tsv_len,
    cat_sections_tsv_len, cat_narrative_tsv_len;

struct catalogue {
	struct arena *arena;
	GHashTable *by_id; /* id -> struct cat_indicator * */
	struct ptrvec indicators, relations, labels, sections, patterns;
};

static const char *const areas[] = { "chi_dao_dieu_hanh", "the_che", "tthc",
	"bo_may", "cong_vu", "tai_chinh_cong", "chinh_quyen_so", "danh_gia",
	"phuong_huong", "kien_nghi", "other" };

bool
catalogue_is_area(const char *area)
{
	size_t i;

	for (i = 0; i < sizeof areas / sizeof areas[0]; i++)
		if (strcmp(area, areas[i]) == 0)
			return true;
	return false;
}

const char *
cat_kind_name(enum cat_kind k)
{
	switch (k) {
	case CAT_COUNT:
		return "count";
	case CAT_PCT:
		return "pct";
	case CAT_MIL:
		return "mil";
	case CAT_VND:
		return "vnd";
	case CAT_CODE:
		return "code";
	}
	return "?";
}

const char *
cat_rel_kind_name(enum cat_rel_kind k)
{
	switch (k) {
	case CAT_REL_RATIO:
		return "ratio";
	case CAT_REL_LE:
		return "le";
	case CAT_REL_SUM:
		return "sum";
	case CAT_REL_RANGE:
		return "range";
	}
	return "?";
}

/* One line cut into fields (pointers into a private copy). */
struct line {
	const char *file;
	unsigned no;
	char buf[CAT_LINE_MAX];
	char *f[CAT_FIELDS_MAX];
	size_t nf;
};

static char *
trim(char *s)
{
	char *e;

	while (*s == ' ')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

/*
 * Walks the lines of `f`: calls `fn` for each record line.  Stops at the
 * first error.
 */
typedef enum err (*line_fn)(struct catalogue *, struct line *, struct diag *);

static enum err
each_line(
    struct catalogue *c, const struct cat_file *f, line_fn fn, struct diag *dg)
{
	const char *p = f->data, *end = f->data + f->len;
	struct line *ln = malloc(sizeof *ln);
	unsigned no = 0;
	enum err e = ERR_OK;

	if (ln == NULL)
		return diag_set(dg, ERR_NOMEM, "out of memory");
	if (!text_is_utf8(f->data, f->len)) {
		free(ln);
		return diag_set(
		    dg, ERR_MALFORMED, "%s: not UTF-8 text", f->name);
	}
	while (p < end && e == ERR_OK) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);
		char *s, *tab;

		no++;
		if (n >= CAT_LINE_MAX) {
			e = diag_set(dg, ERR_MALFORMED,
			    "%s:%u: line longer than %d bytes", f->name, no,
			    CAT_LINE_MAX);
			break;
		}
		memcpy(ln->buf, p, n);
		ln->buf[n] = '\0';
		p = nl != NULL ? nl + 1 : end;
		s = ln->buf;
		if (n > 0 && s[n - 1] == '\r')
			s[n - 1] = '\0';
		if (s[0] == '#' || trim(s)[0] == '\0')
			continue;
		ln->file = f->name;
		ln->no = no;
		ln->nf = 0;
		while (ln->nf < CAT_FIELDS_MAX) {
			tab = strchr(s, '\t');
			if (tab != NULL)
				*tab = '\0';
			ln->f[ln->nf++] = trim(s);
			if (tab == NULL)
				break;
			s = tab + 1;
		}
		if (tab != NULL && ln->nf == CAT_FIELDS_MAX) {
			e = diag_set(dg, ERR_MALFORMED,
			    "%s:%u: more than %d fields", f->name, no,
			    CAT_FIELDS_MAX);
			break;
		}
		/* Missing trailing fields read as empty. */
		while (ln->nf < CAT_FIELDS_MAX)
			ln->f[ln->nf++] = ln->buf + n; /* the final NUL */
		e = fn(c, ln, dg);
	}
	free(ln);
	return e;
}

static char *
cat_dup(struct catalogue *c, const char *s)
{
	return arena_strdup(c->arena, s);
}

static enum err
nomem(struct diag *dg)
{
	return diag_set(dg, ERR_NOMEM, "catalogue: out of memory");
}

static enum err
bad(struct diag *dg, const struct line *ln, const char *what, const char *v)
{
	return diag_set(
	    dg, ERR_MALFORMED, "%s:%u: %s '%s'", ln->file, ln->no, what, v);
}

static enum err
unknown_rule_id(const struct rules *rs, const struct rules_rule *r,
    const char *id, struct diag *dg)
{
	return diag_set(
	    dg, ERR_MALFORMED, "%s:%u: unknown id '%s'", rs->name, r->line, id);
}

/* An id: lower-case words joined by '.' and '_', digits allowed. */
static bool
id_ok(const char *s)
{
	size_t n = 0;

	if (!(s[0] >= 'a' && s[0] <= 'z'))
		return false;
	for (; *s != '\0'; s++, n++) {
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
			*s == '.' || *s == '_'))
			return false;
	}
	return n <= 64;
}

/* "Có=1;Không=0" */
static enum err
parse_codes(struct catalogue *c, struct line *ln, const char *spec,
    struct cat_indicator *ind, struct diag *dg)
{
	gchar **parts = g_strsplit(spec, ";", 16);
	struct cat_code *codes;
	size_t n = g_strv_length(parts), i;
	enum err e = ERR_OK;

	codes = arena_calloc(c->arena, n > 0 ? n : 1, sizeof *codes);
	if (codes == NULL) {
		g_strfreev(parts);
		return nomem(dg);
	}
	for (i = 0; i < n; i++) {
		char *eq = strchr(parts[i], '='), *endp;
		long v;

		if (eq == NULL) {
			e = bad(dg, ln, "code without '=':", parts[i]);
			break;
		}
		*eq = '\0';
		v = strtol(trim(eq + 1), &endp, 10);
		if (*trim(eq + 1) == '\0' || *endp != '\0' || v < 0 || v > 99) {
			e = bad(dg, ln, "bad code number in", spec);
			break;
		}
		codes[i].label = cat_dup(c, trim(parts[i]));
		codes[i].code = (int)v;
		if (codes[i].label == NULL) {
			e = nomem(dg);
			break;
		}
	}
	g_strfreev(parts);
	ind->codes = codes;
	ind->ncodes = n;
	return e;
}

static enum err
on_indicator(struct catalogue *c, struct line *ln, struct diag *dg)
{
	static const char *const kinds[] = { "count", "pct", "mil", "vnd",
		"code" };
	struct cat_indicator *ind;
	const char *eq;
	char *key;
	size_t k;

	if (!id_ok(ln->f[0]))
		return bad(dg, ln, "bad id", ln->f[0]);
	if (g_hash_table_contains(c->by_id, ln->f[0]))
		return bad(dg, ln, "duplicate id", ln->f[0]);
	for (k = 0; k < 5; k++)
		if (strcmp(ln->f[1], kinds[k]) == 0)
			break;
	if (k == 5)
		return bad(dg, ln, "unknown kind (count, pct, mil, vnd, code)",
		    ln->f[1]);
	if (strcmp(ln->f[3], "yes") != 0 && strcmp(ln->f[3], "no") != 0)
		return bad(dg, ln, "core must be yes or no, not", ln->f[3]);
	if ((k == CAT_CODE) != (ln->f[4][0] != '\0'))
		return bad(dg, ln,
		    "codes are given for kind code and only for it:", ln->f[0]);
	ind = arena_alloc(c->arena, sizeof *ind);
	if (ind == NULL)
		return nomem(dg);
	key = cat_dup(c, ln->f[0]);
	ind->id = key;
	ind->kind = (enum cat_kind)k;
	ind->unit = cat_dup(c, ln->f[2]);
	ind->core = strcmp(ln->f[3], "yes") == 0;
	ind->meaning = cat_dup(c, ln->f[5]);
	/* "Tỷ lệ ... = tasks_done / tasks_total": the formula is for
	 * readers of the catalogue, not of a record or a message. */
	eq = strstr(ln->f[5], " = ");
	ind->name = eq != NULL
	    ? arena_strndup(c->arena, ln->f[5], (size_t)(eq - ln->f[5]))
	    : ind->meaning;
	ind->line = ln->no;
	if (ind->id == NULL || ind->unit == NULL || ind->meaning == NULL ||
	    ind->name == NULL)
		return nomem(dg);
	if (k == CAT_CODE) {
		enum err e = parse_codes(c, ln, ln->f[4], ind, dg);

		if (e != ERR_OK)
			return e;
	}
	if (ptrvec_push(&c->indicators, c->arena, ind) != 0)
		return nomem(dg);
	g_hash_table_insert(c->by_id, key, ind);
	return ERR_OK;
}

static enum err
on_label(struct catalogue *c, struct line *ln, struct diag *dg)
{
	struct cat_label *l = arena_alloc(c->arena, sizeof *l);
	gchar **parts;
	const char **codes;
	size_t i, n;
	char key[512];

	if (l == NULL)
		return nomem(dg);
	if (strcmp(ln->f[0], "-") != 0) {
		l->ind = g_hash_table_lookup(c->by_id, ln->f[0]);
		if (l->ind == NULL)
			return bad(dg, ln, "unknown id", ln->f[0]);
	}
	if (ln->f[3][0] == '\0')
		return bad(dg, ln, "empty label for", ln->f[0]);
	fold_buf(key, sizeof key, ln->f[3], strlen(ln->f[3]));
	if (key[0] == '\0')
		return bad(dg, ln, "label without letters:", ln->f[3]);
	l->tmpl = cat_dup(c, ln->f[1]);
	l->label = cat_dup(c, ln->f[3]);
	l->fold = cat_dup(c, key);
	l->unit = cat_dup(c, ln->f[4]);
	l->line = ln->no;
	if (l->tmpl == NULL || l->label == NULL || l->fold == NULL ||
	    l->unit == NULL)
		return nomem(dg);
	/* Codes. */
	parts = g_strsplit(ln->f[2], ",", 16);
	n = g_strv_length(parts);
	codes = arena_calloc(c->arena, n + 1, sizeof *codes);
	if (codes == NULL) {
		g_strfreev(parts);
		return nomem(dg);
	}
	for (i = 0, l->ncodes = 0; i < n; i++) {
		char *s = trim(parts[i]);
		size_t sl = strlen(s);

		while (sl > 0 && s[sl - 1] == '.')
			s[--sl] = '\0';
		if (sl == 0)
			continue;
		codes[l->ncodes] = cat_dup(c, s);
		if (codes[l->ncodes] == NULL) {
			g_strfreev(parts);
			return nomem(dg);
		}
		l->ncodes++;
	}
	g_strfreev(parts);
	l->codes = codes;
	/* Context. */
	parts = g_strsplit(ln->f[5], ";", 8);
	for (i = 0; parts[i] != NULL; i++) {
		char *s = trim(parts[i]);
		enum err e = ERR_OK;

		if (s[0] == '\0')
			continue;
		if (strncmp(s, "parent=", 7) == 0) {
			l->parent = g_hash_table_lookup(c->by_id, s + 7);
			if (l->parent == NULL)
				e = bad(dg, ln, "unknown parent id", s + 7);
		} else if (strncmp(s, "under=", 6) == 0) {
			fold_buf(key, sizeof key, s + 6, strlen(s + 6));
			l->under = cat_dup(c, key);
			if (key[0] == '\0')
				e = bad(dg, ln, "empty under=", s);
			else if (l->under == NULL)
				e = nomem(dg);
		} else if (strcmp(s, "level=xa") == 0) {
			l->level = CAT_LEVEL_XA;
		} else if (strcmp(s, "level=huyen") == 0) {
			l->level = CAT_LEVEL_HUYEN;
		} else if (strcmp(s, "level=tinh") == 0) {
			l->level = CAT_LEVEL_TINH;
		} else {
			e = bad(dg, ln,
			    "unknown context (parent=, under=, level=)", s);
		}
		if (e != ERR_OK) {
			g_strfreev(parts);
			return e;
		}
	}
	g_strfreev(parts);
	if (ptrvec_push(&c->labels, c->arena, l) != 0)
		return nomem(dg);
	return ERR_OK;
}

static enum err
on_section(struct catalogue *c, struct line *ln, struct diag *dg)
{
	struct cat_section *s = arena_alloc(c->arena, sizeof *s);
	char key[256];

	if (s == NULL)
		return nomem(dg);
	if (!catalogue_is_area(ln->f[0]))
		return bad(dg, ln, "unknown area", ln->f[0]);
	fold_buf(key, sizeof key, ln->f[1], strlen(ln->f[1]));
	if (key[0] == '\0')
		return bad(dg, ln, "empty phrase for", ln->f[0]);
	s->area = cat_dup(c, ln->f[0]);
	s->phrase = cat_dup(c, key);
	s->line = ln->no;
	if (s->area == NULL || s->phrase == NULL)
		return nomem(dg);
	if (ptrvec_push(&c->sections, c->arena, s) != 0)
		return nomem(dg);
	return ERR_OK;
}

static bool
all_digits(const char *s)
{
	if (*s == '\0')
		return false;
	for (; *s != '\0'; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

static enum err
on_pattern(struct catalogue *c, struct line *ln, struct diag *dg)
{
	struct cat_pattern *pt = arena_alloc(c->arena, sizeof *pt);
	const struct cat_indicator **ids;
	struct cat_item *items;
	gchar **parts;
	size_t i, ncapt = 0;

	if (pt == NULL)
		return nomem(dg);
	pt->line = ln->no;
	parts = g_strsplit(ln->f[0], ",", CAT_ITEMS_MAX);
	pt->nids = g_strv_length(parts);
	ids = arena_calloc(c->arena, pt->nids + 1, sizeof *ids);
	if (ids == NULL) {
		g_strfreev(parts);
		return nomem(dg);
	}
	for (i = 0; i < pt->nids; i++) {
		char *s = trim(parts[i]);

		if (strcmp(s, "_") == 0)
			continue;
		ids[i] = g_hash_table_lookup(c->by_id, s);
		if (ids[i] == NULL) {
			enum err e = bad(dg, ln, "unknown id", s);

			g_strfreev(parts);
			return e;
		}
	}
	g_strfreev(parts);
	pt->ids = ids;

	parts = g_strsplit(ln->f[1], " ", CAT_ITEMS_MAX + 1);
	items = arena_calloc(c->arena, CAT_ITEMS_MAX, sizeof *items);
	if (items == NULL) {
		g_strfreev(parts);
		return nomem(dg);
	}
	for (i = 0, pt->nitems = 0; parts[i] != NULL; i++) {
		char *s = parts[i], *eq;
		struct cat_item *it;

		if (s[0] == '\0')
			continue;
		if (pt->nitems == CAT_ITEMS_MAX) {
			g_strfreev(parts);
			return bad(dg, ln, "more than 64 items in pattern for",
			    ln->f[0]);
		}
		it = &items[pt->nitems++];
		if (strcmp(s, "#") == 0) {
			it->kind = CAT_ITEM_NUMBER;
			ncapt++;
		} else if (strcmp(s, "*") == 0 || strcmp(s, "**") == 0) {
			it->kind = CAT_ITEM_SKIP;
			it->max_skip = s[1] == '*' ? 30 : 8;
		} else if (strcmp(s, "/") == 0 || strcmp(s, "%") == 0 ||
		    all_digits(s)) {
			it->kind = CAT_ITEM_LITERAL;
			it->text = cat_dup(c, s);
		} else if ((eq = strchr(s, '=')) != NULL) {
			*eq = '\0';
			if (!all_digits(eq + 1) || strlen(eq + 1) > 6 ||
			    s[0] == '\0') {
				enum err e = bad(
				    dg, ln, "word value must read word=N:", s);

				g_strfreev(parts);
				return e;
			}
			it->kind = CAT_ITEM_WORD_VALUE;
			it->text = cat_dup(c, s);
			it->value = (int)strtol(eq + 1, NULL, 10);
			ncapt++;
		} else {
			char key[64];

			fold_buf(key, sizeof key, s, strlen(s));
			if (strcmp(key, s) != 0) {
				enum err e = bad(dg, ln,
				    "pattern words must be folded (lower case, no marks):",
				    s);

				g_strfreev(parts);
				return e;
			}
			it->kind = CAT_ITEM_WORD;
			it->text = cat_dup(c, s);
		}
		if ((it->kind == CAT_ITEM_LITERAL ||
			it->kind == CAT_ITEM_WORD ||
			it->kind == CAT_ITEM_WORD_VALUE) &&
		    it->text == NULL) {
			g_strfreev(parts);
			return nomem(dg);
		}
	}
	g_strfreev(parts);
	if (pt->nitems == 0)
		return bad(dg, ln, "empty pattern for", ln->f[0]);
	if (items[0].kind == CAT_ITEM_SKIP ||
	    items[pt->nitems - 1].kind == CAT_ITEM_SKIP)
		return bad(
		    dg, ln, "a pattern may not start or end with *:", ln->f[1]);
	if (ncapt != pt->nids) {
		char msg[64];

		(void)snprintf(msg, sizeof msg, "%zu ids but %zu captures for",
		    pt->nids, ncapt);
		return bad(dg, ln, msg, ln->f[0]);
	}
	pt->items = items;
	if (ptrvec_push(&c->patterns, c->arena, pt) != 0)
		return nomem(dg);
	return ERR_OK;
}

/* Every id rule `r` names is a catalogue id, else the error at the
 * rule's line. */
static enum err
rule_ids_known(const struct catalogue *c, const struct rules *rs,
    const struct rules_rule *r, struct diag *dg)
{
	const struct rules_term *side[2] = { r->lhs, r->rhs };
	size_t nside[2] = { r->nlhs, r->nrhs }, s, i;

	if (r->target != NULL && !g_hash_table_contains(c->by_id, r->target))
		return unknown_rule_id(rs, r, r->target, dg);
	for (s = 0; s < 2; s++)
		for (i = 0; i < nside[s]; i++)
			if (!g_hash_table_contains(c->by_id, side[s][i].id))
				return unknown_rule_id(
				    rs, r, side[s][i].id, dg);
	return ERR_OK;
}

/* The terms of a rule, their ids known, as catalogue terms.  -1 when
 * the arena is full. */
static int
cat_terms(struct catalogue *c, const struct rules_term *t, size_t n,
    const struct cat_term **out)
{
	struct cat_term *terms;
	size_t i;

	*out = NULL;
	if (n == 0)
		return 0;
	terms = arena_calloc(c->arena, n, sizeof *terms);
	if (terms == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		terms[i].ind = g_hash_table_lookup(c->by_id, t[i].id);
		terms[i].optional = t[i].optional;
	}
	*out = terms;
	return 0;
}

/*
 * The relations are the ratio, le, sum and range rules of the rules
 * file, so the checks and the catalogue read one text.  Every id a rule
 * names, of any kind, must be a catalogue id.
 */
static enum err
add_relations(struct catalogue *c, const struct rules *rs, struct diag *dg)
{
	size_t k;
	enum err e;

	for (k = 0; k < rs->n; k++) {
		const struct rules_rule *r = &rs->v[k];
		struct cat_relation *rel;
		enum cat_rel_kind kind;

		if ((e = rule_ids_known(c, rs, r, dg)) != ERR_OK)
			return e;
		switch (r->kind) {
		case RULES_RATIO:
			kind = CAT_REL_RATIO;
			break;
		case RULES_LE:
			kind = CAT_REL_LE;
			break;
		case RULES_SUM:
			kind = CAT_REL_SUM;
			break;
		case RULES_RANGE:
			kind = CAT_REL_RANGE;
			break;
		case RULES_WHOLE:
		case RULES_REQUIRED:
		case RULES_IMPLIES:
		default:
			continue; /* checks of values, not relations */
		}
		rel = arena_alloc(c->arena, sizeof *rel);
		if (rel == NULL)
			return nomem(dg);
		rel->kind = kind;
		rel->target = r->target != NULL
		    ? g_hash_table_lookup(c->by_id, r->target)
		    : NULL;
		rel->lo = r->lo;
		rel->hi = r->hi;
		rel->line = r->line;
		rel->text = cat_dup(c, r->text);
		rel->nlhs = r->nlhs;
		rel->nrhs = r->nrhs;
		if (rel->text == NULL ||
		    cat_terms(c, r->lhs, r->nlhs, &rel->lhs) != 0 ||
		    cat_terms(c, r->rhs, r->nrhs, &rel->rhs) != 0 ||
		    ptrvec_push(&c->relations, c->arena, rel) != 0)
			return nomem(dg);
	}
	return ERR_OK;
}

/* Lists, for each indicator, the relations that mention it. */
static enum err
index_relations(struct catalogue *c, struct diag *dg)
{
	size_t i, j, k;

	for (i = 0; i < c->indicators.n; i++) {
		struct cat_indicator *ind = c->indicators.v[i];
		const struct cat_relation **rv;
		size_t n = 0;

		rv = arena_calloc(c->arena, c->relations.n + 1, sizeof *rv);
		if (rv == NULL)
			return nomem(dg);
		for (j = 0; j < c->relations.n; j++) {
			const struct cat_relation *r = c->relations.v[j];
			bool hit = r->target == ind;

			for (k = 0; k < r->nlhs; k++)
				hit = hit || r->lhs[k].ind == ind;
			for (k = 0; k < r->nrhs; k++)
				hit = hit || r->rhs[k].ind == ind;
			if (hit)
				rv[n++] = r;
		}
		ind->relations = (const struct cat_relation *const *)rv;
		ind->nrelations = n;
	}
	return ERR_OK;
}

enum err
catalogue_parse(const struct cat_file files[CAT_NFILES],
    const struct rules *rules, struct catalogue **out, struct diag *dg)
{
	static const line_fn fns[CAT_NFILES] = { on_indicator, on_label,
		on_section, on_pattern };
	struct catalogue *c;
	struct rules *builtin;
	enum err e = ERR_OK;
	size_t i;

	*out = NULL;
	c = calloc(1, sizeof *c);
	if (c == NULL)
		return nomem(dg);
	c->arena = arena_new(CAT_ARENA_MAX);
	c->by_id = g_hash_table_new(g_str_hash, g_str_equal);
	if (c->arena == NULL) {
		catalogue_free(c);
		return nomem(dg);
	}
	for (i = 0; i < CAT_NFILES && e == ERR_OK; i++)
		e = each_line(c, &files[i], fns[i], dg);
	if (e == ERR_OK && c->indicators.n == 0)
		e = diag_set(
		    dg, ERR_MALFORMED, "%s: no indicators", files[0].name);
	if (e == ERR_OK && rules == NULL) {
		/* The built-in rules live as long as the catalogue. */
		e = rules_builtin(c->arena, &builtin, dg);
		rules = builtin;
	}
	if (e == ERR_OK)
		e = add_relations(c, rules, dg);
	if (e == ERR_OK)
		e = index_relations(c, dg);
	if (e != ERR_OK) {
		catalogue_free(c);
		return e;
	}
	*out = c;
	return ERR_OK;
}

void
catalogue_embedded_files(struct cat_file out[CAT_NFILES])
{
	const struct cat_file f[CAT_NFILES] = {
		{ catalogue_file_names[0], (const char *)cat_indicators_tsv,
		    cat_indicators_tsv_len },
		{ catalogue_file_names[1], (const char *)cat_labels_tsv,
		    cat_labels_tsv_len },
		{ catalogue_file_names[2], (const char *)cat_sections_tsv,
		    cat_sections_tsv_len },
		{ catalogue_file_names[3], (const char *)cat_narrative_tsv,
		    cat_narrative_tsv_len },
	};

	memcpy(out, f, sizeof(f));
}

enum err
catalogue_load_embedded(
    const struct rules *rules, struct catalogue **out, struct diag *dg)
{
	struct cat_file f[CAT_NFILES];

	catalogue_embedded_files(f);
	return catalogue_parse(f, rules, out, dg);
}

enum err
catalogue_load_dir(const char *dir, const struct rules *rules,
    struct catalogue **out, struct diag *dg)
{
	struct cat_file f[CAT_NFILES];
	gchar *data[CAT_NFILES] = { NULL };
	gchar *paths[CAT_NFILES] = { NULL };
	gchar *stale;
	enum err e = ERR_OK;
	size_t i;

	*out = NULL;
	/* A relations file an office edits would be ignored without a
	 * word: the relations are the rules file's. */
	stale = g_build_filename(dir, "relations.tsv", NULL);
	if (g_file_test(stale, G_FILE_TEST_EXISTS))
		e = diag_set(dg, ERR_MALFORMED,
		    "%s: relations are read from the rules file now; move them to it (data/rules/checks.tsv shows the form) and remove this file",
		    stale);
	g_free(stale);
	for (i = 0; i < CAT_NFILES && e == ERR_OK; i++) {
		GError *ge = NULL;
		gsize len = 0;

		paths[i] = g_build_filename(dir, catalogue_file_names[i], NULL);
		if (!g_file_get_contents(paths[i], &data[i], &len, &ge)) {
			e = diag_set(dg, ERR_IO, "%s: %s", paths[i],
			    ge != NULL ? ge->message : "cannot read");
			if (ge != NULL)
				g_error_free(ge);
			break;
		}
		f[i].name = paths[i];
		f[i].data = data[i];
		f[i].len = len;
	}
	if (e == ERR_OK)
		e = catalogue_parse(f, rules, out, dg);
	for (i = 0; i < CAT_NFILES; i++) {
		g_free(data[i]);
		g_free(paths[i]);
	}
	return e;
}

void
catalogue_free(struct catalogue *c)
{
	if (c == NULL)
		return;
	if (c->by_id != NULL)
		g_hash_table_destroy(c->by_id);
	arena_free(c->arena);
	free(c);
}

const struct catalogue *
catalogue_default(struct diag *dg)
{
	static gsize once;
	static struct diag first;
	static struct catalogue *cat;

	if (g_once_init_enter(&once)) {
		diag_init(&first);
		(void)catalogue_load_embedded(NULL, &cat, &first);
		g_once_init_leave(&once, 1);
	}
	if (cat == NULL && dg != NULL)
		(void)diag_set(dg, first.code, "%s", first.msg);
	return cat;
}

const struct cat_indicator *
catalogue_get(const struct catalogue *c, const char *id)
{
	return g_hash_table_lookup(c->by_id, id);
}

size_t
catalogue_nindicators(const struct catalogue *c)
{
	return c->indicators.n;
}

const struct cat_indicator *
catalogue_indicator(const struct catalogue *c, size_t i)
{
	return i < c->indicators.n ? c->indicators.v[i] : NULL;
}

size_t
catalogue_nrelations(const struct catalogue *c)
{
	return c->relations.n;
}

const struct cat_relation *
catalogue_relation(const struct catalogue *c, size_t i)
{
	return i < c->relations.n ? c->relations.v[i] : NULL;
}

size_t
catalogue_nlabels(const struct catalogue *c)
{
	return c->labels.n;
}

const struct cat_label *
catalogue_label(const struct catalogue *c, size_t i)
{
	return i < c->labels.n ? c->labels.v[i] : NULL;
}

size_t
catalogue_nsections(const struct catalogue *c)
{
	return c->sections.n;
}

const struct cat_section *
catalogue_section(const struct catalogue *c, size_t i)
{
	return i < c->sections.n ? c->sections.v[i] : NULL;
}

size_t
catalogue_npatterns(const struct catalogue *c)
{
	return c->patterns.n;
}

const struct cat_pattern *
catalogue_pattern(const struct catalogue *c, size_t i)
{
	return i < c->patterns.n ? c->patterns.v[i] : NULL;
}
