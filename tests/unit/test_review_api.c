/* SPDX-License-Identifier: MIT */
/*
 * The review server end to end over HTTP: it is started on 127.0.0.1
 * with an ephemeral port against a fixture store, and a small client
 * below sends raw requests.  Covers the JSON API, escaping of document
 * text, CSRF refusals, the loopback Host check, body caps, and the
 * access token.
 *
 * `test_review_api --make-fixture FILE` only writes the fixture store
 * (used by the browser test).
 */
#include <arpa/inet.h>
#include <glib.h>
#include <json-glib/json-glib.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "review/review.h"
#include "review/review_store.h"
#include "tests/check.h"
#include "tests/unit/review_fixture.h"

#define TOKEN "test-token-0123456789abcdef"
#define SID   "0123456789abcdef0123456789abcdef"

struct reply {
	int status;
	char *head; /* status line and headers */
	char *body;
	size_t body_len;
};

static void
reply_free(struct reply *r)
{
	g_free(r->head);
	g_free(r->body);
	memset(r, 0, sizeof(*r));
}

/* The value of header `name` in r->head (first match), g_malloc'ed. */
static char *
reply_header(const struct reply *r, const char *name)
{
	gchar **lines = g_strsplit(r->head, "\r\n", 64);
	char *val = NULL;
	size_t n = strlen(name);

	for (gchar **l = lines; *l != NULL && val == NULL; l++)
		if (g_ascii_strncasecmp(*l, name, n) == 0 && (*l)[n] == ':')
			val = g_strstrip(g_strdup(*l + n + 1));
	g_strfreev(lines);
	return val;
}

/* Sends `req` as is to 127.0.0.1:port and reads the whole reply (the
 * request asks to close the connection). */
static int
http(unsigned port, const char *req, size_t req_len, struct reply *out)
{
	struct sockaddr_in a;
	struct timeval tv = { 10, 0 };
	GString *in = g_string_new(NULL);
	char buf[4096], *sep;
	size_t off = 0;
	ssize_t n;
	int fd;

	memset(out, 0, sizeof(*out));
	fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0)
		return -1;
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_port = htons((uint16_t)port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (connect(fd, (struct sockaddr *)&a, sizeof(a)) != 0) {
		close(fd);
		return -1;
	}
	while (off < req_len) {
		n = write(fd, req + off, req_len - off);
		if (n <= 0)
			break;
		off += (size_t)n;
	}
	while ((n = read(fd, buf, sizeof(buf))) > 0 && in->len < 64u << 20)
		g_string_append_len(in, buf, n);
	close(fd);
	sep = strstr(in->str, "\r\n\r\n");
	if (sep == NULL ||
	    sscanf(in->str, "HTTP/1.%*d %d", &out->status) != 1) {
		g_string_free(in, TRUE);
		return -1;
	}
	out->head = g_strndup(in->str, (gsize)(sep - in->str));
	out->body_len = in->len - (size_t)(sep + 4 - in->str);
	out->body = g_strndup(sep + 4, out->body_len);
	g_string_free(in, TRUE);
	return 0;
}

/* GET with optional extra header lines (each ending in \r\n). */
static int
get(unsigned port, const char *path, const char *extra, struct reply *r)
{
	gchar *req = g_strdup_printf("GET %s HTTP/1.1\r\nHost: 127.0.0.1:%u"
				     "\r\nConnection: close\r\n%s\r\n",
	    path, port, extra ? extra : "");
	int rc = http(port, req, strlen(req), r);

	g_free(req);
	return rc;
}

static int
post(unsigned port, const char *path, const char *extra, const char *body,
    struct reply *r)
{
	gchar *req = g_strdup_printf(
	    "POST %s HTTP/1.1\r\nHost: 127.0.0.1:%u"
	    "\r\nConnection: close\r\nContent-Type: application/"
	    "x-www-form-urlencoded\r\nContent-Length: %zu\r\n%s\r\n%s",
	    path, port, strlen(body), extra ? extra : "", body);
	int rc = http(port, req, strlen(req), r);

	g_free(req);
	return rc;
}

static JsonNode *
parse(const struct reply *r)
{
	return json_from_string(r->body, NULL);
}

