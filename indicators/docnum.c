/* SPDX-License-Identifier: MIT */
/* Document numbers: shape check and normal form. */
#include "indicators/docnum.h"

#include <glib.h>
#include <string.h>

/* An upper-case letter of a type or body abbreviation (Đ included). */
static bool
is_abbrev_char(gunichar c)
{
	return (c >= 'A' && c <= 'Z') || c == 0x0110 || c == '&' ||
	    (c >= '0' && c <= '9') || (g_unichar_isupper(c));
}

static bool
is_dash(gunichar c)
{
	return c == '-' || (c >= 0x2010 && c <= 0x2015) || c == 0x2212;
}

/* Checks the normal form: N[a][/YYYY]/G(-G)* or N-G/G. */
static bool
shape_ok(const char *s)
{
	const char *p = s;
	size_t nd = 0;
	bool party = false;

	while (*p >= '0' && *p <= '9') {
		p++;
		nd++;
	}
	if (nd == 0 || nd > 6)
		return false;
	if (*p >= 'a' && *p <= 'z')
		p++;
	if (*p == '-') {
		party = true;
		p++;
	} else if (*p == '/') {
		p++;
		/* An optional year. */
		if (p[0] >= '0' && p[0] <= '9') {
			size_t k = 0;

			while (p[k] >= '0' && p[k] <= '9')
				k++;
			if (k != 4 || p[k] != '/')
				return false;
			p += k + 1;
		}
	} else {
		return false;
	}
	/* Groups of abbreviation letters joined by '-' (and one '/' in the
	 * Party form).  A group starts with a capital; later letters may be
	 * small ("TTr", tờ trình). */
	{
		bool need = true, slash_seen = false;

		while (*p != '\0') {
			gunichar c = g_utf8_get_char(p);

			if (c == '-' || (c == '/' && party && !slash_seen)) {
				if (need)
					return false;
				if (c == '/')
					slash_seen = true;
				need = true;
			} else if (is_abbrev_char(c) ||
			    (!need && g_unichar_islower(c))) {
				need = false;
			} else {
				return false;
			}
			p += g_utf8_skip[*(const guchar *)p];
		}
		if (need || (party && !slash_seen))
			return false;
	}
	return true;
}

bool
docnum_parse(const char *s, size_t len, char out[DOCNUM_MAX])
{
	const char *p = s, *end = s + len;
	size_t n = 0;

	out[0] = '\0';
	if (len > G_MAXSSIZE || !g_utf8_validate(s, (gssize)len, NULL))
		return false;
	while (p < end) {
		gunichar c = g_utf8_get_char(p);
		char enc[6];
		gint k;

		if (g_unichar_isspace(c) || c == 0x00A0 || c == 0x202F) {
			p += g_utf8_skip[*(const guchar *)p];
			continue;
		}
		if (is_dash(c))
			c = '-';
		if (c == 0x00D0) /* Icelandic Eth for Đ */
			c = 0x0110;
		k = g_unichar_to_utf8(c, enc);
		if (n + (size_t)k >= DOCNUM_MAX)
			return false;
		memcpy(out + n, enc, (size_t)k);
		n += (size_t)k;
		p += g_utf8_skip[*(const guchar *)p];
	}
	out[n] = '\0';
	/* A trailing full stop or colon is punctuation of the sentence. */
	while (n > 0 &&
	    (out[n - 1] == '.' || out[n - 1] == ',' || out[n - 1] == ':' ||
		out[n - 1] == ';'))
		out[--n] = '\0';
	if (!shape_ok(out)) {
		out[0] = '\0';
		return false;
	}
	return true;
}

/* The fold keys OCR and typing give the word "Số". */
static bool
is_so_word(const struct token *t)
{
	static const char *const words[] = { "so", "s6", "se", "s4", "sb", "s5",
		"s0" };
	size_t i;

	if (t->kind != TOK_WORD)
		return false;
	for (i = 0; i < sizeof words / sizeof words[0]; i++)
		if (tok_is(t, words[i]))
			return true;
	return false;
}

/* Tokens that can be part of a document number. */
static bool
numberish(const struct token *t)
{
	gunichar c;

	if (t->kind == TOK_NUMBER)
		return true;
	c = g_utf8_get_char(t->p);
	if (t->kind == TOK_SIGN)
		return c == '/' || c == '&' || is_dash(c);
	/* Abbreviations are upper case: "BC", "UBND", "QĐ"; a lower-case
	 * letter right after the number ("30c") is glued to it. */
	return g_unichar_isupper(c) || (t->len == 1 && !t->space_before);
}

bool
docnum_find(
    const struct tokens *ts, size_t from, size_t to, char out[DOCNUM_MAX])
{
	size_t i, j, k;

	if (to > ts->n)
		to = ts->n;
	for (i = from; i < to; i++) {
		if (!is_so_word(&ts->v[i]))
			continue;
		j = i + 1;
		if (j < to && ts->v[j].kind == TOK_SIGN &&
		    (tok_is(&ts->v[j], ":") || tok_is(&ts->v[j], ".")))
			j++;
		if (j >= to || ts->v[j].kind != TOK_NUMBER)
			continue;
		/* A word joins the number only glued to it or right after a
		 * '/' or dash: "UBND" of "QĐ- UBND", not "Phường" of "Số: 257
		 * /BC-UBND Phường Ba Đình". */
		for (k = j; k + 1 < to && numberish(&ts->v[k + 1]) &&
		     !(ts->v[k + 1].kind == TOK_WORD &&
			 ts->v[k + 1].space_before &&
			 ts->v[k].kind != TOK_SIGN);
		     k++)
			;
		/* Back off until the span has the shape of a number. */
		for (; k >= j; k--) {
			const char *p;
			size_t len = tok_span(ts, j, k, &p);

			if (docnum_parse(p, len, out))
				return true;
			if (k == j)
				break;
		}
	}
	out[0] = '\0';
	return false;
}
