/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The algorithms ikev1d negotiates, by the names proposals use
 * (strongSwan's: "aes256", "sha256", "modp2048", "aes128gcm16"), with
 * their IKEv1 numbers (RFC 2409 appendix A for phase 1, RFC 2407 4.4-4.5
 * and later RFCs for ESP and AH) and, for ESP and AH, the kernel algorithm
 * of the shared table in <linux/kips.h> with its key length.
 *
 * Legacy algorithms are only accepted with allow-legacy: 3DES, MD5, the
 * MODP groups 1, 2 and 5, and ESP without encryption (null).
 */
#ifndef IKEV1D_ALGS_H
#define IKEV1D_ALGS_H

#include <stdbool.h>
#include <stdint.h>

#include <linux/kips.h>

/* Phase-1 encryption. */
struct p1_encr_alg {
	const char *name;
	uint16_t id;		/* enum ike_encr */
	uint16_t key_bits;	/* KEY_LENGTH attribute, 0: none sent */
	bool legacy;
};

/* Phase-1 hash (its HMAC is the PRF); also names PRF tokens. */
struct p1_hash_alg {
	const char *name;
	uint16_t id;		/* enum ike_hash */
	bool legacy;
};

/* ESP encryption, AEAD or not. */
struct esp_encr_alg {
	const char *name;
	uint8_t id;		/* enum ipsec_esp_id */
	uint16_t key_bits;	/* KEY_LENGTH attribute, 0: none sent */
	enum kips_alg kalg;
	uint8_t key_len;	/* KEYMAT bytes for the kernel, salt included */
	uint8_t icv_len;	/* AEAD: bytes of ICV; 0 otherwise */
	bool aead;
	bool legacy;
};

/* ESP and AH integrity. */
struct integ_alg {
	const char *name;
	uint16_t auth;		/* ESP: authentication algorithm attribute */
	uint8_t ah_id;		/* AH: transform ID */
	enum kips_alg kalg;
	uint8_t key_len;
	bool legacy;
};

const struct p1_encr_alg *p1_encr_by_name(const char *name);
const struct p1_encr_alg *p1_encr_by_id(uint16_t id, uint16_t key_bits);
const struct p1_hash_alg *p1_hash_by_name(const char *name);
const struct p1_hash_alg *p1_hash_by_id(uint16_t id);
const struct esp_encr_alg *esp_encr_by_name(const char *name);
const struct esp_encr_alg *esp_encr_by_id(uint8_t id, uint16_t key_bits);
const struct integ_alg *integ_by_name(const char *name);
const struct integ_alg *integ_by_esp_auth(uint16_t auth);
const struct integ_alg *integ_by_ah_id(uint8_t id);

/* A DH group by proposal name ("modp2048", "ecp256", "curve25519"); 0 if
 * none.  Legacy groups are 1, 2 and 5.
 */
uint16_t group_by_name(const char *name);
bool group_is_legacy(uint16_t id);
/* The proposal name of a supported group, NULL otherwise. */
const char *group_name(uint16_t id);

/* Iteration, for tests: the @i-th entry of each table, NULL past the end. */
const struct p1_encr_alg *p1_encr_at(unsigned int i);
const struct p1_hash_alg *p1_hash_at(unsigned int i);
const struct esp_encr_alg *esp_encr_at(unsigned int i);
const struct integ_alg *integ_at(unsigned int i);

#endif /* IKEV1D_ALGS_H */
