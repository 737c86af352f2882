/* SPDX-License-Identifier: MIT */
/*
 * TCVN3 and VNI decoding over the embedded data/legacy-vn tables.
 *
 * Format notes: data/legacy-vn/tcvn3.tsv and vni.tsv, columns
 * legacy_bytes_hex, unicode_char, unicode_codepoint; '#' starts a
 * comment.  For TCVN3 the first row for a byte wins (section 1); section 2
 * only lists the capitals an H font draws, used here for encoding.  VNI
 * rows are one or two bytes; decoding takes the longest match.  See
 * ../shared/spec/domain.md section 4.
 */
#include "parsers/legacy_vn.h"

#include <glib.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

extern const unsigned char legacy_vn_tcvn3_tsv[];
extern const size_t legacy_vn_tcvn3_tsv_len;
extern const unsigned char legacy_vn_vni_tsv[];
extern const size_t legacy_vn_vni_tsv_len;

/* Both tables hold 134 letters; room to spare for a longer file. */
#define LV_ROWS_MAX 256

struct lv_row {
	uint8_t bytes[2];
	uint8_t nbytes;
	uint32_t cp;
};

struct lv_tables {
	bool ok;
	/* TCVN3: byte -> code point, 0 when the byte is not a letter. */
	uint32_t tcvn3[256];
	/* VNI single bytes, and the two-byte rows sorted by key b0<<8|b1. */
	uint32_t vni1[256];
	struct lv_pair {
		uint16_t key;
		uint32_t cp;
	} vni2[LV_ROWS_MAX];
	size_t nvni2;
	/* Every row, for encoding (first row for a code point wins). */
	struct lv_row tcvn3_rows[LV_ROWS_MAX], vni_rows[LV_ROWS_MAX];
	size_t ntcvn3_rows, nvni_rows;
	/* The Vietnamese letters (union of both tables), sorted. */
	uint32_t letters[2 * LV_ROWS_MAX];
	size_t nletters;
};

static struct lv_tables lv_tables;

/* Windows-1252 0x80-0x9F; 0 marks the five unassigned bytes. */
static const uint16_t lv_cp1252[32] = {
	0x20AC,
	0,
	0x201A,
	0x0192,
	0x201E,
	0x2026,
	0x2020,
	0x2021,
	0x02C6,
	0x2030,
	0x0160,
	0x2039,
	0x0152,
	0,
	0x017D,
	0,
	0,
	0x2018,
	0x2019,
	0x201C,
	0x201D,
	0x2022,
	0x2013,
	0x2014,
	0x02DC,
	0x2122,
	0x0161,
	0x203A,
	0x0153,
	0,
	0x017E,
	0x0178,
};

static int
lv_hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Parses one data line "B1[ B2]\tchar\tU+XXXX"; false when malformed. */
static bool
lv_parse_line(const char *p, const char *end, struct lv_row *row)
{
	const char *tab;
	unsigned long cp = 0;
	int digits = 0;

	row->nbytes = 0;
	while (p < end && *p != '\t') {
		int hi, lo;

		if (*p == ' ') {
			p++;
			continue;
		}
		if (end - p < 2 || row->nbytes == 2)
			return false;
		hi = lv_hexval(p[0]);
		lo = lv_hexval(p[1]);
		if (hi < 0 || lo < 0)
			return false;
		row->bytes[row->nbytes++] = (uint8_t)(hi << 4 | lo);
		p += 2;
	}
	if (row->nbytes == 0 || p == end)
		return false;
	/* Skip the character column; the code point column is canonical. */
	tab = memchr(p + 1, '\t', (size_t)(end - p - 1));
	if (tab == NULL || end - tab < 4 || tab[1] != 'U' || tab[2] != '+')
		return false;
	for (p = tab + 3; p < end && lv_hexval(*p) >= 0 && digits < 6; p++) {
		cp = cp << 4 | (unsigned long)lv_hexval(*p);
		digits++;
	}
	if (digits < 4 || cp < 0x80 || cp > 0x10FFFF)
		return false;
	row->cp = (uint32_t)cp;
	return true;
}

