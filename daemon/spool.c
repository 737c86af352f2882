/* SPDX-License-Identifier: MIT */
/* The queue's folders: open and lock, ids, moves between states, lists. */
#include "daemon/spool.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "daemon/durable.h"
#include "daemon/spool_int.h"

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

char *
spool_now_iso(void)
{
	GDateTime *dt = g_date_time_new_now_utc();
	char *s = g_date_time_format(dt, "%Y-%m-%dT%H:%M:%SZ");

	g_date_time_unref(dt);
	return s;
}

char *
spool_doc_dir(const struct spool *sp, enum spool_state s, const char *id)
{
	return g_build_filename(sp->dirs[s], id, NULL);
}

/* The one entry of a document folder not starting with a dot. */
char *
spool_find_data_name(const char *dir)
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
	char *dir = spool_doc_dir(sp, s, id);
	char *name = spool_find_data_name(dir);
	char *path = NULL;

	if (name != NULL)
		path = g_build_filename(dir, name, NULL);
	g_free(name);
	g_free(dir);
	return path;
}

enum err
spool_move(const struct spool *sp, const char *id, enum spool_state from,
    enum spool_state to, bool sync, struct diag *dg)
{
	char *a = spool_doc_dir(sp, from, id);
	char *b = spool_doc_dir(sp, to, id);
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
enum err
spool_remove_tree(const char *dir, struct diag *dg)
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
	char *dir = spool_doc_dir(sp, s, id);
	enum err e = spool_remove_tree(dir, dg);

	g_free(dir);
	return e;
}

void
spool_mark_dirty(struct spool *sp, const char *dir)
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
