/* SPDX-License-Identifier: GPL-2.0 */
/* Policies on the wire: requests parsed into policies, policies into messages. */
#ifndef _KIPS_NL_POLICY_H
#define _KIPS_NL_POLICY_H

#include "netlink.h"
#include "spd.h"

/* POLICY_NEW/SET: the whole policy, with every cross-attribute check. */
int kips_pol_req_parse(struct genl_info *info, struct kips_policy *pol);

/*
 * POLICY_GET/DEL: the policy the request names (by index, or by
 * direction, selector and priority), without a reference: the caller holds
 * the SPD lock or rcu_read_lock().  ERR_PTR on failure, extack set.
 */
struct kips_policy *kips_pol_req_find(struct genl_info *info,
				      struct kips_spd *spd);

size_t kips_nl_pol_size(void);
int kips_nl_pol_fill(struct sk_buff *skb, struct kips_policy *pol, u32 portid,
		     u32 seq, int flags, u8 cmd, struct netlink_callback *cb);

#endif /* _KIPS_NL_POLICY_H */
