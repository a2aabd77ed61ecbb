// SPDX-License-Identifier: GPL-2.0
/*
 * Policy requests and messages: the attribute policies of the policy
 * commands, the one precheck of a policy (kips_pol_req_parse()), and the
 * policy as a message.
 */
#include "nl_policy.h"
#include "nl_sel.h"

static const struct nla_policy kips_tmpl_policy[KIPS_TMPL_A_MAX + 1] = {
	[KIPS_TMPL_A_PROTO] = { .type = NLA_U8 },	/* checked in parse_tmpl() */
	[KIPS_TMPL_A_MODE] = NLA_POLICY_RANGE(NLA_U8, KIPS_MODE_TRANSPORT,
					      KIPS_MODE_TUNNEL),
	[KIPS_TMPL_A_REQID] = { .type = NLA_U32 },
	[KIPS_TMPL_A_SRC] = NLA_POLICY_VALIDATE_FN(NLA_BINARY, kips_validate_addr),
	[KIPS_TMPL_A_DST] = NLA_POLICY_VALIDATE_FN(NLA_BINARY, kips_validate_addr),
	[KIPS_TMPL_A_SPI] = { .type = NLA_U32 },
};

#define DIR NLA_POLICY_RANGE(NLA_U8, KIPS_DIR_IN, KIPS_DIR_FWD)

/* POLICY_NEW and POLICY_SET carry the same attributes. */
const struct nla_policy kips_pol_add_policy[KIPS_POL_A_MAX + 1] = {
	[KIPS_POL_A_INDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[KIPS_POL_A_DIR] = DIR,
	[KIPS_POL_A_PRIORITY] = { .type = NLA_U32 },
	[KIPS_POL_A_ACTION] = NLA_POLICY_RANGE(NLA_U8, KIPS_ACTION_PROTECT,
					       KIPS_ACTION_DISCARD),
	[KIPS_POL_A_SELECTOR] = NLA_POLICY_NESTED(kips_sel_policy),
	[KIPS_POL_A_TMPL] = NLA_POLICY_NESTED(kips_tmpl_policy),
};

/* POLICY_GET (doit, or dump with a direction filter) and POLICY_DEL. */
const struct nla_policy kips_pol_id_policy[KIPS_POL_A_MAX + 1] = {
	[KIPS_POL_A_INDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[KIPS_POL_A_DIR] = DIR,
	[KIPS_POL_A_PRIORITY] = { .type = NLA_U32 },
	[KIPS_POL_A_SELECTOR] = NLA_POLICY_NESTED(kips_sel_policy),
};

const struct nla_policy kips_pol_flush_policy[KIPS_POL_A_MAX + 1] = {
	[KIPS_POL_A_DIR] = DIR,
};

static int parse_tmpl(const struct nlattr *nest, struct kips_tmpl *t,
		      struct netlink_ext_ack *extack)
{
	struct nlattr *tb[KIPS_TMPL_A_MAX + 1];
	struct nlattr *src, *dst;
	u8 sf, df;
	int err;

	err = nla_parse_nested(tb, KIPS_TMPL_A_MAX, nest, kips_tmpl_policy, extack);
	if (err)
		return err;
	memset(t, 0, sizeof(*t));
	if (!tb[KIPS_TMPL_A_PROTO]) {
		NL_SET_ERR_MSG_ATTR(extack, nest, "template needs a protocol (esp or ah)");
		NL_SET_ERR_ATTR_MISS(extack, nest, KIPS_TMPL_A_PROTO);
		return -EINVAL;
	}
	/* A template's SPI: 0 is "any", 1..255 are reserved. */
	if (kips_check_proto(tb[KIPS_TMPL_A_PROTO], extack) ||
	    (tb[KIPS_TMPL_A_SPI] && nla_get_u32(tb[KIPS_TMPL_A_SPI]) &&
	     kips_check_spi(tb[KIPS_TMPL_A_SPI], extack)))
		return -EINVAL;
	t->proto = nla_get_u8(tb[KIPS_TMPL_A_PROTO]);
	t->mode = tb[KIPS_TMPL_A_MODE] ? nla_get_u8(tb[KIPS_TMPL_A_MODE]) :
		  KIPS_MODE_TRANSPORT;
	if (tb[KIPS_TMPL_A_REQID])
		t->reqid = nla_get_u32(tb[KIPS_TMPL_A_REQID]);
	if (tb[KIPS_TMPL_A_SPI])
		t->spi = htonl(nla_get_u32(tb[KIPS_TMPL_A_SPI]));
	src = tb[KIPS_TMPL_A_SRC];
	dst = tb[KIPS_TMPL_A_DST];
	if (t->mode == KIPS_MODE_TRANSPORT) {
		if (!src && !dst)
			return 0;
		NL_SET_ERR_MSG_ATTR(extack, src ?: dst,
				    "a transport mode template takes its addresses from the packet");
		return -EINVAL;
	}
	if (!src || !dst) {
		NL_SET_ERR_MSG_ATTR(extack, src ?: dst ?: nest,
				    "tunnel mode needs the SA's addresses (template source and destination)");
		return -EINVAL;
	}
	sf = kips_nla_get_addr(src, &t->saddr);
	df = kips_nla_get_addr(dst, &t->daddr);
	if (sf != df) {
		NL_SET_ERR_MSG_ATTR(extack, dst, "address families differ");
		return -EINVAL;
	}
	t->family = sf;
	return 0;
}

/* Every KIPS_POL_A_TMPL in the order given (the parser keeps only one). */
static int parse_tmpls(struct genl_info *info, struct kips_policy *pol)
{
	struct nlattr *nla;
	int rem, err;

	nlmsg_for_each_attr(nla, info->nlhdr, GENL_HDRLEN, rem) {
		if (nla_type(nla) != KIPS_POL_A_TMPL)
			continue;
		if (pol->n_tmpl == KIPS_MAX_TMPLS) {
			NL_SET_ERR_MSG_ATTR(info->extack, nla,
					    "at most 2 templates (an AH and ESP bundle)");
			return -EINVAL;
		}
		err = parse_tmpl(nla, &pol->tmpl[pol->n_tmpl], info->extack);
		if (err)
			return err;
		pol->n_tmpl++;
	}
	if (pol->action == KIPS_ACTION_PROTECT && !pol->n_tmpl) {
		NL_SET_ERR_MSG(info->extack, "a protect policy needs a template");
		NL_SET_ERR_ATTR_MISS(info->extack, NULL, KIPS_POL_A_TMPL);
		return -EINVAL;
	}
	if (pol->action != KIPS_ACTION_PROTECT && pol->n_tmpl) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[KIPS_POL_A_TMPL],
				    "bypass and discard policies take no template");
		return -EINVAL;
	}
	return 0;
}

