/* SPDX-License-Identifier: MIT */
/* One document in a confined process. */
#include "daemon/worker.h"

#include <errno.h>
#include <getopt.h>
#include <glib.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/limits.h"
#include "core/result.h"
#include "daemon/config.h"
#include "daemon/durable.h"
#include "daemon/ipc.h"
#include "daemon/office_indicators.h"
#include "daemon/pagecount.h"
#include "daemon/pipeline.h"
#include "daemon/record_json.h"
#include "daemon/review_snap.h"
#include "daemon/sandbox.h"

#if defined(__SANITIZE_ADDRESS__)
#define WORKER_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define WORKER_SANITIZED 1
#endif
#endif
#ifndef WORKER_SANITIZED
#define WORKER_SANITIZED 0
#endif

/* Descriptors a worker may hold: the log and result pipes, Landlock-
 * allowed model files, a few for the libraries. */
#define WORKER_NOFILE 32

struct worker_args {
	const char *name;
	uint64_t memory, file_max;
	unsigned cpu, cpu_per_page, cpu_max, pages, dpi;
	const char *langs, *tessdata;
	unsigned seccomp;
	GPtrArray *read_paths;
	const char *catalogue, *rules;
	bool check_indicators;
};

static void die(int status, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
die(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	(void)fputs("reportd-worker: ", stderr);
	(void)vfprintf(stderr, fmt, ap);
	(void)fputc('\n', stderr);
	va_end(ap);
	_exit(status);
}

int
worker_send(int fd, int type, const void *payload, size_t len)
{
	uint8_t hdr[IPC_HEADER_LEN];

	if (len > UINT32_MAX)
		return -1;
	ipc_header(hdr, (enum ipc_type)type, (uint32_t)len);
	if (durable_write_all(fd, hdr, sizeof hdr, "result", NULL) != ERR_OK ||
	    durable_write_all(fd, payload, len, "result", NULL) != ERR_OK)
		return -1;
	return 0;
}

static bool
num(const char *s, uint64_t max, uint64_t *out)
{
	guint64 v;

	if (!g_ascii_string_to_unsigned(s, 10, 0, max, &v, NULL))
		return false;
	*out = v;
	return true;
}

static unsigned
unum(const char *opt, const char *s)
{
	uint64_t v;

	if (!num(s, UINT32_MAX, &v))
		die(WORKER_EXIT_USAGE, "%s: bad number '%s'", opt, s);
	return (unsigned)v;
}

static void
parse_args(int argc, char **argv, struct worker_args *a)
{
	static const struct option opts[] = {
		{ "name", required_argument, NULL, 'n' },
		{ "memory", required_argument, NULL, 'm' },
		{ "cpu", required_argument, NULL, 'c' },
		{ "cpu-per-page", required_argument, NULL, 'C' },
		{ "cpu-max", required_argument, NULL, 'X' },
		{ "file-max", required_argument, NULL, 'f' },
		{ "pages", required_argument, NULL, 'p' },
		{ "dpi", required_argument, NULL, 'd' },
		{ "languages", required_argument, NULL, 'l' },
		{ "tessdata", required_argument, NULL, 't' },
		{ "seccomp", required_argument, NULL, 's' },
		{ "read-path", required_argument, NULL, 'r' },
		{ "catalogue", required_argument, NULL, 'K' },
		{ "rules", required_argument, NULL, 'R' },
		{ "check-indicators", no_argument, NULL, 'k' },
		{ NULL, 0, NULL, 0 },
	};
	int ch;

	memset(a, 0, sizeof *a);
	a->name = "document";
	a->memory = (uint64_t)1536 << 20;
	a->file_max = (uint64_t)128 << 20;
	a->cpu = 60;
	a->cpu_per_page = 10;
	a->cpu_max = 900;
	a->pages = 2000;
	a->dpi = 300;
	a->langs = "vie";
	a->read_paths = g_ptr_array_new();
	optind = 1;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'n':
			a->name = optarg;
			break;
		case 'm':
			if (!num(optarg, UINT64_MAX, &a->memory))
				die(WORKER_EXIT_USAGE, "bad --memory");
			break;
		case 'c':
			a->cpu = unum("--cpu", optarg);
			break;
		case 'C':
			a->cpu_per_page = unum("--cpu-per-page", optarg);
			break;
		case 'X':
			a->cpu_max = unum("--cpu-max", optarg);
			break;
		case 'f':
			if (!num(optarg, UINT64_MAX, &a->file_max))
				die(WORKER_EXIT_USAGE, "bad --file-max");
			break;
		case 'p':
			a->pages = unum("--pages", optarg);
			break;
		case 'd':
			a->dpi = unum("--dpi", optarg);
			break;
		case 'l':
			a->langs = optarg;
			break;
		case 't':
			a->tessdata = optarg;
			break;
		case 's':
			if (strcmp(optarg, "kill") == 0)
				a->seccomp = CONFIG_SECCOMP_KILL;
			else if (strcmp(optarg, "log") == 0)
				a->seccomp = CONFIG_SECCOMP_LOG;
			else if (strcmp(optarg, "off") == 0)
				a->seccomp = CONFIG_SECCOMP_OFF;
			else
				die(WORKER_EXIT_USAGE, "bad --seccomp");
			break;
		case 'r':
			g_ptr_array_add(a->read_paths, optarg);
			break;
		case 'K':
			a->catalogue = optarg;
			break;
		case 'R':
			a->rules = optarg;
			break;
		case 'k':
			a->check_indicators = true;
			break;
		default:
			die(WORKER_EXIT_USAGE, "bad arguments");
		}
	}
	g_ptr_array_add(a->read_paths, NULL);
}

