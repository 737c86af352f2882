/* SPDX-License-Identifier: MIT */
/* Diagnostics: first error wins, fixed-size text. */
#include "core/err.h"

#include <stdio.h>
#include <string.h>

void
diag_init(struct diag *d)
{
	d->code = ERR_OK;
	d->msg[0] = '\0';
}

enum err
diag_setv(struct diag *d, enum err code, const char *fmt, va_list ap)
{
	if (d == NULL || d->code != ERR_OK)
		return code;
	d->code = code;
	(void)vsnprintf(d->msg, sizeof d->msg, fmt, ap);
	return code;
}

enum err
diag_set(struct diag *d, enum err code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	(void)diag_setv(d, code, fmt, ap);
	va_end(ap);
	return code;
}

const char *
err_name(enum err e)
{
	switch (e) {
	case ERR_OK:
		return "ok";
	case ERR_NOMEM:
		return "nomem";
	case ERR_IO:
		return "io";
	case ERR_LIMIT:
		return "limit";
	case ERR_TRUNCATED:
		return "truncated";
	case ERR_MALFORMED:
		return "malformed";
	case ERR_UNSUPPORTED:
		return "unsupported";
	case ERR_INTERNAL:
		return "internal";
	}
	return "internal";
}
