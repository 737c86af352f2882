/* SPDX-License-Identifier: MIT */
/*
 * The review server's front door: host and token checks, the session
 * cookie, language, CSRF checks on every POST, then the route table.
 */
#include "review/review.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "review/access.h"
#include "review/review_int.h"

/* Memory one request may use for what it reads from the store. */
#define REQUEST_ARENA_MAX (64u * 1024 * 1024)

extern const unsigned char review_asset_css[];
extern const size_t review_asset_css_len;
extern const unsigned char review_asset_js[];
extern const size_t review_asset_js_len;

struct review_server {
	struct review_app *app;
	struct http_server *http;
};

/* The embedded assets: fixed bytes, so nothing from the request ever
 * names a file. */
static void
send_asset(struct http_resp *resp, const char *type, const unsigned char *data,
    size_t len)
{
	http_resp_type(resp, type);
	http_resp_static(resp, data, len);
}

static void
asset_css(void *ctx, struct http_req *req, struct http_resp *resp,
    const struct route_match *m)
{
	(void)ctx;
	(void)req;
	(void)m;
	send_asset(resp, "text/css; charset=utf-8", review_asset_css,
	    review_asset_css_len);
}

static void
asset_js(void *ctx, struct http_req *req, struct http_resp *resp,
    const struct route_match *m)
{
	(void)ctx;
	(void)req;
	(void)m;
	send_asset(resp, "text/javascript; charset=utf-8", review_asset_js,
	    review_asset_js_len);
}

static const struct http_route routes[] = {
	{ "GET", "/", page_overview },
	{ "GET", "/periods", page_periods },
	{ "GET", "/period", page_period },
	{ "GET", "/export", page_export },
	{ "GET", "/doc/{id}", page_doc },
	{ "GET", "/doc/{id}/page/{n}", page_doc_image },
	{ "POST", "/doc/{id}/flag/{n}", page_flag_post },
	{ "GET", "/login", page_login },
	{ "POST", "/login", page_login_post },
	{ "GET", "/assets/review.css", asset_css },
	{ "GET", "/assets/review.js", asset_js },
	{ "GET", "/api/documents", api_documents },
	{ "GET", "/api/documents/{id}", api_document },
	{ "GET", "/api/indicators", api_indicators },
	{ "GET", "/api/flags", api_flags },
	{ "GET", "/api/periods", api_periods },
	{ "GET", "/api/quarantine", api_quarantine },
	{ "GET", "/api/queue", api_queue },
};

static bool
path_is_api(const char *path)
{
	return strncmp(path, "/api/", 5) == 0 || strcmp(path, "/api") == 0;
}

/* Paths open without the token: the login form and what it needs. */
static bool
path_is_public(const char *path)
{
	return strcmp(path, "/login") == 0 || strncmp(path, "/assets/", 8) == 0;
}

static bool
is_authenticated(struct review_app *app, struct http_req *req)
{
	const char *cookie;

	if (app->token == NULL)
		return true;
	if (access_token_ok(app->token,
		access_bearer(http_req_header(req, "Authorization"))))
		return true;
	cookie = http_req_cookie(req, "rd_auth");
	return cookie != NULL &&
	    csrf_equal(
		app->auth_cookie, CSRF_TOKEN_LEN, cookie, strlen(cookie));
}

static void
set_cookie(struct page *pg, const char *name, const char *value)
{
	gchar *c = g_strdup_printf("%s=%s; Path=/; HttpOnly; "
				   "SameSite=Strict",
	    name, value);

	http_resp_header(pg->resp, "Set-Cookie", c);
	g_free(c);
}

void
review_app_handle(
    struct review_app *app, struct http_req *req, struct http_resp *resp)
{
	const char *path = http_req_path(req);
	const char *method = http_req_method(req);
	const struct http_route *route;
	struct route_match m;
	enum route_result rr;
	const char *sid, *lang_q;
	char newsid[CSRF_SID_LEN + 1];
	struct page pg;
	struct diag diag;

