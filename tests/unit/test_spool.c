/* SPDX-License-Identifier: MIT */
/* daemon/spool: claims by rename, refusals unread, recovery, the lock. */
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "daemon/spool.h"
#include "tests/check.h"

static char *base;

static char *
path(const char *rel)
{
	return g_build_filename(base, rel, NULL);
}

static void
put(const char *rel, const char *text)
{
	char *p = path(rel), *dir = g_path_get_dirname(p);

	(void)g_mkdir_with_parents(dir, 0755);
	CHECK(g_file_set_contents(p, text, -1, NULL));
	g_free(dir);
	g_free(p);
}

static bool
exists(const char *rel)
{
	char *p = path(rel);
	struct stat st;
	bool r = lstat(p, &st) == 0;

	g_free(p);
	return r;
}

static struct spool *
open_spool(void)
{
	char *s = path("spool"), *d = path("done"), *q = path("quarantine");
	struct diag dg;
	struct spool *sp;

	diag_init(&dg);
	sp = spool_open(s, d, q, &dg);
	if (sp == NULL)
		fprintf(stderr, "%s\n", dg.msg);
	g_free(s);
	g_free(d);
	g_free(q);
	return sp;
}

static char *
claim(struct spool *sp, const char *rel, const char *unit, uint64_t max)
{
	char *inbox = path("inbox"), *id = NULL;
	struct diag dg;
	bool gone;

	diag_init(&dg);
	if (spool_claim(sp, inbox, rel, unit, max, &id, &gone, &dg) != ERR_OK)
		fprintf(stderr, "claim %s: %s\n", rel, dg.msg);
	g_free(inbox);
	return id;
}

static void
test_spool_claim_moves_file_with_meta(void)
{
	struct spool *sp = open_spool();
	struct spool_meta m;
	struct diag dg;
	char *id, *data, *text = NULL;

	CHECK(sp != NULL);
	put("inbox/Phường Vĩnh Hòa/báo cáo.docx", "report");
	id = claim(sp, "Phường Vĩnh Hòa/báo cáo.docx", "Phường Vĩnh Hòa", 1000);
	CHECK(id != NULL);
	CHECK(!exists("inbox/Phường Vĩnh Hòa/báo cáo.docx"));
	diag_init(&dg);
	CHECK(spool_meta_load(sp, SPOOL_INCOMING, id, &m, &dg) == ERR_OK);
	CHECK_STR(m.name, "báo cáo.docx");
	CHECK_STR(m.unit, "Phường Vĩnh Hòa");
	CHECK_STR(m.origin, "Phường Vĩnh Hòa/báo cáo.docx");
	CHECK(m.refused == NULL);
	data = spool_data_path(sp, SPOOL_INCOMING, id);
	CHECK(g_file_get_contents(data, &text, NULL, NULL));
	CHECK_STR(text, "report");
	/* State changes keep the metadata with the file. */
	m.started = 2;
	CHECK(spool_move(sp, id, SPOOL_INCOMING, SPOOL_ACTIVE, true, &dg) ==
	    ERR_OK);
	CHECK(spool_meta_save(sp, SPOOL_ACTIVE, &m, &dg) == ERR_OK);
	spool_meta_fini(&m);
	CHECK(spool_meta_load(sp, SPOOL_ACTIVE, id, &m, &dg) == ERR_OK);
	CHECK(m.started == 2);
	CHECK(spool_count(sp, SPOOL_ACTIVE) == 1);
	spool_meta_fini(&m);
	g_free(text);
	g_free(data);
	g_free(id);
	spool_close(sp);
}

