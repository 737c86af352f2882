/* SPDX-License-Identifier: MIT */
/*
 * Positioned words to blocks.  The page is read in five steps, each
 * bounded: words are grouped into lines by vertical overlap; ruled
 * tables take the words inside their grids; the remaining words of each
 * line are cut into segments at wide gaps; aligned columns of segments
 * become unruled tables; then a recursive XY cut (depth-capped) puts
 * segments and tables in reading order, so the two columns of a
 * letterhead are read one after the other, and consecutive lines are
 * joined into paragraphs where spacing, indentation and font say so.
 */
#include "layout/layout.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "layout/layout_int.h"

/* A word further than this outside the page is dropped as junk. */
#define LO_PAGE_SLACK 72.0

/* ------------------------------------------------------------------ */
/* Words and lines                                                      */

static bool
box_is_sane(const struct doc_box *b)
{
	return isfinite(b->x0) && isfinite(b->y0) && isfinite(b->x1) &&
	    isfinite(b->y1) && b->x1 >= b->x0 && b->y1 >= b->y0;
}

static bool
is_blank(const char *t, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (t[i] != ' ' && t[i] != '\t' && t[i] != '\n' &&
		    t[i] != '\r' && t[i] != '\f' && t[i] != '\v')
			return false;
	return true;
}

static enum err
copy_words(struct lo_page *pg)
{
	const struct layout_page_in *in = pg->in;
	double w = in->width, h = in->height;
	size_t i;

	if (in->nwords > pg->lim->page_words_max)
		return diag_set(pg->diag, ERR_LIMIT,
		    "page %u has %zu words, limit %zu", in->page, in->nwords,
		    pg->lim->page_words_max);
	if (in->nwords == 0)
		return ERR_OK;
	pg->w = calloc(in->nwords, sizeof *pg->w);
	if (pg->w == NULL)
		return diag_set(
		    pg->diag, ERR_NOMEM, "page %u: out of memory", in->page);
	for (i = 0; i < in->nwords; i++) {
		const struct layout_word *src = &in->words[i];
		struct lo_word *dst = &pg->w[pg->nw];
		double bh;

		if (src->text == NULL || src->len == 0 ||
		    is_blank(src->text, src->len) || !box_is_sane(&src->box))
			continue;
		if (src->box.x1 < -LO_PAGE_SLACK ||
		    src->box.y1 < -LO_PAGE_SLACK ||
		    src->box.x0 > w + LO_PAGE_SLACK ||
		    src->box.y0 > h + LO_PAGE_SLACK)
			continue;
		dst->text = src->text;
		dst->len = src->len;
		dst->b = src->box;
		/* A zero-height box (some producers) still needs a band. */
		bh = lo_box_h(&dst->b);
		dst->conf = src->confidence;
		if (src->confidence >= 0)
			pg->ocr = true;
		if (src->font_size > 0 && isfinite(src->font_size) &&
		    src->font_size < 10000)
			dst->size = src->font_size;
		else
			dst->size = src->confidence >= 0 ? bh : bh * 0.77;
		if (dst->size < 1.0)
			dst->size = 1.0;
		if (bh < dst->size * 0.3) {
			dst->b.y0 -= dst->size * 0.5;
			dst->b.y1 += dst->size * 0.2;
		}
		dst->bold = src->bold;
		pg->nw++;
	}
	return ERR_OK;
}

struct wsort {
	double k1, k2;
	size_t i;
};

static int
wsort_cmp(const void *pa, const void *pb)
{
	const struct wsort *a = pa, *b = pb;

	if (a->k1 != b->k1)
		return a->k1 < b->k1 ? -1 : 1;
	if (a->k2 != b->k2)
		return a->k2 < b->k2 ? -1 : 1;
	return a->i < b->i ? -1 : a->i > b->i;
}

/* How many recent lines a word may join; lines further up are closed.
 * Keeps line building linear while tolerating two columns whose
 * baselines interleave. */
#define LO_OPEN_LINES 8

struct lband {
	double csum, hsum; /* sums of word centres and heights */
	size_t n;
	double x1; /* right end so far */
};

