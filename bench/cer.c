/* SPDX-License-Identifier: MIT */
/*
 * Character error rate of a recognised text against a reference:
 * Levenshtein distance over code points after NFC and whitespace
 * normalisation (every run of white space is one space, none at the
 * ends), divided by the reference length.  With diacritics stripped,
 * both texts are also decomposed, combining marks dropped and đ/Đ read
 * as d/D, so the figure shows what is left when tone marks are ignored.
 *
 * Reading order matters to that figure (a table read column by column
 * scores badly even when every word is right), so the tool also prints
 * an order-free word figure: the share of reference words (as a
 * multiset) missing from the hypothesis.
 *
 * usage: cer [-s] REFERENCE HYPOTHESIS
 * prints: errors reference_chars cer missing_words reference_words wer_bag
 *
 * Built by bench/ocr.sh; tests include it with CER_NO_MAIN defined.
 */
#include <glib.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Normalised code points of `s`; *n gets the count.  g_free the result. */
static gunichar *
cer_codepoints(const char *s, size_t len, bool strip, size_t *n)
{
	gchar *norm = g_utf8_normalize(
	    s, (gssize)len, strip ? G_NORMALIZE_NFD : G_NORMALIZE_NFC);
	gunichar *out;
	const gchar *p;
	size_t k = 0;
	bool space = false;

	*n = 0;
	if (norm == NULL) /* invalid UTF-8: count it as empty */
		return g_new0(gunichar, 1);
	out = g_new(gunichar, (gsize)g_utf8_strlen(norm, -1) + 1);
	for (p = norm; *p != '\0'; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);

		if (g_unichar_isspace(c)) {
			space = k > 0;
			continue;
		}
		if (strip) {
			if (g_unichar_ismark(c))
				continue;
			if (c == 0x0110)
				c = 'D';
			else if (c == 0x0111)
				c = 'd';
		}
		if (space)
			out[k++] = ' ';
		space = false;
		out[k++] = c;
	}
	g_free(norm);
	*n = k;
	return out;
}

/* Edit distance with two rows: O(n*m) time, O(m) memory. */
static size_t
cer_levenshtein(const gunichar *a, size_t na, const gunichar *b, size_t nb)
{
	size_t *prev = g_new(size_t, nb + 1), *cur = g_new(size_t, nb + 1);
	size_t i, j, d;

	for (j = 0; j <= nb; j++)
		prev[j] = j;
	for (i = 1; i <= na; i++) {
		size_t *t;

		cur[0] = i;
		for (j = 1; j <= nb; j++) {
			size_t sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
			size_t del = prev[j] + 1, ins = cur[j - 1] + 1;

			d = sub < del ? sub : del;
			cur[j] = d < ins ? d : ins;
		}
		t = prev;
		prev = cur;
		cur = t;
	}
	d = prev[nb];
	g_free(prev);
	g_free(cur);
	return d;
}

/*
 * Errors of `hyp` against `ref` and the reference length, both counted
 * in normalised code points.  Returns the rate (errors / reference).
 */
static double
cer_compute(const char *ref, size_t rlen, const char *hyp, size_t hlen,
    bool strip, size_t *errors, size_t *refchars)
{
	size_t nr, nh;
	gunichar *r = cer_codepoints(ref, rlen, strip, &nr);
	gunichar *h = cer_codepoints(hyp, hlen, strip, &nh);

	*errors = cer_levenshtein(r, nr, h, nh);
	*refchars = nr;
	g_free(r);
	g_free(h);
	return nr > 0 ? (double)*errors / (double)nr : (nh > 0 ? 1.0 : 0.0);
}

#ifndef CER_NO_MAIN
/* Words of the normalised code points, as UTF-8 strings in a multiset. */
static GHashTable *
cer_bag(const gunichar *cp, size_t n, size_t *nwords)
{
	GHashTable *bag =
	    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	size_t i = 0;

	*nwords = 0;
	while (i < n) {
		size_t j = i;
		gchar *w;
		glong len;

		while (j < n && cp[j] != ' ')
			j++;
		w = g_ucs4_to_utf8(cp + i, (glong)(j - i), NULL, &len, NULL);
		if (w != NULL) {
			gpointer old = g_hash_table_lookup(bag, w);

			g_hash_table_replace(bag, w,
			    GSIZE_TO_POINTER(GPOINTER_TO_SIZE(old) + 1));
			(*nwords)++;
		}
		i = j + 1;
	}
	return bag;
}

/* Reference words (with multiplicity) that the hypothesis lacks. */
static double
cer_bag_missing(const char *ref, size_t rlen, const char *hyp, size_t hlen,
    bool strip, size_t *missing, size_t *refwords)
{
	size_t nr, nh, hw;
	gunichar *r = cer_codepoints(ref, rlen, strip, &nr);
	gunichar *h = cer_codepoints(hyp, hlen, strip, &nh);
	GHashTable *br = cer_bag(r, nr, refwords), *bh = cer_bag(h, nh, &hw);
	GHashTableIter it;
	gpointer k, v;

	*missing = 0;
	g_hash_table_iter_init(&it, br);
	while (g_hash_table_iter_next(&it, &k, &v)) {
		size_t want = GPOINTER_TO_SIZE(v);
		size_t have = GPOINTER_TO_SIZE(g_hash_table_lookup(bh, k));

		if (have < want)
			*missing += want - have;
	}
	g_hash_table_destroy(br);
	g_hash_table_destroy(bh);
	g_free(r);
	g_free(h);
	return *refwords > 0 ? (double)*missing / (double)*refwords : 0.0;
}

int
main(int argc, char **argv)
{
	gchar *ref = NULL, *hyp = NULL;
	gsize rlen, hlen;
	size_t errors, refchars, missing, refwords;
	double wbag;
	bool strip = false;
	int a = 1;
	double rate;

	if (argc > 1 && strcmp(argv[1], "-s") == 0) {
		strip = true;
		a++;
	}
	if (argc - a != 2) {
		fprintf(stderr, "usage: cer [-s] REFERENCE HYPOTHESIS\n");
		return 2;
	}
	if (!g_file_get_contents(argv[a], &ref, &rlen, NULL) ||
	    !g_file_get_contents(argv[a + 1], &hyp, &hlen, NULL)) {
		fprintf(stderr, "cer: cannot read %s or %s\n", argv[a],
		    argv[a + 1]);
		return 2;
	}
	rate = cer_compute(ref, rlen, hyp, hlen, strip, &errors, &refchars);
	wbag =
	    cer_bag_missing(ref, rlen, hyp, hlen, strip, &missing, &refwords);
	printf("%zu %zu %.4f %zu %zu %.4f\n", errors, refchars, rate, missing,
	    refwords, wbag);
	g_free(ref);
	g_free(hyp);
	return 0;
}
#endif
