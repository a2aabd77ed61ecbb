// SPDX-License-Identifier: GPL-2.0
/* The SPD of a namespace: tuples, insertion, replacement, removal. */
#include <linux/slab.h>

#include "spd.h"

const struct rhashtable_params kips_spd_params = {
	.key_len = sizeof(struct kips_spd_key),
	.key_offset = offsetof(struct kips_policy, key),
	.head_offset = offsetof(struct kips_policy, node),
	.automatic_shrinking = true,
};

int kips_spd_init(struct kips_spd *spd, struct kips_net *kn)
{
	int d, f;

	mutex_init(&spd->lock);
	xa_init_flags(&spd->by_index, XA_FLAGS_ALLOC1);
	for (d = 0; d < KIPS_DIRS; d++)
		for (f = 0; f < KIPS_FAMS; f++)
			INIT_LIST_HEAD(&spd->tuples[d][f]);
	spd->kn = kn;
	return rhltable_init(&spd->by_sel, &kips_spd_params);
}

void kips_spd_exit(struct kips_spd *spd)
{
	mutex_lock(&spd->lock);
	kips_spd_flush(spd, 0);
	mutex_unlock(&spd->lock);
	rhltable_destroy(&spd->by_sel);
	xa_destroy(&spd->by_index);
}

static void make_key(struct kips_spd_key *key, u8 dir,
		     const struct kips_selector *sel)
{
	memset(key, 0, sizeof(*key));
	key->src = sel->src;
	key->dst = sel->dst;
	key->dir = dir;
	key->family = sel->family;
	key->src_plen = sel->src_plen;
	key->dst_plen = sel->dst_plen;
}

struct kips_policy *kips_spd_find_index(struct kips_spd *spd, u32 index)
{
	return xa_load(&spd->by_index, index);
}

struct kips_policy *kips_spd_find_sel(struct kips_spd *spd, u8 dir,
				      const struct kips_selector *sel,
				      u32 priority)
{
	struct kips_policy *pol, *found = NULL;
	struct rhlist_head *list, *pos;
	struct kips_spd_key key;

	make_key(&key, dir, sel);
	rcu_read_lock();
	list = rhltable_lookup(&spd->by_sel, &key, kips_spd_params);
	rhl_for_each_entry_rcu(pol, pos, list, node) {
		if (pol->priority == priority && kips_sel_equal(&pol->sel, sel)) {
			found = pol;
			break;
		}
	}
	rcu_read_unlock();
	return found;
}

static struct list_head *tuple_list(struct kips_spd *spd,
				    const struct kips_policy *pol)
{
	return &spd->tuples[pol->dir - 1][kips_fam_idx(pol->sel.family)];
}

/* The tuple of @pol, created if needed; an empty one matches nothing. */
static struct kips_spd_tuple *tuple_get(struct kips_spd *spd,
					const struct kips_policy *pol)
{
	struct list_head *head = tuple_list(spd, pol);
	struct kips_spd_tuple *t;

	list_for_each_entry(t, head, node)
		if (t->family == pol->sel.family &&
		    t->src_plen == pol->sel.src_plen &&
		    t->dst_plen == pol->sel.dst_plen)
			return t;
	t = kzalloc(sizeof(*t), GFP_KERNEL_ACCOUNT);
	if (!t)
		return NULL;
	t->family = pol->sel.family;
	t->src_plen = pol->sel.src_plen;
	t->dst_plen = pol->sel.dst_plen;
	list_add_tail_rcu(&t->node, head);
	return t;
}

static void tuple_put_if_empty(struct kips_spd_tuple *t)
{
	if (t->count)
		return;
	list_del_rcu(&t->node);
	kfree_rcu(t, rcu);
}

