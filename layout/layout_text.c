/* SPDX-License-Identifier: MIT */
/* Joining positioned words into text, and small box helpers. */
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "layout/layout_int.h"

/* Width, height, union and 1-D overlap of boxes (layout_int.h). */
double
lo_box_w(const struct doc_box *b)
{
	return b->x1 - b->x0;
}

double
lo_box_h(const struct doc_box *b)
{
	return b->y1 - b->y0;
}

void
lo_box_union(struct doc_box *a, const struct doc_box *b)
{
	if (b->x0 < a->x0)
		a->x0 = b->x0;
	if (b->y0 < a->y0)
		a->y0 = b->y0;
	if (b->x1 > a->x1)
		a->x1 = b->x1;
	if (b->y1 > a->y1)
		a->y1 = b->y1;
}

double
lo_overlap(double a0, double a1, double b0, double b1)
{
	double lo = a0 > b0 ? a0 : b0, hi = a1 < b1 ? a1 : b1;

	return hi > lo ? hi - lo : 0.0;
}

static bool
is_alnum_byte(unsigned char c)
{
	/* Any byte of a multi-byte UTF-8 letter counts: codes are ASCII,
	 * but "QĐ-" ends in a two-byte letter. */
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
	    (c >= 'a' && c <= 'z') || c >= 0x80;
}

/* Contract in layout_int.h. */
bool
lo_glues(const char *t, size_t len)
{
	/* "KH-", "QĐ-", "2021-": a hyphen right after a letter or digit.
	 * A lone "-" (a dash between words) does not glue. */
	if (len < 2 || t[len - 1] != '-')
		return false;
	return is_alnum_byte((unsigned char)t[len - 2]);
}

/* Contract in layout_int.h. */
void
lo_put_word(struct buf *b, const char *t, size_t len, bool *glue)
{
	if (b->len > 0 && !*glue)
		(void)buf_putc(b, ' ');
	*glue = false;
	(void)buf_append(b, t, len);
}

/* The rest of a syllable cut by a line break starts with its vowel
 * ("ngư" + "ời"); a word starting a line normally starts with a
 * consonant or is a whole syllable. */
static bool
starts_lower_vowel(const char *t, size_t len)
{
	gunichar d[4];
	gunichar c;

	if (len == 0)
		return false;
	c = g_utf8_get_char_validated(t, (gssize)len);
	if (c == (gunichar)-1 || c == (gunichar)-2 || !g_unichar_islower(c))
		return false;
	if (g_unichar_fully_decompose(c, FALSE, d, G_N_ELEMENTS(d)) == 0)
		return false;
	return d[0] < 0x80 && strchr("aeiouy", (int)d[0]) != NULL;
}

struct wkey {
	double y, x;
	size_t i;
};

static int
wkey_cmp_y(const void *pa, const void *pb)
{
	const struct wkey *a = pa, *b = pb;

	if (a->y != b->y)
		return a->y < b->y ? -1 : 1;
	if (a->x != b->x)
		return a->x < b->x ? -1 : 1;
	return a->i < b->i ? -1 : a->i > b->i;
}

/* Contract in layout_int.h. */
void
lo_words_text(const struct lo_page *pg, size_t *idx, size_t n, double width,
    struct buf *out, double *conf_sum, size_t *nconf)
{
	struct wkey *k;
	size_t i, j, start;
	bool glue = false;

	if (n == 0)
		return;
	k = calloc(n, sizeof *k);
	if (k == NULL) {
		out->overflow = true;
		return;
	}
	/* Lines: words sorted by their vertical centre, cut where the next
	 * word's centre leaves the current line's band. */
	for (i = 0; i < n; i++) {
		const struct lo_word *w = &pg->w[idx[i]];

		k[i].y = (w->b.y0 + w->b.y1) / 2;
		k[i].x = w->b.x0;
		k[i].i = idx[i];
	}
	qsort(k, n, sizeof *k, wkey_cmp_y);
	start = 0;
	while (start < n) {
		const struct lo_word *w0 = &pg->w[k[start].i];
		double band = lo_box_h(&w0->b) * 0.5;
		double yc = k[start].y;

		for (j = start + 1; j < n && k[j].y - yc <= band; j++)
			;
		/* Now left to right within the line. */
		for (i = start; i < j; i++)
			k[i].y = yc;
		qsort(k + start, j - start, sizeof *k, wkey_cmp_y);
		for (i = start; i < j; i++) {
			const struct lo_word *w = &pg->w[k[i].i];

			lo_put_word(out, w->text, w->len, &glue);
			if (w->conf >= 0) {
				*conf_sum += w->conf;
				(*nconf)++;
			}
		}
		glue = lo_glues(pg->w[k[j - 1].i].text, pg->w[k[j - 1].i].len);
		/* One word filling the cell, and the next line's first word
		 * could not have joined it: the line broke inside a word. */
		if (!glue && width > 0 && j == start + 1 && j < n) {
			const struct lo_word *w = &pg->w[k[start].i];
			const struct lo_word *nx = &pg->w[k[j].i];
			double ww = lo_box_w(&w->b);

			glue = ww >= 0.75 * width &&
			    ww + lo_box_w(&nx->b) > 0.9 * width &&
			    lo_box_w(&nx->b) < 0.35 * width &&
			    starts_lower_vowel(nx->text, nx->len);
		}
		start = j;
	}
	for (i = 0; i < n; i++)
		idx[i] = k[i].i;
	free(k);
}
