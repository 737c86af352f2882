/* SPDX-License-Identifier: MIT */
/*
 * Hardened libxml2 streaming reader for DOCX parts.
 *
 * Format notes: ECMA-376 Part 2 (OPC) M1.17 (UTF-8 or UTF-16 only) and
 * M1.18 (no DTD).  libxml2 2.9.14 has no XML_PARSE_NO_XXE, and NONET
 * alone still loads local files through the default loader, hence the
 * deny-all loader and catalogs off; see ../shared/spec/hardening.md 2.1.
 */
#include "parsers/docx_xml.h"

#include <glib.h>
#include <libxml/catalog.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DOCX_XML_OPTIONS                                                       \
	(XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)
#define DOCX_XML_ATTR_MAX 1024

static const char ns_w[] =
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
static const char ns_w_strict[] =
    "http://purl.oclc.org/ooxml/wordprocessingml/main";
static const char ns_mc[] =
    "http://schemas.openxmlformats.org/markup-compatibility/2006";

struct docx_xml {
	xmlTextReaderPtr reader;
	const char *part;
	const struct limits *lim;
	struct docx_xml_names names;
	const char *ns_w, *ns_w_strict, *ns_mc; /* interned */
	/* The namespace of the last few xmlNs seen, by address: elements
	 * share their declaration's xmlNs, so this spares a dictionary
	 * lookup per element. */
	struct {
		const void *ns;
		enum docx_ns kind;
	} ns_cache[4];
	unsigned ns_next;
	size_t nelements;
	const char **stack; /* open element names by depth */
	unsigned top;       /* depth of the last element started */
	char err[256];      /* first libxml2 error, "line N: message" */
	char attr[DOCX_XML_ATTR_MAX];
};

static xmlParserInputPtr
docx_xml_deny_entity(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	(void)url;
	(void)id;
	(void)ctxt;
	return NULL;
}

