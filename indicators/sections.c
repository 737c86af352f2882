/* SPDX-License-Identifier: MIT */
/* Headings to reform areas. */
#include "indicators/sections.h"

#include <glib.h>
#include <string.h>

#include "indicators/fold.h"
#include "indicators/fuzzy.h"

#define HEADING_MAX 200 /* bytes; longer paragraphs are not headings */
#define KEY_MAX     512

enum numbering {
	NUM_NONE,
	NUM_ROMAN,  /* "II." */
	NUM_DIGITS, /* "2.", "2.3.", "2.3)" */
	NUM_LETTER, /* "a)", "b." */
};

/* Length of a leading number like "2.3.", "IV.", "a)" (with the space
 * after it), and its kind. */
static size_t
numbering(const char *s, size_t len, enum numbering *kind)
{
	size_t i = 0;

	*kind = NUM_NONE;
	if (len == 0)
		return 0;
	if (s[0] >= '0' && s[0] <= '9') {
		while (i < len && ((s[i] >= '0' && s[i] <= '9') || s[i] == '.'))
			i++;
		if (i < len && s[i] == ')')
			i++;
		if (i < len && s[i] != ' ' && s[i] != '\t')
			return 0;
		*kind = NUM_DIGITS;
	} else if (strchr("IVX", s[0]) != NULL) {
		while (i < len && strchr("IVX", s[i]) != NULL)
			i++;
		if (i >= len || (s[i] != '.' && s[i] != ')') || i > 4)
			return 0;
		i++;
		*kind = NUM_ROMAN;
	} else if (len > 2 && s[0] >= 'a' && s[0] <= 'z' &&
	    (s[1] == ')' || s[1] == '.') && s[2] == ' ') {
		i = 2;
		*kind = NUM_LETTER;
	} else {
		return 0;
	}
	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i;
}

/* True when the letters of `s` are all capitals. */
static bool
all_caps(const char *s, size_t len)
{
	const char *p = s, *end = s + len;
	int letters = 0;

	while (p < end) {
		gunichar c = g_utf8_get_char_validated(p, (gssize)(end - p));

		if (c == (gunichar)-1 || c == (gunichar)-2)
			return false;
		if (g_unichar_islower(c))
			return false;
		if (g_unichar_isupper(c))
			letters++;
		p += g_utf8_skip[*(const guchar *)p];
	}
	return letters >= 4;
}

const char *
sections_area_of(
    const struct catalogue *cat, const char *text, size_t len, int *numbered)
{
	enum numbering nk;
	size_t skip = numbering(text, len, &nk), i, best_len = 0;
	const char *best = NULL, *k;
	char key[KEY_MAX];

	*numbered = nk == NUM_DIGITS || nk == NUM_ROMAN;
	fold_buf(key, sizeof key, text + skip, len - skip);
	k = key;
	if (fold_starts_with(k, "ve"))
		k += 3;
	for (i = 0; i < catalogue_nsections(cat); i++) {
		const struct cat_section *s = catalogue_section(cat, i);
		size_t pl = strlen(s->phrase);

		if (pl > best_len && fold_starts_with(k, s->phrase)) {
			best = s->area;
			best_len = pl;
		}
	}
	/* OCR damage ("Cai cach the chc"): a numbered heading whose start
	 * is within a few letters of a long phrase. */
	for (i = 0; best == NULL && *numbered && i < catalogue_nsections(cat);
	     i++) {
		const struct cat_section *s = catalogue_section(cat, i);
		size_t pl = strlen(s->phrase), kl = strlen(k);
		char head[KEY_MAX];

		if (pl < 14 || kl < pl - 2)
			continue;
		memcpy(head, k, pl < kl ? pl : kl);
		head[pl < kl ? pl : kl] = '\0';
		if (fuzzy_similarity(head, s->phrase, 0.85) >= 0.85 &&
		    (k[pl] == '\0' || k[pl] == ' ' || kl < pl)) {
			best = s->area;
			best_len = pl;
		}
	}
	/* A sentence that happens to start like a heading ("Thủ tục hành
	 * chính được ... ") goes on well past it. */
	if (best != NULL) {
		const char *rest = k + best_len;
		int words = 0;

		while (*rest != '\0') {
			if (*rest == ' ')
				words++;
			rest++;
		}
		if (words > 14)
			return NULL;
	}
	return best;
}

static bool
is_reform_area(const char *area)
{
	static const char *const keys[] = { "chi_dao_dieu_hanh", "the_che",
		"tthc", "bo_may", "cong_vu", "tai_chinh_cong",
		"chinh_quyen_so" };
	size_t i;

	for (i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (strcmp(area, keys[i]) == 0)
			return true;
	return false;
}

enum err
sections_map(const struct doc *d, const struct catalogue *cat, size_t from,
    size_t to, struct result *r, struct arena *a, const char ***area_of)
{
	const char **areas = NULL;
	const char *cur = NULL;
	const char *done[16];
	size_t ndone = 0, i, j;

	if (area_of != NULL) {
		areas = arena_calloc(a, d->blocks.n + 1, sizeof *areas);
		if (areas == NULL)
			return ERR_NOMEM;
		*area_of = areas;
	}
	if (to > d->blocks.n)
		to = d->blocks.n;
	for (i = from; i < to; i++) {
		const struct doc_block *b = d->blocks.v[i];
		enum numbering nk;
		const char *area;
		int numbered;
		bool heading;

		if (areas != NULL)
			areas[i] = cur;
		if (b->kind == DOC_TABLE || b->part != DOC_PART_BODY ||
		    b->len == 0 || b->len > HEADING_MAX)
			continue;
		(void)numbering(b->text, b->len, &nk);
		heading = b->kind == DOC_HEADING ||
		    (nk != NUM_NONE && nk != NUM_LETTER) ||
		    (b->kind == DOC_LIST_ITEM && b->list_label != NULL &&
			b->list_label[0] != '-' && b->list_label[0] != '+') ||
		    all_caps(b->text, b->len);
		if (!heading)
			continue;
		area = sections_area_of(cat, b->text, b->len, &numbered);
		if (area == NULL) {
			/* A top-level heading of another kind ("II. KẾT QUẢ
			 * THỰC HIỆN ...") closes the open area. */
			if (nk == NUM_ROMAN)
				cur = NULL;
			if (areas != NULL)
				areas[i] = cur;
			continue;
		}
		cur = area;
		if (areas != NULL)
			areas[i] = cur;
		for (j = 0; j < ndone; j++)
			if (strcmp(done[j], area) == 0)
				break;
		if (j < ndone)
			continue;
		if (ndone < sizeof done / sizeof done[0])
			done[ndone++] = area;
		/* The record lists reform areas; the closing parts only
		 * bound them (and keep plans out of the results). */
		if (!is_reform_area(area))
			continue;
		{
			struct result_section *s = arena_alloc(a, sizeof *s);

			if (s == NULL)
				return ERR_NOMEM;
			s->area = area;
			s->heading = b->text;
			s->page = b->page;
			if (ptrvec_push(&r->sections, a, s) != 0)
				return ERR_NOMEM;
		}
	}
	for (; areas != NULL && i < d->blocks.n; i++)
		areas[i] = NULL;
	return ERR_OK;
}
