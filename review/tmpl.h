/* SPDX-License-Identifier: MIT */
/*
 * A minimal page template: `{{name}}` is replaced by escaped text and
 * `{{{name}}}` by markup that our own code built.  Templates are our
 * own embedded files; values come from a lookup callback.
 */
#ifndef REVIEW_TMPL_H
#define REVIEW_TMPL_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"
#include "core/err.h"

/* Returns the value of `name` (`len` bytes, not NUL-terminated), or
 * NULL when the template names something unknown. */
typedef const char *(*tmpl_lookup_fn)(void *ctx, const char *name, size_t len);

/*
 * Appends `tmpl` to `out` with placeholders replaced.  An unknown or
 * unterminated placeholder is ERR_INTERNAL (the template is ours), and
 * a full buffer is ERR_LIMIT.  One pass, no recursion: a value is
 * never itself expanded.
 */
enum err tmpl_render(struct buf *out, const char *tmpl, size_t len,
    tmpl_lookup_fn lookup, void *ctx, struct diag *);

#endif
