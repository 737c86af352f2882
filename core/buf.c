/* SPDX-License-Identifier: MIT */
/* Capped growable buffer. */
#include "core/buf.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
buf_init(struct buf *b, size_t max)
{
	b->data = NULL;
	b->len = b->cap = 0;
	b->max = max == 0 ? SIZE_MAX / 2 : max;
	b->overflow = false;
}

void
buf_fini(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
	b->overflow = false;
}

static bool
buf_reserve(struct buf *b, size_t add)
{
	size_t ncap;
	char *nd;

	if (b->overflow)
		return false;
	if (add > b->max - b->len) {
		b->overflow = true;
		return false;
	}
	if (b->len + add + 1 <= b->cap)
		return true;
	ncap = b->cap == 0 ? 64 : b->cap;
	while (ncap < b->len + add + 1)
		ncap *= 2;
	nd = realloc(b->data, ncap);
	if (nd == NULL) {
		b->overflow = true;
		return false;
	}
	b->data = nd;
	b->cap = ncap;
	return true;
}

bool
buf_append(struct buf *b, const char *s, size_t len)
{
	if (!buf_reserve(b, len))
		return false;
	if (len > 0)
		memcpy(b->data + b->len, s, len);
	b->len += len;
	b->data[b->len] = '\0';
	return true;
}

bool
buf_puts(struct buf *b, const char *s)
{
	return buf_append(b, s, strlen(s));
}

bool
buf_putc(struct buf *b, char c)
{
	return buf_append(b, &c, 1);
}

bool
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || !buf_reserve(b, (size_t)n))
		return false;
	va_start(ap, fmt);
	(void)vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return true;
}

bool
buf_put_utf8(struct buf *b, unsigned long cp)
{
	char s[4];

	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = 0xFFFD;
	if (cp < 0x80) {
		s[0] = (char)cp;
		return buf_append(b, s, 1);
	}
	if (cp < 0x800) {
		s[0] = (char)(0xC0 | (cp >> 6));
		s[1] = (char)(0x80 | (cp & 0x3F));
		return buf_append(b, s, 2);
	}
	if (cp < 0x10000) {
		s[0] = (char)(0xE0 | (cp >> 12));
		s[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		s[2] = (char)(0x80 | (cp & 0x3F));
		return buf_append(b, s, 3);
	}
	s[0] = (char)(0xF0 | (cp >> 18));
	s[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	s[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	s[3] = (char)(0x80 | (cp & 0x3F));
	return buf_append(b, s, 4);
}

const char *
buf_str(const struct buf *b)
{
	return b->data != NULL ? b->data : "";
}
