/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The IP side of both modes, for any transform: on output, room for the
 * transform's header after the IP header (transport) or a new outer header
 * (tunnel); on input, the transform's header stripped and the IP header
 * mended (transport) or the outer header dropped (tunnel).
 */
#ifndef _KIPS_ENCAP_H
#define _KIPS_ENCAP_H

#include <linux/skbuff.h>

struct kips_sa;

/*
 * Makes @hlen bytes of room for @sa's header, at kips_cb()->hdr_off, with
 * the IP header (the packet's, or a new outer one) in front, and for an SA
 * with UDP encapsulation a UDP header between them (kips_cb()->udp set);
 * sets the control block's nexthdr to what the header will protect, and
 * its family to that of the IP header now at skb->data.  Tunnel mode: the
 * packet's route must already be the outer one.
 */
int kips_encap_output(struct sk_buff *skb, const struct kips_sa *sa,
		      unsigned int hlen);
/* Sets the IP header's lengths (and IPv4 checksum) from skb->len. */
void kips_encap_fix_len(struct sk_buff *skb, u8 family);

/*
 * Strips the kips_cb()->hlen bytes a transform left at hdr_off: the
 * transport header is mended to name cb->nexthdr; a tunnel's outer header
 * goes and the inner packet remains (cb->family becomes its family).
 * -ENODATA for a tunnel's dummy packet (next header 59), which is dropped
 * without counting; other errors for a malformed packet.
 */
int kips_encap_input(struct sk_buff *skb, const struct kips_sa *sa);

#endif /* _KIPS_ENCAP_H */
