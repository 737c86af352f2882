/* SPDX-License-Identifier: MIT */
/*
 * Known look-alike confusions of Tesseract's Vietnamese model, repaired
 * only where the repair cannot invent a letter: the model sometimes
 * reads Đ (U+0110) as the Icelandic eth Ð (U+00D0), or both at once
 * ("QĐÐ-UBND" for "QĐ-UBND").  Tone marks are never added or changed.
 */
#include "ocr/ocr_int.h"

#include <string.h>

/*
 * Repairs one word in place; see ocr_int.h.  Ð and ð are not letters of
 * Vietnamese (nor of the other languages reports use), so every one is
 * the model's misreading of Đ or đ; the UTF-8 sequences have the same
 * length, so the repair works in place.  A Đ next to a misread Ð is the
 * same glyph read twice (no Vietnamese word has "ĐĐ"), so the pair
 * becomes one Đ.
 */
size_t
ocr_fix_word(char *s, size_t len)
{
	size_t i, o = 0;
	bool prev_d = false, prev_eth = false;

	for (i = 0; i < len;) {
		unsigned char c = (unsigned char)s[i];

		if (c == 0xC3 && i + 1 < len &&
		    ((unsigned char)s[i + 1] == 0x90 ||
			(unsigned char)s[i + 1] == 0xB0)) {
			bool upper = (unsigned char)s[i + 1] == 0x90;

			/* "ĐÐ": the eth repeats the Đ before it. */
			if (!(upper && prev_d && !prev_eth)) {
				s[o++] = (char)0xC4;
				s[o++] = (char)(upper ? 0x90 : 0x91);
			}
			prev_d = upper;
			prev_eth = true;
			i += 2;
			continue;
		}
		if (c == 0xC4 && i + 1 < len &&
		    (unsigned char)s[i + 1] == 0x90) {
			/* "ÐĐ": drop this Đ when an eth just stood for it. */
			if (!(prev_d && prev_eth)) {
				s[o++] = (char)0xC4;
				s[o++] = (char)0x90;
			}
			prev_d = true;
			prev_eth = false;
			i += 2;
			continue;
		}
		prev_d = prev_eth = false;
		s[o++] = s[i++];
	}
	if (o < len)
		s[o] = '\0';
	return o;
}
