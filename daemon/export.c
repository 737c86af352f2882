/* SPDX-License-Identifier: MIT */
/* CSV, JSON Lines and XLSX exports of the indicators and flags. */
#include "daemon/export.h"

#include <glib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <sqlite3.h>
#include <string.h>
#include <xlsxwriter.h>

#include "core/jsonput.h"

struct row {
	char *unit, *period, *period_from, *period_to, *indicator_id, *code,
	    *label, *uom, *source, *document_id, *submitting_unit;
	bool has_value;
	double value;
};

/* The columns of the CSV and JSON Lines exports, in order.  The value
 * column is the row's number, not a text. */
#define COLUMN_VALUE SIZE_MAX

static const struct column {
	const char *name;
	size_t offset; /* of the row's text, or COLUMN_VALUE */
} columns[] = {
	{ "unit", offsetof(struct row, unit) },
	{ "period", offsetof(struct row, period) },
	{ "indicator_id", offsetof(struct row, indicator_id) },
	{ "value", COLUMN_VALUE },
	{ "unit_of_measure", offsetof(struct row, uom) },
	{ "source", offsetof(struct row, source) },
	{ "document_id", offsetof(struct row, document_id) },
	{ "code", offsetof(struct row, code) },
	{ "label", offsetof(struct row, label) },
	{ "period_from", offsetof(struct row, period_from) },
	{ "period_to", offsetof(struct row, period_to) },
	{ "submitting_unit", offsetof(struct row, submitting_unit) },
};

static char **
row_text(struct row *r, const struct column *c)
{
	return (char **)(void *)((char *)r + c->offset);
}

static void
row_free(gpointer p)
{
	struct row *r = p;
	size_t i;

	for (i = 0; i < G_N_ELEMENTS(columns); i++)
		if (columns[i].offset != COLUMN_VALUE)
			g_free(*row_text(r, &columns[i]));
	g_free(r);
}

static char *
col(sqlite3_stmt *q, int i)
{
	const unsigned char *s = sqlite3_column_text(q, i);

	return s != NULL ? g_strdup((const char *)s) : NULL;
}

/* The period as a reader names it: the printed label, else its dates. */
static char *
period_name(const char *label, const char *from, const char *to)
{
	if (label != NULL && label[0] != '\0')
		return g_strdup(label);
	if (from != NULL || to != NULL)
		return g_strdup_printf(
		    "%s..%s", from != NULL ? from : "", to != NULL ? to : "");
	return g_strdup("");
}

static enum err
load_rows(struct store *st, GPtrArray *rows, struct diag *dg)
{
	sqlite3 *db = store_db(st);
	sqlite3_stmt *q = NULL;
	enum err e = ERR_OK;
	int rc;

	if (sqlite3_prepare_v2(db,
		"SELECT COALESCE(NULLIF(d.issuer, ''), d.unit, ''), "
		"d.period_label, d.period_from, d.period_to, i.indicator_id, "
		"i.code, i.label, i.unit, i.value, d.name, d.id, d.unit "
		"FROM indicators i JOIN documents d ON d.id = i.document_id "
		"WHERE d.status = 'ok' AND d.duplicate_of IS NULL "
		"ORDER BY 1, d.period_from, d.period_label, d.id, i.seq",
		-1, &q, NULL) != SQLITE_OK)
		return diag_set(dg, ERR_IO, "database: %s", sqlite3_errmsg(db));
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct row *r = g_new0(struct row, 1);
		char *label = col(q, 1);

		r->unit = col(q, 0);
		r->period_from = col(q, 2);
		r->period_to = col(q, 3);
		r->period = period_name(label, r->period_from, r->period_to);
		g_free(label);
		r->indicator_id = col(q, 4);
		r->code = col(q, 5);
		r->label = col(q, 6);
		r->uom = col(q, 7);
		r->has_value = sqlite3_column_type(q, 8) != SQLITE_NULL;
		r->value = sqlite3_column_double(q, 8);
		r->source = col(q, 9);
		r->document_id = col(q, 10);
		r->submitting_unit = col(q, 11);
		g_ptr_array_add(rows, r);
	}
	if (rc != SQLITE_DONE)
		e = diag_set(dg, ERR_IO, "database: %s", sqlite3_errmsg(db));
	sqlite3_finalize(q);
	return e;
}

