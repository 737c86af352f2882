/* SPDX-License-Identifier: MIT */
/*
 * WordprocessingML body reader over the streaming XML reader.
 *
 * Format notes: ECMA-376 Part 1, 17.3 (paragraphs and runs), 17.4
 * (tables), 17.16 (fields: w:fldChar begin/separate/end, w:instrText;
 * the text between separate and end is the result and is kept, the
 * instruction is not; w:fldSimple holds its result as runs), 17.11
 * (footnotes), Part 3 (markup compatibility: of an mc:AlternateContent
 * only the first mc:Choice is read, never the mc:Fallback, so a text box
 * stored as DrawingML and VML is read once).  Deleted text (w:del,
 * w:moveFrom) and the old properties of tracked changes are skipped.
 *
 * There is no recursion: every open element that matters has a frame on
 * an explicit stack no deeper than the XML depth cap, and tables nested
 * deeper than lim->table_depth_max are refused.
 */
/* memmem(3), a GNU and BSD extension. */
#define _GNU_SOURCE
#include "parsers/docx_body.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "parsers/docx_table.h"
#include "parsers/docx_xml.h"
#include "parsers/legacy_vn.h"

/* Nested fields tracked; deeper ones count but are not told apart. */
#define FIELD_DEPTH_MAX 64

enum frame_kind {
	FR_CONTAINER, /* w:body, w:footnote, w:txbxContent */
	FR_TABLE,
	FR_ROW,
	FR_CELL,
	FR_PARA,
	FR_RUN,
};

struct frame {
	enum frame_kind kind;
	unsigned depth; /* XML depth of the element */
	/* Containers and cells: where blocks go, and which part. */
	struct ptrvec *list;
	enum doc_part part;
	unsigned page; /* footnotes: the page of their reference */
	/* Tables. */
	struct docx_table *tb;
	/* Cells: properties until the cell is placed. */
	bool placed;
	unsigned span;
	enum docx_merge vmerge, hmerge;
	/* Paragraphs. */
	struct buf text; /* reused between frames at this slot */
	/* w:pStyle: the style, or its id when styles.xml lacks it. */
	const struct docx_style *pst;
	const char *pstyle;
	long num_id;
	int ilvl, outline;
	bool has_text, break_before, break_done, break_after;
	unsigned first_page;
	struct ptrvec *pending; /* text box blocks, after the paragraph */
	/* Runs. */
	struct buf rtext;
	const struct docx_style *rst;
	struct docx_font ascii, hansi;
	/* Indexes of the enclosing frames of each kind, or -1. */
	int up_cont, up_para, up_run, up_table;
};

struct docx_body {
	struct doc *doc;
	const struct limits *lim;
	const struct docx_styles *styles;
	struct docx_numbering *numbering;
	bool rendered;
	unsigned page;
	bool any_content;
	size_t text_total;
	unsigned ntables;
	/* Footnote id -> page of its reference. */
	/* Footnote id -> page of its reference, sorted by id once the body
	 * is read (a file may hold very many). */
	struct fn_ref {
		unsigned long id;
		unsigned page;
	} * fn_refs;
	size_t nfn_refs, capfn_refs;
	bool fn_sorted;

	/* Per part. */
	struct frame *fr;
	size_t nfr, capfr;
	int cont, para, run, table; /* innermost frame of each kind, or -1 */
	unsigned table_depth;
	unsigned skip_depth;
	bool skipping;
	int text_depth; /* depth of an open w:t, or -1 */
	unsigned fields, fields_instr;
	bool field_instr[FIELD_DEPTH_MAX];
	bool *alt_taken; /* by depth: an mc:AlternateContent took a branch */
	const char *part_name;
	enum doc_part part;
	struct docx_xml *x;
	const struct docx_xml_names *nm;
	struct diag *diag;
};

struct docx_body *
docx_body_new(struct doc *doc, const struct limits *lim,
    const struct docx_styles *styles, struct docx_numbering *numbering,
    bool rendered_breaks)
{
	struct docx_body *b = calloc(1, sizeof *b);

	if (b == NULL)
		return NULL;
	b->doc = doc;
	b->lim = lim;
	b->styles = styles;
	b->numbering = numbering;
	b->rendered = rendered_breaks;
	b->page = 1;
	return b;
}

