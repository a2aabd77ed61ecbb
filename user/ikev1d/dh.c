// SPDX-License-Identifier: GPL-2.0
/* Diffie-Hellman on OpenSSL 3's EVP_PKEY interface. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/dh.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include "dh.h"

struct dh {
	const struct dh_group *g;
	EVP_PKEY *key;
	uint8_t pub[DH_MAX_PUB];
};

/* MODP domain parameters, built once per group: the prime as a BIGNUM for
 * range checks and as an EVP_PKEY to generate keys from.
 */
struct modp_params {
	uint16_t id;
	BIGNUM *p;
	EVP_PKEY *domain;
};

static struct modp_params modp_cache[16];
static BIGNUM *generator;

/* An EVP_PKEY of @type ("DH", "EC") from parameters built by @bld. */
static EVP_PKEY *pkey_fromdata(const char *type, int selection,
			       OSSL_PARAM_BLD *bld)
{
	OSSL_PARAM *params = bld ? OSSL_PARAM_BLD_to_param(bld) : NULL;
	EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name(NULL, type, NULL);
	EVP_PKEY *pkey = NULL;

	if (!params || !ctx || EVP_PKEY_fromdata_init(ctx) <= 0 ||
	    EVP_PKEY_fromdata(ctx, &pkey, selection, params) <= 0)
		pkey = NULL;
	EVP_PKEY_CTX_free(ctx);
	/* A private value was pushed as a secure BIGNUM, which the builder
	 * keeps in secure memory that this frees wiped.
	 */
	OSSL_PARAM_free(params);
	return pkey;
}

static const struct modp_params *modp_get(const struct dh_group *g)
{
	struct modp_params *mp;
	OSSL_PARAM_BLD *bld;
	size_t i;

	for (i = 0; i < sizeof(modp_cache) / sizeof(modp_cache[0]); i++) {
		mp = &modp_cache[i];
		if (mp->id == g->id)
			return mp;
		if (!mp->id)
			break;
	}
	if (i == sizeof(modp_cache) / sizeof(modp_cache[0]))
		return NULL;
	if (!generator) {
		generator = BN_new();
		if (!generator || !BN_set_word(generator, 2))
			return NULL;
	}
	if (!BN_hex2bn(&mp->p, g->prime))
		return NULL;
	bld = OSSL_PARAM_BLD_new();
	if (!bld || !OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_FFC_P, mp->p) ||
	    !OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_FFC_G, generator) ||
	    !OSSL_PARAM_BLD_push_int(bld, OSSL_PKEY_PARAM_DH_PRIV_LEN,
				     g->priv_bits))
		goto fail;
	mp->domain = pkey_fromdata("DH", EVP_PKEY_KEY_PARAMETERS, bld);
	if (!mp->domain)
		goto fail;
	OSSL_PARAM_BLD_free(bld);
	mp->id = g->id;
	return mp;
fail:
	OSSL_PARAM_BLD_free(bld);
	BN_free(mp->p);
	mp->p = NULL;
	return NULL;
}

void dh_cleanup(void)
{
	size_t i;

	for (i = 0; i < sizeof(modp_cache) / sizeof(modp_cache[0]); i++) {
		BN_free(modp_cache[i].p);
		EVP_PKEY_free(modp_cache[i].domain);
		memset(&modp_cache[i], 0, sizeof(modp_cache[i]));
	}
	BN_free(generator);
	generator = NULL;
}

/* A MODP key (public, or key pair if @priv) from BIGNUMs. */
static EVP_PKEY *modp_key(const struct modp_params *mp, const BIGNUM *pub,
			  const BIGNUM *priv)
{
	OSSL_PARAM_BLD *bld = OSSL_PARAM_BLD_new();
	EVP_PKEY *pkey = NULL;

	if (bld && OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_FFC_P, mp->p) &&
	    OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_FFC_G, generator) &&
	    (!pub || OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_PUB_KEY, pub)) &&
	    (!priv || OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_PRIV_KEY, priv)))
		pkey = pkey_fromdata("DH", priv ? EVP_PKEY_KEYPAIR :
				     EVP_PKEY_PUBLIC_KEY, bld);
	OSSL_PARAM_BLD_free(bld);
	return pkey;
}

/* The peer's public value as an EVP_PKEY, after the checks RFC 2409 peers
 * owe each other: right length, in range, on the curve.
 */
