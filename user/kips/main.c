// SPDX-License-Identifier: GPL-2.0
/*
 * kips: the ip-style command for the kips IPsec module.
 *
 *   kips [OPTIONS] OBJECT COMMAND [ARGS]
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "kips.h"

static int help_main(struct kips_ctx *ctx, int argc, char **argv);

static const struct kips_subcmd commands[] = {
	{ "version", kips_version_main, "show the tool's and the module's version" },
	{ "help", help_main, "show this help" },
};

int kips_err(const char *fmt, ...)
{
	va_list ap;

	fputs("kips: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return 1;
}

bool kips_connect(struct kips_ctx *ctx)
{
	if (ctx->nl_open)
		return true;
	if (kips_nl_open(&ctx->nl) < 0) {
		kips_err("%s", ctx->nl.err);
		return false;
	}
	ctx->nl_open = true;
	return true;
}

static void usage(FILE *f)
{
	size_t i;

	fprintf(f,
		"Usage: kips [ OPTIONS ] OBJECT { COMMAND | help }\n"
		"OPTIONS := { -j[son] | -s[tatistics] | -V[ersion] | -h[elp] }\n"
		"OBJECT :=\n");
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "    %-10s %s\n", commands[i].name, commands[i].help);
}

static int help_main(struct kips_ctx *ctx, int argc, char **argv)
{
	(void)ctx;
	(void)argc;
	(void)argv;
	usage(stdout);
	return 0;
}

static bool is_opt(const char *arg, const char *shortest, const char *full)
{
	return !strncmp(arg, full, strlen(arg)) && strlen(arg) >= strlen(shortest);
}

int main(int argc, char **argv)
{
	struct kips_ctx ctx = { 0 };
	const struct kips_subcmd *found = NULL;
	size_t i;
	int ret;

	jw_init(&ctx.jw, stdout);
	for (argc--, argv++; argc > 0 && argv[0][0] == '-'; argc--, argv++) {
		const char *opt = argv[0][1] == '-' ? argv[0] + 1 : argv[0];

		if (is_opt(opt, "-j", "-json"))
			ctx.json = true;
		else if (is_opt(opt, "-s", "-statistics"))
			ctx.stats++;
		else if (is_opt(opt, "-V", "-Version"))
			return printf("kips %s\n", KIPS_VERSION) < 0;
		else if (is_opt(opt, "-h", "-help")) {
			usage(stdout);
			return 0;
		} else {
			kips_err("unknown option '%s'", argv[0]);
			usage(stderr);
			return 2;
		}
	}
	if (argc == 0) {
		usage(stderr);
		return 2;
	}
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		if (!strcmp(argv[0], commands[i].name)) {
			found = &commands[i];
			break;
		}
	}
	if (!found) {
		kips_err("unknown object '%s' (try 'kips help')", argv[0]);
		return 2;
	}
	ret = found->run(&ctx, argc, argv);
	if (ctx.nl_open)
		kips_nl_close(&ctx.nl);
	return ret;
}
