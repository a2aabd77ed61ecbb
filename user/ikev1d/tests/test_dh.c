// SPDX-License-Identifier: GPL-2.0
/*
 * Diffie-Hellman: both sides agree in every group; known answers for
 * MODP-768 and MODP-2048 (computed by tests/vectors/dh_modp.py with
 * Python's pow(), chosen so that public value and secret start with a zero
 * byte), ECP-256 (RFC 5903 section 8.1) and Curve25519 (RFC 7748 section
 * 6.1; both RFC vectors re-checked with the openssl command line); the
 * MODP primes against OpenSSL's own copies; bad peer values refused.
 */
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include "dh.h"
#include "isakmp.h"
#include "test.h"

static uint8_t a[1100], ga[1100], gb[1100], gab[1100];
static uint8_t secret[DH_MAX_SECRET];

struct kat {
	uint16_t group;
	const char *a, *ga, *gb, *gab;	/* ga: ECP needs it given */
};

static void load_kat(const struct kat *k, size_t *alen, size_t *galen,
		     size_t *gblen, size_t *gablen)
{
	*alen = t_unhex(k->a, a, sizeof(a));
	*galen = t_unhex(k->ga, ga, sizeof(ga));
	*gblen = t_unhex(k->gb, gb, sizeof(gb));
	*gablen = t_unhex(k->gab, gab, sizeof(gab));
}

static void run_kat(const struct kat *k)
{
	size_t alen, galen, gblen, gablen, len = 0;
	struct dh *dh;

	load_kat(k, &alen, &galen, &gblen, &gablen);
	dh = dh_new_from_private(k->group, a, alen, ga, galen);
	T_ASSERT(dh);
	T_ASSERT_INT(dh_group_of(dh)->pub_len, galen);
	if (!t_mem_eq(__FILE__, __LINE__, "our public value", dh_public(dh),
		      galen, ga, galen))
		goto out;
	if (dh_compute(dh, gb, gblen, secret, &len)) {
		T_FAIL("dh_compute failed");
		goto out;
	}
	t_mem_eq(__FILE__, __LINE__, "shared secret", secret, len, gab, gablen);
out:
	dh_free(dh);
}

#include "dh_vectors.h"

static void kat_modp768(void)
{
	run_kat(&kat_modp768_vec);
}

static void kat_modp2048(void)
{
	run_kat(&kat_modp2048_vec);
}

static void kat_ecp256_rfc5903(void)
{
	run_kat(&kat_ecp256_vec);
}

static void kat_curve25519_rfc7748(void)
{
	run_kat(&kat_x25519_alice);
	if (!t_state.failed)
		run_kat(&kat_x25519_bob);
}

/* Every group: two fresh key pairs, and each side's secret is the other's. */
static void both_sides_agree(void)
{
	const struct dh_group *g;
	uint8_t s2[DH_MAX_SECRET];
	size_t i;

	for (i = 0; (g = dh_group_at(i)); i++) {
		struct dh *x = dh_new(g->id), *y = dh_new(g->id);
		size_t l1 = 0, l2 = 0;
		bool ok;

		ok = x && y && !dh_compute(x, dh_public(y), g->pub_len, secret, &l1) &&
		     !dh_compute(y, dh_public(x), g->pub_len, s2, &l2);
		dh_free(x);
		dh_free(y);
		if (!ok) {
			T_FAIL("group %s: key exchange failed", g->name);
			return;
		}
		if (l1 != g->secret_len || l2 != l1 || memcmp(secret, s2, l1)) {
			T_FAIL("group %s: secrets differ", g->name);
			return;
		}
	}
	T_ASSERT_INT(i, 12);
}

