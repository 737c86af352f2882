/* SPDX-License-Identifier: MIT */
/* daemon/config: the key table, file:line errors, sizes, the sample. */
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/config.h"
#include "tests/check.h"

static enum err
load(struct config *c, const char *text, struct diag *dg)
{
	diag_init(dg);
	return config_load_text(
	    c, text, strlen(text), "test.conf", "/base", dg);
}

static void
test_config_defaults_round_trip(void)
{
	struct config a, b;
	struct diag dg;
	char *t1, *t2;

	config_init(&a);
	config_init(&b);
	t1 = config_format(&a);
	CHECK(load(&b, t1, &dg) == ERR_OK);
	t2 = config_format(&b);
	CHECK_STR(t2, t1);
	CHECK(a.workers == 2 && a.attempts == 3);
	CHECK(a.memory == (uint64_t)1536 << 20);
	CHECK(a.settle_seconds == 5 && a.rescan_seconds == 60);
	CHECK(strstr(t1, "memory = 1.5GiB\n") != NULL);
	g_free(t1);
	g_free(t2);
	config_fini(&a);
	config_fini(&b);
}

static void
test_config_unknown_key_names_line(void)
{
	struct config c;
	struct diag dg;

	config_init(&c);
	CHECK(load(&c,
		  "# comment\n"
		  "[worker]\n"
		  "count = 4\n"
		  "\n"
		  "colour = blue\n",
		  &dg) == ERR_MALFORMED);
	CHECK(strstr(dg.msg, "test.conf:5:") != NULL);
	CHECK(strstr(dg.msg, "unknown key 'colour' in [worker]") != NULL);
	config_fini(&c);

	config_init(&c);
	CHECK(load(&c, "[worker]\ncount = 1\n[paint]\nx = 1\n", &dg) ==
	    ERR_MALFORMED);
	CHECK(strstr(dg.msg, "test.conf:3: unknown group [paint]") != NULL);
	config_fini(&c);
}

static void
test_config_bad_values_name_line(void)
{
	struct config c;
	struct diag dg;

	config_init(&c);
	CHECK(load(&c, "[worker]\n\ncount = many\n", &dg) == ERR_MALFORMED);
	CHECK(strstr(dg.msg, "test.conf:3: worker.count: 'many'") != NULL);
	config_fini(&c);

	config_init(&c);
	CHECK(load(&c, "[worker]\ncount = 0\n", &dg) == ERR_MALFORMED);
	CHECK(strstr(dg.msg, "from 1 to 64") != NULL);
	config_fini(&c);

	config_init(&c);
	CHECK(load(&c, "[inbox]\npoll = sometimes\n", &dg) == ERR_MALFORMED);
	CHECK(strstr(dg.msg,
		  "test.conf:2: inbox.poll: 'sometimes' is not one "
		  "of auto, always, never") != NULL);
	config_fini(&c);

	config_init(&c);
	CHECK(load(&c, "[limits]\nmemory = 3 bananas\n", &dg) == ERR_MALFORMED);
	CHECK(strstr(dg.msg, "test.conf:2: limits.memory") != NULL);
	config_fini(&c);

	config_init(&c);
	CHECK(load(&c, "[limits]\nmemory = 1MiB\n", &dg) == ERR_MALFORMED);
	CHECK(strstr(dg.msg, "from 256MiB") != NULL);
	config_fini(&c);
}

