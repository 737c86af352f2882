/* SPDX-License-Identifier: MIT */
/*
 * The OCR text of image files, for the benchmark and for trying
 * pre-processing choices: either through ocr_image_parse() exactly as
 * reportd runs it (--doc: blocks in reading order, table rows one per
 * line), or page by page with chosen steps (default: Tesseract's lines).
 *
 * usage: ocr_text [--doc | --geom] [--psm N|auto] [--workers N] [--lang L]
 *        [--tessdata DIR] [--no-orient] [--no-deskew] [--normalize]
 *        [--no-reread]
 *        [--bin tess|sauvola|otsu] [--no-rules] [--max-dpi N]
 *        [--rotate DEG] [-o DIR] [--truth FILE [--image NAME]]
 *        [--as-pages] IMAGE...
 * Prints "IMAGE PAGES SECONDS ROTATION PSM CONF" per image on stderr, the
 * text on stdout or in DIR/NAME.txt.  With --truth (and --doc), also
 * "rows FOUND TOTAL": the truth's appendix rows (those of the image file
 * NAME, or all) found as table rows in the images' documents.  With
 * --as-pages, the images are the pages of one document recognised by
 * ocr_pages() with --workers threads, as the PDF reader calls it; prints
 * "pages N seconds S" (wall clock, for the parallel speed-up).
 */
#include <glib.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/doc.h"
#include "core/limits.h"
#include "ocr/ocr.h"
#include "ocr/ocr_int.h"

#include "bench/ocr_rows.c"

