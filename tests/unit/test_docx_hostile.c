/* SPDX-License-Identifier: MIT */
/*
 * docx_hostile: hostile DOCX files, generated here, each fed to
 * `reportd extract` in a child process.  Each must be rejected (exit
 * status 1) with a message, within 1 second of wall time and 100 MB of
 * memory, and never show what it tried to read (/etc/passwd).
 *
 * Memory is the child's peak RSS from wait4().  Under AddressSanitizer
 * RSS also holds shadow memory and the quarantine of freed blocks, so
 * there the check is on the growth over the same binary reading a small
 * valid DOCX (the baseline): a bomb that inflated its 100 MiB would
 * still show as growth in both builds.  The normal build checks the
 * absolute peak as well.
 *
 * The children are started by a runner process forked at start-up (see
 * runner_start).  The binary is $REPORTD, or ../daemon/reportd beside
 * this test.
 */
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tests/check.h"
#include "tests/unit/test_docx_pkg.h"

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif
#ifndef UNDER_ASAN
#define UNDER_ASAN 0
#endif

/* CPU seconds, not wall time: a refusal does bounded work whatever else
 * the machine is doing; an unbounded inflate or entity expansion would
 * take minutes.  How fast refusals are is for bench/, not for a test. */
#define LIMIT_CPU_SECONDS 5.0
#define LIMIT_KB          (100L * 1024)

static char *tmpdir;
static char reportd[4096];
static long baseline_kb;

struct run {
	int status; /* exit status, or -1 */
	double secs, cpu_secs;
	long maxrss_kb;
	char *out; /* stdout + stderr */
};

static bool
find_reportd(void)
{
	const char *env = getenv("REPORTD");
	char self[2048];
	ssize_t n;

	if (env != NULL) {
		(void)g_strlcpy(reportd, env, sizeof reportd);
		return access(reportd, X_OK) == 0;
	}
	n = readlink("/proc/self/exe", self, sizeof self - 1);
	if (n <= 0)
		return false;
	self[n] = '\0';
	*strrchr(self, '/') = '\0';
	(void)snprintf(reportd, sizeof reportd, "%s/../daemon/reportd", self);
	return access(reportd, X_OK) == 0;
}

/*
 * ru_maxrss of a child counts the pages it shared with its parent before
 * exec, so children are started by a runner forked at start-up, while
 * this process is still small, not by this process once it has built a
 * 200 MiB bomb.  The runner reads a path from `runner_in` and answers on
 * `runner_out` with a struct run_reply.
 */
struct run_reply {
	int status;
	double secs, cpu_secs;
	long maxrss_kb;
};

static int runner_in = -1, runner_out = -1;
static pid_t runner_pid = -1;

