/* SPDX-License-Identifier: MIT */
/*
 * The OCR module's own interfaces: image headers and decoding, page
 * pre-processing, the Tesseract engine and word clean-up.  Also used by
 * the unit tests, the fuzz harness and the benchmark tools.
 */
#ifndef OCR_OCR_INT_H
#define OCR_OCR_INT_H

#include <leptonica/allheaders.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/limits.h"
#include "ocr/ocr.h"

/* Leptonica and Tesseract quiet, OpenMP to one thread; idempotent. */
void ocr_global_init(void);

/* ---- image.c: headers and decoding ---- */

enum ocr_format {
	OCR_FORMAT_PNG,
	OCR_FORMAT_JPEG,
	OCR_FORMAT_TIFF,
};

/* What the header says, read without decoding anything. */
struct ocr_image_info {
	enum ocr_format format;
	unsigned npages;
	/* The largest page, for the caller's memory estimate. */
	unsigned width, height;
};

/*
 * Reads the header(s) of a PNG, JPEG or TIFF held in memory and checks
 * every page's width, height and pixel count against `lim`, and the TIFF
 * page count against OCR_IMAGE_PAGES_MAX and lim->pages_max, before any
 * pixel is decoded.  No allocation beyond the stack.
 */
enum err ocr_image_probe(const uint8_t *data, size_t len,
    const struct limits *lim, struct ocr_image_info *info, struct diag *diag);

/*
 * Decodes page `n` (0-based) of an image already probed, to an 8-bit
 * grey PIX without colormap (alpha composed on white).  *dpi is the
 * resolution the file states, or 0 when it states none.
 */
enum err ocr_image_decode(const uint8_t *data, size_t len,
    const struct ocr_image_info *info, unsigned n, PIX **out, unsigned *dpi,
    struct diag *diag);

/* The resolution to assume: the stated one when plausible, else the one
 * that makes the longer side of the image the long side of A4. */
unsigned ocr_image_dpi(unsigned stated, unsigned width, unsigned height);

/* ---- prep.c: pre-processing before recognition ---- */

/* Which steps run; ocr_prep_default() gives the measured choice. */
struct ocr_prep_opts {
	bool orient;       /* turn pages stored sideways or upside down */
	bool deskew;       /* straighten small skew (Leptonica) */
	bool normalize;    /* flatten uneven background */
	int binarize;      /* OCR_BIN_* */
	bool remove_rules; /* erase table rules, report them to the layout */
	bool reread;       /* read figures again alone (engine.c) */
	unsigned max_dpi;  /* scale down pages scanned finer than this */
};

enum {
	OCR_BIN_TESSERACT, /* leave it to Tesseract (Otsu) */
	OCR_BIN_SAUVOLA,
	OCR_BIN_OTSU_ADAPTIVE,
};

void ocr_prep_default(struct ocr_prep_opts *);

/* A ruling line found on the page, in pixels of the prepared image. */
struct ocr_rule {
	int x0, y0, x1, y1;
};

/* What pre-processing did, for the record and for the benchmark. */
struct ocr_prep_info {
	int rotation;           /* degrees clockwise applied: 0, 90, 180, 270 */
	float skew;             /* degrees removed by deskew */
	unsigned dpi;           /* resolution of the prepared image */
	struct ocr_rule *rules; /* malloc'ed; free with free() */
	size_t nrules;
};

/* ---- engine.c: one Tesseract instance ---- */

struct ocr_engine;

/* A word as recognised, in pixels of the prepared image. */
struct ocr_word {
	char *text; /* malloc'ed, NUL-terminated UTF-8 */
	size_t len;
	int x0, y0, x1, y1;
	float confidence; /* 0..1 */
	unsigned line;    /* Tesseract's text line, counted from 0 */
	unsigned para;    /* Tesseract's paragraph, counted from 0 */
	bool bold;
	float font_pt; /* size from the line height in points, 0 if none */
};

struct ocr_words {
	struct ocr_word *v;
	size_t n, cap;
};

void ocr_words_free(struct ocr_words *);

