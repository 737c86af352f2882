/* SPDX-License-Identifier: MIT */
/* Dates of cited documents, malformed dates, and the reporting period. */
#include "indicators/check_dates.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "indicators/check_flag.h"
#include "indicators/check_fold.h"
#include "indicators/cited_docs.h"

long
check_days(int y, int m, int d)
{
	/* Days from civil, after H. Hinnant's public-domain algorithm. */
	long yy = (long)y - (m <= 2);
	long era = (yy >= 0 ? yy : yy - 399) / 400;
	long yoe = yy - era * 400;
	long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

bool
check_parse_iso(const char *s, int *y, int *m, int *d)
{
	int i;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	*y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0');
	*m = (s[5] - '0') * 10 + (s[6] - '0');
	*d = (s[8] - '0') * 10 + (s[9] - '0');
	return cited_date_valid(*y, *m, *d);
}

/* Splits folded text into words of letters and digits. */
static size_t
label_words(char *buf, char **w, size_t cap)
{
	size_t n = 0;
	char *p = buf;

	while (*p != '\0' && n < cap) {
		while (*p != '\0' &&
		    !((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')))
			*p++ = '\0';
		if (*p == '\0')
			break;
		w[n++] = p;
		while ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'))
			p++;
	}
	return n;
}

enum check_period
check_period_parse(const char *label, int *year)
{
	static const char *const quarters[] = { "i", "ii", "iii", "iv" };
	enum check_period k = CHECK_PERIOD_UNKNOWN;
	char buf[256], *w[48];
	size_t n, i, q;
	bool has_nam = false, short_period = false;

	*year = 0;
	if (label == NULL)
		return k;
	(void)check_fold_into(buf, sizeof buf, label, strlen(label));
	n = label_words(buf, w, G_N_ELEMENTS(w));
	for (i = 0; i < n; i++) {
		size_t len = strlen(w[i]);

		if (len == 4 && w[i][0] >= '1' && w[i][0] <= '2') {
			int v = 0;
			size_t t;

			for (t = 0; t < 4 && w[i][t] >= '0' && w[i][t] <= '9';
			     t++)
				v = v * 10 + (w[i][t] - '0');
			if (t == 4 && v >= 1990 && v <= 2100)
				*year = v;
		}
		if (strcmp(w[i], "nam") == 0)
			has_nam = true;
		/* "tuần 02 tháng 6 năm 2026", "tháng 6 năm 2026": a week or a
		 * month, not the year the label ends with. */
		if (strcmp(w[i], "tuan") == 0 ||
		    (strcmp(w[i], "thang") == 0 && i + 1 < n &&
			w[i + 1][0] >= '0' && w[i + 1][0] <= '9'))
			short_period = true;
		if (k != CHECK_PERIOD_UNKNOWN || i + 1 >= n)
			continue;
		if (strcmp(w[i], "quy") == 0) {
			for (q = 0; q < 4; q++)
				if (strcmp(w[i + 1], quarters[q]) == 0 ||
				    (w[i + 1][0] == (char)('1' + q) &&
					w[i + 1][1] == '\0'))
					k = (enum check_period)(
					    CHECK_PERIOD_Q1 + q);
		} else if (strcmp(w[i + 1], "thang") == 0) {
			if (strcmp(w[i], "6") == 0 || strcmp(w[i], "06") == 0 ||
			    strcmp(w[i], "sau") == 0)
				k = (i + 2 < n && strcmp(w[i + 2], "cuoi") == 0)
				    ? CHECK_PERIOD_H2
				    : CHECK_PERIOD_H1;
			else if (strcmp(w[i], "9") == 0 ||
			    strcmp(w[i], "09") == 0 ||
			    strcmp(w[i], "chin") == 0)
				k = CHECK_PERIOD_M9;
		}
	}
	if (k == CHECK_PERIOD_UNKNOWN && has_nam && *year != 0 && !short_period)
		k = CHECK_PERIOD_YEAR;
	return k;
}

struct window {
	int fm, fd, tm, td; /* from month/day, to month/day */
	int fy;             /* from year relative to the period's year */
};

/* The windows a period may have: shifted, calendar, and for a quarter
 * the cumulative one from the start of the year. */
static size_t
windows(enum check_period k, struct window *w)
{
	static const struct window shifted[] = {
		[CHECK_PERIOD_Q1] = { 12, 15, 3, 14, -1 },
		[CHECK_PERIOD_Q2] = { 3, 15, 6, 14, 0 },
		[CHECK_PERIOD_Q3] = { 6, 15, 9, 14, 0 },
		[CHECK_PERIOD_Q4] = { 9, 15, 12, 14, 0 },
		[CHECK_PERIOD_H1] = { 12, 15, 6, 14, -1 },
		[CHECK_PERIOD_H2] = { 6, 15, 12, 14, 0 },
		[CHECK_PERIOD_M9] = { 12, 15, 9, 14, -1 },
		[CHECK_PERIOD_YEAR] = { 12, 15, 12, 14, -1 },
	};
	static const struct window calendar[] = {
		[CHECK_PERIOD_Q1] = { 1, 1, 3, 31, 0 },
		[CHECK_PERIOD_Q2] = { 4, 1, 6, 30, 0 },
		[CHECK_PERIOD_Q3] = { 7, 1, 9, 30, 0 },
		[CHECK_PERIOD_Q4] = { 10, 1, 12, 31, 0 },
		[CHECK_PERIOD_H1] = { 1, 1, 6, 30, 0 },
		[CHECK_PERIOD_H2] = { 7, 1, 12, 31, 0 },
		[CHECK_PERIOD_M9] = { 1, 1, 9, 30, 0 },
		[CHECK_PERIOD_YEAR] = { 1, 1, 12, 31, 0 },
	};
	size_t n = 0;
	enum check_period cum = CHECK_PERIOD_UNKNOWN;

	if (k == CHECK_PERIOD_UNKNOWN || k > CHECK_PERIOD_YEAR)
		return 0;
	w[n++] = shifted[k];
	w[n++] = calendar[k];
	if (k == CHECK_PERIOD_Q2)
		cum = CHECK_PERIOD_H1;
	else if (k == CHECK_PERIOD_Q3)
		cum = CHECK_PERIOD_M9;
	else if (k == CHECK_PERIOD_Q4)
		cum = CHECK_PERIOD_YEAR;
	if (cum != CHECK_PERIOD_UNKNOWN) {
		w[n++] = shifted[cum];
		w[n++] = calendar[cum];
	}
	return n;
}

bool
check_period_window_ok(
    enum check_period k, int year, long from, long to, unsigned slack)
{
	struct window w[4];
	size_t n = windows(k, w), i;

	if (n == 0)
		return true; /* nothing to compare with */
	for (i = 0; i < n; i++) {
		long f = check_days(year + w[i].fy, w[i].fm, w[i].fd);
		long t = check_days(year, w[i].tm, w[i].td);

		if ((from < 0 || labs(from - f) <= (long)slack) &&
		    (to < 0 || labs(to - t) <= (long)slack))
			return true;
	}
	return false;
}

/* The standard windows of a period as text, for the message. */
static void
windows_text(enum check_period k, int year, char *buf, size_t cap)
{
	struct window w[4];
	size_t n = windows(k, w), i, len = 0;

	buf[0] = '\0';
	for (i = 0; i < n && i < 2 && len < cap; i++)
		len += (size_t)snprintf(buf + len, cap - len,
		    "%s%02d/%02d/%d–%02d/%02d/%d", i > 0 ? ", " : "", w[i].fd,
		    w[i].fm, year + w[i].fy, w[i].td, w[i].tm, year);
}

static void
dmy(const char *iso, char *buf, size_t cap)
{
	int y, m, d;

	if (check_parse_iso(iso, &y, &m, &d))
		(void)snprintf(buf, cap, "%02d/%02d/%d", d, m, y);
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
	if (f == NULL || vi == NULL || en == NULL ||
	    check_flag_message(f, c->a, vi, en) != 0 ||
	    ptrvec_push(c->out, c->a, f) != 0)
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
after_report(struct dctx *c, const struct cited_doc *cd, int ry, int rm, int rd,
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
	    check_days(cd->year - 1, cd->month, cd->day) <=
		check_days(ry, rm, rd)) {
		(void)snprintf(hint_vi, sizeof hint_vi,
		    "; có thể năm đúng là %d", cd->year - 1);
		(void)snprintf(hint_en, sizeof hint_en, "; the year may be %d",
		    cd->year - 1);
	}
	push(c, f,
	    arena_printf(c->a,
		"Văn bản được trích dẫn \"%s\" có ngày %02d/%02d/%d, sau ngày của báo cáo (%02d/%02d/%d)%s",
		cd->text, cd->day, cd->month, cd->year, rd, rm, ry, hint_vi),
	    arena_printf(c->a,
		"The cited document \"%s\" is dated %02d/%02d/%d, after the report itself (%02d/%02d/%d)%s",
		cd->text, cd->day, cd->month, cd->year, rd, rm, ry, hint_en));
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
	int ry = 0, rm = 0, rd = 0;
	bool have_date;
	size_t i, first = c->out->n;

	if (cited_docs_find(c->r->doc, c->a, &v) != ERR_OK) {
		c->nomem = true;
		return;
	}
	have_date = check_parse_iso(c->r->metadata.date, &ry, &rm, &rd);
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
		if (check_days(cd->year, cd->month, cd->day) >
		    check_days(ry, rm, rd))
			after_report(c, cd, ry, rm, rd, first);
	}
}

static void
period(struct dctx *c)
{
	const struct result_metadata *m = &c->r->metadata;
	int y = 0, fy, fm, fd, ty, tm, td, ry, rm, rd;
	long from = -1, to = -1;
	enum check_period k;
	bool ok;
	char f1[16], f2[16], std[128];
	struct result_flag *f;

	if (check_parse_iso(m->period.from, &fy, &fm, &fd))
		from = check_days(fy, fm, fd);
	if (check_parse_iso(m->period.to, &ty, &tm, &td))
		to = check_days(ty, tm, td);
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
	k = check_period_parse(m->period.label, &y);
	/* A window shorter than a month is a weekly or monthly report
	 * ("Báo cáo công tác tuần 02 tháng 6 năm 2026"): the quarters and
	 * years of the CCHC calendar do not apply to it. */
	if (from >= 0 && to >= 0 && to - from < 28)
		k = CHECK_PERIOD_UNKNOWN;
	if (k != CHECK_PERIOD_UNKNOWN && (from >= 0 || to >= 0)) {
		unsigned slack = c->set->period_slack_days;

		if (y != 0)
			ok = check_period_window_ok(k, y, from, to, slack);
		else {
			/* "6 tháng đầu năm" without a year: any year fits
			 * the window's own. */
			y = to >= 0 ? ty : fy + 1;
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
	if (to >= 0 && check_parse_iso(m->date, &ry, &rm, &rd) &&
	    check_days(ry, rm, rd) < to) {
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
