/* SPDX-License-Identifier: MIT */
/*
 * The outbox: one file per document, ID.json, holding its result record
 * on one line.  Written through outbox/.tmp/ (temp file, fsync, rename,
 * fsync of the folder), so a consumer never sees a partial record, and
 * named after the document id only, so writing it again after a crash
 * replaces it with the same record instead of adding one.  Consumers
 * skip names starting with a dot.
 */
#ifndef DAEMON_OUTBOX_H
#define DAEMON_OUTBOX_H

#include <stddef.h>

#include "core/err.h"

/* Creates outbox/ and outbox/.tmp/, and removes temp files a crash left
 * there. */
enum err outbox_open(const char *dir, struct diag *);
enum err outbox_write(const char *dir, const char *id, const char *text,
    size_t len, struct diag *);

#endif
