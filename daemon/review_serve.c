/* SPDX-License-Identifier: MIT */
/*
 * `reportd serve [-c FILE] [--db FILE] [--listen ADDR:PORT] [--token-file
 * FILE]`: serves the review page and the JSON API until SIGINT or
 * SIGTERM; review_serve_start() is the same server for `reportd run`.
 */
#include "daemon/review_serve.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <glib.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "daemon/cmd_extract.h"
#include "daemon/cmd_run.h"
#include "daemon/export.h"
#include "daemon/spool.h"
#include "daemon/spool_meta.h"
#include "daemon/store.h"
#include "daemon/supervisor.h"
#include "review/review.h"

#define REVIEW_DEFAULT_PORT 8470
#define TOKEN_FILE_MAX      4096
/* An export larger than this is refused rather than held in memory. */
#define EXPORT_MAX (256u << 20)

void
cmd_serve_usage(void)
{
	printf(
	    "usage: reportd serve [OPTIONS]\n"
	    "\n"
	    "Serves the review page (Vietnamese, with an English switch) and the\n"
	    "JSON API under /api/ (docs/API.md) over the store that `reportd run`\n"
	    "writes, until interrupted.  `reportd run` serves the same page itself.\n"
	    "\n"
	    "  -c, --config FILE      configuration file (default " SUPERVISOR_DEFAULT_CONFIG
	    ",\n"
	    "                         read only if it exists)\n"
	    "  -r, --root DIR         the daemon's folder (paths.root)\n"
	    "  -d, --db FILE          the store (paths.database)\n"
	    "  -l, --listen ADDR:PORT address to serve (review.listen, default\n"
	    "                         127.0.0.1:8470; port 0 picks a free one)\n"
	    "  -t, --token-file FILE  access token, first line of FILE\n"
	    "                         (review.token_file); required when ADDR is\n"
	    "                         not a loopback address\n"
	    "  -o, --set GROUP.KEY=VALUE\n"
	    "                         any configuration key, over the file\n"
	    "  -h, --help             show this help\n"
	    "\n"
	    "The address actually served is printed on standard error as\n"
	    "\"reportd: serving http://ADDR:PORT/\".\n"
	    "Exit status: 0 stopped by a signal; 2 usage or configuration error\n"
	    "(including a network address without a token); 3 the store could not\n"
	    "be opened or the address not bound.\n");
}

enum err
review_token_read(const char *path, char **out, struct diag *diag)
{
	char buf[TOKEN_FILE_MAX + 1];
	struct stat st;
	ssize_t n;
	size_t len = 0;
	char *nl;
	int fd;

	*out = NULL;
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return diag_set(diag, ERR_IO, "%s: %s", path, strerror(errno));
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    st.st_size > TOKEN_FILE_MAX) {
		close(fd);
		return diag_set(diag, ERR_MALFORMED,
		    "%s: not a regular file "
		    "of at most %d bytes",
		    path, TOKEN_FILE_MAX);
	}
	while (len < TOKEN_FILE_MAX &&
	    (n = read(fd, buf + len, TOKEN_FILE_MAX - len)) > 0)
		len += (size_t)n;
	close(fd);
	buf[len] = '\0';
	nl = strchr(buf, '\n');
	if (nl != NULL)
		*nl = '\0';
	*out = g_strstrip(g_strdup(buf));
	memset(buf, 0, sizeof(buf));
	if (**out == '\0') {
		g_free(*out);
		*out = NULL;
		return diag_set(diag, ERR_MALFORMED,
		    "%s: no token on the "
		    "first line",
		    path);
	}
	return ERR_OK;
}

bool
review_listen_parse(const char *listen, char *addr, size_t cap, unsigned *port)
{
	const char *colon, *a = listen;
	size_t alen;
	guint64 p = REVIEW_DEFAULT_PORT;

	if (listen == NULL || *listen == '\0')
		return false;
	if (*listen == '[') {
		const char *close = strchr(listen, ']');

		if (close == NULL)
			return false;
		a = listen + 1;
		alen = (size_t)(close - a);
		colon = close[1] == ':' ? close + 1 : NULL;
		if (close[1] != '\0' && colon == NULL)
			return false;
	} else {
		colon = strrchr(listen, ':');
		/* Two colons without brackets: a bare IPv6 address. */
		if (colon != NULL && strchr(listen, ':') != colon)
			colon = NULL;
		alen =
		    colon != NULL ? (size_t)(colon - listen) : strlen(listen);
	}
	if (alen == 0 || alen >= cap)
		return false;
	if (colon != NULL &&
	    !g_ascii_string_to_unsigned(colon + 1, 10, 0, 65535, &p, NULL))
		return false;
	memcpy(addr, a, alen);
	addr[alen] = '\0';
	*port = (unsigned)p;
	return true;
}

/* The export of `reportd export` as a download: CSV through a memory
 * stream, XLSX through a private temporary file (libxlsxwriter writes
 * files only). */
