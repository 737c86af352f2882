/* SPDX-License-Identifier: MIT */
/*
 * The daemon's configuration: a GKeyFile ("INI") file read through one
 * table of keys (group, name, type, default, bounds, help), so the sample
 * config, the man page, `reportd run --print-config` and the checks all
 * agree.  An unknown group or key, or a value out of bounds, is an error
 * naming file:line.  Command-line overrides go through the same table.
 */
#ifndef DAEMON_CONFIG_H
#define DAEMON_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

enum config_poll {
	CONFIG_POLL_AUTO,   /* inotify, but poll a network file system */
	CONFIG_POLL_ALWAYS, /* never trust inotify (polling only) */
	CONFIG_POLL_NEVER,  /* inotify even on a network file system */
};

enum config_seccomp {
	CONFIG_SECCOMP_KILL, /* a forbidden system call kills the worker */
	CONFIG_SECCOMP_LOG,  /* allowed but logged by the kernel (tuning) */
	CONFIG_SECCOMP_OFF,  /* no filter (debugging only) */
};

struct config {
	/* [paths] */
	char *root, *inbox, *spool, *outbox, *done, *quarantine, *database;
	/* [inbox] */
	unsigned settle_seconds, rescan_seconds, poll_seconds, depth;
	unsigned poll; /* enum config_poll */
	char **ignore; /* NULL-terminated glob patterns */
	/* [worker] */
	unsigned workers, attempts, stop_seconds;
	unsigned seccomp; /* enum config_seccomp */
	char *program, *user;
	char **read_paths;
	/* [limits] */
	uint64_t file_size, memory, result_size;
	unsigned cpu_seconds, cpu_per_page, cpu_max;
	unsigned wall_seconds, wall_per_page, wall_max;
	unsigned pages;
	/* [ocr] */
	char *ocr_languages, *tessdata;
	unsigned ocr_dpi;
	/* [indicators]: the office's own; empty for the built-in ones */
	char *catalogue, *rules;
	/* [review] */
	char *review_listen;
	char *review_token_file;
	/* [log] */
	unsigned log_level; /* enum log_level */
};

enum config_type {
	CONFIG_STRING,
	CONFIG_PATH, /* relative paths are taken from the file's folder */
	CONFIG_UINT,
	CONFIG_SIZE, /* bytes, with an optional KiB/MiB/GiB suffix */
	CONFIG_CHOICE,
	CONFIG_LIST, /* ';'-separated */
};

struct config_key {
	const char *group, *name;
	enum config_type type;
	size_t offset;
	const char *def; /* as written in the file */
	uint64_t min, max;
	const char *const *choices; /* CONFIG_CHOICE, NULL-terminated */
	bool reloadable;            /* takes effect on SIGHUP */
	const char *help;
};

/* The table, in file order. */
const struct config_key *config_keys(size_t *n);

/* Defaults for every key (paths not yet derived from root). */
void config_init(struct config *);
void config_fini(struct config *);
/* A deep copy of `src` into `dst` (uninitialised). */
void config_copy(struct config *dst, const struct config *src);

/*
 * Applies the key file text `text` (`len` bytes, need not end in NUL)
 * over `cfg`.  `name` names the text in messages ("reportd.conf:12:
 * ..."); relative paths are resolved against `base_dir`.  On error `cfg`
 * may be partly updated; callers load into a scratch copy.
 */
enum err config_load_text(struct config *, const char *text, size_t len,
    const char *name, const char *base_dir, struct diag *);
enum err config_load_file(struct config *, const char *path, struct diag *);

/* One override "group.key" = value (command line: relative paths are
 * taken from the current folder). */
enum err config_set(
    struct config *, const char *dotted, const char *value, struct diag *);

/* Fills empty paths from `root` and checks relations between keys
 * (cpu_seconds <= cpu_seconds_max, ...). */
enum err config_finish(struct config *, struct diag *);

/* The effective configuration as key file text (g_free). */
char *config_format(const struct config *);

/* True when every [paths] key is equal (a reload cannot move them). */
bool config_same_paths(const struct config *, const struct config *);

/* "1.5 GiB" style text for a byte count, into buf. */
const char *config_format_size(char *buf, size_t cap, uint64_t bytes);

#endif
