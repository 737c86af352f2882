/* SPDX-License-Identifier: MIT */
/*
 * One Tesseract instance (C API): model loading, orientation, and
 * recognition of a page into words with boxes and confidences.
 */
#include "ocr/ocr_int.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <tesseract/capi.h>
#include <time.h>

struct ocr_engine {
	TessBaseAPI *api;
	TessBaseAPI *osd; /* orientation model, NULL when not installed */
	unsigned timeout_ms;
	PIX *pix; /* the page being read, borrowed */
	unsigned dpi;
	double t0; /* when it was set, for the deadline */
};

static double
now_ms(void)
{
	struct timespec ts;

	(void)clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static pthread_once_t global_once = PTHREAD_ONCE_INIT;
static void (*omp_set_levels)(int);

static void
global_init_once(void)
{
	setMsgSeverity(L_SEVERITY_NONE);
	/*
	 * Debian's Tesseract is built with OpenMP and runs parts of the
	 * LSTM on 4 threads.  On a loaded machine those threads spin and
	 * one page takes several times longer (measured: 5.7 s instead of
	 * 1.1 s), and our own workers already use the cores.  libgomp reads
	 * OMP_THREAD_LIMIT when it is loaded, too early for us to set it, but
	 * a maximum of 0 active parallel levels makes every parallel region
	 * run on its calling thread.  Looked up at run time so a Tesseract
	 * built without OpenMP needs nothing.
	 */
	*(void **)&omp_set_levels =
	    dlsym(RTLD_DEFAULT, "omp_set_max_active_levels");
}

/*
 * Process-wide set-up the OCR functions need, and the OpenMP setting of
 * the calling thread (libgomp keeps it per thread, so each worker thread
 * calls this too); safe to call again and from several threads.
 */
void
ocr_global_init(void)
{
	(void)pthread_once(&global_once, global_init_once);
	if (omp_set_levels != NULL)
		omp_set_levels(0);
}

static TessBaseAPI *
api_new(const char *datapath, const char *lang, TessOcrEngineMode oem)
{
	TessBaseAPI *api = TessBaseAPICreate();

	if (api == NULL)
		return NULL;
	/* Tesseract reports on stderr; a library must not. */
	(void)TessBaseAPISetVariable(api, "debug_file", "/dev/null");
	if (TessBaseAPIInit2(api, datapath, lang, oem) != 0) {
		TessBaseAPIDelete(api);
		return NULL;
	}
	(void)TessBaseAPISetVariable(api, "debug_file", "/dev/null");
	return api;
}

/*
 * Loads the recognition model for opts->langs, and the orientation model
 * when it is installed (Debian: tesseract-ocr-osd, a dependency of
 * tesseract-ocr).
 */
enum err
ocr_engine_new(
    const struct ocr_opts *opts, struct ocr_engine **out, struct diag *diag)
{
	struct ocr_engine *e;
	const char *langs = opts->langs != NULL ? opts->langs : "vie";

	ocr_global_init();
	*out = NULL;
	e = calloc(1, sizeof *e);
	if (e == NULL)
		return diag_set(diag, ERR_NOMEM, "ocr: out of memory");
	e->api = api_new(opts->tessdata, langs, OEM_LSTM_ONLY);
	if (e->api == NULL) {
		free(e);
		return diag_set(diag, ERR_UNSUPPORTED,
		    "ocr: the Tesseract model \"%s\" is not installed%s%s "
		    "(Debian: apt-get install tesseract-ocr-vie)",
		    langs, opts->tessdata != NULL ? " in " : "",
		    opts->tessdata != NULL ? opts->tessdata : "");
	}
	/* The orientation model only exists for the legacy engine. */
	e->osd = api_new(opts->tessdata, "osd", OEM_TESSERACT_ONLY);
	e->timeout_ms = opts->page_timeout_ms;
	*out = e;
	return ERR_OK;
}

void
ocr_engine_free(struct ocr_engine *e)
{
	if (e == NULL)
		return;
	if (e->api != NULL) {
		TessBaseAPIEnd(e->api);
		TessBaseAPIDelete(e->api);
	}
	if (e->osd != NULL) {
		TessBaseAPIEnd(e->osd);
		TessBaseAPIDelete(e->osd);
	}
	free(e);
}

/*
 * Orientation from Tesseract's OSD model: the clockwise rotation that
 * makes the page upright, or -1 when the model is missing or unsure.
 */
int
ocr_engine_orientation(struct ocr_engine *e, PIX *gray, unsigned dpi)
{
	int deg = 0;
	float conf = 0, sconf = 0;
	const char *script = NULL;
	BOOL ok;

	if (e->osd == NULL)
		return -1;
	TessBaseAPISetImage2(e->osd, gray);
	TessBaseAPISetSourceResolution(e->osd, (int)dpi);
	ok = TessBaseAPIDetectOrientationScript(
	    e->osd, &deg, &conf, &script, &sconf);
	TessBaseAPIClear(e->osd);
	/* Below about 2 the choice is a guess (Tesseract's own threshold
	 * for rotating with --psm 1 is similar). */
	if (!ok || conf < 2.0f)
		return -1;
	/* `deg` is the page's rotation counter-clockwise; undo it. */
	return (360 - deg) % 360;
}

void
ocr_words_free(struct ocr_words *w)
{
	size_t i;

	for (i = 0; i < w->n; i++)
		free(w->v[i].text);
	free(w->v);
	w->v = NULL;
	w->n = w->cap = 0;
}

static bool
is_blank(const char *s)
{
	for (; *s != '\0'; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return false;
	return true;
}

static enum err
push_word(struct ocr_words *w, const struct ocr_word *word)
{
	if (w->n == w->cap) {
		size_t cap = w->cap != 0 ? w->cap * 2 : 256;
		struct ocr_word *v;

		if (cap > SIZE_MAX / sizeof *v)
			return ERR_NOMEM;
		v = realloc(w->v, cap * sizeof *v);
		if (v == NULL)
			return ERR_NOMEM;
		w->v = v;
		w->cap = cap;
	}
	w->v[w->n++] = *word;
	return ERR_OK;
}

static enum err
collect_words(TessBaseAPI *api, int dx, int dy, struct ocr_words *out)
{
	TessResultIterator *it = TessBaseAPIGetIterator(api);
	TessPageIterator *pit;
	unsigned line = 0, para = 0;
	bool first = true;
	enum err e = ERR_OK;

	if (it == NULL)
		return ERR_OK; /* an empty page */
	pit = TessResultIteratorGetPageIterator(it);
	do {
		struct ocr_word w;
		BOOL bold = 0, italic, under, mono, serif, smallcaps;
		int pointsize = 0, font_id, l, t, r, b;
		char *text;

		if (!first) {
			if (TessPageIteratorIsAtBeginningOf(pit, RIL_PARA))
				para++;
			if (TessPageIteratorIsAtBeginningOf(pit, RIL_TEXTLINE))
				line++;
		}
		text = TessResultIteratorGetUTF8Text(it, RIL_WORD);
		if (text == NULL)
			continue;
		first = false;
		if (is_blank(text) ||
		    !TessPageIteratorBoundingBox(
			pit, RIL_WORD, &l, &t, &r, &b)) {
			TessDeleteText(text);
			continue;
		}
		memset(&w, 0, sizeof w);
		w.len = strlen(text);
		w.text = malloc(w.len + 1);
		if (w.text == NULL) {
			TessDeleteText(text);
			e = ERR_NOMEM;
			break;
		}
		memcpy(w.text, text, w.len + 1);
		TessDeleteText(text);
		w.len = ocr_fix_word(w.text, w.len);
		w.x0 = l + dx;
		w.y0 = t + dy;
		w.x1 = r + dx;
		w.y1 = b + dy;
		w.confidence =
		    TessResultIteratorConfidence(it, RIL_WORD) / 100.0f;
		if (w.confidence < 0)
			w.confidence = 0;
		if (w.confidence > 1)
			w.confidence = 1;
		w.line = line;
		w.para = para;

		(void)TessResultIteratorWordFontAttributes(it, &bold, &italic,
		    &under, &mono, &serif, &smallcaps, &pointsize, &font_id);
		w.bold = bold != 0;
		w.font_pt = pointsize > 0 ? (float)pointsize : 0;
		e = push_word(out, &w);
		if (e != ERR_OK) {
			free(w.text);
			break;
		}
	} while (TessResultIteratorNext(it, RIL_WORD));
	TessResultIteratorDelete(it);
	return e;
}

/*
 * Figures and item codes ("1.2.", "2.4.", "7.972", "99,75%"): digits
 * with only separators and signs around them, as recognised (so also
 * "12" or "24," where the dots were lost).
 */
static bool
is_figure(const char *s, size_t len)
{
	size_t i, ndigit = 0;

	if (len == 0 || len > 16)
		return false;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= '0' && c <= '9')
			ndigit++;
		else if (strchr(".,:;%/-()", c) == NULL)
			return false;
	}
	return ndigit > 0;
}

