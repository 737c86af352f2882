/* SPDX-License-Identifier: MIT */
/*
 * The embedded store: SQLite in WAL mode.  Tables: documents (one row
 * per accepted file, with its whole result record), indicators, flags,
 * flag_reviews (decisions taken on the review page) and quarantine
 * (reasons).  Each document is written in one transaction keyed by its
 * id, so committing it again after a crash changes nothing and returns
 * the record stored the first time.
 */
#ifndef DAEMON_STORE_H
#define DAEMON_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include <json-glib/json-glib.h>

#include "core/err.h"

#define STORE_SCHEMA_VERSION 1

struct store;

/* Opens (creating when `readonly` is false) the database at `path`. */
struct store *store_open(const char *path, bool readonly, struct diag *);
void store_close(struct store *);

/* What the supervisor knows of a document beyond its record. */
struct store_doc {
	const char *id;
	const char *name;         /* as submitted */
	const char *unit;         /* inbox subfolder, or NULL */
	const char *inbox_path;   /* path inside the inbox */
	const char *received;     /* ISO 8601 */
	const char *outcome;      /* "done" or "quarantine" */
	const char *duplicate_of; /* id of the first copy, or NULL */
	unsigned attempts;
	const char *reason_code, *reason; /* quarantine only */
};

/*
 * Stores `record` (its text `text`) for `doc` in one transaction.  When
 * the id is already stored (a crash came after the commit), nothing is
 * written and *stored / *stored_outcome return what was stored then;
 * otherwise they return copies of `text` / doc->outcome.  g_free both.
 */
enum err store_commit(struct store *, const struct store_doc *,
    JsonObject *record, const char *text, char **stored, char **stored_outcome,
    struct diag *);

/* The record and outcome stored for `id`; ERR_OK with *text NULL when
 * there is none. */
enum err store_lookup(
    struct store *, const char *id, char **text, char **outcome, struct diag *);

/* The first stored document (not itself a duplicate) with this content;
 * ERR_OK with *id NULL when there is none. */
enum err store_find_sha256(struct store *, const char *sha256, char **id,
    char **text, char **outcome, struct diag *);

struct store_counts {
	uint64_t documents, done, quarantined, duplicates, indicators, flags,
	    reviews;
};
enum err store_counts(struct store *, struct store_counts *, struct diag *);

/* Calls `fn` for the `n` most recent quarantined documents, newest
 * first. */
typedef void (*store_quarantine_fn)(void *ctx, const char *id, const char *name,
    const char *unit, const char *code, const char *reason, const char *when);
enum err store_recent_quarantine(struct store *, unsigned n,
    store_quarantine_fn fn, void *ctx, struct diag *);

/* The SQLite handle, for read-only queries of `reportd export`. */
struct sqlite3 *store_db(struct store *);

#endif
