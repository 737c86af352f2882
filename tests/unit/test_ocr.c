/* SPDX-License-Identifier: MIT */
/*
 * ocr: header checks before decoding, broken images, recognition of a
 * known paragraph (also turned sideways, as JPEG and as a multi-page
 * TIFF), parallel pages from a renderer, and one corpus appendix scan.
 * Recognition runs on few, small images so the suite stays quick; the
 * whole corpus is scored by bench/ocr.sh.
 */
#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/buf.h"
#include "core/limits.h"
#include "ocr/ocr.h"
#include "ocr/ocr_int.h"
#include "tests/check.h"

#define CER_NO_MAIN
#include "bench/cer.c"
#include "bench/ocr_rows.c"

static struct limits lim;
static uint8_t *para_png;
static size_t para_png_len;
static char *para_txt;

static char *
src_path(const char *rel)
{
	const char *src = getenv("SRC");

	return g_build_filename(src != NULL ? src : ".", rel, NULL);
}

static bool
load(const char *rel, uint8_t **data, size_t *len)
{
	char *path = src_path(rel);
	gchar *buf = NULL;
	gsize n = 0;
	bool ok = g_file_get_contents(path, &buf, &n, NULL);

	if (!ok)
		fprintf(stderr, "cannot read %s\n", path);
	g_free(path);
	*data = (uint8_t *)buf;
	*len = n;
	return ok;
}

/* The document's text: paragraphs, then table rows cell by cell. */
static char *
doc_text(const struct doc *d, unsigned page)
{
	struct buf b;
	size_t i, r, c;

	buf_init(&b, 0);
	for (i = 0; i < d->blocks.n; i++) {
		const struct doc_block *blk = d->blocks.v[i];

		if (page != 0 && blk->page != page)
			continue;
		if (blk->kind != DOC_TABLE) {
			(void)buf_append(&b, blk->text, blk->len);
			(void)buf_putc(&b, '\n');
			continue;
		}
		for (r = 0; r < blk->table->rows.n; r++) {
			const struct doc_row *row = blk->table->rows.v[r];

			for (c = 0; c < row->cells.n; c++) {
				const struct doc_cell *cell = row->cells.v[c];

				(void)buf_puts(&b, cell->text);
				(void)buf_putc(&b, ' ');
			}
			(void)buf_putc(&b, '\n');
		}
	}
	return b.data != NULL ? b.data : strdup("");
}

static double
text_cer(const char *want, const char *got)
{
	size_t errors, chars;

	return cer_compute(
	    want, strlen(want), got, strlen(got), false, &errors, &chars);
}

/* Encodes a PIX in memory; `fmt` is IFF_PNG, IFF_JFIF_JPEG or a TIFF. */
static uint8_t *
encode(PIX *pix, int fmt, size_t *len)
{
	l_uint8 *data = NULL;

	*len = 0;
	if (pixWriteMem(&data, len, pix, fmt) != 0)
		return NULL;
	return data;
}

static PIX *
para_pix(void)
{
	return pixReadMem(para_png, para_png_len);
}

static PIX *
clip_top(PIX *pix, int h)
{
	BOX *box = boxCreate(0, 0, pixGetWidth(pix), h);
	PIX *out = box != NULL ? pixClipRectangle(pix, box, NULL) : NULL;

	boxDestroy(&box);
	return out;
}

/* Runs ocr_image_parse with default options; the doc or NULL. */
static struct doc *
parse(const uint8_t *data, size_t len, struct arena *a, enum err *e,
    struct diag *dg)
{
	struct ocr_opts o;
	struct doc *d = NULL;

	ocr_opts_default(&o);
	diag_init(dg);
	*e = ocr_image_parse(data, len, &o, &lim, a, &d, dg);
	return d;
}

