/* SPDX-License-Identifier: MIT */
/*
 * Narrative headings to reform areas.  A heading is a short numbered
 * paragraph ("I.", "2.3.", "4."), a paragraph the format marks as a
 * heading or list item, or a short line in capitals; it opens an area
 * when, without its number and a leading "Về", it starts with one of
 * the catalogue's phrases (sections.tsv).  Older names map to the same
 * keys ("Hiện đại hóa hành chính" is chinh_quyen_so).  Each area is
 * reported once, at its first heading; a sub-heading of the area already
 * open ("1.2 Công tác kiểm tra CCHC" under "1. Công tác chỉ đạo") adds
 * nothing.  Closing parts (assessment "danh_gia", plans
 * "phuong_huong", recommendations "kien_nghi") end the area before them
 * and are told to the narrative reader, but the record lists the seven
 * reform areas only.
 */
#ifndef INDICATORS_SECTIONS_H
#define INDICATORS_SECTIONS_H

#include <stddef.h>

#include "core/arena.h"
#include "core/doc.h"
#include "core/err.h"
#include "core/result.h"
#include "indicators/catalogue.h"

/*
 * Appends the reform-area headings of top-level blocks [from, to) to
 * r->sections.  When `area_of` is not NULL it receives, for every
 * top-level block, the area it falls under (NULL before the first area
 * or after a heading that closes one), for the narrative reader.
 */
enum err sections_map(const struct doc *, const struct catalogue *, size_t from,
    size_t to, struct result *, struct arena *, const char ***area_of);

/*
 * The area a heading text opens, or NULL.  *numbered says whether it
 * carried a number ("2.1.", "IV.") rather than a letter ("a)").
 */
const char *sections_area_of(
    const struct catalogue *, const char *text, size_t len, int *numbered);

#endif
