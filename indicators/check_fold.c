/* SPDX-License-Identifier: MIT */
/* Folded text with offsets, and its words. */
#include "indicators/check_fold.h"

#include <glib.h>
#include <string.h>

/* The ASCII letter or digit a character folds to, or 0x01. */
static char
fold_char(gunichar c)
{
	gunichar d[4];
	gsize n;

	if (c < 0x80)
		return (char)g_ascii_tolower((gchar)c);
	if (g_unichar_isspace(c))
		return ' ';
	if (c == 0x0110 || c == 0x0111 || c == 0x00D0 || c == 0x00F0)
		return 'd'; /* Đ đ, and the look-alike Ð ð */
	if (c == 0x2013 || c == 0x2014 || c == 0x2212 || c == 0x2010 ||
	    c == 0x2011)
		return '-';
	n = g_unichar_fully_decompose(c, FALSE, d, G_N_ELEMENTS(d));
	if (n > 0 && d[0] < 0x80 && g_ascii_isalpha((gchar)d[0]))
		return (char)g_ascii_tolower((gchar)d[0]);
	return '\x01';
}

static bool
is_trail(char c)
{
	return c == '.' || c == ',' || c == ';' || c == ':' || c == ')' ||
	    c == '"' || c == '!' || c == '?';
}

static int
split_words(struct check_fold *f, struct arena *a)
{
	size_t i = 0, cap = 0, nw = 0;
	struct check_word *w = NULL;

	while (i < f->n) {
		size_t b, e;

		while (i < f->n && f->s[i] == ' ')
			i++;
		if (i == f->n)
			break;
		b = i;
		while (i < f->n && f->s[i] != ' ')
			i++;
		e = i;
		/* Join "260/" + "UBND" and "1652" + "/KH-UBND". */
		if (nw > 0) {
			size_t pe = w[nw - 1].e;
			char last = pe > 0 ? f->s[pe - 1] : ' ';

			if (last == '/' || last == '-' || f->s[b] == '/' ||
			    f->s[b] == '-') {
				w[nw - 1].e = e;
				continue;
			}
		}
		if (nw == cap) {
			size_t ncap = cap == 0 ? 64 : cap * 2;
			struct check_word *nwv =
			    arena_grow(a, w, cap * sizeof *w, ncap * sizeof *w);

			if (nwv == NULL)
				return -1;
			w = nwv;
			cap = ncap;
		}
		w[nw].b = b;
		w[nw].e = e;
		nw++;
	}
	/* Trim punctuation around each word: "2024," "(91/146". */
	for (i = 0; i < nw; i++) {
		while (w[i].e > w[i].b + 1 && is_trail(f->s[w[i].e - 1]))
			w[i].e--;
		while (w[i].e > w[i].b + 1 &&
		    (f->s[w[i].b] == '(' || f->s[w[i].b] == '"'))
			w[i].b++;
	}
	f->w = w;
	f->nw = nw;
	return 0;
}

int
check_fold_init(
    struct check_fold *f, struct arena *a, const char *text, size_t len)
{
	const char *p = text, *end;
	size_t n = 0;

	memset(f, 0, sizeof *f);
	if (len > CHECK_FOLD_MAX)
		len = CHECK_FOLD_MAX;
	end = text + len;
	/* At most one folded character per byte. */
	f->s = arena_alloc(a, len + 1);
	f->off = arena_calloc(a, len + 1, sizeof *f->off);
	if (f->s == NULL || f->off == NULL)
		return -1;
	while (p < end) {
		gunichar c = g_utf8_get_char_validated(p, end - p);
		size_t step;

		if (c == (gunichar)-1 || c == (gunichar)-2 || c == 0) {
			f->off[n] = (size_t)(p - text);
			f->s[n++] = '\x01';
			p++;
			continue;
		}
		step = (size_t)(g_utf8_next_char(p) - p);
		if (step > (size_t)(end - p))
			step = (size_t)(end - p);
		f->off[n] = (size_t)(p - text);
		f->s[n++] = fold_char(c);
		p += step;
	}
	f->off[n] = len;
	f->s[n] = '\0';
	f->n = n;
	return split_words(f, a);
}

size_t
check_fold_into(char *buf, size_t cap, const char *s, size_t len)
{
	const char *p = s, *end = s + len;
	size_t n = 0;

	if (cap == 0)
		return 0;
	while (p < end && n + 1 < cap) {
		gunichar c = g_utf8_get_char_validated(p, end - p);

		if (c == (gunichar)-1 || c == (gunichar)-2 || c == 0) {
			buf[n++] = '\x01';
			p++;
			continue;
		}
		buf[n++] = fold_char(c);
		p = g_utf8_next_char(p);
	}
	buf[n] = '\0';
	return n;
}

bool
check_fold_word_is(const struct check_fold *f, size_t i, const char *lit)
{
	size_t n = strlen(lit);

	return i < f->nw && f->w[i].e - f->w[i].b == n &&
	    memcmp(f->s + f->w[i].b, lit, n) == 0;
}

char *
check_fold_span(const struct check_fold *f, struct arena *a, const char *text,
    size_t from, size_t to)
{
	size_t b = f->off[f->w[from].b], e = f->off[f->w[to].e];

	return arena_strndup(a, text + b, e - b);
}
