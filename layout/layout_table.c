/* SPDX-License-Identifier: MIT */
/*
 * Table reconstruction.  Ruled tables: ruling lines are merged, grouped
 * into connected grids, and each grid's row and column boundaries found;
 * a missing stretch of rule between two slots merges them, which gives
 * column spans (a "Kết quả thống kê" header) and row spans (a "Trong đó"
 * cell) exactly as the table was drawn.  Unruled tables: lines with
 * several segments whose columns line up are cut into column gutters and
 * row bands.  Both produce the same grid of cells the DOCX reader makes.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "layout/layout_int.h"

/* Cells of one ruled grid at most (before merging): ten times the
 * largest appendix we have seen, and small enough that the grid's
 * working arrays stay a few tens of megabytes. */
#define LO_GRID_SLOTS_MAX 1000000u
/* Rules closer than this (points) are the same line; double borders
 * are about 1.5 pt apart. */
#define RULE_TOL 3.0
/* A rule must reach this close to another to meet it. */
#define MEET_TOL 3.0

/* Contract in layout_int.h: a new table in pg->tables, its cells' text
 * buffers capped by text_max; NULL with diag set past a cap or on ENOMEM. */
struct lo_table *
lo_table_new(struct lo_page *pg, unsigned nrows, unsigned ncols, size_t ncells)
{
	struct lo_table *t;
	size_t i;

	if (nrows > pg->lim->table_rows_max) {
		(void)diag_set(pg->diag, ERR_LIMIT,
		    "page %u: a table has %u rows, limit %u", pg->in->page,
		    nrows, pg->lim->table_rows_max);
		return NULL;
	}
	if (ncols > pg->lim->table_cols_max) {
		(void)diag_set(pg->diag, ERR_LIMIT,
		    "page %u: a table has %u columns, limit %u", pg->in->page,
		    ncols, pg->lim->table_cols_max);
		return NULL;
	}
	if (pg->ntables == pg->tables_cap) {
		size_t cap = pg->tables_cap ? pg->tables_cap * 2 : 4;
		struct lo_table *nt = realloc(pg->tables, cap * sizeof *nt);

		if (nt == NULL)
			goto nomem;
		pg->tables = nt;
		pg->tables_cap = cap;
	}
	t = &pg->tables[pg->ntables];
	memset(t, 0, sizeof *t);
	t->cells = calloc(ncells ? ncells : 1, sizeof *t->cells);
	if (t->cells == NULL)
		goto nomem;
	for (i = 0; i < ncells; i++)
		buf_init(&t->cells[i].text, pg->lim->text_max);
	t->ncells = ncells;
	t->nrows = nrows;
	t->ncols = ncols;
	pg->ntables++;
	return t;
nomem:
	(void)diag_set(
	    pg->diag, ERR_NOMEM, "page %u: out of memory", pg->in->page);
	return NULL;
}

/* Frees a table's cells (not the table, which lives in pg->tables). */
void
lo_table_fini(struct lo_table *t)
{
	size_t i;

	for (i = 0; i < t->ncells; i++)
		buf_fini(&t->cells[i].text);
	free(t->cells);
	t->cells = NULL;
	t->ncells = 0;
}

/* ------------------------------------------------------------------ */
/* Ruled tables                                                         */

struct hr {
	double y, a, b; /* y, x from a to b */
	size_t comp;
	unsigned deg;
};

static int
hr_cmp(const void *pa, const void *pb)
{
	const struct hr *x = pa, *y = pb;

	if (x->y != y->y)
		return x->y < y->y ? -1 : 1;
	if (x->a != y->a)
		return x->a < y->a ? -1 : 1;
	return (x->b > y->b) - (x->b < y->b);
}

static int
hr_cmp_a(const void *pa, const void *pb)
{
	const struct hr *x = pa, *y = pb;

	if (x->a != y->a)
		return x->a < y->a ? -1 : 1;
	return (x->b > y->b) - (x->b < y->b);
}

/* Merges collinear, overlapping or touching rules (sorted by hr_cmp);
 * returns the new count.  The same code serves vertical rules with the
 * axes swapped. */
static size_t
merge_rules(struct hr *r, size_t n)
{
	size_t i = 0, out = 0;

	while (i < n) {
		size_t j = i + 1, k;
		double y0 = r[i].y;

		while (j < n && r[j].y - y0 <= RULE_TOL * 0.5)
			j++;
		qsort(r + i, j - i, sizeof *r, hr_cmp_a);
		for (k = i; k < j;) {
			struct hr cur = r[k];
			double ysum = r[k].y;
			size_t cnt = 1;

			k++;
			while (k < j && r[k].a <= cur.b + RULE_TOL) {
				if (r[k].b > cur.b)
					cur.b = r[k].b;
				ysum += r[k].y;
				cnt++;
				k++;
			}
			cur.y = ysum / (double)cnt;
			r[out++] = cur;
		}
		i = j;
	}
	return out;
}

static size_t
uf_find(size_t *p, size_t x)
{
	size_t root = x, next;

	while (p[root] != root)
		root = p[root];
	/* Path compression keeps later finds short; the loop is bounded
	 * by the chain length, itself at most n. */
	while (p[x] != root) {
		next = p[x];
		p[x] = root;
		x = next;
	}
	return root;
}

static void
uf_union(size_t *p, size_t a, size_t b)
{
	a = uf_find(p, a);
	b = uf_find(p, b);
	if (a != b)
		p[a < b ? b : a] = a < b ? a : b;
}