static void
runner_one(const char *file, const char *outpath, struct run_reply *rep)
{
	struct timespec t0, t1;
	struct rusage ru;
	pid_t pid;
	int st = 0, fd;

	rep->status = -1;
	rep->secs = 0;
	rep->cpu_secs = 0;
	rep->maxrss_kb = 0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid = fork();
	if (pid == 0) {
		fd = open(outpath, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		if (fd < 0)
			_exit(126);
		(void)dup2(fd, 1);
		(void)dup2(fd, 2);
		execl(reportd, reportd, "extract", file, (char *)NULL);
		_exit(127);
	}
	if (pid > 0 && wait4(pid, &st, 0, &ru) == pid) {
		clock_gettime(CLOCK_MONOTONIC, &t1);
		rep->secs = (double)(t1.tv_sec - t0.tv_sec) +
		    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
		rep->cpu_secs =
		    (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
		    (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
		rep->maxrss_kb = ru.ru_maxrss;
		rep->status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	}
}

static bool
runner_start(void)
{
	int to_runner[2], from_runner[2];

	if (pipe(to_runner) != 0 || pipe(from_runner) != 0)
		return false;
	runner_pid = fork();
	if (runner_pid < 0)
		return false;
	if (runner_pid == 0) {
		char path[4096], outpath[4200];
		size_t n;
		struct run_reply rep;

		close(to_runner[1]);
		close(from_runner[0]);
		for (;;) {
			if (read(to_runner[0], &n, sizeof n) != sizeof n ||
			    n >= sizeof path ||
			    read(to_runner[0], path, n) != (ssize_t)n)
				_exit(0);
			path[n] = '\0';
			(void)snprintf(outpath, sizeof outpath, "%s.out", path);
			runner_one(path, outpath, &rep);
			if (write(from_runner[1], &rep, sizeof rep) !=
			    sizeof rep)
				_exit(1);
		}
	}
	close(to_runner[0]);
	close(from_runner[1]);
	runner_in = to_runner[1];
	runner_out = from_runner[0];
	return true;
}

static void
runner_stop(void)
{
	if (runner_in >= 0)
		close(runner_in);
	if (runner_out >= 0)
		close(runner_out);
	if (runner_pid > 0)
		(void)waitpid(runner_pid, NULL, 0);
}

static void
run_extract(const char *file, struct run *r)
{
	gchar *outpath = g_strdup_printf("%s.out", file);
	struct run_reply rep;
	size_t n = strlen(file);

	memset(r, 0, sizeof *r);
	r->status = -1;
	if (write(runner_in, &n, sizeof n) == sizeof n &&
	    write(runner_in, file, n) == (ssize_t)n &&
	    read(runner_out, &rep, sizeof rep) == sizeof rep) {
		r->status = rep.status;
		r->secs = rep.secs;
		r->cpu_secs = rep.cpu_secs;
		r->maxrss_kb = rep.maxrss_kb;
	}
	if (!g_file_get_contents(outpath, &r->out, NULL, NULL))
		r->out = g_strdup("");
	g_free(outpath);
}

static char *
write_file(const char *name, const void *data, size_t len)
{
	gchar *path = g_build_filename(tmpdir, name, NULL);

	if (!g_file_set_contents(path, data, (gssize)len, NULL)) {
		g_free(path);
		return NULL;
	}
	return path;
}

static char *
write_docx(
    const char *name, const char *document, const struct pkg_entry *extra)
{
	struct pkg_docx pd = { document, NULL, NULL, NULL, NULL, extra };
	uint8_t *zip;
	size_t len;
	char *path;

	zip = pkg_docx(&pd, &len);
	if (zip == NULL)
		return NULL;
	path = write_file(name, zip, len);
	free(zip);
	return path;
}

/* Runs one hostile file and checks the refusal and its cost. */
static void
expect_refused(
    const char *what, const char *path, const char *msg_part, const char *never)
{
	struct run r;

	if (path == NULL) {
		fprintf(stderr, "%s: could not write the test file\n", what);
		CHECK(0);
		return;
	}
	run_extract(path, &r);
	printf("%-22s exit %d  %.3f s (%.3f s CPU)  %ld KB peak (+%ld KB)\n",
	    what, r.status, r.secs, r.cpu_secs, r.maxrss_kb,
	    r.maxrss_kb - baseline_kb);
	if (r.status != 1 || strstr(r.out, "\"status\":\"rejected\"") == NULL) {
		fprintf(stderr, "%s: not rejected: %s\n", what, r.out);
		CHECK(0);
	}
	if (msg_part != NULL && strstr(r.out, msg_part) == NULL) {
		fprintf(stderr, "%s: message lacks \"%s\": %s\n", what,
		    msg_part, r.out);
		CHECK(0);
	}
	if (never != NULL && never[0] != '\0' && strstr(r.out, never) != NULL) {
		fprintf(stderr, "%s: output shows \"%s\"\n", what, never);
		CHECK(0);
	}
	CHECK(r.cpu_secs < LIMIT_CPU_SECONDS);
	CHECK(r.maxrss_kb - baseline_kb < LIMIT_KB);
	if (!UNDER_ASAN)
		CHECK(r.maxrss_kb < LIMIT_KB);
	g_free(r.out);
}

#define DOC_HEAD                                                               \
	"<w:document xmlns:w=\"http://schemas.openxmlformats.org/"             \
	"wordprocessingml/2006/main\"><w:body>"
#define DOC_TAIL "</w:body></w:document>"

static void
test_docx_hostile_baseline(void)
{
	char *path = write_docx("ok.docx",
	    DOC_HEAD "<w:p><w:r><w:t>Báo cáo</w:t></w:r></w:p>" DOC_TAIL, NULL);
	struct run r;

	run_extract(path, &r);
	CHECK(r.status == 0);
	baseline_kb = r.maxrss_kb;
	printf("baseline (valid DOCX)  exit %d  %.3f s  %ld KB peak%s\n",
	    r.status, r.secs, r.maxrss_kb,
	    UNDER_ASAN ? " (AddressSanitizer build)" : "");
	g_free(r.out);
	g_free(path);
}

/* word/document.xml of `mib` MiB of zeros: about 1/1000 of it packed. */
static char *
write_bomb(const char *name, size_t mib)
{
	size_t n = mib << 20;
	char *zeros = calloc(1, n);
	struct pkg_entry e[] = {
		{ "[Content_Types].xml", "<Types/>", 0 },
		{ "word/document.xml", zeros, n },
		{ NULL, NULL, 0 },
	};
	uint8_t *zip;
	size_t len = 0;
	char *path = NULL;

	if (zeros == NULL)
		return NULL;
	memcpy(zeros, "<w:document>", 12);
	zip = pkg_zip(e, false, &len);
	if (zip != NULL)
		path = write_file(name, zip, len);
	free(zip);
	free(zeros);
	return path;
}

static void
test_docx_hostile_zip_bomb(void)
{
	char *path;

	/* Under the 64 MiB part cap: the ratio cap must stop it while
	 * inflating, soon after the first MiB. */
	path = write_bomb("bomb60.docx", 60);
	expect_refused("zip bomb 60 MiB", path, "zip bomb", NULL);
	g_free(path);
	/* Over the part cap: refused on its declared size. */
	path = write_bomb("bomb200.docx", 200);
	expect_refused("zip bomb 200 MiB", path, "limit", NULL);
	g_free(path);
}

/* The first line of /etc/passwd, which must never show. */
static char *
passwd_line(void)
{
	gchar *s = NULL, *nl;

	if (!g_file_get_contents("/etc/passwd", &s, NULL, NULL))
		return g_strdup("root:x:0:0");
	nl = strchr(s, '\n');
	if (nl != NULL)
		*nl = '\0';
	return s;
}

static void
test_docx_hostile_xxe(void)
{
	char *secret = passwd_line();
	char *path;

	path = write_docx("xxe.docx",
	    "<?xml version=\"1.0\"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "
	    "\"file:///etc/passwd\">]>" DOC_HEAD
	    "<w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>" DOC_TAIL,
	    NULL);
	expect_refused("XXE entity", path, "DOCTYPE", secret);
	g_free(path);

	path = write_docx("xxe-dtd.docx",
	    "<?xml version=\"1.0\"?><!DOCTYPE w:document SYSTEM "
	    "\"file:///etc/passwd\">" DOC_HEAD
	    "<w:p><w:r><w:t>x</w:t></w:r></w:p>" DOC_TAIL,
	    NULL);
	expect_refused("XXE external DTD", path, "DOCTYPE", secret);
	g_free(path);

	path = write_docx("xxe-param.docx",
	    "<?xml version=\"1.0\"?><!DOCTYPE w:document [<!ENTITY % p SYSTEM "
	    "\"file:///etc/passwd\"> %p;]>" DOC_HEAD DOC_TAIL,
	    NULL);
	expect_refused("XXE parameter entity", path, NULL, secret);
	g_free(path);
	g_free(secret);
}

static void
test_docx_hostile_billion_laughs(void)
{
	char *path = write_docx("laughs.docx",
	    "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
	    "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
	    "<!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">"
	    "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">"
	    "<!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">"
	    "<!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">"
	    "<!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">"
	    "<!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">"
	    "<!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">"
	    "<!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">"
	    "]>" DOC_HEAD "<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>" DOC_TAIL,
	    NULL);

	expect_refused("billion laughs", path, "DOCTYPE", "lollollol");
	g_free(path);
}

static void
test_docx_hostile_zip_slip(void)
{
	static const struct pkg_entry slip[] = {
		{ "../../../../tmp/reportd-slip.xml", "<x/>", 0 },
		{ NULL, NULL, 0 },
	};
	char *path = write_docx("slip.docx",
	    DOC_HEAD "<w:p><w:r><w:t>x</w:t></w:r></w:p>" DOC_TAIL, slip);

	expect_refused("zip slip", path, "outside the package", NULL);
	CHECK(access("/tmp/reportd-slip.xml", F_OK) != 0);
	g_free(path);
}

static void
test_docx_hostile_nested_tables(void)
{
	GString *s = g_string_new(DOC_HEAD);
	char *path;
	int i;

	for (i = 0; i < 200; i++)
		g_string_append(s, "<w:tbl><w:tr><w:tc>");
	g_string_append(s, "<w:p/>");
	for (i = 0; i < 200; i++)
		g_string_append(s, "</w:tc></w:tr></w:tbl>");
	g_string_append(s, DOC_TAIL);
	path = write_docx("nested200.docx", s->str, NULL);
	expect_refused("200 nested tables", path, "deep", NULL);
	g_free(path);
	g_string_free(s, TRUE);

	/* Deep enough for the table cap, shallow for the XML cap. */
	s = g_string_new(DOC_HEAD);
	for (i = 0; i < 40; i++)
		g_string_append(s, "<w:tbl><w:tr><w:tc>");
	g_string_append(s, "<w:p/>");
	for (i = 0; i < 40; i++)
		g_string_append(s, "</w:tc></w:tr></w:tbl>");
	g_string_append(s, DOC_TAIL);
	path = write_docx("nested40.docx", s->str, NULL);
	expect_refused(
	    "40 nested tables", path, "tables nested more than", NULL);
	g_free(path);
	g_string_free(s, TRUE);
}

static void
test_docx_hostile_truncated_and_random(void)
{
	struct pkg_docx pd = { DOC_HEAD "<w:p><w:r><w:t>Báo cáo quý I năm "
					"2024</w:t></w:r></w:p>" DOC_TAIL,
		NULL, NULL, NULL, NULL, NULL };
	uint8_t *zip, *rnd;
	size_t len = 0, i;
	char *path;
	uint32_t x = 2024;

	zip = pkg_docx(&pd, &len);
	path = zip != NULL ? write_file("truncated.docx", zip, len * 6 / 10)
			   : NULL;
	expect_refused("truncated archive", path, NULL, NULL);
	free(zip);
	g_free(path);

	/* Random bytes behind a zip signature and the name the sniffer
	 * looks for, so they reach the DOCX reader. */
	rnd = malloc(65536);
	for (i = 0; i < 65536; i++) {
		x = x * 1664525u + 1013904223u;
		rnd[i] = (uint8_t)(x >> 24);
	}
	memcpy(rnd, "PK\3\4\x14\0\0\0\x08\0word/document.xml", 27);
	memcpy(rnd + 40000, "PK\5\6", 4);
	path = write_file("random.docx", rnd, 65536);
	expect_refused("random bytes", path, NULL, NULL);
	free(rnd);
	g_free(path);
}

static void
test_docx_hostile_deep_xml(void)
{
	GString *s = g_string_new(DOC_HEAD);
	char *path;
	int i;

	for (i = 0; i < 100000; i++)
		g_string_append(s, "<w:sdt>");
	path = write_docx("deep.docx", s->str, NULL);
	expect_refused("100000-deep XML", path, "deep", NULL);
	g_free(path);
	g_string_free(s, TRUE);
}

static void
cleanup(void)
{
	GDir *d = g_dir_open(tmpdir, 0, NULL);
	const char *name;

	while (d != NULL && (name = g_dir_read_name(d)) != NULL) {
		gchar *p = g_build_filename(tmpdir, name, NULL);

		(void)unlink(p);
		g_free(p);
	}
	if (d != NULL)
		g_dir_close(d);
	(void)rmdir(tmpdir);
	g_free(tmpdir);
}

int
main(void)
{
	if (!find_reportd()) {
		fprintf(stderr, "reportd not found at %s\n", reportd);
		return 1;
	}
	tmpdir = g_dir_make_tmp("reportd-hostile-XXXXXX", NULL);
	if (tmpdir == NULL || !runner_start())
		return 1;
	RUN(test_docx_hostile_baseline);
	RUN(test_docx_hostile_zip_bomb);
	RUN(test_docx_hostile_xxe);
	RUN(test_docx_hostile_billion_laughs);
	RUN(test_docx_hostile_zip_slip);
	RUN(test_docx_hostile_nested_tables);
	RUN(test_docx_hostile_truncated_and_random);
	RUN(test_docx_hostile_deep_xml);
	runner_stop();
	cleanup();
	return check_done();
}