static void
test_ocr_fix_eth(void)
{
	char a[] = "QĐÐ-UBND", b[] = "QÐ-UBND", c[] = "ðồng", d[] = "ÐĐ/x",
	     e[] = "Đà Nẵng";

	CHECK_STR((ocr_fix_word(a, strlen(a)), a), "QĐ-UBND");
	CHECK_STR((ocr_fix_word(b, strlen(b)), b), "QĐ-UBND");
	CHECK_STR((ocr_fix_word(c, strlen(c)), c), "đồng");
	CHECK_STR((ocr_fix_word(d, strlen(d)), d), "Đ/x");
	CHECK(ocr_fix_word(e, strlen(e)) == strlen("Đà Nẵng"));
	CHECK_STR(e, "Đà Nẵng");
}

/* Leptonica's pixel allocations, to show a refused header costs none. */
static size_t pix_alloc_max;

static void *
count_alloc(size_t n)
{
	if (n > pix_alloc_max)
		pix_alloc_max = n;
	return malloc(n);
}

static void
png_header(uint8_t *p, uint32_t w, uint32_t h)
{
	static const uint8_t head[16] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A,
		'\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R' };
	int i;

	memcpy(p, head, 16);
	for (i = 0; i < 4; i++) {
		p[16 + i] = (uint8_t)(w >> (24 - 8 * i));
		p[20 + i] = (uint8_t)(h >> (24 - 8 * i));
	}
	p[24] = 8; /* depth */
	p[25] = 0; /* grey */
	memset(p + 26, 0, 64 - 26);
}

static void
test_ocr_refuses_huge_png_before_decoding(void)
{
	struct arena *a = arena_new(1u << 20);
	struct ocr_image_info info;
	struct diag dg;
	uint8_t png[64];
	enum err e;

	png_header(png, 60000, 60000);
	diag_init(&dg);
	CHECK(ocr_image_probe(png, sizeof png, &lim, &info, &dg) == ERR_LIMIT);
	CHECK(strstr(dg.msg, "60000 x 60000") != NULL);

	/* The whole entry point: refused before Leptonica asks for a
	 * pixel buffer. */
	pix_alloc_max = 0;
	setPixMemoryManager(count_alloc, free);
	CHECK(parse(png, sizeof png, a, &e, &dg) == NULL);
	setPixMemoryManager(malloc, free);
	CHECK(e == ERR_LIMIT);
	CHECK(pix_alloc_max == 0);
	CHECK(arena_used(a) < 4096);

	/* Sides within the limit, too many pixels in all. */
	png_header(png, 20000, 20000);
	diag_init(&dg);
	CHECK(ocr_image_probe(png, sizeof png, &lim, &info, &dg) == ERR_LIMIT);
	CHECK(strstr(dg.msg, "400000000 pixels") != NULL);
	arena_free(a);
}

static void
test_ocr_refuses_huge_jpeg_and_tiff(void)
{
	static const uint8_t jpeg[] = { 0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 0, 0,
		0xFF, 0xC2, 0, 11, 8, 0xEA, 0x60, 0xEA, 0x60, 1, 1, 0x11, 0 };
	/* One IFD: width 30000 (LONG), height 10 (SHORT). */
	static const uint8_t tiff[] = { 'I', 'I', 42, 0, 8, 0, 0, 0, 2, 0, 0x00,
		1, 4, 0, 1, 0, 0, 0, 0x30, 0x75, 0, 0, 0x01, 1, 3, 0, 1, 0, 0,
		0, 10, 0, 0, 0, 0, 0, 0, 0 };
	struct ocr_image_info info;
	struct diag dg;

	diag_init(&dg);
	CHECK(
	    ocr_image_probe(jpeg, sizeof jpeg, &lim, &info, &dg) == ERR_LIMIT);
	CHECK(strstr(dg.msg, "jpeg") != NULL);
	diag_init(&dg);
	CHECK(
	    ocr_image_probe(tiff, sizeof tiff, &lim, &info, &dg) == ERR_LIMIT);
	CHECK(strstr(dg.msg, "tiff page 1") != NULL);
}

