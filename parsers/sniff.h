/* SPDX-License-Identifier: MIT */
/*
 * Type sniffing by content, never by extension: which parser a file goes
 * to, or a message saying what it is when we do not read it.
 */
#ifndef PARSERS_SNIFF_H
#define PARSERS_SNIFF_H

#include <stddef.h>
#include <stdint.h>

enum sniff_type {
	SNIFF_UNKNOWN,
	SNIFF_DOCX, /* a zip whose entries include word/document.xml */
	SNIFF_PDF,
	SNIFF_PNG,
	SNIFF_JPEG,
	SNIFF_TIFF,
	/* Recognised but not read; sniff_message() says what to do. */
	SNIFF_ZIP_OTHER, /* zip without word/document.xml (xlsx, pptx, ...) */
	SNIFF_OLE2,      /* Word 97-2003 .doc, .xls, .ppt */
	SNIFF_RTF,
	SNIFF_ODF,
	SNIFF_HTML,
	SNIFF_GIF,
	SNIFF_BMP,
	SNIFF_WEBP,
	SNIFF_TEXT,
	SNIFF_EMPTY,
	SNIFF_ARCHIVE, /* rar, 7z, gzip, ... */
};

/*
 * The type of the `len` bytes at `data`.  Reads at most the first and
 * last 64 KiB (the zip central directory sits at the end).  Never fails.
 */
enum sniff_type sniff(const uint8_t *data, size_t len);

/* A short name ("docx", "pdf", "png", "legacy Word .doc" ...). */
const char *sniff_name(enum sniff_type);

/* For a type we do not read: one sentence for a user, saying what it is
 * and what to do; NULL for the types we read.  `ext` (the file name's
 * extension, may be NULL) only tailors the wording. */
const char *sniff_message(enum sniff_type, const char *ext);

#endif
