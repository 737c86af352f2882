/* SPDX-License-Identifier: MIT */
/*
 * OPC package reading for DOCX.
 *
 * Format notes: ECMA-376 Part 2.  The package relationship of type
 * .../officeDocument names the main part (normally word/document.xml);
 * its content type must be a WordprocessingML main part (document,
 * template or macro-enabled).  The main part's relationships name its
 * styles, numbering, footnotes and theme parts.  Both the transitional
 * (schemas.openxmlformats.org) and strict (purl.oclc.org) relationship
 * type URIs are accepted by their last segment.
 */
#include "parsers/docx_package.h"

#include <glib.h>
#include <string.h>

#include "core/buf.h"
#include "parsers/docx_xml.h"

#define PKG_SEGMENTS_MAX 64

enum pkg_rel {
	REL_OFFICE_DOCUMENT,
	REL_STYLES,
	REL_NUMBERING,
	REL_FOOTNOTES,
	REL_THEME,
	REL_COUNT,
};

static const char *const pkg_rel_suffix[REL_COUNT] = {
	"/officeDocument",
	"/styles",
	"/numbering",
	"/footnotes",
	"/theme",
};

char *
docx_package_resolve(struct arena *a, const char *base, const char *target)
{
	const char *seg[PKG_SEGMENTS_MAX];
	size_t segl[PKG_SEGMENTS_MAX];
	size_t nseg = 0, i;
	struct buf b;
	const char *srcs[2];
	char *res;
	int s;

	if (target == NULL || *target == '\0')
		return NULL;
	/* A URI with a scheme ("http:", "file:") is not a part. */
	for (i = 0; target[i] != '\0' && target[i] != '/'; i++)
		if (target[i] == ':')
			return NULL;
	srcs[0] = target[0] == '/' ? "" : base;
	srcs[1] = target;
	for (s = 0; s < 2; s++) {
		const char *p = srcs[s];

		while (*p != '\0') {
			size_t n = strcspn(p, "/\\");

			if (n == 2 && p[0] == '.' && p[1] == '.') {
				if (nseg == 0)
					return NULL;
				nseg--;
			} else if (n > 0 && !(n == 1 && p[0] == '.')) {
				if (nseg == PKG_SEGMENTS_MAX)
					return NULL;
				seg[nseg] = p;
				segl[nseg++] = n;
			}
			p += n;
			if (*p != '\0')
				p++;
		}
	}
	if (nseg == 0)
		return NULL;
	buf_init(&b, 4096);
	for (i = 0; i < nseg; i++) {
		if (i > 0)
			(void)buf_putc(&b, '/');
		(void)buf_append(&b, seg[i], segl[i]);
	}
	res = b.overflow ? NULL : arena_strndup(a, buf_str(&b), b.len);
	buf_fini(&b);
	return res;
}

/* Reads a .rels part: the first internal target of each wanted type. */
static enum err
pkg_read_rels(const struct zip_part *part, const char *base,
    const struct limits *lim, struct arena *a, const char *targets[REL_COUNT],
    struct diag *diag)
{
	const struct docx_xml_names *nm;
	struct docx_xml *x;
	struct docx_xml_node n;
	enum err e;
	int rc, k;

	e = docx_xml_open(
	    part->name, part->data, part->len, lim, &x, &nm, diag);
	if (e != ERR_OK)
		return e;
	while ((rc = docx_xml_next(x, &n, diag)) > 0) {
		const char *type, *mode;
		size_t tl;

		if (n.type != DOCX_XML_START || n.name != nm->Relationship)
			continue;
		mode = docx_xml_attr(x, nm->TargetMode);
		if (mode != NULL && g_ascii_strcasecmp(mode, "External") == 0)
			continue;
		type = docx_xml_attr(x, nm->Type);
		if (type == NULL)
			continue;
		tl = strlen(type);
		for (k = 0; k < REL_COUNT; k++) {
			size_t sl = strlen(pkg_rel_suffix[k]);

			if (targets[k] == NULL && tl >= sl &&
			    strcmp(type + tl - sl, pkg_rel_suffix[k]) == 0) {
				targets[k] = docx_package_resolve(
				    a, base, docx_xml_attr(x, nm->Target));
				break;
			}
		}
	}
	docx_xml_close(x);
	return rc < 0 ? diag->code : ERR_OK;
}

/* The content type [Content_Types].xml gives part `name`, or NULL. */
static enum err
pkg_content_type(const struct zip_part *ct, const char *name,
    const struct limits *lim, struct arena *a, const char **type,
    struct diag *diag)
{
	const struct docx_xml_names *nm;
	struct docx_xml *x;
	struct docx_xml_node n;
	const char *ext = strrchr(name, '.'), *def = NULL;
	enum err e;
	int rc;

