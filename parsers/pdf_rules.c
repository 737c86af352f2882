/* SPDX-License-Identifier: MIT */
/*
 * Ruling lines from a rendered page.  Poppler's GLib interface gives no
 * access to drawn paths, so table borders are found in a low-resolution
 * rendering instead: runs of dark pixels, straight and thin, with the
 * text masked out.  Poppler's Cairo output snaps thin strokes to whole
 * pixels, so a 0.5 pt border is a crisp one-pixel line even at 72 dpi.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "parsers/pdf_int.h"

/* Darker than this is ink (0 black .. 255 white). */
#define DARK 160
/* Shortest rule, and thickest, in points. */
#define RULE_MIN_PT 8.0
#define RULE_MAX_THICK_PT 3.0

struct run {
	unsigned a, b; /* first and last pixel along the run */
	unsigned t0, t1; /* first and last row (or column) across */
	bool open;
};

struct rules {
	struct layout_rule *v;
	size_t n, cap, max;
	bool nomem;
};

static void
rules_add(struct rules *r, double x0, double y0, double x1, double y1)
{
	if (r->n >= r->max)
		return;
	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 64;
		struct layout_rule *nv;

		if (cap > r->max)
			cap = r->max;
		nv = realloc(r->v, cap * sizeof *nv);
		if (nv == NULL) {
			r->nomem = true;
			return;
		}
		r->v = nv;
		r->cap = cap;
	}
	r->v[r->n].x0 = x0;
	r->v[r->n].y0 = y0;
	r->v[r->n].x1 = x1;
	r->v[r->n].y1 = y1;
	r->n++;
}

/* Pixel (i along, j across) of the image seen along rows (horiz) or
 * along columns. */
static inline bool
dark_at(const uint8_t *g, size_t stride, bool horiz, unsigned i, unsigned j)
{
	return horiz ? g[(size_t)j * stride + i] < DARK :
		       g[(size_t)i * stride + j] < DARK;
}

/*
 * One direction.  Runs of dark pixels along each row (or column) at
 * least `minlen` long are tracked across consecutive rows; a stack of
 * runs no thicker than `maxthick` is one rule, a thicker one is a filled
 * area (a photo, a black box) and dropped.
 */
static void
scan(const uint8_t *g, unsigned w, unsigned h, size_t stride, bool horiz,
    double scale, struct rules *out)
{
	unsigned along = horiz ? w : h, across = horiz ? h : w;
	unsigned minlen = (unsigned)fmax(4.0, RULE_MIN_PT * scale);
	unsigned maxthick = (unsigned)fmax(1.0, RULE_MAX_THICK_PT * scale) + 1;
	struct run *act = NULL, *next = NULL;
	size_t nact = 0, nnext = 0, cap = 0, k;
	unsigned j;

	/* At most along/minlen+1 runs per row. */
	cap = along / minlen + 2;
	act = calloc(cap, sizeof *act);
	next = calloc(cap, sizeof *next);
	if (act == NULL || next == NULL) {
		out->nomem = true;
		goto out;
	}
	for (j = 0; j <= across; j++) {
		unsigned i = 0;

		nnext = 0;
		while (j < across && i < along) {
			unsigned s;

			if (!dark_at(g, stride, horiz, i, j)) {
				i++;
				continue;
			}
			s = i;
			while (i < along && dark_at(g, stride, horiz, i, j))
				i++;
			if (i - s >= minlen && nnext < cap) {
				next[nnext].a = s;
				next[nnext].b = i - 1;
				next[nnext].t0 = next[nnext].t1 = j;
				next[nnext].open = true;
				nnext++;
			}
		}
		/* Continue runs of the previous row that overlap mostly.  Both
		 * rows' runs are in order along the line, so one pass over
		 * each suffices. */
		{
			size_t m = 0;

			for (k = 0; k < nnext; k++) {
				unsigned len = next[k].b - next[k].a + 1;

				while (m < nact && act[m].b < next[k].a)
					m++;
				if (m == nact)
					break;
				{
					struct run *p = &act[m];
					unsigned lo = p->a > next[k].a ? p->a :
									 next[k].a;
					unsigned hi = p->b < next[k].b ? p->b :
									 next[k].b;

					if (!p->open || hi < lo ||
					    (hi - lo + 1) * 2 < len)
						continue;
					next[k].t0 = p->t0;
					if (p->a < next[k].a)
						next[k].a = p->a;
					if (p->b > next[k].b)
						next[k].b = p->b;
					p->open = false;
				}
			}
		}
		/* Runs of the previous row that stop here are finished. */
		for (k = 0; k < nact; k++) {
			const struct run *p = &act[k];
			double a, b, t;

			if (!p->open)
				continue;
			if (p->t1 - p->t0 + 1 > maxthick)
				continue;
			a = p->a / scale;
			b = (p->b + 1) / scale;
			t = (p->t0 + p->t1 + 1) / 2.0 / scale;
			if (horiz)
				rules_add(out, a, t, b, t);
			else
				rules_add(out, t, a, t, b);
		}
		{
			struct run *tmp = act;

			act = next;
			next = tmp;
			nact = nnext;
		}
	}
out:
	free(act);
	free(next);
}

