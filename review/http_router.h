/* SPDX-License-Identifier: MIT */
/*
 * Routing: a request path is matched against a fixed table of patterns
 * whose segments are literals, "{n}" (a decimal number) or "{id}" (a
 * document id: letters, digits, '.', '_', '-', not starting with '.').
 * Paths are only ever compared and copied into fixed buffers, never
 * joined to a file name.
 */
#ifndef REVIEW_HTTP_ROUTER_H
#define REVIEW_HTTP_ROUTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "review/http_server.h"

#define ROUTE_NUMS_MAX 3
#define ROUTE_IDS_MAX  2
#define ROUTE_ID_LEN   80 /* longest "{id}" segment */

struct route_match {
	int64_t num[ROUTE_NUMS_MAX]; /* the "{n}" segments, in order */
	size_t nnum;
	char id[ROUTE_IDS_MAX][ROUTE_ID_LEN + 1]; /* the "{id}" segments */
	size_t nid;
};

typedef void (*route_fn)(void *app, struct http_req *, struct http_resp *,
    const struct route_match *);

struct http_route {
	const char *method;  /* "GET" (also serves HEAD) or "POST" */
	const char *pattern; /* "/doc/{id}/flag/{n}" */
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
