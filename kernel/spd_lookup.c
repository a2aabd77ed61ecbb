// SPDX-License-Identifier: GPL-2.0
/* The SPD's packet-path lookup (see spd.h for the structure). */
#include "spd.h"

static bool better(const struct kips_policy *pol, const struct kips_policy *best)
{
	return !best || pol->priority < best->priority ||
	       (pol->priority == best->priority && pol->seq < best->seq);
}

static struct kips_policy *search(struct kips_spd *spd,
				  const struct list_head *tuples, u8 dir,
				  const struct kips_flow *fl,
				  struct kips_policy *best)
{
	struct kips_spd_tuple *t;
	struct kips_spd_key key;
	struct rhlist_head *list, *pos;
	struct kips_policy *pol;

	memset(&key, 0, sizeof(key));
	key.dir = dir;
	list_for_each_entry_rcu(t, tuples, node) {
		key.family = t->family;
		key.src_plen = t->src_plen;
		key.dst_plen = t->dst_plen;
		kips_addr_mask(&key.src, &fl->saddr, t->src_plen);
		kips_addr_mask(&key.dst, &fl->daddr, t->dst_plen);
		list = rhltable_lookup(&spd->by_sel, &key, kips_spd_params);
		rhl_for_each_entry_rcu(pol, pos, list, node)
			if (kips_sel_match_l4(&pol->sel, fl) && better(pol, best))
				best = pol;
	}
	return best;
}

struct kips_policy *kips_spd_lookup(struct kips_spd *spd, u8 dir,
				    const struct kips_flow *fl)
{
	struct kips_policy *best = NULL;

	if (dir < KIPS_DIR_IN || dir > KIPS_DIR_FWD)
		return NULL;
	best = search(spd, &spd->tuples[dir - 1][kips_fam_idx(fl->family)],
		      dir, fl, best);
	/* Policies without addresses match either family. */
	return search(spd, &spd->tuples[dir - 1][0], dir, fl, best);
}
