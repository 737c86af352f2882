/* SPDX-License-Identifier: MIT */
/*
 * docx_corpus: every DOCX with ground truth is read, and its truth holds
 * in the model.  Each appendix row of `indicators` (code, label, unit and
 * raw value, compared after NFC and whitespace collapsing) must be the
 * cells of one table row, and each narrative sentence must be a
 * paragraph, in document order, with its diacritics.  The samples in
 * corpus/samples (in the repository) always run; the full corpus in
 * $SHARED/corpus runs when that folder exists (it does in CI).
 */
#include <glib.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/doc.h"
#include "core/limits.h"
#include "daemon/readfile.h"
#include "parsers/docx.h"
#include "tests/check.h"

/* NFC, whitespace runs to one space, trimmed; g_free() it. */
static char *
norm(const char *s)
{
	gchar *nfc = g_utf8_normalize(s, -1, G_NORMALIZE_NFC);
	GString *out = g_string_new(NULL);
	const char *p;
	bool space = false;

	for (p = nfc != NULL ? nfc : ""; *p != '\0'; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);

		if (g_unichar_isspace(c) || c == 0x00A0) {
			space = out->len > 0;
			continue;
		}
		if (space)
			g_string_append_c(out, ' ');
		space = false;
		g_string_append_unichar(out, c);
	}
	g_free(nfc);
	return g_string_free(out, FALSE);
}

/* One table row as normalised cell texts (a merged cell counts in
 * every row it covers). */
struct row {
	GPtrArray *cells;
	unsigned order; /* document order of the row */
};

static void
collect(
    const struct ptrvec *blocks, GPtrArray *rows, GPtrArray *paras, int depth)
{
	size_t i;
	unsigned r, c;

	if (depth > 32)
		return;
	for (i = 0; i < blocks->n; i++) {
		const struct doc_block *b = blocks->v[i];

		if (b->kind != DOC_TABLE) {
			g_ptr_array_add(paras, norm(b->text));
			continue;
		}
		for (r = 0; r < doc_table_nrows(b->table); r++) {
			struct row *rw = g_new0(struct row, 1);
			const struct doc_row *dr = b->table->rows.v[r];

			rw->cells = g_ptr_array_new_with_free_func(g_free);
			rw->order = rows->len;
			for (c = 0; c < b->table->ncols; c++) {
				const struct doc_cell *cl =
				    doc_table_cell_at(b->table, r, c);

				if (cl != NULL && cl->col == c)
					g_ptr_array_add(
					    rw->cells, norm(cl->text));
			}
			g_ptr_array_add(rows, rw);
			for (c = 0; c < dr->cells.n; c++) {
				const struct doc_cell *cl = dr->cells.v[c];

				collect(&cl->blocks, rows, paras, depth + 1);
			}
		}
	}
}

static void
row_free(gpointer p)
{
	struct row *r = p;

	g_ptr_array_free(r->cells, TRUE);
	g_free(r);
}

static bool
row_has(const struct row *r, const char *want)
{
	guint i;

	if (want[0] == '\0')
		return true;
	for (i = 0; i < r->cells->len; i++)
		if (strcmp(g_ptr_array_index(r->cells, i), want) == 0)
			return true;
	return false;
}

static const char *
member(JsonObject *o, const char *name)
{
	if (!json_object_has_member(o, name) ||
	    json_object_get_null_member(o, name))
		return "";
	return json_object_get_string_member(o, name);
}

