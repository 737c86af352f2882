/* SPDX-License-Identifier: MIT */
/* Harness: the WordprocessingML reader alone on raw document.xml bytes,
 * so the fuzzer spends its time on XML rather than on zip framing. */
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/limits.h"
#include "parsers/docx.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct limits lim;
	struct arena *a;
	struct doc *d = NULL;
	struct diag dg;

	limits_default(&lim);
	diag_init(&dg);
	a = arena_new(lim.arena_max);
	if (a == NULL)
		return 0;
	(void)docx_parse_wordml(data, len, &lim, a, &d, &dg);
	arena_free(a);
	return 0;
}
