// SPDX-License-Identifier: GPL-2.0
/*
 * The objects of the kips command (sa, policy, monitor, ...), their usage
 * text, and running one command line: what main() and -batch share.
 */
#include <stdio.h>
#include <string.h>

#include "kips.h"

static int help_main(struct kips_ctx *ctx, int argc, char **argv);

static const struct kips_subcmd objects[] = {
	{ "sa", kips_sa_main, "security associations: add, set, del, get, show, flush, allocspi" },
	{ "policy", kips_policy_main, "security policies: add, set, del, get, show, flush" },
	{ "monitor", kips_monitor_main, "print SA, policy and ACQUIRE events as they happen" },
	{ "stats", kips_stats_main, "the namespace's counters" },
	{ "version", kips_version_main, "the tool's and the module's version" },
	{ "help", help_main, "this help; 'kips OBJECT help' for an object's grammar" },
	{ NULL, NULL, NULL },
};

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

const struct kips_subcmd *kips_subcmd_find(const struct kips_subcmd *cmds,
					   const char *name)
{
	for (; cmds->name; cmds++)
		if (!strcmp(cmds->name, name))
			return cmds;
	return NULL;
}

void kips_usage(FILE *f)
{
	const struct kips_subcmd *c;

	fprintf(f,
		"Usage: kips [ OPTIONS ] OBJECT { COMMAND | help }\n"
		"       kips [ OPTIONS ] -batch { FILE | - }\n"
		"OPTIONS := { -j[son] | -s[tatistics] | -k[eys] | -n[etns] NAME | -force |\n"
		"             -V[ersion] | -h[elp] }\n"
		"OBJECT :=\n");
	for (c = objects; c->name; c++)
		fprintf(f, "    %-8s %s\n", c->name, c->grammar);
	fprintf(f, "\n");
	kips_sa_usage(f);
	fprintf(f, "\n");
	kips_policy_usage(f);
	fprintf(f, "\n");
	kips_monitor_usage(f);
	fprintf(f, "\nUsage: kips stats\nUsage: kips version\n");
}

static int help_main(struct kips_ctx *ctx, int argc, char **argv)
{
	(void)ctx;
	(void)argc;
	(void)argv;
	kips_usage(stdout);
	return KIPS_EXIT_OK;
}

int kips_run(struct kips_ctx *ctx, int argc, char **argv)
{
	const struct kips_subcmd *c = kips_subcmd_find(objects, argv[0]);

	if (!c) {
		kips_err("unknown object '%s' (try 'kips help')", argv[0]);
		return KIPS_EXIT_USAGE;
	}
	return c->run(ctx, argc, argv);
}
