// SPDX-License-Identifier: GPL-2.0
/*
 * Inbound: ESP or AH addressed to us (ESP also in UDP, udp_encap.h) is
 * matched to its SA by (destination, SPI, protocol), checked against the
 * replay window, authenticated and decrypted by its transform, accepted
 * into the window, accounted, decapsulated (the next transform of a
 * bundle follows at once), checked against the inbound policy, marked,
 * and re-injected as if it had just arrived on its device.
 */
#include <linux/netdevice.h>
#include <linux/netfilter.h>
#include <net/addrconf.h>
#include <net/ip.h>
#include <net/ipv6.h>
#include <net/route.h>
#include <net/xfrm.h>

#include "dp.h"
#include "encap.h"
#include "marker.h"
#include "pmtu.h"
#include "udp_encap.h"

static int drop_reason(int err)
{
	switch (err) {
	case -EBADMSG:
		return KIPS_CNT_A_DROP_AUTH;
	case -EILSEQ:
		return KIPS_CNT_A_DROP_PADDING;
	case -ENOMEM:
		return KIPS_CNT_A_DROP_NOMEM;
	default:
		return KIPS_CNT_A_DROP_MALFORMED;
	}
}

static void in_drop(struct sk_buff *skb, struct kips_sa *sa, int reason)
{
	if (reason)
		kips_count_sa(kips_sa_net(sa), sa, reason, 1);
	kips_cb_release(skb);
	kfree_skb(skb);
}

/*
 * Where the ESP, AH or UDP header of an arriving packet is: its offset,
 * that of the byte naming it, and the protocol.  false for anything else,
 * and for a fragment (defragmentation is on while kips is, so that is a
 * fragment the stack must reassemble first).
 */
static bool locate(const struct sk_buff *skb, u8 family, u8 *proto,
		   unsigned int *off, unsigned int *nh_off)
{
	const struct ipv6_opt_hdr *h;
	struct ipv6_opt_hdr _h;
	u8 nexthdr;

	if (family == AF_INET) {
		const struct iphdr *iph = ip_hdr(skb);

		if (ip_is_fragment(iph))
			return false;
		*proto = iph->protocol;
		*off = iph->ihl * 4;
		*nh_off = offsetof(struct iphdr, protocol);
		return *proto == IPPROTO_ESP || *proto == IPPROTO_AH ||
		       *proto == IPPROTO_UDP;
	}
	nexthdr = ipv6_hdr(skb)->nexthdr;
	*off = sizeof(struct ipv6hdr);
	*nh_off = offsetof(struct ipv6hdr, nexthdr);
	while (nexthdr == NEXTHDR_HOP || nexthdr == NEXTHDR_ROUTING ||
	       nexthdr == NEXTHDR_DEST) {
		h = skb_header_pointer(skb, *off, sizeof(_h), &_h);
		if (!h)
			return false;
		*nh_off = *off;
		*off += ipv6_optlen(h);
		nexthdr = h->nexthdr;
	}
	*proto = nexthdr;
	return nexthdr == IPPROTO_ESP || nexthdr == IPPROTO_AH ||
	       nexthdr == IPPROTO_UDP;
}

static bool addr_local(struct net *net, u8 family, const union kips_addr *a)
{
	if (family == AF_INET)
		return inet_addr_type(net, a->a4) == RTN_LOCAL;
	return ipv6_chk_addr(net, &a->a6, NULL, 0);
}

/*
 * No SA of ours: the kernel's own IPsec may have one (kips coexists with
 * it); a packet for another host passes; one for us is dropped.
 */
static unsigned int no_sa(struct kips_net *kn, struct sk_buff *skb, u8 family,
			  const union kips_addr *daddr, __be32 spi, u8 proto)
{
	struct xfrm_state *x;

	x = xfrm_state_lookup(kn->net, skb->mark, (const xfrm_address_t *)daddr,
			      spi, proto, family);
	if (x) {
		xfrm_state_put(x);
		return NF_ACCEPT;
	}
	if (!addr_local(kn->net, family, daddr))
		return NF_ACCEPT;
	kips_count(&kn->stats, KIPS_CNT_A_DROP_NO_SA, 1);
	return NF_DROP;
}

/*
 * A SYN that came through: its MSS lowered so that our replies fit the
 * SAs back, whose MTU we take to be the arrival device's.
 */
