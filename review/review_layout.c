/* SPDX-License-Identifier: MIT */
/* The page layout, error pages, redirects and shared formatting. */
#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "review/html.h"
#include "review/review_int.h"
#include "review/tmpl.h"

#ifndef REPORTD_VERSION
#define REPORTD_VERSION "0"
#endif

extern const unsigned char review_asset_layout[];
extern const size_t review_asset_layout_len;

struct layout_ctx {
	struct page *pg;
	const char *title;
	char *nav;
	char *langhref;
};

static const char *
layout_lookup(void *ctx, const char *name, size_t len)
{
	struct layout_ctx *l = ctx;
	enum lang other = l->pg->lang == LANG_VI ? LANG_EN : LANG_VI;

#define IS(s) (len == sizeof(s) - 1 && memcmp(name, s, len) == 0)
	if (IS("lang"))
		return i18n_code(l->pg->lang);
	if (IS("title"))
		return l->title;
	if (IS("app"))
		return T(l->pg, M_APP_TITLE);
	if (IS("nav"))
		return l->nav;
	if (IS("langhref"))
		return l->langhref;
	if (IS("langcode"))
		return i18n_code(other);
	if (IS("langname"))
		return T(l->pg, M_LANG_SWITCH);
	if (IS("body"))
		return buf_str(&l->pg->body);
	if (IS("version"))
		return REPORTD_VERSION;
	if (IS("api"))
		return T(l->pg, M_NAV_API);
#undef IS
	return NULL;
}

static char *
nav_html(struct page *pg)
{
	static const struct {
		const char *href;
		enum msg m;
	} items[] = {
		{ "/", M_NAV_OVERVIEW },
		{ "/periods", M_NAV_PERIODS },
		{ "/#quarantine", M_NAV_QUARANTINE },
	};
	const char *path = http_req_path(pg->req);
	struct buf b;
	size_t i;
	char *s;

	buf_init(&b, 4096);
	for (i = 0; i < G_N_ELEMENTS(items); i++) {
		bool here = strcmp(items[i].href, path) == 0 ||
		    (i == 1 && strcmp(path, "/period") == 0);

		html_raw(&b, here ? "<a class=\"here\" href=\"" : "<a href=\"");
		html_text(&b, items[i].href);
		html_raw(&b, "\">");
		html_text(&b, T(pg, items[i].m));
		html_raw(&b, "</a>");
	}
	s = g_strdup(buf_str(&b));
	buf_fini(&b);
	return s;
}

void
page_send(struct page *pg, unsigned status, const char *title)
{
	struct layout_ctx l = { pg, title, NULL, NULL };
	struct buf *out = http_resp_body(pg->resp);
	struct diag diag;

	diag_init(&diag);
	l.nav = nav_html(pg);
	/* The language switch keeps the reader on the same page. */
	l.langhref = g_strdup_printf("%s?lang=%s", http_req_path(pg->req),
	    i18n_code(pg->lang == LANG_VI ? LANG_EN : LANG_VI));
	buf_reset(out);
	http_resp_status(pg->resp, status);
	http_resp_type(pg->resp, "text/html; charset=utf-8");
	if (pg->body.overflow ||
	    tmpl_render(out, (const char *)review_asset_layout,
		review_asset_layout_len, layout_lookup, &l, &diag) != ERR_OK) {
		buf_reset(out);
		http_resp_status(pg->resp, 500);
		http_resp_type(pg->resp, "text/plain; charset=utf-8");
		buf_printf(out, "page could not be built: %s\n",
		    diag.msg[0] != '\0' ? diag.msg : "too large");
	}
	g_free(l.nav);
	g_free(l.langhref);
}

void
page_error(struct page *pg, unsigned status, enum msg title, const char *detail)
{
	buf_reset(&pg->body);
	html_raw(&pg->body, "<section class=\"card error\"><h1>");
	html_text(&pg->body, T(pg, title));
	html_raw(&pg->body, "</h1>");
	if (detail != NULL) {
		html_raw(&pg->body, "<p>");
		html_text(&pg->body, detail);
		html_raw(&pg->body, "</p>");
	}
	html_raw(&pg->body, "<p><a href=\"/\">");
	html_text(&pg->body, T(pg, M_NAV_OVERVIEW));
	html_raw(&pg->body, "</a></p></section>");
	page_send(pg, status, T(pg, title));
}

