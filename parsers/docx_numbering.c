/* SPDX-License-Identifier: MIT */
/*
 * List numbering for WordprocessingML.
 *
 * Format notes: ECMA-376 Part 1, 17.9.  w:num (w:numId) points at a
 * w:abstractNum whose w:lvl (0-8) give w:start, w:numFmt and w:lvlText
 * ("%1.%2." names the counters of levels 1 and 2).  Counters belong to
 * the abstract definition, so two w:num sharing one continue each other,
 * unless a w:lvlOverride/w:startOverride restarts the level the first
 * time its w:num is used.  Formats beyond decimal, letters, roman numbers
 * and bullets print as decimal.
 */
#include "parsers/docx_numbering.h"

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "parsers/docx_xml.h"

#define NUM_LEVELS 9

enum num_fmt {
	NUM_DECIMAL,
	NUM_DECIMAL_ZERO,
	NUM_LOWER_LETTER,
	NUM_UPPER_LETTER,
	NUM_LOWER_ROMAN,
	NUM_UPPER_ROMAN,
	NUM_BULLET,
	NUM_NONE,
};

struct num_lvl {
	long start;
	enum num_fmt fmt;
	const char *text; /* w:lvlText, NULL when absent */
};

struct num_abstract {
	long id;
	struct num_lvl lvl[NUM_LEVELS];
	long count[NUM_LEVELS];
	bool used[NUM_LEVELS];
};

struct num_def {
	long id, abstract_id;
	struct num_abstract *abs;
	long start_override[NUM_LEVELS]; /* -1 none */
	bool override_done[NUM_LEVELS];
};

struct docx_numbering {
	struct arena *arena;
	struct num_abstract *abs;
	size_t nabs, cap_abs;
	struct num_def *nums;
	size_t nnums, cap_nums;
};

static int
abs_cmp(const void *a, const void *b)
{
	long x = ((const struct num_abstract *)a)->id;
	long y = ((const struct num_abstract *)b)->id;

	return x < y ? -1 : x > y;
}

static int
num_cmp(const void *a, const void *b)
{
	long x = ((const struct num_def *)a)->id;
	long y = ((const struct num_def *)b)->id;

	return x < y ? -1 : x > y;
}

static enum num_fmt
num_fmt_of(const char *v)
{
	static const struct {
		const char *name;
		enum num_fmt fmt;
	} fmts[] = {
		{ "decimal", NUM_DECIMAL },
		{ "decimalZero", NUM_DECIMAL_ZERO },
		{ "lowerLetter", NUM_LOWER_LETTER },
		{ "upperLetter", NUM_UPPER_LETTER },
		{ "lowerRoman", NUM_LOWER_ROMAN },
		{ "upperRoman", NUM_UPPER_ROMAN },
		{ "bullet", NUM_BULLET },
		{ "none", NUM_NONE },
	};
	size_t i;

	if (v == NULL)
		return NUM_DECIMAL;
	for (i = 0; i < sizeof fmts / sizeof fmts[0]; i++)
		if (strcmp(v, fmts[i].name) == 0)
			return fmts[i].fmt;
	return NUM_DECIMAL;
}

static bool
num_long(const char *v, long *out)
{
	unsigned long u;

	if (!docx_xml_uint(v, 0, 0x7fffffffUL, &u))
		return false;
	*out = (long)u;
	return true;
}

/* Room for one more `size`-byte element in an arena array. */
static void *
num_grow(struct arena *a, void *v, size_t n, size_t *cap, size_t size)
{
	size_t ncap;

	if (n < *cap)
		return v;
	ncap = *cap == 0 ? 8 : *cap * 2;
	if (ncap > SIZE_MAX / size)
		return NULL;
	v = arena_grow(a, v, *cap * size, ncap * size);
	if (v != NULL)
		*cap = ncap;
	return v;
}

/* Contract in docx_numbering.h. */
enum err
docx_numbering_parse(const char *part, const uint8_t *data, size_t len,
    const struct limits *lim, struct arena *a, struct docx_numbering **out,
    struct diag *diag)
{
	const struct docx_xml_names *nm;
	struct docx_numbering *nb;
	struct docx_xml *x = NULL;
	struct docx_xml_node n;
	struct num_abstract *ca = NULL;
	struct num_def *cn = NULL;
	struct num_lvl *cl = NULL;
	long cur_override = -1;
	enum err e;
	size_t i;
	int rc, k;

