// SPDX-License-Identifier: GPL-2.0
/*
 * The policy commands.  A new or replacing policy is parsed into a fresh
 * object before the SPD lock is taken and published in one step; a failing
 * request leaves the SPD as it was.
 */
#include <net/sock.h>

#include "hooks.h"
#include "netns.h"
#include "nl_event.h"
#include "nl_policy.h"

static struct kips_net *info_kn(struct genl_info *info)
{
	return kips_net(genl_info_net(info));
}

static struct kips_policy *parse_new(struct genl_info *info)
{
	struct kips_policy *pol;
	int err;

	pol = kips_policy_alloc();
	if (!pol)
		return ERR_PTR(-ENOMEM);
	err = kips_pol_req_parse(info, pol);
	if (err) {
		kips_policy_put(pol);
		return ERR_PTR(err);
	}
	return pol;
}

int kips_nl_pol_new(struct sk_buff *skb, struct genl_info *info)
{
	struct kips_net *kn = info_kn(info);
	struct kips_policy *pol;
	struct sk_buff *msg;
	void *hdr;
	int err;

	pol = parse_new(info);
	if (IS_ERR(pol))
		return PTR_ERR(pol);
	msg = kips_reply_new(info, nla_total_size(sizeof(u32)), &hdr);
	if (!msg) {
		kips_policy_put(pol);
		return -ENOMEM;
	}
	/* The datapath must be in place before the policy takes effect. */
	err = kips_hooks_need(kn);
	if (err) {
		NL_SET_ERR_MSG(info->extack, "cannot register the netfilter hooks");
		kips_policy_put(pol);
		nlmsg_free(msg);
		return err;
	}
	mutex_lock(&kn->spd.lock);
	err = kips_spd_insert(&kn->spd, pol);
	if (!err) {
		kips_notify_policy(kn, pol, KIPS_CMD_POLICY_NEW, info);
		/* Sized for it: cannot fail. */
		nla_put_u32(msg, KIPS_POL_A_INDEX, pol->index);
	}
	mutex_unlock(&kn->spd.lock);
	kips_hooks_added(kn);
	if (err) {
		if (err == -EEXIST)
			NL_SET_ERR_MSG(info->extack,
				       "a policy with this direction, selector and priority exists");
		else if (err == -EBUSY)
			NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[KIPS_POL_A_INDEX],
					    "policy index in use");
		kips_policy_put(pol);
		nlmsg_free(msg);
		return err;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

int kips_nl_pol_set(struct sk_buff *skb, struct genl_info *info)
{
	struct kips_net *kn = info_kn(info);
	struct kips_policy *pol, *old;
	int err;

	if (!KIPS_REQUIRE(info, KIPS_POL_A_INDEX,
			  "POLICY_SET needs the index of the policy it replaces"))
		return -EINVAL;
	pol = parse_new(info);
	if (IS_ERR(pol))
		return PTR_ERR(pol);
	mutex_lock(&kn->spd.lock);
	old = kips_spd_find_index(&kn->spd, pol->index);
	if (!old) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[KIPS_POL_A_INDEX],
				    "no policy with this index");
		err = -ENOENT;
	} else {
		err = kips_spd_replace(&kn->spd, old, pol);
		if (err == -EEXIST)
			NL_SET_ERR_MSG(info->extack,
				       "another policy has this direction, selector and priority");
		else if (!err)
			kips_notify_policy(kn, pol, KIPS_CMD_POLICY_SET, info);
	}
	mutex_unlock(&kn->spd.lock);
	if (err)
		kips_policy_put(pol);
	return err;
}

int kips_nl_pol_del(struct sk_buff *skb, struct genl_info *info)
{
	struct kips_net *kn = info_kn(info);
	struct kips_policy *pol;
	int err = 0;

	mutex_lock(&kn->spd.lock);
	pol = kips_pol_req_find(info, &kn->spd);
	if (IS_ERR(pol)) {
		err = PTR_ERR(pol);
	} else {
		kips_notify_policy(kn, pol, KIPS_CMD_POLICY_DEL, info);
		kips_spd_unlink(&kn->spd, pol);
	}
	mutex_unlock(&kn->spd.lock);
	kips_hooks_sync(kn);
	return err;
}

