// SPDX-License-Identifier: GPL-2.0
#include "selector.h"

void kips_sel_init_any(struct kips_selector *sel, u8 family)
{
	memset(sel, 0, sizeof(*sel));
	sel->family = family;
	sel->sport_max = 0xffff;
	sel->dport_max = 0xffff;
}

static bool prefix_match(const union kips_addr *net, unsigned int plen,
			 const union kips_addr *addr)
{
	union kips_addr masked;

	kips_addr_mask(&masked, addr, plen);
	return kips_addr_equal(net, &masked);
}

bool kips_sel_match(const struct kips_selector *sel, const struct kips_flow *fl)
{
	if (sel->family && sel->family != fl->family)
		return false;
	return prefix_match(&sel->src, sel->src_plen, &fl->saddr) &&
	       prefix_match(&sel->dst, sel->dst_plen, &fl->daddr) &&
	       kips_sel_match_l4(sel, fl);
}

bool kips_sel_equal(const struct kips_selector *a, const struct kips_selector *b)
{
	return a->family == b->family && a->src_plen == b->src_plen &&
	       a->dst_plen == b->dst_plen && a->proto == b->proto &&
	       kips_addr_equal(&a->src, &b->src) &&
	       kips_addr_equal(&a->dst, &b->dst) &&
	       a->sport_min == b->sport_min && a->sport_max == b->sport_max &&
	       a->dport_min == b->dport_min && a->dport_max == b->dport_max;
}
