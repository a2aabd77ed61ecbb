// SPDX-License-Identifier: GPL-2.0
/*
 * Hashes, PRFs and RFC 2409 key derivation.
 *
 * The hash and HMAC answers are RFC 2202 / RFC 4231 test case 2 and the
 * "abc" digests of FIPS 180 and RFC 1321 (re-checked with Python's hmac and
 * hashlib).  The key-derivation answers come from tests/vectors/ike_keys.py,
 * which computes every formula of RFC 2409 with Python's hmac and hashlib
 * alone, into keys_vectors.h.
 */
#include "isakmp.h"
#include "keys.h"
#include "prf.h"
#include "test.h"
#include "keys_vectors.h"

/* Decoded inputs of keys_vectors.h. */
static uint8_t psk[64], ni[64], nr[64], gxy[300], gxi[300], gxr[300];
static uint8_t cky_i[8], cky_r[8], sai[64], idii[16], idir[16];
static uint8_t last_iv[16], qm_rest[200], gqm[300], spi[4];
static size_t psk_len, ni_len, nr_len, gxy_len, gxi_len, gxr_len, sai_len;
static size_t idii_len, idir_len, qm_rest_len, gqm_len;

static void load_inputs(void)
{
	psk_len = t_unhex(in_psk, psk, sizeof(psk));
	ni_len = t_unhex(in_ni_b, ni, sizeof(ni));
	nr_len = t_unhex(in_nr_b, nr, sizeof(nr));
	gxy_len = t_unhex(in_gxy, gxy, sizeof(gxy));
	gxi_len = t_unhex(in_gxi, gxi, sizeof(gxi));
	gxr_len = t_unhex(in_gxr, gxr, sizeof(gxr));
	t_unhex(in_cky_i, cky_i, sizeof(cky_i));
	t_unhex(in_cky_r, cky_r, sizeof(cky_r));
	sai_len = t_unhex(in_sai_b, sai, sizeof(sai));
	idii_len = t_unhex(in_idii_b, idii, sizeof(idii));
	idir_len = t_unhex(in_idir_b, idir, sizeof(idir));
	t_unhex(in_last_iv, last_iv, sizeof(last_iv));
	qm_rest_len = t_unhex(in_qm_rest, qm_rest, sizeof(qm_rest));
	gqm_len = t_unhex(in_gqm, gqm, sizeof(gqm));
	t_unhex(in_spi, spi, sizeof(spi));
}

#define NI	CHUNK(ni, ni_len)
#define NR	CHUNK(nr, nr_len)
#define GXY	CHUNK(gxy, gxy_len)

/* Compares @len bytes at @got with the hex vector @want. */
static bool check(const char *file, int line, const char *what,
		  const uint8_t *got, size_t len, const char *want)
{
	uint8_t w[256];
	size_t wlen = t_unhex(want, w, sizeof(w));

	return t_mem_eq(file, line, what, got, len, w, wlen);
}

#define CHECK(got, len, want) do {					\
	if (!check(__FILE__, __LINE__, #want, got, len, want))		\
		return;							\
} while (0)

static void hash_known_answers(void)
{
	static const struct {
		uint16_t id;
		const char *abc, *hmac;
	} v[] = {
		{ IKE_HASH_MD5, "900150983cd24fb0d6963f7d28e17f72",
		  "750c783e6ab0b503eaa86e310a5db738" },
		{ IKE_HASH_SHA1, "a9993e364706816aba3e25717850c26c9cd0d89d",
		  "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79" },
		{ IKE_HASH_SHA2_256,
		  "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
		  "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843" },
		{ IKE_HASH_SHA2_384,
		  "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed"
		  "8086072ba1e7cc2358baeca134c825a7",
		  "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e"
		  "8e2240ca5e69e2c78b3239ecfab21649" },
		{ IKE_HASH_SHA2_512,
		  "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
		  "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
		  "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554"
		  "9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737" },
	};
	/* The data split in chunks: the PRF must see their concatenation. */
	const struct chunk abc[] = { CHUNK("a", 1), CHUNK("", 0), CHUNK("bc", 2) };
	const struct chunk msg[] = {
		CHUNK("what do ya want ", 16), CHUNK("for nothing?", 12),
	};
	uint8_t out[IKE_HASH_MAX];
	size_t i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		size_t n = ike_hash_len(v[i].id);

		T_ASSERT(!ike_hash(v[i].id, abc, NCHUNKS(abc), out));
		CHECK(out, n, v[i].abc);
		T_ASSERT(!ike_prf(v[i].id, (const uint8_t *)"Jefe", 4, msg,
				  NCHUNKS(msg), out));
		CHECK(out, n, v[i].hmac);
	}
	T_ASSERT_INT(ike_hash_len(IKE_HASH_TIGER), 0);
	T_ASSERT(ike_hash(IKE_HASH_TIGER, abc, 1, out) == -1);
	/* An empty key is a valid HMAC key, not "keep the last one". */
	T_ASSERT(!ike_prf(IKE_HASH_SHA2_256, NULL, 0, NULL, 0, out));
	CHECK(out, 32, "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");
}

