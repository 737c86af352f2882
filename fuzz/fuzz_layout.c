/* SPDX-License-Identifier: MIT */
/*
 * Harness: the layout module on word boxes and ruling lines decoded from
 * the input, one or more pages, then the joins across pages, with
 * production limits.  Input format (all little-endian):
 *
 *   record := 0x00 word | 0x01 rule | 0x02 page-break
 *   word   := x u16, y u16, w u8, h u8, size u8, flags u8, n u8, n bytes
 *             (positions in tenths of a point; w and h in quarter points;
 *             flags bit 0 bold, bit 1 an OCR word with confidence)
 *   rule   := x0 u16, y0 u16, x1 u16, y1 u16 (tenths of a point)
 *
 * Anything else ends the input.  Pages are A4, at most 8 of them.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/doc.h"
#include "core/limits.h"
#include "layout/layout.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

#define FL_PAGES_MAX 8
#define FL_ITEMS_MAX 4096

static unsigned
u16(const uint8_t *p)
{
	return (unsigned)p[0] | (unsigned)p[1] << 8;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct limits lim;
	struct arena *a;
	struct doc *d;
	struct diag dg;
	struct layout_word *w = NULL;
	struct layout_rule *r = NULL;
	size_t nw = 0, nr = 0;
	const uint8_t *p = data, *end = data + len;
	unsigned page = 1;
	enum err e = ERR_OK;

	limits_default(&lim);
	a = arena_new(lim.arena_max);
	w = calloc(FL_ITEMS_MAX, sizeof *w);
	r = calloc(FL_ITEMS_MAX, sizeof *r);
	d = a != NULL ? doc_new(a) : NULL;
	if (d == NULL || w == NULL || r == NULL)
		goto out;
	diag_init(&dg);
	for (;;) {
		int t = p < end ? *p++ : 2;
		bool last = p >= end;

		if (t == 0 && (size_t)(end - p) >= 9 && nw < FL_ITEMS_MAX) {
			struct layout_word *x = &w[nw];
			size_t n = p[8];

			if ((size_t)(end - p) - 9 < n)
				break;
			x->box.x0 = u16(p) / 10.0;
			x->box.y0 = u16(p + 2) / 10.0;
			x->box.x1 = x->box.x0 + p[4] / 4.0;
			x->box.y1 = x->box.y0 + p[5] / 4.0;
			x->font_size = p[6] / 4.0;
			x->bold = p[7] & 1;
			x->confidence = (p[7] & 2) ? 0.5f : -1.0f;
			x->text = (const char *)p + 9;
			x->len = n;
			p += 9 + n;
			nw++;
			continue;
		}
		if (t == 1 && (size_t)(end - p) >= 8 && nr < FL_ITEMS_MAX) {
			r[nr].x0 = u16(p) / 10.0;
			r[nr].y0 = u16(p + 2) / 10.0;
			r[nr].x1 = u16(p + 4) / 10.0;
			r[nr].y1 = u16(p + 6) / 10.0;
			p += 8;
			nr++;
			continue;
		}
		/* A page break, or the end. */
		{
			struct layout_page_in in;

			memset(&in, 0, sizeof in);
			in.page = page;
			in.width = 595;
			in.height = 842;
			in.words = w;
			in.nwords = nw;
			in.rules = r;
			in.nrules = nr;
			if (doc_add_page(d, DOC_METHOD_TEXT, 595, 842) == NULL)
				goto out;
			e = layout_page(d, &in, &lim, &dg);
			if (e != ERR_OK)
				goto out;
			nw = nr = 0;
		}
		if (t != 2 || last || ++page > FL_PAGES_MAX)
			break;
	}
	if (layout_join_tables(d, &dg) == ERR_OK)
		(void)layout_join_paragraphs(d, &dg);
out:
	free(w);
	free(r);
	arena_free(a);
	return 0;
}
