/* SPDX-License-Identifier: MIT */
/*
 * Who may use the review server.  On a loopback address it serves the
 * local user (and checks the Host header, so a web page that points its
 * own name at 127.0.0.1 cannot read the API).  On any other address a
 * token is required: the server refuses to start without one, and
 * every request must present it (Authorization: Bearer, or the cookie
 * the login form sets).  Tokens are compared in constant time.
 */
#ifndef REVIEW_ACCESS_H
#define REVIEW_ACCESS_H

#include <stdbool.h>
#include <stddef.h>

/* Shortest token accepted: 16 characters of a random string. */
#define ACCESS_TOKEN_MIN 16

/* True for a numeric loopback address (127.0.0.0/8, ::1) or
 * "localhost". */
bool access_addr_is_loopback(const char *addr);

/* True when a Host header names this machine's loopback interface
 * ("127.0.0.1:8080", "localhost", "[::1]:80"). */
bool access_host_is_loopback(const char *host);

/* True when `presented` equals `token`, compared in constant time over
 * their SHA-256 digests (so neither the position of a mismatch nor the
 * token's length shows in the timing).  A NULL either side is false. */
bool access_token_ok(const char *token, const char *presented);

/* The token from an "Authorization: Bearer TOKEN" header, borrowed
 * from `header`, or NULL. */
const char *access_bearer(const char *header);

#endif
