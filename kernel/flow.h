/* SPDX-License-Identifier: GPL-2.0 */
/* A packet's flow (struct kips_flow) read from its headers. */
#ifndef _KIPS_FLOW_H
#define _KIPS_FLOW_H

#include <linux/skbuff.h>

#include "selector.h"

/*
 * Fills @fl from the IP header at the network header of @skb and the
 * transport header after it (ports, or ICMP type and code, of the first
 * fragment only).  -EINVAL if the headers are truncated.
 */
int kips_flow_parse(const struct sk_buff *skb, u8 family, struct kips_flow *fl);

#endif /* _KIPS_FLOW_H */
