/* SPDX-License-Identifier: MIT */
/* rlimits, Landlock and a libseccomp filter for workers. */
#define _GNU_SOURCE /* O_PATH */
#include "daemon/sandbox.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/sched.h>
#include <seccomp.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "daemon/config.h"

#if defined(SYS_landlock_create_ruleset) && __has_include(<linux/landlock.h>)
#include <linux/landlock.h>
#define HAVE_LANDLOCK 1
#else
#define HAVE_LANDLOCK 0
#endif

/* One argument comparison, every field given (the library's macros
 * leave datum_b to the compiler's zero). */
#define CMP(a, o, x, y)                                                        \
	((struct scmp_arg_cmp){                                                \
	    .arg = (a), .op = (o), .datum_a = (x), .datum_b = (y) })

/* glibc's setrlimit takes an enum under _GNU_SOURCE. */
#ifdef __GLIBC__
typedef __rlimit_resource_t rlim_res;
#else
typedef int rlim_res;
#endif

static enum err
set_limit(
    rlim_res res, rlim_t soft, rlim_t hard, const char *what, struct diag *dg)
{
	struct rlimit rl = { soft, hard };

	if (setrlimit(res, &rl) != 0)
		return diag_set(dg, ERR_INTERNAL, "setrlimit %s: %s", what,
		    strerror(errno));
	return ERR_OK;
}

enum err
sandbox_rlimits(const struct sandbox_limits *l, struct diag *dg)
{
	enum err e = ERR_OK;

	if (l->memory > 0)
		e = set_limit(RLIMIT_AS, l->memory, l->memory, "AS", dg);
	/* SIGXCPU at the soft limit names the cause; the hard limit, a few
	 * seconds later, is the kernel's SIGKILL backstop. */
	if (e == ERR_OK)
		e = set_limit(
		    RLIMIT_CPU, l->cpu, (rlim_t)l->cpu_max + 5, "CPU", dg);
	if (e == ERR_OK)
		e = set_limit(RLIMIT_FSIZE, 0, 0, "FSIZE", dg);
	if (e == ERR_OK)
		e = set_limit(RLIMIT_CORE, 0, 0, "CORE", dg);
	if (e == ERR_OK)
		e = set_limit(
		    RLIMIT_NOFILE, l->nofile, l->nofile, "NOFILE", dg);
	return e;
}

enum err
sandbox_set_cpu(unsigned seconds, struct diag *dg)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_CPU, &rl) != 0)
		return diag_set(
		    dg, ERR_INTERNAL, "getrlimit: %s", strerror(errno));
	rl.rlim_cur = seconds < rl.rlim_max ? seconds : rl.rlim_max;
	if (setrlimit(RLIMIT_CPU, &rl) != 0)
		return diag_set(
		    dg, ERR_INTERNAL, "setrlimit CPU: %s", strerror(errno));
	return ERR_OK;
}

#if HAVE_LANDLOCK
static int
ll_create(const struct landlock_ruleset_attr *attr, size_t size, uint32_t flags)
{
	return (int)syscall(SYS_landlock_create_ruleset, attr, size, flags);
}
#endif

int
sandbox_landlock_abi(void)
{
#if HAVE_LANDLOCK
	int abi = ll_create(NULL, 0, LANDLOCK_CREATE_RULESET_VERSION);

	return abi > 0 ? abi : 0;
#else
	return 0;
#endif
}