static bool
meets(const struct hr *h, const struct hr *v)
{
	/* h: y, x from a to b; v: x in v->y, y from v->a to v->b */
	return v->y >= h->a - MEET_TOL && v->y <= h->b + MEET_TOL &&
	    h->y >= v->a - MEET_TOL && h->y <= v->b + MEET_TOL;
}

/* Cluster sorted positions within RULE_TOL; returns the count. */
static size_t
cluster(double *v, size_t n)
{
	size_t i = 0, out = 0;

	while (i < n) {
		size_t j = i + 1;
		double sum = v[i];

		while (j < n && v[j] - v[i] <= RULE_TOL) {
			sum += v[j];
			j++;
		}
		v[out++] = sum / (double)(j - i);
		i = j;
	}
	return out;
}

static int
dcmp(const void *pa, const void *pb)
{
	double a = *(const double *)pa, b = *(const double *)pb;

	return (a > b) - (a < b);
}

/* Index of the boundary nearest `x` in sorted `v[0..n)` if within tol,
 * else -1. */
static long
nearest(const double *v, size_t n, double x, double tol)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (v[mid] < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < n && fabs(v[lo] - x) <= tol &&
	    (lo == 0 || fabs(v[lo] - x) <= fabs(v[lo - 1] - x)))
		return (long)lo;
	if (lo > 0 && fabs(v[lo - 1] - x) <= tol)
		return (long)lo - 1;
	return -1;
}

/* Slot index containing x: the i with v[i] <= x < v[i+1], clamped. */
static size_t
slot_of(const double *v, size_t n, double x)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (v[mid] <= x)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return 0;
	if (lo >= n)
		return n >= 2 ? n - 2 : 0;
	return lo - 1;
}

struct grid {
	double *xs, *ys;
	size_t nx, ny;       /* boundaries */
	unsigned char *hcov; /* ny x (nx-1): rule along row boundary */
	unsigned char *vcov; /* (ny-1) x nx: rule along column boundary */
	size_t *uf;
	size_t *cellof; /* slot -> cell index */
};

static void
grid_fini(struct grid *g)
{
	free(g->xs);
	free(g->ys);
	free(g->hcov);
	free(g->vcov);
	free(g->uf);
	free(g->cellof);
}

static enum err
build_grid(struct lo_page *pg, const struct hr *h, size_t nh,
    const struct hr *v, size_t nv, struct grid *g)
{
	size_t i, nrow, ncol, nslot;
	double xmin, xmax, ymin, ymax;

	memset(g, 0, sizeof *g);
	g->xs = calloc(nv + 2, sizeof *g->xs);
	g->ys = calloc(nh + 2, sizeof *g->ys);
	if (g->xs == NULL || g->ys == NULL)
		goto nomem;
	xmin = ymin = INFINITY;
	xmax = ymax = -INFINITY;
	for (i = 0; i < nv; i++) {
		g->xs[g->nx++] = v[i].y;
		ymin = fmin(ymin, v[i].a);
		ymax = fmax(ymax, v[i].b);
	}
	for (i = 0; i < nh; i++) {
		g->ys[g->ny++] = h[i].y;
		xmin = fmin(xmin, h[i].a);
		xmax = fmax(xmax, h[i].b);
	}
	qsort(g->xs, g->nx, sizeof *g->xs, dcmp);
	qsort(g->ys, g->ny, sizeof *g->ys, dcmp);
	g->nx = cluster(g->xs, g->nx);
	g->ny = cluster(g->ys, g->ny);
	/* Rules running past the outermost verticals (a table without side
	 * borders) add an outer column, and likewise for rows. */
	if (xmin < g->xs[0] - 2 * RULE_TOL) {
		memmove(g->xs + 1, g->xs, g->nx * sizeof *g->xs);
		g->xs[0] = xmin;
		g->nx++;
	}
	if (xmax > g->xs[g->nx - 1] + 2 * RULE_TOL)
		g->xs[g->nx++] = xmax;
	if (ymin < g->ys[0] - 2 * RULE_TOL) {
		memmove(g->ys + 1, g->ys, g->ny * sizeof *g->ys);
		g->ys[0] = ymin;
		g->ny++;
	}
	if (ymax > g->ys[g->ny - 1] + 2 * RULE_TOL)
		g->ys[g->ny++] = ymax;
	if (g->nx < 2 || g->ny < 2)
		return ERR_OK;
	nrow = g->ny - 1;
	ncol = g->nx - 1;
	if (nrow > pg->lim->table_rows_max)
		return diag_set(pg->diag, ERR_LIMIT,
		    "page %u: a ruled table has %zu rows, limit %u",
		    pg->in->page, nrow, pg->lim->table_rows_max);
	if (ncol > pg->lim->table_cols_max)
		return diag_set(pg->diag, ERR_LIMIT,
		    "page %u: a ruled table has %zu columns, limit %u",
		    pg->in->page, ncol, pg->lim->table_cols_max);
	nslot = nrow * ncol;
	if (nslot > LO_GRID_SLOTS_MAX)
		return diag_set(pg->diag, ERR_LIMIT,
		    "page %u: a ruled table of %zu x %zu cells, limit %u cells",
		    pg->in->page, nrow, ncol, LO_GRID_SLOTS_MAX);
	g->hcov = calloc(g->ny * ncol, 1);
	g->vcov = calloc(nrow * g->nx, 1);
	g->uf = calloc(nslot, sizeof *g->uf);
	g->cellof = calloc(nslot, sizeof *g->cellof);
	if (g->hcov == NULL || g->vcov == NULL || g->uf == NULL ||
	    g->cellof == NULL)
		goto nomem;
	/* Which stretches of each boundary carry a rule. */
	for (i = 0; i < nh; i++) {
		long r = nearest(g->ys, g->ny, h[i].y, RULE_TOL);
		size_t c;

		if (r < 0)
			continue;
		c = slot_of(g->xs, g->nx, h[i].a + MEET_TOL);
		for (; c < ncol; c++) {
			double mid = (g->xs[c] + g->xs[c + 1]) / 2;

			if (mid > h[i].b + MEET_TOL)
				break;
			if (mid >= h[i].a - MEET_TOL)
				g->hcov[(size_t)r * ncol + c] = 1;
		}
	}
	for (i = 0; i < nv; i++) {
		long c = nearest(g->xs, g->nx, v[i].y, RULE_TOL);
		size_t r;

		if (c < 0)
			continue;
		r = slot_of(g->ys, g->ny, v[i].a + MEET_TOL);
		for (; r < nrow; r++) {
			double mid = (g->ys[r] + g->ys[r + 1]) / 2;

			if (mid > v[i].b + MEET_TOL)
				break;
			if (mid >= v[i].a - MEET_TOL)
				g->vcov[r * g->nx + (size_t)c] = 1;
		}
	}
	for (i = 0; i < nslot; i++)
		g->uf[i] = i;
	for (i = 0; i < nslot; i++) {
		size_t r = i / ncol, c = i % ncol;

		if (c + 1 < ncol && !g->vcov[r * g->nx + c + 1])
			uf_union(g->uf, i, i + 1);
		if (r + 1 < nrow && !g->hcov[(r + 1) * ncol + c])
			uf_union(g->uf, i, i + ncol);
	}
	return ERR_OK;
nomem:
	return diag_set(
	    pg->diag, ERR_NOMEM, "page %u: out of memory", pg->in->page);
}

