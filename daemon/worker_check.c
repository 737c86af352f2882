/* SPDX-License-Identifier: MIT */
/* The worker program run once to check the office's indicator files. */
#define _GNU_SOURCE /* setresuid(2), setresgid(2) */
#include "daemon/worker_check.h"

#include <glib.h>
#include <grp.h>
#include <string.h>
#include <unistd.h>

#define WORKER_PREFIX "reportd-worker: "

static bool
is_set(const char *s)
{
	return s != NULL && s[0] != '\0';
}

/* In the child, before exec: the worker's user, so the check reads the
 * files with the rights the workers will have. */
static void
child_setup(gpointer data)
{
	const struct worker_check *c = (const struct worker_check *)data;

	if (c->drop &&
	    (setgroups(0, NULL) != 0 ||
		setresgid(c->gid, c->gid, c->gid) != 0 ||
		setresuid(c->uid, c->uid, c->uid) != 0))
		_exit(126);
}

/* The worker's message: its "reportd-worker: " line, else the last
 * line it printed (a sanitizer or the dynamic linker). */
static char *
message_of(const char *err)
{
	char **lines = g_strsplit(err != NULL ? err : "", "\n", -1);
	char *msg = NULL;
	guint i;

	for (i = 0; lines[i] != NULL; i++) {
		char *l = g_strstrip(lines[i]);

		if (g_str_has_prefix(l, WORKER_PREFIX)) {
			g_free(msg);
			msg = g_strdup(l + strlen(WORKER_PREFIX));
			break;
		}
		if (l[0] != '\0') {
			g_free(msg);
			msg = g_strdup(l);
		}
	}
	g_strfreev(lines);
	return msg;
}

enum err
worker_check_indicators(const struct worker_check *c, struct diag *dg)
{
	struct worker_check ids; /* for the child; GLib wants it mutable */
	GPtrArray *argv;
	GError *ge = NULL;
	char *err = NULL, *msg;
	int status = 0;
	enum err e = ERR_OK;

	if (!is_set(c->catalogue) && !is_set(c->rules))
		return ERR_OK;
	ids = *c;
	argv = g_ptr_array_new_with_free_func(g_free);
	g_ptr_array_add(argv, g_strdup(c->program));
	g_ptr_array_add(argv, g_strdup("--check-indicators"));
	if (is_set(c->catalogue)) {
		g_ptr_array_add(argv, g_strdup("--catalogue"));
		g_ptr_array_add(argv, g_strdup(c->catalogue));
	}
	if (is_set(c->rules)) {
		g_ptr_array_add(argv, g_strdup("--rules"));
		g_ptr_array_add(argv, g_strdup(c->rules));
	}
	g_ptr_array_add(argv, NULL);
	if (!g_spawn_sync(NULL, (char **)argv->pdata, NULL,
		G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_CHILD_INHERITS_STDIN,
		child_setup, &ids, NULL, &err, &status, &ge)) {
		e = diag_set(dg, ERR_IO, "%s: %s", c->program, ge->message);
		g_error_free(ge);
		goto out;
	}
	if (g_spawn_check_wait_status(status, NULL))
		goto out;
	msg = message_of(err);
	if (msg != NULL)
		e = diag_set(dg, ERR_MALFORMED, "indicators: %s", msg);
	else
		e = diag_set(dg, ERR_MALFORMED,
		    "indicators: %s could not check the catalogue and rules",
		    c->program);
	g_free(msg);
out:
	g_free(err);
	g_ptr_array_free(argv, TRUE);
	return e;
}
