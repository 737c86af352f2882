/* SPDX-License-Identifier: MIT */
/* inotify as a hint, rescans as the truth, settle times for writers. */
#include "daemon/inbox.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <time.h>
#include <unistd.h>

#include "daemon/config.h"
#include "daemon/log.h"

/* Upper bounds so a hostile tree cannot exhaust the supervisor. */
#define INBOX_WATCHES_MAX 4096
#define INBOX_TRACKED_MAX 100000

struct cand {
	int64_t size, mtime_ns, ctime_ns;
	int64_t seen_ms; /* when these values were first seen */
	int64_t order;   /* arrival order */
	bool moved_in;   /* renamed into the inbox: complete */
	bool special;    /* not a regular file: refused at once */
	char *unit;
};

struct inbox {
	char *root;
	unsigned depth, settle;
	char **ignore;
	int fd;
	bool polling;
	const char *remote;
	GHashTable *wds;   /* wd -> relative folder ("" for the root) */
	GHashTable *cands; /* relpath -> struct cand */
	GHashTable *skip;  /* "dev:ino:size:mtime" */
	int64_t order;
};

static const struct {
	unsigned long magic;
	const char *name;
} remote_fs[] = {
	{ 0x6969UL, "NFS" },
	{ 0x517BUL, "SMB" },
	{ 0xFF534D42UL, "SMB/CIFS" },
	{ 0xFE534D42UL, "SMB2" },
	{ 0x73757245UL, "Coda" },
	{ 0x5346414FUL, "AFS" },
	{ 0x6B414653UL, "AFS" },
	{ 0x00C36400UL, "Ceph" },
	{ 0x01021997UL, "9P" },
	{ 0x65735546UL, "FUSE" },
	{ 0x564CUL, "NCP" },
	{ 0x7461636FUL, "OCFS2" },
	{ 0x01161970UL, "GFS2" },
	{ 0x0BD00BD0UL, "Lustre" },
	{ 0x47504653UL, "GPFS" },
};

const char *
inbox_fs_remote_name(unsigned long f_type)
{
	size_t i;

	for (i = 0; i < G_N_ELEMENTS(remote_fs); i++)
		if (remote_fs[i].magic == (f_type & 0xFFFFFFFFUL))
			return remote_fs[i].name;
	return NULL;
}

bool
inbox_name_ignored(const char *name, char *const *patterns)
{
	char *lower;
	bool hit = false;
	size_t i;

	/* Dot files: the producer contract (write .name, then rename). */
	if (name[0] == '.' || name[0] == '\0')
		return true;
	if (patterns == NULL)
		return false;
	lower = g_ascii_strdown(name, -1);
	for (i = 0; patterns[i] != NULL && !hit; i++) {
		char *p = g_ascii_strdown(patterns[i], -1);

		hit = g_pattern_match_simple(p, lower);
		g_free(p);
	}
	g_free(lower);
	return hit;
}

static void
cand_free(gpointer p)
{
	struct cand *c = p;

	g_free(c->unit);
	g_free(c);
}

static int64_t
ts_ns(const struct timespec *ts)
{
	return (int64_t)ts->tv_sec * 1000000000 + ts->tv_nsec;
}

static char *
identity_key(dev_t dev, ino_t ino, int64_t size, int64_t mtime_ns)
{
	return g_strdup_printf("%llu:%llu:%lld:%lld", (unsigned long long)dev,
	    (unsigned long long)ino, (long long)size, (long long)mtime_ns);
}

void
inbox_skip_identity(
    struct inbox *in, dev_t dev, ino_t ino, int64_t size, int64_t mtime_ns)
{
	g_hash_table_add(in->skip, identity_key(dev, ino, size, mtime_ns));
}

