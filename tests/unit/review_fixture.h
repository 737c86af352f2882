/* SPDX-License-Identifier: MIT */
/*
 * A small store for the review tests: three units, two periods, a
 * planted inconsistency, a report whose text carries HTML and script,
 * and a quarantined file.  Rows are derived from result records (JSON)
 * the way the daemon stores them.
 */
#ifndef TESTS_REVIEW_FIXTURE_H
#define TESTS_REVIEW_FIXTURE_H

#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>

#include "review/review_migrate.h"

/* The daemon's store schema (daemon/store.c, schema version 1). */
static const char fixture_schema[] =
    "CREATE TABLE documents (id TEXT PRIMARY KEY, name TEXT NOT NULL,"
    " unit TEXT, inbox_path TEXT, sha256 TEXT, bytes INTEGER, format TEXT,"
    " status TEXT NOT NULL CHECK (status IN ('ok','rejected','failed')),"
    " outcome TEXT NOT NULL CHECK (outcome IN ('done','quarantine')),"
    " error_code TEXT, error_message TEXT, issuer TEXT, doc_number TEXT,"
    " doc_date TEXT, period_label TEXT, period_from TEXT, period_to TEXT,"
    " duplicate_of TEXT REFERENCES documents(id),"
    " attempts INTEGER NOT NULL DEFAULT 0, received TEXT,"
    " stored TEXT NOT NULL, record TEXT NOT NULL);"
    "CREATE TABLE indicators (document_id TEXT NOT NULL, seq INTEGER NOT"
    " NULL, indicator_id TEXT, code TEXT, label TEXT, unit TEXT, raw TEXT,"
    " value REAL, origin TEXT, page INTEGER, tbl INTEGER, row INTEGER,"
    " confidence REAL, PRIMARY KEY (document_id, seq));"
    "CREATE TABLE flags (document_id TEXT NOT NULL, seq INTEGER NOT NULL,"
    " rule TEXT NOT NULL, severity TEXT, indicators TEXT, message TEXT,"
    " message_en TEXT, expected REAL, evidence TEXT,"
    " PRIMARY KEY (document_id, seq));"
    "CREATE TABLE flag_reviews (id INTEGER PRIMARY KEY, document_id TEXT"
    " NOT NULL, flag_seq INTEGER NOT NULL, decision TEXT NOT NULL CHECK"
    " (decision IN ('confirmed','dismissed')), reviewer TEXT, note TEXT,"
    " decided TEXT NOT NULL);"
    "CREATE TABLE quarantine (document_id TEXT PRIMARY KEY, code TEXT NOT"
    " NULL, reason TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,"
    " quarantined TEXT NOT NULL);";

/* Document ids as the daemon makes them (time, pid, counter). */
#define FIX_VINH_HOA "20240314T080211.000120-4242-1"
#define FIX_HOSTILE  "20240321T090000.000050-4242-2"
#define FIX_CAM_BINH "20231216T103000.000010-4100-1"
#define FIX_BOMB     "20240322T074500.000300-4242-3"

/* Vĩnh Hòa, quý I năm 2024: 7.972 of 12.175 files resolved is 65,5%,
 * but the report prints 4,8%. */