struct region {
	size_t r0, r1, c0, c1, n; /* inclusive bounds, slot count */
};

static enum err
grid_to_table(struct lo_page *pg, struct grid *g)
{
	size_t nrow = g->ny - 1, ncol = g->nx - 1, nslot = nrow * ncol;
	struct region *rg = NULL;
	size_t *widx = NULL, *wcell = NULL, *cstart = NULL, *fill = NULL;
	size_t nreg = 0, ncell = 0, i, nwin = 0;
	struct lo_table *t;
	struct doc_box bb;
	enum err e = ERR_OK;

	bb.x0 = g->xs[0];
	bb.x1 = g->xs[g->nx - 1];
	bb.y0 = g->ys[0];
	bb.y1 = g->ys[g->ny - 1];
	/* A single box (a frame around a paragraph, a page border) is no
	 * table. */
	if (nslot < 2 || uf_find(g->uf, 0) == uf_find(g->uf, nslot - 1))
		return ERR_OK;
	rg = calloc(nslot, sizeof *rg);
	if (rg == NULL)
		goto nomem;
	/* Regions of merged slots; a non-rectangular one (a broken
	 * drawing) falls back to one cell per slot. */
	for (i = 0; i < nslot; i++)
		g->cellof[i] = SIZE_MAX;
	for (i = 0; i < nslot; i++) {
		size_t root = uf_find(g->uf, i), r = i / ncol, c = i % ncol;
		struct region *x;

		if (g->cellof[root] == SIZE_MAX) {
			g->cellof[root] = nreg;
			x = &rg[nreg++];
			x->r0 = x->r1 = r;
			x->c0 = x->c1 = c;
			x->n = 0;
		}
		x = &rg[g->cellof[root]];
		x->r0 = r < x->r0 ? r : x->r0;
		x->r1 = r > x->r1 ? r : x->r1;
		x->c0 = c < x->c0 ? c : x->c0;
		x->c1 = c > x->c1 ? c : x->c1;
		x->n++;
	}
	for (i = 0; i < nslot; i++) {
		size_t root = uf_find(g->uf, i);
		const struct region *x = &rg[g->cellof[root]];

		if (x->n == (x->r1 - x->r0 + 1) * (x->c1 - x->c0 + 1))
			ncell += (i == root);
		else
			ncell++;
	}
	t = lo_table_new(pg, (unsigned)nrow, (unsigned)ncol, ncell);
	if (t == NULL) {
		free(rg);
		return pg->diag->code;
	}
	t->b = bb;
	/* Cells in row-major order of their top-left slot. */
	ncell = 0;
	for (i = 0; i < nslot; i++) {
		size_t root = uf_find(g->uf, i), r = i / ncol, c = i % ncol;
		const struct region *x = &rg[g->cellof[root]];
		struct lo_cell *cell;
		bool rect = x->n == (x->r1 - x->r0 + 1) * (x->c1 - x->c0 + 1);

		if (rect && (r != x->r0 || c != x->c0))
			continue;
		cell = &t->cells[ncell];
		cell->row = (unsigned)r;
		cell->col = (unsigned)c;
		cell->rspan = rect ? (unsigned)(x->r1 - x->r0 + 1) : 1;
		cell->cspan = rect ? (unsigned)(x->c1 - x->c0 + 1) : 1;
		cell->b.x0 = g->xs[c];
		cell->b.y0 = g->ys[r];
		cell->b.x1 = g->xs[c + cell->cspan];
		cell->b.y1 = g->ys[r + cell->rspan];
		ncell++;
	}
	/* slot -> cell */
	{
		size_t k = 0;

		for (i = 0; i < nslot; i++)
			g->cellof[i] = SIZE_MAX;
		for (k = 0; k < ncell; k++) {
			const struct lo_cell *cell = &t->cells[k];
			size_t r, c;

			for (r = cell->row; r < cell->row + cell->rspan; r++)
				for (c = cell->col; c < cell->col + cell->cspan;
				     c++)
					g->cellof[r * ncol + c] = k;
		}
	}
	/* Words whose centre lies inside the grid go to their cell. */
	widx = calloc(pg->nw + 1, sizeof *widx);
	wcell = calloc(pg->nw + 1, sizeof *wcell);
	cstart = calloc(ncell + 1, sizeof *cstart);
	fill = calloc(ncell + 1, sizeof *fill);
	if (widx == NULL || wcell == NULL || cstart == NULL || fill == NULL)
		goto nomem;
	for (i = 0; i < pg->nw; i++) {
		struct lo_word *w = &pg->w[i];
		double cx = (w->b.x0 + w->b.x1) / 2;
		double cy = (w->b.y0 + w->b.y1) / 2;
		size_t r, c, k;

		if (w->used || cx < bb.x0 || cx > bb.x1 || cy < bb.y0 ||
		    cy > bb.y1)
			continue;
		c = slot_of(g->xs, g->nx, cx);
		r = slot_of(g->ys, g->ny, cy);
		k = g->cellof[r * ncol + c];
		if (k == SIZE_MAX)
			continue;
		w->used = true;
		widx[nwin] = i;
		wcell[nwin] = k;
		nwin++;
		cstart[k + 1]++;
	}
	for (i = 0; i < ncell; i++)
		cstart[i + 1] += cstart[i];
	{
		size_t *byc = calloc(nwin + 1, sizeof *byc);

		if (byc == NULL)
			goto nomem;
		for (i = 0; i < nwin; i++)
			byc[cstart[wcell[i]] + fill[wcell[i]]++] = widx[i];
		for (i = 0; i < ncell; i++) {
			struct lo_cell *cell = &t->cells[i];

			lo_words_text(pg, byc + cstart[i],
			    cstart[i + 1] - cstart[i], lo_box_w(&cell->b) - 2.0,
			    &cell->text, &cell->conf_sum, &cell->nconf);
			if (cell->text.overflow) {
				free(byc);
				e = diag_set(pg->diag, ERR_LIMIT,
				    "page %u: a table cell is longer than %zu "
				    "bytes",
				    pg->in->page, pg->lim->text_max);
				goto out;
			}
		}
		free(byc);
	}
out:
	free(rg);
	free(widx);
	free(wcell);
	free(cstart);
	free(fill);
	return e;
nomem:
	e = diag_set(
	    pg->diag, ERR_NOMEM, "page %u: out of memory", pg->in->page);
	goto out;
}

