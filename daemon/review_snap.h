/* SPDX-License-Identifier: MIT */
/*
 * Page pictures for the review page, made at extraction time inside the
 * sandboxed worker.  Rendering a PDF page or decoding a scan runs the
 * same parser libraries (Poppler, Leptonica) that a hostile file
 * targets, so it happens where parsing happens: under the worker's
 * limits and seccomp filter, never in the server, which only hands the
 * stored PNG bytes to the browser.  Only pages that a flag's evidence
 * points at are drawn, at a screen resolution, to keep the store small.
 *
 * Also computes, from the document model, the box of each table row a
 * flag's evidence came from, so the page can highlight it.
 */
#ifndef DAEMON_REVIEW_SNAP_H
#define DAEMON_REVIEW_SNAP_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/doc.h"
#include "core/err.h"
#include "core/limits.h"
#include "core/result.h"

/* Pages drawn per document, and their resolution. */
#define REVIEW_SNAP_PAGES_MAX 4
#define REVIEW_SNAP_DPI       110
/* One page's PNG; a larger one is dropped, not truncated. */
#define REVIEW_SNAP_PNG_MAX (4u << 20)

struct review_snap {
	unsigned page;
	double width_pt, height_pt;
	const uint8_t *png; /* in the arena */
	size_t len;
};

/* Where a table row of the evidence is on its page. */
struct review_box {
	unsigned page;
	int table, row;
	struct doc_box box; /* points, origin top left */
};

/*
 * Draws the pages that r's flags point at, from the submitted file
 * `data` (the same bytes the pipeline read), as PNG.  PDFs are drawn by
 * Poppler, image scans re-encoded by Leptonica; a DOCX has no pages and
 * gives none.  Appends struct review_snap * to `out`.  A page that
 * cannot be drawn is skipped: pictures are a help for the clerk, never
 * a reason to reject a report.  Errors only for arena exhaustion.
 */
enum err review_snap_pages(const uint8_t *data, size_t len,
    const struct result *r, const struct limits *, struct arena *,
    struct ptrvec *out, struct diag *);

/*
 * The boxes of the table rows r's flag evidence and indicators point
 * at, found in r->doc (cells that have a box); appends struct
 * review_box * to `out`.
 */
enum err review_snap_boxes(
    const struct result *r, struct arena *, struct ptrvec *out, struct diag *);

/*
 * In the worker, after the pipeline: draws r's flagged pages and sends
 * each, with the row boxes on it, as a PICTURE frame on `fd`
 * (daemon/review_frame.h).  Best effort: nothing is sent for what
 * cannot be drawn, and a failure never costs the record.
 */
void review_snap_send(int fd, const uint8_t *data, size_t len,
    const struct result *r, const struct limits *, struct arena *);

#endif
