/* SPDX-License-Identifier: MIT */
/*
 * The diacritic-folded matching key of core/text.h (text_fold), written
 * into a caller's buffer instead of an arena, for the many short keys
 * mapping compares (unit words, legend labels, heading starts).
 */
#ifndef INDICATORS_FOLD_H
#define INDICATORS_FOLD_H

#include <stddef.h>

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

#endif
