/* SPDX-License-Identifier: MIT */
/*
 * reportd-score: compares result records (reportd.result/1) with the
 * corpus truth files (<base>.truth.json) and prints, per input format,
 * how much of the truth the records got right.  See usage() for what is
 * counted and how.
 */
#include <getopt.h>
#include <glib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/text.h"
#include "tools/truth.h"

enum {
	F_DOCX,
	F_PDF_TEXT,
	F_PDF_SCAN,
	F_IMAGE,
	F_ALL,
	NFORMATS
};
static const char *const format_names[NFORMATS] = { "docx", "pdf_text",
	"pdf_scan", "image_scan", "all" };

enum {
	M_ISSUER,
	M_DOCNUM,
	M_DATE,
	M_PLABEL,
	M_PFROM,
	M_PTO,
	NMETA
};
static const char *const meta_names[NMETA] = { "issuer", "doc_number", "date",
	"period.label", "period.from", "period.to" };

struct tally {
	unsigned docs, not_ok;
	/* Appendix indicators. */
	unsigned ind_pred, ind_true, ind_hit, ind_id_hit;
	/* Metadata: right answers per field, over documents with a header. */
	unsigned meta_docs, meta_hit[NMETA];
	unsigned sec_true, sec_hit, sec_area_hit;
	unsigned narr_true, narr_pred, narr_hit;
	/* Flags (consistency checks). */
	unsigned flag_docs, flag_true, flag_hit, flag_false;
	unsigned flag_cons_docs, flag_false_cons, flag_other;
};

struct opts {
	const char *truth_dir;
	int only; /* a format index, or -1 */
	bool verbose;
	double min_p, min_r, min_meta, min_sec, min_narr;
	bool thresholds;
	double min_flag_r, max_false20; /* max_false20 < 0: no limit */
};

static struct tally tallies[NFORMATS];
static struct arena *scratch;

static void
usage(void)
{
	printf(
	    "usage: reportd-score [--truth DIR] [--format F] [--verbose]\n"
	    "                     [--min-precision P] [--min-recall R]\n"
	    "                     [--min-metadata M] [--min-sections S]\n"
	    "                     [--min-narrative N] [--min-flag-recall F]\n"
	    "                     [--max-false-per-20 X] RECORD...\n"
	    "\n"
	    "Compares result records with the truth files of a corpus folder\n"
	    "and prints scores per input format (docx, pdf_text, pdf_scan,\n"
	    "image_scan).  A RECORD is a JSON file holding one record or JSON\n"
	    "Lines (the output of `reportd extract`), or a folder of *.json.\n"
	    "Records are matched to DIR/<base>.truth.json by the submitted file\n"
	    "name, and the truth's `formats` list gives the file's format.\n"
	    "\n"
	    "What is counted:\n"
	    "  indicators   appendix rows only (source.origin \"appendix\").  A\n"
	    "               prediction is a row with an id; it is right when the\n"
	    "               truth has a row with that canonical id and the same\n"
	    "               value (both blank counts as the same).  Precision =\n"
	    "               right / predictions; recall = right / truth rows with\n"
	    "               a canonical id (for an image of one appendix page, the\n"
	    "               rows visible on it).  id-recall ignores values.\n"
	    "  metadata     per field, the share of documents where it equals the\n"
	    "               truth (NFC, spaces collapsed); images of an appendix\n"
	    "               page are left out.\n"
	    "  sections     truth reform-area headings found with the same area\n"
	    "               and heading text (diacritics, case and punctuation\n"
	    "               ignored); area-recall needs the area only.\n"
	    "  narrative    truth narrative_values found among the record's\n"
	    "               indicators with source.origin \"narrative\", same id\n"
	    "               and value, each prediction used once.\n"
	    "  flags        recall: planted inconsistencies (truth planted[])\n"
	    "               found by a flag of their class, of a class in their\n"
	    "               also_detectable_as or expected_flags, naming one of\n"
	    "               their ids (the class alone when either names none).\n"
	    "               An image of one page is judged only on the planted\n"
	    "               inconsistencies of the appendix whose rows are all\n"
	    "               on it.\n"
	    "               false: flags of the planted classes that find no\n"
	    "               planted inconsistency; also given per 20 consistent\n"
	    "               documents.  Flags of other classes are counted apart\n"
	    "               (not judged).  n/a until records carry flags.\n"
	    "\n"
	    "With thresholds, exit status 1 when a score of the chosen format\n"
	    "(all formats by default) is below its threshold; 2 on a usage or\n"
	    "read error; 0 otherwise.\n");
}

