/* SPDX-License-Identifier: MIT */
/* daemon/ipc: worker result frames, read as hostile input. */
#include <stdlib.h>
#include <string.h>

#include "daemon/ipc.h"
#include "tests/check.h"

static size_t
frame(uint8_t *out, enum ipc_type t, const void *p, size_t len)
{
	ipc_header(out, t, (uint32_t)len);
	memcpy(out + IPC_HEADER_LEN, p, len);
	return IPC_HEADER_LEN + len;
}

static void
test_ipc_round_trip(void)
{
	uint8_t buf[256], prog[IPC_PROGRESS_MAX];
	struct ipc_frame f;
	struct diag dg;
	size_t n, used, i;
	uint32_t pages;
	char fmt[16];

	n = frame(buf, IPC_RESULT, "{\"a\":1}", 7);
	diag_init(&dg);
	CHECK(ipc_parse(buf, n, 1024, &f, &used, &dg) == ERR_OK);
	CHECK(used == n && f.type == IPC_RESULT && f.len == 7);
	CHECK(memcmp(f.payload, "{\"a\":1}", 7) == 0);
	/* Every proper prefix only asks for more. */
	for (i = 0; i < n; i++)
		CHECK(ipc_parse(buf, i, 1024, &f, &used, &dg) == ERR_TRUNCATED);
	n = frame(
	    buf, IPC_PROGRESS, prog, ipc_progress_encode(prog, 40, "pdf"));
	CHECK(ipc_parse(buf, n, 1024, &f, &used, &dg) == ERR_OK);
	CHECK(ipc_progress_decode(&f, &pages, fmt, &dg) == ERR_OK);
	CHECK(pages == 40);
	CHECK_STR(fmt, "pdf");
	/* Only safe characters travel in the format name. */
	CHECK(ipc_progress_encode(prog, 1, "p\"df") == 5);
}

static void
test_ipc_garbage_refused_early(void)
{
	uint8_t buf[64];
	struct ipc_frame f;
	struct diag dg;
	size_t used;

	diag_init(&dg);
	CHECK(ipc_parse((const uint8_t *)"XP", 2, 1024, &f, &used, &dg) ==
	    ERR_MALFORMED);
	ipc_header(buf, IPC_RESULT, 5);
	buf[4] = 9;
	diag_init(&dg);
	CHECK(ipc_parse(buf, 5, 1024, &f, &used, &dg) == ERR_MALFORMED);
	CHECK(strstr(dg.msg, "version 9") != NULL);
	ipc_header(buf, IPC_RESULT, 5);
	buf[5] = 7;
	diag_init(&dg);
	CHECK(ipc_parse(buf, 6, 1024, &f, &used, &dg) == ERR_MALFORMED);
	ipc_header(buf, IPC_RESULT, 5);
	buf[7] = 1;
	diag_init(&dg);
	CHECK(ipc_parse(buf, 8, 1024, &f, &used, &dg) == ERR_MALFORMED);
	ipc_header(buf, IPC_RESULT, 2000);
	diag_init(&dg);
	CHECK(
	    ipc_parse(buf, IPC_HEADER_LEN, 1024, &f, &used, &dg) == ERR_LIMIT);
	ipc_header(buf, IPC_PROGRESS, 2);
	diag_init(&dg);
	CHECK(ipc_parse(buf, IPC_HEADER_LEN, 1024, &f, &used, &dg) ==
	    ERR_MALFORMED);
}

static void
test_ipc_reader_byte_by_byte(void)
{
	uint8_t buf[512], prog[IPC_PROGRESS_MAX];
	struct ipc_reader r;
	size_t n = 0, i;
	bool progressed, any = false;

	n += frame(
	    buf + n, IPC_PROGRESS, prog, ipc_progress_encode(prog, 3, "docx"));
	n += frame(buf + n, IPC_RESULT, "{\"schema\":1}", 12);
	ipc_reader_init(&r, 1024);
	for (i = 0; i < n; i++) {
		CHECK(ipc_reader_feed(&r, buf + i, 1, &progressed));
		any = any || progressed;
	}
	CHECK(any);
	CHECK(ipc_reader_finish(&r));
	CHECK(r.pages == 3);
	CHECK_STR(r.format, "docx");
	CHECK(r.result_len == 12);
	CHECK_STR((const char *)r.result, "{\"schema\":1}");
	/* Anything after the result breaks the stream. */
	CHECK(!ipc_reader_feed(&r, buf, 1, NULL));
	CHECK(!ipc_reader_finish(&r));
	ipc_reader_fini(&r);
}

static void
test_ipc_reader_refuses(void)
{
	uint8_t buf[4096], prog[IPC_PROGRESS_MAX], big[100];
	struct ipc_reader r;
	size_t n = 0, p;
	int i;

	/* No result at all. */
	ipc_reader_init(&r, 1024);
	CHECK(!ipc_reader_finish(&r));
	CHECK(strstr(r.diag.msg, "no result") != NULL);
	ipc_reader_fini(&r);
	/* A frame cut short. */
	ipc_reader_init(&r, 1024);
	n = frame(buf, IPC_RESULT, "{}", 2);
	CHECK(ipc_reader_feed(&r, buf, n - 1, NULL));
	CHECK(!ipc_reader_finish(&r));
	CHECK(strstr(r.diag.msg, "ends inside a frame") != NULL);
	ipc_reader_fini(&r);
	/* Two results. */
	ipc_reader_init(&r, 1024);
	n = frame(buf, IPC_RESULT, "{}", 2);
	n += frame(buf + n, IPC_RESULT, "{}", 2);
	CHECK(!ipc_reader_feed(&r, buf, n, NULL));
	ipc_reader_fini(&r);
	/* Too many progress frames. */
	ipc_reader_init(&r, 1024);
	p = ipc_progress_encode(prog, 1, "pdf");
	n = frame(buf, IPC_PROGRESS, prog, p);
	for (i = 0; i < IPC_PROGRESS_FRAMES_MAX; i++)
		CHECK(ipc_reader_feed(&r, buf, n, NULL));
	CHECK(!ipc_reader_feed(&r, buf, n, NULL));
	CHECK(r.broken);
	ipc_reader_fini(&r);
	/* A result larger than the cap. */
	ipc_reader_init(&r, 16);
	memset(big, 'x', sizeof big);
	n = frame(buf, IPC_RESULT, big, sizeof big);
	CHECK(!ipc_reader_feed(&r, buf, n, NULL));
	CHECK(r.diag.code == ERR_LIMIT);
	ipc_reader_fini(&r);
}

int
main(void)
{
	RUN(test_ipc_round_trip);
	RUN(test_ipc_garbage_refused_early);
	RUN(test_ipc_reader_byte_by_byte);
	RUN(test_ipc_reader_refuses);
	return check_done();
}