/* Records what lstat says of `rel`; a change restarts its settle time. */
static void
observe(struct inbox *in, const char *rel, const char *unit,
    const struct stat *st, bool moved_in, int64_t now_ms)
{
	struct cand *c = g_hash_table_lookup(in->cands, rel);
	int64_t m = ts_ns(&st->st_mtim), ct = ts_ns(&st->st_ctim);

	if (S_ISREG(st->st_mode) && g_hash_table_size(in->skip) > 0) {
		char *k = identity_key(
		    st->st_dev, st->st_ino, (int64_t)st->st_size, m);
		bool skip = g_hash_table_contains(in->skip, k);

		g_free(k);
		if (skip)
			return;
	}
	if (c == NULL) {
		if (g_hash_table_size(in->cands) >= INBOX_TRACKED_MAX)
			return; /* the rest is found by a later rescan */
		c = g_new0(struct cand, 1);
		c->unit =
		    unit != NULL && unit[0] != '\0' ? g_strdup(unit) : NULL;
		c->order = in->order++;
		c->seen_ms = now_ms;
		c->size = (int64_t)st->st_size;
		c->mtime_ns = m;
		c->ctime_ns = ct;
		g_hash_table_insert(in->cands, g_strdup(rel), c);
	} else if (c->size != (int64_t)st->st_size || c->mtime_ns != m ||
	    c->ctime_ns != ct) {
		c->size = (int64_t)st->st_size;
		c->mtime_ns = m;
		c->ctime_ns = ct;
		c->seen_ms = now_ms;
		c->moved_in = false;
	}
	c->special = !S_ISREG(st->st_mode);
	if (moved_in)
		c->moved_in = true;
}

static void
add_watch(struct inbox *in, const char *rel)
{
	char *path;
	int wd;

	if (in->fd < 0 || g_hash_table_size(in->wds) >= INBOX_WATCHES_MAX)
		return;
	path = rel[0] != '\0' ? g_build_filename(in->root, rel, NULL)
			      : g_strdup(in->root);
	wd = inotify_add_watch(in->fd, path,
	    IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE |
		IN_DELETE | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR |
		IN_DONT_FOLLOW | IN_EXCL_UNLINK);
	if (wd < 0)
		log_warn("inbox: cannot watch %s", path);
	else
		g_hash_table_replace(
		    in->wds, GINT_TO_POINTER(wd), g_strdup(rel));
	g_free(path);
}

static unsigned
rel_depth(const char *rel)
{
	unsigned n = rel[0] != '\0' ? 1 : 0;

	for (; *rel != '\0'; rel++)
		if (*rel == '/')
			n++;
	return n;
}

/* Scans folder `rel` ("" = the root) and, within the depth, its
 * subfolders.  Recursion is bounded by in->depth (<= 8). */
static void
scan_dir(struct inbox *in, const char *rel, int64_t now_ms, bool watch)
{
	char *path = rel[0] != '\0' ? g_build_filename(in->root, rel, NULL)
				    : g_strdup(in->root);
	unsigned depth = rel_depth(rel);
	int dfd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	DIR *d;
	struct dirent *de;

	if (dfd < 0) {
		if (rel[0] == '\0')
			log_warn("inbox: cannot read %s", path);
		g_free(path);
		return;
	}
	d = fdopendir(dfd);
	if (d == NULL) {
		(void)close(dfd);
		g_free(path);
		return;
	}
	if (watch)
		add_watch(in, rel);
	while ((de = readdir(d)) != NULL) {
		struct stat st;
		char *child;

		if (inbox_name_ignored(de->d_name, in->ignore))
			continue;
		if (fstatat(dfd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0)
			continue;
		child = rel[0] != '\0' ? g_build_filename(rel, de->d_name, NULL)
				       : g_strdup(de->d_name);
		if (S_ISDIR(st.st_mode)) {
			if (depth < in->depth)
				scan_dir(in, child, now_ms, watch);
		} else
			observe(in, child, rel, &st, false, now_ms);
		g_free(child);
	}
	(void)closedir(d);
	g_free(path);
}

struct inbox *
inbox_new(const struct inbox_opts *o, struct diag *dg)
{
	struct inbox *in = g_new0(struct inbox, 1);
	struct statfs sfs;

	in->root = g_strdup(o->root);
	in->depth = o->depth;
	in->settle = o->settle_seconds;
	in->ignore = g_strdupv((char **)(uintptr_t)o->ignore);
	in->fd = -1;
	in->wds =
	    g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
	in->cands =
	    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, cand_free);
	in->skip = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	if (g_mkdir_with_parents(in->root, 0755) != 0) {
		(void)diag_set(dg, ERR_IO, "%s: cannot create: %s", in->root,
		    strerror(errno));
		inbox_free(in);
		return NULL;
	}
	if (statfs(in->root, &sfs) == 0)
		in->remote = inbox_fs_remote_name((unsigned long)sfs.f_type);
	in->polling = o->poll == CONFIG_POLL_ALWAYS ||
	    (o->poll == CONFIG_POLL_AUTO && in->remote != NULL);
	if (!in->polling) {
		in->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
		if (in->fd < 0) {
			log_warn("inbox: inotify unavailable, polling");
			in->polling = true;
		}
	}
	return in;
}

