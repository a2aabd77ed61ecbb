// SPDX-License-Identifier: GPL-2.0
/*
 * Outbound: policy, SAs, path MTU, segmentation, then each SA's transform
 * in turn (innermost first), and the result sent as a locally generated
 * packet, so that it passes LOCAL_OUT and POST_ROUTING like any other.
 */
#include <linux/netfilter.h>
#include <net/ip.h>
#include <net/ip6_route.h>
#include <net/netfilter/nf_conntrack.h>
#include <net/route.h>
#include <net/xfrm.h>

#include "acquire.h"
#include "compat.h"
#include "dp.h"
#include "encap.h"
#include "flow.h"
#include "pmtu.h"
#include "udp_encap.h"

static bool transformed(const struct sk_buff *skb, u8 family)
{
	if (family == AF_INET)
		return IPCB(skb)->flags & IPSKB_XFRM_TRANSFORMED;
	return IP6CB(skb)->flags & IP6SKB_XFRM_TRANSFORMED;
}

/*
 * Conntrack confirms a new connection last in POST_ROUTING, at our own
 * priority (see hooks.c); a packet we take never gets there, so confirm it
 * here, or every packet of the flow would look like a new connection.
 */
static unsigned int ct_confirm(struct sk_buff *skb)
{
#if IS_ENABLED(CONFIG_NF_CONNTRACK) && defined(KIPS_HAVE_CT_CONFIRM)
	const struct nf_ct_hook *hook;
	enum ip_conntrack_info ctinfo;
	unsigned int ret = NF_ACCEPT;
	struct nf_conn *ct;

	ct = nf_ct_get(skb, &ctinfo);
	if (!ct || nf_ct_is_confirmed(ct))
		return NF_ACCEPT;
	hook = rcu_dereference(nf_ct_hook);
	if (hook && hook->confirm)
		ret = hook->confirm(skb);
	return ret;
#else
	return NF_ACCEPT;
#endif
}

static int drop_reason(int err)
{
	return err == -EINVAL || err == -EMSGSIZE ? KIPS_CNT_A_DROP_MALFORMED :
						   KIPS_CNT_A_DROP_NOMEM;
}

static void out_drop(struct sk_buff *skb, struct kips_sa *sa, int reason)
{
	kips_count_sa(kips_sa_net(sa), sa, reason, 1);
	kips_cb_release(skb);
	kfree_skb(skb);
}

/* Transformed: off it goes, through LOCAL_OUT and POST_ROUTING again. */
static void out_send(struct sk_buff *skb)
{
	struct net *net = dev_net(skb_dst(skb)->dev);
	u8 family = kips_cb(skb)->family;

	kips_cb_release(skb);
	/* The outer packet is a connection of its own. */
	nf_reset_ct(skb);
	secpath_reset(skb);
	skb->ip_summed = CHECKSUM_NONE;
	if (family == AF_INET) {
		memset(IPCB(skb), 0, sizeof(*IPCB(skb)));
		IPCB(skb)->flags = IPSKB_XFRM_TRANSFORMED;
		ip_local_out(net, skb->sk, skb);
	} else {
		memset(IP6CB(skb), 0, sizeof(*IP6CB(skb)));
		IP6CB(skb)->flags = IP6SKB_XFRM_TRANSFORMED;
		ip6_local_out(net, skb->sk, skb);
	}
}

/* The transform of cb->idx is done: the UDP header (if any) completed. */
static int out_step_done(struct sk_buff *skb)
{
	struct kips_cb *cb = kips_cb(skb);
	struct kips_sa *sa = cb->sa[cb->idx];
	struct kips_net *kn = kips_sa_net(sa);
	int err;

	if (cb->udp) {
		err = kips_udp_encap_out_done(skb, cb->hdr_off - sizeof(struct udphdr),
					      cb->family);
		if (err)
			return err;
		cb->udp = 0;
	}
	kips_count_sa(kn, sa, KIPS_CNT_A_OUT_PACKETS, 1);
	kips_count_sa(kn, sa, KIPS_CNT_A_OUT_BYTES, cb->len);
	cb->idx++;
	return 0;
}

/* Applies the SAs from cb->idx on; the packet is gone when this returns. */
static void out_run(struct sk_buff *skb)
{
	struct kips_cb *cb = kips_cb(skb);

	while (cb->idx < cb->n_sa) {
		struct kips_sa *sa = cb->sa[cb->idx];
		const struct kips_xform *xf = kips_xform_get(sa->id.proto);
		int err;

		if (!kips_sa_account(sa, skb->len))
			return out_drop(skb, sa, KIPS_CNT_A_DROP_EXPIRED);
		if (!kips_sa_next_seq(sa, &cb->seq)) {
			kips_sa_expire_now(sa);
			return out_drop(skb, sa, KIPS_CNT_A_DROP_SEQ_OVERFLOW);
		}
		cb->len = skb->len;
		err = kips_encap_output(skb, sa, xf->hdr_len(sa));
		if (err)
			return out_drop(skb, sa, drop_reason(err));
		kips_async_get();
		err = xf->output(skb);
		if (err == -EINPROGRESS)
			return;
		kips_async_put();
		if (!err)
			err = out_step_done(skb);
		if (err)
			return out_drop(skb, sa, drop_reason(err));
	}
	out_send(skb);
}

