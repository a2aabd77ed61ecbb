/* SPDX-License-Identifier: GPL-2.0 */
/*
 * IKEv1 key derivation, RFC 2409 sections 5 and 5.5 and appendix B, with
 * the names the RFC uses.  @hash is the negotiated phase-1 hash; the PRF is
 * its HMAC.  "_b" inputs are payload bodies (without the generic header);
 * g^xy is the shared secret as dh_compute() gives it.  Every output is
 * ike_hash_len(hash) bytes unless said otherwise; every function returns 0
 * or -1.
 */
#ifndef IKEV1D_KEYS_H
#define IKEV1D_KEYS_H

#include <stddef.h>
#include <stdint.h>

#include "prf.h"

/* Pre-shared keys:  SKEYID = prf(pre-shared-key, Ni_b | Nr_b) */
int ike_skeyid_psk(uint16_t hash, const uint8_t *psk, size_t psk_len,
		   struct chunk ni_b, struct chunk nr_b, uint8_t *skeyid);

/* Signatures:  SKEYID = prf(Ni_b | Nr_b, g^xy) */
int ike_skeyid_sig(uint16_t hash, struct chunk ni_b, struct chunk nr_b,
		   struct chunk gxy, uint8_t *skeyid);

/*
 * SKEYID_d = prf(SKEYID, g^xy | CKY-I | CKY-R | 0)
 * SKEYID_a = prf(SKEYID, SKEYID_d | g^xy | CKY-I | CKY-R | 1)
 * SKEYID_e = prf(SKEYID, SKEYID_a | g^xy | CKY-I | CKY-R | 2)
 */
int ike_skeyid_dae(uint16_t hash, const uint8_t *skeyid, struct chunk gxy,
		   const uint8_t *cky_i, const uint8_t *cky_r,
		   uint8_t *skeyid_d, uint8_t *skeyid_a, uint8_t *skeyid_e);

/* The phase-1 encryption key of @len bytes (appendix B): the first @len
 * bytes of SKEYID_e if it is long enough, else of
 *   Ka = K1 | K2 | K3 ...,  K1 = prf(SKEYID_e, 0), Kn = prf(SKEYID_e, Kn-1)
 */
int ike_enc_key(uint16_t hash, const uint8_t *skeyid_e, size_t len,
		uint8_t *key);

/*
 * HASH_I = prf(SKEYID, g^xi | g^xr | CKY-I | CKY-R | SAi_b | IDii_b)
 * HASH_R = prf(SKEYID, g^xr | g^xi | CKY-R | CKY-I | SAi_b | IDir_b)
 * (SAi_b is the initiator's SA in both.)
 */
int ike_hash_i(uint16_t hash, const uint8_t *skeyid, struct chunk gxi,
	       struct chunk gxr, const uint8_t *cky_i, const uint8_t *cky_r,
	       struct chunk sai_b, struct chunk idii_b, uint8_t *out);
int ike_hash_r(uint16_t hash, const uint8_t *skeyid, struct chunk gxi,
	       struct chunk gxr, const uint8_t *cky_i, const uint8_t *cky_r,
	       struct chunk sai_b, struct chunk idir_b, uint8_t *out);

/* Phase-1 IV: hash(g^xi | g^xr), truncated to @block_len bytes. */
int ike_phase1_iv(uint16_t hash, struct chunk gxi, struct chunk gxr,
		  size_t block_len, uint8_t *iv);

/* IV of a quick mode or informational exchange: hash(last phase-1 IV |
 * M-ID), truncated to @block_len bytes.  @last_iv is the last ciphertext
 * block of phase 1 (@block_len bytes).
 */
int ike_phase2_iv(uint16_t hash, const uint8_t *last_iv, size_t block_len,
		  uint32_t msgid, uint8_t *iv);

/* Quick mode (RFC 2409 5.5) and informational (5.7) hashes.  @rest is the
 * message after the HASH payload, generic headers included.
 *   HASH(1) = prf(SKEYID_a, M-ID | rest)        also informational HASH
 *   HASH(2) = prf(SKEYID_a, M-ID | Ni_b | rest)
 *   HASH(3) = prf(SKEYID_a, 0 | M-ID | Ni_b | Nr_b)
 */
int ike_qm_hash1(uint16_t hash, const uint8_t *skeyid_a, uint32_t msgid,
		 struct chunk rest, uint8_t *out);
int ike_qm_hash2(uint16_t hash, const uint8_t *skeyid_a, uint32_t msgid,
		 struct chunk ni_b, struct chunk rest, uint8_t *out);
int ike_qm_hash3(uint16_t hash, const uint8_t *skeyid_a, uint32_t msgid,
		 struct chunk ni_b, struct chunk nr_b, uint8_t *out);

/* KEYMAT for one IPsec SA (RFC 2409 5.5), @len bytes:
 *   KEYMAT = K1 | K2 | ...
 *   K1 = prf(SKEYID_d, [g(qm)^xy |] protocol | SPI | Ni_b | Nr_b)
 *   Kn = prf(SKEYID_d, Kn-1 | [g(qm)^xy |] protocol | SPI | Ni_b | Nr_b)
 * @gqm is empty without PFS; @spi is the SA's SPI as sent (4 bytes for
 * ESP and AH); @protocol the IPsec DOI protocol ID.
 */
int ike_keymat(uint16_t hash, const uint8_t *skeyid_d, struct chunk gqm,
	       uint8_t protocol, struct chunk spi, struct chunk ni_b,
	       struct chunk nr_b, size_t len, uint8_t *keymat);

#endif /* IKEV1D_KEYS_H */
