/* SPDX-License-Identifier: MIT */
/*
 * The crash-safe queue, after Postfix, qmail and Maildir.  Each accepted
 * file gets a folder named after its document id, and that folder moves
 * between state folders with one rename each:
 *
 *   spool/tmp/ID -> spool/incoming/ID -> spool/active/ID -> done/ID
 *                                                        \-> quarantine/ID
 *
 * The folder holds the user's file under its own name and `.reportd`,
 * the document's metadata (GKeyFile).  A file is accepted by an atomic
 * rename out of the inbox (or, from another file system, a copy that is
 * fsync'ed and renamed before the original is unlinked); each state
 * change is fsync'ed.  After a crash, spool_recover() finishes or undoes
 * half-done claims and puts active documents back in incoming, so a
 * restart finds every document where it was.
 */
#ifndef DAEMON_SPOOL_H
#define DAEMON_SPOOL_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <glib.h>

#include "core/err.h"

enum spool_state {
	SPOOL_TMP,
	SPOOL_INCOMING,
	SPOOL_ACTIVE,
	SPOOL_DONE,
	SPOOL_QUARANTINE,
	SPOOL_NSTATES,
};

/* Name of the metadata file inside a document's folder. */
#define SPOOL_META ".reportd"
/* Where refused entries of an inbox on another file system are moved
 * (inside the inbox, so the move is a rename; dot folders are never
 * scanned). */
#define SPOOL_REFUSED_DIR ".reportd-refused"

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

struct spool;

/*
 * Opens (creating as needed) the spool under `dir` with `done_dir` and
 * `quarantine_dir`, which must be on the spool's file system, and takes
 * the spool's lock, so two daemons never share one queue.
 */
struct spool *spool_open(const char *dir, const char *done_dir,
    const char *quarantine_dir, struct diag *);
void spool_close(struct spool *);
/* Opens without creating or locking, for `reportd status`. */
struct spool *spool_open_readonly(const char *dir, const char *done_dir,
    const char *quarantine_dir, struct diag *);

/* The pid of another process holding the spool's lock, or 0. */
pid_t spool_locked_by(const struct spool *);

const char *spool_state_dir(const struct spool *, enum spool_state);
const char *spool_state_name(enum spool_state);
/* st_dev of the spool's file system. */
dev_t spool_dev(const struct spool *);

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
/* fsync of the folders touched by claims since the last call. */
enum err spool_sync(struct spool *, struct diag *);

/* After a crash: finishes or undoes claims left in tmp/, moves active/
 * back to incoming/, finishes unlinking originals already copied. */
enum err spool_recover(struct spool *, struct diag *);

/* Ids in a state, sorted (ids sort by arrival time).  g_ptr_array_unref. */
GPtrArray *spool_list(const struct spool *, enum spool_state);
/* Entries in a state, without reading them. */
unsigned spool_count(const struct spool *, enum spool_state);

enum err spool_meta_load(const struct spool *, enum spool_state, const char *id,
    struct spool_meta *, struct diag *);
/* Durable: temp file, fsync, rename, fsync of the document's folder. */
enum err spool_meta_save(const struct spool *, enum spool_state,
    const struct spool_meta *, struct diag *);

/* Moves a document's folder between states; fsyncs the destination
 * (and the source) folder when `sync`. */
enum err spool_move(const struct spool *, const char *id, enum spool_state from,
    enum spool_state to, bool sync, struct diag *);

/* Path of the user's file in a document folder, or NULL if there is
 * none (g_free). */
char *spool_data_path(const struct spool *, enum spool_state, const char *id);

/*
 * Opens the user's file for a worker: O_RDONLY|O_NOFOLLOW|O_NONBLOCK,
 * then fstat: a regular file, one link, at most `size_max` bytes.
 * Returns the descriptor (close-on-exec) or -1 with `diag`.
 */
int spool_open_data(const struct spool *, enum spool_state, const char *id,
    uint64_t size_max, uint64_t *size, struct diag *);

/* Removes a document folder left without data (used by recovery). */
enum err spool_remove(
    const struct spool *, enum spool_state, const char *id, struct diag *);

/* A new document id: UTC time to the microsecond (strictly increasing
 * within a process) and the pid, so ids sort by arrival and never
 * repeat: "20240313T101500.123456-4242". */
char *spool_new_id(struct spool *);

#endif