bool
export_csv_is_formula(const char *v)
{
	return v != NULL && v[0] != '\0' && strchr("=+-@\t\r", v[0]) != NULL;
}

void
export_csv_field(GString *s, const char *v)
{
	const char *p;
	bool formula = export_csv_is_formula(v);

	if (v == NULL)
		return;
	if (strpbrk(v, ",\"\r\n") == NULL) {
		if (formula)
			g_string_append_c(s, '\'');
		g_string_append(s, v);
		return;
	}
	g_string_append_c(s, '"');
	/* Inside the quotes: a spreadsheet reads the field's content, which
	 * must not start a formula either. */
	if (formula)
		g_string_append_c(s, '\'');
	for (p = v; *p != '\0'; p++) {
		if (*p == '"')
			g_string_append_c(s, '"');
		g_string_append_c(s, *p);
	}
	g_string_append_c(s, '"');
}

static void
append_number(GString *s, bool has, double v)
{
	char buf[G_ASCII_DTOSTR_BUF_SIZE];

	if (!has || !isfinite(v))
		return;
	if (v == floor(v) && fabs(v) < 9.0e15)
		g_string_append_printf(s, "%lld", (long long)v);
	else
		g_string_append(
		    s, g_ascii_formatd(buf, sizeof buf, "%.15g", v));
}

static enum err
write_csv(GPtrArray *rows, FILE *out, struct diag *dg)
{
	GString *s = g_string_new(NULL);
	enum err e = ERR_OK;
	guint i;
	size_t c;

	for (c = 0; c < G_N_ELEMENTS(columns); c++) {
		if (c > 0)
			g_string_append_c(s, ',');
		g_string_append(s, columns[c].name);
	}
	g_string_append(s, "\r\n");
	for (i = 0; i < rows->len; i++) {
		struct row *r = rows->pdata[i];

		for (c = 0; c < G_N_ELEMENTS(columns); c++) {
			if (c > 0)
				g_string_append_c(s, ',');
			if (columns[c].offset == COLUMN_VALUE)
				append_number(s, r->has_value, r->value);
			else
				export_csv_field(s, *row_text(r, &columns[c]));
		}
		g_string_append(s, "\r\n");
		if (s->len > 65536 || i + 1 == rows->len) {
			if (fwrite(s->str, 1, s->len, out) != s->len)
				e = diag_set(dg, ERR_IO, "write failed");
			g_string_truncate(s, 0);
		}
	}
	if (rows->len == 0 && fwrite(s->str, 1, s->len, out) != s->len)
		e = diag_set(dg, ERR_IO, "write failed");
	g_string_free(s, TRUE);
	return e;
}

static enum err
write_jsonl(GPtrArray *rows, FILE *out, struct diag *dg)
{
	JsonGenerator *gen = json_generator_new();
	enum err e = ERR_OK;
	guint i;
	size_t c;

	for (i = 0; i < rows->len && e == ERR_OK; i++) {
		struct row *r = rows->pdata[i];
		JsonBuilder *b = json_builder_new();
		JsonNode *root;
		char *text;

		json_builder_begin_object(b);
		for (c = 0; c < G_N_ELEMENTS(columns); c++) {
			if (columns[c].offset != COLUMN_VALUE) {
				jsonput_str(b, columns[c].name,
				    *row_text(r, &columns[c]));
				continue;
			}
			jsonput_num(b, columns[c].name, r->has_value, r->value);
		}
		json_builder_end_object(b);
		root = json_builder_get_root(b);
		json_generator_set_root(gen, root);
		text = json_generator_to_data(gen, NULL);
		if (fprintf(out, "%s\n", text) < 0)
			e = diag_set(dg, ERR_IO, "write failed");
		g_free(text);
		json_node_unref(root);
		g_object_unref(b);
	}
	g_object_unref(gen);
	return e;
}

