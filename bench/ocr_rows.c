/* SPDX-License-Identifier: MIT */
/*
 * Appendix rows recovered: how many rows of a corpus truth file appear
 * as one row of a recognised table, with the printed code, the value and
 * the start of the label each in a cell of that row.  Comparison is on
 * text_fold() keys (no diacritics, punctuation as spaces) for codes and
 * labels, and on the value with white space removed, so a row counts
 * when a reader could take its value from the right place.
 *
 * Included by bench/ocr_text.c and tests/unit/test_ocr.c.
 */
#include <glib.h>
#include <json-glib/json-glib.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "core/doc.h"
#include "core/text.h"

/* `s` without white space, in `a`. */
static char *
rows_nospace(struct arena *a, const char *s)
{
	size_t n = strlen(s), i, o = 0;
	char *t = arena_alloc(a, n + 1);

	if (t == NULL)
		return NULL;
	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n')
			t[o++] = s[i];
	t[o] = '\0';
	return t;
}

static bool
rows_row_matches(struct arena *a, const struct doc_row *row, const char *code,
    const char *raw, const char *label)
{
	bool has_code = code[0] == '\0', has_raw = raw[0] == '\0',
	     has_label = label[0] == '\0';
	size_t c;

	for (c = 0; c < row->cells.n; c++) {
		const struct doc_cell *cell = row->cells.v[c];
		const char *f = text_fold(a, cell->text, strlen(cell->text));
		const char *ns = rows_nospace(a, cell->text);

		if (f == NULL || ns == NULL)
			return false;
		if (!has_code && strcmp(f, code) == 0)
			has_code = true;
		else if (!has_raw && strcmp(ns, raw) == 0)
			has_raw = true;
		else if (!has_label && strncmp(f, label, strlen(label)) == 0)
			has_label = true;
	}
	return has_code && has_raw && has_label;
}

static bool
rows_find(struct arena *a, struct doc *const *docs, size_t ndocs,
    const char *code, const char *raw, const char *label)
{
	size_t k, i, r;

	for (k = 0; k < ndocs; k++) {
		const struct doc *d = docs[k];

		for (i = 0; d != NULL && i < d->blocks.n; i++) {
			const struct doc_block *b = d->blocks.v[i];

			if (b->kind != DOC_TABLE)
				continue;
			for (r = 0; r < b->table->rows.n; r++)
				if (rows_row_matches(a, b->table->rows.v[r],
					code, raw, label))
					return true;
		}
	}
	return false;
}

/*
 * Counts the truth rows found in the tables of `docs`: the rows listed
 * for `image` in the truth's formats (indicator_indices), or every row
 * when `image` is NULL.  Rows not found are printed to `log` when not
 * NULL.  Returns false when the truth file cannot be read.
 */
static bool
rows_count(const char *truth_path, const char *image, struct doc *const *docs,
    size_t ndocs, unsigned *found, unsigned *total, FILE *log)
{
	JsonParser *jp = json_parser_new();
	struct arena *a = arena_new(64u << 20);
	JsonObject *root;
	JsonArray *inds, *idx = NULL;
	guint i, n;
	bool ok = false;

	*found = *total = 0;
	if (a == NULL || !json_parser_load_from_file(jp, truth_path, NULL))
		goto out;
	root = json_node_get_object(json_parser_get_root(jp));
	inds = json_object_get_array_member(root, "indicators");
	if (image != NULL) {
		JsonArray *formats =
		    json_object_get_array_member(root, "formats");

		for (i = 0; i < json_array_get_length(formats); i++) {
			JsonObject *f =
			    json_array_get_object_element(formats, i);

			if (strcmp(json_object_get_string_member(f, "file"),
				image) == 0 &&
			    json_object_has_member(f, "indicator_indices"))
				idx = json_object_get_array_member(
				    f, "indicator_indices");
		}
		if (idx == NULL)
			goto out;
	}
	n = idx != NULL ? json_array_get_length(idx)
			: json_array_get_length(inds);
	for (i = 0; i < n; i++) {
		guint k =
		    idx != NULL ? (guint)json_array_get_int_element(idx, i) : i;
		JsonObject *row = json_array_get_object_element(inds, k);
		const char *code = json_object_get_string_member(row, "code");
		const char *raw = json_object_get_string_member(row, "raw");
		const char *label = json_object_get_string_member(row, "label");
		char *fc = text_fold(a, code, strlen(code));
		char *nr = rows_nospace(a, raw);
		char *fl = text_fold(a, label, strlen(label));

		if (fc == NULL || nr == NULL || fl == NULL)
			goto out;
		/* The first words of the label: enough to tell the row,
		 * short enough to stay inside the first line of the cell. */
		if (strlen(fl) > 16)
			fl[16] = '\0';
		(*total)++;
		if (rows_find(a, docs, ndocs, fc, nr, fl))
			(*found)++;
		else if (log != NULL)
			fprintf(log,
			    "  row not found: code \"%s\" value \"%s\" "
			    "label \"%s\"\n",
			    code, raw, label);
	}
	ok = true;
out:
	g_object_unref(jp);
	arena_free(a);
	return ok;
}
