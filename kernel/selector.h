/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Traffic selectors (what a policy or an SA covers) and flows (what one
 * packet is), and how one is matched against the other.
 */
#ifndef _KIPS_SELECTOR_H
#define _KIPS_SELECTOR_H

#include <linux/in.h>

#include "addr.h"

/*
 * Addresses are kept masked to their prefix lengths, so that a selector's
 * addresses are directly a hash key (see spd.c).  Ports are host order and
 * always a range: absent means 0..65535, and a protocol without ports
 * leaves the full range, which every flow (ports 0) matches.
 */
struct kips_selector {
	union kips_addr src, dst;
	u8 family;		/* AF_INET, AF_INET6, or 0: either family */
	u8 src_plen, dst_plen;
	u8 proto;		/* 0: any */
	u16 sport_min, sport_max;	/* ICMP: type */
	u16 dport_min, dport_max;	/* ICMP: code */
};

/*
 * One packet as the SPD sees it.  The datapath fills it from the headers:
 * ports in host order for TCP, UDP, SCTP and UDP-Lite; ICMP type in sport
 * and code in dport for ICMP and ICMPv6; zero otherwise.
 */
struct kips_flow {
	union kips_addr saddr, daddr;
	u8 family;
	u8 proto;
	u16 sport, dport;
};

/* Protocols whose selectors may carry port ranges. */
static inline bool kips_proto_has_ports(u8 proto)
{
	return proto == IPPROTO_TCP || proto == IPPROTO_UDP ||
	       proto == IPPROTO_SCTP || proto == IPPROTO_UDPLITE;
}

/* Protocols whose selectors may carry a type and code. */
static inline bool kips_proto_is_icmp(u8 proto)
{
	return proto == IPPROTO_ICMP || proto == IPPROTO_ICMPV6;
}

/* Whether the selector's port (or type/code) ranges are not the default. */
static inline bool kips_sel_has_ports(const struct kips_selector *sel)
{
	return sel->sport_min || sel->sport_max != 0xffff ||
	       sel->dport_min || sel->dport_max != 0xffff;
}

/* An empty selector of @family: everything. */
void kips_sel_init_any(struct kips_selector *sel, u8 family);

/* Protocol and ports only: the addresses are matched by the caller. */
static inline bool kips_sel_match_l4(const struct kips_selector *sel,
				     const struct kips_flow *fl)
{
	return (!sel->proto || sel->proto == fl->proto) &&
	       fl->sport >= sel->sport_min && fl->sport <= sel->sport_max &&
	       fl->dport >= sel->dport_min && fl->dport <= sel->dport_max;
}

bool kips_sel_match(const struct kips_selector *sel, const struct kips_flow *fl);
bool kips_sel_equal(const struct kips_selector *a, const struct kips_selector *b);

#endif /* _KIPS_SELECTOR_H */
