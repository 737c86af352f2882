/* SPDX-License-Identifier: MIT */
/*
 * PDF to the document model through poppler-glib, from memory only.
 *
 * Format notes: Poppler 22.12 (Debian 12) reads the file; we take, per
 * page, its size, the text layer as characters with boxes
 * (poppler_page_get_text + get_text_layout, one box per character) and
 * font runs (get_text_attributes).  Characters become words at spaces and
 * at jumps in position; a word in a legacy Vietnamese font (.VnTime,
 * VNI-Times) is decoded to Unicode.  Ruling lines come from a 72 dpi
 * rendering (poppler-glib has no path API) and only on pages whose text
 * looks tabular.  A page is sent to OCR when it has no text but has ink,
 * when its text is garbage (mis-mapped fonts, U+FFFD, private use), or
 * when its only text is a signing banner.  Encrypted files open when
 * Poppler can open them without a password.  Poppler's own warnings go
 * to stderr (its GLib interface cannot silence them).
 */
#include "parsers/pdf.h"

#include <cairo.h>
#include <glib.h>
#include <math.h>
#include <poppler.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "layout/layout.h"
#include "parsers/legacy_vn.h"
#include "parsers/pdf_int.h"

/* Rendering scale for finding ruling lines (pixels per point). */
#define RULES_SCALE 1.0
/* Rendering scale for measuring ink on pages with little text. */
#define INK_SCALE 0.25
/* Below this many characters a page's ink is compared with its text. */
#define SPARSE_CHARS 200
/* Share of the page outside the text that must be ink for a sparse page
 * to count as an image of text. */
#define INK_IMAGE 0.02
/* A page with no text and less ink than this is blank. */
#define INK_BLANK 0.002
/* Pixels of the renderings used for ruling lines and ink, at most: a
 * large page is rendered at a lower scale rather than in full (A3 at
 * 72 dpi is 1.2 Mpx). */
#define ANALYSIS_PIXELS_MAX (4.0 * 1024 * 1024)
/* Rows rendered per band when converting a page to grey, at most. */
#define RENDER_BAND_PIXELS (16u << 20)

struct pdf {
	PopplerDocument *doc;
	GBytes *bytes;
	const struct limits *lim;
	unsigned npages;
	GMutex lock; /* Poppler renders one page of a document at a time */
	unsigned *ocr;
	size_t nocr;
	char **notes; /* per page, g_malloc'ed, NULL when text was used */
	/* The page read last looked tabular: the next one is rendered
	 * before its text is asked for (read_page). */
	bool last_tabular;
};

/* ------------------------------------------------------------------ */
/* Opening                                                              */

/* Contract in pdf.h: opens `data` (not copied) through Poppler without a
 * password; refuses protected, empty and over-limit files. */
enum err
pdf_open(const uint8_t *data, size_t len, const struct limits *lim,
    struct pdf **out, struct diag *diag)
{
	struct pdf *p;
	GError *gerr = NULL;
	int n;

	*out = NULL;
	if (len > lim->input_max)
		return diag_set(diag, ERR_LIMIT,
		    "the PDF is %zu bytes, limit %zu", len, lim->input_max);
	if (len < 8 || len > G_MAXINT)
		return diag_set(
		    diag, ERR_MALFORMED, "the file is too short to be a PDF");
	p = calloc(1, sizeof *p);
	if (p == NULL)
		return diag_set(diag, ERR_NOMEM, "out of memory");
	p->lim = lim;
	g_mutex_init(&p->lock);
	p->bytes = g_bytes_new_static(data, len);
	p->doc = poppler_document_new_from_bytes(p->bytes, NULL, &gerr);
	if (p->doc == NULL) {
		enum err e;

		if (gerr != NULL && gerr->domain == POPPLER_ERROR &&
		    gerr->code == POPPLER_ERROR_ENCRYPTED)
			e = diag_set(diag, ERR_UNSUPPORTED,
			    "the PDF is protected by a password; send an "
			    "unprotected copy");
		else
			e = diag_set(diag, ERR_MALFORMED,
			    "the PDF cannot be read (%s)",
			    gerr != NULL ? gerr->message : "unknown error");
		g_clear_error(&gerr);
		pdf_free(p);
		return e;
	}
	n = poppler_document_get_n_pages(p->doc);
	if (n <= 0) {
		pdf_free(p);
		return diag_set(diag, ERR_MALFORMED,
		    "the PDF has no pages that can be read");
	}
	if ((unsigned)n > lim->pages_max) {
		pdf_free(p);
		return diag_set(diag, ERR_LIMIT,
		    "the PDF has %d pages, limit %u", n, lim->pages_max);
	}
	p->npages = (unsigned)n;
	p->notes = calloc(p->npages, sizeof *p->notes);
	p->ocr = calloc(p->npages, sizeof *p->ocr);
	if (p->notes == NULL || p->ocr == NULL) {
		pdf_free(p);
		return diag_set(diag, ERR_NOMEM, "out of memory");
	}
	*out = p;
	return ERR_OK;
}

