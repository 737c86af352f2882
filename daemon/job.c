/* SPDX-License-Identifier: MIT */
/* Worker processes: spawn, watchdog, result pipe, classification. */
#define _GNU_SOURCE /* close_range(2) */
#include "daemon/job.h"

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "daemon/config.h"
#include "daemon/ipc.h"
#include "daemon/log.h"

/* The worker's fixed descriptors (see worker.c). */
#define WORKER_INPUT_FD  3
#define WORKER_RESULT_FD 4

/* Exit statuses a worker uses when it could not even start. */
#define WORKER_EXIT_SETUP_MIN 124

#define LOG_TAIL 4096

enum kill_reason {
	KILLED_NONE,
	KILLED_DEADLINE,
	KILLED_GARBAGE,
	KILLED_STOP,
};

struct job {
	char *id;
	pid_t pid;
	int rfd, lfd;
	int64_t start_ms, deadline_ms;
	unsigned wall, wall_per_page, wall_max;
	unsigned cpu, cpu_per_page, cpu_max;
	uint64_t memory;
	struct ipc_reader rd;
	bool exited;
	int status;
	struct rusage ru;
	enum kill_reason killed;
	unsigned budget_s; /* wall-clock budget when killed */
	char tail[LOG_TAIL];
	size_t tail_len;
	char line[512]; /* the worker's current log line */
	size_t line_len;
	unsigned lines_logged;
	char *code, *message;
};

static char *
fmt_size(uint64_t b)
{
	char buf[32];

	return g_strdup(config_format_size(buf, sizeof buf, b));
}

static void
add_arg(GPtrArray *a, const char *k, const char *v)
{
	g_ptr_array_add(a, g_strdup(k));
	g_ptr_array_add(a, g_strdup(v));
}

static void
add_uarg(GPtrArray *a, const char *k, unsigned long long v)
{
	g_ptr_array_add(a, g_strdup(k));
	g_ptr_array_add(a, g_strdup_printf("%llu", v));
}

static char **
build_env(const struct job_spec *s)
{
	static const char *const pass[] = { "ASAN_OPTIONS", "UBSAN_OPTIONS",
		"LSAN_OPTIONS" };
	GPtrArray *env = g_ptr_array_new();
	size_t i;

	/* A clean environment: nothing of ours leaks into the worker.
	 * One OpenMP thread per worker: parallelism comes from running
	 * several workers. */
	g_ptr_array_add(env, g_strdup("LANG=C.UTF-8"));
	g_ptr_array_add(env, g_strdup("OMP_THREAD_LIMIT=1"));
	g_ptr_array_add(env, g_strdup("PATH=/usr/bin:/bin"));
	if (s->tessdata != NULL && s->tessdata[0] != '\0')
		g_ptr_array_add(
		    env, g_strdup_printf("TESSDATA_PREFIX=%s", s->tessdata));
	for (i = 0; i < G_N_ELEMENTS(pass); i++) {
		const char *v = getenv(pass[i]);

		if (v != NULL)
			g_ptr_array_add(
			    env, g_strdup_printf("%s=%s", pass[i], v));
	}
	g_ptr_array_add(env, NULL);
	return (char **)g_ptr_array_free(env, FALSE);
}

static char **
build_argv(const struct job_spec *s)
{
	static const char *const modes[] = { "kill", "log", "off" };
	GPtrArray *a = g_ptr_array_new();
	size_t i;

	g_ptr_array_add(a, g_strdup(s->program));
	add_arg(a, "--name", s->name);
	add_uarg(a, "--memory", s->memory);
	add_uarg(a, "--cpu", s->cpu);
	add_uarg(a, "--cpu-per-page", s->cpu_per_page);
	add_uarg(a, "--cpu-max", s->cpu_max);
	add_uarg(a, "--file-max", s->file_max);
	add_uarg(a, "--pages", s->pages);
	add_uarg(a, "--dpi", s->dpi);
	add_arg(a, "--languages", s->langs != NULL ? s->langs : "vie");
	if (s->tessdata != NULL && s->tessdata[0] != '\0')
		add_arg(a, "--tessdata", s->tessdata);
	add_arg(a, "--seccomp", modes[s->seccomp < 3 ? s->seccomp : 0]);
	for (i = 0; s->read_paths != NULL && s->read_paths[i] != NULL; i++)
		add_arg(a, "--read-path", s->read_paths[i]);
	if (s->catalogue != NULL && s->catalogue[0] != '\0')
		add_arg(a, "--catalogue", s->catalogue);
	if (s->rules != NULL && s->rules[0] != '\0')
		add_arg(a, "--rules", s->rules);
	g_ptr_array_add(a, NULL);
	return (char **)g_ptr_array_free(a, FALSE);
}

