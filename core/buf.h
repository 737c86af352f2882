/* SPDX-License-Identifier: MIT */
/*
 * A growable byte buffer with a hard cap, for building text while
 * parsing.  Appending past the cap fails and leaves a sticky flag, so a
 * parser can append freely and check once at the end.
 */
#ifndef CORE_BUF_H
#define CORE_BUF_H

#include <stdbool.h>
#include <stddef.h>

struct buf {
	char *data; /* always NUL-terminated when non-NULL */
	size_t len, cap, max;
	bool overflow; /* sticky: an append failed (cap or ENOMEM) */
};

/* `max` bounds len; 0 means SIZE_MAX / 2. */
void buf_init(struct buf *, size_t max);
void buf_fini(struct buf *);
void buf_reset(struct buf *);
bool buf_append(struct buf *, const char *s, size_t len);
bool buf_puts(struct buf *, const char *s);
bool buf_putc(struct buf *, char c);
bool buf_printf(struct buf *, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Appends the UTF-8 encoding of code point `cp` (invalid ones as U+FFFD). */
bool buf_put_utf8(struct buf *, unsigned long cp);
/* The contents as a string ("" when empty); borrowed. */
const char *buf_str(const struct buf *);

#endif
