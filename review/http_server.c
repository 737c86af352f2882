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

#include "review/http_msg_int.h"

struct http_server {
	struct MHD_Daemon *mhd;
	struct http_opts opts;
	unsigned port;
};

/* A request from a connection: the shared part first. */
struct mhd_req {
	struct http_req base;
	struct MHD_Connection *conn;
	bool too_large;
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

static const char *
mhd_lookup(const struct http_req *r, enum http_kind kind, const char *name)
{
	static const enum MHD_ValueKind kinds[] = {
		[HTTP_HEADER] = MHD_HEADER_KIND,
		[HTTP_QUERY] = MHD_GET_ARGUMENT_KIND,
		[HTTP_COOKIE] = MHD_COOKIE_KIND,
	};
	const struct mhd_req *m = (const struct mhd_req *)(const void *)r;

	return MHD_lookup_connection_value(m->conn, kinds[kind], name);
}

static bool
mhd_peer_is_loopback(const struct http_req *r)
{
	const struct mhd_req *m = (const struct mhd_req *)(const void *)r;
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(
	    m->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
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

static const struct http_req_ops mhd_ops = { mhd_lookup, mhd_peer_is_loopback };

static void
req_free(struct mhd_req *r)
{
	if (r == NULL)
		return;
	http_req_fini(&r->base);
	free(r);
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

	http_resp_init(&r, 4096);
	http_resp_plain(&r, status, text);
	ret = send_resp(conn, &r);
	http_resp_fini(&r);
	return ret;
}

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *conn, const char *url,
    const char *method, const char *version, const char *upload,
    size_t *upload_len, void **con_cls)
{
	struct http_server *s = cls;
	struct mhd_req *r = *con_cls;
	struct http_resp resp;
	enum MHD_Result ret;

	(void)version;
	if (r == NULL) {
		const char *text;
		unsigned refused = http_req_refusal(method, url,
		    MHD_lookup_connection_value(
			conn, MHD_HEADER_KIND, "Content-Length"),
		    s->opts.body_max, &text);

		if (refused != 0)
			return send_plain(conn, refused, text);
		r = calloc(1, sizeof(*r));
		if (r == NULL)
			return MHD_NO;
		http_req_init(
		    &r->base, &mhd_ops, method, url, s->opts.body_max);
		r->conn = conn;
		*con_cls = r;
		return MHD_YES;
	}
	if (*upload_len > 0) {
		if (!buf_append(&r->base.body, upload, *upload_len))
			r->too_large = true;
		*upload_len = 0;
		return MHD_YES;
	}
	http_resp_init(&resp, s->opts.resp_max);
	http_handle(
	    s->opts.handler, s->opts.ctx, &r->base, r->too_large, &resp);
	ret = send_resp(conn, &resp);
	http_resp_fini(&resp);
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