/* Closes the document and frees the notes; NULL is a no-op. */
void
pdf_free(struct pdf *p)
{
	unsigned i;

	if (p == NULL)
		return;
	if (p->doc != NULL)
		g_object_unref(p->doc);
	if (p->bytes != NULL)
		g_bytes_unref(p->bytes);
	if (p->notes != NULL)
		for (i = 0; i < p->npages; i++)
			g_free(p->notes[i]);
	free(p->notes);
	free(p->ocr);
	g_mutex_clear(&p->lock);
	free(p);
}

/* Page count, within lim->pages_max. */
unsigned
pdf_npages(const struct pdf *p)
{
	return p->npages;
}

/* After pdf_extract(): pages needing OCR, ascending; owned by `p`. */
size_t
pdf_ocr_pages(const struct pdf *p, const unsigned **pages)
{
	*pages = p->ocr;
	return p->nocr;
}

/* Why page n went to OCR (or was blank or unreadable); NULL when its
 * text layer was used.  Owned by `p`. */
const char *
pdf_page_note(const struct pdf *p, unsigned n)
{
	if (n == 0 || n > p->npages)
		return NULL;
	return p->notes[n - 1];
}

/* ------------------------------------------------------------------ */
/* Rendering                                                            */

static bool
page_size_ok(const struct limits *lim, double w, double h)
{
	return isfinite(w) && isfinite(h) && w > 0 && h > 0 &&
	    w <= lim->page_side_max_pt && h <= lim->page_side_max_pt;
}

/*
 * Renders `page` at `scale` pixels per point into a malloc'ed grey
 * buffer, in bands so the RGB surface stays small.  The caller holds the
 * lock.  Sizes are checked before allocating.
 */
/* `scale`, lowered so a rendering of the page stays within
 * ANALYSIS_PIXELS_MAX. */
static double
analysis_scale(PopplerPage *page, double scale)
{
	double pw, ph;

	poppler_page_get_size(page, &pw, &ph);
	if (pw > 0 && ph > 0 && pw * ph * scale * scale > ANALYSIS_PIXELS_MAX)
		scale = sqrt(ANALYSIS_PIXELS_MAX / (pw * ph));
	return scale;
}

static enum err
render_gray(const struct limits *lim, PopplerPage *page, double scale,
    bool exact, uint8_t **out, unsigned *ow, unsigned *oh, size_t *ostride,
    struct diag *diag)
{
	double pw, ph, fw, fh;
	unsigned w, h, band, y0;
	uint8_t *gray;

	*out = NULL;
	poppler_page_get_size(page, &pw, &ph);
	if (!page_size_ok(lim, pw, ph))
		return diag_set(diag, ERR_LIMIT,
		    "the page measures %.0f x %.0f pt, limit %.0f pt a side",
		    pw, ph, lim->page_side_max_pt);
	fw = ceil(pw * scale);
	fh = ceil(ph * scale);
	if (fw < 1 || fh < 1 || fw > lim->image_side_max_px ||
	    fh > lim->image_side_max_px ||
	    fw * fh > (double)lim->image_pixels_max)
		return diag_set(diag, ERR_LIMIT,
		    "the page image would be %.0f x %.0f pixels, limit %u a "
		    "side and %llu in all",
		    fw, fh, lim->image_side_max_px,
		    (unsigned long long)lim->image_pixels_max);
	w = (unsigned)fw;
	h = (unsigned)fh;
	gray = malloc((size_t)w * h);
	if (gray == NULL)
		return diag_set(
		    diag, ERR_NOMEM, "out of memory rendering a page");
	band = RENDER_BAND_PIXELS / w;
	if (band == 0)
		band = 1;
	if (band > h)
		band = h;
	for (y0 = 0; y0 < h; y0 += band) {
		unsigned bh = h - y0 < band ? h - y0 : band, x, y;
		cairo_surface_t *sf;
		cairo_t *cr;
		const unsigned char *px;
		int st;

		sf = cairo_image_surface_create(
		    CAIRO_FORMAT_RGB24, (int)w, (int)bh);
		if (cairo_surface_status(sf) != CAIRO_STATUS_SUCCESS) {
			cairo_surface_destroy(sf);
			free(gray);
			return diag_set(
			    diag, ERR_NOMEM, "out of memory rendering a page");
		}
		cr = cairo_create(sf);
		cairo_set_source_rgb(cr, 1, 1, 1);
		cairo_paint(cr);
		cairo_translate(cr, 0, -(double)y0);
		cairo_scale(cr, scale, scale);
		poppler_page_render(page, cr);
		cairo_destroy(cr);
		cairo_surface_flush(sf);
		px = cairo_image_surface_get_data(sf);
		st = cairo_image_surface_get_stride(sf);
		for (y = 0; y < bh; y++) {
			const uint32_t *row =
			    (const uint32_t *)(const void *)(px +
				(size_t)y * (size_t)st);
			uint8_t *dst = gray + (size_t)(y0 + y) * w;

			/* Luminance for OCR; for finding ink, the green
			 * channel (most of it) is enough and cheaper. */
			if (exact)
				for (x = 0; x < w; x++) {
					uint32_t v = row[x];

					dst[x] =
					    (uint8_t)((((v >> 16) & 0xff) * 77 +
							  ((v >> 8) & 0xff) *
							      150 +
							  (v & 0xff) * 29) >>
						8);
				}
			else
				for (x = 0; x < w; x++)
					dst[x] = (uint8_t)(row[x] >> 8);
		}
		cairo_surface_destroy(sf);
	}
	*out = gray;
	*ow = w;
	*oh = h;
	*ostride = w;
	return ERR_OK;
}

