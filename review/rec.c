/* SPDX-License-Identifier: MIT */
/* Typed reads from a result record: one type check per kind of value. */
#include "review/rec.h"

#include <math.h>

static JsonNode *
member(JsonObject *o, const char *key)
{
	/* json-glib answers NULL, without a warning, for a missing
	 * member. */
	return o != NULL ? json_object_get_member(o, key) : NULL;
}

static JsonObject *
node_object(JsonNode *n)
{
	return n != NULL && JSON_NODE_HOLDS_OBJECT(n) ? json_node_get_object(n)
						      : NULL;
}

const char *
rec_str(JsonObject *o, const char *key)
{
	JsonNode *n = member(o, key);

	if (n == NULL || !JSON_NODE_HOLDS_VALUE(n) ||
	    json_node_get_value_type(n) != G_TYPE_STRING)
		return NULL;
	return json_node_get_string(n);
}

bool
rec_num(JsonObject *o, const char *key, double *out)
{
	JsonNode *n = member(o, key);
	GType t;

	if (n == NULL || !JSON_NODE_HOLDS_VALUE(n))
		return false;
	t = json_node_get_value_type(n);
	if (t != G_TYPE_INT64 && t != G_TYPE_DOUBLE)
		return false;
	*out = json_node_get_double(n);
	return isfinite(*out);
}

JsonObject *
rec_obj(JsonObject *o, const char *key)
{
	return node_object(member(o, key));
}

JsonArray *
rec_arr(JsonObject *o, const char *key)
{
	JsonNode *n = member(o, key);

	return n != NULL && JSON_NODE_HOLDS_ARRAY(n) ? json_node_get_array(n)
						     : NULL;
}

JsonObject *
rec_item(JsonArray *a, guint i)
{
	return a != NULL ? node_object(json_array_get_element(a, i)) : NULL;
}
