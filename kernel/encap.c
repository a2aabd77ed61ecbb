// SPDX-License-Identifier: GPL-2.0
/* Transport and tunnel mode headers (see encap.h). */
#include <linux/if_arp.h>
#include <linux/if_ether.h>
#include <net/dsfield.h>
#include <net/inet_ecn.h>
#include <net/ip.h>
#include <net/ipv6.h>

#include "dp.h"
#include "encap.h"
#include "udp_encap.h"

static unsigned int ll_room(const struct sk_buff *skb)
{
	const struct dst_entry *dst = skb_dst(skb);

	return dst ? LL_RESERVED_SPACE(dst->dev) : 0;
}

/* Moves the first @len bytes @by bytes to the front: room after them. */
static void open_gap(struct sk_buff *skb, unsigned int len, unsigned int by)
{
	skb_push(skb, by);
	memmove(skb->data, skb->data + by, len);
	skb_reset_network_header(skb);
}

static int transport4_out(struct sk_buff *skb, u8 proto, unsigned int hlen)
{
	struct kips_cb *cb = kips_cb(skb);
	unsigned int ihl = ip_hdrlen(skb);

	if (skb_cow_head(skb, hlen + ll_room(skb)))
		return -ENOMEM;
	cb->nexthdr = ip_hdr(skb)->protocol;
	open_gap(skb, ihl, hlen);
	ip_hdr(skb)->protocol = proto;
	cb->hdr_off = ihl;
	return 0;
}

/* After hop-by-hop and routing headers (RFC 4303 3.1.1), as esp6 does. */
static int transport6_out(struct sk_buff *skb, u8 proto, unsigned int hlen)
{
	struct kips_cb *cb = kips_cb(skb);
	unsigned int nh_off;
	u8 *prevhdr;
	int off;

	off = ip6_find_1stfragopt(skb, &prevhdr);
	if (off < 0)
		return off;
	nh_off = prevhdr - skb->data;
	if (skb_cow_head(skb, hlen + ll_room(skb)))
		return -ENOMEM;
	cb->nexthdr = skb->data[nh_off];
	open_gap(skb, off, hlen);
	skb->data[nh_off] = proto;
	cb->hdr_off = off;
	return 0;
}

/* What the outer header takes from the inner one (RFC 4301 5.1.2.1). */
struct inner_info {
	u8 dsfield;
	bool df;
	__be32 flowlabel;
};

static void inner_info(const struct sk_buff *skb, u8 family,
		       struct inner_info *in)
{
	memset(in, 0, sizeof(*in));
	if (family == AF_INET) {
		in->dsfield = ipv4_get_dsfield(ip_hdr(skb));
		in->df = ip_hdr(skb)->frag_off & htons(IP_DF);
	} else {
		in->dsfield = ipv6_get_dsfield(ipv6_hdr(skb));
		/* An IPv6 packet is never fragmented on its way. */
		in->df = true;
		in->flowlabel = ip6_flowlabel(ipv6_hdr(skb));
	}
	/* DSCP copied; ECN per RFC 6040 (CE becomes ECT(0)). */
	in->dsfield = INET_ECN_encapsulate(in->dsfield, in->dsfield);
}

static void outer4(struct sk_buff *skb, const struct kips_sa *sa, u8 proto,
		   const struct inner_info *in)
{
	struct dst_entry *dst = skb_dst(skb);
	struct iphdr *iph = ip_hdr(skb);

	iph->version = 4;
	iph->ihl = sizeof(*iph) / 4;
	iph->tos = in->dsfield;
	iph->tot_len = htons(skb->len);
	iph->frag_off = in->df ? htons(IP_DF) : 0;
	iph->ttl = ip4_dst_hoplimit(dst);
	iph->protocol = proto;
	iph->saddr = sa->saddr.a4;
	iph->daddr = sa->id.daddr.a4;
	ip_select_ident(dev_net(dst->dev), skb, NULL);
}

static void outer6(struct sk_buff *skb, const struct kips_sa *sa, u8 proto,
		   const struct inner_info *in)
{
	struct ipv6hdr *ip6h = ipv6_hdr(skb);

	ip6_flow_hdr(ip6h, in->dsfield, in->flowlabel);
	ip6h->payload_len = 0;
	ip6h->nexthdr = proto;
	ip6h->hop_limit = ip6_dst_hoplimit(skb_dst(skb));
	ip6h->saddr = sa->saddr.a6;
	ip6h->daddr = sa->id.daddr.a6;
}

static int tunnel_out(struct sk_buff *skb, const struct kips_sa *sa, u8 proto,
		      unsigned int hlen)
{
	struct kips_cb *cb = kips_cb(skb);
	u8 outer = sa->id.family;
	unsigned int ohl = outer == AF_INET ? sizeof(struct iphdr) :
			   sizeof(struct ipv6hdr);
	struct inner_info in;

	inner_info(skb, cb->family, &in);
	if (skb_cow_head(skb, ohl + hlen + ll_room(skb)))
		return -ENOMEM;
	cb->nexthdr = cb->family == AF_INET ? IPPROTO_IPIP : IPPROTO_IPV6;
	skb_push(skb, ohl + hlen);
	skb_reset_network_header(skb);
	if (outer == AF_INET)
		outer4(skb, sa, proto, &in);
	else
		outer6(skb, sa, proto, &in);
	cb->hdr_off = ohl;
	cb->family = outer;
	return 0;
}

