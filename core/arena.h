/* SPDX-License-Identifier: MIT */
/*
 * A per-job bump allocator with a byte cap.  Everything a parser builds
 * for one document lives in its arena and goes with it; going past the
 * cap is an ordinary failure (NULL), so a hostile document cannot make
 * the process allocate without bound.
 */
#ifndef CORE_ARENA_H
#define CORE_ARENA_H

#include <stdarg.h>
#include <stddef.h>

struct arena;

/* A new arena that hands out at most `cap` bytes in all; NULL on ENOMEM. */
struct arena *arena_new(size_t cap);
void arena_free(struct arena *);

/* Zeroed, 16-byte aligned memory, or NULL when the cap or malloc fails. */
void *arena_alloc(struct arena *, size_t len);
/* `n` elements of `size` bytes, overflow-checked. */
void *arena_calloc(struct arena *, size_t n, size_t size);
/* Grows an array allocated from this arena (the old block is abandoned). */
void *arena_grow(struct arena *, void *old, size_t old_len, size_t new_len);
/* A NUL-terminated copy of `len` bytes of `s`. */
char *arena_strndup(struct arena *, const char *s, size_t len);
char *arena_strdup(struct arena *, const char *s);
char *arena_printf(struct arena *, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

size_t arena_used(const struct arena *);
size_t arena_cap(const struct arena *);

/*
 * A growable array of pointers in an arena: the parsers' lists of blocks,
 * rows and cells.  Elements are stable because only pointers move.
 */
struct ptrvec {
	void **v;
	size_t n, cap;
};

/* Appends `p`; returns 0, or -1 when the arena is exhausted. */
int ptrvec_push(struct ptrvec *, struct arena *, void *p);

#endif