static double
now_s(void)
{
	struct timespec ts;

	(void)clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
doc_text(const struct doc *d, struct buf *out)
{
	size_t i, r, c;

	for (i = 0; i < d->blocks.n; i++) {
		const struct doc_block *b = d->blocks.v[i];

		if (b->kind != DOC_TABLE) {
			(void)buf_append(out, b->text, b->len);
			(void)buf_putc(out, '\n');
			continue;
		}
		for (r = 0; r < b->table->rows.n; r++) {
			const struct doc_row *row = b->table->rows.v[r];

			for (c = 0; c < row->cells.n; c++) {
				const struct doc_cell *cell = row->cells.v[c];

				if (c > 0)
					(void)buf_putc(out, ' ');
				(void)buf_puts(out, cell->text);
			}
			(void)buf_putc(out, '\n');
		}
	}
}

static int
cmp_word_y(const void *a, const void *b)
{
	const struct ocr_word *x = *(const struct ocr_word *const *)a;
	const struct ocr_word *y = *(const struct ocr_word *const *)b;
	int cx = x->y0 + x->y1, cy = y->y0 + y->y1;

	return (cx > cy) - (cx < cy);
}

static int
cmp_word_x(const void *a, const void *b)
{
	const struct ocr_word *x = *(const struct ocr_word *const *)a;
	const struct ocr_word *y = *(const struct ocr_word *const *)b;

	return (x->x0 > y->x0) - (x->x0 < y->x0);
}

/*
 * The words as physical lines across the page, the way `pdftotext
 * -layout` prints the reference: words whose vertical centres fall
 * within half a word height of the line's first word form a line, read
 * left to right.  Independent of how Tesseract or the layout module
 * ordered them, so it measures recognition against that reference.
 */
static void
geom_text(const struct ocr_page_result *res, struct buf *out)
{
	const struct ocr_word **v = calloc(res->words.n + 1, sizeof *v);
	size_t i, j, k;

	if (v == NULL)
		return;
	for (i = 0; i < res->words.n; i++)
		v[i] = &res->words.v[i];
	qsort(v, res->words.n, sizeof *v, cmp_word_y);
	for (i = 0; i < res->words.n; i = j) {
		int c = v[i]->y0 + v[i]->y1, h = v[i]->y1 - v[i]->y0 + 1;

		for (j = i + 1; j < res->words.n; j++)
			if (v[j]->y0 + v[j]->y1 - c > h)
				break;
		qsort(v + i, j - i, sizeof *v, cmp_word_x);
		for (k = i; k < j; k++) {
			if (k > i)
				(void)buf_putc(out, ' ');
			(void)buf_append(out, v[k]->text, v[k]->len);
		}
		(void)buf_putc(out, '\n');
	}
	free(v);
}

static void
lines_text(const struct ocr_page_result *res, struct buf *out)
{
	size_t i;

	for (i = 0; i < res->words.n; i++) {
		const struct ocr_word *w = &res->words.v[i];

		if (i > 0)
			(void)buf_putc(out,
			    w->line != res->words.v[i - 1].line ? '\n' : ' ');
		(void)buf_append(out, w->text, w->len);
	}
	(void)buf_putc(out, '\n');
}

/* A renderer over image files, as the PDF reader renders its pages. */
struct files_source {
	char **paths;
	const struct limits *lim;
};

static enum err
files_render(void *ctx, unsigned n, struct ocr_image *img, struct diag *dg)
{
	struct files_source *fs = ctx;
	struct ocr_image_info info;
	gchar *data = NULL;
	gsize len = 0;
	PIX *pix = NULL;
	unsigned dpi = 0, x, y;
	uint8_t *buf;
	enum err e;

	if (!g_file_get_contents(fs->paths[n - 1], &data, &len, NULL))
		return diag_set(dg, ERR_IO, "cannot read %s", fs->paths[n - 1]);
	e = ocr_image_probe((const uint8_t *)data, len, fs->lim, &info, dg);
	if (e == ERR_OK)
		e = ocr_image_decode(
		    (const uint8_t *)data, len, &info, 0, &pix, &dpi, dg);
	g_free(data);
	if (e != ERR_OK)
		return e;
	img->width = (unsigned)pixGetWidth(pix);
	img->height = (unsigned)pixGetHeight(pix);
	img->stride = img->width;
	img->dpi = ocr_image_dpi(dpi, img->width, img->height);
	buf = malloc((size_t)img->width * img->height);
	if (buf == NULL) {
		pixDestroy(&pix);
		return diag_set(dg, ERR_NOMEM, "out of memory");
	}
	for (y = 0; y < img->height; y++) {
		const l_uint32 *line =
		    pixGetData(pix) + (size_t)y * pixGetWpl(pix);

		for (x = 0; x < img->width; x++)
			buf[(size_t)y * img->width + x] =
			    (uint8_t)GET_DATA_BYTE(line, x);
	}
	pixDestroy(&pix);
	img->gray = buf;
	return ERR_OK;
}

static void
files_release(void *ctx, struct ocr_image *img)
{
	(void)ctx;
	free((void *)(uintptr_t)img->gray);
}

static int
run_as_pages(const struct ocr_opts *opts, const struct limits *lim,
    char **paths, unsigned n)
{
	struct files_source fs = { paths, lim };
	struct ocr_source src = { &fs, files_render, files_release };
	struct arena *ar = arena_new(lim->arena_max);
	struct doc *d = ar != NULL ? doc_new(ar) : NULL;
	unsigned *pages = calloc(n, sizeof *pages), i;
	struct diag dg;
	double t0;
	enum err e;

	if (d == NULL || pages == NULL)
		return 1;
	for (i = 0; i < n; i++) {
		(void)doc_add_page(d, DOC_METHOD_TEXT, 595, 842);
		pages[i] = i + 1;
	}
	diag_init(&dg);
	t0 = now_s();
	e = ocr_pages(opts, &src, pages, n, d, lim, &dg);
	printf("pages %u seconds %.3f workers %u\n", n, now_s() - t0,
	    opts->workers);
	if (e != ERR_OK)
		fprintf(stderr, "ocr_text: %s\n", dg.msg);
	free(pages);
	arena_free(ar);
	return e == ERR_OK ? 0 : 1;
}

int
main(int argc, char **argv)
{
	struct ocr_opts opts;
	struct ocr_prep_opts prep;
	struct limits lim;
	const char *outdir = NULL, *truth = NULL, *image = NULL;
	struct arena *keep = NULL;
	struct doc **docs = NULL;
	size_t ndocs = 0;
	bool doc_mode = false, as_pages = false, geom = false;
	int rotate = 0, a, rc = 0;

	ocr_opts_default(&opts);
	ocr_prep_default(&prep);
	limits_default(&lim);
	opts.workers = 1;
	for (a = 1; a < argc && argv[a][0] == '-'; a++) {
		const char *arg = argv[a],
			   *val = a + 1 < argc ? argv[a + 1] : NULL;

		if (strcmp(arg, "--doc") == 0)
			doc_mode = true;
		else if (strcmp(arg, "--as-pages") == 0)
			as_pages = true;
		else if (strcmp(arg, "--geom") == 0)
			geom = true;
		else if (strcmp(arg, "--no-orient") == 0)
			prep.orient = false;
		else if (strcmp(arg, "--no-deskew") == 0)
			prep.deskew = false;
		else if (strcmp(arg, "--normalize") == 0)
			prep.normalize = true;
		else if (strcmp(arg, "--no-rules") == 0)
			prep.remove_rules = false;
		else if (strcmp(arg, "--no-reread") == 0)
			prep.reread = false;
		else if (val == NULL) {
			fprintf(stderr, "ocr_text: %s needs a value\n", arg);
			return 2;
		} else {
			a++;
			if (strcmp(arg, "--psm") == 0)
				opts.psm = strcmp(val, "auto") == 0
				    ? OCR_PSM_AUTO
				    : (int)strtol(val, NULL, 10);
			else if (strcmp(arg, "--workers") == 0)
				opts.workers = (unsigned)strtoul(val, NULL, 10);
			else if (strcmp(arg, "--lang") == 0)
				opts.langs = val;
			else if (strcmp(arg, "--tessdata") == 0)
				opts.tessdata = val;
			else if (strcmp(arg, "--max-dpi") == 0)
				prep.max_dpi = (unsigned)strtoul(val, NULL, 10);
			else if (strcmp(arg, "--rotate") == 0)
				rotate = (int)strtol(val, NULL, 10);
			else if (strcmp(arg, "-o") == 0)
				outdir = val;
			else if (strcmp(arg, "--truth") == 0)
				truth = val;
			else if (strcmp(arg, "--image") == 0)
				image = val;
			else if (strcmp(arg, "--bin") == 0)
				prep.binarize = strcmp(val, "sauvola") == 0
				    ? OCR_BIN_SAUVOLA
				    : strcmp(val, "otsu") == 0
				    ? OCR_BIN_OTSU_ADAPTIVE
				    : OCR_BIN_TESSERACT;
			else {
				fprintf(stderr, "ocr_text: unknown %s\n", arg);
				return 2;
			}
		}
	}
	if (as_pages)
		return run_as_pages(
		    &opts, &lim, argv + a, (unsigned)(argc - a));
	if (truth != NULL) {
		/* The documents are kept for counting rows at the end. */
		doc_mode = true;
		keep = arena_new(lim.arena_max);
		docs = calloc((size_t)argc, sizeof *docs);
		if (keep == NULL || docs == NULL)
			return 1;
	}
	for (; a < argc; a++) {
		struct buf out;
		struct diag dg;
		gchar *data = NULL;
		gsize len = 0;
		double t0 = now_s(), conf = 0;
		int rot = 0, psm = opts.psm;
		unsigned npages = 0;
		enum err e = ERR_OK;

		diag_init(&dg);
		buf_init(&out, 0);
		if (!g_file_get_contents(argv[a], &data, &len, NULL)) {
			fprintf(stderr, "ocr_text: cannot read %s\n", argv[a]);
			rc = 1;
			continue;
		}
		if (doc_mode) {
			struct arena *ar =
			    keep != NULL ? keep : arena_new(lim.arena_max);
			struct doc *d = NULL;

			e = ocr_image_parse((const uint8_t *)data, len, &opts,
			    &lim, ar, &d, &dg);
			if (e == ERR_OK) {
				size_t i;

				doc_text(d, &out);
				npages = (unsigned)d->pages.n;
				for (i = 0; i < d->pages.n; i++)
					conf +=
					    ((struct doc_page *)d->pages.v[i])
						->confidence;
				conf /= npages > 0 ? npages : 1;
				if (docs != NULL)
					docs[ndocs++] = d;
			}
			if (ar != keep)
				arena_free(ar);
		} else {
			struct ocr_image_info info;
			struct ocr_engine *eng = NULL;
			unsigned p;

			e = ocr_image_probe(
			    (const uint8_t *)data, len, &lim, &info, &dg);
			if (e == ERR_OK)
				e = ocr_engine_new(&opts, &eng, &dg);
			for (p = 0; e == ERR_OK && p < info.npages; p++) {
				struct ocr_page_result res;
				PIX *pix = NULL;
				unsigned dpi = 0;

				e = ocr_image_decode((const uint8_t *)data, len,
				    &info, p, &pix, &dpi, &dg);
				if (e != ERR_OK)
					break;
				dpi = ocr_image_dpi(dpi,
				    (unsigned)pixGetWidth(pix),
				    (unsigned)pixGetHeight(pix));
				if (rotate != 0) {
					PIX *r =
					    pixRotateOrth(pix, rotate / 90);

					pixDestroy(&pix);
					pix = r;
				}
				e = ocr_page_run_with(
				    eng, &opts, &prep, pix, dpi, &res, &dg);
				pixDestroy(&pix);
				if (e != ERR_OK)
					break;
				if (geom)
					geom_text(&res, &out);
				else
					lines_text(&res, &out);
				rot = res.rotation;
				psm = res.psm;
				conf += res.confidence;
				npages++;
				ocr_page_result_fini(&res);
			}
			conf /= npages > 0 ? npages : 1;
			ocr_engine_free(eng);
		}
		g_free(data);
		if (e != ERR_OK) {
			fprintf(stderr, "ocr_text: %s: %s\n", argv[a], dg.msg);
			rc = 1;
		}
		fprintf(stderr, "%s %u %.3f %d %d %.3f\n", argv[a], npages,
		    now_s() - t0, rot, psm, conf);
		if (outdir != NULL) {
			gchar *base = g_path_get_basename(argv[a]);
			gchar *path =
			    g_strdup_printf("%s/%s.txt", outdir, base);

			if (!g_file_set_contents(
				path, buf_str(&out), (gssize)out.len, NULL)) {
				fprintf(stderr, "ocr_text: cannot write %s\n",
				    path);
				rc = 1;
			}
			g_free(path);
			g_free(base);
		} else
			fputs(buf_str(&out), stdout);
		buf_fini(&out);
	}
	if (truth != NULL) {
		unsigned found, total;

		if (!rows_count(truth, image, docs, ndocs, &found, &total,
			getenv("OCR_ROWS_LOG") != NULL ? stderr : NULL)) {
			fprintf(stderr, "ocr_text: cannot read %s\n", truth);
			rc = 1;
		} else
			printf("rows %u %u\n", found, total);
	}
	free(docs);
	arena_free(keep);
	return rc;
}