static void skeyid_psk_and_dae(void)
{
	static const struct {
		uint16_t id;
		const char *skeyid, *d, *a, *e;
	} v[] = {
		{ IKE_HASH_MD5, skeyid_psk_md5, skeyid_d_md5, skeyid_a_md5, skeyid_e_md5 },
		{ IKE_HASH_SHA1, skeyid_psk_sha1, skeyid_d_sha1, skeyid_a_sha1, skeyid_e_sha1 },
		{ IKE_HASH_SHA2_256, skeyid_psk_sha256, skeyid_d_sha256,
		  skeyid_a_sha256, skeyid_e_sha256 },
		{ IKE_HASH_SHA2_384, skeyid_psk_sha384, skeyid_d_sha384,
		  skeyid_a_sha384, skeyid_e_sha384 },
		{ IKE_HASH_SHA2_512, skeyid_psk_sha512, skeyid_d_sha512,
		  skeyid_a_sha512, skeyid_e_sha512 },
	};
	uint8_t s[IKE_HASH_MAX], d[IKE_HASH_MAX], a[IKE_HASH_MAX], e[IKE_HASH_MAX];
	size_t i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		size_t n = ike_hash_len(v[i].id);

		T_ASSERT(!ike_skeyid_psk(v[i].id, psk, psk_len, NI, NR, s));
		CHECK(s, n, v[i].skeyid);
		T_ASSERT(!ike_skeyid_dae(v[i].id, s, GXY, cky_i, cky_r, d, a, e));
		CHECK(d, n, v[i].d);
		CHECK(a, n, v[i].a);
		CHECK(e, n, v[i].e);
	}
}

static void skeyid_signatures(void)
{
	uint8_t s[IKE_HASH_MAX];

	T_ASSERT(!ike_skeyid_sig(IKE_HASH_SHA2_256, NI, NR, GXY, s));
	CHECK(s, 32, skeyid_sig_sha256);
}

/* Appendix B: SKEYID_e used as is, truncated, or expanded K1 | K2 | ... */
static void encryption_key(void)
{
	static const struct {
		uint16_t id;
		size_t len;
		const char *want;
	} v[] = {
		{ IKE_HASH_SHA1, 32, enc_key_sha1_32 },		/* expanded */
		{ IKE_HASH_MD5, 24, enc_key_md5_24 },		/* 3DES key */
		{ IKE_HASH_MD5, 32, enc_key_md5_32 },
		{ IKE_HASH_SHA2_256, 32, enc_key_sha256_32 },	/* exact */
		{ IKE_HASH_SHA1, 16, enc_key_sha1_16 },		/* truncated */
	};
	uint8_t s[IKE_HASH_MAX], d[IKE_HASH_MAX], a[IKE_HASH_MAX], e[IKE_HASH_MAX];
	uint8_t key[64];
	size_t i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		T_ASSERT(!ike_skeyid_psk(v[i].id, psk, psk_len, NI, NR, s));
		T_ASSERT(!ike_skeyid_dae(v[i].id, s, GXY, cky_i, cky_r, d, a, e));
		T_ASSERT(!ike_enc_key(v[i].id, e, v[i].len, key));
		CHECK(key, v[i].len, v[i].want);
	}
}

static void hash_i_and_r(void)
{
	uint8_t s[IKE_HASH_MAX], out[IKE_HASH_MAX];

	T_ASSERT(!ike_skeyid_psk(IKE_HASH_SHA2_256, psk, psk_len, NI, NR, s));
	T_ASSERT(!ike_hash_i(IKE_HASH_SHA2_256, s, CHUNK(gxi, gxi_len),
			     CHUNK(gxr, gxr_len), cky_i, cky_r,
			     CHUNK(sai, sai_len), CHUNK(idii, idii_len), out));
	CHECK(out, 32, hash_i_sha256);
	T_ASSERT(!ike_hash_r(IKE_HASH_SHA2_256, s, CHUNK(gxi, gxi_len),
			     CHUNK(gxr, gxr_len), cky_i, cky_r,
			     CHUNK(sai, sai_len), CHUNK(idir, idir_len), out));
	CHECK(out, 32, hash_r_sha256);
}

