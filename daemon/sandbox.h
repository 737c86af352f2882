/* SPDX-License-Identifier: MIT */
/*
 * The worker's confinement, applied in this order once the document is
 * read and the libraries are initialised: resource limits (address
 * space, CPU, file size 0, descriptors, no core dumps), Landlock
 * (read-only access to the OCR models and fonts, where the kernel has
 * it), PR_SET_NO_NEW_PRIVS, and a seccomp filter whose default is to kill
 * the process: no sockets, no exec, no fork, no file creation, and no
 * open() at all unless Landlock confines it to the read-only folders.
 */
#ifndef DAEMON_SANDBOX_H
#define DAEMON_SANDBOX_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"

struct sandbox_limits {
	uint64_t memory;       /* RLIMIT_AS; 0 = leave (sanitizer builds) */
	unsigned cpu, cpu_max; /* RLIMIT_CPU soft / hard seconds */
	unsigned nofile;
};

enum err sandbox_rlimits(const struct sandbox_limits *, struct diag *);
/* Raises the CPU soft limit (within the hard one) once the worker knows
 * its page count; allowed by the filter for this process only. */
enum err sandbox_set_cpu(unsigned seconds, struct diag *);

/* The kernel's Landlock ABI version, 0 when there is none. */
int sandbox_landlock_abi(void);
/* Read-only access beneath each existing path of `paths`, nothing else.
 * *enforced is false (and ERR_OK) when the kernel has no Landlock. */
enum err sandbox_landlock(char *const *paths, bool *enforced, struct diag *);

/* `mode` is enum config_seccomp.  With `landlocked`, read-only open()s
 * are let through to Landlock; without it every open() fails EACCES. */
enum err sandbox_seccomp(unsigned mode, bool landlocked, struct diag *);

#endif
