/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The signature of IKEv1's RSA signature authentication (RFC 2409 5.1):
 * SIG_I and SIG_R are HASH_I and HASH_R "signed" with RSA, PKCS#1 v1.5
 * block type 1 padding around the bare hash, without the DigestInfo that
 * PKCS#1 signatures normally wrap it in.  strongSwan calls this scheme
 * SIGN_RSA_EMSA_PKCS1_NULL and uses it for IKEv1 (pubkey_v1_authenticator.c);
 * OpenSSL gives it as EVP_PKEY_sign() with PKCS#1 padding and no digest.
 * Being deterministic, a signature can be checked against a fixed vector.
 */
#ifndef IKEV1D_SIG_H
#define IKEV1D_SIG_H

#include <stddef.h>
#include <stdint.h>

#include <openssl/evp.h>

/* An RSA-8192 signature; nobody uses bigger keys for IKE. */
#define SIG_MAX	1024

/* Signs @hash (a phase-1 HASH_I/HASH_R) with the RSA key @key into @sig
 * (room for SIG_MAX bytes); 0, or -1 if @key is not RSA or signing failed.
 */
int sig_sign(EVP_PKEY *key, const uint8_t *hash, size_t hash_len,
	     uint8_t *sig, size_t *sig_len);

/* Whether @sig is @key's signature of @hash: 0 if so, else -1 with the
 * reason in @why (a static string).
 */
int sig_verify(EVP_PKEY *key, const uint8_t *hash, size_t hash_len,
	       const uint8_t *sig, size_t sig_len, const char **why);

#endif /* IKEV1D_SIG_H */
