/* SPDX-License-Identifier: MIT */
/* Result record to JSON with json-glib's builder. */
#include "daemon/record_json.h"

#include <json-glib/json-glib.h>
#include <math.h>

#include "core/jsonput.h"

static void
add_ref(JsonBuilder *b, const struct result_ref *ref)
{
	json_builder_set_member_name(b, "source");
	json_builder_begin_object(b);
	jsonput_str(b, "origin", ref->origin);
	jsonput_num(b, "page", ref->page > 0, ref->page);
	jsonput_num(b, "table", ref->table >= 0, ref->table);
	jsonput_num(b, "row", ref->row >= 0, ref->row);
	if (ref->text != NULL)
		jsonput_str(b, "text", ref->text);
	json_builder_end_object(b);
}

static void
add_source(JsonBuilder *b, const struct result_source *s)
{
	json_builder_set_member_name(b, "source");
	json_builder_begin_object(b);
	jsonput_str(b, "name", s->name);
	jsonput_str(b, "sha256", s->sha256);
	jsonput_num(b, "bytes", true, (double)s->bytes);
	jsonput_str(b, "format", s->format);
	json_builder_end_object(b);
}

static void
add_metadata(JsonBuilder *b, const struct result_metadata *m)
{
	json_builder_set_member_name(b, "metadata");
	json_builder_begin_object(b);
	jsonput_str(b, "issuer", m->issuer);
	jsonput_str(b, "doc_number", m->doc_number);
	jsonput_str(b, "date", m->date);
	json_builder_set_member_name(b, "period");
	json_builder_begin_object(b);
	jsonput_str(b, "label", m->period.label);
	jsonput_str(b, "from", m->period.from);
	jsonput_str(b, "to", m->period.to);
	json_builder_end_object(b);
	jsonput_str(b, "recipient", m->recipient);
	json_builder_end_object(b);
}

static void
add_sections(JsonBuilder *b, const struct ptrvec *v)
{
	size_t i;

	json_builder_set_member_name(b, "sections");
	json_builder_begin_array(b);
	for (i = 0; i < v->n; i++) {
		const struct result_section *s = v->v[i];

		json_builder_begin_object(b);
		jsonput_str(b, "area", s->area);
		jsonput_str(b, "heading", s->heading);
		jsonput_num(b, "page", s->page > 0, s->page);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
}

static void
add_indicators(JsonBuilder *b, const struct ptrvec *v)
{
	size_t i;

	json_builder_set_member_name(b, "indicators");
	json_builder_begin_array(b);
	for (i = 0; i < v->n; i++) {
		const struct result_indicator *ind = v->v[i];

		json_builder_begin_object(b);
		jsonput_str(b, "id", ind->id);
		jsonput_str(b, "code", ind->code);
		jsonput_str(b, "label", ind->label);
		jsonput_str(b, "unit", ind->unit);
		jsonput_str(b, "raw", ind->raw);
		jsonput_num(b, "value", ind->has_value, ind->value);
		add_ref(b, &ind->source);
		json_builder_set_member_name(b, "confidence");
		json_builder_add_double_value(b, ind->confidence);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
}

static void
add_flags(JsonBuilder *b, const struct ptrvec *v)
{
	size_t i, j;

	json_builder_set_member_name(b, "flags");
	json_builder_begin_array(b);
	for (i = 0; i < v->n; i++) {
		const struct result_flag *f = v->v[i];

		json_builder_begin_object(b);
		jsonput_str(b, "rule", f->rule);
		jsonput_str(b, "severity", f->severity);
		json_builder_set_member_name(b, "indicators");
		json_builder_begin_array(b);
		for (j = 0; j < f->ids.n; j++)
			json_builder_add_string_value(b, f->ids.v[j]);
		json_builder_end_array(b);
		jsonput_str(b, "message", f->message);
		jsonput_str(b, "message_en", f->message_en);
		jsonput_num(b, "expected", f->has_expected, f->expected);
		jsonput_num(b, "tolerance", f->has_tolerance, f->tolerance);
		json_builder_set_member_name(b, "evidence");
		json_builder_begin_array(b);
		for (j = 0; j < f->evidence.n; j++) {
			const struct result_evidence *ev = f->evidence.v[j];

			json_builder_begin_object(b);
			jsonput_str(b, "id", ev->id);
			jsonput_str(b, "label", ev->label);
			jsonput_str(b, "raw", ev->raw);
			jsonput_num(b, "value", ev->has_value, ev->value);
			add_ref(b, &ev->source);
			json_builder_end_object(b);
		}
		json_builder_end_array(b);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
}

static void
add_pages(JsonBuilder *b, const struct ptrvec *v)
{
	size_t i;

	json_builder_set_member_name(b, "pages");
	json_builder_begin_array(b);
	for (i = 0; i < v->n; i++) {
		const struct result_page *p = v->v[i];

		json_builder_begin_object(b);
		jsonput_num(b, "n", true, p->n);
		jsonput_str(b, "method", p->method);
		jsonput_num(b, "confidence", p->confidence >= 0, p->confidence);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
}

char *
record_json(const struct result *r, bool pretty)
{
	JsonBuilder *b = json_builder_new();
	JsonGenerator *gen;
	JsonNode *root;
	char *out;

	json_builder_begin_object(b);
	jsonput_str(b, "schema", RESULT_SCHEMA);
	add_source(b, &r->source);
	jsonput_str(b, "status", result_status_name(r->status));
	json_builder_set_member_name(b, "error");
	if (r->status == RESULT_OK)
		json_builder_add_null_value(b);
	else {
		json_builder_begin_object(b);
		jsonput_str(b, "code", r->error_code);
		jsonput_str(b, "message", r->error_message);
		json_builder_end_object(b);
	}
	add_metadata(b, &r->metadata);
	add_sections(b, &r->sections);
	add_indicators(b, &r->indicators);
	add_flags(b, &r->flags);
	add_pages(b, &r->pages);
	json_builder_end_object(b);

	root = json_builder_get_root(b);
	gen = json_generator_new();
	json_generator_set_pretty(gen, pretty);
	json_generator_set_root(gen, root);
	out = json_generator_to_data(gen, NULL);
	g_object_unref(gen);
	json_node_unref(root);
	g_object_unref(b);
	return out;
}
