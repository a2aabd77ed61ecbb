// SPDX-License-Identifier: GPL-2.0
/* Selectors and addresses on the wire; validators several policies share. */
#include "netlink.h"
#include "nl_sel.h"

int kips_validate_addr(const struct nlattr *nla, struct netlink_ext_ack *extack)
{
	if (kips_len_family(nla_len(nla)))
		return 0;
	NL_SET_ERR_MSG_ATTR(extack, nla,
			    "address must be 4 (IPv4) or 16 (IPv6) bytes");
	return -EINVAL;
}

int kips_check_spi(const struct nlattr *nla, struct netlink_ext_ack *extack)
{
	u32 spi = nla_get_u32(nla);

	if (!spi) {
		NL_SET_ERR_MSG_ATTR(extack, nla, "SPI 0 is invalid");
		return -EINVAL;
	}
	if (spi < KIPS_SPI_MIN) {
		NL_SET_ERR_MSG_ATTR(extack, nla,
				    "SPI 1..255 are reserved (RFC 4303)");
		return -EINVAL;
	}
	return 0;
}

int kips_check_proto(const struct nlattr *nla, struct netlink_ext_ack *extack)
{
	u8 proto = nla_get_u8(nla);

	if (proto == IPPROTO_ESP || proto == IPPROTO_AH)
		return 0;
	NL_SET_ERR_MSG_ATTR(extack, nla, "protocol must be esp (50) or ah (51)");
	return -EINVAL;
}

bool kips_nl_admin(const struct sk_buff *skb, const struct net *net)
{
	return netlink_ns_capable(skb, net->user_ns, CAP_NET_ADMIN);
}

const struct nla_policy kips_sel_policy[KIPS_SEL_A_MAX + 1] = {
	[KIPS_SEL_A_SRC] = NLA_POLICY_VALIDATE_FN(NLA_BINARY, kips_validate_addr),
	[KIPS_SEL_A_SRC_PREFIXLEN] = NLA_POLICY_MAX(NLA_U8, 128),
	[KIPS_SEL_A_DST] = NLA_POLICY_VALIDATE_FN(NLA_BINARY, kips_validate_addr),
	[KIPS_SEL_A_DST_PREFIXLEN] = NLA_POLICY_MAX(NLA_U8, 128),
	[KIPS_SEL_A_PROTO] = { .type = NLA_U8 },
	[KIPS_SEL_A_SPORT_MIN] = { .type = NLA_U16 },
	[KIPS_SEL_A_SPORT_MAX] = { .type = NLA_U16 },
	[KIPS_SEL_A_DPORT_MIN] = { .type = NLA_U16 },
	[KIPS_SEL_A_DPORT_MAX] = { .type = NLA_U16 },
};

u8 kips_nla_get_addr(const struct nlattr *nla, union kips_addr *addr)
{
	u8 family = kips_len_family(nla_len(nla));

	memset(addr, 0, sizeof(*addr));
	if (family)
		memcpy(addr, nla_data(nla), nla_len(nla));
	return family;
}

int kips_nla_put_addr(struct sk_buff *skb, int type, u8 family,
		      const union kips_addr *addr)
{
	return nla_put(skb, type, kips_addr_len(family), addr);
}

/* One side's address and prefix length; 0 or the side's family. */
static int parse_side(struct nlattr *addr, struct nlattr *plen,
		      union kips_addr *out, u8 *out_plen,
		      struct netlink_ext_ack *extack)
{
	if (!addr != !plen) {
		NL_SET_ERR_MSG_ATTR(extack, addr ?: plen,
				    "selector address and prefix length go together");
		return -EINVAL;
	}
	if (!addr)
		return 0;
	*out_plen = nla_get_u8(plen);
	return kips_nla_get_addr(addr, out);
}

static int parse_range(struct nlattr *min, struct nlattr *max, u16 *lo,
		       u16 *hi, u16 limit, struct netlink_ext_ack *extack)
{
	*lo = min ? nla_get_u16(min) : 0;
	*hi = max ? nla_get_u16(max) : limit;
	if (*lo > *hi) {
		NL_SET_ERR_MSG_ATTR(extack, min,
				    "selector range reversed (minimum above maximum)");
		return -EINVAL;
	}
	if (*hi > limit) {
		NL_SET_ERR_MSG_ATTR(extack, max,
				    "ICMP type and code selectors are 0..255");
		return -EINVAL;
	}
	return 0;
}

int kips_nl_sel_parse(const struct nlattr *nest, u8 family,
		      struct kips_selector *sel, struct netlink_ext_ack *extack)
{
	struct nlattr *tb[KIPS_SEL_A_MAX + 1];
	union kips_addr src, dst;
	int sf, df, err;
	bool ports;
	u16 limit;

