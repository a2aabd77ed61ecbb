/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A security policy: what to do with the traffic its selector covers in
 * one direction.  Immutable once published (POLICY_SET publishes a new
 * object in place of the old one); found under RCU and freed after a grace
 * period once the last reference is gone.
 */
#ifndef _KIPS_POLICY_H
#define _KIPS_POLICY_H

#include <linux/refcount.h>
#include <linux/rhashtable-types.h>
#include <linux/kips.h>

#include "selector.h"
#include "stats.h"

/* One transform a protect policy requires (enum kips_tmpl_attrs). */
struct kips_tmpl {
	union kips_addr saddr, daddr;	/* tunnel endpoints */
	u32 reqid;
	__be32 spi;		/* 0: any */
	u8 family;		/* of the endpoints; 0 in transport mode */
	u8 proto;		/* IPPROTO_ESP or IPPROTO_AH */
	u8 mode;		/* enum kips_mode */
};

/* What the SPD hashes a policy by (spd.c): its tuple and masked addresses. */
struct kips_spd_key {
	union kips_addr src, dst;
	u8 dir;
	u8 family;
	u8 src_plen, dst_plen;
};

struct kips_spd_tuple;

struct kips_policy {
	struct kips_spd_key key;
	struct rhlist_head node;
	struct kips_selector sel;
	u32 priority;
	u8 dir;			/* enum kips_dir */
	u8 action;		/* enum kips_action */
	u8 n_tmpl;
	struct kips_tmpl tmpl[KIPS_MAX_TMPLS];	/* innermost first */
	struct kips_counters stats;	/* IN/OUT packets and bytes */

	u32 index;
	u64 seq;		/* insertion order: breaks priority ties */
	struct kips_spd_tuple *tuple;
	bool linked;
	refcount_t ref;
	struct rcu_head rcu;
};

int kips_policy_cache_init(void);
void kips_policy_cache_exit(void);

struct kips_policy *kips_policy_alloc(void);

static inline void kips_policy_hold(struct kips_policy *pol)
{
	refcount_inc(&pol->ref);
}

/* For readers under RCU (e.g. to keep a policy while packets wait for an
 * SA): false if it is already on its way out.
 */
static inline bool kips_policy_hold_rcu(struct kips_policy *pol)
{
	return refcount_inc_not_zero(&pol->ref);
}

void kips_policy_put(struct kips_policy *pol);

#endif /* _KIPS_POLICY_H */
