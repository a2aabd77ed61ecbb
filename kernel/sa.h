/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A security association.  The fields the packet path reads on every packet
 * come first and never change after the SA is published, except where
 * marked: those are read with READ_ONCE() and written under @lock.
 *
 * Lifetime of the object: the SAD holds one reference while the SA is
 * linked; readers on the packet path find it under RCU and take their own
 * with kips_sa_hold_rcu().  The last kips_sa_put() frees it after an RCU
 * grace period, from a work item, because freeing crypto transforms may
 * sleep.
 */
#ifndef _KIPS_SA_H
#define _KIPS_SA_H

#include <linux/atomic.h>
#include <linux/refcount.h>
#include <linux/rhashtable-types.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>

#include "addr.h"
#include "crypto.h"
#include "replay.h"
#include "selector.h"
#include "stats.h"

struct kips_sad;

/* The inbound lookup key: RFC 4301 4.1, (destination, SPI, protocol). */
struct kips_sa_id {
	union kips_addr daddr;
	__be32 spi;
	u8 proto;
	u8 family;
	u8 pad[2];		/* zero: the whole struct is hashed */
};

/*
 * The outbound selection key: what a policy template asks for.  All SAs
 * with one key form a group (sad.c), newest first.
 */
struct kips_sa_out_key {
	union kips_addr saddr, daddr;
	u32 reqid;
	u8 family;
	u8 proto;
	u8 mode;
	u8 pad;
};

/* Limits (0: none) or, as use, the amounts so far. */
struct kips_lifetime {
	u64 bytes;
	u64 packets;
	u64 add_seconds;
	u64 use_seconds;
};

/* Bits of kips_sa.expire */
enum {
	KIPS_SA_SOFT_HIT,	/* a soft limit was reached */
	KIPS_SA_SOFT_SENT,	/* ... and SA_EXPIRE (soft) was sent */
	KIPS_SA_HARD_HIT,	/* a hard limit was reached: the SA is dead */
	KIPS_SA_HARD_DONE,	/* ... and it was removed */
};

/* The keys as given, kept only to answer SA_GET with KIPS_REQ_F_KEYS. */
struct kips_sa_keys {
	u8 enc_len, auth_len, aead_len;
	u8 data[];		/* enc, auth, aead key in that order */
};

struct kips_sa {
	/* Packet path, constant once published. */
	struct kips_sa_id id;
	union kips_addr saddr;
	u32 reqid;
	u8 mode;		/* enum kips_mode; 0 while larval */
	u32 state;		/* enum kips_sa_state: READ_ONCE, cmpxchg */
	u8 esn;
	u32 encap;		/* sport << 16 | dport, 0: none: READ_ONCE */
	struct kips_sa_crypto crypto;
	int enc_alg, auth_alg, aead_alg;	/* kips_algs[] index or -1 */
	bool has_sel;
	struct kips_selector sel;
	struct kips_counters stats;

	/* Packet path, changing. */
	atomic64_t seq_out;	/* last sequence number sent */
	atomic64_t use_bytes, use_packets;
	u64 use_time;		/* boottime s of first use, 0: unused: READ_ONCE */
	spinlock_t lock;	/* replay, limit updates */
	struct kips_replay replay;
	struct kips_lifetime soft, hard;	/* READ_ONCE, written under lock */
	unsigned long expire;	/* KIPS_SA_*_HIT/SENT/DONE bits */

	/* Control plane. */
	struct kips_sad *sad;
	refcount_t ref;
	bool linked;		/* in the SAD: under sad->lock */
	struct rhash_head id_node;
	struct list_head out_node;	/* in its group, RCU */
	struct kips_sa_group *group;
	u32 dump_id;		/* in sad->all */
	u64 add_time;		/* boottime s */
	time64_t add_real, use_real;	/* CLOCK_REALTIME s */
	struct kips_sa_keys *keys;
	struct delayed_work lt_work;	/* lifetimes, larval expiry */
	union {
		struct rcu_head rcu;
		struct work_struct free_work;
	};
};

int kips_sa_cache_init(void);
void kips_sa_cache_exit(void);

/* A zeroed SA with one reference, counters and a replay window. */
struct kips_sa *kips_sa_alloc(struct kips_sad *sad, u32 replay_window);

static inline void kips_sa_hold(struct kips_sa *sa)
{
	refcount_inc(&sa->ref);
}

/* For readers under RCU: false if the SA is already on its way out. */
static inline bool kips_sa_hold_rcu(struct kips_sa *sa)
{
	return refcount_inc_not_zero(&sa->ref);
}

void kips_sa_put(struct kips_sa *sa);

/* Whether the packet path may use the SA. */
static inline bool kips_sa_usable(const struct kips_sa *sa)
{
	u32 state = READ_ONCE(sa->state);

	return state == KIPS_SA_STATE_MATURE || state == KIPS_SA_STATE_DYING;
}

/*
 * The next outbound sequence number, or false when the space is used up
 * (2^32 - 1 without ESN; the datapath drops the packet, counts
 * KIPS_CNT_A_DROP_SEQ_OVERFLOW, and the SA must be replaced).
 */
static inline bool kips_sa_next_seq(struct kips_sa *sa, u64 *seq)
{
	*seq = atomic64_inc_return(&sa->seq_out);
	return sa->esn ? *seq != 0 : *seq <= U32_MAX;
}

/*
 * Accounts one packet of @bytes to the SA's lifetimes.  Returns false when
 * the SA is past a hard limit: the packet must be dropped (counted as
 * KIPS_CNT_A_DROP_EXPIRED).  Reaching a soft limit, or a hard one, raises
 * SA_EXPIRE from process context; reaching a hard one removes the SA.  Any
 * context; lock-free.
 */
bool kips_sa_account(struct kips_sa *sa, unsigned int bytes);

/*
 * A hard limit of another kind was reached (the sequence number space is
 * used up): the SA dies as at a hard expiry.  Any context.
 */
void kips_sa_expire_now(struct kips_sa *sa);

/* Arms or re-arms the lifetime work after a change of limits or state. */
void kips_sa_lifetime_kick(struct kips_sa *sa, unsigned long delay);
/* Stops the lifetime work of an SA leaving the SAD. */
void kips_sa_lifetime_stop(struct kips_sa *sa);
void kips_sa_lifetime_work(struct work_struct *work);

#endif /* _KIPS_SA_H */
