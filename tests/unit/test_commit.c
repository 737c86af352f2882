/* SPDX-License-Identifier: MIT */
/*
 * daemon/commit: the order store -> outbox -> move, a commit repeated
 * after a crash between the steps, and an outbox that cannot be
 * written (nothing half-written, the document stays in active/).
 */
#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "daemon/commit.h"
#include "daemon/outbox.h"
#include "daemon/record.h"
#include "tests/check.h"

static char *base;
static struct spool *sp;
static struct store *st;
static char *outbox;

static char *
path(const char *rel)
{
	return g_build_filename(base, rel, NULL);
}

/* A file accepted and moved to active/, with its metadata loaded. */
static char *
accepted(const char *name, struct spool_meta *m)
{
	char *inbox = path("inbox"), *p = g_build_filename(inbox, name, NULL);
	char *id = NULL;
	struct diag dg;
	bool gone;

	(void)g_mkdir_with_parents(inbox, 0755);
	CHECK(g_file_set_contents(p, name, -1, NULL));
	diag_init(&dg);
	CHECK(spool_claim(sp, inbox, name, NULL, 1000, &id, &gone, &dg) ==
	    ERR_OK);
	CHECK(spool_move(sp, id, SPOOL_INCOMING, SPOOL_ACTIVE, true, &dg) ==
	    ERR_OK);
	CHECK(spool_meta_load(sp, SPOOL_ACTIVE, id, m, &dg) == ERR_OK);
	g_free(p);
	g_free(inbox);
	return id;
}

static JsonNode *
rec(const char *name, const char *status)
{
	return record_new_failed(name, NULL, 1, "docx", status, "test", name);
}

static char *
outbox_text(const char *id)
{
	char *p = g_strdup_printf("%s/%s.json", outbox, id), *t = NULL;

	if (!g_file_get_contents(p, &t, NULL, NULL))
		t = NULL;
	g_free(p);
	return t;
}

static bool
in_state(const char *dir, const char *id)
{
	char *p = g_build_filename(base, dir, id, NULL);
	bool r = g_file_test(p, G_FILE_TEST_IS_DIR);

	g_free(p);
	return r;
}

static void
test_commit_in_order(void)
{
	struct spool_meta m;
	struct commit_doc cd = { &m, NULL, "done", NULL, NULL, NULL };
	struct diag dg;
	char *id = accepted("a.docx", &m), *out = NULL, *stored = NULL,
	     *oc = NULL, *file;

	cd.record = rec("a.docx", "rejected");
	diag_init(&dg);
	CHECK(commit_document(sp, st, outbox, &cd, &out, &dg) == ERR_OK);
	CHECK_STR(out, "done");
	file = outbox_text(id);
	CHECK(store_lookup(st, id, &stored, &oc, &dg) == ERR_OK);
	CHECK(file != NULL && stored != NULL);
	CHECK_STR(file, stored);
	CHECK(strstr(file, id) != NULL); /* submission.id */
	CHECK(in_state("done", id) && !in_state("spool/active", id));
	json_node_unref(cd.record);
	spool_meta_fini(&m);
	g_free(file);
	g_free(stored);
	g_free(oc);
	g_free(out);
	g_free(id);
}

/* A crash came after the store transaction: the next commit, whatever
 * record it brings, writes the stored one. */
static void
test_commit_again_after_crash(void)
{
	struct spool_meta m;
	struct commit_doc cd = { &m, NULL, "quarantine", "x", "first", NULL };
	struct diag dg;
	char *id = accepted("b.docx", &m), *out = NULL, *file;

	cd.record = rec("b.docx", "rejected");
	diag_init(&dg);
	/* Step 1 only, as if the process died right after it. */
	{
		struct store_doc sd = { 0 };
		char *text, *s1 = NULL, *o1 = NULL;

		sd.id = id;
		sd.name = "b.docx";
		sd.outcome = "quarantine";
		text = g_strdup("{\"the\":\"first record\"}\n");
		CHECK(store_commit(st, &sd, json_node_get_object(cd.record),
			  text, &s1, &o1, &dg) == ERR_OK);
		g_free(text);
		g_free(s1);
		g_free(o1);
	}
	json_node_unref(cd.record);
	cd.record = rec("b.docx", "failed");
	cd.outcome = "done";
	CHECK(commit_document(sp, st, outbox, &cd, &out, &dg) == ERR_OK);
	CHECK_STR(out, "quarantine");
	file = outbox_text(id);
	CHECK_STR(file, "{\"the\":\"first record\"}\n");
	CHECK(in_state("quarantine", id));
	json_node_unref(cd.record);
	spool_meta_fini(&m);
	g_free(file);
	g_free(out);
	g_free(id);
}

/* The outbox cannot be written: no record file, no temp file, the
 * document waits in active/; once it can, the same call completes. */
static void
test_commit_outbox_failure(void)
{
	struct spool_meta m;
	struct commit_doc cd = { &m, NULL, "done", NULL, NULL, NULL };
	struct diag dg;
	char *id = accepted("c.docx", &m), *out = NULL, *file, *tmp;

	cd.record = rec("c.docx", "rejected");
	tmp = g_build_filename(outbox, ".tmp", NULL);
	CHECK(rmdir(tmp) == 0);
	/* A file where the temp folder should be: creating fails. */
	CHECK(g_file_set_contents(tmp, "", 0, NULL));
	diag_init(&dg);
	CHECK(commit_document(sp, st, outbox, &cd, &out, &dg) == ERR_IO);
	CHECK(out == NULL);
	CHECK(outbox_text(id) == NULL);
	CHECK(in_state("spool/active", id) && !in_state("done", id));
	CHECK(unlink(tmp) == 0);
	diag_init(&dg);
	CHECK(commit_document(sp, st, outbox, &cd, &out, &dg) == ERR_OK);
	file = outbox_text(id);
	CHECK(file != NULL);
	CHECK(in_state("done", id));
	json_node_unref(cd.record);
	spool_meta_fini(&m);
	g_free(file);
	g_free(out);
	g_free(tmp);
	g_free(id);
}

int
main(void)
{
	char tmpl[] = "/tmp/test_commit.XXXXXX";
	char *s, *d, *q, *db;
	struct diag dg;

	base = g_mkdtemp(tmpl);
	if (base == NULL)
		return 1;
	s = path("spool");
	d = path("done");
	q = path("quarantine");
	db = path("reportd.db");
	outbox = path("outbox");
	diag_init(&dg);
	sp = spool_open(s, d, q, &dg);
	st = store_open(db, false, &dg);
	if (sp == NULL || st == NULL || outbox_open(outbox, &dg) != ERR_OK) {
		fprintf(stderr, "%s\n", dg.msg);
		return 1;
	}
	RUN(test_commit_in_order);
	RUN(test_commit_again_after_crash);
	RUN(test_commit_outbox_failure);
	store_close(st);
	spool_close(sp);
	{
		char *argv[] = { (char *)(uintptr_t) "rm",
			(char *)(uintptr_t) "-rf", base, NULL };

		(void)g_spawn_sync(NULL, argv, NULL, G_SPAWN_SEARCH_PATH, NULL,
		    NULL, NULL, NULL, NULL, NULL);
	}
	g_free(s);
	g_free(d);
	g_free(q);
	g_free(db);
	g_free(outbox);
	return check_done();
}
