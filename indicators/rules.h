/* SPDX-License-Identifier: MIT */
/*
 * The consistency rules as data: relations between canonical indicator
 * ids (ratios, parts and wholes, sums, ranges), the core ids every
 * appendix must carry, and the tolerances and severities of every check.
 * The built-in set is data/rules/checks.tsv, embedded in the binary; an
 * office may load its own file.  docs/CHECKS.md describes the format.
 */
#ifndef INDICATORS_RULES_H
#define INDICATORS_RULES_H

#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"
#include "core/err.h"

/* Caps on a rules file: the built-in one has under 100 lines. */
#define RULES_FILE_MAX  (256u * 1024) /* bytes */
#define RULES_LINES_MAX 4000u
#define RULES_TERMS_MAX 16u /* ids in one relation */
#define RULES_ID_MAX    64u /* bytes in one indicator id */

enum rules_severity {
	RULES_ERROR,
	RULES_WARNING,
	RULES_INFO,
};

enum rules_kind {
	RULES_RATIO,    /* T = 100 * (A + B? ...) / D */
	RULES_LE,       /* A + ... <= B + ... */
	RULES_SUM,      /* A + ... = B + ... */
	RULES_RANGE,    /* lo <= T <= hi */
	RULES_WHOLE,    /* each id is a non-negative whole number */
	RULES_REQUIRED, /* each id is a row of every appendix */
	RULES_IMPLIES,  /* A = k => B > 0 */
};

/* One indicator in a relation; an optional one ("B?") counts when the
 * report gives it and is left out when it does not. */
struct rules_term {
	const char *id;
	bool optional;
};

struct rules_rule {
	enum rules_kind kind;
	const char *name; /* the flag it raises: pct_mismatch, ... */
	enum rules_severity severity;
	unsigned line;    /* in the file it came from */
	const char *text; /* the relation as written, for messages */
	/*
	 * ratio: lhs = numerator terms, rhs = denominator terms, target = T;
	 * le, sum: lhs (<= or =) rhs; range: target; whole, required: lhs;
	 * implies: lhs[0] = value => rhs[0] > 0.
	 */
	const char *target;
	struct rules_term *lhs, *rhs;
	size_t nlhs, nrhs;
	double lo, hi, value;
};

/*
 * Tolerances and severities of the checks.  Every field has a `set` or
 * `severity` key in the rules file; rules_settings_default() gives the
 * values docs/CHECKS.md documents.
 */
struct rules_settings {
	/* A printed percentage agrees with its ratio when it is the ratio
	 * rounded (or cut) to the printed decimals, or within pct_slack
	 * percentage points of it. */
	double pct_slack;
	bool pct_truncation;
	/* Sums and parts of money (triệu đồng, đồng) may differ by this
	 * fraction of the whole: reports round each row. */
	double money_rel_slack;
	/* A "Kỳ báo cáo" window may start or end this many days off the
	 * standard window of its title period. */
	unsigned period_slack_days;
	/* OCR confidence (0..1) below which a value is doubtful. */
	double ocr_confidence_min;

	enum rules_severity body_vs_appendix;     /* counts, money */
	enum rules_severity body_vs_appendix_pct; /* rates: text rounds */
	enum rules_severity pct_zero_denominator;
	enum rules_severity text_ratio; /* "7.972/12.175 đạt 4.8%" */
	enum rules_severity rate_rows;  /* rate rows without an id */
	enum rules_severity date_after_report;
	enum rules_severity malformed_date;
	enum rules_severity period_mismatch;
	enum rules_severity report_before_period_end;
	enum rules_severity low_ocr_confidence;
	enum rules_severity duplicate_submission;
};

struct rules {
	const char *name; /* file name used in messages */
	struct rules_rule *v;
	size_t n;
	struct rules_settings set;
};

void rules_settings_default(struct rules_settings *);

/*
 * Parses a rules file held in memory (`len` bytes, not NUL-terminated,
 * untrusted).  `name` is used in messages: "checks.tsv:12: ...".  Every
 * line is validated; the first bad one is ERR_MALFORMED with file:line
 * and the reason in `diag`.  On ERR_OK *out lives in `arena`.
 */
enum err rules_parse(const char *text, size_t len, const char *name,
    struct arena *arena, struct rules **out, struct diag *diag);

/* The built-in rules (data/rules/checks.tsv as embedded). */
enum err rules_builtin(
    struct arena *arena, struct rules **out, struct diag *diag);

/*
 * Reads and parses the rules file at `path` (at most RULES_FILE_MAX
 * bytes).  For the daemon's start-up and `reportd` verbs; the worker
 * gets its rules already parsed.
 */
enum err rules_load_file(const char *path, struct arena *arena,
    struct rules **out, struct diag *diag);

const char *rules_severity_name(enum rules_severity);
const char *rules_kind_name(enum rules_kind);

/* True when `name` is a flag rule the checks know (DESIGN.md names and
 * the ones docs/CHECKS.md adds). */
bool rules_is_flag_name(const char *name);

/* The key of each setting, in order, for documentation tests. */
const char *rules_setting_key(size_t i);

#endif
