/* SPDX-License-Identifier: MIT */
/*
 * Ruling lines from a rendered page.  Poppler's GLib interface gives no
 * access to drawn paths, so table borders are found in a low-resolution
 * rendering instead: runs of dark pixels, straight and thin, with the
 * text masked out.  Poppler's Cairo output snaps thin strokes to whole
 * pixels, so a 0.5 pt border is a crisp one-pixel line even at 72 dpi.
 * Both directions are scanned row by row (memory order): horizontal runs
 * along each row, vertical runs with a start row kept per column.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "parsers/pdf_int.h"

/* Darker than this is ink (0 black .. 255 white). */
#define DARK 160
/* Shortest rule, and thickest, in points. */
#define RULE_MIN_PT       8.0
#define RULE_MAX_THICK_PT 3.0
/* Runs kept per direction at most: a page with more (a photograph, a
 * halftone) has no tables worth reading and is not scanned further. */
#define RUNS_MAX 200000

/* A run of dark pixels: along the line from a to b, on line `at`. */
struct run {
	unsigned a, b, at;
};

struct runs {
	struct run *v;
	size_t n, cap;
	bool full, nomem;
};

static void
runs_add(struct runs *r, unsigned a, unsigned b, unsigned at)
{
	if (r->full || r->nomem)
		return;
	if (r->n == RUNS_MAX) {
		r->full = true;
		return;
	}
	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 1024;
		struct run *nv = realloc(r->v, cap * sizeof *nv);

		if (nv == NULL) {
			r->nomem = true;
			return;
		}
		r->v = nv;
		r->cap = cap;
	}
	r->v[r->n].a = a;
	r->v[r->n].b = b;
	r->v[r->n].at = at;
	r->n++;
}

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

static int
run_cmp(const void *pa, const void *pb)
{
	const struct run *x = pa, *y = pb;

	if (x->at != y->at)
		return x->at < y->at ? -1 : 1;
	return (x->a > y->a) - (x->a < y->a);
}

/* A stack of runs on consecutive lines: one rule if thin enough. */
struct stack {
	unsigned a, b, t0, t1;
	bool open;
};

/*
 * Runs (sorted by line, then position) stacked over consecutive lines
 * into rules: a stack no thicker than `maxthick` lines is one rule, a
 * thicker one is a filled area (a photo, a black box) and dropped.
 */
static void
stack_runs(const struct run *v, size_t n, bool horiz, double scale,
    unsigned maxthick, struct rules *out)
{
	struct stack *act = NULL, *next = NULL, *tmp;
	size_t nact = 0, nnext, i = 0, k, m;
	unsigned line;

	act = calloc(n + 1, sizeof *act);
	next = calloc(n + 1, sizeof *next);
	if (act == NULL || next == NULL) {
		out->nomem = true;
		goto out;
	}
	while (i < n || nact > 0) {
		line = i < n ? v[i].at : UINT32_MAX;
		/* Stacks not continued on the next line are finished, and
		 * so is everything when the next runs are further away. */
		if (nact > 0 && (i == n || act[0].t1 + 1 < line)) {
			line = act[0].t1 + 1;
		}
		nnext = 0;
		while (i < n && v[i].at == line) {
			next[nnext].a = v[i].a;
			next[nnext].b = v[i].b;
			next[nnext].t0 = next[nnext].t1 = line;
			next[nnext].open = true;
			nnext++;
			i++;
		}
		/* Continue stacks that overlap mostly; both lists are in
		 * order along the line, so one pass over each suffices. */
		for (k = 0, m = 0; k < nnext; k++) {
			unsigned len = next[k].b - next[k].a + 1, lo, hi;
			struct stack *p;

			while (m < nact && act[m].b < next[k].a)
				m++;
			if (m == nact)
				break;
			p = &act[m];
			lo = p->a > next[k].a ? p->a : next[k].a;
			hi = p->b < next[k].b ? p->b : next[k].b;
			if (!p->open || hi < lo || (hi - lo + 1) * 2 < len)
				continue;
			next[k].t0 = p->t0;
			next[k].a = p->a < next[k].a ? p->a : next[k].a;
			next[k].b = p->b > next[k].b ? p->b : next[k].b;
			p->open = false;
		}
		for (k = 0; k < nact; k++) {
			const struct stack *p = &act[k];
			double a, b, t;

			if (!p->open || p->t1 - p->t0 + 1 > maxthick)
				continue;
			a = p->a / scale;
			b = (p->b + 1) / scale;
			t = (p->t0 + p->t1 + 1) / 2.0 / scale;
			if (horiz)
				rules_add(out, a, t, b, t);
			else
				rules_add(out, t, a, t, b);
		}
		tmp = act;
		act = next;
		next = tmp;
		nact = nnext;
	}
out:
	free(act);
	free(next);
}

