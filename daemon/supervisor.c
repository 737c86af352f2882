/* SPDX-License-Identifier: MIT */
/* The daemon's event loop: inbox -> spool -> workers -> store/outbox. */
#include "daemon/supervisor.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <systemd/sd-daemon.h>
#include <time.h>
#include <unistd.h>

#include "daemon/cmd_extract.h"
#include "daemon/commit.h"
#include "daemon/inbox.h"
#include "daemon/job.h"
#include "daemon/log.h"
#include "daemon/outbox.h"
#include "daemon/record.h"
#include "daemon/review_frame.h"
#include "daemon/review_serve.h"
#include "daemon/spool.h"
#include "daemon/spool_claim.h"
#include "daemon/spool_meta.h"
#include "daemon/spool_recover.h"
#include "daemon/store.h"
#include "daemon/worker_check.h"

#ifndef REPORTD_VERSION
#define REPORTD_VERSION "0.1.0"
#endif
#ifndef REPORTD_LIBEXECDIR
#define REPORTD_LIBEXECDIR "/usr/local/libexec/reportd"
#endif

/* Documents hashed per turn of the loop, so a long queue of big files
 * never keeps signals and workers waiting. */
#define HASH_PER_TURN 16
/* In --once mode, store attempts before giving up on a document (it
 * stays queued for the next run). */
#define ONCE_STORE_TRIES 5
/* Starts beyond the attempts that the daemon itself being killed may
 * cause before a document is taken as the cause. */
#define STARTS_SLACK 5

struct doc {
	char *id;
	struct spool_meta meta;
	char sha256[65];
	bool have_sha;
	bool unreadable; /* hashing failed: quarantined when activated */
	uint64_t bytes;
	int64_t not_before_ms;
	struct job *job;
	bool active; /* in spool/active/ */
	/* Decided, waiting to be stored (retried on failure). */
	JsonNode *record;
	char *outcome;
	char *reason_code, *reason;
	char *duplicate_of;
	int64_t retry_ms;
	unsigned store_tries;
	bool given_up;
	/* PICTURE frames from the worker (GBytes), for the review page. */
	GPtrArray *pictures;
};

struct sv {
	struct supervisor_opts opts;
	struct config cfg;
	struct spool *spool;
	struct store *store;
	struct inbox *inbox;
	char *program;
	GQueue *queue;     /* struct doc *, in spool/incoming/, by id */
	GPtrArray *active; /* struct doc *, in spool/active/ */
	GHashTable *owner; /* sha256 -> first uncommitted doc with it */
	int sigfd;
	bool stopping;
	int64_t stop_deadline_ms;
	int64_t next_rescan_ms;
	uint64_t watchdog_usec;
	int64_t next_watchdog_ms;
	bool drop;
	uid_t uid;
	gid_t gid;
	unsigned n_accepted, n_done, n_quarantined, n_duplicates, n_retries;
	unsigned setup_failures;
	bool gave_up;
};

