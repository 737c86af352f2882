/* SPDX-License-Identifier: MIT */
/* The mapping steps in order: metadata, sections, appendix, text. */
#include "indicators/map.h"

#include "indicators/appendix.h"
#include "indicators/metadata.h"
#include "indicators/narrative.h"
#include "indicators/sections.h"

enum err
map_document(const struct doc *d, const struct catalogue *cat, struct result *r,
    struct arena *a)
{
	struct metadata_info info;
	const char **area_of = NULL;
	enum err e;

	e = metadata_map(d, r, a, &info);
	if (e == ERR_OK)
		e = sections_map(
		    d, cat, info.title_end, info.body_end, r, a, &area_of);
	if (e == ERR_OK)
		e = appendix_map(d, cat, info.level, r, a);
	if (e == ERR_OK)
		e = narrative_map(d, cat, info.title_end, info.body_end,
		    (const char *const *)area_of, r, a);
	return e;
}
