/* SPDX-License-Identifier: MIT */
/*
 * reportd-worker: the only executable that links the parsers.  Started
 * by the supervisor for each document, or by `reportd extract`, which
 * runs the pipeline without a daemon.
 */
#include <stdio.h>
#include <string.h>

#include "daemon/cmd_extract.h"
#include "daemon/worker.h"

#ifndef REPORTD_VERSION
#define REPORTD_VERSION "0.1.0"
#endif

int
main(int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "extract") == 0)
		return cmd_extract(argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "--version") == 0) {
		printf("reportd-worker %s\n", REPORTD_VERSION);
		return 0;
	}
	return worker_main(argc, argv, NULL);
}
