// SPDX-License-Identifier: GPL-2.0
/*
 * The kips generic-netlink family: one strict policy per command, admin
 * permission on every command that changes state (keys in replies are
 * checked by the handlers, which know whether they were asked for).
 * Commands the kernel only sends (SA_EXPIRE, ACQUIRE) have no operation,
 * so a request for them fails with -EOPNOTSUPP.
 */
#include "netlink.h"

#define ADMIN GENL_UNS_ADMIN_PERM

/*
 * State-changing commands need CAP_NET_ADMIN over the namespace (checked by
 * the genetlink core); SA_GET checks it itself, only for keys.
 */
static const struct genl_ops kips_genl_ops[] = {
	{
		.cmd = KIPS_CMD_INFO_GET,
		.doit = kips_nl_info_get,
		.policy = kips_info_get_policy,
		.maxattr = KIPS_INFO_A_MAX,
	}, {
		.cmd = KIPS_CMD_SA_NEW,
		.doit = kips_nl_sa_new,
		.policy = kips_sa_add_policy,
		.maxattr = KIPS_SA_A_MAX,
		.flags = ADMIN,
	}, {
		.cmd = KIPS_CMD_SA_SET,
		.doit = kips_nl_sa_set,
		.policy = kips_sa_add_policy,
		.maxattr = KIPS_SA_A_MAX,
		.flags = ADMIN,
	}, {
		.cmd = KIPS_CMD_SA_DEL,
		.doit = kips_nl_sa_del,
		.policy = kips_sa_id_policy,
		.maxattr = KIPS_SA_A_MAX,
		.flags = ADMIN,
	}, {
		.cmd = KIPS_CMD_SA_GET,
		.doit = kips_nl_sa_get,
		.start = kips_nl_sa_dump_start,
		.dumpit = kips_nl_sa_dump,
		.policy = kips_sa_get_policy,
		.maxattr = KIPS_SA_A_MAX,
	}, {
		.cmd = KIPS_CMD_SA_FLUSH,
		.doit = kips_nl_sa_flush,
		.policy = kips_sa_flush_policy,
		.maxattr = KIPS_SA_A_MAX,
		.flags = ADMIN,
	}, {
		.cmd = KIPS_CMD_SA_ALLOC_SPI,
		.doit = kips_nl_sa_alloc_spi,
		.policy = kips_sa_alloc_spi_policy,
		.maxattr = KIPS_SA_A_MAX,
		.flags = ADMIN,
	}, {
		.cmd = KIPS_CMD_POLICY_NEW,
		.doit = kips_nl_pol_new,
		.policy = kips_pol_add_policy,
		.maxattr = KIPS_POL_A_MAX,
		.flags = ADMIN,
	}, {
		.cmd = KIPS_CMD_POLICY_SET,
		.doit = kips_nl_pol_set,
		.policy = kips_pol_add_policy,
		.maxattr = KIPS_POL_A_MAX,
		.flags = ADMIN,
	}, {
		.cmd = KIPS_CMD_POLICY_DEL,
		.doit = kips_nl_pol_del,
		.policy = kips_pol_id_policy,
		.maxattr = KIPS_POL_A_MAX,
		.flags = ADMIN,
	}, {
		.cmd = KIPS_CMD_POLICY_GET,
		.doit = kips_nl_pol_get,
		.start = kips_nl_pol_dump_start,
		.dumpit = kips_nl_pol_dump,
		.policy = kips_pol_id_policy,
		.maxattr = KIPS_POL_A_MAX,
	}, {
		.cmd = KIPS_CMD_POLICY_FLUSH,
		.doit = kips_nl_pol_flush,
		.policy = kips_pol_flush_policy,
		.maxattr = KIPS_POL_A_MAX,
		.flags = ADMIN,
	},
};

static const struct genl_multicast_group kips_genl_mcgrps[] = {
	[KIPS_MCGRP_ID_SA] = { .name = KIPS_MCGRP_SA },
	[KIPS_MCGRP_ID_POLICY] = { .name = KIPS_MCGRP_POLICY },
	[KIPS_MCGRP_ID_ACQUIRE] = { .name = KIPS_MCGRP_ACQUIRE },
};

struct genl_family kips_genl_family __ro_after_init = {
	.name = KIPS_GENL_NAME,
	.version = KIPS_GENL_VERSION,
	.netnsok = true,
	.parallel_ops = true,
	.resv_start_op = KIPS_CMD_INFO_GET,
	.module = THIS_MODULE,
	.ops = kips_genl_ops,
	.n_ops = ARRAY_SIZE(kips_genl_ops),
	.mcgrps = kips_genl_mcgrps,
	.n_mcgrps = ARRAY_SIZE(kips_genl_mcgrps),
};

struct sk_buff *kips_reply_new(struct genl_info *info, size_t size, void **hdr)
{
	struct sk_buff *msg = genlmsg_new(size, GFP_KERNEL);

	if (!msg)
		return NULL;
	*hdr = genlmsg_put_reply(msg, info, &kips_genl_family, 0,
				 info->genlhdr->cmd);
	if (!*hdr) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

int kips_genl_register(void)
{
	return genl_register_family(&kips_genl_family);
}

void kips_genl_unregister(void)
{
	genl_unregister_family(&kips_genl_family);
}