/* Contract in pdf.h: page n at `dpi` in 8-bit grey, malloc'ed, sizes
 * checked before allocating, rendering serialised by the handle's lock. */
enum err
pdf_render_page_gray(struct pdf *p, unsigned n, unsigned dpi, uint8_t **gray,
    unsigned *width, unsigned *height, size_t *stride, struct diag *diag)
{
	PopplerPage *page;
	enum err e;

	*gray = NULL;
	if (n == 0 || n > p->npages)
		return diag_set(diag, ERR_INTERNAL, "no page %u to render", n);
	if (dpi == 0 || dpi > 1200)
		return diag_set(
		    diag, ERR_INTERNAL, "cannot render at %u dpi", dpi);
	g_mutex_lock(&p->lock);
	page = poppler_document_get_page(p->doc, (int)n - 1);
	if (page == NULL) {
		g_mutex_unlock(&p->lock);
		return diag_set(diag, ERR_MALFORMED,
		    "page %u of the PDF cannot be read", n);
	}
	e = render_gray(
	    p->lim, page, dpi / 72.0, true, gray, width, height, stride, diag);
	g_object_unref(page);
	g_mutex_unlock(&p->lock);
	if (e != ERR_OK && diag->msg[0] != '\0' && e == ERR_LIMIT) {
		char tmp[DIAG_MSG_MAX];

		g_strlcpy(tmp, diag->msg, sizeof tmp);
		(void)g_snprintf(
		    diag->msg, sizeof diag->msg, "page %u: %s", n, tmp);
	}
	return e;
}

/* ------------------------------------------------------------------ */
/* Text layer                                                           */

/* A word: byte range of its final text in the page's text buffer. */
struct pword {
	size_t off, len;
	struct doc_box box;
	double size;
	bool bold;
	bool drop;
};

/* A stretch of a word in one encoding: raw bytes in the raw buffer. */
struct prun {
	size_t off, len;
	enum legacy_vn_kind kind;
};

struct page_words {
	struct buf text; /* the words' final text, back to back */
	struct pword *w;
	size_t n, cap;
	/* While collecting: each word's runs, raw. */
	GString *raw;
	struct prun *runs;
	size_t nruns, runs_cap;
	size_t *first_run; /* per word */
	size_t first_cap;
};

static bool
font_is_bold(const char *name)
{
	static const char *const marks[] = { "bold", "black", "heavy", "demi",
		"semibold" };
	gchar *low;
	size_t i;
	bool bold = false;

	if (name == NULL)
		return false;
	low = g_ascii_strdown(name, -1);
	for (i = 0; i < G_N_ELEMENTS(marks) && !bold; i++)
		bold = strstr(low, marks[i]) != NULL;
	g_free(low);
	return bold;
}

static int
words_push(struct page_words *pw, const struct pword *w)
{
	if (pw->n == pw->cap) {
		size_t cap = pw->cap ? pw->cap * 2 : 256;
		struct pword *nw = realloc(pw->w, cap * sizeof *nw);
		size_t *nf;

		if (nw == NULL)
			return -1;
		pw->w = nw;
		pw->cap = cap;
		if (pw->first_cap > cap)
			goto push;
		nf = realloc(pw->first_run, (cap + 1) * sizeof *nf);
		if (nf == NULL)
			return -1;
		pw->first_run = nf;
		pw->first_cap = cap + 1;
	}
push:
	pw->w[pw->n++] = *w;
	return 0;
}

static int
runs_push(struct page_words *pw, size_t off, enum legacy_vn_kind kind)
{
	if (pw->nruns == pw->runs_cap) {
		size_t cap = pw->runs_cap ? pw->runs_cap * 2 : 256;
		struct prun *nr = realloc(pw->runs, cap * sizeof *nr);

		if (nr == NULL)
			return -1;
		pw->runs = nr;
		pw->runs_cap = cap;
	}
	pw->runs[pw->nruns].off = off;
	pw->runs[pw->nruns].len = 0;
	pw->runs[pw->nruns].kind = kind;
	pw->nruns++;
	return 0;
}

