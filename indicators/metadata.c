/* SPDX-License-Identifier: MIT */
/* Header, title and period of a report. */
#include "indicators/metadata.h"

#include <glib.h>
#include <string.h>

#include "indicators/docnum.h"
#include "indicators/fold.h"
#include "indicators/issuer.h"
#include "indicators/tokens.h"

/* The header and title sit in the first blocks; a report whose title
 * comes later than this is not one we can read the header of. */
#define HEAD_BLOCKS 30
#define HEAD_LINES  64
#define LINE_KEY    512
#define TOKENS_MAX  4096

/* One line of the header, with the column it was in. */
struct hline {
	const char *p;
	size_t len;
	int col; /* 0 left, 1 right, -1 unknown */
};

struct hlines {
	struct hline v[HEAD_LINES];
	size_t n;
};

static void
add_lines(struct hlines *hl, const char *s, size_t len, int col)
{
	const char *p = s, *end = s + len;

	while (p < end && hl->n < HEAD_LINES) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl != NULL ? nl : end;

		while (p < e && (*p == ' ' || *p == '\t'))
			p++;
		if (e > p) {
			hl->v[hl->n].p = p;
			hl->v[hl->n].len = (size_t)(e - p);
			hl->v[hl->n].col = col;
			hl->n++;
		}
		p = nl != NULL ? nl + 1 : end;
	}
}

/* The lines of a letterhead table, each tagged with the side of the
 * page its cell's centre is on. */
static void
add_table_lines(struct hlines *hl, const struct doc_table *t)
{
	unsigned row, col;

	for (row = 0; row < doc_table_nrows(t); row++) {
		for (col = 0; col < t->ncols; col++) {
			const struct doc_cell *c =
			    doc_table_cell_at(t, row, col);

			if (c == NULL || c->row != row || c->col != col ||
			    c->text == NULL)
				continue;
			add_lines(hl, c->text, strlen(c->text),
			    2 * c->col + c->col_span <= t->ncols ? 0 : 1);
		}
	}
}

/* The title line of a report: "BÁO CÁO", "BÁO CÁO Kết quả ...". */
static bool
is_title_key(const char *key)
{
	return fold_starts_with(key, "bao cao");
}

/* Words that open the name of an issuing body. */
static bool
opens_body(const char *key)
{
	static const char *const w[] = { "ubnd", "uy ban nhan dan", "hdnd",
		"hoi dong nhan dan", "so", "phong", "ban", "van phong",
		"trung tam", "cong an", "dang uy", "chi cuc", "cuc", "bo",
		"tong cuc", "ban chi dao", "thanh uy", "huyen uy", "tinh uy",
		"truong", "vien", "benh vien", "ban chap hanh", "dang bo",
		"chi bo", "hoi dong" };
	size_t i;

	for (i = 0; i < sizeof w / sizeof w[0]; i++)
		if (fold_starts_with(key, w[i]))
			return true;
	return false;
}

/* Cuts the national motto out of an interleaved line ("PHƯỜNG ĐIỆN BIÊN
 * Độc lập - Tự do - Hạnh phúc"); returns the length before it. */
static size_t
before_motto(const char *p, size_t len, bool *had)
{
	static const char *const motto[] = { "cong hoa xa hoi chu nghia",
		"doc lap tu do hanh phuc", "cong hoa", "doc lap" };
	char key[LINE_KEY];
	size_t i, cut = len;

	*had = false;
	fold_buf(key, sizeof key, p, len);
	for (i = 0; i < 2; i++) {
		if (fold_contains(key, motto[i]))
			*had = true;
	}
	if (!*had)
		return len;
	/* Find where the motto starts in the original: the last word
	 * boundary whose rest folds to a string starting with it. */
	for (i = 0; i < len; i++) {
		char k2[LINE_KEY];

		if (i > 0 && p[i - 1] != ' ')
			continue;
		fold_buf(k2, sizeof k2, p + i, len - i);
		if (fold_starts_with(k2, motto[2]) ||
		    fold_starts_with(k2, motto[3])) {
			cut = i;
			break;
		}
	}
	while (cut > 0 &&
	    (p[cut - 1] == ' ' || p[cut - 1] == '\t' || p[cut - 1] == '-'))
		cut--;
	return cut;
}