/* NFC with runs of white space as one space, trimmed; "" for NULL. */
static char *
norm(const char *s)
{
	gchar *n, **parts, *res;

	if (s == NULL)
		return g_strdup("");
	n = g_utf8_normalize(s, -1, G_NORMALIZE_NFC);
	if (n == NULL)
		return g_strdup("");
	parts = g_strsplit_set(g_strstrip(n), " \t\n\r", -1);
	{
		GString *out = g_string_new(NULL);
		size_t i;

		for (i = 0; parts[i] != NULL; i++) {
			if (parts[i][0] == '\0')
				continue;
			if (out->len > 0)
				g_string_append_c(out, ' ');
			g_string_append(out, parts[i]);
		}
		res = g_string_free(out, FALSE);
	}
	g_strfreev(parts);
	g_free(n);
	return res;
}

static bool
same_text(const char *a, const char *b)
{
	char *x = norm(a), *y = norm(b);
	bool eq = strcmp(x, y) == 0;

	g_free(x);
	g_free(y);
	return eq;
}

static bool
same_fold(const char *a, const char *b)
{
	const char *x, *y;

	if (a == NULL || b == NULL)
		return false;
	x = text_fold(scratch, a, strlen(a));
	y = text_fold(scratch, b, strlen(b));
	return x != NULL && y != NULL && strcmp(x, y) == 0;
}

/* Values: equal within rounding, or both absent. */
static bool
same_value(bool ha, double a, bool hb, double b)
{
	if (!ha || !hb)
		return ha == hb;
	return fabs(a - b) <= 1e-6 * fmax(1.0, fabs(b));
}

/* The base name of a submitted file: "x.docx", "x.scan.pdf",
 * "x.appendix-p6.png" all give "x". */
static char *
base_of(const char *name)
{
	const char *slash = strrchr(name, '/');
	char *b = g_strdup(slash != NULL ? slash + 1 : name), *p;

	p = strstr(b, ".appendix-p");
	if (p == NULL)
		p = strstr(b, ".scan.pdf");
	if (p == NULL)
		p = strrchr(b, '.');
	if (p != NULL)
		*p = '\0';
	return b;
}

static int
format_of(JsonObject *truth, const char *name, JsonObject **entry)
{
	JsonArray *fs = jsonget_arr(truth, "formats");
	const char *slash = strrchr(name, '/');
	const char *file = slash != NULL ? slash + 1 : name, *f;
	guint i;
	int k;

	*entry = NULL;
	for (i = 0; fs != NULL && i < json_array_get_length(fs); i++) {
		JsonObject *e = json_array_get_object_element(fs, i);

		if (g_strcmp0(jsonget_str(e, "file"), file) != 0)
			continue;
		*entry = e;
		f = jsonget_str(e, "format");
		for (k = 0; k < F_ALL; k++)
			if (g_strcmp0(f, format_names[k]) == 0)
				return k;
	}
	if (g_str_has_suffix(file, ".docx"))
		return F_DOCX;
	if (g_str_has_suffix(file, ".scan.pdf"))
		return F_PDF_SCAN;
	if (g_str_has_suffix(file, ".pdf"))
		return F_PDF_TEXT;
	return F_IMAGE;
}

/* The truth rows an input shows: all of them, or for an image of one
 * page the `indicator_indices` listed for it. */
static bool
row_visible(JsonObject *fentry, guint idx)
{
	JsonArray *ix = jsonget_arr(fentry, "indicator_indices");
	guint i;

	if (ix == NULL)
		return true;
	for (i = 0; i < json_array_get_length(ix); i++)
		if ((guint)json_array_get_int_element(ix, i) == idx)
			return true;
	return false;
}

