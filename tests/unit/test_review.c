/* SPDX-License-Identifier: MIT */
/* Unit tests of the review server's pieces: escaping, templates, CSRF
 * tokens, access checks, routing, messages and number formatting. */
#include <glib.h>
#include <string.h>

#include "review/access.h"
#include "review/csrf.h"
#include "review/html.h"
#include "review/http_router.h"
#include "review/i18n.h"
#include "review/tmpl.h"
#include "tests/check.h"

static void
test_html_escapes_markup(void)
{
	struct buf b;

	buf_init(&b, 0);
	html_text(&b, "<script>alert('x')</script> & \"q\"");
	CHECK_STR(buf_str(&b),
	    "&lt;script&gt;alert(&#39;x&#39;)&lt;/script"
	    "&gt; &amp; &quot;q&quot;");
	buf_fini(&b);
}

static void
test_html_keeps_vietnamese(void)
{
	struct buf b;

	buf_init(&b, 0);
	html_text(&b, "UBND PHƯỜNG VĨNH HÒA");
	CHECK_STR(buf_str(&b), "UBND PHƯỜNG VĨNH HÒA");
	buf_fini(&b);
}

static void
test_html_repairs_invalid_utf8(void)
{
	struct buf b;

	buf_init(&b, 0);
	/* A lone continuation byte and a control character. */
	html_text(&b, "a\x80<b\x01");
	CHECK_STR(buf_str(&b), "a\xef\xbf\xbd&lt;b\xef\xbf\xbd");
	buf_fini(&b);
}

static void
test_html_textf_escapes_arguments(void)
{
	struct buf b;

	buf_init(&b, 0);
	html_textf(&b, "%s=%d", "<i>", 3);
	CHECK_STR(buf_str(&b), "&lt;i&gt;=3");
	buf_fini(&b);
}

static void
test_html_query_value(void)
{
	struct buf b;

	buf_init(&b, 0);
	html_query_value(&b, "quý I & \"x\"");
	CHECK_STR(buf_str(&b), "qu%C3%BD%20I%20%26%20%22x%22");
	buf_fini(&b);
}

static void
test_html_cap_is_sticky(void)
{
	struct buf b;

	buf_init(&b, 14);
	CHECK(html_text(&b, "<<<"));
	CHECK(!html_text(&b, "<"));
	CHECK(b.overflow);
	buf_fini(&b);
}

static const char *
lookup(void *ctx, const char *name, size_t len)
{
	(void)ctx;
	if (len == 4 && memcmp(name, "text", 4) == 0)
		return "<b>";
	if (len == 4 && memcmp(name, "html", 4) == 0)
		return "<i>x</i>";
	return NULL;
}

static void
test_tmpl_escapes_by_default(void)
{
	static const char t[] = "a {{text}} b {{{html}}} c {x} }}";
	struct buf b;
	struct diag d;

	buf_init(&b, 0);
	diag_init(&d);
	CHECK(tmpl_render(&b, t, strlen(t), lookup, NULL, &d) == ERR_OK);
	CHECK_STR(buf_str(&b), "a &lt;b&gt; b <i>x</i> c {x} }}");
	buf_fini(&b);
}

static void
test_tmpl_refuses_unknown(void)
{
	static const char t1[] = "{{nope}}", t2[] = "{{text",
			  t3[] = "{{{html}}";
	struct buf b;
	struct diag d;

	buf_init(&b, 0);
	diag_init(&d);
	CHECK(
	    tmpl_render(&b, t1, strlen(t1), lookup, NULL, &d) == ERR_INTERNAL);
	diag_init(&d);
	CHECK(
	    tmpl_render(&b, t2, strlen(t2), lookup, NULL, &d) == ERR_INTERNAL);
	diag_init(&d);
	CHECK(
	    tmpl_render(&b, t3, strlen(t3), lookup, NULL, &d) == ERR_INTERNAL);
	buf_fini(&b);
}

