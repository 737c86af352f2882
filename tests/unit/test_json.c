/* SPDX-License-Identifier: MIT */
/* Typed reads of JSON members (core/jsonget.h): a member of the wrong
 * type reads as absent, and reads chain through missing objects; and
 * the members as reportd writes them (core/jsonput.h). */
#include <string.h>

#include "core/jsonget.h"
#include "core/jsonput.h"
#include "tests/check.h"

static JsonParser *parser;

static JsonObject *
parse(const char *json)
{
	if (parser != NULL)
		g_object_unref(parser);
	parser = json_parser_new();
	if (!json_parser_load_from_data(parser, json, -1, NULL))
		return NULL;
	return json_node_get_object(json_parser_get_root(parser));
}

static void
test_jsonget_types(void)
{
	JsonObject *o = parse("{\"s\":\"văn bản\",\"i\":42,\"d\":2.5,"
			      "\"n\":null,\"o\":{\"k\":\"v\"},\"a\":[{\"x\":1},"
			      "7],\"b\":true}");
	double v = -1;

	CHECK(o != NULL);
	CHECK_STR(jsonget_str(o, "s"), "văn bản");
	CHECK(jsonget_str(o, "i") == NULL);
	CHECK(jsonget_str(o, "n") == NULL);
	CHECK(jsonget_str(o, "missing") == NULL);
	CHECK(jsonget_num(o, "i", &v) && v == 42);
	CHECK(jsonget_num(o, "d", &v) && v == 2.5);
	CHECK(!jsonget_num(o, "s", &v));
	CHECK(!jsonget_num(o, "n", &v));
	CHECK(!jsonget_num(o, "b", &v));
	CHECK(jsonget_obj(o, "a") == NULL);
	CHECK(jsonget_arr(o, "o") == NULL);
	CHECK_STR(jsonget_str(jsonget_obj(o, "o"), "k"), "v");
	CHECK(jsonget_item(jsonget_arr(o, "a"), 0) != NULL);
	/* Not an object, past the end, no array: nothing. */
	CHECK(jsonget_item(jsonget_arr(o, "a"), 1) == NULL);
	CHECK(jsonget_item(jsonget_arr(o, "a"), 2) == NULL);
	CHECK(jsonget_item(NULL, 0) == NULL);
	/* Chained reads through what is not there. */
	CHECK(jsonget_str(jsonget_obj(o, "missing"), "k") == NULL);
	CHECK(jsonget_str(NULL, "s") == NULL);
}

/* A number too large for a double is not a value. */
static void
test_jsonget_not_finite(void)
{
	JsonObject *o = parse("{\"big\":1e999}");
	double v = 0;

	/* json-glib reads it as infinity. */
	CHECK(o != NULL);
	CHECK(!jsonget_num(o, "big", &v));
}

/* Absent is null, whole numbers have no fraction, infinity is null. */
static void
test_jsonput_members(void)
{
	JsonBuilder *b = json_builder_new();
	JsonNode *root;
	char *text;

	json_builder_begin_object(b);
	jsonput_str(b, "s", "Đơn vị");
	jsonput_str(b, "none", NULL);
	jsonput_num(b, "whole", true, 7972);
	jsonput_num(b, "frac", true, 27.5);
	jsonput_num(b, "absent", false, 3);
	jsonput_num(b, "inf", true, 1.0 / 0.0);
	jsonput_int(b, "i", -4);
	json_builder_end_object(b);
	root = json_builder_get_root(b);
	text = json_to_string(root, FALSE);
	CHECK_STR(text,
	    "{\"s\":\"Đơn vị\",\"none\":null,\"whole\":7972,"
	    "\"frac\":27.5,\"absent\":null,\"inf\":null,\"i\":-4}");
	g_free(text);
	json_node_unref(root);
	g_object_unref(b);
}

int
main(void)
{
	RUN(test_jsonget_types);
	RUN(test_jsonget_not_finite);
	RUN(test_jsonput_members);
	if (parser != NULL)
		g_object_unref(parser);
	return check_done();
}