enum err
sandbox_landlock(char *const *paths, bool *enforced, struct diag *dg)
{
#if HAVE_LANDLOCK
	struct landlock_ruleset_attr attr;
	uint64_t handled;
	int abi = sandbox_landlock_abi(), rfd;
	size_t i;

	*enforced = false;
	if (abi < 1)
		return ERR_OK;
	handled = LANDLOCK_ACCESS_FS_EXECUTE | LANDLOCK_ACCESS_FS_WRITE_FILE |
	    LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_READ_DIR |
	    LANDLOCK_ACCESS_FS_REMOVE_DIR | LANDLOCK_ACCESS_FS_REMOVE_FILE |
	    LANDLOCK_ACCESS_FS_MAKE_CHAR | LANDLOCK_ACCESS_FS_MAKE_DIR |
	    LANDLOCK_ACCESS_FS_MAKE_REG | LANDLOCK_ACCESS_FS_MAKE_SOCK |
	    LANDLOCK_ACCESS_FS_MAKE_FIFO | LANDLOCK_ACCESS_FS_MAKE_BLOCK |
	    LANDLOCK_ACCESS_FS_MAKE_SYM;
#ifdef LANDLOCK_ACCESS_FS_REFER
	if (abi >= 2)
		handled |= LANDLOCK_ACCESS_FS_REFER;
#endif
#ifdef LANDLOCK_ACCESS_FS_TRUNCATE
	if (abi >= 3)
		handled |= LANDLOCK_ACCESS_FS_TRUNCATE;
#endif
	memset(&attr, 0, sizeof attr);
	attr.handled_access_fs = handled;
	rfd = ll_create(&attr, sizeof attr, 0);
	if (rfd < 0)
		return diag_set(
		    dg, ERR_INTERNAL, "landlock: %s", strerror(errno));
	for (i = 0; paths != NULL && paths[i] != NULL; i++) {
		struct landlock_path_beneath_attr pb;
		struct stat st;
		int fd = open(paths[i], O_PATH | O_CLOEXEC);

		if (fd < 0)
			continue; /* not installed here: nothing to allow */
		memset(&pb, 0, sizeof pb);
		pb.parent_fd = fd;
		pb.allowed_access = LANDLOCK_ACCESS_FS_READ_FILE;
		if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode))
			pb.allowed_access |= LANDLOCK_ACCESS_FS_READ_DIR;
		if (syscall(SYS_landlock_add_rule, rfd,
			LANDLOCK_RULE_PATH_BENEATH, &pb, 0) != 0) {
			enum err e = diag_set(dg, ERR_INTERNAL,
			    "landlock: %s: %s", paths[i], strerror(errno));

			(void)close(fd);
			(void)close(rfd);
			return e;
		}
		(void)close(fd);
	}
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 ||
	    syscall(SYS_landlock_restrict_self, rfd, 0) != 0) {
		enum err e =
		    diag_set(dg, ERR_INTERNAL, "landlock: %s", strerror(errno));

		(void)close(rfd);
		return e;
	}
	(void)close(rfd);
	*enforced = true;
	return ERR_OK;
#else
	(void)paths;
	(void)dg;
	*enforced = false;
	return ERR_OK;
#endif
}

/* System calls extraction needs once the input is in memory and the
 * libraries are loaded: I/O on descriptors it already has, memory,
 * threads (Tesseract may use some), time, signals to itself, exit. */
static const int allowed[] = {
	SCMP_SYS(read),
	SCMP_SYS(readv),
	SCMP_SYS(pread64),
	SCMP_SYS(write),
	SCMP_SYS(writev),
	SCMP_SYS(lseek),
	SCMP_SYS(close),
	SCMP_SYS(fstat),
	SCMP_SYS(newfstatat),
	SCMP_SYS(statx),
	SCMP_SYS(fcntl),
	SCMP_SYS(getdents64),
	SCMP_SYS(mmap),
	SCMP_SYS(munmap),
	SCMP_SYS(mremap),
	SCMP_SYS(brk),
	SCMP_SYS(madvise),
	SCMP_SYS(mprotect),
	SCMP_SYS(futex),
	SCMP_SYS(set_robust_list),
	SCMP_SYS(get_robust_list),
	SCMP_SYS(rseq),
	SCMP_SYS(sched_yield),
	SCMP_SYS(sched_getaffinity),
	SCMP_SYS(rt_sigreturn),
	SCMP_SYS(rt_sigprocmask),
	SCMP_SYS(rt_sigaction),
	SCMP_SYS(sigaltstack),
	SCMP_SYS(restart_syscall),
	SCMP_SYS(clock_gettime),
	SCMP_SYS(clock_getres),
	SCMP_SYS(clock_nanosleep),
	SCMP_SYS(nanosleep),
	SCMP_SYS(gettimeofday),
	SCMP_SYS(getpid),
	SCMP_SYS(gettid),
	SCMP_SYS(getuid),
	SCMP_SYS(geteuid),
	SCMP_SYS(getgid),
	SCMP_SYS(getegid),
	SCMP_SYS(getrandom),
	SCMP_SYS(getrusage),
	SCMP_SYS(getrlimit),
	SCMP_SYS(uname),
	SCMP_SYS(sysinfo),
	SCMP_SYS(getcwd),
	SCMP_SYS(membarrier),
	SCMP_SYS(exit),
	SCMP_SYS(exit_group),
};

