/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A security association as plain data (one field per KIPS_SA_A_*
 * attribute, `present` saying which are set), and its codec: build the
 * attributes of a request, or read those of a reply or an event.
 */
#ifndef KIPS_SA_H
#define KIPS_SA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/kips.h>

#include "addr.h"
#include "counters.h"
#include "present.h"
#include "sel.h"

struct nlmsghdr;

/* Room for keys longer than any algorithm takes: the kernel, not the
 * parser, decides what length is right, and says so.
 */
#define KIPS_SA_KEY_BUF 256

struct kips_sa_key {
	char alg[KIPS_ALG_NAME_MAX];	/* KIPS_SA_A_*_ALG */
	uint8_t key[KIPS_SA_KEY_BUF];	/* KIPS_SA_A_*_KEY */
	size_t key_len;
};

struct kips_sa {
	uint64_t present;		/* 1 << KIPS_SA_A_* */
	struct kips_addr src, dst;
	uint8_t proto;			/* IPPROTO_ESP or IPPROTO_AH */
	uint32_t spi;
	uint8_t mode;			/* enum kips_mode */
	uint32_t reqid;
	struct kips_sa_key enc, auth, aead;
	uint8_t icv_len;
	uint32_t replay_window;
	uint32_t flags;			/* enum kips_sa_flags */
	struct kips_lifetime soft, hard;
	uint16_t encap_sport, encap_dport;
	struct kips_sel sel;
	uint32_t spi_min, spi_max;	/* ALLOC_SPI */
	uint32_t req_flags;		/* enum kips_req_flags */
	/* Output only. */
	uint8_t state;			/* enum kips_sa_state */
	struct kips_lifetime current;
	struct kips_counters stats;
	uint64_t seq_out, seq_in;
	uint8_t expire;			/* enum kips_expire */
	uint32_t policy_index;		/* ACQUIRE */
};

/* Appends every set attribute of @sa to the request @nlh. */
void kips_sa_put(struct nlmsghdr *nlh, const struct kips_sa *sa);

/* Reads an SA reply or event.  Returns false when an attribute has the
 * wrong size or shape; unknown attributes are skipped.
 */
bool kips_sa_parse(const struct nlmsghdr *nlh, struct kips_sa *sa);

/* Wipes the keys (and everything else). */
void kips_sa_wipe(struct kips_sa *sa);

/* Names of enum values, NULL when out of range. */
const char *kips_mode_name(uint8_t mode);
const char *kips_sa_state_name(uint8_t state);
const char *kips_expire_name(uint8_t expire);

#endif /* KIPS_SA_H */
