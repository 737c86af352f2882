/* SPDX-License-Identifier: MIT */
/*
 * Routing: a request path is matched against a fixed table of patterns
 * whose segments are literals or "{n}" (a decimal id).  Paths are only
 * ever compared and parsed as numbers, never joined to a file name.
 */
#ifndef REVIEW_HTTP_ROUTER_H
#define REVIEW_HTTP_ROUTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "review/http_server.h"

#define ROUTE_NUMS_MAX 3

struct route_match {
	int64_t num[ROUTE_NUMS_MAX]; /* the "{n}" segments, in order */
	size_t nnum;
};

typedef void (*route_fn)(void *app, struct http_req *, struct http_resp *,
    const struct route_match *);

struct http_route {
	const char *method;  /* "GET" (also serves HEAD) or "POST" */
	const char *pattern; /* "/doc/{n}/flag/{n}" */
	route_fn fn;
};

enum route_result {
	ROUTE_FOUND,
	ROUTE_NOT_FOUND,
	ROUTE_BAD_METHOD, /* the path exists for another method */
};

/* Finds the route for `method` and `path` among `n` routes; on
 * ROUTE_FOUND *out is the route and `m` holds its numbers. */
enum route_result router_match(const struct http_route *routes, size_t n,
    const char *method, const char *path, const struct http_route **out,
    struct route_match *m);

#endif
