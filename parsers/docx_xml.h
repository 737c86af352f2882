/* SPDX-License-Identifier: MIT */
/*
 * The one way DOCX parts are parsed: libxml2's streaming reader over
 * memory with only XML_PARSE_NONET|NOERROR|NOWARNING, a deny-all external
 * entity loader and catalogs off (set once per process), any DOCTYPE
 * rejected (OPC M1.18: that also stops XXE and entity expansion bombs),
 * UTF-8 or UTF-16 only (OPC M1.17), and our own caps on depth and element
 * count.  Element and attribute names are interned in the reader's
 * dictionary, so the readers built on this compare pointers, not strings.
 */
#ifndef PARSERS_DOCX_XML_H
#define PARSERS_DOCX_XML_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/limits.h"

/* The local names the DOCX readers look at: X(field, "name"). */
/* clang-format off */
#define DOCX_XML_NAMES(X) \
	X(document, "document")                                         \
	X(body, "body")                                                 \
	X(p, "p")                                                       \
	X(r, "r")                                                       \
	X(t, "t")                                                       \
	X(tab, "tab")                                                   \
	X(br, "br")                                                     \
	X(cr, "cr")                                                     \
	X(sym, "sym")                                                   \
	X(noBreakHyphen, "noBreakHyphen")                               \
	X(softHyphen, "softHyphen")                                     \
	X(lastRenderedPageBreak, "lastRenderedPageBreak")               \
	X(fldChar, "fldChar")                                           \
	X(instrText, "instrText")                                       \
	X(delText, "delText")                                           \
	X(delInstrText, "delInstrText")                                 \
	X(del, "del")                                                   \
	X(moveFrom, "moveFrom")                                         \
	X(tbl, "tbl")                                                   \
	X(tr, "tr")                                                     \
	X(tc, "tc")                                                     \
	X(tcPr, "tcPr")                                                 \
	X(trPr, "trPr")                                                 \
	X(gridSpan, "gridSpan")                                         \
	X(vMerge, "vMerge")                                             \
	X(hMerge, "hMerge")                                             \
	X(gridBefore, "gridBefore")                                     \
	X(pPr, "pPr")                                                   \
	X(rPr, "rPr")                                                   \
	X(pStyle, "pStyle")                                             \
	X(rStyle, "rStyle")                                             \
	X(numPr, "numPr")                                               \
	X(ilvl, "ilvl")                                                 \
	X(numId, "numId")                                               \
	X(outlineLvl, "outlineLvl")                                     \
	X(pageBreakBefore, "pageBreakBefore")                           \
	X(sectPr, "sectPr")                                             \
	X(type, "type")                                                 \
	X(rFonts, "rFonts")                                             \
	X(txbxContent, "txbxContent")                                   \
	X(AlternateContent, "AlternateContent")                         \
	X(Choice, "Choice")                                             \
	X(Fallback, "Fallback")                                         \
	X(footnote, "footnote")                                         \
	X(footnoteReference, "footnoteReference")                       \
	X(endnoteReference, "endnoteReference")                         \
	X(pPrChange, "pPrChange")                                       \
	X(rPrChange, "rPrChange")                                       \
	X(tblPrChange, "tblPrChange")                                   \
	X(trPrChange, "trPrChange")                                     \
	X(tcPrChange, "tcPrChange")                                     \
	X(sectPrChange, "sectPrChange")                                 \
	X(numberingChange, "numberingChange")                           \
	X(comment, "comment")                                           \
	X(val, "val")                                                   \
	X(id, "id")                                                     \
	X(ascii, "ascii")                                               \
	X(hAnsi, "hAnsi")                                               \
	X(asciiTheme, "asciiTheme")                                     \
	X(hAnsiTheme, "hAnsiTheme")                                     \
	X(font, "font")                                                 \
	X(char_, "char")                                                \
	X(fldCharType, "fldCharType")                                   \
	X(style, "style")                                               \
	X(styleId, "styleId")                                           \
	X(default_, "default")                                          \
	X(name, "name")                                                 \
	X(basedOn, "basedOn")                                           \
	X(docDefaults, "docDefaults")                                   \
	X(rPrDefault, "rPrDefault")                                     \
	X(pPrDefault, "pPrDefault")                                     \
	X(abstractNum, "abstractNum")                                   \
	X(abstractNumId, "abstractNumId")                               \
	X(num, "num")                                                   \
	X(lvl, "lvl")                                                   \
	X(lvlOverride, "lvlOverride")                                   \
	X(startOverride, "startOverride")                               \
	X(start, "start")                                               \
	X(numFmt, "numFmt")                                             \
	X(lvlText, "lvlText")                                           \
	X(majorFont, "majorFont")                                       \
	X(minorFont, "minorFont")                                       \
	X(latin, "latin")                                               \
	X(typeface, "typeface")                                         \
	X(Relationship, "Relationship")                                 \
	X(Id, "Id")                                                     \
	X(Type, "Type")                                                 \
	X(Target, "Target")                                             \
	X(TargetMode, "TargetMode")                                     \
	X(Override, "Override")                                         \
	X(Default, "Default")                                           \
	X(PartName, "PartName")                                         \
	X(ContentType, "ContentType")                                   \
	X(Extension, "Extension")
