// SPDX-License-Identifier: GPL-2.0
/* The SAD of a namespace: indexes, insertion, removal, SPI allocation. */
#include <linux/random.h>
#include <linux/slab.h>

#include "acquire.h"
#include "nl_event.h"
#include "sad.h"
#include "work.h"

static const struct rhashtable_params kips_sa_id_params = {
	.key_len = sizeof(struct kips_sa_id),
	.key_offset = offsetof(struct kips_sa, id),
	.head_offset = offsetof(struct kips_sa, id_node),
	.automatic_shrinking = true,
};

static const struct rhashtable_params kips_sa_group_params = {
	.key_len = sizeof(struct kips_sa_out_key),
	.key_offset = offsetof(struct kips_sa_group, key),
	.head_offset = offsetof(struct kips_sa_group, node),
	.automatic_shrinking = true,
};

int kips_sad_init(struct kips_sad *sad, struct kips_net *kn)
{
	int err;

	mutex_init(&sad->lock);
	xa_init_flags(&sad->all, XA_FLAGS_ALLOC1);
	sad->kn = kn;
	err = rhashtable_init(&sad->by_id, &kips_sa_id_params);
	if (err)
		return err;
	err = rhashtable_init(&sad->by_out, &kips_sa_group_params);
	if (err)
		rhashtable_destroy(&sad->by_id);
	return err;
}

void kips_sad_exit(struct kips_sad *sad)
{
	mutex_lock(&sad->lock);
	kips_sad_flush(sad, 0);
	mutex_unlock(&sad->lock);
	/*
	 * Lifetime work still running holds its SA and may take sad->lock;
	 * it re-arms only linked SAs, so one flush finishes it.
	 */
	flush_workqueue(kips_wq);
	rhashtable_destroy(&sad->by_out);
	rhashtable_destroy(&sad->by_id);
	xa_destroy(&sad->all);
}

static void id_key(struct kips_sa_id *id, u8 family,
		   const union kips_addr *daddr, __be32 spi, u8 proto)
{
	memset(id, 0, sizeof(*id));
	memcpy(&id->daddr, daddr, kips_addr_len(family));
	id->spi = spi;
	id->proto = proto;
	id->family = family;
}

struct kips_sa *__kips_sa_lookup(struct kips_sad *sad, u8 family,
				 const union kips_addr *daddr, __be32 spi,
				 u8 proto)
{
	struct kips_sa_id id;

	id_key(&id, family, daddr, spi, proto);
	return rhashtable_lookup(&sad->by_id, &id, kips_sa_id_params);
}

struct kips_sa *kips_sa_lookup(struct kips_sad *sad, u8 family,
			       const union kips_addr *daddr, __be32 spi,
			       u8 proto)
{
	struct kips_sa *sa;

	rcu_read_lock();
	sa = __kips_sa_lookup(sad, family, daddr, spi, proto);
	if (sa && (!kips_sa_usable(sa) || !kips_sa_hold_rcu(sa)))
		sa = NULL;
	rcu_read_unlock();
	return sa;
}

struct kips_sa *kips_sa_select(struct kips_sad *sad,
			       const struct kips_sa_out_key *key)
{
	struct kips_sa *sa, *dying = NULL, *found = NULL;
	struct kips_sa_group *group;

	rcu_read_lock();
	group = rhashtable_lookup(&sad->by_out, key, kips_sa_group_params);
	if (!group)
		goto out;
	list_for_each_entry_rcu(sa, &group->sas, out_node) {
		u32 state = READ_ONCE(sa->state);

		if (state == KIPS_SA_STATE_MATURE && kips_sa_hold_rcu(sa)) {
			found = sa;
			break;
		}
		if (state == KIPS_SA_STATE_DYING && !dying)
			dying = sa;
	}
	if (!found && dying && kips_sa_hold_rcu(dying))
		found = dying;
out:
	rcu_read_unlock();
	return found;
}