/* Pairs of rules tested for meeting, at most; a page drawn as a mesh of
 * hairlines is refused rather than read slowly. */
#define LO_RULE_PAIRS_MAX 16000000.0

/* Contract in layout_int.h: grids from the page's rules; the words
 * inside them are marked used.  ERR_LIMIT past the caps. */
enum err
lo_ruled_tables(struct lo_page *pg)
{
	const struct layout_page_in *in = pg->in;
	struct hr *h = NULL, *v = NULL;
	size_t nh = 0, nv = 0, i, j, *uf = NULL, ncomp;
	size_t *ch = NULL, *cv = NULL;
	enum err e = ERR_OK;

	if (in->nrules == 0 || in->rules == NULL)
		return ERR_OK;
	h = calloc(in->nrules, sizeof *h);
	v = calloc(in->nrules, sizeof *v);
	if (h == NULL || v == NULL)
		goto nomem;
	for (i = 0; i < in->nrules; i++) {
		const struct layout_rule *r = &in->rules[i];
		double x0 = fmin(r->x0, r->x1), x1 = fmax(r->x0, r->x1);
		double y0 = fmin(r->y0, r->y1), y1 = fmax(r->y0, r->y1);

		if (!isfinite(x0) || !isfinite(x1) || !isfinite(y0) ||
		    !isfinite(y1))
			continue;
		if (x1 < -72 || y1 < -72 || x0 > in->width + 72 ||
		    y0 > in->height + 72)
			continue;
		if (y1 - y0 <= RULE_TOL && x1 - x0 >= 3.0) {
			h[nh].y = (y0 + y1) / 2;
			h[nh].a = x0;
			h[nh].b = x1;
			nh++;
		} else if (x1 - x0 <= RULE_TOL && y1 - y0 >= 3.0) {
			v[nv].y = (x0 + x1) / 2;
			v[nv].a = y0;
			v[nv].b = y1;
			nv++;
		}
	}
	qsort(h, nh, sizeof *h, hr_cmp);
	qsort(v, nv, sizeof *v, hr_cmp);
	nh = merge_rules(h, nh);
	nv = merge_rules(v, nv);
	if (nh < 2 || nv < 2)
		goto out;
	if ((double)nh * (double)nv > LO_RULE_PAIRS_MAX) {
		e = diag_set(pg->diag, ERR_LIMIT,
		    "page %u has %zu horizontal and %zu vertical ruling "
		    "lines, too many to read as tables",
		    in->page, nh, nv);
		goto out;
	}
	uf = calloc(nh + nv, sizeof *uf);
	if (uf == NULL)
		goto nomem;
	for (i = 0; i < nh + nv; i++)
		uf[i] = i;
	for (i = 0; i < nh; i++)
		for (j = 0; j < nv; j++)
			if (meets(&h[i], &v[j])) {
				uf_union(uf, i, nh + j);
				h[i].deg++;
				v[j].deg++;
			}
	for (i = 0; i < nh; i++)
		h[i].comp = uf_find(uf, i);
	for (j = 0; j < nv; j++)
		v[j].comp = uf_find(uf, nh + j);
	/* One grid per connected group with at least two of each. */
	ch = calloc(nh + nv, sizeof *ch);
	cv = calloc(nh + nv, sizeof *cv);
	if (ch == NULL || cv == NULL)
		goto nomem;
	ncomp = nh + nv;
	for (i = 0; i < nh; i++)
		if (h[i].deg >= 2)
			ch[h[i].comp]++;
	for (j = 0; j < nv; j++)
		if (v[j].deg >= 2)
			cv[v[j].comp]++;
	for (i = 0; i < ncomp && e == ERR_OK; i++) {
		struct hr *gh, *gv;
		size_t ngh = 0, ngv = 0, k;
		struct grid g;

		if (ch[i] < 2 || cv[i] < 2)
			continue;
		gh = calloc(ch[i], sizeof *gh);
		gv = calloc(cv[i], sizeof *gv);
		if (gh == NULL || gv == NULL) {
			free(gh);
			free(gv);
			goto nomem;
		}
		/* Rules touching the grid once only (a glyph stem next to
		 * an underline) are not part of it. */
		for (k = 0; k < nh; k++)
			if (h[k].comp == i && h[k].deg >= 2)
				gh[ngh++] = h[k];
		for (k = 0; k < nv; k++)
			if (v[k].comp == i && v[k].deg >= 2)
				gv[ngv++] = v[k];
		e = build_grid(pg, gh, ngh, gv, ngv, &g);
		if (e == ERR_OK && g.hcov != NULL)
			e = grid_to_table(pg, &g);
		grid_fini(&g);
		free(gh);
		free(gv);
	}
	goto out;
nomem:
	e = diag_set(pg->diag, ERR_NOMEM, "page %u: out of memory", in->page);
out:
	free(h);
	free(v);
	free(uf);
	free(ch);
	free(cv);
	return e;
}

