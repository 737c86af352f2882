/* SPDX-License-Identifier: MIT */
/* Cleaning the issuing body's name: see issuer.h. */
#include "indicators/issuer.h"

#include <glib.h>
#include <string.h>

#include "indicators/fold.h"
#include "indicators/fuzzy.h"

enum {
	MAX_WORDS = 32,
	WORD_KEY = 64,
	NAME_KEY = 160,
	MAX_CANDS = 32
};

/* A word of a text: its bytes, without punctuation around it, and its
 * fold key. */
struct word {
	const char *p;
	size_t len;
	char key[WORD_KEY];
};

static bool
is_punct(unsigned char c)
{
	return c < 0x80 && (g_ascii_ispunct(c) || c == ' ');
}

/* Splits `s` at white space into at most `max` words; words that are
 * only punctuation (":", "|", "-") are dropped. */
static size_t
split_words(const char *s, size_t len, struct word *w, size_t max)
{
	size_t i = 0, n = 0;

	while (i < len && n < max) {
		size_t start, end;

		while (i < len && g_ascii_isspace(s[i]))
			i++;
		start = i;
		while (i < len && !g_ascii_isspace(s[i]))
			i++;
		end = i;
		while (start < end && is_punct((unsigned char)s[start]))
			start++;
		while (end > start && is_punct((unsigned char)s[end - 1]))
			end--;
		if (start == end)
			continue;
		w[n].p = s + start;
		w[n].len = end - start;
		fold_buf(w[n].key, sizeof w[n].key, w[n].p, w[n].len);
		n++;
	}
	return n;
}

/* Words that open the name of a body: "UBND" or "ỦY BAN NHÂN DÂN"; the
 * count of words, 0 when `w` does not open one. */
static size_t
opening(const struct word *w, size_t n)
{
	static const char *const long_form[] = { "uy", "ban", "nhan", "dan" };
	size_t k;

	if (n >= 1 && strcmp(w[0].key, "ubnd") == 0)
		return 1;
	if (n < 4)
		return 0;
	for (k = 0; k < 4; k++)
		if (strcmp(w[k].key, long_form[k]) != 0)
			return 0;
	return 4;
}

/* The kinds of body, as fold keys and as printed. */
static const struct unit_word {
	const char *key[2];
	const char *upper, *lower;
} units[] = {
	{ { "thi", "tran" }, "THỊ TRẤN", "thị trấn" },
	{ { "thi", "xa" }, "THỊ XÃ", "thị xã" },
	{ { "thanh", "pho" }, "THÀNH PHỐ", "thành phố" },
	{ { "phuong", NULL }, "PHƯỜNG", "phường" },
	{ { "xa", NULL }, "XÃ", "xã" },
	{ { "huyen", NULL }, "HUYỆN", "huyện" },
	{ { "quan", NULL }, "QUẬN", "quận" },
	{ { "tinh", NULL }, "TỈNH", "tỉnh" },
};

/* The kind of body `w` starts with; its word count in *nw. */
static const struct unit_word *
unit_at(const struct word *w, size_t n, size_t *nw)
{
	size_t u;

	for (u = 0; u < G_N_ELEMENTS(units); u++) {
		size_t k = units[u].key[1] != NULL ? 2 : 1;

		if (n < k || strcmp(w[0].key, units[u].key[0]) != 0 ||
		    (k == 2 && strcmp(w[1].key, units[u].key[1]) != 0))
			continue;
		*nw = k;
		return &units[u];
	}
	return NULL;
}

static bool
is_upper(const char *p, size_t len)
{
	char *up = g_utf8_strup(p, (gssize)len);
	bool same = strlen(up) == len && memcmp(up, p, len) == 0;

	g_free(up);
	return same;
}

/* The fold key of words w[0..n) joined by one space. */
static void
join_keys(const struct word *w, size_t n, char *dst, size_t cap)
{
	size_t i, at = 0;

	dst[0] = '\0';
	for (i = 0; i < n; i++) {
		size_t l = strlen(w[i].key);

		if (at + l + 2 > cap)
			break;
		if (i > 0)
			dst[at++] = ' ';
		memcpy(dst + at, w[i].key, l + 1);
		at += l;
	}
}

/* Words w[0..n) as printed, joined by one space, in capitals when
 * `upper`, NFC; g_free it. */
static char *
join_printed(const struct word *w, size_t n, bool upper)
{
	GString *s = g_string_new(NULL);
	char *out, *nfc;
	size_t i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			g_string_append_c(s, ' ');
		g_string_append_len(s, w[i].p, (gssize)w[i].len);
	}
	out = upper ? g_utf8_strup(s->str, -1) : g_strdup(s->str);
	g_string_free(s, TRUE);
	nfc = g_utf8_normalize(out, -1, G_NORMALIZE_NFC);
	g_free(out);
	return nfc;
}

