/* SPDX-License-Identifier: MIT */
/*
 * Harness: image files as reportd's OCR reads them, short of recognition:
 * the header check (PNG IHDR, JPEG SOF, TIFF IFD chain), Leptonica's
 * decoding from memory, and the pre-processing steps (deskew, background,
 * both binarisations, rule finding and erasing).
 *
 * Tesseract's recogniser is left out: it needs its model loaded (about
 * 0.3 s and 20 MB per process) and takes 10-100 ms even on a small page,
 * which would bring the harness from thousands of runs a second to tens;
 * it is fuzzed upstream on in-memory images (hardening.md, 1.x), and
 * what reaches it from us is a decoded, size-checked grey image.  For the
 * same reason orientation (which runs Tesseract's OSD) is off.
 *
 * Limits are the production ones except the pixel caps, cut to 1 Mpixel
 * and 2048 pixels a side so one input stays in the milliseconds.
 */
#include <stddef.h>
#include <stdint.h>

#include "core/limits.h"
#include "ocr/ocr_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct limits lim;
	struct ocr_image_info info;
	struct ocr_prep_opts prep;
	struct diag dg;
	unsigned n;

	limits_default(&lim);
	lim.image_side_max_px = 2048;
	lim.image_pixels_max = 1u << 20;
	ocr_global_init();
	diag_init(&dg);
	if (ocr_image_probe(data, len, &lim, &info, &dg) != ERR_OK)
		return 0;
	ocr_prep_default(&prep);
	prep.orient = false;
	for (n = 0; n < info.npages && n < 4; n++) {
		struct ocr_prep_info pi;
		PIX *pix = NULL, *out;
		unsigned dpi = 0;

		diag_init(&dg);
		if (ocr_image_decode(data, len, &info, n, &pix, &dpi, &dg) !=
		    ERR_OK)
			continue;
		dpi = ocr_image_dpi(dpi, (unsigned)pixGetWidth(pix),
		    (unsigned)pixGetHeight(pix));
		/* Each page through a different set of steps. */
		prep.normalize = (n & 1) != 0;
		prep.binarize = (int)(n % 3);
		out = ocr_prep(pix, dpi, &prep, NULL, &pi);
		ocr_prep_info_fini(&pi);
		pixDestroy(&out);
		pixDestroy(&pix);
	}
	return 0;
}
