/* SPDX-License-Identifier: MIT */
/*
 * The document page's flags card: each flag with its message, the
 * evidence it cites, a picture of every page that evidence came from
 * with the cited rows boxed, the review buttons and the history.
 */
#include <string.h>

#include "review/html.h"
#include "core/jsonget.h"
#include "review/review_migrate.h"
#include "review/review_page_doc_int.h"

/* The record's indicator with canonical id `id`, for its printed code
 * and label. */
static JsonObject *
find_indicator(JsonArray *inds, const char *id)
{
	guint i;

	if (inds == NULL || id == NULL)
		return NULL;
	for (i = 0; i < json_array_get_length(inds); i++) {
		JsonObject *o = jsonget_item(inds, i);
		const char *oid = jsonget_str(o, "id");

		if (oid != NULL && strcmp(oid, id) == 0)
			return o;
	}
	return NULL;
}

static const struct review_page_size *
find_page_size(const struct ptrvec *sizes, unsigned page)
{
	size_t i;

	for (i = 0; i < sizes->n; i++) {
		const struct review_page_size *p = sizes->v[i];

		if (p->page == page)
			return p;
	}
	return NULL;
}

/* The box of the evidence's table row: from the record when it carries
 * one, else as the worker stored it. */
static bool
source_box(JsonObject *src, const struct ptrvec *boxes, double *x0, double *y0,
    double *x1, double *y1)
{
	JsonObject *box = jsonget_obj(src, "box");
	double t, r;
	size_t i;

	if (box != NULL && jsonget_num(box, "x0", x0) &&
	    jsonget_num(box, "y0", y0) && jsonget_num(box, "x1", x1) &&
	    jsonget_num(box, "y1", y1))
		return true;
	if (!jsonget_num(src, "table", &t) || !jsonget_num(src, "row", &r))
		return false;
	for (i = 0; i < boxes->n; i++) {
		const struct review_rowbox *b = boxes->v[i];

		if (b->table == (int)t && b->row == (int)r) {
			*x0 = b->x0;
			*y0 = b->y0;
			*x1 = b->x1;
			*y1 = b->y1;
			return true;
		}
	}
	return false;
}

/*
 * The page image with the value's box drawn over it by the browser (a
 * positioned element; review.js places it from data attributes, since
 * the CSP forbids inline styles).  The server never decodes the image.
 */
static void
region_figure(struct page *pg, const char *doc, JsonArray *ev, double page,
    const struct ptrvec *sizes, const struct ptrvec *boxes)
{
	const struct review_page_size *ps;
	double x0, y0, x1, y1, p;
	bool any = false;
	guint j;

	if (page < 1 || page > PAGE_DOC_NUM_MAX)
		return;
	ps = find_page_size(sizes, (unsigned)page);
	if (ps == NULL || ps->width_pt <= 0 || ps->height_pt <= 0)
		return;
	html_raw(&pg->body, "<figure class=\"region\" data-boxes=\"");
	/* The boxes as fractions of the page, so they scale with the
	 * image whatever its resolution. */
	for (j = 0; j < json_array_get_length(ev); j++) {
		JsonObject *src = jsonget_obj(jsonget_item(ev, j), "source");

		if (!jsonget_num(src, "page", &p) || p != page ||
		    !source_box(src, boxes, &x0, &y0, &x1, &y1))
			continue;
		html_textf(&pg->body, "%s%.4f %.4f %.4f %.4f", any ? ";" : "",
		    x0 / ps->width_pt, y0 / ps->height_pt, x1 / ps->width_pt,
		    y1 / ps->height_pt);
		any = true;
	}
	html_raw(&pg->body,
	    "\"><div class=\"frame\"><div class=\"sheet\">"
	    "<img loading=\"lazy\" src=\"/doc/");
	html_text(&pg->body, doc);
	html_textf(&pg->body, "/page/%u", ps->page);
	html_raw(&pg->body, "\" alt=\"");
	html_text(&pg->body, T(pg, M_PAGE_IMAGE));
	html_raw(&pg->body, "\"></div></div><figcaption>");
	html_text(&pg->body, T(pg, M_PAGE_IMAGE));
	html_textf(&pg->body, " · %s %u · ", T(pg, M_PAGE), ps->page);
	html_text(&pg->body, T(pg, M_ZOOM_HINT));
	html_raw(&pg->body, "</figcaption></figure>");
}

