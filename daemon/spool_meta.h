/* SPDX-License-Identifier: MIT */
/*
 * A document's metadata in its spool folder: the key file `.reportd`
 * (group [document]; file names that need not be UTF-8 are kept in
 * base64), written durably and read back after a restart.
 */
#ifndef DAEMON_SPOOL_META_H
#define DAEMON_SPOOL_META_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"
#include "daemon/spool.h"

struct spool_meta {
	char *id;
	char *name;         /* the user's file name (UTF-8, for records) */
	char *unit;         /* inbox subfolder the file came from, or NULL */
	char *origin;       /* path inside the inbox (UTF-8, for records) */
	char *received;     /* ISO 8601 UTC */
	unsigned started;   /* workers started for it (before each start) */
	unsigned failures;  /* workers that crashed or were killed */
	char *last_failure; /* plain-words reason of the last failure */
	/* Refused unread at the door (symlink, FIFO, device, too big,
	 * several links): a code and a message; NULL otherwise. */
	char *refused, *refused_message;
	char *kept_at; /* refused on another file system: left here */
	/* Copied from another file system: the original's identity, so a
	 * restart can finish unlinking it. */
	bool copied;
	char *origin_path; /* absolute, exact bytes */
	uint64_t origin_dev, origin_ino, origin_size;
	int64_t origin_mtime_ns;
	/* Why it went to quarantine (final). */
	char *reason_code, *reason;
};

void spool_meta_fini(struct spool_meta *);

enum err spool_meta_load(const struct spool *, enum spool_state, const char *id,
    struct spool_meta *, struct diag *);
/* Durable: temp file, fsync, rename, fsync of the document's folder. */
enum err spool_meta_save(const struct spool *, enum spool_state,
    const struct spool_meta *, struct diag *);

#endif