static bool
is_break_char(gunichar c)
{
	return g_unichar_isspace(c) || c == 0x00A0 || c == 0x200B;
}

/*
 * The one place legacy-font text becomes Unicode.  Whether a font's
 * text is decoded is decided once per page and encoding, over all of
 * that font's words together (legacy_vn_fix() keeps the text when
 * decoding would not make better Vietnamese of it: a font name may
 * lie); a single word ("víi", which looks like Latin-1) is too little to
 * judge.  Each word is then built from its runs.
 */
static enum err
decode_words(struct page_words *pw, struct diag *dg)
{
	bool decode[4] = { false, false, false, false };
	struct buf scratch;
	size_t i, r;
	int k;

	for (k = LEGACY_VN_TCVN3; k <= LEGACY_VN_VNI; k++) {
		GString *all = g_string_new(NULL);

		for (r = 0; r < pw->nruns; r++)
			if ((int)pw->runs[r].kind == k) {
				g_string_append_len(all,
				    pw->raw->str + pw->runs[r].off,
				    (gssize)pw->runs[r].len);
				g_string_append_c(all, ' ');
			}
		if (all->len > 0) {
			buf_init(&scratch, 0);
			if (legacy_vn_fix((enum legacy_vn_kind)k, all->str,
				all->len, &scratch, &decode[k]) != ERR_OK)
				decode[k] = false;
			buf_fini(&scratch);
		}
		g_string_free(all, TRUE);
	}
	for (i = 0; i < pw->n; i++) {
		size_t end = pw->first_run[i + 1];

		pw->w[i].off = pw->text.len;
		for (r = pw->first_run[i]; r < end; r++) {
			const struct prun *run = &pw->runs[r];
			const char *t = pw->raw->str + run->off;

			if (run->kind != LEGACY_VN_NONE && decode[run->kind]) {
				if (legacy_vn_decode(run->kind, t, run->len,
					&pw->text) != ERR_OK)
					(void)buf_append(
					    &pw->text, t, run->len);
			} else
				(void)buf_append(&pw->text, t, run->len);
		}
		pw->w[i].len = pw->text.len - pw->w[i].off;
	}
	if (pw->text.overflow)
		return diag_set(dg, ERR_LIMIT, "more text than the limit");
	return ERR_OK;
}

/*
 * Characters to words.  `text` has one character per rectangle.  A word
 * ends at a space or where the next character does not follow on the
 * same line; a change of font encoding inside a word starts a new run
 * ("Ngu" in .VnTime, "ồ" in Arial, "n" in .VnTime).
 */