/* The whole document, from the descriptor the supervisor opened. */
static uint8_t *
read_input(uint64_t max, size_t *len)
{
	struct stat st;
	uint8_t *data;
	size_t got = 0, size;

	if (fstat(WORKER_INPUT_FD, &st) != 0 || !S_ISREG(st.st_mode))
		die(WORKER_EXIT_SETUP, "descriptor %d is not the document",
		    WORKER_INPUT_FD);
	if ((uint64_t)st.st_size > max)
		die(WORKER_EXIT_SETUP, "the document grew past the limit");
	size = (size_t)st.st_size;
	data = malloc(size > 0 ? size : 1);
	if (data == NULL)
		die(WORKER_EXIT_SETUP, "out of memory for the document");
	while (got < size) {
		ssize_t n = read(WORKER_INPUT_FD, data + got, size - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			die(WORKER_EXIT_SETUP, "read: %s", strerror(errno));
		if (n == 0)
			break;
		got += (size_t)n;
	}
	(void)close(WORKER_INPUT_FD);
	*len = got;
	return data;
}

/* Types and state the libraries set up on first use, done while files
 * can still be opened. */
static void
warm_up(void)
{
	struct arena *a = arena_new(1 << 16);
	struct result *r = a != NULL ? arena_alloc(a, sizeof *r) : NULL;

	if (r != NULL) {
		char *s;

		r->source.name = "warm-up";
		s = record_json(r, false);
		g_free(s);
	}
	arena_free(a);
	pagecount_init();
}

int
worker_main(int argc, char **argv, const struct worker_hooks *hooks)
{
	struct worker_args a;
	struct sandbox_limits sl;
	struct pipeline_ocr ocr;
	struct office_indicators oi;
	struct limits lim;
	struct diag dg;
	struct arena *arena;
	struct result *r;
	struct stat st;
	uint8_t prog[IPC_PROGRESS_MAX];
	const char *format = "";
	uint8_t *data;
	size_t len, plen;
	unsigned pages;
	bool landlocked = false;
	char *json;

	diag_init(&dg);
	parse_args(argc, argv, &a);
	/* `reportd run` checks the office's files once at start and on a
	 * reload, so a mistake stops it there rather than every document. */
	if (a.check_indicators) {
		if (office_indicators_load(&oi, a.catalogue, a.rules, &dg) !=
		    ERR_OK)
			die(WORKER_EXIT_USAGE, "%s", dg.msg);
		office_indicators_fini(&oi);
		g_ptr_array_free(a.read_paths, TRUE);
		return 0;
	}
	/* Only what the supervisor handed over stays open. */
	if (syscall(SYS_close_range, WORKER_RESULT_FD + 1, ~0U, 0) != 0) {
		int fd;

		/* Kernels before 5.9: one by one. */
		for (fd = WORKER_RESULT_FD + 1; fd < 4096; fd++)
			(void)close(fd);
	}
	if (fstat(WORKER_RESULT_FD, &st) != 0 || !S_ISFIFO(st.st_mode))
		die(WORKER_EXIT_USAGE,
		    "reportd-worker is started by 'reportd run', not by hand");
	(void)signal(SIGPIPE, SIG_DFL);
	if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) != 0 || getppid() == 1)
		_exit(WORKER_EXIT_SETUP);
	(void)prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);

	data = read_input(a.file_max, &len);

	memset(&sl, 0, sizeof sl);
	/* RLIMIT_AS and AddressSanitizer's shadow memory do not mix. */
	sl.memory = WORKER_SANITIZED ? 0 : a.memory;
	sl.cpu = a.cpu;
	sl.cpu_max = a.cpu_max;
	sl.nofile = WORKER_NOFILE;
	if (sandbox_rlimits(&sl, &dg) != ERR_OK)
		die(WORKER_EXIT_SETUP, "%s", dg.msg);

	ocr.languages = a.langs;
	ocr.tessdata = a.tessdata;
	pipeline_set_ocr(&ocr);
	/* Read before the sandbox, so the office's files need no
	 * read_paths entry.  Checked when the daemon started; a file
	 * broken since is not the document's fault. */
	if (office_indicators_load(&oi, a.catalogue, a.rules, &dg) != ERR_OK)
		die(WORKER_EXIT_SETUP, "%s", dg.msg);
	warm_up();

	if (sandbox_landlock(
		(char *const *)a.read_paths->pdata, &landlocked, &dg) != ERR_OK)
		die(WORKER_EXIT_SETUP, "%s", dg.msg);
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
		die(WORKER_EXIT_SETUP, "no_new_privs: %s", strerror(errno));
	if (sandbox_seccomp(a.seccomp, landlocked, &dg) != ERR_OK)
		die(WORKER_EXIT_SETUP, "%s", dg.msg);

	/* From here on, the document's bytes are looked at. */
	if (hooks != NULL && hooks->after_sandbox != NULL &&
	    hooks->after_sandbox(data, len, WORKER_RESULT_FD, a.name) ==
		WORKER_HOOK_DONE)
		_exit(0);

	pages = pagecount(data, len, a.pages, &format);
	plen = ipc_progress_encode(prog, pages, format);
	if (worker_send(WORKER_RESULT_FD, IPC_PROGRESS, prog, plen) != 0)
		_exit(WORKER_EXIT_SETUP);
	if (pages > 1) {
		uint64_t cpu =
		    (uint64_t)a.cpu + (uint64_t)a.cpu_per_page * (pages - 1);

		(void)sandbox_set_cpu(
		    cpu > a.cpu_max ? a.cpu_max : (unsigned)cpu, NULL);
	}

	limits_default(&lim);
	lim.input_max = (size_t)a.file_max;
	lim.pages_max = a.pages;
	lim.ocr_dpi = a.dpi;
	arena = arena_new(lim.arena_max);
	if (arena == NULL)
		die(1, "out of memory");
	r = pipeline_run(data, len, a.name, &lim, arena);
	if (r == NULL)
		die(1, "out of memory: the result does not fit");
	/* Pictures of the flagged pages for the review page, drawn here
	 * under the same limits and filter as the parsing. */
	review_snap_send(WORKER_RESULT_FD, data, len, r, &lim, arena);
	json = record_json(r, false);
	if (json == NULL)
		die(1, "out of memory writing the record");
	if (worker_send(WORKER_RESULT_FD, IPC_RESULT, json, strlen(json)) != 0)
		_exit(1);
	/* No cleanup: the process ends here, and exit handlers (a leak
	 * checker's among them) would run under the filter. */
	_exit(0);
}
