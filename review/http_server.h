/* SPDX-License-Identifier: MIT */
/*
 * A small HTTP server over libmicrohttpd: one listening address, one
 * internal thread (so handler calls never run concurrently), capped
 * connections, header memory, request bodies and idle time.  The
 * handler sees a request and fills a response (review/http_msg.h); it
 * never touches a socket.  Security headers (CSP, nosniff, no framing,
 * no caching) are added to every response.
 */
#ifndef REVIEW_HTTP_SERVER_H
#define REVIEW_HTTP_SERVER_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"
#include "review/http_msg.h"

struct http_server;

typedef void (*http_log_fn)(void *ctx, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

struct http_opts {
	const char *addr;  /* numeric IPv4 or IPv6 address to bind */
	unsigned port;     /* 0 picks a free port (http_server_port) */
	size_t body_max;   /* request body cap; larger is 413 */
	size_t resp_max;   /* response body cap; larger is 500 */
	unsigned conn_max; /* connections at once */
	unsigned per_ip_max;
	unsigned timeout_s; /* idle connection timeout */
	http_handler_fn handler;
	void *ctx;
	http_log_fn log; /* libmicrohttpd's own errors; NULL drops them */
	void *log_ctx;
};

/* Fills the defaults: 127.0.0.1:8080, 64 KiB bodies, 16 MiB pages,
 * 64 connections (16 per address), 30 s idle timeout. */
void http_opts_default(struct http_opts *);

/* Binds and starts serving in a thread of libmicrohttpd's. */
enum err http_server_start(
    const struct http_opts *, struct http_server **, struct diag *);
/* The port actually bound. */
unsigned http_server_port(const struct http_server *);
/* Stops serving (waits for the thread) and frees; NULL is a no-op. */
void http_server_free(struct http_server *);

#endif
