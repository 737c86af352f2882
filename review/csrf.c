/* SPDX-License-Identifier: MIT */
/* Form tokens, origin checks and constant-time comparison. */
#include "review/csrf.h"

#include <errno.h>
#include <glib.h>
#include <string.h>
#include <sys/random.h>

static enum err
random_bytes(unsigned char *p, size_t len, struct diag *diag)
{
	size_t got = 0;
	unsigned tries = 0;

	/* getrandom() returns at most 33554431 bytes per call and may be
	 * interrupted; we ask for a few dozen bytes, so a short loop. */
	while (got < len && tries++ < 8) {
		ssize_t n = getrandom(p + got, len - got, 0);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return diag_set(
			    diag, ERR_IO, "getrandom: %s", strerror(errno));
		}
		got += (size_t)n;
	}
	if (got < len)
		return diag_set(diag, ERR_IO, "getrandom: short read");
	return ERR_OK;
}

enum err
csrf_init(struct csrf *c, struct diag *diag)
{
	return random_bytes(c->secret, sizeof(c->secret), diag);
}

enum err
csrf_session_new(char out[CSRF_SID_LEN + 1], struct diag *diag)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char raw[CSRF_SID_LEN / 2];
	enum err e;
	size_t i;

	e = random_bytes(raw, sizeof(raw), diag);
	if (e != ERR_OK)
		return e;
	for (i = 0; i < sizeof(raw); i++) {
		out[2 * i] = hex[raw[i] >> 4];
		out[2 * i + 1] = hex[raw[i] & 15];
	}
	out[CSRF_SID_LEN] = '\0';
	return ERR_OK;
}

bool
csrf_session_is_valid(const char *sid)
{
	size_t i;

	if (sid == NULL || strlen(sid) != CSRF_SID_LEN)
		return false;
	for (i = 0; i < CSRF_SID_LEN; i++)
		if (!g_ascii_isxdigit(sid[i]) || g_ascii_isupper(sid[i]))
			return false;
	return true;
}

void
csrf_mac(const struct csrf *c, const char *msg, char out[CSRF_TOKEN_LEN + 1])
{
	gchar *hex = g_compute_hmac_for_data(G_CHECKSUM_SHA256, c->secret,
	    sizeof(c->secret), (const guchar *)msg, strlen(msg));

	g_strlcpy(out, hex, CSRF_TOKEN_LEN + 1);
	g_free(hex);
}

void
csrf_token(const struct csrf *c, const char *sid, char out[CSRF_TOKEN_LEN + 1])
{
	gchar *msg = g_strconcat("form:", sid, NULL);

	csrf_mac(c, msg, out);
	g_free(msg);
}

bool
csrf_token_check(const struct csrf *c, const char *sid, const char *token)
{
	char want[CSRF_TOKEN_LEN + 1];

	if (!csrf_session_is_valid(sid) || token == NULL)
		return false;
	csrf_token(c, sid, want);
	return csrf_equal(want, CSRF_TOKEN_LEN, token, strlen(token));
}

bool
csrf_origin_ok(const char *origin, const char *referer, const char *host)
{
	static const char scheme[] = "http://";
	size_t slen = sizeof(scheme) - 1, hlen;

	if (host == NULL || *host == '\0')
		return false;
	hlen = strlen(host);
	if (origin != NULL)
		return strlen(origin) == slen + hlen &&
		    strncmp(origin, scheme, slen) == 0 &&
		    g_ascii_strncasecmp(origin + slen, host, hlen) == 0;
	if (referer != NULL && strncmp(referer, scheme, slen) == 0 &&
	    g_ascii_strncasecmp(referer + slen, host, hlen) == 0)
		return referer[slen + hlen] == '\0' ||
		    referer[slen + hlen] == '/';
	return false;
}

bool
csrf_equal(const char *a, size_t alen, const char *b, size_t blen)
{
	unsigned char diff = alen == blen ? 0 : 1;
	size_t i;

	/* Walk the expected string's whole length whatever `b` holds;
	 * the length of a secret is not itself a secret here. */
	for (i = 0; i < alen; i++)
		diff |= (unsigned char)(a[i] ^ (i < blen ? b[i] : 0));
	return diff == 0;
}