/* Calls that would change the file system: refused with EACCES, so a
 * library that tries (a font cache) fails gracefully instead of taking
 * the document down. */
static const int refused[] = {
	SCMP_SYS(mkdir),
	SCMP_SYS(mkdirat),
	SCMP_SYS(unlink),
	SCMP_SYS(unlinkat),
	SCMP_SYS(rename),
	SCMP_SYS(renameat),
	SCMP_SYS(renameat2),
	SCMP_SYS(link),
	SCMP_SYS(linkat),
	SCMP_SYS(symlink),
	SCMP_SYS(symlinkat),
	SCMP_SYS(chmod),
	SCMP_SYS(fchmod),
	SCMP_SYS(fchmodat),
	SCMP_SYS(chown),
	SCMP_SYS(fchown),
	SCMP_SYS(fchownat),
	SCMP_SYS(lchown),
	SCMP_SYS(truncate),
	SCMP_SYS(ftruncate),
	SCMP_SYS(utimensat),
	SCMP_SYS(mknod),
	SCMP_SYS(mknodat),
	SCMP_SYS(prctl),
	SCMP_SYS(sched_setaffinity),
};

/* Path lookups: allowed under Landlock, else refused. */
static const int lookups[] = {
	SCMP_SYS(access),
	SCMP_SYS(faccessat),
	SCMP_SYS(faccessat2),
	SCMP_SYS(readlink),
	SCMP_SYS(readlinkat),
	SCMP_SYS(stat),
	SCMP_SYS(lstat),
};