void
docx_body_free(struct docx_body *b)
{
	size_t i;

	if (b == NULL)
		return;
	for (i = 0; i < b->capfr; i++) {
		buf_fini(&b->fr[i].text);
		buf_fini(&b->fr[i].rtext);
		docx_table_free(b->fr[i].tb);
	}
	free(b->fr);
	free(b->fn_refs);
	free(b->alt_taken);
	free(b);
}

unsigned
docx_body_pages(const struct docx_body *b)
{
	return b->page;
}

bool
docx_body_has_rendered_breaks(const uint8_t *data, size_t len)
{
	static const char needle[] = "lastRenderedPageBreak";

	return len >= sizeof needle - 1 &&
	    memmem(data, len, needle, sizeof needle - 1) != NULL;
}

static enum err
body_nomem(struct docx_body *b)
{
	return diag_set(b->diag, ERR_NOMEM,
	    "%s: the document model is larger than the memory limit",
	    b->part_name);
}

static enum err
body_page_break(struct docx_body *b)
{
	if (b->page >= b->lim->pages_max)
		return diag_set(b->diag, ERR_LIMIT,
		    "%s: more than %u pages, the limit", b->part_name,
		    b->lim->pages_max);
	b->page++;
	return ERR_OK;
}

static struct frame *
body_push(struct docx_body *b, enum frame_kind kind, unsigned depth)
{
	struct frame *f;

	if (b->nfr == b->capfr) {
		/* Frames match open elements, so the XML depth cap bounds
		 * this; grow in steps and never past it. */
		size_t ncap = b->capfr == 0 ? 16 : b->capfr * 2;
		struct frame *nf;

		if (ncap > (size_t)b->lim->xml_depth_max + 1)
			ncap = (size_t)b->lim->xml_depth_max + 1;
		if (ncap <= b->capfr)
			return NULL;
		nf = realloc(b->fr, ncap * sizeof *nf);
		if (nf == NULL)
			return NULL;
		memset(nf + b->capfr, 0, (ncap - b->capfr) * sizeof *nf);
		for (size_t i = b->capfr; i < ncap; i++) {
			buf_init(&nf[i].text, b->lim->text_max);
			buf_init(&nf[i].rtext, b->lim->text_max);
		}
		b->fr = nf;
		b->capfr = ncap;
	}
	f = &b->fr[b->nfr];
	{
		struct buf t = f->text, rt = f->rtext;

		memset(f, 0, sizeof *f);
		f->text = t;
		f->rtext = rt;
		buf_reset(&f->text);
		buf_reset(&f->rtext);
	}
	f->kind = kind;
	f->depth = depth;
	f->num_id = -1;
	f->ilvl = -1;
	f->outline = -1;
	f->up_cont = b->cont;
	f->up_para = b->para;
	f->up_run = b->run;
	f->up_table = b->table;
	switch (kind) {
	case FR_CONTAINER:
	case FR_CELL:
		b->cont = (int)b->nfr;
		break;
	case FR_PARA:
		b->para = (int)b->nfr;
		b->run = -1;
		break;
	case FR_RUN:
		b->run = (int)b->nfr;
		break;
	case FR_TABLE:
		b->table = (int)b->nfr;
		break;
	case FR_ROW:
		break;
	}
	b->nfr++;
	return f;
}

static void
body_pop(struct docx_body *b)
{
	struct frame *f = &b->fr[b->nfr - 1];

	b->cont = f->up_cont;
	b->para = f->up_para;
	b->run = f->up_run;
	b->table = f->up_table;
	b->nfr--;
}

/* The block list of the innermost container, placing a pending cell. */
static enum err
body_list(struct docx_body *b, struct ptrvec **list, enum doc_part *part)
{
	struct frame *c;

	*list = NULL;
	if (b->cont < 0)
		return ERR_OK;
	c = &b->fr[b->cont];
	if (c->kind == FR_CELL && !c->placed) {
		struct frame *t = c->up_table >= 0 ? &b->fr[c->up_table] : NULL;
		enum err e;

		if (t == NULL || t->tb == NULL)
			return ERR_OK;
		e = docx_table_cell(
		    t->tb, c->span, c->vmerge, c->hmerge, &c->list, b->diag);
		if (e != ERR_OK)
			return e;
		c->placed = true;
	}
	*list = c->list;
	*part = c->part;
	return ERR_OK;
}

