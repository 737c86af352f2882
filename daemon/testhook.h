/* SPDX-License-Identifier: MIT */
/*
 * Test hooks, linked into reportd-worker-test only.  A document whose
 * first line is "#reportd-test-hook ACTION [ARG]" makes the sandboxed
 * worker misbehave on purpose, so the tests exercise the supervisor's
 * handling of each failure honestly:
 *
 *   crash | abort | exit      SIGSEGV, SIGABRT, exit(1) without result
 *   hang | spin               sleep or burn CPU until killed
 *   alloc                     allocate until the memory limit stops it
 *   garbage | bigframe | partial | twice
 *                             malformed results on the pipe
 *   open | write | socket | exec | fork
 *                             forbidden operations (the first two
 *                             report in the record whether they failed)
 *   sleep MS                  wait, then read the document normally
 *   pages N MS                report N pages, wait MS, then a record
 *   ok                        a record with indicators and a flag built
 *                             from the following "key=value" lines
 *                             (issuer, period, from, to, value)
 */
#ifndef DAEMON_TESTHOOK_H
#define DAEMON_TESTHOOK_H

#include <stddef.h>
#include <stdint.h>

int testhook_run(
    const uint8_t *data, size_t len, int result_fd, const char *name);

#endif
