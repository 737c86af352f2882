/* SPDX-License-Identifier: MIT */
/*
 * Finds dates and the documents they date in text.  Works on the folded
 * view (indicators/check_fold.h) so "Ngày", "NGÀY" and "ngày" are one
 * word, and shows every match as printed.
 */
#include "indicators/cited_docs.h"

#include <glib.h>
#include <string.h>

#include "indicators/check_fold.h"

/* Nested tables deeper than this are not scanned (reports use 2-3). */
#define CITED_DEPTH_MAX 8u
/* Bytes of context kept on each side of a match as its sentence. */
#define CITED_CONTEXT_MAX 400u

/* Document kinds, folded, that may precede "số": used only to show the
 * reference from its kind ("Quyết định số ..."), not to find it. */
static const char *const kinds2[] = {
	"quyet dinh",
	"ke hoach",
	"cong van",
	"van ban",
	"thong bao",
	"chi thi",
	"nghi quyet",
	"nghi dinh",
	"thong tu",
	"ket luan",
	"bao cao",
	"huong dan",
	"to trinh",
	"quy che",
	"chuong trinh",
	"cong dien",
	"quy dinh",
	"giay moi",
	"bien ban",
	"de an",
	"phap lenh",
	"thong tri",
	"cong bo",
};
static const char *const kinds1[] = {
	"luat",
	"qd",
	"kh",
	"cv",
	"tb",
	"nq",
	"nd",
	"tt",
	"vb",
	"bc",
};

bool
cited_date_valid(int y, int m, int d)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
		31 };
	int dim;

	if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1)
		return false;
	dim = mdays[m - 1];
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		dim = 29;
	return d <= dim;
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool
word_has_digit(const struct check_fold *f, size_t i)
{
	size_t k;

	for (k = f->w[i].b; k < f->w[i].e; k++)
		if (is_digit(f->s[k]))
			return true;
	return false;
}

static bool
word_all_digits(const struct check_fold *f, size_t i, size_t maxlen)
{
	size_t k, n = f->w[i].e - f->w[i].b;

	if (n == 0 || n > maxlen)
		return false;
	for (k = f->w[i].b; k < f->w[i].e; k++)
		if (!is_digit(f->s[k]))
			return false;
	return true;
}

static int
word_int(const struct check_fold *f, size_t i)
{
	int v = 0;
	size_t k;

	for (k = f->w[i].b; k < f->w[i].e && v < 100000; k++)
		v = v * 10 + (f->s[k] - '0');
	return v;
}

/* Reads up to 6 digits at s[*i]; returns how many. */
static size_t
digits(const char *s, size_t end, size_t *i, int *v)
{
	size_t n = 0;

	*v = 0;
	while (*i < end && is_digit(s[*i])) {
		if (n < 6)
			*v = *v * 10 + (s[*i] - '0');
		(*i)++;
		n++;
	}
	return n;
}

struct date {
	enum cited_date_state state;
	int y, m, d;
	size_t last_word; /* index of the word where the date ends */
	size_t end;       /* folded position just after it */
};

/* Numeric d/m/y at word `k`, or the spelled "13 tháng 3 năm 2024".
 * False when what follows "ngày" is not a complete date. */
static bool
parse_date(const struct check_fold *f, size_t k, struct date *dt)
{
	const char *s = f->s;
	size_t i = f->w[k].b, end = f->w[k].e, la, lb, lc;
	char sep;

	memset(dt, 0, sizeof *dt);
	dt->last_word = k;
	if (word_all_digits(f, k, 2) && k + 4 < f->nw &&
	    check_fold_word_is(f, k + 1, "thang") &&
	    word_all_digits(f, k + 2, 2) &&
	    check_fold_word_is(f, k + 3, "nam") &&
	    word_all_digits(f, k + 4, 4)) {
		dt->d = word_int(f, k);
		dt->m = word_int(f, k + 2);
		dt->y = word_int(f, k + 4);
		dt->last_word = k + 4;
		dt->end = f->w[k + 4].e;
		lc = f->w[k + 4].e - f->w[k + 4].b;
		goto validate_spelled;
	}
	if ((la = digits(s, end, &i, &dt->d)) == 0 || la > 2 || i == end)
		return false;
	sep = s[i];
	if (sep != '/' && sep != '.' && sep != '-')
		return false;
	i++;
	if ((lb = digits(s, end, &i, &dt->m)) == 0 || lb > 2)
		return false;
	if (i == end || s[i] != sep || i + 1 == end || !is_digit(s[i + 1]))
		return false; /* day and month only */
	i++;
	lc = digits(s, end, &i, &dt->y);
	dt->end = i;
	if (i + 1 < end && s[i] == sep && is_digit(s[i + 1])) {
		/* "28/02/2024/2023": a second year written over the first. */
		while (i + 1 < end && s[i] == sep && is_digit(s[i + 1])) {
			int dummy;

			i++;
			(void)digits(s, end, &i, &dummy);
		}
		dt->end = i;
		dt->state = CITED_DATE_EXTRA_PART;
		return true;
	}
validate_spelled:
	if (lc == 2)
		dt->y += 2000;
	else if (lc != 4) {
		dt->state = CITED_DATE_BAD_YEAR;
		return true;
	}
	if (dt->m < 1 || dt->m > 12)
		dt->state = CITED_DATE_BAD_MONTH;
	else if (!cited_date_valid(dt->y, dt->m, dt->d))
		dt->state = dt->y < 1900 || dt->y > 2100 ? CITED_DATE_BAD_YEAR
							 : CITED_DATE_BAD_DAY;
	return true;
}

