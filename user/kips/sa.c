// SPDX-License-Identifier: GPL-2.0
/* kips sa: the security association database. */
#include <stdio.h>
#include <string.h>

#include "alg.h"
#include "args.h"
#include "kips.h"
#include "print.h"

static int sa_add(struct kips_ctx *ctx, int argc, char **argv);
static int sa_set(struct kips_ctx *ctx, int argc, char **argv);
static int sa_del(struct kips_ctx *ctx, int argc, char **argv);
static int sa_get(struct kips_ctx *ctx, int argc, char **argv);
static int sa_show(struct kips_ctx *ctx, int argc, char **argv);
static int sa_flush(struct kips_ctx *ctx, int argc, char **argv);
static int sa_allocspi(struct kips_ctx *ctx, int argc, char **argv);
static int sa_help(struct kips_ctx *ctx, int argc, char **argv);

static const struct kips_subcmd sa_cmds[] = {
	{ "add", sa_add, "add src ADDR dst ADDR proto PROTO spi SPI [ SA-OPTIONS ]" },
	{ "set", sa_set, "set [ src ADDR ] dst ADDR proto PROTO spi SPI [ SA-OPTIONS ]" },
	{ "del", sa_del, "del dst ADDR proto PROTO spi SPI" },
	{ "get", sa_get, "get dst ADDR proto PROTO spi SPI [ keys ]" },
	{ "show", sa_show, "show [ proto PROTO ] [ src ADDR ] [ dst ADDR ] [ spi SPI ] [ mode MODE ] [ reqid N ] [ keys ]" },
	{ "flush", sa_flush, "flush [ proto PROTO ]" },
	{ "allocspi", sa_allocspi, "allocspi src ADDR dst ADDR proto PROTO [ reqid N ] [ min SPI ] [ max SPI ]" },
	{ "help", sa_help, "help" },
	/* Aliases, not in the usage. */
	{ "delete", sa_del, NULL },
	{ "update", sa_set, NULL },
	{ "list", sa_show, NULL },
	{ "ls", sa_show, NULL },
	{ NULL, NULL, NULL },
};

/* Breaks a " | " list in place after about @width columns, indenting the
 * next line by @indent (the buffer must have room for that).
 */
static const char *wrap(char *list, size_t width, size_t indent)
{
	char *cut = list, *bar;
	size_t len;

	while (strlen(cut) > width) {
		bar = cut + width;
		while (bar > cut && strncmp(bar, " | ", 3))
			bar--;
		if (bar == cut)
			break;
		/* " | x" becomes "\n<indent>| x". */
		len = strlen(bar + 1);
		memmove(bar + 1 + indent, bar + 1, len + 1);
		bar[0] = '\n';
		memset(bar + 1, ' ', indent);
		cut = bar + 1;
	}
	return list;
}

void kips_sa_usage(FILE *f)
{
	char names[512];
	const struct kips_subcmd *c;

	for (c = sa_cmds; c->name; c++)
		if (c->grammar)
			fprintf(f, "%s kips sa %s\n", c == sa_cmds ? "Usage:" : "      ", c->grammar);
	fprintf(f,
		"SA-OPTIONS := [ mode MODE ] [ reqid N ] [ ALGO ]... [ replay-window N ] [ esn ]\n"
		"              [ encap udp SPORT DPORT ] [ LIFETIME ]... [ sel SELECTOR ]\n"
		"set: completes an SA that allocspi reserved (give everything, as for add),\n"
		"     or changes the LIFETIMEs and encap of a complete one\n"
		"PROTO := { esp | ah }\n"
		"SPI := a number 256..4294967295, decimal or 0x hex\n"
		"MODE := { transport | tunnel }            (default transport)\n"
		"ALGO := { enc ENC-ALG KEY | auth AUTH-ALG KEY | aead AEAD-ALG KEY [ icv BYTES ] }\n");
	fprintf(f, "ENC-ALG := { %s }\n",
		kips_alg_names(KIPS_ALG_KIND_ENC, " | ", names, sizeof(names)));
	kips_alg_names(KIPS_ALG_KIND_AUTH, " | ", names, sizeof(names) / 2);
	fprintf(f, "AUTH-ALG := { %s }\n", wrap(names, 60, 12));
	fprintf(f, "AEAD-ALG := { %s }\n",
		kips_alg_names(KIPS_ALG_KIND_AEAD, " | ", names, sizeof(names)));
	fprintf(f,
		"KEY := 0x followed by hex digits; for aes-ctr and the AEADs the key then\n"
		"       its 4-byte salt (nonce); null takes no key\n"
		"LIFETIME := { soft | hard } LIMIT [ LIMIT ]...\n"
		"LIMIT := { bytes N | packets N | time-add SECONDS | time-use SECONDS }\n"
		"SELECTOR := [ src PREFIX ] [ dst PREFIX ]\n"
		"            [ proto IPPROTO [ sport PORT[-PORT] ] [ dport PORT[-PORT] ] ]\n"
		"            [ proto { icmp | ipv6-icmp } [ type N ] [ code N ] ]\n"
		"            (sel takes the selector words after it: put it after src and dst)\n"
		"ADDR := an IPv4 or IPv6 address\n"
		"PREFIX := ADDR[/LEN]\n"
		"IPPROTO := { tcp | udp | icmp | ipv6-icmp | sctp | udplite | gre | ... | NUMBER }\n"
		"keys: show the keys (also -k); needs CAP_NET_ADMIN\n");
}

