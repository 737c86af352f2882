/* SPDX-License-Identifier: MIT */
/*
 * The result record for one input file (schema reportd.result/1, see
 * docs/result.schema.json): what was read, its metadata, sections,
 * indicators, flags and pages.  Mapping and checks fill it from the
 * document model; daemon/record_json.c writes it as JSON.  All memory
 * belongs to the job's arena.
 */
#ifndef CORE_RESULT_H
#define CORE_RESULT_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/doc.h"

#define RESULT_SCHEMA "reportd.result/1"

enum result_status {
	RESULT_OK,
	RESULT_REJECTED, /* the input is not something we read, or hostile */
	RESULT_FAILED,   /* we could not finish (I/O, internal error) */
};

struct result_source {
	const char *name; /* file name as submitted (no directories) */
	char sha256[65];  /* lower-case hex */
	uint64_t bytes;
	const char *format; /* docx | pdf | pdf-scanned | pdf-mixed | image,
			     * or NULL when rejected before sniffing */
};

struct result_period {
	const char *label; /* as printed: "quý I năm 2024" */
	const char *from;  /* ISO date or NULL */
	const char *to;
};

struct result_metadata {
	const char *issuer;     /* header lines joined by one space */
	const char *doc_number; /* "422/BC-UBND", spaces removed */
	const char *date;       /* ISO */
	struct result_period period;
	const char *recipient;
};

struct result_section {
	const char *area; /* chi_dao_dieu_hanh, the_che, ... */
	const char *heading;
	unsigned page;
};

/* Where a value was read. */
struct result_ref {
	const char *origin; /* "appendix" | "narrative" */
	unsigned page;
	int table;        /* index of the table among top-level tables, -1 */
	int row;          /* row index in that table, -1 */
	const char *text; /* the sentence (narrative) or NULL */
};

struct result_indicator {
	const char *id; /* canonical id or NULL */
	const char *code, *label, *unit, *raw;
	bool has_value;
	double value;
	struct result_ref source;
	double confidence; /* 0..1 */
};

/* One value a flag used. */
struct result_evidence {
	const char *id;
	const char *label; /* printed row label, or the cited document */
	const char *raw;
	bool has_value;
	double value;
	struct result_ref source;
};

struct result_flag {
	const char *rule;     /* pct_mismatch, ... (DESIGN.md) */
	const char *severity; /* error | warning | info */
	struct ptrvec ids;    /* const char * */
	const char *message;  /* Vietnamese */
	const char *message_en;
	struct ptrvec evidence; /* struct result_evidence * */
	bool has_expected;
	double expected;
	bool has_tolerance; /* the slack the check allowed, in the unit */
	double tolerance;   /* of `expected` (percentage points, days) */
};

struct result_page {
	unsigned n;
	const char *method; /* text | ocr */
	double confidence;  /* < 0 when not OCR */
};

struct result {
	struct result_source source;
	enum result_status status;
	const char *error_code; /* when not ok: err_name() or a finer code */
	const char *error_message;
	struct result_metadata metadata;
	struct ptrvec sections;   /* struct result_section * */
	struct ptrvec indicators; /* struct result_indicator * */
	struct ptrvec flags;      /* struct result_flag * */
	struct ptrvec pages;      /* struct result_page * */
	const struct doc *doc;    /* the model, when parsing succeeded */
};

const char *result_status_name(enum result_status);

#endif