struct kips_sa *kips_sad_find(struct kips_sad *sad, const struct kips_sa_id *id)
{
	return rhashtable_lookup_fast(&sad->by_id, id, kips_sa_id_params);
}

struct kips_sa *kips_sad_get(struct kips_sad *sad, const struct kips_sa_id *id)
{
	struct kips_sa *sa;

	rcu_read_lock();
	sa = rhashtable_lookup(&sad->by_id, id, kips_sa_id_params);
	if (sa && !kips_sa_hold_rcu(sa))
		sa = NULL;
	rcu_read_unlock();
	return sa;
}

static void out_key(struct kips_sa_out_key *key, const struct kips_sa *sa)
{
	memset(key, 0, sizeof(*key));
	key->saddr = sa->saddr;
	key->daddr = sa->id.daddr;
	key->reqid = sa->reqid;
	key->family = sa->id.family;
	key->proto = sa->id.proto;
	key->mode = sa->mode;
}

/*
 * The group @sa belongs in, created (empty, which selects nothing) if
 * needed, so that once the SA itself is inserted nothing can fail.
 */
static struct kips_sa_group *group_get(struct kips_sad *sad,
				       const struct kips_sa *sa)
{
	struct kips_sa_group *group;
	struct kips_sa_out_key key;
	int err;

	out_key(&key, sa);
	group = rhashtable_lookup_fast(&sad->by_out, &key, kips_sa_group_params);
	if (group)
		return group;
	group = kzalloc(sizeof(*group), GFP_KERNEL_ACCOUNT);
	if (!group)
		return ERR_PTR(-ENOMEM);
	group->key = key;
	INIT_LIST_HEAD(&group->sas);
	err = rhashtable_insert_fast(&sad->by_out, &group->node,
				     kips_sa_group_params);
	if (err) {
		kfree(group);
		return ERR_PTR(err);
	}
	return group;
}

static void group_put_if_empty(struct kips_sad *sad, struct kips_sa_group *group)
{
	if (!list_empty(&group->sas))
		return;
	rhashtable_remove_fast(&sad->by_out, &group->node, kips_sa_group_params);
	kfree_rcu(group, rcu);
}

static void group_add(struct kips_sa_group *group, struct kips_sa *sa)
{
	sa->group = group;
	list_add_rcu(&sa->out_node, &group->sas);
}

static void published(struct kips_sad *sad, struct kips_sa *sa)
{
	sa->linked = true;
	WRITE_ONCE(sad->genid, sad->genid + 1);
	/*
	 * Packets may be waiting for it (ACQUIRE).  The in-kernel self-test's
	 * databases belong to no namespace and carry no packets.
	 */
	if (sad->kn)
		kips_acq_sa_added(sa);
}

int kips_sad_insert(struct kips_sad *sad, struct kips_sa *sa)
{
	struct kips_sa_group *group = NULL;
	int err;

	lockdep_assert_held(&sad->lock);
	/* Reserve the dump slot without publishing the SA in it yet. */
	err = xa_alloc_cyclic(&sad->all, &sa->dump_id, NULL, xa_limit_32b,
			      &sad->next_dump_id, GFP_KERNEL_ACCOUNT);
	if (err < 0)
		return err;
	if (sa->state != KIPS_SA_STATE_LARVAL) {
		group = group_get(sad, sa);
		if (IS_ERR(group)) {
			err = PTR_ERR(group);
			goto err_release;
		}
	}
	err = rhashtable_lookup_insert_fast(&sad->by_id, &sa->id_node,
					    kips_sa_id_params);
	if (err)
		goto err_group;
	if (group)
		group_add(group, sa);
	xa_store(&sad->all, sa->dump_id, sa, GFP_KERNEL);
	WRITE_ONCE(sad->count, sad->count + 1);
	published(sad, sa);
	return 0;

err_group:
	if (group)
		group_put_if_empty(sad, group);
err_release:
	xa_erase(&sad->all, sa->dump_id);
	return err;
}