/* Underlines, rules and lone punctuation. */
static bool
is_rule(const char *p, size_t len)
{
	char key[LINE_KEY];

	fold_buf(key, sizeof key, p, len);
	return key[0] == '\0';
}

enum cat_level
metadata_level(const char *issuer)
{
	char key[LINE_KEY];
	const char *last;

	if (issuer == NULL)
		return CAT_LEVEL_ANY;
	fold_buf(key, sizeof key, issuer, strlen(issuer));
	/* The level of the last body named ("UBND HUYỆN X UBND XÃ Y"). */
	last = key;
	{
		const char *p = key;

		while ((p = strstr(p, "ubnd")) != NULL) {
			last = p;
			p += 4;
		}
		p = key;
		while ((p = strstr(p, "uy ban nhan dan")) != NULL) {
			if (p > last)
				last = p;
			p += 4;
		}
	}
	if (fold_contains(last, "phuong") || fold_contains(last, "thi tran"))
		return CAT_LEVEL_XA;
	if (fold_contains(last, "thi xa"))
		return CAT_LEVEL_HUYEN;
	if (fold_contains(last, "xa"))
		return CAT_LEVEL_XA;
	if (fold_contains(last, "huyen") || fold_contains(last, "quan") ||
	    fold_contains(last, "thanh pho"))
		return CAT_LEVEL_HUYEN;
	if (fold_contains(last, "tinh"))
		return CAT_LEVEL_TINH;
	return CAT_LEVEL_ANY;
}

static char *
iso(struct arena *a, const struct date *d)
{
	char buf[11];

	date_iso(d, buf);
	return arena_strdup(a, buf);
}

/* The first token of a header line is the word "Số". */
static bool
line_starts_number(const struct tokens *ts)
{
	static const char *const words[] = { "so", "s6", "se", "s4", "sb", "s5",
		"s0" };
	size_t i;

	for (i = 0; i < sizeof words / sizeof words[0]; i++)
		if (tok_is(&ts->v[0], words[i]))
			return true;
	return false;
}

/* "Số: 422/BC-UBND" (or a blank "Số:   /BC-UBND"), not "SỞ NỘI VỤ". */
static bool
is_number_line(const char *p, size_t len, const char *key)
{
	const char *sp = strchr(key, ' ');
	const char *colon = memchr(p, ':', len < 8 ? len : 8);

	if (!(fold_starts_with(key, "so") || fold_starts_with(key, "s6") ||
		fold_starts_with(key, "se")))
		return false;
	return colon != NULL || (sp != NULL && sp[1] >= '0' && sp[1] <= '9');
}

/* The issuer from the left column's lines above "Số". */
static char *
issuer_of(const struct hlines *hl, struct arena *a)
{
	const struct hline *body[HEAD_LINES];
	size_t nbody = 0, i, cut[HEAD_LINES];
	bool left_known = false;
	GString *s;
	char *res;

	for (i = 0; i < hl->n; i++)
		if (hl->v[i].col == 0)
			left_known = true;
	for (i = 0; i < hl->n; i++) {
		const struct hline *l = &hl->v[i];
		char key[LINE_KEY];
		bool motto;
		size_t n;

		if (left_known && l->col != 0)
			continue;
		n = before_motto(l->p, l->len, &motto);
		if (n == 0 || is_rule(l->p, n))
			continue;
		fold_buf(key, sizeof key, l->p, n);
		/* "Số: ..." ends the issuer; so does a date or the title. */
		if (is_number_line(l->p, n, key) ||
		    fold_contains(key, "ngay") || is_title_key(key) ||
		    fold_starts_with(key, "phu luc"))
			break;
		if (opens_body(key))
			nbody = 0; /* a new body: the ones above are parents */
		if (nbody < HEAD_LINES) {
			cut[nbody] = n;
			body[nbody++] = l;
		}
	}
	if (nbody == 0)
		return NULL;
	/* An issuer names a body: "UBND ...", "ỦY BAN NHÂN DÂN", "SỞ ...". */
	{
		char key[LINE_KEY];

		fold_buf(key, sizeof key, body[0]->p, cut[0]);
		if (!opens_body(key))
			return NULL;
	}
	s = g_string_new(NULL);
	for (i = 0; i < nbody; i++) {
		if (i > 0)
			g_string_append_c(s, ' ');
		g_string_append_len(s, body[i]->p, (gssize)cut[i]);
	}
	res = arena_strdup(a, s->str);
	g_string_free(s, TRUE);
	return res;
}