static int64_t
now_ms(void)
{
	struct timespec ts;

	(void)clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ------------------------------------------------------------------ */
/* Configuration */

enum err
supervisor_load_config(
    const struct supervisor_opts *o, struct config *out, struct diag *dg)
{
	const char *path = o->config_path;
	enum err e = ERR_OK;
	guint i;

	config_init(out);
	if (path == NULL && access(SUPERVISOR_DEFAULT_CONFIG, F_OK) == 0)
		path = SUPERVISOR_DEFAULT_CONFIG;
	if (path != NULL)
		e = config_load_file(out, path, dg);
	for (i = 0;
	     e == ERR_OK && o->overrides != NULL && i < o->overrides->len;
	     i++) {
		const char *kv = o->overrides->pdata[i];
		const char *eq = strchr(kv, '=');
		char *key;

		if (eq == NULL) {
			e = diag_set(dg, ERR_MALFORMED,
			    "command line: '%s' is not GROUP.KEY=VALUE", kv);
			break;
		}
		key = g_strndup(kv, (gsize)(eq - kv));
		e = config_set(out, key, eq + 1, dg);
		g_free(key);
	}
	if (e == ERR_OK)
		e = config_finish(out, dg);
	if (e != ERR_OK) {
		config_fini(out);
		config_init(out);
	}
	return e;
}

/* The worker executable: as configured, else beside this binary, else
 * in the install's libexec folder. */
static char *
find_worker(const struct config *c)
{
	char self[4096];
	ssize_t n;

	if (c->program != NULL && c->program[0] != '\0')
		return g_strdup(c->program);
	n = readlink("/proc/self/exe", self, sizeof self - 1);
	if (n > 0) {
		char *dir, *p;

		self[n] = '\0';
		dir = g_path_get_dirname(self);
		p = g_build_filename(dir, "reportd-worker", NULL);
		g_free(dir);
		if (access(p, X_OK) == 0)
			return p;
		g_free(p);
	}
	return g_strdup(REPORTD_LIBEXECDIR "/reportd-worker");
}

/* The office's catalogue and rules of `c`, loaded once by the worker
 * program `prog` as the workers' user. */
static enum err
check_indicators(const struct sv *sv, const struct config *c, const char *prog,
    struct diag *dg)
{
	struct worker_check wc;

	memset(&wc, 0, sizeof wc);
	wc.program = prog;
	wc.catalogue = c->catalogue;
	wc.rules = c->rules;
	wc.drop = sv->drop;
	wc.uid = sv->uid;
	wc.gid = sv->gid;
	return worker_check_indicators(&wc, dg);
}

enum err
supervisor_check_indicators(const struct config *c, struct diag *dg)
{
	struct sv sv;
	char *prog = find_worker(c);
	enum err e;

	memset(&sv, 0, sizeof sv);
	e = check_indicators(&sv, c, prog, dg);
	g_free(prog);
	return e;
}

/* ------------------------------------------------------------------ */
/* Documents */

static void
doc_free(struct doc *d)
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

static void
doc_free_cb(gpointer p)
{
	doc_free(p);
}

static int
doc_cmp(gconstpointer a, gconstpointer b, gpointer unused)
{
	(void)unused;
	return strcmp(((const struct doc *)a)->id, ((const struct doc *)b)->id);
}

static const char *
doc_file(const struct doc *d, char *buf, size_t cap)
{
	return log_quote(
	    buf, cap, d->meta.origin != NULL ? d->meta.origin : d->meta.name);
}

/* A document found in incoming/ (claimed now or left by a past run). */
static void
enqueue(struct sv *sv, const char *id)
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

static void
release_owner(struct sv *sv, struct doc *d)
{
	if (d->have_sha && g_hash_table_lookup(sv->owner, d->sha256) == d)
		g_hash_table_remove(sv->owner, d->sha256);
}

static void
drop_active(struct sv *sv, struct doc *d)
{
	release_owner(sv, d);
	(void)g_ptr_array_remove(sv->active, d);
	doc_free(d);
}

/* Back to incoming/ (a retry, a stop, or a worker that did not start). */
static void
requeue(struct sv *sv, struct doc *d, int64_t not_before_ms)
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

/* ------------------------------------------------------------------ */
/* Commit: store, outbox, then the source's move */

static void
set_decision(struct doc *d, JsonNode *record, const char *outcome,
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
		    d->id, d->duplicate_of, doc_file(d, f, sizeof f),
		    d->have_sha ? d->sha256 : "-", outcome);
	else if (strcmp(outcome, "done") == 0)
		log_info("%s: done: file=%s sha256=%s status=%s indicators=%u "
			 "flags=%u",
		    d->id, doc_file(d, f, sizeof f),
		    d->have_sha ? d->sha256 : "-",
		    status != NULL ? status : "?",
		    ind != NULL ? json_array_get_length(ind) : 0,
		    fl != NULL ? json_array_get_length(fl) : 0);
	else {
		char r[600];

		log_info("%s: quarantined: file=%s sha256=%s status=%s "
			 "reason=%s",
		    d->id, doc_file(d, f, sizeof f),
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
static bool
commit(struct sv *sv, struct doc *d, int64_t now)
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
	drop_active(sv, d);
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

/* ------------------------------------------------------------------ */
/* Dispatch */

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

static unsigned
running(const struct sv *sv)
{
	unsigned n = 0;
	guint i;

	for (i = 0; i < sv->active->len; i++)
		if (((struct doc *)sv->active->pdata[i])->job != NULL)
			n++;
	return n;
}

static void
quarantine_now(struct sv *sv, struct doc *d, const char *code, const char *msg,
    int64_t now)
{
	JsonNode *rec =
	    record_new_failed(d->meta.name, d->have_sha ? d->sha256 : NULL,
		d->bytes, NULL, "rejected", code, msg);

	if (rec == NULL) {
		log_error("%s: out of memory", d->id);
		return;
	}
	set_decision(d, rec, "quarantine", code, msg);
	(void)commit(sv, d, now);
}

static void
start_worker(struct sv *sv, struct doc *d, int64_t now)
{
	struct job_spec js;
	struct diag dg;
	uint64_t size = 0;
	int fd;

	diag_init(&dg);
	d->meta.started++;
	if (d->meta.started > sv->cfg.attempts + STARTS_SLACK) {
		char *msg = g_strdup_printf(
		    "the daemon stopped %u times while this file was being "
		    "read; it is set aside so it cannot stop it again",
		    d->meta.started - 1);

		quarantine_now(sv, d, "interrupted", msg, now);
		g_free(msg);
		return;
	}
	/* Durable before the worker starts, so a document that brings the
	 * whole daemon down is counted too. */
	if (spool_meta_save(sv->spool, SPOOL_ACTIVE, &d->meta, &dg) != ERR_OK) {
		log_warnx("%s: %s; trying again later", d->id, dg.msg);
		d->meta.started--;
		requeue(sv, d, now + 5000);
		return;
	}
	fd = spool_open_data(
	    sv->spool, SPOOL_ACTIVE, d->id, sv->cfg.file_size, &size, &dg);
	if (fd < 0) {
		quarantine_now(sv, d, "unreadable", dg.msg, now);
		return;
	}
	memset(&js, 0, sizeof js);
	js.program = sv->program;
	js.id = d->id;
	js.name = d->meta.name;
	js.doc_fd = fd;
	js.memory = sv->cfg.memory;
	js.file_max = sv->cfg.file_size;
	js.result_max = sv->cfg.result_size;
	js.cpu = sv->cfg.cpu_seconds;
	js.cpu_per_page = sv->cfg.cpu_per_page;
	js.cpu_max = sv->cfg.cpu_max;
	js.wall = sv->cfg.wall_seconds;
	js.wall_per_page = sv->cfg.wall_per_page;
	js.wall_max = sv->cfg.wall_max;
	js.pages = sv->cfg.pages;
	js.dpi = sv->cfg.ocr_dpi;
	js.langs = sv->cfg.ocr_languages;
	js.tessdata = sv->cfg.tessdata;
	js.seccomp = sv->cfg.seccomp;
	js.read_paths = sv->cfg.read_paths;
	js.catalogue = sv->cfg.catalogue;
	js.rules = sv->cfg.rules;
	js.drop = sv->drop;
	js.uid = sv->uid;
	js.gid = sv->gid;
	d->job = job_start(&js, now, &dg);
	(void)close(fd);
	if (d->job == NULL) {
		log_error("%s: cannot start a worker: %s", d->id, dg.msg);
		requeue(sv, d, now + 10000);
		return;
	}
	log_debug("%s: worker %ld started (attempt %u)", d->id,
	    (long)job_pid(d->job), d->meta.failures + 1);
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
		release_owner(sv, d);
		doc_free(d);
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

			set_decision(d, rec, outcome, record_error_code(o),
			    record_error_message(o));
			(void)commit(sv, d, now);
			goto out;
		}
	}
	if (d->meta.refused != NULL) {
		quarantine_now(
		    sv, d, d->meta.refused, d->meta.refused_message, now);
		goto out;
	}
	if (!d->have_sha && hash_doc(sv, d, SPOOL_ACTIVE, &dg) != ERR_OK) {
		quarantine_now(sv, d, "unreadable", dg.msg, now);
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
				set_decision(d, dup, outcome,
				    record_error_code(dobj),
				    record_error_message(dobj));
			}
			json_node_unref(o);
		}
		g_object_unref(p);
		if (d->record != NULL) {
			(void)commit(sv, d, now);
			goto out;
		}
	}
	start_worker(sv, d, now);
