/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _KIPS_NETLINK_H
#define _KIPS_NETLINK_H

#include <net/genetlink.h>
#include <linux/kips.h>

extern struct genl_family kips_genl_family;

enum kips_mcgrp {
	KIPS_MCGRP_ID_SA,
	KIPS_MCGRP_ID_POLICY,
	KIPS_MCGRP_ID_ACQUIRE,
};

int kips_genl_register(void);
void kips_genl_unregister(void);

/* A reply for the request in @info, with its command number. */
struct sk_buff *kips_reply_new(struct genl_info *info, size_t size, void **hdr);

/*
 * NL_SET_ERR_MSG_ATTR() for a message that is not a literal (one from a
 * table); the message must be static.
 */
static inline void kips_set_err(struct netlink_ext_ack *extack,
				const struct nlattr *nla, const char *msg)
{
	if (!extack)
		return;
	do_trace_netlink_extack(msg);
	extack->_msg = msg;
	extack->bad_attr = nla;
}

/*
 * On 6.1 a dump's ->start runs without an extack (cb->extack is set only
 * around ->dump), so a refusal there would reach the caller as a bare
 * errno.  ->start checks the request into a local extack and keeps the
 * verdict here; the first ->dump round reports it, message included, in
 * NLMSG_DONE.  The capability is still checked in ->start, in the
 * requester's context.
 */
struct kips_dump_verdict {
	const char *msg;
	int err;
};

static inline void kips_dump_verdict_set(struct kips_dump_verdict *v, int err,
					 const struct netlink_ext_ack *ext)
{
	v->err = err;
	v->msg = ext->_msg;
}

static inline int kips_dump_verdict(const struct kips_dump_verdict *v,
				    struct netlink_callback *cb)
{
	if (v->err)
		kips_set_err(cb->extack, NULL, v->msg);
	return v->err;
}

/* A required attribute is missing: say which, with @msg. */
#define KIPS_REQUIRE(info, type, msg) ({				\
	bool __missing = !(info)->attrs[type];				\
									\
	if (__missing) {						\
		NL_SET_ERR_MSG((info)->extack, msg);			\
		NL_SET_ERR_ATTR_MISS((info)->extack, NULL, type);	\
	}								\
	!__missing;							\
})

/* Whether the sender of @skb has CAP_NET_ADMIN over @net. */
bool kips_nl_admin(const struct sk_buff *skb, const struct net *net);

/*
 * Attribute checks shared by several commands (nl_sel.c).  Integer
 * attributes are checked by the handlers, not with NLA_POLICY_VALIDATE_FN:
 * on 6.1, an extack that points at the policy of such an attribute makes
 * the policy dump in the ack WARN (nla_get_range_unsigned() reads the
 * function pointer as a range).
 */
int kips_validate_addr(const struct nlattr *nla, struct netlink_ext_ack *extack);
/* An SPI attribute: 0 and 1..255 are refused. */
int kips_check_spi(const struct nlattr *nla, struct netlink_ext_ack *extack);
/* A protocol attribute: IPPROTO_ESP or IPPROTO_AH. */
int kips_check_proto(const struct nlattr *nla, struct netlink_ext_ack *extack);
extern const struct nla_policy kips_sel_policy[KIPS_SEL_A_MAX + 1];

int kips_nl_info_get(struct sk_buff *skb, struct genl_info *info);
extern const struct nla_policy kips_info_get_policy[KIPS_INFO_A_MAX + 1];

/* nl_sa.c */
extern const struct nla_policy kips_sa_add_policy[KIPS_SA_A_MAX + 1];
extern const struct nla_policy kips_sa_id_policy[KIPS_SA_A_MAX + 1];
extern const struct nla_policy kips_sa_get_policy[KIPS_SA_A_MAX + 1];
extern const struct nla_policy kips_sa_flush_policy[KIPS_SA_A_MAX + 1];
extern const struct nla_policy kips_sa_alloc_spi_policy[KIPS_SA_A_MAX + 1];
int kips_nl_sa_new(struct sk_buff *skb, struct genl_info *info);
int kips_nl_sa_set(struct sk_buff *skb, struct genl_info *info);
int kips_nl_sa_del(struct sk_buff *skb, struct genl_info *info);
int kips_nl_sa_get(struct sk_buff *skb, struct genl_info *info);
int kips_nl_sa_dump_start(struct netlink_callback *cb);
int kips_nl_sa_dump(struct sk_buff *skb, struct netlink_callback *cb);
int kips_nl_sa_flush(struct sk_buff *skb, struct genl_info *info);
int kips_nl_sa_alloc_spi(struct sk_buff *skb, struct genl_info *info);

/* nl_policy.c */
extern const struct nla_policy kips_pol_add_policy[KIPS_POL_A_MAX + 1];
extern const struct nla_policy kips_pol_id_policy[KIPS_POL_A_MAX + 1];
extern const struct nla_policy kips_pol_flush_policy[KIPS_POL_A_MAX + 1];
int kips_nl_pol_new(struct sk_buff *skb, struct genl_info *info);
int kips_nl_pol_set(struct sk_buff *skb, struct genl_info *info);
int kips_nl_pol_del(struct sk_buff *skb, struct genl_info *info);
int kips_nl_pol_get(struct sk_buff *skb, struct genl_info *info);
int kips_nl_pol_dump_start(struct netlink_callback *cb);
int kips_nl_pol_dump(struct sk_buff *skb, struct netlink_callback *cb);
int kips_nl_pol_flush(struct sk_buff *skb, struct genl_info *info);

#endif /* _KIPS_NETLINK_H */
