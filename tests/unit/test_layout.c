/* SPDX-License-Identifier: MIT */
/*
 * layout: synthetic pages of positioned words (as the PDF text layer or
 * OCR gives them) to blocks and tables: a two-column letterhead, ruled
 * tables with spans, an unruled aligned table, a table continued on the
 * next page, a code broken after its hyphen, paragraphs and headings,
 * and the caps.
 */
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/doc.h"
#include "core/doc_print.h"
#include "core/limits.h"
#include "layout/layout.h"
#include "tests/check.h"

/* A page being written: words set in a fixed-pitch approximation of a
 * 12 pt serif (half an em a character, a quarter em a space). */
struct page {
	struct layout_word w[2048];
	size_t n;
	struct layout_rule r[256];
	size_t nr;
	char *strings[2048];
	size_t ns;
};

static double
text_width(const char *t, double size)
{
	return (double)g_utf8_strlen(t, -1) * 0.5 * size;
}

/* Words of `text` from x on the baseline band starting at y; returns the
 * right end. */
static double
put(struct page *p, double x, double y, double size, bool bold,
    const char *text)
{
	gchar **parts = g_strsplit(text, " ", -1);
	size_t i;

	for (i = 0; parts[i] != NULL; i++) {
		struct layout_word *w;
		double wd;

		if (parts[i][0] == '\0')
			continue;
		w = &p->w[p->n++];
		p->strings[p->ns++] = g_strdup(parts[i]);
		w->text = p->strings[p->ns - 1];
		w->len = strlen(w->text);
		wd = text_width(w->text, size);
		w->box.x0 = x;
		w->box.x1 = x + wd;
		w->box.y0 = y;
		w->box.y1 = y + size * 1.3;
		w->confidence = -1;
		w->font_size = size;
		w->bold = bold;
		x += wd + 0.25 * size;
	}
	g_strfreev(parts);
	return x;
}

static void
rule(struct page *p, double x0, double y0, double x1, double y1)
{
	p->r[p->nr].x0 = x0;
	p->r[p->nr].y0 = y0;
	p->r[p->nr].x1 = x1;
	p->r[p->nr].y1 = y1;
	p->nr++;
}

static void
page_free(struct page *p)
{
	size_t i;

	for (i = 0; i < p->ns; i++)
		g_free(p->strings[i]);
	free(p);
}

static struct page *
page_new(void)
{
	return calloc(1, sizeof(struct page));
}

static enum err
lay(struct doc *d, struct page *p, unsigned n, struct diag *dg)
{
	struct layout_page_in in;
	struct limits lim;

	limits_default(&lim);
	memset(&in, 0, sizeof in);
	in.page = n;
	in.width = 595;
	in.height = 842;
	in.words = p->w;
	in.nwords = p->n;
	in.rules = p->nr > 0 ? p->r : NULL;
	in.nrules = p->nr;
	diag_init(dg);
	return layout_page(d, &in, &lim, dg);
}

static const struct doc_block *
block(const struct doc *d, size_t i)
{
	return i < d->blocks.n ? d->blocks.v[i] : NULL;
}

static const char *
btext(const struct doc *d, size_t i)
{
	return i < d->blocks.n ? block(d, i)->text : "(no block)";
}

static void
print_doc(const struct doc *d)
{
	struct buf b;

	buf_init(&b, 0);
	(void)doc_print(d, &b);
	fputs(buf_str(&b), stderr);
	buf_fini(&b);
}

static void
dump(const struct doc *d)
{
	size_t i;

	for (i = 0; i < d->blocks.n; i++)
		fprintf(stderr, "  block %zu: %s %s\n", i,
		    doc_kind_name(block(d, i)->kind), block(d, i)->text);
}

static const char *
cell_text(const struct doc_block *b, unsigned r, unsigned c)
{
	const struct doc_cell *cell;

	if (b == NULL || b->kind != DOC_TABLE)
		return "(no table)";
	cell = doc_table_cell_at(b->table, r, c);
	return cell != NULL ? cell->text : "(hole)";
}

static size_t
find(const struct doc *d, const char *text)
{
	size_t i;

	for (i = 0; i < d->blocks.n; i++)
		if (strcmp(block(d, i)->text, text) == 0)
			return i;
	return SIZE_MAX;
}