/* w:pageBreakBefore takes effect where the paragraph's text starts (or
 * at its end when it has none); never before the first content, where
 * Word does not break either. */
static enum err
body_break_before(struct docx_body *b, struct frame *p)
{
	if (!p->break_before || p->break_done || b->rendered || !b->any_content)
		return ERR_OK;
	p->break_done = true;
	return body_page_break(b);
}

/* Appends text to the innermost run, or paragraph when outside runs. */
static enum err
body_text(struct docx_body *b, const char *s, size_t len)
{
	struct frame *para;
	struct buf *dst;

	if (b->para < 0 || len == 0)
		return ERR_OK;
	if (len > b->lim->text_max - b->text_total)
		return diag_set(b->diag, ERR_LIMIT,
		    "%s: more than %zu bytes of text, the limit", b->part_name,
		    b->lim->text_max);
	b->text_total += len;
	para = &b->fr[b->para];
	if (!para->has_text) {
		/* The paragraph is on the page where its text starts. */
		enum err e = body_break_before(b, para);

		if (e != ERR_OK)
			return e;
		para->has_text = true;
		para->first_page = b->page;
	}
	dst = b->run >= 0 ? &b->fr[b->run].rtext : &para->text;
	if (!buf_append(dst, s, len))
		return body_nomem(b);
	return ERR_OK;
}

static enum err
body_cp(struct docx_body *b, unsigned long cp)
{
	struct buf tmp;
	enum err e;

	buf_init(&tmp, 8);
	(void)buf_put_utf8(&tmp, cp);
	e = body_text(b, buf_str(&tmp), tmp.len);
	buf_fini(&tmp);
	return e;
}

/* Moves a finished run's text into its paragraph, decoding a legacy
 * font's bytes. */
static enum err
body_run_end(struct docx_body *b, struct frame *r)
{
	struct frame *p;
	enum legacy_vn_kind kind;
	const struct docx_style *ps, *rs;
	bool decoded;
	size_t i;
	bool high = false;

	if (r->up_para < 0 || r->rtext.len == 0)
		return ERR_OK;
	p = &b->fr[r->up_para];
	for (i = 0; i < r->rtext.len && !high; i++)
		high = (unsigned char)r->rtext.data[i] >= 0x80;
	ps = p->pst;
	rs = r->rst;
	kind = docx_styles_run_kind(b->styles, &r->ascii, &r->hansi, rs, ps);
	/* TCVN3 and VNI only differ from what the file says above ASCII,
	 * except that an H font draws ASCII letters as capitals. */
	if (kind == LEGACY_VN_NONE ||
	    (!high && kind != LEGACY_VN_TCVN3_UPPER)) {
		if (!buf_append(&p->text, r->rtext.data, r->rtext.len))
			return body_nomem(b);
		return ERR_OK;
	}
	switch (legacy_vn_fix(
	    kind, r->rtext.data, r->rtext.len, &p->text, &decoded)) {
	case ERR_OK:
		return ERR_OK;
	case ERR_NOMEM:
		return body_nomem(b);
	default:
		return diag_set(b->diag, ERR_INTERNAL,
		    "the legacy Vietnamese font tables are broken");
	}
}

static bool
body_is_blank(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
			return false;
	return true;
}

