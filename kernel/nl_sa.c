// SPDX-License-Identifier: GPL-2.0
/*
 * The SA commands.  Each builds what it installs completely (crypto
 * included) before it takes the SAD lock, and publishes it in one step, so
 * a failing request leaves the SAD as it was.  Key attributes of SA_NEW and
 * SA_SET requests are wiped before the handler returns.
 */
#include <net/sock.h>

#include "netns.h"
#include "nl_event.h"
#include "nl_sa.h"
#include "nl_sel.h"

static struct kips_sad *info_sad(struct genl_info *info)
{
	return &kips_net(genl_info_net(info))->sad;
}

/* Kicks the lifetime work if there is a time limit to watch. */
static void watch_lifetimes(struct kips_sa *sa)
{
	if (sa->state == KIPS_SA_STATE_LARVAL || sa->soft.add_seconds ||
	    sa->hard.add_seconds || sa->soft.use_seconds || sa->hard.use_seconds)
		kips_sa_lifetime_kick(sa, 0);
}

int kips_nl_sa_new(struct sk_buff *skb, struct genl_info *info)
{
	struct kips_sad *sad = info_sad(info);
	struct kips_sa_req req;
	struct kips_sa *sa;
	int err;

	err = kips_sa_req_parse(info, &req);
	if (err)
		goto out;
	sa = kips_sa_build(sad, &req, info->extack);
	if (IS_ERR(sa)) {
		err = PTR_ERR(sa);
		goto out;
	}
	mutex_lock(&sad->lock);
	err = kips_sad_insert(sad, sa);
	if (!err) {
		kips_notify_sa(sa, KIPS_CMD_SA_NEW, info);
		watch_lifetimes(sa);
	}
	mutex_unlock(&sad->lock);
	if (err == -EEXIST)
		NL_SET_ERR_MSG(info->extack,
			       "an SA with this destination, SPI and protocol exists");
	if (err)
		kips_sa_put(sa);
out:
	kips_sa_req_wipe(info);
	return err;
}

static int no_such_sa(struct genl_info *info)
{
	NL_SET_ERR_MSG(info->extack, "no SA with this destination, SPI and protocol");
	return -ENOENT;
}

/* SA_SET on a larval SA: a complete SA takes its place. */
static int complete_larval(struct genl_info *info, struct kips_sa *larval)
{
	struct kips_sad *sad = larval->sad;
	struct kips_sa_req req;
	struct kips_sa *sa;
	int err;

	err = kips_sa_req_parse(info, &req);
	if (err)
		return err;
	if (!kips_addr_equal(&req.saddr, &larval->saddr)) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[KIPS_SA_A_SRC],
				    "source address differs from the larval SA's");
		return -EINVAL;
	}
	sa = kips_sa_build(sad, &req, info->extack);
	if (IS_ERR(sa))
		return PTR_ERR(sa);
	err = kips_sad_replace(sad, larval, sa);
	if (err) {
		kips_sa_put(sa);
		return err;
	}
	kips_notify_sa(sa, KIPS_CMD_SA_SET, info);
	watch_lifetimes(sa);
	return 0;
}

/* SA_SET on a complete SA: new lifetimes and encapsulation ports. */
static int update_sa(struct genl_info *info, struct kips_sa *sa)
{
	struct kips_sa_req req;
	int err;

	err = kips_sa_req_update(info, sa, &req);
	if (err)
		return err;
	spin_lock_bh(&sa->lock);
	WRITE_ONCE(sa->soft.bytes, req.soft.bytes);
	WRITE_ONCE(sa->soft.packets, req.soft.packets);
	WRITE_ONCE(sa->soft.add_seconds, req.soft.add_seconds);
	WRITE_ONCE(sa->soft.use_seconds, req.soft.use_seconds);
	WRITE_ONCE(sa->hard.bytes, req.hard.bytes);
	WRITE_ONCE(sa->hard.packets, req.hard.packets);
	WRITE_ONCE(sa->hard.add_seconds, req.hard.add_seconds);
	WRITE_ONCE(sa->hard.use_seconds, req.hard.use_seconds);
	WRITE_ONCE(sa->encap, req.encap);
	spin_unlock_bh(&sa->lock);
	if (req.encap)
		WRITE_ONCE(sa->sad->encap_seen, true);
	kips_notify_sa(sa, KIPS_CMD_SA_SET, info);
	/* New limits may be reached already, or fall due earlier. */
	kips_sa_lifetime_kick(sa, 0);
	return 0;
}

