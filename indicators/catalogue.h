/* SPDX-License-Identifier: MIT */
/*
 * The indicator catalogue: the canonical ids aggregation systems
 * receive (data/catalogue/indicators.tsv), how appendix templates print
 * them (labels.tsv), which headings open which reform area
 * (sections.tsv) and which body sentences state them (narrative.tsv).
 * It is data, embedded in the binary so a worker needs no files, and can
 * be loaded from a folder holding the same four files for users who
 * extend it.
 *
 * The relations between ids are not a catalogue file: they are the
 * ratio, le, sum and range rules of the consistency rules
 * (data/rules/checks.tsv, indicators/rules.h), read from the rules the
 * catalogue is loaded with, so the checks and the catalogue cannot
 * disagree about them.
 *
 * Loading validates everything (unknown ids, bad kinds, malformed
 * patterns, rules naming ids the catalogue lacks) and reports the first
 * problem as "labels.tsv:42: unknown id 'plan.task_total'".  A loaded
 * catalogue is immutable and may be shared by threads.
 *
 * For the consistency checks: look an id up with catalogue_get(), walk
 * catalogue_relation() for all relations or cat_indicator.relations for
 * those that mention one id.
 */
#ifndef INDICATORS_CATALOGUE_H
#define INDICATORS_CATALOGUE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"

enum cat_kind {
	CAT_COUNT, /* a whole number of things */
	CAT_PCT,   /* a percentage; the value is in percent */
	CAT_MIL,   /* money in triệu đồng */
	CAT_VND,   /* money in đồng */
	CAT_CODE,  /* a coded answer, see `codes` */
};

struct cat_relation;

/* One answer of a coded indicator: "Phát phiếu" = 1. */
struct cat_code {
	const char *label;
	int code;
};

struct cat_indicator {
	const char *id; /* "files.received" */
	enum cat_kind kind;
	const char *unit;    /* as most templates print it; "" for codes */
	bool core;           /* expected in every appendix */
	const char *meaning; /* Vietnamese description */
	const char *name;    /* the description without a formula after
			      * " = ", for labels and messages */
	const struct cat_code *codes;
	size_t ncodes;
	/* Every relation that mentions this id, in file order. */
	const struct cat_relation *const *relations;
	size_t nrelations;
	unsigned line; /* in indicators.tsv */
};

enum cat_rel_kind {
	CAT_REL_RATIO, /* target = 100 * sum(lhs) / sum(rhs) */
	CAT_REL_LE,    /* sum(lhs) <= sum(rhs) (a part and its whole) */
	CAT_REL_SUM,   /* sum(lhs) = sum(rhs) */
	CAT_REL_RANGE, /* lo <= target <= hi */
};

/* A term of a sum; an optional term counts only when the report has
 * it. */
struct cat_term {
	const struct cat_indicator *ind;
	bool optional;
};

struct cat_relation {
	enum cat_rel_kind kind;
	const struct cat_indicator *target; /* RATIO and RANGE, else NULL */
	/* RATIO: numerator terms (lhs) over denominator terms (rhs). */
	const struct cat_term *lhs, *rhs;
	size_t nlhs, nrhs;
	double lo, hi;    /* RANGE */
	const char *text; /* the expression as written, for messages */
	unsigned line;    /* in the rules file */
};

/* Issuing levels a label variant can be limited to. */
enum cat_level {
	CAT_LEVEL_ANY,
	CAT_LEVEL_XA,    /* commune, ward, town */
	CAT_LEVEL_HUYEN, /* district, town or city under a province */
	CAT_LEVEL_TINH,  /* province */
};

/* How one template prints one row. */
struct cat_label {
	const struct cat_indicator *ind; /* NULL: a row with no canonical id */
	const char *tmpl;                /* "A", "K24", ... */
	const char *label;               /* as printed */
	const char *fold;                /* its fold key */
	const char *unit;
	const char *const *codes; /* without the final dot */
	size_t ncodes;
	/* Context; a variant whose context holds beats one without. */
	const struct cat_indicator *parent; /* parent row's id, or NULL */
	const char *under;                  /* folded words above, or NULL */
	enum cat_level level;
	unsigned line;
};

