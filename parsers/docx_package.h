/* SPDX-License-Identifier: MIT */
/*
 * The OPC package of a DOCX: finds the main document part through
 * _rels/.rels, checks its content type in [Content_Types].xml, follows
 * the main part's relationships to the parts the reader uses, and reads
 * exactly those from the zip.
 */
#ifndef PARSERS_DOCX_PACKAGE_H
#define PARSERS_DOCX_PACKAGE_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "core/limits.h"
#include "parsers/zip.h"

struct docx_package {
	struct zip_part document; /* always present on success */
	struct zip_part styles, numbering, footnotes, theme;
};

/*
 * Opens the package in `data` and reads the parts above into `arena`.
 * Parts other than the main document may be absent (data NULL).
 * Relationships with TargetMode="External" are never followed.
 */
enum err docx_package_open(const uint8_t *data, size_t len,
    const struct limits *lim, struct arena *arena, struct docx_package *out,
    struct diag *diag);

/*
 * The part name a relationship `target` of a source part in folder
 * `base` ("word/", or "" for the package root) points to, without a
 * leading '/', in the arena; NULL when it leaves the package or the
 * arena is full.  Exposed for tests.
 */
char *docx_package_resolve(
    struct arena *, const char *base, const char *target);

#endif