/*
 * The SA is built under the SAD lock here, unlike in SA_NEW: completing a
 * larval SA must not race with its expiry, and only key managers do it.
 */
int kips_nl_sa_set(struct sk_buff *skb, struct genl_info *info)
{
	struct kips_sad *sad = info_sad(info);
	struct kips_sa_id id;
	struct kips_sa *sa;
	int err;

	err = kips_sa_req_id(info, &id);
	if (err)
		goto out;
	mutex_lock(&sad->lock);
	sa = kips_sad_find(sad, &id);
	if (!sa)
		err = no_such_sa(info);
	else if (sa->state == KIPS_SA_STATE_LARVAL)
		err = complete_larval(info, sa);
	else
		err = update_sa(info, sa);
	mutex_unlock(&sad->lock);
out:
	kips_sa_req_wipe(info);
	return err;
}

int kips_nl_sa_del(struct sk_buff *skb, struct genl_info *info)
{
	struct kips_sad *sad = info_sad(info);
	struct kips_sa_id id;
	struct kips_sa *sa;
	int err;

	err = kips_sa_req_id(info, &id);
	if (err)
		return err;
	mutex_lock(&sad->lock);
	sa = kips_sad_find(sad, &id);
	if (sa) {
		kips_notify_sa(sa, KIPS_CMD_SA_DEL, info);
		kips_sad_unlink(sad, sa);
	} else {
		err = no_such_sa(info);
	}
	mutex_unlock(&sad->lock);
	return err;
}

/* KIPS_SA_A_REQ_FLAGS: known bits only; keys only for admins. */
static int parse_req_flags(struct nlattr *nla, const struct sk_buff *skb,
			   struct net *net, bool *keys,
			   struct netlink_ext_ack *extack)
{
	u32 flags = nla ? nla_get_u32(nla) : 0;

	if (flags & ~__KIPS_REQ_F_ALL) {
		NL_SET_ERR_MSG_ATTR(extack, nla, "unknown request flag bits");
		return -EOPNOTSUPP;
	}
	*keys = flags & KIPS_REQ_F_KEYS;
	if (*keys && !kips_nl_admin(skb, net)) {
		NL_SET_ERR_MSG_ATTR(extack, nla,
				    "reading keys needs CAP_NET_ADMIN in the namespace's user namespace");
		return -EPERM;
	}
	return 0;
}

int kips_nl_sa_get(struct sk_buff *skb, struct genl_info *info)
{
	struct kips_sa_msg m = {
		.portid = info->snd_portid,
		.seq = info->snd_seq,
		.cmd = KIPS_CMD_SA_GET,
	};
	struct kips_sad *sad = info_sad(info);
	struct kips_sa_id id;
	struct sk_buff *msg;
	struct kips_sa *sa;
	int err;

	err = kips_sa_req_id(info, &id) ?:
	      parse_req_flags(info->attrs[KIPS_SA_A_REQ_FLAGS], skb,
			      genl_info_net(info), &m.keys, info->extack);
	if (err)
		return err;
	sa = kips_sad_get(sad, &id);
	if (!sa)
		return no_such_sa(info);
	err = -ENOMEM;
	msg = genlmsg_new(kips_nl_sa_size(), GFP_KERNEL);
	if (!msg)
		goto out;
	err = kips_nl_sa_fill(msg, sa, &m, NULL);
	if (err)
		nlmsg_free(msg);
	else
		err = genlmsg_reply(msg, info);
out:
	kips_sa_put(sa);
	return err;
}

