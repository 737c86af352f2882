/* SPDX-License-Identifier: MIT */
/*
 * docx_real: the Word files offices actually issued ($SHARED/real, see
 * its README.md).  Each must extract with its tables in the shapes the
 * XML gives, its spans, its non-blank paragraphs, strings checked by
 * reading the XML, and NFC text although 5 of them store NFD or mixed
 * text.  The .doc files must be refused with a message saying to save as
 * .docx.
 *
 * The expected figures were taken from word/document.xml with Python's
 * ElementTree, not with this reader: top-level w:tbl with their w:tr
 * count and w:tblGrid width, and paragraphs (w:p, text boxes included,
 * mc:Fallback copies excluded) whose w:t text is not blank.  The
 * README's paragraph counts include blank paragraphs, which the model
 * leaves out.
 */
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/doc.h"
#include "core/limits.h"
#include "daemon/pipeline.h"
#include "daemon/readfile.h"
#include "parsers/docx.h"
#include "tests/check.h"

#define MAX_TABLES  10
#define MAX_STRINGS 4

struct real_doc {
	const char *name;
	unsigned ntables; /* all tables, nested included */
	unsigned ntop;    /* top-level tables, shapes below */
	unsigned rows[MAX_TABLES], cols[MAX_TABLES];
	unsigned nparas; /* non-blank paragraphs, cells and boxes included */
	const char *strings[MAX_STRINGS];
};

static const struct real_doc real_docs[] = {
	{ "lamdong_ubnd_cv_3980_2025.docx", 2, 2, { 3, 1 }, { 4, 2 }, 19,
	    { "Công văn số 3980/C04-P6 ngày 28/8/2025",
		"ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG", "Nguyễn Nhân Bản" } },
	{ "lamdong_ubnd_cv_giao_4552_2025.docx", 0, 0, { 0 }, { 0 }, 15,
	    { "Công văn số 4552/BCA-C04", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
		"Kính gửi: Công an tỉnh" } },
	{ "lamdong_ubnd_tbkl_pci_2026.docx", 2, 2, { 1, 1 }, { 2, 2 }, 36,
	    { "Chỉ số năng lực cạnh tranh cấp tỉnh (PCI)",
		"Thống nhất tổ chức Hội nghị gặp mặt doanh nghiệp" } },
	{ "lamdong_vp_phieutrinh_4409_2025.docx", 3, 3, { 1, 1, 4 },
	    { 2, 2, 3 }, 40,
	    { "Công văn số 4409/BCA-C04 ngày 01/10/2025 của Bộ Công an",
		"LÃNH ĐẠO VĂN PHÒNG", "PHIẾU TRÌNH" } },
	{ "thpt_caolanh2_kh58_2026.docx", 2, 2, { 3, 4 }, { 2, 2 }, 44,
	    { "Số: 58/KH-THPTCL2", "TRƯỜNG THPT CAO LÃNH 2",
		"Tổ chức sinh hoạt chuyên môn môn Lịch sử" } },
	{ "thpt_docbinhkieu_kh_sinhhoat_congdan_2026.docx", 5, 5,
	    { 3, 8, 8, 8, 1 }, { 2, 3, 4, 4, 2 }, 115,
	    { "TRƯỜNG THPT ĐỐC BINH KIỀU",
		"Tổ chức sinh hoạt công dân đầu năm học 2026 - 2027" } },
	{ "vptw_hd36_thethuc_vanban_dang_2018.docx", 9, 9,
	    { 2, 1, 1, 1, 1, 1, 1, 1, 39 }, { 2, 2, 2, 2, 2, 2, 2, 2, 6 }, 711,
	    { "Số: 36-HD/VPTW", "ĐẢNG CỘNG SẢN VIỆT NAM" } },
	{ "xa_phumybac_bc_thang6_vhxh_2026.docx", 4, 4, { 2, 5, 39, 1 },
	    { 2, 8, 4, 2 }, 313,
	    { "Thực hiện trong tuần", "UBND XÃ PHÙ MỸ BẮC",
		"Kết quả thực hiện nhiệm vụ của Phòng Văn hóa – Xã hội tháng 6" } },
	{ "xa_phumybac_bc_tuan_cchc_2026.docx", 2, 2, { 1, 1 }, { 2, 2 }, 29,
	    { "TUẦN 02", "tuần 04" } },
};

struct stats {
	unsigned ntables, nparas, nnot_nfc, ncombining;
	GString *all; /* every text, newline-separated */
};

static bool
is_nfc(const char *s)
{
	gchar *n = g_utf8_normalize(s, -1, G_NORMALIZE_NFC);
	bool same = n != NULL && strcmp(n, s) == 0;

	g_free(n);
	return same;
}

