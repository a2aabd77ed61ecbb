/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The security policy database of one network namespace.
 *
 * Lookup is a tuple-space search: the policies of one direction fall into
 * tuples, one per distinct (family, source prefix length, destination
 * prefix length).  All policies live in one hash table keyed on
 * (direction, tuple, masked source, masked destination); a lookup masks the
 * packet's addresses once per tuple of its direction and family, looks the
 * key up, and checks protocol and ports of the few policies found.  The cost
 * grows with the number of distinct prefix-length pairs (a handful in
 * practice), not with the number of policies.
 *
 * Policies are also indexed by their index (an xarray), which orders dumps.
 * Readers use RCU; writers serialize on @lock.
 */
#ifndef _KIPS_SPD_H
#define _KIPS_SPD_H

#include <linux/mutex.h>
#include <linux/rhashtable.h>
#include <linux/xarray.h>

#include "policy.h"

struct kips_net;

#define KIPS_DIRS	3	/* enum kips_dir, minus one */
#define KIPS_FAMS	3	/* any, IPv4, IPv6 */

struct kips_spd_tuple {
	struct list_head node;	/* in spd->tuples[dir][fam]; RCU */
	u8 family, src_plen, dst_plen;
	u32 count;		/* policies in it */
	struct rcu_head rcu;
};

struct kips_spd {
	struct mutex lock;
	struct rhltable by_sel;
	struct xarray by_index;
	u32 next_index;
	struct list_head tuples[KIPS_DIRS][KIPS_FAMS];
	u32 count;		/* READ_ONCE outside the lock */
	u64 seq;
	unsigned int genid;
	struct kips_net *kn;
};

int kips_spd_init(struct kips_spd *spd, struct kips_net *kn);
void kips_spd_exit(struct kips_spd *spd);

/*
 * Packet path: the policy for a packet's @fl in direction @dir (enum
 * kips_dir): the matching policy with the lowest priority value, the first
 * added among equals; NULL if none.  The caller holds rcu_read_lock() and
 * takes a reference (kips_policy_hold_rcu) if it keeps the policy beyond.
 */
struct kips_policy *kips_spd_lookup(struct kips_spd *spd, u8 dir,
				    const struct kips_flow *fl);

/* Control plane; the caller holds spd->lock. */
struct kips_policy *kips_spd_find_index(struct kips_spd *spd, u32 index);
struct kips_policy *kips_spd_find_sel(struct kips_spd *spd, u8 dir,
				      const struct kips_selector *sel,
				      u32 priority);
/* Publishes @pol (pol->index 0: the SPD picks one); takes over the caller's
 * reference.  -EEXIST if (dir, selector, priority) is taken, -EBUSY if the
 * index is.
 */
int kips_spd_insert(struct kips_spd *spd, struct kips_policy *pol);
/* @new takes @old's index, order and counts in one step. */
int kips_spd_replace(struct kips_spd *spd, struct kips_policy *old,
		     struct kips_policy *new);
void kips_spd_unlink(struct kips_spd *spd, struct kips_policy *pol);
/* Removes every policy (of direction @dir, if not 0); returns how many. */
unsigned int kips_spd_flush(struct kips_spd *spd, u8 dir);

/* Shared by spd.c and spd_lookup.c. */
extern const struct rhashtable_params kips_spd_params;

static inline unsigned int kips_fam_idx(u8 family)
{
	return family == AF_INET ? 1 : family == AF_INET6 ? 2 : 0;
}

#endif /* _KIPS_SPD_H */
