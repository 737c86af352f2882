/* SPDX-License-Identifier: MIT */
/* Store, then outbox, then the source's move. */
#include "daemon/commit.h"

#include <string.h>

#include "daemon/outbox.h"
#include "daemon/record.h"

enum err
commit_document(struct spool *sp, struct store *st, const char *outbox_dir,
    const struct commit_doc *d, char **outcome, struct diag *dg)
{
	struct spool_meta *m = d->meta;
	struct record_submission sub;
	struct store_doc sd;
	JsonObject *rec = json_node_get_object(d->record);
	char *text = NULL, *stored = NULL, *stored_outcome = NULL;
	enum spool_state to;
	enum err e;

	*outcome = NULL;
	memset(&sub, 0, sizeof sub);
	sub.id = m->id;
	sub.unit = m->unit;
	sub.inbox_path = m->origin;
	sub.received = m->received;
	sub.duplicate_of = d->duplicate_of;
	record_set_submission(rec, &sub);
	text = record_text(d->record);

	memset(&sd, 0, sizeof sd);
	sd.id = m->id;
	sd.name = m->name;
	sd.unit = m->unit;
	sd.inbox_path = m->origin;
	sd.received = m->received;
	sd.outcome = d->outcome;
	sd.duplicate_of = d->duplicate_of;
	sd.attempts = m->started;
	sd.reason_code = d->reason_code;
	sd.reason = d->reason;
	e = store_commit(st, &sd, rec, text, &stored, &stored_outcome, dg);
	if (e == ERR_OK)
		e = outbox_write(outbox_dir, m->id, stored, strlen(stored), dg);
	if (e != ERR_OK)
		goto out;
	to = strcmp(stored_outcome, "quarantine") == 0 ? SPOOL_QUARANTINE
						       : SPOOL_DONE;
	if (to == SPOOL_QUARANTINE && d->reason != NULL) {
		/* Also beside the file, for whoever opens quarantine/. */
		g_free(m->reason_code);
		g_free(m->reason);
		m->reason_code = g_strdup(d->reason_code);
		m->reason = g_strdup(d->reason);
		(void)spool_meta_save(sp, SPOOL_ACTIVE, m, NULL);
	}
	e = spool_move(sp, m->id, SPOOL_ACTIVE, to, true, dg);
	if (e == ERR_OK) {
		*outcome = stored_outcome;
		stored_outcome = NULL;
	}
out:
	g_free(text);
	g_free(stored);
	g_free(stored_outcome);
	return e;
}
