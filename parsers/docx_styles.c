/* SPDX-License-Identifier: MIT */
/*
 * Style table for WordprocessingML.
 *
 * Format notes: ECMA-376 Part 1, 17.7 (styles): w:style with w:styleId,
 * w:name, w:basedOn, w:pPr (w:outlineLvl, w:numPr), w:rPr (w:rFonts);
 * w:docDefaults/w:rPrDefault.  Theme fonts (20.1.4.1): a:fontScheme's
 * a:majorFont and a:minorFont a:latin typeface.  Built-in style names are
 * English whatever the UI language ("heading 1"), while ids vary.
 */
#include "parsers/docx_styles.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "parsers/docx_xml.h"

/* basedOn chains longer than this are cut (a cycle, or hostile). */
#define STYLE_CHAIN_MAX 32

static const char *
styles_dup(struct arena *a, const char *s)
{
	return s != NULL ? arena_strdup(a, s) : NULL;
}

/*
 * A font name as stored: a copy in the arena, or with no arena a static
 * name of the same legacy kind (all that a run's font decides), so that
 * millions of runs cost no memory for their font names.
 */
static const char *
styles_font_dup(struct arena *a, const char *s)
{
	if (s == NULL || a != NULL)
		return styles_dup(a, s);
	switch (legacy_vn_kind_for_font(s, strlen(s))) {
	case LEGACY_VN_TCVN3:
		return ".VnTime";
	case LEGACY_VN_TCVN3_UPPER:
		return ".VnTimeH";
	case LEGACY_VN_VNI:
		return "VNI-Times";
	case LEGACY_VN_NONE:
		break;
	}
	return "Times New Roman";
}

static enum docx_theme_font
styles_theme_ref(const char *v)
{
	if (v == NULL)
		return DOCX_THEME_NONE;
	if (g_ascii_strncasecmp(v, "major", 5) == 0)
		return DOCX_THEME_MAJOR;
	if (g_ascii_strncasecmp(v, "minor", 5) == 0)
		return DOCX_THEME_MINOR;
	return DOCX_THEME_NONE;
}

void
docx_styles_read_fonts(struct docx_xml *x, const struct docx_xml_names *nm,
    struct arena *arena, struct docx_font *ascii, struct docx_font *hansi)
{
	enum docx_theme_font th;
	const char *v;

	/* A theme reference wins over a name on the same element. */
	if ((v = docx_xml_attr(x, nm->ascii)) != NULL)
		ascii->name = styles_font_dup(arena, v);
	if ((th = styles_theme_ref(docx_xml_attr(x, nm->asciiTheme))) !=
	    DOCX_THEME_NONE)
		ascii->theme = th;
	if ((v = docx_xml_attr(x, nm->hAnsi)) != NULL)
		hansi->name = styles_font_dup(arena, v);
	if ((th = styles_theme_ref(docx_xml_attr(x, nm->hAnsiTheme))) !=
	    DOCX_THEME_NONE)
		hansi->theme = th;
}

static bool
font_set(const struct docx_font *f)
{
	return f != NULL && (f->name != NULL || f->theme != DOCX_THEME_NONE);
}

static int
style_cmp(const void *a, const void *b)
{
	return strcmp(((const struct docx_style *)a)->id,
	    ((const struct docx_style *)b)->id);
}

const struct docx_style *
docx_styles_get(const struct docx_styles *st, const char *id)
{
	struct docx_style key;

	if (st == NULL || id == NULL || st->n == 0)
		return NULL;
	key.id = id;
	return bsearch(&key, st->v, st->n, sizeof *st->v, style_cmp);
}

/* "heading 3" (any case, built-in name) gives 3. */
static unsigned
style_name_level(const char *name)
{
	const char *p;

	if (name == NULL || g_ascii_strncasecmp(name, "heading", 7) != 0)
		return 0;
	p = name + 7;
	while (*p == ' ')
		p++;
	if (p[0] >= '1' && p[0] <= '9' && p[1] == '\0')
		return (unsigned)(p[0] - '0');
	return 0;
}

/* Fills the r_* fields by walking basedOn; the walk is a bounded loop. */
static void
style_resolve(struct docx_styles *st, struct docx_style *s)
{
	const struct docx_style *c = s;
	bool have_level = false;
	int i;

	s->r_num_id = -1;
	s->r_ilvl = -1;
	for (i = 0; c != NULL && i < STYLE_CHAIN_MAX; i++) {
		unsigned lvl = style_name_level(c->name);

		if (!have_level && c->outline >= 0) {
			s->heading_level =
			    c->outline < 9 ? (unsigned)c->outline + 1 : 0;
			have_level = true;
		} else if (!have_level && lvl > 0) {
			s->heading_level = lvl;
			have_level = true;
		}
		if (s->r_num_id < 0 && c->num_id >= 0)
			s->r_num_id = c->num_id;
		if (s->r_ilvl < 0 && c->ilvl >= 0)
			s->r_ilvl = c->ilvl;
		if (!font_set(&s->r_ascii) && font_set(&c->ascii))
			s->r_ascii = c->ascii;
		if (!font_set(&s->r_hansi) && font_set(&c->hansi))
			s->r_hansi = c->hansi;
		if (c->based_on == NULL)
			break;
		c = docx_styles_get(st, c->based_on);
		if (c == s)
			break;
	}
}

