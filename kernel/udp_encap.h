/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ESP in UDP (RFC 3948), for NAT traversal.  An ESP SA with encapsulation
 * ports (kips_sa.encap: sport << 16 | dport, as XFRM keeps them: on an
 * outbound SA sport is ours and dport the peer's, on an inbound one sport
 * is the peer's and dport ours) sends and takes its ESP in a UDP header
 * between the IP header and ESP.
 *
 * Output: encap.c makes room for the UDP header with the transform's and
 * writes the ports; once the transform is done, the length and checksum
 * are set (zero over IPv4, as RFC 3948 2.1 allows; a real one over IPv6).
 * Input: a UDP datagram to a port of ours whose first four bytes are a
 * non-zero SPI of an ESP SA of ours, encapsulated on that port, loses its
 * UDP header at PRE_ROUTING and goes on as ESP.  Everything else on the
 * port (IKE behind the non-ESP marker, keepalives, SPIs we do not know)
 * reaches its socket untouched.
 */
#ifndef _KIPS_UDP_ENCAP_H
#define _KIPS_UDP_ENCAP_H

#include <linux/skbuff.h>
#include <linux/udp.h>

struct kips_net;
struct kips_sa;

/* Bytes the encapsulation @encap (0: none) adds in front of ESP. */
static inline unsigned int kips_udp_encap_len(u32 encap)
{
	return encap ? sizeof(struct udphdr) : 0;
}

/* Writes the ports of @encap into the UDP header at @off. */
void kips_udp_encap_out(struct sk_buff *skb, unsigned int off, u32 encap);

/*
 * The transform is done: the UDP header at @off (in an IP packet of
 * @family at skb->data) gets its length and checksum.  -EMSGSIZE if the
 * datagram has grown too long for UDP.
 */
int kips_udp_encap_out_done(struct sk_buff *skb, unsigned int off, u8 family);

/*
 * Input, at PRE_ROUTING: the UDP datagram at @off of an IP packet of
 * @family.  Returns, with a reference, the SA whose ESP it carries (an ESP
 * SA of ours for its destination and SPI, encapsulated on its destination
 * port), or NULL when the datagram is not ours to take.
 */
struct kips_sa *kips_udp_encap_sa(struct kips_net *kn, struct sk_buff *skb,
				  u8 family, unsigned int off);

/*
 * Checks the datagram kips_udp_encap_sa() took (length, checksum) and
 * removes its UDP header: the packet is ESP at @off, as if it had come so;
 * @nh_off is the byte that named UDP.  -EINVAL for a malformed datagram,
 * -ENOMEM.
 */
int kips_udp_encap_strip(struct sk_buff *skb, u8 family, unsigned int off,
			 unsigned int nh_off);

#endif /* _KIPS_UDP_ENCAP_H */