static void
test_csrf_token_roundtrip(void)
{
	struct csrf c, other;
	char sid[CSRF_SID_LEN + 1], sid2[CSRF_SID_LEN + 1];
	char tok[CSRF_TOKEN_LEN + 1];
	struct diag d;

	diag_init(&d);
	CHECK(csrf_init(&c, &d) == ERR_OK);
	CHECK(csrf_init(&other, &d) == ERR_OK);
	CHECK(csrf_session_new(sid, &d) == ERR_OK);
	CHECK(csrf_session_new(sid2, &d) == ERR_OK);
	CHECK(strcmp(sid, sid2) != 0);
	CHECK(csrf_session_is_valid(sid));
	csrf_token(&c, sid, tok);
	CHECK(strlen(tok) == CSRF_TOKEN_LEN);
	CHECK(csrf_token_check(&c, sid, tok));
	/* Another session's cookie, another server's secret, a cut or
	 * altered token: all refused. */
	CHECK(!csrf_token_check(&c, sid2, tok));
	CHECK(!csrf_token_check(&other, sid, tok));
	CHECK(!csrf_token_check(&c, sid, NULL));
	CHECK(!csrf_token_check(&c, NULL, tok));
	tok[10] = tok[10] == 'a' ? 'b' : 'a';
	CHECK(!csrf_token_check(&c, sid, tok));
	tok[CSRF_TOKEN_LEN - 1] = '\0';
	CHECK(!csrf_token_check(&c, sid, tok));
	CHECK(!csrf_session_is_valid("0123"));
	CHECK(!csrf_session_is_valid("0123456789ABCDEF0123456789abcdef"));
	CHECK(!csrf_session_is_valid("0123456789abcdef0123456789abcdeg"));
}

static void
test_csrf_origin(void)
{
	const char *h = "127.0.0.1:8080";

	CHECK(csrf_origin_ok("http://127.0.0.1:8080", NULL, h));
	CHECK(!csrf_origin_ok("http://evil.example", NULL, h));
	CHECK(!csrf_origin_ok("http://127.0.0.1:8080.evil", NULL, h));
	CHECK(!csrf_origin_ok("null", "http://127.0.0.1:8080/doc/1", h));
	/* Without Origin, the Referer decides. */
	CHECK(csrf_origin_ok(NULL, "http://127.0.0.1:8080/doc/1", h));
	CHECK(!csrf_origin_ok(NULL, "http://127.0.0.1:80801/doc/1", h));
	CHECK(!csrf_origin_ok(NULL, "http://evil/?http://127.0.0.1:8080/", h));
	CHECK(!csrf_origin_ok(NULL, NULL, h));
	CHECK(!csrf_origin_ok("http://127.0.0.1:8080", NULL, NULL));
}

static void
test_csrf_equal(void)
{
	CHECK(csrf_equal("abc", 3, "abc", 3));
	CHECK(!csrf_equal("abc", 3, "abd", 3));
	CHECK(!csrf_equal("abc", 3, "ab", 2));
	CHECK(!csrf_equal("abc", 3, "abcd", 4));
	CHECK(csrf_equal("", 0, "", 0));
}

static void
test_access_loopback(void)
{
	CHECK(access_addr_is_loopback("127.0.0.1"));
	CHECK(access_addr_is_loopback("127.8.9.10"));
	CHECK(access_addr_is_loopback("::1"));
	CHECK(access_addr_is_loopback("localhost"));
	CHECK(!access_addr_is_loopback("0.0.0.0"));
	CHECK(!access_addr_is_loopback("::"));
	CHECK(!access_addr_is_loopback("192.168.1.5"));
	CHECK(!access_addr_is_loopback("128.0.0.1"));
	CHECK(!access_addr_is_loopback(NULL));

	CHECK(access_host_is_loopback("127.0.0.1:8080"));
	CHECK(access_host_is_loopback("localhost"));
	CHECK(access_host_is_loopback("LOCALHOST:1"));
	CHECK(access_host_is_loopback("[::1]:8080"));
	CHECK(access_host_is_loopback("[::1]"));
	CHECK(!access_host_is_loopback("evil.example:8080"));
	CHECK(!access_host_is_loopback("127.0.0.1.evil.example"));
	CHECK(!access_host_is_loopback("127.0.0.1:80x"));
	CHECK(!access_host_is_loopback("[::1]x"));
	CHECK(!access_host_is_loopback(""));
	CHECK(!access_host_is_loopback(NULL));
}

static void
test_access_token(void)
{
	CHECK(access_token_ok("s3cret-token-0123", "s3cret-token-0123"));
	CHECK(!access_token_ok("s3cret-token-0123", "s3cret-token-0124"));
	CHECK(!access_token_ok("s3cret-token-0123", "s3cret"));
	CHECK(!access_token_ok("s3cret-token-0123", ""));
	CHECK(!access_token_ok("s3cret-token-0123", NULL));
	CHECK(!access_token_ok(NULL, "x"));
	CHECK(!access_token_ok("", ""));
	CHECK_STR(access_bearer("Bearer abc"), "abc");
	CHECK_STR(access_bearer("bearer  abc"), "abc");
	CHECK(access_bearer("Basic abc") == NULL);
	CHECK(access_bearer("Bearer ") == NULL);
	CHECK(access_bearer(NULL) == NULL);
}