/* Between fork and exec: async-signal-safe calls only. */
static void
child(const struct job_spec *s, int devnull, int in, int res, int log,
    pid_t parent, char **argv, char **envp)
{
	sigset_t none;

	(void)sigemptyset(&none);
	(void)sigprocmask(SIG_SETMASK, &none, NULL);
	(void)signal(SIGPIPE, SIG_DFL);
	/* Its own process group: a ^C on the terminal reaches only the
	 * supervisor, which decides what happens to documents in flight. */
	(void)setpgid(0, 0);
	/* Dies with the supervisor, so no orphan writes results later. */
	if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) != 0 ||
	    getppid() != parent)
		_exit(125);
	if (dup2(devnull, 0) < 0 || dup2(log, 1) < 0 || dup2(log, 2) < 0 ||
	    dup2(in, WORKER_INPUT_FD) < 0 || dup2(res, WORKER_RESULT_FD) < 0)
		_exit(125);
	if (syscall(SYS_close_range, WORKER_RESULT_FD + 1, ~0U, 0) != 0) {
		int fd;

		/* Kernels before 5.9: one by one. */
		for (fd = WORKER_RESULT_FD + 1; fd < 4096; fd++)
			(void)close(fd);
	}
	if (s->drop) {
		if (setgroups(0, NULL) != 0 ||
		    setresgid(s->gid, s->gid, s->gid) != 0 ||
		    setresuid(s->uid, s->uid, s->uid) != 0)
			_exit(126);
	}
	execve(argv[0], argv, envp);
	_exit(127);
}

static void
close_fd(int *fd)
{
	if (*fd >= 0) {
		(void)close(*fd);
		*fd = -1;
	}
}

struct job *
job_start(const struct job_spec *s, int64_t now_ms, struct diag *dg)
{
	struct job *j = NULL;
	int rp[2] = { -1, -1 }, lp[2] = { -1, -1 };
	int devnull = -1, in = -1, res = -1, log = -1;
	char **argv = NULL, **envp = NULL;
	pid_t pid, self = getpid();

	if (pipe2(rp, O_CLOEXEC) != 0 || pipe2(lp, O_CLOEXEC) != 0) {
		(void)diag_set(dg, ERR_IO, "pipe: %s", strerror(errno));
		goto fail;
	}
	devnull = open("/dev/null", O_RDWR | O_CLOEXEC);
	/* Above the worker's fixed numbers, so the child's dup2 calls
	 * never overwrite a source still to be copied. */
	in = fcntl(s->doc_fd, F_DUPFD_CLOEXEC, 10);
	res = fcntl(rp[1], F_DUPFD_CLOEXEC, 10);
	log = fcntl(lp[1], F_DUPFD_CLOEXEC, 10);
	if (devnull < 0 || in < 0 || res < 0 || log < 0) {
		(void)diag_set(dg, ERR_IO, "descriptors: %s", strerror(errno));
		goto fail;
	}
	argv = build_argv(s);
	envp = build_env(s);
	pid = fork();
	if (pid < 0) {
		(void)diag_set(dg, ERR_IO, "fork: %s", strerror(errno));
		goto fail;
	}
	if (pid == 0)
		child(s, devnull, in, res, log, self, argv, envp);

	j = g_new0(struct job, 1);
	j->id = g_strdup(s->id);
	j->pid = pid;
	j->rfd = rp[0];
	j->lfd = lp[0];
	rp[0] = lp[0] = -1;
	(void)fcntl(j->rfd, F_SETFL, O_NONBLOCK);
	(void)fcntl(j->lfd, F_SETFL, O_NONBLOCK);
	j->start_ms = now_ms;
	j->wall = s->wall;
	j->wall_per_page = s->wall_per_page;
	j->wall_max = s->wall_max;
	j->cpu = s->cpu;
	j->cpu_per_page = s->cpu_per_page;
	j->cpu_max = s->cpu_max;
	j->memory = s->memory;
	j->deadline_ms = now_ms + (int64_t)s->wall * 1000;
	ipc_reader_init(&j->rd, (size_t)s->result_max);
fail:
	close_fd(&rp[0]);
	close_fd(&rp[1]);
	close_fd(&lp[0]);
	close_fd(&lp[1]);
	close_fd(&devnull);
	close_fd(&in);
	close_fd(&res);
	close_fd(&log);
	g_strfreev(argv);
	g_strfreev(envp);
	return j;
}

