/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Diffie-Hellman for IKEv1 on OpenSSL 3 (EVP_PKEY only): a key pair per
 * exchange, its public value exactly as the KE payload carries it, and the
 * shared secret g^xy exactly as RFC 2409 feeds it to SKEYID and KEYMAT
 * (MODP: left-padded to the length of the prime; ECP: the x coordinate,
 * RFC 5903; Curve25519: 32 bytes, RFC 8031).
 */
#ifndef IKEV1D_DH_H
#define IKEV1D_DH_H

#include <stddef.h>
#include <stdint.h>

enum dh_kind {
	DH_MODP = 1,
	DH_ECP = 2,
	DH_X25519 = 3,
};

struct dh_group {
	uint16_t id;		/* enum ike_group */
	enum dh_kind kind;
	const char *name;	/* as in proposals: "modp2048" */
	size_t pub_len;		/* bytes of the KE payload's data */
	size_t secret_len;	/* bytes of g^xy */
	size_t priv_bits;	/* MODP: private exponent size */
	const char *prime;	/* MODP: the prime, hex */
	const char *curve;	/* ECP and X25519: OpenSSL's name */
};

#define DH_MAX_PUB	1024	/* MODP-8192 */
#define DH_MAX_SECRET	1024

/* The group with IKE number @id, or NULL if not supported. */
const struct dh_group *dh_group_get(uint16_t id);
/* The @i-th supported group (for tests and listings), NULL past the end. */
const struct dh_group *dh_group_at(size_t i);

struct dh;

/* A fresh key pair in group @id; NULL if the group is unknown or OpenSSL
 * fails.
 */
struct dh *dh_new(uint16_t id);

/* A key pair from a known private value (known-answer tests): for MODP
 * the big-endian exponent, for Curve25519 the 32-byte scalar, for ECP the
 * big-endian scalar with its public value @pub (x | y), which MODP and
 * Curve25519 compute themselves and ignore.
 */
struct dh *dh_new_from_private(uint16_t id, const uint8_t *priv, size_t len,
			       const uint8_t *pub, size_t pub_len);

const struct dh_group *dh_group_of(const struct dh *dh);

/* Our public value, dh_group_of(dh)->pub_len bytes. */
const uint8_t *dh_public(const struct dh *dh);

/* Computes g^xy from the peer's public value @peer (as its KE payload
 * carried it) into @secret, which has room for DH_MAX_SECRET bytes; sets
 * *len to the group's secret_len.  Refuses a value of the wrong length, out
 * of range (MODP: 1 < y < p-1) or not on the curve.  Returns 0 or -1.
 */
int dh_compute(struct dh *dh, const uint8_t *peer, size_t peer_len,
	       uint8_t *secret, size_t *len);

/* Frees @dh and wipes its private key. */
void dh_free(struct dh *dh);

/* Releases the cached group parameters (at exit, so leak checkers see
 * nothing).
 */
void dh_cleanup(void);

#endif /* IKEV1D_DH_H */
