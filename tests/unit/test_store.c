/* SPDX-License-Identifier: MIT */
/* daemon/store: schema, one transaction per document, idempotence. */
#include <glib.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "daemon/export.h"
#include "daemon/record.h"
#include "daemon/store.h"
#include "tests/check.h"

#define SHA "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"

static char *dbpath;

static const char rec_text[] =
    "{\"schema\":\"reportd.result/1\",\"source\":{\"name\":\"a.docx\","
    "\"sha256\":\"" SHA "\",\"bytes\":10,\"format\":\"docx\"},"
    "\"status\":\"ok\",\"error\":null,\"metadata\":{\"issuer\":"
    "\"UBND XÃ A, \\\"B\\\"\",\"doc_number\":\"1/BC-UBND\",\"date\":"
    "\"2024-03-13\",\"period\":{\"label\":\"quý I năm 2024\",\"from\":"
    "\"2024-01-01\",\"to\":\"2024-03-31\"}},\"sections\":[],"
    "\"indicators\":[{\"id\":\"plan.tasks_total\",\"code\":\"1.1\","
    "\"label\":\"Số nhiệm vụ\",\"unit\":\"Nhiệm vụ\",\"raw\":\"12\","
    "\"value\":12,\"source\":{\"origin\":\"appendix\",\"page\":3,"
    "\"table\":0,\"row\":4},\"confidence\":1},{\"id\":null,\"code\":"
    "\"9.9\",\"label\":\"Khác\",\"unit\":\"%\",\"raw\":\"27,5\","
    "\"value\":27.5,\"source\":{\"origin\":\"appendix\",\"page\":3,"
    "\"table\":0,\"row\":5},\"confidence\":0.9}],\"flags\":[{\"rule\":"
    "\"pct_mismatch\",\"severity\":\"warning\",\"indicators\":"
    "[\"plan.done_pct\"],\"message\":\"lệch\",\"message_en\":\"off\","
    "\"expected\":65.5,\"evidence\":[]}],\"pages\":[]}";

static JsonNode *
record(void)
{
	struct diag dg;

	diag_init(&dg);
	return record_parse_worker(rec_text, strlen(rec_text), SHA, &dg);
}

static struct store_doc
doc(const char *id, const char *outcome)
{
	struct store_doc d;

	memset(&d, 0, sizeof d);
	d.id = id;
	d.name = "a.docx";
	d.unit = "Xã A";
	d.inbox_path = "Xã A/a.docx";
	d.received = "2024-03-14T00:00:00Z";
	d.outcome = outcome;
	d.attempts = 1;
	return d;
}

static long long
count(struct store *st, const char *sql)
{
	sqlite3_stmt *q = NULL;
	long long n = -1;

	if (sqlite3_prepare_v2(store_db(st), sql, -1, &q, NULL) == SQLITE_OK &&
	    sqlite3_step(q) == SQLITE_ROW)
		n = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	return n;
}

static void
test_store_commit_once(void)
{
	struct diag dg;
	struct store *st;
	struct store_doc d = doc("ID1", "done");
	JsonNode *r = record();
	char *stored = NULL, *outcome = NULL, *t2 = NULL;
	struct store_counts c;

	diag_init(&dg);
	st = store_open(dbpath, false, &dg);
	CHECK(st != NULL && r != NULL);
	if (st == NULL || r == NULL)
		return;
	CHECK(store_commit(st, &d, json_node_get_object(r), "first\n", &stored,
		  &outcome, &dg) == ERR_OK);
	CHECK_STR(stored, "first\n");
	CHECK_STR(outcome, "done");
	g_free(stored);
	g_free(outcome);
	/* Again (a crash came after the commit): the first record stays. */
	d.outcome = "quarantine";
	CHECK(store_commit(st, &d, json_node_get_object(r), "second\n", &stored,
		  &outcome, &dg) == ERR_OK);
	CHECK_STR(stored, "first\n");
	CHECK_STR(outcome, "done");
	g_free(stored);
	g_free(outcome);
	CHECK(count(st, "SELECT count(*) FROM documents") == 1);
	CHECK(count(st, "SELECT count(*) FROM indicators") == 2);
	CHECK(count(st, "SELECT count(*) FROM flags") == 1);
	CHECK(count(st,
		  "SELECT count(*) FROM indicators WHERE "
		  "indicator_id IS NULL AND value = 27.5") == 1);
	CHECK(count(st,
		  "SELECT count(*) FROM documents WHERE issuer = "
		  "'UBND XÃ A, \"B\"' AND unit = 'Xã A' AND "
		  "period_from = '2024-01-01'") == 1);
	/* The review page's table is there, tied to flags. */
	CHECK(count(st, "SELECT count(*) FROM flag_reviews") == 0);
	CHECK(store_counts(st, &c, &dg) == ERR_OK);
	CHECK(c.documents == 1 && c.done == 1 && c.flags == 1);
	CHECK(store_lookup(st, "ID1", &t2, &outcome, &dg) == ERR_OK);
	CHECK_STR(t2, "first\n");
	g_free(t2);
	g_free(outcome);
	CHECK(store_lookup(st, "nope", &t2, &outcome, &dg) == ERR_OK);
	CHECK(t2 == NULL);
	json_node_unref(r);
	store_close(st);
}

