// SPDX-License-Identifier: GPL-2.0
/*
 * Where kips meets the packets.  Priorities, and why:
 *
 * PRE_ROUTING, just before connection tracking (NF_IP_PRI_CONNTRACK - 1):
 *   ESP and AH addressed to us, and ESP in UDP for our encapsulated SAs.  After defragmentation (-400), so that a
 *   fragmented ESP packet arrives whole, and after the raw table, so that
 *   an administrator can still drop it there; before conntrack, so that
 *   the outer packet we consume is never tracked: only the inner packet we
 *   re-inject is, from its own PRE_ROUTING on, as if it had arrived so.
 * LOCAL_IN and FORWARD, after the filter and security tables
 *   (NF_IP_PRI_SECURITY + 1): a clear-text packet that an inbound
 *   "protect" policy covers is dropped.  Late, so iptables sees and logs
 *   the packet first; before conntrack confirmation (INT_MAX), so that a
 *   packet we drop leaves no confirmed connection behind.
 * POST_ROUTING, last (NF_IP_PRI_LAST): outbound policy, local and
 *   forwarded traffic alike, after source NAT (as XFRM looks policies up
 *   again after NAT).  Conntrack confirmation has the same priority, and
 *   hooks of equal priority run in the reverse order of their
 *   registration, so we cannot rely on following it: output.c confirms an
 *   unconfirmed connection itself before it takes the packet.
 */
#include <linux/netfilter_ipv4.h>
#include <linux/netfilter_ipv6.h>
#include <net/netfilter/ipv4/nf_defrag_ipv4.h>
#include <net/netfilter/ipv6/nf_defrag_ipv6.h>

#include "dp.h"
#include "hooks.h"

static unsigned int pre4(void *priv, struct sk_buff *skb,
			 const struct nf_hook_state *state)
{
	return kips_in_hook(kips_net(state->net), skb, AF_INET);
}

static unsigned int pre6(void *priv, struct sk_buff *skb,
			 const struct nf_hook_state *state)
{
	return kips_in_hook(kips_net(state->net), skb, AF_INET6);
}

static unsigned int local_in4(void *priv, struct sk_buff *skb,
			      const struct nf_hook_state *state)
{
	return kips_in_enforce(kips_net(state->net), skb, AF_INET, KIPS_DIR_IN);
}

static unsigned int local_in6(void *priv, struct sk_buff *skb,
			      const struct nf_hook_state *state)
{
	return kips_in_enforce(kips_net(state->net), skb, AF_INET6, KIPS_DIR_IN);
}

static unsigned int fwd4(void *priv, struct sk_buff *skb,
			 const struct nf_hook_state *state)
{
	return kips_in_enforce(kips_net(state->net), skb, AF_INET, KIPS_DIR_FWD);
}

static unsigned int fwd6(void *priv, struct sk_buff *skb,
			 const struct nf_hook_state *state)
{
	return kips_in_enforce(kips_net(state->net), skb, AF_INET6, KIPS_DIR_FWD);
}

static unsigned int post4(void *priv, struct sk_buff *skb,
			  const struct nf_hook_state *state)
{
	return kips_out_hook(kips_net(state->net), skb, AF_INET);
}

static unsigned int post6(void *priv, struct sk_buff *skb,
			  const struct nf_hook_state *state)
{
	return kips_out_hook(kips_net(state->net), skb, AF_INET6);
}

#define HOOK(fn, pf_, num, prio) \
	{ .hook = fn, .pf = pf_, .hooknum = num, .priority = prio }

static const struct nf_hook_ops kips_nf_ops[] = {
	HOOK(pre4, NFPROTO_IPV4, NF_INET_PRE_ROUTING, NF_IP_PRI_CONNTRACK - 1),
	HOOK(local_in4, NFPROTO_IPV4, NF_INET_LOCAL_IN, NF_IP_PRI_SECURITY + 1),
	HOOK(fwd4, NFPROTO_IPV4, NF_INET_FORWARD, NF_IP_PRI_SECURITY + 1),
	HOOK(post4, NFPROTO_IPV4, NF_INET_POST_ROUTING, NF_IP_PRI_LAST),
	HOOK(pre6, NFPROTO_IPV6, NF_INET_PRE_ROUTING, NF_IP6_PRI_CONNTRACK - 1),
	HOOK(local_in6, NFPROTO_IPV6, NF_INET_LOCAL_IN, NF_IP6_PRI_SECURITY + 1),
	HOOK(fwd6, NFPROTO_IPV6, NF_INET_FORWARD, NF_IP6_PRI_SECURITY + 1),
	HOOK(post6, NFPROTO_IPV6, NF_INET_POST_ROUTING, NF_IP6_PRI_LAST),
};

void kips_hooks_net_init(struct kips_net *kn)
{
	mutex_init(&kn->hooks.lock);
	kn->hooks.on = false;
	kn->hooks.adding = 0;
}

static int hooks_on(struct kips_net *kn)
{
	struct net *net = kn->net;
	int err;

	err = nf_defrag_ipv4_enable(net);
	if (err)
		return err;
	err = nf_defrag_ipv6_enable(net);
	if (err)
		goto err_v4;
	err = nf_register_net_hooks(net, kips_nf_ops, ARRAY_SIZE(kips_nf_ops));
	if (err)
		goto err_v6;
	kn->hooks.on = true;
	return 0;

err_v6:
	nf_defrag_ipv6_disable(net);
err_v4:
	nf_defrag_ipv4_disable(net);
	return err;
}

static void hooks_off(struct kips_net *kn)
{
	struct net *net = kn->net;

	nf_unregister_net_hooks(net, kips_nf_ops, ARRAY_SIZE(kips_nf_ops));
	nf_defrag_ipv6_disable(net);
	nf_defrag_ipv4_disable(net);
	kn->hooks.on = false;
}

int kips_hooks_need(struct kips_net *kn)
{
	int err = 0;

	mutex_lock(&kn->hooks.lock);
	if (!kn->hooks.on)
		err = hooks_on(kn);
	if (!err)
		kn->hooks.adding++;
	mutex_unlock(&kn->hooks.lock);
	return err;
}

/* Requests run in parallel: one that is adding keeps the hooks. */
static void sync_locked(struct kips_net *kn)
{
	if (kn->hooks.on && !kn->hooks.adding && !READ_ONCE(kn->spd.count))
		hooks_off(kn);
}

void kips_hooks_added(struct kips_net *kn)
{
	mutex_lock(&kn->hooks.lock);
	kn->hooks.adding--;
	sync_locked(kn);
	mutex_unlock(&kn->hooks.lock);
}

void kips_hooks_sync(struct kips_net *kn)
{
	mutex_lock(&kn->hooks.lock);
	sync_locked(kn);
	mutex_unlock(&kn->hooks.lock);
}

/*
 * Packets already taken finish on their own: the namespace waits for the
 * crypto requests still in flight before its SAs and counters go.
 */
void kips_hooks_net_exit(struct kips_net *kn)
{
	mutex_lock(&kn->hooks.lock);
	if (kn->hooks.on)
		hooks_off(kn);
	mutex_unlock(&kn->hooks.lock);
	kips_async_wait();
}
