/* SPDX-License-Identifier: MIT */
/* Worker processes seen from the supervisor: start, outcome, reaping. */
#include "daemon/sv_worker.h"

#include <pwd.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "daemon/cmd_extract.h"
#include "daemon/job.h"
#include "daemon/log.h"
#include "daemon/record.h"
#include "daemon/spool.h"
#include "daemon/sv_commit.h"

void
sv_worker_start(struct sv *sv, struct doc *d, int64_t now)
{
	struct job_spec js;
	struct diag dg;
	uint64_t size = 0;
	int fd;

	diag_init(&dg);
	d->meta.started++;
	if (d->meta.started > sv->cfg.attempts + STARTS_SLACK) {
		char *msg = g_strdup_printf(
		    "the daemon stopped %u times while this file was being "
		    "read; it is set aside so it cannot stop it again",
		    d->meta.started - 1);

		sv_commit_quarantine(sv, d, "interrupted", msg, now);
		g_free(msg);
		return;
	}
	/* Durable before the worker starts, so a document that brings the
	 * whole daemon down is counted too. */
	if (spool_meta_save(sv->spool, SPOOL_ACTIVE, &d->meta, &dg) != ERR_OK) {
		log_warnx("%s: %s; trying again later", d->id, dg.msg);
		d->meta.started--;
		sv_requeue(sv, d, now + 5000);
		return;
	}
	fd = spool_open_data(
	    sv->spool, SPOOL_ACTIVE, d->id, sv->cfg.file_size, &size, &dg);
	if (fd < 0) {
		sv_commit_quarantine(sv, d, "unreadable", dg.msg, now);
		return;
	}
	memset(&js, 0, sizeof js);
	js.program = sv->program;
	js.id = d->id;
	js.name = d->meta.name;
	js.doc_fd = fd;
	js.memory = sv->cfg.memory;
	js.file_max = sv->cfg.file_size;
	js.result_max = sv->cfg.result_size;
	js.cpu = sv->cfg.cpu_seconds;
	js.cpu_per_page = sv->cfg.cpu_per_page;
	js.cpu_max = sv->cfg.cpu_max;
	js.wall = sv->cfg.wall_seconds;
	js.wall_per_page = sv->cfg.wall_per_page;
	js.wall_max = sv->cfg.wall_max;
	js.pages = sv->cfg.pages;
	js.dpi = sv->cfg.ocr_dpi;
	js.langs = sv->cfg.ocr_languages;
	js.tessdata = sv->cfg.tessdata;
	js.seccomp = sv->cfg.seccomp;
	js.read_paths = sv->cfg.read_paths;
	js.catalogue = sv->cfg.catalogue;
	js.rules = sv->cfg.rules;
	js.drop = sv->drop;
	js.uid = sv->uid;
	js.gid = sv->gid;
	d->job = job_start(&js, now, &dg);
	(void)close(fd);
	if (d->job == NULL) {
		log_error("%s: cannot start a worker: %s", d->id, dg.msg);
		sv_requeue(sv, d, now + 10000);
		return;
	}
	log_debug("%s: worker %ld started (attempt %u)", d->id,
	    (long)job_pid(d->job), d->meta.failures + 1);
}

static struct doc *
doc_by_pid(struct sv *sv, pid_t pid)
{
	guint i;

	for (i = 0; i < sv->active->len; i++) {
		struct doc *d = sv->active->pdata[i];

		if (d->job != NULL && job_pid(d->job) == pid)
			return d;
	}
	return NULL;
}

static int64_t
backoff_ms(unsigned failures)
{
	return failures >= 6 ? 32000 : (int64_t)1000 << (failures - 1);
}