	*type = NULL;
	e = docx_xml_open(ct->name, ct->data, ct->len, lim, &x, &nm, diag);
	if (e != ERR_OK)
		return e;
	while ((rc = docx_xml_next(x, &n, diag)) > 0 && *type == NULL) {
		const char *v;

		if (n.type != DOCX_XML_START)
			continue;
		if (n.name == nm->Override) {
			v = docx_xml_attr(x, nm->PartName);
			if (v != NULL && v[0] == '/' &&
			    g_ascii_strcasecmp(v + 1, name) == 0)
				*type = arena_strdup(a,
				    docx_xml_attr(x, nm->ContentType) != NULL
					? docx_xml_attr(x, nm->ContentType)
					: "");
		} else if (n.name == nm->Default && ext != NULL &&
		    def == NULL) {
			v = docx_xml_attr(x, nm->Extension);
			if (v != NULL && g_ascii_strcasecmp(v, ext + 1) == 0) {
				v = docx_xml_attr(x, nm->ContentType);
				def = arena_strdup(a, v != NULL ? v : "");
			}
		}
	}
	docx_xml_close(x);
	if (rc < 0)
		return diag->code;
	if (*type == NULL)
		*type = def;
	return ERR_OK;
}

/* The folder of part `name` with its trailing '/', or "". */
static char *
pkg_dir(struct arena *a, const char *name)
{
	const char *slash = strrchr(name, '/');

	return arena_strndup(
	    a, name, slash != NULL ? (size_t)(slash - name + 1) : 0);
}

/* Contract in docx_package.h. */
enum err
docx_package_open(const uint8_t *data, size_t len, const struct limits *lim,
    struct arena *a, struct docx_package *out, struct diag *diag)
{
	const char *top[REL_COUNT] = { NULL }, *rel[REL_COUNT] = { NULL };
	struct zip_part first[2], rels[1], parts[5];
	const char *main_name, *ctype = NULL;
	char *dir, *rels_name;
	struct zip *z;
	enum err e;

	memset(out, 0, sizeof *out);
	e = zip_open(data, len, lim, a, &z, diag);
	if (e != ERR_OK)
		return e;
	first[0].name = "[Content_Types].xml";
	first[1].name = "_rels/.rels";
	e = zip_read(z, first, 2, diag);
	if (e != ERR_OK)
		return e;
	if (first[1].data != NULL) {
		e = pkg_read_rels(&first[1], "", lim, a, top, diag);
		if (e != ERR_OK)
			return e;
	}
	main_name = top[REL_OFFICE_DOCUMENT] != NULL
	    ? zip_find(z, top[REL_OFFICE_DOCUMENT])
	    : NULL;
	if (main_name == NULL)
		main_name = zip_find(z, "word/document.xml");
	if (main_name == NULL)
		return diag_set(diag, ERR_MALFORMED,
		    "the package has no main document part (word/document.xml)");
	if (first[0].data != NULL) {
		e = pkg_content_type(
		    &first[0], main_name, lim, a, &ctype, diag);
		if (e != ERR_OK)
			return e;
		if (ctype != NULL && strstr(ctype, "wordprocessingml") == NULL)
			return diag_set(diag, ERR_UNSUPPORTED,
			    "%s is of type \"%.200s\", not a Word document",
			    main_name, ctype);
	}
	dir = pkg_dir(a, main_name);
	rels_name = dir != NULL
	    ? arena_printf(a, "%s_rels/%s.rels", dir, main_name + strlen(dir))
	    : NULL;
	if (rels_name == NULL)
		return diag_set(diag, ERR_NOMEM, "out of memory");
	rels[0].name = rels_name;
	e = zip_read(z, rels, 1, diag);
	if (e != ERR_OK)
		return e;
	if (rels[0].data != NULL) {
		e = pkg_read_rels(&rels[0], dir, lim, a, rel, diag);
		if (e != ERR_OK)
			return e;
	}
	parts[0].name = main_name;
	parts[1].name = rel[REL_STYLES];
	parts[2].name = rel[REL_NUMBERING];
	parts[3].name = rel[REL_FOOTNOTES];
	parts[4].name = rel[REL_THEME];
	e = zip_read(z, parts, 5, diag);
	if (e != ERR_OK)
		return e;
	if (parts[0].data == NULL)
		return diag_set(
		    diag, ERR_MALFORMED, "%s cannot be read", main_name);
	out->document = parts[0];
	out->styles = parts[1];
	out->numbering = parts[2];
	out->footnotes = parts[3];
	out->theme = parts[4];
	return ERR_OK;
}
