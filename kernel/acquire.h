/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Packets that need an SA nobody has made yet.
 *
 * An outbound packet that matches a protect policy whose template has no
 * usable SA waits in a small queue of that policy, and one ACQUIRE event
 * per SA wanted goes to the key manager.  When an SA is added, the queues
 * that waited for it are sent in order; a queue not released within
 * acquire_timeout_ms is dropped (KIPS_CNT_A_DROP_QUEUE), after which the
 * next packet starts a new one and asks again: so ACQUIRE is rate-limited
 * to one per policy and SA per timeout.  While a queue exists, later
 * packets of its policy join it even once their SA exists, so that they
 * cannot overtake the ones that waited.
 */
#ifndef _KIPS_ACQUIRE_H
#define _KIPS_ACQUIRE_H

#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>

struct kips_flow;
struct kips_net;
struct kips_policy;
struct kips_sa;
struct kips_sa_out_key;
struct sk_buff;

struct kips_acq {
	spinlock_t lock;
	struct list_head queues;
	unsigned int n;		/* queues; READ_ONCE on the packet path */
	bool kicked;		/* an SA was added since the last run */
	bool dying;
	struct delayed_work work;
};

void kips_acq_net_init(struct kips_net *kn);
void kips_acq_net_exit(struct kips_net *kn);

/* If @pol has a queue, @skb joins it (or is dropped when it is full). */
bool kips_acq_hold(struct kips_net *kn, const struct kips_policy *pol,
		   struct sk_buff *skb);

/*
 * @skb matched @pol, and its template @tmpl, for which @key names the SA
 * wanted, has none: @skb waits in @pol's queue (or is dropped).  Consumes
 * @skb; true if it was queued.  Under rcu_read_lock().
 */
bool kips_acq_enqueue(struct kips_net *kn, struct kips_policy *pol, int tmpl,
		      const struct kips_sa_out_key *key, struct sk_buff *skb,
		      const struct kips_flow *fl);

/* An SA was published (any context that may queue work). */
void kips_acq_sa_added(struct kips_sa *sa);

#endif /* _KIPS_ACQUIRE_H */
