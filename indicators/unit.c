/* SPDX-License-Identifier: MIT */
/* Unit cells: kind of quantity and coded-answer legends. */
#include "indicators/unit.h"

#include <string.h>

#include "indicators/fold.h"

/* Unit words of counted things, diacritic-folded, as templates print
 * them; the first word is enough ("ho so" also covers "Số lượng hồ sơ"). */
static const char *const count_words[] = {
	"ho so",
	"thu tuc",
	"tthc",
	"van ban",
	"nguoi",
	"nhiem vu",
	"van de",
	"pakn",
	"phieu",
	"so luong",
	"bo phan",
	"co quan",
	"don vi",
	"truong hop",
	"lan",
	"quy trinh",
	"chi tieu",
	"cap file",
	"phong",
	"cuoc",
	"hoi nghi",
	"dot",
	"bai",
	"tin",
	"chung thu",
	"chu ky",
	"thu",
	"doanh nghiep",
	"du an",
	"to chuc",
};

const char *
unit_kind_name(enum unit_kind k)
{
	switch (k) {
	case UNIT_COUNT:
		return "count";
	case UNIT_PERCENT:
		return "pct";
	case UNIT_VND:
		return "vnd";
	case UNIT_MIL:
		return "mil";
	case UNIT_BIL:
		return "bil";
	case UNIT_CODE:
		return "code";
	case UNIT_UNKNOWN:
		break;
	}
	return "unknown";
}

/* Parses "label = n label = n ...": at least one pair makes a legend. */
static void
parse_legend(const char *s, size_t len, struct unit_info *out)
{
	const char *p = s, *end = s + len, *lab = s;

	while (p < end && out->ncodes < UNIT_CODES_MAX) {
		const char *eq = memchr(p, '=', (size_t)(end - p));
		const char *q;
		int code = 0, nd = 0;

		if (eq == NULL)
			break;
		for (q = eq + 1; q < end && *q == ' '; q++)
			;
		while (q < end && *q >= '0' && *q <= '9' && nd < 4) {
			code = code * 10 + (*q - '0');
			q++;
			nd++;
		}
		if (nd > 0) {
			struct unit_code *c = &out->codes[out->ncodes];

			fold_buf(
			    c->fold, sizeof c->fold, lab, (size_t)(eq - lab));
			c->code = code;
			if (c->fold[0] != '\0')
				out->ncodes++;
		}
		lab = q;
		p = q > eq ? q : eq + 1;
	}
}

void
unit_classify(const char *s, size_t len, struct unit_info *out)
{
	char key[256];
	size_t i;

	memset(out, 0, sizeof *out);
	if (s == NULL || len == 0)
		return;
	if (memchr(s, '=', len) != NULL) {
		parse_legend(s, len, out);
		if (out->ncodes > 0) {
			out->kind = UNIT_CODE;
			return;
		}
	}
	if (memchr(s, '%', len) != NULL) {
		out->kind = UNIT_PERCENT;
		return;
	}
	fold_buf(key, sizeof key, s, len);
	if (key[0] == '\0')
		return;
	if (fold_contains(key, "phan tram") || fold_starts_with(key, "ty le")) {
		out->kind = UNIT_PERCENT;
		return;
	}
	if (fold_contains(key, "trieu dong") || fold_contains(key, "trieu")) {
		out->kind = UNIT_MIL;
		return;
	}
	if (fold_contains(key, "ty dong")) {
		out->kind = UNIT_BIL;
		return;
	}
	if (fold_contains(key, "dong") || fold_contains(key, "vnd")) {
		out->kind = UNIT_VND;
		return;
	}
	for (i = 0; i < sizeof count_words / sizeof count_words[0]; i++) {
		if (fold_contains(key, count_words[i])) {
			out->kind = UNIT_COUNT;
			return;
		}
	}
}

bool
unit_code_lookup(
    const struct unit_info *u, const char *s, size_t len, int *code)
{
	char key[UNIT_LABEL_MAX];
	unsigned i;

	fold_buf(key, sizeof key, s, len);
	if (key[0] == '\0')
		return false;
	for (i = 0; i < u->ncodes; i++) {
		if (strcmp(key, u->codes[i].fold) == 0) {
			*code = u->codes[i].code;
			return true;
		}
	}
	/* "Có thực hiện = 1" answered "Có": the answer starts the label. */
	for (i = 0; i < u->ncodes; i++) {
		if (fold_starts_with(u->codes[i].fold, key)) {
			*code = u->codes[i].code;
			return true;
		}
	}
	return false;
}