char *
export_sheet_name(const char *want, GHashTable *used)
{
	GString *s = g_string_new(NULL);
	const char *p;
	char *base, *name;
	unsigned n = 1;

	for (p = want != NULL ? want : ""; *p != '\0';
	     p += g_utf8_skip[*(const guchar *)p]) {
		gunichar c = g_utf8_get_char(p);

		if (g_utf8_strlen(s->str, -1) >= 31)
			break;
		if (strchr("[]:*?/\\", (int)c) != NULL && c < 128)
			g_string_append_c(s, '-');
		else if (c < 0x20)
			g_string_append_c(s, ' ');
		else
			g_string_append_unichar(s, c);
	}
	/* Excel refuses a name starting or ending with an apostrophe. */
	while (s->len > 0 && s->str[0] == '\'')
		g_string_erase(s, 0, 1);
	while (s->len > 0 && s->str[s->len - 1] == '\'')
		g_string_truncate(s, s->len - 1);
	if (s->len == 0)
		g_string_assign(s, "period");
	base = g_string_free(s, FALSE);
	name = g_strdup(base);
	while (g_hash_table_contains(used, name)) {
		char *suffix = g_strdup_printf(" (%u)", ++n);
		glong keep = 31 - (glong)strlen(suffix);
		char *cut = g_utf8_substring(
		    base, 0, MIN(keep, g_utf8_strlen(base, -1)));

		g_free(name);
		name = g_strconcat(cut, suffix, NULL);
		g_free(cut);
		g_free(suffix);
	}
	g_hash_table_add(used, g_strdup(name));
	g_free(base);
	return name;
}

static int
cmp_str(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* One sheet: units down, canonical indicators across.  When a unit
 * sent several reports for one period, the latest document's value is
 * shown (document ids sort by arrival). */
static void
write_period_sheet(lxw_workbook *wb, lxw_format *bold, GHashTable *used,
    const char *period, GPtrArray *rows)
{
	GHashTable *units = g_hash_table_new(g_str_hash, g_str_equal);
	GHashTable *ids = g_hash_table_new(g_str_hash, g_str_equal);
	GPtrArray *ulist = g_ptr_array_new(), *ilist = g_ptr_array_new();
	char *sname = export_sheet_name(period, used);
	lxw_worksheet *ws = workbook_add_worksheet(wb, sname);
	guint i;

	for (i = 0; i < rows->len; i++) {
		struct row *r = rows->pdata[i];

		if (strcmp(r->period, period) != 0 || r->indicator_id == NULL)
			continue;
		if (!g_hash_table_contains(units, r->unit)) {
			g_hash_table_insert(units, r->unit, NULL);
			g_ptr_array_add(ulist, r->unit);
		}
		if (!g_hash_table_contains(ids, r->indicator_id)) {
			g_hash_table_insert(ids, r->indicator_id, NULL);
			g_ptr_array_add(ilist, r->indicator_id);
		}
	}
	g_ptr_array_sort(ulist, cmp_str);
	g_ptr_array_sort(ilist, cmp_str);
	for (i = 0; i < ulist->len; i++)
		g_hash_table_insert(
		    units, ulist->pdata[i], GUINT_TO_POINTER(i + 1));
	for (i = 0; i < ilist->len; i++)
		g_hash_table_insert(
		    ids, ilist->pdata[i], GUINT_TO_POINTER(i + 1));
	if (ws != NULL) {
		worksheet_write_string(ws, 0, 0, "unit", bold);
		for (i = 0; i < ilist->len; i++)
			worksheet_write_string(
			    ws, 0, (lxw_col_t)(i + 1), ilist->pdata[i], bold);
		for (i = 0; i < ulist->len; i++)
			worksheet_write_string(
			    ws, (lxw_row_t)(i + 1), 0, ulist->pdata[i], NULL);
		for (i = 0; i < rows->len; i++) {
			struct row *r = rows->pdata[i];
			guint ur, ic;

			if (strcmp(r->period, period) != 0 ||
			    r->indicator_id == NULL || !r->has_value)
				continue;
			ur = GPOINTER_TO_UINT(
			    g_hash_table_lookup(units, r->unit));
			ic = GPOINTER_TO_UINT(
			    g_hash_table_lookup(ids, r->indicator_id));
			worksheet_write_number(
			    ws, (lxw_row_t)ur, (lxw_col_t)ic, r->value, NULL);
		}
		worksheet_set_column(ws, 0, 0, 40, NULL);
		worksheet_freeze_panes(ws, 1, 1);
	}
	g_free(sname);
	g_ptr_array_free(ulist, TRUE);
	g_ptr_array_free(ilist, TRUE);
	g_hash_table_destroy(units);
	g_hash_table_destroy(ids);
}

static enum err
write_flags_sheet(struct store *st, lxw_workbook *wb, lxw_format *bold,
    GHashTable *used, struct diag *dg)
{
	static const char *const head[] = { "document_id", "file", "unit",
		"period", "rule", "severity", "indicators", "message",
		"message_en" };
	sqlite3 *db = store_db(st);
	sqlite3_stmt *q = NULL;
	char *name = export_sheet_name("flags", used);
	lxw_worksheet *ws = workbook_add_worksheet(wb, name);
	lxw_row_t row = 1;
	enum err e = ERR_OK;
	int rc, c;

	g_free(name);
	if (ws == NULL)
		return diag_set(dg, ERR_INTERNAL, "xlsx: cannot add a sheet");
	for (c = 0; c < 9; c++)
		worksheet_write_string(ws, 0, (lxw_col_t)c, head[c], bold);
	if (sqlite3_prepare_v2(db,
		"SELECT d.id, d.name, COALESCE(NULLIF(d.issuer, ''), d.unit, "
		"''), COALESCE(d.period_label, ''), f.rule, f.severity, "
		"f.indicators, f.message, f.message_en "
		"FROM flags f JOIN documents d ON d.id = f.document_id "
		"ORDER BY d.id, f.seq",
		-1, &q, NULL) != SQLITE_OK)
		return diag_set(dg, ERR_IO, "database: %s", sqlite3_errmsg(db));
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		for (c = 0; c < 9; c++) {
			const unsigned char *v = sqlite3_column_text(q, c);

			if (v != NULL)
				worksheet_write_string(ws, row, (lxw_col_t)c,
				    (const char *)v, NULL);
		}
		row++;
	}
	if (rc != SQLITE_DONE)
		e = diag_set(dg, ERR_IO, "database: %s", sqlite3_errmsg(db));
	sqlite3_finalize(q);
	worksheet_freeze_panes(ws, 1, 0);
	return e;
}