void kips_output_resume(struct sk_buff *skb, int err)
{
	if (!err)
		err = out_step_done(skb);
	if (err)
		out_drop(skb, kips_cb_out_sa(skb), drop_reason(err));
	else
		out_run(skb);
	kips_async_put();
}

/* One packet (or GSO segment): its own references to the SAs. */
static void out_packet(struct sk_buff *skb, struct kips_sa *const *sas, int n,
		       u8 family)
{
	struct kips_cb *cb = kips_cb(skb);
	int i;

	memset(cb, 0, sizeof(*cb));
	for (i = 0; i < n; i++) {
		kips_sa_hold(sas[i]);
		cb->sa[i] = sas[i];
	}
	cb->n_sa = n;
	cb->family = family;
	/* The checksum is part of what we encrypt: it must be final. */
	if (skb->ip_summed == CHECKSUM_PARTIAL && skb_checksum_help(skb))
		return out_drop(skb, sas[0], KIPS_CNT_A_DROP_NOMEM);
	out_run(skb);
}

static int out_segments(struct sk_buff *skb, struct kips_sa *const *sas,
			int n, u8 family)
{
	struct sk_buff *segs, *seg, *next;
	bool ignore_df = skb->ignore_df;

	segs = skb_gso_segment(skb, 0);
	if (IS_ERR_OR_NULL(segs))
		return -ENOMEM;
	consume_skb(skb);
	skb_list_walk_safe(segs, seg, next) {
		skb_mark_not_on_list(seg);
		seg->ignore_df = ignore_df;
		out_packet(seg, sas, n, family);
	}
	return 0;
}

/* The route of the outer packet of tunnel SA @sa. */
static struct dst_entry *route4(struct net *net, const struct kips_sa *sa,
				const struct sk_buff *skb)
{
	u32 encap = READ_ONCE(sa->encap);
	struct flowi4 fl4 = {
		.daddr = sa->id.daddr.a4,
		.saddr = sa->saddr.a4,
		.flowi4_proto = encap ? IPPROTO_UDP : sa->id.proto,
		.flowi4_mark = skb->mark,
		.fl4_sport = htons(encap >> 16),
		.fl4_dport = htons(encap & 0xffff),
	};
	struct rtable *rt = ip_route_output_key(net, &fl4);

	return IS_ERR(rt) ? ERR_CAST(rt) : &rt->dst;
}

static struct dst_entry *route6(struct net *net, const struct kips_sa *sa,
				const struct sk_buff *skb)
{
	u32 encap = READ_ONCE(sa->encap);
	struct flowi6 fl6 = {
		.daddr = sa->id.daddr.a6,
		.saddr = sa->saddr.a6,
		.flowi6_proto = encap ? IPPROTO_UDP : sa->id.proto,
		.flowi6_mark = skb->mark,
		.fl6_sport = htons(encap >> 16),
		.fl6_dport = htons(encap & 0xffff),
	};
	struct dst_entry *dst = ip6_route_output(net, NULL, &fl6);
	int err = dst->error;

	if (err) {
		dst_release(dst);
		return ERR_PTR(err);
	}
	return dst;
}

static struct dst_entry *route_outer(struct net *net, const struct kips_sa *sa,
				     const struct sk_buff *skb)
{
	return sa->id.family == AF_INET ? route4(net, sa, skb) :
					  route6(net, sa, skb);
}

/* The SA for template @t, whose SA connects @src to @dst. */
static struct kips_sa *select_sa(struct kips_net *kn, const struct kips_tmpl *t,
				 struct kips_sa_out_key *key)
{
	struct kips_sa *sa;

	if (!t->spi)
		return kips_sa_select(&kn->sad, key);
	sa = kips_sa_lookup(&kn->sad, key->family, &key->daddr, t->spi, t->proto);
	if (sa && (sa->mode != t->mode || !kips_addr_equal(&sa->saddr, &key->saddr))) {
		kips_sa_put(sa);
		sa = NULL;
	}
	return sa;
}

/* Where a packet of @fl through @pol goes, and whether any hop is its own. */
static int select_sas(struct kips_net *kn, const struct kips_policy *pol,
		      const struct kips_flow *fl, struct kips_sa **sas,
		      struct kips_sa_out_key *key)
{
	int i;

	memset(key, 0, sizeof(*key));
	key->saddr = fl->saddr;
	key->daddr = fl->daddr;
	key->family = fl->family;
	for (i = 0; i < pol->n_tmpl; i++) {
		const struct kips_tmpl *t = &pol->tmpl[i];

		if (t->mode == KIPS_MODE_TUNNEL) {
			key->saddr = t->saddr;
			key->daddr = t->daddr;
			key->family = t->family;
		}
		key->reqid = t->reqid;
		key->proto = t->proto;
		key->mode = t->mode;
		sas[i] = select_sa(kn, t, key);
		if (!sas[i])
			return i;
	}
	return -1;
}

