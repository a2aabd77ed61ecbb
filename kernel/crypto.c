// SPDX-License-Identifier: GPL-2.0
/*
 * Crypto setup of an SA.  Key lengths and ICV lengths come from kips_algs[]
 * (the UAPI table every program shares); this file adds what only the
 * kernel needs: the crypto API name of each algorithm and the message a
 * rejection gives (extack messages cannot be formatted on 6.1, so each
 * algorithm carries its own).
 */
#include <crypto/authenc.h>
#include <crypto/skcipher.h>
#include <linux/cpumask.h>
#include <linux/moduleparam.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>

#include "crypto.h"
#include "netlink.h"

struct kips_alg_impl {
	const char *api;	/* crypto API name */
	const char *key_msg;	/* the key's length does not fit */
	const char *icv_msg;	/* AEAD: the ICV length is not allowed */
	const char *missing;	/* the kernel lacks the algorithm */
};

#define ALG(id, api_, key_, icv_) \
	[id] = { api_, key_, icv_, "the kernel has no " api_ " (crypto module missing?)" }

static const struct kips_alg_impl kips_alg_impls[] = {
	ALG(KIPS_ALG_NULL_ENC, "ecb(cipher_null)",
	    "null encryption takes no key", NULL),
	ALG(KIPS_ALG_AES_CBC, "cbc(aes)",
	    "key length does not fit aes-cbc (16, 24 or 32 bytes)", NULL),
	ALG(KIPS_ALG_AES_CTR, "rfc3686(ctr(aes))",
	    "key length does not fit aes-ctr (20, 28 or 36 bytes: key and 4-byte nonce)",
	    NULL),
	ALG(KIPS_ALG_DES3_CBC, "cbc(des3_ede)",
	    "key length does not fit 3des-cbc (24 bytes)", NULL),
	ALG(KIPS_ALG_HMAC_MD5, "hmac(md5)",
	    "key length does not fit hmac-md5-96 (16 bytes)", NULL),
	ALG(KIPS_ALG_HMAC_SHA1, "hmac(sha1)",
	    "key length does not fit hmac-sha1-96 (20 bytes)", NULL),
	ALG(KIPS_ALG_HMAC_SHA256, "hmac(sha256)",
	    "key length does not fit hmac-sha256-128 (32 bytes)", NULL),
	ALG(KIPS_ALG_HMAC_SHA384, "hmac(sha384)",
	    "key length does not fit hmac-sha384-192 (48 bytes)", NULL),
	ALG(KIPS_ALG_HMAC_SHA512, "hmac(sha512)",
	    "key length does not fit hmac-sha512-256 (64 bytes)", NULL),
	ALG(KIPS_ALG_AES_XCBC, "xcbc(aes)",
	    "key length does not fit aes-xcbc-96 (16 bytes)", NULL),
	ALG(KIPS_ALG_AES_CMAC, "cmac(aes)",
	    "key length does not fit aes-cmac-96 (16 bytes)", NULL),
	ALG(KIPS_ALG_AES_GCM, "rfc4106(gcm(aes))",
	    "key length does not fit aes-gcm (20, 28 or 36 bytes: key and 4-byte salt)",
	    "ICV length not allowed for aes-gcm (16, 12 or 8 bytes)"),
	ALG(KIPS_ALG_AES_GMAC, "rfc4543(gcm(aes))",
	    "key length does not fit aes-gmac (20, 28 or 36 bytes: key and 4-byte salt)",
	    "ICV length not allowed for aes-gmac (16 bytes)"),
	ALG(KIPS_ALG_CHACHA20_POLY1305, "rfc7539esp(chacha20,poly1305)",
	    "key length does not fit chacha20-poly1305 (36 bytes: key and 4-byte salt)",
	    "ICV length not allowed for chacha20-poly1305 (16 bytes)"),
};

static_assert(ARRAY_SIZE(kips_alg_impls) == __KIPS_ALG_MAX);

int kips_alg_find(const char *name)
{
	int i;

	for (i = 0; i < __KIPS_ALG_MAX; i++)
		if (!strcmp(kips_algs[i].name, name))
			return i;
	return -1;
}

const char *kips_alg_name(int alg)
{
	return kips_algs[alg].name;
}

u8 kips_alg_kind(int alg)
{
	return kips_algs[alg].kind;
}

u8 kips_alg_icv_default(int alg)
{
	return kips_algs[alg].icv_len[0];
}

