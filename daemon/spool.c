/* SPDX-License-Identifier: MIT */
/* Queue folders, claims by rename, recovery after a crash. */
#include "daemon/spool.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "daemon/durable.h"

struct spool {
	char *dirs[SPOOL_NSTATES];
	char *root;
	int lockfd;
	dev_t dev;
	int64_t last_us;
	GHashTable *dirty; /* folders to fsync at spool_sync() */
};

static const char *const state_names[SPOOL_NSTATES] = { "tmp", "incoming",
	"active", "done", "quarantine" };

const char *
spool_state_name(enum spool_state s)
{
	return s < SPOOL_NSTATES ? state_names[s] : "?";
}

const char *
spool_state_dir(const struct spool *sp, enum spool_state s)
{
	return sp->dirs[s];
}

dev_t
spool_dev(const struct spool *sp)
{
	return sp->dev;
}

void
spool_meta_fini(struct spool_meta *m)
{
	if (m == NULL)
		return;
	g_free(m->id);
	g_free(m->name);
	g_free(m->unit);
	g_free(m->origin);
	g_free(m->received);
	g_free(m->last_failure);
	g_free(m->refused);
	g_free(m->refused_message);
	g_free(m->kept_at);
	g_free(m->origin_path);
	g_free(m->reason_code);
	g_free(m->reason);
	memset(m, 0, sizeof *m);
}

static struct spool *
spool_alloc(const char *dir, const char *done_dir, const char *quarantine_dir)
{
	struct spool *sp = g_new0(struct spool, 1);

	sp->root = g_strdup(dir);
	sp->dirs[SPOOL_TMP] = g_build_filename(dir, "tmp", NULL);
	sp->dirs[SPOOL_INCOMING] = g_build_filename(dir, "incoming", NULL);
	sp->dirs[SPOOL_ACTIVE] = g_build_filename(dir, "active", NULL);
	sp->dirs[SPOOL_DONE] = g_strdup(done_dir);
	sp->dirs[SPOOL_QUARANTINE] = g_strdup(quarantine_dir);
	sp->lockfd = -1;
	sp->dirty =
	    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	return sp;
}

void
spool_close(struct spool *sp)
{
	int i;

	if (sp == NULL)
		return;
	if (sp->lockfd >= 0)
		(void)close(sp->lockfd);
	for (i = 0; i < SPOOL_NSTATES; i++)
		g_free(sp->dirs[i]);
	g_free(sp->root);
	g_hash_table_destroy(sp->dirty);
	g_free(sp);
}

struct spool *
spool_open(const char *dir, const char *done_dir, const char *quarantine_dir,
    struct diag *dg)
{
	struct spool *sp = spool_alloc(dir, done_dir, quarantine_dir);
	char *lockpath = NULL;
	struct stat st;
	int i;

	for (i = 0; i < SPOOL_NSTATES; i++) {
		if (g_mkdir_with_parents(sp->dirs[i], 0750) != 0) {
			(void)diag_set(dg, ERR_IO, "%s: cannot create: %s",
			    sp->dirs[i], strerror(errno));
			goto fail;
		}
		if (stat(sp->dirs[i], &st) != 0) {
			(void)diag_set(
			    dg, ERR_IO, "%s: %s", sp->dirs[i], strerror(errno));
			goto fail;
		}
		if (i == 0)
			sp->dev = st.st_dev;
		else if (st.st_dev != sp->dev) {
			/* States change by rename(2), which cannot cross
			 * file systems. */
			(void)diag_set(dg, ERR_IO,
			    "%s is not on the same file system as %s; the "
			    "spool, done and quarantine folders must share one",
			    sp->dirs[i], sp->dirs[SPOOL_TMP]);
			goto fail;
		}
	}
	lockpath = g_build_filename(dir, "lock", NULL);
	sp->lockfd =
	    open(lockpath, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0640);
	if (sp->lockfd < 0) {
		(void)diag_set(dg, ERR_IO, "%s: %s", lockpath, strerror(errno));
		goto fail;
	}
	/* A POSIX record lock: `reportd status` can ask who holds it
	 * (F_GETLK) without taking it, and workers do not inherit it. */
	if (fcntl(sp->lockfd, F_SETLK,
		&(struct flock){ .l_type = F_WRLCK, .l_whence = SEEK_SET }) !=
	    0) {
		(void)diag_set(dg, ERR_IO,
		    "%s: another reportd is already using this spool", dir);
		goto fail;
	}
	g_free(lockpath);
	return sp;
fail:
	g_free(lockpath);
	spool_close(sp);
	return NULL;
}

