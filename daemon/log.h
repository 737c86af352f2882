/* SPDX-License-Identifier: MIT */
/*
 * The daemon's log: one line per event on stderr, which systemd hands to
 * journald.  Under journald each line carries its priority as a "<N>"
 * prefix; on a terminal it carries the time.  Never prints document text
 * unescaped: file names go through log_quote().
 */
#ifndef DAEMON_LOG_H
#define DAEMON_LOG_H

#include <stddef.h>

enum log_level {
	LOG_LEVEL_ERROR,
	LOG_LEVEL_WARNING,
	LOG_LEVEL_INFO,
	LOG_LEVEL_DEBUG,
};

/* Detects whether stderr is connected to journald (JOURNAL_STREAM). */
void log_init(void);
void log_set_level(enum log_level);
enum log_level log_get_level(void);

void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* log_warn appends ": strerror(errno)"; log_warnx does not. */
void log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_warnx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_debug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * `s` in double quotes with control characters, quotes and backslashes
 * escaped and invalid UTF-8 shown as \xNN, truncated to fit `cap`
 * (ending in "..." when cut).  Returns `buf`.
 */
const char *log_quote(char *buf, size_t cap, const char *s);

#endif
