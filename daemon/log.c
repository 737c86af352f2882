/* SPDX-License-Identifier: MIT */
/* stderr logging with journald priorities; file names escaped. */
#include "daemon/log.h"

#include <errno.h>
#include <glib.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static enum log_level log_level = LOG_LEVEL_INFO;
static int log_journal;

void
log_init(void)
{
	const char *js = getenv("JOURNAL_STREAM");
	unsigned long long dev, ino;
	struct stat st;

	log_journal = 0;
	/* JOURNAL_STREAM is "device:inode" of the stream systemd connected;
	 * it only counts if stderr is still that stream. */
	if (js != NULL && sscanf(js, "%llu:%llu", &dev, &ino) == 2 &&
	    fstat(STDERR_FILENO, &st) == 0 &&
	    (unsigned long long)st.st_dev == dev &&
	    (unsigned long long)st.st_ino == ino)
		log_journal = 1;
}

void
log_set_level(enum log_level l)
{
	log_level = l;
}

enum log_level
log_get_level(void)
{
	return log_level;
}

static void log_vline(enum log_level l, const char *fmt, va_list ap,
    const char *suffix) __attribute__((format(printf, 2, 0)));

static void
log_vline(enum log_level l, const char *fmt, va_list ap, const char *suffix)
{
	static const int prio[] = { 3, 4, 6, 7 };
	char line[2048];
	int n;

	if (l > log_level)
		return;
	n = vsnprintf(line, sizeof line, fmt, ap);
	if (n < 0)
		return;
	if (log_journal) {
		(void)fprintf(stderr, "<%d>%s%s%s\n", prio[l], line,
		    suffix != NULL ? ": " : "", suffix != NULL ? suffix : "");
	} else {
		char ts[32];
		struct tm tm;
		time_t now = time(NULL);

		if (localtime_r(&now, &tm) == NULL ||
		    strftime(ts, sizeof ts, "%Y-%m-%d %H:%M:%S", &tm) == 0)
			ts[0] = '\0';
		(void)fprintf(stderr, "%s reportd[%ld]: %s%s%s\n", ts,
		    (long)getpid(), line, suffix != NULL ? ": " : "",
		    suffix != NULL ? suffix : "");
	}
	(void)fflush(stderr);
}

void
log_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vline(LOG_LEVEL_ERROR, fmt, ap, NULL);
	va_end(ap);
}

void
log_warn(const char *fmt, ...)
{
	const char *why = strerror(errno);
	char saved[256];
	va_list ap;

	/* Copy first: formatting may change errno's string buffer. */
	g_strlcpy(saved, why, sizeof saved);
	va_start(ap, fmt);
	log_vline(LOG_LEVEL_WARNING, fmt, ap, saved);
	va_end(ap);
}

void
log_warnx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vline(LOG_LEVEL_WARNING, fmt, ap, NULL);
	va_end(ap);
}

void
log_info(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vline(LOG_LEVEL_INFO, fmt, ap, NULL);
	va_end(ap);
}

void
log_debug(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vline(LOG_LEVEL_DEBUG, fmt, ap, NULL);
	va_end(ap);
}

const char *
log_quote(char *buf, size_t cap, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	const char *p = s != NULL ? s : "";
	const char *end = p + strlen(p);
	size_t o = 0;

	if (cap < 8) {
		if (cap > 0)
			buf[0] = '\0';
		return buf;
	}
	buf[o++] = '"';
	while (p < end) {
		char tmp[8];
		size_t tl = 0, i;
		gunichar c = g_utf8_get_char_validated(p, end - p);
		size_t step = 1;

		if (c == (gunichar)-1 || c == (gunichar)-2) {
			tmp[tl++] = '\\';
			tmp[tl++] = 'x';
			tmp[tl++] = hex[((unsigned char)*p) >> 4];
			tmp[tl++] = hex[((unsigned char)*p) & 15];
		} else if (c == '"' || c == '\\') {
			tmp[tl++] = '\\';
			tmp[tl++] = (char)c;
		} else if (c < 0x20 || c == 0x7f) {
			tmp[tl++] = '\\';
			tmp[tl++] = 'x';
			tmp[tl++] = hex[c >> 4];
			tmp[tl++] = hex[c & 15];
		} else {
			step = (size_t)(guchar)g_utf8_skip[*(const guchar *)p];
			for (i = 0; i < step; i++)
				tmp[tl++] = p[i];
		}
		/* Room for this piece, the closing quote, "..." and NUL. */
		if (o + tl + 5 > cap) {
			memcpy(buf + o, "...", 3);
			o += 3;
			break;
		}
		memcpy(buf + o, tmp, tl);
		o += tl;
		p += step;
	}
	buf[o++] = '"';
	buf[o] = '\0';
	return buf;
}
