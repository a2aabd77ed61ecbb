// SPDX-License-Identifier: GPL-2.0
/* What output and input share: drops, references, requests in flight. */
#include <linux/delay.h>
#include <linux/percpu.h>

#include "dp.h"

void kips_cb_release(struct sk_buff *skb)
{
	struct kips_cb *cb = kips_cb(skb);
	int i;

	for (i = 0; i < cb->n_sa; i++)
		kips_sa_put(cb->sa[i]);
	cb->n_sa = 0;
}

void kips_drop(struct sk_buff *skb, struct kips_net *kn, struct kips_sa *sa,
	       int reason)
{
	kips_count_sa(kn, sa, reason, 1);
	kfree_skb(skb);
}

/*
 * Per CPU, because a request taken on one CPU may complete on another:
 * only the sum means anything, and only the module's and a namespace's
 * exit read it, after their hooks are gone.
 */
static DEFINE_PER_CPU(long, kips_in_flight);

void kips_async_get(void)
{
	this_cpu_inc(kips_in_flight);
}

void kips_async_put(void)
{
	this_cpu_dec(kips_in_flight);
}

static long in_flight(void)
{
	long n = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		n += per_cpu(kips_in_flight, cpu);
	return n;
}

void kips_async_wait(void)
{
	while (in_flight())
		msleep(20);
	/* Completions put their count last, with BH off: let them return. */
	synchronize_rcu();
}