out:
	g_free(text);
	g_free(outcome);
	g_free(orig);
}

/* Starts what can start: documents in arrival order, a worker each,
 * at most [worker] count at a time.  A document whose content is
 * already being read waits for that copy (it becomes a duplicate). */
static bool
dispatch(struct sv *sv, int64_t now)
{
	GList *l = sv->queue->head;
	unsigned hashed = 0, slots;
	bool more = false;

	if (sv->stopping)
		return false;
	slots =
	    sv->cfg.workers > running(sv) ? sv->cfg.workers - running(sv) : 0;
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
		slots = sv->cfg.workers > running(sv)
		    ? sv->cfg.workers - running(sv)
		    : 0;
		l = next;
	}
	return more;
}

static void begin_stop(struct sv *, int64_t now, const char *why);

/* ------------------------------------------------------------------ */
/* Worker outcomes */

static struct doc *
doc_by_pid(struct sv *sv, pid_t pid)
{
	guint i;

	for (i = 0; i < sv->active->len; i++) {
		struct doc *d = sv->active->pdata[i];

		if (d->job != NULL && job_pid(d->job) == pid)
			return d;
	}
	return NULL;
}

static int64_t
backoff_ms(unsigned failures)
{
	return failures >= 6 ? 32000 : (int64_t)1000 << (failures - 1);
}