/* After the first entry of key_len[], a 0 ends the list. */
bool kips_alg_key_ok(int alg, unsigned int len, struct netlink_ext_ack *extack,
		     const struct nlattr *nla)
{
	const struct kips_alg_desc *d = &kips_algs[alg];
	int i;

	for (i = 0; i < ARRAY_SIZE(d->key_len); i++) {
		if (i && !d->key_len[i])
			break;
		if (d->key_len[i] == len)
			return true;
	}
	kips_set_err(extack, nla, kips_alg_impls[alg].key_msg);
	return false;
}

bool kips_alg_icv_ok(int alg, unsigned int icv, struct netlink_ext_ack *extack,
		     const struct nlattr *nla)
{
	const struct kips_alg_desc *d = &kips_algs[alg];
	int i;

	for (i = 0; i < ARRAY_SIZE(d->icv_len) && d->icv_len[i]; i++)
		if (d->icv_len[i] == icv)
			return true;
	kips_set_err(extack, nla, kips_alg_impls[alg].icv_msg ?:
		     "ICV length applies to AEAD algorithms only");
	return false;
}

/*
 * A transform could not be allocated.  -ENOENT means the kernel has no such
 * algorithm; for authenc() find out which half is missing, so the message
 * names what to load.
 */
static int alloc_failed(int err, const struct kips_alg_cfg *cfg,
			struct netlink_ext_ack *extack)
{
	if (err != -ENOENT) {
		NL_SET_ERR_MSG(extack, "cannot set up the crypto transform");
		return err;
	}
	if (cfg->aead >= 0) {
		kips_set_err(extack, cfg->aead_nla,
			     kips_alg_impls[cfg->aead].missing);
	} else if (cfg->proto == IPPROTO_AH ||
		   !crypto_has_ahash(kips_alg_impls[cfg->auth].api, 0, 0)) {
		kips_set_err(extack, cfg->auth_nla,
			     kips_alg_impls[cfg->auth].missing);
	} else if (!crypto_has_skcipher(kips_alg_impls[cfg->enc].api, 0, 0)) {
		kips_set_err(extack, cfg->enc_nla,
			     kips_alg_impls[cfg->enc].missing);
	} else if (cfg->esn) {
		NL_SET_ERR_MSG(extack, "the kernel has no authencesn template");
	} else {
		NL_SET_ERR_MSG(extack, "the kernel has no authenc template");
	}
	return -EOPNOTSUPP;
}

static int key_rejected(int err, const struct nlattr *nla,
			struct netlink_ext_ack *extack)
{
	NL_SET_ERR_MSG_ATTR(extack, nla, "the crypto API rejected the key");
	return err;
}

/* Truncates the ICV and keeps the keyed @aead, or frees it. */
static int set_icv(struct kips_sa_crypto *c, struct crypto_aead *aead, u8 icv_len,
		   struct netlink_ext_ack *extack)
{
	int err = crypto_aead_setauthsize(aead, icv_len);

	if (err) {
		crypto_free_aead(aead);
		NL_SET_ERR_MSG(extack, "the crypto API rejected the ICV length");
		return err;
	}
	c->aead = aead;
	return 0;
}

static int init_ahash(struct kips_sa_crypto *c, const struct kips_alg_cfg *cfg,
		      struct netlink_ext_ack *extack)
{
	struct crypto_ahash *ahash;
	int err;

	ahash = crypto_alloc_ahash(kips_alg_impls[cfg->auth].api, 0, 0);
	if (IS_ERR(ahash))
		return alloc_failed(PTR_ERR(ahash), cfg, extack);
	err = crypto_ahash_setkey(ahash, cfg->auth_key, cfg->auth_key_len);
	if (err) {
		crypto_free_ahash(ahash);
		return key_rejected(err, cfg->auth_key_nla, extack);
	}
	if (crypto_ahash_digestsize(ahash) < cfg->icv_len) {
		crypto_free_ahash(ahash);
		NL_SET_ERR_MSG(extack, "digest shorter than the ICV");
		return -EINVAL;
	}
	c->ahash = ahash;
	return 0;
}

/*
 * parallel_crypto: the AEAD of each SA added from now on is wrapped in
 * pcrypt(), which spreads one SA's packets over the CPUs (padata) and
 * hands them back in the order they came, so sequence numbers and the
 * replay window see no reordering.  Off by default: under one flow on
 * few CPUs the hand-offs cost more than they gain (see
 * Documentation/performance.rst).  Without the pcrypt module the SA
 * simply gets the plain transform.
 */