static const char fixture_rec_vinh_hoa[] =
    "{\"schema\":\"reportd.result/1\","
    "\"source\":{\"name\":\"vinh-hoa-q1-2024.pdf\",\"sha256\":\"ab12\","
    "\"bytes\":183311,\"format\":\"pdf\"},\"status\":\"ok\",\"error\":null,"
    "\"metadata\":{\"issuer\":\"UBND PHƯỜNG VĨNH HÒA\","
    "\"doc_number\":\"422/BC-UBND\",\"date\":\"2024-03-13\","
    "\"period\":{\"label\":\"quý I năm 2024\",\"from\":\"2023-12-14\","
    "\"to\":\"2024-03-12\"},\"recipient\":\"UBND thành phố Nha Trang\"},"
    "\"sections\":[{\"area\":\"chi_dao_dieu_hanh\",\"heading\":\"1. Công tác"
    " chỉ đạo, điều hành\",\"page\":1},{\"area\":\"tthc\",\"heading\":\"2.2."
    " Cải cách thủ tục hành chính\",\"page\":2}],"
    "\"indicators\":["
    "{\"id\":\"plan.tasks_total\",\"code\":\"1.1.1.\",\"label\":\"Số nhiệm"
    " vụ đề ra trong kế hoạch\",\"unit\":\"Nhiệm vụ\",\"raw\":\"31\","
    "\"value\":31,\"source\":{\"origin\":\"appendix\",\"page\":3,"
    "\"table\":0,\"row\":3},\"confidence\":1.0},"
    "{\"id\":\"plan.tasks_done\",\"code\":\"1.1.2.\",\"label\":\"Số nhiệm vụ"
    " đã hoàn thành\",\"unit\":\"Nhiệm vụ\",\"raw\":\"24\",\"value\":24,"
    "\"source\":{\"origin\":\"appendix\",\"page\":3,\"table\":0,\"row\":4},"
    "\"confidence\":1.0},"
    "{\"id\":\"files.received\",\"code\":\"3.2.1.\",\"label\":\"Số hồ sơ"
    " tiếp nhận\",\"unit\":\"Hồ sơ\",\"raw\":\"12.175\",\"value\":12175,"
    "\"source\":{\"origin\":\"appendix\",\"page\":3,\"table\":0,\"row\":11,"
    "\"box\":{\"x0\":56,\"y0\":400,\"x1\":540,\"y1\":416}},"
    "\"confidence\":0.97},"
    "{\"id\":\"files.resolved\",\"code\":\"3.2.2.\",\"label\":\"Số hồ sơ đã"
    " giải quyết\",\"unit\":\"Hồ sơ\",\"raw\":\"7.972\",\"value\":7972,"
    "\"source\":{\"origin\":\"appendix\",\"page\":3,\"table\":0,\"row\":12,"
    "\"box\":{\"x0\":56,\"y0\":416,\"x1\":540,\"y1\":432}},"
    "\"confidence\":0.62},"
    "{\"id\":\"files.resolved_pct\",\"code\":\"3.2.3.\",\"label\":\"Tỷ lệ hồ"
    " sơ đã giải quyết\",\"unit\":\"%\",\"raw\":\"4,8%\",\"value\":4.8,"
    "\"source\":{\"origin\":\"appendix\",\"page\":3,\"table\":0,\"row\":13,"
    "\"box\":{\"x0\":56,\"y0\":432,\"x1\":540,\"y1\":448}},"
    "\"confidence\":0.95},"
    "{\"id\":null,\"code\":\"5.1.\",\"label\":\"Số cuộc họp giao ban\","
    "\"unit\":\"Cuộc\",\"raw\":\"4\",\"value\":4,\"source\":{\"origin\":"
    "\"appendix\",\"page\":3,\"table\":0,\"row\":20},\"confidence\":1.0}],"
    "\"flags\":[{\"rule\":\"pct_mismatch\",\"severity\":\"error\","
    "\"indicators\":[\"files.resolved\",\"files.received\","
    "\"files.resolved_pct\"],"
    "\"message\":\"7.972/12.175 là 65,5%, báo cáo ghi 4,8%\","
    "\"message_en\":\"7,972/12,175 is 65.5%, the report says 4.8%\","
    "\"expected\":65.48,\"evidence\":["
    "{\"id\":\"files.resolved\",\"raw\":\"7.972\",\"value\":7972,"
    "\"source\":{\"origin\":\"appendix\",\"page\":3,\"table\":0,\"row\":12,"
    "\"box\":{\"x0\":56,\"y0\":416,\"x1\":540,\"y1\":432}}},"
    "{\"id\":\"files.received\",\"raw\":\"12.175\",\"value\":12175,"
    "\"source\":{\"origin\":\"appendix\",\"page\":3,\"table\":0,\"row\":11}},"
    "{\"id\":\"files.resolved_pct\",\"raw\":\"4,8%\",\"value\":4.8,"
    "\"source\":{\"origin\":\"appendix\",\"page\":3,\"table\":0,"
    "\"row\":13}}]},"
    "{\"rule\":\"part_exceeds_whole\",\"severity\":\"warning\","
    "\"indicators\":[\"plan.tasks_done\",\"plan.tasks_total\"],"
    "\"message\":\"Số nhiệm vụ đã hoàn thành vượt tổng số\","
    "\"message_en\":\"Tasks done exceed the total\",\"expected\":null,"
    "\"evidence\":[{\"id\":\"plan.tasks_done\",\"raw\":\"24\",\"value\":24,"
    "\"source\":{\"origin\":\"narrative\",\"page\":1,\"table\":null,"
    "\"row\":null,\"text\":\"Đã hoàn thành 24/31 nhiệm vụ.\"}}]}],"
    "\"pages\":[{\"n\":1,\"method\":\"text\",\"confidence\":null},"
    "{\"n\":2,\"method\":\"text\",\"confidence\":null},"
    "{\"n\":3,\"method\":\"ocr\",\"confidence\":0.91}]}";

