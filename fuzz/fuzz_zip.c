/* SPDX-License-Identifier: MIT */
/* Harness: the zip layer alone, listing then reading every entry under
 * the production caps. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "core/arena.h"
#include "core/limits.h"
#include "parsers/zip.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct limits lim;
	struct arena *a;
	struct zip *z = NULL;
	struct zip_part *parts;
	struct diag dg;
	size_t i, n;

	limits_default(&lim);
	diag_init(&dg);
	a = arena_new(lim.arena_max);
	if (a == NULL)
		return 0;
	if (zip_open(data, len, &lim, a, &z, &dg) == ERR_OK) {
		n = zip_count(z);
		parts = arena_calloc(a, n + 1, sizeof *parts);
		if (parts != NULL) {
			for (i = 0; i < n; i++)
				parts[i].name = zip_name(z, i);
			(void)zip_read(z, parts, n, &dg);
		}
	}
	arena_free(a);
	return 0;
}
