/* SPDX-License-Identifier: MIT */
/* Production defaults for struct limits (reasons in limits.h). */
#include "core/limits.h"

void
limits_default(struct limits *l)
{
	l->input_max = 128u << 20;
	l->arena_max = 256u << 20;
	l->zip_entries_max = 10000;
	l->zip_entry_max = 64u << 20;
	l->zip_total_max = 256u << 20;
	l->zip_ratio_max = 200;
	l->zip_ratio_floor = 1u << 20;
	l->xml_depth_max = 256;
	l->xml_elements_max = 5000000;
	l->table_depth_max = 16;
	l->table_rows_max = 20000;
	l->table_cols_max = 200;
	l->text_max = 64u << 20;
	l->pages_max = 2000;
	l->page_words_max = 100000;
	l->page_side_max_pt = 14400.0;
	l->image_side_max_px = 25000;
	l->image_pixels_max = 100000000ull;
	l->ocr_dpi = 300;
}
