/* SPDX-License-Identifier: GPL-2.0 */
/* A traffic selector (KIPS_SEL_A_*) as plain data, and its codec. */
#ifndef KIPS_SEL_H
#define KIPS_SEL_H

#include <stdbool.h>
#include <stdint.h>
#include <linux/kips.h>

#include "addr.h"
#include "present.h"

struct nlmsghdr;
struct nlattr;

struct kips_sel {
	/* 1 << KIPS_SEL_A_*; KIPS_SEL_A_SRC stands for the address and its
	 * prefix length together (they travel both or neither), as does
	 * KIPS_SEL_A_DST.
	 */
	uint64_t present;
	struct kips_addr src;	/* with prefixlen */
	struct kips_addr dst;
	uint8_t proto;
	uint16_t sport_min, sport_max;	/* ICMP: type in both */
	uint16_t dport_min, dport_max;	/* ICMP: code in both */
};

/* Adds the selector as a nest of type @type, even when it is empty (an
 * empty selector is "everything", which a policy may mean).
 */
void kips_sel_put(struct nlmsghdr *nlh, uint16_t type, const struct kips_sel *sel);
bool kips_sel_parse(const struct nlattr *nest, struct kips_sel *sel);

#endif /* KIPS_SEL_H */
