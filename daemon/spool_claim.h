/* SPDX-License-Identifier: MIT */
/*
 * Taking a file out of the inbox into the spool: an atomic rename, or
 * from another file system a copy that is checked, fsync'ed and renamed
 * before the original is unlinked.
 */
#ifndef DAEMON_SPOOL_CLAIM_H
#define DAEMON_SPOOL_CLAIM_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"
#include "daemon/spool.h"
#include "daemon/spool_meta.h"

/* Complete once spool_meta.h is, whichever header came first. */
struct spool_meta;

/*
 * Accepts `inbox_root`/`relpath` (looked at again with lstat) into
 * incoming/ under a new id (*id_out, g_free).  `unit` is the subfolder
 * hint or NULL.  Regular files with one link and at most `size_max`
 * bytes are accepted; anything else (symlink, FIFO, device, socket,
 * hard link, too big) is accepted *unread* with meta.refused set, so it
 * gets a quarantine record.  ERR_IO with errno ENOENT in *gone when the
 * file vanished first (nothing to do).  The shared folders are fsync'ed
 * by spool_sync(), once per batch.
 */
enum err spool_claim(struct spool *, const char *inbox_root,
    const char *relpath, const char *unit, uint64_t size_max, char **id_out,
    bool *gone, struct diag *);

/*
 * For a document copied from another file system (meta.copied), whose
 * copy is durable: unlinks the original, if it is still the file that
 * was copied (same device, inode, size and time).  Best effort.
 */
void spool_claim_unlink_origin(const struct spool_meta *);

#endif