static enum err
on_export(void *ctx, const char *period, const char *format, struct buf *out,
    const char **type, struct diag *diag)
{
	const char *db = ctx;
	struct store *st;
	enum err e;

	(void)period; /* the export covers every period (one sheet each) */
	st = store_open(db, true, diag);
	if (st == NULL)
		return diag->code != ERR_OK ? diag->code : ERR_IO;
	if (strcmp(format, "csv") == 0) {
		char *mem = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&mem, &len);

		if (f == NULL) {
			store_close(st);
			return diag_set(
			    diag, ERR_NOMEM, "export: %s", strerror(errno));
		}
		e = export_write(st, EXPORT_CSV, f, NULL, diag);
		if (fclose(f) != 0 && e == ERR_OK)
			e = diag_set(
			    diag, ERR_IO, "export: %s", strerror(errno));
		if (e == ERR_OK &&
		    (len > EXPORT_MAX || !buf_append(out, mem, len)))
			e = diag_set(diag, ERR_LIMIT,
			    "export larger than "
			    "%u MiB",
			    EXPORT_MAX >> 20);
		free(mem);
		*type = "text/csv; charset=utf-8";
	} else {
		gchar *path = NULL;
		gchar *data = NULL;
		gsize len = 0;
		GError *gerr = NULL;
		int fd =
		    g_file_open_tmp("reportd-export-XXXXXX.xlsx", &path, &gerr);

		if (fd < 0) {
			e = diag_set(diag, ERR_IO, "export: %s", gerr->message);
			g_error_free(gerr);
			store_close(st);
			return e;
		}
		close(fd);
		e = export_write(st, EXPORT_XLSX, NULL, path, diag);
		if (e == ERR_OK &&
		    !g_file_get_contents(path, &data, &len, &gerr)) {
			e = diag_set(diag, ERR_IO, "export: %s", gerr->message);
			g_error_free(gerr);
		}
		if (e == ERR_OK &&
		    (len > EXPORT_MAX || !buf_append(out, data, len)))
			e = diag_set(diag, ERR_LIMIT,
			    "export larger than "
			    "%u MiB",
			    EXPORT_MAX >> 20);
		g_free(data);
		(void)unlink(path);
		g_free(path);
		*type = "application/vnd.openxmlformats-officedocument."
			"spreadsheetml.sheet";
	}
	store_close(st);
	return e;
}

/* Where the daemon's queue is, for the overview's queued and
 * processing files. */
struct queue_ctx {
	char *spool, *done, *quarantine;
};

static void
queue_ctx_free(void *p)
{
	struct queue_ctx *q = p;

	if (q == NULL)
		return;
	g_free(q->spool);
	g_free(q->done);
	g_free(q->quarantine);
	g_free(q);
}

static const char *
arena_copy(struct arena *a, const char *s)
{
	return s != NULL ? arena_strdup(a, s) : NULL;
}

/* The spool's active/ then incoming/ documents, read without locking
 * (as `reportd status` does).  A document that moves while we look is
 * skipped: the next page view shows it where it went. */
static enum err
on_queue(void *ctx, struct arena *a, size_t max, struct ptrvec *out,
    struct diag *diag)
{
	static const enum spool_state states[] = { SPOOL_ACTIVE,
		SPOOL_INCOMING };
	struct queue_ctx *q = ctx;
	struct spool *sp;
	struct diag d;
	size_t k;
	guint i;

	diag_init(&d);
	sp = spool_open_readonly(q->spool, q->done, q->quarantine, &d);
	if (sp == NULL)
		return ERR_OK; /* no queue yet: nothing waits */
	for (k = 0; k < G_N_ELEMENTS(states) && out->n < max; k++) {
		GPtrArray *ids = spool_list(sp, states[k]);

		for (i = 0; ids != NULL && i < ids->len && out->n < max; i++) {
			struct spool_meta m;
			struct review_queued *e;

			diag_init(&d);
			if (spool_meta_load(
				sp, states[k], ids->pdata[i], &m, &d) != ERR_OK)
				continue;
			e = arena_alloc(a, sizeof(*e));
			if (e == NULL || ptrvec_push(out, a, e) != 0) {
				spool_meta_fini(&m);
				g_ptr_array_unref(ids);
				spool_close(sp);
				return diag_set(
				    diag, ERR_NOMEM, "queue: out of memory");
			}
			e->id = arena_copy(a, m.id);
			e->name = arena_copy(a, m.name);
			e->unit = arena_copy(a, m.unit);
			e->received = arena_copy(a, m.received);
			e->processing = states[k] == SPOOL_ACTIVE;
			spool_meta_fini(&m);
		}
		if (ids != NULL)
			g_ptr_array_unref(ids);
	}
	spool_close(sp);
	return ERR_OK;
}

static void
log_stderr(void *ctx, const char *fmt, va_list ap)
{
	(void)ctx;
	fputs("reportd: http: ", stderr);
	vfprintf(stderr, fmt, ap);
}