size_t
pdf_find_rules(uint8_t *gray, unsigned w, unsigned h, size_t stride,
    double scale, const struct doc_box *mask, size_t nmask, size_t max,
    struct layout_rule **out)
{
	struct rules r;
	size_t i;

	*out = NULL;
	memset(&r, 0, sizeof r);
	r.max = max;
	/* Blank the middle of every text box: glyph stems, bars and
	 * underscores live there, rules do not. */
	for (i = 0; i < nmask; i++) {
		const struct doc_box *b = &mask[i];
		double bh = b->y1 - b->y0;
		double fy0 = (b->y0 + bh * 0.2) * scale;
		double fy1 = (b->y1 - bh * 0.2) * scale;
		double fx0 = (b->x0 + 0.5) * scale, fx1 = (b->x1 - 0.5) * scale;
		unsigned x0, x1, y0, y1, y;

		if (!(fx1 > fx0) || !(fy1 > fy0) || fx1 < 0 || fy1 < 0 ||
		    fx0 >= w || fy0 >= h)
			continue;
		x0 = fx0 < 0 ? 0 : (unsigned)fx0;
		y0 = fy0 < 0 ? 0 : (unsigned)fy0;
		x1 = fx1 >= w ? w : (unsigned)ceil(fx1);
		y1 = fy1 >= h ? h : (unsigned)ceil(fy1);
		for (y = y0; y < y1; y++)
			memset(gray + (size_t)y * stride + x0, 255, x1 - x0);
	}
	scan(gray, w, h, stride, true, scale, &r);
	scan(gray, w, h, stride, false, scale, &r);
	if (r.nomem) {
		free(r.v);
		return SIZE_MAX;
	}
	*out = r.v;
	return r.n;
}

double
pdf_ink_outside(const uint8_t *gray, unsigned w, unsigned h, size_t stride,
    double scale, const struct doc_box *boxes, size_t n)
{
	uint8_t *inbox;
	size_t i, dark = 0, total = 0;
	unsigned x, y;

	if (w == 0 || h == 0)
		return 0;
	inbox = calloc((size_t)w * h, 1);
	if (inbox == NULL)
		return 0;
	for (i = 0; i < n; i++) {
		const struct doc_box *b = &boxes[i];
		double fx0 = (b->x0 - 2) * scale, fx1 = (b->x1 + 2) * scale;
		double fy0 = (b->y0 - 2) * scale, fy1 = (b->y1 + 2) * scale;
		unsigned x0, x1, y0, y1;

		if (!(fx1 > fx0) || !(fy1 > fy0) || fx1 < 0 || fy1 < 0 ||
		    fx0 >= w || fy0 >= h)
			continue;
		x0 = fx0 < 0 ? 0 : (unsigned)fx0;
		y0 = fy0 < 0 ? 0 : (unsigned)fy0;
		x1 = fx1 >= w ? w : (unsigned)ceil(fx1);
		y1 = fy1 >= h ? h : (unsigned)ceil(fy1);
		for (y = y0; y < y1; y++)
			memset(inbox + (size_t)y * w + x0, 1, x1 - x0);
	}
	for (y = 0; y < h; y++)
		for (x = 0; x < w; x++) {
			if (inbox[(size_t)y * w + x])
				continue;
			total++;
			dark += gray[(size_t)y * stride + x] < DARK;
		}
	free(inbox);
	return total > 0 ? (double)dark / (double)total : 0;
}
