/* SPDX-License-Identifier: MIT */
/* Flag construction, evidence and message formatting. */
#include "indicators/check_flag.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/text.h"

struct result_flag *
check_flag_new(struct arena *a, const char *rule, enum rules_severity sev)
{
	struct result_flag *f = arena_alloc(a, sizeof *f);

	if (f == NULL)
		return NULL;
	f->rule = rule;
	f->severity = rules_severity_name(sev);
	return f;
}

int
check_flag_add_id(struct result_flag *f, struct arena *a, const char *id)
{
	size_t i;

	if (id == NULL)
		return 0;
	for (i = 0; i < f->ids.n; i++)
		if (strcmp(f->ids.v[i], id) == 0)
			return 0;
	return ptrvec_push(&f->ids, a, (void *)(uintptr_t)id);
}

int
check_flag_add_evidence(struct result_flag *f, struct arena *a, const char *id,
    const char *label, const char *raw, bool has_value, double value,
    const struct result_ref *where)
{
	struct result_evidence *ev = arena_alloc(a, sizeof *ev);

	if (ev == NULL)
		return -1;
	ev->id = id;
	ev->label = label;
	ev->raw = raw;
	ev->has_value = has_value;
	ev->value = value;
	if (where != NULL)
		ev->source = *where;
	else {
		ev->source.table = -1;
		ev->source.row = -1;
	}
	if (ptrvec_push(&f->evidence, a, ev) != 0)
		return -1;
	return check_flag_add_id(f, a, id);
}

int
check_flag_add_indicator(
    struct result_flag *f, struct arena *a, const struct result_indicator *ind)
{
	return check_flag_add_evidence(f, a, ind->id, ind->label, ind->raw,
	    ind->has_value, ind->value, &ind->source);
}

int
check_flag_message(
    struct result_flag *f, struct arena *a, const char *vi, const char *en)
{
	f->message = arena_strdup(a, vi);
	f->message_en = arena_strdup(a, en);
	return (f->message == NULL || f->message_en == NULL) ? -1 : 0;
}

void
check_fmt_num(
    char *buf, size_t cap, double v, int decimals, enum check_lang lang)
{
	char digits[64], *dot;
	const char thou = lang == CHECK_VI ? '.' : ',';
	const char dec = lang == CHECK_VI ? ',' : '.';
	size_t ilen, i, o = 0;
	const char *p;

	if (cap == 0)
		return;
	if (!isfinite(v) || fabs(v) >= 1e15) {
		(void)snprintf(buf, cap, "%g", v);
		return;
	}
	if (decimals < 0)
		decimals = 0;
	if (decimals > 6)
		decimals = 6;
	(void)snprintf(digits, sizeof digits, "%.*f", decimals, v);
	/* "65.50" -> "65.5", "100.00" -> "100": trailing zeros say nothing. */
	dot = strchr(digits, '.');
	if (dot != NULL) {
		size_t n = strlen(digits);

		while (n > 0 && digits[n - 1] == '0')
			digits[--n] = '\0';
		if (n > 0 && digits[n - 1] == '.')
			digits[--n] = '\0';
	}
	p = digits;
	if (*p == '-') {
		if (o + 1 < cap)
			buf[o++] = '-';
		p++;
	}
	dot = strchr(p, '.');
	ilen = dot != NULL ? (size_t)(dot - p) : strlen(p);
	for (i = 0; i < ilen; i++) {
		if (i > 0 && (ilen - i) % 3 == 0 && o + 1 < cap)
			buf[o++] = thou;
		if (o + 1 < cap)
			buf[o++] = p[i];
	}
	if (dot != NULL) {
		if (o + 1 < cap)
			buf[o++] = dec;
		for (p = dot + 1; *p != '\0'; p++)
			if (o + 1 < cap)
				buf[o++] = *p;
	}
	buf[o] = '\0';
}

const char *
check_label(struct arena *a, const struct result_indicator *ind)
{
	const char *s = ind->label, *e;
	static const char trong_do[] = "Trong đó:";
	static const char trong_do2[] = "trong đó:";

	if (s == NULL || *s == '\0')
		return ind->id != NULL ? ind->id : "?";
	while (*s == '-' || *s == '+' || *s == ' ' || *s == '*')
		s++;
	e = s + strlen(s);
	/* A catalogue description ends with its formula: "... = a / b". */
	{
		const char *eq = strstr(s, " = ");

		if (eq != NULL)
			e = eq;
	}
	while (e > s && (e[-1] == ' ' || e[-1] == '\n'))
		e--;
	if ((size_t)(e - s) > sizeof trong_do - 1 &&
	    (memcmp(e - (sizeof trong_do - 1), trong_do, sizeof trong_do - 1) ==
		    0 ||
		memcmp(e - (sizeof trong_do2 - 1), trong_do2,
		    sizeof trong_do2 - 1) == 0)) {
		e -= sizeof trong_do - 1;
		while (e > s && (e[-1] == ' ' || e[-1] == '.' || e[-1] == ','))
			e--;
	}
	while (e > s && e[-1] == ':')
		e--;
	if (e == s)
		return ind->id != NULL ? ind->id : "?";
	/* Long labels make unreadable messages; the evidence has it all. */
	if (e - s > 120) {
		const char *cut = s + 120;

		while (cut > s && (*cut & 0xC0) == 0x80)
			cut--;
		{
			char *t = arena_printf(a, "%.*s…", (int)(cut - s), s);

			return t != NULL ? t : ind->id;
		}
	}
	{
		char *t = arena_strndup(a, s, (size_t)(e - s));

		return t != NULL ? t : ind->id;
	}
}

struct result_flag *
check_flag_duplicate(struct arena *a, enum rules_severity sev,
    bool same_content, const char *earlier_name, const char *earlier_when)
{
	struct result_flag *f = check_flag_new(a, "duplicate_submission", sev);
	const char *name = earlier_name != NULL ? earlier_name : "?";
	char *vi, *en;

	if (f == NULL)
		return NULL;
	if (same_content) {
		vi = arena_printf(a,
		    "Tệp này giống hệt tệp \"%s\" đã nhận trước đó%s%s", name,
		    earlier_when != NULL ? " lúc " : "",
		    earlier_when != NULL ? earlier_when : "");
		en = arena_printf(a,
		    "This file is identical to \"%s\", received earlier%s%s",
		    name, earlier_when != NULL ? " at " : "",
		    earlier_when != NULL ? earlier_when : "");
	} else {
		vi = arena_printf(a,
		    "Báo cáo cùng cơ quan, số và kỳ báo cáo với tệp \"%s\" đã nhận trước đó%s%s",
		    name, earlier_when != NULL ? " lúc " : "",
		    earlier_when != NULL ? earlier_when : "");
		en = arena_printf(a,
		    "Same issuer, document number and period as \"%s\", received earlier%s%s",
		    name, earlier_when != NULL ? " at " : "",
		    earlier_when != NULL ? earlier_when : "");
	}
	if (vi == NULL || en == NULL)
		return NULL;
	f->message = vi;
	f->message_en = en;
	return f;
}