/* A heading start and the area it opens. */
struct cat_section {
	const char *area;   /* "tthc", ..., "danh_gia" */
	const char *phrase; /* folded */
	unsigned line;
};

enum cat_item_kind {
	CAT_ITEM_WORD,       /* a folded word */
	CAT_ITEM_LITERAL,    /* a number or sign as printed: "4", "/", "%" */
	CAT_ITEM_NUMBER,     /* '#': a captured value */
	CAT_ITEM_WORD_VALUE, /* "khong=0": a word standing for a value */
	CAT_ITEM_SKIP,       /* '*' or '**': up to `max_skip` tokens */
};

struct cat_item {
	enum cat_item_kind kind;
	const char *text;
	int value;         /* CAT_ITEM_WORD_VALUE */
	unsigned max_skip; /* CAT_ITEM_SKIP */
};

/* A body sentence pattern; captures map to `ids` in order. */
struct cat_pattern {
	const struct cat_indicator *const *ids; /* NULL entries: dropped */
	size_t nids;
	const struct cat_item *items;
	size_t nitems;
	unsigned line;
};

struct catalogue;

/* The text of one catalogue file, named for messages. */
struct cat_file {
	const char *name;
	const char *data;
	size_t len;
};

/* The four files, in this order: indicators, labels, sections,
 * narrative. */
#define CAT_NFILES 4
extern const char *const catalogue_file_names[CAT_NFILES];

struct rules;

/*
 * Parses and validates the four files, with the relations of `rules`
 * (NULL: the built-in rules); every id the rules name must be in
 * indicators.tsv.  On ERR_OK *out is a new catalogue (free with
 * catalogue_free) that does not point into `rules`.  ERR_MALFORMED with
 * a "file:line: reason" message in `diag` for the first bad line,
 * ERR_NOMEM when memory runs out.
 */
enum err catalogue_parse(const struct cat_file files[CAT_NFILES],
    const struct rules *rules, struct catalogue **out, struct diag *);

/* The texts of the four embedded files, in catalogue_file_names order. */
void catalogue_embedded_files(struct cat_file out[CAT_NFILES]);

/* The catalogue embedded in the binary, with `rules` (NULL: built-in). */
enum err catalogue_load_embedded(
    const struct rules *rules, struct catalogue **out, struct diag *);

/*
 * The four files from folder `dir` (ERR_IO naming a missing file), with
 * `rules` (NULL: built-in).  A folder that still holds a relations.tsv
 * is refused: the relations are the rules file's, and an edit there
 * would be ignored.
 */
enum err catalogue_load_dir(const char *dir, const struct rules *rules,
    struct catalogue **out, struct diag *);

void catalogue_free(struct catalogue *);

/*
 * The embedded catalogue, loaded on first use and kept for the life of
 * the process (thread-safe).  NULL, with the reason in `diag`, only if
 * the embedded data is broken, which the unit tests rule out.
 */
const struct catalogue *catalogue_default(struct diag *);

/* Lookups.  catalogue_get returns NULL for an unknown id. */
const struct cat_indicator *catalogue_get(
    const struct catalogue *, const char *id);
size_t catalogue_nindicators(const struct catalogue *);
const struct cat_indicator *catalogue_indicator(
    const struct catalogue *, size_t i);
size_t catalogue_nrelations(const struct catalogue *);
const struct cat_relation *catalogue_relation(
    const struct catalogue *, size_t i);
size_t catalogue_nlabels(const struct catalogue *);
const struct cat_label *catalogue_label(const struct catalogue *, size_t i);
size_t catalogue_nsections(const struct catalogue *);
const struct cat_section *catalogue_section(const struct catalogue *, size_t i);
size_t catalogue_npatterns(const struct catalogue *);
const struct cat_pattern *catalogue_pattern(const struct catalogue *, size_t i);

/* "count", "pct", "mil", "vnd", "code". */
const char *cat_kind_name(enum cat_kind);
/* "ratio", "le", "sum", "range". */
const char *cat_rel_kind_name(enum cat_rel_kind);

/* True for the area keys sections may carry. */
bool catalogue_is_area(const char *area);

#endif