/* A TIFF of `n` tiny IFDs; `loop` points the last one back at the first. */
static uint8_t *
tiff_chain(unsigned n, bool loop, size_t *len)
{
	size_t ifd = 2 + 2 * 12 + 4, i;
	uint8_t *p = calloc(1, 8 + n * ifd);

	if (p == NULL)
		return NULL;
	memcpy(p, "II*\0\x08\0\0\0", 8);
	for (i = 0; i < n; i++) {
		uint8_t *q = p + 8 + i * ifd;
		uint32_t next = i + 1 < n ? (uint32_t)(8 + (i + 1) * ifd)
		    : loop                ? 8
					  : 0;

		q[0] = 2;
		q[2] = 0x00, q[3] = 1, q[4] = 3, q[6] = 1, q[10] = 4;
		q[14] = 0x01, q[15] = 1, q[16] = 3, q[18] = 1, q[22] = 4;
		q[26] = (uint8_t)next;
		q[27] = (uint8_t)(next >> 8);
	}
	*len = 8 + n * ifd;
	return p;
}

static void
test_ocr_tiff_page_list(void)
{
	struct ocr_image_info info;
	struct diag dg;
	uint8_t *p;
	size_t len;

	p = tiff_chain(3, false, &len);
	diag_init(&dg);
	CHECK(ocr_image_probe(p, len, &lim, &info, &dg) == ERR_OK);
	CHECK(info.npages == 3 && info.width == 4 && info.height == 4);
	free(p);

	p = tiff_chain(OCR_IMAGE_PAGES_MAX + 1, false, &len);
	diag_init(&dg);
	CHECK(ocr_image_probe(p, len, &lim, &info, &dg) == ERR_LIMIT);
	CHECK(strstr(dg.msg, "more than 50 pages") != NULL);
	free(p);

	p = tiff_chain(3, true, &len);
	diag_init(&dg);
	CHECK(ocr_image_probe(p, len, &lim, &info, &dg) == ERR_MALFORMED);
	CHECK(strstr(dg.msg, "loops") != NULL);
	free(p);

	diag_init(&dg);
	CHECK(
	    ocr_image_probe((const uint8_t *)"II+\0\x08\0\0\0\0\0\0\0\0\0\0\0",
		16, &lim, &info, &dg) == ERR_UNSUPPORTED);
	CHECK(strstr(dg.msg, "BigTIFF") != NULL);
}

static void
test_ocr_rejects_broken_images(void)
{
	struct arena *a = arena_new(lim.arena_max);
	struct diag dg;
	enum err e;
	uint8_t *jpeg;
	size_t jlen;
	PIX *pix = para_pix();

	/* Half a PNG: the header passes, the decoder fails. */
	CHECK(parse(para_png, para_png_len / 2, a, &e, &dg) == NULL);
	CHECK(e == ERR_MALFORMED);
	CHECK(strstr(dg.msg, "png: the image cannot be decoded") != NULL);

	CHECK(parse((const uint8_t *)"hello", 5, a, &e, &dg) == NULL);
	CHECK(e == ERR_UNSUPPORTED);
	CHECK(parse((const uint8_t *)"\x89PNG\r\n\x1a\n\0\0", 10, a, &e, &dg) ==
	    NULL);
	CHECK(e == ERR_TRUNCATED);
	CHECK(parse((const uint8_t *)"\xff\xd8\xff\xe0\0\x10JFIF", 10, a, &e,
		  &dg) == NULL);
	CHECK(e == ERR_TRUNCATED);

	/* A JPEG cut after its first third. */
	jpeg = pix != NULL ? encode(pix, IFF_JFIF_JPEG, &jlen) : NULL;
	CHECK(jpeg != NULL);
	if (jpeg != NULL) {
		CHECK(parse(jpeg, jlen / 3, a, &e, &dg) == NULL);
		CHECK(e == ERR_TRUNCATED || e == ERR_MALFORMED);
		CHECK(strstr(dg.msg, "jpeg") != NULL);
		free(jpeg);
	}
	pixDestroy(&pix);
	arena_free(a);
}