static enum err
build_lines(struct lo_page *pg)
{
	struct wsort *ws = NULL;
	struct lband *band = NULL;
	size_t *lineof = NULL, nl = 0, i, j;
	enum err e = ERR_OK;

	if (pg->nw == 0)
		return ERR_OK;
	ws = calloc(pg->nw, sizeof *ws);
	band = calloc(pg->nw, sizeof *band);
	lineof = calloc(pg->nw, sizeof *lineof);
	pg->ord = calloc(pg->nw, sizeof *pg->ord);
	if (ws == NULL || band == NULL || lineof == NULL || pg->ord == NULL) {
		e = diag_set(pg->diag, ERR_NOMEM, "page %u: out of memory",
		    pg->in->page);
		goto out;
	}
	for (i = 0; i < pg->nw; i++) {
		ws[i].k1 = (pg->w[i].b.y0 + pg->w[i].b.y1) / 2;
		ws[i].k2 = pg->w[i].b.x0;
		ws[i].i = i;
	}
	qsort(ws, pg->nw, sizeof *ws, wsort_cmp);
	for (i = 0; i < pg->nw; i++) {
		const struct lo_word *w = &pg->w[ws[i].i];
		double wh = lo_box_h(&w->b), best = 0;
		size_t lo = nl > LO_OPEN_LINES ? nl - LO_OPEN_LINES : 0;
		size_t pick = nl;

		for (j = lo; j < nl; j++) {
			double bh = band[j].hsum / (double)band[j].n;
			double bc = band[j].csum / (double)band[j].n;
			double ov = lo_overlap(
			    w->b.y0, w->b.y1, bc - bh / 2, bc + bh / 2);
			double m = wh < bh ? wh : bh;

			if (m <= 0)
				continue;
			ov /= m;
			/* Half overlapping is not enough: a figure set
			 * between two lines of its label overlaps both. */
			if (fabs((w->b.y0 + w->b.y1) / 2 - bc) > 0.4 * m)
				continue;
			if (ov >= 0.5 && ov >= best) {
				best = ov;
				pick = j;
			}
		}
		if (pick == nl) {
			band[nl].csum = 0;
			band[nl].hsum = 0;
			band[nl].n = 0;
			nl++;
		}
		band[pick].csum += (w->b.y0 + w->b.y1) / 2;
		band[pick].hsum += wh;
		band[pick].n++;
		lineof[ws[i].i] = pick;
	}
	/* Order lines by their centre and words by x within each. */
	pg->lines = calloc(nl, sizeof *pg->lines);
	if (pg->lines == NULL) {
		e = diag_set(pg->diag, ERR_NOMEM, "page %u: out of memory",
		    pg->in->page);
		goto out;
	}
	{
		struct wsort *ls = calloc(nl, sizeof *ls);
		size_t *rank = calloc(nl, sizeof *rank);

		if (ls == NULL || rank == NULL) {
			free(ls);
			free(rank);
			e = diag_set(pg->diag, ERR_NOMEM,
			    "page %u: out of memory", pg->in->page);
			goto out;
		}
		for (j = 0; j < nl; j++) {
			ls[j].k1 = band[j].csum / (double)band[j].n;
			ls[j].k2 = 0;
			ls[j].i = j;
		}
		qsort(ls, nl, sizeof *ls, wsort_cmp);
		for (j = 0; j < nl; j++)
			rank[ls[j].i] = j;
		for (i = 0; i < pg->nw; i++) {
			pg->w[i].line = rank[lineof[i]];
			ws[i].k1 = (double)pg->w[i].line;
			ws[i].k2 = pg->w[i].b.x0;
			ws[i].i = i;
		}
		free(ls);
		free(rank);
	}
	qsort(ws, pg->nw, sizeof *ws, wsort_cmp);
	pg->nlines = nl;
	for (i = 0; i < pg->nw; i++) {
		size_t wi = ws[i].i, l = pg->w[wi].line;
		struct lo_line *ln = &pg->lines[l];

		pg->ord[i] = wi;
		if (ln->n == 0) {
			ln->first = i;
			ln->b = pg->w[wi].b;
		} else
			lo_box_union(&ln->b, &pg->w[wi].b);
		ln->n++;
	}
out:
	free(ws);
	free(band);
	free(lineof);
	return e;
}

/* Body font size: the size most characters are set in. */
static void
measure_page(struct lo_page *pg)
{
	struct wsort *s;
	size_t i, total = 0, acc = 0, n = 0;

	pg->em = 12.0;
	pg->left = 0;
	pg->right = pg->in->width;
	if (pg->nw == 0)
		return;
	s = calloc(pg->nw, sizeof *s);
	if (s == NULL)
		return;
	for (i = 0; i < pg->nw; i++) {
		s[i].k1 = pg->w[i].size;
		s[i].k2 = (double)pg->w[i].len;
		s[i].i = i;
		total += pg->w[i].len;
	}
	qsort(s, pg->nw, sizeof *s, wsort_cmp);
	for (i = 0; i < pg->nw; i++) {
		acc += (size_t)s[i].k2;
		if (acc * 2 >= total) {
			pg->em = s[i].k1;
			break;
		}
	}
	/* Margins from the wide lines: most body lines run margin to
	 * margin, so low and high percentiles of their ends are robust. */
	for (i = 0; i < pg->nlines; i++) {
		const struct lo_line *l = &pg->lines[i];

		if (lo_box_w(&l->b) >= 0.4 * pg->in->width) {
			s[n].k1 = l->b.x0;
			s[n].k2 = l->b.x1;
			n++;
		}
	}
	if (n == 0) {
		for (i = 0; i < pg->nlines; i++) {
			s[n].k1 = pg->lines[i].b.x0;
			s[n].k2 = pg->lines[i].b.x1;
			n++;
		}
	}
	if (n > 0) {
		struct wsort *t = calloc(n, sizeof *t);

		if (t != NULL) {
			for (i = 0; i < n; i++) {
				t[i].k1 = s[i].k1;
				t[i].i = i;
			}
			qsort(t, n, sizeof *t, wsort_cmp);
			pg->left = t[n / 10].k1;
			for (i = 0; i < n; i++) {
				t[i].k1 = s[i].k2;
				t[i].k2 = 0;
				t[i].i = i;
			}
			qsort(t, n, sizeof *t, wsort_cmp);
			pg->right = t[n - 1 - n / 10].k1;
			free(t);
		}
	}
	free(s);
}

