/* SPDX-License-Identifier: MIT */
/* Truth file members and the planted-inconsistency matching rule. */
#include "tools/truth.h"

#include <string.h>

const char *
truth_str(JsonObject *o, const char *key)
{
	JsonNode *n;

	if (o == NULL || !json_object_has_member(o, key))
		return NULL;
	n = json_object_get_member(o, key);
	if (n == NULL || JSON_NODE_TYPE(n) != JSON_NODE_VALUE ||
	    json_node_get_value_type(n) != G_TYPE_STRING)
		return NULL;
	return json_node_get_string(n);
}

bool
truth_num(JsonObject *o, const char *key, double *v)
{
	JsonNode *n;
	GType t;

	if (o == NULL || !json_object_has_member(o, key))
		return false;
	n = json_object_get_member(o, key);
	if (n == NULL || JSON_NODE_TYPE(n) != JSON_NODE_VALUE)
		return false;
	t = json_node_get_value_type(n);
	if (t == G_TYPE_INT64)
		*v = (double)json_node_get_int(n);
	else if (t == G_TYPE_DOUBLE)
		*v = json_node_get_double(n);
	else
		return false;
	return true;
}

JsonObject *
truth_obj(JsonObject *o, const char *key)
{
	JsonNode *n;

	if (o == NULL || !json_object_has_member(o, key))
		return NULL;
	n = json_object_get_member(o, key);
	return n != NULL && JSON_NODE_HOLDS_OBJECT(n) ? json_node_get_object(n)
						      : NULL;
}

JsonArray *
truth_arr(JsonObject *o, const char *key)
{
	JsonNode *n;

	if (o == NULL || !json_object_has_member(o, key))
		return NULL;
	n = json_object_get_member(o, key);
	return n != NULL && JSON_NODE_HOLDS_ARRAY(n) ? json_node_get_array(n)
						     : NULL;
}

bool
truth_has(JsonArray *a, const char *s)
{
	guint i;

	for (i = 0; a != NULL && i < json_array_get_length(a); i++)
		if (g_strcmp0(json_array_get_string_element(a, i), s) == 0)
			return true;
	return false;
}

bool
truth_is_planted_class(const char *rule)
{
	static const char *const planted[] = { "pct_mismatch",
		"part_exceeds_whole", "breakdown_sum", "body_vs_appendix",
		"date_after_report", "malformed_date", "pct_out_of_range",
		"missing_required", "period_mismatch" };
	size_t i;

	for (i = 0; i < G_N_ELEMENTS(planted); i++)
		if (g_strcmp0(rule, planted[i]) == 0)
			return true;
	return false;
}

bool
truth_finds(
    JsonObject *p, const char *rule, const char *const *ids, size_t nids)
{
	JsonArray *ef = truth_arr(p, "expected_flags");
	JsonArray *pids = truth_arr(p, "ids");
	bool cls = g_strcmp0(rule, truth_str(p, "class")) == 0 ||
	    truth_has(truth_arr(p, "also_detectable_as"), rule);
	size_t i;

	for (i = 0; !cls && ef != NULL && i < json_array_get_length(ef); i++)
		cls = g_strcmp0(rule,
			  truth_str(json_array_get_object_element(ef, (guint)i),
			      "class")) == 0;
	if (!cls)
		return false;
	if (pids == NULL || json_array_get_length(pids) == 0 || nids == 0)
		return true;
	for (i = 0; i < nids; i++)
		if (truth_has(pids, ids[i]))
			return true;
	return false;
}