static enum err
collect_words(const char *text, const PopplerRectangle *rects, guint nrects,
    GList *attrs, struct page_words *pw, size_t words_max, struct diag *dg)
{
	const char *p = text;
	guint i;
	GList *al = attrs;
	bool in_word = false;
	struct pword cur;
	struct doc_box prev;
	enum legacy_vn_kind kind = LEGACY_VN_NONE, ck;
	const PopplerTextAttributes *a = NULL, *bold_attr = NULL;
	const char *last_font = NULL;
	bool bold = false;
	enum err e = ERR_OK;

	memset(&cur, 0, sizeof cur);
	memset(&prev, 0, sizeof prev);
	pw->raw = g_string_new(NULL);
	/* first_run has one slot more than the words array, from the
	 * start: a word records its first run before it is pushed. */
	pw->first_run = malloc(257 * sizeof *pw->first_run);
	if (pw->first_run == NULL)
		return diag_set(dg, ERR_NOMEM, "out of memory");
	pw->first_cap = 257;
	for (i = 0; i <= nrects; i++) {
		gunichar c = 0;
		const char *next = p;
		bool brk;
		struct doc_box b = { 0, 0, 0, 0 };

		if (i < nrects && *p != '\0') {
			c = g_utf8_get_char_validated(p, -1);
			if (c == (gunichar)-1 || c == (gunichar)-2) {
				c = 0xFFFD;
				next = p + 1;
			} else
				next = p + g_utf8_skip[*(const guchar *)p];
			b.x0 = fmin(rects[i].x1, rects[i].x2);
			b.x1 = fmax(rects[i].x1, rects[i].x2);
			b.y0 = fmin(rects[i].y1, rects[i].y2);
			b.y1 = fmax(rects[i].y1, rects[i].y2);
			while (al != NULL &&
			    ((PopplerTextAttributes *)al->data)->end_index <
				(gint)i)
				al = al->next;
			a = al != NULL &&
				((PopplerTextAttributes *)al->data)
					->start_index <= (gint)i
			    ? al->data
			    : NULL;
		} else
			c = ' ';
		if (a == NULL || a->font_name == NULL)
			ck = LEGACY_VN_NONE;
		else if (a->font_name == last_font)
			ck = kind;
		else
			ck = legacy_vn_kind_for_font(
			    a->font_name, strlen(a->font_name));
		last_font = a != NULL ? a->font_name : NULL;
		brk = is_break_char(c);
		if (in_word && !brk) {
			double hgt = prev.y1 - prev.y0;
			double cy = (b.y0 + b.y1) / 2,
			       py = (prev.y0 + prev.y1) / 2;
			double em = cur.size > 0 ? cur.size : hgt * 0.77;

			/* A jump back, to another line, or a gap as wide as
			 * a space: a new word even where Poppler put no space
			 * (it misses some in narrow table cells). */
			if (b.x0 < prev.x0 - 0.5 * hgt ||
			    fabs(cy - py) > 0.5 * hgt ||
			    b.x0 - prev.x1 > 0.2 * em)
				brk = true;
		}
		if (brk && in_word) {
			if (pw->n >= words_max) {
				e = diag_set(dg, ERR_LIMIT,
				    "more than %zu words", words_max);
				break;
			}
			if (words_push(pw, &cur) != 0) {
				e = diag_set(dg, ERR_NOMEM, "out of memory");
				break;
			}
			in_word = false;
		}
		if (i == nrects || *p == '\0')
			break;
		if (!is_break_char(c)) {
			if (!in_word) {
				in_word = true;
				cur.box = b;
				cur.size = a != NULL ? a->font_size : 0;
				if (a != bold_attr) {
					bold_attr = a;
					bold = a != NULL &&
					    font_is_bold(a->font_name);
				}
				cur.bold = bold;
				cur.drop = false;
				pw->first_run[pw->n] = pw->nruns;
				if (runs_push(pw, pw->raw->len, ck) != 0) {
					e = diag_set(
					    dg, ERR_NOMEM, "out of memory");
					break;
				}
			} else {
				cur.box.x0 = fmin(cur.box.x0, b.x0);
				cur.box.y0 = fmin(cur.box.y0, b.y0);
				cur.box.x1 = fmax(cur.box.x1, b.x1);
				cur.box.y1 = fmax(cur.box.y1, b.y1);
				if (ck != kind &&
				    runs_push(pw, pw->raw->len, ck) != 0) {
					e = diag_set(
					    dg, ERR_NOMEM, "out of memory");
					break;
				}
			}
			kind = ck;
			if (c == 0xFFFD && next == p + 1)
				g_string_append(pw->raw, "\xef\xbf\xbd");
			else
				g_string_append_len(pw->raw, p, next - p);
			pw->runs[pw->nruns - 1].len =
			    pw->raw->len - pw->runs[pw->nruns - 1].off;
			prev = b;
		}
		p = next;
	}
	if (e == ERR_OK)
		pw->first_run[pw->n] = pw->nruns;
	if (e == ERR_OK)
		e = decode_words(pw, dg);
	return e;
}

static void
page_words_fini(struct page_words *pw)
{
	free(pw->w);
	free(pw->runs);
	free(pw->first_run);
	if (pw->raw != NULL)
		g_string_free(pw->raw, TRUE);
	buf_fini(&pw->text);
}

/*
 * Signing tools draw their banner ("Cơ quan phát hành: ...", "Ký bởi:
 * ...") as the appearance of a signature field's widget.  Those widgets
 * are hidden in the in-memory document, so no rendering (ruling lines,
 * ink, the page image OCR reads) shows the banner as page content.
 */
static void
hide_signature_widgets(PopplerPage *page)
{
	GList *fields = poppler_page_get_form_field_mapping(page), *l, *m;
	GList *annots = NULL;

	for (l = fields; l != NULL; l = l->next) {
		PopplerFormFieldMapping *f = l->data;

		if (poppler_form_field_get_field_type(f->field) !=
		    POPPLER_FORM_FIELD_SIGNATURE)
			continue;
		if (annots == NULL)
			annots = poppler_page_get_annot_mapping(page);
		for (m = annots; m != NULL; m = m->next) {
			PopplerAnnotMapping *am = m->data;

			if (poppler_annot_get_annot_type(am->annot) !=
				POPPLER_ANNOT_WIDGET ||
			    fabs(am->area.x1 - f->area.x1) > 0.5 ||
			    fabs(am->area.y1 - f->area.y1) > 0.5 ||
			    fabs(am->area.x2 - f->area.x2) > 0.5 ||
			    fabs(am->area.y2 - f->area.y2) > 0.5)
				continue;
			poppler_annot_set_flags(am->annot,
			    poppler_annot_get_flags(am->annot) |
				POPPLER_ANNOT_FLAG_HIDDEN);
		}
	}
	if (annots != NULL)
		poppler_page_free_annot_mapping(annots);
	poppler_page_free_form_field_mapping(fields);
}

/* Words in the box of a signature field are the signing tool's, not the
 * document's. */
