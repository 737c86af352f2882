/* SPDX-License-Identifier: MIT */
/* Recovery after a crash: half-done claims, active documents, copies. */
#include "daemon/spool_recover.h"

#include <string.h>
#include <sys/stat.h>

#include "daemon/durable.h"
#include "daemon/spool_claim.h"
#include "daemon/spool_int.h"
#include "daemon/spool_meta.h"

/* tmp/ID after a crash: a claim whose file arrived is finished, one
 * whose file never left the inbox is undone. */
static enum err
recover_tmp(struct spool *sp, const char *id, struct diag *dg)
{
	char *dir = spool_doc_dir(sp, SPOOL_TMP, id);
	char *data = spool_find_data_name(dir);
	struct spool_meta m;
	bool arrived = data != NULL;
	enum err e;
	struct stat st;

	memset(&m, 0, sizeof m);
	if (spool_meta_load(sp, SPOOL_TMP, id, &m, NULL) == ERR_OK &&
	    m.kept_at != NULL && lstat(m.kept_at, &st) == 0)
		arrived = true;
	if (arrived) {
		e = spool_move(sp, id, SPOOL_TMP, SPOOL_INCOMING, true, dg);
		if (e == ERR_OK)
			spool_claim_unlink_origin(&m);
	} else
		e = spool_remove_tree(dir, dg);
	spool_meta_fini(&m);
	g_free(data);
	g_free(dir);
	return e;
}

enum err
spool_recover(struct spool *sp, struct diag *dg)
{
	GPtrArray *ids;
	enum err e = ERR_OK;
	guint i;

	ids = spool_list(sp, SPOOL_TMP);
	for (i = 0; i < ids->len && e == ERR_OK; i++)
		e = recover_tmp(sp, ids->pdata[i], dg);
	g_ptr_array_unref(ids);
	if (e != ERR_OK)
		return e;
	/* Work in progress is simply redone (Postfix moves active back to
	 * incoming at start-up too). */
	ids = spool_list(sp, SPOOL_ACTIVE);
	for (i = 0; i < ids->len && e == ERR_OK; i++)
		e = spool_move(
		    sp, ids->pdata[i], SPOOL_ACTIVE, SPOOL_INCOMING, false, dg);
	g_ptr_array_unref(ids);
	if (e == ERR_OK)
		e = durable_sync_dir(sp->dirs[SPOOL_INCOMING], dg);
	if (e == ERR_OK)
		e = durable_sync_dir(sp->dirs[SPOOL_ACTIVE], dg);
	if (e != ERR_OK)
		return e;
	/* A copy from another file system whose original could not be
	 * unlinked before the crash. */
	ids = spool_list(sp, SPOOL_INCOMING);
	for (i = 0; i < ids->len; i++) {
		struct spool_meta m;

		if (spool_meta_load(
			sp, SPOOL_INCOMING, ids->pdata[i], &m, NULL) != ERR_OK)
			continue;
		spool_claim_unlink_origin(&m);
		spool_meta_fini(&m);
	}
	g_ptr_array_unref(ids);
	return ERR_OK;
}