static bool
lv_parse(
    const unsigned char *data, size_t len, struct lv_row *rows, size_t *nrows)
{
	const char *p = (const char *)data, *end = p + len;

	*nrows = 0;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl != NULL ? nl : end;

		if (le > p && le[-1] == '\r')
			le--;
		if (le > p && *p != '#') {
			if (*nrows == LV_ROWS_MAX ||
			    !lv_parse_line(p, le, &rows[*nrows]))
				return false;
			(*nrows)++;
		}
		p = nl != NULL ? nl + 1 : end;
	}
	return *nrows > 0;
}

static int
lv_cmp_pair(const void *a, const void *b)
{
	const struct lv_pair *x = a, *y = b;

	return (int)x->key - (int)y->key;
}

static int
lv_cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

static void
lv_add_letter(struct lv_tables *t, uint32_t cp)
{
	size_t i;

	for (i = 0; i < t->nletters; i++)
		if (t->letters[i] == cp)
			return;
	if (t->nletters < sizeof t->letters / sizeof t->letters[0])
		t->letters[t->nletters++] = cp;
}

static void
lv_build(struct lv_tables *t)
{
	size_t i;

	memset(t, 0, sizeof *t);
	if (!lv_parse(legacy_vn_tcvn3_tsv, legacy_vn_tcvn3_tsv_len,
		t->tcvn3_rows, &t->ntcvn3_rows) ||
	    !lv_parse(legacy_vn_vni_tsv, legacy_vn_vni_tsv_len, t->vni_rows,
		&t->nvni_rows))
		return;
	for (i = 0; i < t->ntcvn3_rows; i++) {
		const struct lv_row *r = &t->tcvn3_rows[i];

		if (r->nbytes != 1)
			return;
		if (t->tcvn3[r->bytes[0]] == 0)
			t->tcvn3[r->bytes[0]] = r->cp;
		lv_add_letter(t, r->cp);
	}
	for (i = 0; i < t->nvni_rows; i++) {
		const struct lv_row *r = &t->vni_rows[i];

		if (r->nbytes == 1) {
			if (t->vni1[r->bytes[0]] == 0)
				t->vni1[r->bytes[0]] = r->cp;
		} else {
			t->vni2[t->nvni2].key =
			    (uint16_t)(r->bytes[0] << 8 | r->bytes[1]);
			t->vni2[t->nvni2].cp = r->cp;
			t->nvni2++;
		}
		lv_add_letter(t, r->cp);
	}
	qsort(t->vni2, t->nvni2, sizeof t->vni2[0], lv_cmp_pair);
	qsort(t->letters, t->nletters, sizeof t->letters[0], lv_cmp_u32);
	t->ok = true;
}

/* The tables, parsed once for the whole process. */
static const struct lv_tables *
lv_get(void)
{
	static gsize once;

	if (g_once_init_enter(&once)) {
		lv_build(&lv_tables);
		g_once_init_leave(&once, 1);
	}
	return lv_tables.ok ? &lv_tables : NULL;
}

static bool
lv_is_letter(const struct lv_tables *t, uint32_t cp)
{
	return bsearch(&cp, t->letters, t->nletters, sizeof t->letters[0],
		   lv_cmp_u32) != NULL;
}

/* The legacy byte a code point carries, or -1. */
static int
lv_byte_of(enum legacy_vn_kind kind, uint32_t cp)
{
	int i;

	if (cp <= 0xFF)
		return (int)cp;
	if (cp >= 0xF000 && cp <= 0xF0FF)
		return (int)(cp - 0xF000);
	if (cp == 0x2212 && kind != LEGACY_VN_VNI)
		return 0xAD;
	for (i = 0; i < 32; i++)
		if (lv_cp1252[i] == cp)
			return 0x80 + i;
	return -1;
}

static bool
lv_ieq_prefix(const char *s, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);

	return len >= n && g_ascii_strncasecmp(s, prefix, n) == 0;
}

