/* SPDX-License-Identifier: MIT */
/*
 * Requests and responses held in memory, so a handler (the review
 * server's) runs without a socket: in tests and in the fuzz harness.
 * A request reads as libmicrohttpd 0.9 presents one: the path and the
 * query are percent-decoded ('+' is a space in the query, a name
 * without '=' has no value), names of headers, query parameters and
 * cookies compare without case and the first of repeated names wins,
 * and cookies come from the first Cookie header.  The response keeps
 * what the handler set: status, type, extra headers and body (the
 * security headers the server adds on the wire are not included).
 */
#ifndef REVIEW_HTTP_MEM_H
#define REVIEW_HTTP_MEM_H

#include <stdbool.h>
#include <stddef.h>

#include "review/http_server.h"

/*
 * A request for `method` and `target` (the request line's path with
 * its query string, as sent: "/period?p=qu%C3%BD+I").  Both are copied.
 * NULL when out of memory.
 */
struct http_req *http_mem_req_new(const char *method, const char *target);
/* Adds a header (both copied; the value trimmed of blanks as a server
 * reads it).  False when out of memory. */
bool http_mem_req_header(
    struct http_req *, const char *name, const char *value);
/* Appends `len` bytes to the body.  False when out of memory. */
bool http_mem_req_body(struct http_req *, const void *data, size_t len);
/* What http_req_peer_is_loopback() answers (true by default). */
void http_mem_req_set_loopback(struct http_req *, bool);
void http_mem_req_free(struct http_req *);

/* An empty response for http_mem_serve(). */
struct http_resp *http_mem_resp_new(void);
void http_mem_resp_free(struct http_resp *);
unsigned http_mem_resp_status(const struct http_resp *);
const char *http_mem_resp_type(const struct http_resp *);
/* The body sent (static or built), not NUL-terminated in general. */
const void *http_mem_resp_body(const struct http_resp *, size_t *len);
size_t http_mem_resp_nheaders(const struct http_resp *);
/* The i-th extra header; false past the last. */
bool http_mem_resp_header_at(
    const struct http_resp *, size_t i, const char **name, const char **value);
/* The first extra header named `name` (any case), or NULL. */
const char *http_mem_resp_header(const struct http_resp *, const char *name);

/*
 * Answers `req` into `resp` (fresh from http_mem_resp_new()) as the
 * server would with options `o`: the same refusals before the body
 * (method, path, Content-Length), the body cap, o->handler, and the
 * response cap.
 */
void http_mem_serve(
    const struct http_opts *o, struct http_req *req, struct http_resp *resp);

#endif
