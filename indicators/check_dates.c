/* SPDX-License-Identifier: MIT */
/* Dates of cited documents, malformed dates, and the reporting period. */
#include "indicators/check_dates.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "indicators/check_flag.h"
#include "indicators/cited_docs.h"
#include "indicators/date.h"
#include "indicators/period.h"

/* The windows a period may have, at most 4: shifted, calendar, and for
 * a quarter the cumulative ones from the start of the year. */
static size_t
windows(enum period_kind k, int year, struct date *from, struct date *to)
{
	enum period_kind cum = k == PERIOD_Q2 ? PERIOD_H1
	    : k == PERIOD_Q3                  ? PERIOD_M9
	    : k == PERIOD_Q4                  ? PERIOD_YEAR
					      : PERIOD_NONE;
	size_t n = 0;

	if (!period_window(k, year, true, &from[0], &to[0]) ||
	    !period_window(k, year, false, &from[1], &to[1]))
		return 0;
	n = 2;
	if (cum != PERIOD_NONE &&
	    period_window(cum, year, true, &from[n], &to[n]) &&
	    period_window(cum, year, false, &from[n + 1], &to[n + 1]))
		n += 2;
	return n;
}

bool
check_period_window_ok(
    enum period_kind k, int year, long from, long to, unsigned slack)
{
	struct date ws[4], we[4];
	size_t n = windows(k, year, ws, we), i;

	if (n == 0)
		return true; /* nothing to compare with */
	for (i = 0; i < n; i++) {
		long f = date_days(ws[i].y, ws[i].m, ws[i].d);
		long t = date_days(we[i].y, we[i].m, we[i].d);

		if ((from < 0 || labs(from - f) <= (long)slack) &&
		    (to < 0 || labs(to - t) <= (long)slack))
			return true;
	}
	return false;
}

/* The standard windows of a period as text, for the message. */
static void
windows_text(enum period_kind k, int year, char *buf, size_t cap)
{
	struct date ws[4], we[4];
	size_t n = windows(k, year, ws, we), i, len = 0;

	buf[0] = '\0';
	for (i = 0; i < n && i < 2 && len < cap; i++)
		len += (size_t)snprintf(buf + len, cap - len,
		    "%s%02d/%02d/%d–%02d/%02d/%d", i > 0 ? ", " : "", ws[i].d,
		    ws[i].m, ws[i].y, we[i].d, we[i].m, we[i].y);
}

static void
dmy(const char *iso, char *buf, size_t cap)
{
	struct date d;

	if (date_from_iso(iso, &d))
		(void)snprintf(buf, cap, "%02d/%02d/%d", d.d, d.m, d.y);
	else
		(void)snprintf(buf, cap, "%s", iso != NULL ? iso : "?");
}

struct dctx {
	const struct result *r;
	const struct rules_settings *set;
	struct arena *a;
	struct ptrvec *out;
	bool nomem;
};

static void
push(struct dctx *c, struct result_flag *f, const char *vi, const char *en)
{
	if (check_flag_emit(f, c->a, c->out, vi, en) != 0)
		c->nomem = true;
}

static void
evidence_meta(
    struct dctx *c, struct result_flag *f, const char *label, const char *raw)
{
	struct result_ref none = { NULL, 0, -1, -1, NULL };

	if (check_flag_add_evidence(
		f, c->a, NULL, label, raw, false, 0, &none) != 0)
		c->nomem = true;
}

/* An earlier flag of `rule` about the same printed reference, so a
 * citation repeated in the report is one finding with two places. */
static struct result_flag *
same_citation(struct dctx *c, const char *rule, const char *text, size_t first)
{
	size_t i, j;

	for (i = first; i < c->out->n; i++) {
		struct result_flag *f = c->out->v[i];

		if (strcmp(f->rule, rule) != 0)
			continue;
		for (j = 0; j < f->evidence.n; j++) {
			const struct result_evidence *ev = f->evidence.v[j];

			if (ev->label != NULL && strcmp(ev->label, text) == 0)
				return f;
		}
	}
	return NULL;
}