	*out = NULL;
	nb = arena_alloc(a, sizeof *nb);
	if (nb == NULL)
		return diag_set(diag, ERR_NOMEM, "out of memory");
	nb->arena = a;
	e = docx_xml_open(part, data, len, lim, &x, &nm, diag);
	if (e != ERR_OK)
		return e;
	while ((rc = docx_xml_next(x, &n, diag)) > 0) {
		const char *up1;
		long v;

		if (n.type == DOCX_XML_END) {
			/* Leaving a definition or a level ends it. */
			if (n.depth <= 1) {
				ca = NULL;
				cn = NULL;
			}
			if (n.depth <= 2) {
				cl = NULL;
				cur_override = -1;
			}
			continue;
		}
		if (n.type != DOCX_XML_START || n.ns != DOCX_NS_W)
			continue;
		up1 = n.depth >= 1 ? docx_xml_ancestor(x, n.depth - 1) : NULL;
		if (n.depth == 1) {
			ca = NULL;
			cn = NULL;
		}
		if (n.depth <= 2) {
			cl = NULL;
			cur_override = -1;
		}
		if (n.name == nm->abstractNum && n.depth == 1) {
			if (!num_long(docx_xml_attr(x, nm->abstractNumId), &v))
				continue;
			nb->abs = num_grow(a, nb->abs, nb->nabs, &nb->cap_abs,
			    sizeof *nb->abs);
			if (nb->abs == NULL)
				goto nomem;
			ca = &nb->abs[nb->nabs++];
			memset(ca, 0, sizeof *ca);
			ca->id = v;
			for (k = 0; k < NUM_LEVELS; k++)
				ca->lvl[k].start = 1;
			if (n.empty)
				ca = NULL;
		} else if (n.name == nm->num && n.depth == 1) {
			if (!num_long(docx_xml_attr(x, nm->numId), &v))
				continue;
			nb->nums = num_grow(a, nb->nums, nb->nnums,
			    &nb->cap_nums, sizeof *nb->nums);
			if (nb->nums == NULL)
				goto nomem;
			cn = &nb->nums[nb->nnums++];
			memset(cn, 0, sizeof *cn);
			cn->id = v;
			cn->abstract_id = -1;
			for (k = 0; k < NUM_LEVELS; k++)
				cn->start_override[k] = -1;
			if (n.empty)
				cn = NULL;
		} else if (ca != NULL && n.name == nm->lvl && n.depth == 2) {
			if (num_long(docx_xml_attr(x, nm->ilvl), &v) &&
			    v < NUM_LEVELS)
				cl = &ca->lvl[v];
		} else if (cl != NULL && n.depth == 3 && up1 == nm->lvl) {
			const char *val = docx_xml_attr(x, nm->val);

			if (n.name == nm->start && num_long(val, &v))
				cl->start = v;
			else if (n.name == nm->numFmt)
				cl->fmt = num_fmt_of(val);
			else if (n.name == nm->lvlText && val != NULL) {
				cl->text = arena_strdup(a, val);
				if (cl->text == NULL)
					goto nomem;
			}
		} else if (cn != NULL && n.depth == 2 &&
		    n.name == nm->abstractNumId) {
			if (num_long(docx_xml_attr(x, nm->val), &v))
				cn->abstract_id = v;
		} else if (cn != NULL && n.depth == 2 &&
		    n.name == nm->lvlOverride) {
			if (num_long(docx_xml_attr(x, nm->ilvl), &v) &&
			    v < NUM_LEVELS)
				cur_override = v;
		} else if (cn != NULL && cur_override >= 0 && n.depth == 3 &&
		    n.name == nm->startOverride) {
			if (num_long(docx_xml_attr(x, nm->val), &v))
				cn->start_override[cur_override] = v;
		}
	}
	docx_xml_close(x);
	x = NULL;
	if (rc < 0)
		return diag->code;
	if (nb->nabs > 0)
		qsort(nb->abs, nb->nabs, sizeof *nb->abs, abs_cmp);
	if (nb->nnums > 0)
		qsort(nb->nums, nb->nnums, sizeof *nb->nums, num_cmp);
	for (i = 0; i < nb->nnums; i++) {
		struct num_abstract key;

		key.id = nb->nums[i].abstract_id;
		nb->nums[i].abs = nb->nabs == 0
		    ? NULL
		    : bsearch(
			  &key, nb->abs, nb->nabs, sizeof *nb->abs, abs_cmp);
	}
	*out = nb;
	return ERR_OK;
nomem:
	docx_xml_close(x);
	return diag_set(diag, ERR_NOMEM, "%s: out of memory", part);
}

