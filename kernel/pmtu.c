// SPDX-License-Identifier: GPL-2.0
/* Path MTU through SAs and TCP MSS clamping (see pmtu.h). */
#include <asm/unaligned.h>
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <linux/tcp.h>
#include <net/icmp.h>
#include <net/ip.h>
#include <net/ipv6.h>
#include <net/route.h>
#include <net/tcp.h>

#include "dp.h"
#include "pmtu.h"
#include "udp_encap.h"

static unsigned int ip_hlen(u8 family)
{
	return family == AF_INET ? sizeof(struct iphdr) : sizeof(struct ipv6hdr);
}

unsigned int kips_inner_mtu(struct kips_sa *const *sas, int n, u8 family,
			    unsigned int iphl, unsigned int mtu)
{
	int i, j;

	/* From the outside in: each SA leaves less room for what it wraps. */
	for (i = n - 1; i >= 0; i--) {
		const struct kips_sa *sa = sas[i];
		const struct kips_xform *xf = kips_xform_get(sa->id.proto);
		unsigned int ul = kips_udp_encap_len(READ_ONCE(sa->encap));
		unsigned int hl = iphl;

		/* The IP header this SA sees: its inner tunnel's, if any. */
		for (j = i - 1; j >= 0; j--) {
			if (sas[j]->mode == KIPS_MODE_TUNNEL) {
				hl = ip_hlen(sas[j]->id.family);
				break;
			}
		}
		if (sa->mode == KIPS_MODE_TUNNEL)
			hl = ip_hlen(sa->id.family);
		/* ESP in UDP: the UDP header comes off the transform's room. */
		if (!xf || mtu <= hl + ul)
			return 0;
		if (sa->mode == KIPS_MODE_TUNNEL)
			mtu = xf->max_payload(sa, mtu - hl - ul);
		else
			mtu = hl + xf->max_payload(sa, mtu - hl - ul);
	}
	return mtu;
}

static bool fits(const struct sk_buff *skb, unsigned int mtu)
{
	if (skb_is_gso(skb))
		return skb_gso_validate_network_len(skb, mtu);
	return skb->len <= mtu;
}

bool kips_pmtu_check(struct sk_buff *skb, u8 family, unsigned int inner_mtu,
		     bool own_route)
{
	if (fits(skb, inner_mtu))
		return true;
	if (family == AF_INET) {
		if (!own_route || !(ip_hdr(skb)->frag_off & htons(IP_DF)) ||
		    inner_mtu < IPV4_MIN_MTU)
			goto fragment;
		skb_dst_update_pmtu_no_confirm(skb, inner_mtu);
		icmp_ndo_send(skb, ICMP_DEST_UNREACH, ICMP_FRAG_NEEDED,
			      htonl(inner_mtu));
		return false;
	}
	if (!own_route || inner_mtu < IPV6_MIN_MTU)
		goto fragment;
	skb_dst_update_pmtu_no_confirm(skb, inner_mtu);
	icmpv6_ndo_send(skb, ICMPV6_PKT_TOOBIG, 0, inner_mtu);
	return false;

fragment:
	/* The outer packet will be fragmented: let ip(6)_fragment() do it. */
	skb->ignore_df = 1;
	return true;
}

/* The TCP header of a SYN in @skb (network header at data), or NULL. */
static struct tcphdr *syn_header(struct sk_buff *skb, u8 family,
				 unsigned int *off)
{
	struct tcphdr *th;
	unsigned int hl;

	if (family == AF_INET) {
		if (ip_hdr(skb)->protocol != IPPROTO_TCP ||
		    ip_is_fragment(ip_hdr(skb)))
			return NULL;
		hl = ip_hdrlen(skb);
	} else {
		/* Extension headers are rare on SYNs: those are left alone. */
		if (ipv6_hdr(skb)->nexthdr != IPPROTO_TCP)
			return NULL;
		hl = sizeof(struct ipv6hdr);
	}
	if (!pskb_may_pull(skb, hl + sizeof(*th)))
		return NULL;
	th = (struct tcphdr *)(skb->data + hl);
	if (!th->syn || th->doff * 4 < sizeof(*th))
		return NULL;
	if (skb_ensure_writable(skb, hl + th->doff * 4))
		return NULL;
	*off = hl;
	return (struct tcphdr *)(skb->data + hl);
}

void kips_mss_clamp(struct sk_buff *skb, u8 family, unsigned int mtu)
{
	unsigned int off, i, optlen, max;
	struct tcphdr *th;
	u8 *opt;

	if (mtu <= ip_hlen(family) + sizeof(*th))
		return;
	th = syn_header(skb, family, &off);
	if (!th)
		return;
	max = mtu - ip_hlen(family) - sizeof(*th);
	opt = (u8 *)(th + 1);
	optlen = th->doff * 4 - sizeof(*th);
	for (i = 0; i < optlen; ) {
		if (opt[i] == TCPOPT_EOL)
			return;
		if (opt[i] == TCPOPT_NOP) {
			i++;
			continue;
		}
		if (i + 1 >= optlen || opt[i + 1] < 2 || i + opt[i + 1] > optlen)
			return;
		if (opt[i] == TCPOPT_MSS && opt[i + 1] == TCPOLEN_MSS) {
			__be16 old = get_unaligned((__be16 *)&opt[i + 2]);

			if (ntohs(old) <= max)
				return;
			put_unaligned(htons(max), (__be16 *)&opt[i + 2]);
			inet_proto_csum_replace2(&th->check, skb, old, htons(max),
						 false);
			return;
		}
		i += opt[i + 1];
	}
}
