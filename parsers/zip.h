/* SPDX-License-Identifier: MIT */
/*
 * Zip archives held in memory, read through libarchive's zip reader only,
 * entry by entry into capped memory: the package layer under DOCX.
 * Nothing is ever written to disk; entry names are checked anyway.
 */
#ifndef PARSERS_ZIP_H
#define PARSERS_ZIP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "core/limits.h"

struct zip;

/* One entry read into memory: `data` (in the arena, NUL-terminated for
 * convenience, `len` without the NUL) or NULL when the entry is absent. */
struct zip_part {
	const char *name;
	const uint8_t *data;
	size_t len;
};

/*
 * Lists the archive `data` (`len` bytes, untrusted, kept by the caller
 * for the life of the zip) without inflating anything, and checks every
 * entry: more than lim->zip_entries_max entries, an absolute name or a
 * ".." component, a name repeated under case-insensitive comparison
 * (OPC M1.12), an encrypted entry or a broken directory are errors.
 * *out lives in `arena`.
 */
enum err zip_open(const uint8_t *data, size_t len, const struct limits *lim,
    struct arena *arena, struct zip **out, struct diag *diag);

/* Number of entries, and the name of entry `i` (in archive order). */
size_t zip_count(const struct zip *);
const char *zip_name(const struct zip *, size_t i);
/* The stored name matching `name` case-insensitively, or NULL. */
const char *zip_find(const struct zip *, const char *name);

/*
 * Reads the entries named in parts[0..n) (matched case-insensitively) in
 * one pass, into the arena.  An entry larger than lim->zip_entry_max, all
 * entries read by this zip together larger than lim->zip_total_max, or an
 * entry past lim->zip_ratio_floor whose inflated/compressed ratio passes
 * lim->zip_ratio_max is ERR_LIMIT, found while inflating so a bomb stops
 * early.  Data past an entry's declared size is cut off.  A CRC mismatch
 * or a broken stream is ERR_MALFORMED.  Absent entries keep data NULL.
 */
enum err zip_read(
    struct zip *, struct zip_part *parts, size_t n, struct diag *diag);

#endif
