/* SPDX-License-Identifier: GPL-2.0 */
/* Selectors on the wire (KIPS_SEL_A_*), for SAs, policies and ACQUIRE. */
#ifndef _KIPS_NL_SEL_H
#define _KIPS_NL_SEL_H

#include <net/netlink.h>

#include "selector.h"

/*
 * Parses and checks a selector nest.  @family is the family a selector
 * without addresses takes (0: either family).
 */
int kips_nl_sel_parse(const struct nlattr *nest, u8 family,
		      struct kips_selector *sel, struct netlink_ext_ack *extack);
int kips_nl_sel_put(struct sk_buff *skb, int type, const struct kips_selector *sel);
/* A flow as a selector of exactly it (full prefix lengths, single ports). */
int kips_nl_flow_put(struct sk_buff *skb, int type, const struct kips_flow *fl);
size_t kips_nl_sel_size(void);

/* A binary address attribute into @addr; returns its family. */
u8 kips_nla_get_addr(const struct nlattr *nla, union kips_addr *addr);
int kips_nla_put_addr(struct sk_buff *skb, int type, u8 family,
		      const union kips_addr *addr);

#endif /* _KIPS_NL_SEL_H */
