/* SPDX-License-Identifier: MIT */
/*
 * Appendix tables to rows: which columns hold the code, label, unit and
 * value (from the header, or guessed from the content when OCR lost it),
 * the data rows of every appendix table in order (rows wrapped onto the
 * next page joined), and each row's parent.
 */
#include "indicators/appendix_int.h"

#include <glib.h>
#include <string.h>

#include "indicators/fold.h"

/* Key lengths for folding cells. */
#define KEY_MAX 512

enum role {
	ROLE_NONE,
	ROLE_STT,
	ROLE_LABEL,
	ROLE_UNIT,
	ROLE_VALUE,
	ROLE_NOTE,
	ROLE_GROUP, /* "Kết quả thống kê" over unit and value */
};

/* Column of each role, -1 when the table has none. */
struct columns {
	int col[ROLE_GROUP + 1];
};

/* Cell text with line breaks and runs of spaces as one space. */
static char *
clean(struct arena *a, const char *s)
{
	size_t n = strlen(s), i, k = 0;
	char *out = arena_alloc(a, n + 1);
	bool space = true;

	if (out == NULL)
		return NULL;
	for (i = 0; i < n; i++) {
		char c = s[i];

		if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
			if (!space)
				out[k++] = ' ';
			space = true;
			continue;
		}
		/* NBSP counts as a space. */
		if ((unsigned char)c == 0xC2 && i + 1 < n &&
		    (unsigned char)s[i + 1] == 0xA0) {
			if (!space)
				out[k++] = ' ';
			space = true;
			i++;
			continue;
		}
		out[k++] = c;
		space = false;
	}
	while (k > 0 && out[k - 1] == ' ')
		k--;
	out[k] = '\0';
	return out;
}

/* The text of the cell at (row, col), or "" for a hole, for a column
 * outside the grid, or for a cell that also covers `skip_col` (a label
 * spanning the value column is not a value). */
/*
 * The page a row is printed on.  A table continued over pages is one
 * block on its first page, but its cells keep their own page; the row's
 * is that of the first of its cells that has text, never before the
 * table's.
 */
static unsigned
row_page(unsigned table_page, const struct doc_cell *const *cells, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const struct doc_block *cb;

		if (cells[i] == NULL || cells[i]->blocks.n == 0)
			continue;
		cb = cells[i]->blocks.v[0];
		return cb->page > table_page ? cb->page : table_page;
	}
	return table_page;
}

static const char *
cell_text(const struct doc_table *t, unsigned row, int col, int skip_col,
    const struct doc_cell **cellp)
{
	const struct doc_cell *c, *other;

	if (cellp != NULL)
		*cellp = NULL;
	if (col < 0 || (unsigned)col >= t->ncols)
		return "";
	c = doc_table_cell_at(t, row, (unsigned)col);
	if (c == NULL)
		return "";
	if (skip_col >= 0 && skip_col != col && (unsigned)skip_col < t->ncols) {
		other = doc_table_cell_at(t, row, (unsigned)skip_col);
		if (other == c)
			return "";
	}
	if (cellp != NULL)
		*cellp = c;
	return c->text != NULL ? c->text : "";
}

/* The role a header cell's words name.  Compared without spaces: OCR
 * joins and splits header words ("Sốliệu", "Đơn vịtính"), and a header
 * that goes unrecognised swaps the value and unit columns of a whole
 * table. */
/* `k` begins with `prefix` (a key without spaces has no word ends). */
static bool
starts(const char *k, const char *prefix)
{
	return strncmp(k, prefix, strlen(prefix)) == 0;
}

static enum role
header_role(const char *key)
{
	char k[KEY_MAX];
	size_t i, n = 0;

	for (i = 0; key[i] != '\0' && n + 1 < sizeof k; i++)
		if (key[i] != ' ')
			k[n++] = key[i];
	k[n] = '\0';
	if (strcmp(k, "stt") == 0 || strcmp(k, "tt") == 0 ||
	    strcmp(k, "sott") == 0 || strcmp(k, "sothutu") == 0)
		return ROLE_STT;
	if (starts(k, "chitieu") || starts(k, "tenchitieu") ||
	    starts(k, "noidung"))
		return ROLE_LABEL;
	if (starts(k, "donvitinh") || strcmp(k, "dvt") == 0 ||
	    strcmp(k, "donvi") == 0)
		return ROLE_UNIT;
	if (starts(k, "ketqua"))
		return ROLE_GROUP;
	if (starts(k, "solieu") || starts(k, "giatri") ||
	    strcmp(k, "soluong") == 0)
		return ROLE_VALUE;
	if (starts(k, "ghichu"))
		return ROLE_NOTE;
	return ROLE_NONE;
}

