/* SPDX-License-Identifier: MIT */
/* Truth file members and the planted-inconsistency matching rule. */
#include "tools/truth.h"

#include <string.h>

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
	JsonArray *ef = jsonget_arr(p, "expected_flags");
	JsonArray *pids = jsonget_arr(p, "ids");
	bool cls = g_strcmp0(rule, jsonget_str(p, "class")) == 0 ||
	    truth_has(jsonget_arr(p, "also_detectable_as"), rule);
	size_t i;

	for (i = 0; !cls && ef != NULL && i < json_array_get_length(ef); i++)
		cls =
		    g_strcmp0(rule,
			jsonget_str(json_array_get_object_element(ef, (guint)i),
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