struct kips_sa_dump {
	unsigned long next;	/* dump id to go on from */
	struct kips_dump_verdict verdict;
	u8 proto;
	bool keys;
};

static struct kips_sa_dump *dump_ctx(struct netlink_callback *cb)
{
	static_assert(sizeof(struct kips_sa_dump) <= sizeof(cb->ctx));
	return (struct kips_sa_dump *)cb->ctx;
}

static int sa_dump_check(struct netlink_callback *cb, struct kips_sa_dump *ctx,
			 struct netlink_ext_ack *extack)
{
	struct nlattr **attrs = genl_dumpit_info(cb)->attrs;

	if (attrs[KIPS_SA_A_DST] || attrs[KIPS_SA_A_SPI]) {
		NL_SET_ERR_MSG_ATTR(extack, attrs[KIPS_SA_A_DST] ?:
				    attrs[KIPS_SA_A_SPI],
				    "an SA dump takes no SA identity (only a protocol filter)");
		return -EINVAL;
	}
	if (attrs[KIPS_SA_A_PROTO]) {
		if (kips_check_proto(attrs[KIPS_SA_A_PROTO], extack))
			return -EINVAL;
		ctx->proto = nla_get_u8(attrs[KIPS_SA_A_PROTO]);
	}
	return parse_req_flags(attrs[KIPS_SA_A_REQ_FLAGS], cb->skb,
			       sock_net(cb->skb->sk), &ctx->keys, extack);
}

int kips_nl_sa_dump_start(struct netlink_callback *cb)
{
	struct kips_sa_dump *ctx = dump_ctx(cb);
	struct netlink_ext_ack ext = {};

	memset(ctx, 0, sizeof(*ctx));
	kips_dump_verdict_set(&ctx->verdict, sa_dump_check(cb, ctx, &ext), &ext);
	if (ctx->verdict.err)
		ctx->keys = false;
	return 0;
}

int kips_nl_sa_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct kips_sad *sad = &kips_net(sock_net(skb->sk))->sad;
	struct kips_sa_dump *ctx = dump_ctx(cb);
	struct kips_sa_msg m = {
		.portid = NETLINK_CB(cb->skb).portid,
		.seq = cb->nlh->nlmsg_seq,
		.flags = NLM_F_MULTI,
		.cmd = KIPS_CMD_SA_GET,
		.keys = ctx->keys,
	};
	struct kips_sa *sa;
	unsigned long id;
	int err;

	err = kips_dump_verdict(&ctx->verdict, cb);
	if (err)
		return err;
	rcu_read_lock();
	cb->seq = READ_ONCE(sad->genid);
	xa_for_each_start(&sad->all, id, sa, ctx->next) {
		if (ctx->proto && sa->id.proto != ctx->proto)
			continue;
		err = kips_nl_sa_fill(skb, sa, &m, cb);
		if (err)
			break;
		ctx->next = id + 1;
	}
	rcu_read_unlock();
	/* A full skb ends this round; an SA that fits no skb is an error. */
	return err && !skb->len ? err : skb->len;
}

int kips_nl_sa_flush(struct sk_buff *skb, struct genl_info *info)
{
	struct kips_net *kn = kips_net(genl_info_net(info));
	struct nlattr *proto = info->attrs[KIPS_SA_A_PROTO];
	u8 filter = proto ? nla_get_u8(proto) : 0;

	if (proto && kips_check_proto(proto, info->extack))
		return -EINVAL;
	mutex_lock(&kn->sad.lock);
	if (kips_sad_flush(&kn->sad, filter))
		kips_notify_sa_flush(kn, filter, info);
	mutex_unlock(&kn->sad.lock);
	return 0;
}

