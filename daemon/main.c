/* SPDX-License-Identifier: MIT */
/* reportd: command-line entry; dispatches to the verbs. */
#include <stdio.h>
#include <string.h>

#include "daemon/cmd_extract.h"
#include "daemon/review_serve.h"

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
	    "  serve             serve the review page and JSON API\n"
	    "  help [COMMAND]    show help for a command\n"
	    "  version           print the version\n"
	    "\n"
	    "Run 'reportd COMMAND --help' for a command's options.\n");
}

int
main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "extract") == 0)
		return cmd_extract(argc - 1, argv + 1);
	if (strcmp(argv[1], "serve") == 0)
		return cmd_serve(argc - 1, argv + 1);
	if (strcmp(argv[1], "version") == 0 ||
	    strcmp(argv[1], "--version") == 0) {
		printf("reportd %s\n", REPORTD_VERSION);
		return EXIT_ALL_OK;
	}
	if (strcmp(argv[1], "help") == 0 || strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0) {
		if (argc > 2 && strcmp(argv[2], "extract") == 0)
			cmd_extract_usage();
		else if (argc > 2 && strcmp(argv[2], "serve") == 0)
			cmd_serve_usage();
		else
			usage(stdout);
		return EXIT_ALL_OK;
	}
	fprintf(stderr, "reportd: unknown command '%s'; try 'reportd help'\n",
	    argv[1]);
	return EXIT_USAGE;
}