/* Ends a paragraph: its block (unless blank), then its text boxes. */
static enum err
body_para_end(struct docx_body *b, struct frame *p)
{
	const struct docx_style *st;
	struct ptrvec *list = NULL;
	enum doc_part part = DOC_PART_BODY;
	const char *label = NULL;
	unsigned level = 0;
	long num_id;
	int ilvl;
	enum err e;
	size_t i;

	e = body_list(b, &list, &part);
	if (e == ERR_OK)
		e = body_break_before(b, p);
	if (e != ERR_OK)
		return e;
	st = p->pst;
	if (st == NULL && p->pstyle == NULL && b->styles != NULL)
		st = b->styles->default_para;
	if (p->outline >= 0)
		level = p->outline < 9 ? (unsigned)p->outline + 1 : 0;
	else if (st != NULL)
		level = st->heading_level;
	num_id = p->num_id >= 0 ? p->num_id : (st != NULL ? st->r_num_id : -1);
	ilvl = p->ilvl >= 0 ? p->ilvl
			    : (st != NULL && st->r_ilvl >= 0 ? st->r_ilvl : 0);
	if (num_id > 0)
		label =
		    docx_numbering_next(b->numbering, num_id, (unsigned)ilvl);
	if (list != NULL && !body_is_blank(p->text.data, p->text.len)) {
		struct doc_block *blk;
		enum doc_kind kind = level > 0 ? DOC_HEADING
		    : label != NULL            ? DOC_LIST_ITEM
					       : DOC_PARAGRAPH;

		blk = doc_add_block(
		    b->doc, list, kind, p->text.data, p->text.len);
		if (blk == NULL)
			return body_nomem(b);
		blk->part = part;
		blk->level = kind == DOC_HEADING ? level
		    : kind == DOC_LIST_ITEM      ? (unsigned)ilvl
						 : 0;
		blk->list_label =
		    label != NULL && label[0] != '\0' ? label : NULL;
		blk->style = st != NULL ? st->name : p->pstyle;
		blk->page = p->has_text ? p->first_page : b->page;
		if (part == DOC_PART_FOOTNOTE && b->fr[b->cont].page > 0)
			blk->page = b->fr[b->cont].page;
		b->any_content = true;
	}
	if (list != NULL && p->pending != NULL) {
		for (i = 0; i < p->pending->n; i++)
			if (ptrvec_push(
				list, b->doc->arena, p->pending->v[i]) != 0)
				return body_nomem(b);
		b->any_content = b->any_content || p->pending->n > 0;
	}
	if (p->break_after && !b->rendered)
		return body_page_break(b);
	return ERR_OK;
}

static void
body_skip(struct docx_body *b, const struct docx_xml_node *n)
{
	if (!n->empty) {
		b->skipping = true;
		b->skip_depth = n->depth;
	}
}

static void
body_field(struct docx_body *b, const char *type)
{
	if (type == NULL)
		return;
	if (strcmp(type, "begin") == 0) {
		if (b->fields < FIELD_DEPTH_MAX)
			b->field_instr[b->fields] = true;
		b->fields++;
		b->fields_instr++;
	} else if (strcmp(type, "separate") == 0 && b->fields > 0) {
		unsigned top = b->fields - 1;

		if (top < FIELD_DEPTH_MAX && b->field_instr[top]) {
			b->field_instr[top] = false;
			b->fields_instr--;
		}
	} else if (strcmp(type, "end") == 0 && b->fields > 0) {
		unsigned top = b->fields - 1;

		if (top < FIELD_DEPTH_MAX) {
			if (b->field_instr[top])
				b->fields_instr--;
		} else if (b->fields_instr > 0 && b->fields_instr == b->fields)
			b->fields_instr--;
		b->fields--;
	}
}

static void
body_fn_ref(struct docx_body *b, const char *id)
{
	unsigned long v;

	if (!docx_xml_uint(id, 0, 0x7fffffffUL, &v))
		return;
	if (b->nfn_refs == b->capfn_refs) {
		size_t ncap = b->capfn_refs == 0 ? 16 : b->capfn_refs * 2;
		struct fn_ref *nr = realloc(b->fn_refs, ncap * sizeof *nr);

		if (nr == NULL)
			return; /* the footnote then takes page 0: no harm */
		b->fn_refs = nr;
		b->capfn_refs = ncap;
	}
	b->fn_refs[b->nfn_refs].id = v;
	b->fn_refs[b->nfn_refs].page = b->page;
	b->nfn_refs++;
	b->fn_sorted = false;
}

static int
body_fn_cmp(const void *a, const void *b)
{
	unsigned long x = ((const struct fn_ref *)a)->id;
	unsigned long y = ((const struct fn_ref *)b)->id;

	return x < y ? -1 : x > y;
}

static unsigned
body_fn_page(struct docx_body *b, const char *id)
{
	struct fn_ref key, *hit;

	if (!docx_xml_uint(id, 0, 0x7fffffffUL, &key.id) || b->nfn_refs == 0)
		return 0;
	if (!b->fn_sorted) {
		qsort(b->fn_refs, b->nfn_refs, sizeof *b->fn_refs, body_fn_cmp);
		b->fn_sorted = true;
	}
	hit = bsearch(
	    &key, b->fn_refs, b->nfn_refs, sizeof *b->fn_refs, body_fn_cmp);
	return hit != NULL ? hit->page : 0;
}

