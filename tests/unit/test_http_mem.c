/* SPDX-License-Identifier: MIT */
/*
 * In-memory requests and responses (review/http_mem.c): decoding as
 * libmicrohttpd does it, the refusals and caps every request goes
 * through, and the review app answering without a socket.
 */
#include <glib.h>
#include <string.h>
#include <unistd.h>

#include "review/http_mem.h"
#include "review/review.h"
#include "review/review_store.h"
#include "tests/check.h"
#include "tests/unit/review_fixture.h"

#define TOKEN "test-token-0123456789abcdef"

static void
test_mem_query_and_path(void)
{
	struct http_req *r =
	    http_mem_req_new("GET", "/doc/%41b%2?p=qu%C3%BD+I&open&x=1&P=2");

	CHECK_STR(http_req_method(r), "GET");
	CHECK_STR(http_req_path(r), "/doc/Ab%2");
	CHECK_STR(http_req_query(r, "p"), "quý I");
	CHECK_STR(http_req_query(r, "x"), "1");
	/* A name without '=' has no value; the first of two names wins,
	 * whatever their case. */
	CHECK(http_req_query(r, "open") == NULL);
	CHECK_STR(http_req_query(r, "P"), "quý I");
	CHECK(http_req_query(r, "nope") == NULL);
	http_mem_req_free(r);
}

static void
test_mem_headers_and_cookies(void)
{
	struct http_req *r = http_mem_req_new("GET", "/");

	CHECK(http_mem_req_header(r, "Host", "  127.0.0.1:8080 \t"));
	CHECK(http_mem_req_header(r, "host", "second"));
	CHECK(http_mem_req_header(r, "Cookie", "a=1; b=\"two; 2\", c;d =  4"));
	CHECK(http_mem_req_header(r, "Cookie", "e=5"));
	CHECK_STR(http_req_header(r, "HOST"), "127.0.0.1:8080");
	CHECK_STR(http_req_cookie(r, "a"), "1");
	CHECK_STR(http_req_cookie(r, "b"), "two; 2");
	CHECK_STR(http_req_cookie(r, "c"), "");
	CHECK_STR(http_req_cookie(r, "d"), "  4");
	/* Only the first Cookie header is read. */
	CHECK(http_req_cookie(r, "e") == NULL);
	CHECK(http_req_peer_is_loopback(r));
	http_mem_req_set_loopback(r, false);
	CHECK(!http_req_peer_is_loopback(r));
	http_mem_req_free(r);
}

static void
test_mem_form(void)
{
	static const char body[] = "csrf=x&comment=a+b%21&action=";
	struct http_req *r = http_mem_req_new("POST", "/doc/x/flag/0");

	CHECK(http_mem_req_body(r, body, strlen(body)));
	/* Not a form without its type. */
	CHECK(http_req_form(r, "csrf") == NULL);
	http_mem_req_free(r);

	r = http_mem_req_new("POST", "/doc/x/flag/0");
	CHECK(http_mem_req_header(
	    r, "Content-Type", "application/x-www-form-urlencoded"));
	CHECK(http_mem_req_body(r, body, strlen(body)));
	CHECK_STR(http_req_form(r, "comment"), "a b!");
	CHECK_STR(http_req_form(r, "action"), "");
	CHECK(http_req_form(r, "token") == NULL);
	http_mem_req_free(r);
}

/* Sets a cookie and writes `ctx` bytes of page. */
static void
big_page(void *ctx, struct http_req *req, struct http_resp *resp)
{
	size_t n = *(size_t *)ctx, i;

	(void)req;
	http_resp_header(resp, "Set-Cookie", "a=b");
	for (i = 0; i < n; i++)
		buf_putc(http_resp_body(resp), 'x');
}

/* Serves one request with `big_page`, small caps; the status. */
static unsigned
serve(const char *method, const char *target, const char *clen, size_t body_len,
    size_t page_len, struct http_resp **out)
{
	struct http_opts o;
	struct http_req *r = http_mem_req_new(method, target);
	struct http_resp *resp = http_mem_resp_new();
	char body[64];
	unsigned st;

	http_opts_default(&o);
	o.body_max = 32;
	o.resp_max = 100;
	o.handler = big_page;
	o.ctx = &page_len;
	if (clen != NULL)
		CHECK(http_mem_req_header(r, "Content-Length", clen));
	memset(body, 'b', sizeof(body));
	CHECK(http_mem_req_body(r, body, body_len));
	http_mem_serve(&o, r, resp);
	st = http_mem_resp_status(resp);
	http_mem_req_free(r);
	if (out != NULL)
		*out = resp;
	else
		http_mem_resp_free(resp);
	return st;
}

