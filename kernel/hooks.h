/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The netfilter hooks of a namespace: registered while it has policies
 * (a namespace without kips policies sees no hook and no change at all),
 * with IPv4 and IPv6 defragmentation enabled for as long.
 */
#ifndef _KIPS_HOOKS_H
#define _KIPS_HOOKS_H

#include <linux/mutex.h>

struct kips_net;

struct kips_hooks {
	struct mutex lock;
	bool on;
	unsigned int adding;	/* policies being added */
};

void kips_hooks_net_init(struct kips_net *kn);
/*
 * Around adding a policy: the hooks must be in place before it appears.
 * kips_hooks_need() (on success) and kips_hooks_added() go in pairs.
 */
int kips_hooks_need(struct kips_net *kn);
void kips_hooks_added(struct kips_net *kn);
/* After policies were removed: off if none are left. */
void kips_hooks_sync(struct kips_net *kn);
void kips_hooks_net_exit(struct kips_net *kn);

#endif /* _KIPS_HOOKS_H */
