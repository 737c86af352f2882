/* SPDX-License-Identifier: MIT */
/*
 * Page pre-processing before recognition: resolution, orientation,
 * skew, background, binarisation and table rules.  Each step can be
 * switched off; the defaults are the steps that lowered the character
 * error rate on the corpus scans (numbers in ocr/README.md).
 */
#include "ocr/ocr_int.h"

#include <stdlib.h>

void
ocr_prep_default(struct ocr_prep_opts *o)
{
	o->orient = true;
	o->deskew = true;
	o->normalize = false;
	o->binarize = OCR_BIN_TESSERACT;
	o->remove_rules = true;
	o->reread = true;
	o->max_dpi = 400;
}

void
ocr_prep_info_fini(struct ocr_prep_info *info)
{
	free(info->rules);
	info->rules = NULL;
	info->nrules = 0;
}

/* Replaces *pix by `next` when `next` is not NULL. */
static void
take(PIX **pix, PIX *next)
{
	if (next != NULL) {
		pixDestroy(pix);
		*pix = next;
	}
}

/*
 * A binary version of an 8-bit page for finding rules.  The threshold is
 * high on purpose: a thin rule scanned at 200 dpi is light grey, and
 * the opening that follows drops the noise a high threshold lets in.
 */
static PIX *
rules_binary(PIX *gray)
{
	return pixConvertTo1(gray, 200);
}

/*
 * The clockwise rotation that makes a page upright (0, 90, 180, 270), on
 * a copy at about 150 dpi.  Leptonica's ascender/descender statistics
 * (pixOrientDetect, about 15 ms a page) decide when they are clear;
 * Tesseract's OSD model (about 0.2 s a page) decides the rest: pages
 * with little text, tables, and every turn Leptonica is unsure of.  On
 * the 55 corpus scan pages turned four ways, see ocr/README.md.
 */
int
ocr_prep_orientation(struct ocr_engine *eng, PIX *gray, unsigned dpi)
{
	PIX *small = NULL, *bin = NULL;
	l_float32 up = 0, left = 0;
	int rot = -1;

	small = dpi > 200
	    ? pixScaleGrayLI(gray, 150.0f / (float)dpi, 150.0f / (float)dpi)
	    : pixClone(gray);
	if (small == NULL)
		return 0;
	if (dpi > 200)
		dpi = 150;
	bin = pixConvertTo1(small, 160);
	if (bin != NULL && pixOrientDetect(bin, &up, &left, 0, 0) == 0) {
		l_float32 au = up < 0 ? -up : up, al = left < 0 ? -left : left;

		/* Upright needs less evidence than a turn: leaving a page as
		 * it is costs nothing when it was right. */
		if (up >= 5.0f && up >= 2.5f * al)
			rot = 0;
		else if (au >= 8.0f && au >= 2.5f * al)
			rot = up > 0 ? 0 : 180;
		else if (al >= 8.0f && al >= 2.5f * au)
			rot = left > 0 ? 90 : 270;
	}
	if (rot < 0 && eng != NULL)
		rot = ocr_engine_orientation(eng, small, dpi);
	pixDestroy(&bin);
	pixDestroy(&small);
	return rot > 0 ? rot : 0;
}

static int
push_rule(struct ocr_prep_info *info, size_t *cap, const struct ocr_rule *r)
{
	if (info->nrules == *cap) {
		size_t ncap = *cap != 0 ? *cap * 2 : 32;
		struct ocr_rule *v;

		/* A ruled page has a few hundred rule pieces at most; past
		 * this it is a picture or noise, and the rest are dropped. */
		if (ncap > 4096)
			return 0;
		v = realloc(info->rules, ncap * sizeof *v);
		if (v == NULL)
			return -1;
		info->rules = v;
		*cap = ncap;
	}
	info->rules[info->nrules++] = *r;
	return 0;
}

/*
 * Finds long thin horizontal and vertical strokes (table rules) on the
 * binary image `bin`, records them, and whitens them on `pix` so the
 * recogniser does not read them as "|", "_" or "L".  Returns -1 on
 * allocation failure.
 */