static int sa_help(struct kips_ctx *ctx, int argc, char **argv)
{
	(void)ctx;
	(void)argc;
	(void)argv;
	kips_sa_usage(stdout);
	return KIPS_EXIT_OK;
}

/* Parses `sa CMD ARGS`: argv[0] is CMD. */
static bool parse(int argc, char **argv, enum sa_cmd cmd, const char *what,
		  struct kips_sa *sa)
{
	struct kips_args a = { argc - 1, argv + 1 };

	memset(sa, 0, sizeof(*sa));
	return sa_args_parse(&a, cmd, what, sa);
}

/* Sends @nlh, with @cb for replies; reports a rejection as @what. */
static int call(struct kips_ctx *ctx, struct nlmsghdr *nlh, const char *what,
		kips_nl_cb cb, void *data)
{
	if (kips_nl_call(&ctx->nl, nlh, cb, data) < 0)
		return kips_nl_report(ctx, what);
	return KIPS_EXIT_OK;
}

static int sa_change(struct kips_ctx *ctx, int argc, char **argv, uint8_t genl_cmd,
		     enum sa_cmd cmd, const char *what)
{
	struct nlmsghdr *nlh;
	struct kips_sa sa;
	int ret;

	if (!parse(argc, argv, cmd, what, &sa)) {
		kips_sa_wipe(&sa);
		return KIPS_EXIT_USAGE;
	}
	if (!kips_connect(ctx)) {
		kips_sa_wipe(&sa);
		return KIPS_EXIT_FAIL;
	}
	nlh = kips_nl_new(&ctx->nl, genl_cmd, 0);
	kips_sa_put(nlh, &sa);
	kips_sa_wipe(&sa);
	ret = call(ctx, nlh, what, NULL, NULL);
	/* The request buffer held the keys too; kips_nl_report has used it. */
	explicit_bzero(ctx->nl.buf, nlh->nlmsg_len);
	return ret;
}

static int sa_add(struct kips_ctx *ctx, int argc, char **argv)
{
	return sa_change(ctx, argc, argv, KIPS_CMD_SA_NEW, SA_CMD_ADD, "sa add");
}

static int sa_set(struct kips_ctx *ctx, int argc, char **argv)
{
	return sa_change(ctx, argc, argv, KIPS_CMD_SA_SET, SA_CMD_SET, "sa set");
}

static int sa_del(struct kips_ctx *ctx, int argc, char **argv)
{
	return sa_change(ctx, argc, argv, KIPS_CMD_SA_DEL, SA_CMD_DEL, "sa del");
}

static int sa_flush(struct kips_ctx *ctx, int argc, char **argv)
{
	return sa_change(ctx, argc, argv, KIPS_CMD_SA_FLUSH, SA_CMD_FLUSH, "sa flush");
}

struct print_ctx {
	struct kips_ctx *ctx;
	const struct kips_sa *filter;	/* show: what the kernel does not filter */
	unsigned int printed;
};

static bool matches(const struct kips_sa *sa, const struct kips_sa *f)
{
	if (KIPS_HAS(f, KIPS_SA_A_SRC) && !kips_addr_equal(&sa->src, &f->src))
		return false;
	if (KIPS_HAS(f, KIPS_SA_A_DST) && !kips_addr_equal(&sa->dst, &f->dst))
		return false;
	if (KIPS_HAS(f, KIPS_SA_A_SPI) && sa->spi != f->spi)
		return false;
	if (KIPS_HAS(f, KIPS_SA_A_MODE) && sa->mode != f->mode)
		return false;
	if (KIPS_HAS(f, KIPS_SA_A_REQID) && sa->reqid != f->reqid)
		return false;
	return true;
}

