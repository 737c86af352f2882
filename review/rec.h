/* SPDX-License-Identifier: MIT */
/*
 * Typed reads from a stored result record (JSON, parsed by json-glib)
 * for the document page.  A member that is missing or of another type
 * reads as absent, so a record from an older daemon, or a damaged one,
 * shows what it has and never breaks the page.  Every function accepts
 * a NULL object or array and then reads nothing.
 */
#ifndef REVIEW_REC_H
#define REVIEW_REC_H

#include <json-glib/json-glib.h>
#include <stdbool.h>

/* The string member `key`, or NULL. */
const char *rec_str(JsonObject *, const char *key);
/* The number member `key` (integer or fraction) in *out; false when it
 * is absent, not a number or not finite. */
bool rec_num(JsonObject *, const char *key, double *out);
/* The object member `key`, or NULL. */
JsonObject *rec_obj(JsonObject *, const char *key);
/* The array member `key`, or NULL. */
JsonArray *rec_arr(JsonObject *, const char *key);
/* Element `i` (below the array's length) when it is an object, or
 * NULL. */
JsonObject *rec_item(JsonArray *, guint i);

#endif