struct pred {
	const char *id;
	bool has;
	double v;
	bool used;
};

static void
score_indicators(JsonObject *rec, JsonObject *truth, JsonObject *fentry,
    struct tally *t, const char *doc, bool verbose)
{
	JsonArray *ri = jsonget_arr(rec, "indicators");
	JsonArray *ti = jsonget_arr(truth, "indicators");
	JsonArray *tn = jsonget_arr(truth, "narrative_values");
	GArray *app = g_array_new(FALSE, TRUE, sizeof(struct pred));
	GArray *nar = g_array_new(FALSE, TRUE, sizeof(struct pred));
	guint i, j;
	bool image = jsonget_arr(fentry, "indicator_indices") != NULL;

	for (i = 0; ri != NULL && i < json_array_get_length(ri); i++) {
		JsonObject *o = json_array_get_object_element(ri, i);
		JsonObject *src = jsonget_obj(o, "source");
		struct pred p = { jsonget_str(o, "id"), false, 0, false };
		const char *origin = jsonget_str(src, "origin");

		if (p.id == NULL)
			continue;
		p.has = jsonget_num(o, "value", &p.v);
		if (g_strcmp0(origin, "narrative") == 0)
			g_array_append_val(nar, p);
		else
			g_array_append_val(app, p);
	}
	t->ind_pred += app->len;
	for (i = 0; ti != NULL && i < json_array_get_length(ti); i++) {
		JsonObject *o = json_array_get_object_element(ti, i);
		const char *id = jsonget_str(o, "canonical");
		double v = 0;
		bool has, hit = false, idhit = false;

		if (id == NULL || !row_visible(fentry, i))
			continue;
		has = jsonget_num(o, "value", &v);
		t->ind_true++;
		for (j = 0; j < app->len; j++) {
			struct pred *p = &g_array_index(app, struct pred, j);

			if (p->used || strcmp(p->id, id) != 0)
				continue;
			idhit = true;
			if (same_value(p->has, p->v, has, v)) {
				p->used = true;
				hit = true;
				break;
			}
		}
		t->ind_hit += hit;
		t->ind_id_hit += idhit;
		if (!hit && verbose) {
			char vb[32];

			(void)snprintf(vb, sizeof vb, "%g", v);
			printf("  %s: appendix %s = %s (raw \"%s\") %s\n", doc,
			    id, has ? vb : "blank",
			    jsonget_str(o, "raw") != NULL
				? jsonget_str(o, "raw")
				: "",
			    idhit ? "read with another value" : "not found");
		}
	}
	for (j = 0; verbose && j < app->len; j++) {
		struct pred *p = &g_array_index(app, struct pred, j);

		if (!p->used)
			printf("  %s: appendix %s = %g is not in the truth\n",
			    doc, p->id, p->v);
	}
	if (!image) {
		t->narr_pred += nar->len;
		for (i = 0; tn != NULL && i < json_array_get_length(tn); i++) {
			JsonObject *o = json_array_get_object_element(tn, i);
			const char *id = jsonget_str(o, "id");
			double v = 0;
			bool has = jsonget_num(o, "value", &v), hit = false;

			if (id == NULL)
				continue;
			t->narr_true++;
			for (j = 0; j < nar->len; j++) {
				struct pred *p =
				    &g_array_index(nar, struct pred, j);

				if (!p->used && strcmp(p->id, id) == 0 &&
				    same_value(p->has, p->v, has, v)) {
					p->used = true;
					hit = true;
					break;
				}
			}
			t->narr_hit += hit;
			if (!hit && verbose)
				printf("  %s: narrative %s = %g missed: %s\n",
				    doc, id, v, jsonget_str(o, "sentence"));
		}
		for (j = 0; verbose && j < nar->len; j++) {
			struct pred *p = &g_array_index(nar, struct pred, j);

			if (!p->used)
				printf("  %s: narrative %s = %g is not in the "
				       "truth\n",
				    doc, p->id, p->v);
		}
	}
	g_array_free(app, TRUE);
	g_array_free(nar, TRUE);
}

