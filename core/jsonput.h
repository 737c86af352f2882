/* SPDX-License-Identifier: MIT */
/*
 * Members written into a json-glib builder the way every JSON reportd
 * writes them (result records, the review API, exports, status): an
 * absent string is null, and a number is null when absent or not
 * finite, a whole number without a fraction (7972, not 7972.0).
 */
#ifndef CORE_JSONPUT_H
#define CORE_JSONPUT_H

#include <json-glib/json-glib.h>
#include <stdbool.h>
#include <stdint.h>

/* "key": "val", or "key": null when `val` is NULL. */
void jsonput_str(JsonBuilder *b, const char *key, const char *val);
/* "key": v, or "key": null when !has or v is not finite. */
void jsonput_num(JsonBuilder *b, const char *key, bool has, double v);
/* "key": v. */
void jsonput_int(JsonBuilder *b, const char *key, int64_t v);

#endif
