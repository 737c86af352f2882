/* SPDX-License-Identifier: MIT */
/* `reportd serve`: the review page and JSON API over a store. */
#ifndef DAEMON_REVIEW_SERVE_H
#define DAEMON_REVIEW_SERVE_H

#include "core/err.h"

int cmd_serve(int argc, char **argv);
void cmd_serve_usage(void);

/*
 * Reads an access token from `path`: the first line, blanks trimmed.
 * The file should be readable by the service user only; a token is
 * never taken from the command line, where `ps` would show it.  On
 * ERR_OK *out is a g_malloc'ed string.
 */
enum err review_token_read(const char *path, char **out, struct diag *);

#endif
