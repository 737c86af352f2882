/* SPDX-License-Identifier: MIT */
/*
 * Legacy Vietnamese font encodings (TCVN3 ".VnTime", VNI "VNI-Times") to
 * Unicode.  Shared by the DOCX reader (per run, by resolved font) and the
 * PDF text layer (per font).  The tables are data/legacy-vn/ TSV files,
 * embedded in the binary and parsed once, on first use, thread-safely.
 *
 * Input text is UTF-8 whose code points carry the legacy bytes: U+0000 to
 * U+00FF stand for the byte of the same value, the Windows-1252 symbols
 * (U+20AC, U+2026, ...) for 0x80-0x9F, and the symbol-font private use
 * range U+F000-U+F0FF for the byte minus 0xF000.  For TCVN3, U+2212
 * MINUS SIGN also stands for byte 0xAD ("ư"): Acrobat Distiller writes it
 * so.  Code points outside all of these pass through unchanged.
 */
#ifndef PARSERS_LEGACY_VN_H
#define PARSERS_LEGACY_VN_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"
#include "core/err.h"

enum legacy_vn_kind {
	LEGACY_VN_NONE,        /* a Unicode font: nothing to decode */
	LEGACY_VN_TCVN3,       /* .VnTime, .VnArial ... */
	LEGACY_VN_TCVN3_UPPER, /* .VnTimeH ...: every letter drawn upper case */
	LEGACY_VN_VNI,         /* VNI-Times, VNI-Helve ... */
};

/*
 * The encoding a font name implies, from its name alone (case-insensitive,
 * surrounding space and a PDF subset tag "ABCDEF+" ignored): ".Vn..." or
 * "Vn..." is TCVN3, upper-case when the name (less a ",Bold"-style suffix)
 * ends in "H"; "VNI-..." or "VNI..." is VNI.  `len` bytes of `font`; NULL
 * gives LEGACY_VN_NONE.
 */
enum legacy_vn_kind legacy_vn_kind_for_font(const char *font, size_t len);

/* "tcvn3", "tcvn3-upper", "vni" or "none". */
const char *legacy_vn_kind_name(enum legacy_vn_kind);

/*
 * Decodes `len` bytes of UTF-8 `text` as `kind` and appends the Unicode
 * result to `out`: TCVN3 byte by byte (upper-cased for the H fonts, ASCII
 * letters included), VNI longest match first.  Invalid UTF-8 is appended
 * as U+FFFD.  ERR_NOMEM when `out` overflows; ERR_INTERNAL when the
 * embedded tables are broken.
 */
enum err legacy_vn_decode(
    enum legacy_vn_kind kind, const char *text, size_t len, struct buf *out);

/*
 * Decodes like legacy_vn_decode() but keeps the text as it is when the
 * decoding would not make it better Vietnamese: when it already holds
 * Vietnamese letters beyond Latin-1 or combining marks (Unicode text in a
 * font whose name lies), or when decoding does not raise the count of
 * Vietnamese letters over stray Latin-1 symbols.  Sets *decoded to say
 * which was appended.  Errors as legacy_vn_decode().
 */
enum err legacy_vn_fix(enum legacy_vn_kind kind, const char *text, size_t len,
    struct buf *out, bool *decoded);

/*
 * The inverse, for tests and round-trip checks: appends the legacy bytes
 * for Unicode `text`, each as the Latin-1 code point of the same value
 * (so the result is UTF-8 again).  Upper-case toned letters, which TCVN3
 * cannot encode, get the byte of their lower-case letter (to be shown in
 * an H font).  ERR_MALFORMED when a character has no encoding.
 */
enum err legacy_vn_encode(
    enum legacy_vn_kind kind, const char *text, size_t len, struct buf *out);

#endif