/* Hashes @pol into its tuple; on failure nothing has changed. */
static int hash_in(struct kips_spd *spd, struct kips_policy *pol)
{
	struct kips_spd_tuple *t;
	int err;

	make_key(&pol->key, pol->dir, &pol->sel);
	t = tuple_get(spd, pol);
	if (!t)
		return -ENOMEM;
	err = rhltable_insert(&spd->by_sel, &pol->node, kips_spd_params);
	if (err) {
		tuple_put_if_empty(t);
		return err;
	}
	t->count++;
	pol->tuple = t;
	return 0;
}

static void hash_out(struct kips_spd *spd, struct kips_policy *pol)
{
	rhltable_remove(&spd->by_sel, &pol->node, kips_spd_params);
	pol->tuple->count--;
	tuple_put_if_empty(pol->tuple);
	pol->tuple = NULL;
}

int kips_spd_insert(struct kips_spd *spd, struct kips_policy *pol)
{
	struct xa_limit any = XA_LIMIT(1, U32_MAX);
	int err;

	lockdep_assert_held(&spd->lock);
	if (kips_spd_find_sel(spd, pol->dir, &pol->sel, pol->priority))
		return -EEXIST;
	/* Reserve the index without publishing the policy in it yet. */
	if (pol->index)
		err = xa_insert(&spd->by_index, pol->index, NULL,
				GFP_KERNEL_ACCOUNT);
	else
		err = xa_alloc_cyclic(&spd->by_index, &pol->index, NULL, any,
				      &spd->next_index, GFP_KERNEL_ACCOUNT);
	if (err < 0)
		return err;
	err = hash_in(spd, pol);
	if (err) {
		xa_erase(&spd->by_index, pol->index);
		return err;
	}
	pol->seq = ++spd->seq;
	xa_store(&spd->by_index, pol->index, pol, GFP_KERNEL);
	pol->linked = true;
	WRITE_ONCE(spd->count, spd->count + 1);
	WRITE_ONCE(spd->genid, spd->genid + 1);
	return 0;
}

/* Counts so far go over to the new object, on the current CPU. */
static void carry_counters(struct kips_policy *old, struct kips_policy *new)
{
	u64 v[__KIPS_CNT_A_MAX];
	int i;

	kips_counters_sum(&old->stats, v);
	for (i = 0; i < __KIPS_CNT_A_MAX; i++)
		if (v[i])
			kips_count(&new->stats, i, v[i]);
}

int kips_spd_replace(struct kips_spd *spd, struct kips_policy *old,
		     struct kips_policy *new)
{
	struct kips_policy *clash;
	int err;

	lockdep_assert_held(&spd->lock);
	clash = kips_spd_find_sel(spd, new->dir, &new->sel, new->priority);
	if (clash && clash != old)
		return -EEXIST;
	err = hash_in(spd, new);
	if (err)
		return err;
	new->index = old->index;
	new->seq = old->seq;
	carry_counters(old, new);
	/* A lookup meanwhile may find either: they have the same order. */
	xa_store(&spd->by_index, new->index, new, GFP_KERNEL);
	new->linked = true;
	hash_out(spd, old);
	old->linked = false;
	WRITE_ONCE(spd->genid, spd->genid + 1);
	kips_policy_put(old);
	return 0;
}

void kips_spd_unlink(struct kips_spd *spd, struct kips_policy *pol)
{
	lockdep_assert_held(&spd->lock);
	hash_out(spd, pol);
	xa_erase(&spd->by_index, pol->index);
	pol->linked = false;
	WRITE_ONCE(spd->count, spd->count - 1);
	WRITE_ONCE(spd->genid, spd->genid + 1);
	kips_policy_put(pol);
}

unsigned int kips_spd_flush(struct kips_spd *spd, u8 dir)
{
	struct kips_policy *pol;
	unsigned int n = 0;
	unsigned long i;

	lockdep_assert_held(&spd->lock);
	xa_for_each(&spd->by_index, i, pol) {
		if (dir && pol->dir != dir)
			continue;
		kips_spd_unlink(spd, pol);
		if (!(++n % 1024))
			cond_resched();
	}
	return n;
}