/* A report whose text carries markup: it must show as text. */
static const char fixture_rec_hostile[] =
    "{\"schema\":\"reportd.result/1\","
    "\"source\":{\"name\":\"x<script>.docx\",\"sha256\":\"cd34\","
    "\"bytes\":9000,\"format\":\"docx\"},\"status\":\"ok\",\"error\":null,"
    "\"metadata\":{\"issuer\":\"UBND XÃ <script>alert(1)</script>\","
    "\"doc_number\":\"7/BC-UBND\",\"date\":\"2024-03-20\","
    "\"period\":{\"label\":\"quý I năm 2024\",\"from\":\"2024-01-01\","
    "\"to\":\"2024-03-31\"},\"recipient\":null},"
    "\"sections\":[{\"area\":\"the_che\",\"heading\":\"<img src=x "
    "onerror=alert(2)>\",\"page\":null}],"
    "\"indicators\":[{\"id\":\"plan.tasks_total\",\"code\":\"1.\","
    "\"label\":\"<b>bold</b> & \\\"quoted\\\"\",\"unit\":\"Nhiệm vụ\","
    "\"raw\":\"12\",\"value\":12,\"source\":{\"origin\":\"appendix\","
    "\"page\":null,\"table\":0,\"row\":2},\"confidence\":1.0}],"
    "\"flags\":[{\"rule\":\"missing_required\",\"severity\":\"warning\","
    "\"indicators\":[\"files.received\"],\"message\":\"Thiếu "
    "<script>alert(3)</script>\",\"message_en\":\"Missing\","
    "\"expected\":null,\"evidence\":[]}],\"pages\":[]}";

/* Cam Bình, quý IV năm 2023 (so it has no report for quý I 2024). */
static const char fixture_rec_cam_binh[] =
    "{\"schema\":\"reportd.result/1\","
    "\"source\":{\"name\":\"cam-binh-q4-2023.docx\",\"sha256\":\"ef56\","
    "\"bytes\":51234,\"format\":\"docx\"},\"status\":\"ok\",\"error\":null,"
    "\"metadata\":{\"issuer\":\"UBND XÃ CAM BÌNH\",\"doc_number\":"
    "\"88/BC-UBND\",\"date\":\"2023-12-15\",\"period\":{\"label\":"
    "\"quý IV năm 2023\",\"from\":\"2023-09-15\",\"to\":\"2023-12-14\"},"
    "\"recipient\":null},\"sections\":[],\"indicators\":["
    "{\"id\":\"files.received\",\"code\":\"3.1.\",\"label\":\"Hồ sơ tiếp "
    "nhận\",\"unit\":\"Hồ sơ\",\"raw\":\"1.204\",\"value\":1204,"
    "\"source\":{\"origin\":\"appendix\",\"page\":null,\"table\":0,"
    "\"row\":5},\"confidence\":1.0}],\"flags\":[],\"pages\":[]}";

static int
fixture_exec(sqlite3 *db, const char *sql)
{
	char *err = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK) {
		fprintf(stderr, "fixture: %s\n", err);
		sqlite3_free(err);
		return -1;
	}
	return 0;
}

static JsonNode *
fixture_member(JsonObject *o, const char *k)
{
	return o != NULL && json_object_has_member(o, k)
	    ? json_object_get_member(o, k)
	    : NULL;
}

static const char *
fixture_str(JsonObject *o, const char *k)
{
	JsonNode *n = fixture_member(o, k);

	return n != NULL && JSON_NODE_HOLDS_VALUE(n) &&
		json_node_get_value_type(n) == G_TYPE_STRING
	    ? json_node_get_string(n)
	    : NULL;
}

/* One value of a row: text (NULL is SQL NULL), an integer, or the
 * number member `s` of record object `o` (SQL NULL when absent). */
struct fixture_val {
	char kind; /* 's', 'i' or 'n' */
	const char *s;
	int64_t i;
	JsonObject *o;
};
#define FIX_S(v)                                                               \
	{                                                                      \
		's', (v), 0, NULL                                              \
	}
