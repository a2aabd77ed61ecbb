// SPDX-License-Identifier: GPL-2.0
#include <string.h>
#include <libmnl/libmnl.h>

#include "counters.h"
#include "nl.h"

void kips_lifetime_put(struct nlmsghdr *nlh, uint16_t type,
		       const struct kips_lifetime *lt)
{
	struct nlattr *nest;

	if (!lt->present)
		return;
	nest = mnl_attr_nest_start(nlh, type);
	if (KIPS_HAS(lt, KIPS_LT_A_BYTES))
		mnl_attr_put_u64(nlh, KIPS_LT_A_BYTES, lt->bytes);
	if (KIPS_HAS(lt, KIPS_LT_A_PACKETS))
		mnl_attr_put_u64(nlh, KIPS_LT_A_PACKETS, lt->packets);
	if (KIPS_HAS(lt, KIPS_LT_A_ADD_SECONDS))
		mnl_attr_put_u64(nlh, KIPS_LT_A_ADD_SECONDS, lt->add_seconds);
	if (KIPS_HAS(lt, KIPS_LT_A_USE_SECONDS))
		mnl_attr_put_u64(nlh, KIPS_LT_A_USE_SECONDS, lt->use_seconds);
	mnl_attr_nest_end(nlh, nest);
}

static bool get_u64(const struct nlattr *a, uint64_t *v)
{
	if (mnl_attr_validate(a, MNL_TYPE_U64) < 0)
		return false;
	*v = mnl_attr_get_u64(a);
	return true;
}

bool kips_lifetime_parse(const struct nlattr *nest, struct kips_lifetime *lt)
{
	const struct nlattr *tb[KIPS_LT_A_MAX + 1] = { 0 };
	uint64_t *field[KIPS_LT_A_MAX + 1] = {
		[KIPS_LT_A_BYTES] = &lt->bytes,
		[KIPS_LT_A_PACKETS] = &lt->packets,
		[KIPS_LT_A_ADD_SECONDS] = &lt->add_seconds,
		[KIPS_LT_A_USE_SECONDS] = &lt->use_seconds,
	};
	unsigned int t;

	memset(lt, 0, sizeof(*lt));
	if (kips_nl_parse_nested(nest, tb, KIPS_LT_A_MAX) < 0)
		return false;
	for (t = 0; t <= KIPS_LT_A_MAX; t++) {
		if (!tb[t] || !field[t])
			continue;
		if (!get_u64(tb[t], field[t]))
			return false;
		KIPS_SET(lt, t);
	}
	return true;
}

bool kips_counters_parse(const struct nlattr *nest, struct kips_counters *c)
{
	const struct nlattr *tb[KIPS_CNT_A_MAX + 1] = { 0 };
	unsigned int t;

	memset(c, 0, sizeof(*c));
	if (kips_nl_parse_nested(nest, tb, KIPS_CNT_A_MAX) < 0)
		return false;
	for (t = 0; t <= KIPS_CNT_A_MAX; t++) {
		if (!tb[t] || t == KIPS_CNT_A_PAD || t == KIPS_CNT_A_UNSPEC)
			continue;
		if (!get_u64(tb[t], &c->val[t]))
			return false;
		KIPS_SET(c, t);
	}
	return true;
}

static const char *const counter_names[KIPS_CNT_A_MAX + 1] = {
	[KIPS_CNT_A_IN_PACKETS] = "in_packets",
	[KIPS_CNT_A_IN_BYTES] = "in_bytes",
	[KIPS_CNT_A_OUT_PACKETS] = "out_packets",
	[KIPS_CNT_A_OUT_BYTES] = "out_bytes",
	[KIPS_CNT_A_DROP_REPLAY] = "drop_replay",
	[KIPS_CNT_A_DROP_AUTH] = "drop_auth",
	[KIPS_CNT_A_DROP_PADDING] = "drop_padding",
	[KIPS_CNT_A_DROP_NO_SA] = "drop_no_sa",
	[KIPS_CNT_A_DROP_POLICY] = "drop_policy",
	[KIPS_CNT_A_DROP_QUEUE] = "drop_queue",
	[KIPS_CNT_A_DROP_SEQ_OVERFLOW] = "drop_seq_overflow",
	[KIPS_CNT_A_DROP_MALFORMED] = "drop_malformed",
	[KIPS_CNT_A_DROP_EXPIRED] = "drop_expired",
	[KIPS_CNT_A_DROP_NOMEM] = "drop_nomem",
	[KIPS_CNT_A_ACQUIRES] = "acquires",
};

const char *kips_counter_name(unsigned int type)
{
	return type <= KIPS_CNT_A_MAX ? counter_names[type] : NULL;
}