void
page_redirect(struct page *pg, const char *path)
{
	/* Only our own absolute paths: never a scheme or "//host". */
	if (path[0] != '/' || path[1] == '/' || path[1] == '\\')
		path = "/";
	http_resp_status(pg->resp, 303);
	http_resp_header(pg->resp, "Location", path);
	http_resp_type(pg->resp, "text/plain; charset=utf-8");
}

void
page_csrf_field(struct page *pg)
{
	html_raw(&pg->body, "<input type=\"hidden\" name=\"csrf\" value=\"");
	html_text(&pg->body, pg->csrf);
	html_raw(&pg->body, "\">");
}

void
page_number(struct page *pg, struct buf *b, double v)
{
	const char *thousands = pg->lang == LANG_VI ? "." : ",";
	const char *decimal = pg->lang == LANG_VI ? "," : ".";
	char digits[64], frac[32] = "";
	double ip, fp;
	size_t n, i, lead;
	bool neg = v < 0;

	if (!isfinite(v)) {
		html_text(b, "—");
		return;
	}
	if (neg)
		v = -v;
	fp = modf(v, &ip);
	if (ip >= 1e15) {
		html_textf(b, "%s%g", neg ? "-" : "", v);
		return;
	}
	/* Two decimals at most, trailing zeros dropped: 99,75 / 65,5. */
	if (fp > 0.0005) {
		long f = lround(fp * 100);

		if (f >= 100) {
			ip += 1;
			f = 0;
		}
		if (f > 0) {
			snprintf(frac, sizeof(frac), "%02ld", f);
			if (frac[1] == '0')
				frac[1] = '\0';
		}
	}
	snprintf(digits, sizeof(digits), "%.0f", ip);
	n = strlen(digits);
	if (neg)
		buf_putc(b, '-');
	lead = n % 3 == 0 ? 3 : n % 3;
	buf_append(b, digits, lead);
	for (i = lead; i < n; i += 3) {
		buf_puts(b, thousands);
		buf_append(b, digits + i, 3);
	}
	if (frac[0] != '\0') {
		buf_puts(b, decimal);
		buf_puts(b, frac);
	}
}

/* A word of the store or the record ("done", "warning") and the
 * message that says it to the reader. */
struct word {
	const char *key;
	enum msg m;
};

/* The reader's text for `key`; "" for NULL, and the key itself when it
 * is not one we know (a newer daemon's word still shows). */
static const char *
word_text(struct page *pg, const struct word *words, size_t n, const char *key)
{
	size_t i;

	if (key == NULL)
		return "";
	for (i = 0; i < n; i++)
		if (strcmp(key, words[i].key) == 0)
			return T(pg, words[i].m);
	return key;
}

const char *
page_status_text(struct page *pg, const char *status)
{
	static const struct word words[] = {
		{ "queued", M_ST_QUEUED },
		{ "processing", M_ST_PROCESSING },
		{ "done", M_ST_DONE },
		{ "quarantined", M_ST_QUARANTINED },
		{ "failed", M_ST_FAILED },
	};

	return word_text(pg, words, G_N_ELEMENTS(words), status);
}

const char *
page_severity_text(struct page *pg, const char *severity)
{
	static const struct word words[] = {
		{ "error", M_SEV_ERROR },
		{ "warning", M_SEV_WARNING },
		{ "info", M_SEV_INFO },
	};

	return word_text(pg, words, G_N_ELEMENTS(words), severity);
}

void
page_table_head(
    struct page *pg, const enum msg *labels, const char *const *cls, size_t n)
{
	size_t i;

	html_raw(&pg->body, "<thead><tr>");
	for (i = 0; i < n; i++)
		html_elem(&pg->body, "th", cls != NULL ? cls[i] : NULL,
		    T(pg, labels[i]));
	html_raw(&pg->body, "</tr></thead><tbody>");
}

/* <a href="PATH VALUE">TEXT</a>, with VALUE percent-encoded when it
 * is a query value. */
