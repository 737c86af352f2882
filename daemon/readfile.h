/* SPDX-License-Identifier: MIT */
/* Reading an input file into memory, and writing an output atomically. */
#ifndef DAEMON_READFILE_H
#define DAEMON_READFILE_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

/*
 * Reads the regular file at `path` (at most `max` bytes, else ERR_LIMIT)
 * into a malloc'ed buffer.  Refuses anything that is not a regular file.
 */
enum err readfile(
    const char *path, size_t max, uint8_t **out, size_t *len, struct diag *);

/*
 * Writes `len` bytes to `path` via a temporary file in the same folder,
 * fsync and rename, so a reader sees the old file or the whole new one.
 */
enum err writefile_atomic(
    const char *path, const void *data, size_t len, struct diag *);

#endif
