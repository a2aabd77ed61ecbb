// SPDX-License-Identifier: GPL-2.0
/* Unit tests of -batch: splitting lines into words, and a whole batch file
 * up to its first failing line (which fails in the parser, so no kernel is
 * needed and nothing after it may run).
 */
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "kips.h"
#include "unit.h"

static int split(const char *line, char **argv, char *copy, size_t size)
{
	snprintf(copy, size, "%s", line);
	kips_last_err[0] = 0;
	return kips_batch_split(copy, argv, 16);
}

static void test_split(void)
{
	char copy[256], *argv[16];

	CHECK_U64("blank line", 0, split("   \t\n", argv, copy, sizeof(copy)));
	CHECK_U64("comment line", 0, split("# sa add src ...", argv, copy, sizeof(copy)));
	CHECK_U64("comment after words", 2, split("sa show # all of them", argv, copy, sizeof(copy)));
	CHECK("words", split("sa  add\tsrc 1.2.3.4\n", argv, copy, sizeof(copy)) == 4 &&
	      !strcmp(argv[0], "sa") && !strcmp(argv[1], "add") && !strcmp(argv[3], "1.2.3.4"));
	CHECK("double quotes", split("a \"b c\" d", argv, copy, sizeof(copy)) == 3 &&
	      !strcmp(argv[1], "b c") && !strcmp(argv[2], "d"));
	CHECK("single quotes keep backslash", split("'a\\b'", argv, copy, sizeof(copy)) == 1 &&
	      !strcmp(argv[0], "a\\b"));
	CHECK("backslash escapes blank", split("a\\ b c", argv, copy, sizeof(copy)) == 2 &&
	      !strcmp(argv[0], "a b"));
	CHECK("hash inside a word", split("a#b", argv, copy, sizeof(copy)) == 1 && !strcmp(argv[0], "a#b"));
	CHECK("empty quoted word", split("a \"\" b", argv, copy, sizeof(copy)) == 3 && argv[1][0] == 0);
	CHECK("unterminated quote", split("a \"b", argv, copy, sizeof(copy)) == -1 &&
	      strstr(kips_last_err, "unterminated \" quote"));
	CHECK("too many words", split("1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17", argv, copy, sizeof(copy)) == -1 &&
	      strstr(kips_last_err, "more than 16 words"));
}

/* Runs a batch with its output (the help lines) sent to /dev/null. */
static int batch_quiet(struct kips_ctx *ctx, const char *path)
{
	int saved, null, ret;

	fflush(stdout);
	saved = dup(1);
	null = open("/dev/null", O_WRONLY);
	dup2(null, 1);
	close(null);
	ret = kips_batch(ctx, path);
	fflush(stdout);
	dup2(saved, 1);
	close(saved);
	return ret;
}

/* A batch stops at its first bad line and names it; later lines do not
 * run (their mistakes are never reported).
 */
static void test_batch_stops(void)
{
	char path[] = "/tmp/kips-test-batch-XXXXXX";
	struct kips_ctx ctx = { 0 };
	int fd = mkstemp(path), ret;
	FILE *f;

	if (!unit_check(fd >= 0, "batch temp file", "mkstemp failed"))
		return;
	f = fdopen(fd, "w");
	fputs("# comment\n\nsa help\n  policy help  \nsa add spi bogus\nsa add spi other\n", f);
	fclose(f);
	jw_init(&ctx.jw, stdout);
	ret = batch_quiet(&ctx, path);
	CHECK_U64("batch status is the failing line's", KIPS_EXIT_USAGE, ret);
	unit_check(strstr(kips_last_err, ":5: spi: expected a number 256..4294967295, got 'bogus'") != NULL,
		   "batch names file and line", "got '%s'", kips_last_err);
	CHECK("batch stopped at the failure", !strstr(kips_last_err, "other"));

	ctx.force = true;
	ret = batch_quiet(&ctx, path);
	unit_check(strstr(kips_last_err, ":6: spi: expected a number 256..4294967295, got 'other'") != NULL,
		   "batch -force goes on", "got '%s'", kips_last_err);
	CHECK_U64("batch -force status", KIPS_EXIT_USAGE, ret);
	unlink(path);
	ret = kips_batch(&ctx, path);
	CHECK("batch missing file", ret != 0 && strstr(kips_last_err, "cannot open"));
}

int main(void)
{
	unit_suite = "batch";
	kips_err_quiet = true;
	test_split();
	test_batch_stops();
	return unit_exit();
}
