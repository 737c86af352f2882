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
};

static pthread_once_t global_once = PTHREAD_ONCE_INIT;

static void
global_init_once(void)
{
	void (*set_levels)(int);

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
	*(void **)&set_levels = dlsym(RTLD_DEFAULT, "omp_set_max_active_levels");
	if (set_levels != NULL)
		set_levels(0);
}

/*
 * Process-wide set-up the OCR functions need; called by them, safe to
 * call again and from several threads.
 */
void
ocr_global_init(void)
{
	(void)pthread_once(&global_once, global_init_once);
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
ocr_engine_new(const struct ocr_opts *opts, struct ocr_engine **out,
    struct diag *diag)
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
	ok = TessBaseAPIDetectOrientationScript(e->osd, &deg, &conf, &script,
	    &sconf);
	TessBaseAPIClear(e->osd);
	/* Below about 2 the choice is a guess (Tesseract's own threshold
	 * for rotating with --psm 1 is similar). */
	if (!ok || conf < 2.0f)
		return -1;
	/* `deg` is the page's rotation counter-clockwise; undo it. */
	return (360 - deg) % 360;
}

static double
now_ms(void)
{
	struct timespec ts;

	(void)clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
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
collect_words(TessBaseAPI *api, struct ocr_words *out)
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
		    !TessPageIteratorBoundingBox(pit, RIL_WORD, &l, &t, &r,
			&b)) {
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
		w.x0 = l;
		w.y0 = t;
		w.x1 = r;
		w.y1 = b;
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
 * Recognises one page; see ocr_int.h.  The deadline runs through
 * Tesseract's progress monitor, which checks it between words.
 */
enum err
ocr_engine_recognize(struct ocr_engine *e, PIX *pix, unsigned dpi, int psm,
    struct ocr_words *out, struct diag *diag)
{
	ETEXT_DESC *mon = NULL;
	double t0 = now_ms();
	enum err err = ERR_OK;
	int rc;

	TessBaseAPISetImage2(e->api, pix);
	TessBaseAPISetSourceResolution(e->api, (int)dpi);
	TessBaseAPISetPageSegMode(e->api, (TessPageSegMode)psm);
	if (e->timeout_ms > 0) {
		mon = TessMonitorCreate();
		if (mon == NULL) {
			TessBaseAPIClear(e->api);
			return diag_set(diag, ERR_NOMEM, "ocr: out of memory");
		}
		TessMonitorSetDeadlineMSecs(mon,
		    e->timeout_ms > INT32_MAX ? INT32_MAX : (int)e->timeout_ms);
	}
	rc = TessBaseAPIRecognize(e->api, mon);
	if (rc != 0) {
		if (e->timeout_ms > 0 && now_ms() - t0 >= e->timeout_ms)
			err = diag_set(diag, ERR_LIMIT,
			    "recognition took longer than the limit of %u ms",
			    e->timeout_ms);
		else
			err = diag_set(diag, ERR_INTERNAL,
			    "Tesseract could not recognise the page");
	} else {
		err = collect_words(e->api, out);
		if (err != ERR_OK)
			(void)diag_set(diag, err, "ocr: out of memory");
	}
	TessMonitorDelete(mon);
	TessBaseAPIClear(e->api);
	return err;
}