int kips_sad_replace(struct kips_sad *sad, struct kips_sa *old,
		     struct kips_sa *new)
{
	struct kips_sa_group *group = NULL;
	int err;

	lockdep_assert_held(&sad->lock);
	if (new->state != KIPS_SA_STATE_LARVAL) {
		group = group_get(sad, new);
		if (IS_ERR(group))
			return PTR_ERR(group);
	}
	err = rhashtable_replace_fast(&sad->by_id, &old->id_node, &new->id_node,
				      kips_sa_id_params);
	if (err) {
		if (group)
			group_put_if_empty(sad, group);
		return err;
	}
	if (group)
		group_add(group, new);
	/* The slot exists, so storing allocates nothing. */
	new->dump_id = old->dump_id;
	xa_store(&sad->all, new->dump_id, new, GFP_KERNEL);
	published(sad, new);

	/* As kips_sad_unlink(), for an SA no index holds any more. */
	if (old->group) {
		list_del_rcu(&old->out_node);
		group_put_if_empty(sad, old->group);
		old->group = NULL;
	}
	old->linked = false;
	WRITE_ONCE(old->state, KIPS_SA_STATE_DEAD);
	kips_sa_lifetime_stop(old);
	kips_sa_put(old);
	return 0;
}

void kips_sad_unlink(struct kips_sad *sad, struct kips_sa *sa)
{
	lockdep_assert_held(&sad->lock);
	rhashtable_remove_fast(&sad->by_id, &sa->id_node, kips_sa_id_params);
	if (sa->group) {
		list_del_rcu(&sa->out_node);
		group_put_if_empty(sad, sa->group);
		sa->group = NULL;
	}
	xa_erase(&sad->all, sa->dump_id);
	WRITE_ONCE(sad->count, sad->count - 1);
	WRITE_ONCE(sad->genid, sad->genid + 1);
	sa->linked = false;
	/* Holders on the packet path stop using it now. */
	WRITE_ONCE(sa->state, KIPS_SA_STATE_DEAD);
	kips_sa_lifetime_stop(sa);
	kips_sa_put(sa);
}

/*
 * A random start, then the SPIs after it: a free one is found at once in
 * any SAD that is not nearly full of its range.  Small ranges are searched
 * completely; large ones for 64K candidates.
 */
int kips_sad_alloc_spi(struct kips_sad *sad, struct kips_sa *sa, u32 lo, u32 hi)
{
	u32 range = hi - lo + 1;	/* lo >= 256: no wrap to 0 */
	u32 start = get_random_u32_below(range);
	u32 tries = min_t(u32, range, 1U << 16);
	u32 i;

	lockdep_assert_held(&sad->lock);
	for (i = 0; i < tries; i++) {
		sa->id.spi = htonl(lo + (u32)(((u64)start + i) % range));
		if (!kips_sad_find(sad, &sa->id))
			return kips_sad_insert(sad, sa);
		cond_resched();
	}
	return -ENOSPC;
}

unsigned int kips_sad_flush(struct kips_sad *sad, u8 proto)
{
	unsigned int n = 0;
	struct kips_sa *sa;
	unsigned long i;

	lockdep_assert_held(&sad->lock);
	xa_for_each(&sad->all, i, sa) {
		if (proto && sa->id.proto != proto)
			continue;
		kips_sad_unlink(sad, sa);
		if (!(++n % 1024))
			cond_resched();
	}
	return n;
}

void kips_sad_expire(struct kips_sa *sa)
{
	struct kips_sad *sad = sa->sad;

	mutex_lock(&sad->lock);
	if (sa->linked && !test_and_set_bit(KIPS_SA_HARD_DONE, &sa->expire)) {
		kips_notify_sa_expire(sa, KIPS_EXPIRE_HARD);
		kips_sad_unlink(sad, sa);
	}
	mutex_unlock(&sad->lock);
}