struct tally {
	char *text[MAX_CANDS];
	unsigned count[MAX_CANDS];
	size_t n;
};

static void
tally_add(struct tally *t, char *text)
{
	size_t i;

	if (text == NULL)
		return;
	for (i = 0; i < t->n; i++)
		if (strcmp(t->text[i], text) == 0) {
			t->count[i]++;
			g_free(text);
			return;
		}
	if (t->n == MAX_CANDS) {
		g_free(text);
		return;
	}
	t->text[t->n] = text;
	t->count[t->n++] = 1;
}

/* Counts the spellings of the place name `name` (n words) in the text
 * blocks of `d`: runs of n words whose fold key is the name's, or one
 * edit from it for a name of five letters or more. */
static void
count_spellings(const struct doc *d, const struct word *name, size_t n,
    bool upper, struct tally *t)
{
	char key[NAME_KEY], run[NAME_KEY];
	struct word w[MAX_WORDS * 4];
	size_t b, i, klen, slack;

	join_keys(name, n, key, sizeof key);
	klen = strlen(key);
	slack = klen >= 5 ? 1 : 0;
	for (b = 0; b < d->blocks.n; b++) {
		const struct doc_block *blk = d->blocks.v[b];
		size_t nw;

		if (blk->kind == DOC_TABLE || blk->text == NULL)
			continue;
		nw = split_words(blk->text, blk->len, w, G_N_ELEMENTS(w));
		for (i = 0; i + n <= nw; i++) {
			join_keys(w + i, n, run, sizeof run);
			if (fuzzy_distance(
				run, strlen(run), key, klen, slack) <= slack)
				tally_add(t, join_printed(w + i, n, upper));
		}
	}
}

/* The place name as the report spells it most often, or NULL to keep
 * the header's; g_free it. */
static char *
voted_name(const struct doc *d, const struct word *name, size_t n)
{
	bool upper = is_upper(name[0].p, name[0].len);
	char *own = join_printed(name, n, upper), *best = NULL;
	unsigned own_count = 0, best_count = 0;
	struct tally t = { .n = 0 };
	size_t i;

	count_spellings(d, name, n, upper, &t);
	for (i = 0; i < t.n; i++) {
		if (strcmp(t.text[i], own) == 0)
			own_count = t.count[i];
		else if (t.count[i] > best_count) {
			best_count = t.count[i];
			best = t.text[i];
		}
	}
	/* Ties keep the header's spelling. */
	best = best != NULL && best_count > own_count ? g_strdup(best) : NULL;
	for (i = 0; i < t.n; i++)
		g_free(t.text[i]);
	g_free(own);
	return best;
}

const char *
issuer_clean(const char *issuer, const struct doc *d, bool ocr, struct arena *a)
{
	struct word w[MAX_WORDS];
	size_t n, i, start = 0, open, nunit = 0;
	const struct unit_word *unit = NULL;
	GString *s;
	const char *res;

	if (issuer == NULL)
		return NULL;
	/* A text layer gives the header's lines as printed. */
	if (!ocr)
		return issuer;
	n = split_words(issuer, strlen(issuer), w, MAX_WORDS);
	if (n == 0)
		return NULL;
	/* The last body named is the issuer; those before are parents. */
	for (i = 1; i < n; i++)
		if (opening(w + i, n - i) > 0)
			start = i;
	open = opening(w + start, n - start);
	if (open > 0)
		unit = unit_at(w + start + open, n - start - open, &nunit);
	s = g_string_new(NULL);
	for (i = start; i < start + open; i++) {
		if (i > start)
			g_string_append_c(s, ' ');
		g_string_append_len(s, w[i].p, (gssize)w[i].len);
	}
	i = start + open;
	if (unit != NULL) {
		g_string_append_c(s, ' ');
		g_string_append(
		    s, is_upper(w[i].p, w[i].len) ? unit->upper : unit->lower);
		i += nunit;
	}
	if (unit != NULL && i < n) {
		char *name = voted_name(d, w + i, n - i);

		if (name != NULL) {
			g_string_append_c(s, ' ');
			g_string_append(s, name);
			g_free(name);
			i = n;
		}
	}
	for (; i < n; i++) {
		if (s->len > 0)
			g_string_append_c(s, ' ');
		g_string_append_len(s, w[i].p, (gssize)w[i].len);
	}
	res = strcmp(s->str, issuer) == 0 ? issuer : arena_strdup(a, s->str);
	g_string_free(s, TRUE);
	return res;
}
