/* SPDX-License-Identifier: MIT */
/*
 * Harness: a whole PDF through the worker's own call, pdf_parse(), with
 * production limits: Poppler's parser and text extraction, our words,
 * the ruling-line rendering and the layout behind them.  Pages that
 * would go to OCR are only classified (OCR has its own harness).
 */
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/limits.h"
#include "parsers/pdf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct limits lim;
	struct arena *a;
	struct doc *d = NULL;
	struct diag dg;
	size_t nocr = 0;

	limits_default(&lim);
	a = arena_new(lim.arena_max);
	if (a == NULL)
		return 0;
	diag_init(&dg);
	(void)pdf_parse(data, len, &lim, a, &d, &nocr, &dg);
	arena_free(a);
	return 0;
}
