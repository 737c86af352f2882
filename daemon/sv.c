/* SPDX-License-Identifier: MIT */
/* The supervisor's documents: queue, active list, requeues, stop. */
#include "daemon/sv.h"

#include <string.h>
#include <systemd/sd-daemon.h>
#include <time.h>

#include "daemon/job.h"
#include "daemon/log.h"
#include "daemon/spool.h"

int64_t
sv_now_ms(void)
{
	struct timespec ts;

	(void)clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void
sv_doc_free(struct doc *d)
{
	if (d == NULL)
		return;
	job_free(d->job);
	spool_meta_fini(&d->meta);
	if (d->record != NULL)
		json_node_unref(d->record);
	g_free(d->outcome);
	g_free(d->reason_code);
	g_free(d->reason);
	g_free(d->duplicate_of);
	if (d->pictures != NULL)
		g_ptr_array_unref(d->pictures);
	g_free(d->id);
	g_free(d);
}

void
sv_doc_free_cb(gpointer p)
{
	sv_doc_free(p);
}

static int
doc_cmp(gconstpointer a, gconstpointer b, gpointer unused)
{
	(void)unused;
	return strcmp(((const struct doc *)a)->id, ((const struct doc *)b)->id);
}

const char *
sv_doc_file(const struct doc *d, char *buf, size_t cap)
{
	return log_quote(
	    buf, cap, d->meta.origin != NULL ? d->meta.origin : d->meta.name);
}

/* A document found in incoming/ (claimed now or left by a past run). */
void
sv_enqueue(struct sv *sv, const char *id)
{
	struct doc *d = g_new0(struct doc, 1);
	struct diag dg;

	diag_init(&dg);
	d->id = g_strdup(id);
	if (spool_meta_load(sv->spool, SPOOL_INCOMING, id, &d->meta, &dg) !=
	    ERR_OK) {
		log_warnx(
		    "%s: %s; reading it without its metadata", id, dg.msg);
		memset(&d->meta, 0, sizeof d->meta);
		d->meta.id = g_strdup(id);
		d->meta.name = g_strdup("");
	}
	g_queue_insert_sorted(sv->queue, d, doc_cmp, NULL);
}

void
sv_release_owner(struct sv *sv, struct doc *d)
{
	if (d->have_sha && g_hash_table_lookup(sv->owner, d->sha256) == d)
		g_hash_table_remove(sv->owner, d->sha256);
}

void
sv_drop_active(struct sv *sv, struct doc *d)
{
	sv_release_owner(sv, d);
	(void)g_ptr_array_remove(sv->active, d);
	sv_doc_free(d);
}

/* Back to incoming/ (a retry, a stop, or a worker that did not start). */
void
sv_requeue(struct sv *sv, struct doc *d, int64_t not_before_ms)
{
	struct diag dg;

	diag_init(&dg);
	if (d->job != NULL) {
		job_free(d->job);
		d->job = NULL;
	}
	if (spool_move(sv->spool, d->id, SPOOL_ACTIVE, SPOOL_INCOMING, false,
		&dg) != ERR_OK) {
		/* Still in active/: a restart puts it back. */
		log_warnx("%s: %s", d->id, dg.msg);
	}
	d->active = false;
	d->not_before_ms = not_before_ms;
	(void)g_ptr_array_remove(sv->active, d);
	g_queue_insert_sorted(sv->queue, d, doc_cmp, NULL);
}

unsigned
sv_running(const struct sv *sv)
{
	unsigned n = 0;
	guint i;

	for (i = 0; i < sv->active->len; i++)
		if (((struct doc *)sv->active->pdata[i])->job != NULL)
			n++;
	return n;
}

void
sv_notify_status(struct sv *sv)
{
	(void)sd_notifyf(0,
	    "STATUS=%u queued, %u reading, %u done, %u quarantined",
	    g_queue_get_length(sv->queue), sv_running(sv), sv->n_done,
	    sv->n_quarantined);
}

void
sv_begin_stop(struct sv *sv, int64_t now, const char *why)
{
	unsigned n = sv_running(sv);

	if (sv->stopping) {
		/* A second request: do not wait any longer. */
		sv->stop_deadline_ms = now;
		return;
	}
	sv->stopping = true;
	sv->stop_deadline_ms = now + (int64_t)sv->cfg.stop_seconds * 1000;
	(void)sd_notify(0, "STOPPING=1");
	log_info("%s: stopping; %u document%s being read may take up to %u s, "
		 "then return to the queue",
	    why, n, n == 1 ? "" : "s", sv->cfg.stop_seconds);
}

void
sv_load_queue(struct sv *sv)
{
	GPtrArray *ids = spool_list(sv->spool, SPOOL_INCOMING);
	guint i;

	for (i = 0; i < ids->len; i++)
		sv_enqueue(sv, ids->pdata[i]);
	g_ptr_array_unref(ids);
}