static void
docx_xml_silent(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

static void
docx_xml_silent_structured(void *ctx, xmlErrorPtr error)
{
	(void)ctx;
	(void)error;
}

/*
 * Process-wide libxml2 state, set once whatever thread gets here first:
 * the parser's own globals, no entity loading of any kind, no catalogs,
 * and no error printing for threads created later.
 */
void
docx_xml_init(void)
{
	static gsize once;

	if (g_once_init_enter(&once)) {
		xmlInitParser();
		xmlSetExternalEntityLoader(docx_xml_deny_entity);
#ifdef LIBXML_CATALOG_ENABLED
		xmlCatalogSetDefaults(XML_CATA_ALLOW_NONE);
#endif
		xmlThrDefSetGenericErrorFunc(NULL, docx_xml_silent);
		xmlThrDefSetStructuredErrorFunc(
		    NULL, docx_xml_silent_structured);
		g_once_init_leave(&once, 1);
	}
	/* The error hooks are per thread once threads exist. */
	xmlSetGenericErrorFunc(NULL, docx_xml_silent);
	xmlSetStructuredErrorFunc(NULL, docx_xml_silent_structured);
}

static void
docx_xml_on_error(void *arg, xmlErrorPtr error)
{
	struct docx_xml *x = arg;
	size_t n;

	if (x->err[0] != '\0' || error == NULL)
		return;
	(void)snprintf(x->err, sizeof x->err, "line %d: %s", error->line,
	    error->message != NULL ? error->message : "error");
	n = strlen(x->err);
	while (n > 0 && (x->err[n - 1] == '\n' || x->err[n - 1] == ' '))
		x->err[--n] = '\0';
}

/* The encoding="..." of an ASCII-compatible XML declaration, or "". */
static void
docx_xml_declared(const uint8_t *d, size_t len, char *enc, size_t cap)
{
	const char *p = (const char *)d, *end, *q;
	char quote;
	size_t n;

	enc[0] = '\0';
	if (len < 5 || memcmp(p, "<?xml", 5) != 0)
		return;
	end = p + (len < 512 ? len : 512);
	q = p;
	while (q + 1 < end && !(q[0] == '?' && q[1] == '>'))
		q++;
	end = q;
	for (q = p; q + 8 <= end; q++)
		if (memcmp(q, "encoding", 8) == 0)
			break;
	if (q + 8 > end)
		return;
	q += 8;
	while (q < end && (*q == ' ' || *q == '\t' || *q == '\r' || *q == '\n'))
		q++;
	if (q >= end || *q != '=')
		return;
	q++;
	while (q < end && (*q == ' ' || *q == '\t' || *q == '\r' || *q == '\n'))
		q++;
	if (q >= end || (*q != '"' && *q != '\''))
		return;
	quote = *q++;
	for (n = 0; q < end && *q != quote && n + 1 < cap; q++)
		enc[n++] = *q;
	enc[n] = '\0';
	if (n == 0)
		(void)snprintf(enc, cap, "(empty)");
}

/* OPC M1.17: UTF-8 or UTF-16.  Also keeps libxml2 away from iconv. */
static enum err
docx_xml_check_encoding(
    const char *part, const uint8_t *d, size_t len, struct diag *diag)
{
	char enc[64];

	if (len >= 4 &&
	    ((d[0] == 0xFF && d[1] == 0xFE && d[2] == 0 && d[3] == 0) ||
		(d[0] == 0 && d[1] == 0 &&
		    (d[2] == 0xFE || d[2] == 0 || d[3] == 0)) ||
		(d[0] == 0x4C && d[1] == 0x6F && d[2] == 0xA7 &&
		    d[3] == 0x94) ||
		(d[0] == '<' && d[1] == 0 && d[2] == 0 && d[3] == 0)))
		return diag_set(diag, ERR_MALFORMED,
		    "%s is not UTF-8 or UTF-16 (Office files are always one "
		    "of the two)",
		    part);
	if (len >= 2 &&
	    ((d[0] == 0xFF && d[1] == 0xFE) || (d[0] == 0xFE && d[1] == 0xFF) ||
		(d[0] == '<' && d[1] == 0) || (d[0] == 0 && d[1] == '<')))
		return ERR_OK; /* UTF-16 */
	if (len >= 3 && d[0] == 0xEF && d[1] == 0xBB && d[2] == 0xBF) {
		d += 3;
		len -= 3;
	}
	docx_xml_declared(d, len, enc, sizeof enc);
	if (enc[0] == '\0' || g_ascii_strcasecmp(enc, "UTF-8") == 0 ||
	    g_ascii_strcasecmp(enc, "UTF8") == 0 ||
	    g_ascii_strcasecmp(enc, "UTF-16") == 0 ||
	    g_ascii_strcasecmp(enc, "UTF16") == 0)
		return ERR_OK;
	return diag_set(diag, ERR_MALFORMED,
	    "%s declares the encoding \"%s\"; Office files are UTF-8 or UTF-16",
	    part, enc);
}

/* Code unit `i` of the part, read as UTF-16 when `wide`. */
static unsigned
docx_xml_unit(const uint8_t *d, size_t i, int wide, bool be)
{
	if (wide == 1)
		return d[i];
	return be ? (unsigned)d[2 * i] << 8 | d[2 * i + 1]
		  : (unsigned)d[2 * i + 1] << 8 | d[2 * i];
}

static bool
docx_xml_at(
    const uint8_t *d, size_t n, size_t i, int wide, bool be, const char *lit)
{
	size_t k;

	for (k = 0; lit[k] != '\0'; k++)
		if (i + k >= n ||
		    docx_xml_unit(d, i + k, wide, be) != (unsigned char)lit[k])
			return false;
	return true;
}

/*
 * OPC M1.18, checked on the bytes before libxml2 sees any: the prolog
 * (XML declaration, comments, processing instructions, space) must not
 * hold a DOCTYPE, so no entity declaration is ever parsed.  The reader
 * refuses a DTD node too, for prologs this scan does not walk.
 */
static enum err
docx_xml_check_doctype(
    const char *part, const uint8_t *d, size_t len, struct diag *diag)
{
	int wide = 1;
	bool be = false;
	size_t n, i = 0, skip = 0;

	/* A byte order mark, or "<" with a NUL beside it (UTF-16 without
	 * one), sets the width and byte order. */
	if (len >= 2 && d[0] == 0xFE && d[1] == 0xFF) {
		wide = 2;
		be = true;
		skip = 2;
	} else if (len >= 2 && d[0] == 0xFF && d[1] == 0xFE) {
		wide = 2;
		skip = 2;
	} else if (len >= 2 && d[0] == 0 && d[1] == '<') {
		wide = 2;
		be = true;
	} else if (len >= 2 && d[0] == '<' && d[1] == 0) {
		wide = 2;
	} else if (len >= 3 && d[0] == 0xEF && d[1] == 0xBB && d[2] == 0xBF) {
		skip = 3;
	}
	d += skip;
	len -= skip;
	n = wide == 2 ? len / 2 : len;
	for (;;) {
		while (i < n &&
		    (docx_xml_unit(d, i, wide, be) == ' ' ||
			docx_xml_unit(d, i, wide, be) == '\t' ||
			docx_xml_unit(d, i, wide, be) == '\r' ||
			docx_xml_unit(d, i, wide, be) == '\n'))
			i++;
		if (docx_xml_at(d, n, i, wide, be, "<!DOCTYPE"))
			return diag_set(diag, ERR_MALFORMED,
			    "%s: has a DOCTYPE declaration, which Office files "
			    "never have (OPC M1.18); refused so that no entity "
			    "is loaded or expanded",
			    part);
		if (docx_xml_at(d, n, i, wide, be, "<?")) {
			while (i < n && !docx_xml_at(d, n, i, wide, be, "?>"))
				i++;
			i += 2;
		} else if (docx_xml_at(d, n, i, wide, be, "<!--")) {
			while (i < n && !docx_xml_at(d, n, i, wide, be, "-->"))
				i++;
			i += 3;
		} else
			return ERR_OK;
	}
}

static const char *
docx_xml_intern(xmlTextReaderPtr r, const char *s)
{
	return (const char *)xmlTextReaderConstString(r, (const xmlChar *)s);
}

/* Contract in docx_xml.h. */
enum err
docx_xml_open(const char *part_name, const uint8_t *data, size_t len,
    const struct limits *lim, struct docx_xml **out,
    const struct docx_xml_names **names, struct diag *diag)
{
	struct docx_xml *x;
	enum err e;

	*out = NULL;
	if (len > INT_MAX)
		return diag_set(
		    diag, ERR_LIMIT, "%s is too large to parse", part_name);
	e = docx_xml_check_encoding(part_name, data, len, diag);
	if (e == ERR_OK)
		e = docx_xml_check_doctype(part_name, data, len, diag);
	if (e != ERR_OK)
		return e;
	docx_xml_init();
	x = calloc(1, sizeof *x);
	if (x == NULL)
		return diag_set(
		    diag, ERR_NOMEM, "out of memory parsing %s", part_name);
	x->part = part_name;
	x->lim = lim;
	x->stack = calloc((size_t)lim->xml_depth_max + 1, sizeof *x->stack);
	if (x->stack == NULL) {
		free(x);
		return diag_set(
		    diag, ERR_NOMEM, "out of memory parsing %s", part_name);
	}
	x->reader = xmlReaderForMemory(
	    (const char *)data, (int)len, NULL, NULL, DOCX_XML_OPTIONS);
	if (x->reader == NULL) {
		free(x->stack);
		free(x);
		return diag_set(
		    diag, ERR_NOMEM, "out of memory parsing %s", part_name);
	}
	xmlTextReaderSetStructuredErrorHandler(x->reader, docx_xml_on_error, x);
#define DOCX_XML_INTERN(f, s) x->names.f = docx_xml_intern(x->reader, s);
	DOCX_XML_NAMES(DOCX_XML_INTERN)
#undef DOCX_XML_INTERN
	x->ns_w = docx_xml_intern(x->reader, ns_w);
	x->ns_w_strict = docx_xml_intern(x->reader, ns_w_strict);
	x->ns_mc = docx_xml_intern(x->reader, ns_mc);
	if (x->names.val == NULL || x->ns_mc == NULL) {
		docx_xml_close(x);
		return diag_set(
		    diag, ERR_NOMEM, "out of memory parsing %s", part_name);
	}
	*out = x;
	*names = &x->names;
	return ERR_OK;
}

void
docx_xml_close(struct docx_xml *x)
{
	if (x == NULL)
		return;
	xmlFreeTextReader(x->reader);
	free(x->stack);
	free(x);
}

const char *
docx_xml_ancestor(const struct docx_xml *x, unsigned depth)
{
	return depth <= x->top ? x->stack[depth] : NULL;
}

const char *
docx_xml_part(const struct docx_xml *x)
{
	return x->part;
}

static int
docx_xml_fail(
    struct docx_xml *x, struct diag *diag, enum err code, const char *what)
{
	diag_set(diag, code, "%s: %s", x->part, what);
	return -1;
}

static enum docx_ns
docx_xml_ns_of(struct docx_xml *x, xmlTextReaderPtr r)
{
	xmlNodePtr node = xmlTextReaderCurrentNode(r);
	const char *uri;
	enum docx_ns kind;
	unsigned i;

	if (node == NULL || node->ns == NULL)
		return DOCX_NS_OTHER;
	for (i = 0; i < 4; i++)
		if (x->ns_cache[i].ns == node->ns)
			return x->ns_cache[i].kind;
	uri = (const char *)xmlTextReaderConstNamespaceUri(r);
	if (uri == NULL)
		kind = DOCX_NS_OTHER;
	else if (uri == x->ns_w || uri == x->ns_w_strict)
		kind = DOCX_NS_W;
	else if (uri == x->ns_mc)
		kind = DOCX_NS_MC;
	else
		kind = DOCX_NS_OTHER;
	x->ns_cache[x->ns_next].ns = node->ns;
	x->ns_cache[x->ns_next].kind = kind;
	x->ns_next = (x->ns_next + 1) % 4;
	return kind;
}

/* Contract in docx_xml.h. */
int
docx_xml_next(struct docx_xml *x, struct docx_xml_node *n, struct diag *diag)
{
	xmlTextReaderPtr r = x->reader;
	char msg[320];
	int rc, depth;

	for (;;) {
		rc = xmlTextReaderRead(r);
		if (rc == 0)
			return 0;
		if (rc < 0) {
			(void)snprintf(msg, sizeof msg,
			    "not well-formed XML (%s)",
			    x->err[0] != '\0' ? x->err : "parse error");
			return docx_xml_fail(x, diag, ERR_MALFORMED, msg);
		}
		switch (xmlTextReaderNodeType(r)) {
		case XML_READER_TYPE_ELEMENT:
			if (++x->nelements > x->lim->xml_elements_max) {
				(void)snprintf(msg, sizeof msg,
				    "more than %zu XML elements, the limit",
				    x->lim->xml_elements_max);
				return docx_xml_fail(x, diag, ERR_LIMIT, msg);
			}
			n->type = DOCX_XML_START;
			n->empty = xmlTextReaderIsEmptyElement(r) == 1;
			break;
		case XML_READER_TYPE_END_ELEMENT:
			n->type = DOCX_XML_END;
			n->empty = false;
			break;
		case XML_READER_TYPE_TEXT:
		case XML_READER_TYPE_CDATA:
		case XML_READER_TYPE_WHITESPACE:
		case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
			n->type = DOCX_XML_TEXT;
			n->text = (const char *)xmlTextReaderConstValue(r);
			if (n->text == NULL)
				return docx_xml_fail(
				    x, diag, ERR_NOMEM, "out of memory");
			n->len = strlen(n->text);
			n->name = NULL;
			n->ns = DOCX_NS_OTHER;
			depth = xmlTextReaderDepth(r);
			n->depth = depth > 0 ? (unsigned)depth : 0;
			return 1;
		case XML_READER_TYPE_DOCUMENT_TYPE:
		case XML_READER_TYPE_ENTITY_REFERENCE:
		case XML_READER_TYPE_ENTITY:
			return docx_xml_fail(x, diag, ERR_MALFORMED,
			    "has a DOCTYPE declaration, which Office files "
			    "never have (OPC M1.18); refused so that no entity "
			    "is loaded or expanded");
		default:
			continue; /* comments, processing instructions */
		}
		depth = xmlTextReaderDepth(r);
		if (depth < 0)
			return docx_xml_fail(
			    x, diag, ERR_MALFORMED, "not well-formed XML");
		if ((unsigned)depth >= x->lim->xml_depth_max) {
			(void)snprintf(msg, sizeof msg,
			    "XML elements nested more than %u deep, the limit",
			    x->lim->xml_depth_max);
			return docx_xml_fail(x, diag, ERR_LIMIT, msg);
		}
		n->depth = (unsigned)depth;
		n->name = (const char *)xmlTextReaderConstLocalName(r);
		if (n->type == DOCX_XML_START) {
			x->stack[depth] = n->name;
			x->top = (unsigned)depth;
		}
		n->ns = docx_xml_ns_of(x, r);
		n->text = NULL;
		n->len = 0;
		return 1;
	}
}

/* Contract in docx_xml.h. */
const char *
docx_xml_attr(struct docx_xml *x, const char *name)
{
	xmlTextReaderPtr r = x->reader;
	const char *found = NULL;

	if (xmlTextReaderMoveToFirstAttribute(r) != 1)
		return NULL;
	do {
		if ((const char *)xmlTextReaderConstLocalName(r) == name) {
			const char *v =
			    (const char *)xmlTextReaderConstValue(r);

			if (v != NULL) {
				(void)g_strlcpy(x->attr, v, sizeof x->attr);
				found = x->attr;
			}
			break;
		}
	} while (xmlTextReaderMoveToNextAttribute(r) == 1);
	(void)xmlTextReaderMoveToElement(r);
	return found;
}

bool
docx_xml_uint(
    const char *s, unsigned long min, unsigned long max, unsigned long *out)
{
	unsigned long v = 0;
	const char *p = s;

	if (s == NULL)
		return false;
	while (*p == ' ')
		p++;
	if (*p == '+')
		p++;
	if (*p < '0' || *p > '9')
		return false;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (v > (ULONG_MAX - 9) / 10)
			return false;
		v = v * 10 + (unsigned long)(*p - '0');
	}
	while (*p == ' ')
		p++;
	if (*p != '\0' || v < min || v > max)
		return false;
	*out = v;
	return true;
}
