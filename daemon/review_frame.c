/* SPDX-License-Identifier: MIT */
/* PICTURE frames: encoding (worker) and checked decoding (supervisor). */
#include "daemon/review_frame.h"

#include <math.h>
#include <string.h>

static void
put32(struct buf *b, uint32_t v)
{
	char c[4] = { (char)(v & 0xff), (char)((v >> 8) & 0xff),
		(char)((v >> 16) & 0xff), (char)((v >> 24) & 0xff) };

	buf_append(b, c, 4);
}

static uint32_t
get32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

static uint32_t
centi(double pt)
{
	return pt <= 0 || !isfinite(pt) ? 0
	    : pt >= 42949672.0          ? UINT32_MAX
					: (uint32_t)lround(pt * 100);
}

bool
review_frame_encode(struct buf *out, unsigned page, double width_pt,
    double height_pt, const struct review_rowbox *boxes, size_t nboxes,
    const void *png, size_t png_len)
{
	size_t i;

	if (nboxes > REVIEW_FRAME_BOXES_MAX)
		nboxes = REVIEW_FRAME_BOXES_MAX;
	put32(out, page);
	put32(out, centi(width_pt));
	put32(out, centi(height_pt));
	put32(out, (uint32_t)nboxes);
	for (i = 0; i < nboxes; i++) {
		put32(out, (uint32_t)boxes[i].table);
		put32(out, (uint32_t)boxes[i].row);
		put32(out, centi(boxes[i].x0));
		put32(out, centi(boxes[i].y0));
		put32(out, centi(boxes[i].x1));
		put32(out, centi(boxes[i].y1));
	}
	buf_append(out, png, png_len);
	return !out->overflow;
}

enum err
review_frame_decode(const uint8_t *data, size_t len, struct review_picture *pic,
    struct review_rowbox *boxes, size_t *nboxes, struct diag *diag)
{
	static const uint8_t sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a,
		'\n' };
	uint32_t page, w, h, n, i;
	const uint8_t *p;

	*nboxes = 0;
	if (len < REVIEW_FRAME_HEADER)
		return diag_set(diag, ERR_TRUNCATED, "picture: %zu bytes", len);
	page = get32(data);
	w = get32(data + 4);
	h = get32(data + 8);
	n = get32(data + 12);
	if (page < 1 || page > 100000 || w < 100 || w > 1440000 || h < 100 ||
	    h > 1440000)
		return diag_set(diag, ERR_MALFORMED,
		    "picture: page %lu of "
		    "%lu x %lu cpt",
		    (unsigned long)page, (unsigned long)w, (unsigned long)h);
	if (n > REVIEW_FRAME_BOXES_MAX ||
	    (size_t)n * REVIEW_FRAME_BOX > len - REVIEW_FRAME_HEADER)
		return diag_set(diag, ERR_MALFORMED, "picture: %lu boxes",
		    (unsigned long)n);
	p = data + REVIEW_FRAME_HEADER;
	for (i = 0; i < n; i++, p += REVIEW_FRAME_BOX) {
		struct review_rowbox *b = &boxes[*nboxes];
		int32_t table = (int32_t)get32(p), row = (int32_t)get32(p + 4);
		uint32_t x0 = get32(p + 8), y0 = get32(p + 12);
		uint32_t x1 = get32(p + 16), y1 = get32(p + 20);

		if (table < 0 || row < 0 || x0 > x1 || y0 > y1 || x1 > w ||
		    y1 > h)
			return diag_set(diag, ERR_MALFORMED,
			    "picture: box %lu outside the page",
			    (unsigned long)i);
		b->page = page;
		b->table = table;
		b->row = row;
		b->x0 = x0 / 100.0;
		b->y0 = y0 / 100.0;
		b->x1 = x1 / 100.0;
		b->y1 = y1 / 100.0;
		(*nboxes)++;
	}
	if ((size_t)(data + len - p) < sizeof(sig) ||
	    memcmp(p, sig, sizeof(sig)) != 0)
		return diag_set(diag, ERR_MALFORMED, "picture: not a PNG");
	pic->page = page;
	pic->width_pt = w / 100.0;
	pic->height_pt = h / 100.0;
	pic->png = p;
	pic->len = (size_t)(data + len - p);
	return ERR_OK;
}

enum err
review_frame_save(sqlite3 *db, const char *id, GPtrArray *frames,
    unsigned *skipped, struct diag *diag)
{
	struct review_picture pics[8];
	struct review_rowbox *boxes;
	size_t npics = 0, nboxes = 0, n;
	enum err e;
	guint i;

	*skipped = 0;
	if (frames == NULL || frames->len == 0)
		return ERR_OK;
	boxes = g_new(struct review_rowbox,
	    (gsize)REVIEW_FRAME_BOXES_MAX * G_N_ELEMENTS(pics));
	for (i = 0; i < frames->len && npics < G_N_ELEMENTS(pics); i++) {
		gsize len;
		const uint8_t *data = g_bytes_get_data(frames->pdata[i], &len);
		struct diag d;

		diag_init(&d);
		if (review_frame_decode(data, len, &pics[npics], boxes + nboxes,
			&n, &d) != ERR_OK) {
			(*skipped)++;
			continue;
		}
		npics++;
		nboxes += n;
	}
	e = review_pictures_save(db, id, pics, npics, boxes, nboxes, diag);
	g_free(boxes);
	return e;
}