static void
num_roman(struct buf *b, long v, bool upper)
{
	static const struct {
		long v;
		const char *s;
	} r[] = {
		{ 1000, "m" },
		{ 900, "cm" },
		{ 500, "d" },
		{ 400, "cd" },
		{ 100, "c" },
		{ 90, "xc" },
		{ 50, "l" },
		{ 40, "xl" },
		{ 10, "x" },
		{ 9, "ix" },
		{ 5, "v" },
		{ 4, "iv" },
		{ 1, "i" },
	};
	size_t i;

	if (v <= 0 || v >= 5000) {
		(void)buf_printf(b, "%ld", v);
		return;
	}
	for (i = 0; i < sizeof r / sizeof r[0]; i++) {
		while (v >= r[i].v) {
			const char *s;

			for (s = r[i].s; *s != '\0'; s++)
				(void)buf_putc(
				    b, upper ? g_ascii_toupper(*s) : *s);
			v -= r[i].v;
		}
	}
}

static void
num_format(struct buf *b, long v, enum num_fmt fmt)
{
	long reps, i;
	char c;

	switch (fmt) {
	case NUM_DECIMAL_ZERO:
		(void)buf_printf(b, "%02ld", v);
		break;
	case NUM_LOWER_LETTER:
	case NUM_UPPER_LETTER:
		/* Word: a..z, then aa..zz, aaa... */
		if (v <= 0 || v > 780) {
			(void)buf_printf(b, "%ld", v);
			break;
		}
		c = (char)((fmt == NUM_LOWER_LETTER ? 'a' : 'A') +
		    (v - 1) % 26);
		reps = (v - 1) / 26 + 1;
		for (i = 0; i < reps; i++)
			(void)buf_putc(b, c);
		break;
	case NUM_LOWER_ROMAN:
	case NUM_UPPER_ROMAN:
		num_roman(b, v, fmt == NUM_UPPER_ROMAN);
		break;
	case NUM_BULLET:
	case NUM_NONE:
		break;
	case NUM_DECIMAL:
	default:
		(void)buf_printf(b, "%ld", v);
		break;
	}
}

/* A bullet drawn from a symbol font (U+F0xx) or a control becomes "•". */
static void
num_bullet(struct buf *b, const char *text)
{
	const char *p;

	if (text == NULL || *text == '\0') {
		(void)buf_puts(b, "\u2022");
		return;
	}
	for (p = text; *p != '\0'; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);

		if ((c >= 0xE000 && c <= 0xF8FF) || c < 0x20) {
			(void)buf_puts(b, "\u2022");
			return;
		}
	}
	(void)buf_puts(b, text);
}

/* Contract in docx_numbering.h. */
const char *
docx_numbering_next(struct docx_numbering *nb, long num_id, unsigned ilvl)
{
	struct num_def key, *nd;
	struct num_abstract *ab;
	const struct num_lvl *lv;
	const char *p;
	struct buf b;
	char *res;
	unsigned k;

	if (nb == NULL || ilvl >= NUM_LEVELS || nb->nnums == 0)
		return NULL;
	key.id = num_id;
	nd = bsearch(&key, nb->nums, nb->nnums, sizeof *nb->nums, num_cmp);
	if (nd == NULL || nd->abs == NULL)
		return NULL;
	ab = nd->abs;
	lv = &ab->lvl[ilvl];
	if (nd->start_override[ilvl] >= 0 && !nd->override_done[ilvl]) {
		nd->override_done[ilvl] = true;
		ab->count[ilvl] = nd->start_override[ilvl];
		ab->used[ilvl] = true;
	} else if (!ab->used[ilvl]) {
		ab->count[ilvl] = lv->start;
		ab->used[ilvl] = true;
	} else if (ab->count[ilvl] < 0x7fffffffL)
		ab->count[ilvl]++;
	for (k = ilvl + 1; k < NUM_LEVELS; k++)
		ab->used[k] = false;

	buf_init(&b, 4096);
	if (lv->fmt == NUM_BULLET)
		num_bullet(&b, lv->text);
	else if (lv->fmt != NUM_NONE && lv->text == NULL)
		num_format(&b, ab->count[ilvl], lv->fmt);
	else if (lv->fmt != NUM_NONE) {
		for (p = lv->text; *p != '\0'; p++) {
			if (p[0] == '%' && p[1] >= '1' && p[1] <= '9') {
				unsigned l = (unsigned)(p[1] - '1');
				long v = ab->used[l] || l == ilvl
				    ? ab->count[l]
				    : ab->lvl[l].start;

				num_format(&b, v,
				    ab->lvl[l].fmt == NUM_BULLET ||
					    ab->lvl[l].fmt == NUM_NONE
					? NUM_DECIMAL
					: ab->lvl[l].fmt);
				p++;
			} else
				(void)buf_putc(&b, *p);
		}
	}
	res = b.overflow ? NULL : arena_strndup(nb->arena, buf_str(&b), b.len);
	buf_fini(&b);
	return res;
}