static int output(struct kips_net *kn, struct kips_policy *pol,
		  struct sk_buff *skb, const struct kips_flow *fl)
{
	struct kips_sa *sas[KIPS_MAX_TMPLS] = {}, *outer = NULL;
	u8 family = fl->family;
	struct kips_sa_out_key key;
	struct dst_entry *dst;
	unsigned int mtu, iphl;
	int i, n, missing, err = 0;
	bool queued = false;

	missing = select_sas(kn, pol, fl, sas, &key);
	if (missing >= 0) {
		queued = kips_acq_enqueue(kn, pol, missing, &key, skb, fl);
		n = missing;
		goto out;
	}
	n = pol->n_tmpl;
	for (i = n - 1; i >= 0 && !outer; i--)
		if (sas[i]->mode == KIPS_MODE_TUNNEL)
			outer = sas[i];
	if (outer) {
		dst = route_outer(kn->net, outer, skb);
		if (IS_ERR(dst)) {
			if (family == AF_INET)
				IP_INC_STATS(kn->net, IPSTATS_MIB_OUTNOROUTES);
			else
				IP6_INC_STATS(kn->net, NULL, IPSTATS_MIB_OUTNOROUTES);
			kfree_skb(skb);
			goto out;
		}
	} else {
		dst = dst_clone(skb_dst(skb));
	}

	iphl = family == AF_INET ? ip_hdrlen(skb) : sizeof(struct ipv6hdr);
	mtu = kips_inner_mtu(sas, n, family, iphl, dst_mtu(dst));
	/* The inner route can learn an MTU only if it is not the outer one. */
	if (!kips_pmtu_check(skb, family, mtu, outer &&
			     !kips_addr_equal(&outer->id.daddr, &fl->daddr))) {
		dst_release(dst);
		kfree_skb(skb);
		goto out;
	}
	kips_mss_clamp(skb, family, mtu);
	skb_dst_drop(skb);
	skb_dst_set(skb, dst);

	if (skb_is_gso(skb))
		err = out_segments(skb, sas, n, family);
	else
		out_packet(skb, sas, n, family);
	if (err) {
		kips_count_sa(kn, sas[0], KIPS_CNT_A_DROP_NOMEM, 1);
		kfree_skb(skb);
	}
out:
	for (i = 0; i < n; i++)
		kips_sa_put(sas[i]);
	return queued;
}

unsigned int kips_out_hook(struct kips_net *kn, struct sk_buff *skb, u8 family)
{
	struct kips_policy *pol;
	struct kips_flow fl;
	unsigned int verdict;

	if (transformed(skb, family))
		return NF_ACCEPT;
	if (kips_flow_parse(skb, family, &fl)) {
		kips_count(&kn->stats, KIPS_CNT_A_DROP_MALFORMED, 1);
		return NF_DROP;
	}
	pol = kips_spd_lookup(&kn->spd, KIPS_DIR_OUT, &fl);
	if (!pol)
		return NF_ACCEPT;
	kips_count(&pol->stats, KIPS_CNT_A_OUT_PACKETS, 1);
	kips_count(&pol->stats, KIPS_CNT_A_OUT_BYTES, skb->len);
	if (pol->action == KIPS_ACTION_BYPASS)
		return NF_ACCEPT;
	if (pol->action == KIPS_ACTION_DISCARD) {
		kips_count(&kn->stats, KIPS_CNT_A_DROP_POLICY, 1);
		return NF_DROP;
	}
	verdict = ct_confirm(skb);
	if (verdict != NF_ACCEPT)
		return verdict;
	if (READ_ONCE(kn->acq.n) && kips_acq_hold(kn, pol, skb))
		return NF_STOLEN;
	output(kn, pol, skb, &fl);
	return NF_STOLEN;
}

/* Sends on as if kips were not there: the route's own output. */
static void out_plain(struct sk_buff *skb, u8 family)
{
	struct net *net = dev_net(skb_dst(skb)->dev);

	if (family == AF_INET)
		memset(IPCB(skb), 0, sizeof(*IPCB(skb)));
	else
		memset(IP6CB(skb), 0, sizeof(*IP6CB(skb)));
	dst_output(net, skb->sk, skb);
}

bool kips_out_requeued(struct kips_net *kn, struct sk_buff *skb)
{
	u8 family = kips_cb(skb)->family;
	struct kips_policy *pol;
	struct kips_flow fl;
	bool queued = false;

	rcu_read_lock();
	if (kips_flow_parse(skb, family, &fl)) {
		kips_count(&kn->stats, KIPS_CNT_A_DROP_MALFORMED, 1);
		kfree_skb(skb);
		goto out;
	}
	pol = kips_spd_lookup(&kn->spd, KIPS_DIR_OUT, &fl);
	if (!pol || pol->action == KIPS_ACTION_BYPASS) {
		out_plain(skb, family);
	} else if (pol->action == KIPS_ACTION_DISCARD) {
		kips_count(&kn->stats, KIPS_CNT_A_DROP_POLICY, 1);
		kfree_skb(skb);
	} else {
		queued = output(kn, pol, skb, &fl);
	}
out:
	rcu_read_unlock();
	return queued;
}
