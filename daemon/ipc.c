/* SPDX-License-Identifier: MIT */
/* Framed, versioned worker results; the reader treats them as hostile. */
#include "daemon/ipc.h"

#include <stdlib.h>
#include <string.h>

#define IPC_READ_SLACK ((size_t)65536)

static uint32_t
get_u32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

static void
put_u32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

void
ipc_header(uint8_t hdr[IPC_HEADER_LEN], enum ipc_type type, uint32_t len)
{
	memcpy(hdr, IPC_MAGIC, 4);
	hdr[4] = IPC_VERSION;
	hdr[5] = (uint8_t)type;
	hdr[6] = 0;
	hdr[7] = 0;
	put_u32(hdr + 8, len);
}

enum err
ipc_parse(const uint8_t *buf, size_t len, size_t max_payload,
    struct ipc_frame *frame, size_t *used, struct diag *dg)
{
	uint32_t plen;

	*used = 0;
	/* Check what is there as soon as it is there, so garbage is
	 * refused without waiting for a whole header. */
	if (memcmp(buf, IPC_MAGIC, len < 4 ? len : 4) != 0)
		return diag_set(
		    dg, ERR_MALFORMED, "result stream: bad frame magic");
	if (len > 4 && buf[4] != IPC_VERSION)
		return diag_set(dg, ERR_MALFORMED,
		    "result stream: frame version %u, expected %u",
		    (unsigned)buf[4], (unsigned)IPC_VERSION);
	if (len > 5 && buf[5] != IPC_PROGRESS && buf[5] != IPC_RESULT &&
	    buf[5] != IPC_PICTURE)
		return diag_set(dg, ERR_MALFORMED,
		    "result stream: unknown frame type %u", (unsigned)buf[5]);
	if ((len > 6 && buf[6] != 0) || (len > 7 && buf[7] != 0))
		return diag_set(dg, ERR_MALFORMED,
		    "result stream: reserved header bytes are not zero");
	if (len < IPC_HEADER_LEN)
		return ERR_TRUNCATED;
	plen = get_u32(buf + 8);
	if (buf[5] == IPC_PROGRESS && (plen < 4 || plen > IPC_PROGRESS_MAX))
		return diag_set(dg, ERR_MALFORMED,
		    "result stream: progress frame of %lu bytes",
		    (unsigned long)plen);
	if ((uint64_t)plen > (uint64_t)max_payload)
		return diag_set(dg, ERR_LIMIT,
		    "result stream: a frame of %lu bytes, limit %zu",
		    (unsigned long)plen, max_payload);
	if (len - IPC_HEADER_LEN < plen)
		return ERR_TRUNCATED;
	frame->type = (enum ipc_type)buf[5];
	frame->payload = buf + IPC_HEADER_LEN;
	frame->len = plen;
	*used = IPC_HEADER_LEN + (size_t)plen;
	return ERR_OK;
}

static bool
format_char_ok(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '-';
}

size_t
ipc_progress_encode(
    uint8_t out[IPC_PROGRESS_MAX], uint32_t pages, const char *format)
{
	size_t n = 0;

	put_u32(out, pages);
	if (format != NULL)
		while (
		    format[n] != '\0' && n < 15 && format_char_ok(format[n])) {
			out[4 + n] = (uint8_t)format[n];
			n++;
		}
	return 4 + n;
}

enum err
ipc_progress_decode(const struct ipc_frame *f, uint32_t *pages, char format[16],
    struct diag *dg)
{
	size_t i, n;

	if (f->type != IPC_PROGRESS || f->len < 4 || f->len > IPC_PROGRESS_MAX)
		return diag_set(
		    dg, ERR_MALFORMED, "result stream: bad progress frame");
	n = f->len - 4;
	if (n > 15)
		return diag_set(
		    dg, ERR_MALFORMED, "result stream: format name too long");
	for (i = 0; i < n; i++) {
		if (!format_char_ok((char)f->payload[4 + i]))
			return diag_set(dg, ERR_MALFORMED,
			    "result stream: bad format name");
		format[i] = (char)f->payload[4 + i];
	}
	format[n] = '\0';
	*pages = get_u32(f->payload);
	return ERR_OK;
}

void
ipc_reader_init(struct ipc_reader *r, size_t max_payload)
{
	memset(r, 0, sizeof *r);
	r->max_payload = max_payload;
	diag_init(&r->diag);
}

void
ipc_reader_fini(struct ipc_reader *r)
{
	unsigned i;

	for (i = 0; i < r->npictures; i++)
		free(r->picture[i]);
	free(r->buf);
	free(r->result);
	memset(r, 0, sizeof *r);
}