/* ------------------------------------------------------------------ */
/* Segments                                                             */

static enum err
build_segments(struct lo_page *pg)
{
	size_t l, i;

	if (pg->nw == 0)
		return ERR_OK;
	pg->segs = calloc(pg->nw, sizeof *pg->segs);
	if (pg->segs == NULL)
		return diag_set(pg->diag, ERR_NOMEM, "page %u: out of memory",
		    pg->in->page);
	for (l = 0; l < pg->nlines; l++) {
		const struct lo_line *ln = &pg->lines[l];
		struct lo_seg *cur = NULL;

		for (i = ln->first; i < ln->first + ln->n; i++) {
			const struct lo_word *w = &pg->w[pg->ord[i]];

			if (w->used) {
				cur = NULL;
				continue;
			}
			if (cur != NULL) {
				const struct lo_word *prev =
				    &pg->w[pg->ord[i - 1]];
				double gap = w->b.x0 - prev->b.x1;
				double sz =
				    w->size > prev->size ? w->size : prev->size;

				/* Ordinary spaces are a quarter of an em, and
				 * justified text stretches them; a gap wider
				 * than an em is a column or a tab stop. */
				if (gap > 1.0 * sz || gap < -sz)
					cur = NULL;
			}
			if (cur == NULL) {
				cur = &pg->segs[pg->nsegs++];
				cur->first = i;
				cur->n = 0;
				cur->line = l;
				cur->b = w->b;
				cur->bold = true;
				cur->size = 0;
			}
			cur->n++;
			lo_box_union(&cur->b, &w->b);
			cur->size = cur->size > w->size ? cur->size : w->size;
			if (!w->bold)
				cur->bold = false;
		}
	}
	return ERR_OK;
}

/* ------------------------------------------------------------------ */
/* Reading order                                                        */

enum {
	ITEM_SEG,
	ITEM_TABLE
};

struct item {
	int kind;
	size_t idx;
	struct doc_box b; /* box used for cutting */
	double ykey;      /* sort key within a leaf */
	size_t line;      /* segments: their line */
	unsigned leaf;    /* the region of the cut it ended in */
	double cx0, cx1;  /* the column it is in (the page's text, or one
			   * side of a vertical cut) */
};

static int
item_cmp_x(const void *pa, const void *pb)
{
	const struct item *a = pa, *b = pb;

	if (a->b.x0 != b->b.x0)
		return a->b.x0 < b->b.x0 ? -1 : 1;
	if (a->ykey != b->ykey)
		return a->ykey < b->ykey ? -1 : 1;
	return a->idx < b->idx ? -1 : a->idx > b->idx;
}

static int
item_cmp_y(const void *pa, const void *pb)
{
	const struct item *a = pa, *b = pb;

	if (a->b.y0 != b->b.y0)
		return a->b.y0 < b->b.y0 ? -1 : 1;
	if (a->b.x0 != b->b.x0)
		return a->b.x0 < b->b.x0 ? -1 : 1;
	return a->idx < b->idx ? -1 : a->idx > b->idx;
}

static int
item_cmp_read(const void *pa, const void *pb)
{
	const struct item *a = pa, *b = pb;

	if (a->ykey != b->ykey)
		return a->ykey < b->ykey ? -1 : 1;
	if (a->b.x0 != b->b.x0)
		return a->b.x0 < b->b.x0 ? -1 : 1;
	return a->idx < b->idx ? -1 : a->idx > b->idx;
}

/* A region read as it stands: top to bottom, left to right. */
static void
leaf(struct item *it, size_t n, unsigned *nleaf, double cx0, double cx1)
{
	size_t i;

	qsort(it, n, sizeof *it, item_cmp_read);
	for (i = 0; i < n; i++) {
		it[i].leaf = *nleaf;
		it[i].cx0 = cx0;
		it[i].cx1 = cx1;
	}
	(*nleaf)++;
}

/* Horizontal extent of it[0..n). */
static void
extent(const struct item *it, size_t n, double *x0, double *x1)
{
	size_t i;

	*x0 = INFINITY;
	*x1 = -INFINITY;
	for (i = 0; i < n; i++) {
		*x0 = fmin(*x0, it[i].b.x0);
		*x1 = fmax(*x1, it[i].b.x1);
	}
}

struct span {
	double a, b;
};

static int
span_cmp(const void *pa, const void *pb)
{
	const struct span *x = pa, *y = pb;

	if (x->a != y->a)
		return x->a < y->a ? -1 : 1;
	return (x->b > y->b) - (x->b < y->b);
}

/* Gaps at least `vmin` wide between the horizontal extents of it[0..n);
 * the count, with the gaps in *out (malloc'ed; NULL when none or when
 * memory runs out, which only costs the merging of bands). */
