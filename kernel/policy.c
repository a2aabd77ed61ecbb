// SPDX-License-Identifier: GPL-2.0
/* Allocation and freeing of policies. */
#include <linux/slab.h>

#include "policy.h"

static struct kmem_cache *kips_policy_cache __ro_after_init;
/* Policies not yet freed: a leak shows even if the cache was merged. */
static atomic_long_t kips_policy_live = ATOMIC_LONG_INIT(0);

int kips_policy_cache_init(void)
{
	kips_policy_cache = KMEM_CACHE(kips_policy, SLAB_ACCOUNT);
	return kips_policy_cache ? 0 : -ENOMEM;
}

void kips_policy_cache_exit(void)
{
	rcu_barrier();
	WARN(atomic_long_read(&kips_policy_live), "kips: %ld policies leaked\n",
	     atomic_long_read(&kips_policy_live));
	kmem_cache_destroy(kips_policy_cache);
}

struct kips_policy *kips_policy_alloc(void)
{
	struct kips_policy *pol;

	pol = kmem_cache_zalloc(kips_policy_cache, GFP_KERNEL);
	if (!pol)
		return NULL;
	if (kips_counters_init(&pol->stats, GFP_KERNEL_ACCOUNT)) {
		kmem_cache_free(kips_policy_cache, pol);
		return NULL;
	}
	refcount_set(&pol->ref, 1);
	atomic_long_inc(&kips_policy_live);
	return pol;
}

static void kips_policy_free_rcu(struct rcu_head *head)
{
	struct kips_policy *pol = container_of(head, struct kips_policy, rcu);

	kips_counters_free(&pol->stats);
	kmem_cache_free(kips_policy_cache, pol);
	atomic_long_dec(&kips_policy_live);
}

void kips_policy_put(struct kips_policy *pol)
{
	if (refcount_dec_and_test(&pol->ref))
		call_rcu(&pol->rcu, kips_policy_free_rcu);
}