/* ------------------------------------------------------------------ */
/* Unruled tables                                                       */

static bool
has_digit(const struct lo_page *pg, const struct lo_seg *s)
{
	size_t i, k;

	for (i = s->first; i < s->first + s->n; i++) {
		const struct lo_word *w = &pg->w[pg->ord[i]];

		for (k = 0; k < w->len; k++)
			if (w->text[k] >= '0' && w->text[k] <= '9')
				return true;
	}
	return false;
}

struct lspan {
	size_t s0, n; /* free segments of a line: pg->segs[s0 .. s0 + n) */
};

static size_t
col_of(const double *c0, const double *c1, size_t ncol, double x)
{
	size_t i;

	for (i = 0; i + 1 < ncol; i++)
		if (x < c1[i] || x < (c1[i] + c0[i + 1]) / 2)
			return i;
	return ncol - 1;
}

struct aligned {
	double *c0, *c1; /* column extents */
	unsigned *cov;
	size_t *sc0, *sc1;     /* per segment (index - first): its columns */
	size_t *rowof;         /* per line (index - l0): its row */
	bool *anchor;          /* per line: holds a key-column segment */
	size_t *nseg, *nchain; /* per column */
	size_t *widx;          /* words of one cell */
};

static void
aligned_fini(struct aligned *a)
{
	free(a->c0);
	free(a->c1);
	free(a->cov);
	free(a->sc0);
	free(a->sc1);
	free(a->rowof);
	free(a->anchor);
	free(a->nseg);
	free(a->nchain);
	free(a->widx);
}

/* Whether lines la and lb have segments in a common column. */
static bool
share_column(const struct aligned *a, const struct lspan *ls, size_t first,
    size_t la, size_t lb)
{
	size_t i, j;

	for (i = ls[la].s0; i < ls[la].s0 + ls[la].n; i++)
		for (j = ls[lb].s0; j < ls[lb].s0 + ls[lb].n; j++)
			if (a->sc0[i - first] <= a->sc1[j - first] &&
			    a->sc0[j - first] <= a->sc1[i - first])
				return true;
	return false;
}

/* Column extents from the coverage of segments over x: a gutter is
 * where (almost) no segment of the region lies. */
static size_t
find_columns(struct lo_page *pg, const struct lspan *ls, size_t l0, size_t l1,
    struct aligned *a)
{
	double xmin = INFINITY, xmax = -INFINITY;
	size_t nbins, l, i, k, ncol = 0, thr;

	for (l = l0; l < l1; l++)
		for (i = ls[l].s0; i < ls[l].s0 + ls[l].n; i++) {
			xmin = fmin(xmin, pg->segs[i].b.x0);
			xmax = fmax(xmax, pg->segs[i].b.x1);
		}
	if (!(xmax > xmin) || xmax - xmin > pg->lim->page_side_max_pt)
		return 0;
	nbins = (size_t)(xmax - xmin) + 2;
	a->cov = calloc(nbins, sizeof *a->cov);
	a->c0 = calloc(nbins, sizeof *a->c0);
	a->c1 = calloc(nbins, sizeof *a->c1);
	if (a->cov == NULL || a->c0 == NULL || a->c1 == NULL)
		return SIZE_MAX;
	for (l = l0; l < l1; l++)
		for (i = ls[l].s0; i < ls[l].s0 + ls[l].n; i++) {
			size_t s = (size_t)(pg->segs[i].b.x0 - xmin);
			size_t e = (size_t)(pg->segs[i].b.x1 - xmin);

			/* Differences now, sums below: linear in segments
			 * plus width, whatever the segments' lengths. */
			if (s < nbins)
				a->cov[s]++;
			if (e + 1 < nbins)
				a->cov[e + 1]--;
		}
	for (k = 1; k < nbins; k++)
		a->cov[k] += a->cov[k - 1];
	/* A gutter may be crossed by a title row or two. */
	thr = (l1 - l0) / 10;
	for (k = 0; k < nbins;) {
		size_t j;

		if (a->cov[k] <= thr) {
			k++;
			continue;
		}
		for (j = k; j < nbins && a->cov[j] > thr; j++)
			;
		a->c0[ncol] = xmin + (double)k;
		a->c1[ncol] = xmin + (double)j;
		ncol++;
		k = j;
	}
	return ncol;
}