static EVP_PKEY *peer_key(const struct dh_group *g, const uint8_t *peer,
			  size_t len)
{
	EVP_PKEY *pkey = NULL;

	if (len != g->pub_len)
		return NULL;
	switch (g->kind) {
	case DH_MODP: {
		const struct modp_params *mp = modp_get(g);
		BIGNUM *y = BN_bin2bn(peer, len, NULL);
		BIGNUM *pm1 = BN_new();

		/* 1 < y < p-1: with safe primes the only small subgroup is
		 * {1, p-1}, so this is all the validation the value needs.
		 */
		if (mp && y && pm1 && BN_sub(pm1, mp->p, BN_value_one()) &&
		    BN_cmp(y, BN_value_one()) > 0 && BN_cmp(y, pm1) < 0)
			pkey = modp_key(mp, y, NULL);
		BN_free(y);
		BN_free(pm1);
		break;
	}
	case DH_ECP: {
		uint8_t point[1 + DH_MAX_PUB];
		OSSL_PARAM_BLD *bld = OSSL_PARAM_BLD_new();
		EVP_PKEY_CTX *ctx;

		/* The KE payload drops SEC1's uncompressed-point prefix. */
		point[0] = 0x04;
		memcpy(point + 1, peer, len);
		if (bld && OSSL_PARAM_BLD_push_utf8_string(bld,
				OSSL_PKEY_PARAM_GROUP_NAME, g->curve, 0) &&
		    OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY,
						     point, len + 1))
			pkey = pkey_fromdata("EC", EVP_PKEY_PUBLIC_KEY, bld);
		OSSL_PARAM_BLD_free(bld);
		/* On the curve and not the point at infinity; the NIST
		 * curves have cofactor 1, so that excludes small subgroups.
		 */
		ctx = pkey ? EVP_PKEY_CTX_new_from_pkey(NULL, pkey, NULL) : NULL;
		if (pkey && (!ctx || EVP_PKEY_public_check_quick(ctx) <= 0)) {
			EVP_PKEY_free(pkey);
			pkey = NULL;
		}
		EVP_PKEY_CTX_free(ctx);
		break;
	}
	case DH_X25519:
		pkey = EVP_PKEY_new_raw_public_key_ex(NULL, g->curve, NULL, peer, len);
		break;
	}
	return pkey;
}

/* Derives the raw shared secret of @key with @peer into @out (@max bytes),
 * left-padded to @want bytes.
 */
static int derive(EVP_PKEY *key, EVP_PKEY *peer, bool modp, uint8_t *out,
		  size_t want)
{
	EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_pkey(NULL, key, NULL);
	uint8_t raw[DH_MAX_SECRET];
	size_t len = sizeof(raw);
	int ret = -1;

	/* The peer was checked by peer_key(); OpenSSL's own check would
	 * repeat a scalar multiplication or exponentiation for nothing.
	 */
	if (!ctx || EVP_PKEY_derive_init(ctx) <= 0 ||
	    (modp && EVP_PKEY_CTX_set_dh_pad(ctx, 1) <= 0) ||
	    EVP_PKEY_derive_set_peer_ex(ctx, peer, 0) <= 0 ||
	    EVP_PKEY_derive(ctx, raw, &len) <= 0 || len > want)
		goto out;
	/* RFC 2409: g^xy is as long as the prime, leading zeros kept. */
	memset(out, 0, want - len);
	memcpy(out + want - len, raw, len);
	ret = 0;
out:
	OPENSSL_cleanse(raw, sizeof(raw));
	EVP_PKEY_CTX_free(ctx);
	return ret;
}

/* Fills dh->pub from dh->key. */
static int export_public(struct dh *dh)
{
	const struct dh_group *g = dh->g;
	uint8_t point[1 + DH_MAX_PUB];
	BIGNUM *y = NULL;
	size_t len;
	int ret = -1;

	switch (g->kind) {
	case DH_MODP:
		if (EVP_PKEY_get_bn_param(dh->key, OSSL_PKEY_PARAM_PUB_KEY, &y) > 0 &&
		    BN_bn2binpad(y, dh->pub, g->pub_len) == (int)g->pub_len)
			ret = 0;
		BN_free(y);
		break;
	case DH_ECP:
		if (EVP_PKEY_get_octet_string_param(dh->key, OSSL_PKEY_PARAM_PUB_KEY,
						    point, sizeof(point), &len) > 0 &&
		    len == g->pub_len + 1 && point[0] == 0x04) {
			memcpy(dh->pub, point + 1, g->pub_len);
			ret = 0;
		}
		break;
	case DH_X25519:
		len = g->pub_len;
		if (EVP_PKEY_get_raw_public_key(dh->key, dh->pub, &len) > 0 &&
		    len == g->pub_len)
			ret = 0;
		break;
	}
	return ret;
}

static struct dh *dh_alloc(uint16_t id)
{
	const struct dh_group *g = dh_group_get(id);
	struct dh *dh;

	if (!g)
		return NULL;
	dh = calloc(1, sizeof(*dh));
	if (dh)
		dh->g = g;
	return dh;
}

struct dh *dh_new(uint16_t id)
{
	struct dh *dh = dh_alloc(id);
	EVP_PKEY_CTX *ctx = NULL;

