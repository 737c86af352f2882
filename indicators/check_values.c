/* SPDX-License-Identifier: MIT */
/*
 * The checks of single values, beside the relations of check_engine.c:
 * a value stated in the text against the appendix, the required rows,
 * and values read by OCR with low confidence.
 */
#include "indicators/check_engine_int.h"

#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "indicators/catalogue.h"
#include "indicators/check_num.h"
#include "indicators/date.h"
#include "indicators/period.h"

/* ---- narrative against appendix ----------------------------------- */

void
check_values_narrative(struct engine_ctx *c)
{
	size_t i, j, k;

	for (i = 0; i < c->nind && !c->nomem; i++) {
		const struct result_indicator *n = c->ind[i];
		enum check_qty q;
		size_t napp = 0, first = ENGINE_NONE;
		double total = 0;
		bool match = false, dup = false;
		int dec;
		struct result_flag *fl;
		const char *lab;

		if (!engine_is_narr(n) || !n->has_value || n->id == NULL)
			continue;
		/* The same statement twice is one finding. */
		for (j = 0; j < i; j++)
			if (engine_is_narr(c->ind[j]) && c->ind[j]->has_value &&
			    engine_same_id(c->ind[j], n->id) &&
			    c->ind[j]->value == n->value)
				dup = true;
		if (dup)
			continue;
		q = check_qty_of(n->id);
		for (j = 0; j < c->nind; j++) {
			const struct result_indicator *a = c->ind[j];

			if (!engine_is_app(a) || !a->has_value ||
			    !engine_same_id(a, n->id))
				continue;
			if (first == ENGINE_NONE)
				first = j;
			napp++;
			total += a->value;
			dec = check_decimals(n->raw, n->value);
			k = (size_t)check_decimals(a->raw, a->value);
			if (check_same_value(q, n->value, a->value,
				dec < (int)k ? dec : (int)k, c->set))
				match = true;
			/* R21: "1,2 tỷ đồng" is 1.200 triệu đồng. */
			if (q == CHECK_QTY_MONEY) {
				static const double scale[] = { 1e3, 1e6, 1e-3,
					1e-6 };

				for (k = 0; k < 4; k++)
					if (check_same_value(q,
						n->value * scale[k], a->value,
						0, c->set))
						match = true;
			}
		}
		if (napp == 0 || match)
			continue;
		/* Two appendix rows of one quantity (the province's portal
		 * and the national one) may be stated as their total. */
		if (napp > 1 && check_same_value(q, n->value, total, 0, c->set))
			continue;
		fl = check_flag_new(c->a, "body_vs_appendix",
		    q == CHECK_QTY_PCT ? c->set->body_vs_appendix_pct
				       : c->set->body_vs_appendix);
		if (fl == NULL) {
			c->nomem = true;
			return;
		}
		engine_use(c, fl, i);
		for (j = 0; j < c->nind; j++)
			if (engine_is_app(c->ind[j]) && c->ind[j]->has_value &&
			    engine_same_id(c->ind[j], n->id))
				engine_use(c, fl, j);
		fl->has_expected = true;
		fl->expected = c->ind[first]->value;
		lab = engine_label(c, first);
		dec = check_decimals(n->raw, n->value);
		{
			int adec = check_decimals(
			    c->ind[first]->raw, c->ind[first]->value);
			const char *unit = c->ind[first]->unit;
			const char *pct = q == CHECK_QTY_PCT ? "%" : "";
			const char *more_vi = "", *more_en = "";

			/* "384.000 đồng": the unit of the row, lower case as
			 * in a sentence. */
			if (q != CHECK_QTY_PCT && unit != NULL &&
			    *unit != '\0' && strchr(unit, '%') == NULL) {
				gchar *low = g_utf8_strdown(unit, -1);

				pct = arena_printf(c->a, " %s", low);
				g_free(low);
				if (pct == NULL)
					pct = "";
			}

			if (napp > 1) {
				more_vi = arena_printf(c->a,
				    " (và %zu dòng khác cùng chỉ tiêu, cộng lại %s)",
				    napp - 1,
				    engine_num(c, total, adec, CHECK_VI));
				more_en = arena_printf(c->a,
				    " (and %zu more rows of it, %s in all)",
				    napp - 1,
				    engine_num(c, total, adec, CHECK_EN));
			}
			engine_emit(c, fl,
			    arena_printf(c->a,
				"\"%s\": phần nội dung báo cáo ghi %s%s, nhưng phụ lục ghi %s%s%s",
				lab, engine_num(c, n->value, dec, CHECK_VI),
				pct,
				engine_num(
				    c, c->ind[first]->value, adec, CHECK_VI),
				pct, more_vi),
			    arena_printf(c->a,
				"\"%s\" (%s): the text says %s%s, but the appendix says %s%s%s",
				lab, n->id,
				engine_num(c, n->value, dec, CHECK_EN), pct,
				engine_num(
				    c, c->ind[first]->value, adec, CHECK_EN),
				pct, more_en));
		}
	}
}

/* ---- required rows ------------------------------------------------ */

/* The catalogue's Vietnamese description of `id` without its formula,
 * or the id itself. */
static const char *
meaning(const char *id)
{
	struct diag dg;
	const struct catalogue *cat = catalogue_default(&dg);
	const struct cat_indicator *ci =
	    cat != NULL ? catalogue_get(cat, id) : NULL;

	return ci != NULL ? ci->name : id;
}

/* A periodic reform report: it names a CCHC period (not a week or a
 * month) and has sections of the reform areas.  Only such a document is
 * expected to carry the statistics appendix. */
