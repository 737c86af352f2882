/* SPDX-License-Identifier: MIT */
/* `reportd run`, `reportd status`, `reportd export`: the daemon's verbs. */
#ifndef DAEMON_CMD_RUN_H
#define DAEMON_CMD_RUN_H

int cmd_run(int argc, char **argv);
void cmd_run_usage(void);
int cmd_status(int argc, char **argv);
void cmd_status_usage(void);
int cmd_export(int argc, char **argv);
void cmd_export_usage(void);

/*
 * Parses the options every daemon verb shares (-c FILE, --root DIR,
 * --inbox DIR, --workers N, -o GROUP.KEY=VALUE) from `ch`/`arg` into
 * `opts`; returns false when `ch` is not one of them.
 */
struct supervisor_opts;
int cmd_common_opt(int ch, const char *arg, struct supervisor_opts *opts);

#endif
