// SPDX-License-Identifier: GPL-2.0
/*
 * What output and input share: set-up, drops, references, requests in
 * flight, re-injection.
 */
#include <linux/delay.h>
#include <linux/netdevice.h>
#include <linux/percpu.h>
#include <net/gro_cells.h>

#include "dp.h"
#include "marker.h"

/*
 * Decrypted packets go through GRO before the stack sees them, as XFRM's
 * tunnel mode does: TCP then handles one merged packet for many.  The
 * cells need a device for their NAPI contexts: a dummy one of our own.
 */
static struct net_device kips_napi_dev;
static struct gro_cells kips_gro_cells;

int kips_dp_init(void)
{
	int err;

	err = kips_marker_init();
	if (err)
		return err;
	init_dummy_netdev(&kips_napi_dev);
	err = gro_cells_init(&kips_gro_cells, &kips_napi_dev);
	if (err)
		kips_marker_exit();
	return err;
}

/* After every namespace is gone: no packet is on its way in any more. */
void kips_dp_exit(void)
{
	gro_cells_destroy(&kips_gro_cells);
	kips_marker_exit();
}

void kips_reinject(struct sk_buff *skb)
{
	/*
	 * A cell is a per-CPU list its NAPI poll empties in softirq: a
	 * completion in hard interrupt context must not touch it.
	 */
	if (in_hardirq() || irqs_disabled()) {
		netif_rx(skb);
		return;
	}
	local_bh_disable();
	gro_cells_receive(&kips_gro_cells, skb);
	local_bh_enable();
}

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
