// SPDX-License-Identifier: GPL-2.0
#include "netns.h"

unsigned int kips_net_id __read_mostly;

static int __net_init kips_net_init(struct net *net)
{
	struct kips_net *kn = kips_net(net);
	int err;

	kn->net = net;
	kips_hooks_net_init(kn);
	kips_acq_net_init(kn);
	err = kips_counters_init(&kn->stats, GFP_KERNEL);
	if (err)
		return err;
	err = kips_sad_init(&kn->sad, kn);
	if (err)
		goto err_stats;
	err = kips_spd_init(&kn->spd, kn);
	if (err)
		goto err_sad;
	return 0;

err_sad:
	kips_sad_exit(&kn->sad);
err_stats:
	kips_counters_free(&kn->stats);
	return err;
}

/*
 * Policies first: the datapath finds SAs through them.  Everything is
 * unlinked here and freed after a grace period; the module's exit waits
 * for those (rcu_barrier) before it destroys the caches.
 */
static void __net_exit kips_net_exit(struct net *net)
{
	struct kips_net *kn = kips_net(net);

	/* The datapath first: no packet may reach what goes next. */
	kips_hooks_net_exit(kn);
	kips_acq_net_exit(kn);
	kips_spd_exit(&kn->spd);
	kips_sad_exit(&kn->sad);
	kips_counters_free(&kn->stats);
}

static struct pernet_operations kips_net_ops = {
	.init = kips_net_init,
	.exit = kips_net_exit,
	.id = &kips_net_id,
	.size = sizeof(struct kips_net),
};

int kips_netns_register(void)
{
	return register_pernet_subsys(&kips_net_ops);
}

void kips_netns_unregister(void)
{
	unregister_pernet_subsys(&kips_net_ops);
}
