/* SPDX-License-Identifier: MIT */
/*
 * One input file's bytes to its result record: sniff, parse, normalise,
 * map, check.  This is what a worker runs for each document; it never
 * touches the file system.
 */
#ifndef DAEMON_PIPELINE_H
#define DAEMON_PIPELINE_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/limits.h"
#include "core/result.h"

/*
 * Runs the pipeline over `data` (the whole file, untrusted) submitted as
 * `name`.  Always returns a result in `arena` (NULL only when the arena
 * cannot hold even that): a file we cannot read gives status rejected or
 * failed with an error code and message, never a crash.
 */
struct result *pipeline_run(const uint8_t *data, size_t len, const char *name,
    const struct limits *lim, struct arena *arena);

/*
 * OCR settings from the daemon's configuration ([ocr] languages and
 * tessdata): the worker sets them once before pipeline_run(), and the
 * pipeline passes them on to the OCR module.  NULL fields mean the OCR
 * module's own defaults.
 */
struct pipeline_ocr {
	const char *languages; /* "vie", "vie+eng" */
	const char *tessdata;  /* model folder */
};

void pipeline_set_ocr(const struct pipeline_ocr *);
const struct pipeline_ocr *pipeline_get_ocr(void);

#endif
