/* SPDX-License-Identifier: MIT */
/* Claims out of the inbox: by rename, or by a checked copy from another
 * file system; anything but a plain file is accepted unread. */
#include "daemon/spool_claim.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "daemon/durable.h"
#include "daemon/spool_int.h"
#include "daemon/spool_meta.h"

static bool
same_identity(const struct stat *st, const struct spool_meta *m)
{
	return (uint64_t)st->st_dev == m->origin_dev &&
	    (uint64_t)st->st_ino == m->origin_ino &&
	    (uint64_t)st->st_size == m->origin_size &&
	    (int64_t)st->st_mtim.tv_sec * 1000000000 + st->st_mtim.tv_nsec ==
	    m->origin_mtime_ns;
}

/* The copy of a file from another file system is durable: remove the
 * original, unless it changed meanwhile (then it is a new submission). */
void
spool_claim_unlink_origin(const struct spool_meta *m)
{
	struct stat st;
	char *dir;

	if (!m->copied || m->origin_path == NULL)
		return;
	if (lstat(m->origin_path, &st) != 0 || !same_identity(&st, m))
		return;
	(void)unlink(m->origin_path);
	dir = g_path_get_dirname(m->origin_path);
	(void)durable_sync_dir(dir, NULL);
	g_free(dir);
}

/* fsync of a regular file we moved in, through a descriptor that
 * follows no link and waits for no writer. */
static void
sync_file(const char *path)
{
	struct stat st;
	int fd = open(
	    path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);

	if (fd < 0)
		return;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
		(void)fsync(fd);
	(void)close(fd);
}

static const char *
refusal(const struct stat *st, uint64_t size_max, char *msg, size_t cap)
{
	if (S_ISLNK(st->st_mode)) {
		(void)snprintf(msg, cap,
		    "a symbolic link, not a file: it was not followed; save "
		    "the report itself into the inbox");
		return "symlink";
	}
	if (S_ISFIFO(st->st_mode)) {
		(void)snprintf(msg, cap,
		    "a named pipe (FIFO), not a file: it was not read");
		return "fifo";
	}
	if (S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode)) {
		(void)snprintf(
		    msg, cap, "a device node, not a file: it was not read");
		return "device";
	}
	if (S_ISSOCK(st->st_mode)) {
		(void)snprintf(
		    msg, cap, "a socket, not a file: it was not read");
		return "socket";
	}
	if (!S_ISREG(st->st_mode)) {
		(void)snprintf(msg, cap, "not a regular file: it was not read");
		return "not_a_file";
	}
	if (st->st_nlink != 1) {
		(void)snprintf(msg, cap,
		    "the file has %lu hard links; only a file with a single "
		    "link is read, so nothing outside the inbox is read "
		    "through it",
		    (unsigned long)st->st_nlink);
		return "hard_link";
	}
	if ((uint64_t)st->st_size > size_max) {
		(void)snprintf(msg, cap,
		    "the file is %llu bytes, more than the limit of %llu "
		    "bytes (limits.file_size); it was not read",
		    (unsigned long long)st->st_size,
		    (unsigned long long)size_max);
		return "too_large";
	}
	return NULL;
}

/* Copies `src` (already lstat'ed as `lst`) to `dst`, checking that the
 * descriptor is the file we looked at. */
static enum err
copy_file(const char *src, const struct stat *lst, const char *dst,
    uint64_t size_max, struct diag *dg)
{
	char buf[65536];
	struct stat st;
	uint64_t total = 0;
	enum err e = ERR_OK;
	int in, out;

	in = open(
	    src, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (in < 0)
		return diag_set(
		    dg, ERR_IO, "%s: cannot open: %s", src, strerror(errno));
	if (fstat(in, &st) != 0 || st.st_dev != lst->st_dev ||
	    st.st_ino != lst->st_ino || !S_ISREG(st.st_mode)) {
		(void)close(in);
		return diag_set(
		    dg, ERR_IO, "%s: changed while being accepted", src);
	}
	out = open(
	    dst, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0640);
	if (out < 0) {
		e = diag_set(
		    dg, ERR_IO, "%s: cannot create: %s", dst, strerror(errno));
		(void)close(in);
		return e;
	}
	for (;;) {
		ssize_t n = read(in, buf, sizeof buf);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			e = diag_set(
			    dg, ERR_IO, "%s: read: %s", src, strerror(errno));
			break;
		}
		if (n == 0)
			break;
		total += (uint64_t)n;
		if (total > size_max) {
			e = diag_set(
			    dg, ERR_LIMIT, "%s: grew past the limit", src);
			break;
		}
		e = durable_write_all(out, buf, (size_t)n, dst, dg);
		if (e != ERR_OK)
			break;
	}
	if (e == ERR_OK && fsync(out) != 0)
		e = diag_set(dg, ERR_IO, "%s: fsync: %s", dst, strerror(errno));
	if (close(out) != 0 && e == ERR_OK)
		e = diag_set(dg, ERR_IO, "%s: close: %s", dst, strerror(errno));
	(void)close(in);
	if (e != ERR_OK)
		(void)unlink(dst);
	return e;
}

enum err
spool_claim(struct spool *sp, const char *inbox_root, const char *relpath,
    const char *unit, uint64_t size_max, char **id_out, bool *gone,
    struct diag *dg)
{
	struct spool_meta m;
	char *src = g_build_filename(inbox_root, relpath, NULL);
	char *base = g_path_get_basename(relpath);
	char *srcdir = g_path_get_dirname(src);
	char *id = NULL, *tdir = NULL, *dst = NULL, *kept_dir = NULL;
	char msg[512];
	const char *code;
	struct stat st;
	enum err e = ERR_OK;
	bool cross;
	int tries;