static gint64
jpath_int(JsonNode *root, const char *path)
{
	JsonNode *res = json_path_query(path, root, NULL);
	JsonArray *a = res != NULL ? json_node_get_array(res) : NULL;
	gint64 v = a != NULL && json_array_get_length(a) > 0
	    ? json_array_get_int_element(a, 0)
	    : -1;

	if (res != NULL)
		json_node_unref(res);
	return v;
}

static guint
jpath_count(JsonNode *root, const char *path)
{
	JsonNode *res = json_path_query(path, root, NULL);
	guint n =
	    res != NULL ? json_array_get_length(json_node_get_array(res)) : 0;

	if (res != NULL)
		json_node_unref(res);
	return n;
}

static char *
jpath_str(JsonNode *root, const char *path)
{
	JsonNode *res = json_path_query(path, root, NULL);
	JsonArray *a = res != NULL ? json_node_get_array(res) : NULL;
	char *s = NULL;

	if (a != NULL && json_array_get_length(a) > 0 &&
	    JSON_NODE_HOLDS_VALUE(json_array_get_element(a, 0)))
		s = g_strdup(json_array_get_string_element(a, 0));
	if (res != NULL)
		json_node_unref(res);
	return s;
}

static char dbpath[256];
static unsigned port;  /* open loopback server */
static unsigned tport; /* loopback server with a token */

/* The JSON answer to GET `path` from the open server, or NULL when the
 * request fails or the answer is not JSON. */
static JsonNode *
api_get(const char *path)
{
	struct reply r;
	JsonNode *j;

	if (get(port, path, NULL, &r) != 0)
		return NULL;
	j = parse(&r);
	reply_free(&r);
	return j;
}

/* How many nodes `jpath` selects in the answer to GET `path` (-1 when
 * there is no JSON answer), or the integer it selects. */
static gint64
api_count(const char *path, const char *jpath)
{
	JsonNode *j = api_get(path);
	gint64 n = j != NULL ? (gint64)jpath_count(j, jpath) : -1;

	if (j != NULL)
		json_node_unref(j);
	return n;
}

static gint64
api_int(const char *path, const char *jpath)
{
	JsonNode *j = api_get(path);
	gint64 n = j != NULL ? jpath_int(j, jpath) : -1;

	if (j != NULL)
		json_node_unref(j);
	return n;
}

static void
test_api_documents(void)
{
	struct reply r;
	JsonNode *j;

	CHECK(get(port, "/api/documents", NULL, &r) == 0);
	CHECK(r.status == 200);
	j = parse(&r);
	CHECK(j != NULL);
	if (j != NULL) {
		CHECK(jpath_int(j, "$.total") == 4);
		CHECK(jpath_count(j, "$.documents[*]") == 4);
		CHECK(jpath_count(j, "$.documents[*].id") == 4);
		json_node_unref(j);
	}
	reply_free(&r);

	/* Filter by period (percent-encoded Vietnamese). */
	CHECK(api_int("/api/documents?period=qu%C3%BD%20I%20n%C4%83m%202024",
		  "$.total") == 2);

	CHECK(api_int("/api/documents?open=1", "$.total") == 2);

	CHECK(api_int("/api/documents?limit=1&offset=1", "$.total") == 4);
	CHECK(api_count("/api/documents?limit=1&offset=1", "$.documents[*]") ==
	    1);

	CHECK(get(port, "/api/documents?limit=abc", NULL, &r) == 0);
	CHECK(r.status == 400);
	reply_free(&r);
}

static void
test_api_document_record(void)
{
	struct reply r;
	JsonNode *j;
	char *s;

	CHECK(get(port, "/api/documents/" FIX_VINH_HOA, NULL, &r) == 0);
	CHECK(r.status == 200);
	s = reply_header(&r, "Content-Type");
	CHECK_STR(s, "application/json; charset=utf-8");
	g_free(s);
	j = parse(&r);
	CHECK(j != NULL);
	if (j != NULL) {
		s = jpath_str(j, "$.record.schema");
		CHECK_STR(s, "reportd.result/1");
		g_free(s);
		s = jpath_str(j, "$.record.metadata.doc_number");
		CHECK_STR(s, "422/BC-UBND");
		g_free(s);
		CHECK(jpath_count(j, "$.record.flags[*]") == 2);
		CHECK(jpath_int(
			  j, "$.record.flags[0].evidence[0].source.page") == 3);
		CHECK(jpath_int(j, "$.document.flags.total") == 2);
		json_node_unref(j);
	}
	reply_free(&r);

	CHECK(get(port, "/api/documents/nope-999", NULL, &r) == 0);
	CHECK(r.status == 404);
	j = parse(&r);
	s = j != NULL ? jpath_str(j, "$.error.code") : NULL;
	CHECK_STR(s, "not_found");
	g_free(s);
	if (j != NULL)
		json_node_unref(j);
	reply_free(&r);
}

