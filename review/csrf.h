/* SPDX-License-Identifier: MIT */
/*
 * Cross-site request protection for the review page's forms.  A browser
 * gets a random session id in a SameSite=Strict cookie; each form
 * carries a token that is an HMAC of that id under a secret drawn when
 * the server starts, so a token is worthless without the cookie and a
 * cookie is worthless without the page that printed the token.  A POST
 * must also come with an Origin (or, failing that, a Referer) naming
 * this server.  Comparisons of secrets take constant time.
 */
#ifndef REVIEW_CSRF_H
#define REVIEW_CSRF_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"

#define CSRF_SID_LEN   32 /* hex digits of a session id */
#define CSRF_TOKEN_LEN 64 /* hex digits of HMAC-SHA256 */

struct csrf {
	unsigned char secret[32];
};

/* Draws a fresh secret from the kernel's random source. */
enum err csrf_init(struct csrf *, struct diag *);
/* A new random session id (CSRF_SID_LEN hex digits and a NUL). */
enum err csrf_session_new(char out[CSRF_SID_LEN + 1], struct diag *);
/* True when `sid` has the form of a session id we hand out. */
bool csrf_session_is_valid(const char *sid);
/* HMAC-SHA256 of `msg` under the secret, as hex. */
void csrf_mac(
    const struct csrf *, const char *msg, char out[CSRF_TOKEN_LEN + 1]);
/* The form token for session `sid`. */
void csrf_token(
    const struct csrf *, const char *sid, char out[CSRF_TOKEN_LEN + 1]);
/* True when `token` is the form token for `sid`; NULLs are false. */
bool csrf_token_check(const struct csrf *, const char *sid, const char *token);
/*
 * True when the request came from a page of this server: `origin`
 * equals "http://HOST", or, when the browser sent no Origin, `referer`
 * is "http://HOST" followed by "/" or the end.  "null" origins and
 * requests with neither header are refused.
 */
bool csrf_origin_ok(const char *origin, const char *referer, const char *host);
/* Compares two byte strings in time that depends only on their
 * lengths, so a mismatch's position cannot be measured. */
bool csrf_equal(const char *a, size_t alen, const char *b, size_t blen);

#endif