	*id_out = NULL;
	*gone = false;
	memset(&m, 0, sizeof m);
	/* Look again now: the caller's view may be old. */
	if (lstat(src, &st) != 0) {
		*gone = errno == ENOENT;
		e = diag_set(dg, ERR_IO, "%s: %s", src, strerror(errno));
		goto out;
	}
	for (tries = 0; tries < 100; tries++) {
		id = spool_new_id(sp);
		tdir = spool_doc_dir(sp, SPOOL_TMP, id);
		if (mkdir(tdir, 0750) == 0)
			break;
		if (errno != EEXIST) {
			e = diag_set(
			    dg, ERR_IO, "%s: %s", tdir, strerror(errno));
			goto out;
		}
		g_free(id);
		g_free(tdir);
		id = tdir = NULL;
	}
	if (id == NULL) {
		e = diag_set(dg, ERR_IO, "%s: no free document id", sp->root);
		goto out;
	}
	m.id = g_strdup(id);
	m.name = g_utf8_make_valid(base, -1);
	m.unit = unit != NULL ? g_utf8_make_valid(unit, -1) : NULL;
	m.origin = g_utf8_make_valid(relpath, -1);
	m.received = spool_now_iso();
	code = refusal(&st, size_max, msg, sizeof msg);
	if (code != NULL) {
		m.refused = g_strdup(code);
		m.refused_message = g_strdup(msg);
	}
	dst = g_build_filename(tdir, base, NULL);

	cross = st.st_dev != sp->dev;
	if (!cross) {
		/* Same file system: the rename is the claim. */
		e = spool_meta_save(sp, SPOOL_TMP, &m, dg);
		if (e != ERR_OK)
			goto undo;
		if (rename(src, dst) != 0) {
			/* Bind mounts of one file system still refuse. */
			if (errno != EXDEV) {
				*gone = errno == ENOENT;
				e = diag_set(dg, ERR_IO,
				    "%s: cannot move into the spool: %s", src,
				    strerror(errno));
				goto undo;
			}
			cross = true;
		}
	}
	if (cross && code != NULL) {
		/* Another file system and not a file we copy: move it aside
		 * within the inbox, unread. */
		kept_dir =
		    g_build_filename(inbox_root, SPOOL_REFUSED_DIR, NULL);
		if (g_mkdir_with_parents(kept_dir, 0700) != 0) {
			e = diag_set(
			    dg, ERR_IO, "%s: %s", kept_dir, strerror(errno));
			goto undo;
		}
		m.kept_at = g_strdup_printf("%s/%s--%s", kept_dir, id, base);
		e = spool_meta_save(sp, SPOOL_TMP, &m, dg);
		if (e != ERR_OK)
			goto undo;
		if (rename(src, m.kept_at) != 0) {
			*gone = errno == ENOENT;
			e = diag_set(dg, ERR_IO, "%s: cannot move aside: %s",
			    src, strerror(errno));
			goto undo;
		}
		spool_mark_dirty(sp, kept_dir);
	} else if (cross) {
		/* Another file system: copy, fsync, then rename into place;
		 * the original goes only once the copy is durable. */
		char *part = g_build_filename(tdir, ".copy", NULL);

		e = copy_file(src, &st, part, size_max, dg);
		if (e == ERR_OK) {
			m.copied = true;
			m.origin_path = g_strdup(src);
			m.origin_dev = (uint64_t)st.st_dev;
			m.origin_ino = (uint64_t)st.st_ino;
			m.origin_size = (uint64_t)st.st_size;
			m.origin_mtime_ns =
			    (int64_t)st.st_mtim.tv_sec * 1000000000 +
			    st.st_mtim.tv_nsec;
			e = spool_meta_save(sp, SPOOL_TMP, &m, dg);
		}
		if (e == ERR_OK && rename(part, dst) != 0)
			e = diag_set(
			    dg, ERR_IO, "%s: %s", dst, strerror(errno));
		(void)unlink(part);
		g_free(part);
		if (e != ERR_OK)
			goto undo;
	}
	/* The producer may not have synced what it wrote: once accepted,
	 * the file must survive a power loss. */
	if (code == NULL && !m.copied)
		sync_file(dst);
	e = durable_sync_dir(tdir, dg);
	if (e == ERR_OK)
		e = spool_move(sp, id, SPOOL_TMP, SPOOL_INCOMING, m.copied, dg);
	if (e != ERR_OK) {
		/* The file is in tmp/ now; recovery finishes the claim. */
		goto out;
	}
	spool_mark_dirty(sp, sp->dirs[SPOOL_INCOMING]);
	spool_mark_dirty(sp, sp->dirs[SPOOL_TMP]);
	spool_mark_dirty(sp, srcdir);
	if (m.copied)
		spool_claim_unlink_origin(&m);
	*id_out = id;
	id = NULL;
	goto out;
undo:
	(void)spool_remove_tree(tdir, NULL);
out:
	spool_meta_fini(&m);
	g_free(id);
	g_free(tdir);
	g_free(dst);
	g_free(kept_dir);
	g_free(srcdir);
	g_free(base);
	g_free(src);
	return e;
}
