/* SPDX-License-Identifier: MIT */
/* Segment-by-segment matching of request paths against route patterns. */
#include "review/http_router.h"

#include <string.h>

/* Ids are positive and fit in 18 digits, so no overflow check beyond
 * the digit count is needed. */
#define ID_DIGITS_MAX 18

static bool
is_id_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
}

static bool
match_one(const char *pat, const char *path, struct route_match *m)
{
	m->nnum = 0;
	m->nid = 0;
	for (;;) {
		size_t plen, slen;
		const char *pend, *send;

		if (*pat != '/' || *path != '/')
			return false;
		pat++;
		path++;
		pend = strchr(pat, '/');
		send = strchr(path, '/');
		plen = pend != NULL ? (size_t)(pend - pat) : strlen(pat);
		slen = send != NULL ? (size_t)(send - path) : strlen(path);
		if (plen == 3 && memcmp(pat, "{n}", 3) == 0) {
			int64_t v = 0;
			size_t i;

			if (slen == 0 || slen > ID_DIGITS_MAX ||
			    m->nnum == ROUTE_NUMS_MAX)
				return false;
			for (i = 0; i < slen; i++) {
				if (path[i] < '0' || path[i] > '9')
					return false;
				v = v * 10 + (path[i] - '0');
			}
			m->num[m->nnum++] = v;
		} else if (plen == 4 && memcmp(pat, "{id}", 4) == 0) {
			size_t i;

			if (slen == 0 || slen > ROUTE_ID_LEN ||
			    path[0] == '.' || m->nid == ROUTE_IDS_MAX)
				return false;
			for (i = 0; i < slen; i++)
				if (!is_id_char(path[i]))
					return false;
			memcpy(m->id[m->nid], path, slen);
			m->id[m->nid][slen] = '\0';
			m->nid++;
		} else if (plen != slen || memcmp(pat, path, plen) != 0)
			return false;
		pat += plen;
		path += slen;
		if (*pat == '\0' || *path == '\0')
			return *pat == '\0' && *path == '\0';
	}
}

enum route_result
router_match(const struct http_route *routes, size_t n, const char *method,
    const char *path, const struct http_route **out, struct route_match *m)
{
	enum route_result res = ROUTE_NOT_FOUND;
	size_t i;

	*out = NULL;
	if (strcmp(method, "HEAD") == 0)
		method = "GET";
	for (i = 0; i < n; i++) {
		if (!match_one(routes[i].pattern, path, m))
			continue;
		if (strcmp(routes[i].method, method) == 0) {
			*out = &routes[i];
			return ROUTE_FOUND;
		}
		res = ROUTE_BAD_METHOD;
	}
	return res;
}
