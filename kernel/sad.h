/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The security association database of one network namespace.
 *
 * Three indexes, all RCU-readable:
 *   by_id   (daddr, SPI, proto) -> SA: inbound lookup, and uniqueness
 *   by_out  (saddr, daddr, proto, mode, reqid) -> group of SAs, newest
 *           first: outbound selection for a policy template
 *   all     dump id -> SA: dump order and resumption
 * Writers serialize on @lock (a mutex: building an SA allocates crypto
 * transforms, which may sleep, though that happens before the lock is
 * taken).
 */
#ifndef _KIPS_SAD_H
#define _KIPS_SAD_H

#include <linux/mutex.h>
#include <linux/rhashtable.h>
#include <linux/xarray.h>

#include "sa.h"

struct kips_net;

struct kips_sa_group {
	struct rhash_head node;
	struct kips_sa_out_key key;
	struct list_head sas;	/* newest first; RCU */
	struct rcu_head rcu;
};

struct kips_sad {
	struct mutex lock;
	struct rhashtable by_id;
	struct rhashtable by_out;
	struct xarray all;
	u32 next_dump_id;
	u32 count;		/* READ_ONCE outside the lock */
	/*
	 * An SA with UDP encapsulation was ever made here: only then does
	 * inbound UDP need a look (udp_encap.c).  Set, never cleared.
	 */
	bool encap_seen;
	unsigned int genid;	/* changes with every change; dumps check it */
	struct kips_net *kn;
};

int kips_sad_init(struct kips_sad *sad, struct kips_net *kn);
void kips_sad_exit(struct kips_sad *sad);

/*
 * Packet path, from any context.
 *
 * kips_sa_lookup(): the usable (mature or dying) SA for an inbound packet,
 * with a reference the caller drops with kips_sa_put(); NULL if none.
 * __kips_sa_lookup() is the same for a caller inside rcu_read_lock() that
 * takes no reference, and returns SAs in any state.
 */
struct kips_sa *__kips_sa_lookup(struct kips_sad *sad, u8 family,
				 const union kips_addr *daddr, __be32 spi,
				 u8 proto);
struct kips_sa *kips_sa_lookup(struct kips_sad *sad, u8 family,
			       const union kips_addr *daddr, __be32 spi,
			       u8 proto);

/*
 * The SA an outbound packet should use for a template: the newest mature
 * SA with exactly this key, else the newest dying one, else NULL.  Takes a
 * reference.  The datapath fills @key from the template (tunnel mode) or
 * from the packet's addresses (transport mode).
 */
struct kips_sa *kips_sa_select(struct kips_sad *sad,
			       const struct kips_sa_out_key *key);

/* Control plane; the caller holds sad->lock. */
struct kips_sa *kips_sad_find(struct kips_sad *sad, const struct kips_sa_id *id);
/* Any context, no lock: the SA in any state, with a reference; or NULL. */
struct kips_sa *kips_sad_get(struct kips_sad *sad, const struct kips_sa_id *id);
/* Publishes @sa, which must be complete; takes over the caller's
 * reference.  -EEXIST if its id is taken.
 */
int kips_sad_insert(struct kips_sad *sad, struct kips_sa *sa);
/* Puts @new in place of @old (same id) in one step. */
int kips_sad_replace(struct kips_sad *sad, struct kips_sa *old,
		     struct kips_sa *new);
void kips_sad_unlink(struct kips_sad *sad, struct kips_sa *sa);
/* Picks a free SPI in [lo, hi] for the larval @sa and inserts it. */
int kips_sad_alloc_spi(struct kips_sad *sad, struct kips_sa *sa, u32 lo, u32 hi);
/* Removes every SA (of @proto, if not 0); returns how many. */
unsigned int kips_sad_flush(struct kips_sad *sad, u8 proto);

/* Lifetime work: a hard limit was reached, remove the SA and say so. */
void kips_sad_expire(struct kips_sa *sa);

#endif /* _KIPS_SAD_H */