static void
test_mem_refusals_and_caps(void)
{
	struct http_resp *resp;
	const char *name, *value;
	const char *body;
	size_t len;

	CHECK(serve("GET", "/", NULL, 0, 10, &resp) == 200);
	CHECK_STR(http_mem_resp_type(resp), "text/html; charset=utf-8");
	body = http_mem_resp_body(resp, &len);
	CHECK(len == 10 && memcmp(body, "xxxxxxxxxx", 10) == 0);
	CHECK(http_mem_resp_nheaders(resp) == 1);
	CHECK(http_mem_resp_header_at(resp, 0, &name, &value));
	CHECK_STR(name, "Set-Cookie");
	CHECK_STR(http_mem_resp_header(resp, "set-cookie"), "a=b");
	CHECK(!http_mem_resp_header_at(resp, 1, &name, &value));
	http_mem_resp_free(resp);

	CHECK(serve("PUT", "/", NULL, 0, 10, NULL) == 405);
	CHECK(serve("GET", "x", NULL, 0, 10, NULL) == 414);
	CHECK(serve("POST", "/", "33", 0, 10, NULL) == 413);
	CHECK(serve("POST", "/", "12x", 0, 10, NULL) == 413);
	CHECK(serve("POST", "/", "32", 32, 10, NULL) == 200);
	/* A body over the cap without a length announced. */
	CHECK(serve("POST", "/", NULL, 33, 10, &resp) == 413);
	body = http_mem_resp_body(resp, &len);
	CHECK_STR(body, "request body too large\n");
	CHECK_STR(http_mem_resp_type(resp), "text/plain; charset=utf-8");
	http_mem_resp_free(resp);
	/* A page over the cap: a plain 500, without the page's cookie. */
	CHECK(serve("GET", "/", NULL, 0, 101, &resp) == 500);
	CHECK_STR(http_mem_resp_body(resp, &len), "response too large\n");
	CHECK(http_mem_resp_nheaders(resp) == 0);
	http_mem_resp_free(resp);
}

static void
app_handle(void *ctx, struct http_req *req, struct http_resp *resp)
{
	review_app_handle(ctx, req, resp);
}

static void
test_app_without_socket(void)
{
	char dir[] = "/tmp/reportd-mem-XXXXXX";
	char *db;
	struct review_opts ro;
	struct review_app *app = NULL;
	struct http_opts o;
	struct http_req *r;
	struct http_resp *resp;
	struct diag d;
	size_t len;
	const char *body;

	CHECK(mkdtemp(dir) != NULL);
	db = g_build_filename(dir, "reportd.db", NULL);
	CHECK(fixture_create(db) == 0);
	review_opts_default(&ro);
	ro.db_path = db;
	ro.token = TOKEN;
	diag_init(&d);
	CHECK(review_app_new(&ro, &app, &d) == ERR_OK);
	CHECK(app != NULL && review_app_store(app) != NULL);
	http_opts_default(&o);
	o.handler = app_handle;
	o.ctx = app;

	r = http_mem_req_new("GET", "/api/documents?limit=2");
	resp = http_mem_resp_new();
	http_mem_serve(&o, r, resp);
	CHECK(http_mem_resp_status(resp) == 401);
	CHECK_STR(http_mem_resp_header(resp, "WWW-Authenticate"),
	    "Bearer realm=\"reportd\"");
	http_mem_resp_free(resp);
	http_mem_req_free(r);

	r = http_mem_req_new("GET", "/api/documents?limit=2");
	CHECK(http_mem_req_header(r, "Authorization", "Bearer " TOKEN));
	resp = http_mem_resp_new();
	http_mem_serve(&o, r, resp);
	CHECK(http_mem_resp_status(resp) == 200);
	CHECK(g_str_has_prefix(http_mem_resp_type(resp), "application/json"));
	body = http_mem_resp_body(resp, &len);
	CHECK(strstr(body, "\"total\" : 4") != NULL);
	CHECK(strstr(body, "\"limit\" : 2") != NULL);
	http_mem_resp_free(resp);
	http_mem_req_free(r);

	review_app_free(app);
	unlink(db);
	rmdir(dir);
	g_free(db);
}

static void
test_app_refusals(void)
{
	struct review_opts ro;
	struct review_app *app = NULL;
	struct diag d;

	review_opts_default(&ro);
	ro.db_path = "/nonexistent/reportd.db";
	ro.token = "short";
	diag_init(&d);
	CHECK(review_app_new(&ro, &app, &d) == ERR_UNSUPPORTED);
	CHECK(app == NULL);
	ro.token = NULL;
	ro.addr = "0.0.0.0";
	CHECK(review_app_new(&ro, &app, &d) == ERR_UNSUPPORTED);
	ro.addr = "127.0.0.1";
	CHECK(review_app_new(&ro, &app, &d) == ERR_IO);
	CHECK(app == NULL);
}

int
main(void)
{
	RUN(test_mem_query_and_path);
	RUN(test_mem_headers_and_cookies);
	RUN(test_mem_form);
	RUN(test_mem_refusals_and_caps);
	RUN(test_app_without_socket);
	RUN(test_app_refusals);
	return check_done();
}
