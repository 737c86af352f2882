/* SPDX-License-Identifier: MIT */
/*
 * Unicode text helpers shared by parsers and mapping: validation, NFC
 * (through GLib, never by hand), and the diacritic-folded matching key
 * that ../docs/FORMATS.md describes.
 */
#ifndef CORE_TEXT_H
#define CORE_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"

/* True when the `len` bytes at `s` are valid UTF-8 without NUL. */
bool text_is_utf8(const char *s, size_t len);

/*
 * NFC copy of `s` in `arena`, NUL-terminated, with invalid UTF-8 and NUL
 * bytes replaced by U+FFFD.  Sets *out_len.  NULL when the arena is full.
 */
char *text_nfc(struct arena *, const char *s, size_t len, size_t *out_len);

/*
 * Matching key: NFC, then NFD with combining marks dropped, đ/Đ to d,
 * look-alikes (Ð ð) to d, lower case, punctuation to spaces, whitespace
 * collapsed and trimmed.  "Cải cách thủ tục  hành chính (TTHC)" becomes
 * "cai cach thu tuc hanh chinh tthc".  Returns a string in `arena`.
 */
char *text_fold(struct arena *, const char *s, size_t len);

/*
 * The character rule of text_fold, one character at a time: lower case
 * and without its marks ('Ấ' gives 'a'), 'd' for đ, Đ, ð and Ð; 0 for a
 * combining mark or an invisible character (soft hyphen, zero-width
 * space and joiners, BOM) that matching drops.  Other characters come
 * back in lower case.
 */
uint32_t text_fold_char(uint32_t c);

/* Display width in terminal columns (combining marks count zero). */
size_t text_width(const char *s, size_t len);

#endif
