/* SPDX-License-Identifier: MIT */
/*
 * Committing one document's outcome, in the order that makes "exactly
 * one record per accepted file" hold whatever instant the process dies:
 *   1. the store transaction keyed by the document id (the commit
 *      point: committing again keeps the first record);
 *   2. outbox/ID.json written from the *stored* record (temp, fsync,
 *      rename, fsync), so the outbox always equals the store;
 *   3. the source folder's move from spool/active/ to done/ or
 *      quarantine/ (fsync'ed).
 * A failure at any step leaves the document in spool/active/ with
 * nothing half-written, and calling commit_document() again finishes
 * the job; so does a restart, which finds the stored record.
 */
#ifndef DAEMON_COMMIT_H
#define DAEMON_COMMIT_H

#include <json-glib/json-glib.h>

#include "core/err.h"
#include "daemon/spool.h"
#include "daemon/store.h"

struct commit_doc {
	struct spool_meta *meta; /* id, name, unit, origin, received */
	JsonNode *record;        /* its `submission` member is set here */
	const char *outcome;     /* "done" or "quarantine" */
	const char *reason_code, *reason; /* quarantine */
	const char *duplicate_of;
};

/*
 * Commits `d` (in spool/active/).  On ERR_OK *outcome is the outcome
 * stored (the first commit's, if there was one; g_free).
 */
enum err commit_document(struct spool *, struct store *, const char *outbox_dir,
    const struct commit_doc *d, char **outcome, struct diag *);

#endif