/* Reads lines [l0, l1) as a table if their segments line up in columns;
 * marks the segments used.  Returns ERR_OK also when it is no table. */
static enum err
try_aligned(struct lo_page *pg, const struct lspan *ls, size_t l0, size_t l1)
{
	struct aligned a;
	size_t l, i, ncol, nseg = 0;
	struct lo_table *t;
	enum err e = ERR_OK;

	memset(&a, 0, sizeof a);
	ncol = find_columns(pg, ls, l0, l1, &a);

	if (ncol == SIZE_MAX)
		goto nomem;
	if (ncol < 2)
		goto out;
	for (l = l0; l < l1; l++)
		nseg += ls[l].n;
	/* Two columns only make a table when the right one holds figures;
	 * otherwise it is a letterhead or a signature block. */
	if (ncol == 2) {
		size_t nright = 0, ndig = 0;

		for (l = l0; l < l1; l++)
			for (i = ls[l].s0; i < ls[l].s0 + ls[l].n; i++)
				if (pg->segs[i].b.x0 >= a.c0[1] - 1) {
					nright++;
					ndig += has_digit(pg, &pg->segs[i]);
				}
		if (nright < 3 || ndig * 10 < nright * 6)
			goto out;
	}
	/*
	 * Rows.  Key columns are those whose cells do not wrap (codes,
	 * figures): a line with a segment in one starts a row.  Other lines
	 * (a label wrapping above and below a figure set in the middle of
	 * its cell) join the nearest such line, the one above on a tie.
	 */
	{
		size_t first = ls[l0].s0, nl = l1 - l0, r, nrows = 0;
		size_t nanchor = 0;
		double *cy;

		a.sc0 = calloc(nseg + 1, sizeof *a.sc0);
		a.sc1 = calloc(nseg + 1, sizeof *a.sc1);
		a.rowof = calloc(nl, sizeof *a.rowof);
		a.anchor = calloc(nl, sizeof *a.anchor);
		a.nseg = calloc(ncol, sizeof *a.nseg);
		a.nchain = calloc(ncol, sizeof *a.nchain);
		a.widx = calloc(pg->nw + 1, sizeof *a.widx);
		cy = calloc(nl, sizeof *cy);
		if (a.sc0 == NULL || a.sc1 == NULL || a.rowof == NULL ||
		    a.anchor == NULL || a.nseg == NULL || a.nchain == NULL ||
		    a.widx == NULL || cy == NULL) {
			free(cy);
			goto nomem;
		}
		/* Segments of lines l0..l1 are contiguous in pg->segs. */
		for (l = l0; l < l1; l++)
			for (i = ls[l].s0; i < ls[l].s0 + ls[l].n; i++) {
				const struct lo_seg *sg = &pg->segs[i];
				size_t c0 =
				    col_of(a.c0, a.c1, ncol, sg->b.x0 + 0.5);
				size_t c1 =
				    col_of(a.c0, a.c1, ncol, sg->b.x1 - 0.5);

				a.sc0[i - first] = c0;
				a.sc1[i - first] = c1 < c0 ? c0 : c1;
				if (c1 <= c0)
					a.nseg[c0]++;
			}
		/* How often a column's cell goes on to the next line. */
		for (l = l0; l + 1 < l1; l++) {
			const struct lo_line *la = &pg->lines[l];
			const struct lo_line *lb = &pg->lines[l + 1];
			double h = lo_box_h(&la->b);
			size_t j;

			if (lb->b.y0 - la->b.y1 > 0.5 * h)
				continue;
			for (i = ls[l].s0; i < ls[l].s0 + ls[l].n; i++) {
				size_t c = a.sc0[i - first];

				if (a.sc1[i - first] != c)
					continue;
				for (j = ls[l + 1].s0;
				     j < ls[l + 1].s0 + ls[l + 1].n; j++)
					if (a.sc0[j - first] == c &&
					    a.sc1[j - first] == c) {
						a.nchain[c]++;
						break;
					}
			}
		}
		for (l = l0; l < l1; l++) {
			const struct lo_line *ln = &pg->lines[l];

			cy[l - l0] = (ln->b.y0 + ln->b.y1) / 2;
			for (i = ls[l].s0; i < ls[l].s0 + ls[l].n; i++) {
				size_t c = a.sc0[i - first];

				if (a.sc1[i - first] == c && a.nseg[c] >= 2 &&
				    a.nchain[c] * 3 <= a.nseg[c])
					a.anchor[l - l0] = true;
			}
			nanchor += a.anchor[l - l0];
		}
		/* No column that never wraps: every line is a row. */
		if (nanchor == 0)
			for (l = 0; l < nl; l++)
				a.anchor[l] = true;
		{
			size_t prev = SIZE_MAX;

			for (l = 0; l < nl; l++) {
				if (!a.anchor[l])
					continue;
				/* A figure set half a line lower than its code
				 * (centred in a taller cell) is the same row.
				 */
				if (prev != SIZE_MAX &&
				    cy[l] - cy[prev] < 0.8 *
					    lo_box_h(&pg->lines[l0 + prev].b) &&
				    !share_column(
					&a, ls, first, l0 + prev, l0 + l))
					a.rowof[l] = a.rowof[prev];
				else
					a.rowof[l] = nrows++;
				prev = l;
			}
		}
		/* The nearest anchor above and below each line, in two
		 * passes (a.sc1 is not needed per line; two arrays are). */
		{
			size_t *up = calloc(nl + 1, sizeof *up);
			size_t *down = calloc(nl + 1, sizeof *down);
			size_t last = SIZE_MAX;

			if (up == NULL || down == NULL) {
				free(up);
				free(down);
				free(cy);
				goto nomem;
			}
			for (l = 0; l < nl; l++) {
				if (a.anchor[l])
					last = l;
				up[l] = last;
			}
			last = SIZE_MAX;
			for (l = nl; l > 0; l--) {
				if (a.anchor[l - 1])
					last = l - 1;
				down[l - 1] = last;
			}
			for (l = 0; l < nl; l++) {
				if (a.anchor[l])
					continue;
				if (up[l] == SIZE_MAX ||
				    (down[l] != SIZE_MAX &&
					cy[down[l]] - cy[l] <
					    cy[l] - cy[up[l]]))
					a.rowof[l] = a.rowof[down[l]];
				else
					a.rowof[l] = a.rowof[up[l]];
			}
			free(up);
			free(down);
		}
		free(cy);
		if (nrows < 2)
			goto out;
		/*
		 * Rows must follow each other down the lines: the cells are
		 * gathered one run of lines per row, at most one cell per row
		 * and column.  Lines whose centres go back up the page can
		 * give a line between two anchors to the lower row and the
		 * next one to the upper row; such a run of lines is not a
		 * table of aligned columns.
		 */
		for (l = 1; l < nl; l++)
			if (a.rowof[l] < a.rowof[l - 1])
				goto out;
		t = lo_table_new(
		    pg, (unsigned)nrows, (unsigned)ncol, nrows * ncol);
		if (t == NULL) {
			e = pg->diag->code;
			goto out;
		}
		t->ncells = 0;
		t->b.x0 = a.c0[0];
		t->b.x1 = a.c1[ncol - 1];
		t->b.y0 = pg->lines[l0].b.y0;
		t->b.y1 = pg->lines[l1 - 1].b.y1;
		/* One cell per row and starting column: the segments whose
		 * first column it is, in line order.  A row's lines are
		 * consecutive (rows follow the anchors down the page), so
		 * each row is gathered on its own: words counted per column,
		 * then placed, then joined. */
		{
			size_t *cnt = calloc(ncol + 1, sizeof *cnt);
			size_t *fill = calloc(ncol + 1, sizeof *fill);
			size_t lr = 0;

			if (cnt == NULL || fill == NULL) {
				free(cnt);
				free(fill);
				goto nomem;
			}
			while (lr < nl) {
				size_t le = lr, c;

				r = a.rowof[lr];
				while (le < nl && a.rowof[le] == r)
					le++;
				memset(cnt, 0, (ncol + 1) * sizeof *cnt);
				for (l = l0 + lr; l < l0 + le; l++)
					for (i = ls[l].s0;
					     i < ls[l].s0 + ls[l].n; i++)
						cnt[a.sc0[i - first] + 1] +=
						    pg->segs[i].n;
				for (c = 0; c < ncol; c++)
					cnt[c + 1] += cnt[c];
				memcpy(fill, cnt, (ncol + 1) * sizeof *fill);
				for (l = l0 + lr; l < l0 + le; l++)
					for (i = ls[l].s0;
					     i < ls[l].s0 + ls[l].n; i++) {
						const struct lo_seg *sg =
						    &pg->segs[i];
						size_t wi;

						c = a.sc0[i - first];
						for (wi = sg->first;
						     wi < sg->first + sg->n;
						     wi++)
							a.widx[fill[c]++] =
							    pg->ord[wi];
					}
				for (c = 0; c < ncol; c++) {
					struct lo_cell *cell;
					unsigned span = 1;

					if (cnt[c + 1] == cnt[c])
						continue;
					/* One cell per row and column at most
					 * (rows checked in order above). */
					if (t->ncells >= nrows * ncol)
						break;
					cell = &t->cells[t->ncells++];
					cell->row = (unsigned)r;
					cell->col = (unsigned)c;
					cell->rspan = 1;
					cell->b.x0 = INFINITY;
					cell->b.y0 = INFINITY;
					cell->b.x1 = -INFINITY;
					cell->b.y1 = -INFINITY;
					for (l = l0 + lr; l < l0 + le; l++)
						for (i = ls[l].s0;
						     i < ls[l].s0 + ls[l].n;
						     i++) {
							size_t s0 =
							    a.sc0[i - first];
							size_t s1 =
							    a.sc1[i - first];

							if (s0 != c)
								continue;
							if (s1 - c + 1 > span)
								span =
								    (unsigned)(s1 -
									c + 1);
							lo_box_union(&cell->b,
							    &pg->segs[i].b);
						}
					cell->cspan = span;
					lo_words_text(pg, a.widx + cnt[c],
					    cnt[c + 1] - cnt[c], 0, &cell->text,
					    &cell->conf_sum, &cell->nconf);
				}
				lr = le;
			}
			free(cnt);
			free(fill);
		}
	}
	/* Cells sharing a row must not overlap: a cell spanning into the
	 * next one's column is cut back. */
	for (i = 0; i + 1 < t->ncells; i++) {
		struct lo_cell *x = &t->cells[i], *y = &t->cells[i + 1];

		if (y->row == x->row && x->col + x->cspan > y->col)
			x->cspan = y->col > x->col ? y->col - x->col : 1;
	}
	for (l = l0; l < l1; l++)
		for (i = ls[l].s0; i < ls[l].s0 + ls[l].n; i++)
			pg->segs[i].used = true;
out:
	aligned_fini(&a);
	return e;
nomem:
	e = diag_set(
	    pg->diag, ERR_NOMEM, "page %u: out of memory", pg->in->page);
	goto out;
}