/* Like put(), with the spaces stretched so the line ends at x1. */
static void
put_justified(struct page *p, double x, double x1, double y, double size,
    const char *text)
{
	size_t first = p->n, i, n;
	double extra;

	put(p, x, y, size, false, text);
	n = p->n - first;
	if (n < 2)
		return;
	extra = (x1 - p->w[p->n - 1].box.x1) / (double)(n - 1);
	for (i = 1; i < n; i++) {
		p->w[first + i].box.x0 += extra * (double)i;
		p->w[first + i].box.x1 += extra * (double)i;
	}
}

/* A body paragraph of `n` justified lines (the last one not) with a
 * first-line indent, margins 72 and 523, from y; returns the y below. */
static double
paragraph(struct page *p, double y, const char *const *lines, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i + 1 < n)
			put_justified(
			    p, i == 0 ? 100 : 72, 523, y, 12, lines[i]);
		else
			put(p, i == 0 ? 100 : 72, y, 12, false, lines[i]);
		y += 16;
	}
	return y + 4;
}

/* ------------------------------------------------------------------ */

static void
test_layout_letterhead_columns(void)
{
	static const char *const body[] = {
		"Thực hiện Công văn số 1594/NV ngày 16/9/2022 của Phòng Nội vụ huyện Sơn",
		"Tịnh, UBND xã báo cáo như sau:",
	};
	struct arena *a = arena_new(1u << 24);
	struct doc *d = doc_new(a);
	struct page *p = page_new();
	struct diag dg;
	size_t i1, i2, i3, i4, i5, i6;

	/* Left column centred on x=150, right on x=400, lines at the same
	 * heights as the body below, no extra gap. */
	put(p, 150 - text_width("UBND XÃ TỊNH HÀ", 12) / 2, 50, 12, true,
	    "UBND XÃ TỊNH HÀ");
	put(p, 400 - text_width("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12) / 2,
	    50, 12, true, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
	put(p, 150 - text_width("Số: 790/BC-UBND", 12) / 2, 66, 12, false,
	    "Số: 790/BC-UBND");
	put(p, 400 - text_width("Độc lập - Tự do - Hạnh phúc", 12) / 2, 66, 12,
	    true, "Độc lập - Tự do - Hạnh phúc");
	put(p, 400 - text_width("Tịnh Hà, ngày 17 tháng 9 năm 2024", 12) / 2,
	    82, 12, false, "Tịnh Hà, ngày 17 tháng 9 năm 2024");
	paragraph(p, 120, body, 2);
	CHECK(lay(d, p, 1, &dg) == ERR_OK);
	i1 = find(d, "UBND XÃ TỊNH HÀ");
	i2 = find(d, "Số: 790/BC-UBND");
	i3 = find(d, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
	i4 = find(d, "Độc lập - Tự do - Hạnh phúc");
	i5 = find(d, "Tịnh Hà, ngày 17 tháng 9 năm 2024");
	i6 = find(d,
	    "Thực hiện Công văn số 1594/NV ngày 16/9/2022 của Phòng "
	    "Nội vụ huyện Sơn Tịnh, UBND xã báo cáo như sau:");
	/* Each line its own block, the left column first. */
	CHECK(i1 != SIZE_MAX && i2 != SIZE_MAX && i3 != SIZE_MAX &&
	    i4 != SIZE_MAX && i5 != SIZE_MAX && i6 != SIZE_MAX);
	CHECK(i1 < i2 && i2 < i3 && i3 < i4 && i4 < i5 && i5 < i6);
	CHECK(d->blocks.n == 6);
	if (d->blocks.n != 6)
		dump(d);
	page_free(p);
	arena_free(a);
}

static void
test_layout_tab_list_reads_by_line(void)
{
	struct arena *a = arena_new(1u << 24);
	struct doc *d = doc_new(a);
	struct page *p = page_new();
	struct diag dg;

	/* A list set with a tab stop is read line by line, not as two
	 * columns. */
	put(p, 72, 60, 12, false,
	    "Kết quả tiếp nhận, giải quyết thủ tục hành chính trong kỳ như");
	put(p, 72, 76, 12, false, "sau:");
	put(p, 72, 100, 12, false, "Tổng số hồ sơ nhận:");
	put(p, 300, 100, 12, false, "3.467 hồ sơ");
	put(p, 72, 116, 12, false, "Giải quyết đúng hạn:");
	put(p, 300, 116, 12, false, "3.460 hồ sơ");
	CHECK(lay(d, p, 1, &dg) == ERR_OK);
	CHECK(d->blocks.n == 3);
	CHECK_STR(btext(d, 1), "Tổng số hồ sơ nhận: 3.467 hồ sơ");
	CHECK_STR(btext(d, 2), "Giải quyết đúng hạn: 3.460 hồ sơ");
	if (d->blocks.n != 3)
		dump(d);
	page_free(p);
	arena_free(a);
}

static void
test_layout_paragraphs_and_headings(void)
{
	/* Lines about as long as the 451 pt measure holds (6 pt a
	 * character here), so justification stretches spaces a little. */
	static const char *const p1[] = {
		"Về công tác rà soát: UBND xã đã ban hành Kế hoạch số 606/KH-",
		"UBND ngày 15/1/2024 về việc rà soát, hệ thống hóa văn bản quy phạm",
		"pháp luật và theo dõi thi hành pháp luật trên địa bàn.",
	};
	static const char *const p2[] = {
		"Kết quả đến nay đã hoàn thành 26 nhiệm vụ trên tổng số 35 nhiệm vụ",
		"được giao.",
	};
	struct arena *a = arena_new(1u << 24);
	struct doc *d = doc_new(a);
	struct page *p = page_new();
	struct diag dg;
	double y = 100;
	const struct doc_block *b;

	put(p, 100, y, 12, true, "I. TÌNH HÌNH TRIỂN KHAI CÔNG TÁC CCHC:");
	y += 20;
	put(p, 100, y, 12, true, "1. Công tác chỉ đạo, điều hành:");
	y += 20;
	y = paragraph(p, y, p1, 3);
	y = paragraph(p, y, p2, 2);
	put(p, 100, y, 12, false, "- Số văn bản đã ban hành: 8 văn bản");
	CHECK(lay(d, p, 1, &dg) == ERR_OK);
	CHECK(d->blocks.n == 5);
	b = block(d, 0);
	CHECK(b != NULL && b->kind == DOC_HEADING && b->level == 1);
	b = block(d, 1);
	CHECK(b != NULL && b->kind == DOC_HEADING && b->level == 2);
	/* The code broken after its hyphen is glued back, the other line
	 * ends get one space. */
	CHECK_STR(btext(d, 2),
	    "Về công tác rà soát: UBND xã đã ban hành Kế hoạch số "
	    "606/KH-UBND ngày 15/1/2024 về việc rà soát, hệ thống hóa văn "
	    "bản quy phạm pháp luật và theo dõi thi hành pháp luật trên địa "
	    "bàn.");
	CHECK(block(d, 2)->kind == DOC_PARAGRAPH);
	CHECK_STR(btext(d, 3),
	    "Kết quả đến nay đã hoàn thành 26 nhiệm "
	    "vụ trên tổng số 35 nhiệm vụ được giao.");
	if (d->blocks.n != 5)
		dump(d);
	CHECK_STR(btext(d, 4), "- Số văn bản đã ban hành: 8 văn bản");
	CHECK(block(d, 2)->page == 1 && block(d, 2)->has_box);
	page_free(p);
	arena_free(a);
}

static void
test_layout_page_number_and_footnote(void)
{
	static const char *const body[] = {
		"Nội dung chính của báo cáo được trình bày ở đây, kéo dài qua",
		"hai dòng.",
	};
	struct arena *a = arena_new(1u << 24);
	struct doc *d = doc_new(a);
	struct page *p = page_new();
	struct diag dg;
	size_t i;

	put(p, 290, 30, 12, false, "2");
	paragraph(p, 100, body, 2);
	put(p, 72, 780, 9, false, "1 Theo Quyết định số 145/QĐ-BNV.");
	CHECK(lay(d, p, 2, &dg) == ERR_OK);
	i = find(d, "2");
	CHECK(i != SIZE_MAX && block(d, i)->part == DOC_PART_HEADER);
	i = find(d, "1 Theo Quyết định số 145/QĐ-BNV.");
	CHECK(i != SIZE_MAX && block(d, i)->part == DOC_PART_FOOTNOTE);
	page_free(p);
	arena_free(a);
}

/* A ruled appendix table: STT | Chỉ tiêu | Đơn vị | Số liệu, the first two
 * spanning the two header rows, "Kết quả" over the last two, a "Trong
 * đó" cell over two rows and a label over two lines. */
static void
ruled_table(struct page *p, double top, bool first_part)
{
	const double x[5] = { 60, 110, 330, 430, 530 };
	double y = top;
	int i;

	put(p, 70, y + 12, 11, true, "STT");
	put(p, 180, y + 12, 11, true, "Chỉ tiêu");
	put(p, 445, y + 3, 11, true, "Kết quả");
	put(p, 350, y + 22, 11, true, "Đơn vị");
	put(p, 450, y + 22, 11, true, "Số liệu");
	rule(p, x[0], y, x[4], y);
	rule(p, x[2], y + 19, x[4], y + 19);
	y += 38;
	rule(p, x[0], y, x[4], y);
	if (first_part) {
		put(p, 65, y + 10, 11, false, "3.1.4.");
		put(p, 115, y + 3, 11, false, "Tổng số TTHC đang có hiệu");
		put(p, 115, y + 17, 11, false, "lực. Trong đó:");
		put(p, 340, y + 10, 11, false, "Thủ tục");
		put(p, 440, y + 10, 11, false, "290");
		y += 34;
		rule(p, x[0], y, x[4], y);
		put(p, 63, y + 12, 10, false, "Trong đó");
		put(p, 115, y + 3, 11, false, "- Cấp xã");
		put(p, 340, y + 3, 11, false, "Thủ tục");
		put(p, 440, y + 3, 11, false, "250");
		rule(p, x[1], y + 19, x[4], y + 19);
		put(p, 115, y + 22, 11, false, "- Cấp huyện");
		put(p, 340, y + 22, 11, false, "Thủ tục");
		put(p, 440, y + 22, 11, false, "40");
		y += 38;
		rule(p, x[0], y, x[4], y);
	} else {
		for (i = 0; i < 2; i++) {
			put(p, 65, y + 3, 11, false, i ? "3.2.2." : "3.2.1.");
			put(p, 115, y + 3, 11, false,
			    i ? "Hồ sơ đúng hạn" : "Hồ sơ đã tiếp nhận");
			put(p, 340, y + 3, 11, false, "Hồ sơ");
			put(p, 440, y + 3, 11, false, i ? "3.460" : "3.467");
			y += 19;
			rule(p, x[0], y, x[4], y);
		}
	}
	for (i = 0; i < 5; i++)
		rule(p, x[i], i == 3 ? top + 19 : top, x[i], y);
}

static void
test_layout_ruled_table_spans(void)
{
	struct arena *a = arena_new(1u << 24);
	struct doc *d = doc_new(a);
	struct page *p = page_new();
	struct diag dg;
	const struct doc_block *t;
	const struct doc_cell *c;

	put(p, 250, 100, 14, true, "PHỤ LỤC");
	ruled_table(p, 150, true);
	put(p, 72, 400, 12, false, "Ghi chú: số liệu đến ngày 14/9/2024.");
	CHECK(lay(d, p, 1, &dg) == ERR_OK);
	CHECK(d->blocks.n == 3);
	t = block(d, 1);
	CHECK(t != NULL && t->kind == DOC_TABLE);
	if (t == NULL || t->kind != DOC_TABLE)
		goto out;
	CHECK(t->table->ncols == 4 && doc_table_nrows(t->table) == 5);
	c = doc_table_cell_at(t->table, 1, 0);
	CHECK(c != NULL && c->row == 0 && c->row_span == 2);
	CHECK_STR(cell_text(t, 0, 0), "STT");
	CHECK_STR(cell_text(t, 0, 1), "Chỉ tiêu");
	c = doc_table_cell_at(t->table, 0, 3);
	CHECK(c != NULL && c->col == 2 && c->col_span == 2);
	CHECK_STR(cell_text(t, 0, 2), "Kết quả");
	CHECK_STR(cell_text(t, 1, 2), "Đơn vị");
	CHECK_STR(cell_text(t, 1, 3), "Số liệu");
	/* The label over two lines is one cell. */
	CHECK_STR(
	    cell_text(t, 2, 1), "Tổng số TTHC đang có hiệu lực. Trong đó:");
	CHECK_STR(cell_text(t, 2, 3), "290");
	/* "Trong đó" spans its two rows. */
	c = doc_table_cell_at(t->table, 3, 0);
	CHECK(c != NULL && c->row_span == 2);
	CHECK(doc_table_cell_at(t->table, 4, 0) == c);
	CHECK_STR(cell_text(t, 3, 0), "Trong đó");
	CHECK_STR(cell_text(t, 4, 1), "- Cấp huyện");
	CHECK_STR(cell_text(t, 4, 3), "40");
	CHECK_STR(btext(d, 2), "Ghi chú: số liệu đến ngày 14/9/2024.");
out:
	page_free(p);
	arena_free(a);
}

static void
test_layout_unruled_aligned_table(void)
{
	static const char *const rows[][4] = {
		{ "1.1.", "Số văn bản chỉ đạo", "Văn bản", "8" },
		{ "1.2.", "Số nhiệm vụ đề ra", "Nhiệm vụ", "35" },
		{ "1.3.", "Số nhiệm vụ đã hoàn thành", "Nhiệm vụ", "26" },
		{ "1.4.", "Số cuộc kiểm tra", "Cuộc", "3" },
	};
	struct arena *a = arena_new(1u << 24);
	struct doc *d = doc_new(a);
	struct page *p = page_new();
	struct diag dg;
	const struct doc_block *t = NULL;
	double y = 150;
	size_t i;

	put(p, 72, 100, 12, false, "Kết quả thống kê như sau:");
	put(p, 72, y, 11, true, "STT");
	put(p, 130, y, 11, true, "Chỉ tiêu");
	put(p, 350, y, 11, true, "Đơn vị");
	put(p, 450, y, 11, true, "Số liệu");
	for (i = 0; i < 4; i++) {
		y += 16;
		put(p, 72, y, 11, false, rows[i][0]);
		put(p, 130, y, 11, false, rows[i][1]);
		/* the second row's label wraps onto a second line */
		if (i == 1) {
			put(p, 350, y + 7, 11, false, rows[i][2]);
			put(p, 450, y + 7, 11, false, rows[i][3]);
			y += 14;
			put(p, 130, y, 11, false, "trong kế hoạch");
		} else {
			put(p, 350, y, 11, false, rows[i][2]);
			put(p, 450, y, 11, false, rows[i][3]);
		}
	}
	put(p, 72, y + 40, 12, false, "Trên đây là báo cáo.");
	CHECK(lay(d, p, 1, &dg) == ERR_OK);
	for (i = 0; i < d->blocks.n; i++)
		if (block(d, i)->kind == DOC_TABLE)
			t = block(d, i);
	CHECK(t != NULL);
	if (t == NULL)
		dump(d);
	if (t == NULL)
		goto out;
	CHECK(t->table->ncols == 4 && doc_table_nrows(t->table) == 5);
	if (doc_table_nrows(t->table) != 5)
		print_doc(d);
	CHECK_STR(cell_text(t, 0, 1), "Chỉ tiêu");
	CHECK_STR(cell_text(t, 2, 0), "1.2.");
	CHECK_STR(cell_text(t, 2, 1), "Số nhiệm vụ đề ra trong kế hoạch");
	CHECK_STR(cell_text(t, 2, 3), "35");
	CHECK_STR(cell_text(t, 4, 2), "Cuộc");
	CHECK_STR(btext(d, 0), "Kết quả thống kê như sau:");
	CHECK_STR(btext(d, d->blocks.n - 1), "Trên đây là báo cáo.");
out:
	page_free(p);
	arena_free(a);
}

static void
test_layout_table_joined_over_pages(void)
{
	struct arena *a = arena_new(1u << 24);
	struct doc *d = doc_new(a);
	struct page *p1 = page_new(), *p2 = page_new();
	struct diag dg;
	const struct doc_block *t;

	ruled_table(p1, 500, true);
	put(p2, 290, 30, 12, false, "2");
	ruled_table(p2, 60, false);
	put(p2, 72, 300, 12, false, "Nơi nhận:");
	CHECK(lay(d, p1, 1, &dg) == ERR_OK);
	CHECK(lay(d, p2, 2, &dg) == ERR_OK);
	CHECK(d->blocks.n == 4);
	CHECK(layout_join_tables(d, &dg) == ERR_OK);
	/* One table; the page number stays; the header of page 2 is gone. */
	CHECK(d->blocks.n == 3);
	t = block(d, 0);
	CHECK(t != NULL && t->kind == DOC_TABLE);
	if (t != NULL && t->kind == DOC_TABLE) {
		CHECK(doc_table_nrows(t->table) == 7);
		CHECK_STR(cell_text(t, 5, 0), "3.2.1.");
		CHECK_STR(cell_text(t, 6, 3), "3.460");
		CHECK(doc_table_cell_at(t->table, 6, 3)->row == 6);
	}
	CHECK_STR(btext(d, 2), "Nơi nhận:");
	/* Joining again changes nothing. */
	CHECK(layout_join_tables(d, &dg) == ERR_OK);
	CHECK(d->blocks.n == 3);
	page_free(p1);
	page_free(p2);
	arena_free(a);
}

static void
test_layout_paragraph_over_pages(void)
{
	struct arena *a = arena_new(1u << 24);
	struct doc *d = doc_new(a);
	struct page *p1 = page_new(), *p2 = page_new();
	struct diag dg;

	put(p1, 100, 760, 12, false,
	    "UBND phường đã tổ chức kiểm tra 06 bộ phận, cán bộ, công chức;");
	put(p2, 72, 60, 12, false, "qua kiểm tra đã phát hiện 03 vấn đề.");
	put(p2, 100, 80, 12, false, "Đoạn tiếp theo.");
	CHECK(lay(d, p1, 1, &dg) == ERR_OK);
	CHECK(lay(d, p2, 2, &dg) == ERR_OK);
	CHECK(layout_join_paragraphs(d, &dg) == ERR_OK);
	CHECK(d->blocks.n == 2);
	CHECK_STR(btext(d, 0),
	    "UBND phường đã tổ chức kiểm tra 06 bộ phận, cán bộ, công chức; "
	    "qua kiểm tra đã phát hiện 03 vấn đề.");
	CHECK(block(d, 0)->page == 1);
	page_free(p1);
	page_free(p2);
	arena_free(a);
}

static void
test_layout_caps(void)
{
	struct arena *a = arena_new(1u << 24);
	struct doc *d = doc_new(a);
	struct page *p = page_new();
	struct layout_page_in in;
	struct limits lim;
	struct diag dg;
	size_t i;

	put(p, 72, 100, 12, false, "một hai ba bốn năm sáu bảy tám chín");
	limits_default(&lim);
	memset(&in, 0, sizeof in);
	in.page = 1;
	in.width = 595;
	in.height = 842;
	in.words = p->w;
	in.nwords = p->n;
	lim.page_words_max = 5;
	diag_init(&dg);
	CHECK(layout_page(d, &in, &lim, &dg) == ERR_LIMIT);
	CHECK(strstr(dg.msg, "9 words, limit 5") != NULL);
	limits_default(&lim);
	in.width = 1e9;
	diag_init(&dg);
	CHECK(layout_page(d, &in, &lim, &dg) == ERR_LIMIT);
	/* A grid of 30 columns against a limit of 10. */
	in.width = 595;
	for (i = 0; i <= 30; i++)
		rule(p, 50 + (double)i * 15, 200, 50 + (double)i * 15, 300);
	rule(p, 50, 200, 500, 200);
	rule(p, 50, 300, 500, 300);
	in.rules = p->r;
	in.nrules = p->nr;
	lim.table_cols_max = 10;
	diag_init(&dg);
	CHECK(layout_page(d, &in, &lim, &dg) == ERR_LIMIT);
	CHECK(strstr(dg.msg, "30 columns, limit 10") != NULL);
	/* Nonsense boxes are dropped, not trusted. */
	limits_default(&lim);
	in.nrules = 0;
	p->w[0].box.x0 = 0.0 / 0.0;
	p->w[1].box.x0 = 1e300;
	p->w[1].box.x1 = -1e300;
	diag_init(&dg);
	CHECK(layout_page(d, &in, &lim, &dg) == ERR_OK);
	page_free(p);
	arena_free(a);
}

static void
test_layout_ocr_words(void)
{
	struct arena *a = arena_new(1u << 24);
	struct doc *d = doc_new(a);
	struct page *p = page_new();
	struct diag dg;
	size_t i;

	/* OCR words: confidences, no font size, ink-tight boxes. */
	put(p, 72, 100, 12, false, "Tổng số hồ sơ đã tiếp nhận");
	for (i = 0; i < p->n; i++) {
		p->w[i].confidence = 0.8f;
		p->w[i].font_size = 0;
		p->w[i].box.y0 += 2;
		p->w[i].box.y1 -= 3;
	}
	CHECK(lay(d, p, 1, &dg) == ERR_OK);
	CHECK(d->blocks.n == 1);
	CHECK_STR(btext(d, 0), "Tổng số hồ sơ đã tiếp nhận");
	CHECK(
	    block(d, 0)->confidence > 0.79f && block(d, 0)->confidence < 0.81f);
	page_free(p);
	arena_free(a);
}

/* A tall page of 20 000 words in five aligned columns and a second of
 * single words scattered like noise: both laid out, in bounded time (the
 * test's timeout), and the table found. */
static void
test_layout_big_pages(void)
{
	struct arena *a = arena_new(1u << 28);
	struct doc *d = doc_new(a);
	struct layout_page_in in;
	struct layout_word *w = calloc(20000, sizeof *w);
	struct limits lim;
	struct diag dg;
	GRand *rnd = g_rand_new_with_seed(42);
	size_t i, ntables = 0;
	static const char *const cells[] = { "1.1.", "Số", "hồ", "sơ", "35" };

	limits_default(&lim);
	memset(&in, 0, sizeof in);
	in.page = 1;
	in.width = 595;
	in.height = 14000;
	in.words = w;
	in.nwords = 20000;
	for (i = 0; i < 20000; i++) {
		double x = 60 + (double)(i % 5) * 100;
		double y = 20 + (double)(i / 5) * 3.4;

		w[i].text = cells[i % 5];
		w[i].len = strlen(cells[i % 5]);
		w[i].box.x0 = x;
		w[i].box.x1 = x + 20;
		w[i].box.y0 = y;
		w[i].box.y1 = y + 3;
		w[i].confidence = -1;
		w[i].font_size = 2.5;
	}
	diag_init(&dg);
	CHECK(layout_page(d, &in, &lim, &dg) == ERR_OK);
	for (i = 0; i < d->blocks.n; i++)
		ntables += block(d, i)->kind == DOC_TABLE;
	CHECK(ntables >= 1);
	for (i = 0; i < 20000; i++) {
		w[i].box.x0 = g_rand_double_range(rnd, 0, 580);
		w[i].box.y0 = g_rand_double_range(rnd, 0, 13990);
		w[i].box.x1 = w[i].box.x0 + g_rand_double_range(rnd, 1, 40);
		w[i].box.y1 = w[i].box.y0 + g_rand_double_range(rnd, 1, 12);
		w[i].font_size = 0;
	}
	in.page = 2;
	diag_init(&dg);
	CHECK(layout_page(d, &in, &lim, &dg) == ERR_OK);
	CHECK(layout_join_tables(d, &dg) == ERR_OK);
	CHECK(layout_join_paragraphs(d, &dg) == ERR_OK);
	g_rand_free(rnd);
	free(w);
	arena_free(a);
}

int
main(void)
{
	RUN(test_layout_letterhead_columns);
	RUN(test_layout_tab_list_reads_by_line);
	RUN(test_layout_paragraphs_and_headings);
	RUN(test_layout_page_number_and_footnote);
	RUN(test_layout_ruled_table_spans);
	RUN(test_layout_unruled_aligned_table);
	RUN(test_layout_table_joined_over_pages);
	RUN(test_layout_paragraph_over_pages);
	RUN(test_layout_caps);
	RUN(test_layout_ocr_words);
	RUN(test_layout_big_pages);
	return check_done();
}