enum err
review_serve_start(
    const struct config *cfg, struct review_server **out, struct diag *diag)
{
	struct review_opts o;
	char addr[128];
	char *token = NULL;
	enum err e;

	*out = NULL;
	review_opts_default(&o);
	if (!review_listen_parse(
		cfg->review_listen, addr, sizeof(addr), &o.port))
		return diag_set(diag, ERR_MALFORMED,
		    "review.listen '%s' is "
		    "not ADDR:PORT",
		    cfg->review_listen != NULL ? cfg->review_listen : "");
	o.addr = addr;
	o.db_path = cfg->database;
	if (cfg->review_token_file != NULL && *cfg->review_token_file != '\0') {
		struct diag td;

		/* An unreadable token file is a configuration error. */
		diag_init(&td);
		if (review_token_read(cfg->review_token_file, &token, &td) !=
		    ERR_OK)
			return diag_set(diag, ERR_MALFORMED,
			    "review.token_file: %s", td.msg);
	}
	o.token = token;
	/* The export reads the store by its path (the server's own copy:
	 * export_ctx left NULL). */
	o.export_fn = on_export;
	{
		struct queue_ctx *q = g_new0(struct queue_ctx, 1);

		q->spool = g_strdup(cfg->spool);
		q->done = g_strdup(cfg->done);
		q->quarantine = g_strdup(cfg->quarantine);
		o.queue_fn = on_queue;
		o.queue_ctx = q;
		o.queue_ctx_free = queue_ctx_free;
	}
	o.log = log_stderr;
	e = review_server_start(&o, out, diag);
	if (token != NULL) {
		memset(token, 0, strlen(token));
		g_free(token);
	}
	return e;
}

char *
review_serve_url(const struct config *cfg, const struct review_server *srv)
{
	char addr[128];
	unsigned port;

	if (!review_listen_parse(cfg->review_listen, addr, sizeof(addr), &port))
		g_strlcpy(addr, "?", sizeof(addr));
	return g_strdup_printf("http://%s%s%s:%u/",
	    strchr(addr, ':') != NULL ? "[" : "", addr,
	    strchr(addr, ':') != NULL ? "]" : "", review_server_port(srv));
}

int
cmd_serve(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "root", required_argument, NULL, 'r' },
		{ "db", required_argument, NULL, 'd' },
		{ "listen", required_argument, NULL, 'l' },
		{ "token-file", required_argument, NULL, 't' },
		{ "set", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct supervisor_opts so;
	struct review_server *srv = NULL;
	struct config cfg;
	struct diag diag;
	char *url;
	sigset_t set;
	int c, sig, rc = EXIT_ALL_OK;

	memset(&so, 0, sizeof(so));
	so.overrides = g_ptr_array_new_with_free_func(g_free);
	optind = 1;
	while ((c = getopt_long(argc, argv, "c:r:d:l:t:o:h", longopts, NULL)) !=
	    -1) {
		switch (c) {
		case 'd':
			g_ptr_array_add(so.overrides,
			    g_strdup_printf("paths.database=%s", optarg));
			break;
		case 'l':
			g_ptr_array_add(so.overrides,
			    g_strdup_printf("review.listen=%s", optarg));
			break;
		case 't':
			g_ptr_array_add(so.overrides,
			    g_strdup_printf("review.token_file=%s", optarg));
			break;
		case 'h':
			cmd_serve_usage();
			g_ptr_array_unref(so.overrides);
			return EXIT_ALL_OK;
		default:
			if (c != '?' && cmd_common_opt(c, optarg, &so))
				break;
			g_ptr_array_unref(so.overrides);
			return EXIT_USAGE;
		}
	}
	if (optind != argc) {
		fprintf(stderr, "reportd serve: unexpected argument '%s'\n",
		    argv[optind]);
		g_ptr_array_unref(so.overrides);
		return EXIT_USAGE;
	}
	diag_init(&diag);
	if (supervisor_config_load(&so, &cfg, &diag) != ERR_OK) {
		fprintf(stderr, "reportd serve: %s\n", diag.msg);
		g_ptr_array_unref(so.overrides);
		return EXIT_USAGE;
	}
	g_ptr_array_unref(so.overrides);

	/* Block the stop signals before the server's thread starts, so
	 * they reach sigwait() here and not that thread. */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	if (review_serve_start(&cfg, &srv, &diag) != ERR_OK) {
		fprintf(stderr, "reportd serve: %s\n", diag.msg);
		config_fini(&cfg);
		return diag.code == ERR_IO ? EXIT_FAILED : EXIT_USAGE;
	}
	url = review_serve_url(&cfg, srv);
	fprintf(stderr, "reportd: serving %s\n", url);
	fflush(stderr);
	g_free(url);
	sig = 0;
	if (sigwait(&set, &sig) != 0)
		rc = EXIT_FAILED;
	review_server_free(srv);
	config_fini(&cfg);
	return rc;
}