static void
test_api_indicators_and_flags(void)
{
	struct reply r;
	JsonNode *j;

	CHECK(get(port, "/api/indicators?id=files.received", NULL, &r) == 0);
	CHECK(r.status == 200);
	j = parse(&r);
	CHECK(j != NULL);
	if (j != NULL) {
		CHECK(jpath_count(j, "$.values[*]") == 2);
		/* Newest period first. */
		char *doc = jpath_str(j, "$.values[0].document");

		CHECK_STR(doc, FIX_VINH_HOA);
		g_free(doc);
		CHECK(jpath_int(j, "$.values[0].value") == 12175);
		doc = jpath_str(j, "$.values[1].document");
		CHECK_STR(doc, FIX_CAM_BINH);
		g_free(doc);
		CHECK(jpath_int(j, "$.values[1].value") == 1204);
		json_node_unref(j);
	}
	reply_free(&r);

	CHECK(
	    api_count("/api/indicators?period=qu%C3%BD%20IV%20n%C4%83m%202023",
		"$.values[*]") == 1);

	CHECK(get(port, "/api/flags?document=" FIX_VINH_HOA, NULL, &r) == 0);
	j = parse(&r);
	CHECK(j != NULL);
	if (j != NULL) {
		char *rule = jpath_str(j, "$.flags[0].rule");

		CHECK(jpath_count(j, "$.flags[*]") == 2);
		CHECK_STR(rule, "pct_mismatch");
		g_free(rule);
		CHECK(jpath_count(j, "$.flags[0].evidence[*]") == 3);
		json_node_unref(j);
	}
	reply_free(&r);

	CHECK(get(port, "/api/flags?state=bogus", NULL, &r) == 0);
	CHECK(r.status == 400);
	reply_free(&r);

	CHECK(api_count("/api/periods", "$.periods[*]") == 2);

	CHECK(api_count("/api/quarantine", "$.files[*]") == 1);
}

static void
test_api_is_read_only(void)
{
	struct reply r;

	CHECK(post(port, "/api/documents", "Origin: http://127.0.0.1\r\n",
		  "x=1", &r) == 0);
	CHECK(r.status == 405);
	reply_free(&r);
}

static void
test_page_escapes_document_text(void)
{
	struct reply r;

	CHECK(get(port, "/doc/" FIX_HOSTILE, NULL, &r) == 0);
	CHECK(r.status == 200);
	CHECK(strstr(r.body, "<script>alert") == NULL);
	CHECK(strstr(r.body, "<img src=x") == NULL);
	CHECK(strstr(r.body, "<b>bold") == NULL);
	CHECK(strstr(r.body, "UBND XÃ &lt;script&gt;alert(1)&lt;/script&gt;") !=
	    NULL);
	CHECK(strstr(r.body, "&lt;img src=x onerror=alert(2)&gt;") != NULL);
	CHECK(strstr(r.body, "Thiếu &lt;script&gt;alert(3)&lt;/script&gt;") !=
	    NULL);
	CHECK(strstr(r.body,
		  "&lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted"
		  "&quot;") != NULL);
	reply_free(&r);

	/* The overview and period view show the issuer too. */
	CHECK(get(port, "/", NULL, &r) == 0);
	CHECK(r.status == 200);
	CHECK(strstr(r.body, "<script>alert") == NULL);
	CHECK(strstr(r.body, "&lt;script&gt;alert(1)") != NULL);
	reply_free(&r);
	CHECK(get(port, "/period?p=qu%C3%BD%20I%20n%C4%83m%202024", NULL, &r) ==
	    0);
	CHECK(r.status == 200);
	CHECK(strstr(r.body, "<script>alert") == NULL);
	reply_free(&r);
}