/* Length of a "so:" or "so" prefix glued to a number ("số:2549/UBND"). */
static size_t
so_prefix(const struct check_fold *f, size_t i)
{
	const char *w = f->s + f->w[i].b;
	size_t n = f->w[i].e - f->w[i].b;

	if (n > 3 && memcmp(w, "so:", 3) == 0)
		return 3;
	if (n > 2 && memcmp(w, "so", 2) == 0 && is_digit(w[2]))
		return 2;
	return 0;
}

/* A document number: a digit first, then letters and '/' or '-'
 * ("55/qd-ubnd", "91-kl/tu", "2549/ubnd"); a date has no letters. */
static bool
is_doc_number(const struct check_fold *f, size_t i)
{
	size_t k = f->w[i].b + so_prefix(f, i);
	bool letter = false, slash = false;

	if (k >= f->w[i].e || !is_digit(f->s[k]))
		return false;
	for (; k < f->w[i].e; k++) {
		char c = f->s[k];

		if ((c >= 'a' && c <= 'z') || c == '\x01')
			letter = true;
		else if (c == '/' || c == '-')
			slash = true;
	}
	return letter && slash;
}

static bool
words_are(const struct check_fold *f, size_t i, const char *two)
{
	const char *sp = strchr(two, ' ');
	char first[16];
	size_t n;

	if (sp == NULL)
		return check_fold_word_is(f, i, two);
	n = (size_t)(sp - two);
	if (n >= sizeof first || i + 1 >= f->nw)
		return false;
	memcpy(first, two, n);
	first[n] = '\0';
	return check_fold_word_is(f, i, first) &&
	    check_fold_word_is(f, i + 1, sp + 1);
}

/* The word where the reference to the document numbered at word `j`
 * starts: its kind, else "số", else the number. */
static size_t
reference_start(const struct check_fold *f, size_t j)
{
	size_t p = j, start = j, t;

	if (p > 0 &&
	    (check_fold_word_is(f, p - 1, "so") ||
		check_fold_word_is(f, p - 1, "so:") ||
		check_fold_word_is(f, p - 1, ":"))) {
		p--;
		start = p;
	}
	if (p >= 2)
		for (t = 0; t < G_N_ELEMENTS(kinds2); t++)
			if (words_are(f, p - 2, kinds2[t]))
				return p - 2;
	if (p >= 1)
		for (t = 0; t < G_N_ELEMENTS(kinds1); t++)
			if (check_fold_word_is(f, p - 1, kinds1[t]))
				return p - 1;
	return start;
}

/* The number of the document that "ngày" at word `k` dates, or NONE:
 * the word before it, or before a "của <issuer>" or "ban hành" between
 * them ("Nghị quyết 24/2023/NQ-HĐND của HĐND tỉnh ngày ..."). */
static size_t
dated_number(const struct check_fold *f, size_t k)
{
	size_t j, lo, c;

	if (k == 0)
		return (size_t)-1;
	j = k - 1;
	lo = k > 10 ? k - 10 : 0;
	for (c = k; c-- > lo;) {
		if (word_has_digit(f, c))
			break;
		if (check_fold_word_is(f, c, "cua")) {
			if (c == 0)
				return (size_t)-1;
			j = c - 1;
			break;
		}
	}
	if (j >= 2 && j == k - 1 && check_fold_word_is(f, j, "hanh") &&
	    check_fold_word_is(f, j - 1, "ban"))
		j -= 2;
	return is_doc_number(f, j) ? j : (size_t)-1;
}

/* The sentence around bytes [b, e) of `text`: up to ". ", "; " or a line
 * break on each side, at most CITED_CONTEXT_MAX bytes away. */