/*
 * A Tesseract instance for `opts` (languages, model folder).  Creating
 * one loads the model (about 0.1-0.3 s), so a worker keeps it for all
 * its pages.  Not thread-safe: one instance per thread.
 */
enum err ocr_engine_new(
    const struct ocr_opts *, struct ocr_engine **out, struct diag *);
void ocr_engine_free(struct ocr_engine *);

/*
 * Orientation of an 8-bit page as the clockwise rotation that makes it
 * upright (0, 90, 180 or 270), or -1 when the page has too little text
 * to tell.
 */
int ocr_engine_orientation(struct ocr_engine *, PIX *gray, unsigned dpi);

/* A rectangle of the page in pixels. */
struct ocr_rect {
	int x, y, w, h;
};

/* The page to read next (8-bit grey or 1-bit, at `dpi`); borrowed until
 * ocr_engine_clear().  Starts the page's deadline. */
void ocr_engine_set_page(struct ocr_engine *, PIX *pix, unsigned dpi);

/*
 * Recognises region `r` of the page (all of it when NULL) with page
 * segmentation mode `psm` and appends its words, in page pixels, to
 * `out`.  ERR_LIMIT once the page has taken opts->page_timeout_ms.
 */
enum err ocr_engine_read(struct ocr_engine *, const struct ocr_rect *r, int psm,
    struct ocr_words *out, struct diag *);

/* Reads figures and item codes among out->v[first..] again, alone. */
void ocr_engine_reread(
    struct ocr_engine *, struct ocr_words *out, size_t first);

void ocr_engine_clear(struct ocr_engine *);

/* ---- prep.c, with the engine for orientation ---- */

/*
 * Runs the pre-processing steps on an 8-bit page; returns the image to
 * recognise (a new PIX) and fills `info`.  NULL on allocation failure.
 */
PIX *ocr_prep(PIX *gray, unsigned dpi, const struct ocr_prep_opts *,
    struct ocr_engine *, struct ocr_prep_info *info);
void ocr_prep_info_fini(struct ocr_prep_info *);

/* The clockwise turn (0, 90, 180, 270) that makes an 8-bit page
 * upright; `eng` (may be NULL) settles the cases Leptonica cannot. */
int ocr_prep_orientation(struct ocr_engine *, PIX *gray, unsigned dpi);

/* ---- fix.c: known confusions of the Vietnamese model ---- */

/*
 * Repairs `s` in place where the Vietnamese model is known to confuse
 * look-alike letters; returns the new length (never longer).
 */
size_t ocr_fix_word(char *s, size_t len);

/* ---- page.c: one page from pixels to words ---- */

/* Columns of a ruled table read one by one; more is not an appendix. */
#define OCR_TABLE_COLS_MAX 40

/* Everything recognised on one page, independent of any arena. */
struct ocr_page_result {
	struct ocr_words words;
	struct ocr_rule *rules;
	size_t nrules;
	unsigned dpi;           /* of the prepared image */
	unsigned width, height; /* of the prepared image, pixels */
	int rotation;
	float confidence;  /* mean word confidence, -1 without words */
	int psm;           /* the mode used; 6 for a table read by columns */
	unsigned ncolumns; /* columns of the ruled table read one by one */
};

void ocr_page_result_fini(struct ocr_page_result *);

/* Runs pre-processing and recognition on one decoded page. */
enum err ocr_page_run(struct ocr_engine *, const struct ocr_opts *, PIX *gray,
    unsigned dpi, struct ocr_page_result *, struct diag *);
/* The same with chosen pre-processing steps (NULL for the default). */
enum err ocr_page_run_with(struct ocr_engine *, const struct ocr_opts *,
    const struct ocr_prep_opts *, PIX *gray, unsigned dpi,
    struct ocr_page_result *, struct diag *);

/* Adds the blocks of one recognised page to `d` as page `page`. */
enum err ocr_page_to_doc(const struct ocr_page_result *, unsigned page,
    struct doc *d, const struct limits *, struct diag *);

#endif
