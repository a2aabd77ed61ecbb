// SPDX-License-Identifier: GPL-2.0
#include <string.h>
#include <libmnl/libmnl.h>

#include "nl.h"
#include "sel.h"

void kips_sel_put(struct nlmsghdr *nlh, uint16_t type, const struct kips_sel *sel)
{
	struct nlattr *nest = mnl_attr_nest_start(nlh, type);

	if (KIPS_HAS(sel, KIPS_SEL_A_SRC)) {
		mnl_attr_put(nlh, KIPS_SEL_A_SRC, kips_addr_len(&sel->src), sel->src.bytes);
		mnl_attr_put_u8(nlh, KIPS_SEL_A_SRC_PREFIXLEN, sel->src.prefixlen);
	}
	if (KIPS_HAS(sel, KIPS_SEL_A_DST)) {
		mnl_attr_put(nlh, KIPS_SEL_A_DST, kips_addr_len(&sel->dst), sel->dst.bytes);
		mnl_attr_put_u8(nlh, KIPS_SEL_A_DST_PREFIXLEN, sel->dst.prefixlen);
	}
	if (KIPS_HAS(sel, KIPS_SEL_A_PROTO))
		mnl_attr_put_u8(nlh, KIPS_SEL_A_PROTO, sel->proto);
	if (KIPS_HAS(sel, KIPS_SEL_A_SPORT_MIN))
		mnl_attr_put_u16(nlh, KIPS_SEL_A_SPORT_MIN, sel->sport_min);
	if (KIPS_HAS(sel, KIPS_SEL_A_SPORT_MAX))
		mnl_attr_put_u16(nlh, KIPS_SEL_A_SPORT_MAX, sel->sport_max);
	if (KIPS_HAS(sel, KIPS_SEL_A_DPORT_MIN))
		mnl_attr_put_u16(nlh, KIPS_SEL_A_DPORT_MIN, sel->dport_min);
	if (KIPS_HAS(sel, KIPS_SEL_A_DPORT_MAX))
		mnl_attr_put_u16(nlh, KIPS_SEL_A_DPORT_MAX, sel->dport_max);
	mnl_attr_nest_end(nlh, nest);
}

static bool get_prefix(const struct nlattr *addr, const struct nlattr *len,
		       struct kips_addr *out)
{
	if (!len || mnl_attr_validate(len, MNL_TYPE_U8) < 0 ||
	    !kips_addr_from_raw(out, mnl_attr_get_payload(addr),
				mnl_attr_get_payload_len(addr)))
		return false;
	out->prefixlen = mnl_attr_get_u8(len);
	return out->prefixlen <= kips_addr_bits(out);
}

static bool get_u16(const struct nlattr *a, uint16_t *v)
{
	if (mnl_attr_validate(a, MNL_TYPE_U16) < 0)
		return false;
	*v = mnl_attr_get_u16(a);
	return true;
}

bool kips_sel_parse(const struct nlattr *nest, struct kips_sel *sel)
{
	const struct nlattr *tb[KIPS_SEL_A_MAX + 1] = { 0 };
	struct {
		unsigned int type;
		uint16_t *field;
	} ports[] = {
		{ KIPS_SEL_A_SPORT_MIN, &sel->sport_min },
		{ KIPS_SEL_A_SPORT_MAX, &sel->sport_max },
		{ KIPS_SEL_A_DPORT_MIN, &sel->dport_min },
		{ KIPS_SEL_A_DPORT_MAX, &sel->dport_max },
	};
	size_t i;

	memset(sel, 0, sizeof(*sel));
	if (kips_nl_parse_nested(nest, tb, KIPS_SEL_A_MAX) < 0)
		return false;
	if (tb[KIPS_SEL_A_SRC]) {
		if (!get_prefix(tb[KIPS_SEL_A_SRC], tb[KIPS_SEL_A_SRC_PREFIXLEN], &sel->src))
			return false;
		KIPS_SET(sel, KIPS_SEL_A_SRC);
	}
	if (tb[KIPS_SEL_A_DST]) {
		if (!get_prefix(tb[KIPS_SEL_A_DST], tb[KIPS_SEL_A_DST_PREFIXLEN], &sel->dst))
			return false;
		KIPS_SET(sel, KIPS_SEL_A_DST);
	}
	if (tb[KIPS_SEL_A_PROTO]) {
		if (mnl_attr_validate(tb[KIPS_SEL_A_PROTO], MNL_TYPE_U8) < 0)
			return false;
		sel->proto = mnl_attr_get_u8(tb[KIPS_SEL_A_PROTO]);
		KIPS_SET(sel, KIPS_SEL_A_PROTO);
	}
	for (i = 0; i < sizeof(ports) / sizeof(ports[0]); i++) {
		if (!tb[ports[i].type])
			continue;
		if (!get_u16(tb[ports[i].type], ports[i].field))
			return false;
		KIPS_SET(sel, ports[i].type);
	}
	return true;
}
