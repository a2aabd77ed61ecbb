// SPDX-License-Identifier: GPL-2.0
#include "netns.h"

unsigned int kips_net_id __read_mostly;

static int __net_init kips_net_init(struct net *net)
{
	struct kips_net *kn = kips_net(net);

	kn->net = net;
	return kips_counters_init(&kn->stats, GFP_KERNEL);
}

static void __net_exit kips_net_exit(struct net *net)
{
	struct kips_net *kn = kips_net(net);

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