static void
test_pages_language(void)
{
	struct reply r;
	const char *cookie;

	CHECK(get(port, "/doc/" FIX_VINH_HOA, NULL, &r) == 0);
	CHECK(r.status == 200);
	CHECK(strstr(r.body, "<html lang=\"vi\">") != NULL);
	CHECK(strstr(r.body, "Bỏ qua") != NULL);
	CHECK(
	    strstr(r.body, "7.972/12.175 là 65,5%, báo cáo ghi 4,8%") != NULL);
	/* The computed value in the Vietnamese number format. */
	CHECK(strstr(r.body, "65,48") != NULL);
	/* Low confidence is marked. */
	CHECK(strstr(r.body, "class=\"low ") != NULL);
	/* The page image with the box of the first evidence. */
	CHECK(strstr(r.body, "src=\"/doc/" FIX_VINH_HOA "/page/3\"") != NULL);
	CHECK(strstr(r.body, "data-boxes=\"0.0941 0.4941 0.9076 0.5131\"") !=
	    NULL);
	reply_free(&r);

	CHECK(get(port, "/doc/" FIX_VINH_HOA "?lang=en", NULL, &r) == 0);
	CHECK(strstr(r.body, "<html lang=\"en\">") != NULL);
	CHECK(strstr(r.body, "Dismiss") != NULL);
	CHECK(strstr(r.body, "7,972/12,175 is 65.5%, the report says 4.8%") !=
	    NULL);
	cookie = r.head;
	CHECK(strstr(cookie,
		  "\r\nSet-Cookie: rd_lang=en; Path=/; HttpOnly; "
		  "SameSite=Strict") != NULL);
	reply_free(&r);

	CHECK(get(port, "/", "Cookie: rd_lang=en\r\n", &r) == 0);
	CHECK(strstr(r.body, "Received reports") != NULL);
	reply_free(&r);
}

static void
test_period_view_shows_missing(void)
{
	struct reply r;

	CHECK(get(port, "/period?p=qu%C3%BD%20I%20n%C4%83m%202024", NULL, &r) ==
	    0);
	CHECK(r.status == 200);
	/* Cam Bình reported only for quý IV 2023. */
	CHECK(strstr(r.body, "<tr class=\"missing\"><th>UBND XÃ CAM BÌNH") !=
	    NULL);
	CHECK(strstr(r.body, "Chưa nộp báo cáo") != NULL);
	/* Vĩnh Hòa's 12.175 files received, in an open flag. */
	CHECK(strstr(r.body, "<td class=\"num flagged\">12.175</td>") != NULL);
	reply_free(&r);
}

static void
test_static_and_images(void)
{
	struct reply r;
	char *s;

	CHECK(get(port, "/assets/review.css", NULL, &r) == 0);
	CHECK(r.status == 200);
	reply_free(&r);
	CHECK(get(port, "/assets/../../etc/passwd", NULL, &r) == 0);
	CHECK(r.status == 404);
	CHECK(strstr(r.body, "root:") == NULL);
	reply_free(&r);
	CHECK(get(port, "/assets/%2e%2e/%2e%2e/etc/passwd", NULL, &r) == 0);
	CHECK(r.status == 404);
	reply_free(&r);
	CHECK(get(port, "/doc/" FIX_VINH_HOA "/page/3", NULL, &r) == 0);
	CHECK(r.status == 200);
	s = reply_header(&r, "Content-Type");
	CHECK_STR(s, "image/png");
	g_free(s);
	CHECK(r.body_len == sizeof(fixture_png) - 1);
	CHECK(r.body_len > 8 && memcmp(r.body, "\x89PNG", 4) == 0);
	reply_free(&r);
	CHECK(get(port, "/doc/" FIX_VINH_HOA "/page/1", NULL, &r) == 0);
	CHECK(r.status == 404);
	reply_free(&r);
	CHECK(get(port, "/doc/" FIX_VINH_HOA, NULL, &r) == 0);
	s = reply_header(&r, "Content-Security-Policy");
	CHECK(s != NULL && strstr(s, "script-src 'self'") != NULL);
	g_free(s);
	reply_free(&r);
}

/* The CSRF token printed in a page fetched with session SID. */
static char *
form_token(void)
{
	struct reply r;
	char *tok = NULL, *p;

	if (get(port, "/doc/" FIX_VINH_HOA, "Cookie: rd_sid=" SID "\r\n", &r) !=
	    0)
		return NULL;
	p = strstr(r.body, "name=\"csrf\" value=\"");
	if (p != NULL)
		tok = g_strndup(p + 19, 64);
	reply_free(&r);
	return tok;
}