static void in_mss_clamp(struct sk_buff *skb)
{
	struct kips_cb *cb = kips_cb(skb);
	struct kips_sa *sas[KIPS_MAX_TMPLS];
	unsigned int iphl;
	int i;

	if (!skb->dev)
		return;
	for (i = 0; i < cb->n_sa; i++)
		sas[i] = cb->sa[cb->n_sa - 1 - i];
	iphl = cb->family == AF_INET ? sizeof(struct iphdr) : sizeof(struct ipv6hdr);
	kips_mss_clamp(skb, cb->family, kips_inner_mtu(sas, cb->n_sa, cb->family,
						       iphl, READ_ONCE(skb->dev->mtu)));
}

/*
 * ESP in UDP in transport mode: the TCP or UDP checksum inside covers the
 * addresses the peer saw, which a NAT between us may have changed.  The
 * ICV has vouched for every byte already, so the checksum goes unchecked,
 * as with XFRM (design.rst: NAT traversal).
 */
static bool csum_vouched(const struct kips_cb *cb)
{
	int i;

	if (!cb->udp)
		return false;
	for (i = 0; i < cb->n_sa; i++)
		if (cb->sa[i]->mode == KIPS_MODE_TUNNEL)
			return false;
	return true;
}

/* The packet as it arrived on its device, with the inner headers. */
static void reinject(struct sk_buff *skb)
{
	bool vouched = csum_vouched(kips_cb(skb));

	kips_cb_release(skb);
	skb_dst_drop(skb);
	nf_reset_ct(skb);
	/* The device's hash is the outer packet's. */
	skb_clear_hash(skb);
	skb->ip_summed = vouched ? CHECKSUM_UNNECESSARY : CHECKSUM_NONE;
	skb->csum_level = 0;
	skb->encapsulation = 0;
	kips_reinject(skb);
}

static void in_done(struct sk_buff *skb, int err);

/* Undoes the transform of the last SA in cb->sa[]. */
static void in_run(struct sk_buff *skb)
{
	struct kips_cb *cb = kips_cb(skb);
	struct kips_sa *sa = kips_cb_in_sa(skb);
	const struct kips_xform *xf = kips_xform_get(sa->id.proto);
	__be32 spi;
	u32 seq_lo;
	int err;

	xf->parse(skb, cb->hdr_off, &spi, &seq_lo);
	spin_lock_bh(&sa->lock);
	err = kips_replay_check(&sa->replay, seq_lo, sa->esn, &cb->seq);
	spin_unlock_bh(&sa->lock);
	if (err)
		return in_drop(skb, sa, KIPS_CNT_A_DROP_REPLAY);
	kips_async_get();
	err = xf->input(skb);
	if (err == -EINPROGRESS)
		return;
	kips_async_put();
	in_done(skb, err);
}

/*
 * After a transport-mode SA, the next header may be another transform of
 * a bundle (ESP inside AH): its SA, if we have it, is applied at once, so
 * that the policy check sees the whole chain.
 */
static bool in_next(struct kips_net *kn, struct sk_buff *skb)
{
	struct kips_cb *cb = kips_cb(skb);
	const struct kips_xform *xf = kips_xform_get(cb->nexthdr);
	union kips_addr daddr = {};
	struct kips_sa *sa;
	__be32 spi;
	u32 seq_lo;

	if (!xf || cb->n_sa == KIPS_MAX_TMPLS ||
	    !pskb_may_pull(skb, cb->hdr_off + xf->parse_len))
		return false;
	xf->parse(skb, cb->hdr_off, &spi, &seq_lo);
	if (cb->family == AF_INET)
		daddr.a4 = ip_hdr(skb)->daddr;
	else
		daddr.a6 = ipv6_hdr(skb)->daddr;
	sa = kips_sa_lookup(&kn->sad, cb->family, &daddr, spi, xf->proto);
	if (!sa)
		return false;
	cb->sa[cb->n_sa++] = sa;
	in_run(skb);
	return true;
}

