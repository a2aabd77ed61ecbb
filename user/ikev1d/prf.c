// SPDX-License-Identifier: GPL-2.0
/* IKEv1 hashes and their HMAC PRFs on EVP_MD and EVP_MAC. */
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include "isakmp.h"
#include "prf.h"

static const struct {
	uint16_t id;
	const char *name;	/* ours, as in proposals */
	const char *evp;	/* OpenSSL's */
	size_t len;
} hashes[] = {
	{ IKE_HASH_MD5, "md5", "MD5", 16 },
	{ IKE_HASH_SHA1, "sha1", "SHA1", 20 },
	{ IKE_HASH_SHA2_256, "sha256", "SHA2-256", 32 },
	{ IKE_HASH_SHA2_384, "sha384", "SHA2-384", 48 },
	{ IKE_HASH_SHA2_512, "sha512", "SHA2-512", 64 },
};
#define NHASHES (sizeof(hashes) / sizeof(hashes[0]))

/* Fetching is costly; a handshake does it dozens of times. */
static EVP_MD *md_cache[NHASHES];
static EVP_MAC *hmac;

static int lookup(uint16_t id)
{
	size_t i;

	for (i = 0; i < NHASHES; i++)
		if (hashes[i].id == id)
			return i;
	return -1;
}

size_t ike_hash_len(uint16_t hash)
{
	int i = lookup(hash);

	return i < 0 ? 0 : hashes[i].len;
}

const char *ike_hash_name(uint16_t hash)
{
	int i = lookup(hash);

	return i < 0 ? NULL : hashes[i].name;
}

int ike_hash(uint16_t hash, const struct chunk *in, size_t n, uint8_t *out)
{
	int i = lookup(hash);
	EVP_MD_CTX *ctx;
	unsigned int len;
	int ok;
	size_t j;

	if (i < 0)
		return -1;
	if (!md_cache[i])
		md_cache[i] = EVP_MD_fetch(NULL, hashes[i].evp, NULL);
	ctx = EVP_MD_CTX_new();
	ok = md_cache[i] && ctx && EVP_DigestInit_ex2(ctx, md_cache[i], NULL);
	for (j = 0; ok && j < n; j++)
		ok = !in[j].len || EVP_DigestUpdate(ctx, in[j].ptr, in[j].len);
	ok = ok && EVP_DigestFinal_ex(ctx, out, &len) && len == hashes[i].len;
	EVP_MD_CTX_free(ctx);
	return ok ? 0 : -1;
}

int ike_prf(uint16_t hash, const uint8_t *key, size_t keylen,
	    const struct chunk *in, size_t n, uint8_t *out)
{
	int i = lookup(hash);
	OSSL_PARAM params[2];
	EVP_MAC_CTX *ctx;
	size_t len, j;
	int ok;

	if (i < 0)
		return -1;
	if (!hmac)
		hmac = EVP_MAC_fetch(NULL, "HMAC", NULL);
	params[0] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST,
						     (char *)hashes[i].evp, 0);
	params[1] = OSSL_PARAM_construct_end();
	ctx = hmac ? EVP_MAC_CTX_new(hmac) : NULL;
	/* The context holds the key schedule; EVP_MAC_CTX_free wipes it. */
	/* A NULL key would mean "keep the previous one": pass "" for none. */
	ok = ctx && EVP_MAC_init(ctx, keylen ? key : (const uint8_t *)"",
				 keylen, params);
	for (j = 0; ok && j < n; j++)
		ok = !in[j].len || EVP_MAC_update(ctx, in[j].ptr, in[j].len);
	ok = ok && EVP_MAC_final(ctx, out, &len, hashes[i].len) &&
	     len == hashes[i].len;
	EVP_MAC_CTX_free(ctx);
	return ok ? 0 : -1;
}

void ike_prf_cleanup(void)
{
	size_t i;

	for (i = 0; i < NHASHES; i++) {
		EVP_MD_free(md_cache[i]);
		md_cache[i] = NULL;
	}
	EVP_MAC_free(hmac);
	hmac = NULL;
}
