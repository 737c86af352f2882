/* SPDX-License-Identifier: MIT */
/* `reportd status` and `reportd export`. */
#include <getopt.h>
#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "daemon/cmd_extract.h"
#include "daemon/cmd_run.h"
#include "daemon/export.h"
#include "daemon/status.h"
#include "daemon/store.h"
#include "daemon/supervisor.h"

#define COMMON_HELP                                                                      \
	"  -c, --config FILE     configuration file (default " SUPERVISOR_DEFAULT_CONFIG \
	")\n"                                                                            \
	"  -r, --root DIR        paths.root, as for reportd run\n"                       \
	"  -o, --set GROUP.KEY=VALUE\n"                                                  \
	"                        any configuration key\n"

void
cmd_status_usage(void)
{
	printf(
	    "usage: reportd status [OPTIONS]\n"
	    "\n"
	    "Shows whether the daemon runs, files waiting in the inbox, documents\n"
	    "queued and being read, totals of the database, and the most recent\n"
	    "quarantined documents with the reason.\n"
	    "\n" COMMON_HELP
	    "  -j, --json            one JSON object instead of text\n"
	    "  -n, --recent N        quarantined documents listed (default 10)\n"
	    "  -h, --help            show this help\n");
}

void
cmd_export_usage(void)
{
	printf(
	    "usage: reportd export [OPTIONS] [--format csv|jsonl|xlsx] [--output FILE]\n"
	    "\n"
	    "Writes the indicators of every document read successfully (not the\n"
	    "duplicate submissions) for an aggregation system:\n"
	    "  csv    long format, one row per unit, period and indicator:\n"
	    "         unit, period, indicator_id, value, unit_of_measure, source,\n"
	    "         document_id, code, label, period_from, period_to,\n"
	    "         submitting_unit\n"
	    "  jsonl  the same rows as JSON Lines\n"
	    "  xlsx   one sheet per period (units x indicators) and a sheet of\n"
	    "         flags; needs --output\n"
	    "\n" COMMON_HELP
	    "  -f, --format FORMAT   csv (default), jsonl or xlsx\n"
	    "  -O, --output FILE     write to FILE instead of standard output\n"
	    "  -h, --help            show this help\n");
}

static bool
load(struct supervisor_opts *o, struct config *cfg)
{
	struct diag dg;

	diag_init(&dg);
	if (supervisor_config_load(o, cfg, &dg) != ERR_OK) {
		fprintf(stderr, "reportd: %s\n", dg.msg);
		return false;
	}
	return true;
}

int
cmd_status(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "root", required_argument, NULL, 'r' },
		{ "set", required_argument, NULL, 'o' },
		{ "json", no_argument, NULL, 'j' },
		{ "recent", required_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct supervisor_opts o;
	struct config cfg;
	struct diag dg;
	bool json = false;
	guint64 recent = 10;
	int ch, rc = EXIT_ALL_OK;

	memset(&o, 0, sizeof o);
	o.overrides = g_ptr_array_new_with_free_func(g_free);
	optind = 1;
	while ((ch = getopt_long(argc, argv, "c:r:o:jn:h", longopts, NULL)) !=
	    -1) {
		if (cmd_common_opt(ch, optarg, &o))
			continue;
		switch (ch) {
		case 'j':
			json = true;
			break;
		case 'n':
			if (!g_ascii_string_to_unsigned(
				optarg, 10, 0, 1000, &recent, NULL)) {
				fprintf(stderr,
				    "reportd status: --recent "
				    "takes a number up to 1000\n");
				rc = EXIT_USAGE;
			}
			break;
		case 'h':
			cmd_status_usage();
			g_ptr_array_unref(o.overrides);
			return EXIT_ALL_OK;
		default:
			rc = EXIT_USAGE;
			break;
		}
	}
	if (rc != EXIT_ALL_OK || optind < argc) {
		fprintf(stderr, "reportd: try 'reportd status --help'\n");
		g_ptr_array_unref(o.overrides);
		return EXIT_USAGE;
	}
	if (!load(&o, &cfg)) {
		config_fini(&cfg);
		g_ptr_array_unref(o.overrides);
		return EXIT_USAGE;
	}
	diag_init(&dg);
	if (status_print(&cfg, stdout, json, (unsigned)recent, &dg) != ERR_OK) {
		fprintf(stderr, "reportd: %s\n", dg.msg);
		rc = EXIT_FAILED;
	}
	config_fini(&cfg);
	g_ptr_array_unref(o.overrides);
	return rc;
}

