/* SPDX-License-Identifier: MIT */
/* Process-wide pipeline settings the worker takes from the config. */
#include "daemon/pipeline.h"

#include <stddef.h>

static struct pipeline_ocr ocr_opts;

void
pipeline_set_ocr(const struct pipeline_ocr *o)
{
	ocr_opts = *o;
}

const struct pipeline_ocr *
pipeline_get_ocr(void)
{
	return &ocr_opts;
}