static bool
reader_break(struct ipc_reader *r)
{
	r->broken = true;
	return false;
}

bool
ipc_reader_feed(
    struct ipc_reader *r, const uint8_t *data, size_t len, bool *progressed)
{
	size_t off = 0;

	if (progressed != NULL)
		*progressed = false;
	if (r->broken)
		return false;
	if (len == 0)
		return true;
	if (r->have_result) {
		(void)diag_set(&r->diag, ERR_MALFORMED,
		    "result stream: bytes after the result");
		return reader_break(r);
	}
	/* Grow to hold the new bytes: at most one whole frame plus one
	 * read's worth of the next, so a worker cannot make us buffer
	 * without bound. */
	if (len > IPC_READ_SLACK + r->max_payload + IPC_HEADER_LEN ||
	    r->len > IPC_READ_SLACK + r->max_payload + IPC_HEADER_LEN - len) {
		(void)diag_set(&r->diag, ERR_LIMIT,
		    "result stream: more than %zu bytes", r->max_payload);
		return reader_break(r);
	}
	if (r->len + len > r->cap) {
		size_t ncap = r->cap > 0 ? r->cap : 4096;
		uint8_t *nb;

		while (ncap < r->len + len)
			ncap *= 2;
		nb = realloc(r->buf, ncap);
		if (nb == NULL) {
			(void)diag_set(&r->diag, ERR_NOMEM,
			    "result stream: out of memory");
			return reader_break(r);
		}
		r->buf = nb;
		r->cap = ncap;
	}
	memcpy(r->buf + r->len, data, len);
	r->len += len;

	for (;;) {
		struct ipc_frame f;
		size_t used;
		enum err e = ipc_parse(r->buf + off, r->len - off,
		    r->max_payload, &f, &used, &r->diag);

		if (e == ERR_TRUNCATED)
			break;
		if (e != ERR_OK)
			return reader_break(r);
		if (r->have_result) {
			(void)diag_set(&r->diag, ERR_MALFORMED,
			    "result stream: a frame after the result");
			return reader_break(r);
		}
		if (f.type == IPC_PROGRESS) {
			if (++r->nprogress > IPC_PROGRESS_FRAMES_MAX) {
				(void)diag_set(&r->diag, ERR_LIMIT,
				    "result stream: more than %d progress "
				    "frames",
				    IPC_PROGRESS_FRAMES_MAX);
				return reader_break(r);
			}
			if (ipc_progress_decode(
				&f, &r->pages, r->format, &r->diag) != ERR_OK)
				return reader_break(r);
			if (progressed != NULL)
				*progressed = true;
		} else if (f.type == IPC_PICTURE) {
			uint8_t *copy;

			if (r->npictures == IPC_PICTURE_FRAMES_MAX) {
				(void)diag_set(&r->diag, ERR_LIMIT,
				    "result stream: more than %d pictures",
				    IPC_PICTURE_FRAMES_MAX);
				return reader_break(r);
			}
			copy = malloc(f.len > 0 ? f.len : 1);
			if (copy == NULL) {
				(void)diag_set(&r->diag, ERR_NOMEM,
				    "result stream: out of memory");
				return reader_break(r);
			}
			memcpy(copy, f.payload, f.len);
			r->picture[r->npictures] = copy;
			r->picture_len[r->npictures] = f.len;
			r->npictures++;
		} else {
			r->result = malloc(f.len + 1);
			if (r->result == NULL) {
				(void)diag_set(&r->diag, ERR_NOMEM,
				    "result stream: out of memory");
				return reader_break(r);
			}
			memcpy(r->result, f.payload, f.len);
			r->result[f.len] = '\0';
			r->result_len = f.len;
			r->have_result = true;
		}
		off += used;
	}
	if (off > 0) {
		memmove(r->buf, r->buf + off, r->len - off);
		r->len -= off;
	}
	if (r->have_result && r->len > 0) {
		(void)diag_set(&r->diag, ERR_MALFORMED,
		    "result stream: bytes after the result");
		return reader_break(r);
	}
	return true;
}

bool
ipc_reader_finish(struct ipc_reader *r)
{
	if (r->broken)
		return false;
	if (r->len > 0) {
		(void)diag_set(&r->diag, ERR_TRUNCATED,
		    "result stream: ends inside a frame");
		return reader_break(r);
	}
	if (!r->have_result) {
		(void)diag_set(
		    &r->diag, ERR_TRUNCATED, "result stream: no result");
		return false;
	}
	return true;
}