static bool
body_on(const char *v)
{
	return v == NULL ||
	    (strcmp(v, "0") != 0 && strcmp(v, "false") != 0 &&
		strcmp(v, "off") != 0);
}

static enum docx_merge
body_merge(const char *v)
{
	if (v != NULL && strcmp(v, "restart") == 0)
		return DOCX_MERGE_RESTART;
	return DOCX_MERGE_CONTINUE;
}

static void
body_set_pstyle(struct docx_body *b, struct frame *p, const char *id)
{
	p->pst = docx_styles_get(b->styles, id);
	/* Kept for the block's style name only when styles.xml lacks it;
	 * a known style costs no copy per paragraph. */
	p->pstyle =
	    p->pst != NULL ? p->pst->id : arena_strdup(b->doc->arena, id);
}

/* Paragraph and run properties: only direct children of this p/r. */
static void
body_props(struct docx_body *b, const struct docx_xml_node *n, const char *up1,
    const char *up2)
{
	const struct docx_xml_names *nm = b->nm;
	struct docx_xml *x = b->x;
	unsigned long u;

	if (b->para >= 0 && b->fr[b->para].depth + 2 == n->depth &&
	    up1 == nm->pPr) {
		struct frame *p = &b->fr[b->para];
		const char *v = docx_xml_attr(x, nm->val);

		if (n->name == nm->pStyle && v != NULL)
			body_set_pstyle(b, p, v);
		else if (n->name == nm->outlineLvl &&
		    docx_xml_uint(v, 0, 9, &u))
			p->outline = (int)u;
		else if (n->name == nm->pageBreakBefore && body_on(v))
			p->break_before = true;
		else if (n->name == nm->sectPr)
			p->break_after = true;
		return;
	}
	if (b->para >= 0 && b->fr[b->para].depth + 3 == n->depth &&
	    up1 == nm->numPr && up2 == nm->pPr) {
		struct frame *p = &b->fr[b->para];
		const char *v = docx_xml_attr(x, nm->val);

		if (n->name == nm->numId &&
		    docx_xml_uint(v, 0, 0x7fffffffUL, &u))
			p->num_id = (long)u;
		else if (n->name == nm->ilvl && docx_xml_uint(v, 0, 8, &u))
			p->ilvl = (int)u;
		return;
	}
	if (b->para >= 0 && b->fr[b->para].depth + 3 == n->depth &&
	    up1 == nm->sectPr && up2 == nm->pPr && n->name == nm->type) {
		const char *v = docx_xml_attr(x, nm->val);

		if (v != NULL && strcmp(v, "continuous") == 0)
			b->fr[b->para].break_after = false;
		return;
	}
	if (b->run >= 0 && b->fr[b->run].depth + 2 == n->depth &&
	    up1 == nm->rPr) {
		struct frame *r = &b->fr[b->run];

		if (n->name == nm->rStyle) {
			const char *v = docx_xml_attr(x, nm->val);

			if (v != NULL)
				r->rst = docx_styles_get(b->styles, v);
		} else if (n->name == nm->rFonts)
			docx_styles_read_fonts(
			    x, nm, NULL, &r->ascii, &r->hansi);
	}
}

/* Cell properties: direct children of this cell's w:tcPr. */
static void
body_cell_props(struct docx_body *b, const struct docx_xml_node *n)
{
	const struct docx_xml_names *nm = b->nm;
	struct frame *c = &b->fr[b->cont];
	const char *v = docx_xml_attr(b->x, nm->val);
	unsigned long u;

	if (n->name == nm->gridSpan) {
		if (docx_xml_uint(v, 1, b->lim->table_cols_max, &u))
			c->span = (unsigned)u;
		else if (docx_xml_uint(v, 1, 0x7fffffffUL, &u))
			c->span =
			    b->lim->table_cols_max + 1; /* refused later */
	} else if (n->name == nm->vMerge)
		c->vmerge = body_merge(v);
	else if (n->name == nm->hMerge)
		c->hmerge = body_merge(v);
}