static void
test_config_shape_errors_name_line(void)
{
	struct config c;
	struct diag dg;

	config_init(&c);
	CHECK(load(&c, "count = 1\n", &dg) == ERR_MALFORMED);
	CHECK(strstr(dg.msg, "test.conf:1: a key before the first [group]") !=
	    NULL);
	config_fini(&c);

	config_init(&c);
	CHECK(load(&c, "[worker]\ncount 1\n", &dg) == ERR_MALFORMED);
	CHECK(strstr(dg.msg, "test.conf:2: expected 'key = value'") != NULL);
	config_fini(&c);

	config_init(&c);
	CHECK(load(&c, "[worker\n", &dg) == ERR_MALFORMED);
	CHECK(strstr(dg.msg, "test.conf:1: a group is written [name]") != NULL);
	config_fini(&c);

	config_init(&c);
	diag_init(&dg);
	CHECK(config_load_text(&c, "[worker]\ncount = 1\0\n", 20, "t.conf", "/",
		  &dg) == ERR_MALFORMED);
	CHECK(strstr(dg.msg, "t.conf:2: the line contains a NUL byte") != NULL);
	config_fini(&c);

	config_init(&c);
	CHECK(load(&c, "[ocr]\nlanguages = \xff\xfe\n", &dg) == ERR_MALFORMED);
	CHECK(
	    strstr(dg.msg, "test.conf:2: the line is not valid UTF-8") != NULL);
	config_fini(&c);
}

static void
test_config_sizes(void)
{
	struct config c;
	struct diag dg;
	char buf[32];

	config_init(&c);
	CHECK(load(&c,
		  "[limits]\nmemory = 2GiB\nfile_size = 64 MiB\n"
		  "result_size = 65536\n",
		  &dg) == ERR_OK);
	CHECK(c.memory == (uint64_t)2 << 30);
	CHECK(c.file_size == (uint64_t)64 << 20);
	CHECK(c.result_size == 65536);
	CHECK_STR(
	    config_format_size(buf, sizeof buf, (uint64_t)3 << 29), "1.5GiB");
	CHECK_STR(config_format_size(buf, sizeof buf, 1000), "1000");
	CHECK_STR(config_format_size(buf, sizeof buf, 65536), "64KiB");
	config_fini(&c);
}

static void
test_config_paths_and_overrides(void)
{
	struct config c;
	struct diag dg;

	config_init(&c);
	CHECK(
	    load(&c, "[paths]\nroot = data\ninbox = /srv/in\n", &dg) == ERR_OK);
	CHECK_STR(c.root, "/base/data");
	diag_init(&dg);
	CHECK(config_set(&c, "worker.count", "7", &dg) == ERR_OK);
	CHECK(c.workers == 7);
	CHECK(config_set(&c, "worker", "7", &dg) == ERR_MALFORMED);
	diag_init(&dg);
	CHECK(config_set(&c, "worker.colour", "7", &dg) == ERR_MALFORMED);
	CHECK(strstr(dg.msg, "unknown key 'worker.colour'") != NULL);
	diag_init(&dg);
	CHECK(config_finish(&c, &dg) == ERR_OK);
	CHECK_STR(c.inbox, "/srv/in");
	CHECK_STR(c.spool, "/base/data/spool");
	CHECK_STR(c.database, "/base/data/reportd.db");
	config_fini(&c);

	config_init(&c);
	CHECK(load(&c, "[limits]\ncpu_seconds = 100\ncpu_seconds_max = 50\n",
		  &dg) == ERR_OK);
	diag_init(&dg);
	CHECK(config_finish(&c, &dg) == ERR_MALFORMED);
	CHECK(strstr(dg.msg, "cpu_seconds (100)") != NULL);
	config_fini(&c);
}

/* [indicators]: empty by default (the built-in catalogue and rules),
 * paths from the file's folder, a reload may change them, mistakes at
 * file:line. */
