/* SPDX-License-Identifier: MIT */
/* The review server's own shared declarations: the app and one request. */
#ifndef REVIEW_REVIEW_INT_H
#define REVIEW_REVIEW_INT_H

#include <stdbool.h>

#include "core/arena.h"
#include "core/buf.h"
#include "review/csrf.h"
#include "review/http_router.h"
#include "review/http_server.h"
#include "review/i18n.h"
#include "review/review.h"
#include "review/review_store.h"

struct review_app {
	struct review_store *store;
	struct csrf csrf;
	char *token; /* NULL when none is required */
	char auth_cookie[CSRF_TOKEN_LEN + 1];
	bool loopback_open; /* loopback address and no token */
	char *db_path;
	review_export_fn export_fn;
	void *export_ctx;
	review_queue_fn queue_fn;
	void *queue_ctx;
	void (*queue_ctx_free)(void *);
};

/* One request being answered. */
struct page {
	struct review_app *app;
	struct http_req *req;
	struct http_resp *resp;
	struct arena *arena; /* freed when the response is sent */
	enum lang lang;
	const char *sid; /* session id (cookie) */
	char csrf[CSRF_TOKEN_LEN + 1];
	struct buf body; /* the page's main content before the layout */
};

/* Documents listed on one page (overview or period view). */
#define PAGE_DOCS_MAX 500

/* Text of message `m` in the request's language. */
#define T(pg, m) i18n((pg)->lang, (m))

/* Route handlers: the first argument is the struct page. */
/* Pages (review_page_overview.c, review_page_period.c,
 * review_page_login.c, review_page_doc*.c). */
void page_overview(
    void *, struct http_req *, struct http_resp *, const struct route_match *);
void page_periods(
    void *, struct http_req *, struct http_resp *, const struct route_match *);
void page_period(
    void *, struct http_req *, struct http_resp *, const struct route_match *);
void page_doc(
    void *, struct http_req *, struct http_resp *, const struct route_match *);
void page_doc_image(
    void *, struct http_req *, struct http_resp *, const struct route_match *);
void page_flag_post(
    void *, struct http_req *, struct http_resp *, const struct route_match *);
void page_export(
    void *, struct http_req *, struct http_resp *, const struct route_match *);
void page_login(
    void *, struct http_req *, struct http_resp *, const struct route_match *);
void page_login_post(
    void *, struct http_req *, struct http_resp *, const struct route_match *);

/* JSON API (review_api.c). */
void api_documents(
    void *, struct http_req *, struct http_resp *, const struct route_match *);
void api_document(
    void *, struct http_req *, struct http_resp *, const struct route_match *);
void api_indicators(
    void *, struct http_req *, struct http_resp *, const struct route_match *);
void api_flags(
    void *, struct http_req *, struct http_resp *, const struct route_match *);
void api_periods(
    void *, struct http_req *, struct http_resp *, const struct route_match *);
void api_quarantine(
    void *, struct http_req *, struct http_resp *, const struct route_match *);
void api_queue(
    void *, struct http_req *, struct http_resp *, const struct route_match *);
/* A JSON error body {"error": {"code", "message"}} with `status`. */
void api_error(
    struct http_resp *, unsigned status, const char *code, const char *message);

/* Layout and helpers (review_layout.c). */
/* Wraps pg->body in the layout and sends it with `status`. */
void page_send(struct page *, unsigned status, const char *title);
/* An error page. */
void page_error(
    struct page *, unsigned status, enum msg title, const char *detail);
/* A 303 redirect to a local path. */
void page_redirect(struct page *, const char *path);
/* The hidden CSRF field of a form. */
void page_csrf_field(struct page *);
/* A number in the language's convention: 7.972 and 99,75 in
 * Vietnamese, 7,972 and 99.75 in English. */
void page_number(struct page *, struct buf *, double v);
/* An ISO date as the reader writes it (13/03/2024 in Vietnamese,
 * 2024-03-13 in English), and an ISO UTC time in the server's local
 * time ("14/03/2024 15:02"); the input itself when it does not parse.
 * Strings live in the request's arena. */
const char *page_date(struct page *, const char *iso);
const char *page_time(struct page *, const char *iso);
/* The daemon's queue (empty when the server has no queue hook); false
 * with `diag` on error. */
bool page_queue(struct page *, struct ptrvec *out, struct diag *);
/* Status, severity and review state in words, with a CSS class. */
const char *page_status_text(struct page *, const char *status);
const char *page_severity_text(struct page *, const char *severity);
const char *page_state_text(struct page *, enum review_state);
/* A table's head row, <thead><tr><th>...</tr></thead><tbody>: one
 * label per column, each with its class (cls NULL, or NULL in it, for
 * none). */
void page_table_head(
    struct page *, const enum msg *labels, const char *const *cls, size_t n);
/* Links to a period's view and to a document's page, showing `text`. */
void page_period_link(struct page *, const char *label);
void page_doc_link(struct page *, const char *id, const char *text);
/* A document's open flags: <span class="count open">3</span>, else
 * `none` (our own markup, such as PAGE_NO_OPEN_FLAGS). */
#define PAGE_NO_OPEN_FLAGS "<span class=\"muted\">0</span>"
void page_open_count(struct page *, unsigned nopen, const char *none);
/* A status as a badge: <span class="badge st-done">Đã xử lý</span>. */
void page_status_badge(struct page *, const char *status);
/* A query parameter with surrounding blanks trimmed and bytes that are
 * not UTF-8 replaced by U+FFFD; NULL when empty. */
const char *page_query(struct page *, const char *name);

#endif
