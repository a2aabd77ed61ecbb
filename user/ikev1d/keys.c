// SPDX-License-Identifier: GPL-2.0
/* RFC 2409 key derivation. */
#include <stdbool.h>
#include <string.h>

#include <openssl/crypto.h>

#include "isakmp.h"
#include "keys.h"
#include "wire.h"

#define C(p, l)	CHUNK(p, l)

int ike_skeyid_psk(uint16_t hash, const uint8_t *psk, size_t psk_len,
		   struct chunk ni_b, struct chunk nr_b, uint8_t *skeyid)
{
	const struct chunk in[] = { ni_b, nr_b };

	return ike_prf(hash, psk, psk_len, in, NCHUNKS(in), skeyid);
}

int ike_skeyid_sig(uint16_t hash, struct chunk ni_b, struct chunk nr_b,
		   struct chunk gxy, uint8_t *skeyid)
{
	uint8_t key[2 * ISAKMP_NONCE_MAX];
	int ret;

	if (ni_b.len > ISAKMP_NONCE_MAX || nr_b.len > ISAKMP_NONCE_MAX)
		return -1;
	memcpy(key, ni_b.ptr, ni_b.len);
	memcpy(key + ni_b.len, nr_b.ptr, nr_b.len);
	ret = ike_prf(hash, key, ni_b.len + nr_b.len, &gxy, 1, skeyid);
	OPENSSL_cleanse(key, sizeof(key));
	return ret;
}

int ike_skeyid_dae(uint16_t hash, const uint8_t *skeyid, struct chunk gxy,
		   const uint8_t *cky_i, const uint8_t *cky_r,
		   uint8_t *skeyid_d, uint8_t *skeyid_a, uint8_t *skeyid_e)
{
	size_t n = ike_hash_len(hash);
	static const uint8_t zero = 0, one = 1, two = 2;
	const struct chunk d[] = {
		gxy, C(cky_i, ISAKMP_COOKIE_LEN), C(cky_r, ISAKMP_COOKIE_LEN),
		C(&zero, 1),
	};
	const struct chunk a[] = {
		C(skeyid_d, n), gxy, C(cky_i, ISAKMP_COOKIE_LEN),
		C(cky_r, ISAKMP_COOKIE_LEN), C(&one, 1),
	};
	const struct chunk e[] = {
		C(skeyid_a, n), gxy, C(cky_i, ISAKMP_COOKIE_LEN),
		C(cky_r, ISAKMP_COOKIE_LEN), C(&two, 1),
	};

	if (!n || ike_prf(hash, skeyid, n, d, NCHUNKS(d), skeyid_d) ||
	    ike_prf(hash, skeyid, n, a, NCHUNKS(a), skeyid_a) ||
	    ike_prf(hash, skeyid, n, e, NCHUNKS(e), skeyid_e))
		return -1;
	return 0;
}

/* K1 | K2 | ... truncated to @len bytes, with K1 = prf(key, rest) and
 * Kn = prf(key, Kn-1 | rest) if @chain_rest, else prf(key, Kn-1): the shape
 * of both section 5.5's KEYMAT and appendix B's Ka.
 */
static int expand(uint16_t hash, const uint8_t *key, size_t keylen,
		  const struct chunk *rest, size_t nrest, bool chain_rest,
		  size_t len, uint8_t *out)
{
	size_t hlen = ike_hash_len(hash), done = 0;
	uint8_t block[IKE_HASH_MAX];
	struct chunk in[8];
	int ret = -1;

	if (!hlen || nrest >= NCHUNKS(in))
		return -1;
	memcpy(in + 1, rest, nrest * sizeof(*rest));
	while (done < len) {
		size_t take = len - done < hlen ? len - done : hlen;
		int r;

		if (done == 0) {
			r = ike_prf(hash, key, keylen, in + 1, nrest, block);
		} else {
			in[0] = C(out + done - hlen, hlen);
			r = ike_prf(hash, key, keylen, in,
				    chain_rest ? nrest + 1 : 1, block);
		}
		if (r)
			goto out;
		memcpy(out + done, block, take);
		done += take;
	}
	ret = 0;
out:
	OPENSSL_cleanse(block, sizeof(block));
	return ret;
}

int ike_enc_key(uint16_t hash, const uint8_t *skeyid_e, size_t len,
		uint8_t *key)
{
	static const uint8_t zero;
	const struct chunk first = C(&zero, 1);
	size_t hlen = ike_hash_len(hash);

	if (!hlen)
		return -1;
	if (len <= hlen) {
		memcpy(key, skeyid_e, len);
		return 0;
	}
	/* K1 = prf(SKEYID_e, 0) with a single zero byte, Kn = prf(SKEYID_e,
	 * Kn-1).
	 */
	return expand(hash, skeyid_e, hlen, &first, 1, false, len, key);
}

