/* SPDX-License-Identifier: MIT */
/*
 * Start-up checks the supervisor has the worker program make, since the
 * supervisor links none of the indicator code: the office's catalogue
 * and rules (indicators.catalogue, indicators.rules) are loaded once by
 * `reportd-worker --check-indicators`, as the worker user, so a mistake
 * in them stops `reportd run` at start (or a reload) with the file and
 * line instead of failing every document later.
 */
#ifndef DAEMON_WORKER_CHECK_H
#define DAEMON_WORKER_CHECK_H

#include <stdbool.h>
#include <sys/types.h>

#include "core/err.h"

struct worker_check {
	const char *program;           /* the worker executable */
	const char *catalogue, *rules; /* NULL or "": built-in */
	bool drop;                     /* run as uid/gid (we are root) */
	uid_t uid;
	gid_t gid;
};

/*
 * Runs the check; ERR_OK at once when neither file is configured.  On a
 * mistake, ERR_MALFORMED with the worker's message ("labels.tsv:12:
 * unknown id 'x'"); ERR_IO when the worker could not be run.
 */
enum err worker_check_indicators(const struct worker_check *, struct diag *);

#endif
