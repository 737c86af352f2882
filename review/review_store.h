/* SPDX-License-Identifier: MIT */
/*
 * What the review page and API read from the store (SQLite), and the
 * one thing they write: a clerk's review of a flag (confirmed or
 * dismissed, with a comment and the time).  Every result is copied into
 * the caller's arena, so it lives as long as the request.  One store
 * handle is used by one thread at a time.
 */
#ifndef REVIEW_REVIEW_STORE_H
#define REVIEW_REVIEW_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"

struct review_store;

/* One submitted file and what became of it. */
struct review_doc {
	const char *id;     /* the daemon's document id */
	const char *name;   /* file name as submitted */
	const char *unit;   /* submitting unit: the issuer as printed, else
			     * the inbox subfolder */
	const char *folder; /* inbox subfolder it came from, or NULL */
	const char *status; /* done | quarantined */
	const char *duplicate_of; /* id of the first copy, or NULL */
	const char *format, *sha256;
	int64_t bytes;
	const char *issuer, *doc_number, *date;
	const char *period; /* the period's label, or NULL */
	const char *period_from, *period_to;
	const char *received_at; /* ISO 8601 UTC */
	const char *error;       /* why it was quarantined, in words */
	unsigned nflags, nopen;
};

struct review_filter {
	const char *period, *unit, *status; /* exact matches, NULL = any;
					     * status done | quarantined */
	const char *q;                      /* substring of name, issuer or
					     * number */
	bool open_only;                     /* with open flags only */
	unsigned limit, offset;
};

struct review_period {
	const char *label;
	const char *from, *to;
	unsigned ndocs, nunits, nopen;
};

/* One indicator value of one document. */
struct review_value {
	const char *doc_id;
	const char *unit_name, *issuer, *period;
	const char *id; /* canonical id, or NULL */
	const char *code, *label, *unit, *raw;
	bool has_value;
	double value;
	const char *origin;
	int page, table, row; /* -1 when unknown */
	double confidence;
};

enum review_state {
	REVIEW_OPEN,
	REVIEW_CONFIRMED,
	REVIEW_DISMISSED,
};

/* One flag with its latest review. */
struct review_flag {
	const char *doc_id;
	unsigned idx; /* position in the record's flags */
	const char *unit_name, *issuer, *period;
	const char *rule, *severity, *message, *message_en;
	const char *indicators_json; /* JSON array of ids */
	const char *evidence_json;   /* JSON array as in the record */
	bool has_expected;
	double expected;
	enum review_state state;
	const char *comment, *reviewed_at; /* NULL when never reviewed */
};

/* One review action, for the history. */
struct review_mark {
	unsigned idx;
	enum review_state state;
	const char *comment, *at;
};

struct review_quarantined {
	const char *id;
	const char *name, *unit, *reason, *code, *at, *sha256;
};

/* A rendered page of a document, stored by the worker at extraction. */
struct review_image {
	const void *png;
	size_t len;
	double width_pt, height_pt; /* the page's size in PDF points */
};

/* Opens the store at `path` for reading and for writing reviews. */
enum err review_store_open(
    const char *path, struct review_store **, struct diag *);
void review_store_free(struct review_store *);

/*
 * For running requests whose writes are to be undone (the fuzz
 * harness): review_store_savepoint() opens a savepoint, and
 * review_store_rollback() undoes everything written since and closes
 * it.  Not for the server: a savepoint left open holds a transaction,
 * and the daemon could not commit meanwhile.
 */
enum err review_store_savepoint(struct review_store *, struct diag *);
enum err review_store_rollback(struct review_store *, struct diag *);
/* Rows this handle has inserted, changed or deleted since it was
 * opened (rolled-back ones included). */
uint64_t review_store_changes(struct review_store *);

/* Documents matching `f`, newest period first then by unit; *total is
 * the number matching before limit and offset. */
enum err review_store_docs(struct review_store *, const struct review_filter *,
    struct arena *, struct ptrvec *out, size_t *total, struct diag *);
/* One document and its result record (JSON text); *doc is NULL when no
 * document has this id. */
enum err review_store_doc(struct review_store *, const char *id, struct arena *,
    struct review_doc **doc, const char **record, struct diag *);
enum err review_store_periods(
    struct review_store *, struct arena *, struct ptrvec *out, struct diag *);
/* Every unit that ever submitted (issuer, else inbox subfolder),
 * sorted. */
enum err review_store_units(
    struct review_store *, struct arena *, struct ptrvec *out, struct diag *);
/* Indicator values of processed documents, filtered by period and
 * canonical id when not NULL. */
enum err review_store_values(struct review_store *, const char *period,
    const char *id, struct arena *, struct ptrvec *out, struct diag *);
/* Flags filtered by document, period and state (NULL = any). */
enum err review_store_flags(struct review_store *, const char *doc_id,
    const char *period, const char *state, struct arena *, struct ptrvec *out,
    struct diag *);
/* Every review of a document's flags, oldest first. */
enum err review_store_marks(struct review_store *, const char *doc_id,
    struct arena *, struct ptrvec *out, struct diag *);
/* Records a review (confirmed or dismissed) of flag `idx` of document
 * `doc_id` at the current time.  ERR_MALFORMED when there is no such
 * flag or the state is REVIEW_OPEN (the store keeps decisions only). */
enum err review_store_mark(struct review_store *, const char *doc_id,
    unsigned idx, enum review_state, const char *comment, struct diag *);
enum err review_store_quarantine(
    struct review_store *, struct arena *, struct ptrvec *out, struct diag *);
/* The stored image of page `page`; *found false when there is none. */
enum err review_store_page_image(struct review_store *, const char *doc_id,
    unsigned page, struct arena *, struct review_image *, bool *found,
    struct diag *);

/* The pages of a document that have a stored image (png left NULL),
 * as struct review_page_size *. */
struct review_page_size {
	unsigned page;
	double width_pt, height_pt;
};
enum err review_store_page_sizes(struct review_store *, const char *doc_id,
    struct arena *, struct ptrvec *out, struct diag *);

/* The row boxes of a document (struct review_rowbox *, from
 * review/review_migrate.h). */
enum err review_store_boxes(struct review_store *, const char *doc_id,
    struct arena *, struct ptrvec *out, struct diag *);

const char *review_state_name(enum review_state);
/* Parses "open", "confirmed", "dismissed"; false otherwise. */
bool review_state_parse(const char *, enum review_state *);

#endif
