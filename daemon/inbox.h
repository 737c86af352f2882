/* SPDX-License-Identifier: MIT */
/*
 * Watching the inbox.  inotify (IN_CLOSE_WRITE, IN_MOVED_TO, ...) is a
 * hint, never the only source of truth: the tree is rescanned at start,
 * after IN_Q_OVERFLOW and periodically, and an inbox on a network file
 * system (NFS, SMB, ...; statfs f_type) is polled instead.  A file renamed
 * into the inbox is ready at once; a file written in place is ready once
 * its size and times have not changed for the settle time.  Names
 * starting with a dot and editors' lock and temp files are ignored.
 * Subfolders (up to a depth) are watched too; their path is the unit
 * hint of the files in them.
 */
#ifndef DAEMON_INBOX_H
#define DAEMON_INBOX_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include <glib.h>

#include "core/err.h"

struct inbox_opts {
	const char *root;
	unsigned depth;          /* subfolder levels watched */
	unsigned settle_seconds; /* for files written in place */
	char *const *ignore;     /* glob patterns, NULL-terminated */
	unsigned poll;           /* enum config_poll */
};

struct inbox_item {
	char *relpath; /* path inside the inbox */
	char *unit;    /* its folder inside the inbox, or NULL */
};

struct inbox;

struct inbox *inbox_new(const struct inbox_opts *, struct diag *);
void inbox_free(struct inbox *);
/* New settle time and ignore patterns (SIGHUP). */
void inbox_update(struct inbox *, unsigned settle_seconds, char *const *ignore);

/* True when polling (network file system or poll = always). */
bool inbox_polling(const struct inbox *);
/* The file system's name when it was detected as remote, else NULL. */
const char *inbox_remote_fs(const struct inbox *);
/* The inotify descriptor to poll for input, or -1. */
int inbox_fd(const struct inbox *);

/* Reads pending inotify events (never blocks).  Sets *overflow when the
 * kernel dropped events, and the caller then rescans. */
void inbox_read_events(struct inbox *, int64_t now_ms, bool *overflow);
/* Walks the whole tree. */
void inbox_rescan(struct inbox *, int64_t now_ms);

/* The files ready to be accepted now, oldest first (g_ptr_array_unref;
 * the items are freed with it).  They are no longer tracked. */
GPtrArray *inbox_take_ready(struct inbox *, int64_t now_ms);
/* Milliseconds until a tracked file may become ready, or -1. */
int64_t inbox_next_check_ms(const struct inbox *, int64_t now_ms);
/* Files seen but not yet settled. */
unsigned inbox_pending(const struct inbox *);

/* A file that must not be taken again (a copied original that could not
 * be unlinked): same device, inode, size and mtime. */
void inbox_skip_identity(
    struct inbox *, dev_t, ino_t, int64_t size, int64_t mtime_ns);

/* Pure helpers, for tests. */
bool inbox_name_ignored(const char *name, char *const *patterns);
/* NULL for a local file system, else its name ("NFS", "SMB/CIFS"). */
const char *inbox_fs_remote_name(unsigned long f_type);

#endif