enum legacy_vn_kind
legacy_vn_kind_for_font(const char *font, size_t len)
{
	const char *s = font, *e, *plus;
	size_t n;

	if (font == NULL)
		return LEGACY_VN_NONE;
	e = s + len;
	while (s < e && g_ascii_isspace(*s))
		s++;
	while (e > s && g_ascii_isspace(e[-1]))
		e--;
	/* A PDF subset tag: six upper-case letters and '+'. */
	plus = memchr(s, '+', (size_t)(e - s));
	if (plus != NULL && plus - s == 6) {
		const char *q;

		for (q = s; q < plus && g_ascii_isupper(*q); q++)
			;
		if (q == plus)
			s = plus + 1;
	}
	n = (size_t)(e - s);
	if (lv_ieq_prefix(s, n, "VNI"))
		return LEGACY_VN_VNI;
	if (n > 0 && *s == '.') {
		s++;
		n--;
	}
	if (n < 3 || !lv_ieq_prefix(s, n, "Vn") || !g_ascii_isalpha(s[2]))
		return LEGACY_VN_NONE;
	/* ".VnTimeH", ".VnTimeH,Bold", ".VnArialH-Italic": the family name
	 * ends before a style suffix. */
	for (e = s; e < s + n && *e != ',' && *e != '-' && *e != ' '; e++)
		;
	if (e[-1] == 'H' || e[-1] == 'h')
		return LEGACY_VN_TCVN3_UPPER;
	return LEGACY_VN_TCVN3;
}

const char *
legacy_vn_kind_name(enum legacy_vn_kind k)
{
	switch (k) {
	case LEGACY_VN_NONE:
		return "none";
	case LEGACY_VN_TCVN3:
		return "tcvn3";
	case LEGACY_VN_TCVN3_UPPER:
		return "tcvn3-upper";
	case LEGACY_VN_VNI:
		return "vni";
	}
	return "?";
}

/* Next code point of UTF-8 text, advancing *p; U+FFFD for a bad byte. */
static uint32_t
lv_next(const char **p, const char *end)
{
	gunichar c = g_utf8_get_char_validated(*p, (gssize)(end - *p));

	if (c == (gunichar)-1 || c == (gunichar)-2) {
		(*p)++;
		return 0xFFFD;
	}
	*p = g_utf8_next_char(*p);
	return c;
}

static uint32_t
lv_vni_pair(const struct lv_tables *t, int b0, int b1)
{
	struct lv_pair key, *hit;

	if (b0 < 0 || b1 < 0)
		return 0;
	key.key = (uint16_t)(b0 << 8 | b1);
	hit = bsearch(&key, t->vni2, t->nvni2, sizeof t->vni2[0], lv_cmp_pair);
	return hit != NULL ? hit->cp : 0;
}

enum err
legacy_vn_decode(
    enum legacy_vn_kind kind, const char *text, size_t len, struct buf *out)
{
	const struct lv_tables *t = lv_get();
	const char *p = text, *end = text + len;
	bool upper = kind == LEGACY_VN_TCVN3_UPPER;

	if (t == NULL)
		return ERR_INTERNAL;
	if (len > G_MAXSSIZE)
		return ERR_LIMIT;
	while (p < end) {
		uint32_t cp = lv_next(&p, end), dec = 0;
		int b = lv_byte_of(kind, cp);

		if (kind == LEGACY_VN_VNI && b >= 0 && p < end) {
			const char *q = p;
			int b1 = lv_byte_of(kind, lv_next(&q, end));

			dec = lv_vni_pair(t, b, b1);
			/* A mark byte of the other case after a base letter. */
			if (dec == 0 && b1 >= 0xC0)
				dec = lv_vni_pair(t, b, b1 ^ 0x20);
			if (dec != 0)
				p = q;
		}
		if (dec == 0 && b >= 0)
			dec = kind == LEGACY_VN_VNI  ? t->vni1[b]
			    : kind != LEGACY_VN_NONE ? t->tcvn3[b]
						     : 0;
		if (dec == 0)
			dec = cp;
		if (upper)
			dec = g_unichar_toupper(dec);
		if (!buf_put_utf8(out, dec))
			return ERR_NOMEM;
	}
	return ERR_OK;
}

