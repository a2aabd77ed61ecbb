// SPDX-License-Identifier: GPL-2.0
/* Packets waiting for an SA, and ACQUIRE (see acquire.h). */
#include <linux/module.h>
#include <linux/slab.h>
#include <net/dst.h>

#include "acquire.h"
#include "dp.h"
#include "nl_event.h"
#include "work.h"

static unsigned int acquire_timeout_ms = 10000;
module_param(acquire_timeout_ms, uint, 0644);
MODULE_PARM_DESC(acquire_timeout_ms,
		 "how long packets wait for an SA after ACQUIRE before they are dropped (ms)");

#define KIPS_ACQ_QLEN		64	/* packets per queue */
#define KIPS_ACQ_QUEUES		256	/* queues per namespace */
#define KIPS_ACQ_KEYS		4	/* SAs asked for per queue */
#define KIPS_ACQ_ROUNDS		8	/* releases of late arrivals in one go */

struct kips_acq_queue {
	struct list_head node;		/* in acq->queues */
	struct list_head work_node;	/* in the work's list of the moment */
	struct kips_policy *pol;	/* a reference */
	struct sk_buff_head skbs;
	unsigned long expires;		/* jiffies */
	u8 n_keys;
	struct kips_sa_out_key keys[KIPS_ACQ_KEYS];	/* ACQUIREs sent */
};

static struct kips_net *acq_net(struct kips_acq *acq)
{
	return container_of(acq, struct kips_net, acq);
}

static struct kips_acq_queue *find(struct kips_acq *acq,
				   const struct kips_policy *pol)
{
	struct kips_acq_queue *q;

	list_for_each_entry(q, &acq->queues, node)
		if (q->pol == pol)
			return q;
	return NULL;
}

/* Under acq->lock; false if the queue is full (the caller drops). */
static bool append(struct kips_acq_queue *q, struct sk_buff *skb)
{
	/* It outlives the RCU section that may be all that holds its route. */
	if (skb_queue_len(&q->skbs) >= KIPS_ACQ_QLEN || !skb_dst_force(skb))
		return false;
	__skb_queue_tail(&q->skbs, skb);
	return true;
}

bool kips_acq_hold(struct kips_net *kn, const struct kips_policy *pol,
		   struct sk_buff *skb)
{
	struct kips_acq *acq = &kn->acq;
	struct kips_acq_queue *q;
	bool held = false, ok = false;

	spin_lock_bh(&acq->lock);
	q = find(acq, pol);
	if (q) {
		held = true;
		kips_cb(skb)->family = skb->protocol == htons(ETH_P_IP) ?
				       AF_INET : AF_INET6;
		ok = append(q, skb);
	}
	spin_unlock_bh(&acq->lock);
	if (held && !ok)
		kips_drop(skb, kn, NULL, KIPS_CNT_A_DROP_QUEUE);
	return held;
}

/* Under acq->lock: whether an ACQUIRE for @key went out already. */
static bool asked(struct kips_acq_queue *q, const struct kips_sa_out_key *key)
{
	int i;

	for (i = 0; i < q->n_keys; i++)
		if (!memcmp(&q->keys[i], key, sizeof(*key)))
			return true;
	if (q->n_keys == KIPS_ACQ_KEYS)
		return true;	/* enough asked: this one waits for the timeout */
	q->keys[q->n_keys++] = *key;
	return false;
}

static void arm(struct kips_acq *acq, unsigned long expires)
{
	long delay = (long)(expires - jiffies);

	if (!acq->dying)
		mod_delayed_work(kips_wq, &acq->work, max(delay, 0L));
}

/* Under acq->lock: a new queue for @pol, or NULL. */
static struct kips_acq_queue *queue_new(struct kips_acq *acq,
					struct kips_policy *pol,
					struct kips_acq_queue **fresh)
{
	struct kips_acq_queue *q = *fresh;

	if (!q || acq->n >= KIPS_ACQ_QUEUES || acq->dying ||
	    !kips_policy_hold_rcu(pol))
		return NULL;
	*fresh = NULL;
	q->pol = pol;
	__skb_queue_head_init(&q->skbs);
	q->expires = jiffies + msecs_to_jiffies(READ_ONCE(acquire_timeout_ms));
	list_add_tail(&q->node, &acq->queues);
	WRITE_ONCE(acq->n, acq->n + 1);
	arm(acq, q->expires);
	return q;
}

bool kips_acq_enqueue(struct kips_net *kn, struct kips_policy *pol, int tmpl,
		      const struct kips_sa_out_key *key, struct sk_buff *skb,
		      const struct kips_flow *fl)
{
	struct kips_acq *acq = &kn->acq;
	struct kips_acq_queue *q, *fresh = NULL;
	bool ok = false, ask = false;

	kips_cb(skb)->family = fl->family;
	for (;;) {
		spin_lock_bh(&acq->lock);
		q = find(acq, pol) ?: queue_new(acq, pol, &fresh);
		if (q) {
			ok = append(q, skb);
			ask = !asked(q, key);
		}
		spin_unlock_bh(&acq->lock);
		/* The first packet of a policy allocates, outside the lock. */
		if (q || fresh)
			break;
		fresh = kzalloc(sizeof(*fresh), GFP_ATOMIC);
		if (!fresh)
			break;
	}
	kfree(fresh);
	if (ask)
		kips_acquire(kn, pol, &pol->tmpl[tmpl], fl, GFP_ATOMIC);
	if (!ok)
		kips_drop(skb, kn, NULL, KIPS_CNT_A_DROP_QUEUE);
	return ok;
}

