// SPDX-License-Identifier: GPL-2.0
/*
 * kips monitor: prints the family's multicast events as they come, one
 * block per event ("[sa add] src ... dst ..."), or one JSON object per
 * line with -j ({"event":"sa-add","sa":{...}}).
 */
#include <stdio.h>
#include <string.h>

#include "kips.h"
#include "print.h"

void kips_monitor_usage(FILE *f)
{
	fprintf(f,
		"Usage: kips monitor [ GROUP ]...\n"
		"GROUP := { sa | policy | acquire | all }       (default all)\n"
		"Events: sa add, sa set, sa del, sa expire (soft or hard), sa flush,\n"
		"        policy add, policy set, policy del, policy flush,\n"
		"        acquire (an outbound packet needs an SA that does not exist)\n");
}

enum event_kind { EV_SA, EV_POLICY, EV_ACQUIRE, EV_FLUSH };

static const struct {
	uint8_t cmd;
	const char *text;	/* "[sa add]" */
	const char *json;	/* "sa-add" */
	enum event_kind kind;
} events[] = {
	{ KIPS_CMD_SA_NEW, "sa add", "sa-add", EV_SA },
	{ KIPS_CMD_SA_SET, "sa set", "sa-set", EV_SA },
	{ KIPS_CMD_SA_DEL, "sa del", "sa-del", EV_SA },
	{ KIPS_CMD_SA_EXPIRE, "sa expire", "sa-expire", EV_SA },
	{ KIPS_CMD_SA_ALLOC_SPI, "sa allocspi", "sa-allocspi", EV_SA },
	{ KIPS_CMD_SA_FLUSH, "sa flush", "sa-flush", EV_FLUSH },
	{ KIPS_CMD_POLICY_NEW, "policy add", "policy-add", EV_POLICY },
	{ KIPS_CMD_POLICY_SET, "policy set", "policy-set", EV_POLICY },
	{ KIPS_CMD_POLICY_DEL, "policy del", "policy-del", EV_POLICY },
	{ KIPS_CMD_POLICY_FLUSH, "policy flush", "policy-flush", EV_FLUSH },
	{ KIPS_CMD_ACQUIRE, "acquire", "acquire", EV_ACQUIRE },
};

static void sa_event(struct kips_ctx *ctx, const struct nlmsghdr *nlh, bool acquire,
		     const char *text, const char *json)
{
	struct kips_sa sa;
	const char *exp;

	if (!kips_sa_parse(nlh, &sa)) {
		kips_err("monitor: a malformed %s event; skipped", text);
		kips_sa_wipe(&sa);
		return;
	}
	exp = KIPS_HAS(&sa, KIPS_SA_A_EXPIRE) ? kips_expire_name(sa.expire) : NULL;
	if (ctx->json) {
		jw_obj_open(&ctx->jw, NULL);
		jw_str(&ctx->jw, "event", json);
		if (exp)
			jw_str(&ctx->jw, "expire", exp);
		if (acquire)
			print_acquire(ctx, "acquire", &sa);
		else
			print_sa(ctx, "sa", &sa);
		jw_obj_close(&ctx->jw);
		jw_end(&ctx->jw);
	} else {
		printf("[%s%s%s] ", text, exp ? " " : "", exp ? exp : "");
		if (acquire)
			print_acquire(ctx, NULL, &sa);
		else
			print_sa(ctx, NULL, &sa);
	}
	kips_sa_wipe(&sa);
}

static void policy_event(struct kips_ctx *ctx, const struct nlmsghdr *nlh,
			 const char *text, const char *json)
{
	struct kips_policy pol;

	if (!kips_policy_parse(nlh, &pol)) {
		kips_err("monitor: a malformed %s event; skipped", text);
		return;
	}
	if (ctx->json) {
		jw_obj_open(&ctx->jw, NULL);
		jw_str(&ctx->jw, "event", json);
		print_policy(ctx, "policy", &pol);
		jw_obj_close(&ctx->jw);
		jw_end(&ctx->jw);
	} else {
		printf("[%s] ", text);
		print_policy(ctx, NULL, &pol);
	}
}

