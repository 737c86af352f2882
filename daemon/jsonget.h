/* SPDX-License-Identifier: MIT */
/*
 * Typed reads of a JSON object's members, for records that come from a
 * worker or the store and are checked rather than trusted: a member that
 * is missing, or of another type, is absent.  A NULL object has no
 * members, so reads chain: jsonget_str(jsonget_obj(r, "error"), "code").
 */
#ifndef DAEMON_JSONGET_H
#define DAEMON_JSONGET_H

#include <json-glib/json-glib.h>
#include <stdbool.h>

/* The member `key` of `o` (borrowed), or NULL. */
JsonNode *jsonget_member(JsonObject *o, const char *key);
/* A string member (borrowed), or NULL. */
const char *jsonget_str(JsonObject *o, const char *key);
/* A number member (integer or not) in *v; false when there is none. */
bool jsonget_num(JsonObject *o, const char *key, double *v);
/* An object member (borrowed), or NULL. */
JsonObject *jsonget_obj(JsonObject *o, const char *key);
/* An array member (borrowed), or NULL. */
JsonArray *jsonget_arr(JsonObject *o, const char *key);

#endif
