/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Path MTU through SAs.  A packet that would not fit the outer path once
 * transformed is refused with "fragmentation needed" / "packet too big"
 * carrying the inner MTU, and the inner route learns that MTU, so that
 * TCP sizes its segments to fit (tcp_current_mss() reads it) and the outer
 * packets never need fragmenting.  Where the inner and outer packets share
 * one route (transport mode, or a tunnel to the inner destination itself)
 * the route cannot hold two MTUs: there TCP is kept in bounds by clamping
 * the MSS of SYNs through the SA, and a packet that still does not fit is
 * fragmented outside.
 */
#ifndef _KIPS_PMTU_H
#define _KIPS_PMTU_H

#include <linux/skbuff.h>

struct kips_sa;

/*
 * The largest packet (as it is now, of @family, with @iphl bytes of IP
 * header) that still fits @mtu once @sas (innermost first) are applied.
 */
unsigned int kips_inner_mtu(struct kips_sa *const *sas, int n, u8 family,
			    unsigned int iphl, unsigned int mtu);

/*
 * Whether @skb (of @family) may be transformed for a path of @inner_mtu.
 * false: it was too big, an ICMP error has gone back, the caller drops it.
 * @own_route: the packet's route is not the outer packet's, so it may
 * learn the inner MTU.
 */
bool kips_pmtu_check(struct sk_buff *skb, u8 family, unsigned int inner_mtu,
		     bool own_route);

/* Lowers the MSS option of a TCP SYN so that its segments fit @mtu. */
void kips_mss_clamp(struct sk_buff *skb, u8 family, unsigned int mtu);

#endif /* _KIPS_PMTU_H */
