/* SPDX-License-Identifier: MIT */
/* Placeholder substitution for the page layout. */
#include "review/tmpl.h"

#include <string.h>

#include "review/html.h"

enum err
tmpl_render(struct buf *out, const char *tmpl, size_t len,
    tmpl_lookup_fn lookup, void *ctx, struct diag *diag)
{
	const char *p = tmpl, *end = tmpl + len;

	while (p < end) {
		const char *open = memchr(p, '{', (size_t)(end - p));
		const char *name, *close;
		const char *val;
		bool raw;

		if (open == NULL || (size_t)(end - open) < 2 ||
		    open[1] != '{') {
			const char *stop = open == NULL ? end : open + 1;

			buf_append(out, p, (size_t)(stop - p));
			p = stop;
			continue;
		}
		buf_append(out, p, (size_t)(open - p));
		raw = (size_t)(end - open) >= 3 && open[2] == '{';
		name = open + (raw ? 3 : 2);
		close = NULL;
		for (const char *q = name; q + 1 < end; q++) {
			if (q[0] == '}' && q[1] == '}') {
				close = q;
				break;
			}
		}
		if (close == NULL ||
		    (raw && (close + 2 >= end || close[2] != '}')))
			return diag_set(diag, ERR_INTERNAL,
			    "template: unterminated placeholder at byte %zu",
			    (size_t)(open - tmpl));
		val = lookup(ctx, name, (size_t)(close - name));
		if (val == NULL)
			return diag_set(diag, ERR_INTERNAL,
			    "template: unknown placeholder '%.*s'",
			    (int)(close - name), name);
		if (raw)
			html_raw(out, val);
		else
			html_text(out, val);
		p = close + (raw ? 3 : 2);
	}
	if (out->overflow)
		return diag_set(
		    diag, ERR_LIMIT, "page larger than %zu bytes", out->max);
	return ERR_OK;
}
