/* SPDX-License-Identifier: MIT */
/*
 * The supervisor's state, shared by its files: the documents it knows
 * (queued in spool/incoming/, or active: hashed, read by a worker,
 * waiting for the store) and the daemon's own (config, spool, store,
 * inbox, counters).  sv_commit.h stores a decided document, sv_dispatch.h
 * claims and starts documents, sv_worker.h runs and reaps the workers,
 * sv_signals.h handles signals and reloads; supervisor.c is the loop.
 * Single-threaded: only the loop's thread touches any of it.
 */
#ifndef DAEMON_SV_H
#define DAEMON_SV_H

#include <glib.h>
#include <json-glib/json-glib.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "daemon/config.h"
#include "daemon/job.h"
#include "daemon/spool.h"
#include "daemon/supervisor_config.h"

#ifndef REPORTD_VERSION
#define REPORTD_VERSION "0.1.0"
#endif

/* Documents hashed per turn of the loop, so a long queue of big files
 * never keeps signals and workers waiting. */
#define HASH_PER_TURN 16
/* In --once mode, store attempts before giving up on a document (it
 * stays queued for the next run). */
#define ONCE_STORE_TRIES 5
/* Starts beyond the attempts that the daemon itself being killed may
 * cause before a document is taken as the cause. */
#define STARTS_SLACK 5

struct doc {
	char *id;
	struct spool_meta meta;
	char sha256[65];
	bool have_sha;
	bool unreadable; /* hashing failed: quarantined when activated */
	uint64_t bytes;
	int64_t not_before_ms;
	struct job *job;
	bool active; /* in spool/active/ */
	/* Decided, waiting to be stored (retried on failure). */
	JsonNode *record;
	char *outcome;
	char *reason_code, *reason;
	char *duplicate_of;
	int64_t retry_ms;
	unsigned store_tries;
	bool given_up;
	/* PICTURE frames from the worker (GBytes), for the review page. */
	GPtrArray *pictures;
};

struct sv {
	struct supervisor_opts opts;
	struct config cfg;
	struct spool *spool;
	struct store *store;
	struct inbox *inbox;
	char *program;
	GQueue *queue;     /* struct doc *, in spool/incoming/, by id */
	GPtrArray *active; /* struct doc *, in spool/active/ */
	GHashTable *owner; /* sha256 -> first uncommitted doc with it */
	int sigfd;
	bool stopping;
	int64_t stop_deadline_ms;
	int64_t next_rescan_ms;
	uint64_t watchdog_usec;
	int64_t next_watchdog_ms;
	bool drop;
	uid_t uid;
	gid_t gid;
	unsigned n_accepted, n_done, n_quarantined, n_duplicates, n_retries;
	unsigned setup_failures;
	bool gave_up;
};

/* CLOCK_MONOTONIC in milliseconds. */
int64_t sv_now_ms(void);

void sv_doc_free(struct doc *);
/* sv_doc_free() for GLib containers. */
void sv_doc_free_cb(gpointer);
/* The document's inbox path (or name), quoted for a log line, in buf. */
const char *sv_doc_file(const struct doc *, char *buf, size_t cap);

/* A document found in incoming/ (claimed now or left by a past run),
 * queued in id order with its metadata. */
void sv_enqueue(struct sv *, const char *id);
/* `d` no longer stands for its content among uncommitted documents. */
void sv_release_owner(struct sv *, struct doc *d);
/* Out of the active list (the caller frees or requeues it). */
void sv_drop_active(struct sv *, struct doc *d);
/* Back to incoming/ and the queue (a retry, a stop, or a worker that did
 * not start), not to be started before `not_before_ms`. */
void sv_requeue(struct sv *, struct doc *d, int64_t not_before_ms);
/* Workers running now. */
unsigned sv_running(const struct sv *);
/* The counts, as sd_notify STATUS=. */
void sv_notify_status(struct sv *);
/* SIGTERM/SIGINT or a fatal condition: no new document starts, those
 * being read get worker.stop_seconds; a second call stops at once. */
void sv_begin_stop(struct sv *, int64_t now, const char *why);
/* The queue as a past run left it in incoming/. */
void sv_load_queue(struct sv *);

#endif
