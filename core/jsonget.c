/* SPDX-License-Identifier: MIT */
/* Typed reads of JSON members; anything of the wrong type is absent. */
#include "core/jsonget.h"

#include <math.h>

JsonNode *
jsonget_member(JsonObject *o, const char *key)
{
	if (o == NULL || !json_object_has_member(o, key))
		return NULL;
	return json_object_get_member(o, key);
}

const char *
jsonget_str(JsonObject *o, const char *key)
{
	JsonNode *n = jsonget_member(o, key);

	if (n == NULL || JSON_NODE_TYPE(n) != JSON_NODE_VALUE ||
	    json_node_get_value_type(n) != G_TYPE_STRING)
		return NULL;
	return json_node_get_string(n);
}

bool
jsonget_num(JsonObject *o, const char *key, double *v)
{
	JsonNode *n = jsonget_member(o, key);
	GType t;

	if (n == NULL || JSON_NODE_TYPE(n) != JSON_NODE_VALUE)
		return false;
	t = json_node_get_value_type(n);
	if (t == G_TYPE_INT64) {
		*v = (double)json_node_get_int(n);
		return true;
	}
	if (t == G_TYPE_DOUBLE) {
		*v = json_node_get_double(n);
		return isfinite(*v);
	}
	return false;
}

JsonObject *
jsonget_obj(JsonObject *o, const char *key)
{
	JsonNode *n = jsonget_member(o, key);

	return n != NULL && JSON_NODE_HOLDS_OBJECT(n) ? json_node_get_object(n)
						      : NULL;
}

JsonArray *
jsonget_arr(JsonObject *o, const char *key)
{
	JsonNode *n = jsonget_member(o, key);

	return n != NULL && JSON_NODE_HOLDS_ARRAY(n) ? json_node_get_array(n)
						     : NULL;
}

JsonObject *
jsonget_item(JsonArray *a, guint i)
{
	JsonNode *n;

	if (a == NULL || i >= json_array_get_length(a))
		return NULL;
	n = json_array_get_element(a, i);
	return n != NULL && JSON_NODE_HOLDS_OBJECT(n) ? json_node_get_object(n)
						      : NULL;
}
