/* SPDX-License-Identifier: MIT */
/*
 * The sample corpus for tests that read it: $SHARED/corpus, which may be
 * absent on a user's machine (the test is then skipped, saying so).
 */
#ifndef TESTS_CORPUS_H
#define TESTS_CORPUS_H

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>

/* $SHARED/corpus opened for reading, its path in *dir (g_free it); NULL
 * after printing why the test is skipped. */
static inline GDir *
corpus_open(gchar **dir)
{
	const char *shared = getenv("SHARED");
	GDir *d;

	*dir = NULL;
	if (shared == NULL) {
		printf("skipped: $SHARED unset, no corpus\n");
		return NULL;
	}
	*dir = g_build_filename(shared, "corpus", NULL);
	d = g_dir_open(*dir, 0, NULL);
	if (d == NULL) {
		printf("skipped: %s absent\n", *dir);
		g_free(*dir);
		*dir = NULL;
	}
	return d;
}

#endif
