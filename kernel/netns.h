/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per network namespace state.  Every SA, policy and counter belongs to
 * exactly one namespace; a namespace where kips was never configured
 * behaves as if the module were not loaded.
 */
#ifndef _KIPS_NETNS_H
#define _KIPS_NETNS_H

#include <net/net_namespace.h>
#include <net/netns/generic.h>

#include "acquire.h"
#include "hooks.h"
#include "sad.h"
#include "spd.h"
#include "stats.h"

struct kips_net {
	struct net *net;
	struct kips_counters stats;
	struct kips_sad sad;
	struct kips_spd spd;
	struct kips_hooks hooks;	/* datapath: hooks.c */
	struct kips_acq acq;		/* datapath: acquire.c */
};

extern unsigned int kips_net_id;

static inline struct kips_net *kips_net(const struct net *net)
{
	return net_generic(net, kips_net_id);
}

int kips_netns_register(void);
void kips_netns_unregister(void);

#endif /* _KIPS_NETNS_H */
