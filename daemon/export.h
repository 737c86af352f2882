/* SPDX-License-Identifier: MIT */
/*
 * Exports of the store for aggregation systems.  Only documents read
 * successfully and not duplicate submissions are exported, so nothing is
 * counted twice.
 *   csv    long format, one row per unit, period and indicator:
 *          unit, period, indicator_id, value, unit_of_measure, source,
 *          document_id, code, label, period_from, period_to,
 *          submitting_unit (RFC 4180 quoting, UTF-8; a text cell a
 *          spreadsheet would take for a formula gets a leading ')
 *   jsonl  the same rows as JSON objects, one per line
 *   xlsx   one sheet per period (units x canonical indicators) and a
 *          "flags" sheet (every flag with its document)
 * "unit" is the issuing body printed in the report's header, or the
 * inbox subfolder when the header was not read.
 */
#ifndef DAEMON_EXPORT_H
#define DAEMON_EXPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "core/err.h"
#include "daemon/store.h"

enum export_format {
	EXPORT_CSV,
	EXPORT_JSONL,
	EXPORT_XLSX,
};

/* CSV and JSON Lines go to `out`; XLSX to the file `path` (required). */
enum err export_write(struct store *, enum export_format, FILE *out,
    const char *path, struct diag *);

/*
 * True when a spreadsheet program would read the text `v` as a formula
 * (or a DDE command): it begins with '=', '+', '-', '@', a tab or a
 * carriage return.
 */
bool export_csv_is_formula(const char *v);
/*
 * One CSV text field appended to `s`: quoted when needed (RFC 4180), and
 * a field export_csv_is_formula() finds is prefixed with a single quote
 * so a spreadsheet shows it as text instead of evaluating it (a label
 * "- Số nhiệm vụ" is written "'- Số nhiệm vụ").  Numbers we write
 * ourselves (the value column) do not come through here and stay
 * numbers, negative ones included.
 */
void export_csv_field(GString *s, const char *v);
/* A worksheet name Excel accepts: no []:*?/\, at most 31 characters,
 * not empty, unique among `used` (g_free). */
char *export_sheet_name(const char *want, GHashTable *used);

#endif