/* Contract in layout_int.h: runs of closely stacked multi-segment lines
 * tried as unruled tables; their segments are marked used. */
enum err
lo_aligned_tables(struct lo_page *pg)
{
	struct lspan *ls;
	size_t l, i, start;
	double textw = pg->right - pg->left;
	enum err e = ERR_OK;

	if (pg->nlines == 0)
		return ERR_OK;
	ls = calloc(pg->nlines, sizeof *ls);
	if (ls == NULL)
		return diag_set(pg->diag, ERR_NOMEM, "page %u: out of memory",
		    pg->in->page);
	for (l = 0; l < pg->nlines; l++)
		ls[l].s0 = SIZE_MAX;
	for (i = 0; i < pg->nsegs; i++) {
		struct lspan *x = &ls[pg->segs[i].line];

		if (x->s0 == SIZE_MAX)
			x->s0 = i;
		x->n++;
	}
	/* Runs of closely stacked lines, most with several segments, none a
	 * full-width line of running text. */
	start = 0;
	while (start < pg->nlines && e == ERR_OK) {
		size_t end, nmulti = 0, last_multi = start, first;
		double prev_y1 = -INFINITY, prev_h = 0;

		for (end = start; end < pg->nlines; end++) {
			const struct lo_line *ln = &pg->lines[end];
			double h = lo_box_h(&ln->b);
			bool multi = ls[end].n >= 2;

			if (ls[end].n == 0)
				break;
			if (end > start &&
			    ln->b.y0 - prev_y1 > 1.5 * fmax(h, prev_h))
				break;
			if (!multi &&
			    lo_box_w(&pg->segs[ls[end].s0].b) > 0.6 * textw)
				break;
			if (multi) {
				nmulti++;
				last_multi = end;
			}
			prev_y1 = ln->b.y1;
			prev_h = h;
		}
		if (nmulti >= 3) {
			/* Trim single-segment lines at both ends. */
			first = start;
			while (first < last_multi && ls[first].n < 2)
				first++;
			if (nmulti * 10 >= (last_multi + 1 - first) * 4)
				e = try_aligned(pg, ls, first, last_multi + 1);
		}
		start = end > start ? end : start + 1;
	}
	free(ls);
	return e;
}

