/* SPDX-License-Identifier: MIT */
/* `reportd extract`: result records for files, without a daemon. */
#ifndef DAEMON_CMD_EXTRACT_H
#define DAEMON_CMD_EXTRACT_H

/* Exit statuses shared by every verb (documented in reportd(1)). */
enum exit_status {
	EXIT_ALL_OK = 0,
	EXIT_REJECTED = 1, /* at least one input was rejected (see record) */
	EXIT_USAGE = 2,
	EXIT_FAILED = 3, /* at least one input could not be processed */
	EXIT_OUTPUT = 4, /* an output could not be written */
};

int cmd_extract(int argc, char **argv);
void cmd_extract_usage(void);

#endif