/* Header roles named by the cells of `row`; the count of cells that
 * name one, or 0 when a cell of the row holds anything else (a data
 * row whose unit reads "Số lượng" is not a header). */
static int
row_roles(
    const struct doc_table *t, unsigned row, enum role *roles, bool *spans)
{
	char key[KEY_MAX];
	unsigned c;
	int hits = 0;
	bool other = false;

	for (c = 0; c < t->ncols; c++) {
		const struct doc_cell *cell = doc_table_cell_at(t, row, c);
		const char *s =
		    cell != NULL && cell->text != NULL ? cell->text : "";

		roles[c] = ROLE_NONE;
		spans[c] = cell != NULL && cell->col_span > 1;
		/* Cells merged from above or from the left were seen. */
		if (cell == NULL || cell->row != row || cell->col != c)
			continue;
		if (strlen(s) > 160) {
			other = true;
			continue;
		}
		fold_buf(key, sizeof key, s, strlen(s));
		if (key[0] == '\0')
			continue;
		roles[c] = header_role(key);
		if (roles[c] != ROLE_NONE)
			hits++;
		else
			other = true;
	}
	/* Roles of merged cells, for column assignment. */
	for (c = 0; c < t->ncols; c++) {
		const struct doc_cell *cell = doc_table_cell_at(t, row, c);

		if (roles[c] == ROLE_NONE && cell != NULL && cell->row == row &&
		    cell->col != c && cell->col < t->ncols)
			roles[c] = roles[cell->col];
	}
	return other ? 0 : hits;
}

/* True when `row` is (part of) the table header, repeated or not. */
static bool
is_header_row(const struct doc_table *t, unsigned row)
{
	enum role roles[64];
	bool spans[64];

	if (t->ncols > 64)
		return false;
	return row_roles(t, row, roles, spans) >= 2;
}

/* Assigns columns from the header rows at the top of `t`; the number of
 * header rows, 0 when there is no header. */
static unsigned
header_columns(const struct doc_table *t, struct columns *cols)
{
	enum role roles[64];
	bool spans[64];
	unsigned r, c, nrows = doc_table_nrows(t), nh = 0;

	for (c = 0; c <= ROLE_GROUP; c++)
		cols->col[c] = -1;
	if (t->ncols > 64 || t->ncols < 2)
		return 0;
	for (r = 0; r < nrows && r < 4; r++) {
		int hits = row_roles(t, r, roles, spans);

		if (hits < (nh == 0 ? 2 : 1))
			break;
		nh = r + 1;
		for (c = 0; c < t->ncols; c++) {
			enum role ro = roles[c];

			if (ro == ROLE_NONE)
				continue;
			/* A lower, narrower cell names the column more
			 * precisely than a spanning one above it. */
			if (ro == ROLE_GROUP)
				continue;
			if (cols->col[ro] < 0 || !spans[c])
				cols->col[ro] = (int)c;
		}
		for (c = 0; c < t->ncols; c++) {
			if (roles[c] == ROLE_GROUP && cols->col[ROLE_GROUP] < 0)
				cols->col[ROLE_GROUP] = (int)c;
		}
	}
	if (nh == 0)
		return 0;
	/* "Kết quả thống kê" with no second header row: its first column
	 * holds the unit and the next the value, the template's order. */
	if (cols->col[ROLE_VALUE] < 0 && cols->col[ROLE_GROUP] >= 0) {
		int g = cols->col[ROLE_GROUP];

		if (cols->col[ROLE_UNIT] < 0 && g + 1 < (int)t->ncols) {
			cols->col[ROLE_UNIT] = g;
			cols->col[ROLE_VALUE] = g + 1;
		} else {
			cols->col[ROLE_VALUE] = g;
		}
	}
	if (cols->col[ROLE_LABEL] < 0 || cols->col[ROLE_VALUE] < 0)
		return 0;
	return nh;
}

/* "1.2.1." -> "1.2.1"; NULL when `s` is not a code. */
static char *
norm_code(struct arena *a, const char *s)
{
	size_t n = strlen(s), i;
	char *out;
	bool digit = false;

	while (n > 0 && (s[n - 1] == '.' || s[n - 1] == ' '))
		n--;
	if (n == 0 || n > 20)
		return NULL;
	for (i = 0; i < n; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			digit = true;
		else if (s[i] != '.' || (i > 0 && s[i - 1] == '.'))
			return NULL;
	}
	if (!digit || s[0] == '.')
		return NULL;
	out = arena_strndup(a, s, n);
	return out;
}

