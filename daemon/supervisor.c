/* SPDX-License-Identifier: MIT */
/* The daemon's event loop: inbox -> spool -> workers -> store/outbox. */
#include "daemon/supervisor.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/signalfd.h>
#include <systemd/sd-daemon.h>
#include <unistd.h>

#include "daemon/cmd_extract.h"
#include "daemon/commit.h"
#include "daemon/inbox.h"
#include "daemon/job.h"
#include "daemon/log.h"
#include "daemon/outbox.h"
#include "daemon/review_serve.h"
#include "daemon/spool.h"
#include "daemon/store.h"
#include "daemon/sv.h"
#include "daemon/sv_commit.h"
#include "daemon/sv_dispatch.h"
#include "daemon/sv_signals.h"
#include "daemon/sv_worker.h"

static bool
idle(const struct sv *sv)
{
	guint i;

	if (!g_queue_is_empty(sv->queue) || inbox_pending(sv->inbox) > 0)
		return false;
	for (i = 0; i < sv->active->len; i++)
		if (!((struct doc *)sv->active->pdata[i])->given_up)
			return false;
	return true;
}

static void
min_timeout(int64_t *t, int64_t when, int64_t now)
{
	int64_t d = when - now;

	if (d < 0)
		d = 0;
	if (*t < 0 || d < *t)
		*t = d;
}

static int
loop(struct sv *sv)
{
	GArray *pfds = g_array_new(FALSE, FALSE, sizeof(struct pollfd));
	GPtrArray *pdocs = g_ptr_array_new();
	bool notified_idle = false;

	for (;;) {
		int64_t now = sv_now_ms(), timeout = -1, next;
		bool more;
		guint i;
		int rc;

		/* Inbox: rescan on the timer (and poll a network inbox). */
		if (now >= sv->next_rescan_ms && !sv->stopping) {
			inbox_rescan(sv->inbox, now);
			sv->next_rescan_ms = now +
			    (int64_t)(inbox_polling(sv->inbox)
				    ? sv->cfg.poll_seconds
				    : sv->cfg.rescan_seconds) *
				1000;
		}
		sv_dispatch_claim_ready(sv, now);

		/* Workers that finished. */
		for (i = 0; i < sv->active->len;) {
			struct doc *d = sv->active->pdata[i];

			if (d->job != NULL && job_finished(d->job)) {
				sv_worker_done(sv, d, now);
				i = 0; /* the array changed */
				continue;
			}
			i++;
		}
		/* Results waiting for the store or the outbox. */
		for (i = 0; i < sv->active->len;) {
			struct doc *d = sv->active->pdata[i];

			if (d->job == NULL && d->record != NULL &&
			    !d->given_up && now >= d->retry_ms) {
				if (sv_commit(sv, d, now)) {
					i = 0;
					continue;
				}
			}
			i++;
		}
		more = sv_dispatch(sv, now);

		if (sv->stopping && now >= sv->stop_deadline_ms)
			for (i = 0; i < sv->active->len; i++) {
				struct doc *d = sv->active->pdata[i];

				if (d->job != NULL)
					job_stop(d->job);
			}
		if (sv->stopping && sv_running(sv) == 0)
			break;
		if (sv->opts.once && !sv->stopping && idle(sv))
			break;
		if (!notified_idle && idle(sv)) {
			sv_notify_status(sv);
			notified_idle = true;
		} else if (!idle(sv))
			notified_idle = false;

		/* What to wait for, and for how long. */
		g_array_set_size(pfds, 0);
		g_ptr_array_set_size(pdocs, 0);
		{
			struct pollfd p = { sv->sigfd, POLLIN, 0 };

			g_array_append_val(pfds, p);
			g_ptr_array_add(pdocs, NULL);
			if (inbox_fd(sv->inbox) >= 0) {
				p.fd = inbox_fd(sv->inbox);
				g_array_append_val(pfds, p);
				g_ptr_array_add(pdocs, NULL);
			}
		}
		for (i = 0; i < sv->active->len; i++) {
			struct doc *d = sv->active->pdata[i];
			struct pollfd p = { -1, POLLIN, 0 };

			if (d->job != NULL) {
				p.fd = job_result_fd(d->job);
				if (p.fd >= 0) {
					g_array_append_val(pfds, p);
					g_ptr_array_add(pdocs, d);
				}
				p.fd = job_log_fd(d->job);
				if (p.fd >= 0) {
					g_array_append_val(pfds, p);
					g_ptr_array_add(pdocs, d);
				}
				next = job_check_deadline(d->job, now);
				min_timeout(&timeout, next, now);
			} else if (d->record != NULL && !d->given_up)
				min_timeout(&timeout, d->retry_ms, now);
		}
		if (!sv->stopping) {
			GList *l;

			min_timeout(&timeout, sv->next_rescan_ms, now);
			next = inbox_next_check_ms(sv->inbox, now);
			if (next >= 0)
				min_timeout(&timeout, now + next, now);
			for (l = sv->queue->head; l != NULL; l = l->next) {
				struct doc *d = l->data;

				if (d->not_before_ms > now)
					min_timeout(
					    &timeout, d->not_before_ms, now);
			}
		} else
			min_timeout(&timeout, sv->stop_deadline_ms, now);
		if (sv->watchdog_usec > 0) {
			if (now >= sv->next_watchdog_ms) {
				(void)sd_notify(0, "WATCHDOG=1");
				sv->next_watchdog_ms =
				    now + (int64_t)(sv->watchdog_usec / 2000);
			}
			min_timeout(&timeout, sv->next_watchdog_ms, now);
		}
		if (more)
			timeout = 0;

		rc = poll((struct pollfd *)(void *)pfds->data, pfds->len,
		    timeout < 0 ? -1
				: (int)(timeout > 600000 ? 600000 : timeout));
		if (rc < 0 && errno != EINTR) {
			log_warn("poll");
			continue;
		}
		now = sv_now_ms();
		for (i = 0; rc > 0 && i < pfds->len; i++) {
			struct pollfd *p =
			    &g_array_index(pfds, struct pollfd, i);
			struct doc *d = pdocs->pdata[i];

			if (p->revents == 0)
				continue;
			if (p->fd == sv->sigfd)
				sv_signals_read(sv, now);
			else if (d == NULL) {
				bool overflow = false;

				inbox_read_events(sv->inbox, now, &overflow);
				if (overflow) {
					log_warnx("inbox: inotify lost events; "
						  "rescanning");
					sv->next_rescan_ms = 0;
				}
			} else if (d->job != NULL &&
			    p->fd == job_result_fd(d->job))
				job_on_result_input(d->job, now);
			else if (d->job != NULL && p->fd == job_log_fd(d->job))
				job_on_log_input(d->job);
		}
	}
	g_array_free(pfds, TRUE);
	g_ptr_array_free(pdocs, TRUE);
	if (sv->gave_up)
		return EXIT_FAILED;
	return EXIT_ALL_OK;
}