/* Checks one document; returns the number of failures. */
static int
check_doc(const char *docx, const char *truth)
{
	struct limits lim;
	struct arena *a = NULL;
	struct doc *d = NULL;
	struct diag dg;
	uint8_t *data = NULL;
	size_t len = 0;
	JsonParser *jp = json_parser_new();
	GError *err = NULL;
	GPtrArray *rows = g_ptr_array_new_with_free_func(row_free);
	GPtrArray *paras = g_ptr_array_new_with_free_func(g_free);
	JsonObject *root;
	JsonArray *arr;
	guint i, j, nind = 0, nsent = 0, from = 0;
	int fails = 0;
	const char *last_sentence = NULL;

	limits_default(&lim);
	diag_init(&dg);
	if (!json_parser_load_from_file(jp, truth, &err)) {
		fprintf(stderr, "%s: %s\n", truth, err->message);
		g_error_free(err);
		fails++;
		goto out;
	}
	a = arena_new(lim.arena_max);
	if (readfile(docx, lim.input_max, &data, &len, &dg) != ERR_OK ||
	    docx_parse(data, len, &lim, a, &d, &dg) != ERR_OK) {
		fprintf(stderr, "%s: %s\n", docx, dg.msg);
		fails++;
		goto out;
	}
	collect(&d->blocks, rows, paras, 0);
	root = json_node_get_object(json_parser_get_root(jp));

	arr = json_object_get_array_member(root, "indicators");
	for (i = 0; i < json_array_get_length(arr); i++) {
		JsonObject *ind = json_array_get_object_element(arr, i);
		char *code = norm(member(ind, "code"));
		char *label = norm(member(ind, "label"));
		char *unit = norm(member(ind, "unit"));
		char *raw = norm(member(ind, "raw"));
		bool found = false;

		for (j = 0; j < rows->len && !found; j++) {
			const struct row *r = g_ptr_array_index(rows, j);

			found = row_has(r, label) && row_has(r, code) &&
			    row_has(r, unit) && row_has(r, raw);
		}
		if (!found) {
			fprintf(stderr,
			    "%s: no table row holds [%s | %s | %s | %s]\n",
			    docx, code, label, unit, raw);
			fails++;
		}
		nind++;
		g_free(code);
		g_free(label);
		g_free(unit);
		g_free(raw);
	}

	arr = json_object_get_array_member(root, "narrative_values");
	for (i = 0; i < json_array_get_length(arr); i++) {
		JsonObject *nv = json_array_get_object_element(arr, i);
		const char *s = member(nv, "sentence");
		char *want;
		bool found = false;

		/* Several values can share one sentence. */
		if (last_sentence != NULL && strcmp(s, last_sentence) == 0)
			continue;
		last_sentence = s;
		want = norm(s);
		for (j = from; j < paras->len && !found; j++) {
			if (strcmp(g_ptr_array_index(paras, j), want) == 0) {
				found = true;
				from = j;
			}
		}
		if (!found) {
			fprintf(stderr,
			    "%s: no paragraph at or after #%u reads \"%s\"\n",
			    docx, from, want);
			fails++;
		}
		nsent++;
		g_free(want);
	}
	printf("%s: %u appendix rows, %u sentences, %d missing\n",
	    strrchr(docx, '/') + 1, nind, nsent, fails);
	if (nind == 0) {
		fprintf(stderr, "%s: the truth lists no indicators\n", truth);
		fails++;
	}
out:
	g_ptr_array_free(rows, TRUE);
	g_ptr_array_free(paras, TRUE);
	g_object_unref(jp);
	free(data);
	arena_free(a);
	return fails;
}

static gint
cmp_names(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every NAME.docx in `docx_dir` whose NAME.truth.json is in
 * `truth_dir`; returns the number checked, adds failures. */
static int
check_dir(const char *docx_dir, const char *truth_dir, int *fails)
{
	GDir *dir = g_dir_open(docx_dir, 0, NULL);
	const char *name;
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
	guint i;
	int n = 0;

	if (dir == NULL)
		return -1;
	while ((name = g_dir_read_name(dir)) != NULL)
		if (g_str_has_suffix(name, ".docx"))
			g_ptr_array_add(names, g_strdup(name));
	g_dir_close(dir);
	g_ptr_array_sort(names, cmp_names);
	for (i = 0; i < names->len; i++) {
		const char *nm = g_ptr_array_index(names, i);
		gchar *base = g_strndup(nm, strlen(nm) - 5);
		gchar *truth =
		    g_strdup_printf("%s/%s.truth.json", truth_dir, base);
		gchar *docx = g_strdup_printf("%s/%s", docx_dir, nm);

		if (g_file_test(truth, G_FILE_TEST_EXISTS)) {
			*fails += check_doc(docx, truth);
			n++;
		}
		g_free(base);
		g_free(truth);
		g_free(docx);
	}
	g_ptr_array_free(names, TRUE);
	return n;
}

static void
test_docx_corpus_samples(void)
{
	const char *src = getenv("SRC");
	gchar *d, *t;
	int fails = 0, n;

	d = g_strdup_printf("%s/corpus/samples", src != NULL ? src : ".");
	t = g_strdup_printf("%s/corpus/truth", src != NULL ? src : ".");
	n = check_dir(d, t, &fails);
	CHECK(n >= 2);
	CHECK(fails == 0);
	g_free(d);
	g_free(t);
}

static void
test_docx_corpus_shared(void)
{
	const char *shared = getenv("SHARED");
	gchar *d;
	int fails = 0, n;

	d = g_strdup_printf("%s/corpus", shared != NULL ? shared : "");
	if (shared == NULL || !g_file_test(d, G_FILE_TEST_IS_DIR)) {
		printf(
		    "skipped: the shared corpus (%s) is not here; set SHARED "
		    "to the folder holding corpus/ to run it\n",
		    shared != NULL ? d : "$SHARED unset");
		g_free(d);
		return;
	}
	n = check_dir(d, d, &fails);
	CHECK(n >= 10);
	CHECK(fails == 0);
	g_free(d);
}

int
main(void)
{
	RUN(test_docx_corpus_samples);
	RUN(test_docx_corpus_shared);
	return check_done();
}