static void
dummy(void *a, struct http_req *r, struct http_resp *s,
    const struct route_match *m)
{
	(void)a;
	(void)r;
	(void)s;
	(void)m;
}

static void
test_router(void)
{
	static const struct http_route routes[] = {
		{ "GET", "/", dummy },
		{ "GET", "/doc/{n}", dummy },
		{ "POST", "/doc/{n}/flag/{n}", dummy },
		{ "GET", "/api/documents", dummy },
	};
	const struct http_route *r;
	struct route_match m;

	CHECK(router_match(routes, 4, "GET", "/", &r, &m) == ROUTE_FOUND);
	CHECK(r == &routes[0]);
	CHECK(
	    router_match(routes, 4, "HEAD", "/doc/42", &r, &m) == ROUTE_FOUND);
	CHECK(r == &routes[1] && m.nnum == 1 && m.num[0] == 42);
	CHECK(router_match(routes, 4, "POST", "/doc/7/flag/0", &r, &m) ==
	    ROUTE_FOUND);
	CHECK(m.nnum == 2 && m.num[0] == 7 && m.num[1] == 0);
	CHECK(router_match(routes, 4, "GET", "/doc/7/flag/0", &r, &m) ==
	    ROUTE_BAD_METHOD);
	CHECK(router_match(routes, 4, "GET", "/doc/-1", &r, &m) ==
	    ROUTE_NOT_FOUND);
	CHECK(router_match(routes, 4, "GET", "/doc/1x", &r, &m) ==
	    ROUTE_NOT_FOUND);
	CHECK(
	    router_match(routes, 4, "GET", "/doc/", &r, &m) == ROUTE_NOT_FOUND);
	CHECK(router_match(routes, 4, "GET", "/doc/1/", &r, &m) ==
	    ROUTE_NOT_FOUND);
	CHECK(router_match(routes, 4, "GET", "/doc/1234567890123456789", &r,
		  &m) == ROUTE_NOT_FOUND);
	CHECK(router_match(routes, 4, "GET", "/../etc/passwd", &r, &m) ==
	    ROUTE_NOT_FOUND);
	CHECK(router_match(routes, 4, "GET", "//", &r, &m) == ROUTE_NOT_FOUND);
	CHECK(router_match(routes, 4, "GET", "", &r, &m) == ROUTE_NOT_FOUND);
	CHECK(router_match(routes, 4, "GET", "/api/documents/", &r, &m) ==
	    ROUTE_NOT_FOUND);
}

static void
test_i18n_complete(void)
{
	unsigned m;

	/* Every message exists in both languages. */
	for (m = 0; m < M_COUNT; m++) {
		CHECK(*i18n(LANG_VI, (enum msg)m) != '\0');
		CHECK(*i18n(LANG_EN, (enum msg)m) != '\0');
	}
	CHECK_STR(i18n(LANG_VI, M_DISMISS), "Bỏ qua");
	CHECK_STR(i18n(LANG_EN, M_DISMISS), "Dismiss");
	CHECK(i18n_parse("EN", LANG_VI) == LANG_EN);
	CHECK(i18n_parse("fr", LANG_VI) == LANG_VI);
	CHECK(i18n_parse(NULL, LANG_EN) == LANG_EN);
	CHECK_STR(i18n_area(LANG_VI, "tthc"), "Cải cách thủ tục hành chính");
	CHECK(i18n_area(LANG_VI, "nope") == NULL);
	CHECK_STR(i18n_core_id(0), "plan.tasks_total");
	CHECK(i18n_core_id(100) == NULL);
}

int
main(void)
{
	RUN(test_html_escapes_markup);
	RUN(test_html_keeps_vietnamese);
	RUN(test_html_repairs_invalid_utf8);
	RUN(test_html_textf_escapes_arguments);
	RUN(test_html_query_value);
	RUN(test_html_cap_is_sticky);
	RUN(test_tmpl_escapes_by_default);
	RUN(test_tmpl_refuses_unknown);
	RUN(test_csrf_token_roundtrip);
	RUN(test_csrf_origin);
	RUN(test_csrf_equal);
	RUN(test_access_loopback);
	RUN(test_access_token);
	RUN(test_router);
	RUN(test_i18n_complete);
	return check_done();
}
