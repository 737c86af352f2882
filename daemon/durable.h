/* SPDX-License-Identifier: MIT */
/*
 * Durable file-system steps, in the order the spool and the outbox need
 * them: write a temporary file, fsync it, check close, rename it into
 * place, fsync the folder.  A reader sees the old state or the whole new
 * one, and after a crash or power loss the new state is there once the
 * call returned ERR_OK.  An fsync error is never retried on the same
 * descriptor: the caller starts over from scratch.
 */
#ifndef DAEMON_DURABLE_H
#define DAEMON_DURABLE_H

#include <stddef.h>

#include "core/err.h"

/* fsync of the folder `dir` (makes creations and renames in it stick). */
enum err durable_sync_dir(const char *dir, struct diag *);

/*
 * Writes `len` bytes as `dir`/`name`: first as `tmpdir`/`name`.tmp
 * (tmpdir on the same file system as dir; may equal dir), fsync, close,
 * rename, fsync of dir.  On failure the temporary file is removed and
 * dir/name is untouched.
 */
enum err durable_write(const char *tmpdir, const char *dir, const char *name,
    const void *data, size_t len, struct diag *);

/* Writes all of `len` bytes to `fd`, retrying on EINTR and short writes. */
enum err durable_write_all(
    int fd, const void *data, size_t len, const char *what, struct diag *);

/* rename(2) then fsync of the destination folder (and of the source
 * folder when it differs). */
enum err durable_rename(const char *from, const char *to, struct diag *);

#endif
