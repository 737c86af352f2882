/* SPDX-License-Identifier: MIT */
/*
 * A worker's first look at its document: its format and page count,
 * which it reports to the supervisor before the real work, so a long
 * scan gets a time budget that fits its length.  Runs inside the
 * sandbox, on untrusted bytes, like every parser.
 */
#ifndef DAEMON_PAGECOUNT_H
#define DAEMON_PAGECOUNT_H

#include <stddef.h>
#include <stdint.h>

/* Loads what the first PDF opened would load lazily (Poppler's global
 * state), so it happens before the sandbox closes the file system. */
void pagecount_init(void);

/*
 * The record format name ("docx", "pdf", "image", or "" when the type
 * is not one we read) and the page count (1 when the format has no
 * pages or it cannot be told; at most `max`).
 */
unsigned pagecount(
    const uint8_t *data, size_t len, unsigned max, const char **format);

#endif
