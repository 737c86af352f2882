/* SPDX-License-Identifier: MIT */
/*
 * Harness: one raw HTTP/1.1 request through the review server's request
 * handling (review_app_handle(): Host and token checks, session cookie,
 * language, CSRF, the router, every page and API renderer) over a
 * fixture store, without a socket; then checks of the answer that can
 * fail, each an abort().
 *
 * Input: "METHOD TARGET VERSION", header lines "Name: value", a blank
 * line, the body (lenient: LF or CRLF; without a blank line there is no
 * body; lines without ':' are skipped).  Before parsing, these bytes are
 * replaced anywhere in the input, so the fuzzer gets past the secrets
 * it cannot guess:
 *   @TOKEN@  the access token
 *   @AUTH@   the rd_auth cookie's value that a login gives
 *   @SID@    a session id (for the rd_sid cookie)
 *   @CSRF@   that session's form token on the server answering
 *   @OPEN@   removed; the request goes to a server open on loopback
 *            without a token (else to one that requires the token)
 * The store is the review tests' fixture, held in memory.  Every
 * request runs inside a store savepoint that is rolled back, so a flag
 * review posted by one input is not seen by the next.
 */
/* memmem(3), a GNU and BSD extension. */
#define _GNU_SOURCE
#include <glib.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "review/csrf.h"
#include "review/http_mem.h"
#include "review/review.h"
#include "review/review_store.h"
#include "tests/unit/review_fixture.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

#define TOKEN "fuzz-token-0123456789abcdef"
#define HOST  "127.0.0.1:8080"

/* One review server: the app and the form token for `sid` there. */
struct target {
	struct review_app *app;
	struct http_opts opts;
	char csrf[CSRF_TOKEN_LEN + 1];
};

/* The fixture store, in memory: no file is ever written, and it lives
 * as long as one connection to it is open (`keep`). */
#define STORE "file:reportd-fuzz-review?mode=memory&cache=shared"

static struct target token_srv, open_srv;
static char sid[CSRF_SID_LEN + 1], auth[CSRF_TOKEN_LEN + 1];
static sqlite3 *keep;
/* FUZZ_REVIEW_TRACE set: each answer's status, type and Location go to
 * stderr (to see what a seed reaches). */
static bool trace;

static void
die(const char *what)
{
	fprintf(stderr, "fuzz_review: %s\n", what);
	abort();
}

static void
handle(void *ctx, struct http_req *req, struct http_resp *resp)
{
	review_app_handle(ctx, req, resp);
}

/* The export as a fixed file, so the export route answers in full
 * without touching the file system. */
static enum err
fake_export(void *ctx, const char *period, const char *format, struct buf *out,
    const char **type, struct diag *diag)
{
	(void)ctx;
	(void)period;
	(void)diag;
	buf_puts(out, "unit,period,indicator,value\r\n");
	*type = strcmp(format, "csv") == 0 ? "text/csv; charset=utf-8"
					   : "application/octet-stream";
	return ERR_OK;
}

/* Two files waiting, one with markup in its name. */
static enum err
fake_queue(void *ctx, struct arena *a, size_t max, struct ptrvec *out,
    struct diag *diag)
{
	static const struct review_queued q[] = {
		{ "20240402T000000.000001-7-1", "<x>quy-1.pdf", NULL,
		    "2024-04-02T00:00:00Z", false },
		{ "20240402T000000.000001-7-2", "scan.png", "vinh-hoa",
		    "not a time", true },
	};
	size_t i;

	(void)ctx;
	(void)diag;
	for (i = 0; i < G_N_ELEMENTS(q) && i < max; i++)
		if (ptrvec_push(out, a, (void *)(uintptr_t)&q[i]) != 0)
			return ERR_NOMEM;
	return ERR_OK;
}

