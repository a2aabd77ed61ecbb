/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Lifetimes (KIPS_LT_A_*) and counters (KIPS_CNT_A_*) as plain data, and
 * their attribute codecs.
 */
#ifndef KIPS_COUNTERS_H
#define KIPS_COUNTERS_H

#include <stdbool.h>
#include <stdint.h>
#include <linux/kips.h>

#include "present.h"

struct nlmsghdr;
struct nlattr;

struct kips_lifetime {
	uint64_t present;	/* 1 << KIPS_LT_A_* */
	uint64_t bytes;
	uint64_t packets;
	uint64_t add_seconds;
	uint64_t use_seconds;
};

struct kips_counters {
	uint64_t present;	/* 1 << KIPS_CNT_A_* */
	uint64_t val[KIPS_CNT_A_MAX + 1];
};

/* Adds a nest of type @type with the set limits; nothing when none is. */
void kips_lifetime_put(struct nlmsghdr *nlh, uint16_t type,
		       const struct kips_lifetime *lt);
/* False when the nest is malformed. */
bool kips_lifetime_parse(const struct nlattr *nest, struct kips_lifetime *lt);

bool kips_counters_parse(const struct nlattr *nest, struct kips_counters *c);

/* "in_packets", "drop_replay", ...: the counter's name for output, or NULL
 * for a type this program does not know.
 */
const char *kips_counter_name(unsigned int type);

#endif /* KIPS_COUNTERS_H */