static void
note_text(struct stats *st, const char *s)
{
	const char *p;

	if (!is_nfc(s))
		st->nnot_nfc++;
	for (p = s; *p != '\0'; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);

		if (c >= 0x300 && c <= 0x36F)
			st->ncombining++;
	}
	g_string_append(st->all, s);
	g_string_append_c(st->all, '\n');
}

static void
walk(const struct ptrvec *blocks, struct stats *st, int depth)
{
	size_t i, r, c;

	if (depth > 32)
		return;
	for (i = 0; i < blocks->n; i++) {
		const struct doc_block *b = blocks->v[i];

		if (b->kind != DOC_TABLE) {
			st->nparas++;
			note_text(st, b->text);
			continue;
		}
		st->ntables++;
		for (r = 0; r < b->table->rows.n; r++) {
			const struct doc_row *rw = b->table->rows.v[r];

			for (c = 0; c < rw->cells.n; c++) {
				const struct doc_cell *cl = rw->cells.v[c];

				note_text(st, cl->text);
				walk(&cl->blocks, st, depth + 1);
			}
		}
	}
}

static const struct doc_block *
nth_table(const struct doc *d, unsigned k)
{
	size_t i;

	for (i = 0; i < d->blocks.n; i++) {
		const struct doc_block *b = d->blocks.v[i];

		if (b->kind == DOC_TABLE && k-- == 0)
			return b;
	}
	return NULL;
}

static struct doc *
load(const char *dir, const char *name, struct arena *a, struct diag *dg)
{
	struct limits lim;
	struct doc *d = NULL;
	gchar *path = g_strdup_printf("%s/%s", dir, name);
	uint8_t *data = NULL;
	size_t len = 0;

	limits_default(&lim);
	if (readfile(path, lim.input_max, &data, &len, dg) == ERR_OK)
		(void)docx_parse(data, len, &lim, a, &d, dg);
	free(data);
	g_free(path);
	return d;
}

static void
check_real(const char *dir, const struct real_doc *rd)
{
	struct arena *a = arena_new((size_t)256 << 20);
	struct stats st = { 0, 0, 0, 0, g_string_new(NULL) };
	struct diag dg;
	struct doc *d;
	unsigned k, ntop = 0;
	size_t i;

	diag_init(&dg);
	d = load(dir, rd->name, a, &dg);
	if (d == NULL) {
		fprintf(stderr, "%s: %s\n", rd->name, dg.msg);
		CHECK(0);
		goto out;
	}
	walk(&d->blocks, &st, 0);
	for (i = 0; i < d->blocks.n; i++)
		ntop += ((const struct doc_block *)d->blocks.v[i])->kind ==
		    DOC_TABLE;
	printf("%s: %u tables (%u top level), %u paragraphs, %zu pages\n",
	    rd->name, st.ntables, ntop, st.nparas, d->pages.n);
	if (st.ntables != rd->ntables || ntop != rd->ntop ||
	    st.nparas != rd->nparas) {
		fprintf(stderr, "%s: want %u tables (%u top), %u paragraphs\n",
		    rd->name, rd->ntables, rd->ntop, rd->nparas);
		CHECK(0);
	}
	for (k = 0; k < rd->ntop; k++) {
		const struct doc_block *t = nth_table(d, k);

		if (t == NULL || doc_table_nrows(t->table) != rd->rows[k] ||
		    t->table->ncols != rd->cols[k]) {
			fprintf(stderr, "%s: table %u is %ux%u, want %ux%u\n",
			    rd->name, k + 1,
			    t != NULL ? doc_table_nrows(t->table) : 0,
			    t != NULL ? t->table->ncols : 0, rd->rows[k],
			    rd->cols[k]);
			CHECK(0);
		}
	}
	for (k = 0; k < MAX_STRINGS && rd->strings[k] != NULL; k++) {
		if (strstr(st.all->str, rd->strings[k]) == NULL) {
			fprintf(stderr, "%s: \"%s\" not found\n", rd->name,
			    rd->strings[k]);
			CHECK(0);
		}
	}
	/* The model is NFC whatever the file stores. */
	CHECK(st.nnot_nfc == 0);
	CHECK(st.ncombining == 0);
	/* Legacy-looking Latin-1 never comes out of these Unicode files,
	 * even where styles.xml still names .VnTime. */
	CHECK(strstr(st.all->str, "\u00b8") == NULL);
	CHECK(d->pages.n >= 1);
out:
	g_string_free(st.all, TRUE);
	arena_free(a);
}

