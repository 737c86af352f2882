/* SPDX-License-Identifier: MIT */
/* daemon/inbox: ignore rules, network file systems, settling, units. */
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "daemon/config.h"
#include "daemon/inbox.h"
#include "tests/check.h"

static char *base;

static int64_t
now_ms(void)
{
	struct timespec ts;

	(void)clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Written in place (g_file_set_contents would rename a temp file in). */
static void
put(const char *rel, const char *text)
{
	char *p = g_build_filename(base, rel, NULL);
	char *dir = g_path_get_dirname(p);
	FILE *f;

	(void)g_mkdir_with_parents(dir, 0755);
	f = fopen(p, "w");
	CHECK(f != NULL);
	if (f != NULL) {
		CHECK(fputs(text, f) >= 0);
		CHECK(fclose(f) == 0);
	}
	g_free(dir);
	g_free(p);
}

static struct inbox *
open_inbox(const char *sub, unsigned settle, unsigned poll)
{
	static char *const ignore[] = { (char *)(uintptr_t) "~$*",
		(char *)(uintptr_t) "*.part", (char *)(uintptr_t) "*.tmp",
		(char *)(uintptr_t) "*.crdownload", NULL };
	char *root = g_build_filename(base, sub, NULL);
	struct inbox_opts o = { root, 2, settle, ignore, poll };
	struct diag dg;
	struct inbox *in;

	diag_init(&dg);
	in = inbox_new(&o, &dg);
	g_free(root);
	return in;
}

static bool
has(GPtrArray *items, const char *rel, const char *unit)
{
	guint i;

	for (i = 0; i < items->len; i++) {
		struct inbox_item *it = items->pdata[i];

		if (strcmp(it->relpath, rel) == 0)
			return g_strcmp0(it->unit, unit) == 0;
	}
	return false;
}

static void
test_inbox_ignored_names(void)
{
	static char *const pats[] = { (char *)(uintptr_t) "~$*",
		(char *)(uintptr_t) "*.part", (char *)(uintptr_t) "*.tmp",
		(char *)(uintptr_t) "*.crdownload", NULL };

	CHECK(inbox_name_ignored(".hidden.docx", pats));
	CHECK(inbox_name_ignored("~$báo cáo.docx", pats));
	CHECK(inbox_name_ignored("x.docx.part", pats));
	CHECK(inbox_name_ignored("X.TMP", pats));
	CHECK(inbox_name_ignored("dl.pdf.crdownload", pats));
	CHECK(!inbox_name_ignored("báo cáo.docx", pats));
	CHECK(!inbox_name_ignored("tmp.docx", pats));
}

static void
test_inbox_remote_file_systems(void)
{
	CHECK_STR(inbox_fs_remote_name(0x6969), "NFS");
	CHECK_STR(inbox_fs_remote_name(0xFF534D42), "SMB/CIFS");
	CHECK_STR(inbox_fs_remote_name(0xFE534D42), "SMB2");
	CHECK(inbox_fs_remote_name(0xEF53) == NULL);     /* ext4 */
	CHECK(inbox_fs_remote_name(0x01021994) == NULL); /* tmpfs */
}

static void
test_inbox_scan_settle_and_units(void)
{
	struct inbox *in = open_inbox("a", 2, CONFIG_POLL_ALWAYS);
	GPtrArray *r;
	int64_t t0 = now_ms();

	CHECK(in != NULL && inbox_polling(in) && inbox_fd(in) < 0);
	put("a/r1.docx", "1");
	put("a/Xã A/r2.pdf", "2");
	put("a/Xã A/Thôn 1/r3.pdf", "3");
	put("a/l1/l2/l3/deep.pdf", "too deep");
	put("a/~$r1.docx", "lock");
	put("a/.r4.docx", "still being written");
	put("a/.hidden/r5.docx", "dot folder");
	inbox_rescan(in, t0);
	/* Just written: not settled yet. */
	r = inbox_take_ready(in, t0);
	CHECK(r->len == 0);
	g_ptr_array_unref(r);
	CHECK(inbox_pending(in) == 3);
	CHECK(inbox_next_check_ms(in, t0) == 2000);
	r = inbox_take_ready(in, t0 + 2000);
	CHECK(r->len == 3);
	CHECK(has(r, "r1.docx", NULL));
	CHECK(has(r, "Xã A/r2.pdf", "Xã A"));
	CHECK(has(r, "Xã A/Thôn 1/r3.pdf", "Xã A/Thôn 1"));
	g_ptr_array_unref(r);
	CHECK(inbox_pending(in) == 0);
	inbox_free(in);
}

static void
test_inbox_growing_file_waits(void)
{
	struct inbox *in = open_inbox("b", 2, CONFIG_POLL_ALWAYS);
	GPtrArray *r;
	int64_t t0 = now_ms();

	put("b/slow.pdf", "part one");
	inbox_rescan(in, t0);
	/* It grew: the settle time starts again. */
	put("b/slow.pdf", "part one, part two");
	inbox_rescan(in, t0 + 1500);
	r = inbox_take_ready(in, t0 + 2500);
	CHECK(r->len == 0);
	g_ptr_array_unref(r);
	r = inbox_take_ready(in, t0 + 3600);
	CHECK(r->len == 1);
	g_ptr_array_unref(r);
	inbox_free(in);
}

/* Renamed in (the producer contract): ready at once, via inotify. */
static void
test_inbox_moved_in_is_ready(void)
{
	struct inbox *in = open_inbox("c", 30, CONFIG_POLL_NEVER);
	char *from, *to;
	GPtrArray *r;
	bool overflow = false;
	int64_t t0 = now_ms();

	CHECK(in != NULL && inbox_fd(in) >= 0);
	inbox_rescan(in, t0);
	put("c/.upload.docx", "whole");
	from = g_build_filename(base, "c", ".upload.docx", NULL);
	to = g_build_filename(base, "c", "done.docx", NULL);
	CHECK(rename(from, to) == 0);
	put("c/written.docx", "in place");
	inbox_read_events(in, t0, &overflow);
	CHECK(!overflow);
	r = inbox_take_ready(in, t0);
	CHECK(r->len == 1 && has(r, "done.docx", NULL));
	g_ptr_array_unref(r);
	/* Written in place: waits for the settle time. */
	CHECK(inbox_pending(in) == 1);
	/* A new unit folder is watched as it appears. */
	put("c/Phường B/x.docx", "x");
	inbox_read_events(in, t0, &overflow);
	CHECK(inbox_pending(in) == 2);
	g_free(from);
	g_free(to);
	inbox_free(in);
}

int
main(void)
{
	char tmpl[] = "/tmp/test_inbox.XXXXXX";

	base = g_mkdtemp(tmpl);
	if (base == NULL)
		return 1;
	RUN(test_inbox_ignored_names);
	RUN(test_inbox_remote_file_systems);
	RUN(test_inbox_scan_settle_and_units);
	RUN(test_inbox_growing_file_waits);
	RUN(test_inbox_moved_in_is_ready);
	{
		char *argv[] = { (char *)(uintptr_t) "rm",
			(char *)(uintptr_t) "-rf", base, NULL };

		(void)g_spawn_sync(NULL, argv, NULL, G_SPAWN_SEARCH_PATH, NULL,
		    NULL, NULL, NULL, NULL, NULL);
	}
	return check_done();
}
