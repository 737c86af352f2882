/* SPDX-License-Identifier: MIT */
/* Checking workers' records; records the supervisor writes itself. */
#include "daemon/record.h"

#include <string.h>

#include "core/arena.h"
#include "core/result.h"
#include "core/jsonget.h"
#include "daemon/record_json.h"

bool
record_depth_ok(const char *text, size_t len, unsigned max)
{
	const char *p = text, *end = text + len;
	unsigned depth = 0;
	bool in_str = false;

	for (; p < end; p++) {
		char c = *p;

		if (in_str) {
			if (c == '\\')
				p++; /* skip the escaped character */
			else if (c == '"')
				in_str = false;
			continue;
		}
		if (c == '"')
			in_str = true;
		else if (c == '[' || c == '{') {
			if (++depth > max)
				return false;
		} else if ((c == ']' || c == '}') && depth > 0)
			depth--;
	}
	return true;
}

const char *
record_status(JsonObject *r)
{
	return jsonget_str(r, "status");
}

const char *
record_error_code(JsonObject *r)
{
	return jsonget_str(jsonget_obj(r, "error"), "code");
}

const char *
record_error_message(JsonObject *r)
{
	return jsonget_str(jsonget_obj(r, "error"), "message");
}

const char *
record_source_name(JsonObject *r)
{
	return jsonget_str(jsonget_obj(r, "source"), "name");
}

JsonNode *
record_parse_worker(
    const char *text, size_t len, const char *sha256, struct diag *dg)
{
	static const char *const arrays[] = { "sections", "indicators", "flags",
		"pages" };
	JsonParser *parser = NULL;
	JsonNode *root = NULL;
	JsonObject *o, *src;
	GError *gerr = NULL;
	const char *s;
	size_t i;

	if (!g_utf8_validate(text, (gssize)len, NULL)) {
		(void)diag_set(dg, ERR_MALFORMED,
		    "the worker's record is not valid UTF-8");
		return NULL;
	}
	if (!record_depth_ok(text, len, RECORD_DEPTH_MAX)) {
		(void)diag_set(dg, ERR_MALFORMED,
		    "the worker's record nests deeper than %d levels",
		    RECORD_DEPTH_MAX);
		return NULL;
	}
	parser = json_parser_new();
	if (!json_parser_load_from_data(parser, text, (gssize)len, &gerr)) {
		(void)diag_set(dg, ERR_MALFORMED,
		    "the worker's record is not JSON: %s",
		    gerr != NULL ? gerr->message : "parse error");
		goto fail;
	}
	root = json_parser_get_root(parser);
	if (root == NULL || !JSON_NODE_HOLDS_OBJECT(root)) {
		(void)diag_set(dg, ERR_MALFORMED,
		    "the worker's record is not a JSON object");
		root = NULL;
		goto fail;
	}
	root = json_node_copy(root);
	o = json_node_get_object(root);
	s = jsonget_str(o, "schema");
	if (s == NULL || strcmp(s, RESULT_SCHEMA) != 0) {
		(void)diag_set(dg, ERR_MALFORMED,
		    "the worker's record is not schema %s", RESULT_SCHEMA);
		goto fail;
	}
	s = record_status(o);
	if (s == NULL ||
	    (strcmp(s, "ok") != 0 && strcmp(s, "rejected") != 0 &&
		strcmp(s, "failed") != 0)) {
		(void)diag_set(dg, ERR_MALFORMED,
		    "the worker's record has no valid status");
		goto fail;
	}
	if (strcmp(s, "ok") != 0 &&
	    (record_error_code(o) == NULL || record_error_message(o) == NULL)) {
		(void)diag_set(dg, ERR_MALFORMED,
		    "the worker's record has status %s but no error", s);
		goto fail;
	}
	src = jsonget_obj(o, "source");
	if (src == NULL) {
		(void)diag_set(
		    dg, ERR_MALFORMED, "the worker's record has no source");
		goto fail;
	}
	/* A worker always hashes what it read; only records of files
	 * refused unread (sha256 null) are parsed without one. */
	if (sha256 != NULL && jsonget_str(src, "sha256") == NULL) {
		(void)diag_set(dg, ERR_MALFORMED,
		    "the worker's record has no source.sha256");
		goto fail;
	}
	if (sha256 != NULL && strcmp(jsonget_str(src, "sha256"), sha256) != 0) {
		(void)diag_set(dg, ERR_MALFORMED,
		    "the worker's record is for other content (sha256 %.16s..., "
		    "expected %.16s...)",
		    jsonget_str(src, "sha256"), sha256);
		goto fail;
	}
	for (i = 0; i < G_N_ELEMENTS(arrays); i++) {
		if (jsonget_arr(o, arrays[i]) == NULL) {
			(void)diag_set(dg, ERR_MALFORMED,
			    "the worker's record has no %s array", arrays[i]);
			goto fail;
		}
	}
	if (json_object_has_member(o, "metadata") &&
	    jsonget_obj(o, "metadata") == NULL &&
	    !JSON_NODE_HOLDS_NULL(json_object_get_member(o, "metadata"))) {
		(void)diag_set(dg, ERR_MALFORMED,
		    "the worker's record has a metadata that is not an object");
		goto fail;
	}
	/* The supervisor alone says where a document came from. */
	if (json_object_has_member(o, "submission"))
		json_object_remove_member(o, "submission");
	g_object_unref(parser);
	return root;
fail:
	g_clear_error(&gerr);
	if (root != NULL)
		json_node_unref(root);
	if (parser != NULL)
		g_object_unref(parser);
	return NULL;
}

