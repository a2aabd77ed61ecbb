/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The algorithms of an SA: our names (kips_algs[] in the UAPI header) mapped
 * to crypto API transforms, allocated and keyed when the SA is added so that
 * a missing algorithm or a key the API rejects fails the request, not the
 * first packet.
 */
#ifndef _KIPS_CRYPTO_H
#define _KIPS_CRYPTO_H

#include <crypto/aead.h>
#include <crypto/hash.h>
#include <linux/kips.h>

struct netlink_ext_ack;
struct nlattr;

/*
 * The transform of one SA.  ESP uses one AEAD for every suite (the classic
 * ones through authenc()/authencesn()); AH uses an ahash whose digest is
 * truncated to icv_len.  Neither carries an IV generator: the datapath
 * writes the IV itself (counter and AEAD modes can use the sequence number,
 * CBC needs an unpredictable IV).
 */
struct kips_sa_crypto {
	struct crypto_aead *aead;
	struct crypto_ahash *ahash;
	u8 icv_len;
};

/* An SA's algorithm choice as the request gave it; -1: none. */
struct kips_alg_cfg {
	int enc, auth, aead;
	const u8 *enc_key, *auth_key, *aead_key;
	unsigned int enc_key_len, auth_key_len, aead_key_len;
	u8 icv_len;		/* effective ICV length */
	u8 proto;		/* IPPROTO_ESP or IPPROTO_AH */
	bool esn;
	/* The request's attributes, for error messages; may be NULL. */
	const struct nlattr *enc_nla, *auth_nla, *aead_nla;
	const struct nlattr *enc_key_nla, *auth_key_nla, *aead_key_nla;
};

/* The index in kips_algs[] of the algorithm called @name, or -1. */
int kips_alg_find(const char *name);
const char *kips_alg_name(int alg);
u8 kips_alg_kind(int alg);
bool kips_alg_key_ok(int alg, unsigned int len, struct netlink_ext_ack *extack,
		     const struct nlattr *nla);
bool kips_alg_icv_ok(int alg, unsigned int icv, struct netlink_ext_ack *extack,
		     const struct nlattr *nla);
/* The default (largest) ICV length of @alg; 0 for encryption algorithms. */
u8 kips_alg_icv_default(int alg);

int kips_crypto_init(struct kips_sa_crypto *c, const struct kips_alg_cfg *cfg,
		     struct netlink_ext_ack *extack);
/* May sleep: transforms are freed from process context only. */
void kips_crypto_free(struct kips_sa_crypto *c);

#endif /* _KIPS_CRYPTO_H */
