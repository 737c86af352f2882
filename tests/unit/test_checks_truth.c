/* SPDX-License-Identifier: MIT */
/*
 * The checks on the corpus truth files themselves: each truth file
 * becomes the result record a perfect mapping would give (appendix rows,
 * narrative values with their sentences, metadata, and a document model
 * holding the sentences and the cited documents), so recall and false
 * flags measure the checks alone, on every document of the corpus,
 * scans included.  Skipped when $SHARED/corpus is absent.
 */
#include <glib.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/doc.h"
#include "core/result.h"
#include "indicators/check_engine.h"
#include "tests/check.h"
#include "tests/corpus.h"
#include "tools/truth.h"

static char *
sdup(struct arena *a, const char *s)
{
	return s != NULL ? arena_strdup(a, s) : NULL;
}

/* The record a perfect mapping would make of truth `t`. */
static struct result *
record_of(JsonObject *t, struct arena *a)
{
	struct result *r = arena_alloc(a, sizeof *r);
	JsonObject *m = json_object_get_object_member(t, "metadata");
	JsonArray *rows = json_object_get_array_member(t, "indicators");
	JsonArray *nv = json_object_get_array_member(t, "narrative_values");
	JsonArray *cd = json_object_get_array_member(t, "cited_documents");
	struct doc *d = doc_new(a);
	guint i;

	r->status = RESULT_OK;
	r->metadata.date = sdup(a, jsonget_str(m, "date"));
	r->metadata.doc_number = sdup(a, jsonget_str(m, "doc_number"));
	r->metadata.period.label = sdup(a, jsonget_str(m, "period_label"));
	r->metadata.period.from = sdup(a, jsonget_str(m, "period_from"));
	r->metadata.period.to = sdup(a, jsonget_str(m, "period_to"));
	(void)doc_add_page(d, DOC_METHOD_TEXT, 0, 0);
	for (i = 0; i < json_array_get_length(rows); i++) {
		JsonObject *o = json_array_get_object_element(rows, i);
		struct result_indicator *ind = arena_alloc(a, sizeof *ind);

		ind->id = sdup(a, jsonget_str(o, "canonical"));
		ind->code = sdup(a, jsonget_str(o, "code"));
		ind->label = sdup(a, jsonget_str(o, "label"));
		ind->unit = sdup(a, jsonget_str(o, "unit"));
		ind->raw = sdup(a, jsonget_str(o, "raw"));
		ind->has_value = jsonget_num(o, "value", &ind->value);
		ind->confidence = 1;
		ind->source.origin = "appendix";
		ind->source.page = 7;
		ind->source.table = 1;
		ind->source.row = (int)i + 2;
		(void)ptrvec_push(&r->indicators, a, ind);
	}
	for (i = 0; i < json_array_get_length(nv); i++) {
		JsonObject *o = json_array_get_object_element(nv, i);
		struct result_indicator *ind = arena_alloc(a, sizeof *ind);
		const char *sentence = jsonget_str(o, "sentence");
		guint j;
		bool seen = false;

		ind->id = sdup(a, jsonget_str(o, "id"));
		ind->raw = sdup(a, jsonget_str(o, "raw"));
		ind->has_value = jsonget_num(o, "value", &ind->value);
		ind->confidence = 1;
		ind->source.origin = "narrative";
		ind->source.page = 3;
		ind->source.table = -1;
		ind->source.row = -1;
		ind->source.text = sdup(a, sentence);
		(void)ptrvec_push(&r->indicators, a, ind);
		for (j = 0; j < i; j++)
			if (g_strcmp0(jsonget_str(
					  json_array_get_object_element(nv, j),
					  "sentence"),
				sentence) == 0)
				seen = true;
		if (!seen && sentence != NULL)
			doc_add_block(d, &d->blocks, DOC_PARAGRAPH, sentence,
			    strlen(sentence))
			    ->page = 3;
	}
	for (i = 0; i < json_array_get_length(cd); i++) {
		const char *text =
		    jsonget_str(json_array_get_object_element(cd, i), "text");
		char *p =
		    arena_printf(a, "Thực hiện %s về việc triển khai.", text);

		doc_add_block(d, &d->blocks, DOC_PARAGRAPH, p, strlen(p))
		    ->page = 2;
	}
	r->doc = d;
	return r;
}

/* The matching rule of reportd-score (tools/truth.h). */
static bool
finds(const struct result_flag *f, JsonObject *p)
{
	return truth_finds(
	    p, f->rule, (const char *const *)(const void *)f->ids.v, f->ids.n);
}

static void
test_checks_truth_corpus(void)
{
	gchar *dir;
	GDir *d;
	const gchar *name;
	unsigned planted = 0, found = 0, false_flags = 0, consistent = 0,
		 docs = 0;

	if ((d = corpus_open(&dir)) == NULL)
		return;
	while ((name = g_dir_read_name(d)) != NULL) {
		gchar *path;
		JsonParser *jp;
		JsonObject *t;
		JsonArray *pl;
		struct arena *a;
		struct result *r;
		struct ptrvec out = { NULL, 0, 0 };
		struct diag dg;
		guint i, j;

		if (!g_str_has_suffix(name, ".truth.json"))
			continue;
		path = g_build_filename(dir, name, NULL);
		jp = json_parser_new();
		if (!json_parser_load_from_file(jp, path, NULL)) {
			CHECK(0);
			g_object_unref(jp);
			g_free(path);
			continue;
		}
		t = json_node_get_object(json_parser_get_root(jp));
		pl = json_object_get_array_member(t, "planted");
		a = arena_new((size_t)64 << 20);
		r = record_of(t, a);
		diag_init(&dg);
		CHECK(check_document(r, NULL, a, &out, &dg) == ERR_OK);
		docs++;
		consistent += json_array_get_length(pl) == 0;
		for (i = 0; i < json_array_get_length(pl); i++) {
			JsonObject *p = json_array_get_object_element(pl, i);
			bool hit = false;

			for (j = 0; j < out.n && !hit; j++)
				hit = finds(out.v[j], p);
			planted++;
			found += hit;
			if (!hit)
				fprintf(stderr, "  %s: not flagged: %s\n", name,
				    jsonget_str(p, "description"));
		}
		for (j = 0; j < out.n; j++) {
			const struct result_flag *f = out.v[j];
			bool judged = truth_is_planted_class(f->rule),
			     hit = false;

			for (i = 0; judged && i < json_array_get_length(pl);
			     i++)
				hit |= finds(
				    f, json_array_get_object_element(pl, i));
			if (judged && !hit) {
				false_flags++;
				fprintf(stderr, "  %s: false flag %s: %s\n",
				    name, f->rule, f->message_en);
			}
		}
		arena_free(a);
		g_object_unref(jp);
		g_free(path);
	}
	g_dir_close(d);
	g_free(dir);
	printf("truth records: %u documents (%u consistent), planted found "
	       "%u/%u, false flags %u\n",
	    docs, consistent, found, planted, false_flags);
	CHECK(docs > 0 && planted > 0);
	CHECK(found * 100 >= planted * 95);
	CHECK(consistent > 0 && false_flags * 20 <= consistent);
}

int
main(void)
{
	RUN(test_checks_truth_corpus);
	return check_done();
}