int kips_nl_pol_get(struct sk_buff *skb, struct genl_info *info)
{
	struct kips_net *kn = info_kn(info);
	struct kips_policy *pol;
	struct sk_buff *msg;
	int err;

	rcu_read_lock();
	pol = kips_pol_req_find(info, &kn->spd);
	if (!IS_ERR(pol) && !kips_policy_hold_rcu(pol))
		pol = ERR_PTR(-ENOENT);
	rcu_read_unlock();
	if (IS_ERR(pol))
		return PTR_ERR(pol);
	err = -ENOMEM;
	msg = genlmsg_new(kips_nl_pol_size(), GFP_KERNEL);
	if (msg) {
		err = kips_nl_pol_fill(msg, pol, info->snd_portid, info->snd_seq,
				       0, KIPS_CMD_POLICY_GET, NULL);
		if (err)
			nlmsg_free(msg);
		else
			err = genlmsg_reply(msg, info);
	}
	kips_policy_put(pol);
	return err;
}

struct kips_pol_dump {
	unsigned long next;	/* index to go on from */
	struct kips_dump_verdict verdict;
	u8 dir;
};

static struct kips_pol_dump *dump_ctx(struct netlink_callback *cb)
{
	static_assert(sizeof(struct kips_pol_dump) <= sizeof(cb->ctx));
	return (struct kips_pol_dump *)cb->ctx;
}

int kips_nl_pol_dump_start(struct netlink_callback *cb)
{
	struct nlattr **attrs = genl_dumpit_info(cb)->attrs;
	struct kips_pol_dump *ctx = dump_ctx(cb);
	struct nlattr *id = attrs[KIPS_POL_A_INDEX] ?: attrs[KIPS_POL_A_SELECTOR] ?:
			    attrs[KIPS_POL_A_PRIORITY];
	struct netlink_ext_ack ext = {};

	memset(ctx, 0, sizeof(*ctx));
	if (id) {
		NL_SET_ERR_MSG_ATTR(&ext, id,
				    "a policy dump takes no policy identity (only a direction filter)");
		kips_dump_verdict_set(&ctx->verdict, -EINVAL, &ext);
		return 0;
	}
	if (attrs[KIPS_POL_A_DIR])
		ctx->dir = nla_get_u8(attrs[KIPS_POL_A_DIR]);
	return 0;
}

int kips_nl_pol_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct kips_spd *spd = &kips_net(sock_net(skb->sk))->spd;
	struct kips_pol_dump *ctx = dump_ctx(cb);
	struct kips_policy *pol;
	unsigned long index;
	int err;

	err = kips_dump_verdict(&ctx->verdict, cb);
	if (err)
		return err;
	rcu_read_lock();
	cb->seq = READ_ONCE(spd->genid);
	xa_for_each_start(&spd->by_index, index, pol, ctx->next) {
		if (ctx->dir && pol->dir != ctx->dir)
			continue;
		err = kips_nl_pol_fill(skb, pol, NETLINK_CB(cb->skb).portid,
				       cb->nlh->nlmsg_seq, NLM_F_MULTI,
				       KIPS_CMD_POLICY_GET, cb);
		if (err)
			break;
		ctx->next = index + 1;
	}
	rcu_read_unlock();
	return err && !skb->len ? err : skb->len;
}

int kips_nl_pol_flush(struct sk_buff *skb, struct genl_info *info)
{
	struct kips_net *kn = info_kn(info);
	struct nlattr *dir = info->attrs[KIPS_POL_A_DIR];
	u8 filter = dir ? nla_get_u8(dir) : 0;

	mutex_lock(&kn->spd.lock);
	if (kips_spd_flush(&kn->spd, filter))
		kips_notify_policy_flush(kn, filter, info);
	mutex_unlock(&kn->spd.lock);
	kips_hooks_sync(kn);
	return 0;
}
