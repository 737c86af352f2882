/* SPDX-License-Identifier: MIT */
/* Commit: store, outbox, then the source's move. */
#include "daemon/sv_commit.h"

#include <string.h>

#include "daemon/commit.h"
#include "daemon/log.h"
#include "daemon/outbox.h"
#include "daemon/record.h"
#include "daemon/review_frame.h"
#include "daemon/spool.h"
#include "daemon/store.h"

void
sv_commit_set_decision(struct doc *d, JsonNode *record, const char *outcome,
    const char *code, const char *reason)
{
	if (d->record != NULL)
		json_node_unref(d->record);
	d->record = record;
	g_free(d->outcome);
	g_free(d->reason_code);
	g_free(d->reason);
	d->outcome = g_strdup(outcome);
	d->reason_code = g_strdup(code);
	d->reason = g_strdup(reason);
}

static void
log_outcome(struct sv *sv, struct doc *d, const char *outcome, JsonObject *rec)
{
	char f[600];
	JsonArray *ind = NULL, *fl = NULL;
	const char *status = record_status(rec);

	(void)sv;
	if (json_object_has_member(rec, "indicators") &&
	    JSON_NODE_HOLDS_ARRAY(json_object_get_member(rec, "indicators")))
		ind = json_object_get_array_member(rec, "indicators");
	if (json_object_has_member(rec, "flags") &&
	    JSON_NODE_HOLDS_ARRAY(json_object_get_member(rec, "flags")))
		fl = json_object_get_array_member(rec, "flags");
	if (d->duplicate_of != NULL)
		log_info("%s: duplicate of %s: file=%s sha256=%s outcome=%s",
		    d->id, d->duplicate_of, sv_doc_file(d, f, sizeof f),
		    d->have_sha ? d->sha256 : "-", outcome);
	else if (strcmp(outcome, "done") == 0)
		log_info("%s: done: file=%s sha256=%s status=%s indicators=%u "
			 "flags=%u",
		    d->id, sv_doc_file(d, f, sizeof f),
		    d->have_sha ? d->sha256 : "-",
		    status != NULL ? status : "?",
		    ind != NULL ? json_array_get_length(ind) : 0,
		    fl != NULL ? json_array_get_length(fl) : 0);
	else {
		char r[600];

		log_info("%s: quarantined: file=%s sha256=%s status=%s "
			 "reason=%s",
		    d->id, sv_doc_file(d, f, sizeof f),
		    d->have_sha ? d->sha256 : "-",
		    status != NULL ? status : "?",
		    log_quote(r, sizeof r,
			d->reason != NULL ? d->reason
					  : record_error_message(rec)));
	}
}

/* The review page's pictures of the flagged pages.  Best effort: the
 * record is what counts, so a failure here is only logged. */
static void
save_pictures(struct sv *sv, struct doc *d)
{
	struct diag dg;
	unsigned skipped = 0;

	if (d->pictures == NULL || d->pictures->len == 0)
		return;
	diag_init(&dg);
	if (review_frame_save(store_db(sv->store), d->id, d->pictures, &skipped,
		&dg) != ERR_OK)
		log_warnx("%s: page pictures not stored: %s", d->id, dg.msg);
	else if (skipped > 0)
		log_warnx("%s: %u page picture%s from the worker refused",
		    d->id, skipped, skipped == 1 ? "" : "s");
	g_ptr_array_set_size(d->pictures, 0);
}

/* Returns true when the document is finished (and freed). */
bool
sv_commit(struct sv *sv, struct doc *d, int64_t now)
{
	struct commit_doc cd;
	struct diag dg;
	char *outcome = NULL;

	diag_init(&dg);
	memset(&cd, 0, sizeof cd);
	cd.meta = &d->meta;
	cd.record = d->record;
	cd.outcome = d->outcome;
	cd.reason_code = d->reason_code;
	cd.reason = d->reason;
	cd.duplicate_of = d->duplicate_of;
	if (commit_document(sv->spool, sv->store, sv->cfg.outbox, &cd, &outcome,
		&dg) != ERR_OK)
		goto retry;
	/* Page pictures for the review page are auxiliary: they go in
	 * after the record, and a crash here loses only the pictures. */
	save_pictures(sv, d);
	log_outcome(sv, d, outcome, json_node_get_object(d->record));
	if (d->duplicate_of != NULL)
		sv->n_duplicates++;
	if (strcmp(outcome, "done") == 0)
		sv->n_done++;
	else
		sv->n_quarantined++;
	g_free(outcome);
	sv_drop_active(sv, d);
	return true;
retry:
	d->store_tries++;
	d->retry_ms = now +
	    (d->store_tries < 7 ? (int64_t)1000 << (d->store_tries - 1)
				: 60000);
	log_warnx("%s: cannot store the result yet: %s; the document stays "
		  "queued (try %u, next in %lld s)",
	    d->id, dg.msg, d->store_tries,
	    (long long)((d->retry_ms - now) / 1000));
	if (sv->opts.once && d->store_tries >= ONCE_STORE_TRIES) {
		d->given_up = true;
		sv->gave_up = true;
	}
	return false;
}

void
sv_commit_quarantine(struct sv *sv, struct doc *d, const char *code,
    const char *msg, int64_t now)
{
	JsonNode *rec =
	    record_new_failed(d->meta.name, d->have_sha ? d->sha256 : NULL,
		d->bytes, NULL, "rejected", code, msg);

	if (rec == NULL) {
		log_error("%s: out of memory", d->id);
		return;
	}
	sv_commit_set_decision(d, rec, "quarantine", code, msg);
	(void)sv_commit(sv, d, now);
}
