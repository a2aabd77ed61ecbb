// SPDX-License-Identifier: GPL-2.0
/* kips policy: the security policy database. */
#include <stdio.h>
#include <string.h>

#include "args.h"
#include "kips.h"
#include "print.h"

static int policy_add(struct kips_ctx *ctx, int argc, char **argv);
static int policy_set(struct kips_ctx *ctx, int argc, char **argv);
static int policy_del(struct kips_ctx *ctx, int argc, char **argv);
static int policy_get(struct kips_ctx *ctx, int argc, char **argv);
static int policy_show(struct kips_ctx *ctx, int argc, char **argv);
static int policy_flush(struct kips_ctx *ctx, int argc, char **argv);
static int policy_help(struct kips_ctx *ctx, int argc, char **argv);

static const struct kips_subcmd policy_cmds[] = {
	{ "add", policy_add, "add dir DIR [ SELECTOR ] [ priority N ] [ index N ] [ action ACTION ] [ TMPL ]..." },
	{ "set", policy_set, "set index N dir DIR [ SELECTOR ] [ priority N ] [ action ACTION ] [ TMPL ]..." },
	{ "del", policy_del, "del { index N | dir DIR [ SELECTOR ] [ priority N ] }" },
	{ "get", policy_get, "get { index N | dir DIR [ SELECTOR ] [ priority N ] }" },
	{ "show", policy_show, "show [ dir DIR ]" },
	{ "flush", policy_flush, "flush [ dir DIR ]" },
	{ "help", policy_help, "help" },
	{ "delete", policy_del, NULL },
	{ "update", policy_set, NULL },
	{ "list", policy_show, NULL },
	{ "ls", policy_show, NULL },
	{ NULL, NULL, NULL },
};

void kips_policy_usage(FILE *f)
{
	const struct kips_subcmd *c;

	for (c = policy_cmds; c->name; c++)
		if (c->grammar)
			fprintf(f, "%s kips policy %s\n", c == policy_cmds ? "Usage:" : "      ",
				c->grammar);
	fprintf(f,
		"DIR := { in | out | fwd }\n"
		"SELECTOR := [ src PREFIX ] [ dst PREFIX ]\n"
		"            [ proto IPPROTO [ sport PORT[-PORT] ] [ dport PORT[-PORT] ] ]\n"
		"            [ proto { icmp | ipv6-icmp } [ type N ] [ code N ] ]\n"
		"            (no selector: all traffic)\n"
		"ACTION := { protect | bypass | discard }      (default protect)\n"
		"TMPL := tmpl proto { esp | ah } [ mode { transport | tunnel } ]\n"
		"            [ src ADDR dst ADDR ] [ reqid N ] [ spi SPI ]\n"
		"        (tunnel mode: src and dst are the tunnel's ends; a template takes\n"
		"         the words after it, so the selector comes first; two templates,\n"
		"         inner first, make an AH+ESP bundle)\n"
		"priority: lower wins (default 0); index: chosen by the kernel when absent\n"
		"del and get by dir: the selector and priority must be those of the policy\n"
		"PREFIX := ADDR[/LEN]      ADDR := an IPv4 or IPv6 address\n"
		"IPPROTO := { tcp | udp | icmp | ipv6-icmp | sctp | udplite | gre | ... | NUMBER }\n");
}

static int policy_help(struct kips_ctx *ctx, int argc, char **argv)
{
	(void)ctx;
	(void)argc;
	(void)argv;
	kips_policy_usage(stdout);
	return KIPS_EXIT_OK;
}

static bool parse(int argc, char **argv, enum policy_cmd cmd, const char *what,
		  struct kips_policy *pol)
{
	struct kips_args a = { argc - 1, argv + 1 };

	memset(pol, 0, sizeof(*pol));
	return policy_args_parse(&a, cmd, what, pol);
}

struct print_ctx {
	struct kips_ctx *ctx;
	unsigned int printed;
};

