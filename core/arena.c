/* SPDX-License-Identifier: MIT */
/* Bump allocator in chunks, capped in total bytes handed out. */
#include "core/arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_CHUNK (64 * 1024)
#define ARENA_ALIGN 16

struct chunk {
	struct chunk *next;
	size_t len, used;
	_Alignas(16) unsigned char data[];
};

struct arena {
	struct chunk *head;
	size_t cap, used;
};

struct arena *
arena_new(size_t cap)
{
	struct arena *a = calloc(1, sizeof *a);

	if (a != NULL)
		a->cap = cap;
	return a;
}

void
arena_free(struct arena *a)
{
	struct chunk *c, *next;

	if (a == NULL)
		return;
	for (c = a->head; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	free(a);
}

void *
arena_alloc(struct arena *a, size_t len)
{
	struct chunk *c;
	size_t need, clen;
	void *p;

	if (len == 0)
		len = 1;
	if (len > SIZE_MAX - ARENA_ALIGN)
		return NULL;
	need = (len + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
	if (need > a->cap - a->used)
		return NULL;
	c = a->head;
	if (c == NULL || c->len - c->used < need) {
		clen = need > ARENA_CHUNK ? need : ARENA_CHUNK;
		c = malloc(sizeof *c + clen);
		if (c == NULL)
			return NULL;
		c->len = clen;
		c->used = 0;
		/* A big block gets its own chunk behind the head so the
		 * head's free space stays usable. */
		if (a->head != NULL && need > ARENA_CHUNK) {
			c->next = a->head->next;
			a->head->next = c;
		} else {
			c->next = a->head;
			a->head = c;
		}
	}
	p = c->data + c->used;
	c->used += need;
	a->used += need;
	memset(p, 0, len);
	return p;
}

void *
arena_calloc(struct arena *a, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		return NULL;
	return arena_alloc(a, n * size);
}

void *
arena_grow(struct arena *a, void *old, size_t old_len, size_t new_len)
{
	void *p;

	if (new_len <= old_len)
		return old;
	p = arena_alloc(a, new_len);
	if (p != NULL && old != NULL && old_len > 0)
		memcpy(p, old, old_len);
	return p;
}

char *
arena_strndup(struct arena *a, const char *s, size_t len)
{
	char *p;

	if (len == SIZE_MAX)
		return NULL;
	p = arena_alloc(a, len + 1);
	if (p == NULL)
		return NULL;
	if (len > 0)
		memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *
arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	int n;
	char *p;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return NULL;
	p = arena_alloc(a, (size_t)n + 1);
	if (p == NULL)
		return NULL;
	va_start(ap, fmt);
	(void)vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

size_t
arena_used(const struct arena *a)
{
	return a->used;
}

size_t
arena_cap(const struct arena *a)
{
	return a->cap;
}

int
ptrvec_push(struct ptrvec *pv, struct arena *a, void *p)
{
	size_t ncap;
	void **nv;

	if (pv->n == pv->cap) {
		ncap = pv->cap == 0 ? 8 : pv->cap * 2;
		if (ncap > SIZE_MAX / sizeof(void *))
			return -1;
		nv = arena_grow(
		    a, pv->v, pv->cap * sizeof(void *), ncap * sizeof(void *));
		if (nv == NULL)
			return -1;
		pv->v = nv;
		pv->cap = ncap;
	}
	pv->v[pv->n++] = p;
	return 0;
}
