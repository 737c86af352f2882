/* SPDX-License-Identifier: MIT */
/*
 * The review page's words in Vietnamese (the default) and English.  A
 * page asks for a message by id; flag messages come from the record,
 * which carries both languages already.
 */
#ifndef REVIEW_I18N_H
#define REVIEW_I18N_H

#include <stddef.h>

enum lang {
	LANG_VI,
	LANG_EN,
};

enum msg {
	M_APP_TITLE,
	M_NAV_OVERVIEW,
	M_NAV_PERIODS,
	M_NAV_QUARANTINE,
	M_NAV_API,
	M_LANG_SWITCH, /* the other language's name */
	M_DOCUMENTS,
	M_FILTER,
	M_FILTER_ALL,
	M_PERIOD,
	M_UNIT,
	M_STATUS,
	M_SEARCH,
	M_SEARCH_HINT,
	M_OPEN_FLAGS_ONLY,
	M_APPLY,
	M_CLEAR,
	M_FILE,
	M_DOC_NUMBER,
	M_DATE,
	M_RECEIVED,
	M_FLAGS_OPEN,
	M_NO_DOCUMENTS,
	M_NO_PERIOD,
	M_SHOWN_OF,
	M_QUEUE,
	M_ST_QUEUED,
	M_ST_PROCESSING,
	M_ST_DONE,
	M_ST_QUARANTINED,
	M_ST_FAILED,
	M_QUARANTINE,
	M_QUARANTINE_NONE,
	M_REASON,
	M_TOTAL,
	M_METADATA,
	M_ISSUER,
	M_FORMAT,
	M_SIZE,
	M_SHA256,
	M_PERIOD_RANGE,
	M_RECIPIENT,
	M_SECTIONS,
	M_NO_SECTIONS,
	M_AREA,
	M_HEADING,
	M_PAGE,
	M_INDICATORS,
	M_ID,
	M_CODE,
	M_LABEL,
	M_VALUE,
	M_PRINTED,
	M_UNIT_OF_MEASURE,
	M_SOURCE,
	M_ROW,
	M_TABLE,
	M_CONFIDENCE,
	M_LOW_CONFIDENCE,
	M_NOT_CANONICAL,
	M_FLAGS,
	M_NO_FLAGS,
	M_RULE,
	M_SEVERITY,
	M_SEV_ERROR,
	M_SEV_WARNING,
	M_SEV_INFO,
	M_EVIDENCE,
	M_EXPECTED,
	M_REVIEW_OPEN,
	M_REVIEW_CONFIRMED,
	M_REVIEW_DISMISSED,
	M_COMMENT,
	M_COMMENT_HINT,
	M_CONFIRM,
	M_DISMISS,
	M_DUPLICATE,
	M_HISTORY,
	M_PAGES,
	M_METHOD,
	M_PAGE_IMAGE,
	M_NO_PAGE_IMAGE,
	M_ZOOM_HINT,
	M_ERROR,
	M_NOT_FOUND,
	M_NOT_FOUND_TEXT,
	M_FORBIDDEN,
	M_FORBIDDEN_CSRF,
	M_BAD_REQUEST,
	M_SERVER_ERROR,
	M_LOGIN,
	M_LOGIN_TEXT,
	M_TOKEN,
	M_LOGIN_FAILED,
	M_PERIODS,
	M_PERIOD_VIEW,
	M_MISSING_REPORT,
	M_MISSING_VALUE,
	M_EXPORT,
	M_EXPORT_CSV,
	M_EXPORT_XLSX,
	M_EXPORT_UNAVAILABLE,
	M_RAW_JSON,
	M_BACK,
	M_NDOCS,
	M_NUNITS,
	M_FLAGS_TOTAL,
	M_ERROR_DETAIL,
	M_COUNT, /* not a message: the number of messages */
};

/* The text of `m` in `lang`; never NULL. */
const char *i18n(enum lang, enum msg);
/* "vi" or "en". */
const char *i18n_code(enum lang);
/* The language named by "vi"/"en" (any case); `fallback` otherwise. */
enum lang i18n_parse(const char *code, enum lang fallback);
/* The reform area's name (section key such as "tthc"), or NULL. */
const char *i18n_area(enum lang, const char *key);
/* A core indicator's short column heading, or NULL when not core. */
const char *i18n_indicator(enum lang, const char *id);
/* The i-th core indicator id (the period view's columns), or NULL past
 * the last. */
const char *i18n_core_id(size_t i);

#endif
