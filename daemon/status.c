/* SPDX-License-Identifier: MIT */
/* Queue counts and recent failures, for people and scripts. */
#include "daemon/status.h"

#include <glib.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/jsonput.h"
#include "daemon/inbox.h"
#include "daemon/log.h"
#include "daemon/spool.h"
#include "daemon/store.h"

struct recent {
	GPtrArray *rows; /* char ** {id, name, unit, code, reason, when} */
};

static void
on_quarantine(void *ctx, const char *id, const char *name, const char *unit,
    const char *code, const char *reason, const char *when)
{
	struct recent *r = ctx;
	char **row = g_new0(char *, 7);

	row[0] = g_strdup(id);
	row[1] = g_strdup(name);
	row[2] = g_strdup(unit);
	row[3] = g_strdup(code);
	row[4] = g_strdup(reason);
	row[5] = g_strdup(when);
	g_ptr_array_add(r->rows, row);
}

/* Files waiting in the inbox (not ignored), without creating it. */
static unsigned
inbox_waiting(const struct config *cfg)
{
	struct inbox_opts io;
	struct inbox *in;
	struct stat st;
	struct diag dg;
	unsigned n;

	if (stat(cfg->inbox, &st) != 0 || !S_ISDIR(st.st_mode))
		return 0;
	memset(&io, 0, sizeof io);
	io.root = cfg->inbox;
	io.depth = cfg->depth;
	io.ignore = cfg->ignore;
	io.poll = CONFIG_POLL_ALWAYS;
	diag_init(&dg);
	in = inbox_new(&io, &dg);
	if (in == NULL)
		return 0;
	inbox_rescan(in, 0);
	n = inbox_pending(in);
	inbox_free(in);
	return n;
}

/* Rows may hold NULLs (no unit): free all six fields. */
static void
row_free(gpointer p)
{
	char **row = p;
	int i;

	for (i = 0; i < 6; i++)
		g_free(row[i]);
	g_free(row);
}

enum err
status_print(const struct config *cfg, FILE *out, bool json, unsigned recent,
    struct diag *dg)
{
	struct spool *sp =
	    spool_open_readonly(cfg->spool, cfg->done, cfg->quarantine, NULL);
	struct store *st = NULL;
	struct store_counts c;
	struct recent r;
	struct diag sdg;
	unsigned counts[SPOOL_NSTATES] = { 0 };
	unsigned waiting = inbox_waiting(cfg);
	pid_t pid = 0;
	bool have_db = false;
	guint i;
	int s;

	(void)dg;
	memset(&c, 0, sizeof c);
	r.rows = g_ptr_array_new_with_free_func(row_free);
	if (sp != NULL) {
		pid = spool_locked_by(sp);
		for (s = 0; s < SPOOL_NSTATES; s++)
			counts[s] = spool_count(sp, (enum spool_state)s);
	}
	diag_init(&sdg);
	st = store_open(cfg->database, true, &sdg);
	if (st != NULL && store_counts(st, &c, &sdg) == ERR_OK &&
	    store_recent_quarantine(st, recent, on_quarantine, &r, &sdg) ==
		ERR_OK)
		have_db = true;

