/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _KIPS_NETLINK_H
#define _KIPS_NETLINK_H

#include <net/genetlink.h>
#include <linux/kips.h>

extern struct genl_family kips_genl_family;

enum kips_mcgrp {
	KIPS_MCGRP_ID_SA,
	KIPS_MCGRP_ID_POLICY,
	KIPS_MCGRP_ID_ACQUIRE,
};

int kips_genl_register(void);
void kips_genl_unregister(void);

/* A reply for the request in @info, with its command number. */
struct sk_buff *kips_reply_new(struct genl_info *info, size_t size, void **hdr);

int kips_nl_info_get(struct sk_buff *skb, struct genl_info *info);
extern const struct nla_policy kips_info_get_policy[KIPS_INFO_A_MAX + 1];

#endif /* _KIPS_NETLINK_H */
