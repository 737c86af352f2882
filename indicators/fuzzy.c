/* SPDX-License-Identifier: MIT */
/* Banded Levenshtein distance (Ukkonen's cut-off). */
#include "indicators/fuzzy.h"

#include <string.h>

size_t
fuzzy_distance(
    const char *a, size_t alen, const char *b, size_t blen, size_t max)
{
	size_t prev[FUZZY_MAX + 1], cur[FUZZY_MAX + 1];
	size_t i, j;

	if (alen > FUZZY_MAX)
		alen = FUZZY_MAX;
	if (blen > FUZZY_MAX)
		blen = FUZZY_MAX;
	if ((alen > blen ? alen - blen : blen - alen) > max)
		return max + 1;
	for (j = 0; j <= blen; j++)
		prev[j] = j;
	for (i = 1; i <= alen; i++) {
		size_t lo = i > max ? i - max : 1;
		size_t hi = i + max < blen ? i + max : blen;
		size_t best = max + 1;

		cur[0] = i;
		if (lo > 1)
			cur[lo - 1] = max + 1;
		for (j = lo; j <= hi; j++) {
			size_t d = prev[j - 1] + (a[i - 1] != b[j - 1]);
			size_t up = j <= i - 1 + max ? prev[j] + 1 : max + 1;
			size_t left = cur[j - 1] + 1;

			if (up < d)
				d = up;
			if (left < d)
				d = left;
			cur[j] = d;
			if (d < best)
				best = d;
		}
		if (hi < blen)
			cur[hi + 1] = max + 1;
		if (best > max && lo <= hi)
			return max + 1;
		memcpy(prev, cur,
		    (hi + 2 <= blen + 1 ? hi + 2 : blen + 1) * sizeof prev[0]);
	}
	return prev[blen] > max ? max + 1 : prev[blen];
}

double
fuzzy_similarity(const char *a, const char *b, double floor)
{
	size_t al = strlen(a), bl = strlen(b), n = al > bl ? al : bl, max, d;

	if (n == 0)
		return al == bl ? 1.0 : 0.0;
	if (n > FUZZY_MAX)
		n = FUZZY_MAX;
	max = (size_t)((1.0 - floor) * (double)n);
	d = fuzzy_distance(a, al, b, bl, max);
	if (d > max)
		return 0.0;
	return 1.0 - (double)d / (double)n;
}