static struct kips_sa *build_larval(struct genl_info *info, struct kips_sad *sad)
{
	struct nlattr **attrs = info->attrs;
	union kips_addr saddr, daddr;
	struct kips_sa *sa;
	u8 family;

	if (!KIPS_REQUIRE(info, KIPS_SA_A_SRC, "SA needs a source address") ||
	    !KIPS_REQUIRE(info, KIPS_SA_A_DST, "SA needs its destination address") ||
	    !KIPS_REQUIRE(info, KIPS_SA_A_PROTO, "SA needs its protocol (esp or ah)"))
		return ERR_PTR(-EINVAL);
	if (kips_check_proto(attrs[KIPS_SA_A_PROTO], info->extack))
		return ERR_PTR(-EINVAL);
	family = kips_nla_get_addr(attrs[KIPS_SA_A_DST], &daddr);
	if (kips_nla_get_addr(attrs[KIPS_SA_A_SRC], &saddr) != family) {
		NL_SET_ERR_MSG_ATTR(info->extack, attrs[KIPS_SA_A_SRC],
				    "address families differ");
		return ERR_PTR(-EINVAL);
	}
	sa = kips_sa_alloc(sad, 0);
	if (!sa)
		return ERR_PTR(-ENOMEM);
	sa->id.daddr = daddr;
	sa->id.family = family;
	sa->id.proto = nla_get_u8(attrs[KIPS_SA_A_PROTO]);
	sa->saddr = saddr;
	if (attrs[KIPS_SA_A_REQID])
		sa->reqid = nla_get_u32(attrs[KIPS_SA_A_REQID]);
	sa->state = KIPS_SA_STATE_LARVAL;
	sa->add_time = max_t(u64, ktime_get_boottime_seconds(), 1);
	sa->add_real = ktime_get_real_seconds();
	return sa;
}

int kips_nl_sa_alloc_spi(struct sk_buff *skb, struct genl_info *info)
{
	struct kips_sa_msg m = {
		.portid = info->snd_portid,
		.seq = info->snd_seq,
		.cmd = KIPS_CMD_SA_ALLOC_SPI,
	};
	struct nlattr *min = info->attrs[KIPS_SA_A_SPI_MIN];
	struct nlattr *max = info->attrs[KIPS_SA_A_SPI_MAX];
	u32 lo = min ? nla_get_u32(min) : KIPS_SPI_MIN;
	u32 hi = max ? nla_get_u32(max) : U32_MAX;
	struct kips_sad *sad = info_sad(info);
	struct sk_buff *msg;
	struct kips_sa *sa;
	int err;

	if ((min && kips_check_spi(min, info->extack)) ||
	    (max && kips_check_spi(max, info->extack)))
		return -EINVAL;
	if (lo > hi) {
		NL_SET_ERR_MSG_ATTR(info->extack, min,
				    "SPI range reversed (minimum above maximum)");
		return -EINVAL;
	}
	sa = build_larval(info, sad);
	if (IS_ERR(sa))
		return PTR_ERR(sa);
	msg = genlmsg_new(kips_nl_sa_size(), GFP_KERNEL);
	if (!msg) {
		kips_sa_put(sa);
		return -ENOMEM;
	}
	mutex_lock(&sad->lock);
	err = kips_sad_alloc_spi(sad, sa, lo, hi);
	if (!err) {
		kips_notify_sa(sa, KIPS_CMD_SA_NEW, info);
		watch_lifetimes(sa);
		/* The reply is built while the SA cannot go away. */
		err = kips_nl_sa_fill(msg, sa, &m, NULL);
	} else {
		kips_sa_put(sa);
		if (err == -ENOSPC)
			NL_SET_ERR_MSG(info->extack, "no free SPI in the range");
	}
	mutex_unlock(&sad->lock);
	if (err) {
		nlmsg_free(msg);
		return err;
	}
	return genlmsg_reply(msg, info);
}
