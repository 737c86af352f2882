/* SPDX-License-Identifier: MIT */
/* Number and value-cell reading with the separator rules of value.h. */
#include "indicators/value.h"

#include <math.h>
#include <string.h>

#include "indicators/fold.h"

/* Digits of one number, capped: no report prints 16 significant digits,
 * and a longer run is not a quantity (a phone number, an id). */
#define DIGITS_MAX 15

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Digits of [p, end) as a number; false on a non-digit or overflow. */
static bool
digits_value(const char *p, const char *end, double *v)
{
	double x = 0;

	if (p >= end || end - p > DIGITS_MAX)
		return false;
	for (; p < end; p++) {
		if (!is_digit(*p))
			return false;
		x = x * 10 + (*p - '0');
	}
	*v = x;
	return true;
}

/* Integer and fraction parts joined. */
static bool
decimal_value(const char *ip, const char *iend, const char *fp,
    const char *fend, double *v)
{
	double i, f;

	if (!digits_value(ip, iend, &i) || !digits_value(fp, fend, &f))
		return false;
	*v = i + f / pow(10.0, (double)(fend - fp));
	return true;
}

bool
value_number(const char *s, size_t len, enum unit_kind kind, double *v,
    double *alt, bool *ambiguous, double *confidence)
{
	const char *end = s + len, *p, *last_sep = NULL;
	size_t ndot = 0, ncomma = 0, ndigits = 0;
	char dec;
	double x = 0, y;

	*ambiguous = false;
	*confidence = 1.0;
	*alt = 0;
	if (len == 0 || !is_digit(s[0]) || !is_digit(end[-1]))
		return false;
	for (p = s; p < end; p++) {
		if (is_digit(*p)) {
			ndigits++;
			continue;
		}
		if (*p != '.' && *p != ',')
			return false;
		if (!is_digit(p[-1]) || !is_digit(p[1]))
			return false;
		if (*p == '.')
			ndot++;
		else
			ncomma++;
		last_sep = p;
	}
	if (ndigits > DIGITS_MAX)
		return false;
	if (last_sep == NULL)
		return digits_value(s, end, v);

	if (ndot > 0 && ncomma > 0) {
		/* "1.234,5" or "1,234.5": the right-most is the decimal mark,
		 * used once, and the other groups thousands. */
		dec = *last_sep;
		if ((dec == '.' ? ndot : ncomma) != 1)
			return false;
	} else if (ndot + ncomma > 1) {
		/* "1.234.567": several of one kind can only group. */
		dec = 0;
	} else {
		size_t after = (size_t)(end - last_sep - 1);
		size_t before = (size_t)(last_sep - s);
		bool zero_lead = before == 1 && s[0] == '0';
		bool counted = kind == UNIT_COUNT || kind == UNIT_VND ||
		    kind == UNIT_MIL || kind == UNIT_BIL || kind == UNIT_CODE;

		if (kind == UNIT_PERCENT || after != 3 || before > 3 ||
		    zero_lead) {
			dec = *last_sep;
		} else if (counted) {
			/* "7.972" triệu đồng: the official convention; a
			 * comma here is the English habit, so less sure. */
			dec = 0;
			if (*last_sep == ',') {
				*ambiguous = true;
				*confidence = 0.6;
			}
		} else {
			/* "12.175" with no unit: a guess either way; the
			 * official convention wins for '.', the decimal
			 * comma for ','. */
			dec = *last_sep == '.' ? 0 : ',';
			*ambiguous = true;
			*confidence = *last_sep == '.' ? 0.7 : 0.5;
		}
	}

	/* Read with the chosen decimal mark; the other sign groups. */
	{
		char buf[DIGITS_MAX + 2];
		size_t n = 0, frac_at = 0;
		bool seen_dec = false;

		for (p = s; p < end; p++) {
			if (is_digit(*p)) {
				buf[n++] = *p;
			} else if (*p == dec) {
				seen_dec = true;
				frac_at = n;
			} else {
				/* A group separator must be followed by
				 * exactly three digits. */
				const char *q = p + 1;
				size_t k = 0;

				while (q < end && is_digit(*q)) {
					q++;
					k++;
				}
				if (k != 3)
					return false;
			}
		}
		buf[n] = '\0';
		if (seen_dec) {
			if (!decimal_value(
				buf, buf + frac_at, buf + frac_at, buf + n, &x))
				return false;
		} else if (!digits_value(buf, buf + n, &x)) {
			return false;
		}
	}
	*v = x;
	if (*ambiguous) {
		/* The other reading of the one separator. */
		const char *ip = s, *iend = last_sep;

		if (dec == 0) {
			if (!decimal_value(ip, iend, last_sep + 1, end, &y))
				return false;
		} else {
			double hi, lo;

			if (!digits_value(ip, iend, &hi) ||
			    !digits_value(last_sep + 1, end, &lo))
				return false;
			y = hi * 1000 + lo;
		}
		*alt = y;
	}
	return true;
}