#define FIX_I(v)                                                               \
	{                                                                      \
		'i', NULL, (v), NULL                                           \
	}
#define FIX_N(o, k)                                                            \
	{                                                                      \
		'n', (k), 0, (o)                                               \
	}

/* Runs INSERT `sql` with vals[0..n) bound to ?1 onwards. */
static int
fixture_insert(
    sqlite3 *db, const char *sql, const struct fixture_val *vals, size_t n)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "fixture: %s\n", sqlite3_errmsg(db));
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		int col = (int)i + 1;
		JsonNode *num = vals[i].kind == 'n'
		    ? fixture_member(vals[i].o, vals[i].s)
		    : NULL;

		if (vals[i].kind == 's')
			sqlite3_bind_text(
			    st, col, vals[i].s, -1, SQLITE_TRANSIENT);
		else if (vals[i].kind == 'i')
			sqlite3_bind_int64(st, col, vals[i].i);
		else if (num != NULL && JSON_NODE_HOLDS_VALUE(num))
			sqlite3_bind_double(st, col, json_node_get_double(num));
		else
			sqlite3_bind_null(st, col);
	}
	rc = sqlite3_step(st);
	if (rc != SQLITE_DONE)
		fprintf(stderr, "fixture: %s\n", sqlite3_errmsg(db));
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Stores the indicator and flag rows of record `r`, as the daemon's
 * store_commit() derives them. */
static int
fixture_add_rows(sqlite3 *db, const char *id, JsonObject *r)
{
	JsonArray *a = json_object_get_array_member(r, "indicators");
	int rc = 0;
	guint i;

	for (i = 0; i < json_array_get_length(a); i++) {
		JsonObject *o = json_array_get_object_element(a, i);
		JsonObject *s = json_object_get_object_member(o, "source");
		const struct fixture_val v[] = { FIX_S(id), FIX_I(i),
			FIX_S(fixture_str(o, "id")),
			FIX_S(fixture_str(o, "code")),
			FIX_S(fixture_str(o, "label")),
			FIX_S(fixture_str(o, "unit")),
			FIX_S(fixture_str(o, "raw")), FIX_N(o, "value"),
			FIX_S(fixture_str(s, "origin")), FIX_N(s, "page"),
			FIX_N(s, "table"), FIX_N(s, "row"),
			FIX_N(o, "confidence") };

		rc |= fixture_insert(db,
		    "INSERT INTO indicators VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
		    v, G_N_ELEMENTS(v));
	}
	a = json_object_get_array_member(r, "flags");
	for (i = 0; i < json_array_get_length(a); i++) {
		JsonObject *o = json_array_get_object_element(a, i);
		char *ids = json_to_string(
		    json_object_get_member(o, "indicators"), FALSE);
		char *ev = json_to_string(
		    json_object_get_member(o, "evidence"), FALSE);
		const struct fixture_val v[] = { FIX_S(id), FIX_I(i),
			FIX_S(fixture_str(o, "rule")),
			FIX_S(fixture_str(o, "severity")), FIX_S(ids),
			FIX_S(fixture_str(o, "message")),
			FIX_S(fixture_str(o, "message_en")),
			FIX_N(o, "expected"), FIX_S(ev) };

		rc |= fixture_insert(db,
		    "INSERT INTO flags VALUES (?,?,?,?,?,?,?,?,?)", v,
		    G_N_ELEMENTS(v));
		g_free(ids);
		g_free(ev);
	}
	return rc;
}

/* Stores one document from its record, with its indicator and flag
 * rows, as the daemon's store_commit() does; `reason` quarantines it. */