static int print_cb(const struct nlmsghdr *nlh, void *data)
{
	struct print_ctx *p = data;
	struct kips_policy pol;

	if (!kips_policy_parse(nlh, &pol)) {
		snprintf(p->ctx->nl.err, sizeof(p->ctx->nl.err),
			 "the kernel sent a malformed policy message");
		return MNL_CB_ERROR;
	}
	if (!p->ctx->json && p->printed)
		putchar('\n');
	print_policy(p->ctx, NULL, &pol);
	p->printed++;
	return MNL_CB_OK;
}

/* Sends the policy of `policy CMD ARGS` as @genl_cmd; replies, if any, are
 * printed (get).
 */
static int policy_request(struct kips_ctx *ctx, int argc, char **argv, uint8_t genl_cmd,
			  enum policy_cmd cmd, const char *what, bool print)
{
	struct print_ctx p = { .ctx = ctx };
	struct kips_policy pol;
	struct nlmsghdr *nlh;

	if (!parse(argc, argv, cmd, what, &pol))
		return KIPS_EXIT_USAGE;
	if (!kips_connect(ctx))
		return KIPS_EXIT_FAIL;
	nlh = kips_nl_new(&ctx->nl, genl_cmd, 0);
	kips_policy_put(nlh, &pol);
	if (kips_nl_call(&ctx->nl, nlh, print ? print_cb : NULL, &p) < 0)
		return kips_nl_report(ctx, what);
	if (!print)
		return KIPS_EXIT_OK;
	if (!p.printed)
		return kips_err("%s: the kernel returned no policy", what);
	if (ctx->json)
		jw_end(&ctx->jw);
	return KIPS_EXIT_OK;
}

static int policy_add(struct kips_ctx *ctx, int argc, char **argv)
{
	return policy_request(ctx, argc, argv, KIPS_CMD_POLICY_NEW, POL_CMD_ADD,
			      "policy add", false);
}

static int policy_set(struct kips_ctx *ctx, int argc, char **argv)
{
	return policy_request(ctx, argc, argv, KIPS_CMD_POLICY_SET, POL_CMD_SET,
			      "policy set", false);
}

static int policy_del(struct kips_ctx *ctx, int argc, char **argv)
{
	return policy_request(ctx, argc, argv, KIPS_CMD_POLICY_DEL, POL_CMD_DEL,
			      "policy del", false);
}

static int policy_get(struct kips_ctx *ctx, int argc, char **argv)
{
	return policy_request(ctx, argc, argv, KIPS_CMD_POLICY_GET, POL_CMD_GET,
			      "policy get", true);
}

static int policy_flush(struct kips_ctx *ctx, int argc, char **argv)
{
	return policy_request(ctx, argc, argv, KIPS_CMD_POLICY_FLUSH, POL_CMD_FLUSH,
			      "policy flush", false);
}

static int policy_show(struct kips_ctx *ctx, int argc, char **argv)
{
	struct print_ctx p = { .ctx = ctx };
	struct kips_policy filter;
	struct nlmsghdr *nlh;
	int ret = KIPS_EXIT_OK;

	if (!parse(argc, argv, POL_CMD_SHOW, "policy show", &filter))
		return KIPS_EXIT_USAGE;
	if (!kips_connect(ctx))
		return KIPS_EXIT_FAIL;
	nlh = kips_nl_new(&ctx->nl, KIPS_CMD_POLICY_GET, NLM_F_DUMP);
	kips_policy_put(nlh, &filter);
	if (ctx->json)
		jw_arr_open(&ctx->jw, NULL);
	if (kips_nl_call(&ctx->nl, nlh, print_cb, &p) < 0)
		ret = kips_nl_report(ctx, "policy show");
	if (ctx->json) {
		jw_arr_close(&ctx->jw);
		jw_end(&ctx->jw);
	}
	fflush(stdout);
	return ret;
}

int kips_policy_main(struct kips_ctx *ctx, int argc, char **argv)
{
	const struct kips_subcmd *c;

	if (argc < 2)
		return policy_show(ctx, 1, (char *[]){ "show", NULL });
	c = kips_subcmd_find(policy_cmds, argv[1]);
	if (!c) {
		kips_err("policy: unknown command '%s' (see 'kips policy help')", argv[1]);
		return KIPS_EXIT_USAGE;
	}
	return c->run(ctx, argc - 1, argv + 1);
}
