/* SPDX-License-Identifier: MIT */
/*
 * Harness: the daemon's configuration reader on arbitrary text (what an
 * administrator, or a config management tool gone wrong, may write):
 * the line checks, GKeyFile, every value parser, the path derivation
 * and the formatter.  No file is read.
 */
#include <glib.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "daemon/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct config c;
	struct diag dg;

	config_init(&c);
	diag_init(&dg);
	if (config_load_text(&c, (const char *)data, len, "fuzz.conf",
		"/etc/reportd", &dg) == ERR_OK &&
	    config_finish(&c, &dg) == ERR_OK) {
		char *text = config_format(&c);
		struct config again;

		/* What it prints, it reads back. */
		config_init(&again);
		diag_init(&dg);
		if (config_load_text(&again, text, strlen(text), "again", "/",
			&dg) != ERR_OK)
			__builtin_trap();
		config_fini(&again);
		g_free(text);
	}
	config_fini(&c);
	return 0;
}