/* Vietnamese letters minus stray Latin-1 symbols and letters. */
static long
lv_score(const struct lv_tables *t, const char *s, size_t len, bool *unicode)
{
	const char *p = s, *end = s + len;
	long score = 0;

	*unicode = false;
	while (p < end) {
		uint32_t cp = lv_next(&p, end);

		if (cp < 0x80 || cp == 0xA0)
			continue;
		if (lv_is_letter(t, cp)) {
			score++;
			if (cp > 0xFF)
				*unicode = true;
		} else if (cp >= 0x300 && cp <= 0x323)
			*unicode = true;
		else if (cp <= 0xFF)
			score--;
	}
	return score;
}

enum err
legacy_vn_fix(enum legacy_vn_kind kind, const char *text, size_t len,
    struct buf *out, bool *decoded)
{
	const struct lv_tables *t = lv_get();
	struct buf tmp;
	bool unicode, unused;
	long before, after;
	enum err e;

	*decoded = false;
	if (t == NULL)
		return ERR_INTERNAL;
	if (kind == LEGACY_VN_NONE)
		return buf_append(out, text, len) ? ERR_OK : ERR_NOMEM;
	before = lv_score(t, text, len, &unicode);
	if (unicode)
		return buf_append(out, text, len) ? ERR_OK : ERR_NOMEM;
	buf_init(&tmp, out->max);
	e = legacy_vn_decode(kind, text, len, &tmp);
	if (e != ERR_OK) {
		buf_fini(&tmp);
		return e;
	}
	after = lv_score(t, buf_str(&tmp), tmp.len, &unused);
	/* An H font also makes plain ASCII upper case, so a tie is still a
	 * gain there; elsewhere a tie keeps what the file says. */
	if (after > before ||
	    (after == before && kind == LEGACY_VN_TCVN3_UPPER)) {
		*decoded = true;
		e = buf_append(out, buf_str(&tmp), tmp.len) ? ERR_OK
							    : ERR_NOMEM;
	} else
		e = buf_append(out, text, len) ? ERR_OK : ERR_NOMEM;
	buf_fini(&tmp);
	return e;
}

static const struct lv_row *
lv_find_row(const struct lv_row *rows, size_t n, uint32_t cp)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (rows[i].cp == cp)
			return &rows[i];
	return NULL;
}

enum err
legacy_vn_encode(
    enum legacy_vn_kind kind, const char *text, size_t len, struct buf *out)
{
	const struct lv_tables *t = lv_get();
	const char *p = text, *end = text + len;
	gchar *nfc;

	if (t == NULL)
		return ERR_INTERNAL;
	if (len > G_MAXSSIZE)
		return ERR_LIMIT;
	nfc = g_utf8_normalize(text, (gssize)len, G_NORMALIZE_NFC);
	if (nfc == NULL)
		return ERR_MALFORMED;
	p = nfc;
	end = nfc + strlen(nfc);
	while (p < end) {
		uint32_t cp = lv_next(&p, end);
		const struct lv_row *r = NULL;
		uint8_t i;

		if (cp < 0x80 || kind == LEGACY_VN_NONE) {
			if (!buf_put_utf8(out, cp))
				goto nomem;
			continue;
		}
		if (kind == LEGACY_VN_VNI)
			r = lv_find_row(t->vni_rows, t->nvni_rows, cp);
		else
			r = lv_find_row(t->tcvn3_rows, t->ntcvn3_rows, cp);
		if (r == NULL) {
			g_free(nfc);
			return ERR_MALFORMED;
		}
		for (i = 0; i < r->nbytes; i++)
			if (!buf_put_utf8(out, r->bytes[i]))
				goto nomem;
	}
	g_free(nfc);
	return ERR_OK;
nomem:
	g_free(nfc);
	return ERR_NOMEM;
}