static size_t
band_gaps(const struct item *it, size_t n, double vmin, struct span **out)
{
	struct span *s, *g;
	size_t i, ng = 0;
	double end;

	*out = NULL;
	if (n < 2)
		return 0;
	s = calloc(n, sizeof *s);
	g = calloc(n, sizeof *g);
	if (s == NULL || g == NULL) {
		free(s);
		free(g);
		return 0;
	}
	for (i = 0; i < n; i++) {
		s[i].a = it[i].b.x0;
		s[i].b = it[i].b.x1;
	}
	qsort(s, n, sizeof *s, span_cmp);
	end = s[0].b;
	for (i = 1; i < n; i++) {
		if (s[i].a - end >= vmin) {
			g[ng].a = end;
			g[ng].b = s[i].a;
			ng++;
		}
		if (s[i].b > end)
			end = s[i].b;
	}
	free(s);
	if (ng == 0) {
		free(g);
		return 0;
	}
	*out = g;
	return ng;
}

static bool
share_gutter(const struct span *g1, size_t n1, const struct span *g2, size_t n2,
    double vmin)
{
	size_t i, j;

	for (i = 0; i < n1; i++)
		for (j = 0; j < n2; j++)
			if (lo_overlap(g1[i].a, g1[i].b, g2[j].a, g2[j].b) >=
			    vmin)
				return true;
	return false;
}

static int
size_cmp(const void *pa, const void *pb)
{
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;

	return (a > b) - (a < b);
}

/* Sorted distinct line numbers of it[0..n) into `out`; the count, or
 * SIZE_MAX when an item is a table. */
static size_t
lines_of(const struct item *it, size_t n, size_t *out)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++) {
		if (it[i].kind != ITEM_SEG)
			return SIZE_MAX;
		out[i] = it[i].line;
	}
	qsort(out, n, sizeof *out, size_cmp);
	for (i = 0; i < n; i++)
		if (k == 0 || out[k - 1] != out[i])
			out[k++] = out[i];
	return k;
}

/* Lines of one side centred on a common axis though they start at
 * different places: a letterhead column. */
static bool
centred(const struct item *it, size_t n, double em)
{
	double c0 = INFINITY, c1 = -INFINITY, x0 = INFINITY, x1 = -INFINITY;
	size_t i;

	if (n < 2)
		return false;
	for (i = 0; i < n; i++) {
		double c = (it[i].b.x0 + it[i].b.x1) / 2;

		c0 = fmin(c0, c);
		c1 = fmax(c1, c);
		x0 = fmin(x0, it[i].b.x0);
		x1 = fmax(x1, it[i].b.x0);
	}
	return c1 - c0 < em && x1 - x0 > em;
}

/*
 * Whether a vertical cut between it[0..k) and it[k..n) (sorted by x)
 * separates columns.  Not when everything is one line ("Số:     /BNV"
 * with the number left blank), nor when both sides have the same lines
 * and neither is centred: that is a list set with tab stops, read line
 * by line.  A letterhead's two centred columns are cut.
 */
static bool
columns_apart(const struct item *it, size_t n, size_t k, double em)
{
	size_t *la = NULL, *lb = NULL, na, nb;
	bool apart = true;

	/* Columns stand side by side: two sides one above the other (a
	 * short last line left of the indented line above it) are not. */
	{
		double a0 = INFINITY, a1 = -INFINITY, b0 = INFINITY,
		       b1 = -INFINITY;
		size_t i;

		for (i = 0; i < n; i++) {
			if (i < k) {
				a0 = fmin(a0, it[i].b.y0);
				a1 = fmax(a1, it[i].b.y1);
			} else {
				b0 = fmin(b0, it[i].b.y0);
				b1 = fmax(b1, it[i].b.y1);
			}
		}
		if (lo_overlap(a0, a1, b0, b1) <= 0)
			return false;
	}
	la = calloc(n, sizeof *la);
	lb = calloc(n, sizeof *lb);
	if (la == NULL || lb == NULL)
		goto out;
	na = lines_of(it, k, la);
	nb = lines_of(it + k, n - k, lb);
	if (na == SIZE_MAX || nb == SIZE_MAX)
		goto out;
	if (na == 1 && nb == 1 && la[0] == lb[0]) {
		apart = false;
		goto out;
	}
	if (na == nb && memcmp(la, lb, na * sizeof *la) == 0 &&
	    !centred(it, k, em) && !centred(it + k, n - k, em))
		apart = false;
out:
	free(la);
	free(lb);
	return apart;
}

/*
 * Recursive XY cut over it[0..n): a vertical cut at the widest gutter
 * that crosses the whole region when it separates columns, otherwise
 * horizontal cuts at the widest gaps between bands; adjacent bands that
 * share a gutter stay together, so a letterhead whose lines are spaced
 * like the body is still cut into its columns.  The order is left in
 * `it` itself, and each item gets the number of the leaf region it ends
 * in.  Depth is capped; past the cap a region is read top to bottom.
 */