static enum err
write_xlsx(struct store *st, GPtrArray *rows, const char *path, struct diag *dg)
{
	lxw_workbook *wb;
	lxw_format *bold;
	GHashTable *used =
	    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
	enum err e;
	lxw_error le;
	guint i;

	if (path == NULL) {
		g_hash_table_destroy(used);
		g_hash_table_destroy(seen);
		return diag_set(dg, ERR_MALFORMED, "xlsx needs --output FILE");
	}
	wb = workbook_new(path);
	if (wb == NULL) {
		g_hash_table_destroy(used);
		g_hash_table_destroy(seen);
		return diag_set(
		    dg, ERR_IO, "%s: cannot create the workbook", path);
	}
	bold = workbook_add_format(wb);
	format_set_bold(bold);
	/* Sheets in the order periods first appear (rows are sorted by
	 * unit then period, so sort the period names). */
	{
		GPtrArray *periods = g_ptr_array_new();

		for (i = 0; i < rows->len; i++) {
			struct row *r = rows->pdata[i];

			if (!g_hash_table_contains(seen, r->period)) {
				g_hash_table_add(seen, r->period);
				g_ptr_array_add(periods, r->period);
			}
		}
		g_ptr_array_sort(periods, cmp_str);
		for (i = 0; i < periods->len; i++)
			write_period_sheet(
			    wb, bold, used, periods->pdata[i], rows);
		g_ptr_array_free(periods, TRUE);
	}
	e = write_flags_sheet(st, wb, bold, used, dg);
	le = workbook_close(wb);
	if (le != LXW_NO_ERROR && e == ERR_OK)
		e = diag_set(dg, ERR_IO, "%s: %s", path, lxw_strerror(le));
	g_hash_table_destroy(used);
	g_hash_table_destroy(seen);
	return e;
}

enum err
export_write(struct store *st, enum export_format f, FILE *out,
    const char *path, struct diag *dg)
{
	GPtrArray *rows = g_ptr_array_new_with_free_func(row_free);
	enum err e = load_rows(st, rows, dg);

	if (e == ERR_OK) {
		switch (f) {
		case EXPORT_CSV:
			e = write_csv(rows, out, dg);
			break;
		case EXPORT_JSONL:
			e = write_jsonl(rows, out, dg);
			break;
		case EXPORT_XLSX:
			e = write_xlsx(st, rows, path, dg);
			break;
		}
	}
	g_ptr_array_unref(rows);
	return e;
}