static void
test_csrf_refusals(void)
{
	struct reply r;
	char *tok = form_token();
	gchar *body;

	CHECK(tok != NULL && strlen(tok) == 64);
	body = g_strdup_printf("csrf=%s&action=dismiss&comment=ok", tok);

	/* No token. */
	CHECK(post(port, "/doc/" FIX_VINH_HOA "/flag/0",
		  "Cookie: rd_sid=" SID "\r\n"
		  "Origin: http://127.0.0.1:0\r\n",
		  "action=dismiss", &r) == 0);
	CHECK(r.status == 403);
	reply_free(&r);
	/* Right token, foreign origin. */
	CHECK(post(port, "/doc/" FIX_VINH_HOA "/flag/0",
		  "Cookie: rd_sid=" SID "\r\n"
		  "Origin: http://evil.example\r\n",
		  body, &r) == 0);
	CHECK(r.status == 403);
	reply_free(&r);
	/* Right token, no Origin or Referer at all. */
	CHECK(post(port, "/doc/" FIX_VINH_HOA "/flag/0",
		  "Cookie: rd_sid=" SID "\r\n", body, &r) == 0);
	CHECK(r.status == 403);
	reply_free(&r);
	/* Right token and origin, but no session cookie. */
	{
		gchar *origin = g_strdup_printf("Origin: http://127.0.0.1:%u"
						"\r\n",
		    port);

		CHECK(post(port, "/doc/" FIX_VINH_HOA "/flag/0", origin, body,
			  &r) == 0);
		CHECK(r.status == 403);
		reply_free(&r);
		g_free(origin);
	}
	/* Nothing was recorded. */
	CHECK(api_count("/api/flags?state=dismissed", "$.flags[*]") == 0);
	g_free(body);
	g_free(tok);
}

static void
test_flag_review_roundtrip(void)
{
	struct reply r;
	char *tok = form_token(), *loc, *s;
	gchar *body, *hdr;
	JsonNode *j;

	body = g_strdup_printf("csrf=%s&action=dismiss&comment=%s", tok,
	    "L%E1%BB%97i+l%C3%A0m+tr%C3%B2n+%3Cb%3E");
	hdr = g_strdup_printf("Cookie: rd_sid=" SID "\r\nOrigin: "
			      "http://127.0.0.1:%u\r\n",
	    port);
	CHECK(post(port, "/doc/" FIX_VINH_HOA "/flag/0", hdr, body, &r) == 0);
	CHECK(r.status == 303);
	loc = reply_header(&r, "Location");
	CHECK_STR(loc, "/doc/" FIX_VINH_HOA "#flag-0");
	g_free(loc);
	reply_free(&r);

	CHECK(get(port, "/api/flags?state=dismissed", NULL, &r) == 0);
	j = parse(&r);
	CHECK(j != NULL && jpath_count(j, "$.flags[*]") == 1);
	if (j != NULL) {
		s = jpath_str(j, "$.flags[0].review.comment");
		CHECK_STR(s, "Lỗi làm tròn <b>");
		g_free(s);
		s = jpath_str(j, "$.flags[0].review.at");
		CHECK(s != NULL && strlen(s) == 20 && s[10] == 'T');
		g_free(s);
		json_node_unref(j);
	}
	reply_free(&r);

	CHECK(get(port, "/doc/" FIX_VINH_HOA, NULL, &r) == 0);
	CHECK(strstr(r.body, "state-dismissed\" id=\"flag-0\"") != NULL);
	CHECK(strstr(r.body, "Lỗi làm tròn &lt;b&gt;") != NULL);
	reply_free(&r);

	/* A flag that does not exist. */
	CHECK(post(port, "/doc/" FIX_VINH_HOA "/flag/9", hdr, body, &r) == 0);
	CHECK(r.status == 404);
	reply_free(&r);

	/* Changing one's mind: confirm it after all.  The history keeps
	 * both decisions. */
	g_free(body);
	body = g_strdup_printf("csrf=%s&action=confirm&comment=", tok);
	CHECK(post(port, "/doc/" FIX_VINH_HOA "/flag/0", hdr, body, &r) == 0);
	CHECK(r.status == 303);
	reply_free(&r);
	CHECK(api_count("/api/flags?state=confirmed&document=" FIX_VINH_HOA,
		  "$.flags[*]") == 1);
	CHECK(api_count("/api/documents/" FIX_VINH_HOA, "$.reviews[*]") == 2);
	/* Anything but confirm or dismiss is refused. */
	g_free(body);
	body = g_strdup_printf("csrf=%s&action=reopen", tok);
	CHECK(post(port, "/doc/" FIX_VINH_HOA "/flag/1", hdr, body, &r) == 0);
	CHECK(r.status == 400);
	reply_free(&r);
	g_free(body);
	g_free(hdr);
	g_free(tok);
}

