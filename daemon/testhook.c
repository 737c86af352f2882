/* SPDX-License-Identifier: MIT */
/* Misbehaving on purpose, for the supervisor's tests (test builds). */
#include "daemon/testhook.h"

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/result.h"
#include "daemon/ipc.h"
#include "daemon/record_json.h"
#include "daemon/review_snap.h"
#include "daemon/worker.h"

#define HOOK_MAGIC "#reportd-test-hook "

static void
sleep_ms(unsigned long ms)
{
	struct timespec ts = { (time_t)(ms / 1000),
		(long)(ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

static struct result *
base_result(struct arena *a, const uint8_t *data, size_t len, const char *name)
{
	struct result *r = arena_alloc(a, sizeof *r);
	char *hex = g_compute_checksum_for_data(G_CHECKSUM_SHA256, data, len);

	r->source.name = arena_strdup(a, name);
	g_strlcpy(r->source.sha256, hex, sizeof r->source.sha256);
	g_free(hex);
	r->source.bytes = len;
	r->source.format = "docx";
	return r;
}

static int
send_result(int fd, struct result *r)
{
	char *json = record_json(r, false);
	int rc = worker_send(fd, IPC_RESULT, json, strlen(json));

	g_free(json);
	return rc == 0 ? WORKER_HOOK_DONE : WORKER_HOOK_DONE;
}

static int
report(int fd, const uint8_t *data, size_t len, const char *name,
    enum result_status st, const char *code, const char *msg)
{
	struct arena *a = arena_new(1 << 20);
	struct result *r = base_result(a, data, len, name);
	int rc;

	r->status = st;
	r->error_code = code;
	r->error_message = arena_strdup(a, msg);
	rc = send_result(fd, r);
	arena_free(a);
	return rc;
}

/* "key=value" from the lines after the first. */
static char *
param(const char *text, const char *key)
{
	char **lines = g_strsplit(text, "\n", 64);
	char *v = NULL;
	size_t i, kl = strlen(key);

	for (i = 1; lines[i] != NULL && v == NULL; i++)
		if (strncmp(lines[i], key, kl) == 0 && lines[i][kl] == '=')
			v = g_strdup(lines[i] + kl + 1);
	g_strfreev(lines);
	return v;
}

static struct result_indicator *
indicator(struct arena *a, const char *id, const char *code, const char *label,
    const char *unit, double value, int row)
{
	struct result_indicator *ind = arena_alloc(a, sizeof *ind);

	ind->id = id;
	ind->code = code;
	ind->label = label;
	ind->unit = unit;
	ind->raw = arena_printf(a, "%g", value);
	ind->has_value = true;
	ind->value = value;
	ind->source.origin = "appendix";
	ind->source.page = 1;
	ind->source.table = 0;
	ind->source.row = row;
	ind->confidence = 1.0;
	return ind;
}

/* A model with `page` A4 pages whose first table has rows 1 and 2 at
 * the boxes "x0,y0,x1,y1" in `box` (row 0 is the header). */
static struct doc *
hook_doc(struct arena *a, unsigned page, char *const box[2])
{
	struct doc *d = doc_new(a);
	struct doc_block *tb;
	unsigned i;

	if (d == NULL)
		return NULL;
	for (i = 0; i < page; i++)
		(void)doc_add_page(d, DOC_METHOD_TEXT, 595.3, 841.9);
	tb = doc_add_table(d, &d->blocks, 0);
	if (tb == NULL)
		return d;
	tb->page = page;
	for (i = 0; i < 3; i++) {
		struct doc_row *row = doc_table_add_row(d, tb->table);
		struct doc_cell *c = row != NULL
		    ? doc_row_add_cell(d, tb->table, row, i, 0, 1, 1)
		    : NULL;
		struct doc_box b;

		if (c == NULL)
			continue;
		if (i > 0 && box[i - 1] != NULL &&
		    sscanf(box[i - 1], "%lf,%lf,%lf,%lf", &b.x0, &b.y0, &b.x1,
			&b.y1) == 4) {
			c->has_box = true;
			c->box = b;
		}
		(void)doc_cell_finish(d, c);
	}
	return d;
}

/* A plausible record, so storing and exporting can be tested before the
 * parsers read real reports. */
static int
ok_record(int fd, const uint8_t *data, size_t len, const char *name)
{
	char *text = g_strndup((const char *)data, len > 4096 ? 4096 : len);
	struct arena *a = arena_new(1 << 20);
	struct result *r = base_result(a, data, len, name);
	struct result_flag *f = arena_alloc(a, sizeof *f);
	struct result_page *pg = arena_alloc(a, sizeof *pg);
	char *issuer = param(text, "issuer"), *period = param(text, "period");
	char *from = param(text, "from"), *to = param(text, "to");
	char *value = param(text, "value"), *done = param(text, "done");
	char *page = param(text, "page");
	char *box[2] = { param(text, "box1"), param(text, "box2") };
	double v = value != NULL ? g_ascii_strtod(value, NULL) : 10;
	unsigned pageno =
	    page != NULL ? (unsigned)g_ascii_strtoull(page, NULL, 10) : 1;
	int rc;

	r->status = RESULT_OK;
	r->metadata.issuer = arena_strdup(a, issuer != NULL ? issuer : "UBND");
	r->metadata.period.label =
	    arena_strdup(a, period != NULL ? period : "quý I năm 2024");
	r->metadata.period.from = from != NULL ? arena_strdup(a, from) : NULL;
	r->metadata.period.to = to != NULL ? arena_strdup(a, to) : NULL;
	(void)ptrvec_push(&r->indicators, a,
	    indicator(
		a, "plan.tasks_total", "1.1", "Số nhiệm vụ", "Nhiệm vụ", v, 1));
	(void)ptrvec_push(&r->indicators, a,
	    indicator(a, "plan.tasks_done", "1.2", "Đã hoàn thành", "Nhiệm vụ",
		done != NULL ? g_ascii_strtod(done, NULL) : v / 2, 2));
	(void)ptrvec_push(&r->indicators, a,
	    indicator(a, NULL, "9.9", "Chỉ tiêu riêng", "Hồ sơ", 3, 3));
	for (size_t i = 0; i < r->indicators.n; i++)
		((struct result_indicator *)r->indicators.v[i])->source.page =
		    pageno > 0 && pageno < 10000 ? pageno : 1;
	f->rule = "pct_mismatch";
	f->severity = "warning";
	(void)ptrvec_push(&f->ids, a, (void *)(uintptr_t) "plan.done_pct");
	/* The values the flag rests on, as a check would cite them, so
	 * the review page's evidence can be tested. */
	for (size_t i = 0; i < 2; i++) {
		const struct result_indicator *ind = r->indicators.v[i];
		struct result_evidence *ev = arena_alloc(a, sizeof *ev);

		ev->id = ind->id;
		ev->raw = ind->raw;
		ev->has_value = true;
		ev->value = ind->value;
		ev->source = ind->source;
		(void)ptrvec_push(&f->evidence, a, ev);
	}
	f->has_expected = true;
	f->expected = 50;
	f->message = "Tỷ lệ không khớp";
	f->message_en = "The percentage does not match";
	(void)ptrvec_push(&r->flags, a, f);
	pg->n = 1;
	pg->method = "text";
	pg->confidence = -1;
	(void)ptrvec_push(&r->pages, a, pg);
	/* A PDF may follow the hook lines (Poppler finds a header in the
	 * first KiB): the record is then a PDF's, "box1"/"box2" place the
	 * two cited rows on their page, and the worker draws the page for
	 * the review page through its sandbox, as for a parsed report. */
	if (g_strstr_len((const char *)data, (gssize)(len < 1024 ? len : 1024),
		"%PDF-") != NULL) {
		struct limits lim;

		limits_default(&lim);
		r->source.format = "pdf";
		r->doc = hook_doc(a,
		    r->indicators.v[0] != NULL
			? ((struct result_indicator *)r->indicators.v[0])
			      ->source.page
			: 1,
		    box);
		review_snap_send(fd, data, len, r, &lim, a);
	}
	rc = send_result(fd, r);
	arena_free(a);
	g_free(text);
	g_free(done);
	g_free(page);
	g_free(box[0]);
	g_free(box[1]);
	g_free(issuer);
	g_free(period);
	g_free(from);
	g_free(to);
	g_free(value);
	return rc;
}

static void
alloc_until_refused(void)
{
	struct rlimit rl;
	size_t total = 0;

	/* Without RLIMIT_AS (sanitizer builds) nothing would stop the
	 * loop: say what a failed allocation says, and abort. */
	if (getrlimit(RLIMIT_AS, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY) {
		(void)fputs("test hook: failed to allocate (no memory limit "
			    "in this build)\n",
		    stderr);
		abort();
	}
	for (;;) {
		/* g_malloc: on failure GLib prints "failed to allocate" and
		 * stops the process, like the parsers' libraries do. */
		char *p = g_malloc((gsize)64 << 20);

		memset(p, 1, (size_t)64 << 20);
		total += (size_t)64 << 20;
		if (total > ((size_t)1 << 40))
			_exit(3);
	}
}

int
testhook_run(const uint8_t *data, size_t len, int fd, const char *name)
{
	char line[200], action[32] = "", arg[64] = "", arg2[64] = "";
	const uint8_t *nl;
	size_t n;

	if (len < sizeof HOOK_MAGIC - 1 ||
	    memcmp(data, HOOK_MAGIC, sizeof HOOK_MAGIC - 1) != 0)
		return WORKER_HOOK_CONTINUE;
	nl = memchr(data, '\n', len);
	n = nl != NULL ? (size_t)(nl - data) : len;
	if (n >= sizeof line)
		n = sizeof line - 1;
	memcpy(line, data, n);
	line[n] = '\0';
	if (sscanf(line + sizeof HOOK_MAGIC - 1, "%31s %63s %63s", action, arg,
		arg2) < 1)
		return WORKER_HOOK_CONTINUE;

	if (strcmp(action, "crash") == 0)
		(void)raise(SIGSEGV);
	else if (strcmp(action, "abort") == 0)
		abort();
	else if (strcmp(action, "exit") == 0)
		_exit(1);
	else if (strcmp(action, "hang") == 0)
		for (;;)
			sleep_ms(1000);
	else if (strcmp(action, "spin") == 0) {
		volatile unsigned long x = 0;

		for (;;)
			x++;
	} else if (strcmp(action, "alloc") == 0)
		alloc_until_refused();
	else if (strcmp(action, "garbage") == 0) {
		static uint8_t junk[65536];
		int i;

		memset(junk, 0xab, sizeof junk);
		for (i = 0; i < 160; i++)
			if (write(fd, junk, sizeof junk) < 0)
				break;
		_exit(0);
	} else if (strcmp(action, "bigframe") == 0) {
		uint8_t hdr[IPC_HEADER_LEN];

		ipc_header(hdr, IPC_RESULT, 0xfffffff0u);
		(void)!write(fd, hdr, sizeof hdr);
		sleep_ms(200);
		_exit(0);
	} else if (strcmp(action, "partial") == 0) {
		uint8_t hdr[IPC_HEADER_LEN];

		ipc_header(hdr, IPC_RESULT, 100);
		(void)!write(fd, hdr, sizeof hdr);
		(void)!write(fd, "{\"schema\":", 10);
		_exit(0);
	} else if (strcmp(action, "twice") == 0) {
		(void)report(
		    fd, data, len, name, RESULT_REJECTED, "test", "first");
		(void)report(
		    fd, data, len, name, RESULT_REJECTED, "test", "second");
		_exit(0);
	} else if (strcmp(action, "open") == 0) {
		int f = open("/etc/passwd", O_RDONLY | O_CLOEXEC);

		if (f >= 0)
			return report(fd, data, len, name, RESULT_FAILED,
			    "test_open_allowed", "opened /etc/passwd");
		return report(fd, data, len, name, RESULT_REJECTED,
		    "test_open_denied", strerror(errno));
	} else if (strcmp(action, "write") == 0) {
		int f = open("/tmp/reportd-sandbox-test",
		    O_WRONLY | O_CREAT | O_CLOEXEC, 0600);

		if (f >= 0)
			return report(fd, data, len, name, RESULT_FAILED,
			    "test_write_allowed", "created a file in /tmp");
		return report(fd, data, len, name, RESULT_REJECTED,
		    "test_write_denied", strerror(errno));
	} else if (strcmp(action, "socket") == 0) {
		int s = socket(AF_INET, SOCK_STREAM, 0);

		return report(fd, data, len, name, RESULT_FAILED,
		    "test_socket_allowed",
		    s >= 0 ? "socket() worked" : strerror(errno));
	} else if (strcmp(action, "exec") == 0) {
		char *const av[] = { (char *)(uintptr_t) "/bin/true", NULL };

		(void)execve("/bin/true", av, av + 1);
		return report(fd, data, len, name, RESULT_FAILED,
		    "test_exec_allowed", strerror(errno));
	} else if (strcmp(action, "fork") == 0) {
		pid_t p = fork();

		if (p == 0)
			_exit(0);
		return report(fd, data, len, name, RESULT_FAILED,
		    "test_fork_allowed",
		    p > 0 ? "fork() worked" : strerror(errno));
	} else if (strcmp(action, "sleep") == 0) {
		sleep_ms(strtoul(arg, NULL, 10));
		return WORKER_HOOK_CONTINUE;
	} else if (strcmp(action, "pages") == 0) {
		uint8_t prog[IPC_PROGRESS_MAX];
		size_t plen = ipc_progress_encode(
		    prog, (uint32_t)strtoul(arg, NULL, 10), "pdf");

		(void)worker_send(fd, IPC_PROGRESS, prog, plen);
		sleep_ms(strtoul(arg2, NULL, 10));
		return ok_record(fd, data, len, name);
	} else if (strcmp(action, "ok") == 0)
		return ok_record(fd, data, len, name);
	return WORKER_HOOK_CONTINUE;
}
