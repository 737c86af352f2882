/* SPDX-License-Identifier: MIT */
/* Loopback checks and token comparison for the review server. */
#include "review/access.h"

#include <arpa/inet.h>
#include <glib.h>
#include <string.h>

#include "review/csrf.h"

bool
access_addr_is_loopback(const char *addr)
{
	struct in_addr a4;
	struct in6_addr a6;

	if (addr == NULL)
		return false;
	if (g_ascii_strcasecmp(addr, "localhost") == 0)
		return true;
	if (inet_pton(AF_INET, addr, &a4) == 1)
		return (ntohl(a4.s_addr) >> 24) == 127;
	if (inet_pton(AF_INET6, addr, &a6) == 1)
		return memcmp(&a6, &in6addr_loopback, sizeof(a6)) == 0;
	return false;
}

bool
access_host_is_loopback(const char *host)
{
	char name[64];
	const char *colon;
	size_t len;

	if (host == NULL)
		return false;
	if (host[0] == '[') {
		/* "[::1]" or "[::1]:port" */
		const char *close = strchr(host, ']');

		if (close == NULL || (close[1] != '\0' && close[1] != ':'))
			return false;
		len = (size_t)(close - host - 1);
		if (len >= sizeof(name))
			return false;
		memcpy(name, host + 1, len);
		name[len] = '\0';
		return access_addr_is_loopback(name);
	}
	colon = strchr(host, ':');
	len = colon != NULL ? (size_t)(colon - host) : strlen(host);
	if (len == 0 || len >= sizeof(name))
		return false;
	memcpy(name, host, len);
	name[len] = '\0';
	/* A port must be digits only, so "127.0.0.1:80.evil" fails. */
	if (colon != NULL) {
		const char *p = colon + 1;

		if (*p == '\0' || strlen(p) > 5)
			return false;
		for (; *p != '\0'; p++)
			if (!g_ascii_isdigit(*p))
				return false;
	}
	return access_addr_is_loopback(name);
}

bool
access_token_ok(const char *token, const char *presented)
{
	guint8 a[32], b[32];
	gsize alen = sizeof(a), blen = sizeof(b);
	GChecksum *c;

	if (token == NULL || presented == NULL || *token == '\0')
		return false;
	c = g_checksum_new(G_CHECKSUM_SHA256);
	g_checksum_update(c, (const guchar *)token, (gssize)strlen(token));
	g_checksum_get_digest(c, a, &alen);
	g_checksum_reset(c);
	g_checksum_update(
	    c, (const guchar *)presented, (gssize)strlen(presented));
	g_checksum_get_digest(c, b, &blen);
	g_checksum_free(c);
	return csrf_equal((const char *)a, alen, (const char *)b, blen);
}

const char *
access_bearer(const char *header)
{
	static const char prefix[] = "Bearer ";

	if (header == NULL ||
	    g_ascii_strncasecmp(header, prefix, sizeof(prefix) - 1) != 0)
		return NULL;
	header += sizeof(prefix) - 1;
	while (*header == ' ')
		header++;
	return *header != '\0' ? header : NULL;
}
