/* SPDX-License-Identifier: MIT */
/*
 * Builds zip archives and minimal DOCX packages in memory for the DOCX
 * and zip tests, with libarchive's zip writer.  Header-only: each test
 * executable includes it once.
 */
#ifndef TESTS_UNIT_TEST_DOCX_PKG_H
#define TESTS_UNIT_TEST_DOCX_PKG_H

#include <archive.h>
#include <archive_entry.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct pkg_entry {
	const char *name;
	const char *data; /* NULL ends a list */
	size_t len;       /* 0: strlen(data) */
};

/*
 * A zip of `entries` (deflated unless `stored`), malloc'ed, length in
 * *len; NULL on failure.
 */
static inline uint8_t *
pkg_zip(const struct pkg_entry *entries, bool stored, size_t *len)
{
	struct archive *a = archive_write_new();
	struct archive_entry *e;
	size_t cap = 1 << 16, used = 0, i;
	uint8_t *buf;

	for (i = 0; entries[i].name != NULL; i++)
		cap += (entries[i].len ? entries[i].len
				       : strlen(entries[i].data)) +
		    512;
	buf = malloc(cap);
	if (a == NULL || buf == NULL)
		goto fail;
	if (archive_write_set_format_zip(a) != ARCHIVE_OK ||
	    archive_write_set_options(a,
		stored ? "zip:compression=store" : "zip:compression=deflate") !=
		ARCHIVE_OK ||
	    archive_write_open_memory(a, buf, cap, &used) != ARCHIVE_OK)
		goto fail;
	for (i = 0; entries[i].name != NULL; i++) {
		size_t n =
		    entries[i].len ? entries[i].len : strlen(entries[i].data);

		e = archive_entry_new();
		archive_entry_set_pathname(e, entries[i].name);
		archive_entry_set_filetype(e, AE_IFREG);
		archive_entry_set_perm(e, 0644);
		archive_entry_set_size(e, (la_int64_t)n);
		if (archive_write_header(a, e) != ARCHIVE_OK ||
		    archive_write_data(a, entries[i].data, n) !=
			(la_ssize_t)n) {
			archive_entry_free(e);
			goto fail;
		}
		archive_entry_free(e);
	}
	if (archive_write_close(a) != ARCHIVE_OK)
		goto fail;
	archive_write_free(a);
	*len = used;
	return buf;
fail:
	if (a != NULL)
		archive_write_free(a);
	free(buf);
	return NULL;
}

#define PKG_W_NS                                                                           \
	"xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "        \
	"xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" "        \
	"xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\" " \
	"xmlns:v=\"urn:schemas-microsoft-com:vml\" "                                       \
	"xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""

/* A document.xml around `body` (the content of w:body). */
static inline char *
pkg_document_xml(const char *body)
{
	const char *head =
	    "<?xml version=\"1.0\" encoding=\"UTF-8\" "
	    "standalone=\"yes\"?>\n<w:document " PKG_W_NS "><w:body>";
	const char *tail = "<w:sectPr/></w:body></w:document>";
	size_t n = strlen(head) + strlen(body) + strlen(tail) + 1;
	char *s = malloc(n);

	if (s != NULL)
		(void)snprintf(s, n, "%s%s%s", head, body, tail);
	return s;
}

/* The parts of a test DOCX; NULL parts are left out. */
struct pkg_docx {
	const char *document; /* whole document.xml */
	const char *styles, *numbering, *footnotes, *theme;
	/* Extra entries (name/data pairs), NULL-terminated, or NULL. */
	const struct pkg_entry *extra;
};

static inline uint8_t *
pkg_docx(const struct pkg_docx *d, size_t *len)
{
	struct pkg_entry e[32];
	char rels[2048];
	size_t n = 0, i;
	int off;

	e[n++] = (struct pkg_entry){ "[Content_Types].xml",
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
		"<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
		"<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
		"<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
		"<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
		"</Types>",
		0 };
	e[n++] = (struct pkg_entry){ "_rels/.rels",
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
		"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
		"<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>"
		"</Relationships>",
		0 };
	off = snprintf(rels, sizeof rels,
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships "
	    "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">");
#define PKG_REL(id, type, target)                                                                 \
	off += snprintf(rels + off, sizeof rels - (size_t)off,                                    \
	    "<Relationship Id=\"" id                                                              \
	    "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/" type \
	    "\" Target=\"" target "\"/>")
	if (d->styles != NULL)
		PKG_REL("rId1", "styles", "styles.xml");
	if (d->numbering != NULL)
		PKG_REL("rId2", "numbering", "numbering.xml");
	if (d->footnotes != NULL)
		PKG_REL("rId3", "footnotes", "footnotes.xml");
	if (d->theme != NULL)
		PKG_REL("rId4", "theme", "theme/theme1.xml");
#undef PKG_REL
	(void)snprintf(
	    rels + off, sizeof rels - (size_t)off, "</Relationships>");
	e[n++] = (struct pkg_entry){ "word/_rels/document.xml.rels", rels, 0 };
	e[n++] = (struct pkg_entry){ "word/document.xml", d->document, 0 };
	if (d->styles != NULL)
		e[n++] = (struct pkg_entry){ "word/styles.xml", d->styles, 0 };
	if (d->numbering != NULL)
		e[n++] =
		    (struct pkg_entry){ "word/numbering.xml", d->numbering, 0 };
	if (d->footnotes != NULL)
		e[n++] =
		    (struct pkg_entry){ "word/footnotes.xml", d->footnotes, 0 };
	if (d->theme != NULL)
		e[n++] =
		    (struct pkg_entry){ "word/theme/theme1.xml", d->theme, 0 };
	for (i = 0; d->extra != NULL && d->extra[i].name != NULL && n < 31; i++)
		e[n++] = d->extra[i];
	e[n] = (struct pkg_entry){ NULL, NULL, 0 };
	return pkg_zip(e, false, len);
}

#endif