static void
test_store_duplicates_and_quarantine(void)
{
	struct diag dg;
	struct store *st;
	struct store_doc d = doc("ID2", "quarantine");
	JsonNode *r = record();
	char *stored = NULL, *outcome = NULL, *id = NULL, *text = NULL;

	diag_init(&dg);
	st = store_open(dbpath, false, &dg);
	CHECK(st != NULL && r != NULL);
	if (st == NULL || r == NULL)
		return;
	CHECK(store_find_sha256(st, SHA, &id, &text, &outcome, &dg) == ERR_OK);
	CHECK_STR(id, "ID1");
	CHECK_STR(text, "first\n");
	g_free(id);
	g_free(text);
	g_free(outcome);
	d.duplicate_of = "ID1";
	d.reason_code = "worker_timeout";
	d.reason = "the file took more than 120 s to read";
	CHECK(store_commit(st, &d, json_node_get_object(r), "dup\n", &stored,
		  &outcome, &dg) == ERR_OK);
	g_free(stored);
	g_free(outcome);
	/* A duplicate is never the original others are compared with. */
	CHECK(store_find_sha256(st, SHA, &id, &text, &outcome, &dg) == ERR_OK);
	CHECK_STR(id, "ID1");
	g_free(id);
	g_free(text);
	g_free(outcome);
	CHECK(count(st,
		  "SELECT count(*) FROM quarantine WHERE document_id = "
		  "'ID2' AND code = 'worker_timeout'") == 1);
	json_node_unref(r);
	store_close(st);
}

static void
test_store_readonly_and_export(void)
{
	struct diag dg;
	struct store *st;
	char *csv = NULL;
	size_t len = 0;
	FILE *f;

	diag_init(&dg);
	st = store_open(dbpath, true, &dg);
	CHECK(st != NULL);
	if (st == NULL)
		return;
	f = open_memstream(&csv, &len);
	CHECK(export_write(st, EXPORT_CSV, f, NULL, &dg) == ERR_OK);
	(void)fclose(f);
	/* One row per indicator of the one document read (the duplicate
	 * submission is not counted twice). */
	CHECK(strncmp(csv,
		  "unit,period,indicator_id,value,unit_of_measure,"
		  "source,",
		  47) == 0);
	CHECK(strstr(csv,
		  "\"UBND XÃ A, \"\"B\"\"\",quý I năm 2024,"
		  "plan.tasks_total,12,Nhiệm vụ,a.docx,ID1,") != NULL);
	CHECK(strstr(csv, ",,27.5,%,a.docx,ID1,9.9,") != NULL);
	CHECK(strstr(csv, "ID2") == NULL);
	free(csv);
	store_close(st);

	/* A database of a newer schema is refused, not misread. */
	{
		sqlite3 *db;

		CHECK(sqlite3_open(dbpath, &db) == SQLITE_OK);
		CHECK(sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL,
			  NULL) == SQLITE_OK);
		sqlite3_close(db);
		diag_init(&dg);
		st = store_open(dbpath, false, &dg);
		CHECK(st == NULL);
		CHECK(strstr(dg.msg, "newer reportd") != NULL);
	}
}

/* A record whose issuer, label and unit of measure would be formulas in
 * a spreadsheet, and whose value is negative. */
static const char hostile_text[] =
    "{\"schema\":\"reportd.result/1\",\"source\":{\"name\":\"=b.docx\","
    "\"sha256\":\"" SHA "\",\"bytes\":10,\"format\":\"docx\"},"
    "\"status\":\"ok\",\"error\":null,\"metadata\":{\"issuer\":"
    "\"=cmd|' /C calc'!A0\",\"doc_number\":null,\"date\":null,"
    "\"period\":{\"label\":\"@năm 2024\",\"from\":null,\"to\":null}},"
    "\"sections\":[],\"indicators\":[{\"id\":\"invest.disbursed_mil\","
    "\"code\":\"-1\",\"label\":\"- Số vốn giảm\",\"unit\":\"+VND\","
    "\"raw\":\"-1500\",\"value\":-1500,\"source\":{\"origin\":"
    "\"appendix\",\"page\":1,\"table\":0,\"row\":1},\"confidence\":1},"
    "{\"id\":null,\"code\":\"2\",\"label\":\"Tỷ lệ\",\"unit\":\"%\","
    "\"raw\":\"-2,5\",\"value\":-2.5,\"source\":{\"origin\":"
    "\"appendix\",\"page\":1,\"table\":0,\"row\":2},\"confidence\":1}],"
    "\"flags\":[],\"pages\":[]}";