static void
test_loopback_host_check(void)
{
	struct reply r;
	static const char req[] =
	    "GET /api/documents HTTP/1.1\r\nHost: "
	    "evil.example:8080\r\nConnection: close\r\n\r\n";

	CHECK(http(port, req, strlen(req), &r) == 0);
	CHECK(r.status == 421);
	CHECK(strstr(r.body, "documents") == NULL);
	reply_free(&r);
}

static void
test_request_caps(void)
{
	struct reply r;
	GString *big = g_string_new(NULL);
	gchar *req;

	/* A body past the 64 KiB cap, announced. */
	req = g_strdup_printf(
	    "POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\n"
	    "Connection: close\r\nContent-Length: 10000000\r\n\r\n");
	CHECK(http(port, req, strlen(req), &r) == 0);
	CHECK(r.status == 413);
	reply_free(&r);
	g_free(req);

	/* A path longer than we route. */
	g_string_append(big, "GET /");
	for (int i = 0; i < 2000; i++)
		g_string_append_c(big, 'a');
	g_string_append(big,
	    " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: "
	    "close\r\n\r\n");
	CHECK(http(port, big->str, big->len, &r) == 0);
	CHECK(r.status == 414 || r.status == 431);
	reply_free(&r);
	g_string_free(big, TRUE);

	/* Methods we do not serve. */
	req = g_strdup("DELETE /api/documents/1 HTTP/1.1\r\nHost: "
		       "127.0.0.1\r\nConnection: close\r\n\r\n");
	CHECK(http(port, req, strlen(req), &r) == 0);
	CHECK(r.status == 405);
	reply_free(&r);
	g_free(req);
}

static void
test_token_required(void)
{
	struct reply r;
	char *s, *tok = NULL, *p;
	gchar *hdr, *body;

	CHECK(get(tport, "/api/documents", NULL, &r) == 0);
	CHECK(r.status == 401);
	reply_free(&r);
	CHECK(get(tport, "/api/documents",
		  "Authorization: Bearer wrong-"
		  "token-0123456789\r\n",
		  &r) == 0);
	CHECK(r.status == 401);
	reply_free(&r);
	CHECK(get(tport, "/api/documents",
		  "Authorization: Bearer " TOKEN "\r\n", &r) == 0);
	CHECK(r.status == 200);
	reply_free(&r);
	/* Pages send the browser to the login form. */
	CHECK(get(tport, "/doc/" FIX_VINH_HOA, NULL, &r) == 0);
	CHECK(r.status == 303);
	s = reply_header(&r, "Location");
	CHECK_STR(s, "/login");
	g_free(s);
	reply_free(&r);
	/* Logging in sets a cookie that then opens the pages. */
	CHECK(get(tport, "/login", "Cookie: rd_sid=" SID "\r\n", &r) == 0);
	CHECK(r.status == 200);
	p = strstr(r.body, "name=\"csrf\" value=\"");
	if (p != NULL)
		tok = g_strndup(p + 19, 64);
	reply_free(&r);
	CHECK(tok != NULL);
	hdr = g_strdup_printf("Cookie: rd_sid=" SID "\r\nOrigin: "
			      "http://127.0.0.1:%u\r\n",
	    tport);
	body = g_strdup_printf("csrf=%s&token=nope", tok);
	CHECK(post(tport, "/login", hdr, body, &r) == 0);
	CHECK(r.status == 403);
	reply_free(&r);
	g_free(body);
	body = g_strdup_printf("csrf=%s&token=%s", tok, TOKEN);
	CHECK(post(tport, "/login", hdr, body, &r) == 0);
	CHECK(r.status == 303);
	s = reply_header(&r, "Set-Cookie");
	CHECK(s != NULL && strncmp(s, "rd_auth=", 8) == 0 &&
	    strstr(s, "HttpOnly") != NULL &&
	    strstr(s, "SameSite=Strict") != NULL);
	reply_free(&r);
	if (s != NULL) {
		gchar *cookie = g_strdup_printf(
		    "Cookie: %.*s\r\n", (int)strcspn(s, ";"), s);

		CHECK(get(tport, "/doc/" FIX_VINH_HOA, cookie, &r) == 0);
		CHECK(r.status == 200);
		reply_free(&r);
		g_free(cookie);
	}
	g_free(s);
	g_free(body);
	g_free(hdr);
	g_free(tok);
}