void
sv_worker_done(struct sv *sv, struct doc *d, int64_t now)
{
	const char *text, *code, *msg, *format;
	char f[600], r[600];
	size_t len;
	enum job_result res;
	struct diag dg;
	JsonNode *rec = NULL;
	char *fmsg = NULL, *fcode = NULL;

	diag_init(&dg);
	res = job_outcome(d->job, &text, &len, &code, &msg);
	format = job_format(d->job);
	if (res == JOB_OK) {
		rec = record_parse_worker(text, len, d->sha256, &dg);
		if (rec == NULL) {
			res = JOB_FAILED;
			code = "garbage";
			msg = dg.msg;
		}
	}
	switch (res) {
	case JOB_OK: {
		JsonObject *o = json_node_get_object(rec);
		const char *st = record_status(o);
		bool ok = strcmp(st, "ok") == 0;

		log_debug("%s: worker finished in %lld ms", d->id,
		    (long long)job_elapsed_ms(d->job, now));
		if (d->pictures == NULL)
			d->pictures = g_ptr_array_new_with_free_func(
			    (GDestroyNotify)g_bytes_unref);
		job_take_pictures(d->job, d->pictures);
		job_free(d->job);
		d->job = NULL;
		sv_commit_set_decision(d, rec, ok ? "done" : "quarantine",
		    ok ? NULL : record_error_code(o),
		    ok ? NULL : record_error_message(o));
		(void)sv_commit(sv, d, now);
		return;
	}
	case JOB_STOPPED:
		sv_requeue(sv, d, 0);
		return;
	case JOB_SETUP:
		log_error("%s: %s (%s); the document stays queued", d->id, msg,
		    sv->program);
		sv_requeue(sv, d, now + 10000);
		/* Not the documents' fault, and it will not mend by itself
		 * within one --once run. */
		if (sv->opts.once && ++sv->setup_failures >= 3) {
			sv->gave_up = true;
			sv_begin_stop(sv, now, "the worker cannot start");
		}
		return;
	case JOB_FAILED:
		break;
	}
	d->meta.failures++;
	g_free(d->meta.last_failure);
	d->meta.last_failure = g_strdup(msg);
	if (d->meta.failures >= sv->cfg.attempts) {
		fmsg = d->meta.failures > 1
		    ? g_strdup_printf(
			  "%s; tried %u times", msg, d->meta.failures)
		    : g_strdup(msg);
		fcode = g_strdup_printf("worker_%s", code);
		rec = record_new_failed(d->meta.name, d->sha256, d->bytes,
		    format, "rejected", fcode, fmsg);
		job_free(d->job);
		d->job = NULL;
		if (rec != NULL) {
			sv_commit_set_decision(
			    d, rec, "quarantine", fcode, fmsg);
			(void)sv_commit(sv, d, now);
		} else
			sv_requeue(sv, d, now + 10000);
		g_free(fmsg);
		g_free(fcode);
		return;
	}
	sv->n_retries++;
	log_warnx("%s: attempt %u of %u failed: file=%s sha256=%s reason=%s; "
		  "retrying",
	    d->id, d->meta.failures, sv->cfg.attempts,
	    sv_doc_file(d, f, sizeof f), d->sha256,
	    log_quote(r, sizeof r, msg));
	(void)spool_meta_save(sv->spool, SPOOL_ACTIVE, &d->meta, NULL);
	sv_requeue(sv, d, now + backoff_ms(d->meta.failures));
}

void
sv_worker_reap(struct sv *sv)
{
	for (;;) {
		struct rusage ru;
		int status;
		pid_t pid = wait4(-1, &status, WNOHANG, &ru);
		struct doc *d;

		if (pid <= 0)
			return;
		d = doc_by_pid(sv, pid);
		if (d != NULL)
			job_on_exit(d->job, status, &ru);
	}
}

int
sv_worker_landlock_abi(void)
{
#ifdef SYS_landlock_create_ruleset
	long v = syscall(SYS_landlock_create_ruleset, NULL, 0, 1U);

	return v > 0 ? (int)v : 0;
#else
	return 0;
#endif
}

bool
sv_worker_setup_user(struct sv *sv, struct diag *dg)
{
	struct passwd *pw;

	sv->drop = false;
	if (geteuid() != 0)
		return true;
	if (sv->cfg.user == NULL || sv->cfg.user[0] == '\0') {
		log_warnx("running as root with worker.user empty: workers run "
			  "as root too (sandboxed, but without a user's "
			  "limits)");
		return true;
	}
	pw = getpwnam(sv->cfg.user);
	if (pw == NULL) {
		(void)diag_set(dg, ERR_MALFORMED,
		    "worker.user: no user named '%s'", sv->cfg.user);
		return false;
	}
	sv->drop = true;
	sv->uid = pw->pw_uid;
	sv->gid = pw->pw_gid;
	return true;
}