/* "I.", "1.", "2.1." opening a paragraph: a section, not the title. */
static bool
starts_numbered(const char *s)
{
	size_t i = 0;

	if (s[0] >= '0' && s[0] <= '9') {
		while ((s[i] >= '0' && s[i] <= '9') || s[i] == '.')
			i++;
		return i > 1 && s[i - 1] == '.' && s[i] == ' ';
	}
	while (s[i] == 'I' || s[i] == 'V' || s[i] == 'X')
		i++;
	return i > 0 && i <= 4 && s[i] == '.' && s[i + 1] == ' ';
}

/* A copy of `len` bytes with each run of white space as one space. */
static char *
collapse(struct arena *a, const char *p, size_t len)
{
	char *out = arena_alloc(a, len + 1);
	size_t i, k = 0;

	if (out == NULL)
		return NULL;
	for (i = 0; i < len; i++) {
		bool sp = p[i] == ' ' || p[i] == '\t' || p[i] == '\n';

		if (sp && (k == 0 || out[k - 1] == ' '))
			continue;
		out[k++] = sp ? ' ' : p[i];
	}
	while (k > 0 && out[k - 1] == ' ')
		k--;
	out[k] = '\0';
	return out;
}

/* "Kính gửi: Phòng Nội vụ huyện X." gives "Phòng Nội vụ huyện X". */
static void
recipient_of(struct result *r, struct arena *a, const struct doc_block *b)
{
	const char *p = memchr(b->text, ':', b->len);
	size_t k;

	if (p == NULL || r->metadata.recipient != NULL)
		return;
	p++;
	while (*p == ' ' || *p == '\t')
		p++;
	k = strlen(p);
	while (k > 0 &&
	    (p[k - 1] == '.' || p[k - 1] == ' ' || p[k - 1] == '\t' ||
		p[k - 1] == ';'))
		k--;
	if (k > 0)
		r->metadata.recipient = arena_strndup(a, p, k);
}

/* Text of top-level paragraph blocks only. */
static bool
is_text_block(const struct doc_block *b)
{
	return b->kind != DOC_TABLE && b->part == DOC_PART_BODY;
}

/* The period label and window in tokens of `text`; returns the label
 * in `arena` when found. */
static void
period_in(struct arena *a, const char *text, size_t len, struct result *r,
    struct metadata_info *info, bool want_label, bool want_range)
{
	struct tokens ts;
	struct period_label pl;
	struct date s, e;
	size_t at;

	if (tokens_split(a, text, len, TOKENS_MAX, &ts) != ERR_OK)
		return;
	if (want_label && r->metadata.period.label == NULL &&
	    period_find_label(&ts, 0, ts.n, &pl)) {
		const char *p;
		size_t n = tok_span(&ts, pl.first, pl.last, &p);

		r->metadata.period.label = collapse(a, p, n);
		info->period = pl.kind;
		info->period_year = pl.year;
	}
	if (want_range && r->metadata.period.from == NULL &&
	    period_find_range(&ts, 0, ts.n, &s, &e, &at)) {
		r->metadata.period.from = iso(a, &s);
		r->metadata.period.to = iso(a, &e);
	}
}

enum err
metadata_map(const struct doc *d, struct result *r, struct arena *a,
    struct metadata_info *info)
{
	struct hlines hl;
	size_t i, title = d->blocks.n, n = d->blocks.n;
	char key[LINE_KEY];

	memset(info, 0, sizeof *info);
	hl.n = 0;
	info->title_end = 0;
	info->body_end = n;
	info->appendix = n;

