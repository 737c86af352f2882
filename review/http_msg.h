/* SPDX-License-Identifier: MIT */
/*
 * The request and the response as a handler sees them.  Where the
 * request comes from (libmicrohttpd in review/http_server.c, or memory
 * in review/http_mem.c) is hidden behind these calls, so the same
 * handler answers a socket and a test alike.
 */
#ifndef REVIEW_HTTP_MSG_H
#define REVIEW_HTTP_MSG_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"

struct http_req;
struct http_resp;

typedef void (*http_handler_fn)(
    void *ctx, struct http_req *, struct http_resp *);

/* The request, valid during the handler call.  Strings are borrowed. */
const char *http_req_method(const struct http_req *); /* GET, POST, ... */
const char *http_req_path(const struct http_req *);   /* decoded, no query */
const char *http_req_header(const struct http_req *, const char *name);
const char *http_req_query(const struct http_req *, const char *name);
const char *http_req_cookie(const struct http_req *, const char *name);
/* A field of an application/x-www-form-urlencoded POST body, or NULL. */
const char *http_req_form(struct http_req *, const char *name);
/* True when the peer's address is a loopback address. */
bool http_req_peer_is_loopback(const struct http_req *);

void http_resp_status(struct http_resp *, unsigned code);
/* `type` must be a string literal (it is not copied). */
void http_resp_type(struct http_resp *, const char *type);
/* Adds a header (copied); false when too many. */
bool http_resp_header(struct http_resp *, const char *name, const char *value);
/* The body under construction (capped at resp_max). */
struct buf *http_resp_body(struct http_resp *);
/* Sends `len` bytes of `data` instead of the body; `data` must live
 * until the server stops (embedded assets). */
void http_resp_static(struct http_resp *, const void *data, size_t len);
/* Sends a copy of `len` bytes (a blob from the store). */
bool http_resp_copy(struct http_resp *, const void *data, size_t len);

#endif