static JsonNode *
parse_own(const char *text)
{
	JsonParser *parser = json_parser_new();
	JsonNode *root = NULL;

	if (text != NULL &&
	    json_parser_load_from_data(parser, text, -1, NULL) &&
	    json_parser_get_root(parser) != NULL)
		root = json_node_copy(json_parser_get_root(parser));
	g_object_unref(parser);
	return root;
}

JsonNode *
record_new_failed(const char *name, const char *sha256, uint64_t bytes,
    const char *format, const char *status, const char *code,
    const char *message)
{
	struct arena *a = arena_new((size_t)1 << 16);
	struct result *r;
	JsonNode *root = NULL;
	char *text;

	if (a == NULL)
		return NULL;
	r = arena_alloc(a, sizeof *r);
	if (r == NULL) {
		arena_free(a);
		return NULL;
	}
	/* Through the pipeline's own writer, so these records have every
	 * field a worker's record has. */
	r->source.name = name;
	if (sha256 != NULL)
		g_strlcpy(r->source.sha256, sha256, sizeof r->source.sha256);
	r->source.bytes = bytes;
	r->source.format = format;
	r->status =
	    strcmp(status, "failed") == 0 ? RESULT_FAILED : RESULT_REJECTED;
	r->error_code = code;
	r->error_message = message;
	text = record_json(r, false);
	root = parse_own(text);
	g_free(text);
	arena_free(a);
	return root;
}

JsonNode *
record_new_duplicate(JsonObject *original, const char *name,
    const char *original_id, const char *original_name,
    const char *original_received)
{
	JsonNode *orig = json_node_new(JSON_NODE_OBJECT);
	JsonNode *copy, *flag_node;
	JsonObject *o, *src, *flag;
	JsonArray *flags;
	char *vi, *en, *text;

	/* A deep copy: json_node_copy() would share the object. */
	json_node_set_object(orig, original);
	text = json_to_string(orig, FALSE);
	json_node_unref(orig);
	copy = parse_own(text);
	g_free(text);
	if (copy == NULL || !JSON_NODE_HOLDS_OBJECT(copy)) {
		if (copy != NULL)
			json_node_unref(copy);
		return NULL;
	}
	o = json_node_get_object(copy);
	src = jsonget_obj(o, "source");
	if (src != NULL)
		json_object_set_string_member(src, "name", name);
	json_object_set_array_member(o, "sections", json_array_new());
	json_object_set_array_member(o, "indicators", json_array_new());
	if (json_object_has_member(o, "submission"))
		json_object_remove_member(o, "submission");

	vi = g_strdup_printf("Tệp có cùng nội dung với tệp “%s” đã nhận lúc %s "
			     "(mã %s); không đọc lại và không tính hai lần.",
	    original_name, original_received, original_id);
	en = g_strdup_printf("The same content as “%s” received at %s (id %s); "
			     "not read again and not counted twice.",
	    original_name, original_received, original_id);
	flag = json_object_new();
	json_object_set_string_member(flag, "rule", "duplicate_submission");
	json_object_set_string_member(flag, "severity", "warning");
	json_object_set_array_member(flag, "indicators", json_array_new());
	json_object_set_string_member(flag, "message", vi);
	json_object_set_string_member(flag, "message_en", en);
	json_object_set_null_member(flag, "expected");
	json_object_set_array_member(flag, "evidence", json_array_new());
	flags = json_array_new();
	flag_node = json_node_new(JSON_NODE_OBJECT);
	json_node_take_object(flag_node, flag);
	json_array_add_element(flags, flag_node);
	json_object_set_array_member(o, "flags", flags);
	g_free(vi);
	g_free(en);
	return copy;
}

static void
set_str_or_null(JsonObject *o, const char *key, const char *v)
{
	if (v != NULL)
		json_object_set_string_member(o, key, v);
	else
		json_object_set_null_member(o, key);
}

void
record_set_submission(JsonObject *r, const struct record_submission *s)
{
	JsonObject *sub = json_object_new();

	set_str_or_null(sub, "id", s->id);
	set_str_or_null(sub, "unit", s->unit);
	set_str_or_null(sub, "inbox_path", s->inbox_path);
	set_str_or_null(sub, "received", s->received);
	set_str_or_null(sub, "duplicate_of", s->duplicate_of);
	json_object_set_object_member(r, "submission", sub);
}

char *
record_text(JsonNode *n)
{
	char *s = json_to_string(n, FALSE);
	char *line = g_strconcat(s, "\n", NULL);

	g_free(s);
	return line;
}