static void
score_metadata(JsonObject *rec, JsonObject *truth, struct tally *t,
    const char *doc, bool verbose)
{
	JsonObject *rm = jsonget_obj(rec, "metadata"),
		   *tm = jsonget_obj(truth, "metadata");
	JsonObject *rp = jsonget_obj(rm, "period");
	const char *got[NMETA], *want[NMETA];
	int k;

	got[M_ISSUER] = jsonget_str(rm, "issuer");
	got[M_DOCNUM] = jsonget_str(rm, "doc_number");
	got[M_DATE] = jsonget_str(rm, "date");
	got[M_PLABEL] = jsonget_str(rp, "label");
	got[M_PFROM] = jsonget_str(rp, "from");
	got[M_PTO] = jsonget_str(rp, "to");
	want[M_ISSUER] = jsonget_str(tm, "issuer");
	want[M_DOCNUM] = jsonget_str(tm, "doc_number");
	want[M_DATE] = jsonget_str(tm, "date");
	want[M_PLABEL] = jsonget_str(tm, "period_label");
	want[M_PFROM] = jsonget_str(tm, "period_from");
	want[M_PTO] = jsonget_str(tm, "period_to");
	t->meta_docs++;
	for (k = 0; k < NMETA; k++) {
		bool ok = want[k] == NULL
		    ? got[k] == NULL
		    : got[k] != NULL && same_text(got[k], want[k]);

		t->meta_hit[k] += ok;
		if (!ok && verbose)
			printf("  %s: %s is \"%s\", want \"%s\"\n", doc,
			    meta_names[k], got[k] != NULL ? got[k] : "(null)",
			    want[k] != NULL ? want[k] : "(null)");
	}
}

static void
score_sections(JsonObject *rec, JsonObject *truth, struct tally *t,
    const char *doc, bool verbose)
{
	JsonArray *rs = jsonget_arr(rec, "sections"),
		  *ts = jsonget_arr(truth, "sections");
	guint i, j;

	for (i = 0; ts != NULL && i < json_array_get_length(ts); i++) {
		JsonObject *o = json_array_get_object_element(ts, i);
		const char *area = jsonget_str(o, "area"),
			   *head = jsonget_str(o, "heading");
		bool hit = false, ahit = false;

		t->sec_true++;
		for (j = 0; rs != NULL && j < json_array_get_length(rs); j++) {
			JsonObject *s = json_array_get_object_element(rs, j);

			if (g_strcmp0(jsonget_str(s, "area"), area) != 0)
				continue;
			ahit = true;
			if (same_fold(jsonget_str(s, "heading"), head))
				hit = true;
		}
		t->sec_hit += hit;
		t->sec_area_hit += ahit;
		if (!hit && verbose)
			printf("  %s: section %s \"%s\" not found\n", doc, area,
			    head);
	}
}

/* ---- Flags (consistency checks) ---------------------------------
 *
 * The unit is a planted inconsistency (truth planted[]), not a flag: it
 * is found when a flag of its class, of a class in its
 * also_detectable_as, or of a class of its expected_flags names one of
 * its ids; when either side names no id (dates, periods, a fraction in
 * the text) the class alone decides.  A flag of one of the planted
 * classes that finds no planted inconsistency is a false flag, wherever
 * it is; flags of other classes (code_conflict, count_invalid, ...) are
 * counted apart, since the truth files do not judge them.
 */

/* Does flag `f` (of a record) find planted inconsistency `p`? */
static bool
flag_finds(JsonObject *f, JsonObject *p)
{
	JsonArray *fids = jsonget_arr(f, "indicators");
	guint i, n = fids != NULL ? json_array_get_length(fids) : 0;
	const char **ids = g_new0(const char *, n + 1);
	bool hit;

	for (i = 0; i < n; i++)
		ids[i] = json_array_get_string_element(fids, i);
	hit = truth_finds(p, jsonget_str(f, "rule"), ids, n);
	g_free(ids);
	return hit;
}