pid_t
spool_locked_by(const struct spool *sp)
{
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
	char *path;
	pid_t pid = 0;
	int fd;

	/* Holding it ourselves; and closing another descriptor of the file
	 * would drop our POSIX lock. */
	if (sp->lockfd >= 0)
		return 0;
	path = g_build_filename(sp->root, "lock", NULL);
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	g_free(path);
	if (fd < 0)
		return 0;
	/* F_GETLK wants a descriptor that could take the lock asked
	 * about; a read lock is enough to learn of a write lock. */
	fl.l_type = F_RDLCK;
	if (fcntl(fd, F_GETLK, &fl) == 0 && fl.l_type != F_UNLCK)
		pid = fl.l_pid;
	(void)close(fd);
	return pid;
}

struct spool *
spool_open_readonly(const char *dir, const char *done_dir,
    const char *quarantine_dir, struct diag *dg)
{
	struct spool *sp = spool_alloc(dir, done_dir, quarantine_dir);
	struct stat st;

	if (stat(sp->dirs[SPOOL_INCOMING], &st) != 0) {
		(void)diag_set(dg, ERR_IO, "%s: %s", sp->dirs[SPOOL_INCOMING],
		    strerror(errno));
		spool_close(sp);
		return NULL;
	}
	sp->dev = st.st_dev;
	return sp;
}

char *
spool_new_id(struct spool *sp)
{
	struct timespec ts;
	struct tm tm;
	int64_t us;
	time_t sec;

	(void)clock_gettime(CLOCK_REALTIME, &ts);
	us = (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
	/* Strictly increasing within this process, even if the clock
	 * steps back or two ids fall in one microsecond; the pid keeps
	 * processes apart. */
	if (us <= sp->last_us)
		us = sp->last_us + 1;
	sp->last_us = us;
	sec = (time_t)(us / 1000000);
	(void)gmtime_r(&sec, &tm);
	return g_strdup_printf("%04d%02d%02dT%02d%02d%02d.%06lld-%ld",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
	    tm.tm_sec, (long long)(us % 1000000), (long)getpid());
}

static char *
now_iso(void)
{
	GDateTime *dt = g_date_time_new_now_utc();
	char *s = g_date_time_format(dt, "%Y-%m-%dT%H:%M:%SZ");

	g_date_time_unref(dt);
	return s;
}

static char *
doc_dir(const struct spool *sp, enum spool_state s, const char *id)
{
	return g_build_filename(sp->dirs[s], id, NULL);
}

/* The one entry of a document folder not starting with a dot. */
static char *
find_data_name(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char *name = NULL;

	if (d == NULL)
		return NULL;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		name = g_strdup(de->d_name);
		break;
	}
	(void)closedir(d);
	return name;
}

char *
spool_data_path(const struct spool *sp, enum spool_state s, const char *id)
{
	char *dir = doc_dir(sp, s, id);
	char *name = find_data_name(dir);
	char *path = NULL;

	if (name != NULL)
		path = g_build_filename(dir, name, NULL);
	g_free(name);
	g_free(dir);
	return path;
}

static void
kf_set(GKeyFile *kf, const char *key, const char *v)
{
	if (v != NULL)
		g_key_file_set_string(kf, "document", key, v);
}

