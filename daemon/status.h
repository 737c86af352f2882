/* SPDX-License-Identifier: MIT */
/*
 * What `reportd status` shows: whether a daemon holds the spool, files
 * waiting in the inbox, documents in each queue state, the database's
 * totals, and the most recent quarantined documents with their reasons.
 * Read-only: it takes no lock and writes nothing.
 */
#ifndef DAEMON_STATUS_H
#define DAEMON_STATUS_H

#include <stdbool.h>
#include <stdio.h>

#include "core/err.h"
#include "daemon/config.h"

/* Prints the status for `cfg` to `out`, as text or as one JSON object;
 * `recent` quarantined documents are listed. */
enum err status_print(const struct config *cfg, FILE *out, bool json,
    unsigned recent, struct diag *);

#endif
