/* SPDX-License-Identifier: MIT */
/* Fold keys in caller buffers and folded views, with the character rule
 * of core/text.c. */
#include "indicators/fold.h"

#include <glib.h>
#include <string.h>

#include "core/text.h"

uint32_t
fold_char(uint32_t c)
{
	return text_fold_char(c);
}

size_t
fold_buf(char *dst, size_t cap, const char *s, size_t len)
{
	gchar *nfd;
	const char *p;
	size_t n = 0;
	int space = 1;

	if (cap == 0)
		return 0;
	dst[0] = '\0';
	if (len > G_MAXSSIZE || !g_utf8_validate(s, (gssize)len, NULL))
		return 0;
	nfd = g_utf8_normalize(s, (gssize)len, G_NORMALIZE_NFD);
	if (nfd == NULL)
		return 0;
	for (p = nfd; *p != '\0'; p += g_utf8_skip[*(const guchar *)p]) {
		/* After NFD each character is a base or a mark. */
		gunichar c = fold_char(g_utf8_get_char(p));
		char enc[6];
		gint k;

		if (c == 0)
			continue;
		if (g_unichar_isalnum(c)) {
			k = g_unichar_to_utf8(c, enc);
			if (n + (size_t)k >= cap)
				break;
			memcpy(dst + n, enc, (size_t)k);
			n += (size_t)k;
			space = 0;
		} else if (!space) {
			if (n + 1 >= cap)
				break;
			dst[n++] = ' ';
			space = 1;
		}
	}
	g_free(nfd);
	while (n > 0 && dst[n - 1] == ' ')
		n--;
	dst[n] = '\0';
	return n;
}

int
fold_starts_with(const char *key, const char *prefix)
{
	size_t n = strlen(prefix);

	if (n == 0 || strncmp(key, prefix, n) != 0)
		return 0;
	return key[n] == '\0' || key[n] == ' ';
}

int
fold_contains(const char *key, const char *needle)
{
	size_t n = strlen(needle);
	const char *p = key;

	if (n == 0)
		return 0;
	while ((p = strstr(p, needle)) != NULL) {
		if ((p == key || p[-1] == ' ') && (p[n] == '\0' || p[n] == ' '))
			return 1;
		p++;
	}
	return 0;
}

/* ---- folded views ------------------------------------------------ */

/* The byte a character has in a view: ASCII as it is (lower case), a
 * space or a dash as ' ' or '-', else its folded ASCII letter, or 0x01. */
static char
view_char(gunichar c)
{
	gunichar f;

	if (c < 0x80)
		return (char)g_ascii_tolower((gchar)c);
	if (g_unichar_isspace(c))
		return ' ';
	if (c == 0x2013 || c == 0x2014 || c == 0x2212 || c == 0x2010 ||
	    c == 0x2011)
		return '-';
	f = fold_char(c);
	if (f != 0 && f < 0x80 && g_ascii_isalpha((gchar)f))
		return (char)f;
	return '\x01';
}

static bool
is_trail(char c)
{
	return c == '.' || c == ',' || c == ';' || c == ':' || c == ')' ||
	    c == '"' || c == '!' || c == '?';
}

static int
split_words(struct fold_view *f, struct arena *a)
{
	size_t i = 0, cap = 0, nw = 0;
	struct fold_word *w = NULL;

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
			struct fold_word *nwv =
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
fold_view_init(
    struct fold_view *f, struct arena *a, const char *text, size_t len)
{
	const char *p = text, *end;
	size_t n = 0;

	memset(f, 0, sizeof *f);
	if (len > FOLD_VIEW_MAX)
		len = FOLD_VIEW_MAX;
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
		f->s[n++] = view_char(c);
		p += step;
	}
	f->off[n] = len;
	f->s[n] = '\0';
	f->n = n;
	return split_words(f, a);
}

size_t
fold_ascii(char *buf, size_t cap, const char *s, size_t len)
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
		buf[n++] = view_char(c);
		p = g_utf8_next_char(p);
	}
	buf[n] = '\0';
	return n;
}

bool
fold_view_word_is(const struct fold_view *f, size_t i, const char *lit)
{
	size_t n = strlen(lit);

	return i < f->nw && f->w[i].e - f->w[i].b == n &&
	    memcmp(f->s + f->w[i].b, lit, n) == 0;
}

char *
fold_view_span(const struct fold_view *f, struct arena *a, const char *text,
    size_t from, size_t to)
{
	size_t b = f->off[f->w[from].b], e = f->off[f->w[to].e];

	return arena_strndup(a, text + b, e - b);
}