static int
fixture_add(sqlite3 *db, const char *id, const char *unit, const char *record,
    const char *received, const char *reason)
{
	JsonParser *p = json_parser_new();
	JsonObject *r, *src, *meta, *per, *err;
	int rc = 0;

	if (!json_parser_load_from_data(p, record, -1, NULL)) {
		fprintf(stderr, "fixture: bad record JSON\n");
		g_object_unref(p);
		return -1;
	}
	r = json_node_get_object(json_parser_get_root(p));
	src = json_object_get_object_member(r, "source");
	meta = json_object_get_object_member(r, "metadata");
	per = json_object_get_object_member(meta, "period");
	err = json_object_get_null_member(r, "error")
	    ? NULL
	    : json_object_get_object_member(r, "error");
	{
		const struct fixture_val v[] = { FIX_S(id),
			FIX_S(fixture_str(src, "name")), FIX_S(unit),
			FIX_S(fixture_str(src, "name")),
			FIX_S(fixture_str(src, "sha256")), FIX_N(src, "bytes"),
			FIX_S(fixture_str(src, "format")),
			FIX_S(fixture_str(r, "status")),
			FIX_S(reason != NULL ? "quarantine" : "done"),
			FIX_S(fixture_str(err, "code")),
			FIX_S(fixture_str(err, "message")),
			FIX_S(fixture_str(meta, "issuer")),
			FIX_S(fixture_str(meta, "doc_number")),
			FIX_S(fixture_str(meta, "date")),
			FIX_S(fixture_str(per, "label")),
			FIX_S(fixture_str(per, "from")),
			FIX_S(fixture_str(per, "to")), FIX_S(received),
			FIX_S(received), FIX_S(record) };

		rc |= fixture_insert(db,
		    "INSERT INTO documents (id, name, unit,"
		    " inbox_path, sha256, bytes, format, status, outcome,"
		    " error_code, error_message, issuer, doc_number, doc_date,"
		    " period_label, period_from, period_to, received, stored,"
		    " record) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
		    v, G_N_ELEMENTS(v));
	}
	if (reason != NULL) {
		const struct fixture_val v[] = { FIX_S(id),
			FIX_S(fixture_str(err, "code")), FIX_S(reason),
			FIX_S(received) };

		rc |= fixture_insert(db,
		    "INSERT INTO quarantine VALUES (?, ?, ?, 1, ?)", v,
		    G_N_ELEMENTS(v));
	}
	rc |= fixture_add_rows(db, id, r);
	g_object_unref(p);
	return rc;
}

/* A 2x2 PNG standing in for page 3 of the first document. */
static const unsigned char fixture_png[] =
    "\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00"
    "\x00\x00\x02\x00\x00\x00\x02\x08\x02\x00\x00\x00\xfd\xd4\x9a\x73\x00"
    "\x00\x00\x0e\x49\x44\x41\x54\x78\x9c\x63\xf8\x05\x06\x0c\x10\x0a\x00"
    "\x52\x16\x0b\xb9\x98\x3a\x7e\x74\x00\x00\x00\x00\x49\x45\x4e\x44\xae"
    "\x42\x60\x82";

/* Creates the fixture store at `path` (which must not exist), with the
 * review page's own tables and one page picture. */
static int
fixture_create(const char *path)
{
	static const char quarantined[] =
	    "{\"schema\":\"reportd.result/1\",\"source\":{\"name\":"
	    "\"bomb.docx\",\"sha256\":\"0bad\",\"bytes\":4096,\"format\":"
	    "\"docx\"},\"status\":\"rejected\",\"error\":{\"code\":\"limit\","
	    "\"message\":\"word/document.xml: inflates to 900 MiB, limit 64 "
	    "MiB\"},\"metadata\":{\"period\":{}},\"sections\":[],"
	    "\"indicators\":[],\"flags\":[],\"pages\":[]}";
	struct review_picture pic = { 3, 595, 842, fixture_png,
		sizeof(fixture_png) - 1 };
	struct diag d;
	sqlite3 *db;
	int rc = 0;

	diag_init(&d);
	if (sqlite3_open(path, &db) != SQLITE_OK)
		return -1;
	rc |= fixture_exec(db, fixture_schema);
	rc |= fixture_add(db, FIX_VINH_HOA, "vinh-hoa", fixture_rec_vinh_hoa,
	    "2024-03-14T08:02:11Z", NULL);
	rc |= fixture_add(db, FIX_HOSTILE, NULL, fixture_rec_hostile,
	    "2024-03-21T09:00:00Z", NULL);
	rc |= fixture_add(db, FIX_CAM_BINH, "cam-binh", fixture_rec_cam_binh,
	    "2023-12-16T10:30:00Z", NULL);
	rc |= fixture_add(db, FIX_BOMB, "vinh-hoa", quarantined,
	    "2024-03-22T07:45:00Z",
	    "word/document.xml: inflates to 900 MiB, limit 64 MiB");
	if (review_migrate(db, &d) != ERR_OK ||
	    review_pictures_save(db, FIX_VINH_HOA, &pic, 1, NULL, 0, &d) !=
		ERR_OK) {
		fprintf(stderr, "fixture: %s\n", d.msg);
		rc = -1;
	}
	sqlite3_close(db);
	return rc;
}

#endif
