/* SPDX-License-Identifier: MIT */
/* In-memory requests and responses, read as libmicrohttpd reads them. */
#include "review/http_mem.h"

#include <stdlib.h>
#include <string.h>

#include "review/http_msg_int.h"

/* A name and its value (NULL: a query parameter without '='). */
struct mem_pair {
	char *name, *value;
};

struct mem_req {
	struct http_req base; /* first: the handler's view */
	char *method, *path;
	GArray *values[3]; /* struct mem_pair, by enum http_kind */
	bool has_cookie_header;
	bool loopback;
};

static struct mem_req *
mem_of(struct http_req *r)
{
	return (struct mem_req *)(void *)r;
}

static const struct mem_req *
cmem_of(const struct http_req *r)
{
	return (const struct mem_req *)(const void *)r;
}

static const char *
mem_lookup(const struct http_req *r, enum http_kind kind, const char *name)
{
	const GArray *a = cmem_of(r)->values[kind];
	guint i;

	for (i = 0; i < a->len; i++) {
		const struct mem_pair *p =
		    &g_array_index(a, struct mem_pair, i);

		if (g_ascii_strcasecmp(p->name, name) == 0)
			return p->value;
	}
	return NULL;
}

static bool
mem_peer_is_loopback(const struct http_req *r)
{
	return cmem_of(r)->loopback;
}

static const struct http_req_ops mem_ops = { mem_lookup, mem_peer_is_loopback };

static void
pair_clear(gpointer p)
{
	struct mem_pair *pair = p;

	g_free(pair->name);
	g_free(pair->value);
}

static void
add_pair(GArray *a, char *name, char *value)
{
	struct mem_pair p = { name, value };

	g_array_append_val(a, p);
}

/* %HH to its byte in place, as libmicrohttpd does (an invalid escape
 * stays as it is; %00 ends the string). */
static void
unescape(char *s)
{
	char *w = s;

	while (*s != '\0') {
		if (s[0] == '%' && g_ascii_isxdigit(s[1]) &&
		    g_ascii_isxdigit(s[2])) {
			*w++ = (char)(g_ascii_xdigit_value(s[1]) * 16 +
			    g_ascii_xdigit_value(s[2]));
			s += 3;
		} else
			*w++ = *s++;
	}
	*w = '\0';
}

static char *
unescape_query_part(const char *s, size_t len)
{
	char *t = g_strndup(s, len), *p;

	for (p = t; *p != '\0'; p++)
		if (*p == '+')
			*p = ' ';
	unescape(t);
	return t;
}

/* "a=1&b&c=2": each name with its value, or no value without '='. */
static void
parse_query(GArray *a, const char *q)
{
	while (*q != '\0') {
		const char *amp = strchr(q, '&');
		size_t len = amp != NULL ? (size_t)(amp - q) : strlen(q);
		const char *eq = memchr(q, '=', len);

		if (eq == NULL)
			add_pair(a, unescape_query_part(q, len), NULL);
		else
			add_pair(a, unescape_query_part(q, (size_t)(eq - q)),
			    unescape_query_part(
				eq + 1, len - (size_t)(eq - q) - 1));
		if (amp == NULL)
			break;
		q = amp + 1;
	}
}

/* "a=1; b=\"2\", c": pairs split at ';' or ',' outside quotes, the
 * name trimmed, one pair of quotes taken off the value. */
static void
parse_cookies(GArray *a, const char *s)
{
	while (*s != '\0') {
		const char *name, *nend, *v, *vend;
		bool quoted = false;

		while (*s == ' ')
			s++;
		name = s;
		while (*s != '\0' && *s != ';' && *s != ',' && *s != '=')
			s++;
		nend = s;
		while (nend > name && nend[-1] == ' ')
			nend--;
		if (*s != '=') {
			add_pair(a, g_strndup(name, (size_t)(nend - name)),
			    g_strdup(""));
			if (*s == '\0')
				break;
			s++;
			continue;
		}
		v = ++s;
		for (; *s != '\0' && (quoted || (*s != ';' && *s != ',')); s++)
			if (*s == '"')
				quoted = !quoted;
		vend = s;
		if (vend - v >= 2 && v[0] == '"' && vend[-1] == '"') {
			v++;
			vend--;
		}
		add_pair(a, g_strndup(name, (size_t)(nend - name)),
		    g_strndup(v, (size_t)(vend - v)));
		if (*s != '\0')
			s++;
	}
}