static void
drop_in_signature_fields(PopplerPage *page, double ph, struct page_words *pw)
{
	GList *fields = poppler_page_get_form_field_mapping(page), *l;
	size_t i;

	for (l = fields; l != NULL; l = l->next) {
		PopplerFormFieldMapping *m = l->data;
		double x0, x1, y0, y1;

		if (poppler_form_field_get_field_type(m->field) !=
		    POPPLER_FORM_FIELD_SIGNATURE)
			continue;
		/* Field areas are in PDF space, origin bottom left. */
		x0 = fmin(m->area.x1, m->area.x2);
		x1 = fmax(m->area.x1, m->area.x2);
		y0 = ph - fmax(m->area.y1, m->area.y2);
		y1 = ph - fmin(m->area.y1, m->area.y2);
		for (i = 0; i < pw->n; i++) {
			const struct doc_box *b = &pw->w[i].box;
			double cx = (b->x0 + b->x1) / 2,
			       cy = (b->y0 + b->y1) / 2;

			if (cx >= x0 && cx <= x1 && cy >= y0 && cy <= y1)
				pw->w[i].drop = true;
		}
	}
	poppler_page_free_form_field_mapping(fields);
}

struct yk {
	double y, x;
	size_t i;
};

static int
yk_cmp(const void *pa, const void *pb)
{
	const struct yk *a = pa, *b = pb;

	if (a->y != b->y)
		return a->y < b->y ? -1 : 1;
	if (a->x != b->x)
		return a->x < b->x ? -1 : 1;
	return (a->i > b->i) - (a->i < b->i);
}

/* Whether a word holds a digit. */
static bool
has_digit(const struct layout_word *w)
{
	size_t i;

	for (i = 0; i < w->len; i++)
		if (w->text[i] >= '0' && w->text[i] <= '9')
			return true;
	return false;
}

/*
 * Whether the words look like a table: two lines cut into three or more
 * pieces by gaps wider than an em, or four lines cut in two whose right
 * piece holds a figure.  Only then is the page rendered to find its
 * ruling lines, which costs twice what reading its text does; the
 * letterhead and the signature block (two pieces, no figures) do not
 * count.
 */
static bool
looks_tabular(const struct layout_word *w, size_t n)
{
	struct yk *k;
	size_t i, j, three = 0, two_num = 0;

	if (n < 4)
		return false;
	k = calloc(n, sizeof *k);
	if (k == NULL)
		return true;
	for (i = 0; i < n; i++) {
		k[i].y = (w[i].box.y0 + w[i].box.y1) / 2;
		k[i].x = w[i].box.x0;
		k[i].i = i;
	}
	qsort(k, n, sizeof *k, yk_cmp);
	for (i = 0; i < n && three < 2 && two_num < 4; i = j) {
		double band = (w[k[i].i].box.y1 - w[k[i].i].box.y0) / 2;
		size_t m, pieces = 1;
		bool digit = false;

		for (j = i + 1; j < n && k[j].y - k[i].y <= band; j++)
			;
		/* That band, left to right. */
		for (m = i; m < j; m++)
			k[m].y = k[i].y;
		qsort(k + i, j - i, sizeof *k, yk_cmp);
		for (m = i + 1; m < j; m++) {
			const struct layout_word *a = &w[k[m - 1].i];
			const struct layout_word *b = &w[k[m].i];
			double em = a->font_size > 0
			    ? a->font_size
			    : (a->box.y1 - a->box.y0) * 0.77;

			if (b->box.x0 - a->box.x1 > em) {
				pieces++;
				digit = false;
			}
			digit = digit || has_digit(b);
		}
		if (pieces >= 3)
			three++;
		else if (pieces == 2 && digit)
			two_num++;
	}
	free(k);
	return three >= 2 || two_num >= 4;
}

/* ------------------------------------------------------------------ */
/* Pages                                                                */

static enum err note_page(struct pdf *p, unsigned n, bool ocr, const char *fmt,
    ...) __attribute__((format(printf, 4, 5)));

static enum err
note_page(struct pdf *p, unsigned n, bool ocr, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	g_free(p->notes[n - 1]);
	p->notes[n - 1] = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	if (ocr)
		p->ocr[p->nocr++] = n;
	return ERR_OK;
}

/* Share of dark pixels outside the words, from a small rendering. */
static double
page_ink(
    struct pdf *p, PopplerPage *page, const struct layout_word *w, size_t n)
{
	struct diag dg;
	uint8_t *gray = NULL;
	unsigned gw, gh;
	size_t stride, i;
	struct doc_box *boxes;
	double ink, scale = analysis_scale(page, INK_SCALE);

	diag_init(&dg);
	if (render_gray(p->lim, page, scale, false, &gray, &gw, &gh, &stride,
		&dg) != ERR_OK)
		return 0;
	boxes = calloc(n + 1, sizeof *boxes);
	if (boxes == NULL) {
		free(gray);
		return 0;
	}
	for (i = 0; i < n; i++)
		boxes[i] = w[i].box;
	ink = pdf_ink_outside(gray, gw, gh, stride, scale, boxes, n);
	free(boxes);
	free(gray);
	return ink;
}