/* NOLINTNEXTLINE(misc-no-recursion): depth capped by LO_XYCUT_DEPTH_MAX */
static void
xycut(struct item *it, size_t n, unsigned depth, double vmin, unsigned *nleaf,
    double cx0, double cx1)
{
	size_t i, best_i = 0, nb = 0, b, *bstart = NULL;
	double best = 0, maxe, hmax;

	if (n <= 1 || depth >= LO_XYCUT_DEPTH_MAX) {
		leaf(it, n, nleaf, cx0, cx1);
		return;
	}
	qsort(it, n, sizeof *it, item_cmp_x);
	maxe = it[0].b.x1;
	for (i = 1; i < n; i++) {
		double gap = it[i].b.x0 - maxe;

		if (gap > best) {
			best = gap;
			best_i = i;
		}
		if (it[i].b.x1 > maxe)
			maxe = it[i].b.x1;
	}
	if (best >= vmin && columns_apart(it, n, best_i, vmin)) {
		double a0, a1, b0, b1;

		extent(it, best_i, &a0, &a1);
		extent(it + best_i, n - best_i, &b0, &b1);
		xycut(it, best_i, depth + 1, vmin, nleaf, a0, a1);
		xycut(it + best_i, n - best_i, depth + 1, vmin, nleaf, b0, b1);
		return;
	}
	qsort(it, n, sizeof *it, item_cmp_y);
	hmax = 0;
	maxe = it[0].b.y1;
	for (i = 1; i < n; i++) {
		double gap = it[i].b.y0 - maxe;

		if (gap > hmax)
			hmax = gap;
		if (it[i].b.y1 > maxe)
			maxe = it[i].b.y1;
	}
	if (hmax <= 0) {
		leaf(it, n, nleaf, cx0, cx1);
		return;
	}
	/* Bands at every gap of the widest tier at once, so a page of
	 * evenly spaced lines costs one level, not one per line. */
	bstart = calloc(n + 1, sizeof *bstart);
	if (bstart == NULL) {
		leaf(it, n, nleaf, cx0, cx1);
		return;
	}
	maxe = it[0].b.y1;
	bstart[nb++] = 0;
	for (i = 1; i < n; i++) {
		if (it[i].b.y0 - maxe >= hmax * 0.75)
			bstart[nb++] = i;
		if (it[i].b.y1 > maxe)
			maxe = it[i].b.y1;
	}
	bstart[nb] = n;
	/* Groups of adjacent bands sharing a gutter. */
	for (b = 0; b < nb;) {
		size_t e = b + 1;
		struct span *gg = NULL;
		size_t ngg = band_gaps(
		    it + bstart[b], bstart[b + 1] - bstart[b], vmin, &gg);

		while (ngg > 0 && e < nb) {
			struct span *g2 = NULL;
			size_t n2 = band_gaps(it + bstart[e],
			    bstart[e + 1] - bstart[e], vmin, &g2);
			bool share = share_gutter(gg, ngg, g2, n2, vmin);

			free(g2);
			if (!share)
				break;
			e++;
			free(gg);
			ngg = band_gaps(
			    it + bstart[b], bstart[e] - bstart[b], vmin, &gg);
		}
		free(gg);
		/* A group that is the whole region would come back here:
		 * its bands are read one by one instead. */
		if (b == 0 && e == nb && nb > 1)
			e = b + 1;
		xycut(it + bstart[b], bstart[e] - bstart[b], depth + 1, vmin,
		    nleaf, cx0, cx1);
		b = e;
	}
	free(bstart);
}

/* ------------------------------------------------------------------ */
/* Paragraphs                                                           */

struct row {
	size_t first, n; /* into the ordered item list */
	struct doc_box b;
	double size;
	bool bold;
	size_t line;
	double fw;         /* width of the first word */
	const char *ftext; /* first word */
	size_t flen;
	double rl, rr; /* left and right edge of the row's column */
};

static bool
starts_with_marker(const char *t, size_t len)
{
	static const char *const marks[] = { "-", "+", "\xe2\x80\xa2",
		"\xe2\x80\x93", "*", "\xe2\x80\x94" };
	size_t i, k;

	for (i = 0; i < sizeof marks / sizeof marks[0]; i++) {
		size_t ml = strlen(marks[i]);

		if (len == ml && memcmp(t, marks[i], ml) == 0)
			return true;
	}
	/* "1.", "1.2.", "a)", "II.", "3)" */
	k = 0;
	while (k < len && ((t[k] >= '0' && t[k] <= '9') || t[k] == '.'))
		k++;
	if (k > 0 && k == len && t[len - 1] == '.' && t[0] != '.')
		return true;
	if (len >= 2 && len <= 4 && t[len - 1] == ')')
		return true;
	k = 0;
	while (k < len && strchr("IVXL", t[k]) != NULL)
		k++;
	return k > 0 && k + 1 == len && t[k] == '.';
}

