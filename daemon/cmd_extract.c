/* SPDX-License-Identifier: MIT */
/*
 * `reportd extract [--out DIR] [--model] [--pretty] [--catalogue DIR]
 * [--rules FILE] FILE...`: one result record per file, as JSON Lines on
 * stdout or as DIR/NAME.json.
 */
#include "daemon/cmd_extract.h"

#include <getopt.h>
#include <glib.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/buf.h"
#include "core/doc_print.h"
#include "core/limits.h"
#include "daemon/office_indicators.h"
#include "daemon/pipeline.h"
#include "daemon/readfile.h"
#include "daemon/record_json.h"

void
cmd_extract_usage(void)
{
	printf(
	    "usage: reportd extract [--out DIR] [--model] [--pretty]\n"
	    "                       [--catalogue DIR] [--rules FILE] FILE...\n"
	    "\n"
	    "Reads each FILE (DOCX, PDF, PNG, JPEG or TIFF; the type is taken from\n"
	    "the content, not the name) and prints one result record per file as\n"
	    "JSON Lines (schema reportd.result/1, docs/result.schema.json).\n"
	    "\n"
	    "  -o, --out DIR   write DIR/NAME.json for each FILE instead of printing\n"
	    "  -m, --model     print the document model as readable text (tables as\n"
	    "                  grids) instead of the record, for debugging\n"
	    "  -p, --pretty    indent the JSON (one record then spans several lines)\n"
	    "  -c, --catalogue DIR\n"
	    "                  map with the indicator catalogue in DIR (indicators.tsv,\n"
	    "                  labels.tsv, sections.tsv, narrative.tsv; a copy of\n"
	    "                  data/catalogue extended by the office) instead of the\n"
	    "                  built-in one\n"
	    "  -r, --rules FILE\n"
	    "                  check with the consistency rules in FILE (the form of\n"
	    "                  data/rules/checks.tsv) instead of the built-in ones; the\n"
	    "                  catalogue takes its relations from them\n"
	    "  -h, --help      show this help\n"
	    "\n"
	    "Exit status: 0 every file was read; 1 at least one file was rejected\n"
	    "(its record says why); 2 usage error, or a mistake in the catalogue or\n"
	    "rules (reported as file:line); 3 at least one file could not be\n"
	    "processed (unreadable, out of memory); 4 an output could not be written.\n");
}

struct extract_opts {
	const char *out_dir;
	bool model, pretty;
	const char *catalogue_dir, *rules_path;
};

static int
emit(const struct extract_opts *o, const char *path, const char *text)
{
	char *dst, *base;
	struct diag dg;
	int rc = EXIT_ALL_OK;

	if (o->out_dir == NULL) {
		if (fputs(text, stdout) == EOF || fputc('\n', stdout) == EOF)
			return EXIT_OUTPUT;
		return EXIT_ALL_OK;
	}
	base = g_path_get_basename(path);
	dst = g_strdup_printf(
	    "%s/%s.%s", o->out_dir, base, o->model ? "model.txt" : "json");
	diag_init(&dg);
	if (writefile_atomic(dst, text, strlen(text), &dg) != ERR_OK) {
		fprintf(stderr, "reportd: %s\n", dg.msg);
		rc = EXIT_OUTPUT;
	}
	g_free(dst);
	g_free(base);
	return rc;
}