enum err
sandbox_seccomp(unsigned mode, bool landlocked, struct diag *dg)
{
	scmp_filter_ctx ctx;
	uint32_t def;
	/* Any of these in open()'s flags means writing. */
	/* (O_TMPFILE needs O_WRONLY or O_RDWR, so it is covered.) */
	const scmp_datum_t write_bits =
	    O_WRONLY | O_RDWR | O_CREAT | O_TRUNC | O_APPEND;
	const scmp_datum_t wbits[] = { O_WRONLY, O_RDWR, O_CREAT, O_TRUNC,
		O_APPEND };
	size_t i, k;
	int rc = 0;

	if (mode == CONFIG_SECCOMP_OFF)
		return ERR_OK;
	def = mode == CONFIG_SECCOMP_LOG ? SCMP_ACT_LOG : SCMP_ACT_KILL_PROCESS;
	ctx = seccomp_init(def);
	if (ctx == NULL)
		return diag_set(dg, ERR_INTERNAL, "seccomp_init failed");
	/* Threads started before the filter get it too. */
	(void)seccomp_attr_set(ctx, SCMP_FLTATR_CTL_TSYNC, 1);
	(void)seccomp_attr_set(ctx, SCMP_FLTATR_CTL_NNP, 1);
	for (i = 0; i < sizeof allowed / sizeof allowed[0] && rc == 0; i++)
		rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, allowed[i], 0);
	for (i = 0; i < sizeof refused / sizeof refused[0] && rc == 0; i++)
		rc = seccomp_rule_add(
		    ctx, SCMP_ACT_ERRNO(EACCES), refused[i], 0);
	for (i = 0; i < sizeof lookups / sizeof lookups[0] && rc == 0; i++)
		rc = seccomp_rule_add(ctx,
		    landlocked ? SCMP_ACT_ALLOW : SCMP_ACT_ERRNO(EACCES),
		    lookups[i], 0);
	/* New threads only (CLONE_THREAD): never a new process.  clone3
	 * takes its flags in memory the filter cannot read: ENOSYS makes
	 * the C library fall back to clone. */
	if (rc == 0)
		rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(clone), 1,
		    CMP(0, SCMP_CMP_MASKED_EQ, CLONE_THREAD, CLONE_THREAD));
	if (rc == 0)
		rc = seccomp_rule_add(
		    ctx, SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(clone3), 0);
	/* abort() and raise() signal this process only. */
	if (rc == 0)
		rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(tgkill), 1,
		    CMP(0, SCMP_CMP_EQ, (scmp_datum_t)getpid(), 0));
	/* Raising its own CPU limit once the pages are counted. */
	if (rc == 0)
		rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(prlimit64),
		    2, CMP(0, SCMP_CMP_EQ, 0, 0),
		    CMP(1, SCMP_CMP_EQ, RLIMIT_CPU, 0));
	/* Reading any of its limits (the C library does). */
	if (rc == 0)
		rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(prlimit64),
		    2, CMP(0, SCMP_CMP_EQ, 0, 0), CMP(2, SCMP_CMP_EQ, 0, 0));
	if (rc == 0)
		rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(setrlimit),
		    1, CMP(0, SCMP_CMP_EQ, RLIMIT_CPU, 0));
	/* GLib asks whether stderr is journald's socket before printing:
	 * it is a pipe. */
	if (rc == 0)
		rc = seccomp_rule_add(
		    ctx, SCMP_ACT_ERRNO(ENOTSOCK), SCMP_SYS(getpeername), 0);
	if (rc == 0)
		rc = seccomp_rule_add(
		    ctx, SCMP_ACT_ERRNO(ENOTSOCK), SCMP_SYS(getsockname), 0);
	if (rc == 0)
		rc = seccomp_rule_add(
		    ctx, SCMP_ACT_ERRNO(ENOTSOCK), SCMP_SYS(getsockopt), 0);
	/* isatty() on the log pipe. */
	if (rc == 0)
		rc = seccomp_rule_add(
		    ctx, SCMP_ACT_ERRNO(ENOTTY), SCMP_SYS(ioctl), 0);
	/* open(): read-only and only under Landlock; else EACCES. */
	for (k = 0; k < 2 && rc == 0; k++) {
		int sys = k == 0 ? SCMP_SYS(openat) : SCMP_SYS(open);
		unsigned arg = k == 0 ? 2 : 1;

		if (!landlocked) {
			rc = seccomp_rule_add(
			    ctx, SCMP_ACT_ERRNO(EACCES), sys, 0);
			continue;
		}
		rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, sys, 1,
		    CMP(arg, SCMP_CMP_MASKED_EQ, write_bits, 0));
		for (i = 0; i < sizeof wbits / sizeof wbits[0] && rc == 0; i++)
			rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EACCES), sys,
			    1,
			    CMP(arg, SCMP_CMP_MASKED_EQ, wbits[i], wbits[i]));
	}
	if (rc == 0)
		rc = seccomp_rule_add(
		    ctx, SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(openat2), 0);
	if (rc == 0)
		rc = seccomp_load(ctx);
	seccomp_release(ctx);
	if (rc != 0)
		return diag_set(dg, ERR_INTERNAL, "seccomp: %s", strerror(-rc));
	return ERR_OK;
}
