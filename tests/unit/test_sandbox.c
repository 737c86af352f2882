/* SPDX-License-Identifier: MIT */
/*
 * daemon/sandbox: what a confined worker can no longer do.  Each case
 * runs in a child that installs the filter and reports by exit status
 * (or dies by SIGSYS, which is the point for sockets, exec and fork).
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "daemon/config.h"
#include "daemon/sandbox.h"
#include "tests/check.h"

enum probe {
	PROBE_OPEN_READ,
	PROBE_OPEN_WRITE,
	PROBE_SOCKET,
	PROBE_EXEC,
	PROBE_FORK,
	PROBE_PIPE_WRITE,
	PROBE_THREAD,
	PROBE_ALLOWED_READ,
};

static void *
thread_main(void *arg)
{
	return arg;
}

/* Exit 0: denied (or, for the allowed probes, worked); 1: the opposite;
 * 2: the sandbox could not be set up. */
static int
probe(enum probe p, bool landlock)
{
	char *const paths[] = { (char *)(uintptr_t) "/usr/share", NULL };
	struct diag dg;
	bool ll = false;
	int fd, pfd[2];

	diag_init(&dg);
	if (pipe(pfd) != 0)
		return 2;
	if (landlock && sandbox_landlock(paths, &ll, &dg) != ERR_OK)
		return 2;
	if (landlock && !ll)
		return 3; /* no Landlock in this kernel */
	if (sandbox_seccomp(CONFIG_SECCOMP_KILL, ll, &dg) != ERR_OK)
		return 2;
	switch (p) {
	case PROBE_OPEN_READ:
		fd = open("/etc/passwd", O_RDONLY);
		return fd < 0 && errno == EACCES ? 0 : 1;
	case PROBE_OPEN_WRITE:
		fd =
		    open("/tmp/reportd-test-sandbox", O_WRONLY | O_CREAT, 0600);
		return fd < 0 && errno == EACCES ? 0 : 1;
	case PROBE_SOCKET:
		(void)socket(AF_INET, SOCK_STREAM, 0);
		return 1;
	case PROBE_EXEC: {
		char *const av[] = { (char *)(uintptr_t) "/bin/true", NULL };

		(void)execve("/bin/true", av, av + 1);
		return 1;
	}
	case PROBE_FORK:
		if (fork() == 0)
			_exit(0);
		return 1;
	case PROBE_PIPE_WRITE:
		return write(pfd[1], "x", 1) == 1 ? 0 : 1;
	case PROBE_THREAD: {
		pthread_t t;

		if (pthread_create(&t, NULL, thread_main, NULL) != 0)
			return 1;
		return pthread_join(t, NULL) == 0 ? 0 : 1;
	}
	case PROBE_ALLOWED_READ:
		fd = open("/usr/share/common-licenses/GPL-3", O_RDONLY);
		if (fd < 0)
			fd = open("/usr/share", O_RDONLY | O_DIRECTORY);
		return fd >= 0 ? 0 : 1;
	}
	return 1;
}

static int
run(enum probe p, bool landlock)
{
	int status = 0;
	pid_t pid = fork();

	if (pid == 0)
		_exit(probe(p, landlock));
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

static bool
exited(int status, int code)
{
	return WIFEXITED(status) && WEXITSTATUS(status) == code;
}

static bool
killed_by_sigsys(int status)
{
	return WIFSIGNALED(status) && WTERMSIG(status) == SIGSYS;
}

static void
test_sandbox_seccomp_blocks(void)
{
	CHECK(exited(run(PROBE_OPEN_READ, false), 0));
	CHECK(exited(run(PROBE_OPEN_WRITE, false), 0));
	CHECK(killed_by_sigsys(run(PROBE_SOCKET, false)));
	CHECK(killed_by_sigsys(run(PROBE_EXEC, false)));
	CHECK(killed_by_sigsys(run(PROBE_FORK, false)));
}

static void
test_sandbox_seccomp_allows_work(void)
{
	CHECK(exited(run(PROBE_PIPE_WRITE, false), 0));
	CHECK(exited(run(PROBE_THREAD, false), 0));
}

static void
test_sandbox_landlock_read_only(void)
{
	int st = run(PROBE_OPEN_READ, true);

	if (exited(st, 3)) {
		fprintf(stderr, "no Landlock in this kernel: skipping\n");
		return;
	}
	CHECK(exited(st, 0));
	CHECK(exited(run(PROBE_OPEN_WRITE, true), 0));
	CHECK(exited(run(PROBE_ALLOWED_READ, true), 0));
	CHECK(killed_by_sigsys(run(PROBE_SOCKET, true)));
}

static void
test_sandbox_file_size_zero(void)
{
	int status = 0;
	pid_t pid = fork();

	if (pid == 0) {
		struct sandbox_limits l = { 0, 60, 60, 32 };
		char tmpl[] = "/tmp/test_sandbox.XXXXXX";
		int fd = mkstemp(tmpl);
		struct diag dg;

		diag_init(&dg);
		(void)unlink(tmpl);
		if (fd < 0 || sandbox_rlimits(&l, &dg) != ERR_OK)
			_exit(2);
		(void)signal(SIGXFSZ, SIG_DFL);
		(void)!write(fd, "x", 1);
		_exit(1);
	}
	CHECK(pid > 0 && waitpid(pid, &status, 0) == pid);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGXFSZ);
}

int
main(void)
{
	RUN(test_sandbox_seccomp_blocks);
	RUN(test_sandbox_seccomp_allows_work);
	RUN(test_sandbox_landlock_read_only);
	RUN(test_sandbox_file_size_zero);
	return check_done();
}
