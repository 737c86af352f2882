/* SPDX-License-Identifier: MIT */
/*
 * The OCR text of image files, for the benchmark and for trying
 * pre-processing choices: either through ocr_image_parse() exactly as
 * reportd runs it (--doc: blocks in reading order, table rows one per
 * line), or page by page with chosen steps (default: Tesseract's lines).
 *
 * usage: ocr_text [--doc] [--psm N|auto] [--workers N] [--lang L]
 *        [--tessdata DIR] [--no-orient] [--no-deskew] [--normalize]
 *        [--bin tess|sauvola|otsu] [--no-rules] [--max-dpi N]
 *        [--rotate DEG] [-o DIR] IMAGE...
 * Prints "IMAGE PAGES SECONDS ROTATION PSM CONF" per image on stderr, the
 * text on stdout or in DIR/NAME.txt.
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

int
main(int argc, char **argv)
{
	struct ocr_opts opts;
	struct ocr_prep_opts prep;
	struct limits lim;
	const char *outdir = NULL;
	bool doc_mode = false;
	int rotate = 0, a, rc = 0;

	ocr_opts_default(&opts);
	ocr_prep_default(&prep);
	limits_default(&lim);
	opts.workers = 1;
	for (a = 1; a < argc && argv[a][0] == '-'; a++) {
		const char *arg = argv[a], *val = a + 1 < argc ? argv[a + 1] :
								 NULL;

		if (strcmp(arg, "--doc") == 0)
			doc_mode = true;
		else if (strcmp(arg, "--no-orient") == 0)
			prep.orient = false;
		else if (strcmp(arg, "--no-deskew") == 0)
			prep.deskew = false;
		else if (strcmp(arg, "--normalize") == 0)
			prep.normalize = true;
		else if (strcmp(arg, "--no-rules") == 0)
			prep.remove_rules = false;
		else if (val == NULL) {
			fprintf(stderr, "ocr_text: %s needs a value\n", arg);
			return 2;
		} else {
			a++;
			if (strcmp(arg, "--psm") == 0)
				opts.psm = strcmp(val, "auto") == 0 ?
				    OCR_PSM_AUTO :
				    (int)strtol(val, NULL, 10);
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
			else if (strcmp(arg, "--bin") == 0)
				prep.binarize = strcmp(val, "sauvola") == 0 ?
				    OCR_BIN_SAUVOLA :
				    strcmp(val, "otsu") == 0 ?
				    OCR_BIN_OTSU_ADAPTIVE :
				    OCR_BIN_TESSERACT;
			else {
				fprintf(stderr, "ocr_text: unknown %s\n", arg);
				return 2;
			}
		}
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
			struct arena *ar = arena_new(lim.arena_max);
			struct doc *d = NULL;

			e = ocr_image_parse((const uint8_t *)data, len, &opts,
			    &lim, ar, &d, &dg);
			if (e == ERR_OK) {
				size_t i;

				doc_text(d, &out);
				npages = (unsigned)d->pages.n;
				for (i = 0; i < d->pages.n; i++)
					conf += ((struct doc_page *)d->pages.v[i])
						    ->confidence;
				conf /= npages > 0 ? npages : 1;
			}
			arena_free(ar);
		} else {
			struct ocr_image_info info;
			struct ocr_engine *eng = NULL;
			unsigned p;

			e = ocr_image_probe((const uint8_t *)data, len, &lim,
			    &info, &dg);
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
					PIX *r = pixRotateOrth(pix,
					    rotate / 90);

					pixDestroy(&pix);
					pix = r;
				}
				e = ocr_page_run_with(eng, &opts, &prep, pix,
				    dpi, &res, &dg);
				pixDestroy(&pix);
				if (e != ERR_OK)
					break;
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
			gchar *path = g_strdup_printf("%s/%s.txt", outdir, base);

			if (!g_file_set_contents(path, buf_str(&out),
				(gssize)out.len, NULL)) {
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
	return rc;
}
