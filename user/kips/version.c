// SPDX-License-Identifier: GPL-2.0
/* kips version: the tool's version and the loaded module's. */
#include <stdio.h>
#include <string.h>

#include "kips.h"

struct info {
	char version[64];
	uint32_t sa_count, policy_count;
};

static int info_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[KIPS_INFO_A_MAX + 1] = { 0 };
	struct info *info = data;

	if (kips_nl_parse(nlh, tb, KIPS_INFO_A_MAX) < 0)
		return MNL_CB_ERROR;
	if (tb[KIPS_INFO_A_VERSION])
		snprintf(info->version, sizeof(info->version), "%s",
			 mnl_attr_get_str(tb[KIPS_INFO_A_VERSION]));
	if (tb[KIPS_INFO_A_SA_COUNT])
		info->sa_count = mnl_attr_get_u32(tb[KIPS_INFO_A_SA_COUNT]);
	if (tb[KIPS_INFO_A_POLICY_COUNT])
		info->policy_count = mnl_attr_get_u32(tb[KIPS_INFO_A_POLICY_COUNT]);
	return MNL_CB_OK;
}

int kips_version_main(struct kips_ctx *ctx, int argc, char **argv)
{
	struct info info = { .version = "" };
	struct nlmsghdr *nlh;

	(void)argv;
	if (argc > 1)
		return kips_err("version takes no arguments (got '%s')", argv[1]);
	if (!kips_connect(ctx))
		return 1;
	nlh = kips_nl_new(&ctx->nl, KIPS_CMD_INFO_GET, 0);
	if (kips_nl_call(&ctx->nl, nlh, info_cb, &info) < 0)
		return kips_err("cannot read the module's version: %s", ctx->nl.err);

	if (ctx->json) {
		jw_obj_open(&ctx->jw, NULL);
		jw_str(&ctx->jw, "tool", KIPS_VERSION);
		jw_str(&ctx->jw, "module", info.version);
		jw_u64(&ctx->jw, "netlink_version", KIPS_GENL_VERSION);
		jw_u64(&ctx->jw, "sa_count", info.sa_count);
		jw_u64(&ctx->jw, "policy_count", info.policy_count);
		jw_obj_close(&ctx->jw);
		jw_end(&ctx->jw);
	} else {
		printf("kips tool %s, module %s\n", KIPS_VERSION, info.version);
		printf("namespace: SAs %u, policies %u\n", info.sa_count,
		       info.policy_count);
	}
	return 0;
}
