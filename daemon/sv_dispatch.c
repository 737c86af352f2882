/* SPDX-License-Identifier: MIT */
/* Inbox claims, hashing, activation and the start of workers. */
#include "daemon/sv_dispatch.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "daemon/cmd_extract.h"
#include "daemon/inbox.h"
#include "daemon/log.h"
#include "daemon/record.h"
#include "daemon/spool.h"
#include "daemon/store.h"
#include "daemon/sv_commit.h"
#include "daemon/sv_worker.h"

/* sha256 of the user's file, read through a descriptor opened with
 * O_NOFOLLOW (spool_open_data). */
static enum err
hash_doc(struct sv *sv, struct doc *d, enum spool_state s, struct diag *dg)
{
	GChecksum *ck;
	uint8_t buf[65536];
	uint64_t size = 0;
	enum err e = ERR_OK;
	int fd;

	fd = spool_open_data(sv->spool, s, d->id, sv->cfg.file_size, &size, dg);
	if (fd < 0)
		return ERR_IO;
	ck = g_checksum_new(G_CHECKSUM_SHA256);
	for (;;) {
		ssize_t n = read(fd, buf, sizeof buf);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			e = diag_set(
			    dg, ERR_IO, "%s: read: %s", d->id, strerror(errno));
			break;
		}
		if (n == 0)
			break;
		g_checksum_update(ck, buf, (gssize)n);
	}
	if (e == ERR_OK) {
		g_strlcpy(
		    d->sha256, g_checksum_get_string(ck), sizeof d->sha256);
		d->have_sha = true;
		d->bytes = size;
	}
	g_checksum_free(ck);
	(void)close(fd);
	return e;
}

/* Moves `d` (already out of the queue) to active/ and decides how it is
 * read: stored already, refused unread, duplicate, or by a worker. */
static void
activate(struct sv *sv, struct doc *d, int64_t now)
{
	struct diag dg;
	char *text = NULL, *outcome = NULL, *orig = NULL;
	enum err e;

	diag_init(&dg);
	if (spool_move(sv->spool, d->id, SPOOL_INCOMING, SPOOL_ACTIVE, false,
		&dg) != ERR_OK) {
		log_error("%s: %s", d->id, dg.msg);
		sv_release_owner(sv, d);
		sv_doc_free(d);
		return;
	}
	d->active = true;
	g_ptr_array_add(sv->active, d);

	/* Stored before a crash: only the outbox and the move remain. */
	e = store_lookup(sv->store, d->id, &text, &outcome, &dg);
	if (e == ERR_OK && text != NULL) {
		JsonNode *rec =
		    record_parse_worker(text, strlen(text), NULL, &dg);

		if (rec != NULL) {
			JsonObject *o = json_node_get_object(rec);

			sv_commit_set_decision(d, rec, outcome,
			    record_error_code(o), record_error_message(o));
			(void)sv_commit(sv, d, now);
			goto out;
		}
	}
	if (d->meta.refused != NULL) {
		sv_commit_quarantine(
		    sv, d, d->meta.refused, d->meta.refused_message, now);
		goto out;
	}
	if (!d->have_sha && hash_doc(sv, d, SPOOL_ACTIVE, &dg) != ERR_OK) {
		sv_commit_quarantine(sv, d, "unreadable", dg.msg, now);
		goto out;
	}
	/* The same content stored before: recorded as a duplicate
	 * submission, not read again. */
	g_free(text);
	g_free(outcome);
	text = outcome = NULL;
	e = store_find_sha256(
	    sv->store, d->sha256, &orig, &text, &outcome, &dg);
	if (e == ERR_OK && orig != NULL && text != NULL) {
		JsonNode *o =
		    record_parse_worker(text, strlen(text), NULL, &dg);
		JsonParser *p = json_parser_new();
		const char *oname = NULL, *orecv = NULL;
		JsonObject *sub = NULL;

		/* The first copy's name and arrival, from its record. */
		if (json_parser_load_from_data(p, text, -1, NULL) &&
		    JSON_NODE_HOLDS_OBJECT(json_parser_get_root(p))) {
			JsonObject *r =
			    json_node_get_object(json_parser_get_root(p));

			oname = record_source_name(r);
			if (json_object_has_member(r, "submission") &&
			    JSON_NODE_HOLDS_OBJECT(
				json_object_get_member(r, "submission"))) {
				sub = json_object_get_object_member(
				    r, "submission");
				if (json_object_has_member(sub, "received") &&
				    JSON_NODE_TYPE(json_object_get_member(
					sub, "received")) == JSON_NODE_VALUE)
					orecv = json_object_get_string_member(
					    sub, "received");
			}
		}
		if (o != NULL) {
			JsonNode *dup =
			    record_new_duplicate(json_node_get_object(o),
				d->meta.name, orig, oname != NULL ? oname : "?",
				orecv != NULL ? orecv : "?");
			JsonObject *dobj =
			    dup != NULL ? json_node_get_object(dup) : NULL;

			if (dup != NULL) {
				d->duplicate_of = g_strdup(orig);
				sv_commit_set_decision(d, dup, outcome,
				    record_error_code(dobj),
				    record_error_message(dobj));
			}
			json_node_unref(o);
		}
		g_object_unref(p);
		if (d->record != NULL) {
			(void)sv_commit(sv, d, now);
			goto out;
		}
	}
	sv_worker_start(sv, d, now);
out:
	g_free(text);
	g_free(outcome);
	g_free(orig);
}