static enum err
styles_read_styles(struct docx_styles *st, const char *part,
    const uint8_t *data, size_t len, const struct limits *lim, struct arena *a,
    struct diag *diag)
{
	const struct docx_xml_names *nm;
	struct docx_xml *x = NULL;
	struct docx_xml_node n;
	struct ptrvec list = { NULL, 0, 0 };
	struct docx_style *cur = NULL;
	unsigned cur_depth = 0;
	enum err e;
	size_t i;
	int rc;

	e = docx_xml_open(part, data, len, lim, &x, &nm, diag);
	if (e != ERR_OK)
		return e;
	while ((rc = docx_xml_next(x, &n, diag)) > 0) {
		const char *up1, *up2, *up3, *v;
		unsigned long u;

		if (n.type == DOCX_XML_END) {
			if (cur != NULL && n.depth == cur_depth)
				cur = NULL;
			continue;
		}
		if (n.type != DOCX_XML_START || n.ns != DOCX_NS_W)
			continue;
		up1 = n.depth >= 1 ? docx_xml_ancestor(x, n.depth - 1) : NULL;
		up2 = n.depth >= 2 ? docx_xml_ancestor(x, n.depth - 2) : NULL;
		up3 = n.depth >= 3 ? docx_xml_ancestor(x, n.depth - 3) : NULL;
		if (n.name == nm->style && n.depth == 1) {
			v = docx_xml_attr(x, nm->styleId);
			if (v == NULL)
				continue;
			cur = arena_alloc(a, sizeof *cur);
			if (cur == NULL || ptrvec_push(&list, a, cur) != 0)
				goto nomem;
			cur->id = styles_dup(a, v);
			v = docx_xml_attr(x, nm->type);
			cur->paragraph =
			    v == NULL || strcmp(v, "paragraph") == 0;
			v = docx_xml_attr(x, nm->default_);
			cur->is_default = v != NULL &&
			    (strcmp(v, "1") == 0 || strcmp(v, "true") == 0 ||
				strcmp(v, "on") == 0);
			cur->outline = -1;
			cur->num_id = -1;
			cur->ilvl = -1;
			cur_depth = n.depth;
			if (cur->id == NULL)
				goto nomem;
			if (n.empty)
				cur = NULL;
			continue;
		}
		if (n.name == nm->rFonts && up1 == nm->rPr &&
		    up2 == nm->rPrDefault) {
			docx_styles_read_fonts(
			    x, nm, a, &st->def_ascii, &st->def_hansi);
			continue;
		}
		if (cur == NULL)
			continue;
		if (n.name == nm->name && up1 == nm->style) {
			cur->name = styles_dup(a, docx_xml_attr(x, nm->val));
		} else if (n.name == nm->basedOn && up1 == nm->style) {
			cur->based_on =
			    styles_dup(a, docx_xml_attr(x, nm->val));
		} else if (n.name == nm->outlineLvl && up1 == nm->pPr &&
		    up2 == nm->style) {
			if (docx_xml_uint(docx_xml_attr(x, nm->val), 0, 9, &u))
				cur->outline = (int)u;
		} else if (n.name == nm->numId && up1 == nm->numPr &&
		    up2 == nm->pPr && up3 == nm->style) {
			if (docx_xml_uint(
				docx_xml_attr(x, nm->val), 0, 0x7fffffffUL, &u))
				cur->num_id = (long)u;
		} else if (n.name == nm->ilvl && up1 == nm->numPr &&
		    up2 == nm->pPr && up3 == nm->style) {
			if (docx_xml_uint(docx_xml_attr(x, nm->val), 0, 8, &u))
				cur->ilvl = (int)u;
		} else if (n.name == nm->rFonts && up1 == nm->rPr &&
		    up2 == nm->style) {
			docx_styles_read_fonts(
			    x, nm, a, &cur->ascii, &cur->hansi);
		}
	}
	docx_xml_close(x);
	x = NULL;
	if (rc < 0)
		return diag->code;
	st->n = list.n;
	st->v = arena_calloc(a, list.n + 1, sizeof *st->v);
	if (st->v == NULL)
		goto nomem;
	for (i = 0; i < list.n; i++)
		st->v[i] = *(struct docx_style *)list.v[i];
	qsort(st->v, st->n, sizeof *st->v, style_cmp);
	return ERR_OK;
nomem:
	docx_xml_close(x);
	return diag_set(diag, ERR_NOMEM, "%s: out of memory", part);
}