void
job_free(struct job *j)
{
	if (j == NULL)
		return;
	if (!j->exited && j->pid > 0) {
		(void)kill(j->pid, SIGKILL);
		(void)waitpid(j->pid, NULL, 0);
	}
	close_fd(&j->rfd);
	close_fd(&j->lfd);
	ipc_reader_fini(&j->rd);
	g_free(j->id);
	g_free(j->code);
	g_free(j->message);
	g_free(j);
}

pid_t
job_pid(const struct job *j)
{
	return j->pid;
}

int
job_result_fd(const struct job *j)
{
	return j->rfd;
}

int
job_log_fd(const struct job *j)
{
	return j->lfd;
}

unsigned
job_pages(const struct job *j)
{
	return j->rd.pages;
}

const char *
job_format(const struct job *j)
{
	return j->rd.format[0] != '\0' ? j->rd.format : NULL;
}

int64_t
job_elapsed_ms(const struct job *j, int64_t now_ms)
{
	return now_ms - j->start_ms;
}

static unsigned
scaled(unsigned base, unsigned per_page, unsigned max, unsigned pages)
{
	uint64_t v = base;

	if (pages > 1)
		v += (uint64_t)per_page * (pages - 1);
	return v > max ? max : (unsigned)v;
}

static unsigned
wall_budget(const struct job *j)
{
	return scaled(j->wall, j->wall_per_page, j->wall_max, j->rd.pages);
}

static unsigned
cpu_budget(const struct job *j)
{
	return scaled(j->cpu, j->cpu_per_page, j->cpu_max, j->rd.pages);
}

static void
kill_worker(struct job *j, enum kill_reason why)
{
	if (j->exited || j->killed != KILLED_NONE)
		return;
	j->killed = why;
	j->budget_s = wall_budget(j);
	(void)kill(j->pid, SIGKILL);
}

void
job_on_result_input(struct job *j, int64_t now_ms)
{
	uint8_t buf[65536];

	while (j->rfd >= 0) {
		ssize_t n = read(j->rfd, buf, sizeof buf);
		bool progressed = false;

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			return;
		if (n <= 0) {
			close_fd(&j->rfd);
			return;
		}
		if (!ipc_reader_feed(&j->rd, buf, (size_t)n, &progressed)) {
			/* Garbage or too much: nothing it says now counts. */
			close_fd(&j->rfd);
			kill_worker(j, KILLED_GARBAGE);
			return;
		}
		if (progressed) {
			/* A long scan is not a hung one: the budget grows
			 * with the pages the worker counted. */
			j->deadline_ms =
			    j->start_ms + (int64_t)wall_budget(j) * 1000;
			log_debug("%s: %u pages (%s), time budget %u s", j->id,
			    j->rd.pages, j->rd.format, wall_budget(j));
			if (now_ms >= j->deadline_ms)
				kill_worker(j, KILLED_DEADLINE);
		}
	}
}

