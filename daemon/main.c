/* SPDX-License-Identifier: MIT */
/*
 * reportd: command-line entry; dispatches to the verbs.  This binary is
 * the supervisor side and links no parser: `extract` runs in
 * reportd-worker, which this program executes.
 */
#include <errno.h>
#include <glib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "daemon/cmd_extract.h"
#include "daemon/cmd_run.h"
#include "daemon/review_serve.h"
#include "daemon/supervisor_config.h"

#ifndef REPORTD_VERSION
#define REPORTD_VERSION "0.1.0"
#endif

static void
usage(FILE *f)
{
	fprintf(f,
	    "usage: reportd COMMAND [OPTIONS]\n"
	    "\n"
	    "reportd reads administrative-reform reports (DOCX, PDF, scans), maps\n"
	    "them to indicators and flags inconsistencies.\n"
	    "\n"
	    "Commands:\n"
	    "  extract FILE...   print one result record (JSON) per file\n"
	    "  run               the daemon: watch the inbox, read, store\n"
	    "  status            queue counts and recent failures\n"
	    "  export            indicators as CSV, JSON Lines or XLSX\n"
	    "  serve             the review page and JSON API over the store\n"
	    "  help [COMMAND]    show help for a command\n"
	    "  version           print the version\n"
	    "\n"
	    "Run 'reportd COMMAND --help' for a command's options, and see\n"
	    "reportd(1).\n");
}

/* `reportd extract ...` is `reportd-worker extract ...`. */
static int
exec_extract(int argc, char **argv)
{
	char *prog = supervisor_config_default_worker();
	char **av = g_new0(char *, (gsize)argc + 2);
	int i;

	av[0] = prog;
	for (i = 0; i < argc; i++)
		av[i + 1] = argv[i];
	execv(prog, av);
	fprintf(stderr, "reportd: cannot run %s: %s\n", prog, strerror(errno));
	g_free(av);
	g_free(prog);
	return EXIT_FAILED;
}

int
main(int argc, char **argv)
{
	const char *cmd;

	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	cmd = argv[1];
	if (strcmp(cmd, "extract") == 0)
		return exec_extract(argc - 1, argv + 1);
	if (strcmp(cmd, "run") == 0)
		return cmd_run(argc - 1, argv + 1);
	if (strcmp(cmd, "status") == 0)
		return cmd_status(argc - 1, argv + 1);
	if (strcmp(cmd, "export") == 0)
		return cmd_export(argc - 1, argv + 1);
	if (strcmp(cmd, "serve") == 0)
		return cmd_serve(argc - 1, argv + 1);
	if (strcmp(cmd, "version") == 0 || strcmp(cmd, "--version") == 0) {
		printf("reportd %s\n", REPORTD_VERSION);
		return EXIT_ALL_OK;
	}
	if (strcmp(cmd, "help") == 0 || strcmp(cmd, "--help") == 0 ||
	    strcmp(cmd, "-h") == 0) {
		const char *what = argc > 2 ? argv[2] : "";

		if (strcmp(what, "extract") == 0) {
			static char a0[] = "extract", a1[] = "--help";
			char *av[] = { a0, a1, NULL };

			return exec_extract(2, av);
		}
		if (strcmp(what, "run") == 0)
			cmd_run_usage();
		else if (strcmp(what, "status") == 0)
			cmd_status_usage();
		else if (strcmp(what, "export") == 0)
			cmd_export_usage();
		else if (strcmp(what, "serve") == 0)
			cmd_serve_usage();
		else
			usage(stdout);
		return EXIT_ALL_OK;
	}
	fprintf(
	    stderr, "reportd: unknown command '%s'; try 'reportd help'\n", cmd);
	return EXIT_USAGE;
}