/* Heading level from a leading number: "I." 1, "1." 2, "1.1." 3. */
static unsigned
numbering_level(const char *t, size_t len)
{
	size_t k = 0, dots = 0;

	while (k < len && strchr("IVXL", t[k]) != NULL)
		k++;
	if (k > 0 && k < len && t[k] == '.' &&
	    (k + 1 == len || t[k + 1] == ' '))
		return 1;
	k = 0;
	while (k < len && ((t[k] >= '0' && t[k] <= '9') || t[k] == '.')) {
		if (t[k] == '.')
			dots++;
		k++;
	}
	if (k > 0 && dots > 0 && t[0] != '.' && (k == len || t[k] == ' '))
		return dots >= 8 ? 9 : (unsigned)dots + 1;
	if (len >= 2 && t[0] >= 'a' && t[0] <= 'z' && t[1] == ')')
		return 3;
	return 0;
}

/* Whether row b starts a new paragraph after row a. */
static bool
breaks(const struct lo_page *pg, const struct row *a, const struct row *b,
    double med_gap)
{
	double ha = lo_box_h(&a->b), hb = lo_box_h(&b->b);
	double h = ha > hb ? ha : hb;
	double em = a->size > b->size ? a->size : b->size;
	double wa = lo_box_w(&a->b), wb = lo_box_w(&b->b);
	double ov = lo_overlap(a->b.x0, a->b.x1, b->b.x0, b->b.x1);
	double gap = b->b.y0 - a->b.y1;
	double space = a->rr - a->b.x1;
	double textw = pg->right - pg->left;

	if ((a->b.y0 + a->b.y1) / 2 >= (b->b.y0 + b->b.y1) / 2)
		return true;
	if (ov < 0.3 * (wa < wb ? wa : wb) &&
	    (a->rl != b->rl || a->rr != b->rr))
		return true;
	if (gap > med_gap + 0.6 * h || gap > 1.5 * h)
		return true;
	if (a->bold != b->bold)
		return true;
	if (pg->ocr ? fabs(a->size - b->size) > 0.2 * em
		    : fabs(a->size - b->size) > 0.5)
		return true;
	/* A centred title wrapped over lines: both centred on the same axis
	 * and the first nearly as wide as the text. */
	if (wa >= 0.7 * textw &&
	    fabs((a->b.x0 + a->b.x1) - (b->b.x0 + b->b.x1)) < em &&
	    space < b->fw + 0.6 * em)
		return false;
	/* Indented relative to the line above: a first line. */
	if (b->b.x0 - a->b.x0 > 0.8 * em)
		return true;
	/* Both indented like first lines, while the column has lines at its
	 * margin: two one-line paragraphs. */
	if (fabs(b->b.x0 - a->b.x0) < 0.3 * em && a->b.x0 > a->rl + 0.8 * em)
		return true;
	/* The line above ended early although the next word would have fit:
	 * a hard break. */
	if (space > b->fw + 0.6 * em)
		return true;
	if (starts_with_marker(b->ftext, b->flen) && space > 1.0 * em)
		return true;
	return false;
}

struct para {
	size_t r0, nr; /* rows */
};

static bool
is_page_number(const char *t, size_t len)
{
	size_t i, digits = 0;

	if (len == 0 || len > 24)
		return false;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)t[i];

		if (c >= '0' && c <= '9')
			digits++;
		else if (c != ' ' && c != '-' && c != '/' && c != '(' &&
		    c != ')')
			return len >= 7 && memcmp(t, "Trang ", 6) == 0 &&
			    t[6] >= '0' && t[6] <= '9';
	}
	return digits > 0 && digits <= 4;
}

