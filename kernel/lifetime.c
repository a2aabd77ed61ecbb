// SPDX-License-Identifier: GPL-2.0
/*
 * SA lifetimes.  Byte and packet limits are checked on the packet path,
 * lock-free, by kips_sa_account(); time limits (since add, since first use)
 * and larval expiry by one delayed work item per SA, which also sends the
 * SA_EXPIRE events and removes hard-expired SAs, both of which need process
 * context.
 *
 * A pending lifetime work holds a reference to its SA, so an SA never goes
 * away under it.  The work re-arms itself only while the SA is linked, and
 * only under the SAD lock, so that removal (which cancels it, under the same
 * lock) leaves nothing pending.  The packet path only ever kicks it to run
 * at once.
 */
#include <linux/ktime.h>

#include "nl_event.h"
#include "sad.h"
#include "work.h"

/* Longest sleep between two checks; a later deadline is re-checked then. */
#define KIPS_LT_MAX_DELAY_S	(24 * 3600)

static bool reached(u64 limit, u64 used)
{
	return limit && used >= limit;
}

static void soft_hit(struct kips_sa *sa)
{
	if (test_bit(KIPS_SA_SOFT_HIT, &sa->expire) ||
	    test_and_set_bit(KIPS_SA_SOFT_HIT, &sa->expire))
		return;
	cmpxchg(&sa->state, KIPS_SA_STATE_MATURE, KIPS_SA_STATE_DYING);
	kips_sa_lifetime_kick(sa, 0);
}

static void hard_hit(struct kips_sa *sa)
{
	if (test_bit(KIPS_SA_HARD_HIT, &sa->expire) ||
	    test_and_set_bit(KIPS_SA_HARD_HIT, &sa->expire))
		return;
	WRITE_ONCE(sa->state, KIPS_SA_STATE_DEAD);
	kips_sa_lifetime_kick(sa, 0);
}

static void first_use(struct kips_sa *sa)
{
	u64 now = max_t(u64, ktime_get_boottime_seconds(), 1);

	if (cmpxchg64(&sa->use_time, 0, now))
		return;
	WRITE_ONCE(sa->use_real, ktime_get_real_seconds());
	if (READ_ONCE(sa->soft.use_seconds) || READ_ONCE(sa->hard.use_seconds))
		kips_sa_lifetime_kick(sa, 0);
}

/*
 * A packet may pass while the SA's use, counting it, stays within the hard
 * limits; the packet that reaches a hard limit is the last one.  A refused
 * packet is not counted.
 */
bool kips_sa_account(struct kips_sa *sa, unsigned int bytes)
{
	u64 b, p, hb, hp;

	if (unlikely(READ_ONCE(sa->state) == KIPS_SA_STATE_DEAD))
		return false;
	if (unlikely(!READ_ONCE(sa->use_time)))
		first_use(sa);
	b = atomic64_add_return(bytes, &sa->use_bytes);
	p = atomic64_inc_return(&sa->use_packets);
	hb = READ_ONCE(sa->hard.bytes);
	hp = READ_ONCE(sa->hard.packets);
	if (unlikely(reached(hb, b) || reached(hp, p))) {
		hard_hit(sa);
		if ((hb && b > hb) || (hp && p > hp)) {
			atomic64_sub(bytes, &sa->use_bytes);
			atomic64_dec(&sa->use_packets);
			return false;
		}
		return true;
	}
	if (unlikely(reached(READ_ONCE(sa->soft.bytes), b) ||
		     reached(READ_ONCE(sa->soft.packets), p)))
		soft_hit(sa);
	return true;
}

void kips_sa_expire_now(struct kips_sa *sa)
{
	hard_hit(sa);
}

void kips_sa_lifetime_kick(struct kips_sa *sa, unsigned long delay)
{
	/* The packet path may hold only RCU: the SA may be on its way out. */
	if (!refcount_inc_not_zero(&sa->ref))
		return;
	if (mod_delayed_work(kips_wq, &sa->lt_work, delay))
		kips_sa_put(sa);	/* it was pending and has its reference */
}

void kips_sa_lifetime_stop(struct kips_sa *sa)
{
	if (cancel_delayed_work(&sa->lt_work))
		kips_sa_put(sa);
}

/* Sets the HIT bits for every limit reached by @now or by use so far. */
static void check_limits(struct kips_sa *sa, u64 now)
{
	u64 used = READ_ONCE(sa->use_time), age = now - sa->add_time;
	u64 b = atomic64_read(&sa->use_bytes), p = atomic64_read(&sa->use_packets);
	u64 idle = used ? now - used : 0;

	if ((READ_ONCE(sa->state) == KIPS_SA_STATE_LARVAL &&
	     age >= KIPS_LARVAL_SECONDS) ||
	    reached(READ_ONCE(sa->hard.add_seconds), age) ||
	    (used && reached(READ_ONCE(sa->hard.use_seconds), idle)) ||
	    reached(READ_ONCE(sa->hard.bytes), b) ||
	    reached(READ_ONCE(sa->hard.packets), p))
		hard_hit(sa);
	else if (reached(READ_ONCE(sa->soft.add_seconds), age) ||
		 (used && reached(READ_ONCE(sa->soft.use_seconds), idle)) ||
		 reached(READ_ONCE(sa->soft.bytes), b) ||
		 reached(READ_ONCE(sa->soft.packets), p))
		soft_hit(sa);
}

static void earliest(u64 *next, u64 base, u64 limit)
{
	if (base && limit && (!*next || base + limit < *next))
		*next = base + limit;
}

/* The next time (boottime s) at which a time limit falls due, or 0. */
static u64 next_deadline(struct kips_sa *sa)
{
	u64 used = READ_ONCE(sa->use_time), next = 0;

	if (READ_ONCE(sa->state) == KIPS_SA_STATE_LARVAL)
		earliest(&next, sa->add_time, KIPS_LARVAL_SECONDS);
	earliest(&next, sa->add_time, READ_ONCE(sa->hard.add_seconds));
	earliest(&next, used, READ_ONCE(sa->hard.use_seconds));
	if (!test_bit(KIPS_SA_SOFT_HIT, &sa->expire)) {
		earliest(&next, sa->add_time, READ_ONCE(sa->soft.add_seconds));
		earliest(&next, used, READ_ONCE(sa->soft.use_seconds));
	}
	return next;
}

void kips_sa_lifetime_work(struct work_struct *work)
{
	struct kips_sa *sa = container_of(to_delayed_work(work), struct kips_sa,
					  lt_work);
	struct kips_sad *sad = sa->sad;
	u64 now = ktime_get_boottime_seconds(), next;

	check_limits(sa, now);
	if (test_bit(KIPS_SA_HARD_HIT, &sa->expire)) {
		kips_sad_expire(sa);
		goto out;
	}
	mutex_lock(&sad->lock);
	if (!sa->linked)
		goto out_unlock;
	if (test_bit(KIPS_SA_SOFT_HIT, &sa->expire) &&
	    !test_and_set_bit(KIPS_SA_SOFT_SENT, &sa->expire))
		kips_notify_sa_expire(sa, KIPS_EXPIRE_SOFT);
	next = next_deadline(sa);
	if (next) {
		u64 secs = min_t(u64, next > now ? next - now : 0,
				 KIPS_LT_MAX_DELAY_S);

		/* Not mod_: a kick that is pending must not be postponed. */
		kips_sa_hold(sa);
		if (!queue_delayed_work(kips_wq, &sa->lt_work, secs * HZ))
			kips_sa_put(sa);
	}
out_unlock:
	mutex_unlock(&sad->lock);
out:
	kips_sa_put(sa);
}