/* Can an input show planted inconsistency `p`?  A whole document can;
 * an image of one appendix page only when the inconsistency lies in the
 * appendix and every row it names is on that page: the rows on the
 * report's other pages, and its body, are not in the input. */
static bool
planted_visible(JsonObject *truth, JsonObject *fentry, JsonObject *p)
{
	JsonArray *ti = jsonget_arr(truth, "indicators");
	JsonArray *ids = jsonget_arr(p, "ids");
	const char *where = jsonget_str(p, "where");
	guint i, k, n = ti != NULL ? json_array_get_length(ti) : 0;

	if (jsonget_arr(fentry, "indicator_indices") == NULL)
		return true;
	if (where == NULL || strstr(where, "appendix") == NULL || ids == NULL ||
	    json_array_get_length(ids) == 0)
		return false;
	for (k = 0; k < json_array_get_length(ids); k++) {
		const char *id = json_array_get_string_element(ids, k);
		bool seen = false;

		for (i = 0; i < n && !seen; i++)
			seen = row_visible(fentry, i) &&
			    g_strcmp0(
				jsonget_str(
				    json_array_get_object_element(ti, i), "id"),
				id) == 0;
		if (!seen)
			return false;
	}
	return true;
}

static void
score_flags_planted(JsonObject *rec, JsonObject *truth, JsonObject *fentry,
    struct tally *t, const char *doc, bool verbose)
{
	JsonArray *rf = jsonget_arr(rec, "flags"),
		  *pl = jsonget_arr(truth, "planted");
	guint i, j, nf = rf != NULL ? json_array_get_length(rf) : 0;
	guint np = pl != NULL ? json_array_get_length(pl) : 0;

	/* Records without a "flags" member (mapping only) are not counted. */
	if (rec == NULL || !json_object_has_member(rec, "flags"))
		return;
	t->flag_docs++;
	if (np == 0)
		t->flag_cons_docs++;
	for (i = 0; i < np; i++) {
		JsonObject *p = json_array_get_object_element(pl, i);
		bool hit = false;

		/* Not in this input: a flag finding it still counts as
		 * right (below), missing it does not count against. */
		if (!planted_visible(truth, fentry, p))
			continue;
		t->flag_true++;

		for (j = 0; j < nf && !hit; j++)
			hit =
			    flag_finds(json_array_get_object_element(rf, j), p);
		t->flag_hit += hit;
		if (!hit && verbose)
			printf("  %s: planted %s not flagged: %s\n", doc,
			    jsonget_str(p, "class"),
			    jsonget_str(p, "description"));
	}
	for (j = 0; j < nf; j++) {
		JsonObject *f = json_array_get_object_element(rf, j);
		bool found = false;

		if (!truth_is_planted_class(jsonget_str(f, "rule"))) {
			t->flag_other++;
			if (verbose)
				printf("  %s: flag %s (not judged): %s\n", doc,
				    jsonget_str(f, "rule"),
				    jsonget_str(f, "message_en"));
			continue;
		}
		for (i = 0; i < np && !found; i++)
			found =
			    flag_finds(f, json_array_get_object_element(pl, i));
		if (found)
			continue;
		t->flag_false++;
		if (np == 0)
			t->flag_false_cons++;
		if (verbose)
			printf("  %s: false flag %s: %s\n", doc,
			    jsonget_str(f, "rule"),
			    jsonget_str(f, "message_en"));
	}
}

static void
add_tally(struct tally *to, const struct tally *from)
{
	int k;

	to->docs += from->docs;
	to->not_ok += from->not_ok;
	to->ind_pred += from->ind_pred;
	to->ind_true += from->ind_true;
	to->ind_hit += from->ind_hit;
	to->ind_id_hit += from->ind_id_hit;
	to->meta_docs += from->meta_docs;
	for (k = 0; k < NMETA; k++)
		to->meta_hit[k] += from->meta_hit[k];
	to->sec_true += from->sec_true;
	to->sec_hit += from->sec_hit;
	to->sec_area_hit += from->sec_area_hit;
	to->narr_true += from->narr_true;
	to->narr_pred += from->narr_pred;
	to->narr_hit += from->narr_hit;
	to->flag_docs += from->flag_docs;
	to->flag_true += from->flag_true;
	to->flag_hit += from->flag_hit;
	to->flag_false += from->flag_false;
	to->flag_cons_docs += from->flag_cons_docs;
	to->flag_false_cons += from->flag_false_cons;
	to->flag_other += from->flag_other;
}