static void
malformed(struct dctx *c, const struct cited_doc *cd, size_t first)
{
	struct result_flag *f =
	    same_citation(c, "malformed_date", cd->text, first);
	char *why_vi, *why_en;

	if (f != NULL) {
		if (check_flag_add_evidence(f, c->a, NULL, cd->text,
			cd->date_raw, false, 0, &cd->where) != 0)
			c->nomem = true;
		return;
	}
	f = check_flag_new(c->a, "malformed_date", c->set->malformed_date);
	if (f == NULL ||
	    check_flag_add_evidence(f, c->a, NULL, cd->text, cd->date_raw,
		false, 0, &cd->where) != 0) {
		c->nomem = true;
		return;
	}
	switch (cd->state) {
	case CITED_DATE_EXTRA_PART:
		why_vi = arena_strdup(c->a, "ngày tháng có thừa một phần năm");
		why_en = arena_strdup(c->a, "the date has a part too many");
		break;
	case CITED_DATE_BAD_DAY:
		why_vi = arena_printf(c->a, "tháng %d/%d không có ngày %d",
		    cd->month, cd->year, cd->day);
		why_en = arena_printf(c->a, "month %d/%d has no day %d",
		    cd->month, cd->year, cd->day);
		break;
	case CITED_DATE_BAD_MONTH:
		why_vi = arena_printf(c->a, "không có tháng %d", cd->month);
		why_en = arena_printf(c->a, "there is no month %d", cd->month);
		break;
	case CITED_DATE_BAD_YEAR:
	default:
		why_vi = arena_strdup(c->a, "năm không hợp lệ");
		why_en = arena_strdup(c->a, "the year is not valid");
		break;
	}
	push(c, f,
	    arena_printf(c->a,
		"Ngày tháng không hợp lệ \"%s\" trong \"%s\": %s", cd->date_raw,
		cd->text, why_vi),
	    arena_printf(c->a, "Invalid date \"%s\" in \"%s\": %s",
		cd->date_raw, cd->text, why_en));
}

static void
after_report(struct dctx *c, const struct cited_doc *cd, const struct date *rep,
    size_t first)
{
	struct result_flag *f =
	    same_citation(c, "date_after_report", cd->text, first);
	char hint_vi[96] = "", hint_en[96] = "";

	if (f != NULL) {
		if (check_flag_add_evidence(f, c->a, NULL, cd->text,
			cd->date_raw, false, 0, &cd->where) != 0)
			c->nomem = true;
		return;
	}
	f = check_flag_new(
	    c->a, "date_after_report", c->set->date_after_report);
	if (f == NULL ||
	    check_flag_add_evidence(f, c->a, NULL, cd->text, cd->date_raw,
		false, 0, &cd->where) != 0) {
		c->nomem = true;
		return;
	}
	evidence_meta(c, f, "ngày báo cáo", c->r->metadata.date);
	/* The usual slip: last year's number in a date of January-March. */
	if (cited_date_valid(cd->year - 1, cd->month, cd->day) &&
	    date_days(cd->year - 1, cd->month, cd->day) <=
		date_days(rep->y, rep->m, rep->d)) {
		(void)snprintf(hint_vi, sizeof hint_vi,
		    "; có thể năm đúng là %d", cd->year - 1);
		(void)snprintf(hint_en, sizeof hint_en, "; the year may be %d",
		    cd->year - 1);
	}
	push(c, f,
	    arena_printf(c->a,
		"Văn bản được trích dẫn \"%s\" có ngày %02d/%02d/%d, sau ngày của báo cáo (%02d/%02d/%d)%s",
		cd->text, cd->day, cd->month, cd->year, rep->d, rep->m, rep->y,
		hint_vi),
	    arena_printf(c->a,
		"The cited document \"%s\" is dated %02d/%02d/%d, after the report itself (%02d/%02d/%d)%s",
		cd->text, cd->day, cd->month, cd->year, rep->d, rep->m, rep->y,
		hint_en));
}

/* True when `number` is the report's own ("Kèm theo Báo cáo số 422/BC-UBND
 * ngày ..." in the appendix heading), compared without spaces. */
static bool
is_own_number(const char *number, const char *own)
{
	const char *p = number, *q = own;

	if (number == NULL || own == NULL)
		return false;
	for (;;) {
		while (*p == ' ')
			p++;
		while (*q == ' ')
			q++;
		if (*p == '\0' || *q == '\0')
			return *p == *q;
		if (*p != *q)
			return false;
		p++;
		q++;
	}
}

static void
cited(struct dctx *c)
{
	struct ptrvec v = { NULL, 0, 0 };
	struct date rep = { 0, 0, 0 };
	bool have_date;
	size_t i, first = c->out->n;

	if (cited_docs_find(c->r->doc, c->a, &v) != ERR_OK) {
		c->nomem = true;
		return;
	}
	have_date = date_from_iso(c->r->metadata.date, &rep);
	for (i = 0; i < v.n && !c->nomem; i++) {
		const struct cited_doc *cd = v.v[i];

		/* A doubtful OCR reading is not a wrong date. */
		if (cd->confidence >= 0 &&
		    cd->confidence < c->set->ocr_confidence_min)
			continue;
		if (cd->state != CITED_DATE_OK) {
			malformed(c, cd, first);
			continue;
		}
		if (cd->number == NULL || !have_date ||
		    is_own_number(cd->number, c->r->metadata.doc_number))
			continue;
		if (date_days(cd->year, cd->month, cd->day) >
		    date_days(rep.y, rep.m, rep.d))
			after_report(c, cd, &rep, first);
	}
}

