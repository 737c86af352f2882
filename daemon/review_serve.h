/* SPDX-License-Identifier: MIT */
/*
 * `reportd serve`: the review page and JSON API over the store, and the
 * same server started inside `reportd run` from the [review] keys of the
 * configuration.
 */
#ifndef DAEMON_REVIEW_SERVE_H
#define DAEMON_REVIEW_SERVE_H

#include "core/err.h"
#include "daemon/config.h"
#include "review/review.h"

struct review_server;

int cmd_serve(int argc, char **argv);
void cmd_serve_usage(void);

/*
 * Starts the review server for `cfg`: review.listen ("ADDR:PORT",
 * "[ADDR]:PORT" or "ADDR"), review.token_file, paths.database, with the
 * export buttons wired to export_write().  The server runs in its own
 * thread until review_server_free().
 */
enum err review_serve_start(
    const struct config *cfg, struct review_server **out, struct diag *);

/* "http://ADDR:PORT/" as served (the bound port, when 0 was asked for);
 * g_free. */
char *review_serve_url(
    const struct config *cfg, const struct review_server *srv);

/* Splits "ADDR:PORT" / "[ADDR]:PORT" / "ADDR" (port 8470); false when
 * malformed.  `addr` gets the address without brackets. */
bool review_listen_parse(
    const char *listen, char *addr, size_t cap, unsigned *port);

/*
 * Reads an access token from `path`: the first line, blanks trimmed;
 * a regular file of at most 4 KiB.  A token is never taken from the
 * command line, where `ps` would show it.  On ERR_OK *out is g_malloc'ed.
 */
enum err review_token_read(const char *path, char **out, struct diag *);

#endif