	err = nla_parse_nested(tb, KIPS_SEL_A_MAX, nest, kips_sel_policy, extack);
	if (err)
		return err;
	kips_sel_init_any(sel, 0);
	sf = parse_side(tb[KIPS_SEL_A_SRC], tb[KIPS_SEL_A_SRC_PREFIXLEN], &src,
			&sel->src_plen, extack);
	if (sf < 0)
		return sf;
	df = parse_side(tb[KIPS_SEL_A_DST], tb[KIPS_SEL_A_DST_PREFIXLEN], &dst,
			&sel->dst_plen, extack);
	if (df < 0)
		return df;
	if (sf && df && sf != df) {
		NL_SET_ERR_MSG_ATTR(extack, tb[KIPS_SEL_A_DST],
				    "selector address families differ");
		return -EINVAL;
	}
	sel->family = sf ?: df ?: family;
	if (sel->family && (sel->src_plen > kips_addr_bits(sel->family) ||
			    sel->dst_plen > kips_addr_bits(sel->family))) {
		NL_SET_ERR_MSG_ATTR(extack,
				    sel->src_plen > kips_addr_bits(sel->family) ?
				    tb[KIPS_SEL_A_SRC_PREFIXLEN] :
				    tb[KIPS_SEL_A_DST_PREFIXLEN],
				    "prefix length above 32 for an IPv4 selector");
		return -EINVAL;
	}
	kips_addr_mask(&sel->src, &src, sel->src_plen);
	kips_addr_mask(&sel->dst, &dst, sel->dst_plen);

	if (tb[KIPS_SEL_A_PROTO])
		sel->proto = nla_get_u8(tb[KIPS_SEL_A_PROTO]);
	ports = tb[KIPS_SEL_A_SPORT_MIN] || tb[KIPS_SEL_A_SPORT_MAX] ||
		tb[KIPS_SEL_A_DPORT_MIN] || tb[KIPS_SEL_A_DPORT_MAX];
	if (!ports)
		return 0;
	if (!kips_proto_has_ports(sel->proto) && !kips_proto_is_icmp(sel->proto)) {
		NL_SET_ERR_MSG_ATTR(extack, tb[KIPS_SEL_A_PROTO] ?: nest,
				    "port selector needs protocol tcp, udp, sctp or udplite (or icmp, ipv6-icmp for type and code)");
		return -EINVAL;
	}
	limit = kips_proto_is_icmp(sel->proto) ? 255 : 0xffff;
	err = parse_range(tb[KIPS_SEL_A_SPORT_MIN], tb[KIPS_SEL_A_SPORT_MAX],
			  &sel->sport_min, &sel->sport_max, limit, extack);
	if (err)
		return err;
	return parse_range(tb[KIPS_SEL_A_DPORT_MIN], tb[KIPS_SEL_A_DPORT_MAX],
			   &sel->dport_min, &sel->dport_max, limit, extack);
}

int kips_nl_sel_put(struct sk_buff *skb, int type, const struct kips_selector *sel)
{
	struct nlattr *nest = nla_nest_start(skb, type);

	if (!nest)
		return -EMSGSIZE;
	if (sel->family &&
	    (kips_nla_put_addr(skb, KIPS_SEL_A_SRC, sel->family, &sel->src) ||
	     nla_put_u8(skb, KIPS_SEL_A_SRC_PREFIXLEN, sel->src_plen) ||
	     kips_nla_put_addr(skb, KIPS_SEL_A_DST, sel->family, &sel->dst) ||
	     nla_put_u8(skb, KIPS_SEL_A_DST_PREFIXLEN, sel->dst_plen)))
		goto err;
	if (nla_put_u8(skb, KIPS_SEL_A_PROTO, sel->proto))
		goto err;
	if (kips_sel_has_ports(sel) &&
	    (nla_put_u16(skb, KIPS_SEL_A_SPORT_MIN, sel->sport_min) ||
	     nla_put_u16(skb, KIPS_SEL_A_SPORT_MAX, sel->sport_max) ||
	     nla_put_u16(skb, KIPS_SEL_A_DPORT_MIN, sel->dport_min) ||
	     nla_put_u16(skb, KIPS_SEL_A_DPORT_MAX, sel->dport_max)))
		goto err;
	nla_nest_end(skb, nest);
	return 0;
err:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

int kips_nl_flow_put(struct sk_buff *skb, int type, const struct kips_flow *fl)
{
	struct kips_selector sel;

	kips_sel_init_any(&sel, fl->family);
	sel.src = fl->saddr;
	sel.dst = fl->daddr;
	sel.src_plen = kips_addr_bits(fl->family);
	sel.dst_plen = sel.src_plen;
	sel.proto = fl->proto;
	if (kips_proto_has_ports(fl->proto) || kips_proto_is_icmp(fl->proto)) {
		sel.sport_min = fl->sport;
		sel.sport_max = fl->sport;
		sel.dport_min = fl->dport;
		sel.dport_max = fl->dport;
	}
	return kips_nl_sel_put(skb, type, &sel);
}

size_t kips_nl_sel_size(void)
{
	return nla_total_size(0) +		/* nest */
	       2 * nla_total_size(16) +		/* SRC, DST */
	       3 * nla_total_size(sizeof(u8)) +	/* prefix lengths, PROTO */
	       4 * nla_total_size(sizeof(u16));	/* ports */
}
