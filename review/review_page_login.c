/* SPDX-License-Identifier: MIT */
/* Signing in with the access token, for a server open on the network. */
#include <glib.h>

#include "review/access.h"
#include "review/html.h"
#include "review/review_int.h"

static void
login_form(struct page *pg, bool failed)
{
	html_raw(&pg->body, "<section class=\"card narrow\"><h1>");
	html_text(&pg->body, T(pg, M_LOGIN));
	html_raw(&pg->body, "</h1><p>");
	html_text(&pg->body, T(pg, M_LOGIN_TEXT));
	html_raw(&pg->body, "</p>");
	if (failed) {
		html_raw(&pg->body, "<p class=\"alert\">");
		html_text(&pg->body, T(pg, M_LOGIN_FAILED));
		html_raw(&pg->body, "</p>");
	}
	html_raw(&pg->body, "<form method=\"post\" action=\"/login\">");
	page_csrf_field(pg);
	html_raw(&pg->body, "<label><span>");
	html_text(&pg->body, T(pg, M_TOKEN));
	html_raw(&pg->body,
	    "</span><input type=\"password\" name=\"token\" "
	    "autocomplete=\"current-password\" required></label> "
	    "<button type=\"submit\">");
	html_text(&pg->body, T(pg, M_LOGIN));
	html_raw(&pg->body, "</button></form></section>");
}

void
page_login(void *ctx, struct http_req *req, struct http_resp *resp,
    const struct route_match *m)
{
	struct page *pg = ctx;

	(void)req;
	(void)resp;
	(void)m;
	login_form(pg, false);
	page_send(pg, 200, T(pg, M_LOGIN));
}

void
page_login_post(void *ctx, struct http_req *req, struct http_resp *resp,
    const struct route_match *m)
{
	struct page *pg = ctx;
	gchar *cookie;

	(void)m;
	if (pg->app->token == NULL) {
		page_redirect(pg, "/");
		return;
	}
	if (!access_token_ok(pg->app->token, http_req_form(req, "token"))) {
		login_form(pg, true);
		page_send(pg, 403, T(pg, M_LOGIN));
		return;
	}
	cookie = g_strdup_printf("rd_auth=%s; Path=/; HttpOnly; "
				 "SameSite=Strict",
	    pg->app->auth_cookie);
	http_resp_header(resp, "Set-Cookie", cookie);
	g_free(cookie);
	page_redirect(pg, "/");
}