	if (json) {
		JsonBuilder *b = json_builder_new();
		JsonGenerator *gen = json_generator_new();
		JsonNode *root;
		char *text;

		json_builder_begin_object(b);
		json_builder_set_member_name(b, "running");
		json_builder_add_boolean_value(b, pid > 0);
		json_builder_set_member_name(b, "pid");
		json_builder_add_int_value(b, pid);
		json_builder_set_member_name(b, "inbox_waiting");
		json_builder_add_int_value(b, waiting);
		for (s = SPOOL_INCOMING; s < SPOOL_NSTATES; s++) {
			json_builder_set_member_name(
			    b, spool_state_name((enum spool_state)s));
			json_builder_add_int_value(b, counts[s]);
		}
		json_builder_set_member_name(b, "database");
		if (have_db) {
			json_builder_begin_object(b);
			json_builder_set_member_name(b, "documents");
			json_builder_add_int_value(b, (gint64)c.documents);
			json_builder_set_member_name(b, "done");
			json_builder_add_int_value(b, (gint64)c.done);
			json_builder_set_member_name(b, "quarantined");
			json_builder_add_int_value(b, (gint64)c.quarantined);
			json_builder_set_member_name(b, "duplicates");
			json_builder_add_int_value(b, (gint64)c.duplicates);
			json_builder_set_member_name(b, "indicators");
			json_builder_add_int_value(b, (gint64)c.indicators);
			json_builder_set_member_name(b, "flags");
			json_builder_add_int_value(b, (gint64)c.flags);
			json_builder_set_member_name(b, "reviews");
			json_builder_add_int_value(b, (gint64)c.reviews);
			json_builder_end_object(b);
		} else
			json_builder_add_null_value(b);
		json_builder_set_member_name(b, "recent_quarantine");
		json_builder_begin_array(b);
		for (i = 0; i < r.rows->len; i++) {
			static const char *const k[] = { "id", "name", "unit",
				"code", "reason", "when" };
			char **row = r.rows->pdata[i];
			size_t j;

			json_builder_begin_object(b);
			for (j = 0; j < 6; j++)
				jsonput_str(b, k[j], row[j]);
			json_builder_end_object(b);
		}
		json_builder_end_array(b);
		json_builder_end_object(b);
		root = json_builder_get_root(b);
		json_generator_set_root(gen, root);
		json_generator_set_pretty(gen, TRUE);
		text = json_generator_to_data(gen, NULL);
		fprintf(out, "%s\n", text);
		g_free(text);
		json_node_unref(root);
		g_object_unref(gen);
		g_object_unref(b);
	} else {
		fprintf(out, "daemon:      %s",
		    pid > 0 ? "running" : "not running");
		if (pid > 0)
			fprintf(out, " (pid %ld)", (long)pid);
		fprintf(out, "\ninbox:       %s, %u file%s waiting\n",
		    cfg->inbox, waiting, waiting == 1 ? "" : "s");
		fprintf(out, "queue:       %u incoming, %u being read\n",
		    counts[SPOOL_INCOMING], counts[SPOOL_ACTIVE]);
		fprintf(out, "done:        %u  (%s)\n", counts[SPOOL_DONE],
		    cfg->done);
		fprintf(out, "quarantine:  %u  (%s)\n",
		    counts[SPOOL_QUARANTINE], cfg->quarantine);
		fprintf(out, "outbox:      %s\n", cfg->outbox);
		if (have_db) {
			fprintf(out,
			    "database:    %s\n"
			    "             %llu documents: %llu done, %llu "
			    "quarantined, %llu duplicate submissions\n"
			    "             %llu indicators, %llu flags, %llu "
			    "flag reviews\n",
			    cfg->database, (unsigned long long)c.documents,
			    (unsigned long long)c.done,
			    (unsigned long long)c.quarantined,
			    (unsigned long long)c.duplicates,
			    (unsigned long long)c.indicators,
			    (unsigned long long)c.flags,
			    (unsigned long long)c.reviews);
		} else
			fprintf(out, "database:    %s (%s)\n", cfg->database,
			    sdg.msg[0] != '\0' ? sdg.msg : "not readable");
		if (r.rows->len > 0)
			fprintf(out, "recent quarantine (newest first):\n");
		for (i = 0; i < r.rows->len; i++) {
			char **row = r.rows->pdata[i];
			char name[300], why[600];

			fprintf(out, "  %s  %s  %s\n      %s\n", row[5], row[0],
			    log_quote(name, sizeof name, row[1]),
			    log_quote(why, sizeof why, row[4]));
		}
	}
	g_ptr_array_unref(r.rows);
	store_close(st);
	spool_close(sp);
	return ERR_OK;
}
