/* SPDX-License-Identifier: MIT */
/*
 * The WordprocessingML reader: document.xml (and footnotes.xml) to
 * document-model blocks.  Paragraphs with their style, heading level and
 * list label; runs with legacy Vietnamese fonts decoded; fields as their
 * result; tables with spans, nested to a cap; text boxes once each;
 * footnotes; a page estimate from explicit and rendered page breaks.
 */
#ifndef PARSERS_DOCX_BODY_H
#define PARSERS_DOCX_BODY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/doc.h"
#include "core/err.h"
#include "core/limits.h"
#include "parsers/docx_numbering.h"
#include "parsers/docx_styles.h"

struct docx_body;

/*
 * A reader adding to `doc`, using `styles` and `numbering` (either may be
 * NULL).  `rendered_breaks`: the document records where Word last broke
 * pages (w:lastRenderedPageBreak), so pages follow those alone; otherwise
 * they follow explicit breaks.  NULL when out of memory.
 */
struct docx_body *docx_body_new(struct doc *doc, const struct limits *lim,
    const struct docx_styles *styles, struct docx_numbering *numbering,
    bool rendered_breaks);
void docx_body_free(struct docx_body *);

/*
 * Reads one part: `part` DOC_PART_BODY for the main document (content of
 * w:body), DOC_PART_FOOTNOTE for footnotes.xml (each w:footnote's
 * paragraphs, on the page of its reference when the body was read
 * first).  Errors name the part and say why.
 */
enum err docx_body_read(struct docx_body *, const char *part_name,
    const uint8_t *data, size_t len, enum doc_part part, struct diag *diag);

/* The estimated number of pages read so far (at least 1). */
unsigned docx_body_pages(const struct docx_body *);

/* True when `data` records rendered page breaks (a cheap byte scan). */
bool docx_body_has_rendered_breaks(const uint8_t *data, size_t len);

#endif
