// SPDX-License-Identifier: GPL-2.0
/* ESP in UDP, RFC 3948 (see udp_encap.h). */
#include <asm/unaligned.h>
#include <linux/netfilter.h>
#include <net/esp.h>
#include <net/ip.h>
#include <net/ip6_checksum.h>
#include <net/ipv6.h>

#include "dp.h"
#include "encap.h"
#include "udp_encap.h"

void kips_udp_encap_out(struct sk_buff *skb, unsigned int off, u32 encap)
{
	struct udphdr *uh = (struct udphdr *)(skb->data + off);

	uh->source = htons(encap >> 16);
	uh->dest = htons(encap & 0xffff);
	uh->len = 0;
	uh->check = 0;
}

int kips_udp_encap_out_done(struct sk_buff *skb, unsigned int off, u8 family)
{
	unsigned int len = skb->len - off;
	struct udphdr *uh;
	__wsum csum;

	if (len > U16_MAX)
		return -EMSGSIZE;
	uh = (struct udphdr *)(skb->data + off);
	uh->len = htons(len);
	uh->check = 0;
	/* RFC 3948 2.1: zero over IPv4; IPv6 has no zero (RFC 8200 8.1). */
	if (family == AF_INET)
		return 0;
	/*
	 * In software, over the ciphertext: the packet leaves through
	 * ip6_local_out() like any local one, and a checksum left to the
	 * device would be wrong in every capture on the way.
	 */
	csum = skb_checksum(skb, off, len, 0);
	uh->check = csum_ipv6_magic(&ipv6_hdr(skb)->saddr, &ipv6_hdr(skb)->daddr,
				    len, IPPROTO_UDP, csum);
	if (!uh->check)
		uh->check = CSUM_MANGLED_0;
	return 0;
}

/* The UDP header and the ESP header that must follow it. */
#define UDP_ESP_LEN	(sizeof(struct udphdr) + sizeof(struct ip_esp_hdr))

struct kips_sa *kips_udp_encap_sa(struct kips_net *kn, struct sk_buff *skb,
				  u8 family, unsigned int off)
{
	union kips_addr daddr = {};
	const struct udphdr *uh;
	struct kips_sa *sa;
	__be32 spi;
	u32 encap;

	/*
	 * A namespace that never had an encapsulated SA pays nothing.  A
	 * datagram aggregated by UDP GRO is many: it is left to the socket
	 * (the header of only the first could be stripped here).
	 */
	if (!READ_ONCE(kn->sad.encap_seen) || skb_is_gso(skb))
		return NULL;
	/*
	 * No more than an ESP header is IKE or a keepalive (a single 0xff),
	 * as XFRM judges it; so is a zero SPI, the non-ESP marker in front
	 * of IKE (RFC 3948 2.2).
	 */
	if (skb->len <= off + UDP_ESP_LEN || !pskb_may_pull(skb, off + UDP_ESP_LEN))
		return NULL;
	uh = (const struct udphdr *)(skb->data + off);
	spi = get_unaligned((const __be32 *)(uh + 1));
	if (!spi)
		return NULL;
	if (family == AF_INET)
		daddr.a4 = ip_hdr(skb)->daddr;
	else
		daddr.a6 = ipv6_hdr(skb)->daddr;
	sa = kips_sa_lookup(&kn->sad, family, &daddr, spi, IPPROTO_ESP);
	if (!sa)
		return NULL;
	/*
	 * Our port is the SA's dport.  The source (address and port) is
	 * not checked: a NAT may have moved the peer since the SA was made,
	 * and ESP's ICV, not the outer header, says who sent the packet.
	 */
	encap = READ_ONCE(sa->encap);
	if (!encap || (encap & 0xffff) != ntohs(uh->dest)) {
		kips_sa_put(sa);
		return NULL;
	}
	return sa;
}

int kips_udp_encap_strip(struct sk_buff *skb, u8 family, unsigned int off,
			 unsigned int nh_off)
{
	const struct udphdr *uh = (const struct udphdr *)(skb->data + off);
	unsigned int ulen = ntohs(uh->len);
	bool zero = !uh->check;

	if (ulen <= UDP_ESP_LEN || ulen > skb->len - off)
		return -EINVAL;
	if (pskb_trim_rcsum(skb, off + ulen))
		return -ENOMEM;
	/* A zero checksum means none over IPv4 only. */
	if (zero ? family == AF_INET6 :
	    nf_checksum(skb, NF_INET_PRE_ROUTING, off, IPPROTO_UDP, family))
		return -EINVAL;
	if (skb_ensure_writable(skb, off + UDP_ESP_LEN))
		return -ENOMEM;
	memmove(skb->data + sizeof(struct udphdr), skb->data, off);
	__skb_pull(skb, sizeof(struct udphdr));
	skb_reset_network_header(skb);
	skb_set_transport_header(skb, off);
	skb->data[nh_off] = IPPROTO_ESP;
	/* What the device said of the checksum was of the UDP datagram. */
	skb->ip_summed = CHECKSUM_NONE;
	kips_encap_fix_len(skb, family);
	return 0;
}
