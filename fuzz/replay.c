/* SPDX-License-Identifier: MIT */
/*
 * Plain replay driver for the fuzz harnesses: runs LLVMFuzzerTestOneInput
 * over every file named on the command line (folders are walked one
 * level deep), so ctest replays the committed corpus and every past
 * crash without a fuzzer.  Like libFuzzer and AFL++'s driver it first
 * calls the harness's LLVMFuzzerInitialize, when there is one.
 */
#include <dirent.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "daemon/readfile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);
/* Optional one-time set-up; weak, so harnesses without one still link. */
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

static int
replay_file(const char *path)
{
	struct diag dg;
	uint8_t *data;
	size_t len;

	/* Named first, so the last name before a sanitizer report is the
	 * reproducer. */
	fprintf(stderr, "replay: %s\n", path);
	diag_init(&dg);
	if (readfile(path, (size_t)256 << 20, &data, &len, &dg) != ERR_OK) {
		fprintf(stderr, "replay: %s\n", dg.msg);
		return 1;
	}
	(void)LLVMFuzzerTestOneInput(data, len);
	free(data);
	return 0;
}

int
main(int argc, char **argv)
{
	int i, n = 0, bad = 0;

	if (LLVMFuzzerInitialize != NULL)
		(void)LLVMFuzzerInitialize(&argc, &argv);
	for (i = 1; i < argc; i++) {
		struct stat st;
		DIR *dir;
		struct dirent *de;

		if (stat(argv[i], &st) != 0) {
			fprintf(stderr, "replay: %s: not found\n", argv[i]);
			bad++;
			continue;
		}
		if (!S_ISDIR(st.st_mode)) {
			bad += replay_file(argv[i]);
			n++;
			continue;
		}
		dir = opendir(argv[i]);
		if (dir == NULL) {
			bad++;
			continue;
		}
		while ((de = readdir(dir)) != NULL) {
			char path[4096];
			struct stat fst;

			if (de->d_name[0] == '.' ||
			    strcmp(de->d_name, "README.md") == 0)
				continue;
			(void)snprintf(
			    path, sizeof path, "%s/%s", argv[i], de->d_name);
			if (stat(path, &fst) != 0 || !S_ISREG(fst.st_mode))
				continue;
			bad += replay_file(path);
			n++;
		}
		closedir(dir);
	}
	printf("replayed %d inputs, %d unreadable\n", n, bad);
	return bad == 0 ? 0 : 1;
}