static char *
meta_text(const struct spool_meta *m, gsize *len)
{
	GKeyFile *kf = g_key_file_new();
	char *text;

	kf_set(kf, "id", m->id);
	kf_set(kf, "name", m->name);
	kf_set(kf, "unit", m->unit);
	kf_set(kf, "origin", m->origin);
	kf_set(kf, "received", m->received);
	g_key_file_set_uint64(kf, "document", "started", m->started);
	g_key_file_set_uint64(kf, "document", "failures", m->failures);
	kf_set(kf, "last_failure", m->last_failure);
	kf_set(kf, "refused", m->refused);
	kf_set(kf, "refused_message", m->refused_message);
	if (m->kept_at != NULL) {
		char *b = g_base64_encode(
		    (const guchar *)m->kept_at, strlen(m->kept_at));

		kf_set(kf, "kept_at", b);
		g_free(b);
	}
	if (m->copied) {
		char *b = g_base64_encode(
		    (const guchar *)m->origin_path, strlen(m->origin_path));

		g_key_file_set_boolean(kf, "document", "copied", TRUE);
		/* Exact bytes: a file name need not be UTF-8. */
		kf_set(kf, "origin_path", b);
		g_free(b);
		g_key_file_set_uint64(
		    kf, "document", "origin_dev", m->origin_dev);
		g_key_file_set_uint64(
		    kf, "document", "origin_ino", m->origin_ino);
		g_key_file_set_uint64(
		    kf, "document", "origin_size", m->origin_size);
		g_key_file_set_int64(
		    kf, "document", "origin_mtime_ns", m->origin_mtime_ns);
	}
	kf_set(kf, "reason_code", m->reason_code);
	kf_set(kf, "reason", m->reason);
	text = g_key_file_to_data(kf, len, NULL);
	g_key_file_free(kf);
	return text;
}

static char *
kf_get(GKeyFile *kf, const char *key)
{
	return g_key_file_get_string(kf, "document", key, NULL);
}

static char *
kf_get_b64(GKeyFile *kf, const char *key)
{
	char *b = kf_get(kf, key);
	guchar *raw;
	gsize n = 0;
	char *s;

	if (b == NULL)
		return NULL;
	raw = g_base64_decode(b, &n);
	g_free(b);
	s = g_strndup((const char *)raw, n);
	g_free(raw);
	return s;
}

enum err
spool_meta_load(const struct spool *sp, enum spool_state s, const char *id,
    struct spool_meta *m, struct diag *dg)
{
	char *dir = doc_dir(sp, s, id);
	char *path = g_build_filename(dir, SPOOL_META, NULL);
	char *data_name = find_data_name(dir);
	GKeyFile *kf = g_key_file_new();
	GError *gerr = NULL;
	enum err e = ERR_OK;

	memset(m, 0, sizeof *m);
	if (!g_key_file_load_from_file(kf, path, G_KEY_FILE_NONE, &gerr)) {
		/* Only a power loss at the wrong instant leaves a folder
		 * without its metadata: the document is still processed,
		 * its unit hint is lost. */
		if (!g_error_matches(gerr, G_FILE_ERROR, G_FILE_ERROR_NOENT)) {
			e = diag_set(dg, ERR_IO, "%s: %s", path, gerr->message);
			goto out;
		}
		m->received = now_iso();
	} else {
		m->unit = kf_get(kf, "unit");
		m->origin = kf_get(kf, "origin");
		m->received = kf_get(kf, "received");
		m->name = kf_get(kf, "name");
		m->started = (unsigned)g_key_file_get_uint64(
		    kf, "document", "started", NULL);
		m->failures = (unsigned)g_key_file_get_uint64(
		    kf, "document", "failures", NULL);
		m->last_failure = kf_get(kf, "last_failure");
		m->refused = kf_get(kf, "refused");
		m->refused_message = kf_get(kf, "refused_message");
		m->kept_at = kf_get_b64(kf, "kept_at");
		m->copied =
		    g_key_file_get_boolean(kf, "document", "copied", NULL);
		m->origin_path = kf_get_b64(kf, "origin_path");
		m->origin_dev =
		    g_key_file_get_uint64(kf, "document", "origin_dev", NULL);
		m->origin_ino =
		    g_key_file_get_uint64(kf, "document", "origin_ino", NULL);
		m->origin_size =
		    g_key_file_get_uint64(kf, "document", "origin_size", NULL);
		m->origin_mtime_ns = g_key_file_get_int64(
		    kf, "document", "origin_mtime_ns", NULL);
		m->reason_code = kf_get(kf, "reason_code");
		m->reason = kf_get(kf, "reason");
		if (m->copied && m->origin_path == NULL)
			m->copied = false;
	}
	m->id = g_strdup(id);
	/* The file itself is the truth for its name. */
	if (data_name != NULL) {
		g_free(m->name);
		m->name = g_utf8_make_valid(data_name, -1);
	} else if (m->name == NULL)
		m->name = g_strdup("");
out:
	if (e != ERR_OK)
		spool_meta_fini(m);
	g_clear_error(&gerr);
	g_key_file_free(kf);
	g_free(data_name);
	g_free(path);
	g_free(dir);
	return e;
}