static void
target_open(struct target *t, const char *addr, const char *token)
{
	struct review_opts o;
	struct diag d;

	review_opts_default(&o);
	o.db_path = STORE;
	o.addr = addr;
	o.token = token;
	o.export_fn = fake_export;
	o.queue_fn = fake_queue;
	diag_init(&d);
	if (review_app_new(&o, &t->app, &d) != ERR_OK)
		die(d.msg);
	http_opts_default(&t->opts);
	t->opts.handler = handle;
	t->opts.ctx = t->app;
}

/* Serves `req` on `t` and frees it; the response is the caller's. */
static struct http_resp *
serve(struct target *t, struct http_req *req)
{
	struct http_resp *resp = http_mem_resp_new();

	if (resp == NULL || req == NULL)
		die("out of memory");
	http_mem_serve(&t->opts, req, resp);
	http_mem_req_free(req);
	return resp;
}

/* Copies the `n` characters after `key` in `s` to out[n + 1]. */
static void
copy_after(const char *s, const char *key, char *out, size_t n)
{
	const char *p = s != NULL ? strstr(s, key) : NULL;

	if (p == NULL || strlen(p + strlen(key)) < n)
		die("cannot learn the session from the login page");
	memcpy(out, p + strlen(key), n);
	out[n] = '\0';
}

/* The login form's token for `sid` on `t`. */
static void
learn_csrf(struct target *t)
{
	struct http_req *r = http_mem_req_new("GET", "/login");
	struct http_resp *resp;
	char *cookie = g_strdup_printf("rd_sid=%s", sid);
	size_t len;

	http_mem_req_header(r, "Host", HOST);
	http_mem_req_header(r, "Cookie", cookie);
	resp = serve(t, r);
	copy_after(http_mem_resp_body(resp, &len), "name=\"csrf\" value=\"",
	    t->csrf, CSRF_TOKEN_LEN);
	http_mem_resp_free(resp);
	g_free(cookie);
}

/* The session id, the form tokens and the login cookie, learnt the way
 * a browser does: the login page, then the login form's POST. */
static void
learn_secrets(void)
{
	struct http_req *r = http_mem_req_new("GET", "/login");
	struct http_resp *resp;
	char *cookie, *body;

	http_mem_req_header(r, "Host", HOST);
	resp = serve(&token_srv, r);
	copy_after(http_mem_resp_header(resp, "Set-Cookie"), "rd_sid=", sid,
	    CSRF_SID_LEN);
	http_mem_resp_free(resp);
	learn_csrf(&token_srv);
	learn_csrf(&open_srv);

	r = http_mem_req_new("POST", "/login");
	cookie = g_strdup_printf("rd_sid=%s", sid);
	body = g_strdup_printf("csrf=%s&token=%s", token_srv.csrf, TOKEN);
	http_mem_req_header(r, "Host", HOST);
	http_mem_req_header(r, "Origin", "http://" HOST);
	http_mem_req_header(r, "Cookie", cookie);
	http_mem_req_header(
	    r, "Content-Type", "application/x-www-form-urlencoded");
	http_mem_req_body(r, body, strlen(body));
	resp = serve(&token_srv, r);
	if (http_mem_resp_status(resp) != 303)
		die("the login with the token failed");
	copy_after(http_mem_resp_header(resp, "Set-Cookie"), "rd_auth=", auth,
	    CSRF_TOKEN_LEN);
	http_mem_resp_free(resp);
	g_free(cookie);
	g_free(body);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	/* Store paths are read as URIs, so the store can be a named
	 * in-memory database; first, before SQLite initialises. */
	if (sqlite3_config(SQLITE_CONFIG_URI, 1) != SQLITE_OK ||
	    sqlite3_open(STORE, &keep) != SQLITE_OK)
		die("cannot open the in-memory store");
	if (fixture_create(STORE) != 0)
		die("cannot create the fixture store");
	/* A network address, so only the token opens it. */
	target_open(&token_srv, "0.0.0.0", TOKEN);
	target_open(&open_srv, "127.0.0.1", NULL);
	learn_secrets();
	trace = getenv("FUZZ_REVIEW_TRACE") != NULL;
	return 0;
}

