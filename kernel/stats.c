// SPDX-License-Identifier: GPL-2.0
#include <net/netlink.h>

#include "stats.h"

int kips_counters_init(struct kips_counters *c, gfp_t gfp)
{
	int cpu;

	c->pcpu = alloc_percpu_gfp(struct kips_pcpu_counters, gfp | __GFP_ZERO);
	if (!c->pcpu)
		return -ENOMEM;
	for_each_possible_cpu(cpu)
		u64_stats_init(&per_cpu_ptr(c->pcpu, cpu)->syncp);
	return 0;
}

void kips_counters_free(struct kips_counters *c)
{
	free_percpu(c->pcpu);
	c->pcpu = NULL;
}

void kips_counters_sum(const struct kips_counters *c, u64 out[__KIPS_CNT_A_MAX])
{
	int cpu, i;

	memset(out, 0, sizeof(u64) * __KIPS_CNT_A_MAX);
	for_each_possible_cpu(cpu) {
		const struct kips_pcpu_counters *p = per_cpu_ptr(c->pcpu, cpu);
		u64 v[__KIPS_CNT_A_MAX];
		unsigned int start;

		do {
			start = u64_stats_fetch_begin(&p->syncp);
			for (i = 0; i < __KIPS_CNT_A_MAX; i++)
				v[i] = u64_stats_read(&p->v[i]);
		} while (u64_stats_fetch_retry(&p->syncp, start));
		for (i = 0; i < __KIPS_CNT_A_MAX; i++)
			out[i] += v[i];
	}
}

/* Puts a nest of every counter; zero counters are included so that readers
 * see the full set.
 */
int kips_counters_put(struct sk_buff *skb, int attrtype,
		      const struct kips_counters *c)
{
	u64 v[__KIPS_CNT_A_MAX];
	struct nlattr *nest;
	int i;

	kips_counters_sum(c, v);
	nest = nla_nest_start(skb, attrtype);
	if (!nest)
		return -EMSGSIZE;
	for (i = KIPS_CNT_A_PAD + 1; i < __KIPS_CNT_A_MAX; i++) {
		if (nla_put_u64_64bit(skb, i, v[i], KIPS_CNT_A_PAD)) {
			nla_nest_cancel(skb, nest);
			return -EMSGSIZE;
		}
	}
	nla_nest_end(skb, nest);
	return 0;
}
