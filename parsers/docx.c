/* SPDX-License-Identifier: MIT */
/* Placeholder until the WordprocessingML reader lands. */
#include "parsers/docx.h"

enum err
docx_parse(const uint8_t *data, size_t len, const struct limits *lim,
    struct arena *arena, struct doc **out, struct diag *diag)
{
	(void)data;
	(void)len;
	(void)lim;
	(void)arena;
	*out = NULL;
	return diag_set(diag, ERR_UNSUPPORTED, "docx reading is not built yet");
}