/* Spans the README describes, checked cell by cell. */
static void
check_spans(const char *dir)
{
	struct arena *a = arena_new((size_t)256 << 20);
	struct diag dg;
	struct doc *d;
	const struct doc_table *t;
	const struct doc_cell *c;
	unsigned r, col, spans;

	diag_init(&dg);
	/* Phiếu trình 4409: the bordered table, 4 rows x 3 columns; row 0
	 * spans all three columns; "LÃNH ĐẠO VĂN PHÒNG" is merged down
	 * two rows. */
	d = load(dir, "lamdong_vp_phieutrinh_4409_2025.docx", a, &dg);
	CHECK(d != NULL);
	if (d != NULL && nth_table(d, 2) != NULL) {
		t = nth_table(d, 2)->table;
		c = doc_table_cell_at(t, 0, 0);
		CHECK(c != NULL && c->col_span == 3);
		c = doc_table_cell_at(t, 1, 2);
		CHECK(c != NULL && c->row_span == 2 &&
		    strstr(c->text, "LÃNH ĐẠO VĂN PHÒNG") != NULL);
		CHECK(doc_table_cell_at(t, 2, 2) == c);
		c = doc_table_cell_at(t, 1, 0);
		CHECK(c != NULL && c->col_span == 2);
		CHECK(doc_table_cell_at(t, 3, 0) != NULL &&
		    doc_table_cell_at(t, 3, 0)->col_span == 3);
	}
	arena_free(a);

	/* Phù Mỹ Bắc monthly report: the 8-column table's "Tổng" row
	 * uses gridSpan 2. */
	a = arena_new((size_t)256 << 20);
	d = load(dir, "xa_phumybac_bc_thang6_vhxh_2026.docx", a, &dg);
	CHECK(d != NULL);
	if (d != NULL && nth_table(d, 1) != NULL) {
		t = nth_table(d, 1)->table;
		c = NULL;
		for (r = 0; r < doc_table_nrows(t) && c == NULL; r++) {
			c = doc_table_cell_at(t, r, 0);
			if (c != NULL && strstr(c->text, "Tổng") == NULL)
				c = NULL;
		}
		CHECK(c != NULL && c->col_span == 2);
	}
	arena_free(a);

	/* THPT Cao Lãnh 2: the signature table has vMerge x4, so some
	 * cell spans rows. */
	a = arena_new((size_t)256 << 20);
	d = load(dir, "thpt_caolanh2_kh58_2026.docx", a, &dg);
	CHECK(d != NULL);
	if (d != NULL && nth_table(d, 1) != NULL) {
		t = nth_table(d, 1)->table;
		spans = 0;
		for (r = 0; r < doc_table_nrows(t); r++)
			for (col = 0; col < t->ncols; col++) {
				c = doc_table_cell_at(t, r, col);
				if (c != NULL && c->row == r && c->col == col &&
				    c->row_span > 1)
					spans++;
			}
		CHECK(spans >= 1);
	}
	arena_free(a);
}

static void
test_docx_real_files(void)
{
	const char *shared = getenv("SHARED");
	gchar *dir = g_strdup_printf("%s/real", shared != NULL ? shared : "");
	size_t i;

	if (shared == NULL || !g_file_test(dir, G_FILE_TEST_IS_DIR)) {
		printf("skipped: the real documents (%s) are not here; set "
		       "SHARED to the folder holding real/ to run them\n",
		    shared != NULL ? dir : "$SHARED unset");
		g_free(dir);
		return;
	}
	for (i = 0; i < sizeof real_docs / sizeof real_docs[0]; i++)
		check_real(dir, &real_docs[i]);
	check_spans(dir);
	g_free(dir);
}

static void
test_docx_real_doc_refused(void)
{
	static const char *docs[] = { "binhphuoc_ubnd_qd991_2008_vni.doc",
		"dongnai_bqlkcn_mau5_bc_bhld_vni.doc",
		"phutho_stttt_bangtonghop_phanloai_cbcc_2011.doc" };
	const char *shared = getenv("SHARED");
	struct limits lim;
	size_t i;

	if (shared == NULL) {
		printf("skipped: $SHARED unset, no .doc files to refuse\n");
		return;
	}
	limits_default(&lim);
	for (i = 0; i < 3; i++) {
		gchar *path = g_strdup_printf("%s/real/%s", shared, docs[i]);
		struct arena *a = arena_new(lim.arena_max);
		struct diag dg;
		struct result *r;
		uint8_t *data = NULL;
		size_t len = 0;

		diag_init(&dg);
		if (!g_file_test(path, G_FILE_TEST_EXISTS)) {
			printf("skipped: %s is not here\n", path);
		} else if (readfile(path, lim.input_max, &data, &len, &dg) !=
		    ERR_OK) {
			CHECK(0);
		} else {
			r = pipeline_run(data, len, path, &lim, a);
			CHECK(r != NULL && r->status == RESULT_REJECTED);
			CHECK(r != NULL && r->error_message != NULL &&
			    strstr(r->error_message, "save it as .docx") !=
				NULL);
			CHECK(r != NULL && r->doc == NULL);
		}
		free(data);
		arena_free(a);
		g_free(path);
	}
}

int
main(void)
{
	RUN(test_docx_real_files);
	RUN(test_docx_real_doc_refused);
	return check_done();
}