static void
test_spool_refuses_unread(void)
{
	struct spool *sp = open_spool();
	struct spool_meta m;
	struct diag dg;
	char *id, *p, *q, *target;
	struct stat st;
	uint64_t size;

	CHECK(sp != NULL);
	target = path("secret");
	CHECK(g_file_set_contents(target, "secret", -1, NULL));
	p = path("inbox/link.docx");
	CHECK(symlink(target, p) == 0);
	g_free(p);
	p = path("inbox/pipe.pdf");
	CHECK(mkfifo(p, 0600) == 0);
	g_free(p);
	put("inbox/big.pdf", "0123456789");
	put("inbox/two.docx", "two links");
	p = path("inbox/two.docx");
	q = path("two-elsewhere");
	CHECK(link(p, q) == 0);
	g_free(p);
	g_free(q);

	id = claim(sp, "link.docx", NULL, 1000);
	diag_init(&dg);
	CHECK(spool_meta_load(sp, SPOOL_INCOMING, id, &m, &dg) == ERR_OK);
	CHECK_STR(m.refused, "symlink");
	/* Never opened through the link. */
	CHECK(spool_open_data(sp, SPOOL_INCOMING, id, 1000, &size, &dg) < 0);
	spool_meta_fini(&m);
	g_free(id);
	CHECK(lstat(target, &st) == 0 && S_ISREG(st.st_mode));

	id = claim(sp, "pipe.pdf", NULL, 1000);
	CHECK(spool_meta_load(sp, SPOOL_INCOMING, id, &m, &dg) == ERR_OK);
	CHECK_STR(m.refused, "fifo");
	diag_init(&dg);
	CHECK(spool_open_data(sp, SPOOL_INCOMING, id, 1000, &size, &dg) < 0);
	spool_meta_fini(&m);
	g_free(id);

	id = claim(sp, "big.pdf", NULL, 5);
	CHECK(spool_meta_load(sp, SPOOL_INCOMING, id, &m, &dg) == ERR_OK);
	CHECK_STR(m.refused, "too_large");
	spool_meta_fini(&m);
	g_free(id);

	id = claim(sp, "two.docx", NULL, 1000);
	CHECK(spool_meta_load(sp, SPOOL_INCOMING, id, &m, &dg) == ERR_OK);
	CHECK_STR(m.refused, "hard_link");
	spool_meta_fini(&m);
	g_free(id);
	g_free(target);
	spool_close(sp);
}

static void
test_spool_recovery(void)
{
	struct spool *sp = open_spool();
	GPtrArray *in;
	struct diag dg;

	CHECK(sp != NULL);
	/* A claim cut short before its file arrived: undone. */
	put("spool/tmp/20240101T000000.000001-1-1/.reportd",
	    "[document]\nname=a\n");
	/* One cut short after: finished. */
	put("spool/tmp/20240101T000000.000002-1-2/.reportd",
	    "[document]\nname=b\nunit=U\n");
	put("spool/tmp/20240101T000000.000002-1-2/b.docx", "b");
	/* Work in progress: redone. */
	put("spool/active/20240101T000000.000003-1-3/c.docx", "c");
	diag_init(&dg);
	CHECK(spool_recover(sp, &dg) == ERR_OK);
	CHECK(!exists("spool/tmp/20240101T000000.000001-1-1"));
	CHECK(exists("spool/incoming/20240101T000000.000002-1-2/b.docx"));
	CHECK(exists("spool/incoming/20240101T000000.000003-1-3/c.docx"));
	CHECK(spool_count(sp, SPOOL_TMP) == 0);
	CHECK(spool_count(sp, SPOOL_ACTIVE) == 0);
	in = spool_list(sp, SPOOL_INCOMING);
	CHECK(in->len >= 2);
	/* Ids sort by arrival. */
	CHECK(in->len < 2 || strcmp(in->pdata[0], in->pdata[1]) < 0);
	g_ptr_array_unref(in);
	spool_close(sp);
}

static void
test_spool_ids_unique_and_ordered(void)
{
	struct spool *sp = open_spool();
	char *prev = NULL;
	int i;

	CHECK(sp != NULL);
	for (i = 0; i < 1000; i++) {
		char *id = spool_new_id(sp);

		CHECK(prev == NULL || strcmp(prev, id) < 0);
		g_free(prev);
		prev = id;
	}
	g_free(prev);
	spool_close(sp);
}

/* A second daemon on the same spool is refused (another process: POSIX
 * record locks are per process). */