static char *
trim_copy(const char *s)
{
	size_t a = 0, b = strlen(s);
	char *t;

	while (a < b && (s[a] == ' ' || s[a] == '\n'))
		a++;
	while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\n'))
		b--;
	t = malloc(b - a + 1);
	if (t != NULL) {
		memcpy(t, s + a, b - a);
		t[b - a] = '\0';
	}
	return t;
}

/*
 * Reads each figure again on its own, as one line cut from the page
 * with a margin.  On a table row the recogniser scales the whole line
 * to one height, and the dots of an item code next to a long label are
 * easily lost ("1.2." read as "12", "2.4." as "24,"); alone, the same
 * pixels read right.  The new reading replaces the old one only when it
 * is a figure too and the recogniser is at least as sure of it.
 */
static void
reread_figures(
    struct ocr_engine *e, PIX *pix, struct ocr_words *out, size_t first)
{
	int pw = pixGetWidth(pix), ph = pixGetHeight(pix);
	size_t i;

	for (i = first; i < out->n; i++) {
		struct ocr_word *w = &out->v[i];
		int h = w->y1 - w->y0 + 1, pad = h / 3;
		int x0 = w->x0 - pad, y0 = w->y0 - pad;
		int x1 = w->x1 + pad, y1 = w->y1 + pad;
		char *text, *t;
		BOX *box;
		PIX *crop;
		float conf;

		if (!is_figure(w->text, w->len))
			continue;
		x0 = x0 < 0 ? 0 : x0;
		y0 = y0 < 0 ? 0 : y0;
		x1 = x1 >= pw ? pw - 1 : x1;
		y1 = y1 >= ph ? ph - 1 : y1;
		box = boxCreate(x0, y0, x1 - x0 + 1, y1 - y0 + 1);
		crop = box != NULL ? pixClipRectangle(pix, box, NULL) : NULL;
		boxDestroy(&box);
		if (crop == NULL)
			continue;
		TessBaseAPISetImage2(e->api, crop);
		TessBaseAPISetSourceResolution(e->api, (int)e->dpi);
		TessBaseAPISetPageSegMode(e->api, PSM_SINGLE_LINE);
		text = TessBaseAPIRecognize(e->api, NULL) == 0
		    ? TessBaseAPIGetUTF8Text(e->api)
		    : NULL;
		conf = (float)TessBaseAPIMeanTextConf(e->api) / 100.0f;
		TessBaseAPIClear(e->api);
		pixDestroy(&crop);
		if (text == NULL)
			continue;
		t = trim_copy(text);
		TessDeleteText(text);
		if (t != NULL && is_figure(t, strlen(t)) &&
		    strcmp(t, w->text) != 0 && conf >= w->confidence) {
			free(w->text);
			w->text = t;
			w->len = strlen(t);
			w->confidence = conf;
			t = NULL;
		}
		free(t);
	}
}

