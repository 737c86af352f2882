/* SPDX-License-Identifier: MIT */
/*
 * Worker -> supervisor messages over a pipe.  Every frame is a 12-byte
 * header, "RPTW", version, type, two zero bytes, payload length
 * (little-endian u32), then the payload.  A worker sends zero or more
 * PROGRESS frames (page count and format, as soon as it knows them, so
 * the supervisor can extend the deadline), up to IPC_PICTURE_FRAMES_MAX
 * PICTURE frames (a page picture for the review page, with the boxes of
 * the table rows on it: daemon/review_frame.h), and then exactly one
 * RESULT frame (the result record as UTF-8 JSON).  The supervisor reads it as
 * untrusted input: sizes are capped, anything else is garbage.
 */
#ifndef DAEMON_IPC_H
#define DAEMON_IPC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

#define IPC_MAGIC      "RPTW"
#define IPC_VERSION    1
#define IPC_HEADER_LEN 12
/* A PROGRESS payload: u32 pages, then the format name (<= 15 bytes). */
#define IPC_PROGRESS_MAX 20
/* PROGRESS frames one worker may send. */
#define IPC_PROGRESS_FRAMES_MAX 64

enum ipc_type {
	IPC_PROGRESS = 1,
	IPC_RESULT = 2,
	IPC_PICTURE = 3,
};

/* PICTURE frames one worker may send (REVIEW_SNAP_PAGES_MAX). */
#define IPC_PICTURE_FRAMES_MAX 4

struct ipc_frame {
	enum ipc_type type;
	const uint8_t *payload; /* points into the caller's buffer */
	size_t len;
};

/* Fills `hdr` for a frame of `type` with `len` payload bytes. */
void ipc_header(uint8_t hdr[IPC_HEADER_LEN], enum ipc_type type, uint32_t len);

/*
 * Parses one frame at the start of buf[0..len).  ERR_OK: *frame is set
 * and *used is its total size.  ERR_TRUNCATED: more bytes are needed
 * (nothing wrong yet).  ERR_MALFORMED (bad magic, version, type,
 * reserved bytes, PROGRESS size) or ERR_LIMIT (payload over
 * `max_payload`): the stream is garbage; `diag` says why.
 */
enum err ipc_parse(const uint8_t *buf, size_t len, size_t max_payload,
    struct ipc_frame *frame, size_t *used, struct diag *);

/* PROGRESS payload encode/decode.  `format` may be NULL (""); it must be
 * printable ASCII letters, digits or '-'. */
size_t ipc_progress_encode(
    uint8_t out[IPC_PROGRESS_MAX], uint32_t pages, const char *format);
enum err ipc_progress_decode(
    const struct ipc_frame *, uint32_t *pages, char format[16], struct diag *);

/*
 * The supervisor's side: bytes read from the pipe accumulate here and
 * come out as frames.  Enforces the protocol: PROGRESS frames (at most
 * IPC_PROGRESS_FRAMES_MAX) and PICTURE frames (at most
 * IPC_PICTURE_FRAMES_MAX), then one RESULT, then nothing.
 */
struct ipc_reader {
	uint8_t *buf;
	size_t len, cap;
	size_t max_payload;
	unsigned nprogress;
	bool have_result;
	bool broken; /* sticky: the stream is garbage (see diag) */
	struct diag diag;
	/* What the worker said so far. */
	uint32_t pages;
	char format[16];
	uint8_t *result; /* malloc'ed copy of the RESULT payload + NUL */
	size_t result_len;
	/* malloc'ed copies of the PICTURE payloads, checked by whoever
	 * decodes them (review_frame_decode). */
	uint8_t *picture[IPC_PICTURE_FRAMES_MAX];
	size_t picture_len[IPC_PICTURE_FRAMES_MAX];
	unsigned npictures;
};

void ipc_reader_init(struct ipc_reader *, size_t max_payload);
void ipc_reader_fini(struct ipc_reader *);
/* Appends bytes and consumes every complete frame.  Returns false once
 * the stream is broken.  *progressed is set when a PROGRESS frame
 * arrived. */
bool ipc_reader_feed(
    struct ipc_reader *, const uint8_t *data, size_t len, bool *progressed);
/* At end of stream: true when exactly one RESULT came and no partial
 * frame is left over; else sets the diag. */
bool ipc_reader_finish(struct ipc_reader *);

#endif
