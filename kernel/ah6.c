// SPDX-License-Identifier: GPL-2.0
/* The mutable fields of an IPv6 header chain, for AH (see ah.h). */
#include <net/ipv6.h>

#include "ah.h"

/* RFC 8200 4.2: the third highest bit of an option's type. */
#define OPT_MAY_CHANGE	0x20

/* Hop-by-hop or destination options: the data of the mutable ones zeroed. */
static int options_mutable(u8 *h, unsigned int len)
{
	unsigned int off = 2, olen;

	while (off < len) {
		if (h[off] == IPV6_TLV_PAD1) {
			off++;
			continue;
		}
		if (off + 2 > len)
			return -EINVAL;
		olen = h[off + 1];
		if (off + 2 + olen > len)
			return -EINVAL;
		if (h[off] & OPT_MAY_CHANGE)
			memset(h + off + 2, 0, olen);
		off += 2 + olen;
	}
	return 0;
}

/*
 * A routing header with segments left: the addresses as the destination
 * will see them (RFC 4302 3.3.3.1.2.2, RFC 2402 appendix A.2): the
 * destination address is the last one, the addresses passed so far move
 * one place on, the current destination takes the first free place, and
 * no segments are left.  The header's addresses follow 8 fixed bytes, as
 * in types 0 and 2; Linux's AH treats every type so, and so do we.
 */
static int routing_mutable(struct ipv6hdr *ip6h, struct ipv6_rt_hdr *rt,
			   unsigned int len)
{
	unsigned int n = rt->hdrlen / 2, left = rt->segments_left;
	struct in6_addr *addr, final;

	if (!left)
		return 0;
	if (left > n || 8 + n * sizeof(*addr) > len)
		return -EINVAL;
	addr = (struct in6_addr *)((u8 *)rt + 8);
	final = addr[n - 1];
	memmove(&addr[n - left + 1], &addr[n - left],
		(left - 1) * sizeof(*addr));
	addr[n - left] = ip6h->daddr;
	ip6h->daddr = final;
	rt->segments_left = 0;
	return 0;
}

int kips_ah6_mutable(struct ipv6hdr *ip6h, unsigned int len)
{
	unsigned int off = sizeof(*ip6h), hl;
	u8 nexthdr = ip6h->nexthdr, *h;
	int err;

	ip6h->priority = 0;
	memset(ip6h->flow_lbl, 0, sizeof(ip6h->flow_lbl));
	ip6h->hop_limit = 0;

	while (off < len) {
		h = (u8 *)ip6h + off;
		if (off + 2 > len)
			return -EINVAL;
		hl = ipv6_optlen((struct ipv6_opt_hdr *)h);
		if (off + hl > len)
			return -EINVAL;
		switch (nexthdr) {
		case NEXTHDR_HOP:
		case NEXTHDR_DEST:
			err = options_mutable(h, hl);
			break;
		case NEXTHDR_ROUTING:
			err = routing_mutable(ip6h, (struct ipv6_rt_hdr *)h, hl);
			break;
		default:
			err = -EINVAL;
		}
		if (err)
			return err;
		nexthdr = h[0];
		off += hl;
	}
	return 0;
}
