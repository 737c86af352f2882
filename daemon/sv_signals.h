/* SPDX-License-Identifier: MIT */
/*
 * Signals, through the supervisor's signalfd: SIGTERM and SIGINT stop,
 * SIGHUP reloads the configuration (a broken one, or broken office
 * indicator files, is refused and the running one kept), SIGCHLD reaps.
 */
#ifndef DAEMON_SV_SIGNALS_H
#define DAEMON_SV_SIGNALS_H

#include <stdint.h>

#include "daemon/sv.h"

/* Handles every signal waiting on sv->sigfd. */
void sv_signals_read(struct sv *, int64_t now);

#endif