/* Scores one record; false when its truth cannot be read. */
static bool
score_record(JsonObject *rec, const struct opts *o)
{
	JsonObject *src = jsonget_obj(rec, "source"), *truth, *fentry;
	const char *name = jsonget_str(src, "name");
	JsonParser *p;
	GError *ge = NULL;
	struct tally t;
	char *base, *path;
	int f;
	bool image;

	if (name == NULL) {
		fprintf(stderr, "reportd-score: a record has no source.name\n");
		return false;
	}
	base = base_of(name);
	path = g_strdup_printf("%s/%s.truth.json", o->truth_dir, base);
	p = json_parser_new();
	if (!json_parser_load_from_file(p, path, &ge)) {
		fprintf(stderr, "reportd-score: %s: %s (skipped)\n", path,
		    ge->message);
		g_error_free(ge);
		g_object_unref(p);
		g_free(path);
		g_free(base);
		return true;
	}
	truth = json_node_get_object(json_parser_get_root(p));
	f = format_of(truth, name, &fentry);
	if (o->only >= 0 && f != o->only)
		goto out;
	image = jsonget_arr(fentry, "indicator_indices") != NULL;
	memset(&t, 0, sizeof t);
	t.docs = 1;
	if (g_strcmp0(jsonget_str(rec, "status"), "ok") != 0) {
		t.not_ok = 1;
		if (o->verbose)
			printf("  %s: status %s\n", name,
			    jsonget_str(rec, "status") != NULL
				? jsonget_str(rec, "status")
				: "?");
	}
	score_indicators(rec, truth, fentry, &t, name, o->verbose);
	if (!image) {
		score_metadata(rec, truth, &t, name, o->verbose);
		score_sections(rec, truth, &t, name, o->verbose);
	}
	score_flags_planted(rec, truth, fentry, &t, name, o->verbose);
	add_tally(&tallies[f], &t);
	add_tally(&tallies[F_ALL], &t);
out:
	g_object_unref(p);
	g_free(path);
	g_free(base);
	return true;
}

/* A file of one JSON record or JSON Lines. */
static bool
score_file(const char *path, const struct opts *o)
{
	gchar *data = NULL, **lines;
	gsize len;
	GError *ge = NULL;
	bool ok = true;
	size_t i;

	if (!g_file_get_contents(path, &data, &len, &ge)) {
		fprintf(stderr, "reportd-score: %s\n", ge->message);
		g_error_free(ge);
		return false;
	}
	/* A pretty-printed record spans lines: try the whole file first. */
	{
		JsonParser *p = json_parser_new();

		if (json_parser_load_from_data(p, data, (gssize)len, NULL) &&
		    JSON_NODE_HOLDS_OBJECT(json_parser_get_root(p))) {
			ok = score_record(
			    json_node_get_object(json_parser_get_root(p)), o);
			g_object_unref(p);
			g_free(data);
			return ok;
		}
		g_object_unref(p);
	}
	lines = g_strsplit(data, "\n", -1);
	for (i = 0; lines[i] != NULL && ok; i++) {
		JsonParser *p;

		if (g_strstrip(lines[i])[0] == '\0')
			continue;
		p = json_parser_new();
		if (!json_parser_load_from_data(p, lines[i], -1, &ge) ||
		    !JSON_NODE_HOLDS_OBJECT(json_parser_get_root(p))) {
			fprintf(stderr, "reportd-score: %s:%zu: %s\n", path,
			    i + 1, ge != NULL ? ge->message : "not an object");
			g_clear_error(&ge);
			ok = false;
		} else {
			ok = score_record(
			    json_node_get_object(json_parser_get_root(p)), o);
		}
		g_object_unref(p);
	}
	g_strfreev(lines);
	g_free(data);
	return ok;
}

