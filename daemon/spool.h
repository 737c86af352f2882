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
 *
 * This header: the folders and moves between them.  spool_meta.h: the
 * metadata file; spool_claim.h: accepting files from the inbox;
 * spool_recover.h: the restart after a crash.  Including this header
 * brings in those three too, for code that drives the whole queue.
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

/* fsync of the folders touched by claims since the last call. */
enum err spool_sync(struct spool *, struct diag *);

/* Ids in a state, sorted (ids sort by arrival time).  g_ptr_array_unref. */
GPtrArray *spool_list(const struct spool *, enum spool_state);
/* Entries in a state, without reading them. */
unsigned spool_count(const struct spool *, enum spool_state);

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

/* The rest of the spool's interface (each includes this header first). */
#include "daemon/spool_claim.h"
#include "daemon/spool_meta.h"
#include "daemon/spool_recover.h"

#endif