static void
test_ocr_reads_paragraph(void)
{
	struct arena *a = arena_new(lim.arena_max);
	struct diag dg;
	const struct doc_page *pg;
	struct doc *d;
	enum err e;
	char *text;
	double cer;

	d = parse(para_png, para_png_len, a, &e, &dg);
	CHECK(e == ERR_OK);
	if (d == NULL) {
		fprintf(stderr, "%s\n", dg.msg);
		arena_free(a);
		return;
	}
	CHECK(d->pages.n == 1);
	pg = d->pages.v[0];
	CHECK(pg->method == DOC_METHOD_OCR);
	CHECK(pg->confidence > 0.8f && pg->confidence <= 1.0f);
	/* 2000 x 700 pixels at 300 dpi. */
	CHECK(pg->width > 479 && pg->width < 481);
	CHECK(pg->height > 167 && pg->height < 169);
	text = doc_text(d, 0);
	cer = text_cer(para_txt, text);
	if (cer >= 0.02)
		fprintf(stderr, "CER %.4f, text:\n%s\n", cer, text);
	CHECK(cer < 0.02);
	/* The document number keeps its Đ. */
	CHECK(strstr(text, "1264/QĐ-") != NULL);
	CHECK(d->blocks.n > 0 &&
	    ((struct doc_block *)d->blocks.v[0])->confidence > 0.5f);
	CHECK(((struct doc_block *)d->blocks.v[0])->has_box);
	free(text);
	arena_free(a);
}

static void
test_ocr_turns_sideways_page_upright(void)
{
	struct arena *a = arena_new(lim.arena_max);
	PIX *pix = para_pix(), *turned;
	uint8_t *png = NULL;
	size_t len = 0;
	struct diag dg;
	struct doc *d;
	enum err e;

	/* Stored turned 90 degrees clockwise, as a phone saves it. */
	turned = pix != NULL ? pixRotateOrth(pix, 1) : NULL;
	if (turned != NULL)
		png = encode(turned, IFF_PNG, &len);
	CHECK(png != NULL);
	if (png != NULL) {
		d = parse(png, len, a, &e, &dg);
		CHECK(e == ERR_OK);
		if (d != NULL) {
			char *text = doc_text(d, 0);
			const struct doc_page *pg = d->pages.v[0];
			double cer = text_cer(para_txt, text);

			if (cer >= 0.03)
				fprintf(
				    stderr, "CER %.4f, text:\n%s\n", cer, text);
			CHECK(cer < 0.03);
			/* The page is described upright: wide, not tall. */
			CHECK(pg->width > pg->height);
			free(text);
		}
		free(png);
	}
	pixDestroy(&pix);
	pixDestroy(&turned);
	arena_free(a);
}

static void
test_ocr_multipage_tiff(void)
{
	struct arena *a = arena_new(lim.arena_max);
	PIX *pix = para_pix(), *bin = NULL, *half = NULL;
	PIXA *pa = pixaCreate(2);
	l_uint8 *tiff = NULL;
	size_t len = 0;
	struct diag dg;
	struct doc *d;
	enum err e;

	/* Page 1 the paragraph as a fax-style G4 page; page 2 its top half. */
	if (pix != NULL)
		bin = pixConvertTo1(pix, 128);
	if (bin != NULL)
		half = clip_top(bin, 250);
	CHECK(bin != NULL && half != NULL && pa != NULL);
	if (bin == NULL || half == NULL || pa == NULL)
		goto out;
	pixSetResolution(bin, 300, 300);
	pixSetResolution(half, 300, 300);
	pixaAddPix(pa, bin, L_COPY);
	pixaAddPix(pa, half, L_COPY);
	CHECK(pixaWriteMemMultipageTiff(&tiff, &len, pa) == 0);
	d = parse(tiff, len, a, &e, &dg);
	CHECK(e == ERR_OK);
	if (d != NULL) {
		char *t1 = doc_text(d, 1), *t2 = doc_text(d, 2);
		size_t i;

		CHECK(d->pages.n == 2);
		CHECK(strstr(t1, "chuyên môn") != NULL);
		CHECK(strstr(t2, "203/SNV-CCHC") != NULL);
		CHECK(strstr(t2, "chuyên môn") == NULL);
		/* Blocks in page order. */
		for (i = 1; i < d->blocks.n; i++)
			CHECK(((struct doc_block *)d->blocks.v[i - 1])->page <=
			    ((struct doc_block *)d->blocks.v[i])->page);
		free(t1);
		free(t2);
	}
out:
	free(tiff);
	pixaDestroy(&pa);
	pixDestroy(&pix);
	pixDestroy(&bin);
	pixDestroy(&half);
	arena_free(a);
}

