/* SPDX-License-Identifier: MIT */
/* Signals and the SIGHUP reload. */
#include "daemon/sv_signals.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/signalfd.h>
#include <systemd/sd-daemon.h>
#include <unistd.h>

#include "daemon/inbox.h"
#include "daemon/log.h"
#include "daemon/supervisor_config.h"
#include "daemon/sv_worker.h"

static void
reload(struct sv *sv)
{
	struct config nc;
	struct diag dg;
	char *prog;

	diag_init(&dg);
	(void)sd_notify(0, "RELOADING=1");
	if (supervisor_config_load(&sv->opts, &nc, &dg) != ERR_OK) {
		log_error(
		    "reload: %s; keeping the running configuration", dg.msg);
		config_fini(&nc);
		(void)sd_notify(0, "READY=1");
		return;
	}
	if (!config_same_paths(&nc, &sv->cfg))
		log_warnx("reload: [paths] changes take effect only on a "
			  "restart");
	if (g_strcmp0(nc.user, sv->cfg.user) != 0 || nc.poll != sv->cfg.poll ||
	    nc.depth != sv->cfg.depth ||
	    g_strcmp0(nc.review_listen, sv->cfg.review_listen) != 0)
		log_warnx("reload: worker.user, inbox.poll, inbox.depth and "
			  "review.listen take effect only on a restart");
	/* Keep what cannot change under a running daemon. */
	g_free(nc.root);
	g_free(nc.inbox);
	g_free(nc.spool);
	g_free(nc.outbox);
	g_free(nc.done);
	g_free(nc.quarantine);
	g_free(nc.database);
	g_free(nc.user);
	g_free(nc.review_listen);
	nc.root = g_strdup(sv->cfg.root);
	nc.inbox = g_strdup(sv->cfg.inbox);
	nc.spool = g_strdup(sv->cfg.spool);
	nc.outbox = g_strdup(sv->cfg.outbox);
	nc.done = g_strdup(sv->cfg.done);
	nc.quarantine = g_strdup(sv->cfg.quarantine);
	nc.database = g_strdup(sv->cfg.database);
	nc.user = g_strdup(sv->cfg.user);
	nc.review_listen = g_strdup(sv->cfg.review_listen);
	nc.poll = sv->cfg.poll;
	nc.depth = sv->cfg.depth;
	prog = supervisor_config_find_worker(&nc);
	if (access(prog, X_OK) != 0) {
		log_error("reload: the worker %s cannot be run: %s; keeping "
			  "the running configuration",
		    prog, strerror(errno));
		g_free(prog);
		config_fini(&nc);
		(void)sd_notify(0, "READY=1");
		return;
	}
	if (supervisor_config_check_indicators(
		&nc, prog, sv->drop, sv->uid, sv->gid, &dg) != ERR_OK) {
		log_error("reload: %s; keeping the running configuration (the "
			  "workers read these files for each document)",
		    dg.msg);
		g_free(prog);
		config_fini(&nc);
		(void)sd_notify(0, "READY=1");
		return;
	}
	config_fini(&sv->cfg);
	sv->cfg = nc;
	g_free(sv->program);
	sv->program = prog;
	log_set_level((enum log_level)sv->cfg.log_level);
	inbox_update(sv->inbox, sv->cfg.settle_seconds, sv->cfg.ignore);
	sv->next_rescan_ms = 0; /* ignore patterns may have changed */
	log_info("configuration reloaded: %u workers, CPU %u s, memory "
		 "limit %llu MiB, wall clock %u s",
	    sv->cfg.workers, sv->cfg.cpu_seconds,
	    (unsigned long long)(sv->cfg.memory >> 20), sv->cfg.wall_seconds);
	(void)sd_notify(0, "READY=1");
}

void
sv_signals_read(struct sv *sv, int64_t now)
{
	struct signalfd_siginfo si;

	for (;;) {
		ssize_t n = read(sv->sigfd, &si, sizeof si);

		if (n != (ssize_t)sizeof si)
			return;
		switch (si.ssi_signo) {
		case SIGTERM:
			sv_begin_stop(sv, now, "SIGTERM");
			break;
		case SIGINT:
			sv_begin_stop(sv, now, "SIGINT");
			break;
		case SIGHUP:
			reload(sv);
			break;
		case SIGCHLD:
			sv_worker_reap(sv);
			break;
		default:
			break;
		}
	}
}