static int print_cb(const struct nlmsghdr *nlh, void *data)
{
	struct print_ctx *p = data;
	struct kips_sa sa;

	if (!kips_sa_parse(nlh, &sa)) {
		kips_sa_wipe(&sa);
		snprintf(p->ctx->nl.err, sizeof(p->ctx->nl.err),
			 "the kernel sent a malformed SA message");
		return MNL_CB_ERROR;
	}
	if (!p->filter || matches(&sa, p->filter)) {
		if (!p->ctx->json && p->printed)
			putchar('\n');
		print_sa(p->ctx, NULL, &sa);
		p->printed++;
	}
	kips_sa_wipe(&sa);
	return MNL_CB_OK;
}

static int sa_get(struct kips_ctx *ctx, int argc, char **argv)
{
	struct print_ctx p = { .ctx = ctx };
	struct nlmsghdr *nlh;
	struct kips_sa sa;
	int ret;

	if (!parse(argc, argv, SA_CMD_GET, "sa get", &sa))
		return KIPS_EXIT_USAGE;
	if (ctx->keys) {
		sa.req_flags |= KIPS_REQ_F_KEYS;
		KIPS_SET(&sa, KIPS_SA_A_REQ_FLAGS);
	}
	if (!kips_connect(ctx))
		return KIPS_EXIT_FAIL;
	nlh = kips_nl_new(&ctx->nl, KIPS_CMD_SA_GET, 0);
	kips_sa_put(nlh, &sa);
	ret = call(ctx, nlh, "sa get", print_cb, &p);
	if (p.printed && ctx->json)
		jw_end(&ctx->jw);
	if (!ret && !p.printed)
		return kips_err("sa get: the kernel returned no SA");
	return ret;
}

static int sa_show(struct kips_ctx *ctx, int argc, char **argv)
{
	struct print_ctx p = { .ctx = ctx };
	struct kips_sa filter, req = { 0 };
	struct nlmsghdr *nlh;
	int ret;

	if (!parse(argc, argv, SA_CMD_SHOW, "sa show", &filter))
		return KIPS_EXIT_USAGE;
	p.filter = &filter;
	/* The kernel filters by protocol; the rest is done here. */
	if (KIPS_HAS(&filter, KIPS_SA_A_PROTO)) {
		req.proto = filter.proto;
		KIPS_SET(&req, KIPS_SA_A_PROTO);
	}
	if (ctx->keys || (filter.req_flags & KIPS_REQ_F_KEYS)) {
		req.req_flags = KIPS_REQ_F_KEYS;
		KIPS_SET(&req, KIPS_SA_A_REQ_FLAGS);
	}
	if (!kips_connect(ctx))
		return KIPS_EXIT_FAIL;
	nlh = kips_nl_new(&ctx->nl, KIPS_CMD_SA_GET, NLM_F_DUMP);
	kips_sa_put(nlh, &req);
	if (ctx->json)
		jw_arr_open(&ctx->jw, NULL);
	ret = call(ctx, nlh, "sa show", print_cb, &p);
	/* Even a failed dump leaves valid JSON behind. */
	if (ctx->json) {
		jw_arr_close(&ctx->jw);
		jw_end(&ctx->jw);
	}
	fflush(stdout);
	return ret;
}

static int sa_allocspi(struct kips_ctx *ctx, int argc, char **argv)
{
	struct print_ctx p = { .ctx = ctx };
	struct nlmsghdr *nlh;
	struct kips_sa sa;
	int ret;

	if (!parse(argc, argv, SA_CMD_ALLOCSPI, "sa allocspi", &sa))
		return KIPS_EXIT_USAGE;
	if (!kips_connect(ctx))
		return KIPS_EXIT_FAIL;
	nlh = kips_nl_new(&ctx->nl, KIPS_CMD_SA_ALLOC_SPI, 0);
	kips_sa_put(nlh, &sa);
	ret = call(ctx, nlh, "sa allocspi", print_cb, &p);
	if (p.printed && ctx->json)
		jw_end(&ctx->jw);
	if (!ret && !p.printed)
		return kips_err("sa allocspi: the kernel returned no SA");
	return ret;
}

int kips_sa_main(struct kips_ctx *ctx, int argc, char **argv)
{
	const struct kips_subcmd *c;

	if (argc < 2)
		return sa_show(ctx, 1, (char *[]){ "show", NULL });
	c = kips_subcmd_find(sa_cmds, argv[1]);
	if (!c) {
		kips_err("sa: unknown command '%s' (see 'kips sa help')", argv[1]);
		return KIPS_EXIT_USAGE;
	}
	return c->run(ctx, argc - 1, argv + 1);
}
