/* SPDX-License-Identifier: MIT */
/*
 * The spool's own: its state and the helpers its files share
 * (spool.c, spool_meta.c, spool_claim.c, spool_recover.c).  Nothing
 * outside them includes this.
 */
#ifndef DAEMON_SPOOL_INT_H
#define DAEMON_SPOOL_INT_H

#include <glib.h>
#include <stdint.h>
#include <sys/types.h>

#include "core/err.h"
#include "daemon/spool.h"

struct spool {
	char *dirs[SPOOL_NSTATES];
	char *root;
	int lockfd;
	dev_t dev;
	int64_t last_us;
	GHashTable *dirty; /* folders to fsync at spool_sync() */
};

/* ROOT-of-state/ID (g_free). */
char *spool_doc_dir(const struct spool *, enum spool_state, const char *id);
/* The one entry of a document folder not starting with a dot, or NULL
 * (g_free). */
char *spool_find_data_name(const char *dir);
/* The current time as ISO 8601 UTC (g_free). */
char *spool_now_iso(void);
/* Notes `dir` for the next spool_sync(). */
void spool_mark_dirty(struct spool *, const char *dir);
/* Removes every entry of a document folder, then the folder. */
enum err spool_remove_tree(const char *dir, struct diag *);

#endif