/* A page past opts->page_timeout_ms fails with ERR_LIMIT (R2.10). */
static void
test_ocr_page_deadline(void)
{
	struct arena *a = arena_new(lim.arena_max);
	struct ocr_opts o;
	struct diag dg;
	struct doc *d = NULL;

	ocr_opts_default(&o);
	o.page_timeout_ms = 50;
	diag_init(&dg);
	CHECK(ocr_image_parse(para_png, para_png_len, &o, &lim, a, &d, &dg) ==
	    ERR_LIMIT);
	CHECK(d == NULL);
	CHECK(strstr(dg.msg, "longer than the limit of 50 ms") != NULL);
	arena_free(a);
}

/* The cells of the table row whose first cell is `code`, joined by "|". */
static char *
row_with_code(const struct doc *d, const char *code)
{
	size_t i, r, c;

	for (i = 0; i < d->blocks.n; i++) {
		const struct doc_block *b = d->blocks.v[i];

		if (b->kind != DOC_TABLE)
			continue;
		for (r = 0; r < b->table->rows.n; r++) {
			const struct doc_row *row = b->table->rows.v[r];
			const struct doc_cell *first;
			struct buf out;

			if (row->cells.n == 0)
				continue;
			first = row->cells.v[0];
			if (strcmp(first->text, code) != 0)
				continue;
			buf_init(&out, 0);
			for (c = 0; c < row->cells.n; c++) {
				const struct doc_cell *cell = row->cells.v[c];

				(void)buf_puts(&out, cell->text);
				(void)buf_putc(&out, '|');
			}
			return out.data;
		}
	}
	return NULL;
}

/*
 * A ruled appendix table (a crop of a synthetic corpus scan at 200 dpi):
 * read column by column, it comes back as a table whose rows hold the
 * code, label, unit, value and note of each item.
 */
static void
test_ocr_reads_ruled_table(void)
{
	struct arena *a = arena_new(lim.arena_max);
	uint8_t *png = NULL;
	size_t len = 0;
	struct diag dg;
	struct doc *d = NULL;
	enum err e;
	char *row;

	CHECK(load("tests/data/ocr/table.png", &png, &len));
	if (png != NULL)
		d = parse(png, len, a, &e, &dg);
	CHECK(d != NULL);
	if (d == NULL)
		goto out;
	CHECK(d->blocks.n >= 1 &&
	    ((struct doc_block *)d->blocks.v[0])->kind == DOC_TABLE);
	CHECK(((struct doc_block *)d->blocks.v[0])->table->ncols == 5);
	row = row_with_code(d, "1.1.1.");
	CHECK(row != NULL);
	if (row != NULL) {
		CHECK(
		    strstr(row, "|Số nhiệm vụ đề ra trong kế hoạch|") != NULL);
		CHECK(strstr(row, "|Nhiệm vụ|31|") != NULL);
		CHECK(strstr(row, "Kế hoạch số 132/KH-UBND") != NULL);
		free(row);
	}
	row = row_with_code(d, "1.1.2.");
	CHECK(row != NULL && strstr(row, "|Nhiệm vụ|22|") != NULL);
	free(row);
out:
	g_free(png);
	arena_free(a);
}

/* A renderer over one grey image, counting calls and refusing page 9. */
struct fake_source {
	PIX *gray;
	GMutex mu;
	unsigned renders, releases;
};