/* One picture per page the evidence came from, with every cited row on
 * that page highlighted. */
static void
region_figures(struct page *pg, const char *doc, JsonArray *ev,
    const struct ptrvec *sizes, const struct ptrvec *boxes)
{
	guint j, k;

	for (j = 0; ev != NULL && j < json_array_get_length(ev); j++) {
		double pj, pk;
		bool seen = false;

		if (!jsonget_num(jsonget_obj(jsonget_item(ev, j), "source"),
			"page", &pj))
			continue;
		for (k = 0; k < j && !seen; k++)
			seen = jsonget_num(
				   jsonget_obj(jsonget_item(ev, k), "source"),
				   "page", &pk) &&
			    pk == pj;
		if (!seen)
			region_figure(pg, doc, ev, pj, sizes, boxes);
	}
}

static void
evidence_table(struct page *pg, JsonArray *ev, JsonArray *inds)
{
	static const enum msg labels[] = { M_ID, M_LABEL, M_VALUE, M_SOURCE };
	static const char *const cls[] = { NULL, NULL, "num", NULL };
	guint i;

	html_raw(&pg->body, "<table class=\"evidence\">");
	page_table_head(pg, labels, cls, G_N_ELEMENTS(labels));
	for (i = 0; i < json_array_get_length(ev); i++) {
		JsonObject *e = jsonget_item(ev, i);
		JsonObject *src = jsonget_obj(e, "source");
		JsonObject *ind = find_indicator(inds, jsonget_str(e, "id"));
		const char *text = jsonget_str(src, "text");

		if (e == NULL)
			continue;
		html_raw(&pg->body, "<tr><td>");
		html_elem(&pg->body, "code", NULL, jsonget_str(e, "id"));
		html_raw(&pg->body, "</td><td>");
		if (ind != NULL && jsonget_str(ind, "code") != NULL) {
			html_elem(&pg->body, "span", "code",
			    jsonget_str(ind, "code"));
			html_raw(&pg->body, " ");
		}
		html_text(
		    &pg->body, ind != NULL ? jsonget_str(ind, "label") : NULL);
		if (text != NULL)
			html_elem(&pg->body, "blockquote", NULL, text);
		html_raw(&pg->body, "</td><td class=\"num\">");
		page_doc_value(pg, e, T(pg, M_PRINTED));
		html_raw(&pg->body, "</td><td class=\"nowrap\">");
		page_doc_source(pg, src);
		html_raw(&pg->body, "</td></tr>");
	}
	html_raw(&pg->body, "</tbody></table>");
}

static void
review_form(struct page *pg, const char *doc, guint idx, enum review_state st)
{
	/* No button for the state the flag is already in. */
	static const struct {
		enum review_state skip;
		const char *markup;
		enum msg m;
	} buttons[] = {
		{ REVIEW_CONFIRMED,
		    "<button name=\"action\" value=\"confirm\" "
		    "class=\"confirm\">",
		    M_CONFIRM },
		{ REVIEW_DISMISSED,
		    "<button name=\"action\" value=\"dismiss\" "
		    "class=\"dismiss\">",
		    M_DISMISS },
	};
	size_t i;

	html_raw(&pg->body,
	    "<form class=\"review\" method=\"post\" "
	    "action=\"/doc/");
	html_textf(&pg->body, "%s/flag/%u", doc, idx);
	html_raw(&pg->body, "\">");
	page_csrf_field(pg);
	html_raw(&pg->body,
	    "<textarea name=\"comment\" maxlength=\"2000\" "
	    "rows=\"2\" placeholder=\"");
	html_text(&pg->body, T(pg, M_COMMENT_HINT));
	html_raw(&pg->body, "\" aria-label=\"");
	html_text(&pg->body, T(pg, M_COMMENT));
	html_raw(&pg->body, "\"></textarea><div class=\"actions\">");
	for (i = 0; i < sizeof(buttons) / sizeof(buttons[0]); i++) {
		if (st == buttons[i].skip)
			continue;
		html_raw(&pg->body, buttons[i].markup);
		html_text(&pg->body, T(pg, buttons[i].m));
		html_raw(&pg->body, "</button>");
	}
	html_raw(&pg->body, "</div></form>");
}

