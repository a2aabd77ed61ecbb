// SPDX-License-Identifier: GPL-2.0
/* kips stats: the namespace's totals (KIPS_CMD_INFO_GET). */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "kips.h"
#include "print.h"

struct ns_stats {
	uint32_t sa_count, policy_count;
	bool have_counts;
	struct kips_counters counters;
};

static int stats_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[KIPS_INFO_A_MAX + 1] = { 0 };
	struct ns_stats *s = data;

	if (kips_nl_parse(nlh, tb, KIPS_INFO_A_MAX) < 0)
		return MNL_CB_ERROR;
	if (tb[KIPS_INFO_A_SA_COUNT] && tb[KIPS_INFO_A_POLICY_COUNT]) {
		s->sa_count = mnl_attr_get_u32(tb[KIPS_INFO_A_SA_COUNT]);
		s->policy_count = mnl_attr_get_u32(tb[KIPS_INFO_A_POLICY_COUNT]);
		s->have_counts = true;
	}
	if (tb[KIPS_INFO_A_STATS] && !kips_counters_parse(tb[KIPS_INFO_A_STATS], &s->counters))
		return MNL_CB_ERROR;
	return MNL_CB_OK;
}

int kips_stats_main(struct kips_ctx *ctx, int argc, char **argv)
{
	struct ns_stats s = { 0 };
	struct nlmsghdr *nlh;
	unsigned int t;

	if (argc > 1) {
		if (!strcmp(argv[1], "help")) {
			printf("Usage: kips stats\n"
			       "the namespace's SA and policy counts and its counters\n"
			       "(per SA and per policy: kips -s sa show, kips -s policy show)\n");
			return KIPS_EXIT_OK;
		}
		kips_err("stats: takes no arguments, got '%s'", argv[1]);
		return KIPS_EXIT_USAGE;
	}
	if (!kips_connect(ctx))
		return KIPS_EXIT_FAIL;
	nlh = kips_nl_new(&ctx->nl, KIPS_CMD_INFO_GET, 0);
	if (kips_nl_call(&ctx->nl, nlh, stats_cb, &s) < 0)
		return kips_nl_report(ctx, "stats");
	if (!s.have_counts)
		return kips_err("stats: the kernel's reply has no SA and policy counts");

	if (ctx->json) {
		jw_obj_open(&ctx->jw, NULL);
		jw_u64(&ctx->jw, "sa_count", s.sa_count);
		jw_u64(&ctx->jw, "policy_count", s.policy_count);
		print_counters_json(&ctx->jw, "stats", &s.counters);
		jw_obj_close(&ctx->jw);
		jw_end(&ctx->jw);
		return KIPS_EXIT_OK;
	}
	printf("%-20s %u\n%-20s %u\n", "sa_count", s.sa_count, "policy_count", s.policy_count);
	for (t = 0; t <= KIPS_CNT_A_MAX; t++) {
		const char *name = kips_counter_name(t);

		if (name && KIPS_HAS(&s.counters, t))
			printf("%-20s %" PRIu64 "\n", name, s.counters.val[t]);
	}
	return KIPS_EXIT_OK;
}
