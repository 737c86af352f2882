/* SPDX-License-Identifier: MIT */
/*
 * Every cap on untrusted input in one place, each with its reason.  The
 * defaults follow the proposals in docs/LIMITS.md; the daemon's config
 * may change them within the floors and ceilings it checks.
 */
#ifndef CORE_LIMITS_H
#define CORE_LIMITS_H

#include <stddef.h>
#include <stdint.h>

struct limits {
	/* Whole input file.  Real reports are under 10 MiB; scans of 40
	 * pages can reach 60 MiB. */
	size_t input_max;

	/* Bytes one document's model may occupy (arena cap). */
	size_t arena_max;

	/* DOCX package: a real report has under 100 entries. */
	unsigned zip_entries_max;
	/* One XML part, inflated.  The longest real document.xml we have
	 * seen is under 2 MiB. */
	size_t zip_entry_max;
	/* All parts we read, inflated, together. */
	size_t zip_total_max;
	/* Inflated/compressed ratio above which a part larger than
	 * zip_ratio_floor is a bomb.  XML compresses 10-30x. */
	unsigned zip_ratio_max;
	size_t zip_ratio_floor;

	/* XML element nesting (libxml2's own default is 256). */
	unsigned xml_depth_max;
	/* Elements in one part. */
	size_t xml_elements_max;
	/* Tables nested in tables: Word allows this, reports use 2-3. */
	unsigned table_depth_max;
	/* Rows and columns of one table. */
	unsigned table_rows_max;
	unsigned table_cols_max;
	/* Extracted text of the whole document. */
	size_t text_max;

	/* PDF and images. */
	unsigned pages_max;
	/* Positioned words (or ruling lines) on one page given to the
	 * layout module.  A dense A3 table page holds about 10 000. */
	size_t page_words_max;
	double page_side_max_pt; /* 200 inches, poppler's own sanity bound */
	unsigned image_side_max_px;
	uint64_t image_pixels_max;
	unsigned ocr_dpi;
};

/* The production defaults. */
void limits_default(struct limits *);

#endif