static int
extract_one(
    const struct extract_opts *o, const struct limits *lim, const char *path)
{
	struct arena *a = NULL;
	struct result *r;
	struct diag dg;
	uint8_t *data = NULL;
	size_t len = 0;
	char *json = NULL;
	int rc = EXIT_ALL_OK, wrc;
	enum err e;

	diag_init(&dg);
	a = arena_new(lim->arena_max);
	if (a == NULL) {
		fprintf(stderr, "reportd: %s: out of memory\n", path);
		return EXIT_FAILED;
	}
	e = readfile(path, lim->input_max, &data, &len, &dg);
	if (e != ERR_OK) {
		/* Still a record, so a script sees one line per file. */
		r = arena_alloc(a, sizeof *r);
		if (r == NULL) {
			rc = EXIT_FAILED;
			goto out;
		}
		r->source.name = path;
		r->status = e == ERR_IO ? RESULT_FAILED : RESULT_REJECTED;
		r->error_code = err_name(e);
		r->error_message = dg.msg;
		fprintf(stderr, "reportd: %s\n", dg.msg);
	} else {
		r = pipeline_run(data, len, path, lim, a);
		if (r == NULL) {
			fprintf(stderr, "reportd: %s: out of memory\n", path);
			rc = EXIT_FAILED;
			goto out;
		}
		if (r->status != RESULT_OK)
			fprintf(stderr, "reportd: %s: %s\n", path,
			    r->error_message);
	}
	if (r->status == RESULT_REJECTED)
		rc = EXIT_REJECTED;
	else if (r->status == RESULT_FAILED)
		rc = EXIT_FAILED;

	if (o->model) {
		struct buf b;

		if (r->doc == NULL)
			goto out;
		buf_init(&b, 0);
		(void)buf_printf(&b, "== %s\n", path);
		(void)doc_print(r->doc, &b);
		wrc = emit(o, path, buf_str(&b));
		buf_fini(&b);
	} else {
		json = record_json(r, o->pretty);
		if (json == NULL) {
			rc = EXIT_FAILED;
			goto out;
		}
		wrc = emit(o, path, json);
	}
	if (wrc != EXIT_ALL_OK)
		rc = wrc;
out:
	g_free(json);
	free(data);
	arena_free(a);
	return rc;
}

/* The worst status wins: output > failed > rejected > ok. */
static int
worse(int a, int b)
{
	static const int rank[] = { 0, 1, 0, 2, 3 };

	if (a < 0 || a > 4)
		return a;
	if (b < 0 || b > 4)
		return b;
	return rank[b] > rank[a] ? b : a;
}

int
cmd_extract(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "out", required_argument, NULL, 'o' },
		{ "model", no_argument, NULL, 'm' },
		{ "pretty", no_argument, NULL, 'p' },
		{ "catalogue", required_argument, NULL, 'c' },
		{ "rules", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct extract_opts o = { NULL, false, false, NULL, NULL };
	struct office_indicators oi;
	struct diag dg;
	struct limits lim;
	struct stat st;
	int ch, i, rc = EXIT_ALL_OK;

	optind = 1;
	while (
	    (ch = getopt_long(argc, argv, "o:mpc:r:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'o':
			o.out_dir = optarg;
			break;
		case 'm':
			o.model = true;
			break;
		case 'p':
			o.pretty = true;
			break;
		case 'c':
			o.catalogue_dir = optarg;
			break;
		case 'r':
			o.rules_path = optarg;
			break;
		case 'h':
			cmd_extract_usage();
			return EXIT_ALL_OK;
		default:
			fprintf(
			    stderr, "reportd: try 'reportd extract --help'\n");
			return EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		fprintf(stderr,
		    "reportd extract: no FILE given; try 'reportd extract --help'\n");
		return EXIT_USAGE;
	}
	if (o.out_dir != NULL &&
	    (stat(o.out_dir, &st) != 0 || !S_ISDIR(st.st_mode))) {
		fprintf(stderr,
		    "reportd extract: --out %s is not a folder; create it first\n",
		    o.out_dir);
		return EXIT_USAGE;
	}
	diag_init(&dg);
	if (office_indicators_load(&oi, o.catalogue_dir, o.rules_path, &dg) !=
	    ERR_OK) {
		fprintf(stderr, "reportd extract: %s\n", dg.msg);
		return EXIT_USAGE;
	}
	limits_default(&lim);
	for (i = optind; i < argc; i++)
		rc = worse(rc, extract_one(&o, &lim, argv[i]));
	if (fflush(stdout) != 0)
		rc = EXIT_OUTPUT;
	office_indicators_fini(&oi);
	return rc;
}