static void
test_export_csv_formulas(void)
{
	struct store_doc d = doc("ID9", "done");
	char *path = g_strconcat(dbpath, ".formulas", NULL);
	char *stored = NULL, *outcome = NULL, *csv = NULL;
	struct diag dg;
	struct store *st;
	JsonNode *r;
	size_t len = 0;
	FILE *f;

	diag_init(&dg);
	r = record_parse_worker(hostile_text, strlen(hostile_text), SHA, &dg);
	CHECK(r != NULL);
	st = store_open(path, false, &dg);
	CHECK(st != NULL);
	if (r == NULL || st == NULL)
		goto out;
	d.name = "=b.docx";
	d.unit = "-Xã B";
	CHECK(store_commit(st, &d, json_node_get_object(r), "{}\n", &stored,
		  &outcome, &dg) == ERR_OK);
	f = open_memstream(&csv, &len);
	CHECK(export_write(st, EXPORT_CSV, f, NULL, &dg) == ERR_OK);
	(void)fclose(f);
	/* Text that would start a formula is quoted text; the values we
	 * write ourselves stay negative numbers. */
	CHECK(
	    strstr(csv,
		"'=cmd|' /C calc'!A0,'@năm 2024,invest.disbursed_mil,-1500,"
		"'+VND,'=b.docx,ID9,'-1,'- Số vốn giảm,,,'-Xã B\r\n") != NULL);
	CHECK(strstr(csv, ",,-2.5,%,'=b.docx,ID9,2,Tỷ lệ,") != NULL);
	CHECK(strstr(csv, ",=") == NULL && strstr(csv, "\n=") == NULL);
out:
	free(csv);
	g_free(stored);
	g_free(outcome);
	if (r != NULL)
		json_node_unref(r);
	store_close(st);
	(void)unlink(path);
	g_free(path);
}

static void
test_export_names(void)
{
	GHashTable *used =
	    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	GString *s = g_string_new(NULL);
	char *a, *b, *c;

	export_csv_field(s, "plain");
	g_string_append_c(s, '|');
	export_csv_field(s, "a,b");
	g_string_append_c(s, '|');
	export_csv_field(s, "say \"hi\"\n");
	CHECK_STR(s->str, "plain|\"a,b\"|\"say \"\"hi\"\"\n\"");
	g_string_free(s, TRUE);

	/* Cells a spreadsheet would evaluate are written as text. */
	s = g_string_new(NULL);
	export_csv_field(s, "=HYPERLINK(\"http://x\")");
	g_string_append_c(s, '|');
	export_csv_field(s, "+1");
	g_string_append_c(s, '|');
	export_csv_field(s, "-2+3");
	g_string_append_c(s, '|');
	export_csv_field(s, "@SUM(A1)");
	g_string_append_c(s, '|');
	export_csv_field(s, "\tx");
	g_string_append_c(s, '|');
	export_csv_field(s, "\rx");
	g_string_append_c(s, '|');
	export_csv_field(s, "a=b-c");
	g_string_append_c(s, '|');
	export_csv_field(s, "");
	CHECK_STR(s->str,
	    "\"'=HYPERLINK(\"\"http://x\"\")\"|'+1|'-2+3|'@SUM(A1)|'\tx|"
	    "\"'\rx\"|a=b-c|");
	CHECK(export_csv_is_formula("-5"));
	CHECK(!export_csv_is_formula("5-"));
	CHECK(!export_csv_is_formula(""));
	CHECK(!export_csv_is_formula(NULL));
	g_string_free(s, TRUE);

	a = export_sheet_name(
	    "6 tháng đầu năm 2024 [Q1/Q2]: tổng hợp dài", used);
	CHECK(g_utf8_strlen(a, -1) <= 31);
	CHECK(strpbrk(a, "[]:*?/\\") == NULL);
	b = export_sheet_name(
	    "6 tháng đầu năm 2024 [Q1/Q2]: tổng hợp dài", used);
	CHECK(strcmp(a, b) != 0 && g_utf8_strlen(b, -1) <= 31);
	CHECK(g_str_has_suffix(b, " (2)"));
	c = export_sheet_name("", used);
	CHECK_STR(c, "period");
	g_free(a);
	g_free(b);
	g_free(c);
	g_hash_table_destroy(used);
}

int
main(void)
{
	char tmpl[] = "/tmp/test_store.XXXXXX";
	char *dir = g_mkdtemp(tmpl);

	if (dir == NULL)
		return 1;
	dbpath = g_build_filename(dir, "reportd.db", NULL);
	RUN(test_store_commit_once);
	RUN(test_store_duplicates_and_quarantine);
	RUN(test_store_readonly_and_export);
	RUN(test_export_names);
	RUN(test_export_csv_formulas);
	{
		char *wal = g_strconcat(dbpath, "-wal", NULL);
		char *shm = g_strconcat(dbpath, "-shm", NULL);

		(void)unlink(wal);
		(void)unlink(shm);
		(void)unlink(dbpath);
		(void)rmdir(dir);
		g_free(wal);
		g_free(shm);
	}
	g_free(dbpath);
	return check_done();
}
