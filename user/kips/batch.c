// SPDX-License-Identifier: GPL-2.0
/*
 * kips -batch FILE: one command a line ("sa add ...", "policy del ..."),
 * all over one netlink socket.  `#` starts a comment, blank lines are
 * skipped, words may be quoted ("..." or '...') and a backslash escapes the
 * next character.  The first failing line stops the batch (its message
 * says "FILE:LINE:"), unless -force: then every line runs and the status
 * says whether any failed.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kips.h"

#define BATCH_MAX_WORDS 256

int kips_batch_split(char *line, char **argv, int max)
{
	char *in = line, *out = line;
	int argc = 0;

	for (;;) {
		char quote = 0;

		while (*in == ' ' || *in == '\t' || *in == '\n' || *in == '\r')
			in++;
		if (!*in || *in == '#')
			break;
		if (argc == max) {
			kips_err("more than %d words on a line", max);
			return -1;
		}
		argv[argc++] = out;
		for (; *in; in++) {
			if (quote) {
				if (*in == quote)
					quote = 0;
				else if (*in == '\\' && quote == '"' && in[1])
					*out++ = *++in;
				else
					*out++ = *in;
			} else if (*in == '"' || *in == '\'') {
				quote = *in;
			} else if (*in == '\\' && in[1]) {
				*out++ = *++in;
			} else if (*in == ' ' || *in == '\t' || *in == '\n' || *in == '\r') {
				break;
			} else {
				*out++ = *in;
			}
		}
		if (quote) {
			kips_err("unterminated %c quote", quote);
			return -1;
		}
		/* The separator may be overwritten: `in` moves past it first. */
		if (*in)
			in++;
		*out++ = 0;
	}
	return argc;
}

int kips_batch(struct kips_ctx *ctx, const char *file)
{
	bool from_stdin = !strcmp(file, "-");
	const char *name = from_stdin ? "stdin" : file;
	FILE *f = from_stdin ? stdin : fopen(file, "r");
	char *argv[BATCH_MAX_WORDS];
	char *line = NULL;
	size_t cap = 0;
	unsigned int lineno = 0;
	int status = KIPS_EXIT_OK, ret, argc;

	if (!f)
		return kips_err("-batch: cannot open %s: %s", file, strerror(errno));
	while (getline(&line, &cap, f) >= 0) {
		lineno++;
		kips_err_set_location(name, lineno);
		argc = kips_batch_split(line, argv, BATCH_MAX_WORDS);
		if (argc == 0)
			continue;
		ret = argc < 0 ? KIPS_EXIT_USAGE : kips_run(ctx, argc, argv);
		if (ret) {
			status = ret;
			if (!ctx->force)
				break;
		}
	}
	if (ferror(f) && status == KIPS_EXIT_OK)
		status = kips_err("-batch: cannot read %s: %s", name, strerror(errno));
	kips_err_set_location(NULL, 0);
	/* Lines may have carried keys. */
	if (line)
		explicit_bzero(line, cap);
	free(line);
	if (!from_stdin)
		fclose(f);
	fflush(stdout);
	return status;
}
