/* SPDX-License-Identifier: MIT */
/*
 * A decided document to its end: the store transaction, the outbox file,
 * then the source folder's move to done/ or quarantine/ (the order
 * supervisor.h explains), with the outcome's log line.
 */
#ifndef DAEMON_SV_COMMIT_H
#define DAEMON_SV_COMMIT_H

#include <json-glib/json-glib.h>
#include <stdbool.h>
#include <stdint.h>

#include "daemon/sv.h"

/* Records the decision for `d` (taking `record`): outcome "done" or
 * "quarantine", and the reason's code and words (or NULL). */
void sv_commit_set_decision(struct doc *d, JsonNode *record,
    const char *outcome, const char *code, const char *reason);
/* Stores and moves `d`; returns true when the document is finished (and
 * freed), false when the store must be tried again later. */
bool sv_commit(struct sv *, struct doc *d, int64_t now);
/* Quarantines `d` at once, unread, with a record saying why. */
void sv_commit_quarantine(
    struct sv *, struct doc *d, const char *code, const char *msg, int64_t now);

#endif