/* clang-format on */

struct docx_xml_names {
#define DOCX_XML_FIELD(f, s) const char *f;
	DOCX_XML_NAMES(DOCX_XML_FIELD)
#undef DOCX_XML_FIELD
};

/* Namespaces we tell apart; everything else is DOCX_NS_OTHER. */
enum docx_ns {
	DOCX_NS_OTHER,
	DOCX_NS_W,  /* wordprocessingml main, transitional or strict */
	DOCX_NS_MC, /* markup compatibility (AlternateContent) */
};

enum docx_xml_type {
	DOCX_XML_START, /* an element opens; `empty` when it also closes */
	DOCX_XML_END,
	DOCX_XML_TEXT, /* character data, CDATA or whitespace */
};

struct docx_xml_node {
	enum docx_xml_type type;
	bool empty;
	unsigned depth;   /* 0 for the root element */
	const char *name; /* interned local name; compare with == */
	enum docx_ns ns;
	const char *text; /* DOCX_XML_TEXT: borrowed until the next call */
	size_t len;
};

struct docx_xml;

/*
 * A reader over `len` bytes of the part `part_name` (kept for messages;
 * both must outlive the reader).  *names is filled with the interned
 * names.  ERR_MALFORMED for a declared encoding other than UTF-8/UTF-16,
 * ERR_LIMIT for a part over INT_MAX bytes.
 */
enum err docx_xml_open(const char *part_name, const uint8_t *data, size_t len,
    const struct limits *lim, struct docx_xml **out,
    const struct docx_xml_names **names, struct diag *diag);
void docx_xml_close(struct docx_xml *);

/*
 * The next node: 1 and *node filled, 0 at the end of the part, -1 on an
 * error (malformed XML, a DOCTYPE, a cap) with `diag` set.  An empty
 * element gives one DOCX_XML_START with `empty` set and no DOCX_XML_END.
 */
int docx_xml_next(
    struct docx_xml *, struct docx_xml_node *node, struct diag *diag);

/*
 * The value of attribute `name` (interned) of the element just returned
 * by docx_xml_next, in any namespace, or NULL; borrowed until the next
 * call on this reader.  Values are cut at 1 KiB, which no attribute we
 * read comes near.
 */
const char *docx_xml_attr(struct docx_xml *, const char *name);

/* The local name of the open element at `depth` (0 is the root), for
 * depths up to the last node's; NULL beyond. */
const char *docx_xml_ancestor(const struct docx_xml *, unsigned depth);

/* The part name given to docx_xml_open. */
const char *docx_xml_part(const struct docx_xml *);

/* Parses a decimal attribute value; false when absent or not a number
 * in [min, max]. */
bool docx_xml_uint(
    const char *s, unsigned long min, unsigned long max, unsigned long *out);

/* Makes the process-wide libxml2 settings (idempotent, thread-safe);
 * docx_xml_open calls it. */
void docx_xml_init(void);

#endif
