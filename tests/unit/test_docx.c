/* SPDX-License-Identifier: MIT */
/*
 * docx: hand-built packages, built in memory, through docx_parse():
 * spans, nested tables, NFC, text boxes, fields, headings and lists,
 * legacy fonts, footnotes, pages, and refusals.
 */
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/doc.h"
#include "core/limits.h"
#include "parsers/docx.h"
#include "parsers/docx_package.h"
#include "tests/check.h"
#include "tests/unit/test_docx_pkg.h"

#define W_NS                                                                   \
	"xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""

struct parsed {
	struct arena *a;
	struct doc *d;
	struct diag dg;
	enum err e;
};

static void
parse_pkg(struct parsed *p, const struct pkg_docx *pd, const struct limits *lim)
{
	struct limits def;
	uint8_t *zip;
	size_t len = 0;

	if (lim == NULL) {
		limits_default(&def);
		lim = &def;
	}
	memset(p, 0, sizeof *p);
	diag_init(&p->dg);
	p->a = arena_new(lim->arena_max);
	zip = pkg_docx(pd, &len);
	if (zip == NULL || p->a == NULL) {
		p->e = ERR_INTERNAL;
		free(zip);
		return;
	}
	p->e = docx_parse(zip, len, lim, p->a, &p->d, &p->dg);
	if (p->e != ERR_OK && p->d != NULL)
		p->e = ERR_INTERNAL; /* the contract: *out is NULL on error */
	free(zip);
}

/* Parses a package whose document.xml has `body` in w:body. */
static void
parse_body(struct parsed *p, const char *body, const char *styles,
    const char *numbering, const struct limits *lim)
{
	struct pkg_docx pd = { NULL, styles, numbering, NULL, NULL, NULL };
	char *doc = pkg_document_xml(body);

	pd.document = doc;
	parse_pkg(p, &pd, lim);
	free(doc);
}

static void
parsed_fini(struct parsed *p)
{
	arena_free(p->a);
}

static const struct doc_block *
top_block(const struct parsed *p, size_t i)
{
	if (p->d == NULL || i >= p->d->blocks.n)
		return NULL;
	return p->d->blocks.v[i];
}

static const char *
top_text(const struct parsed *p, size_t i)
{
	const struct doc_block *b = top_block(p, i);

	return b != NULL ? b->text : NULL;
}

/* Occurrences of `needle` in every block and cell, nested included. */
static int
count_in_blocks(const struct ptrvec *blocks, const char *needle, int depth)
{
	int n = 0;
	size_t i, r, c;

	if (depth > 64)
		return 0;
	for (i = 0; i < blocks->n; i++) {
		const struct doc_block *b = blocks->v[i];
		const char *s = b->text;

		while ((s = strstr(s, needle)) != NULL) {
			n++;
			s++;
		}
		if (b->kind != DOC_TABLE)
			continue;
		for (r = 0; r < b->table->rows.n; r++) {
			const struct doc_row *rw = b->table->rows.v[r];

			for (c = 0; c < rw->cells.n; c++) {
				const struct doc_cell *cl = rw->cells.v[c];

				n += count_in_blocks(
				    &cl->blocks, needle, depth + 1);
			}
		}
	}
	return n;
}

static int
count_text(const struct parsed *p, const char *needle)
{
	return p->d != NULL ? count_in_blocks(&p->d->blocks, needle, 0) : -1;
}

#define P(text)                                                                \
	"<w:p><w:r><w:t xml:space=\"preserve\">" text "</w:t></w:r></w:p>"
#define TC(props, text) "<w:tc><w:tcPr>" props "</w:tcPr>" P(text) "</w:tc>"

static void
test_docx_spans(void)
{
	struct parsed p;
	const struct doc_table *t;
	const struct doc_cell *c;

	parse_body(&p,
	    "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>"
	    "<w:tr>" TC("<w:vMerge w:val=\"restart\"/>", "STT") TC(
		"<w:gridSpan w:val=\"2\"/>",
		"Kết quả") "</w:tr>"
			   "<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>" TC(
			       "", "Đơn vị") TC("",
			       "Số liệu") "</w:tr>"
					  "<w:tr>" TC("", "1.") TC(
					      "", "Hồ sơ") TC("",
					      "7.972") "</w:tr>"
						       "<w:tr><w:trPr><w:gridBefore w:val=\"1\"/></w:trPr>" TC(
							   "<w:gridSpan w:val=\"2\"/>",
							   "Tổng") "</w:tr>"
								   "</w:tbl>",
	    NULL, NULL, NULL);
	CHECK(p.e == ERR_OK);
	CHECK(p.d != NULL && p.d->blocks.n == 1);
	if (p.e != ERR_OK || top_block(&p, 0)->kind != DOC_TABLE) {
		fprintf(stderr, "%s\n", p.dg.msg);
		parsed_fini(&p);
		CHECK(0);
		return;
	}
	t = top_block(&p, 0)->table;
	CHECK(t->ncols == 3);
	CHECK(doc_table_nrows(t) == 4);
	c = doc_table_cell_at(t, 0, 0);
	CHECK(c != NULL && strcmp(c->text, "STT") == 0 && c->row_span == 2);
	CHECK(doc_table_cell_at(t, 1, 0) == c);
	c = doc_table_cell_at(t, 0, 1);
	CHECK(c != NULL && strcmp(c->text, "Kết quả") == 0 && c->col_span == 2);
	CHECK(doc_table_cell_at(t, 0, 2) == c);
	CHECK_STR(doc_table_cell_at(t, 1, 1)->text, "Đơn vị");
	CHECK_STR(doc_table_cell_at(t, 2, 2)->text, "7.972");
	/* w:gridBefore leaves a hole, then the span starts at column 1. */
	CHECK(doc_table_cell_at(t, 3, 0) == NULL);
	c = doc_table_cell_at(t, 3, 1);
	CHECK(c != NULL && strcmp(c->text, "Tổng") == 0 && c->col_span == 2 &&
	    c->row == 3 && c->col == 1);
	parsed_fini(&p);
}

