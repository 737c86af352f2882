/* SPDX-License-Identifier: MIT */
/*
 * Diacritic folding for matching, one character rule for the whole
 * indicators layer: lower case, combining marks dropped, đ and its
 * look-alikes read as d (the rule of core/text.h, text_fold).  Two forms:
 *
 *   - fold keys in a caller's buffer (fold_buf), the word key of
 *     text_fold for the many short keys mapping compares (unit words,
 *     legend labels, heading starts);
 *   - a folded view of a text (struct fold_view) for the scanners of
 *     dates, citations and stated ratios: one ASCII byte per character
 *     (every space a ' ', dashes '-', other characters that fold to no
 *     ASCII letter 0x01, punctuation kept), with the byte offset of each
 *     character in the original so a match can be shown as printed.
 *     Words are runs without spaces; a word ending or starting with '/'
 *     or '-' is joined to its neighbour, because reports write
 *     "260/ UBND" and "1652 /KH-UBND" for one document number.
 */
#ifndef INDICATORS_FOLD_H
#define INDICATORS_FOLD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"

/*
 * The character `c` folds to: lower case and without its marks ('Ấ'
 * gives 'a'), 'd' for đ, Đ, ð and Ð; 0 for a combining mark or an
 * invisible character (soft hyphen, zero-width space and joiners, BOM)
 * that matching drops.  Other characters come back in lower case.
 */
uint32_t fold_char(uint32_t c);

/*
 * Writes the fold key of `s` (`len` bytes of UTF-8) into `dst`, at most
 * `cap - 1` bytes plus a NUL; a key that does not fit is cut at a
 * character boundary.  Invalid UTF-8 gives "".  Returns the key length.
 */
size_t fold_buf(char *dst, size_t cap, const char *s, size_t len);

/* True when the fold key `key` starts with the words of `prefix` (a
 * whole-word prefix: "cai cach" starts "cai cach the che" but not
 * "cai cachx"). */
int fold_starts_with(const char *key, const char *prefix);

/* True when `key` contains the words of `needle` as whole words. */
int fold_contains(const char *key, const char *needle);

/* Characters a view takes from one text; longer text is cut (a
 * paragraph of a real report is under 4 KiB). */
#define FOLD_VIEW_MAX 65536u

struct fold_word {
	size_t b, e; /* [b, e) in folded characters, trailing ".,;:)" and
		      * a leading "(" left out */
};

struct fold_view {
	char *s;     /* folded, NUL-terminated */
	size_t *off; /* off[i]: byte offset of character i; off[n] = len */
	size_t n;
	struct fold_word *w;
	size_t nw;
};

/* Folds `len` bytes of `text` into a view (invalid UTF-8 becomes 0x01)
 * and splits its words.  -1 when the arena is full. */
int fold_view_init(
    struct fold_view *, struct arena *, const char *text, size_t len);

/* True when word `i` of the view is exactly `lit` (folded, ASCII). */
bool fold_view_word_is(const struct fold_view *, size_t i, const char *lit);

/* The original bytes of words [from, to] (inclusive), as a string in
 * `arena`. */
char *fold_view_span(const struct fold_view *, struct arena *, const char *text,
    size_t from, size_t to);

/* The characters of a view of `len` bytes of `s`, without the offsets
 * and words, into `buf` (at most cap - 1 characters, NUL-terminated);
 * returns the number of characters written. */
size_t fold_ascii(char *buf, size_t cap, const char *s, size_t len);

#endif