static void
test_config_indicators(void)
{
	const struct config_key *keys;
	struct config c, copy;
	struct diag dg;
	size_t i, n, found = 0;
	char *text;

	config_init(&c);
	diag_init(&dg);
	CHECK(config_finish(&c, &dg) == ERR_OK);
	CHECK(c.catalogue == NULL || c.catalogue[0] == '\0');
	CHECK(c.rules == NULL || c.rules[0] == '\0');
	config_fini(&c);

	config_init(&c);
	CHECK(load(&c,
		  "[indicators]\ncatalogue = office/catalogue\n"
		  "rules = /etc/reportd/checks.tsv\n",
		  &dg) == ERR_OK);
	diag_init(&dg);
	CHECK(config_finish(&c, &dg) == ERR_OK);
	CHECK_STR(c.catalogue, "/base/office/catalogue");
	CHECK_STR(c.rules, "/etc/reportd/checks.tsv");
	config_copy(&copy, &c);
	CHECK_STR(copy.catalogue, "/base/office/catalogue");
	CHECK_STR(copy.rules, "/etc/reportd/checks.tsv");
	config_fini(&copy);
	text = config_format(&c);
	CHECK(strstr(text, "[indicators]\n") != NULL);
	CHECK(strstr(text, "catalogue = /base/office/catalogue\n") != NULL);
	g_free(text);
	diag_init(&dg);
	CHECK(config_set(&c, "indicators.rules", "", &dg) == ERR_OK);
	CHECK(c.rules == NULL || c.rules[0] == '\0');
	config_fini(&c);

	keys = config_keys(&n);
	for (i = 0; i < n; i++) {
		if (strcmp(keys[i].group, "indicators") != 0)
			continue;
		found++;
		CHECK(keys[i].type == CONFIG_PATH);
		CHECK(keys[i].reloadable);
	}
	CHECK(found == 2);

	config_init(&c);
	CHECK(load(&c, "[indicators]\ncatalogue = x\nlabels = y\n", &dg) ==
	    ERR_MALFORMED);
	CHECK(strstr(dg.msg,
		  "test.conf:3: unknown key 'labels' in "
		  "[indicators]") != NULL);
	config_fini(&c);
}

/* docs/reportd.conf.sample lists every key with its default. */
static void
test_config_sample_matches_table(void)
{
	const char *src = getenv("SRC");
	char *path, *text = NULL, *a, *b;
	struct config def, sample;
	const struct config_key *keys;
	struct diag dg;
	size_t n, i;

	if (src == NULL) {
		fprintf(stderr, "SRC not set: skipping the sample check\n");
		return;
	}
	path = g_build_filename(src, "docs", "reportd.conf.sample", NULL);
	CHECK(g_file_get_contents(path, &text, NULL, NULL));
	config_init(&def);
	config_init(&sample);
	diag_init(&dg);
	CHECK(config_load_file(&sample, path, &dg) == ERR_OK);
	if (dg.msg[0] != '\0')
		fprintf(stderr, "%s\n", dg.msg);
	a = config_format(&def);
	b = config_format(&sample);
	CHECK_STR(b, a);
	keys = config_keys(&n);
	for (i = 0; text != NULL && i < n; i++) {
		char *line = g_strdup_printf("\n%s =", keys[i].name);
		char *group = g_strdup_printf("[%s]", keys[i].group);

		if (strstr(text, line) == NULL || strstr(text, group) == NULL) {
			fprintf(stderr, "sample lacks %s.%s\n", keys[i].group,
			    keys[i].name);
			CHECK(0);
		}
		g_free(line);
		g_free(group);
	}
	g_free(a);
	g_free(b);
	g_free(text);
	g_free(path);
	config_fini(&def);
	config_fini(&sample);
}

/* docs/reportd.1 names every key as GROUP.KEY. */
static void
test_config_man_page_names_every_key(void)
{
	const char *src = getenv("SRC");
	const struct config_key *keys;
	char *path, *text = NULL;
	size_t n, i;

	if (src == NULL)
		return;
	path = g_build_filename(src, "docs", "reportd.1", NULL);
	CHECK(g_file_get_contents(path, &text, NULL, NULL));
	keys = config_keys(&n);
	for (i = 0; text != NULL && i < n; i++) {
		char *k = g_strdup_printf("%s.%s", keys[i].group, keys[i].name);

		if (strstr(text, k) == NULL) {
			fprintf(stderr, "reportd.1 lacks %s\n", k);
			CHECK(0);
		}
		g_free(k);
	}
	g_free(text);
	g_free(path);
}

int
main(void)
{
	RUN(test_config_defaults_round_trip);
	RUN(test_config_unknown_key_names_line);
	RUN(test_config_bad_values_name_line);
	RUN(test_config_shape_errors_name_line);
	RUN(test_config_sizes);
	RUN(test_config_paths_and_overrides);
	RUN(test_config_indicators);
	RUN(test_config_sample_matches_table);
	RUN(test_config_man_page_names_every_key);
	return check_done();
}