/* True when code `p` is a proper prefix of `c` by components. */
static bool
code_prefix(const char *p, const char *c)
{
	size_t n = strlen(p);

	return strlen(c) > n && strncmp(p, c, n) == 0 && c[n] == '.';
}

/* Cells that number the columns: "(1) (2) (3)" or "1 2 3 4 5". */
static bool
is_numbering_row(const struct arow *r)
{
	const char *cells[5] = { r->stt, r->label, r->unit, r->raw, r->note };
	unsigned long long seen_set = 0;
	int i, seen = 0;

	/* In any order: templates that print the value before the unit
	 * number the columns as printed, (3) before (4). */
	for (i = 0; i < 5; i++) {
		const char *s = cells[i];
		int v = 0;

		if (s[0] == '\0')
			continue;
		if (*s == '(')
			s++;
		/* Column numbers are small: more than two digits is not
		 * a numbering cell (and would overflow `v`). */
		while (*s >= '0' && *s <= '9' && v < 100)
			v = v * 10 + (*s++ - '0');
		if (*s == ')')
			s++;
		if (*s != '\0' || v == 0 || v > 63 ||
		    (seen_set & (1ull << v)) != 0)
			return false;
		seen_set |= 1ull << v;
		seen++;
	}
	return seen >= 3;
}

/* Starts with a bullet: "-", "–", "+", "•". */
static bool
bullet(const char *s, bool *plus)
{
	*plus = s[0] == '+';
	return s[0] == '-' || s[0] == '+' || strncmp(s, "–", 3) == 0 ||
	    strncmp(s, "•", 3) == 0;
}

static bool
starts_lower(const char *s)
{
	gunichar c = g_utf8_get_char_validated(s, -1);

	return c != (gunichar)-1 && c != (gunichar)-2 && g_unichar_islower(c);
}

/* Guesses columns from content when OCR lost the header: a column of
 * codes, a column of long labels, a column of numbers, a column of unit
 * words.  False when the table does not look like an appendix. */
static bool
content_columns(const struct doc_table *t, struct columns *cols)
{
	double code[64] = { 0 }, num[64] = { 0 }, unitw[64] = { 0 },
	       len[64] = { 0 }, ne[64] = { 0 };
	unsigned nrows = doc_table_nrows(t), r, c;
	int best;
	double bv;
	bool used[64] = { false };
	char key[KEY_MAX];

	for (c = 0; c <= ROLE_GROUP; c++)
		cols->col[c] = -1;
	if (t->ncols < 3 || t->ncols > 64 || nrows < 3)
		return false;
	for (r = 0; r < nrows; r++) {
		for (c = 0; c < t->ncols; c++) {
			const struct doc_cell *cell;
			const char *s = cell_text(t, r, (int)c, -1, &cell);
			size_t n = strlen(s);
			struct value v;
			struct unit_info u;

			if (n == 0 || cell == NULL || cell->col != c ||
			    cell->row != r)
				continue;
			ne[c]++;
			len[c] += (double)n;
			fold_buf(key, sizeof key, s, n);
			{
				const char *p = s;
				size_t k = 0;

				while (p[k] != '\0' &&
				    ((p[k] >= '0' && p[k] <= '9') ||
					p[k] == '.'))
					k++;
				if ((k > 0 && p[k] == '\0' &&
					strchr(p, '.') != NULL) ||
				    fold_starts_with(key, "trong do"))
					code[c]++;
			}
			value_parse(s, n, NULL, &v);
			if (v.has_value && !v.text)
				num[c]++;
			unit_classify(s, n, &u);
			if (u.kind != UNIT_UNKNOWN && n < 48 &&
			    !(s[0] >= '0' && s[0] <= '9'))
				unitw[c]++;
		}
	}
#define PICK(role, arr, scale, min)                                            \
	do {                                                                   \
		best = -1;                                                     \
		bv = (min);                                                    \
		for (c = 0; c < t->ncols; c++) {                               \
			double f;                                              \
			if (used[c] || ne[c] < 3)                              \
				continue;                                      \
			f = (arr)[c] / ((scale) ? ne[c] : 1.0);                \
			if (f > bv) {                                          \
				bv = f;                                        \
				best = (int)c;                                 \
			}                                                      \
		}                                                              \
		if (best >= 0) {                                               \
			cols->col[role] = best;                                \
			used[best] = true;                                     \
		}                                                              \
	} while (0)

	PICK(ROLE_STT, code, 1, 0.5);
	for (c = 0; c < t->ncols; c++)
		if (ne[c] > 0)
			len[c] /= ne[c];
	PICK(ROLE_LABEL, len, 0, 12.0);
	PICK(ROLE_VALUE, num, 1, 0.4);
	PICK(ROLE_UNIT, unitw, 1, 0.4);
#undef PICK
	return cols->col[ROLE_STT] >= 0 && cols->col[ROLE_LABEL] >= 0 &&
	    cols->col[ROLE_VALUE] >= 0;
}

