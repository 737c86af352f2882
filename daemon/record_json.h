/* SPDX-License-Identifier: MIT */
/*
 * The result record as JSON (schema reportd.result/1), through json-glib
 * so escaping and number formatting are never ours to get wrong.
 */
#ifndef DAEMON_RECORD_JSON_H
#define DAEMON_RECORD_JSON_H

#include <stdbool.h>

#include "core/result.h"

/* A newly allocated JSON text (free with g_free); one line unless
 * `pretty`.  NULL only on allocation failure. */
char *record_json(const struct result *, bool pretty);

#endif
