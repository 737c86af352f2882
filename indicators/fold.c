/* SPDX-License-Identifier: MIT */
/* Fold keys in caller buffers, with the rules of core/text.c. */
#include "indicators/fold.h"

#include <glib.h>
#include <string.h>

size_t
fold_buf(char *dst, size_t cap, const char *s, size_t len)
{
	gchar *nfd;
	const char *p;
	size_t n = 0;
	int space = 1;

	if (cap == 0)
		return 0;
	dst[0] = '\0';
	if (len > G_MAXSSIZE || !g_utf8_validate(s, (gssize)len, NULL))
		return 0;
	nfd = g_utf8_normalize(s, (gssize)len, G_NORMALIZE_NFD);
	if (nfd == NULL)
		return 0;
	for (p = nfd; *p != '\0'; p += g_utf8_skip[*(const guchar *)p]) {
		gunichar c = g_utf8_get_char(p);
		char enc[6];
		gint k;

		if (g_unichar_type(c) == G_UNICODE_NON_SPACING_MARK ||
		    c == 0x00AD || c == 0x200B || c == 0x200C || c == 0x200D ||
		    c == 0xFEFF)
			continue;
		if (c == 0x0110 || c == 0x0111 || c == 0x00D0 || c == 0x00F0)
			c = 'd';
		if (g_unichar_isalnum(c)) {
			k = g_unichar_to_utf8(g_unichar_tolower(c), enc);
			if (n + (size_t)k >= cap)
				break;
			memcpy(dst + n, enc, (size_t)k);
			n += (size_t)k;
			space = 0;
		} else if (!space) {
			if (n + 1 >= cap)
				break;
			dst[n++] = ' ';
			space = 1;
		}
	}
	g_free(nfd);
	while (n > 0 && dst[n - 1] == ' ')
		n--;
	dst[n] = '\0';
	return n;
}

int
fold_starts_with(const char *key, const char *prefix)
{
	size_t n = strlen(prefix);

	if (n == 0 || strncmp(key, prefix, n) != 0)
		return 0;
	return key[n] == '\0' || key[n] == ' ';
}

int
fold_contains(const char *key, const char *needle)
{
	size_t n = strlen(needle);
	const char *p = key;

	if (n == 0)
		return 0;
	while ((p = strstr(p, needle)) != NULL) {
		if ((p == key || p[-1] == ' ') && (p[n] == '\0' || p[n] == ' '))
			return 1;
		p++;
	}
	return 0;
}
