/* SPDX-License-Identifier: MIT */
/*
 * Image files to grey page images: headers read by our own code and
 * checked against the limits first, then Leptonica decodes from memory.
 *
 * Format notes: PNG (IHDR, which the PNG spec requires to be the first
 * chunk), JPEG (the first SOFn marker, which is the frame libjpeg
 * decodes; DNL-defined heights are refused, as libjpeg does), classic
 * TIFF in either byte order, every IFD in the chain (BigTIFF is refused).
 * Reading the dimensions ourselves keeps the check independent of the
 * decoders: nothing is allocated from a declared size before it passes.
 */
#include "ocr/ocr_int.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static uint32_t
be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

static unsigned
be16(const uint8_t *p)
{
	return (unsigned)p[0] << 8 | (unsigned)p[1];
}

static enum err
check_size(const char *what, uint32_t w, uint32_t h, const struct limits *lim,
    struct diag *diag)
{
	uint64_t px = (uint64_t)w * h;

	if (w == 0 || h == 0)
		return diag_set(diag, ERR_MALFORMED,
		    "%s: the image is %" PRIu32 " x %" PRIu32 " pixels", what,
		    w, h);
	if (w > lim->image_side_max_px || h > lim->image_side_max_px)
		return diag_set(diag, ERR_LIMIT,
		    "%s: the image is %" PRIu32 " x %" PRIu32
		    " pixels, more than the limit of %u pixels a side",
		    what, w, h, lim->image_side_max_px);
	if (px > lim->image_pixels_max)
		return diag_set(diag, ERR_LIMIT,
		    "%s: the image has %" PRIu64
		    " pixels, more than the limit of %" PRIu64,
		    what, px, lim->image_pixels_max);
	return ERR_OK;
}

static enum err
probe_png(const uint8_t *p, size_t len, const struct limits *lim,
    struct ocr_image_info *info, struct diag *diag)
{
	uint32_t w, h;

	/* Signature (8), IHDR length (4) and type (4), then 13 data bytes. */
	if (len < 8 + 8 + 13)
		return diag_set(diag, ERR_TRUNCATED,
		    "png: the file ends inside its header (%zu bytes)", len);
	if (memcmp(p + 12, "IHDR", 4) != 0 || be32(p + 8) != 13)
		return diag_set(diag, ERR_MALFORMED,
		    "png: the first chunk is not a valid IHDR");
	w = be32(p + 16);
	h = be32(p + 20);
	info->format = OCR_FORMAT_PNG;
	info->npages = 1;
	info->width = w;
	info->height = h;
	return check_size("png", w, h, lim, diag);
}

/* True for the start-of-frame markers (SOF0-15 but DHT, JPG, DAC). */
static bool
jpeg_is_sof(unsigned m)
{
	return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
}

static enum err
probe_jpeg(const uint8_t *p, size_t len, const struct limits *lim,
    struct ocr_image_info *info, struct diag *diag)
{
	size_t i = 2;
	uint32_t w, h;

	if (len < 4 || p[0] != 0xFF || p[1] != 0xD8)
		return diag_set(diag, ERR_MALFORMED, "jpeg: no SOI marker");
	/* Every step moves forward by at least 2 bytes, so the loop ends. */
	for (;;) {
		unsigned m, seglen;

		if (len - i < 4)
			return diag_set(diag, ERR_TRUNCATED,
			    "jpeg: the file ends before the frame header");
		if (p[i] != 0xFF)
			return diag_set(diag, ERR_MALFORMED,
			    "jpeg: no marker at byte %zu", i);
		m = p[i + 1];
		if (m == 0xFF) { /* fill byte */
			i++;
			continue;
		}
		if (m == 0xD8 || m == 0xD9 || m == 0xDA ||
		    (m >= 0xD0 && m <= 0xD7) || m == 0x01)
			return diag_set(diag, ERR_MALFORMED,
			    "jpeg: marker 0x%02X before the frame header", m);
		seglen = be16(p + i + 2);
		if (seglen < 2)
			return diag_set(diag, ERR_MALFORMED,
			    "jpeg: segment of length %u at byte %zu", seglen,
			    i);
		if (jpeg_is_sof(m)) {
			/* Length, precision, height, width. */
			if (seglen < 8 || len - i - 2 < seglen)
				return diag_set(diag, ERR_TRUNCATED,
				    "jpeg: the frame header is cut short");
			h = be16(p + i + 5);
			w = be16(p + i + 7);
			if (h == 0)
				return diag_set(diag, ERR_UNSUPPORTED,
				    "jpeg: the height is given after the "
				    "image data (DNL), which is not read");
			info->format = OCR_FORMAT_JPEG;
			info->npages = 1;
			info->width = w;
			info->height = h;
			return check_size("jpeg", w, h, lim, diag);
		}
		if (len - i - 2 < seglen)
			return diag_set(diag, ERR_TRUNCATED,
			    "jpeg: the file ends inside a segment");
		i += 2 + (size_t)seglen;
	}
}