static void
test_docx_vmerge_chain_and_orphan(void)
{
	struct parsed p;
	const struct doc_table *t;
	const struct doc_cell *c;

	/* A three-row chain, and a continuation with nothing above it
	 * (column 1 of row 0 is a plain cell of another width). */
	parse_body(&p,
	    "<w:tbl>"
	    "<w:tr>" TC("<w:vMerge w:val=\"restart\"/>", "Trong đó") TC(
		"<w:gridSpan w:val=\"2\"/>",
		"rộng") "</w:tr>"
			"<w:tr>" TC("<w:vMerge/>", "") TC("", "x") TC(
			    "<w:vMerge/>",
			    "y") "</w:tr>"
				 "<w:tr>" TC("<w:vMerge w:val=\"continue\"/>",
				     "") TC("", "z") TC("", "w") "</w:tr>"
								 "</w:tbl>",
	    NULL, NULL, NULL);
	CHECK(p.e == ERR_OK);
	if (p.e == ERR_OK) {
		t = top_block(&p, 0)->table;
		c = doc_table_cell_at(t, 2, 0);
		CHECK(c != NULL && c->row == 0 && c->row_span == 3);
		CHECK_STR(c->text, "Trong đó");
		/* Row 0 column 2 belongs to a span starting at column 1,
		 * so "y" cannot merge into it: it stands alone. */
		c = doc_table_cell_at(t, 1, 2);
		CHECK(c != NULL && c->row == 1 && c->row_span == 1);
		CHECK_STR(c->text, "y");
	}
	parsed_fini(&p);
}

static void
test_docx_nested_tables(void)
{
	struct parsed p;
	const struct doc_cell *outer, *inner;
	const struct doc_block *nb;

	parse_body(&p,
	    "<w:tbl><w:tr><w:tc>" P("ngoài") "<w:tbl><w:tr>" TC("", "trong")
		TC("", "bên") "</w:tr></w:tbl>" P(
		    "sau") "</w:tc></w:tr></w:tbl>" P("Hết"),
	    NULL, NULL, NULL);
	CHECK(p.e == ERR_OK);
	if (p.e != ERR_OK)
		goto out;
	CHECK(p.d->blocks.n == 2);
	CHECK_STR(top_text(&p, 1), "Hết");
	outer = doc_table_cell_at(top_block(&p, 0)->table, 0, 0);
	CHECK(outer != NULL && outer->blocks.n == 3);
	/* The cell's own text leaves the nested table out. */
	CHECK_STR(outer->text, "ngoài\nsau");
	nb = outer->blocks.v[1];
	CHECK(nb->kind == DOC_TABLE && nb->table->depth == 1);
	CHECK(nb->table->ncols == 2);
	inner = doc_table_cell_at(nb->table, 0, 1);
	CHECK(inner != NULL && strcmp(inner->text, "bên") == 0);
out:
	parsed_fini(&p);
}

/* `n` tables nested in each other's first cell. */
static char *
nested_tables(int n)
{
	size_t cap = (size_t)n * 64 + 64, off = 0;
	char *s = malloc(cap);
	int i;

	for (i = 0; i < n; i++)
		off +=
		    (size_t)snprintf(s + off, cap - off, "<w:tbl><w:tr><w:tc>");
	off += (size_t)snprintf(s + off, cap - off, P("đáy"));
	for (i = 0; i < n; i++)
		off += (size_t)snprintf(
		    s + off, cap - off, "</w:tc></w:tr></w:tbl>");
	return s;
}

static void
test_docx_nesting_caps(void)
{
	struct parsed p;
	char *body;

	body = nested_tables(16);
	parse_body(&p, body, NULL, NULL, NULL);
	CHECK(p.e == ERR_OK);
	CHECK(count_text(&p, "đáy") == 1);
	parsed_fini(&p);
	free(body);

	body = nested_tables(17);
	parse_body(&p, body, NULL, NULL, NULL);
	CHECK(p.e == ERR_LIMIT);
	CHECK(strstr(p.dg.msg, "tables nested more than 16 deep") != NULL);
	parsed_fini(&p);
	free(body);

	/* 200 levels: the XML depth cap (3 elements per level) stops it
	 * first; either way a clean refusal. */
	body = nested_tables(200);
	parse_body(&p, body, NULL, NULL, NULL);
	CHECK(p.e == ERR_LIMIT);
	CHECK(strstr(p.dg.msg, "word/document.xml") != NULL);
	parsed_fini(&p);
	free(body);
}

