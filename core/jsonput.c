/* SPDX-License-Identifier: MIT */
/* JSON members as reportd writes them: see jsonput.h. */
#include "core/jsonput.h"

#include <math.h>

void
jsonput_str(JsonBuilder *b, const char *key, const char *val)
{
	json_builder_set_member_name(b, key);
	if (val != NULL)
		json_builder_add_string_value(b, val);
	else
		json_builder_add_null_value(b);
}

void
jsonput_num(JsonBuilder *b, const char *key, bool has, double v)
{
	json_builder_set_member_name(b, key);
	if (!has || !isfinite(v))
		json_builder_add_null_value(b);
	/* Below 2^53 a double holds the integer exactly. */
	else if (v == floor(v) && fabs(v) < 9.0e15)
		json_builder_add_int_value(b, (gint64)v);
	else
		json_builder_add_double_value(b, v);
}

void
jsonput_int(JsonBuilder *b, const char *key, int64_t v)
{
	json_builder_set_member_name(b, key);
	json_builder_add_int_value(b, v);
}