/* The transform is done with the packet, successfully or not. */
static void in_done(struct sk_buff *skb, int err)
{
	struct kips_cb *cb = kips_cb(skb);
	struct kips_sa *sa = kips_cb_in_sa(skb);
	struct kips_net *kn = kips_sa_net(sa);

	if (err) {
		in_drop(skb, sa, drop_reason(err));
		return;
	}
	/* Authenticated: now, and only now, it may move the window. */
	spin_lock_bh(&sa->lock);
	err = kips_replay_advance(&sa->replay, cb->seq);
	spin_unlock_bh(&sa->lock);
	if (err) {
		in_drop(skb, sa, KIPS_CNT_A_DROP_REPLAY);
		return;
	}
	err = kips_encap_input(skb, sa);
	if (err) {
		in_drop(skb, sa, err == -ENODATA ? 0 : KIPS_CNT_A_DROP_MALFORMED);
		return;
	}
	if (!kips_sa_account(sa, skb->len)) {
		in_drop(skb, sa, KIPS_CNT_A_DROP_EXPIRED);
		return;
	}
	kips_count_sa(kn, sa, KIPS_CNT_A_IN_PACKETS, 1);
	kips_count_sa(kn, sa, KIPS_CNT_A_IN_BYTES, skb->len);
	if (sa->mode == KIPS_MODE_TRANSPORT && in_next(kn, skb))
		return;
	if (!kips_in_verify(kn, skb)) {
		in_drop(skb, sa, KIPS_CNT_A_DROP_POLICY);
		return;
	}
	if (kips_marker_set(skb, sa->id.proto)) {
		in_drop(skb, sa, KIPS_CNT_A_DROP_NOMEM);
		return;
	}
	in_mss_clamp(skb);
	reinject(skb);
}

void kips_input_resume(struct sk_buff *skb, int err)
{
	in_done(skb, err);
	kips_async_put();
}

/* Takes the packet, whose header at @off is for @sa. */
static void in_start(struct sk_buff *skb, struct kips_sa *sa, u8 family,
		     unsigned int off, unsigned int nh_off, bool udp)
{
	struct kips_cb *cb = kips_cb(skb);

	memset(cb, 0, sizeof(*cb));
	cb->sa[0] = sa;
	cb->n_sa = 1;
	cb->hdr_off = off;
	cb->nh_off = nh_off;
	cb->family = family;
	cb->udp = udp;
	in_run(skb);
}

/* UDP: ESP in it for an SA of ours is taken, anything else left alone. */
static unsigned int in_udp(struct kips_net *kn, struct sk_buff *skb, u8 family,
			   unsigned int off, unsigned int nh_off)
{
	struct kips_sa *sa;
	int err;

	sa = kips_udp_encap_sa(kn, skb, family, off);
	if (!sa)
		return NF_ACCEPT;
	err = kips_udp_encap_strip(skb, family, off, nh_off);
	if (err) {
		kips_count_sa(kn, sa, err == -ENOMEM ? KIPS_CNT_A_DROP_NOMEM :
			      KIPS_CNT_A_DROP_MALFORMED, 1);
		kips_sa_put(sa);
		return NF_DROP;
	}
	in_start(skb, sa, family, off, nh_off, true);
	return NF_STOLEN;
}

unsigned int kips_in_hook(struct kips_net *kn, struct sk_buff *skb, u8 family)
{
	const struct kips_xform *xf;
	unsigned int off, nh_off;
	union kips_addr daddr = {};
	struct kips_sa *sa;
	__be32 spi;
	u32 seq_lo;
	u8 proto;

	if (!locate(skb, family, &proto, &off, &nh_off))
		return NF_ACCEPT;
	if (proto == IPPROTO_UDP)
		return in_udp(kn, skb, family, off, nh_off);
	xf = kips_xform_get(proto);
	if (!xf)
		return NF_ACCEPT;
	if (!pskb_may_pull(skb, off + xf->parse_len)) {
		kips_count(&kn->stats, KIPS_CNT_A_DROP_MALFORMED, 1);
		return NF_DROP;
	}
	xf->parse(skb, off, &spi, &seq_lo);
	if (family == AF_INET)
		daddr.a4 = ip_hdr(skb)->daddr;
	else
		daddr.a6 = ipv6_hdr(skb)->daddr;
	sa = kips_sa_lookup(&kn->sad, family, &daddr, spi, proto);
	if (!sa)
		return no_sa(kn, skb, family, &daddr, spi, proto);
	/*
	 * An SA that takes its ESP in UDP takes it in nothing else, as
	 * XFRM's does: a policy mismatch.
	 */
	if (READ_ONCE(sa->encap)) {
		kips_count_sa(kn, sa, KIPS_CNT_A_DROP_POLICY, 1);
		kips_sa_put(sa);
		return NF_DROP;
	}
	in_start(skb, sa, family, off, nh_off, false);
	return NF_STOLEN;
}