/* The input with the placeholders replaced; *open when it asked for
 * the open server. */
static GString *
expand(const uint8_t *data, size_t len, bool *open)
{
	static const char *const names[] = { "@TOKEN@", "@AUTH@", "@SID@",
		"@CSRF@", "@OPEN@" };
	const char *vals[G_N_ELEMENTS(names)];
	GString *s = g_string_sized_new(len + 64);
	size_t i, k;

	*open = memmem(data, len, "@OPEN@", 6) != NULL;
	vals[0] = TOKEN;
	vals[1] = auth;
	vals[2] = sid;
	vals[3] = *open ? open_srv.csrf : token_srv.csrf;
	vals[4] = "";
	for (i = 0; i < len;) {
		for (k = 0; k < G_N_ELEMENTS(names); k++)
			if (data[i] == '@' && len - i >= strlen(names[k]) &&
			    memcmp(data + i, names[k], strlen(names[k])) == 0)
				break;
		if (k < G_N_ELEMENTS(names)) {
			g_string_append(s, vals[k]);
			i += strlen(names[k]);
		} else
			g_string_append_c(s, (char)data[i++]);
	}
	return s;
}

/* The request line: "METHOD TARGET [VERSION]", blanks between. */
static struct http_req *
request_line(const char *p, size_t n)
{
	const char *end = p + n, *sp = memchr(p, ' ', n), *t, *tend;
	char *method, *target;
	struct http_req *r;

	method = g_strndup(p, (size_t)((sp != NULL ? sp : end) - p));
	for (t = sp != NULL ? sp : end; t < end && *t == ' '; t++)
		;
	tend = memchr(t, ' ', (size_t)(end - t));
	target = g_strndup(t, (size_t)((tend != NULL ? tend : end) - t));
	r = http_mem_req_new(method, target);
	g_free(method);
	g_free(target);
	if (r == NULL)
		die("out of memory");
	return r;
}

static void
header_line(struct http_req *r, const char *p, size_t n)
{
	const char *colon = memchr(p, ':', n);
	char *name, *val;

	if (colon == NULL)
		return;
	name = g_strndup(p, (size_t)(colon - p));
	val = g_strndup(colon + 1, (size_t)(p + n - colon - 1));
	http_mem_req_header(r, name, val);
	g_free(name);
	g_free(val);
}

/* Builds the request from the expanded input: request line, headers,
 * then everything after the first blank line as the body. */
static struct http_req *
parse_request(const GString *in)
{
	const char *p = in->str, *end = in->str + in->len;
	struct http_req *r = NULL;

	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		const char *next = eol != NULL ? eol + 1 : end;
		size_t n = (size_t)((eol != NULL ? eol : end) - p);

		if (n > 0 && p[n - 1] == '\r')
			n--;
		if (r == NULL)
			r = request_line(p, n);
		else if (n == 0) {
			p = next;
			break;
		} else
			header_line(r, p, n);
		p = next;
	}
	if (r == NULL)
		r = request_line("", 0);
	if (p < end)
		http_mem_req_body(r, p, (size_t)(end - p));
	return r;
}

static bool
has(const GString *in, const char *s)
{
	return memmem(in->str, in->len, s, strlen(s)) != NULL;
}

#define REQUIRE(cond, what)                                                    \
	do {                                                                   \
		if (!(cond))                                                   \
			die("broken: " what);                                  \
	} while (0)

/* Whether `p` (a '<' and what follows) opens or closes a tag the pages
 * write; anything else after a '<' came from text that should have
 * been escaped. */