static enum err
body_start_table(struct docx_body *b, const struct docx_xml_node *n)
{
	struct ptrvec *list;
	enum doc_part part = DOC_PART_BODY;
	struct frame *f;
	enum err e;

	e = body_list(b, &list, &part);
	if (e != ERR_OK)
		return e;
	if (list == NULL) {
		body_skip(b, n);
		return ERR_OK;
	}
	if (b->table_depth >= b->lim->table_depth_max)
		return diag_set(b->diag, ERR_LIMIT,
		    "%s: tables nested more than %u deep, the limit",
		    b->part_name, b->lim->table_depth_max);
	if (n->empty)
		return ERR_OK;
	f = body_push(b, FR_TABLE, n->depth);
	if (f == NULL)
		return body_nomem(b);
	b->ntables++;
	f->tb = docx_table_begin(b->doc, list, b->table_depth, b->ntables,
	    b->part_name, b->lim, b->diag);
	if (f->tb == NULL)
		return b->diag->code;
	docx_table_block(f->tb)->part = part;
	docx_table_block(f->tb)->page = b->page;
	b->table_depth++;
	b->any_content = true;
	return ERR_OK;
}

static enum err
body_start_container(struct docx_body *b, const struct docx_xml_node *n,
    struct ptrvec *list, enum doc_part part, unsigned page)
{
	struct frame *f;

	if (n->empty)
		return ERR_OK;
	f = body_push(b, FR_CONTAINER, n->depth);
	if (f == NULL)
		return body_nomem(b);
	f->list = list;
	f->part = part;
	f->page = page;
	return ERR_OK;
}

/* A text box: its blocks wait in the anchoring paragraph's list and go
 * after it; with no paragraph around, straight into the container. */
static enum err
body_start_textbox(struct docx_body *b, const struct docx_xml_node *n)
{
	struct ptrvec *list = NULL;
	enum doc_part part = DOC_PART_BODY;
	enum err e;

	if (b->para >= 0) {
		struct frame *p = &b->fr[b->para];

		if (p->pending == NULL) {
			p->pending =
			    arena_alloc(b->doc->arena, sizeof *p->pending);
			if (p->pending == NULL)
				return body_nomem(b);
		}
		list = p->pending;
	} else {
		e = body_list(b, &list, &part);
		if (e != ERR_OK)
			return e;
	}
	if (list == NULL) {
		body_skip(b, n);
		return ERR_OK;
	}
	return body_start_container(b, n, list, DOC_PART_TEXTBOX, 0);
}

