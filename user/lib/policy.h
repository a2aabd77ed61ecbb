/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A security policy as plain data (KIPS_POL_A_*, its templates
 * KIPS_TMPL_A_*), and its codec.
 */
#ifndef KIPS_POLICY_H
#define KIPS_POLICY_H

#include <stdbool.h>
#include <stdint.h>
#include <linux/kips.h>

#include "addr.h"
#include "counters.h"
#include "present.h"
#include "sel.h"

struct nlmsghdr;

/* More than KIPS_MAX_TMPLS: how many a policy may have is the kernel's
 * call, and it explains a refusal.
 */
#define KIPS_POLICY_TMPLS_BUF 8

struct kips_tmpl {
	uint64_t present;		/* 1 << KIPS_TMPL_A_* */
	uint8_t proto;
	uint8_t mode;
	uint32_t reqid;
	struct kips_addr src, dst;
	uint32_t spi;
};

struct kips_policy {
	uint64_t present;		/* 1 << KIPS_POL_A_* */
	uint32_t index;
	uint8_t dir;			/* enum kips_dir */
	uint32_t priority;
	uint8_t action;			/* enum kips_action */
	struct kips_sel sel;
	unsigned int n_tmpls;		/* KIPS_POL_A_TMPL present if > 0 */
	struct kips_tmpl tmpls[KIPS_POLICY_TMPLS_BUF];
	struct kips_counters stats;	/* output */
};

void kips_policy_put(struct nlmsghdr *nlh, const struct kips_policy *pol);

/* False when an attribute has the wrong size or shape, or there are more
 * templates than KIPS_POLICY_TMPLS_BUF.
 */
bool kips_policy_parse(const struct nlmsghdr *nlh, struct kips_policy *pol);

const char *kips_dir_name(uint8_t dir);
const char *kips_action_name(uint8_t action);

#endif /* KIPS_POLICY_H */