static bool parallel_crypto;
module_param(parallel_crypto, bool, 0644);
MODULE_PARM_DESC(parallel_crypto,
		 "spread each new SA's AEAD over the CPUs with pcrypt (default off)");

static struct crypto_aead *alloc_aead(const char *name)
{
	char pname[CRYPTO_MAX_ALG_NAME];
	struct crypto_aead *aead;

	if (READ_ONCE(parallel_crypto) && num_online_cpus() > 1 &&
	    snprintf(pname, sizeof(pname), "pcrypt(%s)", name) < sizeof(pname)) {
		aead = crypto_alloc_aead(pname, 0, 0);
		if (!IS_ERR(aead))
			return aead;
	}
	return crypto_alloc_aead(name, 0, 0);
}

static int init_aead(struct kips_sa_crypto *c, const struct kips_alg_cfg *cfg,
		     struct netlink_ext_ack *extack)
{
	struct crypto_aead *aead;
	int err;

	aead = alloc_aead(kips_alg_impls[cfg->aead].api);
	if (IS_ERR(aead))
		return alloc_failed(PTR_ERR(aead), cfg, extack);
	err = crypto_aead_setkey(aead, cfg->aead_key, cfg->aead_key_len);
	if (err) {
		crypto_free_aead(aead);
		return key_rejected(err, cfg->aead_key_nla, extack);
	}
	return set_icv(c, aead, cfg->icv_len, extack);
}

/*
 * authenc() takes one key blob: an rtattr carrying the encryption key's
 * length (struct crypto_authenc_key_param), then the integrity key, then
 * the encryption key.  The blob is wiped as soon as the tfm has it.
 */
static int init_authenc(struct kips_sa_crypto *c, const struct kips_alg_cfg *cfg,
			struct netlink_ext_ack *extack)
{
	struct crypto_authenc_key_param *param;
	char name[CRYPTO_MAX_ALG_NAME];
	unsigned int blob_len;
	struct crypto_aead *aead;
	struct rtattr *rta;
	u8 *blob, *p;
	int err;

	if (snprintf(name, sizeof(name), "%s(%s,%s)",
		     cfg->esn ? "authencesn" : "authenc",
		     kips_alg_impls[cfg->auth].api,
		     kips_alg_impls[cfg->enc].api) >= sizeof(name)) {
		NL_SET_ERR_MSG(extack, "crypto API name too long");
		return -ENAMETOOLONG;
	}
	aead = alloc_aead(name);
	if (IS_ERR(aead))
		return alloc_failed(PTR_ERR(aead), cfg, extack);

	blob_len = RTA_SPACE(sizeof(*param)) + cfg->auth_key_len +
		   cfg->enc_key_len;
	blob = kmalloc(blob_len, GFP_KERNEL);
	if (!blob) {
		crypto_free_aead(aead);
		return -ENOMEM;
	}
	rta = (struct rtattr *)blob;
	rta->rta_type = CRYPTO_AUTHENC_KEYA_PARAM;
	rta->rta_len = RTA_LENGTH(sizeof(*param));
	param = RTA_DATA(rta);
	param->enckeylen = cpu_to_be32(cfg->enc_key_len);
	p = blob + RTA_SPACE(sizeof(*param));
	memcpy(p, cfg->auth_key, cfg->auth_key_len);
	memcpy(p + cfg->auth_key_len, cfg->enc_key, cfg->enc_key_len);

	err = crypto_aead_setkey(aead, blob, blob_len);
	kfree_sensitive(blob);
	if (err) {
		crypto_free_aead(aead);
		/* Integrity keys take any length: the cipher refused its key. */
		return key_rejected(err, cfg->enc_key_nla, extack);
	}
	return set_icv(c, aead, cfg->icv_len, extack);
}

int kips_crypto_init(struct kips_sa_crypto *c, const struct kips_alg_cfg *cfg,
		     struct netlink_ext_ack *extack)
{
	memset(c, 0, sizeof(*c));
	c->icv_len = cfg->icv_len;
	if (cfg->proto == IPPROTO_AH && cfg->aead < 0)
		return init_ahash(c, cfg, extack);
	if (cfg->aead >= 0)
		return init_aead(c, cfg, extack);
	return init_authenc(c, cfg, extack);
}

void kips_crypto_free(struct kips_sa_crypto *c)
{
	if (c->aead)
		crypto_free_aead(c->aead);
	if (c->ahash)
		crypto_free_ahash(c->ahash);
	c->aead = NULL;
	c->ahash = NULL;
}
