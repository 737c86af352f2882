/* SPDX-License-Identifier: MIT */
/* Harness: type sniffing and the messages it picks. */
#include <stddef.h>
#include <stdint.h>

#include "parsers/sniff.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	enum sniff_type t = sniff(data, len);

	(void)sniff_name(t);
	(void)sniff_message(t, "doc");
	return 0;
}
