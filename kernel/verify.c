// SPDX-License-Identifier: GPL-2.0
/*
 * Inbound policy.  A packet kips decrypted is checked once, right after
 * decapsulation, while the SAs it came through are known: the inner
 * packet must be what those SAs and the policy covering it allow.  It is
 * then marked (marker.h), and LOCAL_IN and FORWARD let marked packets
 * pass; there, any other packet that an inbound protect policy covers is
 * clear text that should have been protected, and is dropped.
 */
#include <linux/netfilter.h>
#include <net/addrconf.h>
#include <net/route.h>
#include <net/xfrm.h>

#include "dp.h"
#include "flow.h"

/* Whether template @t asks for SA @sa. */
static bool tmpl_match(const struct kips_tmpl *t, const struct kips_sa *sa)
{
	if (t->proto != sa->id.proto || t->mode != sa->mode ||
	    (t->reqid && t->reqid != sa->reqid) ||
	    (t->spi && t->spi != sa->id.spi))
		return false;
	return t->mode != KIPS_MODE_TUNNEL ||
	       (t->family == sa->id.family &&
		kips_addr_equal(&t->saddr, &sa->saddr) &&
		kips_addr_equal(&t->daddr, &sa->id.daddr));
}

/* Whether @pol's templates (innermost first) are the SAs the packet came
 * through (outermost first).
 */
static bool chain_match(const struct kips_policy *pol, const struct kips_cb *cb)
{
	int i;

	if (pol->n_tmpl != cb->n_sa)
		return false;
	for (i = 0; i < cb->n_sa; i++)
		if (!tmpl_match(&pol->tmpl[pol->n_tmpl - 1 - i], cb->sa[i]))
			return false;
	return true;
}

static bool local_dst(struct net *net, const struct kips_flow *fl)
{
	if (fl->family == AF_INET)
		return inet_addr_type(net, fl->daddr.a4) == RTN_LOCAL;
	return ipv6_chk_addr(net, &fl->daddr.a6, NULL, 0);
}

/*
 * The policy for the inner packet: inbound if it is for us, forward if
 * not.  Only when both directions have a policy for it does that need
 * asking.
 */
static struct kips_policy *in_policy(struct kips_net *kn,
				     const struct kips_flow *fl)
{
	struct kips_policy *in, *fwd;

	in = kips_spd_lookup(&kn->spd, KIPS_DIR_IN, fl);
	fwd = kips_spd_lookup(&kn->spd, KIPS_DIR_FWD, fl);
	if (!in || !fwd)
		return in ?: fwd;
	return local_dst(kn->net, fl) ? in : fwd;
}

bool kips_in_verify(struct kips_net *kn, struct sk_buff *skb)
{
	struct kips_cb *cb = kips_cb(skb);
	const struct kips_sa *inner = cb->sa[cb->n_sa - 1];
	struct kips_policy *pol;
	struct kips_flow fl;
	bool tunnel = false, ok;
	int i;

	if (kips_flow_parse(skb, cb->family, &fl))
		return false;
	/* An SA with a selector of its own carries nothing else. */
	if (inner->has_sel && !kips_sel_match(&inner->sel, &fl))
		return false;
	for (i = 0; i < cb->n_sa; i++)
		tunnel |= cb->sa[i]->mode == KIPS_MODE_TUNNEL;

	rcu_read_lock();
	pol = in_policy(kn, &fl);
	if (!pol) {
		/*
		 * Transport mode protects the peer's own packets, as XFRM
		 * accepts them without a policy; a tunnel must not carry
		 * traffic nobody allowed.
		 */
		ok = !tunnel || inner->has_sel;
	} else {
		kips_count(&pol->stats, KIPS_CNT_A_IN_PACKETS, 1);
		kips_count(&pol->stats, KIPS_CNT_A_IN_BYTES, skb->len);
		if (pol->action == KIPS_ACTION_PROTECT)
			ok = chain_match(pol, cb);
		else
			ok = pol->action == KIPS_ACTION_BYPASS &&
			     (!tunnel || inner->has_sel);
	}
	rcu_read_unlock();
	return ok;
}

/* Whether the packet came through IPsec: ours, or the kernel's own. */
static bool protected(const struct sk_buff *skb)
{
	const struct sec_path *sp = skb_sec_path(skb);

	return sp && sp->len;
}

unsigned int kips_in_enforce(struct kips_net *kn, struct sk_buff *skb,
			     u8 family, u8 dir)
{
	struct kips_policy *pol;
	struct kips_flow fl;

	if (protected(skb))
		return NF_ACCEPT;
	/* Let the stack judge what we cannot read. */
	if (kips_flow_parse(skb, family, &fl))
		return NF_ACCEPT;
	/* ESP and AH themselves: we took ours at PRE_ROUTING; XFRM's pass. */
	if (fl.proto == IPPROTO_ESP || fl.proto == IPPROTO_AH)
		return NF_ACCEPT;
	pol = kips_spd_lookup(&kn->spd, dir, &fl);
	if (!pol)
		return NF_ACCEPT;
	kips_count(&pol->stats, KIPS_CNT_A_IN_PACKETS, 1);
	kips_count(&pol->stats, KIPS_CNT_A_IN_BYTES, skb->len);
	if (pol->action == KIPS_ACTION_BYPASS)
		return NF_ACCEPT;
	kips_count(&kn->stats, KIPS_CNT_A_DROP_POLICY, 1);
	return NF_DROP;
}