enum err
spool_meta_save(const struct spool *sp, enum spool_state s,
    const struct spool_meta *m, struct diag *dg)
{
	char *dir = doc_dir(sp, s, m->id);
	gsize len = 0;
	char *text = meta_text(m, &len);
	enum err e = durable_write(dir, dir, SPOOL_META, text, len, dg);

	g_free(text);
	g_free(dir);
	return e;
}

enum err
spool_move(const struct spool *sp, const char *id, enum spool_state from,
    enum spool_state to, bool sync, struct diag *dg)
{
	char *a = doc_dir(sp, from, id);
	char *b = doc_dir(sp, to, id);
	enum err e = ERR_OK;

	if (sync)
		e = durable_rename(a, b, dg);
	else if (rename(a, b) != 0)
		e = diag_set(
		    dg, ERR_IO, "rename %s to %s: %s", a, b, strerror(errno));
	g_free(a);
	g_free(b);
	return e;
}

int
spool_open_data(const struct spool *sp, enum spool_state s, const char *id,
    uint64_t size_max, uint64_t *size, struct diag *dg)
{
	char *path = spool_data_path(sp, s, id);
	struct stat st;
	int fd, fl;

	if (path == NULL) {
		(void)diag_set(dg, ERR_IO, "%s: the file is missing", id);
		return -1;
	}
	/* O_NONBLOCK: should anything but a regular file be here, opening
	 * it must not wait for a writer. */
	fd = open(
	    path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0) {
		(void)diag_set(
		    dg, ERR_IO, "%s: cannot open: %s", path, strerror(errno));
		g_free(path);
		return -1;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_nlink != 1 ||
	    (uint64_t)st.st_size > size_max) {
		(void)diag_set(dg, ERR_UNSUPPORTED,
		    "%s: not a regular file with one link within the size "
		    "limit",
		    path);
		(void)close(fd);
		g_free(path);
		return -1;
	}
	fl = fcntl(fd, F_GETFL);
	if (fl >= 0)
		(void)fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
	*size = (uint64_t)st.st_size;
	g_free(path);
	return fd;
}

/* Removes every entry of a document folder, then the folder.  Only
 * folders holding metadata and partial copies are removed this way. */
static enum err
remove_tree(const char *dir, struct diag *dg)
{
	DIR *d = opendir(dir);
	struct dirent *de;

	if (d == NULL)
		return errno == ENOENT
		    ? ERR_OK
		    : diag_set(dg, ERR_IO, "%s: %s", dir, strerror(errno));
	while ((de = readdir(d)) != NULL) {
		char *p;

		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		p = g_build_filename(dir, de->d_name, NULL);
		(void)unlink(p);
		g_free(p);
	}
	(void)closedir(d);
	if (rmdir(dir) != 0)
		return diag_set(dg, ERR_IO, "%s: %s", dir, strerror(errno));
	return ERR_OK;
}

enum err
spool_remove(
    const struct spool *sp, enum spool_state s, const char *id, struct diag *dg)
{
	char *dir = doc_dir(sp, s, id);
	enum err e = remove_tree(dir, dg);

	g_free(dir);
	return e;
}

static void
mark_dirty(struct spool *sp, const char *dir)
{
	g_hash_table_add(sp->dirty, g_strdup(dir));
}