static enum err
fake_render(void *ctx, unsigned n, struct ocr_image *img, struct diag *dg)
{
	struct fake_source *fs = ctx;

	if (n == 9)
		return diag_set(dg, ERR_MALFORMED, "page 9 is damaged");
	g_mutex_lock(&fs->mu);
	fs->renders++;
	g_mutex_unlock(&fs->mu);
	img->width = (unsigned)pixGetWidth(fs->gray);
	img->height = (unsigned)pixGetHeight(fs->gray);
	img->stride = img->width;
	img->dpi = 300;
	{
		uint8_t *buf = malloc((size_t)img->width * img->height);
		unsigned x, y;

		if (buf == NULL)
			return diag_set(dg, ERR_NOMEM, "out of memory");
		for (y = 0; y < img->height; y++)
			for (x = 0; x < img->width; x++) {
				l_uint32 v = 0;

				(void)pixGetPixel(
				    fs->gray, (l_int32)x, (l_int32)y, &v);
				buf[(size_t)y * img->width + x] = (uint8_t)v;
			}
		img->gray = buf;
	}
	return ERR_OK;
}

static void
fake_release(void *ctx, struct ocr_image *img)
{
	struct fake_source *fs = ctx;

	g_mutex_lock(&fs->mu);
	fs->releases++;
	g_mutex_unlock(&fs->mu);
	free((void *)(uintptr_t)img->gray);
}

static unsigned progress_calls, progress_last, progress_total;

static void
on_page(void *ctx, unsigned done, unsigned total)
{
	(void)ctx;
	progress_calls++;
	progress_last = done;
	progress_total = total;
}

static void
test_ocr_pages_from_renderer(void)
{
	struct arena *a = arena_new(lim.arena_max);
	struct fake_source fs;
	struct ocr_source src = { &fs, fake_render, fake_release };
	struct ocr_opts o;
	struct diag dg;
	struct doc *d = doc_new(a);
	PIX *pix = para_pix(), *small = NULL;
	unsigned pages[] = { 3, 2 };
	unsigned bad[] = { 2, 9 };
	size_t i;

	memset(&fs, 0, sizeof fs);
	g_mutex_init(&fs.mu);
	if (pix != NULL)
		small = clip_top(pix, 180);
	fs.gray = small != NULL ? pixConvertTo8(small, 0) : NULL;
	CHECK(fs.gray != NULL && d != NULL);
	if (fs.gray == NULL || d == NULL)
		goto out;
	/* Page 1 has a text layer and its block already; 2 and 3 are scans
	 * added as the PDF reader adds them. */
	(void)doc_add_page(d, DOC_METHOD_TEXT, 595, 842);
	(void)doc_add_page(d, DOC_METHOD_TEXT, 595, 842);
	(void)doc_add_page(d, DOC_METHOD_TEXT, 595, 842);
	(void)doc_add_block(d, &d->blocks, DOC_PARAGRAPH, "text layer", 10);
	ocr_opts_default(&o);
	o.workers = 2;
	o.on_page = on_page;
	diag_init(&dg);
	CHECK(ocr_pages(&o, &src, pages, 2, d, &lim, &dg) == ERR_OK);
	CHECK(fs.renders == 2 && fs.releases == 2);
	CHECK(progress_calls == 2 && progress_last == 2 && progress_total == 2);
	CHECK(((struct doc_page *)d->pages.v[0])->method == DOC_METHOD_TEXT);
	for (i = 1; i < 3; i++) {
		const struct doc_page *pg = d->pages.v[i];

		CHECK(pg->method == DOC_METHOD_OCR);
		CHECK(pg->confidence > 0.5f);
	}
	CHECK(d->blocks.n >= 3);
	CHECK_STR(((struct doc_block *)d->blocks.v[0])->text, "text layer");
	for (i = 1; i < d->blocks.n; i++)
		CHECK(((struct doc_block *)d->blocks.v[i - 1])->page <=
		    ((struct doc_block *)d->blocks.v[i])->page);
	{
		char *t2 = doc_text(d, 2), *t3 = doc_text(d, 3);

		CHECK(strstr(t2, "203/SNV-CCHC") != NULL);
		CHECK_STR(t2, t3);
		free(t2);
		free(t3);
	}

	/* A page the renderer cannot give fails the call, naming it. */
	diag_init(&dg);
	(void)doc_add_page(d, DOC_METHOD_TEXT, 595, 842);
	while (d->pages.n < 9)
		(void)doc_add_page(d, DOC_METHOD_TEXT, 595, 842);
	CHECK(ocr_pages(&o, &src, bad, 2, d, &lim, &dg) == ERR_MALFORMED);
	CHECK(strstr(dg.msg, "page 9: page 9 is damaged") != NULL);
out:
	pixDestroy(&fs.gray);
	pixDestroy(&small);
	pixDestroy(&pix);
	g_mutex_clear(&fs.mu);
	arena_free(a);
}