	if (!dh)
		return NULL;
	switch (dh->g->kind) {
	case DH_MODP: {
		const struct modp_params *mp = modp_get(dh->g);

		ctx = mp ? EVP_PKEY_CTX_new_from_pkey(NULL, mp->domain, NULL) : NULL;
		if (!ctx || EVP_PKEY_keygen_init(ctx) <= 0 ||
		    EVP_PKEY_keygen(ctx, &dh->key) <= 0)
			dh->key = NULL;
		break;
	}
	case DH_ECP:
		dh->key = EVP_PKEY_Q_keygen(NULL, NULL, "EC", dh->g->curve);
		break;
	case DH_X25519:
		dh->key = EVP_PKEY_Q_keygen(NULL, NULL, dh->g->curve);
		break;
	}
	EVP_PKEY_CTX_free(ctx);
	if (!dh->key || export_public(dh)) {
		dh_free(dh);
		return NULL;
	}
	return dh;
}

/* MODP from a known exponent x: g^x is what deriving with a peer whose
 * public value is g gives, so no arithmetic outside EVP is needed.
 */
static EVP_PKEY *modp_from_private(const struct dh_group *g,
				   const uint8_t *priv, size_t len)
{
	const struct modp_params *mp = modp_get(g);
	uint8_t gx[DH_MAX_PUB];
	BIGNUM *x = BN_secure_new(), *y = NULL;
	EVP_PKEY *half = NULL, *gen = NULL, *key = NULL;

	if (!mp || !x || !BN_bin2bn(priv, len, x))
		goto out;
	half = modp_key(mp, NULL, x);
	gen = modp_key(mp, generator, NULL);
	if (!half || !gen || derive(half, gen, true, gx, g->pub_len))
		goto out;
	y = BN_bin2bn(gx, g->pub_len, NULL);
	if (y)
		key = modp_key(mp, y, x);
out:
	OPENSSL_cleanse(gx, sizeof(gx));
	BN_clear_free(x);
	BN_free(y);
	EVP_PKEY_free(half);
	EVP_PKEY_free(gen);
	return key;
}

static EVP_PKEY *ecp_from_private(const struct dh_group *g, const uint8_t *priv,
				  size_t len, const uint8_t *pub, size_t pub_len)
{
	OSSL_PARAM_BLD *bld = OSSL_PARAM_BLD_new();
	uint8_t point[1 + DH_MAX_PUB];
	BIGNUM *x = BN_secure_new();
	EVP_PKEY *key = NULL;

	if (!pub || pub_len != g->pub_len)
		goto out;
	point[0] = 0x04;
	memcpy(point + 1, pub, pub_len);
	if (bld && x && BN_bin2bn(priv, len, x) &&
	    OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME,
					    g->curve, 0) &&
	    OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_PRIV_KEY, x) &&
	    OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY,
					     point, pub_len + 1))
		key = pkey_fromdata("EC", EVP_PKEY_KEYPAIR, bld);
out:
	OSSL_PARAM_BLD_free(bld);
	BN_clear_free(x);
	return key;
}

struct dh *dh_new_from_private(uint16_t id, const uint8_t *priv, size_t len,
			       const uint8_t *pub, size_t pub_len)
{
	struct dh *dh = dh_alloc(id);

	if (!dh)
		return NULL;
	switch (dh->g->kind) {
	case DH_MODP:
		dh->key = modp_from_private(dh->g, priv, len);
		break;
	case DH_ECP:
		dh->key = ecp_from_private(dh->g, priv, len, pub, pub_len);
		break;
	case DH_X25519:
		dh->key = EVP_PKEY_new_raw_private_key_ex(NULL, dh->g->curve,
							  NULL, priv, len);
		break;
	}
	if (!dh->key || export_public(dh)) {
		dh_free(dh);
		return NULL;
	}
	return dh;
}

const struct dh_group *dh_group_of(const struct dh *dh)
{
	return dh->g;
}

const uint8_t *dh_public(const struct dh *dh)
{
	return dh->pub;
}

int dh_compute(struct dh *dh, const uint8_t *peer, size_t peer_len,
	       uint8_t *secret, size_t *len)
{
	EVP_PKEY *pkey = peer_key(dh->g, peer, peer_len);
	int ret;

	if (!pkey)
		return -1;
	ret = derive(dh->key, pkey, dh->g->kind == DH_MODP, secret,
		     dh->g->secret_len);
	EVP_PKEY_free(pkey);
	if (!ret)
		*len = dh->g->secret_len;
	return ret;
}

void dh_free(struct dh *dh)
{
	if (!dh)
		return;
	EVP_PKEY_free(dh->key);
	OPENSSL_cleanse(dh, sizeof(*dh));
	free(dh);
}