/* A page rendered for its ruling lines. */
struct rules_img {
	uint8_t *gray; /* malloc'ed; NULL when not rendered */
	unsigned w, h;
	size_t stride;
	double scale;
};

/*
 * Renders `page` at 72 dpi for rules_find.  Rendered before the page's
 * text is first asked for, the rendering also fills Poppler's text of
 * the page (poppler-glib collects it while drawing), so a tabular page
 * costs one pass over its content instead of two.
 */
static enum err
rules_render(
    struct pdf *p, PopplerPage *page, struct rules_img *img, struct diag *diag)
{
	img->scale = analysis_scale(page, RULES_SCALE);
	return render_gray(p->lim, page, img->scale, false, &img->gray, &img->w,
	    &img->h, &img->stride, diag);
}

/* Ruling lines in a rendering, with the page's words masked out. */
static enum err
rules_find(struct pdf *p, const struct rules_img *img,
    const struct layout_word *w, size_t n, struct layout_rule **rules,
    size_t *nrules, struct diag *diag)
{
	struct doc_box *boxes;
	size_t i, cnt;

	*rules = NULL;
	*nrules = 0;
	boxes = calloc(n + 1, sizeof *boxes);
	if (boxes == NULL)
		return diag_set(diag, ERR_NOMEM, "out of memory");
	for (i = 0; i < n; i++)
		boxes[i] = w[i].box;
	cnt = pdf_find_rules(img->gray, img->w, img->h, img->stride, img->scale,
	    boxes, n, p->lim->page_words_max, rules);
	free(boxes);
	if (cnt == SIZE_MAX)
		return diag_set(diag, ERR_NOMEM, "out of memory");
	*nrules = cnt;
	return ERR_OK;
}

static enum err
read_page(struct pdf *p, unsigned n, struct doc *d, size_t *text_total,
    struct diag *diag)
{
	PopplerPage *page;
	double pw, ph;
	char *text = NULL;
	PopplerRectangle *rects = NULL;
	guint nrects = 0;
	GList *attrs = NULL;
	struct page_words words;
	struct layout_word *lw = NULL;
	struct layout_rule *rules = NULL;
	size_t nlw = 0, nrules = 0, i, nbanner, nkept_chars;
	struct pdf_text_stats all, kept;
	struct doc_page *dp;
	struct layout_page_in in;
	struct rules_img img = { .gray = NULL };
	bool early = p->last_tabular;
	enum err e = ERR_OK;

	p->last_tabular = false;
	memset(&words, 0, sizeof words);
	buf_init(&words.text, p->lim->text_max);
	memset(&all, 0, sizeof all);
	memset(&kept, 0, sizeof kept);
	page = poppler_document_get_page(p->doc, (int)n - 1);
	if (page == NULL) {
		if (doc_add_page(d, DOC_METHOD_TEXT, 0, 0) == NULL)
			return diag_set(diag, ERR_NOMEM, "out of memory");
		return note_page(p, n, false, "the page cannot be read");
	}
	poppler_page_get_size(page, &pw, &ph);
	if (!page_size_ok(p->lim, pw, ph)) {
		e = diag_set(diag, ERR_LIMIT,
		    "page %u measures %.0f x %.0f pt, limit %.0f pt a side", n,
		    pw, ph, p->lim->page_side_max_pt);
		goto out;
	}
	hide_signature_widgets(page);
	dp = doc_add_page(d, DOC_METHOD_TEXT, pw, ph);
	if (dp == NULL) {
		e = diag_set(diag, ERR_NOMEM, "out of memory");
		goto out;
	}
	/* An appendix runs over several pages: after a tabular page, the
	 * next is most likely one too, and rendering it first saves
	 * reading its content twice. */
	if (early) {
		e = rules_render(p, page, &img, diag);
		if (e != ERR_OK)
			goto out;
	}
	text = poppler_page_get_text(page);
	if (text != NULL && text[0] != '\0') {
		size_t tl = strlen(text);

		if (tl > p->lim->text_max - *text_total) {
			e = diag_set(diag, ERR_LIMIT,
			    "the PDF has more than %zu bytes of text",
			    p->lim->text_max);
			goto out;
		}
		*text_total += tl;
		if (!poppler_page_get_text_layout(page, &rects, &nrects))
			nrects = 0;
		attrs = poppler_page_get_text_attributes(page);
		e = collect_words(text, rects, nrects, attrs, &words,
		    p->lim->page_words_max, diag);
		if (e != ERR_OK) {
			char tmp[DIAG_MSG_MAX];

			g_strlcpy(tmp, diag->msg, sizeof tmp);
			(void)g_snprintf(
			    diag->msg, sizeof diag->msg, "page %u: %s", n, tmp);
			goto out;
		}
	}
	if (words.n > 0) {
		lw = calloc(words.n, sizeof *lw);
		if (lw == NULL) {
			e = diag_set(diag, ERR_NOMEM, "out of memory");
			goto out;
		}
		drop_in_signature_fields(page, ph, &words);
		for (i = 0; i < words.n; i++) {
			lw[i].text = words.text.data + words.w[i].off;
			lw[i].len = words.w[i].len;
			lw[i].box = words.w[i].box;
			lw[i].confidence = -1.0f;
			lw[i].font_size = words.w[i].size;
			lw[i].bold = words.w[i].bold;
		}
		{
			bool *drop = calloc(words.n, sizeof *drop);

			if (drop == NULL) {
				e = diag_set(diag, ERR_NOMEM, "out of memory");
				goto out;
			}
			for (i = 0; i < words.n; i++)
				drop[i] = words.w[i].drop;
			(void)pdf_mark_banners(lw, words.n, drop);
			/* Keep the words that are the page's own. */
			nbanner = 0;
			for (i = 0; i < words.n; i++) {
				pdf_text_count(lw[i].text, lw[i].len, &all);
				if (drop[i]) {
					nbanner++;
					continue;
				}
				pdf_text_count(lw[i].text, lw[i].len, &kept);
				lw[nlw++] = lw[i];
			}
			free(drop);
		}
	} else
		nbanner = 0;
	nkept_chars = kept.chars;

