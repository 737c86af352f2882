/* SPDX-License-Identifier: MIT */
/*
 * A folded view of a text for the scanners of dates, citations and
 * stated ratios: one ASCII byte per character (lower case, diacritics
 * and đ folded, every space a ' ', other non-ASCII characters 0x01), with
 * the byte offset of each character in the original so a match can be
 * shown as printed.  Words are runs without spaces; a word ending or
 * starting with '/' or '-' is joined to its neighbour, because reports
 * write "260/ UBND" and "1652 /KH-UBND" for one document number.
 */
#ifndef INDICATORS_CHECK_FOLD_H
#define INDICATORS_CHECK_FOLD_H

#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"

/* Characters scanned in one block; longer text is cut (a paragraph of
 * a real report is under 4 KiB). */
#define CHECK_FOLD_MAX 65536u

struct check_word {
	size_t b, e; /* [b, e) in folded characters, trailing ".,;:)" and
		      * a leading "(" left out */
};

struct check_fold {
	char *s;     /* folded, NUL-terminated */
	size_t *off; /* off[i]: byte offset of character i; off[n] = len */
	size_t n;
	struct check_word *w;
	size_t nw;
};

/* Folds `len` bytes of `text` (invalid UTF-8 becomes 0x01) and splits
 * the words.  -1 when the arena is full. */
int check_fold_init(
    struct check_fold *, struct arena *, const char *text, size_t len);

/* Folds `len` bytes of `s` into `buf` (at most cap - 1 characters,
 * NUL-terminated); returns the number of characters written. */
size_t check_fold_into(char *buf, size_t cap, const char *s, size_t len);

/* True when word `i` is exactly `lit` (folded, ASCII). */
bool check_fold_word_is(const struct check_fold *, size_t i, const char *lit);

/* The original bytes of words [from, to] (inclusive), as a string in
 * `arena`. */
char *check_fold_span(const struct check_fold *, struct arena *,
    const char *text, size_t from, size_t to);

#endif