struct tiff_rd {
	const uint8_t *p;
	size_t len;
	bool be;
};

static unsigned
tiff16(const struct tiff_rd *t, size_t off)
{
	const uint8_t *q = t->p + off;

	return t->be ? (unsigned)q[0] << 8 | q[1] : (unsigned)q[1] << 8 | q[0];
}

static uint32_t
tiff32(const struct tiff_rd *t, size_t off)
{
	const uint8_t *q = t->p + off;

	if (t->be)
		return be32(q);
	return (uint32_t)q[3] << 24 | (uint32_t)q[2] << 16 |
	    (uint32_t)q[1] << 8 | (uint32_t)q[0];
}

static enum err
probe_tiff(const uint8_t *p, size_t len, const struct limits *lim,
    struct ocr_image_info *info, struct diag *diag)
{
	struct tiff_rd t = { p, len, false };
	uint32_t seen[OCR_IMAGE_PAGES_MAX + 1];
	unsigned cap = OCR_IMAGE_PAGES_MAX, n = 0, magic;
	uint32_t off;
	char what[32];

	if (lim->pages_max < cap)
		cap = lim->pages_max;
	if (len < 8)
		return diag_set(diag, ERR_TRUNCATED,
		    "tiff: the file ends inside its header");
	if (p[0] == 'M' && p[1] == 'M')
		t.be = true;
	else if (!(p[0] == 'I' && p[1] == 'I'))
		return diag_set(diag, ERR_MALFORMED, "tiff: bad byte order");
	magic = tiff16(&t, 2);
	if (magic == 43)
		return diag_set(diag, ERR_UNSUPPORTED,
		    "tiff: BigTIFF files are not read; save the scan as a "
		    "classic TIFF, PNG or PDF");
	if (magic != 42)
		return diag_set(diag, ERR_MALFORMED, "tiff: bad magic number");
	info->format = OCR_FORMAT_TIFF;
	info->width = info->height = 0;
	off = tiff32(&t, 4);
	while (off != 0) {
		uint32_t w = 0, h = 0;
		unsigned nent, i;
		size_t need;
		enum err e;

		if (n == cap)
			return diag_set(
			    diag, ERR_LIMIT, "tiff: more than %u pages", cap);
		for (i = 0; i < n; i++)
			if (seen[i] == off)
				return diag_set(diag, ERR_MALFORMED,
				    "tiff: the page list loops back to "
				    "page %u",
				    i + 1);
		seen[n] = off;
		if (off < 8 || off > len || len - off < 2)
			return diag_set(diag, ERR_TRUNCATED,
			    "tiff: page %u lies past the end of the file",
			    n + 1);
		nent = tiff16(&t, off);
		need = 2 + (size_t)nent * 12 + 4;
		if (len - off < need)
			return diag_set(diag, ERR_TRUNCATED,
			    "tiff: the directory of page %u is cut short",
			    n + 1);
		for (i = 0; i < nent; i++) {
			size_t ent = off + 2 + (size_t)i * 12;
			unsigned tag = tiff16(&t, ent),
				 type = tiff16(&t, ent + 2);
			uint32_t v;

			if (tag != 256 && tag != 257)
				continue;
			if (type == 3) /* SHORT, left-justified in the field */
				v = tiff16(&t, ent + 8);
			else if (type == 4) /* LONG */
				v = tiff32(&t, ent + 8);
			else
				return diag_set(diag, ERR_MALFORMED,
				    "tiff: page %u gives its size with type %u",
				    n + 1, type);
			if (tag == 256)
				w = v;
			else
				h = v;
		}
		(void)snprintf(what, sizeof what, "tiff page %u", n + 1);
		e = check_size(what, w, h, lim, diag);
		if (e != ERR_OK)
			return e;
		if ((uint64_t)w * h > (uint64_t)info->width * info->height) {
			info->width = w;
			info->height = h;
		}
		n++;
		off = tiff32(&t, off + 2 + (size_t)nent * 12);
	}
	if (n == 0)
		return diag_set(diag, ERR_MALFORMED, "tiff: no pages");
	info->npages = n;
	return ERR_OK;
}

/*
 * Identifies the format by its signature and checks the dimensions of
 * every page; see ocr_int.h.
 */