int
cmd_export(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "root", required_argument, NULL, 'r' },
		{ "set", required_argument, NULL, 'o' },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'O' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct supervisor_opts o;
	struct config cfg;
	struct store *st;
	struct diag dg;
	enum export_format fmt = EXPORT_CSV;
	const char *output = NULL;
	FILE *out = stdout;
	int ch, rc = EXIT_ALL_OK;

	memset(&o, 0, sizeof o);
	o.overrides = g_ptr_array_new_with_free_func(g_free);
	optind = 1;
	while ((ch = getopt_long(argc, argv, "c:r:o:f:O:h", longopts, NULL)) !=
	    -1) {
		if (cmd_common_opt(ch, optarg, &o))
			continue;
		switch (ch) {
		case 'f':
			if (strcmp(optarg, "csv") == 0)
				fmt = EXPORT_CSV;
			else if (strcmp(optarg, "jsonl") == 0)
				fmt = EXPORT_JSONL;
			else if (strcmp(optarg, "xlsx") == 0)
				fmt = EXPORT_XLSX;
			else {
				fprintf(stderr,
				    "reportd export: unknown "
				    "format '%s' (csv, jsonl, "
				    "xlsx)\n",
				    optarg);
				rc = EXIT_USAGE;
			}
			break;
		case 'O':
			output = optarg;
			break;
		case 'h':
			cmd_export_usage();
			g_ptr_array_unref(o.overrides);
			return EXIT_ALL_OK;
		default:
			rc = EXIT_USAGE;
			break;
		}
	}
	if (rc == EXIT_ALL_OK && fmt == EXPORT_XLSX && output == NULL) {
		fprintf(stderr, "reportd export: xlsx needs --output FILE\n");
		rc = EXIT_USAGE;
	}
	if (rc != EXIT_ALL_OK || optind < argc) {
		if (rc == EXIT_ALL_OK)
			fprintf(stderr,
			    "reportd: try 'reportd export "
			    "--help'\n");
		g_ptr_array_unref(o.overrides);
		return EXIT_USAGE;
	}
	if (!load(&o, &cfg)) {
		config_fini(&cfg);
		g_ptr_array_unref(o.overrides);
		return EXIT_USAGE;
	}
	diag_init(&dg);
	st = store_open(cfg.database, true, &dg);
	if (st == NULL) {
		fprintf(stderr, "reportd: %s\n", dg.msg);
		rc = EXIT_FAILED;
		goto out;
	}
	if (output != NULL && fmt != EXPORT_XLSX) {
		out = fopen(output, "w");
		if (out == NULL) {
			fprintf(stderr, "reportd: %s: cannot create\n", output);
			rc = EXIT_OUTPUT;
			goto out;
		}
	}
	if (export_write(st, fmt, out, output, &dg) != ERR_OK) {
		fprintf(stderr, "reportd: %s\n", dg.msg);
		rc = EXIT_OUTPUT;
	}
	if (out != stdout && fclose(out) != 0)
		rc = EXIT_OUTPUT;
	else if (out == stdout && fflush(stdout) != 0)
		rc = EXIT_OUTPUT;
out:
	store_close(st);
	config_fini(&cfg);
	g_ptr_array_unref(o.overrides);
	return rc;
}