static void
test_docx_nfd_becomes_nfc(void)
{
	struct parsed p;

	/* "Hòa" and "Việt" written decomposed. */
	parse_body(&p,
	    P("Ho\xcc\x80"
	      "a Vie\xcc\xa3\xcc\x82t"),
	    NULL, NULL, NULL);
	CHECK(p.e == ERR_OK);
	CHECK_STR(top_text(&p, 0), "Hòa Việt");
	parsed_fini(&p);
}

static void
test_docx_textbox_once(void)
{
	struct parsed p;
	const struct doc_block *b;

	parse_body(&p,
	    "<w:p><w:r><w:t>Neo</w:t></w:r><w:r><mc:AlternateContent>"
	    "<mc:Choice Requires=\"wps\"><w:drawing><wps:wsp><wps:txbx>"
	    "<w:txbxContent>" P(
		"Hộp chữ") "</w:txbxContent></wps:txbx>"
			   "</wps:wsp></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape>"
			   "<v:textbox><w:txbxContent>" P(
			       "Hộp chữ") "</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>"
					  "</mc:AlternateContent></w:r><w:r><w:t xml:space=\"preserve\"> sau</w:t>"
					  "</w:r></w:p>"
					  /* VML only, no AlternateContent: read
					     once as well. */
					  "<w:p><w:r><w:pict><v:shape><v:textbox><w:txbxContent>" P(
					      "Chỉ VML") "</w:txbxContent></v:textbox></v:shape></w:pict>"
							 "</w:r></w:p>",
	    NULL, NULL, NULL);
	CHECK(p.e == ERR_OK);
	CHECK(count_text(&p, "Hộp chữ") == 1);
	CHECK(count_text(&p, "Chỉ VML") == 1);
	CHECK_STR(top_text(&p, 0), "Neo sau");
	b = top_block(&p, 1);
	CHECK(b != NULL && b->part == DOC_PART_TEXTBOX &&
	    strcmp(b->text, "Hộp chữ") == 0);
	b = top_block(&p, 2);
	CHECK(b != NULL && b->part == DOC_PART_TEXTBOX);
	CHECK(p.d != NULL && p.d->blocks.n == 3);
	parsed_fini(&p);
}

static void
test_docx_fields_keep_result(void)
{
	struct parsed p;

	parse_body(&p,
	    "<w:p><w:r><w:t xml:space=\"preserve\">Trang </w:t></w:r>"
	    "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
	    "<w:r><w:instrText xml:space=\"preserve\"> PAGE \\* MERGEFORMAT </w:instrText></w:r>"
	    "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
	    "<w:r><w:t>3</w:t></w:r>"
	    "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>"
	    "<w:p><w:fldSimple w:instr=\" DATE \"><w:r><w:t>13/3/2024</w:t>"
	    "</w:r></w:fldSimple></w:p>"
	    /* A field in a field's instruction: only the outer result. */
	    "<w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
	    "<w:r><w:instrText>IF </w:instrText></w:r>"
	    "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
	    "<w:r><w:instrText>PAGE</w:instrText></w:r>"
	    "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
	    "<w:r><w:t>1</w:t></w:r>"
	    "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
	    "<w:r><w:t>lộ</w:t></w:r>"
	    "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
	    "<w:r><w:t>kết quả</w:t></w:r>"
	    "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>",
	    NULL, NULL, NULL);
	CHECK(p.e == ERR_OK);
	CHECK_STR(top_text(&p, 0), "Trang 3");
	CHECK_STR(top_text(&p, 1), "13/3/2024");
	CHECK_STR(top_text(&p, 2), "kết quả");
	CHECK(count_text(&p, "PAGE") == 0);
	CHECK(count_text(&p, "lộ") == 0);
	parsed_fini(&p);
}

static void
test_docx_run_content(void)
{
	struct parsed p;

	parse_body(&p,
	    "<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/></w:tabs>"
	    "</w:pPr><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t>"
	    "<w:noBreakHyphen/><w:t>d</w:t><w:softHyphen/><w:t>e</w:t>"
	    "<w:sym w:font=\"Wingdings\" w:char=\"F0FC\"/></w:r></w:p>"
	    "<w:p><w:r><w:t>giữ</w:t></w:r><w:del><w:r><w:delText>xóa</w:delText>"
	    "</w:r></w:del><w:ins><w:r><w:t xml:space=\"preserve\"> thêm</w:t>"
	    "</w:r></w:ins><w:hyperlink><w:r><w:t xml:space=\"preserve\"> liên kết</w:t>"
	    "</w:r></w:hyperlink></w:p>"
	    "<w:p/><w:p><w:r><w:t xml:space=\"preserve\">   </w:t></w:r></w:p>",
	    NULL, NULL, NULL);
	CHECK(p.e == ERR_OK);
	CHECK_STR(top_text(&p, 0), "a\tb\nc\u2011d\u00ade\uf0fc");
	CHECK_STR(top_text(&p, 1), "giữ thêm liên kết");
	/* Blank paragraphs are not blocks. */
	CHECK(p.d != NULL && p.d->blocks.n == 2);
	parsed_fini(&p);
}