enum err
spool_sync(struct spool *sp, struct diag *dg)
{
	GHashTableIter it;
	gpointer key;
	enum err e = ERR_OK;

	g_hash_table_iter_init(&it, sp->dirty);
	while (g_hash_table_iter_next(&it, &key, NULL)) {
		struct diag tmp;

		diag_init(&tmp);
		/* A network inbox may refuse fsync on a folder; the spool's
		 * own folders must not. */
		if (durable_sync_dir(key, &tmp) != ERR_OK &&
		    g_str_has_prefix(key, sp->root))
			e = diag_set(dg, ERR_IO, "%s", tmp.msg);
		g_hash_table_iter_remove(&it);
	}
	return e;
}

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
static void
unlink_copied_origin(const struct spool_meta *m)
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
		tdir = doc_dir(sp, SPOOL_TMP, id);
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
	m.received = now_iso();
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
		mark_dirty(sp, kept_dir);
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
	mark_dirty(sp, sp->dirs[SPOOL_INCOMING]);
	mark_dirty(sp, sp->dirs[SPOOL_TMP]);
	mark_dirty(sp, srcdir);
	if (m.copied)
		unlink_copied_origin(&m);
	*id_out = id;
	id = NULL;
	goto out;
undo:
	(void)remove_tree(tdir, NULL);
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

static int
cmp_str(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

GPtrArray *
spool_list(const struct spool *sp, enum spool_state s)
{
	GPtrArray *ids = g_ptr_array_new_with_free_func(g_free);
	DIR *d = opendir(sp->dirs[s]);
	struct dirent *de;

	if (d == NULL)
		return ids;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		g_ptr_array_add(ids, g_strdup(de->d_name));
	}
	(void)closedir(d);
	g_ptr_array_sort(ids, cmp_str);
	return ids;
}

unsigned
spool_count(const struct spool *sp, enum spool_state s)
{
	DIR *d = opendir(sp->dirs[s]);
	struct dirent *de;
	unsigned n = 0;

	if (d == NULL)
		return 0;
	while ((de = readdir(d)) != NULL)
		if (de->d_name[0] != '.')
			n++;
	(void)closedir(d);
	return n;
}

/* tmp/ID after a crash: a claim whose file arrived is finished, one
 * whose file never left the inbox is undone. */
static enum err
recover_tmp(struct spool *sp, const char *id, struct diag *dg)
{
	char *dir = doc_dir(sp, SPOOL_TMP, id);
	char *data = find_data_name(dir);
	struct spool_meta m;
	bool arrived = data != NULL;
	enum err e;
	struct stat st;

	memset(&m, 0, sizeof m);
	if (spool_meta_load(sp, SPOOL_TMP, id, &m, NULL) == ERR_OK &&
	    m.kept_at != NULL && lstat(m.kept_at, &st) == 0)
		arrived = true;
	if (arrived) {
		e = spool_move(sp, id, SPOOL_TMP, SPOOL_INCOMING, true, dg);
		if (e == ERR_OK)
			unlink_copied_origin(&m);
	} else
		e = remove_tree(dir, dg);
	spool_meta_fini(&m);
	g_free(data);
	g_free(dir);
	return e;
}

enum err
spool_recover(struct spool *sp, struct diag *dg)
{
	GPtrArray *ids;
	enum err e = ERR_OK;
	guint i;

	ids = spool_list(sp, SPOOL_TMP);
	for (i = 0; i < ids->len && e == ERR_OK; i++)
		e = recover_tmp(sp, ids->pdata[i], dg);
	g_ptr_array_unref(ids);
	if (e != ERR_OK)
		return e;
	/* Work in progress is simply redone (Postfix moves active back to
	 * incoming at start-up too). */
	ids = spool_list(sp, SPOOL_ACTIVE);
	for (i = 0; i < ids->len && e == ERR_OK; i++)
		e = spool_move(
		    sp, ids->pdata[i], SPOOL_ACTIVE, SPOOL_INCOMING, false, dg);
	g_ptr_array_unref(ids);
	if (e == ERR_OK)
		e = durable_sync_dir(sp->dirs[SPOOL_INCOMING], dg);
	if (e == ERR_OK)
		e = durable_sync_dir(sp->dirs[SPOOL_ACTIVE], dg);
	if (e != ERR_OK)
		return e;
	/* A copy from another file system whose original could not be
	 * unlinked before the crash. */
	ids = spool_list(sp, SPOOL_INCOMING);
	for (i = 0; i < ids->len; i++) {
		struct spool_meta m;

		if (spool_meta_load(
			sp, SPOOL_INCOMING, ids->pdata[i], &m, NULL) != ERR_OK)
			continue;
		unlink_copied_origin(&m);
		spool_meta_fini(&m);
	}
	g_ptr_array_unref(ids);
	return ERR_OK;
}