static void
test_start_refusals(void)
{
	struct review_opts o;
	struct review_server *s = NULL;
	struct diag d;

	review_opts_default(&o);
	o.db_path = dbpath;
	o.port = 0;
	o.addr = "0.0.0.0";
	diag_init(&d);
	CHECK(review_server_start(&o, &s, &d) == ERR_UNSUPPORTED);
	CHECK(s == NULL);
	CHECK(strstr(d.msg, "token") != NULL);
	o.addr = "::";
	diag_init(&d);
	CHECK(review_server_start(&o, &s, &d) == ERR_UNSUPPORTED);
	o.addr = "127.0.0.1";
	o.token = "short";
	diag_init(&d);
	CHECK(review_server_start(&o, &s, &d) == ERR_UNSUPPORTED);
	o.token = NULL;
	o.db_path = "/nonexistent/reportd.db";
	diag_init(&d);
	CHECK(review_server_start(&o, &s, &d) == ERR_IO);
	o.db_path = dbpath;
	o.addr = "not-an-address";
	o.token = TOKEN;
	diag_init(&d);
	CHECK(review_server_start(&o, &s, &d) == ERR_MALFORMED);
}

/* A queue of two files, as the daemon's spool would give. */
static enum err
fake_queue(void *ctx, struct arena *a, size_t max, struct ptrvec *out,
    struct diag *diag)
{
	static const struct review_queued q[2] = {
		{ "20240401T010101.000001-1-1", "cho-<b>doc</b>.pdf", "an-hoa",
		    "2024-04-01T01:01:01Z", true },
		{ "20240401T010102.000001-1-2", "dang-cho.docx", NULL,
		    "2024-04-01T01:01:02Z", false },
	};
	size_t i;

	(void)ctx;
	(void)diag;
	for (i = 0; i < 2 && i < max; i++)
		if (ptrvec_push(out, a, (void *)(uintptr_t)&q[i]) != 0)
			return ERR_NOMEM;
	return ERR_OK;
}

static int queue_freed;

static void
fake_queue_free(void *ctx)
{
	(void)ctx;
	queue_freed++;
}

static void
test_queue_shown(void)
{
	struct reply r;
	JsonNode *j;
	char *s;

	CHECK(get(port, "/api/queue", NULL, &r) == 0);
	j = parse(&r);
	CHECK(j != NULL && jpath_count(j, "$.files[*]") == 2);
	s = j != NULL ? jpath_str(j, "$.files[0].status") : NULL;
	CHECK_STR(s, "processing");
	g_free(s);
	if (j != NULL)
		json_node_unref(j);
	reply_free(&r);
	CHECK(get(port, "/", NULL, &r) == 0);
	CHECK(strstr(r.body, "cho-&lt;b&gt;doc&lt;/b&gt;.pdf") != NULL);
	CHECK(strstr(r.body, "Đang xử lý") != NULL);
	reply_free(&r);
	CHECK(get(port, "/?status=queued", NULL, &r) == 0);
	CHECK(strstr(r.body, "dang-cho.docx") != NULL);
	CHECK(strstr(r.body, "cho-&lt;b&gt;") == NULL);
	CHECK(strstr(r.body, "VĨNH HÒA") == NULL ||
	    strstr(r.body, "<tr class=\"row\">") == NULL);
	reply_free(&r);
	/* A period filter leaves the queue out. */
	CHECK(get(port, "/?period=qu%C3%BD%20I%20n%C4%83m%202024", NULL, &r) ==
	    0);
	CHECK(strstr(r.body, "dang-cho.docx") == NULL);
	reply_free(&r);
}