/* Starts what can start: documents in arrival order, a worker each,
 * at most [worker] count at a time.  A document whose content is
 * already being read waits for that copy (it becomes a duplicate). */
bool
sv_dispatch(struct sv *sv, int64_t now)
{
	GList *l = sv->queue->head;
	unsigned hashed = 0, slots;
	bool more = false;

	if (sv->stopping)
		return false;
	slots = sv->cfg.workers > sv_running(sv)
	    ? sv->cfg.workers - sv_running(sv)
	    : 0;
	while (l != NULL) {
		struct doc *d = l->data;
		GList *next = l->next;
		struct doc *own;
		struct diag dg;

		diag_init(&dg);
		if (d->meta.refused == NULL && !d->have_sha && !d->unreadable) {
			if (hashed >= HASH_PER_TURN) {
				more = true;
				break;
			}
			hashed++;
			if (hash_doc(sv, d, SPOOL_INCOMING, &dg) != ERR_OK) {
				/* activate() quarantines it as unreadable. */
				log_warnx("%s: %s", d->id, dg.msg);
				d->unreadable = true;
			}
		}
		if (d->have_sha) {
			own = g_hash_table_lookup(sv->owner, d->sha256);
			if (own == NULL) {
				g_hash_table_insert(sv->owner, d->sha256, d);
				own = d;
			}
			if (own != d) {
				l = next;
				continue;
			}
		}
		if (d->not_before_ms > now) {
			l = next;
			continue;
		}
		if (slots == 0 && d->meta.refused == NULL) {
			/* Only documents refused unread need no slot. */
			l = next;
			continue;
		}
		g_queue_delete_link(sv->queue, l);
		activate(sv, d, now);
		slots = sv->cfg.workers > sv_running(sv)
		    ? sv->cfg.workers - sv_running(sv)
		    : 0;
		l = next;
	}
	return more;
}

void
sv_dispatch_claim_ready(struct sv *sv, int64_t now)
{
	GPtrArray *items;
	struct diag dg;
	guint i;

	if (sv->stopping)
		return;
	items = inbox_take_ready(sv->inbox, now);
	for (i = 0; i < items->len; i++) {
		struct inbox_item *it = items->pdata[i];
		char *id = NULL;
		bool gone = false;
		char f[600];

		diag_init(&dg);
		if (spool_claim(sv->spool, sv->cfg.inbox, it->relpath, it->unit,
			sv->cfg.file_size, &id, &gone, &dg) != ERR_OK) {
			if (!gone)
				log_warnx("inbox: %s: not accepted: %s",
				    log_quote(f, sizeof f, it->relpath),
				    dg.msg);
			continue;
		}
		sv->n_accepted++;
		log_info("%s: accepted: file=%s", id,
		    log_quote(f, sizeof f, it->relpath));
		sv_enqueue(sv, id);
		g_free(id);
	}
	if (items->len > 0) {
		diag_init(&dg);
		if (spool_sync(sv->spool, &dg) != ERR_OK)
			log_warnx("spool: %s", dg.msg);
	}
	g_ptr_array_unref(items);
}