/* ------------------------------------------------------------------ */

static int
cell_cmp(const void *pa, const void *pb)
{
	const struct lo_cell *a = *(const struct lo_cell *const *)pa;
	const struct lo_cell *b = *(const struct lo_cell *const *)pb;

	if (a->row != b->row)
		return a->row < b->row ? -1 : 1;
	return (a->col > b->col) - (a->col < b->col);
}

/* Contract in layout_int.h: the table as a DOC_TABLE block, cells in
 * row-major order with spans, boxes and OCR confidence. */
enum err
lo_emit_table(struct lo_page *pg, struct doc *d, const struct lo_table *t)
{
	const struct lo_cell **order;
	struct doc_block *blk;
	struct doc_row *row = NULL;
	size_t i;
	unsigned r = 0;
	double conf_sum = 0;
	size_t nconf = 0;

	order = calloc(t->ncells + 1, sizeof *order);
	if (order == NULL)
		return diag_set(pg->diag, ERR_NOMEM, "page %u: out of memory",
		    pg->in->page);
	for (i = 0; i < t->ncells; i++)
		order[i] = &t->cells[i];
	qsort(order, t->ncells, sizeof *order, cell_cmp);
	blk = doc_add_table(d, &d->blocks, 0);
	if (blk == NULL)
		goto nomem;
	blk->page = pg->in->page;
	blk->has_box = true;
	blk->box = t->b;
	for (r = 0, i = 0; r < t->nrows; r++) {
		row = doc_table_add_row(d, blk->table);
		if (row == NULL)
			goto nomem;
		for (; i < t->ncells && order[i]->row == r; i++) {
			const struct lo_cell *lc = order[i];
			struct doc_cell *c;

			c = doc_row_add_cell(d, blk->table, row, lc->row,
			    lc->col, lc->rspan, lc->cspan);
			if (c == NULL)
				goto nomem;
			c->has_box = true;
			c->box = lc->b;
			if (lc->nconf > 0) {
				c->confidence =
				    (float)(lc->conf_sum / (double)lc->nconf);
				conf_sum += lc->conf_sum;
				nconf += lc->nconf;
			}
			if (lc->text.len > 0) {
				struct doc_block *cb =
				    doc_add_block(d, &c->blocks, DOC_PARAGRAPH,
					buf_str(&lc->text), lc->text.len);

				if (cb == NULL)
					goto nomem;
				cb->page = pg->in->page;
				cb->has_box = true;
				cb->box = lc->b;
				cb->confidence = c->confidence;
			}
			if (doc_cell_finish(d, c) != 0)
				goto nomem;
		}
	}
	/* Make sure the grid is as wide as the layout found, even when the
	 * last column holds no cell of its own. */
	if (blk->table->ncols < t->ncols)
		blk->table->ncols = t->ncols;
	if (nconf > 0)
		blk->confidence = (float)(conf_sum / (double)nconf);
	free(order);
	return ERR_OK;
nomem:
	free(order);
	return diag_set(
	    pg->diag, ERR_NOMEM, "page %u: out of memory", pg->in->page);
}
