// SPDX-License-Identifier: GPL-2.0
/* Allocation and freeing of SAs. */
#include <linux/slab.h>

#include "sa.h"
#include "work.h"

static struct kmem_cache *kips_sa_cache __ro_after_init;
/*
 * SAs allocated and not yet freed.  The cache may be merged with another
 * of its size, and then kmem_cache_destroy() would not notice a leak: this
 * count does.
 */
static atomic_long_t kips_sa_live = ATOMIC_LONG_INIT(0);

int kips_sa_cache_init(void)
{
	/* Accounted: an unprivileged user may fill the SAD of a namespace it
	 * owns, and pays for it in its own memory cgroup.
	 */
	kips_sa_cache = KMEM_CACHE(kips_sa, SLAB_ACCOUNT);
	return kips_sa_cache ? 0 : -ENOMEM;
}

/* After every namespace is gone: no SA is left but those being freed. */
void kips_sa_cache_exit(void)
{
	rcu_barrier();
	flush_workqueue(kips_wq);
	WARN(atomic_long_read(&kips_sa_live), "kips: %ld SAs leaked\n",
	     atomic_long_read(&kips_sa_live));
	kmem_cache_destroy(kips_sa_cache);
}

struct kips_sa *kips_sa_alloc(struct kips_sad *sad, u32 replay_window)
{
	struct kips_sa *sa;

	sa = kmem_cache_zalloc(kips_sa_cache, GFP_KERNEL);
	if (!sa)
		return NULL;
	if (kips_counters_init(&sa->stats, GFP_KERNEL_ACCOUNT))
		goto err_free;
	if (kips_replay_init(&sa->replay, replay_window, GFP_KERNEL_ACCOUNT))
		goto err_counters;
	sa->sad = sad;
	sa->enc_alg = -1;
	sa->auth_alg = -1;
	sa->aead_alg = -1;
	refcount_set(&sa->ref, 1);
	spin_lock_init(&sa->lock);
	INIT_LIST_HEAD(&sa->out_node);
	INIT_DELAYED_WORK(&sa->lt_work, kips_sa_lifetime_work);
	atomic_long_inc(&kips_sa_live);
	return sa;

err_counters:
	kips_counters_free(&sa->stats);
err_free:
	kmem_cache_free(kips_sa_cache, sa);
	return NULL;
}

static void kips_sa_free_work(struct work_struct *work)
{
	struct kips_sa *sa = container_of(work, struct kips_sa, free_work);

	kips_crypto_free(&sa->crypto);
	kfree_sensitive(sa->keys);
	kips_replay_free(&sa->replay);
	kips_counters_free(&sa->stats);
	kmem_cache_free(kips_sa_cache, sa);
	atomic_long_dec(&kips_sa_live);
}

/* Freeing a crypto transform may sleep: on to process context. */
static void kips_sa_free_rcu(struct rcu_head *head)
{
	struct kips_sa *sa = container_of(head, struct kips_sa, rcu);

	INIT_WORK(&sa->free_work, kips_sa_free_work);
	queue_work(kips_wq, &sa->free_work);
}

void kips_sa_put(struct kips_sa *sa)
{
	if (refcount_dec_and_test(&sa->ref))
		call_rcu(&sa->rcu, kips_sa_free_rcu);
}
