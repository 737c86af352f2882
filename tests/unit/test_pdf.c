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
#include <cairo-pdf.h>
#include <cairo.h>
#include <dirent.h>
#include <glib.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/doc.h"
#include "core/limits.h"
#include "core/text.h"
#include "daemon/pipeline.h"
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

	for (p = n != NULL ? n : ""; *p != '\0';
	     p += g_utf8_skip[*(const guchar *)p]) {
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

/* ------------------------------------------------------------------ */
/* Real documents                                                       */

/* Opens and reads `path`; *notes gets a copy of each page's note
 * ("" when the text layer was used), joined by '|'. */
static struct doc *
read_real(const char *path, struct arena **a, size_t *nocr, unsigned *npages,
    GString *notes, struct diag *dg)
{
	struct limits lim;
	uint8_t *data = NULL;
	size_t len = 0;
	struct doc *d = NULL;
	struct pdf *p = NULL;
	const unsigned *ocr;
	unsigned i;

	limits_default(&lim);
	diag_init(dg);
	*a = arena_new(lim.arena_max);
	if (readfile(path, lim.input_max, &data, &len, dg) != ERR_OK)
		return NULL;
	if (pdf_open(data, len, &lim, &p, dg) == ERR_OK &&
	    pdf_extract(p, *a, &d, dg) == ERR_OK) {
		*nocr = pdf_ocr_pages(p, &ocr);
		*npages = pdf_npages(p);
		for (i = 1; i <= *npages; i++) {
			const char *n = pdf_page_note(p, i);

			g_string_append(notes, n != NULL ? n : "");
			g_string_append_c(notes, '|');
		}
	}
	pdf_free(p);
	free(data);
	return d;
}

static char *
all_text(const struct doc *d)
{
	GString *s = g_string_new(NULL);
	size_t i, r, c;

	for (i = 0; i < d->blocks.n; i++) {
		const struct doc_block *b = d->blocks.v[i];

		if (b->kind != DOC_TABLE) {
			g_string_append(s, b->text);
			g_string_append_c(s, '\n');
			continue;
		}
		for (r = 0; r < b->table->rows.n; r++) {
			const struct doc_row *row = b->table->rows.v[r];

			for (c = 0; c < row->cells.n; c++) {
				const struct doc_cell *cell = row->cells.v[c];

				g_string_append(s, cell->text);
				g_string_append_c(s, '\n');
			}
		}
	}
	return g_string_free(s, FALSE);
}

struct real_case {
	const char *file;
	bool all_ocr;        /* every page needs OCR */
	const char *note;    /* a word the notes must contain, or NULL */
	const char *want[3]; /* phrases the text must contain (text pages) */
};

static const struct real_case real_cases[] = {
	/* Word exports, signed: text, and no signing banner in it. */
	{ "bnv_cv8151_cchc_2025_signed.pdf", false, NULL,
	    { "Quyết định số 145/QĐ-BNV", "BỘ NỘI VỤ",
		"Độc lập - Tự do - Hạnh phúc" } },
	{ "thpt_caolanh2_kh58_2026_signed.pdf", false, NULL,
	    { "Số: 58/KH-THPTCL2", "Kế hoạch 620/KH-SGDĐT",
		"TRƯỜNG THPT CAO LÃNH 2" } },
	{ "binhthuan_snv_totrinh3367_2024_signed.pdf", false, NULL,
	    { "Số: 3367/TTr-SNV", "SỞ NỘI VỤ", "TỜ TRÌNH" } },
	{ "ubnd_tinh_qd2061_danhmuc_phuluc_2026_excel.pdf", false, NULL,
	    { "CH.VT.01", "Tiếp nhận văn bản đến, phát hành văn bản đi",
		"VĂN THƯ, LƯU TRỮ" } },
	/* TCVN3 (.VnTime) text layers come out as Unicode. */
	{ "mpi_bc_congnghiep_t02_2007_tcvn3.pdf", false, NULL,
	    { "BÁO CÁO VỀ TÌNH HÌNH SẢN XUẤT KINH DOANH",
		"giá trị sản xuất công nghiệp", "Nguồn: VỤ KINH TẾ" } },
	{ "mpi_bc_kehoach_2005_tcvn3.pdf", false, NULL,
	    { "Quốc hội khoá XI tại kỳ họp thứ 4",
		"ĐÁNH GIÁ KHẢ NĂNG THỰC HIỆN NGHỊ QUYẾT QUỐC HỘI",
		"khu vực nông, lâm ngư nghiệp" } },
	/* Scans without text. */
	{ "bca_c04_cv3980_2025_scan_dauden.pdf", true, "no text", { NULL } },
	{ "phutho_ubnd_vp_kstthc_2011_scan.pdf", true, "no text", { NULL } },
	{ "phutho_stttt_cv275_2011_scan.pdf", true, "no text", { NULL } },
	{ "dhct_hcm_kh753_khaosat_hailong_2026_scan.pdf", true, "no text",
	    { NULL } },
	/* A phone scan with a wrong hidden text layer. */
	{ "lamdong_cat_totrinh298_2025_adobescan_ocr.pdf", true, "unreadable",
	    { NULL } },
	/* Signed scans whose only text is the signing banner. */
	{ "bca_c04_cv4409_2025_scan_saoy.pdf", true, NULL, { NULL } },
	{ "ttg_qd932_2025_scan_vgca.pdf", true, NULL, { NULL } },
};

static void
test_pdf_real_documents(void)
{
	const char *sh = shared_dir();
	size_t i, k;

	if (sh == NULL) {
		printf("skip: no real documents (SHARED unset or absent)\n");
		return;
	}
	for (i = 0; i < G_N_ELEMENTS(real_cases); i++) {
		const struct real_case *rc = &real_cases[i];
		char *path = g_strdup_printf("%s/real/%s", sh, rc->file);
		GString *notes = g_string_new(NULL);
		struct arena *a = NULL;
		struct diag dg;
		size_t nocr = 0;
		unsigned npages = 0;
		struct doc *d = read_real(path, &a, &nocr, &npages, notes, &dg);
		char *text;
		struct pdf_text_stats st;
		bool ok = true;

		memset(&st, 0, sizeof st);
		if (d == NULL) {
			fprintf(stderr, "%s: %s\n", rc->file, dg.msg);
			CHECK(d != NULL);
			goto next;
		}
		text = all_text(d);
		if (rc->all_ocr) {
			ok = nocr == npages && npages > 0;
			if (rc->note != NULL)
				ok = ok && strstr(notes->str, rc->note) != NULL;
		} else {
			char *n = norm(text);

			ok = nocr == 0;
			for (k = 0; k < 3 && rc->want[k] != NULL; k++)
				if (strstr(n, rc->want[k]) == NULL) {
					fprintf(stderr, "%s: missing \"%s\"\n",
					    rc->file, rc->want[k]);
					ok = false;
				}
			/* No signing banner passes for content, and the text
			 * has no stray non-Vietnamese letters (TCVN3). */
			if (strstr(n, "Thời gian ký:") != NULL ||
			    strstr(n, "Ký bởi:") != NULL)
				ok = false;
			pdf_text_count(n, strlen(n), &st);
			if (st.bad * 1000 > st.letters)
				ok = false;
			g_free(n);
		}
		if (!ok)
			fprintf(stderr,
			    "%s: %zu of %u pages for OCR, notes %s, "
			    "%zu odd letters\n",
			    rc->file, nocr, npages, notes->str, st.bad);
		CHECK(ok);
		printf("%s: %u pages, %zu for OCR: %s\n", rc->file, npages,
		    nocr, notes->str);
		g_free(text);
next:
		arena_free(a);
		g_string_free(notes, TRUE);
		g_free(path);
	}
}

/* ------------------------------------------------------------------ */
/* Hostile and odd files                                                */

static enum err
parse_bytes(const uint8_t *data, size_t len, const struct limits *lim,
    size_t *nocr, struct diag *dg, struct doc **out, struct arena **a)
{
	diag_init(dg);
	*a = arena_new(lim->arena_max);
	return pdf_parse(data, len, lim, *a, out, nocr, dg);
}

static enum err
parse_data_file(const char *name, struct diag *dg, size_t *nblocks)
{
	char *path = g_strdup_printf("%s/tests/data/pdf/%s", src_dir(), name);
	struct limits lim;
	uint8_t *data = NULL;
	size_t len = 0, nocr = 0;
	struct doc *d = NULL;
	struct arena *a = NULL;
	enum err e;

	limits_default(&lim);
	diag_init(dg);
	e = readfile(path, lim.input_max, &data, &len, dg);
	if (e == ERR_OK) {
		e = parse_bytes(data, len, &lim, &nocr, dg, &d, &a);
		*nblocks = d != NULL ? d->blocks.n : 0;
	}
	arena_free(a);
	free(data);
	g_free(path);
	return e;
}

static void
test_pdf_encrypted(void)
{
	struct diag dg;
	size_t nb = 0;

	CHECK(parse_data_file("encrypted-user-password.pdf", &dg, &nb) ==
	    ERR_UNSUPPORTED);
	CHECK(strstr(dg.msg, "protected by a password") != NULL);
	CHECK(strstr(dg.msg, "unprotected copy") != NULL);
	/* Only an owner password: read like any other. */
	CHECK(parse_data_file("encrypted-owner-only.pdf", &dg, &nb) == ERR_OK);
	CHECK(nb == 1);
	CHECK(parse_data_file("plain.pdf", &dg, &nb) == ERR_OK);
	CHECK(nb == 1);
}

static void
test_pdf_absurd_page_size(void)
{
	struct diag dg;
	size_t nb = 0;

	CHECK(parse_data_file("page-absurd-size.pdf", &dg, &nb) == ERR_LIMIT);
	CHECK(strstr(dg.msg, "100000 x 100000 pt") != NULL);
}

static void
test_pdf_page_tree_odd(void)
{
	struct diag dg;
	size_t nb = 0;
	enum err e;

	/* Poppler does not believe a billion pages over six objects; we
	 * must refuse cleanly or read what is there, within limits. */
	e = parse_data_file("page-count-huge.pdf", &dg, &nb);
	CHECK(e == ERR_OK || e == ERR_MALFORMED || e == ERR_LIMIT);
	CHECK(e == ERR_OK || dg.msg[0] != '\0');
	e = parse_data_file("page-tree-loop.pdf", &dg, &nb);
	CHECK(e == ERR_OK || e == ERR_MALFORMED);
	CHECK(parse_data_file("blank.pdf", &dg, &nb) == ERR_OK);
	CHECK(nb == 0);
}

static uint8_t *
sample(size_t *len)
{
	char *path = g_strdup_printf(
	    "%s/corpus/samples/dev-04-tinh-ha-m9-2024.pdf", src_dir());
	struct diag dg;
	uint8_t *data = NULL;

	diag_init(&dg);
	if (readfile(path, 1u << 30, &data, len, &dg) != ERR_OK)
		data = NULL;
	g_free(path);
	return data;
}

static void
test_pdf_page_count_limit(void)
{
	struct limits lim;
	struct diag dg;
	struct doc *d = NULL;
	struct arena *a = NULL;
	size_t len = 0, nocr;
	uint8_t *data = sample(&len);

	CHECK(data != NULL);
	if (data == NULL)
		return;
	limits_default(&lim);
	lim.pages_max = 5;
	CHECK(parse_bytes(data, len, &lim, &nocr, &dg, &d, &a) == ERR_LIMIT);
	CHECK(strstr(dg.msg, "8 pages, limit 5") != NULL);
	arena_free(a);
	/* And a tiny arena fails as out of memory, not as a crash. */
	limits_default(&lim);
	lim.arena_max = 4096;
	CHECK(parse_bytes(data, len, &lim, &nocr, &dg, &d, &a) == ERR_NOMEM);
	arena_free(a);
	free(data);
}

static void
test_pdf_truncated_and_random(void)
{
	struct limits lim;
	struct diag dg;
	struct doc *d;
	struct arena *a;
	size_t len = 0, nocr, cut;
	uint8_t *data = sample(&len), *junk;
	GRand *rnd;
	unsigned i, refused = 0, read = 0;

	CHECK(data != NULL);
	if (data == NULL)
		return;
	limits_default(&lim);
	/* Cut anywhere: a clear refusal or what Poppler can still read. */
	for (cut = 8; cut < len; cut += len / 7) {
		enum err e = parse_bytes(data, cut, &lim, &nocr, &dg, &d, &a);

		CHECK(e == ERR_OK || e == ERR_MALFORMED);
		if (e != ERR_OK) {
			CHECK(strstr(dg.msg, "cannot be read") != NULL ||
			    strstr(dg.msg, "no pages") != NULL ||
			    strstr(dg.msg, "too short") != NULL);
			refused++;
		} else
			read++;
		arena_free(a);
	}
	CHECK(refused > 0);
	/* Random bytes behind a PDF header. */
	rnd = g_rand_new_with_seed(20240917);
	junk = malloc(65536);
	CHECK(junk != NULL);
	for (i = 0; junk != NULL && i < 8; i++) {
		size_t k;
		enum err e;

		for (k = 0; k < 65536; k++)
			junk[k] = (uint8_t)g_rand_int_range(rnd, 0, 256);
		memcpy(junk, "%PDF-1.7\n", 9);
		e = parse_bytes(junk, 65536, &lim, &nocr, &dg, &d, &a);
		CHECK(e == ERR_MALFORMED);
		arena_free(a);
	}
	printf("truncated sample: %u refused, %u read\n", refused, read);
	free(junk);
	g_rand_free(rnd);
	free(data);
}

static void
test_pdf_render_gray(void)
{
	struct limits lim;
	struct diag dg;
	struct pdf *p = NULL;
	size_t len = 0, stride = 0, i, dark = 0;
	uint8_t *data = sample(&len), *gray = NULL;
	unsigned w = 0, h = 0;

	CHECK(data != NULL);
	if (data == NULL)
		return;
	limits_default(&lim);
	diag_init(&dg);
	CHECK(pdf_open(data, len, &lim, &p, &dg) == ERR_OK);
	CHECK(pdf_render_page_gray(p, 1, 100, &gray, &w, &h, &stride, &dg) ==
	    ERR_OK);
	/* A4 at 100 dpi */
	CHECK(w == 827 && h == 1170 && stride >= w);
	for (i = 0; gray != NULL && i < (size_t)h * stride; i++)
		dark += gray[i] < 128;
	CHECK(dark > 1000 && dark < (size_t)w * h / 5);
	free(gray);
	gray = NULL;
	CHECK(pdf_render_page_gray(p, 9, 100, &gray, &w, &h, &stride, &dg) !=
	    ERR_OK);
	pdf_free(p);
	/* The pixel cap is checked before anything is allocated. */
	lim.image_pixels_max = 1000000;
	CHECK(pdf_open(data, len, &lim, &p, &dg) == ERR_OK);
	diag_init(&dg);
	CHECK(pdf_render_page_gray(p, 1, 300, &gray, &w, &h, &stride, &dg) ==
	    ERR_LIMIT);
	CHECK(gray == NULL);
	CHECK(strstr(dg.msg, "page 1") != NULL);
	pdf_free(p);
	free(data);
}

struct render_job {
	struct pdf *p;
	unsigned page;
	enum err e;
	size_t dark;
};

static gpointer
render_thread(gpointer arg)
{
	struct render_job *j = arg;
	struct diag dg;
	uint8_t *gray = NULL;
	unsigned w, h, k;
	size_t stride, i;

	diag_init(&dg);
	for (k = 0; k < 3; k++) {
		j->e = pdf_render_page_gray(
		    j->p, j->page, 72, &gray, &w, &h, &stride, &dg);
		if (j->e != ERR_OK)
			return NULL;
		j->dark = 0;
		for (i = 0; i < (size_t)h * stride; i++)
			j->dark += gray[i] < 128;
		free(gray);
	}
	return NULL;
}

static void
test_pdf_render_concurrently(void)
{
	struct limits lim;
	struct diag dg;
	struct pdf *p = NULL;
	size_t len = 0, i;
	uint8_t *data = sample(&len);
	struct render_job jobs[4];
	GThread *th[4];

	CHECK(data != NULL);
	if (data == NULL)
		return;
	limits_default(&lim);
	diag_init(&dg);
	CHECK(pdf_open(data, len, &lim, &p, &dg) == ERR_OK);
	for (i = 0; i < 4; i++) {
		jobs[i].p = p;
		jobs[i].page = (unsigned)(i % 2) + 1;
		th[i] = g_thread_new("render", render_thread, &jobs[i]);
	}
	for (i = 0; i < 4; i++)
		g_thread_join(th[i]);
	for (i = 0; i < 4; i++)
		CHECK(jobs[i].e == ERR_OK && jobs[i].dark > 0);
	/* The same page renders the same whoever renders it. */
	CHECK(jobs[0].dark == jobs[2].dark && jobs[1].dark == jobs[3].dark);
	pdf_free(p);
	free(data);
}

/* ------------------------------------------------------------------ */
/* PDFs drawn with cairo                                                */

static cairo_status_t
on_write(void *closure, const unsigned char *data, unsigned int len)
{
	g_byte_array_append(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

typedef void (*draw_fn)(cairo_t *, unsigned page);

static GByteArray *
draw_pdf(draw_fn draw, unsigned npages)
{
	GByteArray *out = g_byte_array_new();
	cairo_surface_t *s =
	    cairo_pdf_surface_create_for_stream(on_write, out, 595, 842);
	cairo_t *cr = cairo_create(s);
	unsigned i;

	for (i = 1; i <= npages; i++) {
		draw(cr, i);
		cairo_show_page(cr);
	}
	cairo_destroy(cr);
	cairo_surface_finish(s);
	cairo_surface_destroy(s);
	return out;
}

static void
text_at(cairo_t *cr, double x, double y, double size, bool bold, const char *t)
{
	cairo_select_font_face(cr, "DejaVu Serif", CAIRO_FONT_SLANT_NORMAL,
	    bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(cr, size);
	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_move_to(cr, x, y);
	cairo_show_text(cr, t);
}

/* A grey "scan": an image of dark strokes like lines of print. */
static void
draw_scan_image(cairo_t *cr)
{
	cairo_surface_t *img =
	    cairo_image_surface_create(CAIRO_FORMAT_RGB24, 400, 560);
	cairo_t *ic = cairo_create(img);
	GRand *rnd = g_rand_new_with_seed(7);
	int y, x;

	cairo_set_source_rgb(ic, 0.93, 0.93, 0.9);
	cairo_paint(ic);
	cairo_set_source_rgb(ic, 0.1, 0.1, 0.1);
	for (y = 40; y < 520; y += 14)
		for (x = 30; x < 370;) {
			int w = g_rand_int_range(rnd, 6, 30);

			cairo_rectangle(ic, x, y, w, 7);
			x += w + 4;
		}
	cairo_fill(ic);
	cairo_destroy(ic);
	cairo_save(cr);
	cairo_scale(cr, 595.0 / 400, 842.0 / 560);
	cairo_set_source_surface(cr, img, 0, 0);
	cairo_paint(cr);
	cairo_restore(cr);
	cairo_surface_destroy(img);
	g_rand_free(rnd);
}

static void
draw_banner_scan(cairo_t *cr, unsigned page)
{
	(void)page;
	draw_scan_image(cr);
	/* What a signing tool stamps into the page itself. */
	text_at(cr, 400, 30, 7, false, "Ký bởi: Văn phòng Ủy ban nhân dân");
	text_at(
	    cr, 400, 40, 7, false, "Thời gian ký: 2025-10-01T17:08:18+07:00");
}

static void
draw_scan_only(cairo_t *cr, unsigned page)
{
	(void)page;
	draw_scan_image(cr);
}

static void
draw_garbage(cairo_t *cr, unsigned page)
{
	int i;

	(void)page;
	for (i = 0; i < 30; i++)
		text_at(cr, 60, 80 + 20 * i, 12, false,
		    "CØNG HOÀXÃ HØI CHæNGH(AVIÆT NAM Ùc l-p Tå do H¡nh phúc");
}

static void
draw_blank(cairo_t *cr, unsigned page)
{
	(void)cr;
	(void)page;
}

static void
hline(cairo_t *cr, double x0, double x1, double y)
{
	cairo_move_to(cr, x0, y);
	cairo_line_to(cr, x1, y);
}

static void
vline(cairo_t *cr, double x, double y0, double y1)
{
	cairo_move_to(cr, x, y0);
	cairo_line_to(cr, x, y1);
}

/*
 * A letterhead and a ruled appendix table: STT and the label span the
 * two header rows, "Kết quả" spans two columns, a "Trong đó" cell spans
 * two data rows, one label runs over two lines.  On page 2 (when drawn
 * on two pages) the header repeats and the table goes on.
 */
static void
draw_table(cairo_t *cr, unsigned page)
{
	const double x[5] = { 60, 110, 330, 430, 530 };
	double y = 200, top;
	int i;

	if (page == 1) {
		text_at(cr, 80, 60, 12, true, "UBND XÃ TỊNH HÀ");
		text_at(cr, 80, 78, 12, false, "Số: 790/BC-UBND");
		text_at(cr, 320, 60, 12, true, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA");
		text_at(cr, 340, 78, 12, true, "Độc lập - Tự do - Hạnh phúc");
		text_at(cr, 250, 130, 14, true, "PHỤ LỤC");
	} else
		y = 60;
	top = y;
	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_set_line_width(cr, 0.6);
	/* header: two rows */
	text_at(cr, 70, y + 22, 11, true, "STT");
	text_at(cr, 180, y + 22, 11, true, "Chỉ tiêu");
	text_at(cr, 440, y + 13, 11, true, "Kết quả");
	text_at(cr, 340, y + 33, 11, true, "Đơn vị");
	text_at(cr, 450, y + 33, 11, true, "Số liệu");
	hline(cr, x[0], x[4], y);
	hline(cr, x[2], x[4], y + 19);
	y += 38;
	hline(cr, x[0], x[4], y);
	if (page == 1) {
		/* 3.1.4 with a label over two lines */
		text_at(cr, 65, y + 20, 11, false, "3.1.4.");
		text_at(
		    cr, 115, y + 13, 11, false, "Tổng số TTHC đang có hiệu");
		text_at(cr, 115, y + 27, 11, false, "lực");
		text_at(cr, 340, y + 20, 11, false, "Thủ tục");
		text_at(cr, 440, y + 20, 11, false, "290");
		y += 34;
		hline(cr, x[0], x[4], y);
		/* two rows under one "Trong đó" cell */
		text_at(cr, 63, y + 24, 10, false, "Trong đó");
		text_at(cr, 115, y + 13, 11, false, "- Cấp xã");
		text_at(cr, 340, y + 13, 11, false, "Thủ tục");
		text_at(cr, 440, y + 13, 11, false, "250");
		hline(cr, x[1], x[4], y + 19);
		text_at(cr, 115, y + 32, 11, false, "- Cấp huyện");
		text_at(cr, 340, y + 32, 11, false, "Thủ tục");
		text_at(cr, 440, y + 32, 11, false, "40");
		y += 38;
		hline(cr, x[0], x[4], y);
	} else {
		for (i = 0; i < 2; i++) {
			char code[16];

			(void)g_snprintf(code, sizeof code, "3.2.%d.", i + 1);
			text_at(cr, 65, y + 13, 11, false, code);
			text_at(cr, 115, y + 13, 11, false,
			    i == 0 ? "Hồ sơ đã tiếp nhận" : "Hồ sơ đúng hạn");
			text_at(cr, 340, y + 13, 11, false, "Hồ sơ");
			text_at(cr, 440, y + 13, 11, false,
			    i == 0 ? "3.467" : "3.460");
			y += 19;
			hline(cr, x[0], x[4], y);
		}
	}
	for (i = 0; i < 5; i++)
		vline(cr, x[i], i == 3 ? top + 19 : top, y);
	cairo_stroke(cr);
}

struct drawn {
	struct arena *a;
	struct doc *d;
	size_t nocr;
	enum err e;
	struct diag dg;
};

static void
parse_drawn(draw_fn draw, unsigned npages, struct drawn *out)
{
	GByteArray *pdf = draw_pdf(draw, npages);
	struct limits lim;

	limits_default(&lim);
	out->nocr = 0;
	out->d = NULL;
	out->e = parse_bytes(
	    pdf->data, pdf->len, &lim, &out->nocr, &out->dg, &out->d, &out->a);
	g_byte_array_unref(pdf);
}

static void
test_pdf_drawn_pages_needing_ocr(void)
{
	struct drawn r;

	/* An image with a signing banner stamped on: the banner is not the
	 * page's text, so the page needs OCR. */
	parse_drawn(draw_banner_scan, 1, &r);
	CHECK(r.e == ERR_OK && r.nocr == 1);
	CHECK(r.d != NULL && r.d->blocks.n == 0);
	arena_free(r.a);
	parse_drawn(draw_scan_only, 1, &r);
	CHECK(r.e == ERR_OK && r.nocr == 1);
	arena_free(r.a);
	parse_drawn(draw_garbage, 1, &r);
	CHECK(r.e == ERR_OK && r.nocr == 1);
	arena_free(r.a);
	/* A blank page is no scan. */
	parse_drawn(draw_blank, 1, &r);
	CHECK(r.e == ERR_OK && r.nocr == 0 && r.d->blocks.n == 0);
	arena_free(r.a);
}

static const struct doc_block *
first_table(const struct doc *d, size_t *ntables)
{
	const struct doc_block *t = NULL;
	size_t i;

	*ntables = 0;
	for (i = 0; i < d->blocks.n; i++) {
		const struct doc_block *b = d->blocks.v[i];

		if (b->kind == DOC_TABLE) {
			if (t == NULL)
				t = b;
			(*ntables)++;
		}
	}
	return t;
}

static void
test_pdf_drawn_ruled_table(void)
{
	struct drawn r;
	const struct doc_block *t;
	const struct doc_cell *c;
	size_t nt = 0;

	parse_drawn(draw_table, 1, &r);
	CHECK(r.e == ERR_OK && r.nocr == 0);
	if (r.d == NULL) {
		arena_free(r.a);
		return;
	}
	t = first_table(r.d, &nt);
	CHECK(nt == 1 && t != NULL);
	if (t != NULL) {
		CHECK(t->table->ncols == 4 && doc_table_nrows(t->table) == 5);
		c = doc_table_cell_at(t->table, 0, 0);
		CHECK(c != NULL && c->row_span == 2 &&
		    strcmp(c->text, "STT") == 0);
		c = doc_table_cell_at(t->table, 0, 2);
		CHECK(c != NULL && c->col_span == 2 &&
		    strcmp(c->text, "Kết quả") == 0);
		c = doc_table_cell_at(t->table, 2, 1);
		CHECK(c != NULL &&
		    strcmp(c->text, "Tổng số TTHC đang có hiệu lực") == 0);
		c = doc_table_cell_at(t->table, 3, 0);
		CHECK(c != NULL && c->row_span == 2 &&
		    strcmp(c->text, "Trong đó") == 0);
		CHECK(doc_table_cell_at(t->table, 4, 0) == c);
		c = doc_table_cell_at(t->table, 4, 3);
		CHECK(c != NULL && strcmp(c->text, "40") == 0);
	}
	/* The letterhead's columns are read one after the other. */
	{
		char *all = all_text(r.d);
		const char *a = strstr(all, "UBND XÃ TỊNH HÀ");
		const char *b = strstr(all, "Số: 790/BC-UBND");
		const char *c2 = strstr(all, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA");

		CHECK(a != NULL && b != NULL && c2 != NULL && a < b && b < c2);
		g_free(all);
	}
	arena_free(r.a);
}

static void
test_pdf_drawn_table_over_two_pages(void)
{
	struct drawn r;
	const struct doc_block *t;
	const struct doc_cell *c;
	size_t nt = 0;

	parse_drawn(draw_table, 2, &r);
	CHECK(r.e == ERR_OK && r.d != NULL);
	if (r.d == NULL) {
		arena_free(r.a);
		return;
	}
	t = first_table(r.d, &nt);
	/* One table: 2 header rows, 3 rows from page 1, 2 from page 2;
	 * the repeated header is gone. */
	CHECK(nt == 1 && t != NULL);
	if (t != NULL) {
		CHECK(doc_table_nrows(t->table) == 7);
		c = doc_table_cell_at(t->table, 6, 3);
		CHECK(c != NULL && strcmp(c->text, "3.460") == 0);
		c = doc_table_cell_at(t->table, 5, 0);
		CHECK(
		    c != NULL && c->row == 5 && strcmp(c->text, "3.2.1.") == 0);
	}
	arena_free(r.a);
}

/* Page 1 text; page 2 an image of text (a scanned page), 200 dpi. */
static void
draw_mixed(cairo_t *cr, unsigned page)
{
	cairo_surface_t *img;
	cairo_t *ic;
	const double k = 200.0 / 72;

	if (page == 1) {
		text_at(cr, 72, 100, 12, false,
		    "Trang một có lớp chữ của văn bản.");
		return;
	}
	img = cairo_image_surface_create(
	    CAIRO_FORMAT_RGB24, (int)(595 * k), (int)(842 * k));
	ic = cairo_create(img);
	cairo_set_source_rgb(ic, 1, 1, 1);
	cairo_paint(ic);
	cairo_scale(ic, k, k);
	text_at(ic, 72, 100, 14, true, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
	text_at(ic, 72, 130, 12, false,
	    "Tổng số hồ sơ đã tiếp nhận trong kỳ báo cáo là 3.467 hồ sơ.");
	cairo_destroy(ic);
	cairo_save(cr);
	cairo_scale(cr, 1 / k, 1 / k);
	cairo_set_source_surface(cr, img, 0, 0);
	cairo_paint(cr);
	cairo_restore(cr);
	cairo_surface_destroy(img);
}

/* The pipeline on a PDF with a text page and a scanned page: the text
 * page from its text layer, the other through OCR, format pdf-mixed. */
static void
test_pdf_pipeline_mixed(void)
{
	GByteArray *pdf = draw_pdf(draw_mixed, 2);
	struct limits lim;
	struct arena *a;
	struct result *r;
	char *text = NULL;

	limits_default(&lim);
	a = arena_new(lim.arena_max);
	r = pipeline_run(pdf->data, pdf->len, "mixed.pdf", &lim, a);
	CHECK(r != NULL && r->status == RESULT_OK);
	if (r != NULL && r->status == RESULT_OK) {
		const struct doc_page *p1 = doc_page_get(r->doc, 1);
		const struct doc_page *p2 = doc_page_get(r->doc, 2);

		CHECK_STR(r->source.format, "pdf-mixed");
		CHECK(p1 != NULL && p1->method == DOC_METHOD_TEXT);
		CHECK(p2 != NULL && p2->method == DOC_METHOD_OCR &&
		    p2->confidence > 0.5f);
		text = all_text(r->doc);
		CHECK(strstr(text, "Trang một có lớp chữ") != NULL);
		CHECK(strstr(text, "3.467 hồ sơ") != NULL);
		/* page order: the text page first */
		CHECK(strstr(text, "Trang một") < strstr(text, "3.467"));
		g_free(text);
	} else if (r != NULL)
		fprintf(stderr, "mixed.pdf: %s\n", r->error_message);
	arena_free(a);
	g_byte_array_unref(pdf);
}

int
main(void)
{
	RUN(test_pdf_sample_matches_truth);
	RUN(test_pdf_corpus_matches_truth);
	RUN(test_pdf_real_documents);
	RUN(test_pdf_encrypted);
	RUN(test_pdf_absurd_page_size);
	RUN(test_pdf_page_tree_odd);
	RUN(test_pdf_page_count_limit);
	RUN(test_pdf_truncated_and_random);
	RUN(test_pdf_render_gray);
	RUN(test_pdf_render_concurrently);
	RUN(test_pdf_drawn_pages_needing_ocr);
	RUN(test_pdf_drawn_ruled_table);
	RUN(test_pdf_drawn_table_over_two_pages);
	RUN(test_pdf_pipeline_mixed);
	return check_done();
}