static bool
is_our_tag(const char *p, size_t len)
{
	static const char *const tags[] = { "a", "article", "aside", "b",
		"blockquote", "body", "button", "code", "dd", "details", "div",
		"dl", "dt", "figcaption", "figure", "footer", "form", "h1",
		"h2", "h3", "head", "header", "html", "img", "input", "label",
		"li", "link", "main", "meta", "nav", "ol", "option", "p",
		"script", "section", "select", "small", "span", "summary",
		"table", "tbody", "td", "textarea", "th", "thead", "time",
		"title", "tr", "ul" };
	size_t n, i;

	if (len >= 15 && memcmp(p, "<!DOCTYPE html>", 15) == 0)
		return true;
	p++;
	len--;
	if (len > 0 && *p == '/') {
		p++;
		len--;
	}
	for (n = 0; n < len &&
	     (g_ascii_islower(p[n]) || (n > 0 && p[n] >= '1' && p[n] <= '3'));
	     n++)
		;
	if (n == len || (p[n] != ' ' && p[n] != '>'))
		return false;
	for (i = 0; i < G_N_ELEMENTS(tags); i++)
		if (strlen(tags[i]) == n && memcmp(tags[i], p, n) == 0)
			return true;
	return false;
}

static void
check_html(const char *body, size_t len)
{
	const char *p = body, *end = body + len;

	REQUIRE(g_utf8_validate(body, (gssize)len, NULL),
	    "an HTML page is not valid UTF-8");
	while ((p = memchr(p, '<', (size_t)(end - p))) != NULL) {
		REQUIRE(is_our_tag(p, (size_t)(end - p)),
		    "an HTML page has markup the pages do not write");
		p++;
	}
}

/* The origin rule of review/csrf.h restated: Origin is http://HOST, or
 * without Origin, Referer is http://HOST then '/' or the end. */
static bool
origin_may_pass(const char *origin, const char *referer, const char *host)
{
	size_t h;

	if (host == NULL || *host == '\0')
		return false;
	h = strlen(host);
	if (origin != NULL)
		return g_str_has_prefix(origin, "http://") &&
		    g_ascii_strcasecmp(origin + 7, host) == 0;
	return referer != NULL && g_str_has_prefix(referer, "http://") &&
	    strlen(referer) >= 7 + h &&
	    g_ascii_strncasecmp(referer + 7, host, h) == 0 &&
	    (referer[7 + h] == '\0' || referer[7 + h] == '/');
}

/* Whether `host` could name a loopback address: what the open server
 * answers must at least look like one. */
static bool
host_may_be_loopback(const char *host)
{
	return host != NULL &&
	    (g_ascii_strncasecmp(host, "localhost", 9) == 0 ||
		g_str_has_prefix(host, "127.") || host[0] == '[');
}

static bool
path_is_public(const char *path)
{
	return strcmp(path, "/login") == 0 ||
	    g_str_has_prefix(path, "/assets/");
}

static void
check_headers(const struct http_resp *resp)
{
	const char *name, *value;
	size_t i;

	for (i = 0; http_mem_resp_header_at(resp, i, &name, &value); i++) {
		REQUIRE(strpbrk(name, "\r\n") == NULL &&
			strpbrk(value, "\r\n") == NULL,
		    "a response header has a line break");
		if (g_ascii_strcasecmp(name, "Set-Cookie") == 0)
			REQUIRE(strstr(value, "; HttpOnly") != NULL &&
				strstr(value, "SameSite=Strict") != NULL,
			    "a cookie without HttpOnly and SameSite=Strict");
	}
}

static void
check_json(const char *body, size_t len)
{
	JsonNode *j;

	REQUIRE(g_utf8_validate(body, (gssize)len, NULL),
	    "a JSON answer is not valid UTF-8");
	j = json_from_string(body, NULL);
	REQUIRE(j != NULL && JSON_NODE_HOLDS_OBJECT(j),
	    "a JSON answer is not a JSON object");
	json_node_unref(j);
}

/* What the request was, as the server saw it. */
struct sent {
	const GString *in; /* the expanded input */
	char *method, *path, *host, *origin, *referer;
};