struct http_req *
http_mem_req_new(const char *method, const char *target)
{
	struct mem_req *m = calloc(1, sizeof(*m));
	const char *q;
	size_t i;

	if (m == NULL)
		return NULL;
	q = strchr(target, '?');
	m->method = g_strdup(method);
	m->path = q != NULL ? g_strndup(target, (size_t)(q - target))
			    : g_strdup(target);
	unescape(m->path);
	for (i = 0; i < G_N_ELEMENTS(m->values); i++) {
		m->values[i] =
		    g_array_new(FALSE, FALSE, sizeof(struct mem_pair));
		g_array_set_clear_func(m->values[i], pair_clear);
	}
	if (q != NULL)
		parse_query(m->values[HTTP_QUERY], q + 1);
	m->loopback = true;
	http_req_init(&m->base, &mem_ops, m->method, m->path, 0);
	return &m->base;
}

bool
http_mem_req_header(struct http_req *r, const char *name, const char *value)
{
	struct mem_req *m = mem_of(r);
	char *v = g_strstrip(g_strdup(value));

	if (g_ascii_strcasecmp(name, "Cookie") == 0 && !m->has_cookie_header) {
		m->has_cookie_header = true;
		parse_cookies(m->values[HTTP_COOKIE], v);
	}
	add_pair(m->values[HTTP_HEADER], g_strdup(name), v);
	return true;
}

bool
http_mem_req_body(struct http_req *r, const void *data, size_t len)
{
	return buf_append(&r->body, data, len);
}

void
http_mem_req_set_loopback(struct http_req *r, bool loopback)
{
	mem_of(r)->loopback = loopback;
}

void
http_mem_req_free(struct http_req *r)
{
	struct mem_req *m;
	size_t i;

	if (r == NULL)
		return;
	m = mem_of(r);
	http_req_fini(&m->base);
	for (i = 0; i < G_N_ELEMENTS(m->values); i++)
		g_array_unref(m->values[i]);
	g_free(m->method);
	g_free(m->path);
	free(m);
}

struct http_resp *
http_mem_resp_new(void)
{
	struct http_resp *r = calloc(1, sizeof(*r));

	if (r != NULL)
		http_resp_init(r, 0);
	return r;
}

void
http_mem_resp_free(struct http_resp *r)
{
	if (r == NULL)
		return;
	http_resp_fini(r);
	free(r);
}

unsigned
http_mem_resp_status(const struct http_resp *r)
{
	return r->status;
}

const char *
http_mem_resp_type(const struct http_resp *r)
{
	return r->type;
}

const void *
http_mem_resp_body(const struct http_resp *r, size_t *len)
{
	if (r->fixed != NULL) {
		*len = r->fixed_len;
		return r->fixed;
	}
	*len = r->body.len;
	return buf_str(&r->body);
}

size_t
http_mem_resp_nheaders(const struct http_resp *r)
{
	return r->nheaders;
}

bool
http_mem_resp_header_at(
    const struct http_resp *r, size_t i, const char **name, const char **value)
{
	if (i >= r->nheaders)
		return false;
	*name = r->hname[i];
	*value = r->hval[i];
	return true;
}

const char *
http_mem_resp_header(const struct http_resp *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->nheaders; i++)
		if (g_ascii_strcasecmp(r->hname[i], name) == 0)
			return r->hval[i];
	return NULL;
}

void
http_mem_serve(
    const struct http_opts *o, struct http_req *req, struct http_resp *resp)
{
	const char *text;
	unsigned refused = http_req_refusal(req->method, req->path,
	    http_req_header(req, "Content-Length"), o->body_max, &text);

	/* The response cap is the server's, whatever it was made with. */
	http_resp_fini(resp);
	http_resp_init(resp, o->resp_max);
	if (refused != 0) {
		http_resp_plain(resp, refused, text);
		return;
	}
	http_handle(o->handler, o->ctx, req, req->body.len > o->body_max, resp);
}
