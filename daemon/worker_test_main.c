/* SPDX-License-Identifier: MIT */
/*
 * reportd-worker-test: the worker with the test hooks of testhook.c.
 * Built for the test suite only and never installed; the production
 * worker contains none of this.
 */
#include <stdio.h>
#include <string.h>

#include "daemon/cmd_extract.h"
#include "daemon/testhook.h"
#include "daemon/worker.h"

int
main(int argc, char **argv)
{
	static const struct worker_hooks hooks = { testhook_run };

	if (argc >= 2 && strcmp(argv[1], "extract") == 0)
		return cmd_extract(argc - 1, argv + 1);
	return worker_main(argc, argv, &hooks);
}
