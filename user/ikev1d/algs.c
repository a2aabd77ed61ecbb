// SPDX-License-Identifier: GPL-2.0
/* Algorithm names, their IKEv1 numbers and their kernel counterparts. */
#include <string.h>

#include "algs.h"
#include "dh.h"
#include "isakmp.h"

/* In each table the canonical name of an algorithm comes first; aliases
 * follow, so lookups by number find the canonical entry.
 */
static const struct p1_encr_alg p1_encrs[] = {
	{ "aes128", IKE_ENCR_AES_CBC, 128, false },
	{ "aes192", IKE_ENCR_AES_CBC, 192, false },
	{ "aes256", IKE_ENCR_AES_CBC, 256, false },
	{ "3des", IKE_ENCR_3DES_CBC, 0, true },
	{ "aes", IKE_ENCR_AES_CBC, 128, false },
};

static const struct p1_hash_alg p1_hashes[] = {
	{ "sha1", IKE_HASH_SHA1, false },
	{ "sha256", IKE_HASH_SHA2_256, false },
	{ "sha384", IKE_HASH_SHA2_384, false },
	{ "sha512", IKE_HASH_SHA2_512, false },
	{ "md5", IKE_HASH_MD5, true },
	{ "sha", IKE_HASH_SHA1, false },
	{ "sha2_256", IKE_HASH_SHA2_256, false },
	{ "sha2_384", IKE_HASH_SHA2_384, false },
	{ "sha2_512", IKE_HASH_SHA2_512, false },
};

/* Key lengths: AES-CTR, GCM, GMAC and ChaCha20-Poly1305 carry a 4-byte
 * salt or nonce after the key in their KEYMAT (RFC 3686, 4106, 4543, 7634).
 */
#define CBC(n, bits) \
	{ n, IPSEC_ESP_AES_CBC, bits, KIPS_ALG_AES_CBC, (bits) / 8, 0, false, false }
#define CTR(n, bits) \
	{ n, IPSEC_ESP_AES_CTR, bits, KIPS_ALG_AES_CTR, (bits) / 8 + 4, 0, false, false }
#define GCM(n, id, bits, icv) \
	{ n, id, bits, KIPS_ALG_AES_GCM, (bits) / 8 + 4, icv, true, false }
#define GMAC(n, bits) \
	{ n, IPSEC_ESP_NULL_AUTH_AES_GMAC, bits, KIPS_ALG_AES_GMAC, (bits) / 8 + 4, 16, true, false }

static const struct esp_encr_alg esp_encrs[] = {
	CBC("aes128", 128),
	CBC("aes192", 192),
	CBC("aes256", 256),
	CTR("aes128ctr", 128),
	CTR("aes192ctr", 192),
	CTR("aes256ctr", 256),
	GCM("aes128gcm16", IPSEC_ESP_AES_GCM_16, 128, 16),
	GCM("aes192gcm16", IPSEC_ESP_AES_GCM_16, 192, 16),
	GCM("aes256gcm16", IPSEC_ESP_AES_GCM_16, 256, 16),
	GCM("aes128gcm12", IPSEC_ESP_AES_GCM_12, 128, 12),
	GCM("aes192gcm12", IPSEC_ESP_AES_GCM_12, 192, 12),
	GCM("aes256gcm12", IPSEC_ESP_AES_GCM_12, 256, 12),
	GCM("aes128gcm8", IPSEC_ESP_AES_GCM_8, 128, 8),
	GCM("aes192gcm8", IPSEC_ESP_AES_GCM_8, 192, 8),
	GCM("aes256gcm8", IPSEC_ESP_AES_GCM_8, 256, 8),
	GMAC("aes128gmac", 128),
	GMAC("aes192gmac", 192),
	GMAC("aes256gmac", 256),
	/* RFC 7634 fixes the key at 256 bits: no key length attribute. */
	{ "chacha20poly1305", IPSEC_ESP_CHACHA20_POLY1305, 0,
	  KIPS_ALG_CHACHA20_POLY1305, 36, 16, true, false },
	{ "3des", IPSEC_ESP_3DES, 0, KIPS_ALG_DES3_CBC, 24, 0, false, true },
	/* No confidentiality at all: only on explicit request. */
	{ "null", IPSEC_ESP_NULL, 0, KIPS_ALG_NULL_ENC, 0, 0, false, true },
	/* Aliases. */
	CBC("aes", 128),
	GCM("aes128gcm128", IPSEC_ESP_AES_GCM_16, 128, 16),
	GCM("aes192gcm128", IPSEC_ESP_AES_GCM_16, 192, 16),
	GCM("aes256gcm128", IPSEC_ESP_AES_GCM_16, 256, 16),
	GCM("aes128gcm96", IPSEC_ESP_AES_GCM_12, 128, 12),
	GCM("aes192gcm96", IPSEC_ESP_AES_GCM_12, 192, 12),
	GCM("aes256gcm96", IPSEC_ESP_AES_GCM_12, 256, 12),
	GCM("aes128gcm64", IPSEC_ESP_AES_GCM_8, 128, 8),
	GCM("aes192gcm64", IPSEC_ESP_AES_GCM_8, 192, 8),
	GCM("aes256gcm64", IPSEC_ESP_AES_GCM_8, 256, 8),
};

