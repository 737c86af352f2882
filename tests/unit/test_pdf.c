/* SPDX-License-Identifier: MIT */
/*
 * parsers/pdf: the text PDFs of the sample corpus against their truth
 * files (every appendix row in one table row, narrative sentences in
 * order), real documents (signed exports, scans, a garbage text layer,
 * banner-only scans, TCVN3 fonts), and hostile files (truncated,
 * password-protected, random bytes, absurd page size, huge page count).
 * Tests that need ../shared skip with a message when it is absent; the
 * sample in corpus/samples is always there.
 */
#include <dirent.h>
#include <glib.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/doc.h"
#include "core/limits.h"
#include "core/text.h"
#include "daemon/readfile.h"
#include "parsers/pdf.h"
#include "parsers/pdf_int.h"
#include "tests/check.h"

/* ------------------------------------------------------------------ */
/* Helpers                                                              */

/* NFC, whitespace runs to one space, trimmed; g_free() the result. */
static char *
norm(const char *s)
{
	gchar *n = g_utf8_normalize(s, -1, G_NORMALIZE_NFC);
	GString *out = g_string_new(NULL);
	const char *p;
	bool space = false;

	for (p = n != NULL ? n : ""; *p != '\0'; p = g_utf8_next_char(p)) {
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
	g_free(n);
	return g_string_free(out, FALSE);
}

static struct doc *
parse_file(const char *path, struct arena **a, size_t *nocr, struct diag *dg)
{
	struct limits lim;
	uint8_t *data = NULL;
	size_t len = 0;
	struct doc *d = NULL;

	limits_default(&lim);
	diag_init(dg);
	*a = arena_new(lim.arena_max);
	if (*a == NULL)
		return NULL;
	if (readfile(path, lim.input_max, &data, &len, dg) != ERR_OK)
		return NULL;
	if (pdf_parse(data, len, &lim, *a, &d, nocr, dg) != ERR_OK)
		d = NULL;
	free(data);
	return d;
}

static const char *
shared_dir(void)
{
	const char *s = getenv("SHARED");

	if (s == NULL || !g_file_test(s, G_FILE_TEST_IS_DIR))
		return NULL;
	return s;
}

static const char *
src_dir(void)
{
	const char *s = getenv("SRC");

	return s != NULL ? s : ".";
}

/* Body text of the document: paragraphs and headings joined by one
 * space, normalised. */
static char *
body_text(const struct doc *d)
{
	GString *s = g_string_new(NULL);
	size_t i;
	char *n;

	for (i = 0; i < d->blocks.n; i++) {
		const struct doc_block *b = d->blocks.v[i];

		if (b->kind == DOC_TABLE)
			continue;
		g_string_append(s, b->text);
		g_string_append_c(s, ' ');
	}
	n = norm(s->str);
	g_string_free(s, TRUE);
	return n;
}

/* Whether one row of a top-level table holds all of `want` (normalised
 * strings; empty ones are not looked for), each in its own cell. */
static bool
row_has(const struct doc *d, char *const *want, size_t nwant)
{
	size_t i;

	for (i = 0; i < d->blocks.n; i++) {
		const struct doc_block *b = d->blocks.v[i];
		unsigned r, c;

		if (b->kind != DOC_TABLE)
			continue;
		for (r = 0; r < doc_table_nrows(b->table); r++) {
			size_t k, found = 0;
			const struct doc_cell *used[16] = { NULL };

			for (k = 0; k < nwant && k < 16; k++) {
				if (want[k][0] == '\0') {
					found++;
					continue;
				}
				for (c = 0; c < b->table->ncols; c++) {
					const struct doc_cell *cell =
					    doc_table_cell_at(b->table, r, c);
					char *t;
					bool eq, taken = false;
					size_t u;

					if (cell == NULL)
						continue;
					for (u = 0; u < k; u++)
						taken |= used[u] == cell;
					if (taken)
						continue;
					t = norm(cell->text);
					eq = strcmp(t, want[k]) == 0;
					g_free(t);
					if (eq) {
						used[k] = cell;
						found++;
						break;
					}
				}
			}
			if (found == nwant)
				return true;
		}
	}
	return false;
}

struct truth_score {
	unsigned rows, rows_ok;
	unsigned sentences, sentences_ok;
	unsigned whole; /* sentences that are a whole paragraph */
};

static bool
is_paragraph(const struct doc *d, const char *s)
{
	size_t i;
	bool eq = false;

	for (i = 0; i < d->blocks.n && !eq; i++) {
		const struct doc_block *b = d->blocks.v[i];
		char *t;

		if (b->kind == DOC_TABLE)
			continue;
		t = norm(b->text);
		eq = strcmp(t, s) == 0;
		g_free(t);
	}
	return eq;
}

/* Checks `d` against the truth file at `truth`; prints what is missing
 * and adds to *sc. */
static void
check_truth(const char *name, const struct doc *d, const char *truth,
    struct truth_score *sc)
{
	JsonParser *jp = json_parser_new();
	JsonObject *root;
	JsonArray *ind, *nar;
	GError *err = NULL;
	char *body;
	const char *pos;
	char *prev = NULL;
	guint i;

	if (!json_parser_load_from_file(jp, truth, &err)) {
		fprintf(stderr, "%s: %s\n", truth, err->message);
		g_error_free(err);
		CHECK(0);
		g_object_unref(jp);
		return;
	}
	root = json_node_get_object(json_parser_get_root(jp));
	ind = json_object_get_array_member(root, "indicators");
	for (i = 0; i < json_array_get_length(ind); i++) {
		JsonObject *o = json_array_get_object_element(ind, i);
		char *want[4];
		size_t k;

		want[0] = norm(json_object_get_string_member(o, "code"));
		want[1] = norm(json_object_get_string_member(o, "label"));
		want[2] = norm(json_object_get_string_member(o, "unit"));
		want[3] = norm(json_object_get_string_member(o, "raw"));
		sc->rows++;
		if (row_has(d, want, 4))
			sc->rows_ok++;
		else
			fprintf(stderr, "%s: no row [%s | %s | %s | %s]\n",
			    name, want[0], want[1], want[2], want[3]);
		for (k = 0; k < 4; k++)
			g_free(want[k]);
	}
	/* Sentences in order; the same sentence may carry several values. */
	body = body_text(d);
	pos = body;
	nar = json_object_get_array_member(root, "narrative_values");
	for (i = 0; i < json_array_get_length(nar); i++) {
		JsonObject *o = json_array_get_object_element(nar, i);
		char *s = norm(json_object_get_string_member(o, "sentence"));
		const char *hit;

		if (prev != NULL && strcmp(prev, s) == 0) {
			g_free(s);
			continue;
		}
		g_free(prev);
		prev = s;
		sc->sentences++;
		sc->whole += is_paragraph(d, s);
		hit = strstr(pos, s);
		if (hit != NULL) {
			sc->sentences_ok++;
			pos = hit + strlen(s);
		} else
			fprintf(stderr, "%s: sentence not found in order: %s\n",
			    name, s);
	}
	g_free(prev);
	g_free(body);
	g_object_unref(jp);
}

/* ------------------------------------------------------------------ */
/* The corpus                                                           */

static void
check_corpus_pdf(const char *dir, const char *truthdir, const char *base,
    struct truth_score *total)
{
	char *pdf = g_strdup_printf("%s/%s.pdf", dir, base);
	char *truth = g_strdup_printf("%s/%s.truth.json", truthdir, base);
	struct truth_score sc = { 0, 0, 0, 0, 0 };
	struct arena *a = NULL;
	struct diag dg;
	size_t nocr = 99;
	struct doc *d = parse_file(pdf, &a, &nocr, &dg);

	CHECK(d != NULL);
	if (d == NULL)
		fprintf(stderr, "%s: %s\n", pdf, dg.msg);
	else {
		CHECK(nocr == 0);
		check_truth(base, d, truth, &sc);
		CHECK(sc.rows_ok == sc.rows);
		CHECK(sc.sentences_ok == sc.sentences);
		printf("%s: %u/%u appendix rows, %u/%u sentences\n", base,
		    sc.rows_ok, sc.rows, sc.sentences_ok, sc.sentences);
		total->rows += sc.rows;
		total->rows_ok += sc.rows_ok;
		total->sentences += sc.sentences;
		total->sentences_ok += sc.sentences_ok;
		total->whole += sc.whole;
	}
	arena_free(a);
	g_free(pdf);
	g_free(truth);
}

static void
test_pdf_sample_matches_truth(void)
{
	struct truth_score t = { 0, 0, 0, 0, 0 };
	char *dir = g_strdup_printf("%s/corpus/samples", src_dir());
	char *tdir = g_strdup_printf("%s/corpus/truth", src_dir());

	check_corpus_pdf(dir, tdir, "dev-04-tinh-ha-m9-2024", &t);
	CHECK(t.rows > 60);
	g_free(dir);
	g_free(tdir);
}

static void
test_pdf_corpus_matches_truth(void)
{
	const char *sh = shared_dir();
	struct truth_score t = { 0, 0, 0, 0, 0 };
	char *dir;
	GDir *gd;
	const char *ent;
	unsigned ndocs = 0;

	if (sh == NULL) {
		printf("skip: no shared corpus (SHARED unset or absent)\n");
		return;
	}
	dir = g_strdup_printf("%s/corpus", sh);
	gd = g_dir_open(dir, 0, NULL);
	CHECK(gd != NULL);
	while (gd != NULL && (ent = g_dir_read_name(gd)) != NULL) {
		char *base;

		if (!g_str_has_suffix(ent, ".pdf") ||
		    g_str_has_suffix(ent, ".scan.pdf"))
			continue;
		base = g_strndup(ent, strlen(ent) - 4);
		check_corpus_pdf(dir, dir, base, &t);
		ndocs++;
		g_free(base);
	}
	if (gd != NULL)
		g_dir_close(gd);
	printf("corpus: %u text PDFs, %u/%u appendix rows, %u/%u "
	       "sentences in order, %u of them whole paragraphs\n",
	    ndocs, t.rows_ok, t.rows, t.sentences_ok, t.sentences, t.whole);
	CHECK(ndocs >= 10);
	g_free(dir);
}

int
main(void)
{
	RUN(test_pdf_sample_matches_truth);
	RUN(test_pdf_corpus_matches_truth);
	return check_done();
}