	/* Is the text layer the page's text? */
	if (nkept_chars == 0) {
		double ink = page_ink(p, page, lw, 0);

		if (ink > INK_BLANK) {
			dp->method = DOC_METHOD_OCR;
			e = note_page(p, n, true,
			    nbanner > 0 ? "only a signing banner in the text "
					  "layer"
					: "no text layer");
		} else
			e = note_page(p, n, false, "blank page");
		goto out;
	}
	if (pdf_text_is_garbage(&kept)) {
		dp->method = DOC_METHOD_OCR;
		e = note_page(p, n, true,
		    "the text layer is unreadable (%zu of %zu letters are "
		    "not Vietnamese)",
		    kept.bad, kept.bad + kept.letters);
		goto out;
	}
	if (nkept_chars < SPARSE_CHARS) {
		double ink = page_ink(p, page, lw, nlw);

		if (ink > INK_IMAGE) {
			dp->method = DOC_METHOD_OCR;
			e = note_page(p, n, true,
			    "the page is an image with only %zu characters of "
			    "text",
			    nkept_chars);
			goto out;
		}
	}
	if (looks_tabular(lw, nlw)) {
		p->last_tabular = true;
		if (img.gray == NULL)
			e = rules_render(p, page, &img, diag);
		if (e == ERR_OK)
			e = rules_find(p, &img, lw, nlw, &rules, &nrules, diag);
		if (e != ERR_OK)
			goto out;
	}
	memset(&in, 0, sizeof in);
	in.page = n;
	in.width = pw;
	in.height = ph;
	in.words = lw;
	in.nwords = nlw;
	in.rules = rules;
	in.nrules = nrules;
	e = layout_page(d, &in, p->lim, diag);
out:
	free(img.gray);
	free(rules);
	free(lw);
	page_words_fini(&words);
	if (attrs != NULL)
		poppler_page_free_text_attributes(attrs);
	g_free(rects);
	g_free(text);
	g_object_unref(page);
	return e;
}

/* Contract in pdf.h: every page into a new document; text pages laid
 * out, the others listed for OCR.  Holds the lock throughout. */
enum err
pdf_extract(
    struct pdf *p, struct arena *arena, struct doc **out, struct diag *diag)
{
	struct doc *d;
	size_t text_total = 0;
	unsigned n;
	enum err e = ERR_OK;

	*out = NULL;
	d = doc_new(arena);
	if (d == NULL)
		return diag_set(diag, ERR_NOMEM, "out of memory");
	p->nocr = 0;
	g_mutex_lock(&p->lock);
	for (n = 1; n <= p->npages && e == ERR_OK; n++)
		e = read_page(p, n, d, &text_total, diag);
	g_mutex_unlock(&p->lock);
	if (e != ERR_OK)
		return e;
	*out = d;
	return ERR_OK;
}

/* Contract in pdf.h: open, extract and join, without OCR. */
enum err
pdf_parse(const uint8_t *data, size_t len, const struct limits *lim,
    struct arena *arena, struct doc **out, size_t *nocr, struct diag *diag)
{
	struct pdf *p = NULL;
	const unsigned *pages;
	enum err e;

	*out = NULL;
	e = pdf_open(data, len, lim, &p, diag);
	if (e == ERR_OK)
		e = pdf_extract(p, arena, out, diag);
	if (e == ERR_OK)
		e = layout_join_tables(*out, diag);
	if (e == ERR_OK)
		e = layout_join_paragraphs(*out, diag);
	if (e == ERR_OK && nocr != NULL)
		*nocr = pdf_ocr_pages(p, &pages);
	if (e != ERR_OK)
		*out = NULL;
	pdf_free(p);
	return e;
}