	/* The header: blocks before the title ("BÁO CÁO"), the recipient
	 * line or the first paragraph of running text. */
	{
		bool header_table = false;

		for (i = 0; i < n && i < HEAD_BLOCKS; i++) {
			const struct doc_block *b = d->blocks.v[i];

			if (b->kind == DOC_TABLE) {
				const struct doc_table *t = b->table;

				/* One letterhead table; a later table is the
				 * "V/v" box or the text. */
				if (header_table)
					break;
				if (t == NULL || t->ncols > 6 ||
				    doc_table_nrows(t) > 6)
					continue;
				header_table = true;
				add_table_lines(&hl, t);
				continue;
			}
			if (b->part != DOC_PART_BODY &&
			    b->part != DOC_PART_TEXTBOX)
				continue;
			fold_buf(key, sizeof key, b->text, b->len);
			if (is_title_key(key) && b->len < 400) {
				title = i;
				break;
			}
			if (fold_starts_with(key, "kinh gui") || b->len > 250)
				break;
			{
				int col = -1;
				const struct doc_page *pg =
				    doc_page_get(d, b->page);

				/* PDF and OCR: the column from the block's
				 * place. */
				if (b->has_box && pg != NULL && pg->width > 0)
					col = (b->box.x0 + b->box.x1) / 2 <
						pg->width / 2
					    ? 0
					    : 1;
				add_lines(&hl, b->text, b->len, col);
			}
		}
	}
	/* A title after the recipient line (rare) still counts. */
	for (; title == n && i < n && i < HEAD_BLOCKS; i++) {
		const struct doc_block *b = d->blocks.v[i];

		if (!is_text_block(b) || b->len >= 400)
			continue;
		fold_buf(key, sizeof key, b->text, b->len);
		if (is_title_key(key))
			title = i;
	}

	/* Issuer, number and date from the header lines. */
	{
		const struct doc_page *p1 = doc_page_get(d, 1);

		r->metadata.issuer = issuer_clean(issuer_of(&hl, a), d,
		    p1 != NULL && p1->method == DOC_METHOD_OCR, a);
	}
	info->level = metadata_level(r->metadata.issuer);
	for (i = 0; i < hl.n; i++) {
		struct tokens ts;
		char num[DOCNUM_MAX];
		struct date dt;
		size_t at, next;

		if (tokens_split(a, hl.v[i].p, hl.v[i].len, TOKENS_MAX, &ts) !=
		    ERR_OK)
			return ERR_NOMEM;
		/* The number of the report itself: a line that starts
		 * with "Số", not a document cited in the "V/v" line. */
		if (r->metadata.doc_number == NULL && ts.n > 0 &&
		    line_starts_number(&ts) && docnum_find(&ts, 0, ts.n, num)) {
			r->metadata.doc_number = arena_strdup(a, num);
			if (r->metadata.doc_number == NULL)
				return ERR_NOMEM;
		}
		/* "<place>, ngày D tháng M năm Y" or a line starting with
		 * "Ngày". */
		if (r->metadata.date == NULL &&
		    date_find(&ts, 0, ts.n, &dt, &at, &next) &&
		    tok_is(&ts.v[at], "ngay") &&
		    (at == 0 || tok_is(&ts.v[at - 1], ","))) {
			r->metadata.date = iso(a, &dt);
			if (r->metadata.date == NULL)
				return ERR_NOMEM;
		}
	}

	/* The title block: from "BÁO CÁO" to "Kính gửi" or the first
	 * paragraph of the text.  A title broken over paragraphs ("...
	 * tháng 6" / "năm 2026 ...") is read joined. */
	if (title < n) {
		GString *tt = g_string_new(NULL);
		bool window = false;

		for (i = title; i < n && i < title + 8; i++) {
			const struct doc_block *b = d->blocks.v[i];

			if (!is_text_block(b))
				continue;
			fold_buf(key, sizeof key, b->text, b->len);
			if (fold_starts_with(key, "kinh gui")) {
				recipient_of(r, a, b);
				i++;
				break;
			}
			if (i > title &&
			    (fold_starts_with(key, "thuc hien") ||
				fold_starts_with(key, "can cu") ||
				b->len > 300 || starts_numbered(b->text)))
				break;
			if (fold_contains(key, "ky bao cao") ||
			    fold_starts_with(key, "tu ngay") ||
			    fold_contains(key, "tinh tu ngay"))
				window = true;
			if (tt->len > 0)
				g_string_append_c(tt, ' ');
			g_string_append_len(tt, b->text, (gssize)b->len);
		}
		period_in(a, tt->str, tt->len, r, info, true, window);
		g_string_free(tt, TRUE);
		info->title_end = i;
	}

