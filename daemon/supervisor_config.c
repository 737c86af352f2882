/* SPDX-License-Identifier: MIT */
/* Loading the configuration; finding and checking the worker program. */
#include "daemon/supervisor_config.h"

#include <glib.h>
#include <string.h>
#include <unistd.h>

#include "daemon/worker_check.h"

#ifndef REPORTD_LIBEXECDIR
#define REPORTD_LIBEXECDIR "/usr/local/libexec/reportd"
#endif

enum err
supervisor_config_load(
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

char *
supervisor_config_default_worker(void)
{
	char self[4096];
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);

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

char *
supervisor_config_find_worker(const struct config *c)
{
	if (c->program != NULL && c->program[0] != '\0')
		return g_strdup(c->program);
	return supervisor_config_default_worker();
}

enum err
supervisor_config_check_indicators(const struct config *c, const char *program,
    bool drop, uid_t uid, gid_t gid, struct diag *dg)
{
	struct worker_check wc;

	memset(&wc, 0, sizeof wc);
	wc.program = program;
	wc.catalogue = c->catalogue;
	wc.rules = c->rules;
	wc.drop = drop;
	wc.uid = uid;
	wc.gid = gid;
	return worker_check_indicators(&wc, dg);
}