/* ---- corpus: appendix rows on real scan pages ---- */

/*
 * Reads a corpus appendix scan as reportd does and counts the truth
 * rows that come out as rows of a table (bench/ocr_rows.c).
 */
static void
corpus_rows(const char *shared, const char *base, const char *image,
    unsigned *found, unsigned *total)
{
	char *ipath = g_build_filename(shared, "corpus", image, NULL);
	char *tname = g_strconcat(base, ".truth.json", NULL);
	char *tpath = g_build_filename(shared, "corpus", tname, NULL);
	struct arena *a = arena_new(lim.arena_max);
	struct diag dg;
	struct doc *d = NULL;
	gchar *data = NULL;
	gsize len = 0;
	enum err e;

	*found = *total = 0;
	if (!g_file_get_contents(ipath, &data, &len, NULL)) {
		CHECK(!"corpus scan missing");
		goto out;
	}
	d = parse((const uint8_t *)data, len, a, &e, &dg);
	CHECK(e == ERR_OK);
	CHECK(rows_count(tpath, image, &d, 1, found, total, stdout));
out:
	arena_free(a);
	g_free(data);
	g_free(ipath);
	g_free(tname);
	g_free(tpath);
}

static void
test_ocr_corpus_appendix_rows(void)
{
	static const char *const scans[][2] = {
		{ "dev-14-phuoc-hai-m9-2022",
		    "dev-14-phuoc-hai-m9-2022.appendix-p7.png" },
		{ "dev-18-nghia-chanh-m9-2024",
		    "dev-18-nghia-chanh-m9-2024.appendix-p7.tiff" },
	};
	const char *shared = getenv("SHARED");
	char *probe;
	size_t i;

	if (shared == NULL ||
	    !g_file_test(
		(probe = g_build_filename(shared, "corpus", scans[0][1], NULL)),
		G_FILE_TEST_EXISTS)) {
		if (shared != NULL)
			g_free(probe);
		printf("skip: corpus scans not found (SHARED=%s)\n",
		    shared != NULL ? shared : "unset");
		return;
	}
	g_free(probe);
	for (i = 0; i < sizeof scans / sizeof scans[0]; i++) {
		unsigned found, total;

		corpus_rows(shared, scans[i][0], scans[i][1], &found, &total);
		printf("%s: %u of %u appendix rows in table rows\n",
		    scans[i][1], found, total);
		CHECK(total > 10);
		CHECK(found * 10 >= total * 9);
	}
}

int
main(void)
{
	limits_default(&lim);
	if (!load("tests/data/ocr/para.png", &para_png, &para_png_len) ||
	    !load("tests/data/ocr/para.txt", (uint8_t **)&para_txt,
		&(size_t){ 0 })) {
		fprintf(stderr, "test data missing; set SRC\n");
		return 1;
	}
	ocr_global_init();
	RUN(test_ocr_fix_eth);
	RUN(test_ocr_refuses_huge_png_before_decoding);
	RUN(test_ocr_refuses_huge_jpeg_and_tiff);
	RUN(test_ocr_tiff_page_list);
	RUN(test_ocr_rejects_broken_images);
	RUN(test_ocr_reads_paragraph);
	RUN(test_ocr_turns_sideways_page_upright);
	RUN(test_ocr_multipage_tiff);
	RUN(test_ocr_reads_ruled_table);
	RUN(test_ocr_page_deadline);
	RUN(test_ocr_pages_from_renderer);
	RUN(test_ocr_corpus_appendix_rows);
	g_free(para_png);
	g_free(para_txt);
	return check_done();
}
