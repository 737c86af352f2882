/* SPDX-License-Identifier: MIT */
/*
 * word/styles.xml (and the theme's fonts): for each style its name, the
 * heading level it gives (outlineLvl or a "heading N" name, through the
 * basedOn chain), the numbering it brings, and the fonts its runs use,
 * each resolved down the chain to docDefaults and the theme.
 */
#ifndef PARSERS_DOCX_STYLES_H
#define PARSERS_DOCX_STYLES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "core/limits.h"
#include "parsers/legacy_vn.h"

/* A font choice as written: a name, or a theme font reference. */
enum docx_theme_font {
	DOCX_THEME_NONE,
	DOCX_THEME_MINOR, /* minorHAnsi, minorAscii, minorBidi ... */
	DOCX_THEME_MAJOR,
};

struct docx_font {
	const char *name; /* NULL when not set here */
	enum docx_theme_font theme;
};

struct docx_style {
	const char *id;
	const char *name; /* w:name, or the id when absent */
	const char *based_on;
	bool paragraph; /* w:type="paragraph" (or absent) */
	bool is_default;
	int outline; /* own w:outlineLvl, -1 when absent */
	long num_id; /* own w:numPr/w:numId, -1 when absent */
	int ilvl;    /* own w:numPr/w:ilvl, -1 when absent */
	struct docx_font ascii, hansi;
	/* Resolved through basedOn (after docx_styles_parse): */
	unsigned heading_level; /* 1-9, 0 when not a heading style */
	long r_num_id;          /* -1 none; 0 numbering removed */
	int r_ilvl;
	struct docx_font r_ascii, r_hansi;
};

struct docx_styles {
	struct docx_style *v; /* sorted by id */
	size_t n;
	const struct docx_style *default_para;
	struct docx_font def_ascii, def_hansi; /* w:docDefaults */
	const char *theme_minor, *theme_major; /* a:latin typefaces */
};

/*
 * Parses styles.xml and theme1.xml, either of which may be NULL (then an
 * empty table).  Everything lives in `arena`.
 */
enum err docx_styles_parse(const char *styles_part, const uint8_t *styles,
    size_t styles_len, const char *theme_part, const uint8_t *theme,
    size_t theme_len, const struct limits *lim, struct arena *arena,
    struct docx_styles **out, struct diag *diag);

/* The style with id `id`, or NULL. */
const struct docx_style *docx_styles_get(
    const struct docx_styles *, const char *id);

/* Reads a w:rFonts element's attributes into ascii/hansi (helper for the
 * readers; `x` is the reader positioned on w:rFonts).  Names are copied
 * into `arena`, or with a NULL arena replaced by a static name of the
 * same legacy kind. */
struct docx_xml;
struct docx_xml_names;
void docx_styles_read_fonts(struct docx_xml *x, const struct docx_xml_names *nm,
    struct arena *arena, struct docx_font *ascii, struct docx_font *hansi);

/*
 * The legacy encoding of a run from its own fonts, its character style
 * and its paragraph's style (any may be NULL or unset), falling back to
 * docDefaults and the theme, as Word resolves them.  w:hAnsi decides,
 * since it draws the bytes 0xA0-0xFF; w:ascii counts when hAnsi names a
 * Unicode font nowhere in the chain.
 */
enum legacy_vn_kind docx_styles_run_kind(const struct docx_styles *,
    const struct docx_font *ascii, const struct docx_font *hansi,
    const struct docx_style *rstyle, const struct docx_style *pstyle);

#endif