int
supervisor_run(const struct supervisor_opts *o)
{
	struct sv sv;
	struct diag dg;
	struct review_server *review = NULL;
	sigset_t mask;
	int status = EXIT_FAILED;
	guint i;

	memset(&sv, 0, sizeof sv);
	diag_init(&dg);
	sv.opts = *o;
	sv.sigfd = -1;
	log_init();
	if (supervisor_config_load(o, &sv.cfg, &dg) != ERR_OK) {
		log_error("%s", dg.msg);
		config_fini(&sv.cfg);
		return EXIT_USAGE;
	}
	log_set_level((enum log_level)sv.cfg.log_level);
	sv.program = supervisor_config_find_worker(&sv.cfg);
	if (access(sv.program, X_OK) != 0) {
		log_error(
		    "the worker %s cannot be run: %s (set worker.program)",
		    sv.program, strerror(errno));
		g_free(sv.program);
		config_fini(&sv.cfg);
		return EXIT_USAGE;
	}
	if (!sv_worker_setup_user(&sv, &dg) ||
	    supervisor_config_check_indicators(
		&sv.cfg, sv.program, sv.drop, sv.uid, sv.gid, &dg) != ERR_OK) {
		log_error("%s", dg.msg);
		g_free(sv.program);
		config_fini(&sv.cfg);
		return EXIT_USAGE;
	}
	sv.queue = g_queue_new();
	sv.active = g_ptr_array_new();
	sv.owner = g_hash_table_new(g_str_hash, g_str_equal);

	(void)sigemptyset(&mask);
	(void)sigaddset(&mask, SIGTERM);
	(void)sigaddset(&mask, SIGINT);
	(void)sigaddset(&mask, SIGHUP);
	(void)sigaddset(&mask, SIGCHLD);
	(void)sigprocmask(SIG_BLOCK, &mask, NULL);
	(void)signal(SIGPIPE, SIG_IGN);
	sv.sigfd = signalfd(-1, &mask, SFD_NONBLOCK | SFD_CLOEXEC);
	if (sv.sigfd < 0) {
		log_warn("signalfd");
		goto out;
	}

	sv.spool =
	    spool_open(sv.cfg.spool, sv.cfg.done, sv.cfg.quarantine, &dg);
	if (sv.spool == NULL)
		goto fail;
	if (spool_recover(sv.spool, &dg) != ERR_OK ||
	    outbox_open(sv.cfg.outbox, &dg) != ERR_OK)
		goto fail;
	sv.store = store_open(sv.cfg.database, false, &dg);
	if (sv.store == NULL)
		goto fail;
	/* The review page, in a thread of its own; a one-shot run does not
	 * serve it.  A page that cannot be served does not stop imports. */
	if (!o->once && sv.cfg.review_listen != NULL &&
	    sv.cfg.review_listen[0] != '\0') {
		if (review_serve_start(&sv.cfg, &review, &dg) == ERR_OK) {
			char *url = review_serve_url(&sv.cfg, review);

			log_info("review page: %s", url);
			g_free(url);
		} else {
			log_warnx("review page not served: %s", dg.msg);
			diag_init(&dg);
		}
	}
	{
		struct inbox_opts io = { sv.cfg.inbox, sv.cfg.depth,
			sv.cfg.settle_seconds, sv.cfg.ignore, sv.cfg.poll };

		sv.inbox = inbox_new(&io, &dg);
		if (sv.inbox == NULL)
			goto fail;
	}
	sv_load_queue(&sv);
	if (inbox_remote_fs(sv.inbox) != NULL) {
		if (inbox_polling(sv.inbox))
			log_warnx("inbox %s is on %s: inotify cannot see files "
				  "other machines write there, so it is "
				  "scanned every %u s instead",
			    sv.cfg.inbox, inbox_remote_fs(sv.inbox),
			    sv.cfg.poll_seconds);
		else
			log_warnx("inbox %s is on %s but inbox.poll = never: "
				  "files written by other machines are seen "
				  "only by the rescan every %u s",
			    sv.cfg.inbox, inbox_remote_fs(sv.inbox),
			    sv.cfg.rescan_seconds);
	}
	inbox_rescan(sv.inbox, sv_now_ms());
	sv.next_rescan_ms = sv_now_ms() +
	    (int64_t)(inbox_polling(sv.inbox) ? sv.cfg.poll_seconds
					      : sv.cfg.rescan_seconds) *
		1000;
	if (sd_watchdog_enabled(0, &sv.watchdog_usec) <= 0)
		sv.watchdog_usec = 0;
	log_info("reportd %s: watching %s (%s), %u worker%s (%s), %u queued; "
		 "sandbox: seccomp %s, Landlock %s",
	    REPORTD_VERSION, sv.cfg.inbox,
	    inbox_polling(sv.inbox) ? "polling" : "inotify", sv.cfg.workers,
	    sv.cfg.workers == 1 ? "" : "s", sv.program,
	    g_queue_get_length(sv.queue),
	    sv.cfg.seccomp == CONFIG_SECCOMP_KILL      ? "on"
		: sv.cfg.seccomp == CONFIG_SECCOMP_LOG ? "log only"
						       : "OFF",
	    sv_worker_landlock_abi() > 0 ? "on" : "unavailable");
	(void)sd_notifyf(0, "READY=1\nMAINPID=%lu", (unsigned long)getpid());
	sv_notify_status(&sv);

	status = loop(&sv);
	log_info("stopped: %u accepted, %u done, %u quarantined (%u "
		 "duplicates), %u retries",
	    sv.n_accepted, sv.n_done, sv.n_quarantined, sv.n_duplicates,
	    sv.n_retries);
	goto out;
fail:
	log_error("%s", dg.msg);
	status = EXIT_FAILED;
out:
	/* Documents still in active/ go back to incoming/ for next time. */
	for (i = 0; sv.active != NULL && i < sv.active->len; i++) {
		struct doc *d = sv.active->pdata[i];

		job_free(d->job);
		d->job = NULL;
		if (sv.spool != NULL)
			(void)spool_move(sv.spool, d->id, SPOOL_ACTIVE,
			    SPOOL_INCOMING, false, NULL);
		sv_doc_free(d);
	}
	if (sv.active != NULL)
		g_ptr_array_free(sv.active, TRUE);
	if (sv.queue != NULL)
		g_queue_free_full(sv.queue, sv_doc_free_cb);
	if (sv.owner != NULL)
		g_hash_table_destroy(sv.owner);
	review_server_free(review);
	inbox_free(sv.inbox);
	store_close(sv.store);
	spool_close(sv.spool);
	if (sv.sigfd >= 0)
		(void)close(sv.sigfd);
	g_free(sv.program);
	config_fini(&sv.cfg);
	return status;
}
