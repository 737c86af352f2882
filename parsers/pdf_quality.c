/* SPDX-License-Identifier: MIT */
/*
 * Is a text layer worth reading?  A phone scanner's invisible OCR layer
 * set in a WinAnsi font cannot hold Vietnamese and reads "CØNG HOÀXÃ
 * HØI"; a font without a ToUnicode map gives U+FFFD, private-use code
 * points or control characters; a signed scan may carry no text but the
 * signing tool's banner.  Such pages go to OCR instead.
 */
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "parsers/pdf_int.h"

/*
 * A Vietnamese letter beyond ASCII: one of the 134 letters (a vowel with
 * at most one vowel mark that belongs to it and at most one tone), or
 * đ/Đ.  Latin letters outside this set (Ø, æ, Ü, Ñ, Å ...) are what a
 * Vietnamese text drawn through the wrong encoding turns into.
 */
static bool
is_viet_letter(gunichar c)
{
	gunichar d[8], base;
	gsize n, i;
	int vowel_marks = 0, tones = 0;

	if (c == 0x0110 || c == 0x0111)
		return true;
	n = g_unichar_fully_decompose(c, FALSE, d, G_N_ELEMENTS(d));
	if (n < 2 || n > 3)
		return false;
	base = g_unichar_tolower(d[0]);
	if (strchr("aeiouy", (int)base) == NULL || base > 0x7f)
		return false;
	for (i = 1; i < n; i++) {
		switch (d[i]) {
		case 0x0302: /* circumflex: â ê ô */
			if (base != 'a' && base != 'e' && base != 'o')
				return false;
			vowel_marks++;
			break;
		case 0x0306: /* breve: ă */
			if (base != 'a')
				return false;
			vowel_marks++;
			break;
		case 0x031B: /* horn: ơ ư */
			if (base != 'o' && base != 'u')
				return false;
			vowel_marks++;
			break;
		case 0x0300:
		case 0x0301:
		case 0x0303:
		case 0x0309:
		case 0x0323:
			tones++;
			break;
		default:
			return false;
		}
	}
	return vowel_marks <= 1 && tones <= 1;
}

/* Latin letters: the ranges a mis-mapped single-byte font lands in. */
static bool
is_latin(gunichar c)
{
	return (c >= 0x00C0 && c <= 0x024F) || (c >= 0x1E00 && c <= 0x1EFF);
}

/* Contract in pdf_int.h: letters, bad characters and non-space
 * characters of `s`; invalid UTF-8 counts as bad. */
void
pdf_text_count(const char *s, size_t len, struct pdf_text_stats *st)
{
	const char *p = s, *end = s + len;

	while (p < end) {
		gunichar c = g_utf8_get_char_validated(p, (gssize)(end - p));

		if (c == (gunichar)-1 || c == (gunichar)-2) {
			st->bad++;
			st->chars++;
			p++;
			continue;
		}
		p += g_utf8_skip[*(const guchar *)p];
		if (g_unichar_isspace(c))
			continue;
		st->chars++;
		if (c == 0xFFFD || (c >= 0xE000 && c <= 0xF8FF) ||
		    c >= 0xF0000 || (c < 0x20) || (c >= 0x7F && c < 0xA0)) {
			st->bad++;
			continue;
		}
		if (!g_unichar_isalpha(c))
			continue;
		if (c < 0x80 || is_viet_letter(c))
			st->letters++;
		else if (is_latin(c))
			st->bad++;
	}
}

/* Contract in pdf_int.h. */
bool
pdf_text_is_garbage(const struct pdf_text_stats *st)
{
	/* Real Vietnamese text has no such letters at all; the mis-mapped
	 * layers we have seen have 7-9 %.  A stray symbol or two is not
	 * enough. */
	return st->bad >= 3 && st->bad * 50 > st->letters + st->bad;
}

/* Lower-case markers, each with the colon that follows it in banners,
 * so "thời gian ký kết" in a sentence is not one. */
static const char *const banner_marks[] = {
	"ký bởi:",
	"thời gian ký:",
	"cơ quan phát hành:",
	"người ký:",
	"ngày ký:",
	"digitally signed by",
	"signed by:",
	"signature not verified",
	"signature valid",
};

struct bline {
	double y0, y1, x0, x1;
	size_t first, n; /* into the sorted index */
	size_t bytes;
	bool marked;
};

struct bkey {
	double yc, x;
	size_t i;
};

static int
bkey_cmp(const void *pa, const void *pb)
{
	const struct bkey *a = pa, *b = pb;

	if (a->yc != b->yc)
		return a->yc < b->yc ? -1 : 1;
	if (a->x != b->x)
		return a->x < b->x ? -1 : 1;
	return (a->i > b->i) - (a->i < b->i);
}

