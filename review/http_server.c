/* SPDX-License-Identifier: MIT */
/* libmicrohttpd glue: request accumulation with caps, response assembly. */
#include "review/http_server.h"

#include <arpa/inet.h>
#include <glib.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

/* Longest request path we route; anything longer is refused (414). */
#define HTTP_PATH_MAX 1024
/* Extra response headers (cookies, Location, Content-Disposition). */
#define HTTP_HEADERS_MAX 8

struct http_server {
	struct MHD_Daemon *mhd;
	struct http_opts opts;
	unsigned port;
};

struct http_req {
	struct MHD_Connection *conn;
	const char *method, *path;
	struct buf body;
	bool too_large, started;
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

void
http_opts_default(struct http_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->addr = "127.0.0.1";
	o->port = 8080;
	o->body_max = 64 * 1024;
	o->resp_max = 16 * 1024 * 1024;
	o->conn_max = 64;
	o->per_ip_max = 16;
	o->timeout_s = 30;
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
	return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

const char *
http_req_query(const struct http_req *r, const char *name)
{
	return MHD_lookup_connection_value(
	    r->conn, MHD_GET_ARGUMENT_KIND, name);
}

const char *
http_req_cookie(const struct http_req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, name);
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
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(
	    r->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr *sa;

	if (ci == NULL || ci->client_addr == NULL)
		return false;
	sa = ci->client_addr;
	if (sa->sa_family == AF_INET) {
		const struct sockaddr_in *in =
		    (const struct sockaddr_in *)(const void *)sa;

		return (ntohl(in->sin_addr.s_addr) >> 24) == 127;
	}
	if (sa->sa_family == AF_INET6) {
		const struct sockaddr_in6 *in6 =
		    (const struct sockaddr_in6 *)(const void *)sa;

		return IN6_IS_ADDR_LOOPBACK(&in6->sin6_addr) ||
		    (IN6_IS_ADDR_V4MAPPED(&in6->sin6_addr) &&
			in6->sin6_addr.s6_addr[12] == 127);
	}
	return false;
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

static void
req_free(struct http_req *r)
{
	if (r == NULL)
		return;
	buf_fini(&r->body);
	if (r->form != NULL)
		g_hash_table_unref(r->form);
	free(r);
}

static void
resp_fini(struct http_resp *r)
{
	size_t i;

	buf_fini(&r->body);
	for (i = 0; i < r->nheaders; i++) {
		g_free(r->hname[i]);
		g_free(r->hval[i]);
	}
}

static void
add_security_headers(struct MHD_Response *m)
{
	/* Scripts and styles only from our own embedded files: a report
	 * that smuggled markup past escaping still could not run code.
	 * Images may be data: for nothing; page images come from us. */
	MHD_add_response_header(m, "Content-Security-Policy",
	    "default-src 'none'; script-src 'self'; style-src 'self'; "
	    "img-src 'self'; connect-src 'self'; form-action 'self'; "
	    "frame-ancestors 'none'; base-uri 'none'");
	MHD_add_response_header(m, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(m, "X-Frame-Options", "DENY");
	MHD_add_response_header(m, "Referrer-Policy", "same-origin");
	MHD_add_response_header(m, "Cache-Control", "no-store");
}

static enum MHD_Result
send_resp(struct MHD_Connection *conn, struct http_resp *r)
{
	struct MHD_Response *m;
	enum MHD_Result ret;
	size_t i;

	if (r->fixed != NULL)
		m = MHD_create_response_from_buffer(r->fixed_len,
		    (void *)(uintptr_t)r->fixed, MHD_RESPMEM_PERSISTENT);
	else
		m = MHD_create_response_from_buffer(r->body.len,
		    r->body.data != NULL ? r->body.data
					 : (void *)(uintptr_t) "",
		    MHD_RESPMEM_MUST_COPY);
	if (m == NULL)
		return MHD_NO;
	add_security_headers(m);
	MHD_add_response_header(m, "Content-Type", r->type);
	for (i = 0; i < r->nheaders; i++)
		MHD_add_response_header(m, r->hname[i], r->hval[i]);
	ret = MHD_queue_response(conn, r->status, m);
	MHD_destroy_response(m);
	return ret;
}

static enum MHD_Result
send_plain(struct MHD_Connection *conn, unsigned status, const char *text)
{
	struct http_resp r;
	enum MHD_Result ret;

	memset(&r, 0, sizeof(r));
	buf_init(&r.body, 4096);
	r.status = status;
	r.type = "text/plain; charset=utf-8";
	buf_puts(&r.body, text);
	ret = send_resp(conn, &r);
	resp_fini(&r);
	return ret;
}

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *conn, const char *url,
    const char *method, const char *version, const char *upload,
    size_t *upload_len, void **con_cls)
{
	struct http_server *s = cls;
	struct http_req *r = *con_cls;
	struct http_resp resp;
	enum MHD_Result ret;

	(void)version;
	if (r == NULL) {
		const char *cl;

		if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0 &&
		    strcmp(method, "POST") != 0)
			return send_plain(conn, MHD_HTTP_METHOD_NOT_ALLOWED,
			    "method not allowed\n");
		if (strlen(url) > HTTP_PATH_MAX || url[0] != '/')
			return send_plain(
			    conn, MHD_HTTP_URI_TOO_LONG, "path too long\n");
		/* Refuse an announced oversized body before reading it. */
		cl = MHD_lookup_connection_value(
		    conn, MHD_HEADER_KIND, "Content-Length");
		if (cl != NULL) {
			char *endp;
			unsigned long long n = strtoull(cl, &endp, 10);

			if (*endp != '\0' || n > s->opts.body_max)
				return send_plain(conn,
				    MHD_HTTP_CONTENT_TOO_LARGE,
				    "request body too large\n");
		}
		r = calloc(1, sizeof(*r));
		if (r == NULL)
			return MHD_NO;
		r->conn = conn;
		r->method = method;
		r->path = url;
		buf_init(&r->body, s->opts.body_max);
		*con_cls = r;
		return MHD_YES;
	}
	if (*upload_len > 0) {
		if (!buf_append(&r->body, upload, *upload_len))
			r->too_large = true;
		*upload_len = 0;
		return MHD_YES;
	}
	if (r->too_large)
		return send_plain(conn, MHD_HTTP_CONTENT_TOO_LARGE,
		    "request body too large\n");

	memset(&resp, 0, sizeof(resp));
	buf_init(&resp.body, s->opts.resp_max);
	resp.status = MHD_HTTP_OK;
	resp.type = "text/html; charset=utf-8";
	s->opts.handler(s->opts.ctx, r, &resp);
	if (resp.fixed == NULL && resp.body.overflow)
		ret = send_plain(conn, MHD_HTTP_INTERNAL_SERVER_ERROR,
		    "response too large\n");
	else
		ret = send_resp(conn, &resp);
	resp_fini(&resp);
	return ret;
}

static void
on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
    enum MHD_RequestTerminationCode toe)
{
	(void)cls;
	(void)conn;
	(void)toe;
	req_free(*con_cls);
	*con_cls = NULL;
}

static void
on_log(void *cls, const char *fmt, va_list ap)
{
	struct http_server *s = cls;

	if (s->opts.log != NULL)
		s->opts.log(s->opts.log_ctx, fmt, ap);
}

enum err
http_server_start(
    const struct http_opts *o, struct http_server **out, struct diag *diag)
{
	struct http_server *s;
	struct sockaddr_in in4;
	struct sockaddr_in6 in6;
	const struct sockaddr *sa;
	unsigned flags = MHD_USE_AUTO_INTERNAL_THREAD | MHD_USE_ERROR_LOG;
	const union MHD_DaemonInfo *info;

	*out = NULL;
	if (o->handler == NULL || o->port > 65535)
		return diag_set(diag, ERR_INTERNAL, "http: bad options");
	memset(&in4, 0, sizeof(in4));
	memset(&in6, 0, sizeof(in6));
	if (inet_pton(AF_INET, o->addr, &in4.sin_addr) == 1) {
		in4.sin_family = AF_INET;
		in4.sin_port = htons((uint16_t)o->port);
		sa = (const struct sockaddr *)(const void *)&in4;
	} else if (inet_pton(AF_INET6, o->addr, &in6.sin6_addr) == 1) {
		in6.sin6_family = AF_INET6;
		in6.sin6_port = htons((uint16_t)o->port);
		sa = (const struct sockaddr *)(const void *)&in6;
		flags |= MHD_USE_IPv6;
	} else
		return diag_set(diag, ERR_MALFORMED,
		    "listen address '%s' is not a numeric IPv4 or IPv6 "
		    "address",
		    o->addr);

	s = calloc(1, sizeof(*s));
	if (s == NULL)
		return diag_set(diag, ERR_NOMEM, "out of memory");
	s->opts = *o;
	s->mhd = MHD_start_daemon(flags, (uint16_t)o->port, NULL, NULL,
	    on_request, s,
	    /* First, so libmicrohttpd never prints on its own. */
	    MHD_OPTION_EXTERNAL_LOGGER, on_log, s, MHD_OPTION_SOCK_ADDR, sa,
	    MHD_OPTION_CONNECTION_LIMIT, o->conn_max,
	    MHD_OPTION_PER_IP_CONNECTION_LIMIT, o->per_ip_max,
	    MHD_OPTION_CONNECTION_TIMEOUT, o->timeout_s,
	    /* Headers and the request line live in this per-connection
	     * pool; 32 KiB bounds them without a cap of our own. */
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(32 * 1024),
	    MHD_OPTION_NOTIFY_COMPLETED, on_completed, s, MHD_OPTION_END);
	if (s->mhd == NULL) {
		free(s);
		return diag_set(diag, ERR_IO,
		    "cannot listen on %s port %u (in use, or not an address "
		    "of this machine)",
		    o->addr, o->port);
	}
	info = MHD_get_daemon_info(s->mhd, MHD_DAEMON_INFO_BIND_PORT);
	s->port = info != NULL ? info->port : o->port;
	*out = s;
	return ERR_OK;
}

unsigned
http_server_port(const struct http_server *s)
{
	return s->port;
}

void
http_server_free(struct http_server *s)
{
	if (s == NULL)
		return;
	MHD_stop_daemon(s->mhd);
	free(s);
}