static void
on_worker_done(struct sv *sv, struct doc *d, int64_t now)
{
	const char *text, *code, *msg, *format;
	char f[600], r[600];
	size_t len;
	enum job_result res;
	struct diag dg;
	JsonNode *rec = NULL;
	char *fmsg = NULL, *fcode = NULL;

	diag_init(&dg);
	res = job_outcome(d->job, &text, &len, &code, &msg);
	format = job_format(d->job);
	if (res == JOB_OK) {
		rec = record_parse_worker(text, len, d->sha256, &dg);
		if (rec == NULL) {
			res = JOB_FAILED;
			code = "garbage";
			msg = dg.msg;
		}
	}
	switch (res) {
	case JOB_OK: {
		JsonObject *o = json_node_get_object(rec);
		const char *st = record_status(o);
		bool ok = strcmp(st, "ok") == 0;

		log_debug("%s: worker finished in %lld ms", d->id,
		    (long long)job_elapsed_ms(d->job, now));
		if (d->pictures == NULL)
			d->pictures = g_ptr_array_new_with_free_func(
			    (GDestroyNotify)g_bytes_unref);
		job_take_pictures(d->job, d->pictures);
		job_free(d->job);
		d->job = NULL;
		set_decision(d, rec, ok ? "done" : "quarantine",
		    ok ? NULL : record_error_code(o),
		    ok ? NULL : record_error_message(o));
		(void)commit(sv, d, now);
		return;
	}
	case JOB_STOPPED:
		requeue(sv, d, 0);
		return;
	case JOB_SETUP:
		log_error("%s: %s (%s); the document stays queued", d->id, msg,
		    sv->program);
		requeue(sv, d, now + 10000);
		/* Not the documents' fault, and it will not mend by itself
		 * within one --once run. */
		if (sv->opts.once && ++sv->setup_failures >= 3) {
			sv->gave_up = true;
			begin_stop(sv, now, "the worker cannot start");
		}
		return;
	case JOB_FAILED:
		break;
	}
	d->meta.failures++;
	g_free(d->meta.last_failure);
	d->meta.last_failure = g_strdup(msg);
	if (d->meta.failures >= sv->cfg.attempts) {
		fmsg = d->meta.failures > 1
		    ? g_strdup_printf(
			  "%s; tried %u times", msg, d->meta.failures)
		    : g_strdup(msg);
		fcode = g_strdup_printf("worker_%s", code);
		rec = record_new_failed(d->meta.name, d->sha256, d->bytes,
		    format, "rejected", fcode, fmsg);
		job_free(d->job);
		d->job = NULL;
		if (rec != NULL) {
			set_decision(d, rec, "quarantine", fcode, fmsg);
			(void)commit(sv, d, now);
		} else
			requeue(sv, d, now + 10000);
		g_free(fmsg);
		g_free(fcode);
		return;
	}
	sv->n_retries++;
	log_warnx("%s: attempt %u of %u failed: file=%s sha256=%s reason=%s; "
		  "retrying",
	    d->id, d->meta.failures, sv->cfg.attempts, doc_file(d, f, sizeof f),
	    d->sha256, log_quote(r, sizeof r, msg));
	(void)spool_meta_save(sv->spool, SPOOL_ACTIVE, &d->meta, NULL);
	requeue(sv, d, now + backoff_ms(d->meta.failures));
}

static void
reap(struct sv *sv)
{
	for (;;) {
		struct rusage ru;
		int status;
		pid_t pid = wait4(-1, &status, WNOHANG, &ru);
		struct doc *d;

		if (pid <= 0)
			return;
		d = doc_by_pid(sv, pid);
		if (d != NULL)
			job_on_exit(d->job, status, &ru);
	}
}

/* ------------------------------------------------------------------ */
/* Inbox */

static void
claim_ready(struct sv *sv, int64_t now)
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
		enqueue(sv, id);
		g_free(id);
	}
	if (items->len > 0) {
		diag_init(&dg);
		if (spool_sync(sv->spool, &dg) != ERR_OK)
			log_warnx("spool: %s", dg.msg);
	}
	g_ptr_array_unref(items);
}

/* ------------------------------------------------------------------ */
/* Signals, reload, status */

static void
notify_status(struct sv *sv)
{
	(void)sd_notifyf(0,
	    "STATUS=%u queued, %u reading, %u done, %u quarantined",
	    g_queue_get_length(sv->queue), running(sv), sv->n_done,
	    sv->n_quarantined);
}