void
inbox_free(struct inbox *in)
{
	if (in == NULL)
		return;
	if (in->fd >= 0)
		(void)close(in->fd);
	g_hash_table_destroy(in->wds);
	g_hash_table_destroy(in->cands);
	g_hash_table_destroy(in->skip);
	g_strfreev(in->ignore);
	g_free(in->root);
	g_free(in);
}

void
inbox_update(struct inbox *in, unsigned settle, char *const *ignore)
{
	in->settle = settle;
	g_strfreev(in->ignore);
	in->ignore = g_strdupv((char **)(uintptr_t)ignore);
}

bool
inbox_polling(const struct inbox *in)
{
	return in->polling;
}

const char *
inbox_remote_fs(const struct inbox *in)
{
	return in->remote;
}

int
inbox_fd(const struct inbox *in)
{
	return in->fd;
}

void
inbox_rescan(struct inbox *in, int64_t now_ms)
{
	scan_dir(in, "", now_ms, in->fd >= 0);
}

/* One event: look at the name it is about. */
static void
on_event(struct inbox *in, const struct inotify_event *ev, int64_t now_ms)
{
	const char *dir = g_hash_table_lookup(in->wds, GINT_TO_POINTER(ev->wd));
	char *rel, *path;
	struct stat st;

	if (ev->mask & IN_IGNORED) {
		g_hash_table_remove(in->wds, GINT_TO_POINTER(ev->wd));
		return;
	}
	if (dir == NULL || ev->len == 0 ||
	    inbox_name_ignored(ev->name, in->ignore))
		return;
	rel = dir[0] != '\0' ? g_build_filename(dir, ev->name, NULL)
			     : g_strdup(ev->name);
	if (ev->mask & (IN_DELETE | IN_MOVED_FROM)) {
		g_hash_table_remove(in->cands, rel);
		g_free(rel);
		return;
	}
	path = g_build_filename(in->root, rel, NULL);
	if (lstat(path, &st) == 0) {
		if (S_ISDIR(st.st_mode)) {
			/* A new unit folder, possibly with files already. */
			if (rel_depth(rel) <= in->depth)
				scan_dir(in, rel, now_ms, true);
		} else
			observe(in, rel, dir, &st,
			    (ev->mask & IN_MOVED_TO) != 0, now_ms);
	}
	g_free(path);
	g_free(rel);
}

void
inbox_read_events(struct inbox *in, int64_t now_ms, bool *overflow)
{
	char buf[16384]
	    __attribute__((aligned(__alignof__(struct inotify_event))));

	*overflow = false;
	if (in->fd < 0)
		return;
	for (;;) {
		ssize_t n = read(in->fd, buf, sizeof buf);
		const char *p;

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			/* EAGAIN: drained.  Anything else: trust the
			 * rescan. */
			if (errno != EAGAIN)
				*overflow = true;
			return;
		}
		if (n == 0)
			return;
		for (p = buf; p < buf + n;) {
			const struct inotify_event *ev = (const void *)p;

			if ((size_t)(buf + n - p) < sizeof *ev ||
			    (size_t)(buf + n - p) < sizeof *ev + ev->len)
				break;
			if (ev->mask & IN_Q_OVERFLOW)
				*overflow = true;
			else
				on_event(in, ev, now_ms);
			p += sizeof *ev + ev->len;
		}
	}
}

