/* SPDX-License-Identifier: MIT */
/* daemon/record: checking workers' records; the supervisor's records. */
#include <glib.h>
#include <string.h>

#include "daemon/record.h"
#include "tests/check.h"

#define SHA "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

static const char good[] =
    "{\"schema\":\"reportd.result/1\",\"source\":{\"name\":\"a.docx\","
    "\"sha256\":\"" SHA "\",\"bytes\":10,\"format\":\"docx\"},"
    "\"status\":\"ok\",\"error\":null,\"metadata\":{\"issuer\":\"UBND\"},"
    "\"sections\":[],\"indicators\":[{\"id\":\"plan.tasks_total\","
    "\"value\":12}],\"flags\":[],\"pages\":[],"
    "\"submission\":{\"id\":\"forged\"}}";

static void
test_record_depth(void)
{
	CHECK(record_depth_ok("[[[]]]", 6, 3));
	CHECK(!record_depth_ok("[[[[]]]]", 8, 3));
	/* Brackets inside strings do not count, escapes are honoured. */
	CHECK(record_depth_ok("[\"[[[[\\\"[[[\"]", 14, 1));
}

static void
test_record_worker_accepted_and_cleaned(void)
{
	struct diag dg;
	JsonNode *n;
	JsonObject *o;

	diag_init(&dg);
	n = record_parse_worker(good, strlen(good), SHA, &dg);
	CHECK(n != NULL);
	if (n == NULL)
		return;
	o = json_node_get_object(n);
	CHECK_STR(record_status(o), "ok");
	CHECK_STR(record_source_name(o), "a.docx");
	/* Only the supervisor says where a document came from. */
	CHECK(!json_object_has_member(o, "submission"));
	json_node_unref(n);
}

static void
expect_refused(const char *text, size_t len, const char *sha, const char *why)
{
	struct diag dg;
	JsonNode *n;

	diag_init(&dg);
	n = record_parse_worker(text, len, sha, &dg);
	CHECK(n == NULL);
	if (n != NULL)
		json_node_unref(n);
	if (strstr(dg.msg, why) == NULL) {
		fprintf(stderr, "message \"%s\" lacks \"%s\"\n", dg.msg, why);
		CHECK(0);
	}
}

static void
test_record_worker_refused(void)
{
	GString *deep = g_string_new("{\"a\":");
	char *bad;
	int i;

	expect_refused(good, strlen(good),
	    "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
	    "other content");
	expect_refused("[1,2]", 5, NULL, "not a JSON object");
	expect_refused("{\"schema\":", 10, NULL, "not JSON");
	expect_refused("{\"schema\":\"x\"}", 14, NULL, "not schema");
	expect_refused("\"\xff\"", 3, NULL, "UTF-8");
	bad = g_strdup(good);
	memcpy(strstr(bad, "\"ok\""), "\"no\"", 4);
	expect_refused(bad, strlen(bad), NULL, "no valid status");
	g_free(bad);
	bad = g_strdup(good);
	memcpy(strstr(bad, "\"ok\""), "\"failed\"", 4);
	g_free(bad);
	bad = g_strdup(good);
	memcpy(strstr(bad, "\"pages\":[]"), "\"pages\":{}", 10);
	expect_refused(bad, strlen(bad), NULL, "no pages array");
	g_free(bad);
	for (i = 0; i < 100; i++)
		g_string_append(deep, "[");
	expect_refused(deep->str, deep->len, NULL, "nests deeper");
	g_string_free(deep, TRUE);
}

static void
test_record_supervisor_records(void)
{
	JsonNode *f = record_new_failed(
	    "x.docx", NULL, 0, NULL, "rejected", "symlink", "a symbolic link");
	JsonNode *w, *dup;
	JsonObject *o, *src, *flag;
	struct record_submission sub = { "ID2", "Xã A", "Xã A/x.docx",
		"2024-01-01T00:00:00Z", "ID1" };
	struct diag dg;
	char *text;

	CHECK(f != NULL);
	o = json_node_get_object(f);
	CHECK_STR(record_status(o), "rejected");
	CHECK_STR(record_error_code(o), "symlink");
	src = json_object_get_object_member(o, "source");
	/* Unread: no hash (the schema's empty string). */
	CHECK_STR(json_object_get_string_member(src, "sha256"), "");
	/* It passes the same checks as a worker's record. */
	text = record_text(f);
	diag_init(&dg);
	w = record_parse_worker(text, strlen(text), NULL, &dg);
	CHECK(w != NULL);
	if (w != NULL)
		json_node_unref(w);
	g_free(text);
	json_node_unref(f);

	diag_init(&dg);
	w = record_parse_worker(good, strlen(good), SHA, &dg);
	CHECK(w != NULL);
	if (w == NULL)
		return;
	dup = record_new_duplicate(json_node_get_object(w), "copy.docx", "ID1",
	    "a.docx", "2024-01-01T00:00:00Z");
	CHECK(dup != NULL);
	o = json_node_get_object(dup);
	CHECK_STR(record_source_name(o), "copy.docx");
	CHECK(json_array_get_length(
		  json_object_get_array_member(o, "indicators")) == 0);
	CHECK(json_array_get_length(json_object_get_array_member(o, "flags")) ==
	    1);
	flag = json_array_get_object_element(
	    json_object_get_array_member(o, "flags"), 0);
	CHECK_STR(json_object_get_string_member(flag, "rule"),
	    "duplicate_submission");
	CHECK(strstr(json_object_get_string_member(flag, "message_en"),
		  "ID1") != NULL);
	/* The first copy's record is untouched. */
	CHECK(json_array_get_length(json_object_get_array_member(
		  json_node_get_object(w), "indicators")) == 1);
	record_set_submission(o, &sub);
	text = record_text(dup);
	CHECK(strstr(text, "\"duplicate_of\":\"ID1\"") != NULL);
	CHECK(text[strlen(text) - 1] == '\n');
	CHECK(strchr(text, '\n') == text + strlen(text) - 1);
	g_free(text);
	json_node_unref(dup);
	json_node_unref(w);
}

int
main(void)
{
	RUN(test_record_depth);
	RUN(test_record_worker_accepted_and_cleaned);
	RUN(test_record_worker_refused);
	RUN(test_record_supervisor_records);
	return check_done();
}
