/* SPDX-License-Identifier: MIT */
/*
 * Harness: legacy Vietnamese decoding.  The first byte picks the
 * encoding, the rest is the text (any bytes: invalid UTF-8 included) and
 * also serves as a font name.  Decoding must succeed on anything; what
 * encoding accepts, the matching decoder must read without error.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "core/buf.h"
#include "parsers/legacy_vn.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static const enum legacy_vn_kind kinds[] = { LEGACY_VN_NONE,
		LEGACY_VN_TCVN3, LEGACY_VN_TCVN3_UPPER, LEGACY_VN_VNI };
	enum legacy_vn_kind kind;
	const char *text;
	struct buf out, enc;
	bool decoded;

	if (len < 1)
		return 0;
	kind = kinds[data[0] & 3];
	text = (const char *)data + 1;
	len--;
	(void)legacy_vn_kind_for_font(text, len < 64 ? len : 64);
	buf_init(&out, (size_t)64 << 20);
	buf_init(&enc, (size_t)64 << 20);
	if (legacy_vn_decode(kind, text, len, &out) != ERR_OK)
		abort();
	buf_reset(&out);
	if (legacy_vn_fix(kind, text, len, &out, &decoded) != ERR_OK)
		abort();
	if (legacy_vn_encode(kind, text, len, &enc) == ERR_OK) {
		buf_reset(&out);
		if (legacy_vn_decode(kind, buf_str(&enc), enc.len, &out) !=
		    ERR_OK)
			abort();
	}
	buf_fini(&out);
	buf_fini(&enc);
	return 0;
}
