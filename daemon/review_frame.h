/* SPDX-License-Identifier: MIT */
/*
 * The PICTURE frame a worker sends for the review page (daemon/ipc.h):
 * one page picture drawn at extraction time and the boxes of the table
 * rows on that page.  Little-endian payload:
 *
 *   u32 page, u32 width, u32 height     page size in 1/100 point
 *   u32 nboxes                          at most REVIEW_FRAME_BOXES_MAX
 *   nboxes x { i32 table, i32 row, u32 x0, y0, x1, y1 (1/100 pt) }
 *   the PNG, to the end
 *
 * The supervisor decodes it as untrusted input and stores it; nobody in
 * the supervisor or the review server decodes the PNG (the browser
 * does, in its own sandbox).
 */
#ifndef DAEMON_REVIEW_FRAME_H
#define DAEMON_REVIEW_FRAME_H

#include <glib.h>
#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/err.h"
#include "review/review_migrate.h"

#define REVIEW_FRAME_BOXES_MAX 512
#define REVIEW_FRAME_HEADER    16
#define REVIEW_FRAME_BOX       24

/* Appends one frame's payload to `out` (capped by the buffer). */
bool review_frame_encode(struct buf *out, unsigned page, double width_pt,
    double height_pt, const struct review_rowbox *boxes, size_t nboxes,
    const void *png, size_t png_len);

/*
 * Checks and decodes a payload: a page number 1..100000, a page side
 * 1..14400 pt, boxes inside the page, and a PNG signature.  *pic points
 * into `data`; boxes go to `boxes` (room for REVIEW_FRAME_BOXES_MAX).
 */
enum err review_frame_decode(const uint8_t *data, size_t len,
    struct review_picture *pic, struct review_rowbox *boxes, size_t *nboxes,
    struct diag *);

/* Decodes each frame (GBytes) and stores the pictures and boxes of
 * document `id` with review_pictures_save(); a frame that does not
 * decode is skipped and counted in *skipped. */
enum err review_frame_save(sqlite3 *db, const char *id, GPtrArray *frames,
    unsigned *skipped, struct diag *);

#endif
