// SPDX-License-Identifier: GPL-2.0
/* KIPS_CMD_INFO_GET: module version, namespace counts and counters. */
#include "netlink.h"
#include "netns.h"

/* The request carries no attributes; every one is rejected. */
const struct nla_policy kips_info_get_policy[KIPS_INFO_A_MAX + 1] = {};

int kips_nl_info_get(struct sk_buff *skb, struct genl_info *info)
{
	struct kips_net *kn = kips_net(genl_info_net(info));
	struct sk_buff *msg;
	void *hdr;
	int ret;

	msg = kips_reply_new(info, NLMSG_DEFAULT_SIZE, &hdr);
	if (!msg)
		return -ENOMEM;

	ret = -EMSGSIZE;
	if (nla_put_string(msg, KIPS_INFO_A_VERSION, KIPS_VERSION) ||
	    nla_put_u32(msg, KIPS_INFO_A_SA_COUNT, READ_ONCE(kn->sad.count)) ||
	    nla_put_u32(msg, KIPS_INFO_A_POLICY_COUNT, READ_ONCE(kn->spd.count)) ||
	    kips_counters_put(msg, KIPS_INFO_A_STATS, &kn->stats))
		goto err_free;

	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

err_free:
	nlmsg_free(msg);
	return ret;
}
