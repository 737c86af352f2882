/* SPDX-License-Identifier: MIT */
/* Atomic, idempotent record files. */
#include "daemon/outbox.h"

#include <dirent.h>
#include <errno.h>
#include <glib.h>
#include <string.h>
#include <unistd.h>

#include "daemon/durable.h"

enum err
outbox_open(const char *dir, struct diag *dg)
{
	char *tmp = g_build_filename(dir, ".tmp", NULL);
	enum err e = ERR_OK;
	DIR *d;
	struct dirent *de;

	if (g_mkdir_with_parents(tmp, 0755) != 0) {
		e = diag_set(
		    dg, ERR_IO, "%s: cannot create: %s", tmp, strerror(errno));
		goto out;
	}
	d = opendir(tmp);
	if (d == NULL) {
		e = diag_set(dg, ERR_IO, "%s: %s", tmp, strerror(errno));
		goto out;
	}
	while ((de = readdir(d)) != NULL) {
		char *p;

		if (de->d_name[0] == '.')
			continue;
		p = g_build_filename(tmp, de->d_name, NULL);
		(void)unlink(p);
		g_free(p);
	}
	(void)closedir(d);
out:
	g_free(tmp);
	return e;
}

enum err
outbox_write(const char *dir, const char *id, const char *text, size_t len,
    struct diag *dg)
{
	char *tmp = g_build_filename(dir, ".tmp", NULL);
	char *name = g_strconcat(id, ".json", NULL);
	enum err e;

	/* .tmp may have been removed by hand meanwhile. */
	(void)g_mkdir_with_parents(tmp, 0755);
	e = durable_write(tmp, dir, name, text, len, dg);
	g_free(name);
	g_free(tmp);
	return e;
}