bool
value_word(const char *fold, int *n)
{
	static const char *const words[] = { "khong", "mot", "hai", "ba", "bon",
		"nam", "sau", "bay", "tam", "chin", "muoi" };
	size_t i;

	for (i = 0; i < sizeof words / sizeof words[0]; i++) {
		if (strcmp(fold, words[i]) == 0) {
			*n = (int)i;
			return true;
		}
	}
	if (strcmp(fold, "tu") == 0) { /* "tư" as in "thứ tư" */
		*n = 4;
		return true;
	}
	return false;
}

/* Spaces, NBSP and the narrow no-break space. */
static size_t
space_len(const char *p, const char *end)
{
	if (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
		return 1;
	if (end - p >= 2 && (unsigned char)p[0] == 0xC2 &&
	    (unsigned char)p[1] == 0xA0)
		return 2;
	if (end - p >= 3 && (unsigned char)p[0] == 0xE2 &&
	    (unsigned char)p[1] == 0x80 && (unsigned char)p[2] == 0xAF)
		return 3;
	return 0;
}

/* Dashes, dots and marks that stand for "nothing to report". */
static bool
is_blank_mark(const char *s, size_t len)
{
	static const char *const marks[] = { "-", "--", "---", "–", "—", "x",
		"X", "/", ".", "..", "...", "…", "_", "N/A", "n/a" };
	size_t i;

	for (i = 0; i < sizeof marks / sizeof marks[0]; i++)
		if (strlen(marks[i]) == len && memcmp(marks[i], s, len) == 0)
			return true;
	return false;
}

/* True when every word of `key` belongs to a unit name ("ho so",
 * "phieu", "thu tuc"), so "05 hồ sơ" is a plain number. */
static bool
only_unit_words(const char *key)
{
	static const char *const parts[] = { "ho", "so", "thu", "tuc", "tthc",
		"van", "ban", "nguoi", "nhiem", "vu", "de", "pakn", "phieu",
		"trieu", "dong", "ty", "vnd", "luong", "bo", "phan", "co",
		"quan", "don", "vi", "truong", "hop", "lan", "quy", "trinh",
		"chi", "tieu", "cap", "file", "dong", "chi", "nv" };
	const char *p = key;

	while (*p != '\0') {
		const char *e = strchr(p, ' ');
		size_t n = e != NULL ? (size_t)(e - p) : strlen(p), i;
		bool found = false;

		for (i = 0; i < sizeof parts / sizeof parts[0]; i++)
			if (strlen(parts[i]) == n &&
			    memcmp(parts[i], p, n) == 0)
				found = true;
		if (!found)
			return false;
		p += n;
		while (*p == ' ')
			p++;
	}
	return true;
}

static bool
is_rule_mark(char c)
{
	return c == 'l' || c == 'I' || c == '|' || c == '!';
}

/*
 * OCR reads digits as look-alike letters ("1O0%", "2l", "1.5OO"), and
 * the cell's border, read with it, as a letter apart ("5.972 l").  A
 * cell that becomes one clean number when a lone l/I/|/! at either end
 * is dropped, O/o are read as 0 and l/I/| as 1 is repaired into `buf`;
 * false when it is not such a cell.
 */
static bool
ocr_digits(const char *s, size_t len, char *buf, size_t cap)
{
	size_t i, n = 0, digits = 0, fixed = 0;

	while (len >= 3 && s[len - 2] == ' ' && is_rule_mark(s[len - 1])) {
		len -= 2;
		fixed++;
	}
	while (len >= 3 && s[1] == ' ' && is_rule_mark(s[0])) {
		s += 2;
		len -= 2;
		fixed++;
	}
	while (len > 0 && s[len - 1] == ' ')
		len--;
	if (len == 0 || len >= cap)
		return false;
	for (i = 0; i < len; i++) {
		char c = s[i];

		if (c == 'O' || c == 'o')
			c = '0', fixed++;
		else if (c == 'l' || c == 'I' || c == '|')
			c = '1', fixed++;
		else if (is_digit(c))
			digits++;
		else if (c != '.' && c != ',' && c != '%' && c != ' ')
			return false;
		buf[n++] = c;
	}
	buf[n] = '\0';
	return fixed > 0 && digits > 0 && is_digit(buf[0]);
}

void
value_parse(
    const char *s, size_t len, const struct unit_info *unit, struct value *out)
{
	enum unit_kind kind = unit != NULL ? unit->kind : UNIT_UNKNOWN;
	const char *p, *end, *num = NULL, *num_end = NULL;
	char rest[256], words[256];
	size_t nw = 0;

	memset(out, 0, sizeof *out);
	out->confidence = 1.0;
	/* Trim. */
	end = s + len;
	while (s < end && space_len(s, end) > 0)
		s += space_len(s, end);
	while (end > s) {
		const char *q = end - 1;

		if (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r')
			end--;
		else if (end - s >= 2 && (unsigned char)end[-2] == 0xC2 &&
		    (unsigned char)end[-1] == 0xA0)
			end -= 2;
		else
			break;
	}
	len = (size_t)(end - s);
	if (len == 0 || is_blank_mark(s, len)) {
		out->blank = true;
		return;
	}
	{
		char fixed[64];

		if (ocr_digits(s, len, fixed, sizeof fixed)) {
			value_parse(fixed, strlen(fixed), unit, out);
			out->confidence *= 0.7;
			return;
		}
	}

	/* Collect numbers; the text around them goes to `words`. */
	words[0] = '\0';
	for (p = s; p < end;) {
		if (is_digit(*p)) {
			const char *q = p;

			while (q < end &&
			    (is_digit(*q) ||
				((*q == '.' || *q == ',') && q + 1 < end &&
				    is_digit(q[1]))))
				q++;
			/* OCR splits "99, 75%": a comma, one space and two
			 * digits before a % sign belong to the number. */
			if (end - q >= 4 && q[0] == ',' && q[1] == ' ' &&
			    is_digit(q[2]) && is_digit(q[3]) &&
			    (end - q == 4 ? kind == UNIT_PERCENT
					  : (q[4] == '%' ||
						(q[4] == ' ' && end - q >= 6 &&
						    q[5] == '%'))))
				q += 4;
			out->nnumbers++;
			if (num == NULL) {
				num = p;
				num_end = q;
			}
			p = q;
			continue;
		}
		if (*p == '%') {
			out->percent = true;
			p++;
			continue;
		}
		if (nw + 1 < sizeof words)
			words[nw++] = *p;
		p++;
	}
	words[nw] = '\0';
	fold_buf(rest, sizeof rest, words, nw);

	if (out->nnumbers == 0) {
		int code, n;

		if (unit != NULL && unit->kind == UNIT_CODE &&
		    unit_code_lookup(unit, s, len, &code)) {
			out->has_value = true;
			out->value = code;
			out->confidence = 0.9;
			return;
		}
		if (kind == UNIT_CODE || kind == UNIT_UNKNOWN) {
			/* Yes/no answers without a legend. */
			if (strcmp(rest, "co") == 0) {
				out->has_value = true;
				out->value = 1;
				out->confidence = 0.8;
				return;
			}
			if (strcmp(rest, "khong") == 0) {
				out->has_value = true;
				out->value = 0;
				out->confidence = 0.8;
				return;
			}
		}
		if (value_word(rest, &n) && kind == UNIT_COUNT) {
			out->has_value = true;
			out->value = n;
			out->confidence = 0.8;
			out->text = true;
			return;
		}
		out->text = true;
		return;
	}
	if (out->nnumbers > 1) {
		/* "20/23", "chứng thư số : 1 chữ ký số: 3": not one value. */
		out->text = rest[0] != '\0';
		out->confidence = 0;
		return;
	}

	{
		char tok[64];
		size_t n = 0;
		double v, alt, conf;
		bool amb;
		enum unit_kind k = kind;

		for (p = num; p < num_end && n + 1 < sizeof tok; p++)
			if (*p != ' ')
				tok[n++] = *p;
		tok[n] = '\0';
		if (out->percent && k == UNIT_UNKNOWN)
			k = UNIT_PERCENT;
		if (!value_number(tok, n, k, &v, &alt, &amb, &conf)) {
			out->text = true;
			out->confidence = 0;
			return;
		}
		out->has_value = true;
		out->value = v;
		out->alt = alt;
		out->ambiguous = amb;
		out->confidence = conf;
		out->grouped = memchr(tok, '.', n) != NULL && !amb &&
		    v == floor(v) && v >= 1000;
		if (!only_unit_words(rest)) {
			out->text = true;
			out->confidence *= 0.8;
		}
		if (kind == UNIT_COUNT && v != floor(v))
			out->confidence *= 0.7;
	}
}