/* A flush names at most what it was limited to (a protocol, a direction). */
static void flush_event(struct kips_ctx *ctx, const struct nlmsghdr *nlh, uint8_t cmd,
			const char *text, const char *json)
{
	bool sa = cmd == KIPS_CMD_SA_FLUSH;
	struct kips_policy pol = { 0 };
	struct kips_sa s = { 0 };
	const char *what = NULL;
	char buf[16];

	if (sa ? kips_sa_parse(nlh, &s) && KIPS_HAS(&s, KIPS_SA_A_PROTO)
	       : kips_policy_parse(nlh, &pol) && KIPS_HAS(&pol, KIPS_POL_A_DIR))
		what = sa ? ipproto_str(s.proto, buf, sizeof(buf)) : kips_dir_name(pol.dir);
	if (ctx->json) {
		jw_obj_open(&ctx->jw, NULL);
		jw_str(&ctx->jw, "event", json);
		if (what)
			jw_str(&ctx->jw, sa ? "proto" : "dir", what);
		jw_obj_close(&ctx->jw);
		jw_end(&ctx->jw);
	} else {
		printf("[%s]", text);
		if (what)
			printf(" %s %s", sa ? "proto" : "dir", what);
		putchar('\n');
	}
}

static int event_cb(const struct nlmsghdr *nlh, void *data)
{
	struct kips_ctx *ctx = data;
	uint8_t cmd = kips_nl_cmd(nlh);
	size_t i;

	for (i = 0; i < sizeof(events) / sizeof(events[0]); i++)
		if (events[i].cmd == cmd)
			break;
	if (i == sizeof(events) / sizeof(events[0])) {
		/* A newer kernel's event: say so rather than drop it silently. */
		if (ctx->json) {
			jw_obj_open(&ctx->jw, NULL);
			jw_str(&ctx->jw, "event", "unknown");
			jw_u64(&ctx->jw, "cmd", cmd);
			jw_obj_close(&ctx->jw);
			jw_end(&ctx->jw);
		} else {
			printf("[unknown event %u]\n", cmd);
		}
	} else {
		switch (events[i].kind) {
		case EV_SA:
		case EV_ACQUIRE:
			sa_event(ctx, nlh, events[i].kind == EV_ACQUIRE, events[i].text,
				 events[i].json);
			break;
		case EV_POLICY:
			policy_event(ctx, nlh, events[i].text, events[i].json);
			break;
		case EV_FLUSH:
			flush_event(ctx, nlh, cmd, events[i].text, events[i].json);
			break;
		}
	}
	/* Whoever reads our output (a pipe, a test) sees each event now. */
	fflush(stdout);
	return MNL_CB_OK;
}

int kips_monitor_main(struct kips_ctx *ctx, int argc, char **argv)
{
	bool sa = false, policy = false, acquire = false;
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "sa")) {
			sa = true;
		} else if (!strcmp(argv[i], "policy")) {
			policy = true;
		} else if (!strcmp(argv[i], "acquire")) {
			acquire = true;
		} else if (!strcmp(argv[i], "all")) {
			sa = policy = acquire = true;
		} else if (!strcmp(argv[i], "help")) {
			kips_monitor_usage(stdout);
			return KIPS_EXIT_OK;
		} else {
			kips_err("monitor: expected sa, policy, acquire or all, got '%s'", argv[i]);
			return KIPS_EXIT_USAGE;
		}
	}
	if (!sa && !policy && !acquire)
		sa = policy = acquire = true;
	if (!kips_connect(ctx))
		return KIPS_EXIT_FAIL;
	if ((sa && kips_nl_subscribe(&ctx->nl, KIPS_MCGRP_SA) < 0) ||
	    (policy && kips_nl_subscribe(&ctx->nl, KIPS_MCGRP_POLICY) < 0) ||
	    (acquire && kips_nl_subscribe(&ctx->nl, KIPS_MCGRP_ACQUIRE) < 0))
		return kips_err("monitor: %s", ctx->nl.err);
	if (kips_nl_listen(&ctx->nl, event_cb, ctx) < 0)
		return kips_err("monitor: %s", ctx->nl.err);
	return KIPS_EXIT_OK;
}