static enum err
styles_read_theme(struct docx_styles *st, const char *part, const uint8_t *data,
    size_t len, const struct limits *lim, struct arena *a, struct diag *diag)
{
	const struct docx_xml_names *nm;
	struct docx_xml *x = NULL;
	struct docx_xml_node n;
	enum err e;
	int rc;

	e = docx_xml_open(part, data, len, lim, &x, &nm, diag);
	if (e != ERR_OK)
		return e;
	while ((rc = docx_xml_next(x, &n, diag)) > 0) {
		const char *up1;

		if (n.type != DOCX_XML_START || n.name != nm->latin ||
		    n.depth == 0)
			continue;
		up1 = docx_xml_ancestor(x, n.depth - 1);
		if (up1 == nm->minorFont && st->theme_minor == NULL)
			st->theme_minor =
			    styles_dup(a, docx_xml_attr(x, nm->typeface));
		else if (up1 == nm->majorFont && st->theme_major == NULL)
			st->theme_major =
			    styles_dup(a, docx_xml_attr(x, nm->typeface));
	}
	docx_xml_close(x);
	return rc < 0 ? diag->code : ERR_OK;
}

/* Contract in docx_styles.h. */
enum err
docx_styles_parse(const char *styles_part, const uint8_t *styles,
    size_t styles_len, const char *theme_part, const uint8_t *theme,
    size_t theme_len, const struct limits *lim, struct arena *arena,
    struct docx_styles **out, struct diag *diag)
{
	struct docx_styles *st;
	enum err e;
	size_t i;

	*out = NULL;
	st = arena_alloc(arena, sizeof *st);
	if (st == NULL)
		return diag_set(diag, ERR_NOMEM, "out of memory");
	if (styles != NULL) {
		e = styles_read_styles(
		    st, styles_part, styles, styles_len, lim, arena, diag);
		if (e != ERR_OK)
			return e;
	}
	if (theme != NULL) {
		e = styles_read_theme(
		    st, theme_part, theme, theme_len, lim, arena, diag);
		if (e != ERR_OK)
			return e;
	}
	for (i = 0; i < st->n; i++) {
		style_resolve(st, &st->v[i]);
		if (st->v[i].paragraph && st->v[i].is_default &&
		    st->default_para == NULL)
			st->default_para = &st->v[i];
	}
	*out = st;
	return ERR_OK;
}

static const char *
styles_font_name(const struct docx_styles *st, const struct docx_font *f)
{
	if (f->theme == DOCX_THEME_MINOR)
		return st != NULL ? st->theme_minor : NULL;
	if (f->theme == DOCX_THEME_MAJOR)
		return st != NULL ? st->theme_major : NULL;
	return f->name;
}

/* The first font set along run -> character style -> paragraph style ->
 * docDefaults. */
static const struct docx_font *
styles_pick(const struct docx_font *run, const struct docx_font *rstyle,
    const struct docx_font *pstyle, const struct docx_font *defaults)
{
	if (font_set(run))
		return run;
	if (font_set(rstyle))
		return rstyle;
	if (font_set(pstyle))
		return pstyle;
	if (font_set(defaults))
		return defaults;
	return NULL;
}

/* Contract in docx_styles.h. */
enum legacy_vn_kind
docx_styles_run_kind(const struct docx_styles *st,
    const struct docx_font *ascii, const struct docx_font *hansi,
    const struct docx_style *rstyle, const struct docx_style *pstyle)
{
	const struct docx_font *fa, *fh;
	const char *name;
	enum legacy_vn_kind k;

	if (pstyle == NULL && st != NULL)
		pstyle = st->default_para;
	fh = styles_pick(hansi, rstyle != NULL ? &rstyle->r_hansi : NULL,
	    pstyle != NULL ? &pstyle->r_hansi : NULL,
	    st != NULL ? &st->def_hansi : NULL);
	if (fh != NULL && (name = styles_font_name(st, fh)) != NULL) {
		k = legacy_vn_kind_for_font(name, strlen(name));
		if (k != LEGACY_VN_NONE)
			return k;
		/* hAnsi names a Unicode font: the high bytes are drawn as
		 * Latin-1 whatever w:ascii says. */
		return LEGACY_VN_NONE;
	}
	fa = styles_pick(ascii, rstyle != NULL ? &rstyle->r_ascii : NULL,
	    pstyle != NULL ? &pstyle->r_ascii : NULL,
	    st != NULL ? &st->def_ascii : NULL);
	if (fa != NULL && (name = styles_font_name(st, fa)) != NULL)
		return legacy_vn_kind_for_font(name, strlen(name));
	return LEGACY_VN_NONE;
}