static int
find_rules(PIX *pix, PIX *bin, unsigned dpi, struct ocr_prep_info *info)
{
	/*
	 * Vertical: longer than any letter with its marks (about 0.2 in at
	 * 14 pt), shorter than three table rows: 0.3 in.  Horizontal: the
	 * top bars of bold capitals run together ("TTHC" is 0.3 in of
	 * unbroken ink), so 0.6 in, still shorter than a table's narrowest
	 * rule, which spans at least a label column.
	 */
	l_int32 vlen = (l_int32)(dpi * 3 / 10), hlen = (l_int32)(dpi * 6 / 10);
	PIX *h = NULL, *v = NULL, *mask = NULL, *tmp = NULL;
	BOXA *boxes = NULL;
	size_t cap = 0;
	int pass, rc = -1;

	for (pass = 0; pass < 2; pass++) {
		l_int32 i, n;

		/* A little thickening across the line first, so a slightly
		 * tilted rule still opens as one piece. */
		tmp = pass == 0 ? pixDilateBrick(NULL, bin, 1, 3)
				: pixDilateBrick(NULL, bin, 3, 1);
		if (tmp == NULL)
			goto out;
		if (pass == 0)
			h = pixOpenBrick(NULL, tmp, hlen, 1);
		else
			v = pixOpenBrick(NULL, tmp, 1, vlen);
		pixDestroy(&tmp);
		if ((pass == 0 ? h : v) == NULL)
			goto out;
		boxes = pixConnCompBB(pass == 0 ? h : v, 8);
		if (boxes == NULL)
			goto out;
		n = boxaGetCount(boxes);
		for (i = 0; i < n; i++) {
			l_int32 x, y, w, bh;
			struct ocr_rule r;

			if (boxaGetBoxGeometry(boxes, i, &x, &y, &w, &bh) != 0)
				continue;
			/* A stroke, not a filled area (photo, seal, logo). */
			if (pass == 0 && bh > (l_int32)dpi / 25)
				continue;
			if (pass == 1 && w > (l_int32)dpi / 25)
				continue;
			if (pass == 0) {
				r.x0 = x;
				r.x1 = x + w - 1;
				r.y0 = r.y1 = y + bh / 2;
			} else {
				r.y0 = y;
				r.y1 = y + bh - 1;
				r.x0 = r.x1 = x + w / 2;
			}
			if (push_rule(info, &cap, &r) != 0)
				goto out;
		}
		boxaDestroy(&boxes);
	}
	/* Erase a little wider than found, to take the anti-aliased edge. */
	tmp = pixOr(NULL, h, v);
	if (tmp == NULL)
		goto out;
	mask = pixDilateBrick(NULL, tmp, 3, 3);
	if (mask == NULL)
		goto out;
	if (pixGetDepth(pix) == 1)
		rc = pixSubtract(pix, pix, mask) != NULL ? 0 : -1;
	else
		rc = pixSetMasked(pix, mask, 255) == 0 ? 0 : -1;
out:
	boxaDestroy(&boxes);
	pixDestroy(&h);
	pixDestroy(&v);
	pixDestroy(&tmp);
	pixDestroy(&mask);
	return rc;
}

/*
 * Runs the enabled steps in order: scale down past max_dpi, turn
 * upright, deskew, flatten the background, binarise, erase rules.  The
 * input stays untouched; see ocr_int.h.
 */
PIX *
ocr_prep(PIX *gray, unsigned dpi, const struct ocr_prep_opts *o,
    struct ocr_engine *eng, struct ocr_prep_info *info)
{
	PIX *pix = pixClone(gray), *bin = NULL;

	info->rotation = 0;
	info->skew = 0;
	info->rules = NULL;
	info->nrules = 0;
	if (pix == NULL)
		return NULL;
	if (o->max_dpi > 0 && dpi > o->max_dpi) {
		float s = (float)o->max_dpi / (float)dpi;

		take(&pix, pixScaleGrayLI(pix, s, s));
		dpi = o->max_dpi;
	}
	info->dpi = dpi;
	if (o->orient) {
		int rot = ocr_prep_orientation(eng, pix, dpi);

		if (rot > 0) {
			take(&pix, pixRotateOrth(pix, rot / 90));
			info->rotation = rot;
		}
	}
	if (o->deskew) {
		l_float32 angle = 0, conf = 0;
		PIX *d = pixFindSkewAndDeskew(pix, 2, &angle, &conf);

		if (d != NULL && d != pix) {
			take(&pix, d);
			/* Only a found angle is an applied one. */
			if (conf >= 3.0f)
				info->skew = angle;
		} else
			pixDestroy(&d);
	}
	if (o->normalize)
		take(&pix, pixBackgroundNormSimple(pix, NULL, NULL));
	if (o->binarize == OCR_BIN_SAUVOLA) {
		l_int32 wh = (l_int32)dpi / 12;

		if (pixSauvolaBinarizeTiled(
			pix, wh < 8 ? 8 : wh, 0.34f, 1, 1, NULL, &bin) == 0)
			take(&pix, pixClone(bin));
	} else if (o->binarize == OCR_BIN_OTSU_ADAPTIVE) {
		if (pixOtsuAdaptiveThreshold(pix, (l_int32)dpi, (l_int32)dpi, 2,
			2, 0.1f, NULL, &bin) == 0)
			take(&pix, pixClone(bin));
	}
	if (o->remove_rules) {
		PIX *b = bin != NULL ? pixClone(bin) : rules_binary(pix);
		int rc = -1;

		/* pixSetMasked writes in place: make pix our own copy. */
		if (b != NULL && pixGetRefcount(pix) > 1)
			take(&pix, pixCopy(NULL, pix));
		if (b != NULL && pixGetRefcount(pix) == 1)
			rc = find_rules(pix, b, dpi, info);
		pixDestroy(&b);
		if (rc != 0)
			ocr_prep_info_fini(info);
	}
	pixDestroy(&bin);
	return pix;
}
