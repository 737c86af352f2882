/* SPDX-License-Identifier: MIT */
/*
 * The request and response objects' insides, for the files that make
 * them: review/http_msg.c (what every request shares), the
 * libmicrohttpd glue (review/http_server.c) and the in-memory requests
 * (review/http_mem.c).  Handlers use review/http_msg.h only.
 */
#ifndef REVIEW_HTTP_MSG_INT_H
#define REVIEW_HTTP_MSG_INT_H

#include <glib.h>

#include "review/http_msg.h"

/* Extra response headers (cookies, Location, Content-Disposition). */
#define HTTP_HEADERS_MAX 8

/* Where a named request value comes from. */
enum http_kind {
	HTTP_HEADER, /* names compared without case */
	HTTP_QUERY,  /* the decoded query string */
	HTTP_COOKIE, /* the Cookie header */
};

/* What differs between request sources. */
struct http_req_ops {
	/* The value of `name`, borrowed, or NULL. */
	const char *(*lookup)(
	    const struct http_req *, enum http_kind, const char *name);
	bool (*peer_is_loopback)(const struct http_req *);
};

/* A request: the source's own structure starts with this one. */
struct http_req {
	const struct http_req_ops *ops;
	const char *method, *path;
	struct buf body;
	GHashTable *form; /* parsed on first http_req_form() */
	bool form_parsed;
};

struct http_resp {
	unsigned status;
	const char *type;
	struct buf body;
	const void *fixed; /* static data instead of body */
	size_t fixed_len;
	char *hname[HTTP_HEADERS_MAX], *hval[HTTP_HEADERS_MAX];
	size_t nheaders;
};

/* Sets up `r` with no body yet (at most `body_max` bytes). */
void http_req_init(struct http_req *r, const struct http_req_ops *ops,
    const char *method, const char *path, size_t body_max);
void http_req_fini(struct http_req *r);

/*
 * Whether a request may go on to the handler, decided from its request
 * line and Content-Length before any body is read: 0 when it may, else
 * the status to refuse it with and *text the plain-text reason (405 for
 * a method other than GET, HEAD and POST; 414 for a path over the
 * length we route or not starting with '/'; 413 for an announced body
 * over `body_max` or a Content-Length that is not a number).
 */
unsigned http_req_refusal(const char *method, const char *path,
    const char *content_length, size_t body_max, const char **text);

/* An empty response: 200, text/html, a body capped at `resp_max`. */
void http_resp_init(struct http_resp *r, size_t resp_max);
void http_resp_fini(struct http_resp *r);
/* Replaces whatever `r` holds by a plain-text answer (no extra
 * headers). */
void http_resp_plain(struct http_resp *r, unsigned status, const char *text);

/*
 * Runs `fn` on a request whose body has been read (`too_large` when it
 * went over the cap) and fills `resp`, made with http_resp_init(): 413
 * for a body over the cap, and a plain 500 when the handler's page
 * went over the response cap.
 */
void http_handle(http_handler_fn fn, void *ctx, struct http_req *req,
    bool too_large, struct http_resp *resp);

#endif
