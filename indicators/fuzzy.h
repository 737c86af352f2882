/* SPDX-License-Identifier: MIT */
/*
 * Edit distance between fold keys, for labels damaged by OCR ("So ho
 * so da tiep nhan" against "so ho so tthc da tiep nhan").  Bounded: the
 * work stops once the distance is known to exceed the caller's limit.
 */
#ifndef INDICATORS_FUZZY_H
#define INDICATORS_FUZZY_H

#include <stddef.h>

/* Longest key compared; longer keys are compared on their first bytes. */
#define FUZZY_MAX 512

/*
 * Levenshtein distance between byte strings a and b, or `max + 1` when
 * it is larger than `max`.
 */
size_t fuzzy_distance(
    const char *a, size_t alen, const char *b, size_t blen, size_t max);

/*
 * Similarity in [0, 1]: 1 - distance / longer length; 0 when the
 * distance is over (1 - floor) of the longer length.
 */
double fuzzy_similarity(const char *a, const char *b, double floor);

#endif