int kips_encap_output(struct sk_buff *skb, const struct kips_sa *sa,
		      unsigned int hlen)
{
	struct kips_cb *cb = kips_cb(skb);
	u32 encap = READ_ONCE(sa->encap);
	unsigned int ulen = kips_udp_encap_len(encap);
	u8 proto = encap ? IPPROTO_UDP : sa->id.proto;
	int err;

	if (sa->mode == KIPS_MODE_TUNNEL)
		err = tunnel_out(skb, sa, proto, ulen + hlen);
	else if (cb->family == AF_INET)
		err = transport4_out(skb, proto, ulen + hlen);
	else
		err = transport6_out(skb, proto, ulen + hlen);
	if (err)
		return err;
	skb_set_transport_header(skb, cb->hdr_off);
	cb->udp = !!encap;
	if (encap) {
		kips_udp_encap_out(skb, cb->hdr_off, encap);
		cb->hdr_off += ulen;
	}
	return 0;
}

void kips_encap_fix_len(struct sk_buff *skb, u8 family)
{
	if (family == AF_INET) {
		ip_hdr(skb)->tot_len = htons(skb->len);
		ip_send_check(ip_hdr(skb));
	} else {
		ipv6_hdr(skb)->payload_len = htons(skb->len - sizeof(struct ipv6hdr));
	}
}

/*
 * The received frame's link-layer header, moved to sit before the new
 * network header, so that a capture of the re-injected packet reads.
 */
static void mac_follow(struct sk_buff *skb)
{
	unsigned int len = skb->mac_len;

	if (!skb_mac_header_was_set(skb) || !len || len > skb_headroom(skb))
		return;
	memmove(skb->data - len, skb_mac_header(skb), len);
	skb_set_mac_header(skb, -len);
	if (skb->dev && skb->dev->type == ARPHRD_ETHER && len == ETH_HLEN)
		eth_hdr(skb)->h_proto = skb->protocol;
}

static int transport_in(struct sk_buff *skb)
{
	struct kips_cb *cb = kips_cb(skb);
	unsigned int off = cb->hdr_off;

	if (!pskb_may_pull(skb, off + cb->hlen))
		return -EINVAL;
	memmove(skb->data + cb->hlen, skb->data, off);
	__skb_pull(skb, cb->hlen);
	skb_reset_network_header(skb);
	skb_set_transport_header(skb, off);
	skb->data[cb->nh_off] = cb->nexthdr;
	kips_encap_fix_len(skb, cb->family);
	return 0;
}

/* RFC 6040: CE on the outer header reaches the inner, or the packet goes. */
static int ecn_decap(struct sk_buff *skb, u8 family, u8 outer_ds)
{
	u8 inner_ds;

	if (!INET_ECN_is_ce(outer_ds))
		return 0;
	inner_ds = family == AF_INET ? ipv4_get_dsfield(ip_hdr(skb)) :
		   ipv6_get_dsfield(ipv6_hdr(skb));
	if (INET_ECN_is_not_ect(inner_ds))
		return -EINVAL;
	if (family == AF_INET)
		IP_ECN_set_ce(ip_hdr(skb));
	else
		IP6_ECN_set_ce(skb, ipv6_hdr(skb));
	return 0;
}

static int tunnel_in(struct sk_buff *skb)
{
	struct kips_cb *cb = kips_cb(skb);
	unsigned int ihl;
	u8 outer_ds, family;

	outer_ds = cb->family == AF_INET ? ipv4_get_dsfield(ip_hdr(skb)) :
		   ipv6_get_dsfield(ipv6_hdr(skb));
	switch (cb->nexthdr) {
	case IPPROTO_IPIP:
		family = AF_INET;
		ihl = sizeof(struct iphdr);
		break;
	case IPPROTO_IPV6:
		family = AF_INET6;
		ihl = sizeof(struct ipv6hdr);
		break;
	case NEXTHDR_NONE:
		return -ENODATA;
	default:
		return -EINVAL;
	}
	if (!pskb_pull(skb, cb->hdr_off + cb->hlen) || !pskb_may_pull(skb, ihl))
		return -EINVAL;
	skb_reset_network_header(skb);
	if (family == AF_INET) {
		if (ip_hdr(skb)->version != 4 || ip_hdr(skb)->ihl < 5)
			return -EINVAL;
	} else if (ipv6_hdr(skb)->version != 6) {
		return -EINVAL;
	}
	cb->family = family;
	skb->protocol = family == AF_INET ? htons(ETH_P_IP) : htons(ETH_P_IPV6);
	skb_reset_transport_header(skb);
	return ecn_decap(skb, family, outer_ds);
}

int kips_encap_input(struct sk_buff *skb, const struct kips_sa *sa)
{
	int err;

	if (sa->mode == KIPS_MODE_TUNNEL)
		err = tunnel_in(skb);
	else
		err = transport_in(skb);
	if (!err)
		mac_follow(skb);
	return err;
}