static void
period(struct dctx *c)
{
	const struct result_metadata *m = &c->r->metadata;
	struct date fd, td, rd;
	int y = 0;
	long from = -1, to = -1;
	enum period_kind k;
	bool ok;
	char f1[16], f2[16], std[128];
	struct result_flag *f;

	if (date_from_iso(m->period.from, &fd))
		from = date_days(fd.y, fd.m, fd.d);
	if (date_from_iso(m->period.to, &td))
		to = date_days(td.y, td.m, td.d);
	dmy(m->period.from, f1, sizeof f1);
	dmy(m->period.to, f2, sizeof f2);
	if (from >= 0 && to >= 0 && from > to) {
		f = check_flag_new(
		    c->a, "period_mismatch", c->set->period_mismatch);
		if (f == NULL) {
			c->nomem = true;
			return;
		}
		evidence_meta(c, f, "từ ngày", m->period.from);
		evidence_meta(c, f, "đến ngày", m->period.to);
		push(c, f,
		    arena_printf(c->a,
			"Kỳ báo cáo bắt đầu (%s) sau khi kết thúc (%s)", f1,
			f2),
		    arena_printf(c->a,
			"The reporting window starts (%s) after it ends (%s)",
			f1, f2));
		return;
	}
	k = period_label_kind(m->period.label, &y);
	/* A window shorter than a month is a weekly or monthly report
	 * ("Báo cáo công tác tuần 02 tháng 6 năm 2026"): the quarters and
	 * years of the CCHC calendar do not apply to it. */
	if (from >= 0 && to >= 0 && to - from < 28)
		k = PERIOD_NONE;
	if (k != PERIOD_NONE && (from >= 0 || to >= 0)) {
		unsigned slack = c->set->period_slack_days;

		if (y != 0)
			ok = check_period_window_ok(k, y, from, to, slack);
		else {
			/* "6 tháng đầu năm" without a year: any year fits
			 * the window's own. */
			y = to >= 0 ? td.y : fd.y + 1;
			ok = check_period_window_ok(k, y, from, to, slack) ||
			    check_period_window_ok(k, y - 1, from, to, slack);
		}
		if (!ok) {
			f = check_flag_new(
			    c->a, "period_mismatch", c->set->period_mismatch);
			if (f == NULL) {
				c->nomem = true;
				return;
			}
			f->has_tolerance = true;
			f->tolerance = slack;
			evidence_meta(
			    c, f, "kỳ báo cáo trong tiêu đề", m->period.label);
			evidence_meta(c, f, "từ ngày", m->period.from);
			evidence_meta(c, f, "đến ngày", m->period.to);
			windows_text(k, y, std, sizeof std);
			push(c, f,
			    arena_printf(c->a,
				"Tiêu đề ghi kỳ báo cáo \"%s\" nhưng thời gian số liệu là từ %s đến %s (kỳ này thường là %s)",
				m->period.label, f1, f2, std),
			    arena_printf(c->a,
				"The title names the period \"%s\" but the figures cover %s to %s (that period is usually %s)",
				m->period.label, f1, f2, std));
		}
	}
	if (to >= 0 && date_from_iso(m->date, &rd) &&
	    date_days(rd.y, rd.m, rd.d) < to) {
		char r1[16];

		dmy(m->date, r1, sizeof r1);
		f = check_flag_new(c->a, "report_before_period_end",
		    c->set->report_before_period_end);
		if (f == NULL) {
			c->nomem = true;
			return;
		}
		evidence_meta(c, f, "ngày báo cáo", m->date);
		evidence_meta(c, f, "đến ngày", m->period.to);
		push(c, f,
		    arena_printf(c->a,
			"Báo cáo đề ngày %s nhưng số liệu tính đến ngày %s, sau ngày báo cáo",
			r1, f2),
		    arena_printf(c->a,
			"The report is dated %s but its figures run to %s, after that date",
			r1, f2));
	}
}

enum err
check_dates(const struct result *in, const struct rules_settings *set,
    struct arena *a, struct ptrvec *out)
{
	struct dctx c = { in, set, a, out, false };

	cited(&c);
	if (!c.nomem)
		period(&c);
	return c.nomem ? ERR_NOMEM : ERR_OK;
}
