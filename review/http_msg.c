/* SPDX-License-Identifier: MIT */
/*
 * What every request and response shares, whatever their source: the
 * form body, the response's parts, the refusals made before a body is
 * read, and the caps around the handler.
 */
#include "review/http_msg_int.h"

#include <stdlib.h>
#include <string.h>

/* Longest request path we route; anything longer is refused (414). */
#define HTTP_PATH_MAX 1024

void
http_req_init(struct http_req *r, const struct http_req_ops *ops,
    const char *method, const char *path, size_t body_max)
{
	memset(r, 0, sizeof(*r));
	r->ops = ops;
	r->method = method;
	r->path = path;
	buf_init(&r->body, body_max);
}

void
http_req_fini(struct http_req *r)
{
	buf_fini(&r->body);
	if (r->form != NULL)
		g_hash_table_unref(r->form);
	r->form = NULL;
}

const char *
http_req_method(const struct http_req *r)
{
	return r->method;
}

const char *
http_req_path(const struct http_req *r)
{
	return r->path;
}

const char *
http_req_header(const struct http_req *r, const char *name)
{
	return r->ops->lookup(r, HTTP_HEADER, name);
}

const char *
http_req_query(const struct http_req *r, const char *name)
{
	return r->ops->lookup(r, HTTP_QUERY, name);
}

const char *
http_req_cookie(const struct http_req *r, const char *name)
{
	return r->ops->lookup(r, HTTP_COOKIE, name);
}

const char *
http_req_form(struct http_req *r, const char *name)
{
	if (!r->form_parsed) {
		const char *type = http_req_header(r, "Content-Type");

		r->form_parsed = true;
		/* Only urlencoded forms: our pages send nothing else, and
		 * multipart parsing is surface we do not need. */
		if (type != NULL &&
		    g_ascii_strncasecmp(
			type, "application/x-www-form-urlencoded", 33) == 0 &&
		    r->body.len > 0)
			r->form = g_uri_parse_params(r->body.data,
			    (gssize)r->body.len, "&", G_URI_PARAMS_WWW_FORM,
			    NULL);
	}
	if (r->form == NULL)
		return NULL;
	return g_hash_table_lookup(r->form, name);
}

bool
http_req_peer_is_loopback(const struct http_req *r)
{
	return r->ops->peer_is_loopback(r);
}

unsigned
http_req_refusal(const char *method, const char *path,
    const char *content_length, size_t body_max, const char **text)
{
	if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0 &&
	    strcmp(method, "POST") != 0) {
		*text = "method not allowed\n";
		return 405;
	}
	if (strlen(path) > HTTP_PATH_MAX || path[0] != '/') {
		*text = "path too long\n";
		return 414;
	}
	/* Refuse an announced oversized body before reading it. */
	if (content_length != NULL) {
		char *endp;
		unsigned long long n = strtoull(content_length, &endp, 10);

		if (*endp != '\0' || n > body_max) {
			*text = "request body too large\n";
			return 413;
		}
	}
	*text = NULL;
	return 0;
}

void
http_resp_init(struct http_resp *r, size_t resp_max)
{
	memset(r, 0, sizeof(*r));
	buf_init(&r->body, resp_max);
	r->status = 200;
	r->type = "text/html; charset=utf-8";
}

static void
drop_headers(struct http_resp *r)
{
	size_t i;

	for (i = 0; i < r->nheaders; i++) {
		g_free(r->hname[i]);
		g_free(r->hval[i]);
	}
	r->nheaders = 0;
}

void
http_resp_fini(struct http_resp *r)
{
	buf_fini(&r->body);
	drop_headers(r);
}

void
http_resp_plain(struct http_resp *r, unsigned status, const char *text)
{
	drop_headers(r);
	r->fixed = NULL;
	r->fixed_len = 0;
	buf_reset(&r->body);
	r->status = status;
	r->type = "text/plain; charset=utf-8";
	buf_puts(&r->body, text);
}

void
http_handle(http_handler_fn fn, void *ctx, struct http_req *req, bool too_large,
    struct http_resp *resp)
{
	if (too_large) {
		http_resp_plain(resp, 413, "request body too large\n");
		return;
	}
	fn(ctx, req, resp);
	if (resp->fixed == NULL && resp->body.overflow)
		http_resp_plain(resp, 500, "response too large\n");
}

void
http_resp_status(struct http_resp *r, unsigned code)
{
	r->status = code;
}

void
http_resp_type(struct http_resp *r, const char *type)
{
	r->type = type;
}

bool
http_resp_header(struct http_resp *r, const char *name, const char *value)
{
	if (r->nheaders == HTTP_HEADERS_MAX)
		return false;
	r->hname[r->nheaders] = g_strdup(name);
	r->hval[r->nheaders] = g_strdup(value);
	r->nheaders++;
	return true;
}

struct buf *
http_resp_body(struct http_resp *r)
{
	return &r->body;
}

void
http_resp_static(struct http_resp *r, const void *data, size_t len)
{
	r->fixed = data;
	r->fixed_len = len;
}

bool
http_resp_copy(struct http_resp *r, const void *data, size_t len)
{
	buf_reset(&r->body);
	r->fixed = NULL;
	return buf_append(&r->body, data, len);
}