static char *
sentence(struct arena *a, const char *text, size_t len, size_t b, size_t e)
{
	size_t s = b, t = e;

	while (s > 0 && b - s < CITED_CONTEXT_MAX) {
		char c = text[s - 1];

		if (c == '\n' ||
		    ((c == ' ') && s >= 2 &&
			(text[s - 2] == '.' || text[s - 2] == ';')))
			break;
		s--;
	}
	while (t < len && t - e < CITED_CONTEXT_MAX) {
		char c = text[t];

		if (c == '\n' ||
		    ((c == '.' || c == ';') &&
			(t + 1 == len || text[t + 1] == ' ' ||
			    text[t + 1] == '\n'))) {
			if (c != '\n')
				t++;
			break;
		}
		t++;
	}
	/* Cut on character boundaries. */
	while (s < b && ((unsigned char)text[s] & 0xC0) == 0x80)
		s++;
	while (t > e && t < len && ((unsigned char)text[t] & 0xC0) == 0x80)
		t--;
	while (s < t && (text[s] == ' ' || text[s] == '\t'))
		s++;
	return arena_strndup(a, text + s, t - s);
}

int
cited_docs_scan(const char *text, size_t len, const struct result_ref *where,
    float confidence, struct arena *a, struct ptrvec *out)
{
	struct check_fold f;
	size_t k;

	if (check_fold_init(&f, a, text, len) != 0)
		return -1;
	for (k = 0; k + 1 < f.nw; k++) {
		struct cited_doc *cd;
		struct date dt;
		size_t num, start, b, e, nb;

		if (!check_fold_word_is(&f, k, "ngay") &&
		    !check_fold_word_is(&f, k, "ngay:"))
			continue;
		if (!parse_date(&f, k + 1, &dt))
			continue;
		num = dated_number(&f, k);
		start = num != (size_t)-1 ? reference_start(&f, num) : k;
		cd = arena_alloc(a, sizeof *cd);
		if (cd == NULL)
			return -1;
		b = f.off[f.w[start].b];
		e = f.off[dt.end];
		cd->text = arena_strndup(a, text + b, e - b);
		cd->date_raw = arena_strndup(
		    a, text + f.off[f.w[k + 1].b], e - f.off[f.w[k + 1].b]);
		if (num != (size_t)-1) {
			nb = f.off[f.w[num].b + so_prefix(&f, num)];
			cd->number =
			    arena_strndup(a, text + nb, f.off[f.w[num].e] - nb);
			if (cd->number == NULL)
				return -1;
		}
		cd->state = dt.state;
		cd->year = dt.y;
		cd->month = dt.m;
		cd->day = dt.d;
		cd->confidence = confidence;
		if (where != NULL)
			cd->where = *where;
		else {
			cd->where.table = -1;
			cd->where.row = -1;
		}
		cd->where.text = sentence(a, text, len, b, e);
		if (cd->text == NULL || cd->date_raw == NULL ||
		    cd->where.text == NULL || ptrvec_push(out, a, cd) != 0)
			return -1;
		k = dt.last_word;
	}
	return 0;
}

static enum err scan_blocks(const struct ptrvec *blocks, int table, int row,
    unsigned depth, int *ntables, struct arena *a, struct ptrvec *out);

static enum err
scan_table(const struct doc_block *blk, int table, unsigned depth, int *ntables,
    struct arena *a, struct ptrvec *out)
{
	const struct doc_table *t = blk->table;
	size_t r, c;

	if (t == NULL || depth >= CITED_DEPTH_MAX)
		return ERR_OK;
	for (r = 0; r < t->rows.n; r++) {
		const struct doc_row *row = t->rows.v[r];

		for (c = 0; c < row->cells.n; c++) {
			const struct doc_cell *cell = row->cells.v[c];
			enum err e = scan_blocks(&cell->blocks, table,
			    (int)cell->row, depth + 1, ntables, a, out);

			if (e != ERR_OK)
				return e;
		}
	}
	return ERR_OK;
}

/* `table` < 0 for body text; cells keep the index of their top-level
 * table and their own row. */
static enum err
scan_blocks(const struct ptrvec *blocks, int table, int row, unsigned depth,
    int *ntables, struct arena *a, struct ptrvec *out)
{
	size_t i;

	for (i = 0; i < blocks->n; i++) {
		const struct doc_block *blk = blocks->v[i];
		struct result_ref where;

		if (blk->part == DOC_PART_HEADER ||
		    blk->part == DOC_PART_FOOTER)
			continue;
		if (blk->kind == DOC_TABLE) {
			int ti = table;
			enum err e;

			if (depth == 0)
				ti = (*ntables)++;
			e = scan_table(blk, ti, depth, ntables, a, out);
			if (e != ERR_OK)
				return e;
			continue;
		}
		memset(&where, 0, sizeof where);
		where.origin = table < 0 ? "narrative" : "appendix";
		where.page = blk->page;
		where.table = table;
		where.row = table < 0 ? -1 : row;
		if (cited_docs_scan(blk->text, blk->len, &where,
			blk->confidence, a, out) != 0)
			return ERR_NOMEM;
	}
	return ERR_OK;
}

enum err
cited_docs_find(const struct doc *d, struct arena *a, struct ptrvec *out)
{
	int ntables = 0;

	if (d == NULL)
		return ERR_OK;
	return scan_blocks(&d->blocks, -1, -1, 0, &ntables, a, out);
}
