/* SPDX-License-Identifier: MIT */
/*
 * What the document page shows of the record besides its flags: the
 * indicators table, and the side column with metadata, sections and
 * how each page was read.
 */
#include <string.h>

#include "review/html.h"
#include "core/jsonget.h"
#include "review/review_page_doc_int.h"

/* Below this confidence a value is marked for checking by eye. */
#define LOW_CONFIDENCE 0.8

static bool
id_in_open_flag(JsonArray *flags, const struct ptrvec *marks, const char *id)
{
	guint i, j;

	if (flags == NULL || id == NULL)
		return false;
	for (i = 0; i < json_array_get_length(flags); i++) {
		JsonArray *ids =
		    jsonget_arr(jsonget_item(flags, i), "indicators");
		const struct review_mark *last;

		if (ids == NULL ||
		    page_doc_flag_state(marks, i, &last) != REVIEW_OPEN)
			continue;
		for (j = 0; j < json_array_get_length(ids); j++) {
			const char *s = json_array_get_string_element(ids, j);

			if (s != NULL && strcmp(s, id) == 0)
				return true;
		}
	}
	return false;
}

static void
indicator_row(struct page *pg, JsonObject *o, JsonArray *flags,
    const struct ptrvec *marks)
{
	const char *id = jsonget_str(o, "id");
	double conf = 1;
	bool low;

	(void)jsonget_num(o, "confidence", &conf);
	low = conf < LOW_CONFIDENCE;
	html_raw(&pg->body, "<tr class=\"");
	html_raw(&pg->body, low ? "low " : "");
	html_raw(&pg->body, id_in_open_flag(flags, marks, id) ? "flagged" : "");
	html_raw(&pg->body, "\">");
	html_elem(&pg->body, "td", "code nowrap", jsonget_str(o, "code"));
	html_elem(&pg->body, "td", NULL, jsonget_str(o, "label"));
	html_raw(&pg->body, "<td class=\"num\">");
	page_doc_value(pg, o, NULL);
	html_raw(&pg->body, "</td>");
	html_elem(&pg->body, "td", NULL, jsonget_str(o, "unit"));
	html_raw(&pg->body, "<td>");
	if (id != NULL)
		html_elem(&pg->body, "code", NULL, id);
	else
		html_elem(&pg->body, "span", "muted", T(pg, M_NOT_CANONICAL));
	html_raw(&pg->body, "</td><td class=\"nowrap\">");
	page_doc_source(pg, jsonget_obj(o, "source"));
	html_raw(&pg->body, "</td><td class=\"num\">");
	if (low) {
		html_raw(&pg->body, "<span class=\"lowmark\" title=\"");
		html_text(&pg->body, T(pg, M_LOW_CONFIDENCE));
		html_raw(&pg->body, "\">⚠ ");
	}
	html_textf(&pg->body, "%.0f%%", conf * 100);
	if (low)
		html_raw(&pg->body, "</span>");
	html_raw(&pg->body, "</td></tr>");
}

void
page_doc_indicators(struct page *pg, JsonArray *inds, JsonArray *flags,
    const struct ptrvec *marks)
{
	static const enum msg labels[] = { M_CODE, M_LABEL, M_VALUE,
		M_UNIT_OF_MEASURE, M_ID, M_SOURCE, M_CONFIDENCE };
	static const char *const cls[] = { NULL, NULL, "num", NULL, NULL, NULL,
		"num" };
	guint i, n = inds != NULL ? json_array_get_length(inds) : 0;

	html_raw(&pg->body, "<section class=\"card\" id=\"indicators\"><h2>");
	html_text(&pg->body, T(pg, M_INDICATORS));
	html_textf(&pg->body, " (%u)", n);
	html_raw(&pg->body,
	    "</h2><div class=\"scroll\"><table class=\"indicators\">");
	page_table_head(pg, labels, cls, G_N_ELEMENTS(labels));
	for (i = 0; i < n; i++) {
		JsonObject *o = jsonget_item(inds, i);

		if (o != NULL)
			indicator_row(pg, o, flags, marks);
	}
	html_raw(&pg->body, "</tbody></table></div></section>");
}

static void
dl_item(struct page *pg, enum msg m, const char *value)
{
	if (value == NULL || *value == '\0')
		return;
	html_elem(&pg->body, "dt", NULL, T(pg, m));
	html_elem(&pg->body, "dd", NULL, value);
}

/* A date of the record's period as the reader writes it, "?" when
 * missing. */
static const char *
period_end(struct page *pg, JsonObject *period, const char *key)
{
	const char *iso = jsonget_str(period, key);

	return iso != NULL ? page_date(pg, iso) : "?";
}