static const char styles_xml[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:styles " W_NS ">"
    "<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Times New Roman\" "
    "w:hAnsi=\"Times New Roman\"/></w:rPr></w:rPrDefault></w:docDefaults>"
    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\">"
    "<w:name w:val=\"Normal\"/></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"u1\"><w:name w:val=\"heading 1\"/>"
    "<w:basedOn w:val=\"Normal\"/></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Muc\"><w:name w:val=\"Mục lớn\"/>"
    "<w:basedOn w:val=\"u1\"/></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Tieude2\"><w:name w:val=\"Tiêu đề 2\"/>"
    "<w:pPr><w:outlineLvl w:val=\"1\"/></w:pPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Body9\"><w:name w:val=\"heading 3\"/>"
    "<w:pPr><w:outlineLvl w:val=\"9\"/></w:pPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Loop\"><w:name w:val=\"Vòng\"/>"
    "<w:basedOn w:val=\"Loop2\"/></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Loop2\"><w:name w:val=\"Vòng 2\"/>"
    "<w:basedOn w:val=\"Loop\"/></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"DanhSach\"><w:name w:val=\"List Paragraph\"/>"
    "<w:pPr><w:numPr><w:numId w:val=\"2\"/></w:numPr></w:pPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Cu\"><w:name w:val=\"Cũ\"/>"
    "<w:rPr><w:rFonts w:ascii=\".VnTime\" w:hAnsi=\".VnTime\"/></w:rPr></w:style>"
    "<w:style w:type=\"character\" w:styleId=\"VniChar\"><w:name w:val=\"VNI chữ\"/>"
    "<w:rPr><w:rFonts w:ascii=\"VNI-Times\" w:hAnsi=\"VNI-Times\"/></w:rPr></w:style>"
    "</w:styles>";

static const char numbering_xml[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:numbering " W_NS ">"
    "<w:abstractNum w:abstractNumId=\"0\">"
    "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/>"
    "<w:lvlText w:val=\"%1.\"/></w:lvl>"
    "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"lowerLetter\"/>"
    "<w:lvlText w:val=\"%2)\"/></w:lvl>"
    "<w:lvl w:ilvl=\"2\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/>"
    "<w:lvlText w:val=\"%1.%3.\"/></w:lvl></w:abstractNum>"
    "<w:abstractNum w:abstractNumId=\"1\"><w:lvl w:ilvl=\"0\">"
    "<w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"-\"/></w:lvl></w:abstractNum>"
    "<w:abstractNum w:abstractNumId=\"2\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/>"
    "<w:numFmt w:val=\"upperRoman\"/><w:lvlText w:val=\"%1.\"/></w:lvl></w:abstractNum>"
    "<w:abstractNum w:abstractNumId=\"3\"><w:lvl w:ilvl=\"0\">"
    "<w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"\xef\x82\xb7\"/></w:lvl></w:abstractNum>"
    "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>"
    "<w:num w:numId=\"2\"><w:abstractNumId w:val=\"1\"/></w:num>"
    "<w:num w:numId=\"3\"><w:abstractNumId w:val=\"2\"/></w:num>"
    "<w:num w:numId=\"4\"><w:abstractNumId w:val=\"0\"/><w:lvlOverride w:ilvl=\"0\">"
    "<w:startOverride w:val=\"1\"/></w:lvlOverride></w:num>"
    "<w:num w:numId=\"5\"><w:abstractNumId w:val=\"3\"/></w:num>"
    "</w:numbering>";

#define PS(style, text)                                                        \
	"<w:p><w:pPr><w:pStyle w:val=\"" style "\"/></w:pPr><w:r><w:t>" text   \
	"</w:t></w:r></w:p>"
#define PN(num, lvl, text)                                                     \
	"<w:p><w:pPr><w:numPr><w:ilvl w:val=\"" lvl                            \
	"\"/><w:numId w:val=\"" num "\"/></w:numPr></w:pPr><w:r><w:t>" text    \
	"</w:t></w:r></w:p>"

static void
check_block(const struct parsed *p, size_t i, enum doc_kind kind,
    unsigned level, const char *label, const char *text, int line)
{
	const struct doc_block *b = top_block(p, i);

	if (b == NULL || b->kind != kind || b->level != level ||
	    strcmp(b->text, text) != 0 ||
	    (label == NULL) != (b->list_label == NULL) ||
	    (label != NULL && strcmp(label, b->list_label) != 0)) {
		fprintf(stderr,
		    "line %d: block %zu is %s %u [%s] \"%s\", want %s %u [%s] "
		    "\"%s\"\n",
		    line, i, b ? doc_kind_name(b->kind) : "-", b ? b->level : 0,
		    b && b->list_label ? b->list_label : "", b ? b->text : "",
		    doc_kind_name(kind), level, label ? label : "", text);
		CHECK(0);
	}
}
#define BLOCK(i, kind, level, label, text)                                     \
	check_block(&p, i, kind, level, label, text, __LINE__)

static void
test_docx_headings_and_lists(void)
{
	struct parsed p;

	parse_body(&p,
	    PS("u1", "Mở đầu") PS("Muc", "Mục") PS("Tieude2", "Tiểu mục") PS(
		"Body9", "Thân") PN("1", "0", "Một") PN("1", "1", "a1") PN("1",
		"1", "b1") PN("1", "0", "Hai") PN("1", "1", "a2") PN("1", "2",
		"sâu") PS("DanhSach",
		"gạch") "<w:p><w:pPr><w:pStyle w:val=\"u1\"/><w:numPr><w:ilvl w:val=\"0\"/>"
			"<w:numId w:val=\"3\"/></w:numPr></w:pPr><w:r><w:t>La mã</w:t></w:r></w:p>" PN(
			    "4", "0",
			    "lại một") "<w:p><w:pPr><w:pStyle w:val=\"DanhSach\"/><w:numPr><w:numId w:val=\"0\"/>"
				       "</w:numPr></w:pPr><w:r><w:t>bỏ số</w:t></w:r></w:p>"
				       "<w:p><w:pPr><w:outlineLvl w:val=\"0\"/></w:pPr><w:r><w:t>Trực tiếp</w:t>"
				       "</w:r></w:p>" PS("Loop", "Vòng lặp") PN(
					   "5", "0",
					   "ký hiệu") "<w:p><w:pPr><w:pStyle w:val=\"Normal\"/><w:pPrChange><w:pPr>"
						      "<w:pStyle w:val=\"u1\"/></w:pPr></w:pPrChange></w:pPr><w:r><w:t>Đổi"
						      "</w:t></w:r></w:p>",
	    styles_xml, numbering_xml, NULL);
	CHECK(p.e == ERR_OK);
	if (p.e != ERR_OK) {
		fprintf(stderr, "%s\n", p.dg.msg);
		parsed_fini(&p);
		return;
	}
	BLOCK(0, DOC_HEADING, 1, NULL, "Mở đầu");
	CHECK_STR(top_block(&p, 0)->style, "heading 1");
	BLOCK(1, DOC_HEADING, 1, NULL, "Mục");
	BLOCK(2, DOC_HEADING, 2, NULL, "Tiểu mục");
	BLOCK(3, DOC_PARAGRAPH, 0, NULL, "Thân");
	BLOCK(4, DOC_LIST_ITEM, 0, "1.", "Một");
	BLOCK(5, DOC_LIST_ITEM, 1, "a)", "a1");
	BLOCK(6, DOC_LIST_ITEM, 1, "b)", "b1");
	BLOCK(7, DOC_LIST_ITEM, 0, "2.", "Hai");
	BLOCK(8, DOC_LIST_ITEM, 1, "a)", "a2");
	BLOCK(9, DOC_LIST_ITEM, 2, "2.1.", "sâu");
	BLOCK(10, DOC_LIST_ITEM, 0, "-", "gạch");
	BLOCK(11, DOC_HEADING, 1, "I.", "La mã");
	BLOCK(12, DOC_LIST_ITEM, 0, "1.", "lại một");
	BLOCK(13, DOC_PARAGRAPH, 0, NULL, "bỏ số");
	BLOCK(14, DOC_HEADING, 1, NULL, "Trực tiếp");
	BLOCK(15, DOC_PARAGRAPH, 0, NULL, "Vòng lặp");
	BLOCK(16, DOC_LIST_ITEM, 0, "\u2022", "ký hiệu");
	BLOCK(17, DOC_PARAGRAPH, 0, NULL, "Đổi");
	parsed_fini(&p);
}

#define PF(font, text)                                                         \
	"<w:p><w:r><w:rPr><w:rFonts w:ascii=\"" font "\" w:hAnsi=\"" font      \
	"\"/></w:rPr><w:t>" text "</w:t></w:r></w:p>"

static void
test_docx_legacy_fonts(void)
{
	struct parsed p;

	parse_body(&p,
	    PF(".VnTime", "V\xc2\xb8n b\xc2\xb6n") PF(
		"VNI-Times", "Vie\xc3\xa4t Nam") PF(".VnTimeH",
		"c\xc3\xa9ng h\xc3\x9f"
		"a") "<w:p><w:r><w:rPr><w:rStyle w:val=\"VniChar\"/></w:rPr>"
		     "<w:t>Co\xc3\xa4ng ho\xc3\xb8"
		     "a</w:t></w:r></w:p>"
	    /* TCVN3 through the paragraph style, soft hyphen kept. */
	    PS("Cu", "ph\xc2\xad\xc3\xaang")
	    /* A .VnTime style over Unicode text: the font name lies. */
	    PS("Cu", "Phường Vĩnh Hòa")
	    /* Mixed paragraph: Unicode run, then a TCVN3 run. */
	    "<w:p><w:r><w:t xml:space=\"preserve\">Đã ký: </w:t></w:r><w:r>"
	    "<w:rPr><w:rFonts w:ascii=\".VnTime\" w:hAnsi=\".VnTime\"/></w:rPr>"
	    "<w:t>Tr\xc2\xad\xc3\xaang</w:t></w:r></w:p>"
	    /* hAnsi decides: ASCII in .VnTime, high bytes in Arial. */
	    "<w:p><w:r><w:rPr><w:rFonts w:ascii=\".VnTime\" w:hAnsi=\"Arial\"/>"
	    "</w:rPr><w:t>V\xc2\xb8n</w:t></w:r></w:p>",
	    styles_xml, NULL, NULL);
	CHECK(p.e == ERR_OK);
	CHECK_STR(top_text(&p, 0), "Ván bản");
	CHECK_STR(top_text(&p, 1), "Việt Nam");
	CHECK_STR(top_text(&p, 2), "CỘNG HÒA");
	CHECK_STR(top_text(&p, 3), "Cộng hòa");
	CHECK_STR(top_text(&p, 4), "phường");
	CHECK_STR(top_text(&p, 5), "Phường Vĩnh Hòa");
	CHECK_STR(top_text(&p, 6), "Đã ký: Trường");
	CHECK_STR(top_text(&p, 7), "V\u00b8n");
	parsed_fini(&p);
}

static void
test_docx_legacy_theme_font(void)
{
	struct parsed p;
	struct pkg_docx pd = { NULL, NULL, NULL, NULL, NULL, NULL };
	char *doc = pkg_document_xml(
	    "<w:p><w:r><w:rPr><w:rFonts w:asciiTheme=\"minorHAnsi\" "
	    "w:hAnsiTheme=\"minorHAnsi\"/></w:rPr><w:t>K\xc3\x95t qu\xc2\xb6</w:t>"
	    "</w:r></w:p>");

	pd.document = doc;
	pd.styles =
	    "<w:styles " W_NS "><w:docDefaults><w:rPrDefault><w:rPr>"
	    "<w:rFonts w:asciiTheme=\"minorHAnsi\" w:hAnsiTheme=\"minorHAnsi\"/>"
	    "</w:rPr></w:rPrDefault></w:docDefaults></w:styles>";
	pd.theme =
	    "<a:theme xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\">"
	    "<a:themeElements><a:fontScheme name=\"x\"><a:majorFont>"
	    "<a:latin typeface=\"Arial\"/></a:majorFont><a:minorFont>"
	    "<a:latin typeface=\".VnTime\"/></a:minorFont></a:fontScheme>"
	    "</a:themeElements></a:theme>";
	parse_pkg(&p, &pd, NULL);
	CHECK(p.e == ERR_OK);
	CHECK_STR(top_text(&p, 0), "Kết quả");
	parsed_fini(&p);
	free(doc);
}

static void
test_docx_footnotes_and_pages(void)
{
	struct parsed p;
	struct pkg_docx pd = { NULL, NULL, NULL, NULL, NULL, NULL };
	char *doc = pkg_document_xml(P(
	    "Trang một") "<w:p><w:r><w:br w:type=\"page\"/><w:t>Trang hai</w:t></w:r>"
			 "<w:r><w:footnoteReference w:id=\"1\"/></w:r></w:p>"
			 "<w:p><w:pPr><w:pageBreakBefore/></w:pPr><w:r><w:t>Trang ba</w:t>"
			 "</w:r></w:p>"
			 "<w:p><w:pPr><w:sectPr><w:type w:val=\"nextPage\"/></w:sectPr></w:pPr>"
			 "<w:r><w:t>cuối mục</w:t></w:r></w:p>" P(
			     "Trang bốn") "<w:p><w:pPr><w:sectPr><w:type w:val=\"continuous\"/></w:sectPr></w:pPr>"
					  "<w:r><w:t>liền</w:t></w:r></w:p>" P(
					      "vẫn bốn"));
	const struct doc_block *b;

	pd.document = doc;
	pd.footnotes =
	    "<w:footnotes " W_NS
	    "><w:footnote w:type=\"separator\" w:id=\"-1\">"
	    "<w:p><w:r><w:separator/></w:r></w:p></w:footnote>"
	    "<w:footnote w:id=\"1\">" P("Chú thích một.") "</w:footnote>"
							  "</w:footnotes>";
	parse_pkg(&p, &pd, NULL);
	CHECK(p.e == ERR_OK);
	if (p.e == ERR_OK) {
		CHECK(top_block(&p, 0)->page == 1);
		CHECK(top_block(&p, 1)->page == 2);
		CHECK(top_block(&p, 2)->page == 3);
		CHECK(top_block(&p, 3)->page == 3);
		CHECK(top_block(&p, 4)->page == 4);
		CHECK(top_block(&p, 6)->page == 4);
		CHECK(p.d->pages.n == 4);
		b = top_block(&p, 7);
		CHECK(
		    b != NULL && b->part == DOC_PART_FOOTNOTE && b->page == 2);
		CHECK_STR(b != NULL ? b->text : NULL, "Chú thích một.");
	}
	parsed_fini(&p);
	free(doc);
}

static void
test_docx_rendered_breaks(void)
{
	struct parsed p;

	/* When Word recorded its page breaks, an explicit break and the
	 * rendered one after it are the same page turn. */
	parse_body(&p,
	    P("A") "<w:p><w:r><w:br w:type=\"page\"/></w:r><w:r>"
		   "<w:lastRenderedPageBreak/><w:t>B</w:t></w:r></w:p>"
		   "<w:p><w:r><w:t>C</w:t><w:lastRenderedPageBreak/><w:t>D</w:t></w:r></w:p>",
	    NULL, NULL, NULL);
	CHECK(p.e == ERR_OK);
	CHECK(top_block(&p, 1) != NULL && top_block(&p, 1)->page == 2);
	/* A paragraph is on the page where it starts. */
	CHECK(top_block(&p, 2) != NULL && top_block(&p, 2)->page == 2);
	CHECK(p.d != NULL && p.d->pages.n == 3);
	parsed_fini(&p);
}

static void
test_docx_refusals(void)
{
	struct parsed p;
	struct pkg_docx pd = { NULL, NULL, NULL, NULL, NULL, NULL };
	struct limits lim;
	static const struct pkg_entry slip[] = { { "../../evil.xml", "x", 0 },
		{ NULL, NULL, 0 } };
	static const struct pkg_entry dup[] = { { "word/Document.xml", "x", 0 },
		{ NULL, NULL, 0 } };
	char *doc = pkg_document_xml(P("ok"));

	pd.document = "<?xml version=\"1.0\"?><!DOCTYPE w:document [<!ENTITY x "
		      "\"y\">]><w:document " W_NS
		      "><w:body>" P("&x;") "</w:body></w:document>";
	parse_pkg(&p, &pd, NULL);
	CHECK(p.e == ERR_MALFORMED && strstr(p.dg.msg, "DOCTYPE") != NULL);
	parsed_fini(&p);

	pd.document =
	    "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><w:document " W_NS
	    "><w:body>" P("x") "</w:body></w:document>";
	parse_pkg(&p, &pd, NULL);
	CHECK(p.e == ERR_MALFORMED && strstr(p.dg.msg, "ISO-8859-1") != NULL);
	parsed_fini(&p);

	pd.document =
	    "<w:document " W_NS "><w:body><w:p></w:body></w:document>";
	parse_pkg(&p, &pd, NULL);
	CHECK(p.e == ERR_MALFORMED &&
	    strstr(p.dg.msg, "word/document.xml: not well-formed") != NULL);
	parsed_fini(&p);

	pd.document = doc;
	pd.extra = slip;
	parse_pkg(&p, &pd, NULL);
	CHECK(
	    p.e == ERR_MALFORMED && strstr(p.dg.msg, "../../evil.xml") != NULL);
	parsed_fini(&p);

	pd.extra = dup;
	parse_pkg(&p, &pd, NULL);
	CHECK(p.e == ERR_MALFORMED && strstr(p.dg.msg, "twice") != NULL);
	parsed_fini(&p);
	pd.extra = NULL;

	limits_default(&lim);
	lim.table_rows_max = 2;
	parse_body(&p,
	    "<w:tbl><w:tr>" TC("", "1") "</w:tr><w:tr>" TC(
		"", "2") "</w:tr><w:tr>" TC("", "3") "</w:tr></w:tbl>",
	    NULL, NULL, &lim);
	CHECK(p.e == ERR_LIMIT &&
	    strstr(p.dg.msg, "table 1 has more than 2 rows") != NULL);
	parsed_fini(&p);

	limits_default(&lim);
	lim.table_cols_max = 3;
	parse_body(&p,
	    "<w:tbl><w:tr>" TC("<w:gridSpan w:val=\"3\"/>", "1")
		TC("", "2") "</w:tr></w:tbl>",
	    NULL, NULL, &lim);
	CHECK(p.e == ERR_LIMIT && strstr(p.dg.msg, "columns") != NULL);
	parsed_fini(&p);

	limits_default(&lim);
	lim.xml_elements_max = 20;
	parse_body(
	    &p, P("1") P("2") P("3") P("4") P("5") P("6"), NULL, NULL, &lim);
	CHECK(p.e == ERR_LIMIT && strstr(p.dg.msg, "elements") != NULL);
	parsed_fini(&p);

	limits_default(&lim);
	lim.text_max = 10;
	parse_body(&p, P("mười một chữ"), NULL, NULL, &lim);
	CHECK(p.e == ERR_LIMIT && strstr(p.dg.msg, "text") != NULL);
	parsed_fini(&p);

	limits_default(&lim);
	lim.zip_entry_max = 100;
	parse_body(&p, P("x"), NULL, NULL, &lim);
	CHECK(p.e == ERR_LIMIT && strstr(p.dg.msg, "limit") != NULL);
	parsed_fini(&p);
	free(doc);
}

/* Parses a document.xml given in UTF-8 after converting it to UTF-16. */
static enum err
parse_utf16(const char *xml, bool be, struct diag *dg, size_t *nblocks)
{
	struct limits lim;
	struct arena *a;
	struct doc *d = NULL;
	gsize n = 0;
	gchar *u16 = g_convert(
	    xml, -1, be ? "UTF-16BE" : "UTF-16LE", "UTF-8", NULL, &n, NULL);
	GString *withbom = g_string_new(NULL);
	enum err e;

	limits_default(&lim);
	a = arena_new(lim.arena_max);
	g_string_append_len(withbom, be ? "\xfe\xff" : "\xff\xfe", 2);
	g_string_append_len(withbom, u16, (gssize)n);
	e = docx_parse_wordml(
	    (const uint8_t *)withbom->str, withbom->len, &lim, a, &d, dg);
	*nblocks = d != NULL ? d->blocks.n : 0;
	g_string_free(withbom, TRUE);
	g_free(u16);
	arena_free(a);
	return e;
}

static void
test_docx_utf16(void)
{
	struct diag dg;
	size_t n = 0;

	diag_init(&dg);
	CHECK(parse_utf16("<?xml version=\"1.0\" encoding=\"UTF-16\"?>"
			  "<w:document " W_NS
			  "><w:body>" P("Mười sáu") "</w:body></w:document>",
		  false, &dg, &n) == ERR_OK);
	CHECK(n == 1);
	diag_init(&dg);
	CHECK(parse_utf16(
		  "<?xml version=\"1.0\"?><!-- c --><!DOCTYPE x [<!ENTITY "
		  "a \"b\">]><w:document " W_NS "/>",
		  true, &dg, &n) == ERR_MALFORMED);
	CHECK(strstr(dg.msg, "DOCTYPE") != NULL);
}

static void
test_docx_no_main_part(void)
{
	static const struct pkg_entry e[] = {
		{ "[Content_Types].xml", "<Types/>", 0 },
		{ "word/other.xml", "<x/>", 0 },
		{ NULL, NULL, 0 },
	};
	struct limits lim;
	struct arena *a;
	struct doc *d = NULL;
	struct diag dg;
	uint8_t *zip;
	size_t len;

	limits_default(&lim);
	diag_init(&dg);
	a = arena_new(lim.arena_max);
	zip = pkg_zip(e, false, &len);
	CHECK(docx_parse(zip, len, &lim, a, &d, &dg) == ERR_MALFORMED);
	CHECK(d == NULL && strstr(dg.msg, "no main document") != NULL);
	free(zip);
	arena_free(a);
}

static void
test_docx_wordml_entry(void)
{
	struct limits lim;
	struct arena *a;
	struct doc *d = NULL;
	struct diag dg;
	char *xml = pkg_document_xml(P("Chỉ document.xml"));

	limits_default(&lim);
	diag_init(&dg);
	a = arena_new(lim.arena_max);
	CHECK(docx_parse_wordml((const uint8_t *)xml, strlen(xml), &lim, a, &d,
		  &dg) == ERR_OK);
	CHECK(d != NULL && d->blocks.n == 1 && d->pages.n == 1);
	free(xml);
	arena_free(a);
}

static void
test_docx_package_resolve(void)
{
	struct arena *a = arena_new(1 << 20);

	CHECK_STR(
	    docx_package_resolve(a, "word/", "styles.xml"), "word/styles.xml");
	CHECK_STR(docx_package_resolve(a, "word/", "/word/styles.xml"),
	    "word/styles.xml");
	CHECK_STR(docx_package_resolve(a, "word/", "../customXml/item1.xml"),
	    "customXml/item1.xml");
	CHECK_STR(docx_package_resolve(a, "", "word/./document.xml"),
	    "word/document.xml");
	CHECK(docx_package_resolve(a, "word/", "../../etc/passwd") == NULL);
	CHECK(docx_package_resolve(a, "word/", "file:///etc/passwd") == NULL);
	CHECK(docx_package_resolve(a, "word/", "") == NULL);
	arena_free(a);
}

/* Workers may be threads: the first parses race to set up libxml2 and
 * the legacy tables, and every parse must still come out the same. */
static gpointer
thread_parse(gpointer arg)
{
	const char *doc = arg;
	intptr_t bad = 0;
	int i;

	for (i = 0; i < 25; i++) {
		struct parsed p;
		struct pkg_docx pd = { doc, styles_xml, numbering_xml, NULL,
			NULL, NULL };

		parse_pkg(&p, &pd, NULL);
		if (p.e != ERR_OK || top_text(&p, 0) == NULL ||
		    strcmp(top_text(&p, 0), "Ván bản") != 0 ||
		    top_block(&p, 1)->list_label == NULL ||
		    strcmp(top_block(&p, 1)->list_label, "1.") != 0)
			bad++;
		parsed_fini(&p);
	}
	return (gpointer)bad;
}

static void
test_docx_threads(void)
{
	char *doc = pkg_document_xml(
	    PF(".VnTime", "V\xc2\xb8n b\xc2\xb6n") PN("1", "0", "Một"));
	GThread *t[4];
	intptr_t bad = 0;
	int i;

	for (i = 0; i < 4; i++)
		t[i] = g_thread_new("parse", thread_parse, doc);
	for (i = 0; i < 4; i++)
		bad += (intptr_t)g_thread_join(t[i]);
	CHECK(bad == 0);
	free(doc);
}

int
main(void)
{
	/* Before any parse, so the threads race on the first-use setup. */
	RUN(test_docx_threads);
	RUN(test_docx_spans);
	RUN(test_docx_vmerge_chain_and_orphan);
	RUN(test_docx_nested_tables);
	RUN(test_docx_nesting_caps);
	RUN(test_docx_nfd_becomes_nfc);
	RUN(test_docx_textbox_once);
	RUN(test_docx_fields_keep_result);
	RUN(test_docx_run_content);
	RUN(test_docx_headings_and_lists);
	RUN(test_docx_legacy_fonts);
	RUN(test_docx_legacy_theme_font);
	RUN(test_docx_footnotes_and_pages);
	RUN(test_docx_rendered_breaks);
	RUN(test_docx_refusals);
	RUN(test_docx_utf16);
	RUN(test_docx_no_main_part);
	RUN(test_docx_wordml_entry);
	RUN(test_docx_package_resolve);
	return check_done();
}
