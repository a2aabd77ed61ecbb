/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-CPU packet counters, indexed by enum kips_counter_attrs, so that the
 * packet path never shares a cache line between CPUs to count.
 */
#ifndef _KIPS_STATS_H
#define _KIPS_STATS_H

#include <linux/percpu.h>
#include <linux/u64_stats_sync.h>
#include <linux/kips.h>

struct sk_buff;

struct kips_pcpu_counters {
	u64_stats_t v[__KIPS_CNT_A_MAX];
	struct u64_stats_sync syncp;
};

struct kips_counters {
	struct kips_pcpu_counters __percpu *pcpu;
};

int kips_counters_init(struct kips_counters *c, gfp_t gfp);
void kips_counters_free(struct kips_counters *c);
void kips_counters_sum(const struct kips_counters *c, u64 out[__KIPS_CNT_A_MAX]);
int kips_counters_put(struct sk_buff *skb, int attrtype,
		      const struct kips_counters *c);

static inline void kips_count(struct kips_counters *c, int which, u64 n)
{
	struct kips_pcpu_counters *p = get_cpu_ptr(c->pcpu);

	u64_stats_update_begin(&p->syncp);
	u64_stats_add(&p->v[which], n);
	u64_stats_update_end(&p->syncp);
	put_cpu_ptr(c->pcpu);
}

#endif /* _KIPS_STATS_H */
