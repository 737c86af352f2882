/* SPDX-License-Identifier: MIT */
/*
 * Harness: an office's own catalogue (the four files `reportd extract
 * --catalogue DIR` and `[indicators] catalogue` read) through the loader
 * and its validation, then, when it loads, through mapping on a small
 * fixed report, so odd but valid labels, contexts and sentence patterns
 * are matched too.
 *
 * Input: one selector byte, then the four files (indicators, labels,
 * sections, narrative) separated by form feeds (0x0c); a missing file is
 * empty.  Selector bit 0 set: the built-in rules, whose ids the
 * indicators must then hold; clear: no rules, so a small catalogue
 * loads.
 *
 * Checked beyond memory safety: a refusal says why; a loaded catalogue
 * finds every indicator by its id and every relation of an indicator
 * mentions it.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/result.h"
#include "indicators/catalogue.h"
#include "indicators/map.h"
#include "indicators/rules.h"
#include "tests/docbuild.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

/* The real catalogue is 60 KB; more is a different file gone wrong. */
#define INPUT_MAX (256u << 10)

static struct arena *rules_arena;
static struct rules *builtin, *none;

/* A short report of every part mapping reads: header, a heading, body
 * sentences and an appendix table, in words the catalogues use. */
static const char report[] =
    "ỦY BAN NHÂN DÂN\n"
    "XÃ AN BÌNH\n"
    "Số: 12/BC-UBND\n"
    "An Bình, ngày 15 tháng 6 năm 2024\n"
    "BÁO CÁO\n"
    "Kết quả thực hiện công tác cải cách hành chính 6 tháng đầu năm 2024\n"
    "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH\n"
    "Tổng số nhiệm vụ được giao là 12 nhiệm vụ, đã hoàn thành đúng hạn 10 "
    "nhiệm vụ, hoàn thành nhưng quá hạn 1 nhiệm vụ, quá hạn nhưng chưa "
    "hoàn thành 1 nhiệm vụ.\n"
    "II. CẢI CÁCH THỦ TỤC HÀNH CHÍNH\n"
    "Tiếp nhận 939 hồ sơ, trong đó giải quyết đúng hạn 930 hồ sơ, đạt "
    "99,0%.\n"
    "Không có cán bộ, công chức vi phạm phải xử lý kỷ luật.\n"
    "--page--\n"
    "STT|Nội dung|Đơn vị tính|Số liệu\n"
    "1|Số nhiệm vụ đề ra trong kế hoạch CCHC|Nhiệm vụ|20\n"
    "1.1|- Số nhiệm vụ đã hoàn thành|Nhiệm vụ|18\n"
    "1.2|Tỷ lệ hoàn thành kế hoạch|%|90\n"
    "2|Số hồ sơ tiếp nhận|Hồ sơ|939\n"
    "2.1|- Giải quyết đúng hạn|Hồ sơ|930\n"
    "3|Hình thức khảo sát|Hình thức|Phát phiếu\n";

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct diag dg;

	(void)argc;
	(void)argv;
	diag_init(&dg);
	rules_arena = arena_new(8u << 20);
	if (rules_arena == NULL ||
	    rules_builtin(rules_arena, &builtin, &dg) != ERR_OK ||
	    rules_parse("", 0, "none.tsv", rules_arena, &none, &dg) != ERR_OK)
		abort();
	return 0;
}

static bool
relation_mentions(
    const struct cat_relation *rel, const struct cat_indicator *ind)
{
	size_t i;

	if (rel->target == ind)
		return true;
	for (i = 0; i < rel->nlhs; i++)
		if (rel->lhs[i].ind == ind)
			return true;
	for (i = 0; i < rel->nrhs; i++)
		if (rel->rhs[i].ind == ind)
			return true;
	return false;
}

static void
check_loaded(const struct catalogue *c)
{
	size_t i, j;

	for (i = 0; i < catalogue_nindicators(c); i++) {
		const struct cat_indicator *ind = catalogue_indicator(c, i);

		if (catalogue_get(c, ind->id) != ind)
			abort();
		for (j = 0; j < ind->nrelations; j++)
			if (!relation_mentions(ind->relations[j], ind))
				abort();
	}
	for (i = 0; i < catalogue_nlabels(c); i++) {
		const struct cat_label *l = catalogue_label(c, i);

		if (l->ind != NULL && catalogue_get(c, l->ind->id) != l->ind)
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct cat_file f[CAT_NFILES];
	struct catalogue *c = NULL;
	const char *p, *end;
	struct diag dg;
	size_t i;

	if (len == 0 || len > INPUT_MAX)
		return 0;
	p = (const char *)data + 1;
	end = (const char *)data + len;
	for (i = 0; i < CAT_NFILES; i++) {
		const char *ff = memchr(p, '\f', (size_t)(end - p));
		const char *stop = ff != NULL && i + 1 < CAT_NFILES ? ff : end;

		f[i].name = catalogue_file_names[i];
		f[i].data = p;
		f[i].len = (size_t)(stop - p);
		p = stop < end ? stop + 1 : end;
	}
	diag_init(&dg);
	if (catalogue_parse(f, (data[0] & 1) != 0 ? builtin : none, &c, &dg) !=
	    ERR_OK) {
		if (dg.code == ERR_OK || dg.msg[0] == '\0')
			abort();
		return 0;
	}
	check_loaded(c);
	{
		struct arena *a = arena_new(16u << 20);
		struct doc *d;
		struct result *r;

		if (a != NULL) {
			d = docbuild(a, report, sizeof(report) - 1);
			r = arena_alloc(a, sizeof *r);
			if (d != NULL && r != NULL)
				(void)map_document(d, c, r, a);
			arena_free(a);
		}
	}
	catalogue_free(c);
	return 0;
}