/* A selector without addresses takes the family of the (first) tunnel. */
static u8 tunnel_family(const struct kips_policy *pol)
{
	int i;

	for (i = 0; i < pol->n_tmpl; i++)
		if (pol->tmpl[i].mode == KIPS_MODE_TUNNEL)
			return pol->tmpl[i].family;
	return 0;
}

int kips_pol_req_parse(struct genl_info *info, struct kips_policy *pol)
{
	struct nlattr **attrs = info->attrs;
	int err;

	if (!KIPS_REQUIRE(info, KIPS_POL_A_DIR, "policy needs a direction") ||
	    !KIPS_REQUIRE(info, KIPS_POL_A_SELECTOR, "policy needs a selector"))
		return -EINVAL;
	pol->dir = nla_get_u8(attrs[KIPS_POL_A_DIR]);
	pol->action = attrs[KIPS_POL_A_ACTION] ?
		      nla_get_u8(attrs[KIPS_POL_A_ACTION]) : KIPS_ACTION_PROTECT;
	if (attrs[KIPS_POL_A_PRIORITY])
		pol->priority = nla_get_u32(attrs[KIPS_POL_A_PRIORITY]);
	if (attrs[KIPS_POL_A_INDEX])
		pol->index = nla_get_u32(attrs[KIPS_POL_A_INDEX]);
	err = parse_tmpls(info, pol);
	if (err)
		return err;
	return kips_nl_sel_parse(attrs[KIPS_POL_A_SELECTOR], tunnel_family(pol),
				 &pol->sel, info->extack);
}

/*
 * A selector given without addresses may name a policy stored with the
 * family of its tunnel: try each family.
 */
static struct kips_policy *find_sel(struct kips_spd *spd, u8 dir,
				    struct kips_selector *sel, u32 priority)
{
	static const u8 families[] = { 0, AF_INET, AF_INET6 };
	struct kips_policy *pol;
	int i;

	if (sel->family)
		return kips_spd_find_sel(spd, dir, sel, priority);
	for (i = 0; i < ARRAY_SIZE(families); i++) {
		sel->family = families[i];
		pol = kips_spd_find_sel(spd, dir, sel, priority);
		if (pol)
			return pol;
	}
	return NULL;
}

struct kips_policy *kips_pol_req_find(struct genl_info *info,
				      struct kips_spd *spd)
{
	struct nlattr **attrs = info->attrs;
	struct kips_selector sel;
	struct kips_policy *pol;
	u32 priority = 0;
	int err;