static void
anchor(struct page *pg, const char *path, const char *value, bool query,
    const char *text)
{
	html_raw(&pg->body, "<a href=\"");
	html_raw(&pg->body, path);
	if (query)
		html_query_value(&pg->body, value);
	else
		html_text(&pg->body, value);
	html_raw(&pg->body, "\">");
	html_text(&pg->body, text);
	html_raw(&pg->body, "</a>");
}

void
page_period_link(struct page *pg, const char *label)
{
	anchor(pg, "/period?p=", label, true, label);
}

void
page_doc_link(struct page *pg, const char *id, const char *text)
{
	/* Document ids are the daemon's (letters, digits, '.', '-'), the
	 * only ones the router's {id} takes: a path segment as they are,
	 * needing the usual escaping only. */
	anchor(pg, "/doc/", id, false, text);
}

void
page_open_count(struct page *pg, unsigned nopen, const char *none)
{
	if (nopen == 0) {
		html_raw(&pg->body, none);
		return;
	}
	html_raw(&pg->body, "<span class=\"count open\">");
	html_textf(&pg->body, "%u", nopen);
	html_raw(&pg->body, "</span>");
}

void
page_status_badge(struct page *pg, const char *status)
{
	html_raw(&pg->body, "<span class=\"badge st-");
	html_text(&pg->body, status);
	html_raw(&pg->body, "\">");
	html_text(&pg->body, page_status_text(pg, status));
	html_raw(&pg->body, "</span>");
}

const char *
page_state_text(struct page *pg, enum review_state st)
{
	switch (st) {
	case REVIEW_CONFIRMED:
		return T(pg, M_REVIEW_CONFIRMED);
	case REVIEW_DISMISSED:
		return T(pg, M_REVIEW_DISMISSED);
	case REVIEW_OPEN:
		break;
	}
	return T(pg, M_REVIEW_OPEN);
}

const char *
page_query(struct page *pg, const char *name)
{
	const char *v = http_req_query(pg->req, name);
	char *t;

	if (v == NULL)
		return NULL;
	/* The query is bytes as the client sent them; what the pages and
	 * the API read (and the API echoes into its JSON) is text, so a
	 * byte that is not UTF-8 becomes U+FFFD, as in html_text(). */
	if (g_utf8_validate(v, -1, NULL))
		t = arena_strdup(pg->arena, v);
	else {
		gchar *valid = g_utf8_make_valid(v, -1);

		t = arena_strdup(pg->arena, valid);
		g_free(valid);
	}
	if (t == NULL)
		return NULL;
	g_strstrip(t);
	return *t != '\0' ? t : NULL;
}

const char *
page_date(struct page *pg, const char *iso)
{
	unsigned y, m, d;
	char tail;

	if (iso == NULL || pg->lang == LANG_EN ||
	    sscanf(iso, "%4u-%2u-%2u%c", &y, &m, &d, &tail) != 3)
		return iso;
	return arena_printf(pg->arena, "%02u/%02u/%04u", d, m, y);
}

const char *
page_time(struct page *pg, const char *iso)
{
	GDateTime *t, *local;
	gchar *s;
	const char *out;

	if (iso == NULL)
		return NULL;
	t = g_date_time_new_from_iso8601(iso, NULL);
	if (t == NULL)
		return iso;
	local = g_date_time_to_local(t);
	s = g_date_time_format(
	    local, pg->lang == LANG_VI ? "%d/%m/%Y %H:%M" : "%Y-%m-%d %H:%M");
	out = s != NULL ? arena_strdup(pg->arena, s) : NULL;
	g_free(s);
	g_date_time_unref(local);
	g_date_time_unref(t);
	return out != NULL ? out : iso;
}

/* Files the overview may show from the queue. */
#define QUEUE_SHOWN_MAX 500

bool
page_queue(struct page *pg, struct ptrvec *out, struct diag *diag)
{
	if (pg->app->queue_fn == NULL)
		return true;
	return pg->app->queue_fn(pg->app->queue_ctx, pg->arena, QUEUE_SHOWN_MAX,
		   out, diag) == ERR_OK;
}
