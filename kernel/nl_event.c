// SPDX-License-Identifier: GPL-2.0
/* Multicast events (see nl_event.h). */
#include "netns.h"
#include "nl_event.h"
#include "nl_policy.h"
#include "nl_sa.h"
#include "nl_sel.h"

static bool listening(struct kips_net *kn, enum kips_mcgrp grp)
{
	return genl_has_listeners(&kips_genl_family, kn->net, grp);
}

static void kips_send(struct kips_net *kn, struct sk_buff *msg, enum kips_mcgrp grp,
		 gfp_t gfp)
{
	genlmsg_multicast_netns(&kips_genl_family, kn->net, msg, 0, grp, gfp);
}

static struct kips_net *sa_net(struct kips_sa *sa)
{
	return sa->sad->kn;
}

static void notify_sa(struct kips_sa *sa, u8 cmd, u8 expire,
		      struct genl_info *info)
{
	struct kips_sa_msg m = {
		.portid = info ? info->snd_portid : 0,
		.seq = info ? info->snd_seq : 0,
		.cmd = cmd,
		.expire = expire,
	};
	struct kips_net *kn = sa_net(sa);
	struct sk_buff *msg;

	if (!listening(kn, KIPS_MCGRP_ID_SA))
		return;
	msg = genlmsg_new(kips_nl_sa_size(), GFP_KERNEL);
	if (!msg)
		return;
	if (kips_nl_sa_fill(msg, sa, &m, NULL)) {
		nlmsg_free(msg);
		return;
	}
	kips_send(kn, msg, KIPS_MCGRP_ID_SA, GFP_KERNEL);
}

void kips_notify_sa(struct kips_sa *sa, u8 cmd, struct genl_info *info)
{
	notify_sa(sa, cmd, 0, info);
}

void kips_notify_sa_expire(struct kips_sa *sa, u8 kind)
{
	notify_sa(sa, KIPS_CMD_SA_EXPIRE, kind, NULL);
}

/* A flush event: the command and, if the flush was limited, its filter. */
static void notify_flush(struct kips_net *kn, enum kips_mcgrp grp, u8 cmd,
			 int type, u8 filter, struct genl_info *info)
{
	struct sk_buff *msg;
	void *hdr;

	if (!listening(kn, grp))
		return;
	msg = genlmsg_new(nla_total_size(sizeof(u8)), GFP_KERNEL);
	if (!msg)
		return;
	hdr = genlmsg_put(msg, info ? info->snd_portid : 0,
			  info ? info->snd_seq : 0, &kips_genl_family, 0, cmd);
	if (!hdr || (filter && nla_put_u8(msg, type, filter))) {
		nlmsg_free(msg);
		return;
	}
	genlmsg_end(msg, hdr);
	kips_send(kn, msg, grp, GFP_KERNEL);
}

void kips_notify_sa_flush(struct kips_net *kn, u8 proto, struct genl_info *info)
{
	notify_flush(kn, KIPS_MCGRP_ID_SA, KIPS_CMD_SA_FLUSH, KIPS_SA_A_PROTO,
		     proto, info);
}

void kips_notify_policy(struct kips_net *kn, struct kips_policy *pol, u8 cmd,
			struct genl_info *info)
{
	struct sk_buff *msg;

	if (!listening(kn, KIPS_MCGRP_ID_POLICY))
		return;
	msg = genlmsg_new(kips_nl_pol_size(), GFP_KERNEL);
	if (!msg)
		return;
	if (kips_nl_pol_fill(msg, pol, info ? info->snd_portid : 0,
			     info ? info->snd_seq : 0, 0, cmd, NULL)) {
		nlmsg_free(msg);
		return;
	}
	kips_send(kn, msg, KIPS_MCGRP_ID_POLICY, GFP_KERNEL);
}

void kips_notify_policy_flush(struct kips_net *kn, u8 dir, struct genl_info *info)
{
	notify_flush(kn, KIPS_MCGRP_ID_POLICY, KIPS_CMD_POLICY_FLUSH,
		     KIPS_POL_A_DIR, dir, info);
}

/* The SA wanted: tunnel endpoints, or the packet's own addresses. */
static int put_acquire(struct sk_buff *skb, const struct kips_policy *pol,
		       const struct kips_tmpl *tmpl, const struct kips_flow *fl)
{
	bool tunnel = tmpl->mode == KIPS_MODE_TUNNEL;
	u8 family = tunnel ? tmpl->family : fl->family;

	if (kips_nla_put_addr(skb, KIPS_SA_A_SRC, family,
			      tunnel ? &tmpl->saddr : &fl->saddr) ||
	    kips_nla_put_addr(skb, KIPS_SA_A_DST, family,
			      tunnel ? &tmpl->daddr : &fl->daddr) ||
	    nla_put_u8(skb, KIPS_SA_A_PROTO, tmpl->proto) ||
	    nla_put_u8(skb, KIPS_SA_A_MODE, tmpl->mode) ||
	    nla_put_u32(skb, KIPS_SA_A_REQID, tmpl->reqid) ||
	    nla_put_u32(skb, KIPS_SA_A_POLICY_INDEX, pol->index) ||
	    kips_nl_flow_put(skb, KIPS_SA_A_SELECTOR, fl))
		return -EMSGSIZE;
	return 0;
}

struct sk_buff *kips_acquire_msg(const struct kips_policy *pol,
				 const struct kips_tmpl *tmpl,
				 const struct kips_flow *fl, gfp_t gfp)
{
	size_t size = 2 * nla_total_size(16) + 2 * nla_total_size(sizeof(u8)) +
		      2 * nla_total_size(sizeof(u32)) + kips_nl_sel_size();
	struct sk_buff *msg;
	void *hdr;

	msg = genlmsg_new(size, gfp);
	if (!msg)
		return NULL;
	hdr = genlmsg_put(msg, 0, 0, &kips_genl_family, 0, KIPS_CMD_ACQUIRE);
	if (!hdr || put_acquire(msg, pol, tmpl, fl)) {
		nlmsg_free(msg);
		return NULL;
	}
	genlmsg_end(msg, hdr);
	return msg;
}

int kips_acquire(struct kips_net *kn, const struct kips_policy *pol,
		 const struct kips_tmpl *tmpl, const struct kips_flow *fl,
		 gfp_t gfp)
{
	struct sk_buff *msg;

	if (!listening(kn, KIPS_MCGRP_ID_ACQUIRE))
		return -ESRCH;
	msg = kips_acquire_msg(pol, tmpl, fl, gfp);
	if (!msg)
		return -ENOMEM;
	kips_count(&kn->stats, KIPS_CNT_A_ACQUIRES, 1);
	kips_send(kn, msg, KIPS_MCGRP_ID_ACQUIRE, gfp);
	return 0;
}
