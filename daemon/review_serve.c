/* SPDX-License-Identifier: MIT */
/*
 * `reportd serve [--db FILE] [--listen ADDR] [--port N] [--token-file
 * FILE]`: serves the review page and the JSON API until SIGINT or
 * SIGTERM.  The same server runs inside `reportd run`.
 */
#include "daemon/review_serve.h"

#include <getopt.h>
#include <glib.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/cmd_extract.h"
#include "daemon/readfile.h"
#include "review/review.h"

void
cmd_serve_usage(void)
{
	printf("usage: reportd serve [--db FILE] [--listen ADDR] [--port N]\n"
	       "                     [--token-file FILE]\n"
	       "\n"
	       "Serves the review page (Vietnamese, with an English switch) and the\n"
	       "JSON API under /api/ (docs/API.md) over the store that `reportd run`\n"
	       "writes, until interrupted.\n"
	       "\n"
	       "  -d, --db FILE          the store (default: reportd.db)\n"
	       "  -l, --listen ADDR      numeric address to bind (default: 127.0.0.1)\n"
	       "  -p, --port N           port (default: 8080; 0 picks a free one)\n"
	       "  -t, --token-file FILE  access token, first line of FILE; required\n"
	       "                         when ADDR is not a loopback address\n"
	       "  -h, --help             show this help\n"
	       "\n"
	       "The address actually served is printed on standard error as\n"
	       "\"reportd: serving http://ADDR:PORT/\".\n"
	       "Exit status: 0 stopped by a signal; 2 usage error; 3 the store could\n"
	       "not be opened or the address not bound.\n");
}

enum err
review_token_read(const char *path, char **out, struct diag *diag)
{
	uint8_t *data = NULL;
	size_t len = 0;
	enum err e;
	char *nl;

	*out = NULL;
	e = readfile(path, 4096, &data, &len, diag);
	if (e != ERR_OK)
		return e;
	*out = g_strndup((const char *)data, len);
	free(data);
	nl = strchr(*out, '\n');
	if (nl != NULL)
		*nl = '\0';
	g_strstrip(*out);
	if (**out == '\0') {
		g_free(*out);
		*out = NULL;
		return diag_set(diag, ERR_MALFORMED, "%s: no token on the "
		    "first line", path);
	}
	return ERR_OK;
}

static void
log_stderr(void *ctx, const char *fmt, va_list ap)
{
	(void)ctx;
	fputs("reportd: http: ", stderr);
	vfprintf(stderr, fmt, ap);
}

int
cmd_serve(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "listen", required_argument, NULL, 'l' },
		{ "port", required_argument, NULL, 'p' },
		{ "token-file", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct review_opts o;
	struct review_server *srv = NULL;
	struct diag diag;
	char *token = NULL;
	const char *token_file = NULL;
	sigset_t set;
	guint64 port;
	int c, sig;

	review_opts_default(&o);
	o.db_path = "reportd.db";
	optind = 1;
	while ((c = getopt_long(argc, argv, "d:l:p:t:h", longopts, NULL)) !=
	    -1) {
		switch (c) {
		case 'd':
			o.db_path = optarg;
			break;
		case 'l':
			o.addr = optarg;
			break;
		case 'p':
			if (!g_ascii_string_to_unsigned(optarg, 10, 0, 65535,
			    &port, NULL)) {
				fprintf(stderr, "reportd serve: port '%s' is "
				    "not a number 0-65535\n", optarg);
				return EXIT_USAGE;
			}
			o.port = (unsigned)port;
			break;
		case 't':
			token_file = optarg;
			break;
		case 'h':
			cmd_serve_usage();
			return EXIT_ALL_OK;
		default:
			return EXIT_USAGE;
		}
	}
	if (optind != argc) {
		fprintf(stderr, "reportd serve: unexpected argument '%s'\n",
		    argv[optind]);
		return EXIT_USAGE;
	}
	diag_init(&diag);
	if (token_file != NULL &&
	    review_token_read(token_file, &token, &diag) != ERR_OK) {
		fprintf(stderr, "reportd serve: %s\n", diag.msg);
		return EXIT_USAGE;
	}
	o.token = token;
	o.log = log_stderr;

	/* Block the stop signals before the server's thread starts, so
	 * they reach sigwait() here and not that thread. */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	if (review_server_start(&o, &srv, &diag) != ERR_OK) {
		fprintf(stderr, "reportd serve: %s\n", diag.msg);
		g_free(token);
		return diag.code == ERR_UNSUPPORTED ? EXIT_USAGE : EXIT_FAILED;
	}
	fprintf(stderr, "reportd: serving http://%s%s%s:%u/\n",
	    strchr(o.addr, ':') != NULL ? "[" : "", o.addr,
	    strchr(o.addr, ':') != NULL ? "]" : "", review_server_port(srv));
	fflush(stderr);
	sig = 0;
	sigwait(&set, &sig);
	review_server_free(srv);
	g_free(token);
	return EXIT_ALL_OK;
}
