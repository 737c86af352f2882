/* SPDX-License-Identifier: MIT */
/*
 * Typed reads of a JSON object's members, for records that come from a
 * worker, the store or a truth file and are checked rather than trusted:
 * a member that is missing, or of another type, is absent, so a record
 * from an older daemon, or a damaged one, gives what it has.  A NULL object has
 * no members, so reads chain: jsonget_str(jsonget_obj(r, "error"), "code").
 */
#ifndef CORE_JSONGET_H
#define CORE_JSONGET_H

#include <json-glib/json-glib.h>
#include <stdbool.h>

/* The member `key` of `o` (borrowed), or NULL. */
JsonNode *jsonget_member(JsonObject *o, const char *key);
/* A string member (borrowed), or NULL. */
const char *jsonget_str(JsonObject *o, const char *key);
/* A number member (integer or not) in *v; false when there is none or
 * it is not finite. */
bool jsonget_num(JsonObject *o, const char *key, double *v);
/* An object member (borrowed), or NULL. */
JsonObject *jsonget_obj(JsonObject *o, const char *key);
/* An array member (borrowed), or NULL. */
JsonArray *jsonget_arr(JsonObject *o, const char *key);
/* Element `i` of `a` when it is an object (borrowed), or NULL; a NULL
 * array has no elements. */
JsonObject *jsonget_item(JsonArray *a, guint i);

#endif