	/* Letters and plans: "Kính gửi" among the first blocks; when the
	 * line names no one, the "- ..." lines under it do. */
	for (i = 0; i < n && i < HEAD_BLOCKS && r->metadata.recipient == NULL;
	     i++) {
		const struct doc_block *b = d->blocks.v[i];
		GString *list;
		size_t j;

		if (!is_text_block(b) || b->len > 300)
			continue;
		fold_buf(key, sizeof key, b->text, b->len);
		if (!fold_starts_with(key, "kinh gui"))
			continue;
		recipient_of(r, a, b);
		if (r->metadata.recipient != NULL)
			break;
		list = g_string_new(NULL);
		for (j = i + 1; j < n && j < i + 8; j++) {
			const struct doc_block *e = d->blocks.v[j];
			const char *p = e->text;
			size_t k;

			if (!is_text_block(e) || (p[0] != '-' && p[0] != '+'))
				break;
			p++;
			while (*p == ' ')
				p++;
			k = strlen(p);
			while (k > 0 &&
			    (p[k - 1] == ';' || p[k - 1] == '.' ||
				p[k - 1] == ' '))
				k--;
			if (list->len > 0)
				g_string_append(list, "; ");
			g_string_append_len(list, p, (gssize)k);
		}
		if (list->len > 0)
			r->metadata.recipient = arena_strdup(a, list->str);
		g_string_free(list, TRUE);
		break;
	}

	/* Where the body ends: the signature block or the appendix. */
	for (i = info->title_end; i < n; i++) {
		const struct doc_block *b = d->blocks.v[i];
		const char *s = b->text;
		size_t len = b->len;

		if (b->kind == DOC_TABLE && b->table != NULL) {
			const struct doc_cell *c =
			    doc_table_cell_at(b->table, 0, 0);

			s = c != NULL && c->text != NULL ? c->text : "";
			len = strlen(s);
		}
		fold_buf(key, sizeof key, s, len < 200 ? len : 200);
		if (info->body_end == n && fold_starts_with(key, "noi nhan"))
			info->body_end = i;
		if (b->kind != DOC_TABLE && len < 200 &&
		    (fold_starts_with(key, "phu luc") ||
			fold_starts_with(key, "thong ke so lieu"))) {
			info->appendix = i;
			if (info->body_end > i)
				info->body_end = i;
			break;
		}
	}

	/* The appendix heading: the window ("Kỳ báo cáo: ...") and, when the
	 * title had none, the period ("Đính kèm Báo cáo ... quý II/2024"). */
	for (i = info->appendix; i < n && i < info->appendix + 8; i++) {
		const struct doc_block *b = d->blocks.v[i];

		if (b->kind == DOC_TABLE)
			break;
		if (!is_text_block(b))
			continue;
		fold_buf(key, sizeof key, b->text, b->len);
		period_in(a, b->text, b->len, r, info,
		    fold_contains(key, "bao cao"),
		    fold_contains(key, "ky bao cao") ||
			fold_starts_with(key, "tu ngay"));
	}
	/* Last resort for the window: a "Kỳ báo cáo" line anywhere. */
	for (i = 0; i < n && r->metadata.period.from == NULL; i++) {
		const struct doc_block *b = d->blocks.v[i];

		if (!is_text_block(b) || b->len > 400)
			continue;
		fold_buf(key, sizeof key, b->text, b->len);
		if (fold_contains(key, "ky bao cao"))
			period_in(a, b->text, b->len, r, info, false, true);
	}
	return ERR_OK;
}