/* Every store query fails the same way: ERR_NOMEM when the request's
 * arena is full, ERR_IO naming the query when SQLite fails, and the
 * queries that do not need what failed still answer. */
static void
test_store_errors_name_the_query(void)
{
	char path[300];
	struct review_store *s = NULL;
	struct review_filter f = { .limit = 10 };
	struct ptrvec v = { 0 }, q = { 0 };
	struct arena *a = arena_new(1u << 20), *tiny = arena_new(64);
	struct diag d;
	sqlite3 *db;
	size_t total;

	g_snprintf(path, sizeof(path), "%s.broken", dbpath);
	CHECK(fixture_create(path) == 0);
	diag_init(&d);
	CHECK(review_store_open(path, &s, &d) == ERR_OK);
	if (s != NULL && a != NULL && tiny != NULL) {
		CHECK(review_store_docs(s, &f, tiny, &v, &total, &d) ==
		    ERR_NOMEM);
		CHECK_STR(d.msg, "page too large for memory cap");

		CHECK(sqlite3_open(path, &db) == SQLITE_OK);
		CHECK(sqlite3_exec(db, "DROP TABLE flag_reviews", NULL, NULL,
			  NULL) == SQLITE_OK);
		sqlite3_close(db);
		diag_init(&d);
		CHECK(review_store_marks(s, FIX_VINH_HOA, a, &v, &d) == ERR_IO);
		CHECK_STR(d.msg,
		    "store: reading reviews: no such table: flag_reviews");
		diag_init(&d);
		CHECK(review_store_mark(s, FIX_VINH_HOA, 0, REVIEW_DISMISSED,
			  "x", &d) == ERR_IO);
		CHECK_STR(d.msg,
		    "store: recording a review: no such table: flag_reviews");
		diag_init(&d);
		CHECK(review_store_quarantine(s, a, &q, &d) == ERR_OK);
		CHECK(q.n == 1);
	}
	review_store_free(s);
	arena_free(a);
	arena_free(tiny);
	unlink(path);
}

int
main(int argc, char **argv)
{
	struct review_opts o;
	struct review_server *srv = NULL, *tsrv = NULL;
	struct diag d;
	char dir[] = "/tmp/reportd-review-XXXXXX";
	int rc;

	if (argc == 3 && strcmp(argv[1], "--make-fixture") == 0)
		return fixture_create(argv[2]) == 0 ? 0 : 1;
	if (mkdtemp(dir) == NULL)
		return 1;
	g_snprintf(dbpath, sizeof(dbpath), "%s/reportd.db", dir);
	if (fixture_create(dbpath) != 0) {
		fprintf(stderr, "cannot create the fixture store\n");
		return 1;
	}
	review_opts_default(&o);
	o.db_path = dbpath;
	o.port = 0;
	o.queue_fn = fake_queue;
	o.queue_ctx_free = fake_queue_free;
	diag_init(&d);
	if (review_server_start(&o, &srv, &d) != ERR_OK) {
		fprintf(stderr, "start: %s\n", d.msg);
		return 1;
	}
	port = review_server_port(srv);
	o.queue_fn = NULL;
	o.queue_ctx_free = NULL;
	o.token = TOKEN;
	if (review_server_start(&o, &tsrv, &d) != ERR_OK) {
		fprintf(stderr, "start: %s\n", d.msg);
		return 1;
	}
	tport = review_server_port(tsrv);

	RUN(test_api_documents);
	RUN(test_api_document_record);
	RUN(test_api_indicators_and_flags);
	RUN(test_api_is_read_only);
	RUN(test_page_escapes_document_text);
	RUN(test_pages_language);
	RUN(test_period_view_shows_missing);
	RUN(test_static_and_images);
	RUN(test_csrf_refusals);
	RUN(test_flag_review_roundtrip);
	RUN(test_loopback_host_check);
	RUN(test_request_caps);
	RUN(test_token_required);
	RUN(test_start_refusals);
	RUN(test_queue_shown);
	RUN(test_store_errors_name_the_query);

	review_server_free(srv);
	review_server_free(tsrv);
	/* The server freed its queue context when it stopped. */
	if (queue_freed != 1) {
		fprintf(stderr, "queue context freed %d times\n", queue_freed);
		check_nfailed++;
	}
	rc = check_done();
	unlink(dbpath);
	rmdir(dir);
	return rc;
}
