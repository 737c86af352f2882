/* SPDX-License-Identifier: MIT */
/*
 * The worker: one process per document, started by the supervisor with
 * fork + exec of `reportd-worker`.  It reads the document from
 * descriptor 3 (opened by the supervisor), confines itself (sandbox.h),
 * reports its format and page count, runs pipeline_run() and sends the
 * result record back over descriptor 4 (ipc.h), then exits.  Nothing it
 * does can reach the supervisor except those frames.
 */
#ifndef DAEMON_WORKER_H
#define DAEMON_WORKER_H

#include <stddef.h>
#include <stdint.h>

#define WORKER_INPUT_FD  3
#define WORKER_RESULT_FD 4

/* Exit statuses for a worker that could not start (not the document's
 * fault; the supervisor does not count them as attempts). */
#define WORKER_EXIT_USAGE 124
#define WORKER_EXIT_SETUP 125

/*
 * Test builds only (reportd-worker-test): called once the sandbox is in
 * place with the whole document.  It may act (crash, hang, allocate,
 * try a forbidden call) and not return; when it returns true the
 * worker carries on normally.
 */
struct worker_hooks {
	int (*after_sandbox)(
	    const uint8_t *data, size_t len, int result_fd, const char *name);
};

/* Hook return values. */
#define WORKER_HOOK_CONTINUE 0
#define WORKER_HOOK_DONE     1 /* the hook sent the result itself */

/* Sends one frame; 0 on success. */
int worker_send(int fd, int type, const void *payload, size_t len);

/* `reportd-worker` with the supervisor's arguments; never returns. */
int worker_main(int argc, char **argv, const struct worker_hooks *);

#endif