static enum err
emit_para(struct lo_page *pg, struct doc *d, const struct item *it,
    const struct row *rows, const struct para *p, bool last_on_page)
{
	struct buf b;
	struct doc_box box = rows[p->r0].b;
	double conf_sum = 0, size_sum = 0, nchars = 0;
	size_t nconf = 0, r, k, i;
	bool glue = false, bold = true;
	struct doc_block *blk;
	enum doc_kind kind = DOC_PARAGRAPH;
	unsigned level = 0;
	enum doc_part part = DOC_PART_BODY;
	double size;
	bool big;

	buf_init(&b, pg->lim->text_max);
	for (r = p->r0; r < p->r0 + p->nr; r++) {
		const struct row *rw = &rows[r];
		const struct lo_word *lastw = NULL;

		lo_box_union(&box, &rw->b);
		for (k = rw->first; k < rw->first + rw->n; k++) {
			const struct lo_seg *s = &pg->segs[it[k].idx];

			for (i = s->first; i < s->first + s->n; i++) {
				const struct lo_word *w = &pg->w[pg->ord[i]];

				lo_put_word(&b, w->text, w->len, &glue);
				if (w->conf >= 0) {
					conf_sum += w->conf;
					nconf++;
				}
				size_sum += w->size * (double)w->len;
				nchars += (double)w->len;
				if (!w->bold)
					bold = false;
				lastw = w;
			}
		}
		glue = lastw != NULL && lo_glues(lastw->text, lastw->len);
	}
	if (b.overflow) {
		buf_fini(&b);
		return diag_set(pg->diag, ERR_LIMIT,
		    "page %u: a paragraph is longer than %zu bytes",
		    pg->in->page, pg->lim->text_max);
	}
	size = nchars > 0 ? size_sum / nchars : pg->em;

	/* Running heads, page numbers, footnotes. */
	if (p->nr == 1 && is_page_number(buf_str(&b), b.len)) {
		if (box.y1 < pg->in->height * 0.12)
			part = DOC_PART_HEADER;
		else if (box.y0 > pg->in->height * 0.85)
			part = DOC_PART_FOOTER;
	}
	if (part == DOC_PART_BODY && last_on_page && size < pg->em * 0.88 &&
	    box.y0 > pg->in->height * 0.7 && b.len > 0 &&
	    (strchr("0123456789*(", b.data[0]) != NULL))
		part = DOC_PART_FOOTNOTE;

	/* Headings: bold or larger type, short, and numbered, centred on
	 * the page or set larger than the body. */
	/* OCR only estimates sizes, so it takes a clearer difference. */
	big = size > pg->em * (pg->ocr ? 1.3 : 1.12);
	if (part == DOC_PART_BODY && b.len > 0 && b.len <= 300 && p->nr <= 3 &&
	    (bold || big)) {
		double cx = (box.x0 + box.x1) / 2;
		double mid = (pg->left + pg->right) / 2;
		unsigned nl = numbering_level(b.data, b.len);

		if (nl > 0 && bold) {
			kind = DOC_HEADING;
			level = nl;
		} else if (big) {
			kind = DOC_HEADING;
			level = 1;
		} else if (fabs(cx - mid) < pg->em * 1.5 &&
		    lo_box_w(&box) < 0.9 * (pg->right - pg->left) &&
		    box.x0 > pg->left + pg->em) {
			kind = DOC_HEADING;
			level = 1;
		}
	}
	blk = doc_add_block(d, &d->blocks, kind, buf_str(&b), b.len);
	buf_fini(&b);
	if (blk == NULL)
		return diag_set(pg->diag, ERR_NOMEM, "page %u: out of memory",
		    pg->in->page);
	blk->level = level;
	blk->part = part;
	blk->page = pg->in->page;
	blk->has_box = true;
	blk->box = box;
	blk->confidence = nconf > 0 ? (float)(conf_sum / (double)nconf) : -1.0f;
	return ERR_OK;
}

static int
dbl_cmp(const void *pa, const void *pb)
{
	double a = *(const double *)pa, b = *(const double *)pb;

	return a < b ? -1 : a > b;
}

static enum err
emit_flow(struct lo_page *pg, struct doc *d, const struct item *it, size_t nit)
{
	struct row *rows = NULL;
	struct para *paras = NULL;
	double *gaps = NULL, med_gap = 0;
	size_t nrows = 0, npar = 0, ngaps = 0, i;
	enum err e = ERR_OK;

	rows = calloc(nit + 1, sizeof *rows);
	paras = calloc(nit + 1, sizeof *paras);
	gaps = calloc(nit + 1, sizeof *gaps);
	if (rows == NULL || paras == NULL || gaps == NULL) {
		e = diag_set(pg->diag, ERR_NOMEM, "page %u: out of memory",
		    pg->in->page);
		goto out;
	}
	/* Rows: consecutive segments of one line.  A table ends a row. */
	for (i = 0; i < nit; i++) {
		const struct lo_seg *s;
		struct row *r;

		if (it[i].kind != ITEM_SEG)
			continue;
		s = &pg->segs[it[i].idx];
		r = nrows > 0 ? &rows[nrows - 1] : NULL;
		if (r != NULL && r->first + r->n == i && r->line == s->line &&
		    it[r->first].leaf == it[i].leaf) {
			r->n++;
			lo_box_union(&r->b, &s->b);
			if (!s->bold)
				r->bold = false;
			if (s->size > r->size)
				r->size = s->size;
			continue;
		}
		r = &rows[nrows++];
		r->first = i;
		r->n = 1;
		r->b = s->b;
		r->bold = s->bold;
		r->size = s->size;
		r->line = s->line;
		r->rl = it[i].cx0;
		r->rr = it[i].cx1;
		{
			const struct lo_word *w = &pg->w[pg->ord[s->first]];

			r->fw = lo_box_w(&w->b);
			r->ftext = w->text;
			r->flen = w->len;
		}
	}
	/* The usual gap between lines of one paragraph on this page. */
	for (i = 1; i < nrows; i++) {
		const struct row *a = &rows[i - 1], *b = &rows[i];

		if (b->b.y0 > a->b.y0 && b->b.y0 - a->b.y1 < lo_box_h(&a->b) &&
		    lo_overlap(a->b.x0, a->b.x1, b->b.x0, b->b.x1) > 0)
			gaps[ngaps++] = b->b.y0 - a->b.y1;
	}
	if (ngaps > 0) {
		qsort(gaps, ngaps, sizeof *gaps, dbl_cmp);
		med_gap = gaps[ngaps / 2];
	}
	/* Paragraphs; a table between two rows also separates them. */
	for (i = 0; i < nrows; i++) {
		bool brk = npar == 0;

		if (!brk) {
			const struct row *a = &rows[i - 1];

			brk = a->first + a->n != rows[i].first &&
			    it[a->first + a->n].kind == ITEM_TABLE;
			if (!brk) {
				size_t k;

				for (k = a->first + a->n; k < rows[i].first;
				     k++)
					if (it[k].kind == ITEM_TABLE)
						brk = true;
			}
			if (!brk)
				brk = breaks(pg, a, &rows[i], med_gap);
		}
		if (brk) {
			paras[npar].r0 = i;
			paras[npar].nr = 0;
			npar++;
		}
		paras[npar - 1].nr++;
	}
	/* Emit paragraphs and tables in item order. */
	{
		size_t p = 0, ti;

		for (ti = 0; ti < nit || p < npar;) {
			size_t pfirst =
			    p < npar ? rows[paras[p].r0].first : nit;

			if (ti < nit && it[ti].kind == ITEM_TABLE &&
			    ti < pfirst) {
				e = lo_emit_table(
				    pg, d, &pg->tables[it[ti].idx]);
				if (e != ERR_OK)
					goto out;
				ti++;
				continue;
			}
			if (p < npar) {
				const struct row *lr =
				    &rows[paras[p].r0 + paras[p].nr - 1];

				e = emit_para(
				    pg, d, it, rows, &paras[p], p + 1 == npar);
				if (e != ERR_OK)
					goto out;
				ti = lr->first + lr->n;
				p++;
				continue;
			}
			ti++;
		}
	}
out:
	free(rows);
	free(paras);
	free(gaps);
	return e;
}