static enum err
body_start(struct docx_body *b, const struct docx_xml_node *n)
{
	const struct docx_xml_names *nm = b->nm;
	struct docx_xml *x = b->x;
	const char *up1, *up2, *v;
	struct frame *f;
	enum err e;

	up1 = n->depth >= 1 ? docx_xml_ancestor(x, n->depth - 1) : NULL;
	up2 = n->depth >= 2 ? docx_xml_ancestor(x, n->depth - 2) : NULL;

	if (n->ns == DOCX_NS_MC) {
		if (n->name == nm->AlternateContent)
			b->alt_taken[n->depth] = false;
		else if ((n->name == nm->Choice || n->name == nm->Fallback) &&
		    n->depth >= 1 && up1 == nm->AlternateContent) {
			if (b->alt_taken[n->depth - 1])
				body_skip(b, n);
			else
				b->alt_taken[n->depth - 1] = true;
		}
		return ERR_OK;
	}
	if (n->ns != DOCX_NS_W)
		return ERR_OK;

	if (n->name == nm->t) {
		if (b->fields_instr == 0 && !n->empty)
			b->text_depth = (int)n->depth;
		return ERR_OK;
	}
	if (n->name == nm->r) {
		if (b->para >= 0 && !n->empty &&
		    body_push(b, FR_RUN, n->depth) == NULL)
			return body_nomem(b);
		return ERR_OK;
	}
	if (n->name == nm->p) {
		if (b->cont < 0) {
			body_skip(b, n);
			return ERR_OK;
		}
		/* Place a pending cell now so cells keep document order. */
		{
			struct ptrvec *list;
			enum doc_part part;

			e = body_list(b, &list, &part);
			if (e != ERR_OK)
				return e;
		}
		if (n->empty)
			return ERR_OK;
		if (body_push(b, FR_PARA, n->depth) == NULL)
			return body_nomem(b);
		return ERR_OK;
	}
	if (n->name == nm->pPr || n->name == nm->rPr || n->name == nm->tcPr ||
	    n->name == nm->trPr)
		return ERR_OK;
	if (up1 == nm->pPr || up1 == nm->rPr || up1 == nm->numPr ||
	    (up1 == nm->sectPr && up2 == nm->pPr)) {
		if (n->name == nm->pPrChange || n->name == nm->rPrChange ||
		    n->name == nm->sectPrChange ||
		    n->name == nm->numberingChange) {
			body_skip(b, n);
			return ERR_OK;
		}
		body_props(b, n, up1, up2);
		if (n->name == nm->rPr || n->name == nm->sectPr)
			return ERR_OK;
		/* Nothing under a property element is content. */
		if (n->name != nm->numPr && n->name != nm->sectPr)
			body_skip(b, n);
		return ERR_OK;
	}
	if (up1 == nm->tcPr && b->cont >= 0 && b->fr[b->cont].kind == FR_CELL &&
	    b->fr[b->cont].depth + 2 == n->depth) {
		if (n->name == nm->tcPrChange)
			body_skip(b, n);
		else
			body_cell_props(b, n);
		return ERR_OK;
	}
	if (up1 == nm->trPr) {
		if (n->name == nm->gridBefore && b->table >= 0) {
			unsigned long u;

			if (docx_xml_uint(docx_xml_attr(x, nm->val), 0,
				b->lim->table_cols_max, &u))
				docx_table_grid_before(
				    b->fr[b->table].tb, (unsigned)u);
		} else if (n->name == nm->trPrChange)
			body_skip(b, n);
		return ERR_OK;
	}
	if (n->name == nm->tab) {
		/* w:tab inside w:tabs (paragraph tab stops) is under pPr and
		 * was handled above; here it is a tab character. */
		return b->fields_instr == 0 ? body_text(b, "\t", 1) : ERR_OK;
	}
	if (n->name == nm->br || n->name == nm->cr) {
		v = n->name == nm->br ? docx_xml_attr(x, nm->type) : NULL;
		if (v != NULL && strcmp(v, "page") == 0) {
			if (!b->rendered)
				return body_page_break(b);
			return ERR_OK;
		}
		return b->fields_instr == 0 ? body_text(b, "\n", 1) : ERR_OK;
	}
	if (n->name == nm->lastRenderedPageBreak) {
		if (b->rendered)
			return body_page_break(b);
		return ERR_OK;
	}
	if (n->name == nm->noBreakHyphen)
		return b->fields_instr == 0 ? body_cp(b, 0x2011) : ERR_OK;
	if (n->name == nm->softHyphen)
		return b->fields_instr == 0 ? body_cp(b, 0x00AD) : ERR_OK;
	if (n->name == nm->sym) {
		unsigned long cp = 0;
		const char *p;

		v = docx_xml_attr(x, nm->char_);
		for (p = v; p != NULL && *p != '\0' && cp <= 0xFFFF; p++) {
			int h = g_ascii_xdigit_value(*p);

			if (h < 0)
				break;
			cp = cp << 4 | (unsigned long)h;
		}
		if (v == NULL || cp == 0 || cp > 0xFFFF || b->fields_instr > 0)
			return ERR_OK;
		return body_cp(b, cp);
	}
	if (n->name == nm->fldChar) {
		body_field(b, docx_xml_attr(x, nm->fldCharType));
		return ERR_OK;
	}
	if (n->name == nm->instrText || n->name == nm->delText ||
	    n->name == nm->delInstrText || n->name == nm->del ||
	    n->name == nm->moveFrom) {
		body_skip(b, n);
		return ERR_OK;
	}
	if (n->name == nm->footnoteReference) {
		if (b->part == DOC_PART_BODY)
			body_fn_ref(b, docx_xml_attr(x, nm->id));
		return ERR_OK;
	}
	if (n->name == nm->txbxContent)
		return body_start_textbox(b, n);
	if (n->name == nm->tbl)
		return body_start_table(b, n);
	if (n->name == nm->tr) {
		if (b->table < 0 || b->fr[b->table].depth + 1 != n->depth) {
			body_skip(b, n);
			return ERR_OK;
		}
		e = docx_table_row(b->fr[b->table].tb, b->diag);
		if (e != ERR_OK)
			return e;
		if (!n->empty && body_push(b, FR_ROW, n->depth) == NULL)
			return body_nomem(b);
		return ERR_OK;
	}
	if (n->name == nm->tc) {
		if (b->table < 0 || b->fr[b->table].depth + 2 != n->depth) {
			body_skip(b, n);
			return ERR_OK;
		}
		f = body_push(b, FR_CELL, n->depth);
		if (f == NULL)
			return body_nomem(b);
		f->span = 1;
		f->part = b->fr[b->table].up_cont >= 0
		    ? b->fr[b->fr[b->table].up_cont].part
		    : DOC_PART_BODY;
		if (n->empty) {
			struct ptrvec *list;
			enum doc_part part;

			e = body_list(b, &list, &part);
			body_pop(b);
			return e;
		}
		return ERR_OK;
	}
	if (n->name == nm->body && b->part == DOC_PART_BODY && b->cont < 0)
		return body_start_container(
		    b, n, &b->doc->blocks, DOC_PART_BODY, 0);
	if (n->name == nm->footnote && b->part == DOC_PART_FOOTNOTE &&
	    b->cont < 0) {
		v = docx_xml_attr(x, nm->type);
		if (v != NULL && strcmp(v, "normal") != 0) {
			body_skip(b, n); /* separators */
			return ERR_OK;
		}
		return body_start_container(b, n, &b->doc->blocks,
		    DOC_PART_FOOTNOTE,
		    body_fn_page(b, docx_xml_attr(x, nm->id)));
	}
	return ERR_OK;
}

