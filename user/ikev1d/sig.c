// SPDX-License-Identifier: GPL-2.0
/* RSA signatures over a bare hash, PKCS#1 v1.5 padding, no DigestInfo. */
#include <openssl/rsa.h>

#include "sig.h"

static EVP_PKEY_CTX *rsa_ctx(EVP_PKEY *key, int (*init)(EVP_PKEY_CTX *))
{
	EVP_PKEY_CTX *ctx;

	if (!key || EVP_PKEY_get_base_id(key) != EVP_PKEY_RSA)
		return NULL;
	ctx = EVP_PKEY_CTX_new(key, NULL);
	/* No signature digest is set: the input is signed as it is. */
	if (!ctx || init(ctx) <= 0 ||
	    EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PADDING) <= 0) {
		EVP_PKEY_CTX_free(ctx);
		return NULL;
	}
	return ctx;
}

int sig_sign(EVP_PKEY *key, const uint8_t *hash, size_t hash_len,
	     uint8_t *sig, size_t *sig_len)
{
	EVP_PKEY_CTX *ctx = rsa_ctx(key, EVP_PKEY_sign_init);
	size_t len = SIG_MAX;
	int ret = -1;

	if (!ctx)
		return -1;
	if (EVP_PKEY_get_size(key) > SIG_MAX)
		goto out;
	if (EVP_PKEY_sign(ctx, sig, &len, hash, hash_len) == 1) {
		*sig_len = len;
		ret = 0;
	}
out:
	EVP_PKEY_CTX_free(ctx);
	return ret;
}

int sig_verify(EVP_PKEY *key, const uint8_t *hash, size_t hash_len,
	       const uint8_t *sig, size_t sig_len, const char **why)
{
	EVP_PKEY_CTX *ctx;
	int r;

	if (!key || EVP_PKEY_get_base_id(key) != EVP_PKEY_RSA) {
		*why = "the peer's certificate does not hold an RSA key";
		return -1;
	}
	/* PKCS#1: the signature is exactly as long as the modulus. */
	if (sig_len != (size_t)EVP_PKEY_get_size(key)) {
		*why = "the signature is not as long as the key's modulus";
		return -1;
	}
	ctx = rsa_ctx(key, EVP_PKEY_verify_init);
	if (!ctx) {
		*why = "out of memory";
		return -1;
	}
	r = EVP_PKEY_verify(ctx, sig, sig_len, hash, hash_len);
	EVP_PKEY_CTX_free(ctx);
	if (r != 1) {
		*why = "the signature does not verify with the certificate's key";
		return -1;
	}
	return 0;
}
