/* SPDX-License-Identifier: MIT */
/* HTML escaping: the one place text from outside turns into markup. */
#include "review/html.h"

#include <glib.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Escapes bytes that are valid UTF-8 (the caller made sure). */
static bool
escape_valid(struct buf *b, const char *s, size_t len)
{
	size_t i, run = 0;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *rep = NULL;

		switch (c) {
		case '&':
			rep = "&amp;";
			break;
		case '<':
			rep = "&lt;";
			break;
		case '>':
			rep = "&gt;";
			break;
		case '"':
			rep = "&quot;";
			break;
		case '\'':
			rep = "&#39;";
			break;
		default:
			/* C0 controls other than tab and newline, and
			 * DEL, have no business in a page. */
			if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f)
				rep = "\xef\xbf\xbd";
			break;
		}
		if (rep == NULL)
			continue;
		if (i > run)
			buf_append(b, s + run, i - run);
		buf_puts(b, rep);
		run = i + 1;
	}
	if (len > run)
		buf_append(b, s + run, len - run);
	return !b->overflow;
}

bool
html_textn(struct buf *b, const char *s, size_t len)
{
	gchar *fixed;
	bool ok;

	if (s == NULL)
		return !b->overflow;
	if (g_utf8_validate(s, (gssize)len, NULL))
		return escape_valid(b, s, len);
	/* Invalid sequences become U+FFFD instead of reaching the
	 * browser, whose own repair could differ from ours. */
	fixed = g_utf8_make_valid(s, (gssize)len);
	ok = escape_valid(b, fixed, strlen(fixed));
	g_free(fixed);
	return ok;
}

bool
html_text(struct buf *b, const char *s)
{
	return html_textn(b, s, s != NULL ? strlen(s) : 0);
}

bool
html_textf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	gchar *s;
	bool ok;

	va_start(ap, fmt);
	s = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	ok = html_text(b, s);
	g_free(s);
	return ok;
}

bool
html_raw(struct buf *b, const char *markup)
{
	return buf_puts(b, markup);
}

bool
html_elem(struct buf *b, const char *tag, const char *cls, const char *text)
{
	buf_putc(b, '<');
	buf_puts(b, tag);
	if (cls != NULL) {
		buf_puts(b, " class=\"");
		buf_puts(b, cls);
		buf_putc(b, '"');
	}
	buf_putc(b, '>');
	html_text(b, text);
	buf_puts(b, "</");
	buf_puts(b, tag);
	return buf_putc(b, '>');
}

bool
html_query_value(struct buf *b, const char *s)
{
	char *enc;
	bool ok;

	if (s == NULL)
		return !b->overflow;
	enc = g_uri_escape_string(s, NULL, FALSE);
	ok = html_text(b, enc);
	g_free(enc);
	return ok;
}