static bool
score_path(const char *path, const struct opts *o)
{
	GDir *dir;
	const char *n;
	GPtrArray *names;
	bool ok = true;
	guint i;

	if (!g_file_test(path, G_FILE_TEST_IS_DIR))
		return score_file(path, o);
	dir = g_dir_open(path, 0, NULL);
	if (dir == NULL) {
		fprintf(stderr, "reportd-score: cannot read %s\n", path);
		return false;
	}
	names = g_ptr_array_new_with_free_func(g_free);
	while ((n = g_dir_read_name(dir)) != NULL)
		if (g_str_has_suffix(n, ".json") &&
		    !g_str_has_suffix(n, ".truth.json"))
			g_ptr_array_add(names, g_build_filename(path, n, NULL));
	g_dir_close(dir);
	g_ptr_array_sort(names, (GCompareFunc)(void (*)(void))g_strcmp0);
	for (i = 0; i < names->len && ok; i++)
		ok = score_file(names->pdata[i], o);
	g_ptr_array_free(names, TRUE);
	return ok;
}

static double
ratio(unsigned a, unsigned b)
{
	return b == 0 ? NAN : (double)a / b;
}

static void
print_ratio(double r)
{
	if (isnan(r))
		printf("  %7s", "n/a");
	else
		printf("  %7.3f", r);
}

