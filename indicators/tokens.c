/* SPDX-License-Identifier: MIT */
/* A Unicode-aware tokenizer over GLib's character classes. */
#include "indicators/tokens.h"

#include <glib.h>
#include <string.h>

#include "indicators/fold.h"

static bool
is_word_char(gunichar c)
{
	GUnicodeType t = g_unichar_type(c);

	return g_unichar_isalnum(c) || t == G_UNICODE_NON_SPACING_MARK ||
	    t == G_UNICODE_SPACING_MARK || t == G_UNICODE_ENCLOSING_MARK;
}

static bool
is_space(gunichar c)
{
	return g_unichar_isspace(c) || c == 0x00A0 || c == 0x202F ||
	    c == 0x200B || c == 0xFEFF;
}

enum err
tokens_split(
    struct arena *a, const char *s, size_t len, size_t max, struct tokens *out)
{
	const char *p = s, *end = s + len;
	size_t cap = 0;
	bool space = true;

	out->v = NULL;
	out->n = 0;
	if (len > G_MAXSSIZE)
		return ERR_LIMIT;
	while (p < end && out->n < max) {
		gunichar c = g_utf8_get_char_validated(p, (gssize)(end - p));
		const char *q;
		struct token *t;

		if (c == (gunichar)-1 || c == (gunichar)-2) {
			p++; /* invalid byte: skip it */
			space = true;
			continue;
		}
		if (is_space(c)) {
			p += g_utf8_skip[*(const guchar *)p];
			space = true;
			continue;
		}
		if (out->n == cap) {
			size_t ncap = cap == 0 ? 64 : cap * 2;
			struct token *nv = arena_grow(
			    a, out->v, cap * sizeof *nv, ncap * sizeof *nv);

			if (nv == NULL)
				return ERR_NOMEM;
			out->v = nv;
			cap = ncap;
		}
		t = &out->v[out->n++];
		memset(t, 0, sizeof *t);
		t->p = p;
		t->space_before = space;
		space = false;
		if (c >= '0' && c <= '9') {
			q = p;
			while (q < end &&
			    ((*q >= '0' && *q <= '9') ||
				((*q == '.' || *q == ',') && q + 1 < end &&
				    q[1] >= '0' && q[1] <= '9' && q > p)))
				q++;
			t->kind = TOK_NUMBER;
		} else if (is_word_char(c)) {
			q = p;
			while (q < end) {
				gunichar d = g_utf8_get_char_validated(
				    q, (gssize)(end - q));

				if (d == (gunichar)-1 || d == (gunichar)-2 ||
				    !is_word_char(d))
					break;
				q += g_utf8_skip[*(const guchar *)q];
			}
			t->kind = TOK_WORD;
		} else {
			q = p + g_utf8_skip[*(const guchar *)p];
			t->kind = TOK_SIGN;
		}
		if (q > end)
			q = end;
		t->len = (size_t)(q - p);
		if (t->kind == TOK_WORD) {
			fold_buf(t->fold, sizeof t->fold, p, t->len);
		} else {
			size_t n = t->len < sizeof t->fold - 1
			    ? t->len
			    : sizeof t->fold - 1;

			memcpy(t->fold, p, n);
			t->fold[n] = '\0';
		}
		p = q;
	}
	return ERR_OK;
}

bool
tok_is(const struct token *t, const char *fold)
{
	return strcmp(t->fold, fold) == 0;
}

size_t
tok_span(const struct tokens *ts, size_t i, size_t j, const char **p)
{
	*p = ts->v[i].p;
	return (size_t)(ts->v[j].p + ts->v[j].len - ts->v[i].p);
}
