/* SPDX-License-Identifier: MIT */
/* `reportd run [--once] [--check] [--print-config] ...` */
#include "daemon/cmd_run.h"

#include <getopt.h>
#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "daemon/cmd_extract.h"
#include "daemon/log.h"
#include "daemon/supervisor.h"

void
cmd_run_usage(void)
{
	printf(
	    "usage: reportd run [OPTIONS]\n"
	    "\n"
	    "Runs the import daemon: watches the inbox, reads each report in a\n"
	    "sandboxed worker, stores its record in the database and in outbox/\n"
	    "ID.json, and moves the file to done/ or quarantine/.\n"
	    "\n"
	    "  -c, --config FILE     configuration file (default " SUPERVISOR_DEFAULT_CONFIG
	    ",\n"
	    "                        read only if it exists)\n"
	    "  -r, --root DIR        put inbox/, spool/, outbox/, done/, quarantine/\n"
	    "                        and reportd.db under DIR (paths.root)\n"
	    "  -i, --inbox DIR       the inbox (paths.inbox)\n"
	    "  -w, --workers N       documents read at the same time (worker.count)\n"
	    "  -o, --set GROUP.KEY=VALUE\n"
	    "                        any configuration key, over the file\n"
	    "      --once            process what is in the inbox and the queue,\n"
	    "                        then exit\n"
	    "  -n, --check           check the configuration and exit\n"
	    "      --print-config    print the configuration in effect and exit\n"
	    "  -h, --help            show this help\n"
	    "\n"
	    "Signals: SIGTERM or SIGINT stop (documents being read get\n"
	    "worker.stop_seconds to finish, then return to the queue); SIGHUP\n"
	    "reloads the configuration.  See reportd(1) and reportd.conf.sample.\n"
	    "\n"
	    "Exit status: 0 stopped normally (or --once finished); 2 usage or\n"
	    "configuration error; 3 could not start, or --once left documents queued\n"
	    "because their results could not be stored.\n");
}

int
cmd_common_opt(int ch, const char *arg, struct supervisor_opts *o)
{
	const char *key = NULL;

	switch (ch) {
	case 'c':
		o->config_path = arg;
		return 1;
	case 'r':
		key = "paths.root";
		break;
	case 'i':
		key = "paths.inbox";
		break;
	case 'w':
		key = "worker.count";
		break;
	case 'o':
		g_ptr_array_add(o->overrides, g_strdup(arg));
		return 1;
	default:
		return 0;
	}
	g_ptr_array_add(o->overrides, g_strdup_printf("%s=%s", key, arg));
	return 1;
}

/* --check: the office's catalogue and rules too, loaded by the worker
 * program as the calling user. */
static bool
check_indicators(const struct config *cfg, struct diag *dg)
{
	char *prog = supervisor_config_find_worker(cfg);
	enum err e =
	    supervisor_config_check_indicators(cfg, prog, false, 0, 0, dg);

	g_free(prog);
	return e == ERR_OK;
}

int
cmd_run(int argc, char **argv)
{
	enum {
		OPT_ONCE = 256,
		OPT_PRINT
	};
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "root", required_argument, NULL, 'r' },
		{ "inbox", required_argument, NULL, 'i' },
		{ "workers", required_argument, NULL, 'w' },
		{ "set", required_argument, NULL, 'o' },
		{ "once", no_argument, NULL, OPT_ONCE },
		{ "check", no_argument, NULL, 'n' },
		{ "print-config", no_argument, NULL, OPT_PRINT },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct supervisor_opts o;
	bool check = false, print = false;
	int ch, rc;

	memset(&o, 0, sizeof o);
	o.overrides = g_ptr_array_new_with_free_func(g_free);
	optind = 1;
	while ((ch = getopt_long(argc, argv, "c:r:i:w:o:nh", longopts, NULL)) !=
	    -1) {
		if (cmd_common_opt(ch, optarg, &o))
			continue;
		switch (ch) {
		case OPT_ONCE:
			o.once = true;
			break;
		case 'n':
			check = true;
			break;
		case OPT_PRINT:
			print = true;
			break;
		case 'h':
			cmd_run_usage();
			g_ptr_array_unref(o.overrides);
			return EXIT_ALL_OK;
		default:
			fprintf(stderr, "reportd: try 'reportd run --help'\n");
			g_ptr_array_unref(o.overrides);
			return EXIT_USAGE;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "reportd run: unexpected argument '%s'\n",
		    argv[optind]);
		g_ptr_array_unref(o.overrides);
		return EXIT_USAGE;
	}
	if (check || print) {
		struct config cfg;
		struct diag dg;

		diag_init(&dg);
		if (supervisor_config_load(&o, &cfg, &dg) != ERR_OK ||
		    (check && !check_indicators(&cfg, &dg))) {
			fprintf(stderr, "reportd: %s\n", dg.msg);
			rc = EXIT_USAGE;
		} else {
			if (print) {
				char *t = config_format(&cfg);

				fputs(t, stdout);
				g_free(t);
			} else
				printf("configuration OK\n");
			rc = EXIT_ALL_OK;
		}
		config_fini(&cfg);
		g_ptr_array_unref(o.overrides);
		return rc;
	}
	rc = supervisor_run(&o);
	g_ptr_array_unref(o.overrides);
	return rc;
}
