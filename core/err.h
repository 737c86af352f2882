/* SPDX-License-Identifier: MIT */
/*
 * Error codes returned by every fallible function, and the caller-owned
 * diagnostic that says why in words.  Reporting never allocates.
 */
#ifndef CORE_ERR_H
#define CORE_ERR_H

#include <stdarg.h>
#include <stddef.h>

enum err {
	ERR_OK = 0,
	ERR_NOMEM,       /* an allocation failed or an arena cap was reached */
	ERR_IO,          /* reading or writing a file failed */
	ERR_LIMIT,       /* the input goes past a limit in core/limits.h */
	ERR_TRUNCATED,   /* the input ends early */
	ERR_MALFORMED,   /* the input breaks its format */
	ERR_UNSUPPORTED, /* a format or feature we do not read */
	ERR_INTERNAL,    /* a bug of ours */
};

/* Fixed-size reason text; the first error recorded wins. */
#define DIAG_MSG_MAX 512

struct diag {
	enum err code;
	char msg[DIAG_MSG_MAX];
};

void diag_init(struct diag *);
/* Records `code` and a printf-style reason unless an error is already
 * recorded.  Returns `code` so callers can write `return diag_set(...)`. */
enum err diag_set(struct diag *, enum err code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
enum err diag_setv(struct diag *, enum err code, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));

/* A stable machine-readable name such as "limit" or "malformed". */
const char *err_name(enum err);

#endif