/* Many rows coded like "3.3.1." in the STT column: an appendix even
 * where nothing announced it (a scanned page of the appendix alone). */
static bool
strong_codes(const struct doc_table *t, const struct columns *cols)
{
	unsigned r, nrows = doc_table_nrows(t), n = 0;

	for (r = 0; r < nrows; r++) {
		const char *s = cell_text(t, r, cols->col[ROLE_STT], -1, NULL);
		size_t k = 0;

		while ((s[k] >= '0' && s[k] <= '9') || s[k] == '.')
			k++;
		if (k >= 3 && s[k] == '\0' && strchr(s, '.') != NULL)
			n++;
	}
	return n >= 5 && n * 2 >= nrows;
}

static struct arow *
new_row(struct rows *rs, struct arena *a)
{
	if (rs->n == rs->cap) {
		size_t ncap = rs->cap == 0 ? 64 : rs->cap * 2;
		struct arow *nv = arena_grow(
		    a, rs->v, rs->cap * sizeof *nv, ncap * sizeof *nv);

		if (nv == NULL)
			return NULL;
		rs->v = nv;
		rs->cap = ncap;
	}
	memset(&rs->v[rs->n], 0, sizeof rs->v[0]);
	return &rs->v[rs->n++];
}

/* `a` + " " + `b`, for text wrapped onto the next page. */
static char *
join(struct arena *ar, char *a, char *b)
{
	if (b[0] == '\0')
		return a;
	if (a[0] == '\0')
		return b;
	return arena_printf(ar, "%s %s", a, b);
}

/* Reads the row's unit and label keys after its text changed. */
static enum err
row_prepare(struct arow *w, struct arena *a)
{
	char key[KEY_MAX];

	fold_buf(key, sizeof key, w->label, strlen(w->label));
	w->fold = arena_strdup(a, key);
	if (w->fold == NULL)
		return ERR_NOMEM;
	unit_classify(w->unit, strlen(w->unit), &w->ui);
	w->sub = w->code == NULL;
	w->heading = w->unit[0] == '\0' && w->raw[0] == '\0';
	(void)bullet(w->label, &w->plus);
	return ERR_OK;
}