enum err
ocr_image_probe(const uint8_t *data, size_t len, const struct limits *lim,
    struct ocr_image_info *info, struct diag *diag)
{
	static const uint8_t png_sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n',
		0x1A, '\n' };

	memset(info, 0, sizeof *info);
	if (len >= 8 && memcmp(data, png_sig, 8) == 0)
		return probe_png(data, len, lim, info, diag);
	if (len >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF)
		return probe_jpeg(data, len, lim, info, diag);
	if (len >= 4 &&
	    (memcmp(data, "II*\0", 4) == 0 || memcmp(data, "MM\0*", 4) == 0 ||
		memcmp(data, "II+\0", 4) == 0 || memcmp(data, "MM\0+", 4) == 0))
		return probe_tiff(data, len, lim, info, diag);
	return diag_set(diag, ERR_UNSUPPORTED, "not a PNG, JPEG or TIFF image");
}

unsigned
ocr_image_dpi(unsigned stated, unsigned width, unsigned height)
{
	unsigned long side = width > height ? width : height;

	/* Fax and phone files often say 72 or 96 dpi, or nothing. */
	if (stated >= 100 && stated <= 1200)
		return stated;
	/* 297 mm = 11.69 in; at least 70 dpi so tiny images stay legible. */
	side = side * 100 / 1169;
	if (side < 70)
		side = 70;
	if (side > 1200)
		side = 1200;
	return (unsigned)side;
}

static const char *
format_name(enum ocr_format f)
{
	switch (f) {
	case OCR_FORMAT_PNG:
		return "png";
	case OCR_FORMAT_JPEG:
		return "jpeg";
	case OCR_FORMAT_TIFF:
		return "tiff";
	}
	return "image";
}

/* True when an EOI marker ends the data (trailing padding allowed). */
static bool
jpeg_has_eoi(const uint8_t *p, size_t len)
{
	size_t i, stop = len > 4096 ? len - 4096 : 0;

	for (i = len; i >= stop + 2; i--)
		if (p[i - 2] == 0xFF && p[i - 1] == 0xD9)
			return true;
	return false;
}

/* Any depth and colormap to 8-bit grey without colormap; alpha on white. */
static PIX *
to_gray(PIX *pix)
{
	PIX *flat = NULL, *gray;

	if (pixGetDepth(pix) == 32 && pixGetSpp(pix) == 4) {
		flat = pixAlphaBlendUniform(pix, 0xffffff00);
		if (flat == NULL)
			return NULL;
		pix = flat;
	}
	if (pixGetDepth(pix) == 8 && pixGetColormap(pix) == NULL)
		gray = pixClone(pix);
	else
		gray = pixConvertTo8(pix, 0);
	pixDestroy(&flat);
	return gray;
}

/*
 * Decodes one page; see ocr_int.h.  The probe has bounded the size, and
 * the result's size is compared with the header's so a decoder that
 * disagrees with our reading cannot slip a larger image through.
 */
enum err
ocr_image_decode(const uint8_t *data, size_t len,
    const struct ocr_image_info *info, unsigned n, PIX **out, unsigned *dpi,
    struct diag *diag)
{
	const char *name = format_name(info->format);
	PIX *pix = NULL, *gray;
	l_int32 xres, nwarn = 0;

	*out = NULL;
	*dpi = 0;
	if (n >= info->npages)
		return diag_set(
		    diag, ERR_INTERNAL, "%s: no page %u", name, n + 1);
	switch (info->format) {
	case OCR_FORMAT_PNG:
		pix = pixReadMemPng(data, len);
		break;
	case OCR_FORMAT_JPEG:
		pix = pixReadMemJpeg(data, len, 0, 1, &nwarn, 0);
		/* libjpeg only warns about a file cut short and fills the
		 * rest with grey; a page half missing must not pass as read. */
		if (pix != NULL && nwarn > 0 && !jpeg_has_eoi(data, len)) {
			pixDestroy(&pix);
			return diag_set(diag, ERR_TRUNCATED,
			    "jpeg: the file is cut short (the image data ends "
			    "early)");
		}
		break;
	case OCR_FORMAT_TIFF:
		pix = pixReadMemTiff(data, len, (l_int32)n);
		break;
	}
	if (pix == NULL) {
		if (info->npages > 1)
			return diag_set(diag, ERR_MALFORMED,
			    "%s: page %u cannot be decoded (damaged or cut "
			    "short)",
			    name, n + 1);
		return diag_set(diag, ERR_MALFORMED,
		    "%s: the image cannot be decoded (damaged or cut short)",
		    name);
	}
	if ((unsigned)pixGetWidth(pix) > info->width ||
	    (unsigned)pixGetHeight(pix) > info->height) {
		pixDestroy(&pix);
		return diag_set(diag, ERR_MALFORMED,
		    "%s: the decoded image is larger than its header says",
		    name);
	}
	xres = pixGetXRes(pix);
	gray = to_gray(pix);
	pixDestroy(&pix);
	if (gray == NULL)
		return diag_set(diag, ERR_NOMEM,
		    "%s: out of memory converting page %u to grey", name,
		    n + 1);
	*dpi = xres > 0 && xres < 100000 ? (unsigned)xres : 0;
	*out = gray;
	return ERR_OK;
}
