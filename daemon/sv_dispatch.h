/* SPDX-License-Identifier: MIT */
/*
 * From the inbox to the workers: files that settled in the inbox are
 * claimed into the spool and queued; queued documents are hashed, then
 * activated: stored already, refused unread, a duplicate, or handed to a
 * worker.
 */
#ifndef DAEMON_SV_DISPATCH_H
#define DAEMON_SV_DISPATCH_H

#include <stdbool.h>
#include <stdint.h>

#include "daemon/sv.h"

/* Claims the files the inbox reports ready and queues them. */
void sv_dispatch_claim_ready(struct sv *, int64_t now);
/*
 * Starts what can start: documents in arrival order, a worker each, at
 * most worker.count at a time.  A document whose content is already
 * being read waits for that copy (it becomes a duplicate).  True when
 * there is more to do at once (the loop should not sleep).
 */
bool sv_dispatch(struct sv *, int64_t now);

#endif
