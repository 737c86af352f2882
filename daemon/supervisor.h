/* SPDX-License-Identifier: MIT */
/*
 * `reportd run`: the long-lived supervisor.  It owns the inbox watcher,
 * the spool, the store and the outbox, starts one sandboxed worker per
 * document, and never runs parser code itself (it does not even link
 * the parsers).  Single-threaded around poll(2): signals arrive through
 * a signalfd, workers through their pipes.
 *
 * Commit order for a document (what makes "exactly one record" hold
 * whatever instant the daemon is killed at):
 *   1. the store transaction, keyed by the document id (the commit
 *      point; a second commit keeps the first record);
 *   2. the outbox file ID.json, written from the stored record (temp,
 *      fsync, rename, fsync), so it always equals the store's;
 *   3. the source folder's move from spool/active/ to done/ or
 *      quarantine/.
 * A crash before 1 redoes the document; after 1, the restart finds the
 * stored record and only repeats 2 and 3.
 */
#ifndef DAEMON_SUPERVISOR_H
#define DAEMON_SUPERVISOR_H

#include <stdbool.h>

#include <glib.h>

#include "core/err.h"
#include "daemon/config.h"
#include "daemon/supervisor_config.h"

/* Runs the daemon; returns the exit status (see reportd(1)). */
int supervisor_run(const struct supervisor_opts *);

#endif
