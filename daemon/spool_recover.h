/* SPDX-License-Identifier: MIT */
/* The spool after a crash or a kill: what a restart does first. */
#ifndef DAEMON_SPOOL_RECOVER_H
#define DAEMON_SPOOL_RECOVER_H

#include "core/err.h"
#include "daemon/spool.h"

/* After a crash: finishes or undoes claims left in tmp/, moves active/
 * back to incoming/, finishes unlinking originals already copied. */
enum err spool_recover(struct spool *, struct diag *);

#endif
