/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Proposals in strongSwan's syntax: algorithms joined by '-', proposals by
 * ',', an optional '!' at the end (strongSwan's "these and no defaults",
 * which is all ikev1d ever does):
 *
 *   phase 1:  aes256-sha256-modp2048, aes128-aes256-sha1-ecp256-modp2048
 *   ESP:      aes128gcm16-modp2048, aes256-sha256, chacha20poly1305
 *   AH:       sha256, sha1-modp2048
 *
 * A phase-1 proposal needs an encryption, a hash and a DH group (several of
 * each: every combination is offered); a PRF token must name one of its
 * hashes, since IKEv1 uses the hash's HMAC.  An ESP proposal needs
 * encryption, and integrity exactly when its encryption is not AEAD; AH
 * takes integrity only.  A DH group in an ESP or AH proposal asks for PFS
 * with it; all proposals of a connection must then agree on one group, as
 * quick mode sends a single KE payload.  "esn"/"noesn" choose extended
 * sequence numbers.  Legacy algorithms need allow_legacy.
 */
#ifndef IKEV1D_PROPOSAL_H
#define IKEV1D_PROPOSAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "algs.h"

#define PROP_MAX_ALGS	8	/* of one kind in one proposal */
#define PROP_MAX	8	/* proposals in a list */

struct ike_proposal {
	size_t nencr, nhash, ngroup;
	const struct p1_encr_alg *encr[PROP_MAX_ALGS];
	const struct p1_hash_alg *hash[PROP_MAX_ALGS];
	uint16_t group[PROP_MAX_ALGS];
};

struct ike_proposals {
	size_t n;
	struct ike_proposal p[PROP_MAX];
};

enum {
	PROP_ESN_NO = 1 << 0,
	PROP_ESN_YES = 1 << 1,
};

struct ipsec_proposal {
	uint8_t protocol;	/* ISAKMP_PROTO_ESP or _AH */
	size_t nencr, ninteg;
	const struct esp_encr_alg *encr[PROP_MAX_ALGS];
	const struct integ_alg *integ[PROP_MAX_ALGS];
	uint16_t pfs_group;	/* 0: no PFS */
	unsigned int esn;	/* PROP_ESN_*; 0 means PROP_ESN_NO */
};

struct ipsec_proposals {
	size_t n;
	struct ipsec_proposal p[PROP_MAX];
};

/* Parse @s; on error return -1 with one line in @err (no trailing dot). */
int ike_proposals_parse(const char *s, bool allow_legacy,
			struct ike_proposals *out, char *err, size_t errlen);
int ipsec_proposals_parse(const char *s, uint8_t protocol, bool allow_legacy,
			  struct ipsec_proposals *out, char *err,
			  size_t errlen);

/* The PFS group all proposals of @p ask for (0: none). */
uint16_t ipsec_proposals_pfs(const struct ipsec_proposals *p);

#endif /* IKEV1D_PROPOSAL_H */