static void ivs(void)
{
	uint8_t iv[16];

	T_ASSERT(!ike_phase1_iv(IKE_HASH_SHA1, CHUNK(gxi, gxi_len),
				CHUNK(gxr, gxr_len), 16, iv));
	CHECK(iv, 16, iv1_sha1_16);
	T_ASSERT(!ike_phase1_iv(IKE_HASH_SHA2_256, CHUNK(gxi, gxi_len),
				CHUNK(gxr, gxr_len), 8, iv));
	CHECK(iv, 8, iv1_sha256_8);
	T_ASSERT(!ike_phase2_iv(IKE_HASH_SHA1, last_iv, 16, 0xdeadbeef, iv));
	CHECK(iv, 16, iv2_sha1_16);
	/* A block longer than the hash cannot be filled. */
	T_ASSERT(ike_phase1_iv(IKE_HASH_MD5, CHUNK(gxi, 1), CHUNK(gxr, 1), 32,
			       iv) == -1);
}

static void quick_mode_hashes(void)
{
	uint8_t s[IKE_HASH_MAX], d[IKE_HASH_MAX], a[IKE_HASH_MAX], e[IKE_HASH_MAX];
	uint8_t out[IKE_HASH_MAX];

	T_ASSERT(!ike_skeyid_psk(IKE_HASH_SHA2_256, psk, psk_len, NI, NR, s));
	T_ASSERT(!ike_skeyid_dae(IKE_HASH_SHA2_256, s, GXY, cky_i, cky_r, d, a, e));
	T_ASSERT(!ike_qm_hash1(IKE_HASH_SHA2_256, a, 0xdeadbeef,
			       CHUNK(qm_rest, qm_rest_len), out));
	CHECK(out, 32, qm_hash1_sha256);
	T_ASSERT(!ike_qm_hash2(IKE_HASH_SHA2_256, a, 0xdeadbeef, NI,
			       CHUNK(qm_rest, qm_rest_len), out));
	CHECK(out, 32, qm_hash2_sha256);
	T_ASSERT(!ike_qm_hash3(IKE_HASH_SHA2_256, a, 0xdeadbeef, NI, NR, out));
	CHECK(out, 32, qm_hash3_sha256);
}

static void keymat(void)
{
	uint8_t s[IKE_HASH_MAX], d1[IKE_HASH_MAX], d256[IKE_HASH_MAX];
	uint8_t a[IKE_HASH_MAX], e[IKE_HASH_MAX], km[128];
	const struct chunk none = CHUNK(NULL, 0), sp = CHUNK(spi, 4);

	T_ASSERT(!ike_skeyid_psk(IKE_HASH_SHA1, psk, psk_len, NI, NR, s));
	T_ASSERT(!ike_skeyid_dae(IKE_HASH_SHA1, s, GXY, cky_i, cky_r, d1, a, e));
	T_ASSERT(!ike_skeyid_psk(IKE_HASH_SHA2_256, psk, psk_len, NI, NR, s));
	T_ASSERT(!ike_skeyid_dae(IKE_HASH_SHA2_256, s, GXY, cky_i, cky_r, d256, a, e));

	/* AES-128 + HMAC-SHA1: 36 bytes, two SHA-1 blocks, no PFS. */
	T_ASSERT(!ike_keymat(IKE_HASH_SHA1, d1, none, ISAKMP_PROTO_ESP, sp,
			     NI, NR, 36, km));
	CHECK(km, 36, keymat_sha1_esp_36);
	/* AES-256 + HMAC-SHA256 with PFS: 64 bytes. */
	T_ASSERT(!ike_keymat(IKE_HASH_SHA2_256, d256, CHUNK(gqm, gqm_len),
			     ISAKMP_PROTO_ESP, sp, NI, NR, 64, km));
	CHECK(km, 64, keymat_sha256_esp_pfs_64);
	/* AES-GCM-128: key and salt, 20 bytes, one block truncated. */
	T_ASSERT(!ike_keymat(IKE_HASH_SHA2_256, d256, none, ISAKMP_PROTO_ESP,
			     sp, NI, NR, 20, km));
	CHECK(km, 20, keymat_sha256_esp_20);
	/* AH with PFS: the protocol byte changes everything. */
	T_ASSERT(!ike_keymat(IKE_HASH_SHA1, d1, CHUNK(gqm, gqm_len),
			     ISAKMP_PROTO_AH, sp, NI, NR, 20, km));
	CHECK(km, 20, keymat_sha1_ah_pfs_20);
}

int main(void)
{
	t_init("keys");
	load_inputs();
	T_RUN(hash_known_answers);
	T_RUN(skeyid_psk_and_dae);
	T_RUN(skeyid_signatures);
	T_RUN(encryption_key);
	T_RUN(hash_i_and_r);
	T_RUN(ivs);
	T_RUN(quick_mode_hashes);
	T_RUN(keymat);
	ike_prf_cleanup();
	return t_done();
}