/* What a request may get, and what it may change. */
static void
check(const struct target *t, const struct sent *rq,
    const struct http_resp *resp, bool changed)
{
	static const unsigned statuses[] = { 200, 303, 400, 401, 403, 404, 405,
		413, 414, 421 };
	unsigned st = http_mem_resp_status(resp);
	const char *type = http_mem_resp_type(resp);
	const char *loc = http_mem_resp_header(resp, "Location");
	bool refused = st == 405 || st == 413 || st == 414;
	bool authed = t == &open_srv || has(rq->in, TOKEN) || has(rq->in, auth);
	const char *body;
	size_t len, i;

	for (i = 0; i < G_N_ELEMENTS(statuses) && statuses[i] != st; i++)
		;
	REQUIRE(i < G_N_ELEMENTS(statuses), "a status the server never sends");
	REQUIRE(type != NULL && *type != '\0', "a response without a type");
	check_headers(resp);
	if (st == 303)
		REQUIRE(loc != NULL && loc[0] == '/' && loc[1] != '/' &&
			loc[1] != '\\',
		    "a redirect that does not stay on this server");
	if (!authed && !path_is_public(rq->path)) {
		REQUIRE(st == 401 || st == 303 || refused,
		    "an answer without the token");
		if (st == 303)
			REQUIRE(strcmp(loc, "/login") == 0,
			    "a redirect elsewhere than the login without the "
			    "token");
	}
	if (t == &open_srv && !host_may_be_loopback(rq->host))
		REQUIRE(st == 421 || refused,
		    "the open server answered another host name");
	if (changed)
		REQUIRE(strcmp(rq->method, "POST") == 0 && st == 303 &&
			authed && has(rq->in, sid) && has(rq->in, t->csrf) &&
			origin_may_pass(rq->origin, rq->referer, rq->host),
		    "the store changed without a valid form post");
	body = http_mem_resp_body(resp, &len);
	if (g_str_has_prefix(type, "text/html"))
		check_html(body, len);
	if (g_str_has_prefix(type, "application/json"))
		check_json(body, len);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct sent rq;
	bool open;
	GString *in = expand(data, len, &open);
	struct target *t = open ? &open_srv : &token_srv;
	struct review_store *store = review_app_store(t->app);
	struct http_req *req = parse_request(in);
	struct http_resp *resp = http_mem_resp_new();
	struct diag d;
	uint64_t before;

	if (resp == NULL)
		die("out of memory");
	rq.in = in;
	rq.method = g_strdup(http_req_method(req));
	rq.path = g_strdup(http_req_path(req));
	rq.host = g_strdup(http_req_header(req, "Host"));
	rq.origin = g_strdup(http_req_header(req, "Origin"));
	rq.referer = g_strdup(http_req_header(req, "Referer"));
	diag_init(&d);
	if (review_store_savepoint(store, &d) != ERR_OK)
		die(d.msg);
	before = review_store_changes(store);
	http_mem_serve(&t->opts, req, resp);
	if (trace)
		fprintf(stderr, "fuzz_review: %s %s: %u %s%s%s%s\n", rq.method,
		    rq.path, http_mem_resp_status(resp),
		    http_mem_resp_type(resp),
		    http_mem_resp_header(resp, "Location") != NULL ? " to "
								   : "",
		    http_mem_resp_header(resp, "Location") != NULL
			? http_mem_resp_header(resp, "Location")
			: "",
		    review_store_changes(store) != before ? " (stored)" : "");
	check(t, &rq, resp, review_store_changes(store) != before);
	if (review_store_rollback(store, &d) != ERR_OK)
		die(d.msg);
	http_mem_resp_free(resp);
	http_mem_req_free(req);
	g_string_free(in, TRUE);
	g_free(rq.method);
	g_free(rq.path);
	g_free(rq.host);
	g_free(rq.origin);
	g_free(rq.referer);
	return 0;
}