static void
test_spool_lock(void)
{
	struct spool *sp = open_spool();
	pid_t pid;
	int status = 0;

	CHECK(sp != NULL);
	CHECK(spool_locked_by(sp) == 0); /* our own lock is not reported */
	pid = fork();
	if (pid == 0) {
		struct spool *other = open_spool();
		char *s = path("spool"), *d = path("done"),
		     *q = path("quarantine");
		struct spool *ro = spool_open_readonly(s, d, q, NULL);

		/* Refused, and `reportd status` names the holder. */
		_exit(other == NULL && ro != NULL &&
			    spool_locked_by(ro) == getppid()
			? 0
			: 1);
	}
	CHECK(pid > 0 && waitpid(pid, &status, 0) == pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	spool_close(sp);
}

/* An inbox on another file system: copy, fsync, rename, then unlink. */
static void
test_spool_cross_fs_copy(void)
{
	struct spool *sp;
	struct spool_meta m;
	struct diag dg;
	char *mnt = path("inbox-other"), *id, *data, *text = NULL;

	(void)g_mkdir_with_parents(mnt, 0755);
	if (mount("tmpfs", mnt, "tmpfs", 0, "size=1m") != 0) {
		fprintf(stderr,
		    "cannot mount a tmpfs (%s): skipping the "
		    "cross-file-system claim\n",
		    strerror(errno));
		g_free(mnt);
		return;
	}
	sp = open_spool();
	put("inbox-other/x.docx", "other fs");
	diag_init(&dg);
	{
		bool gone;

		id = NULL;
		CHECK(spool_claim(sp, mnt, "x.docx", NULL, 1000, &id, &gone,
			  &dg) == ERR_OK);
	}
	CHECK(id != NULL);
	CHECK(!exists("inbox-other/x.docx"));
	if (id != NULL) {
		CHECK(
		    spool_meta_load(sp, SPOOL_INCOMING, id, &m, &dg) == ERR_OK);
		CHECK(m.copied);
		spool_meta_fini(&m);
		data = spool_data_path(sp, SPOOL_INCOMING, id);
		CHECK(g_file_get_contents(data, &text, NULL, NULL));
		CHECK_STR(text, "other fs");
		g_free(data);
		g_free(text);
	}
	/* A symlink there is moved aside within its own file system. */
	{
		char *l = path("inbox-other/l.docx");
		char *id2 = NULL;
		bool gone;

		CHECK(symlink("/etc/passwd", l) == 0);
		CHECK(spool_claim(sp, mnt, "l.docx", NULL, 1000, &id2, &gone,
			  &dg) == ERR_OK);
		CHECK(!exists("inbox-other/l.docx"));
		CHECK(spool_meta_load(sp, SPOOL_INCOMING, id2, &m, &dg) ==
		    ERR_OK);
		CHECK_STR(m.refused, "symlink");
		CHECK(m.kept_at != NULL &&
		    strstr(m.kept_at, SPOOL_REFUSED_DIR) != NULL);
		spool_meta_fini(&m);
		g_free(id2);
		g_free(l);
	}
	g_free(id);
	spool_close(sp);
	(void)umount2(mnt, MNT_DETACH);
	g_free(mnt);
}

int
main(void)
{
	char tmpl[] = "/tmp/test_spool.XXXXXX";

	base = g_mkdtemp(tmpl);
	if (base == NULL)
		return 1;
	RUN(test_spool_claim_moves_file_with_meta);
	RUN(test_spool_refuses_unread);
	RUN(test_spool_recovery);
	RUN(test_spool_ids_unique_and_ordered);
	RUN(test_spool_lock);
	RUN(test_spool_cross_fs_copy);
	{
		char *argv[] = { (char *)(uintptr_t) "rm",
			(char *)(uintptr_t) "-rf", base, NULL };

		(void)g_spawn_sync(NULL, argv, NULL, G_SPAWN_SEARCH_PATH, NULL,
		    NULL, NULL, NULL, NULL, NULL);
	}
	return check_done();
}