static enum err
body_end(struct docx_body *b, const struct docx_xml_node *n)
{
	struct frame *f;
	enum err e = ERR_OK;

	if (b->text_depth >= 0 && n->depth == (unsigned)b->text_depth) {
		b->text_depth = -1;
		return ERR_OK;
	}
	if (b->nfr == 0)
		return ERR_OK;
	f = &b->fr[b->nfr - 1];
	if (f->depth != n->depth)
		return ERR_OK;
	switch (f->kind) {
	case FR_RUN:
		e = body_run_end(b, f);
		break;
	case FR_PARA:
		e = body_para_end(b, f);
		break;
	case FR_CELL: {
		struct ptrvec *list;
		enum doc_part part;

		e = body_list(b, &list, &part);
		break;
	}
	case FR_ROW:
		break;
	case FR_TABLE:
		e = docx_table_end(f->tb, b->diag);
		f->tb = NULL;
		b->table_depth--;
		break;
	case FR_CONTAINER:
		break;
	}
	body_pop(b);
	return e;
}

/* Contract in docx_body.h. */
enum err
docx_body_read(struct docx_body *b, const char *part_name, const uint8_t *data,
    size_t len, enum doc_part part, struct diag *diag)
{
	struct docx_xml_node n;
	enum err e = ERR_OK;
	size_t i;
	int rc;

	b->part_name = part_name;
	b->part = part;
	b->diag = diag;
	b->nfr = 0;
	b->cont = b->para = b->run = b->table = -1;
	b->table_depth = 0;
	b->skipping = false;
	b->text_depth = -1;
	b->fields = b->fields_instr = 0;
	free(b->alt_taken);
	b->alt_taken =
	    calloc((size_t)b->lim->xml_depth_max + 1, sizeof *b->alt_taken);
	if (b->alt_taken == NULL)
		return diag_set(diag, ERR_NOMEM, "out of memory");
	e = docx_xml_open(part_name, data, len, b->lim, &b->x, &b->nm, diag);
	if (e != ERR_OK)
		return e;
	while ((rc = docx_xml_next(b->x, &n, diag)) > 0) {
		if (b->skipping) {
			if (n.type == DOCX_XML_END && n.depth == b->skip_depth)
				b->skipping = false;
			continue;
		}
		if (n.type == DOCX_XML_TEXT) {
			if (b->text_depth >= 0 &&
			    n.depth == (unsigned)b->text_depth + 1 &&
			    b->fields_instr == 0)
				e = body_text(b, n.text, n.len);
		} else if (n.type == DOCX_XML_START) {
			e = body_start(b, &n);
			/* The p/r frames of an empty element close at once. */
		} else
			e = body_end(b, &n);
		if (e != ERR_OK)
			break;
	}
	if (rc < 0)
		e = diag->code;
	docx_xml_close(b->x);
	b->x = NULL;
	/* Builders of tables left open by an error. */
	for (i = 0; i < b->nfr; i++) {
		docx_table_free(b->fr[i].tb);
		b->fr[i].tb = NULL;
	}
	b->nfr = 0;
	return e;
}