/* Contract in pdf_int.h: thin straight dark runs, text masked first. */
size_t
pdf_find_rules(uint8_t *gray, unsigned w, unsigned h, size_t stride,
    double scale, const struct doc_box *mask, size_t nmask, size_t max,
    struct layout_rule **out)
{
	struct rules r;
	struct runs hr, vr;
	unsigned *start = NULL;
	uint8_t *open = NULL;
	unsigned minlen = (unsigned)fmax(4.0, RULE_MIN_PT * scale);
	unsigned maxthick = (unsigned)fmax(1.0, RULE_MAX_THICK_PT * scale) + 1;
	unsigned x, y;
	size_t i;

	*out = NULL;
	memset(&r, 0, sizeof r);
	memset(&hr, 0, sizeof hr);
	memset(&vr, 0, sizeof vr);
	r.max = max;
	/* Blank the middle of every text box: glyph stems, bars and
	 * underscores live there, rules do not. */
	for (i = 0; i < nmask; i++) {
		const struct doc_box *b = &mask[i];
		double bh = b->y1 - b->y0;
		double fy0 = (b->y0 + bh * 0.2) * scale;
		double fy1 = (b->y1 - bh * 0.2) * scale;
		double fx0 = (b->x0 + 0.5) * scale, fx1 = (b->x1 - 0.5) * scale;
		unsigned x0, x1, y0, y1;

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
	start = malloc(((size_t)w + 1) * sizeof *start);
	open = calloc((size_t)w / 8 + 2, 1);
	if (start == NULL || open == NULL)
		goto nomem;
	for (x = 0; x < w; x++)
		start[x] = UINT32_MAX;
	/* One pass in memory order: horizontal runs along the row, and
	 * each column's vertical run begun or ended.  Most of a page is
	 * white: eight white pixels with no run open over them are skipped
	 * at once. */
	for (y = 0; y <= h && !hr.full && !vr.full; y++) {
		const uint8_t *row = gray + (size_t)(y < h ? y : 0) * stride;
		unsigned hs = UINT32_MAX;

		for (x = 0; x <= w; x++) {
			bool dark;

			if ((x & 7) == 0 && y < h && x + 8 <= w &&
			    hs == UINT32_MAX && open[x / 8] == 0) {
				uint64_t v;

				memcpy(&v, row + x, 8);
				if (v == UINT64_MAX) {
					x += 7;
					continue;
				}
			}
			dark = y < h && x < w && row[x] < DARK;

			if (dark) {
				if (hs == UINT32_MAX)
					hs = x;
				if (start[x] == UINT32_MAX) {
					start[x] = y;
					open[x / 8]++;
				}
				continue;
			}
			if (hs != UINT32_MAX) {
				if (x - hs >= minlen)
					runs_add(&hr, hs, x - 1, y);
				hs = UINT32_MAX;
			}
			if (x < w && start[x] != UINT32_MAX) {
				if (y - start[x] >= minlen)
					runs_add(&vr, start[x], y - 1, x);
				start[x] = UINT32_MAX;
				open[x / 8]--;
			}
		}
	}
	free(start);
	free(open);
	start = NULL;
	open = NULL;
	if (hr.nomem || vr.nomem)
		goto nomem;
	if (hr.full || vr.full)
		goto done; /* an image, not a table */
	/* Horizontal runs come out sorted by row; vertical ones by end row,
	 * so sort them by column. */
	if (vr.n > 0)
		qsort(vr.v, vr.n, sizeof *vr.v, run_cmp);
	stack_runs(hr.v, hr.n, true, scale, maxthick, &r);
	stack_runs(vr.v, vr.n, false, scale, maxthick, &r);
	if (r.nomem)
		goto nomem;
done:
	free(hr.v);
	free(vr.v);
	*out = r.v;
	return r.n;
nomem:
	free(start);
	free(open);
	free(hr.v);
	free(vr.v);
	free(r.v);
	return SIZE_MAX;
}

/* Contract in pdf_int.h: dark share of the pixels outside the boxes
 * (each grown by 2 pt). */
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