	if (attrs[KIPS_POL_A_INDEX]) {
		if (attrs[KIPS_POL_A_DIR] || attrs[KIPS_POL_A_SELECTOR] ||
		    attrs[KIPS_POL_A_PRIORITY]) {
			NL_SET_ERR_MSG_ATTR(info->extack, attrs[KIPS_POL_A_INDEX],
					    "name the policy by index or by direction and selector, not both");
			return ERR_PTR(-EINVAL);
		}
		pol = kips_spd_find_index(spd, nla_get_u32(attrs[KIPS_POL_A_INDEX]));
		if (!pol) {
			NL_SET_ERR_MSG_ATTR(info->extack, attrs[KIPS_POL_A_INDEX],
					    "no policy with this index");
			return ERR_PTR(-ENOENT);
		}
		return pol;
	}
	if (!KIPS_REQUIRE(info, KIPS_POL_A_DIR,
			  "policy needs its index, or its direction and selector") ||
	    !KIPS_REQUIRE(info, KIPS_POL_A_SELECTOR,
			  "policy needs its index, or its direction and selector"))
		return ERR_PTR(-EINVAL);
	err = kips_nl_sel_parse(attrs[KIPS_POL_A_SELECTOR], 0, &sel, info->extack);
	if (err)
		return ERR_PTR(err);
	if (attrs[KIPS_POL_A_PRIORITY])
		priority = nla_get_u32(attrs[KIPS_POL_A_PRIORITY]);
	pol = find_sel(spd, nla_get_u8(attrs[KIPS_POL_A_DIR]), &sel, priority);
	if (!pol) {
		NL_SET_ERR_MSG(info->extack,
			       "no policy with this direction, selector and priority");
		return ERR_PTR(-ENOENT);
	}
	return pol;
}

size_t kips_nl_pol_size(void)
{
	size_t tmpl = nla_total_size(0) + 2 * nla_total_size(sizeof(u8)) +
		      2 * nla_total_size(sizeof(u32)) + 2 * nla_total_size(16);

	return 3 * nla_total_size(sizeof(u32)) +	/* INDEX PRIORITY */
	       2 * nla_total_size(sizeof(u8)) +		/* DIR ACTION */
	       kips_nl_sel_size() +
	       KIPS_MAX_TMPLS * tmpl +
	       nla_total_size(0) +
	       nla_total_size_64bit(sizeof(u64)) * __KIPS_CNT_A_MAX;
}

static int put_tmpl(struct sk_buff *skb, const struct kips_tmpl *t)
{
	struct nlattr *nest = nla_nest_start(skb, KIPS_POL_A_TMPL);

	if (!nest ||
	    nla_put_u8(skb, KIPS_TMPL_A_PROTO, t->proto) ||
	    nla_put_u8(skb, KIPS_TMPL_A_MODE, t->mode) ||
	    nla_put_u32(skb, KIPS_TMPL_A_REQID, t->reqid))
		return -EMSGSIZE;
	if (t->family &&
	    (kips_nla_put_addr(skb, KIPS_TMPL_A_SRC, t->family, &t->saddr) ||
	     kips_nla_put_addr(skb, KIPS_TMPL_A_DST, t->family, &t->daddr)))
		return -EMSGSIZE;
	if (t->spi && nla_put_u32(skb, KIPS_TMPL_A_SPI, ntohl(t->spi)))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

static int put_policy(struct sk_buff *skb, struct kips_policy *pol)
{
	int i;

	if (nla_put_u32(skb, KIPS_POL_A_INDEX, pol->index) ||
	    nla_put_u8(skb, KIPS_POL_A_DIR, pol->dir) ||
	    nla_put_u32(skb, KIPS_POL_A_PRIORITY, pol->priority) ||
	    nla_put_u8(skb, KIPS_POL_A_ACTION, pol->action) ||
	    kips_nl_sel_put(skb, KIPS_POL_A_SELECTOR, &pol->sel))
		return -EMSGSIZE;
	for (i = 0; i < pol->n_tmpl; i++)
		if (put_tmpl(skb, &pol->tmpl[i]))
			return -EMSGSIZE;
	return kips_counters_put(skb, KIPS_POL_A_STATS, &pol->stats);
}

int kips_nl_pol_fill(struct sk_buff *skb, struct kips_policy *pol, u32 portid,
		     u32 seq, int flags, u8 cmd, struct netlink_callback *cb)
{
	void *hdr;

	hdr = genlmsg_put(skb, portid, seq, &kips_genl_family, flags, cmd);
	if (!hdr)
		return -EMSGSIZE;
	if (cb)
		genl_dump_check_consistent(cb, hdr);
	if (put_policy(skb, pol)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}