void kips_acq_sa_added(struct kips_sa *sa)
{
	struct kips_acq *acq = &kips_sa_net(sa)->acq;

	if (!READ_ONCE(acq->n) || !kips_sa_usable(sa))
		return;
	spin_lock_bh(&acq->lock);
	acq->kicked = true;
	arm(acq, jiffies);
	spin_unlock_bh(&acq->lock);
}

/* Whether one of the SAs @q asked for exists now. */
static bool answered(struct kips_net *kn, struct kips_acq_queue *q)
{
	struct kips_sa *sa;
	int i;

	for (i = 0; i < q->n_keys; i++) {
		sa = kips_sa_select(&kn->sad, &q->keys[i]);
		if (sa) {
			kips_sa_put(sa);
			return true;
		}
	}
	return false;
}

static void queue_free(struct kips_acq *acq, struct kips_acq_queue *q)
{
	list_del(&q->node);
	WRITE_ONCE(acq->n, acq->n - 1);
}

/*
 * Sends what waited in @q, in order, then what arrived meanwhile, until
 * the queue stays empty (it goes) or nothing could be sent (what is left
 * waits on).  Packets still missing an SA return to the queue.  true if
 * late arrivals are left to send in another run.
 */
static bool release(struct kips_net *kn, struct kips_acq_queue *q)
{
	struct kips_acq *acq = &kn->acq;
	struct sk_buff_head batch;
	struct sk_buff *skb;
	int round, sent = 0;
	bool gone;

	__skb_queue_head_init(&batch);
	for (round = 0; round < KIPS_ACQ_ROUNDS; round++) {
		spin_lock_bh(&acq->lock);
		skb_queue_splice_init(&q->skbs, &batch);
		spin_unlock_bh(&acq->lock);
		if (skb_queue_empty(&batch))
			break;
		sent = 0;
		local_bh_disable();
		while ((skb = __skb_dequeue(&batch)))
			sent += !kips_out_requeued(kn, skb);
		local_bh_enable();
		if (!sent)
			break;
	}
	spin_lock_bh(&acq->lock);
	gone = skb_queue_empty(&q->skbs);
	if (gone)
		queue_free(acq, q);
	spin_unlock_bh(&acq->lock);
	if (gone) {
		kips_policy_put(q->pol);
		kfree(q);
	}
	return !gone && sent;
}

static void expire(struct kips_net *kn, struct kips_acq_queue *q)
{
	unsigned int n = skb_queue_len(&q->skbs);

	kips_count(&kn->stats, KIPS_CNT_A_DROP_QUEUE, n);
	__skb_queue_purge(&q->skbs);
	kips_policy_put(q->pol);
	kfree(q);
}

static void acq_work(struct work_struct *work)
{
	struct kips_acq *acq = container_of(to_delayed_work(work),
					    struct kips_acq, work);
	struct kips_net *kn = acq_net(acq);
	struct kips_acq_queue *q, *tmp;
	unsigned long next = 0;
	bool kicked, more = false;
	LIST_HEAD(dead);

	spin_lock_bh(&acq->lock);
	kicked = acq->kicked;
	acq->kicked = false;
	spin_unlock_bh(&acq->lock);

	/*
	 * Queues leave the list only here and at exit, after this work is
	 * cancelled: those picked stay valid while the lock is dropped.
	 */
	if (kicked) {
		LIST_HEAD(todo);

		spin_lock_bh(&acq->lock);
		list_for_each_entry(q, &acq->queues, node)
			if (answered(kn, q))
				list_add_tail(&q->work_node, &todo);
		spin_unlock_bh(&acq->lock);
		list_for_each_entry_safe(q, tmp, &todo, work_node)
			more |= release(kn, q);
	}

	spin_lock_bh(&acq->lock);
	list_for_each_entry_safe(q, tmp, &acq->queues, node) {
		if (time_after_eq(jiffies, q->expires)) {
			queue_free(acq, q);
			list_add(&q->node, &dead);
		} else if (!next || time_before(q->expires, next)) {
			next = q->expires;
		}
	}
	if (more)
		acq->kicked = true;
	if (acq->kicked)
		next = jiffies;
	if (next)
		arm(acq, next);
	spin_unlock_bh(&acq->lock);

	list_for_each_entry_safe(q, tmp, &dead, node)
		expire(kn, q);
}

void kips_acq_net_init(struct kips_net *kn)
{
	struct kips_acq *acq = &kn->acq;

	spin_lock_init(&acq->lock);
	INIT_LIST_HEAD(&acq->queues);
	acq->n = 0;
	acq->kicked = false;
	acq->dying = false;
	INIT_DELAYED_WORK(&acq->work, acq_work);
}

/* After the hooks are gone: nothing queues any more. */
void kips_acq_net_exit(struct kips_net *kn)
{
	struct kips_acq *acq = &kn->acq;
	struct kips_acq_queue *q, *tmp;

	spin_lock_bh(&acq->lock);
	acq->dying = true;
	spin_unlock_bh(&acq->lock);
	cancel_delayed_work_sync(&acq->work);
	list_for_each_entry_safe(q, tmp, &acq->queues, node) {
		queue_free(acq, q);
		__skb_queue_purge(&q->skbs);
		kips_policy_put(q->pol);
		kfree(q);
	}
}