static bool
contains(const char *s, size_t len, const char *pat)
{
	size_t pl = strlen(pat), i;

	for (i = 0; i + pl <= len; i++)
		if (memcmp(s + i, pat, pl) == 0)
			return true;
	return false;
}

/* Every marker has "ký" (in NFC or NFD) or "ign"; lines without either
 * are not normalised and searched at all. */
static bool
may_have_mark(const struct layout_word *words, const struct bkey *k,
    const struct bline *ln)
{
	static const char *const bits[] = { "\xc3\xbd", "\xc3\x9d", "y\xcc\x81",
		"Y\xcc\x81", "ign", "IGN" };
	size_t i, b;

	for (i = ln->first; i < ln->first + ln->n; i++) {
		const struct layout_word *w = &words[k[i].i];

		for (b = 0; b < G_N_ELEMENTS(bits); b++)
			if (contains(w->text, w->len, bits[b]))
				return true;
	}
	return false;
}

static bool
line_has_mark(const struct layout_word *words, const struct bkey *k,
    const struct bline *ln)
{
	GString *s = g_string_new(NULL);
	gchar *norm, *low;
	size_t i, m;
	bool hit = false;

	for (i = ln->first; i < ln->first + ln->n; i++) {
		const struct layout_word *w = &words[k[i].i];

		if (s->len > 0)
			g_string_append_c(s, ' ');
		g_string_append_len(s, w->text, (gssize)w->len);
	}
	norm = g_utf8_normalize(s->str, (gssize)s->len, G_NORMALIZE_NFC);
	g_string_free(s, TRUE);
	if (norm == NULL)
		return false;
	low = g_utf8_strdown(norm, -1);
	g_free(norm);
	for (m = 0; m < G_N_ELEMENTS(banner_marks) && !hit; m++)
		hit = strstr(low, banner_marks[m]) != NULL;
	g_free(low);
	return hit;
}

/* Contract in pdf_int.h: lines naming a signing tool's fields, and the
 * short lines stacked with them, marked in `drop`. */
size_t
pdf_mark_banners(const struct layout_word *words, size_t n, bool *drop)
{
	struct bkey *k = NULL;
	struct bline *ln = NULL;
	size_t nl = 0, i, j, marked = 0;

	if (n == 0)
		return 0;
	k = calloc(n, sizeof *k);
	ln = calloc(n, sizeof *ln);
	if (k == NULL || ln == NULL)
		goto out;
	for (i = 0; i < n; i++) {
		k[i].yc = (words[i].box.y0 + words[i].box.y1) / 2;
		k[i].x = words[i].box.x0;
		k[i].i = i;
	}
	qsort(k, n, sizeof *k, bkey_cmp);
	for (i = 0; i < n; i++) {
		const struct layout_word *w = &words[k[i].i];
		struct bline *cur = nl > 0 ? &ln[nl - 1] : NULL;
		double h = w->box.y1 - w->box.y0;

		if (cur == NULL || k[i].yc - (cur->y0 + cur->y1) / 2 > h / 2) {
			cur = &ln[nl++];
			cur->first = i;
			cur->y0 = w->box.y0;
			cur->y1 = w->box.y1;
			cur->x0 = w->box.x0;
			cur->x1 = w->box.x1;
		}
		cur->n++;
		cur->bytes += w->len + 1;
		cur->x0 = w->box.x0 < cur->x0 ? w->box.x0 : cur->x0;
		cur->x1 = w->box.x1 > cur->x1 ? w->box.x1 : cur->x1;
	}
	for (i = 0; i < nl; i++) {
		if (ln[i].bytes > 160 || !may_have_mark(words, k, &ln[i]) ||
		    !line_has_mark(words, k, &ln[i]))
			continue;
		ln[i].marked = true;
		/* The short lines stacked with it, up and down. */
		for (j = i; j > 0 && i - j < 4; j--) {
			const struct bline *a = &ln[j - 1], *b = &ln[j];
			double h = b->y1 - b->y0;

			if (b->y0 - a->y1 > h || a->bytes > 80 ||
			    a->x1 < ln[i].x0 || a->x0 > ln[i].x1)
				break;
			ln[j - 1].marked = true;
		}
		for (j = i + 1; j < nl && j - i <= 4; j++) {
			const struct bline *a = &ln[j - 1], *b = &ln[j];
			double h = a->y1 - a->y0;

			if (b->y0 - a->y1 > h || b->bytes > 80 ||
			    b->x1 < ln[i].x0 || b->x0 > ln[i].x1)
				break;
			ln[j].marked = true;
		}
	}
	for (i = 0; i < nl; i++) {
		if (!ln[i].marked)
			continue;
		for (j = ln[i].first; j < ln[i].first + ln[i].n; j++)
			if (!drop[k[j].i]) {
				drop[k[j].i] = true;
				marked++;
			}
	}
out:
	free(k);
	free(ln);
	return marked;
}
