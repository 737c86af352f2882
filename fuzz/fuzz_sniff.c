/* SPDX-License-Identifier: MIT */
/*
 * Harness: type sniffing and the message it picks for each refused type.
 * Checks the contract as well as memory safety: every type has a name,
 * and exactly the types we read (DOCX, PDF, PNG, JPEG, TIFF) have no
 * refusal message, whatever the file name's extension says.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "parsers/sniff.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	/* Extensions that change the wording, in both cases, and none. */
	static const char *const exts[] = { NULL, "", "doc", "XLS", "ppt",
		"xlsx", "docx", "pdf" };
	enum sniff_type t = sniff(data, len);
	int read = t == SNIFF_DOCX || t == SNIFF_PDF || t == SNIFF_PNG ||
	    t == SNIFF_JPEG || t == SNIFF_TIFF;
	size_t i;

	if (sniff_name(t) == NULL)
		abort();
	for (i = 0; i < sizeof exts / sizeof exts[0]; i++)
		if ((sniff_message(t, exts[i]) == NULL) != read)
			abort();
	return 0;
}