/*
 * Gives the engine the page to read; regions are then read with
 * ocr_engine_read().  The page deadline starts now.
 */
void
ocr_engine_set_page(struct ocr_engine *e, PIX *pix, unsigned dpi)
{
	e->pix = pix;
	e->dpi = dpi;
	e->t0 = now_ms();
}

/*
 * Recognises one region of the page given to ocr_engine_set_page() (the
 * whole page when `r` is NULL) with segmentation mode `psm`, and appends
 * its words to `out` in page coordinates.  A region is cut out and read
 * as an image of its own: TessBaseAPISetRectangle() hands the LSTM
 * recogniser lines from the wrong place of the page (Tesseract issue
 * 845; seen here as a table's last row read inside the title above it).
 * The deadline runs through Tesseract's progress monitor, which checks
 * it between words.
 */
enum err
ocr_engine_read(struct ocr_engine *e, const struct ocr_rect *r, int psm,
    struct ocr_words *out, struct diag *diag)
{
	ETEXT_DESC *mon = NULL;
	enum err err = ERR_OK;
	size_t first = out->n;
	unsigned line0 = 0, para0 = 0;
	PIX *crop = NULL;
	int rc;

	if (out->n > 0) {
		line0 = out->v[out->n - 1].line + 1;
		para0 = out->v[out->n - 1].para + 1;
	}
	if (r != NULL) {
		BOX *box = boxCreate(r->x, r->y, r->w, r->h);

		crop = box != NULL ? pixClipRectangle(e->pix, box, NULL) : NULL;
		boxDestroy(&box);
		if (crop == NULL)
			return diag_set(diag, ERR_NOMEM, "ocr: out of memory");
	}
	TessBaseAPISetImage2(e->api, crop != NULL ? crop : e->pix);
	TessBaseAPISetSourceResolution(e->api, (int)e->dpi);
	TessBaseAPISetPageSegMode(e->api, (TessPageSegMode)psm);
	if (e->timeout_ms > 0) {
		double left = e->timeout_ms - (now_ms() - e->t0);

		if (left < 1)
			err = diag_set(diag, ERR_LIMIT,
			    "recognition took longer than the limit of %u ms",
			    e->timeout_ms);
		else if ((mon = TessMonitorCreate()) == NULL)
			err = diag_set(diag, ERR_NOMEM, "ocr: out of memory");
		else
			TessMonitorSetDeadlineMSecs(mon, (int)left);
	}
	if (err == ERR_OK) {
		rc = TessBaseAPIRecognize(e->api, mon);
		if (rc != 0 && e->timeout_ms > 0 &&
		    now_ms() - e->t0 >= e->timeout_ms)
			err = diag_set(diag, ERR_LIMIT,
			    "recognition took longer than the limit of %u ms",
			    e->timeout_ms);
		else if (rc != 0)
			err = diag_set(diag, ERR_INTERNAL,
			    "Tesseract could not recognise the page");
	}
	if (err == ERR_OK) {
		err = collect_words(
		    e->api, r != NULL ? r->x : 0, r != NULL ? r->y : 0, out);
		if (err != ERR_OK)
			(void)diag_set(diag, err, "ocr: out of memory");
	}
	TessMonitorDelete(mon);
	TessBaseAPIClear(e->api);
	pixDestroy(&crop);
	for (; err == ERR_OK && first < out->n; first++) {
		out->v[first].line += line0;
		out->v[first].para += para0;
	}
	return err;
}

/* Re-reads the figures among words[first..]; see reread_figures(). */
void
ocr_engine_reread(struct ocr_engine *e, struct ocr_words *out, size_t first)
{
	reread_figures(e, e->pix, out, first);
}

/* Forgets the page (its image stays the caller's). */
void
ocr_engine_clear(struct ocr_engine *e)
{
	TessBaseAPIClear(e->api);
	e->pix = NULL;
}