/* Keeps the end of what the worker printed (to recognise an
 * out-of-memory abort) and logs its first lines at debug level. */
static void
tail_add(struct job *j, const char *p, size_t n)
{
	size_t i;

	if (n >= LOG_TAIL) {
		memcpy(j->tail, p + n - LOG_TAIL, LOG_TAIL);
		j->tail_len = LOG_TAIL;
	} else {
		if (j->tail_len + n > LOG_TAIL) {
			size_t drop = j->tail_len + n - LOG_TAIL;

			memmove(j->tail, j->tail + drop, j->tail_len - drop);
			j->tail_len -= drop;
		}
		memcpy(j->tail + j->tail_len, p, n);
		j->tail_len += n;
	}
	for (i = 0; i < n; i++) {
		if (p[i] == '\n' || j->line_len == sizeof j->line - 1) {
			char q[600];

			j->line[j->line_len] = '\0';
			if (j->lines_logged < 20 && j->line_len > 0) {
				j->lines_logged++;
				log_debug("%s: worker: %s", j->id,
				    log_quote(q, sizeof q, j->line));
			}
			j->line_len = 0;
			if (p[i] == '\n')
				continue;
		}
		j->line[j->line_len++] = p[i];
	}
}

void
job_on_log_input(struct job *j)
{
	char buf[4096];

	while (j->lfd >= 0) {
		ssize_t n = read(j->lfd, buf, sizeof buf);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			return;
		if (n <= 0) {
			close_fd(&j->lfd);
			return;
		}
		tail_add(j, buf, (size_t)n);
	}
}

void
job_on_exit(struct job *j, int status, const struct rusage *ru)
{
	j->exited = true;
	j->status = status;
	if (ru != NULL)
		j->ru = *ru;
	/* The pipes' write ends died with the worker: drain them now. */
	job_on_result_input(j, 0);
	job_on_log_input(j);
	close_fd(&j->rfd);
	close_fd(&j->lfd);
}

int64_t
job_check_deadline(struct job *j, int64_t now_ms)
{
	if (!j->exited && now_ms >= j->deadline_ms)
		kill_worker(j, KILLED_DEADLINE);
	return j->deadline_ms;
}

void
job_stop(struct job *j)
{
	kill_worker(j, KILLED_STOP);
}

bool
job_finished(const struct job *j)
{
	return j->exited && j->rfd < 0 && j->lfd < 0;
}

static bool
tail_says_oom(const struct job *j)
{
	static const char *const marks[] = { "failed to allocate",
		"out of memory", "bad_alloc", "cannot allocate memory",
		"memory exhausted", "allocation failed" };
	char *t = g_ascii_strdown(j->tail, (gssize)j->tail_len);
	bool hit = false;
	size_t i;

	for (i = 0; i < G_N_ELEMENTS(marks) && !hit; i++)
		hit = strstr(t, marks[i]) != NULL;
	g_free(t);
	return hit;
}

static bool
tail_has(const struct job *j, const char *what)
{
	return g_strstr_len(j->tail, (gssize)j->tail_len, what) != NULL;
}

static double
cpu_used(const struct job *j)
{
	return (double)j->ru.ru_utime.tv_sec +
	    (double)j->ru.ru_utime.tv_usec / 1e6 +
	    (double)j->ru.ru_stime.tv_sec +
	    (double)j->ru.ru_stime.tv_usec / 1e6;
}

static const char *
sig_name(int sig)
{
	const char *s = sigabbrev_np(sig);

	return s != NULL ? s : "?";
}

static enum job_result
fail(struct job *j, enum job_result r, const char *code, char *message)
{
	g_free(j->code);
	g_free(j->message);
	j->code = g_strdup(code);
	j->message = message;
	return r;
}

static enum job_result
fail_oom(struct job *j)
{
	char *mem = fmt_size(j->memory);
	enum job_result r = fail(j, JOB_FAILED, "memory_limit",
	    g_strdup_printf("the worker ran out of memory (limit %s)", mem));

	g_free(mem);
	return r;
}