/* The primes of groups 5 and 14-18 equal the ones OpenSSL ships. */
static void primes_match_openssl(void)
{
	static const struct { uint16_t id; const char *name; } named[] = {
		{ 5, "modp_1536" }, { 14, "modp_2048" }, { 15, "modp_3072" },
		{ 16, "modp_4096" }, { 17, "modp_6144" }, { 18, "modp_8192" },
	};
	size_t i;

	for (i = 0; i < sizeof(named) / sizeof(named[0]); i++) {
		const struct dh_group *g = dh_group_get(named[i].id);
		OSSL_PARAM params[2] = {
			OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME,
							 (char *)named[i].name, 0),
			OSSL_PARAM_construct_end(),
		};
		EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name(NULL, "DH", NULL);
		EVP_PKEY *pkey = NULL;
		BIGNUM *theirs = NULL, *ours = NULL;
		bool same;

		T_ASSERT(g && ctx);
		same = EVP_PKEY_fromdata_init(ctx) > 0 &&
		       EVP_PKEY_fromdata(ctx, &pkey, EVP_PKEY_KEY_PARAMETERS, params) > 0 &&
		       EVP_PKEY_get_bn_param(pkey, OSSL_PKEY_PARAM_FFC_P, &theirs) > 0 &&
		       BN_hex2bn(&ours, g->prime) && !BN_cmp(ours, theirs);
		BN_free(theirs);
		BN_free(ours);
		EVP_PKEY_free(pkey);
		EVP_PKEY_CTX_free(ctx);
		if (!same) {
			T_FAIL("prime of group %u differs from OpenSSL's %s",
			       named[i].id, named[i].name);
			return;
		}
	}
}

/* Values a peer must not get away with. */
static void bad_peer_values(void)
{
	struct dh *dh = dh_new(IKE_GROUP_MODP2048);
	const struct dh_group *g;
	uint8_t v[DH_MAX_PUB];
	size_t len, plen;

	T_ASSERT(dh);
	g = dh_group_of(dh);
	plen = t_unhex(g->prime, v, sizeof(v));	/* p itself */
	T_ASSERT_INT(plen, 256);
	T_ASSERT(dh_compute(dh, v, plen, secret, &len) == -1);
	v[plen - 1]--;				/* p - 1 */
	T_ASSERT(dh_compute(dh, v, plen, secret, &len) == -1);
	v[plen - 1]--;				/* p - 2: fine */
	T_ASSERT(dh_compute(dh, v, plen, secret, &len) == 0);
	memset(v, 0, plen);			/* 0 and 1 */
	T_ASSERT(dh_compute(dh, v, plen, secret, &len) == -1);
	v[plen - 1] = 1;
	T_ASSERT(dh_compute(dh, v, plen, secret, &len) == -1);
	T_ASSERT(dh_compute(dh, dh_public(dh), plen - 1, secret, &len) == -1);
	dh_free(dh);

	/* A point off the curve. */
	dh = dh_new(IKE_GROUP_ECP256);
	T_ASSERT(dh);
	memcpy(v, dh_public(dh), 64);
	v[63] ^= 1;
	T_ASSERT(dh_compute(dh, v, 64, secret, &len) == -1);
	v[63] ^= 1;
	T_ASSERT(dh_compute(dh, v, 64, secret, &len) == 0);
	dh_free(dh);

	/* Curve25519's low-order point 0 gives an all-zero secret. */
	dh = dh_new(IKE_GROUP_CURVE25519);
	T_ASSERT(dh);
	memset(v, 0, 32);
	T_ASSERT(dh_compute(dh, v, 32, secret, &len) == -1);
	dh_free(dh);

	T_ASSERT(dh_new(3) == NULL);		/* EC2N: not supported */
}

int main(void)
{
	t_init("dh");
	T_RUN(kat_modp768);
	T_RUN(kat_modp2048);
	T_RUN(kat_ecp256_rfc5903);
	T_RUN(kat_curve25519_rfc7748);
	T_RUN(both_sides_agree);
	T_RUN(primes_match_openssl);
	T_RUN(bad_peer_values);
	dh_cleanup();
	return t_done();
}
