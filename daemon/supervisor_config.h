/* SPDX-License-Identifier: MIT */
/*
 * The configuration of `reportd run`, `status`, `export` and `serve`:
 * defaults, the file, command-line overrides; the worker program; the
 * start-up check of the office's indicator files.
 */
#ifndef DAEMON_SUPERVISOR_CONFIG_H
#define DAEMON_SUPERVISOR_CONFIG_H

#include <glib.h>
#include <stdbool.h>
#include <sys/types.h>

#include "core/err.h"
#include "daemon/config.h"

struct supervisor_opts {
	const char *config_path; /* NULL: the default, if it exists */
	GPtrArray *overrides;    /* "group.key=value", applied last */
	bool once;               /* process what is there, then exit */
};

#define SUPERVISOR_DEFAULT_CONFIG "/etc/reportd/reportd.conf"

/* Defaults, then the config file, then the overrides; paths derived. */
enum err supervisor_config_load(
    const struct supervisor_opts *, struct config *out, struct diag *);

/* The worker executable: worker.program, else the default (g_free). */
char *supervisor_config_find_worker(const struct config *);
/* reportd-worker beside this binary, else in the install's libexec
 * folder (g_free). */
char *supervisor_config_default_worker(void);

/*
 * Has the worker program `program` load the office's catalogue and
 * rules of `cfg` (indicators.catalogue, indicators.rules), as uid/gid
 * when `drop` (the workers' user); a mistake is reported as file:line.
 * ERR_OK at once when neither is set.
 */
enum err supervisor_config_check_indicators(const struct config *,
    const char *program, bool drop, uid_t uid, gid_t gid, struct diag *);

#endif