static void
reload(struct sv *sv)
{
	struct config nc;
	struct diag dg;
	char *prog;

	diag_init(&dg);
	(void)sd_notify(0, "RELOADING=1");
	if (supervisor_load_config(&sv->opts, &nc, &dg) != ERR_OK) {
		log_error(
		    "reload: %s; keeping the running configuration", dg.msg);
		config_fini(&nc);
		(void)sd_notify(0, "READY=1");
		return;
	}
	if (!config_same_paths(&nc, &sv->cfg))
		log_warnx("reload: [paths] changes take effect only on a "
			  "restart");
	if (g_strcmp0(nc.user, sv->cfg.user) != 0 || nc.poll != sv->cfg.poll ||
	    nc.depth != sv->cfg.depth ||
	    g_strcmp0(nc.review_listen, sv->cfg.review_listen) != 0)
		log_warnx("reload: worker.user, inbox.poll, inbox.depth and "
			  "review.listen take effect only on a restart");
	/* Keep what cannot change under a running daemon. */
	g_free(nc.root);
	g_free(nc.inbox);
	g_free(nc.spool);
	g_free(nc.outbox);
	g_free(nc.done);
	g_free(nc.quarantine);
	g_free(nc.database);
	g_free(nc.user);
	g_free(nc.review_listen);
	nc.root = g_strdup(sv->cfg.root);
	nc.inbox = g_strdup(sv->cfg.inbox);
	nc.spool = g_strdup(sv->cfg.spool);
	nc.outbox = g_strdup(sv->cfg.outbox);
	nc.done = g_strdup(sv->cfg.done);
	nc.quarantine = g_strdup(sv->cfg.quarantine);
	nc.database = g_strdup(sv->cfg.database);
	nc.user = g_strdup(sv->cfg.user);
	nc.review_listen = g_strdup(sv->cfg.review_listen);
	nc.poll = sv->cfg.poll;
	nc.depth = sv->cfg.depth;
	prog = find_worker(&nc);
	if (access(prog, X_OK) != 0) {
		log_error("reload: the worker %s cannot be run: %s; keeping "
			  "the running configuration",
		    prog, strerror(errno));
		g_free(prog);
		config_fini(&nc);
		(void)sd_notify(0, "READY=1");
		return;
	}
	if (check_indicators(sv, &nc, prog, &dg) != ERR_OK) {
		log_error("reload: %s; keeping the running configuration (the "
			  "workers read these files for each document)",
		    dg.msg);
		g_free(prog);
		config_fini(&nc);
		(void)sd_notify(0, "READY=1");
		return;
	}
	config_fini(&sv->cfg);
	sv->cfg = nc;
	g_free(sv->program);
	sv->program = prog;
	log_set_level((enum log_level)sv->cfg.log_level);
	inbox_update(sv->inbox, sv->cfg.settle_seconds, sv->cfg.ignore);
	sv->next_rescan_ms = 0; /* ignore patterns may have changed */
	log_info("configuration reloaded: %u workers, CPU %u s, memory "
		 "limit %llu MiB, wall clock %u s",
	    sv->cfg.workers, sv->cfg.cpu_seconds,
	    (unsigned long long)(sv->cfg.memory >> 20), sv->cfg.wall_seconds);
	(void)sd_notify(0, "READY=1");
}

