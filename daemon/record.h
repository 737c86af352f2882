/* SPDX-License-Identifier: MIT */
/*
 * The supervisor's side of result records.  A worker's record is
 * untrusted input: it is checked (size, nesting, UTF-8, the fields the
 * store reads) before anything uses it.  The supervisor then adds what
 * only it knows (`submission`: document id, unit, inbox path, arrival
 * time, the first copy's id for a duplicate) and writes the records of
 * documents no worker finished: refused unread, worker crashed or
 * killed, and duplicate submissions.
 */
#ifndef DAEMON_RECORD_H
#define DAEMON_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <json-glib/json-glib.h>

#include "core/err.h"

/* json-glib's parser recurses: deeper nesting is refused beforehand.  A
 * real record nests 5 levels. */
#define RECORD_DEPTH_MAX 32

/* True when no array/object nesting in the JSON text goes past `max`
 * (strings are skipped, escapes honoured). */
bool record_depth_ok(const char *text, size_t len, unsigned max);

/*
 * Parses a worker's RESULT payload.  Checks: UTF-8, nesting, a JSON
 * object with schema reportd.result/1, status ok|rejected|failed, an
 * error {code, message} unless ok, source.sha256 equal to `sha256`
 * (when not NULL), and arrays for sections, indicators, flags, pages.
 * Returns a new node (json_node_unref) or NULL with `diag`.
 */
JsonNode *record_parse_worker(
    const char *text, size_t len, const char *sha256, struct diag *);

/* A record for a document no worker finished: `status` is "rejected" or
 * "failed"; `sha256` and `format` may be NULL (unread: the record has an
 * empty sha256 and a null format, as the schema allows). */
JsonNode *record_new_failed(const char *name, const char *sha256,
    uint64_t bytes, const char *format, const char *status, const char *code,
    const char *message);

/* The record of a second copy of stored content: the first copy's
 * record with this file's name, no sections, indicators or flags of its
 * own (so nothing is counted twice), and one duplicate_submission flag
 * naming the first copy. */
JsonNode *record_new_duplicate(JsonObject *original, const char *name,
    const char *original_id, const char *original_name,
    const char *original_received);

struct record_submission {
	const char *id;
	const char *unit;         /* inbox subfolder, or NULL */
	const char *inbox_path;   /* path inside the inbox */
	const char *received;     /* ISO 8601 */
	const char *duplicate_of; /* or NULL */
};

/* Sets the record's `submission` member (replacing any). */
void record_set_submission(JsonObject *, const struct record_submission *);

/* One line of JSON ending in '\n' (g_free). */
char *record_text(JsonNode *);

/* Fields the supervisor decides on. */
const char *record_status(JsonObject *);
const char *record_error_code(JsonObject *);
const char *record_error_message(JsonObject *);
const char *record_source_name(JsonObject *);

#endif