static enum job_result
classify(struct job *j)
{
	int sig;

	if (j->killed == KILLED_STOP)
		return fail(j, JOB_STOPPED, "stopped",
		    g_strdup("the daemon stopped while the file was read"));
	if (j->killed == KILLED_GARBAGE)
		return fail(j, JOB_FAILED, "garbage",
		    g_strdup_printf("the worker sent a malformed result (%s)",
			j->rd.diag.msg));
	if (j->killed == KILLED_DEADLINE)
		return fail(j, JOB_FAILED, "timeout",
		    g_strdup_printf("the file took more than %u s to read "
				    "(wall-clock limit)",
			j->budget_s));
	if (WIFSIGNALED(j->status)) {
		sig = WTERMSIG(j->status);
		if (sig == SIGXCPU ||
		    (sig == SIGKILL && cpu_used(j) >= (double)j->cpu_max))
			return fail(j, JOB_FAILED, "cpu_limit",
			    g_strdup_printf("the file took more than %u s of "
					    "CPU",
				cpu_budget(j)));
		if (sig == SIGSYS || sig == SIGXFSZ)
			return fail(j, JOB_FAILED, "sandbox",
			    g_strdup_printf("the worker tried something the "
					    "sandbox forbids (signal %s)",
				sig_name(sig)));
		/* A failed allocation ends in abort() (Poppler, C++) or a
		 * GLib error trap; what the worker printed tells them from
		 * an ordinary crash. */
		if (tail_says_oom(j) ||
		    (uint64_t)j->ru.ru_maxrss * 1024 >= j->memory / 10 * 9)
			return fail_oom(j);
		if (sig == SIGKILL)
			return fail(j, JOB_FAILED, "killed",
			    g_strdup("the worker was killed (signal KILL; "
				     "the system may be short of memory)"));
		return fail(j, JOB_FAILED, "crashed",
		    g_strdup_printf(
			"the worker crashed (signal %s)", sig_name(sig)));
	}
	/* Sanitizer builds turn a crash into a report and exit(1). */
	if (tail_has(j, "Sanitizer"))
		return fail(j, JOB_FAILED, "crashed",
		    g_strdup("the worker crashed (stopped by a sanitizer)"));
	if (WIFEXITED(j->status) &&
	    WEXITSTATUS(j->status) >= WORKER_EXIT_SETUP_MIN)
		return fail(j, JOB_SETUP, "setup",
		    g_strdup_printf("the worker could not start (exit status "
				    "%d)",
			WEXITSTATUS(j->status)));
	if (!ipc_reader_finish(&j->rd)) {
		if (j->rd.broken)
			return fail(j, JOB_FAILED, "garbage",
			    g_strdup_printf("the worker sent a malformed "
					    "result (%s)",
				j->rd.diag.msg));
		if (tail_says_oom(j))
			return fail_oom(j);
		return fail(j, JOB_FAILED, "failed",
		    g_strdup_printf("the worker stopped without a result "
				    "(exit status %d)",
			WEXITSTATUS(j->status)));
	}
	if (WEXITSTATUS(j->status) != 0)
		return fail(j, JOB_FAILED, "failed",
		    g_strdup_printf("the worker exited with status %d",
			WEXITSTATUS(j->status)));
	return JOB_OK;
}

enum job_result
job_outcome(struct job *j, const char **text, size_t *len, const char **code,
    const char **message)
{
	enum job_result r = classify(j);

	*text = NULL;
	*len = 0;
	*code = j->code;
	*message = j->message;
	if (r == JOB_OK) {
		*text = (const char *)j->rd.result;
		*len = j->rd.result_len;
	}
	return r;
}

void
job_take_pictures(struct job *j, GPtrArray *out)
{
	unsigned i;

	for (i = 0; i < j->rd.npictures; i++) {
		g_ptr_array_add(out,
		    g_bytes_new_take(j->rd.picture[i], j->rd.picture_len[i]));
		j->rd.picture[i] = NULL;
	}
	j->rd.npictures = 0;
}