static void
begin_stop(struct sv *sv, int64_t now, const char *why)
{
	unsigned n = running(sv);

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

static void
on_signals(struct sv *sv, int64_t now)
{
	struct signalfd_siginfo si;

	for (;;) {
		ssize_t n = read(sv->sigfd, &si, sizeof si);

		if (n != (ssize_t)sizeof si)
			return;
		switch (si.ssi_signo) {
		case SIGTERM:
			begin_stop(sv, now, "SIGTERM");
			break;
		case SIGINT:
			begin_stop(sv, now, "SIGINT");
			break;
		case SIGHUP:
			reload(sv);
			break;
		case SIGCHLD:
			reap(sv);
			break;
		default:
			break;
		}
	}
}

/* ------------------------------------------------------------------ */
/* The loop */

static bool
idle(const struct sv *sv)
{
	guint i;

	if (!g_queue_is_empty(sv->queue) || inbox_pending(sv->inbox) > 0)
		return false;
	for (i = 0; i < sv->active->len; i++)
		if (!((struct doc *)sv->active->pdata[i])->given_up)
			return false;
	return true;
}

static void
min_timeout(int64_t *t, int64_t when, int64_t now)
{
	int64_t d = when - now;

	if (d < 0)
		d = 0;
	if (*t < 0 || d < *t)
		*t = d;
}

static int
loop(struct sv *sv)
{
	GArray *pfds = g_array_new(FALSE, FALSE, sizeof(struct pollfd));
	GPtrArray *pdocs = g_ptr_array_new();
	bool notified_idle = false;

	for (;;) {
		int64_t now = now_ms(), timeout = -1, next;
		bool more;
		guint i;
		int rc;

		/* Inbox: rescan on the timer (and poll a network inbox). */
		if (now >= sv->next_rescan_ms && !sv->stopping) {
			inbox_rescan(sv->inbox, now);
			sv->next_rescan_ms = now +
			    (int64_t)(inbox_polling(sv->inbox)
				    ? sv->cfg.poll_seconds
				    : sv->cfg.rescan_seconds) *
				1000;
		}
		claim_ready(sv, now);

		/* Workers that finished. */
		for (i = 0; i < sv->active->len;) {
			struct doc *d = sv->active->pdata[i];

			if (d->job != NULL && job_finished(d->job)) {
				on_worker_done(sv, d, now);
				i = 0; /* the array changed */
				continue;
			}
			i++;
		}
		/* Results waiting for the store or the outbox. */
		for (i = 0; i < sv->active->len;) {
			struct doc *d = sv->active->pdata[i];

			if (d->job == NULL && d->record != NULL &&
			    !d->given_up && now >= d->retry_ms) {
				if (commit(sv, d, now)) {
					i = 0;
					continue;
				}
			}
			i++;
		}
		more = dispatch(sv, now);

		if (sv->stopping && now >= sv->stop_deadline_ms)
			for (i = 0; i < sv->active->len; i++) {
				struct doc *d = sv->active->pdata[i];

				if (d->job != NULL)
					job_stop(d->job);
			}
		if (sv->stopping && running(sv) == 0)
			break;
		if (sv->opts.once && !sv->stopping && idle(sv))
			break;
		if (!notified_idle && idle(sv)) {
			notify_status(sv);
			notified_idle = true;
		} else if (!idle(sv))
			notified_idle = false;

		/* What to wait for, and for how long. */
		g_array_set_size(pfds, 0);
		g_ptr_array_set_size(pdocs, 0);
		{
			struct pollfd p = { sv->sigfd, POLLIN, 0 };

			g_array_append_val(pfds, p);
			g_ptr_array_add(pdocs, NULL);
			if (inbox_fd(sv->inbox) >= 0) {
				p.fd = inbox_fd(sv->inbox);
				g_array_append_val(pfds, p);
				g_ptr_array_add(pdocs, NULL);
			}
		}
		for (i = 0; i < sv->active->len; i++) {
			struct doc *d = sv->active->pdata[i];
			struct pollfd p = { -1, POLLIN, 0 };

			if (d->job != NULL) {
				p.fd = job_result_fd(d->job);
				if (p.fd >= 0) {
					g_array_append_val(pfds, p);
					g_ptr_array_add(pdocs, d);
				}
				p.fd = job_log_fd(d->job);
				if (p.fd >= 0) {
					g_array_append_val(pfds, p);
					g_ptr_array_add(pdocs, d);
				}
				next = job_check_deadline(d->job, now);
				min_timeout(&timeout, next, now);
			} else if (d->record != NULL && !d->given_up)
				min_timeout(&timeout, d->retry_ms, now);
		}
		if (!sv->stopping) {
			GList *l;

			min_timeout(&timeout, sv->next_rescan_ms, now);
			next = inbox_next_check_ms(sv->inbox, now);
			if (next >= 0)
				min_timeout(&timeout, now + next, now);
			for (l = sv->queue->head; l != NULL; l = l->next) {
				struct doc *d = l->data;

				if (d->not_before_ms > now)
					min_timeout(
					    &timeout, d->not_before_ms, now);
			}
		} else
			min_timeout(&timeout, sv->stop_deadline_ms, now);
		if (sv->watchdog_usec > 0) {
			if (now >= sv->next_watchdog_ms) {
				(void)sd_notify(0, "WATCHDOG=1");
				sv->next_watchdog_ms =
				    now + (int64_t)(sv->watchdog_usec / 2000);
			}
			min_timeout(&timeout, sv->next_watchdog_ms, now);
		}
		if (more)
			timeout = 0;

		rc = poll((struct pollfd *)(void *)pfds->data, pfds->len,
		    timeout < 0 ? -1
				: (int)(timeout > 600000 ? 600000 : timeout));
		if (rc < 0 && errno != EINTR) {
			log_warn("poll");
			continue;
		}
		now = now_ms();
		for (i = 0; rc > 0 && i < pfds->len; i++) {
			struct pollfd *p =
			    &g_array_index(pfds, struct pollfd, i);
			struct doc *d = pdocs->pdata[i];

			if (p->revents == 0)
				continue;
			if (p->fd == sv->sigfd)
				on_signals(sv, now);
			else if (d == NULL) {
				bool overflow = false;

				inbox_read_events(sv->inbox, now, &overflow);
				if (overflow) {
					log_warnx("inbox: inotify lost events; "
						  "rescanning");
					sv->next_rescan_ms = 0;
				}
			} else if (d->job != NULL &&
			    p->fd == job_result_fd(d->job))
				job_on_result_input(d->job, now);
			else if (d->job != NULL && p->fd == job_log_fd(d->job))
				job_on_log_input(d->job);
		}
	}
	g_array_free(pfds, TRUE);
	g_ptr_array_free(pdocs, TRUE);
	if (sv->gave_up)
		return EXIT_FAILED;
	return EXIT_ALL_OK;
}

static int
landlock_abi(void)
{
#ifdef SYS_landlock_create_ruleset
	long v = syscall(SYS_landlock_create_ruleset, NULL, 0, 1U);

	return v > 0 ? (int)v : 0;
#else
	return 0;
#endif
}

static bool
setup_user(struct sv *sv, struct diag *dg)
{
	struct passwd *pw;

	sv->drop = false;
	if (geteuid() != 0)
		return true;
	if (sv->cfg.user == NULL || sv->cfg.user[0] == '\0') {
		log_warnx("running as root with worker.user empty: workers run "
			  "as root too (sandboxed, but without a user's "
			  "limits)");
		return true;
	}
	pw = getpwnam(sv->cfg.user);
	if (pw == NULL) {
		(void)diag_set(dg, ERR_MALFORMED,
		    "worker.user: no user named '%s'", sv->cfg.user);
		return false;
	}
	sv->drop = true;
	sv->uid = pw->pw_uid;
	sv->gid = pw->pw_gid;
	return true;
}

static void
load_queue(struct sv *sv)
{
	GPtrArray *ids = spool_list(sv->spool, SPOOL_INCOMING);
	guint i;

	for (i = 0; i < ids->len; i++)
		enqueue(sv, ids->pdata[i]);
	g_ptr_array_unref(ids);
}

int
supervisor_run(const struct supervisor_opts *o)
{
	struct sv sv;
	struct diag dg;
	struct review_server *review = NULL;
	sigset_t mask;
	int status = EXIT_FAILED;
	guint i;

	memset(&sv, 0, sizeof sv);
	diag_init(&dg);
	sv.opts = *o;
	sv.sigfd = -1;
	log_init();
	if (supervisor_load_config(o, &sv.cfg, &dg) != ERR_OK) {
		log_error("%s", dg.msg);
		config_fini(&sv.cfg);
		return EXIT_USAGE;
	}
	log_set_level((enum log_level)sv.cfg.log_level);
	sv.program = find_worker(&sv.cfg);
	if (access(sv.program, X_OK) != 0) {
		log_error(
		    "the worker %s cannot be run: %s (set worker.program)",
		    sv.program, strerror(errno));
		g_free(sv.program);
		config_fini(&sv.cfg);
		return EXIT_USAGE;
	}
	if (!setup_user(&sv, &dg) ||
	    check_indicators(&sv, &sv.cfg, sv.program, &dg) != ERR_OK) {
		log_error("%s", dg.msg);
		g_free(sv.program);
		config_fini(&sv.cfg);
		return EXIT_USAGE;
	}
	sv.queue = g_queue_new();
	sv.active = g_ptr_array_new();
	sv.owner = g_hash_table_new(g_str_hash, g_str_equal);

	(void)sigemptyset(&mask);
	(void)sigaddset(&mask, SIGTERM);
	(void)sigaddset(&mask, SIGINT);
	(void)sigaddset(&mask, SIGHUP);
	(void)sigaddset(&mask, SIGCHLD);
	(void)sigprocmask(SIG_BLOCK, &mask, NULL);
	(void)signal(SIGPIPE, SIG_IGN);
	sv.sigfd = signalfd(-1, &mask, SFD_NONBLOCK | SFD_CLOEXEC);
	if (sv.sigfd < 0) {
		log_warn("signalfd");
		goto out;
	}

	sv.spool =
	    spool_open(sv.cfg.spool, sv.cfg.done, sv.cfg.quarantine, &dg);
	if (sv.spool == NULL)
		goto fail;
	if (spool_recover(sv.spool, &dg) != ERR_OK ||
	    outbox_open(sv.cfg.outbox, &dg) != ERR_OK)
		goto fail;
	sv.store = store_open(sv.cfg.database, false, &dg);
	if (sv.store == NULL)
		goto fail;
	/* The review page, in a thread of its own; a one-shot run does not
	 * serve it.  A page that cannot be served does not stop imports. */
	if (!o->once && sv.cfg.review_listen != NULL &&
	    sv.cfg.review_listen[0] != '\0') {
		if (review_serve_start(&sv.cfg, &review, &dg) == ERR_OK) {
			char *url = review_serve_url(&sv.cfg, review);

			log_info("review page: %s", url);
			g_free(url);
		} else {
			log_warnx("review page not served: %s", dg.msg);
			diag_init(&dg);
		}
	}
	{
		struct inbox_opts io = { sv.cfg.inbox, sv.cfg.depth,
			sv.cfg.settle_seconds, sv.cfg.ignore, sv.cfg.poll };

		sv.inbox = inbox_new(&io, &dg);
		if (sv.inbox == NULL)
			goto fail;
	}
	load_queue(&sv);
	if (inbox_remote_fs(sv.inbox) != NULL) {
		if (inbox_polling(sv.inbox))
			log_warnx("inbox %s is on %s: inotify cannot see files "
				  "other machines write there, so it is "
				  "scanned every %u s instead",
			    sv.cfg.inbox, inbox_remote_fs(sv.inbox),
			    sv.cfg.poll_seconds);
		else
			log_warnx("inbox %s is on %s but inbox.poll = never: "
				  "files written by other machines are seen "
				  "only by the rescan every %u s",
			    sv.cfg.inbox, inbox_remote_fs(sv.inbox),
			    sv.cfg.rescan_seconds);
	}
	inbox_rescan(sv.inbox, now_ms());
	sv.next_rescan_ms = now_ms() +
	    (int64_t)(inbox_polling(sv.inbox) ? sv.cfg.poll_seconds
					      : sv.cfg.rescan_seconds) *
		1000;
	if (sd_watchdog_enabled(0, &sv.watchdog_usec) <= 0)
		sv.watchdog_usec = 0;
	log_info("reportd %s: watching %s (%s), %u worker%s (%s), %u queued; "
		 "sandbox: seccomp %s, Landlock %s",
	    REPORTD_VERSION, sv.cfg.inbox,
	    inbox_polling(sv.inbox) ? "polling" : "inotify", sv.cfg.workers,
	    sv.cfg.workers == 1 ? "" : "s", sv.program,
	    g_queue_get_length(sv.queue),
	    sv.cfg.seccomp == CONFIG_SECCOMP_KILL      ? "on"
		: sv.cfg.seccomp == CONFIG_SECCOMP_LOG ? "log only"
						       : "OFF",
	    landlock_abi() > 0 ? "on" : "unavailable");
	(void)sd_notifyf(0, "READY=1\nMAINPID=%lu", (unsigned long)getpid());
	notify_status(&sv);

	status = loop(&sv);
	log_info("stopped: %u accepted, %u done, %u quarantined (%u "
		 "duplicates), %u retries",
	    sv.n_accepted, sv.n_done, sv.n_quarantined, sv.n_duplicates,
	    sv.n_retries);
	goto out;
fail:
	log_error("%s", dg.msg);
	status = EXIT_FAILED;
out:
	/* Documents still in active/ go back to incoming/ for next time. */
	for (i = 0; sv.active != NULL && i < sv.active->len; i++) {
		struct doc *d = sv.active->pdata[i];

		job_free(d->job);
		d->job = NULL;
		if (sv.spool != NULL)
			(void)spool_move(sv.spool, d->id, SPOOL_ACTIVE,
			    SPOOL_INCOMING, false, NULL);
		doc_free(d);
	}
	if (sv.active != NULL)
		g_ptr_array_free(sv.active, TRUE);
	if (sv.queue != NULL)
		g_queue_free_full(sv.queue, doc_free_cb);
	if (sv.owner != NULL)
		g_hash_table_destroy(sv.owner);
	review_server_free(review);
	inbox_free(sv.inbox);
	store_close(sv.store);
	spool_close(sv.spool);
	if (sv.sigfd >= 0)
		(void)close(sv.sigfd);
	g_free(sv.program);
	config_fini(&sv.cfg);
	return status;
}