static int auth_hash(uint16_t hash, const uint8_t *skeyid, struct chunk gx_me,
		     struct chunk gx_peer, const uint8_t *cky_me,
		     const uint8_t *cky_peer, struct chunk sai_b,
		     struct chunk id_b, uint8_t *out)
{
	const struct chunk in[] = {
		gx_me, gx_peer, C(cky_me, ISAKMP_COOKIE_LEN),
		C(cky_peer, ISAKMP_COOKIE_LEN), sai_b, id_b,
	};

	return ike_prf(hash, skeyid, ike_hash_len(hash), in, NCHUNKS(in), out);
}

int ike_hash_i(uint16_t hash, const uint8_t *skeyid, struct chunk gxi,
	       struct chunk gxr, const uint8_t *cky_i, const uint8_t *cky_r,
	       struct chunk sai_b, struct chunk idii_b, uint8_t *out)
{
	return auth_hash(hash, skeyid, gxi, gxr, cky_i, cky_r, sai_b, idii_b,
			 out);
}

int ike_hash_r(uint16_t hash, const uint8_t *skeyid, struct chunk gxi,
	       struct chunk gxr, const uint8_t *cky_i, const uint8_t *cky_r,
	       struct chunk sai_b, struct chunk idir_b, uint8_t *out)
{
	return auth_hash(hash, skeyid, gxr, gxi, cky_r, cky_i, sai_b, idir_b,
			 out);
}

/* hash(in...) truncated to @block_len bytes. */
static int truncated_hash(uint16_t hash, const struct chunk *in, size_t n,
			  size_t block_len, uint8_t *iv)
{
	uint8_t h[IKE_HASH_MAX];

	if (block_len > ike_hash_len(hash) || ike_hash(hash, in, n, h))
		return -1;
	memcpy(iv, h, block_len);
	return 0;
}

int ike_phase1_iv(uint16_t hash, struct chunk gxi, struct chunk gxr,
		  size_t block_len, uint8_t *iv)
{
	const struct chunk in[] = { gxi, gxr };

	return truncated_hash(hash, in, NCHUNKS(in), block_len, iv);
}

int ike_phase2_iv(uint16_t hash, const uint8_t *last_iv, size_t block_len,
		  uint32_t msgid, uint8_t *iv)
{
	uint8_t mid[4];
	const struct chunk in[] = { C(last_iv, block_len), C(mid, 4) };

	put_be32(mid, msgid);
	return truncated_hash(hash, in, NCHUNKS(in), block_len, iv);
}

int ike_qm_hash1(uint16_t hash, const uint8_t *skeyid_a, uint32_t msgid,
		 struct chunk rest, uint8_t *out)
{
	uint8_t mid[4];
	const struct chunk in[] = { C(mid, 4), rest };

	put_be32(mid, msgid);
	return ike_prf(hash, skeyid_a, ike_hash_len(hash), in, NCHUNKS(in), out);
}

int ike_qm_hash2(uint16_t hash, const uint8_t *skeyid_a, uint32_t msgid,
		 struct chunk ni_b, struct chunk rest, uint8_t *out)
{
	uint8_t mid[4];
	const struct chunk in[] = { C(mid, 4), ni_b, rest };

	put_be32(mid, msgid);
	return ike_prf(hash, skeyid_a, ike_hash_len(hash), in, NCHUNKS(in), out);
}

int ike_qm_hash3(uint16_t hash, const uint8_t *skeyid_a, uint32_t msgid,
		 struct chunk ni_b, struct chunk nr_b, uint8_t *out)
{
	static const uint8_t zero;
	uint8_t mid[4];
	const struct chunk in[] = { C(&zero, 1), C(mid, 4), ni_b, nr_b };

	put_be32(mid, msgid);
	return ike_prf(hash, skeyid_a, ike_hash_len(hash), in, NCHUNKS(in), out);
}

int ike_keymat(uint16_t hash, const uint8_t *skeyid_d, struct chunk gqm,
	       uint8_t protocol, struct chunk spi, struct chunk ni_b,
	       struct chunk nr_b, size_t len, uint8_t *keymat)
{
	const struct chunk rest[] = { gqm, C(&protocol, 1), spi, ni_b, nr_b };

	return expand(hash, skeyid_d, ike_hash_len(hash), rest, NCHUNKS(rest),
		      true, len, keymat);
}