	memset(&pg, 0, sizeof(pg));
	pg.app = app;
	pg.req = req;
	pg.resp = resp;
	pg.lang = i18n_parse(http_req_cookie(req, "rd_lang"), LANG_VI);
	buf_init(&pg.body, 0);
	diag_init(&diag);

	/* A page elsewhere that points its own host name at 127.0.0.1
	 * could otherwise read the open loopback server (DNS
	 * rebinding): without a token, only loopback names are served. */
	if (app->loopback_open &&
	    !access_host_is_loopback(http_req_header(req, "Host"))) {
		http_resp_status(resp, 421);
		http_resp_type(resp, "text/plain; charset=utf-8");
		buf_puts(http_resp_body(resp),
		    "this server answers only to localhost names\n");
		goto out;
	}
	if (!path_is_public(path) && !is_authenticated(app, req)) {
		if (path_is_api(path)) {
			http_resp_header(resp, "WWW-Authenticate",
			    "Bearer realm=\"reportd\"");
			api_error(resp, 401, "unauthorized",
			    "an access token is required");
		} else {
			pg.arena = NULL;
			page_redirect(&pg, "/login");
		}
		goto out;
	}

	pg.arena = arena_new(REQUEST_ARENA_MAX);
	if (pg.arena == NULL) {
		http_resp_status(resp, 503);
		http_resp_type(resp, "text/plain; charset=utf-8");
		buf_puts(http_resp_body(resp), "out of memory\n");
		goto out;
	}
	sid = http_req_cookie(req, "rd_sid");
	if (!csrf_session_is_valid(sid)) {
		sid = NULL;
		if (csrf_session_new(newsid, &diag) == ERR_OK) {
			set_cookie(&pg, "rd_sid", newsid);
			pg.sid = newsid;
		}
	} else
		pg.sid = sid;
	if (pg.sid != NULL)
		csrf_token(&app->csrf, pg.sid, pg.csrf);
	lang_q = http_req_query(req, "lang");
	if (lang_q != NULL) {
		pg.lang = i18n_parse(lang_q, pg.lang);
		set_cookie(&pg, "rd_lang", i18n_code(pg.lang));
	}

	rr = router_match(
	    routes, G_N_ELEMENTS(routes), method, path, &route, &m);
	if (rr == ROUTE_BAD_METHOD) {
		http_resp_header(resp, "Allow", "GET, HEAD, POST");
		if (path_is_api(path))
			api_error(resp, 405, "method_not_allowed",
			    "the API is read-only: use GET");
		else
			page_error(&pg, 405, M_BAD_REQUEST, NULL);
		goto out;
	}
	if (rr == ROUTE_NOT_FOUND) {
		if (path_is_api(path))
			api_error(resp, 404, "not_found", "no such resource");
		else
			page_error(
			    &pg, 404, M_NOT_FOUND, T(&pg, M_NOT_FOUND_TEXT));
		goto out;
	}
	/* Every POST must come from one of our own pages: the right
	 * origin, and the form token that matches the session cookie the
	 * browser already had (never one minted for this request). */
	if (strcmp(method, "POST") == 0 &&
	    (!csrf_origin_ok(http_req_header(req, "Origin"),
		 http_req_header(req, "Referer"),
		 http_req_header(req, "Host")) ||
		!csrf_token_check(
		    &app->csrf, sid, http_req_form(req, "csrf")))) {
		page_error(&pg, 403, M_FORBIDDEN, T(&pg, M_FORBIDDEN_CSRF));
		goto out;
	}
	route->fn(&pg, req, resp, &m);
out:
	buf_fini(&pg.body);
	arena_free(pg.arena);
}

void
review_opts_default(struct review_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->addr = "127.0.0.1";
	o->port = 8080;
}

/* The server's handler. */
static void
dispatch(void *ctx, struct http_req *req, struct http_resp *resp)
{
	review_app_handle(ctx, req, resp);
}

