/* SPDX-License-Identifier: MIT */
/*
 * The supervisor's side of worker processes: the user they run as, the
 * start of one for a document, and what its end means for the document
 * (a record to store, a retry with back-off, or quarantine).
 */
#ifndef DAEMON_SV_WORKER_H
#define DAEMON_SV_WORKER_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"
#include "daemon/sv.h"

/* Starts a worker for the active document `d` (or requeues or
 * quarantines it when that cannot or must not happen). */
void sv_worker_start(struct sv *, struct doc *d, int64_t now);
/* `d`'s worker finished: decides what becomes of the document. */
void sv_worker_done(struct sv *, struct doc *d, int64_t now);
/* Collects exited workers (SIGCHLD). */
void sv_worker_reap(struct sv *);
/* When running as root: the worker.user to switch to; false with
 * `diag` when there is no such user. */
bool sv_worker_setup_user(struct sv *, struct diag *);
/* The kernel's Landlock ABI version, 0 without Landlock. */
int sv_worker_landlock_abi(void);

#endif