static bool
is_reform_report(const struct result *r)
{
	struct date from, to;
	int y;

	if (r->sections.n < 2 ||
	    period_label_kind(r->metadata.period.label, &y) == PERIOD_NONE)
		return false;
	if (date_from_iso(r->metadata.period.from, &from) &&
	    date_from_iso(r->metadata.period.to, &to) &&
	    date_days(to.y, to.m, to.d) - date_days(from.y, from.m, from.d) <
		28)
		return false;
	return true;
}

/* The input holds the report's first page or its body: an issuer or a
 * document number from the header, or reform sections. */
static bool
has_report_front(const struct result *r)
{
	return r->metadata.issuer != NULL || r->metadata.doc_number != NULL ||
	    r->sections.n >= 2;
}

/* Appendix rows of the rule's ids: none means the document has no
 * statistics appendix of a reform report (or mapping found none). */
static size_t
required_present(const struct engine_ctx *c, const struct rules_rule *rule)
{
	size_t i, t, n = 0;

	for (i = 0; i < c->nind; i++)
		for (t = 0; t < rule->nlhs; t++)
			if (engine_is_app(c->ind[i]) &&
			    engine_same_id(c->ind[i], rule->lhs[t].id))
				n++;
	return n;
}

void
check_values_required(struct engine_ctx *c)
{
	size_t k, t, i;

	for (k = 0; k < c->rs->n && !c->nomem; k++) {
		const struct rules_rule *rule = &c->rs->v[k];

		if (rule->kind != RULES_REQUIRED)
			continue;
		if (required_present(c, rule) == 0) {
			/*
			 * No core row at all: one finding, not seven, and
			 * only for a document that names a reporting period.
			 * A letter or a plan dropped in the inbox has no
			 * appendix to miss.
			 */
			struct result_flag *fl;

			if (!is_reform_report(c->r))
				continue;
			fl = check_flag_new(c->a, rule->name, rule->severity);
			if (fl == NULL) {
				c->nomem = true;
				return;
			}
			for (t = 0; t < rule->nlhs; t++)
				if (check_flag_add_id(
					fl, c->a, rule->lhs[t].id) != 0)
					c->nomem = true;
			engine_emit(c, fl,
			    "Không tìm thấy bảng số liệu phụ lục (thống kê số liệu CCHC) trong báo cáo",
			    "No statistics appendix was found in the report");
			continue;
		}
		/*
		 * Some core rows but not all: only a whole report can be
		 * said to lack one.  A page of the appendix scanned on its
		 * own (an image, a one-page fax) has no header and no
		 * sections, and its other rows are on the pages that were
		 * not sent.
		 */
		if (!has_report_front(c->r))
			continue;
		for (t = 0; t < rule->nlhs; t++) {
			const char *id = rule->lhs[t].id;
			struct result_flag *fl;
			bool found = false;

			for (i = 0; i < c->nind; i++)
				if (engine_is_app(c->ind[i]) &&
				    engine_same_id(c->ind[i], id))
					found = true;
			if (found)
				continue;
			fl = check_flag_new(c->a, rule->name, rule->severity);
			if (fl == NULL ||
			    check_flag_add_id(fl, c->a, id) != 0) {
				c->nomem = true;
				return;
			}
			engine_emit(c, fl,
			    arena_printf(c->a,
				"Phụ lục thiếu dòng số liệu bắt buộc: \"%s\" (%s)",
				meaning(id), id),
			    arena_printf(c->a,
				"The appendix lacks a required row: \"%s\" (%s)",
				meaning(id), id));
		}
	}
}

/* ---- OCR confidence ----------------------------------------------- */

static bool
is_required(const struct engine_ctx *c, const char *id)
{
	size_t k, t;

	for (k = 0; k < c->rs->n; k++)
		if (c->rs->v[k].kind == RULES_REQUIRED)
			for (t = 0; t < c->rs->v[k].nlhs; t++)
				if (strcmp(c->rs->v[k].lhs[t].id, id) == 0)
					return true;
	return false;
}

/* A value read by OCR with low confidence, that a flag relies on or that
 * is a core value: the clerk should compare it with the paper. */
void
check_values_ocr(struct engine_ctx *c)
{
	size_t i, k, nused = c->used.n;

	for (i = 0; i < c->nind && !c->nomem; i++) {
		const struct result_indicator *ind = c->ind[i];
		bool relevant = false;
		struct result_flag *fl;
		char pct[16];

		if (!ind->has_value || ind->confidence < 0 ||
		    ind->confidence >= c->set->ocr_confidence_min ||
		    !engine_page_is_ocr(c->r, ind->source.page))
			continue;
		for (k = 0; k < nused; k++)
			if (c->used.v[k] == ind)
				relevant = true;
		if (ind->id != NULL && is_required(c, ind->id))
			relevant = true;
		if (!relevant)
			continue;
		fl = check_flag_new(
		    c->a, "low_ocr_confidence", c->set->low_ocr_confidence);
		if (fl == NULL) {
			c->nomem = true;
			return;
		}
		engine_use(c, fl, i);
		fl->has_tolerance = true;
		fl->tolerance = c->set->ocr_confidence_min;
		(void)snprintf(
		    pct, sizeof pct, "%.0f%%", 100.0 * ind->confidence);
		engine_emit(c, fl,
		    arena_printf(c->a,
			"\"%s\": giá trị \"%s\" ở trang %u được nhận dạng từ ảnh quét với độ tin cậy thấp (%s), cần đối chiếu với bản giấy",
			engine_label(c, i), ind->raw != NULL ? ind->raw : "",
			ind->source.page, pct),
		    arena_printf(c->a,
			"\"%s\" (%s): the value \"%s\" on page %u was read by OCR with low confidence (%s); compare it with the paper",
			engine_label(c, i), ind->id != NULL ? ind->id : "no id",
			ind->raw != NULL ? ind->raw : "", ind->source.page,
			pct));
	}
}
