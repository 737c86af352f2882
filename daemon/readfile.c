/* SPDX-License-Identifier: MIT */
/* Bounded file reading; temp-fsync-rename writing. */
#include "daemon/readfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum err
readfile(
    const char *path, size_t max, uint8_t **out, size_t *len, struct diag *dg)
{
	struct stat st;
	uint8_t *data = NULL;
	size_t size, got = 0;
	int fd;
	enum err e = ERR_OK;

	*out = NULL;
	*len = 0;
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0)
		return diag_set(
		    dg, ERR_IO, "%s: cannot open: %s", path, strerror(errno));
	if (fstat(fd, &st) != 0) {
		e = diag_set(dg, ERR_IO, "%s: %s", path, strerror(errno));
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		e = diag_set(
		    dg, ERR_UNSUPPORTED, "%s: not a regular file", path);
		goto out;
	}
	if ((uint64_t)st.st_size > (uint64_t)max) {
		e = diag_set(dg, ERR_LIMIT,
		    "%s: the file is %lld bytes, more than the limit of %zu",
		    path, (long long)st.st_size, max);
		goto out;
	}
	size = (size_t)st.st_size;
	data = malloc(size > 0 ? size : 1);
	if (data == NULL) {
		e = diag_set(dg, ERR_NOMEM, "%s: out of memory", path);
		goto out;
	}
	while (got < size) {
		ssize_t n = read(fd, data + got, size - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			e = diag_set(
			    dg, ERR_IO, "%s: read: %s", path, strerror(errno));
			goto out;
		}
		if (n == 0)
			break; /* shrank while we read: take what is there */
		got += (size_t)n;
	}
	*out = data;
	*len = got;
	data = NULL;
out:
	free(data);
	(void)close(fd);
	return e;
}

enum err
writefile_atomic(
    const char *path, const void *data, size_t len, struct diag *dg)
{
	char tmp[4096];
	const char *p = data;
	size_t off = 0;
	int fd, n;

	n = snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid());
	if (n < 0 || (size_t)n >= sizeof tmp)
		return diag_set(dg, ERR_IO, "%s: path too long", path);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return diag_set(
		    dg, ERR_IO, "%s: cannot create: %s", tmp, strerror(errno));
	while (off < len) {
		ssize_t w = write(fd, p + off, len - off);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0) {
			(void)diag_set(
			    dg, ERR_IO, "%s: write: %s", tmp, strerror(errno));
			goto fail;
		}
		off += (size_t)w;
	}
	if (fsync(fd) != 0) {
		(void)diag_set(
		    dg, ERR_IO, "%s: fsync: %s", tmp, strerror(errno));
		goto fail;
	}
	if (close(fd) != 0) {
		fd = -1;
		(void)diag_set(
		    dg, ERR_IO, "%s: close: %s", tmp, strerror(errno));
		goto fail;
	}
	fd = -1;
	if (rename(tmp, path) != 0) {
		(void)diag_set(
		    dg, ERR_IO, "%s: rename: %s", path, strerror(errno));
		goto fail;
	}
	return ERR_OK;
fail:
	if (fd >= 0)
		(void)close(fd);
	(void)unlink(tmp);
	return ERR_IO;
}