/* Collects the data rows of every appendix table, in order. */
static enum err
collect_rows(const struct doc *d, struct rows *rs, struct arena *a)
{
	struct columns cols;
	bool in_appendix = false, after_break = false, inferred = false;
	size_t title_at = (size_t)-1; /* block of the last appendix title */
	unsigned last_ncols = 0;
	int tindex = -1;
	size_t bi;
	char key[KEY_MAX];

	for (bi = 0; bi < d->blocks.n; bi++) {
		const struct doc_block *b = d->blocks.v[bi];
		const struct doc_table *t;
		struct columns c2;
		unsigned nh, start, row, nrows;

		if (b->kind != DOC_TABLE) {
			if (b->len < 300) {
				fold_buf(key, sizeof key, b->text, b->len);
				if (fold_starts_with(key, "phu luc") ||
				    fold_contains(key, "thong ke so lieu"))
					title_at = bi;
			}
			continue;
		}
		tindex++;
		t = b->table;
		if (t == NULL)
			continue;
		nh = header_columns(t, &c2);
		if (nh > 0) {
			cols = c2;
			start = nh;
			inferred = false;
		} else if (in_appendix && t->ncols == last_ncols) {
			start = 0; /* continues the table above */
		} else if (content_columns(t, &c2) &&
		    ((title_at != (size_t)-1 && bi - title_at <= 6) ||
			in_appendix || strong_codes(t, &c2))) {
			/* No header: the columns are a guess, checked
			 * against the catalogue once rows are matched. */
			cols = c2;
			start = 0;
			inferred = true;
		} else {
			in_appendix = false;
			continue;
		}
		in_appendix = true;
		after_break = true;
		last_ncols = t->ncols;
		nrows = doc_table_nrows(t);
		for (row = start; row < nrows; row++) {
			const struct doc_cell *lc, *uc, *vc, *nc, *sc;
			struct arow tmp, *w;
			const char *s;

			if (is_header_row(t, row)) {
				after_break = true;
				continue;
			}
			memset(&tmp, 0, sizeof tmp);
			tmp.stt = clean(
			    a, cell_text(t, row, cols.col[ROLE_STT], -1, &sc));
			tmp.label = clean(a,
			    cell_text(t, row, cols.col[ROLE_LABEL], -1, &lc));
			tmp.unit = clean(a,
			    cell_text(t, row, cols.col[ROLE_UNIT],
				cols.col[ROLE_LABEL], &uc));
			s = cell_text(t, row, cols.col[ROLE_VALUE],
			    cols.col[ROLE_LABEL], &vc);
			/* A value cell merged with the unit cell, or
			 * continuing a vertical merge, holds no value of
			 * this row. */
			if (vc != NULL && (vc == uc || vc->row != row))
				s = "";
			tmp.raw = clean(a, s);
			tmp.note = clean(a,
			    cell_text(t, row, cols.col[ROLE_NOTE],
				cols.col[ROLE_LABEL], &nc));
			if (tmp.stt == NULL || tmp.label == NULL ||
			    tmp.unit == NULL || tmp.raw == NULL ||
			    tmp.note == NULL)
				return ERR_NOMEM;
			/* A cell spanning the label and another column
			 * (a group title across the table) is the label. */
			if (sc != NULL && sc == lc)
				tmp.stt[0] = '\0';
			if (tmp.stt[0] == '\0' && tmp.label[0] == '\0' &&
			    tmp.unit[0] == '\0' && tmp.raw[0] == '\0' &&
			    tmp.note[0] == '\0')
				continue;
			if (is_numbering_row(&tmp))
				continue;
			tmp.code = norm_code(a, tmp.stt);
			fold_buf(key, sizeof key, tmp.stt, strlen(tmp.stt));
			tmp.trong_do = fold_starts_with(key, "trong do");
			{
				bool plus;

				/* Text wrapped onto the next page: the first
				 * row after a break, with no code of its own,
				 * continuing in lower case (or with no label,
				 * only a unit or value tail). */
				if (after_break && rs->n > 0 &&
				    tmp.code == NULL && !tmp.trong_do &&
				    !bullet(tmp.label, &plus) &&
				    (tmp.label[0] == '\0' ||
					starts_lower(tmp.label))) {
					struct arow *p = &rs->v[rs->n - 1];

					p->label = join(a, p->label, tmp.label);
					p->unit = join(a, p->unit, tmp.unit);
					p->raw = join(a, p->raw, tmp.raw);
					p->note = join(a, p->note, tmp.note);
					if (p->label == NULL ||
					    p->unit == NULL || p->raw == NULL ||
					    p->note == NULL ||
					    row_prepare(p, a) != ERR_OK)
						return ERR_NOMEM;
					after_break = false;
					continue;
				}
			}
			after_break = false;
			w = new_row(rs, a);
			if (w == NULL)
				return ERR_NOMEM;
			*w = tmp;
			w->table = tindex;
			w->inferred = inferred;
			w->row = row;
			{
				const struct doc_cell *const cells[] = { lc, vc,
					sc };

				w->page = row_page(b->page, cells, 3);
			}
			w->parent = -1;
			if (row_prepare(w, a) != ERR_OK)
				return ERR_NOMEM;
		}
	}
	return ERR_OK;
}

/* Parent of each row: the nearest row above whose code is a prefix of
 * its code; for rows without a code, the last coded row, except that a
 * "- " row under a plain sub-row ("Tiếp nhận trực tiếp" then "- Cấp
 * xã") belongs to that sub-row, and a "+ " row to the "- " row above. */
static void
link_parents(struct rows *rs)
{
	int last_coded = -1, last_dash = -1, last_plain = -1;
	size_t i;

	for (i = 0; i < rs->n; i++) {
		struct arow *w = &rs->v[i];
		bool plus, dash = bullet(w->label, &plus);

		if (w->code != NULL) {
			int j;

			for (j = (int)i - 1; j >= 0; j--) {
				if (rs->v[j].code != NULL &&
				    code_prefix(rs->v[j].code, w->code))
					break;
			}
			w->parent = j;
			last_coded = (int)i;
			last_dash = -1;
			last_plain = -1;
		} else if (w->plus && last_dash >= 0) {
			w->parent = last_dash;
		} else if (dash && last_plain >= 0) {
			w->parent = last_plain;
			last_dash = (int)i;
		} else {
			w->parent = last_coded;
			if (dash)
				last_dash = (int)i;
			else
				last_plain = (int)i;
		}
	}
}

enum err
appendix_rows(const struct doc *d, struct rows *rs, struct arena *a)
{
	enum err e = collect_rows(d, rs, a);

	if (e == ERR_OK)
		link_parents(rs);
	return e;
}
