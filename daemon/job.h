/* SPDX-License-Identifier: MIT */
/*
 * One worker process reading one document, seen from the supervisor:
 * started by fork + exec of the worker program (fresh address space, no
 * state of ours inherited), fed the document as a descriptor, watched
 * with a wall-clock deadline that grows with the page count the worker
 * reports, and read back through the framed result pipe.  Whatever the
 * worker does (crash, hang, exhaust a limit, write garbage), the outcome
 * is one classified result with a reason in plain words.
 */
#ifndef DAEMON_JOB_H
#define DAEMON_JOB_H

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/resource.h>
#include <sys/types.h>

#include "core/err.h"

struct job_spec {
	const char *program; /* the worker executable */
	const char *id;      /* document id, for the log */
	const char *name;    /* the user's file name, for the record */
	int doc_fd;          /* opened by the supervisor; stays ours */
	uint64_t memory, file_max, result_max;
	unsigned cpu, cpu_per_page, cpu_max;
	unsigned wall, wall_per_page, wall_max;
	unsigned pages, dpi;
	const char *langs, *tessdata;
	unsigned seccomp; /* enum config_seccomp */
	char *const *read_paths;
	const char *catalogue, *rules; /* the office's; NULL or "": built-in */
	bool drop; /* switch to uid/gid (the supervisor runs as root) */
	uid_t uid;
	gid_t gid;
};

enum job_result {
	JOB_OK,      /* a well-framed result arrived (still to be checked) */
	JOB_FAILED,  /* the document made the worker fail: counts as an
		      * attempt */
	JOB_SETUP,   /* the worker could not start: not the document's
		      * fault */
	JOB_STOPPED, /* killed because the daemon is stopping */
};

struct job;

/* Forks and execs the worker.  NULL with `diag` when it cannot. */
struct job *job_start(const struct job_spec *, int64_t now_ms, struct diag *);
void job_free(struct job *);

pid_t job_pid(const struct job *);
/* Descriptors to poll for input (-1 once closed). */
int job_result_fd(const struct job *);
int job_log_fd(const struct job *);
/* Reads what is available. */
void job_on_result_input(struct job *, int64_t now_ms);
void job_on_log_input(struct job *);
/* The worker was reaped. */
void job_on_exit(struct job *, int status, const struct rusage *);

/* Kills the worker when its deadline has passed; returns the deadline. */
int64_t job_check_deadline(struct job *, int64_t now_ms);
/* Kills the worker because the daemon stops. */
void job_stop(struct job *);

/* Exited and both pipes drained. */
bool job_finished(const struct job *);
/*
 * The outcome once finished.  JOB_OK: *text and *len give the RESULT payload
 * (owned by the job).  Otherwise *code is a short machine name
 * ("cpu_limit", "memory_limit", "timeout", "crashed", "sandbox",
 * "garbage", "failed") and *message the reason in plain words, both
 * owned by the job.
 */
enum job_result job_outcome(struct job *, const char **text, size_t *len,
    const char **code, const char **message);

/* The PICTURE payloads the worker sent (untrusted), moved to `out` as
 * GBytes; the job keeps none. */
void job_take_pictures(struct job *, GPtrArray *out);

/* What the worker reported: pages (0 = not yet) and format. */
unsigned job_pages(const struct job *);
const char *job_format(const struct job *);
/* Wall-clock milliseconds since start. */
int64_t job_elapsed_ms(const struct job *, int64_t now_ms);

#endif
