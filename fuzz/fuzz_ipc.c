/* SPDX-License-Identifier: MIT */
/*
 * Harness: what the supervisor does with the bytes a worker writes on
 * its result pipe: the frame reader (fed in pieces whose sizes come
 * from the input, as reads would cut them), then the record checks and
 * the supervisor's additions, with production limits.
 */
#include <json-glib/json-glib.h>
#include <stddef.h>
#include <stdint.h>

#include "daemon/ipc.h"
#include "daemon/record.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

/* limits.result_size's default. */
#define RESULT_MAX ((size_t)16 << 20)

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct ipc_reader r;
	size_t off = 0;
	unsigned step;

	if (len < 1)
		return 0;
	/* The first byte sets the read size: 1 to 256 bytes a read. */
	step = (unsigned)data[0] + 1;
	data++;
	len--;
	ipc_reader_init(&r, RESULT_MAX);
	while (off < len) {
		size_t n = len - off < step ? len - off : step;

		if (!ipc_reader_feed(&r, data + off, n, NULL))
			break;
		off += n;
	}
	if (ipc_reader_finish(&r)) {
		struct diag dg;
		JsonNode *rec;

		diag_init(&dg);
		rec = record_parse_worker(
		    (const char *)r.result, r.result_len, NULL, &dg);
		if (rec != NULL) {
			struct record_submission sub = { "20240101T000000."
							 "000001-1",
				"Xã A", "Xã A/a.docx", "2024-01-01T00:00:00Z",
				NULL };
			char *text;

			record_set_submission(json_node_get_object(rec), &sub);
			(void)record_status(json_node_get_object(rec));
			text = record_text(rec);
			g_free(text);
			json_node_unref(rec);
		}
	}
	ipc_reader_fini(&r);
	return 0;
}
