/* SPDX-License-Identifier: MIT */
/* temp -> fsync -> close -> rename -> fsync(dir). */
#include "daemon/durable.h"

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum err
durable_sync_dir(const char *dir, struct diag *dg)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0)
		return diag_set(dg, ERR_IO, "%s: cannot open folder: %s", dir,
		    strerror(errno));
	if (fsync(fd) != 0 && errno != EINVAL && errno != EROFS) {
		int e = errno;

		(void)close(fd);
		return diag_set(dg, ERR_IO, "%s: fsync: %s", dir, strerror(e));
	}
	(void)close(fd);
	return ERR_OK;
}

enum err
durable_write_all(
    int fd, const void *data, size_t len, const char *what, struct diag *dg)
{
	const char *p = data;
	size_t off = 0;

	while (off < len) {
		ssize_t w = write(fd, p + off, len - off);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return diag_set(
			    dg, ERR_IO, "%s: write: %s", what, strerror(errno));
		if (w == 0)
			return diag_set(
			    dg, ERR_IO, "%s: write returned 0", what);
		off += (size_t)w;
	}
	return ERR_OK;
}

enum err
durable_write(const char *tmpdir, const char *dir, const char *name,
    const void *data, size_t len, struct diag *dg)
{
	char *tmp = g_strdup_printf("%s/%s.tmp", tmpdir, name);
	char *dst = g_strdup_printf("%s/%s", dir, name);
	enum err e = ERR_OK;
	int fd;

	fd = open(
	    tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644);
	if (fd < 0) {
		e = diag_set(
		    dg, ERR_IO, "%s: cannot create: %s", tmp, strerror(errno));
		goto out;
	}
	e = durable_write_all(fd, data, len, tmp, dg);
	if (e == ERR_OK && fsync(fd) != 0)
		e = diag_set(dg, ERR_IO, "%s: fsync: %s", tmp, strerror(errno));
	/* close() is checked: network file systems report late errors
	 * there. */
	if (close(fd) != 0 && e == ERR_OK)
		e = diag_set(dg, ERR_IO, "%s: close: %s", tmp, strerror(errno));
	if (e == ERR_OK && rename(tmp, dst) != 0)
		e = diag_set(
		    dg, ERR_IO, "%s: rename: %s", dst, strerror(errno));
	if (e != ERR_OK) {
		(void)unlink(tmp);
		goto out;
	}
	e = durable_sync_dir(dir, dg);
out:
	g_free(tmp);
	g_free(dst);
	return e;
}

enum err
durable_rename(const char *from, const char *to, struct diag *dg)
{
	char *fd_dir, *td_dir;
	enum err e;

	if (rename(from, to) != 0)
		return diag_set(dg, ERR_IO, "rename %s to %s: %s", from, to,
		    strerror(errno));
	fd_dir = g_path_get_dirname(from);
	td_dir = g_path_get_dirname(to);
	e = durable_sync_dir(td_dir, dg);
	if (e == ERR_OK && strcmp(fd_dir, td_dir) != 0)
		e = durable_sync_dir(fd_dir, dg);
	g_free(fd_dir);
	g_free(td_dir);
	return e;
}