static enum err
read_order(struct lo_page *pg, struct doc *d)
{
	struct item *it;
	size_t n = 0, i;
	enum err e;

	it = calloc(pg->nsegs + pg->ntables + 1, sizeof *it);
	if (it == NULL)
		return diag_set(pg->diag, ERR_NOMEM, "page %u: out of memory",
		    pg->in->page);
	for (i = 0; i < pg->nsegs; i++) {
		const struct lo_seg *s = &pg->segs[i];
		const struct lo_line *l = &pg->lines[s->line];
		double h = lo_box_h(&s->b);

		if (s->used)
			continue;
		it[n].kind = ITEM_SEG;
		it[n].idx = i;
		it[n].b = s->b;
		/* Character boxes include the leading, so lines touch;
		 * cutting on the inner part of each box finds the gaps. */
		it[n].b.y0 += h * 0.15;
		it[n].b.y1 -= h * 0.15;
		it[n].ykey = (l->b.y0 + l->b.y1) / 2;
		it[n].line = s->line;
		n++;
	}
	for (i = 0; i < pg->ntables; i++) {
		it[n].kind = ITEM_TABLE;
		it[n].idx = i;
		it[n].b = pg->tables[i].b;
		it[n].ykey = pg->tables[i].b.y0;
		n++;
	}
	{
		unsigned nleaf = 0;

		double x0, x1;

		extent(it, n, &x0, &x1);
		xycut(it, n, 0, pg->em, &nleaf, fmin(x0, pg->left),
		    fmax(x1, pg->right));
	}
	e = emit_flow(pg, d, it, n);
	free(it);
	return e;
}

/* ------------------------------------------------------------------ */

static void
page_fini(struct lo_page *pg)
{
	size_t i;

	for (i = 0; i < pg->ntables; i++)
		lo_table_fini(&pg->tables[i]);
	free(pg->tables);
	free(pg->w);
	free(pg->ord);
	free(pg->lines);
	free(pg->segs);
}

/*
 * Appends the blocks of one page to d->blocks in reading order.  The
 * words and rules in `in` are only read; their text is copied (NFC) into
 * the document's arena.  ERR_LIMIT when the page has more words or rules
 * than lim->page_words_max or a table passes lim->table_rows_max or
 * table_cols_max; ERR_NOMEM when memory or the arena runs out.  On error
 * some of the page's blocks may already have been appended.
 */
enum err
layout_page(struct doc *d, const struct layout_page_in *in,
    const struct limits *lim, struct diag *diag)
{
	struct lo_page pg;
	enum err e;

	memset(&pg, 0, sizeof pg);
	pg.in = in;
	pg.lim = lim;
	pg.diag = diag;
	if (!isfinite(in->width) || !isfinite(in->height) || in->width <= 0 ||
	    in->height <= 0 || in->width > lim->page_side_max_pt ||
	    in->height > lim->page_side_max_pt)
		return diag_set(diag, ERR_LIMIT,
		    "page %u measures %.0f x %.0f pt, limit %.0f pt a side",
		    in->page, in->width, in->height, lim->page_side_max_pt);
	if (in->nrules > lim->page_words_max)
		return diag_set(diag, ERR_LIMIT,
		    "page %u has %zu ruling lines, limit %zu", in->page,
		    in->nrules, lim->page_words_max);
	e = copy_words(&pg);
	if (e == ERR_OK)
		e = build_lines(&pg);
	if (e == ERR_OK)
		measure_page(&pg);
	if (e == ERR_OK)
		e = lo_ruled_tables(&pg);
	if (e == ERR_OK)
		e = build_segments(&pg);
	if (e == ERR_OK)
		e = lo_aligned_tables(&pg);
	if (e == ERR_OK)
		e = read_order(&pg, d);
	page_fini(&pg);
	return e;
}
