/* SPDX-License-Identifier: MIT */
/*
 * The review server: the clerk's page (overview, one document with its
 * flags and evidence, the period view, the quarantine) and the JSON API
 * under /api/ for aggregation systems, over the daemon's store.  It
 * serves only what is in the store and its own embedded assets.  See
 * docs/API.md.
 */
#ifndef REVIEW_REVIEW_H
#define REVIEW_REVIEW_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "review/http_msg.h"

struct review_server;
struct review_app;
struct review_store;

/*
 * Writes the export in `format` ("csv" or "xlsx") to `out` and sets
 * *type to its media type.  `period` is NULL: the export covers every
 * period (the workbook has one sheet each).
 * Provided by the daemon (`reportd export`), so the page offers the
 * same files as the command line.
 */
typedef enum err (*review_export_fn)(void *ctx, const char *period,
    const char *format, struct buf *out, const char **type, struct diag *);

/* A file accepted but not stored yet. */
struct review_queued {
	const char *id, *name, *unit, *received;
	bool processing; /* a worker is reading it (else queued) */
};

/*
 * Appends struct review_queued * (in `arena`) for the files waiting in
 * the daemon's queue, oldest first, at most `max`.  Provided by the
 * daemon (the spool), so the overview shows what is not read yet.
 */
typedef enum err (*review_queue_fn)(void *ctx, struct arena *arena, size_t max,
    struct ptrvec *out, struct diag *);

struct review_opts {
	const char *db_path;
	const char *addr; /* numeric address; 127.0.0.1 by default */
	unsigned port;    /* 0 picks a free one */
	/* Required when `addr` is not a loopback address; when set, it
	 * is required on loopback too. */
	const char *token;
	review_export_fn export_fn; /* NULL: export buttons say so */
	void *export_ctx;           /* NULL: a copy of db_path */
	review_queue_fn queue_fn;   /* NULL: no queue shown */
	void *queue_ctx;
	/* Frees queue_ctx when the server stops, or at once when it does
	 * not start: the server takes it either way. */
	void (*queue_ctx_free)(void *);
	/* Errors from the HTTP layer; NULL drops them. */
	void (*log)(void *ctx, const char *fmt, va_list ap)
	    __attribute__((format(printf, 2, 0)));
	void *log_ctx;
};

void review_opts_default(struct review_opts *);

/*
 * Opens the store and starts serving in a background thread.  Refuses
 * (ERR_UNSUPPORTED) a non-loopback address without a token, and a
 * token shorter than ACCESS_TOKEN_MIN.
 */
enum err review_server_start(
    const struct review_opts *, struct review_server **, struct diag *);
unsigned review_server_port(const struct review_server *);
/* Stops serving and closes the store; NULL is a no-op. */
void review_server_free(struct review_server *);

/*
 * The server without its listener: what answers each request.
 * review_app_new() opens the store and refuses what
 * review_server_start() refuses (`addr` still decides whether the
 * loopback rules apply; `port` and `log` are not used).
 */
enum err review_app_new(
    const struct review_opts *, struct review_app **, struct diag *);
/* Answers one request: the Host and token checks, the session cookie,
 * the language, the CSRF check of a POST, then the page or API route.
 * Runs in one thread at a time per app. */
void review_app_handle(
    struct review_app *, struct http_req *, struct http_resp *);
/* The app's store handle (for tests that look at what a request
 * wrote). */
struct review_store *review_app_store(struct review_app *);
/* Closes the store and frees the queue context; NULL is a no-op. */
void review_app_free(struct review_app *);

#endif
