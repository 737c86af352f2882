/* SPDX-License-Identifier: MIT */
/*
 * PDF (through Poppler's GLib interface) to the document model.  Pages
 * with a usable text layer are laid out from their words and ruling
 * lines; pages without one (scans, a text layer of garbage, only a
 * signing banner) are listed for OCR, and their images can be rendered
 * here, in grey, for the OCR module.
 */
#ifndef PARSERS_PDF_H
#define PARSERS_PDF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/doc.h"
#include "core/err.h"
#include "core/limits.h"

struct pdf;

/*
 * Opens the PDF held in `data` (the whole file, untrusted, not
 * NUL-terminated; it is not copied and must outlive the handle).  No file
 * system, no password: a file that needs a user password is refused with
 * ERR_UNSUPPORTED and a message saying to send an unprotected copy; a file
 * with only an owner password is read.  ERR_LIMIT when the page count or
 * a page's size passes `lim` (which must also outlive the handle);
 * ERR_MALFORMED when Poppler cannot read it.  On failure *out is NULL and
 * `diag` says why.
 */
enum err pdf_open(const uint8_t *data, size_t len, const struct limits *lim,
    struct pdf **out, struct diag *diag);

/* Closes the document; NULL is a no-op. */
void pdf_free(struct pdf *);

unsigned pdf_npages(const struct pdf *);

/*
 * Reads every page into a new document in `arena`: all pages are added
 * (1..N, with their sizes); pages with a usable text layer get their
 * blocks and method text; the others are left empty with method OCR and
 * listed by pdf_ocr_pages().  Tables continued over pages are not joined
 * yet (call layout_join_tables() once OCR pages are in).  On ERR_OK *out
 * lives in `arena`.  Not safe concurrently with rendering.
 */
enum err pdf_extract(
    struct pdf *, struct arena *arena, struct doc **out, struct diag *diag);

/* After pdf_extract(): the pages that need OCR, ascending, and the count.
 * The array belongs to the handle. */
size_t pdf_ocr_pages(const struct pdf *, const unsigned **pages);

/* Why page n (1-based) needs OCR ("no text layer", ...), or NULL when its
 * text layer was used.  Owned by the handle. */
const char *pdf_page_note(const struct pdf *, unsigned n);

/*
 * Renders page n (1-based) at `dpi` as 8-bit grey, rows `*stride` bytes
 * apart, into a malloc'ed buffer the caller frees with free().  The pixel
 * count is checked against lim->image_pixels_max and each side against
 * lim->image_side_max_px before anything is allocated (ERR_LIMIT).  Safe
 * to call from several threads: rendering is serialised inside.
 */
enum err pdf_render_page_gray(struct pdf *, unsigned n, unsigned dpi,
    uint8_t **gray, unsigned *width, unsigned *height, size_t *stride,
    struct diag *diag);

/*
 * The whole of pdf_open + pdf_extract + layout_join_tables for callers
 * without OCR (tests, fuzzing): pages needing OCR stay empty.  On ERR_OK
 * *out lives in `arena`; *nocr (may be NULL) receives their count.
 */
enum err pdf_parse(const uint8_t *data, size_t len, const struct limits *lim,
    struct arena *arena, struct doc **out, size_t *nocr, struct diag *diag);

#endif
