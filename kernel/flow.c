// SPDX-License-Identifier: GPL-2.0
/* Reading a packet's flow for the SPD. */
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <net/ip.h>
#include <net/ipv6.h>

#include "flow.h"

/* Ports, or ICMP type and code, of the transport header at @off. */
static int parse_l4(const struct sk_buff *skb, unsigned int off,
		    struct kips_flow *fl)
{
	__be16 ports[2], *pp;
	u8 tc[2], *p;

	if (kips_proto_has_ports(fl->proto)) {
		pp = skb_header_pointer(skb, off, sizeof(ports), ports);
		if (!pp)
			return -EINVAL;
		fl->sport = ntohs(pp[0]);
		fl->dport = ntohs(pp[1]);
	} else if (kips_proto_is_icmp(fl->proto)) {
		p = skb_header_pointer(skb, off, sizeof(tc), tc);
		if (!p)
			return -EINVAL;
		fl->sport = p[0];
		fl->dport = p[1];
	}
	return 0;
}

static int parse4(const struct sk_buff *skb, struct kips_flow *fl)
{
	unsigned int off = skb_network_offset(skb);
	struct iphdr _iph;
	const struct iphdr *iph;

	iph = skb_header_pointer(skb, off, sizeof(_iph), &_iph);
	if (!iph || iph->ihl < 5)
		return -EINVAL;
	fl->saddr.a4 = iph->saddr;
	fl->daddr.a4 = iph->daddr;
	fl->proto = iph->protocol;
	if (iph->frag_off & htons(IP_OFFSET))
		return 0;	/* no transport header in this fragment */
	return parse_l4(skb, off + iph->ihl * 4, fl);
}

static int parse6(const struct sk_buff *skb, struct kips_flow *fl)
{
	unsigned int off = skb_network_offset(skb);
	struct ipv6hdr _ip6h;
	const struct ipv6hdr *ip6h;
	__be16 frag_off;
	u8 nexthdr;
	int l4;

	ip6h = skb_header_pointer(skb, off, sizeof(_ip6h), &_ip6h);
	if (!ip6h)
		return -EINVAL;
	fl->saddr.a6 = ip6h->saddr;
	fl->daddr.a6 = ip6h->daddr;
	nexthdr = ip6h->nexthdr;
	l4 = ipv6_skip_exthdr(skb, off + sizeof(*ip6h), &nexthdr, &frag_off);
	if (l4 < 0)
		return -EINVAL;
	fl->proto = nexthdr;
	if (frag_off & htons(IP6_OFFSET))
		return 0;
	return parse_l4(skb, l4, fl);
}

int kips_flow_parse(const struct sk_buff *skb, u8 family, struct kips_flow *fl)
{
	memset(fl, 0, sizeof(*fl));
	fl->family = family;
	return family == AF_INET ? parse4(skb, fl) : parse6(skb, fl);
}