static bool
wall_old(int64_t ns, int64_t now_ns, int64_t settle_ns)
{
	return now_ns - ns >= settle_ns;
}

static bool
ready(const struct inbox *in, const struct cand *c, int64_t now_ms,
    int64_t now_ns)
{
	int64_t settle_ms = (int64_t)in->settle * 1000;

	if (c->special || c->moved_in || in->settle == 0)
		return true;
	if (now_ms - c->seen_ms >= settle_ms)
		return true;
	/* Untouched for the settle time already when first seen (a file
	 * that waited while the daemon was down). */
	return wall_old(c->mtime_ns, now_ns, settle_ms * 1000000) &&
	    wall_old(c->ctime_ns, now_ns, settle_ms * 1000000);
}

static int
cmp_items(gconstpointer a, gconstpointer b)
{
	const struct inbox_item *x = *(struct inbox_item *const *)a;
	const struct inbox_item *y = *(struct inbox_item *const *)b;

	return strcmp(x->relpath, y->relpath);
}

static void
item_free(gpointer p)
{
	struct inbox_item *it = p;

	g_free(it->relpath);
	g_free(it->unit);
	g_free(it);
}

/* Settled files are looked at once more: a writer that went on writing
 * after the event that brought the file in shows up here. */
static bool
still_same(const struct inbox *in, const char *rel, const struct cand *c)
{
	char *path = g_build_filename(in->root, rel, NULL);
	struct stat st;
	bool same;

	same = lstat(path, &st) == 0 && !S_ISDIR(st.st_mode) &&
	    (c->special ||
		((int64_t)st.st_size == c->size &&
		    ts_ns(&st.st_mtim) == c->mtime_ns));
	g_free(path);
	return same;
}

GPtrArray *
inbox_take_ready(struct inbox *in, int64_t now_ms)
{
	GPtrArray *out = g_ptr_array_new_with_free_func(item_free);
	GHashTableIter it;
	gpointer k, v;
	struct timespec ts;
	int64_t now_ns;

	(void)clock_gettime(CLOCK_REALTIME, &ts);
	now_ns = ts_ns(&ts);
	g_hash_table_iter_init(&it, in->cands);
	while (g_hash_table_iter_next(&it, &k, &v)) {
		struct cand *c = v;
		struct inbox_item *item;

		if (!ready(in, c, now_ms, now_ns))
			continue;
		if (!still_same(in, k, c)) {
			/* Gone, or changed: forget it; a change is seen
			 * again by the next event or scan. */
			g_hash_table_iter_remove(&it);
			continue;
		}
		item = g_new0(struct inbox_item, 1);
		item->relpath = g_strdup(k);
		item->unit = g_strdup(c->unit);
		g_ptr_array_add(out, item);
		g_hash_table_iter_remove(&it);
	}
	g_ptr_array_sort(out, cmp_items);
	return out;
}

int64_t
inbox_next_check_ms(const struct inbox *in, int64_t now_ms)
{
	GHashTableIter it;
	gpointer v;
	int64_t best = -1;

	g_hash_table_iter_init(&it, in->cands);
	while (g_hash_table_iter_next(&it, NULL, &v)) {
		const struct cand *c = v;
		int64_t due = c->seen_ms + (int64_t)in->settle * 1000 - now_ms;

		if (due < 0)
			due = 0;
		if (best < 0 || due < best)
			best = due;
	}
	return best;
}

unsigned
inbox_pending(const struct inbox *in)
{
	return g_hash_table_size(in->cands);
}