enum err
review_app_new(
    const struct review_opts *o, struct review_app **out, struct diag *diag)
{
	struct review_app *app = NULL;
	bool loopback = access_addr_is_loopback(o->addr);
	enum err e;

	*out = NULL;
	if (o->token != NULL && strlen(o->token) < ACCESS_TOKEN_MIN)
		e = diag_set(diag, ERR_UNSUPPORTED,
		    "access token has %zu characters, at least %d needed",
		    strlen(o->token), ACCESS_TOKEN_MIN);
	else if (!loopback && o->token == NULL)
		e = diag_set(diag, ERR_UNSUPPORTED,
		    "listening on %s (not a loopback address) needs an "
		    "access token (--token-file, or review.token_file in "
		    "the configuration)",
		    o->addr);
	else if ((app = calloc(1, sizeof(*app))) == NULL)
		e = diag_set(diag, ERR_NOMEM, "out of memory");
	else
		e = ERR_OK;
	if (e != ERR_OK) {
		if (o->queue_ctx_free != NULL)
			o->queue_ctx_free(o->queue_ctx);
		return e;
	}
	/* The app owns the queue context from here on. */
	app->queue_fn = o->queue_fn;
	app->queue_ctx = o->queue_ctx;
	app->queue_ctx_free = o->queue_ctx_free;
	e = csrf_init(&app->csrf, diag);
	if (e == ERR_OK)
		e = review_store_open(o->db_path, &app->store, diag);
	if (e != ERR_OK) {
		review_app_free(app);
		return e;
	}
	if (o->token != NULL) {
		gchar *msg = g_strconcat("auth:", o->token, NULL);

		app->token = g_strdup(o->token);
		csrf_mac(&app->csrf, msg, app->auth_cookie);
		g_free(msg);
	}
	app->loopback_open = loopback && o->token == NULL;
	app->db_path = g_strdup(o->db_path);
	app->export_fn = o->export_fn;
	/* By default the export gets the store's path, kept here so it
	 * outlives the caller's configuration (reloaded on SIGHUP). */
	app->export_ctx = o->export_ctx != NULL ? o->export_ctx : app->db_path;
	*out = app;
	return ERR_OK;
}

struct review_store *
review_app_store(struct review_app *app)
{
	return app->store;
}

void
review_app_free(struct review_app *app)
{
	if (app == NULL)
		return;
	review_store_free(app->store);
	if (app->token != NULL) {
		memset(app->token, 0, strlen(app->token));
		g_free(app->token);
	}
	memset(&app->csrf, 0, sizeof(app->csrf));
	g_free(app->db_path);
	if (app->queue_ctx_free != NULL)
		app->queue_ctx_free(app->queue_ctx);
	free(app);
}

enum err
review_server_start(
    const struct review_opts *o, struct review_server **out, struct diag *diag)
{
	struct review_server *s;
	struct review_app *app;
	struct http_opts ho;
	enum err e;

	*out = NULL;
	e = review_app_new(o, &app, diag);
	if (e != ERR_OK)
		return e;
	s = calloc(1, sizeof(*s));
	if (s == NULL) {
		review_app_free(app);
		return diag_set(diag, ERR_NOMEM, "out of memory");
	}
	s->app = app;
	http_opts_default(&ho);
	ho.addr = o->addr;
	ho.port = o->port;
	ho.handler = dispatch;
	ho.ctx = app;
	ho.log = o->log;
	ho.log_ctx = o->log_ctx;
	e = http_server_start(&ho, &s->http, diag);
	if (e != ERR_OK) {
		review_server_free(s);
		return e;
	}
	*out = s;
	return ERR_OK;
}

unsigned
review_server_port(const struct review_server *s)
{
	return http_server_port(s->http);
}

void
review_server_free(struct review_server *s)
{
	if (s == NULL)
		return;
	/* The listener first: no request may run on a freed app. */
	http_server_free(s->http);
	review_app_free(s->app);
	free(s);
}