static unsigned
meta_all(const struct tally *t)
{
	unsigned k, s = 0;

	for (k = 0; k < NMETA; k++)
		s += t->meta_hit[k];
	return s;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "truth", required_argument, NULL, 't' },
		{ "format", required_argument, NULL, 'f' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "min-precision", required_argument, NULL, 'P' },
		{ "min-recall", required_argument, NULL, 'R' },
		{ "min-metadata", required_argument, NULL, 'M' },
		{ "min-sections", required_argument, NULL, 'S' },
		{ "min-narrative", required_argument, NULL, 'N' },
		{ "min-flag-recall", required_argument, NULL, 'F' },
		{ "max-false-per-20", required_argument, NULL, 'X' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct opts o = { "../shared/corpus", -1, false, 0, 0, 0, 0, 0, false,
		0, -1 };
	int c, i, k, rc = 0;
	bool ok = true;

	while ((c = getopt_long(argc, argv, "t:f:vh", longopts, NULL)) != -1) {
		switch (c) {
		case 't':
			o.truth_dir = optarg;
			break;
		case 'f':
			for (k = 0; k < F_ALL; k++)
				if (strcmp(optarg, format_names[k]) == 0)
					o.only = k;
			if (o.only < 0) {
				fprintf(stderr,
				    "reportd-score: unknown format %s (docx, "
				    "pdf_text, pdf_scan, image_scan)\n",
				    optarg);
				return 2;
			}
			break;
		case 'v':
			o.verbose = true;
			break;
		case 'P':
		case 'R':
		case 'M':
		case 'S':
		case 'N':
		case 'F':
		case 'X': {
			double v = g_ascii_strtod(optarg, NULL);

			o.thresholds = true;
			if (c == 'F') {
				o.min_flag_r = v;
				break;
			}
			if (c == 'X') {
				o.max_false20 = v;
				break;
			}
			if (c == 'P')
				o.min_p = v;
			else if (c == 'R')
				o.min_r = v;
			else if (c == 'M')
				o.min_meta = v;
			else if (c == 'S')
				o.min_sec = v;
			else
				o.min_narr = v;
			break;
		}
		case 'h':
			usage();
			return 0;
		default:
			usage();
			return 2;
		}
	}
	if (optind >= argc) {
		usage();
		return 2;
	}
	if (!g_file_test(o.truth_dir, G_FILE_TEST_IS_DIR)) {
		fprintf(stderr,
		    "reportd-score: truth folder %s does not exist\n",
		    o.truth_dir);
		return 2;
	}
	scratch = arena_new(64u << 20);
	for (i = optind; i < argc; i++)
		ok = score_path(argv[i], &o) && ok;

	printf("%-10s %5s %6s %8s %8s %8s %8s %8s %8s %8s %8s %6s\n", "format",
	    "docs", "failed", "ind.P", "ind.R", "id.R", "meta", "sect.R",
	    "narr.R", "narr.P", "flag.R", "false");
	for (k = 0; k < NFORMATS; k++) {
		const struct tally *t = &tallies[k];

		if (t->docs == 0)
			continue;
		printf("%-10s %5u %6u", format_names[k], t->docs, t->not_ok);
		print_ratio(ratio(t->ind_hit, t->ind_pred));
		print_ratio(ratio(t->ind_hit, t->ind_true));
		print_ratio(ratio(t->ind_id_hit, t->ind_true));
		print_ratio(ratio(meta_all(t), t->meta_docs * NMETA));
		print_ratio(ratio(t->sec_hit, t->sec_true));
		print_ratio(ratio(t->narr_hit, t->narr_true));
		print_ratio(ratio(t->narr_hit, t->narr_pred));
		print_ratio(ratio(t->flag_hit, t->flag_true));
		if (t->flag_docs == 0)
			printf("  %4s\n", "n/a");
		else
			printf("  %4u\n", t->flag_false);
	}
	for (k = 0; k < NFORMATS; k++) {
		const struct tally *t = &tallies[k];

		if (t->flag_docs == 0)
			continue;
		printf(
		    "flags %-10s planted found %u/%u, false flags %u (%u on "
		    "%u consistent documents: %.2f per 20), other flags %u\n",
		    format_names[k], t->flag_hit, t->flag_true, t->flag_false,
		    t->flag_false_cons, t->flag_cons_docs,
		    t->flag_cons_docs == 0
			? 0.0
			: 20.0 * t->flag_false / t->flag_cons_docs,
		    t->flag_other);
	}
	for (k = 0; k < NFORMATS; k++) {
		const struct tally *t = &tallies[k];
		int m;

		if (t->meta_docs == 0)
			continue;
		printf("metadata %-10s", format_names[k]);
		for (m = 0; m < NMETA; m++)
			printf(" %s %u/%u", meta_names[m], t->meta_hit[m],
			    t->meta_docs);
		printf("\n");
	}
	if (o.thresholds) {
		const struct tally *t = &tallies[o.only >= 0 ? o.only : F_ALL];
		struct {
			const char *what;
			double got, min;
		} th[] = {
			{ "indicator precision", ratio(t->ind_hit, t->ind_pred),
			    o.min_p },
			{ "indicator recall", ratio(t->ind_hit, t->ind_true),
			    o.min_r },
			{ "metadata accuracy",
			    ratio(meta_all(t), t->meta_docs * NMETA),
			    o.min_meta },
			{ "section recall", ratio(t->sec_hit, t->sec_true),
			    o.min_sec },
			{ "narrative recall", ratio(t->narr_hit, t->narr_true),
			    o.min_narr },
		};
		size_t n;

		if (t->docs == 0) {
			printf("FAIL: no records were scored\n");
			rc = 1;
		}
		if (o.min_flag_r > 0 &&
		    (t->flag_true == 0 ||
			ratio(t->flag_hit, t->flag_true) < o.min_flag_r)) {
			printf("FAIL: flag recall %.3f is below %.3f\n",
			    ratio(t->flag_hit, t->flag_true), o.min_flag_r);
			rc = 1;
		}
		if (o.max_false20 >= 0 && t->flag_cons_docs > 0 &&
		    20.0 * t->flag_false / t->flag_cons_docs > o.max_false20) {
			printf("FAIL: %.2f false flags per 20 consistent "
			       "documents, more than %.2f\n",
			    20.0 * t->flag_false / t->flag_cons_docs,
			    o.max_false20);
			rc = 1;
		}
		for (n = 0; n < sizeof th / sizeof th[0]; n++) {
			if (th[n].min <= 0)
				continue;
			if (isnan(th[n].got) || th[n].got < th[n].min) {
				printf("FAIL: %s %.3f is below %.3f\n",
				    th[n].what, th[n].got, th[n].min);
				rc = 1;
			}
		}
	}
	arena_free(scratch);
	if (!ok)
		return 2;
	return rc;
}
