/* SPDX-License-Identifier: MIT */
/*
 * Splits running text into words, numbers and signs, each with its
 * place in the source and a diacritic-folded key, so patterns can be
 * matched on folded words while what is reported (a period label, a
 * number as printed) is cut from the original text.
 */
#ifndef INDICATORS_TOKENS_H
#define INDICATORS_TOKENS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"
#include "core/err.h"

enum tok_kind {
	TOK_WORD,   /* letters, then letters or digits: "UBND", "s6" */
	TOK_NUMBER, /* digits with '.' or ',' between digits: "1.578" */
	TOK_SIGN,   /* any other visible character, one at a time */
};

/* Fold keys of longer words are cut; no pattern needs more. */
#define TOK_FOLD_MAX 40

struct token {
	enum tok_kind kind;
	const char *p; /* into the source text */
	size_t len;
	bool space_before;       /* white space separates it from the previous
				  * token */
	char fold[TOK_FOLD_MAX]; /* words: folded; numbers and signs: as
				  * printed (cut) */
};

struct tokens {
	struct token *v;
	size_t n;
};

/*
 * Tokenises `len` bytes of UTF-8 at `s` into `out` (array in `arena`),
 * stopping after `max` tokens.  ERR_NOMEM when the arena is full.
 */
enum err tokens_split(
    struct arena *, const char *s, size_t len, size_t max, struct tokens *out);

/* True when token `t` is the word `fold` or the sign/number `fold`. */
bool tok_is(const struct token *t, const char *fold);

/* The source bytes from the start of token i to the end of token j. */
size_t tok_span(const struct tokens *, size_t i, size_t j, const char **p);

#endif