static const struct integ_alg integs[] = {
	{ "sha1", IPSEC_AUTH_HMAC_SHA, IPSEC_AH_SHA, KIPS_ALG_HMAC_SHA1, 20, false },
	{ "sha256", IPSEC_AUTH_HMAC_SHA2_256, IPSEC_AH_SHA2_256,
	  KIPS_ALG_HMAC_SHA256, 32, false },
	{ "sha384", IPSEC_AUTH_HMAC_SHA2_384, IPSEC_AH_SHA2_384,
	  KIPS_ALG_HMAC_SHA384, 48, false },
	{ "sha512", IPSEC_AUTH_HMAC_SHA2_512, IPSEC_AH_SHA2_512,
	  KIPS_ALG_HMAC_SHA512, 64, false },
	{ "aesxcbc", IPSEC_AUTH_AES_XCBC_MAC, IPSEC_AH_AES_XCBC_MAC,
	  KIPS_ALG_AES_XCBC, 16, false },
	{ "md5", IPSEC_AUTH_HMAC_MD5, IPSEC_AH_MD5, KIPS_ALG_HMAC_MD5, 16, true },
	{ "sha", IPSEC_AUTH_HMAC_SHA, IPSEC_AH_SHA, KIPS_ALG_HMAC_SHA1, 20, false },
	{ "sha2_256", IPSEC_AUTH_HMAC_SHA2_256, IPSEC_AH_SHA2_256,
	  KIPS_ALG_HMAC_SHA256, 32, false },
	{ "sha2_384", IPSEC_AUTH_HMAC_SHA2_384, IPSEC_AH_SHA2_384,
	  KIPS_ALG_HMAC_SHA384, 48, false },
	{ "sha2_512", IPSEC_AUTH_HMAC_SHA2_512, IPSEC_AH_SHA2_512,
	  KIPS_ALG_HMAC_SHA512, 64, false },
};

#define N(t) (sizeof(t) / sizeof((t)[0]))
#define BY_NAME(t, n) do {					\
	size_t i_;						\
	for (i_ = 0; i_ < N(t); i_++)				\
		if (!strcmp(t[i_].name, n))			\
			return &t[i_];				\
	return NULL;						\
} while (0)
#define AT(t, i) return (i) < N(t) ? &t[i] : NULL

const struct p1_encr_alg *p1_encr_by_name(const char *name)
{
	BY_NAME(p1_encrs, name);
}

const struct p1_hash_alg *p1_hash_by_name(const char *name)
{
	BY_NAME(p1_hashes, name);
}

const struct esp_encr_alg *esp_encr_by_name(const char *name)
{
	BY_NAME(esp_encrs, name);
}

const struct integ_alg *integ_by_name(const char *name)
{
	BY_NAME(integs, name);
}

const struct p1_encr_alg *p1_encr_by_id(uint16_t id, uint16_t key_bits)
{
	size_t i;

	for (i = 0; i < N(p1_encrs); i++)
		if (p1_encrs[i].id == id && p1_encrs[i].key_bits == key_bits)
			return &p1_encrs[i];
	return NULL;
}

const struct p1_hash_alg *p1_hash_by_id(uint16_t id)
{
	size_t i;

	for (i = 0; i < N(p1_hashes); i++)
		if (p1_hashes[i].id == id)
			return &p1_hashes[i];
	return NULL;
}

const struct esp_encr_alg *esp_encr_by_id(uint8_t id, uint16_t key_bits)
{
	size_t i;

	for (i = 0; i < N(esp_encrs); i++)
		if (esp_encrs[i].id == id && esp_encrs[i].key_bits == key_bits)
			return &esp_encrs[i];
	return NULL;
}

const struct integ_alg *integ_by_esp_auth(uint16_t auth)
{
	size_t i;

	for (i = 0; i < N(integs); i++)
		if (integs[i].auth == auth)
			return &integs[i];
	return NULL;
}

const struct integ_alg *integ_by_ah_id(uint8_t id)
{
	size_t i;

	for (i = 0; i < N(integs); i++)
		if (integs[i].ah_id == id)
			return &integs[i];
	return NULL;
}

uint16_t group_by_name(const char *name)
{
	const struct dh_group *g;
	size_t i;

	if (!strcmp(name, "x25519"))
		return IKE_GROUP_CURVE25519;
	for (i = 0; (g = dh_group_at(i)); i++)
		if (!strcmp(g->name, name))
			return g->id;
	return 0;
}

bool group_is_legacy(uint16_t id)
{
	return id == IKE_GROUP_MODP768 || id == IKE_GROUP_MODP1024 ||
	       id == IKE_GROUP_MODP1536;
}

const char *group_name(uint16_t id)
{
	const struct dh_group *g = dh_group_get(id);

	return g ? g->name : NULL;
}

const struct p1_encr_alg *p1_encr_at(unsigned int i)
{
	AT(p1_encrs, i);
}

const struct p1_hash_alg *p1_hash_at(unsigned int i)
{
	AT(p1_hashes, i);
}

const struct esp_encr_alg *esp_encr_at(unsigned int i)
{
	AT(esp_encrs, i);
}

const struct integ_alg *integ_at(unsigned int i)
{
	AT(integs, i);
}