static void
side_metadata(struct page *pg, const struct review_doc *d, JsonObject *rec)
{
	JsonObject *meta = jsonget_obj(rec, "metadata");
	JsonObject *period = jsonget_obj(meta, "period");
	gchar *range = NULL, *size;

	html_raw(&pg->body, "<section class=\"card\">");
	html_elem(&pg->body, "h2", NULL, T(pg, M_METADATA));
	html_raw(&pg->body, "<dl>");
	dl_item(pg, M_ISSUER, d->issuer);
	dl_item(pg, M_DOC_NUMBER, d->doc_number);
	dl_item(pg, M_DATE, page_date(pg, d->date));
	dl_item(pg, M_PERIOD, d->period);
	if (jsonget_str(period, "from") != NULL ||
	    jsonget_str(period, "to") != NULL)
		range =
		    g_strdup_printf("%s – %s", period_end(pg, period, "from"),
			period_end(pg, period, "to"));
	dl_item(pg, M_PERIOD_RANGE, range);
	g_free(range);
	dl_item(pg, M_RECIPIENT, jsonget_str(meta, "recipient"));
	dl_item(pg, M_FILE, d->name);
	dl_item(pg, M_FORMAT, d->format);
	size = g_format_size((guint64)(d->bytes > 0 ? d->bytes : 0));
	dl_item(pg, M_SIZE, size);
	g_free(size);
	dl_item(pg, M_RECEIVED, page_time(pg, d->received_at));
	dl_item(pg, M_SHA256, d->sha256);
	html_raw(&pg->body, "</dl><p><a href=\"/api/documents/");
	html_text(&pg->body, d->id);
	html_raw(&pg->body, "\">");
	html_text(&pg->body, T(pg, M_RAW_JSON));
	html_raw(&pg->body, "</a></p></section>");
}

static void
side_sections(struct page *pg, JsonArray *secs)
{
	guint i, n = secs != NULL ? json_array_get_length(secs) : 0;

	html_raw(&pg->body, "<section class=\"card\">");
	html_elem(&pg->body, "h2", NULL, T(pg, M_SECTIONS));
	if (n == 0)
		html_elem(&pg->body, "p", "empty", T(pg, M_NO_SECTIONS));
	html_raw(&pg->body, "<ul class=\"sections\">");
	for (i = 0; i < n; i++) {
		JsonObject *s = jsonget_item(secs, i);
		const char *area = i18n_area(pg->lang, jsonget_str(s, "area"));
		double page;

		html_raw(&pg->body, "<li>");
		html_elem(&pg->body, "span", "area",
		    area != NULL ? area : jsonget_str(s, "area"));
		html_raw(&pg->body, " ");
		html_text(&pg->body, jsonget_str(s, "heading"));
		if (jsonget_num(s, "page", &page)) {
			html_raw(&pg->body, " <span class=\"muted\">");
			html_textf(&pg->body, "(%s %.0f)", T(pg, M_PAGE), page);
			html_raw(&pg->body, "</span>");
		}
		html_raw(&pg->body, "</li>");
	}
	html_raw(&pg->body, "</ul></section>");
}

static void
side_pages(struct page *pg, JsonArray *pages)
{
	static const enum msg labels[] = { M_PAGE, M_METHOD, M_CONFIDENCE };
	static const char *const cls[] = { NULL, NULL, "num" };
	guint i, n = pages != NULL ? json_array_get_length(pages) : 0;

	html_raw(&pg->body, "<section class=\"card\">");
	html_elem(&pg->body, "h2", NULL, T(pg, M_PAGES));
	html_raw(&pg->body, "<table class=\"pages\">");
	page_table_head(pg, labels, cls, G_N_ELEMENTS(labels));
	for (i = 0; i < n; i++) {
		JsonObject *p = jsonget_item(pages, i);
		double num, conf;

		html_raw(&pg->body, "<tr><td>");
		if (jsonget_num(p, "n", &num))
			html_textf(&pg->body, "%.0f", num);
		html_raw(&pg->body, "</td>");
		html_elem(&pg->body, "td", NULL, jsonget_str(p, "method"));
		html_raw(&pg->body, "<td class=\"num\">");
		if (jsonget_num(p, "confidence", &conf))
			html_textf(&pg->body, "%.0f%%", conf * 100);
		else
			html_raw(&pg->body, "—");
		html_raw(&pg->body, "</td></tr>");
	}
	html_raw(&pg->body, "</tbody></table></section>");
}

void
page_doc_side(struct page *pg, const struct review_doc *d, JsonObject *rec)
{
	side_metadata(pg, d, rec);
	side_sections(pg, jsonget_arr(rec, "sections"));
	side_pages(pg, jsonget_arr(rec, "pages"));
}
