/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The hash functions IKEv1 negotiates (phase-1 "hash algorithm") and the
 * PRF RFC 2409 derives from each: HMAC with that hash, since no separate
 * PRF was ever defined for IKEv1.  OpenSSL 3 EVP_MD / EVP_MAC only.
 *
 * Inputs are lists of chunks, concatenated, as RFC 2409 writes them
 * (prf(SKEYID, g^xy | CKY-I | CKY-R | 0)).
 */
#ifndef IKEV1D_PRF_H
#define IKEV1D_PRF_H

#include <stddef.h>
#include <stdint.h>

#define IKE_HASH_MAX	64	/* SHA-512 */

struct chunk {
	const uint8_t *ptr;
	size_t len;
};

#define CHUNK(p, l)	((struct chunk){ (const uint8_t *)(p), (l) })
#define NCHUNKS(a)	(sizeof(a) / sizeof((a)[0]))

/* Output length of IKE hash @hash (IKE_HASH_*), 0 if not supported. */
size_t ike_hash_len(uint16_t hash);
/* Its name in proposals ("sha256"), NULL if not supported. */
const char *ike_hash_name(uint16_t hash);

/* out = hash(in[0] | in[1] | ...); out has ike_hash_len(hash) bytes. */
int ike_hash(uint16_t hash, const struct chunk *in, size_t n, uint8_t *out);

/* out = HMAC-hash(key, in[0] | in[1] | ...). */
int ike_prf(uint16_t hash, const uint8_t *key, size_t keylen,
	    const struct chunk *in, size_t n, uint8_t *out);

/* Frees the fetched algorithms (at exit). */
void ike_prf_cleanup(void);

#endif /* IKEV1D_PRF_H */