static void
history(struct page *pg, const struct ptrvec *marks, guint idx)
{
	bool any = false;
	size_t i;

	for (i = 0; i < marks->n; i++) {
		const struct review_mark *m = marks->v[i];

		if (m->idx != idx)
			continue;
		if (!any) {
			html_raw(
			    &pg->body, "<details class=\"history\"><summary>");
			html_text(&pg->body, T(pg, M_HISTORY));
			html_raw(&pg->body, "</summary><ol>");
		}
		any = true;
		html_raw(&pg->body, "<li>");
		html_elem(&pg->body, "time", NULL, page_time(pg, m->at));
		html_raw(&pg->body, " ");
		html_elem(&pg->body, "b", NULL, page_state_text(pg, m->state));
		if (m->comment != NULL && *m->comment != '\0') {
			html_raw(&pg->body, ": ");
			html_text(&pg->body, m->comment);
		}
		html_raw(&pg->body, "</li>");
	}
	if (any)
		html_raw(&pg->body, "</ol></details>");
}

/* The flag's header line, message and latest comment. */
static void
flag_head(struct page *pg, JsonObject *f, guint i, enum review_state st,
    const struct review_mark *last)
{
	const char *sev = jsonget_str(f, "severity");
	const char *msg =
	    pg->lang == LANG_EN && jsonget_str(f, "message_en") != NULL
	    ? jsonget_str(f, "message_en")
	    : jsonget_str(f, "message");

	html_raw(&pg->body, "<article class=\"flag sev-");
	html_text(&pg->body, sev != NULL ? sev : "info");
	html_raw(&pg->body, " state-");
	html_text(&pg->body, review_state_name(st));
	html_raw(&pg->body, "\" id=\"");
	html_textf(&pg->body, "flag-%u", i);
	html_raw(&pg->body, "\"><header>");
	html_elem(&pg->body, "span", "badge sev", page_severity_text(pg, sev));
	html_raw(&pg->body, " ");
	html_elem(&pg->body, "code", "rule", jsonget_str(f, "rule"));
	html_raw(&pg->body, "<span class=\"state\">");
	html_text(&pg->body, page_state_text(pg, st));
	if (last != NULL) {
		html_raw(&pg->body, " · ");
		html_elem(&pg->body, "time", NULL, page_time(pg, last->at));
	}
	html_raw(&pg->body, "</span></header>");
	html_elem(&pg->body, "p", "msg", msg);
	if (last != NULL && last->comment != NULL && *last->comment != '\0')
		html_elem(&pg->body, "p", "comment", last->comment);
}

void
page_doc_flags(struct page *pg, const char *doc, JsonArray *flags,
    JsonArray *inds, const struct ptrvec *marks, const struct ptrvec *sizes,
    const struct ptrvec *boxes)
{
	guint i, n = flags != NULL ? json_array_get_length(flags) : 0;

	html_raw(&pg->body, "<section class=\"card\" id=\"flags\"><h2>");
	html_text(&pg->body, T(pg, M_FLAGS));
	html_textf(&pg->body, " (%u)", n);
	html_raw(&pg->body, "</h2>");
	if (n == 0)
		html_elem(&pg->body, "p", "empty ok", T(pg, M_NO_FLAGS));
	for (i = 0; i < n; i++) {
		JsonObject *f = jsonget_item(flags, i);
		JsonArray *ev = jsonget_arr(f, "evidence");
		const struct review_mark *last;
		enum review_state st = page_doc_flag_state(marks, i, &last);
		double expected;

		if (f == NULL)
			continue;
		flag_head(pg, f, i, st, last);
		html_raw(&pg->body, "<div class=\"flag-body\">");
		if (ev != NULL && json_array_get_length(ev) > 0) {
			html_elem(&pg->body, "h3", NULL, T(pg, M_EVIDENCE));
			evidence_table(pg, ev, inds);
		}
		if (jsonget_num(f, "expected", &expected)) {
			html_raw(&pg->body, "<p class=\"expected\">");
			html_text(&pg->body, T(pg, M_EXPECTED));
			html_raw(&pg->body, ": <b>");
			page_number(pg, &pg->body, expected);
			html_raw(&pg->body, "</b></p>");
		}
		region_figures(pg, doc, ev, sizes, boxes);
		review_form(pg, doc, i, st);
		history(pg, marks, i);
		html_raw(&pg->body, "</div></article>");
	}
	html_raw(&pg->body, "</section>");
}
