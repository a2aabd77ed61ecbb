// SPDX-License-Identifier: GPL-2.0
/*
 * Proposal strings: what they map to in IKEv1 numbers (RFC 2409 appendix
 * A, RFC 2407 4.4-4.5, RFC 4106, 7634) and kernel algorithms, what needs
 * allow-legacy, and what is refused with which message.
 */
#include "algs.h"
#include "isakmp.h"
#include "proposal.h"
#include "test.h"

static struct ike_proposals ike;
static struct ipsec_proposals esp;
static char err[256];

static void phase1_basic(void)
{
	const struct ike_proposal *p = &ike.p[0];

	T_ASSERT(!ike_proposals_parse("aes256-sha256-modp2048", false, &ike,
				      err, sizeof(err)));
	T_ASSERT_INT(ike.n, 1);
	T_ASSERT_INT(p->nencr, 1);
	T_ASSERT_INT(p->encr[0]->id, IKE_ENCR_AES_CBC);
	T_ASSERT_INT(p->encr[0]->key_bits, 256);
	T_ASSERT_INT(p->nhash, 1);
	T_ASSERT_INT(p->hash[0]->id, IKE_HASH_SHA2_256);
	T_ASSERT_INT(p->ngroup, 1);
	T_ASSERT_INT(p->group[0], IKE_GROUP_MODP2048);
}

static void phase1_lists(void)
{
	const struct ike_proposal *p = &ike.p[0];

	T_ASSERT(!ike_proposals_parse("aes128-aes256-sha1-sha384-ecp256-curve25519-modp3072,"
				      "aes192-sha512-ecp521!", false, &ike,
				      err, sizeof(err)));
	T_ASSERT_INT(ike.n, 2);
	T_ASSERT_INT(p->nencr, 2);
	T_ASSERT_INT(p->encr[1]->key_bits, 256);
	T_ASSERT_INT(p->hash[1]->id, IKE_HASH_SHA2_384);
	T_ASSERT_INT(p->ngroup, 3);
	T_ASSERT_INT(p->group[0], IKE_GROUP_ECP256);
	T_ASSERT_INT(p->group[1], IKE_GROUP_CURVE25519);
	T_ASSERT_INT(p->group[2], IKE_GROUP_MODP3072);
	T_ASSERT_INT(ike.p[1].group[0], IKE_GROUP_ECP521);
	/* Aliases: "aes" is AES-128, "sha" SHA-1, "x25519" group 31. */
	T_ASSERT(!ike_proposals_parse("aes-sha-x25519", false, &ike, err,
				      sizeof(err)));
	T_ASSERT_INT(p->encr[0]->key_bits, 128);
	T_ASSERT_INT(p->hash[0]->id, IKE_HASH_SHA1);
	T_ASSERT_INT(p->group[0], IKE_GROUP_CURVE25519);
}

static void phase1_legacy(void)
{
	const struct ike_proposal *p = &ike.p[0];

	T_ASSERT(ike_proposals_parse("aes128-sha1-modp1024", false, &ike, err,
				     sizeof(err)) == -1);
	T_ASSERT(strstr(err, "'modp1024' is a legacy algorithm"));
	T_ASSERT(!ike_proposals_parse("aes128-sha1-modp1024", true, &ike, err,
				      sizeof(err)));
	T_ASSERT_INT(p->group[0], IKE_GROUP_MODP1024);

	T_ASSERT(ike_proposals_parse("3des-sha256-modp2048", false, &ike, err,
				     sizeof(err)) == -1);
	T_ASSERT(strstr(err, "'3des'"));
	T_ASSERT(ike_proposals_parse("aes128-md5-modp2048", false, &ike, err,
				     sizeof(err)) == -1);
	T_ASSERT(strstr(err, "'md5'"));
	T_ASSERT(ike_proposals_parse("aes128-sha1-modp1536", false, &ike, err,
				     sizeof(err)) == -1);
	T_ASSERT(ike_proposals_parse("aes128-sha1-modp768", false, &ike, err,
				     sizeof(err)) == -1);

	T_ASSERT(!ike_proposals_parse("3des-md5-modp1024", true, &ike, err,
				      sizeof(err)));
	T_ASSERT_INT(p->encr[0]->id, IKE_ENCR_3DES_CBC);
	T_ASSERT_INT(p->encr[0]->key_bits, 0);
	T_ASSERT_INT(p->hash[0]->id, IKE_HASH_MD5);
	/* SHA-1 is not legacy in phase 1 (issue 6). */
	T_ASSERT(!ike_proposals_parse("aes128-sha1-modp2048", false, &ike, err,
				      sizeof(err)));
}

static void phase1_prf(void)
{
	T_ASSERT(!ike_proposals_parse("aes256-sha256-prfsha256-modp2048", false,
				      &ike, err, sizeof(err)));
	T_ASSERT(ike_proposals_parse("aes256-sha256-prfsha1-modp2048", false,
				     &ike, err, sizeof(err)) == -1);
	T_ASSERT(strstr(err, "prfsha1"));
}

static void phase1_refused(void)
{
	static const struct {
		const char *s, *why;
	} bad[] = {
		{ "", "no proposal" },
		{ "aes256--sha256-modp2048", "empty algorithm" },
		{ "aes512-sha256-modp2048", "unknown algorithm 'aes512'" },
		{ "des-sha1-modp2048", "unknown algorithm 'des'" },
		{ "aes256-sha256", "no Diffie-Hellman group" },
		{ "aes256-modp2048", "no hash" },
		{ "sha256-modp2048", "no encryption" },
		{ "aes128gcm16-sha256-modp2048", "AEAD" },
		{ "aes256-sha256-sha256-modp2048", "listed twice" },
		{ "aes256-sha256-modp2048,,aes128-sha1-modp2048", "empty proposal" },
		{ "aes!-sha256-modp2048", "'!' may only end" },
		{ "aes256-sha256-modp2048-esn", "unknown algorithm 'esn'" },
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (ike_proposals_parse(bad[i].s, true, &ike, err, sizeof(err)) != -1) {
			T_FAIL("'%s' accepted", bad[i].s);
			return;
		}
		if (!strstr(err, bad[i].why)) {
			T_FAIL("'%s': \"%s\" does not say \"%s\"", bad[i].s, err,
			       bad[i].why);
			return;
		}
	}
}

static void esp_aead(void)
{
	const struct ipsec_proposal *p = &esp.p[0];

	T_ASSERT(!ipsec_proposals_parse("aes128gcm16-modp2048", ISAKMP_PROTO_ESP,
					false, &esp, err, sizeof(err)));
	T_ASSERT_INT(esp.n, 1);
	T_ASSERT_INT(p->nencr, 1);
	T_ASSERT_INT(p->encr[0]->id, IPSEC_ESP_AES_GCM_16);	/* 20 */
	T_ASSERT_INT(p->encr[0]->key_bits, 128);
	T_ASSERT_INT(p->encr[0]->kalg, KIPS_ALG_AES_GCM);
	T_ASSERT_INT(p->encr[0]->key_len, 20);		/* key and salt */
	T_ASSERT_INT(p->encr[0]->icv_len, 16);
	T_ASSERT_INT(p->ninteg, 0);
	T_ASSERT_INT(p->pfs_group, IKE_GROUP_MODP2048);
	T_ASSERT_INT(ipsec_proposals_pfs(&esp), IKE_GROUP_MODP2048);

	T_ASSERT(!ipsec_proposals_parse("aes256gcm12,aes128gcm64", ISAKMP_PROTO_ESP,
					false, &esp, err, sizeof(err)));
	T_ASSERT_INT(esp.p[0].encr[0]->id, IPSEC_ESP_AES_GCM_12);
	T_ASSERT_INT(esp.p[0].encr[0]->key_len, 36);
	T_ASSERT_INT(esp.p[1].encr[0]->id, IPSEC_ESP_AES_GCM_8);

	T_ASSERT(!ipsec_proposals_parse("chacha20poly1305", ISAKMP_PROTO_ESP,
					false, &esp, err, sizeof(err)));
	T_ASSERT_INT(p->encr[0]->id, 28);
	T_ASSERT_INT(p->encr[0]->key_bits, 0);
	T_ASSERT_INT(p->encr[0]->kalg, KIPS_ALG_CHACHA20_POLY1305);
	T_ASSERT_INT(p->encr[0]->key_len, 36);
	T_ASSERT_INT(p->pfs_group, 0);

	T_ASSERT(!ipsec_proposals_parse("aes256gmac", ISAKMP_PROTO_ESP, false,
					&esp, err, sizeof(err)));
	T_ASSERT_INT(p->encr[0]->id, IPSEC_ESP_NULL_AUTH_AES_GMAC);
	T_ASSERT_INT(p->encr[0]->kalg, KIPS_ALG_AES_GMAC);
}

static void esp_classic(void)
{
	const struct ipsec_proposal *p = &esp.p[0];

	T_ASSERT(!ipsec_proposals_parse("aes256-sha256", ISAKMP_PROTO_ESP, false,
					&esp, err, sizeof(err)));
	T_ASSERT_INT(p->encr[0]->id, IPSEC_ESP_AES_CBC);
	T_ASSERT_INT(p->encr[0]->key_bits, 256);
	T_ASSERT_INT(p->encr[0]->kalg, KIPS_ALG_AES_CBC);
	T_ASSERT_INT(p->encr[0]->key_len, 32);
	T_ASSERT_INT(p->integ[0]->auth, IPSEC_AUTH_HMAC_SHA2_256);
	T_ASSERT_INT(p->integ[0]->kalg, KIPS_ALG_HMAC_SHA256);
	T_ASSERT_INT(p->pfs_group, 0);

	T_ASSERT(!ipsec_proposals_parse("aes128-sha1-modp2048", ISAKMP_PROTO_ESP,
					false, &esp, err, sizeof(err)));
	T_ASSERT_INT(p->integ[0]->auth, IPSEC_AUTH_HMAC_SHA);
	T_ASSERT_INT(p->pfs_group, IKE_GROUP_MODP2048);

	T_ASSERT(!ipsec_proposals_parse("aes128ctr-aesxcbc-esn", ISAKMP_PROTO_ESP,
					false, &esp, err, sizeof(err)));
	T_ASSERT_INT(p->encr[0]->id, IPSEC_ESP_AES_CTR);
	T_ASSERT_INT(p->encr[0]->key_len, 20);
	T_ASSERT_INT(p->integ[0]->kalg, KIPS_ALG_AES_XCBC);
	T_ASSERT_INT(p->esn, PROP_ESN_YES);

	/* Legacy: 3DES, MD5, null encryption. */
	T_ASSERT(ipsec_proposals_parse("3des-sha1", ISAKMP_PROTO_ESP, false,
				       &esp, err, sizeof(err)) == -1);
	T_ASSERT(strstr(err, "legacy"));
	T_ASSERT(ipsec_proposals_parse("aes128-md5", ISAKMP_PROTO_ESP, false,
				       &esp, err, sizeof(err)) == -1);
	T_ASSERT(ipsec_proposals_parse("null-sha256", ISAKMP_PROTO_ESP, false,
				       &esp, err, sizeof(err)) == -1);
	T_ASSERT(!ipsec_proposals_parse("3des-md5,null-sha256", ISAKMP_PROTO_ESP,
					true, &esp, err, sizeof(err)));
	T_ASSERT_INT(esp.p[0].encr[0]->id, IPSEC_ESP_3DES);
	T_ASSERT_INT(esp.p[0].integ[0]->auth, IPSEC_AUTH_HMAC_MD5);
	T_ASSERT_INT(esp.p[1].encr[0]->id, IPSEC_ESP_NULL);
}

static void ah(void)
{
	const struct ipsec_proposal *p = &esp.p[0];

	T_ASSERT(!ipsec_proposals_parse("sha256", ISAKMP_PROTO_AH, false, &esp,
					err, sizeof(err)));
	T_ASSERT_INT(p->protocol, ISAKMP_PROTO_AH);
	T_ASSERT_INT(p->integ[0]->ah_id, IPSEC_AH_SHA2_256);
	T_ASSERT_INT(p->integ[0]->auth, IPSEC_AUTH_HMAC_SHA2_256);
	T_ASSERT(!ipsec_proposals_parse("sha1-sha512-ecp384", ISAKMP_PROTO_AH,
					false, &esp, err, sizeof(err)));
	T_ASSERT_INT(p->integ[1]->ah_id, IPSEC_AH_SHA2_512);
	T_ASSERT_INT(p->pfs_group, IKE_GROUP_ECP384);
	T_ASSERT(ipsec_proposals_parse("aes128-sha256", ISAKMP_PROTO_AH, false,
				       &esp, err, sizeof(err)) == -1);
	T_ASSERT(strstr(err, "AH does not encrypt"));
}

static void ipsec_refused(void)
{
	static const struct {
		const char *s, *why;
	} bad[] = {
		{ "aes128gcm16-sha256", "takes no integrity" },
		{ "aes128", "no integrity" },
		{ "sha256", "no encryption" },
		{ "aes128gcm16-aes128-sha1", "mixes AEAD" },
		{ "aes128-sha1-modp2048-ecp256", "one" },
		{ "aes128-sha1-modp2048,aes256-sha256", "different PFS groups" },
		{ "aes128-sha1-prfsha1", "unknown algorithm 'prfsha1'" },
		{ "aes128-sha1-aes128", "listed twice" },
		{ "camellia128-sha1", "unknown algorithm" },
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (ipsec_proposals_parse(bad[i].s, ISAKMP_PROTO_ESP, true, &esp,
					  err, sizeof(err)) != -1) {
			T_FAIL("'%s' accepted", bad[i].s);
			return;
		}
		if (!strstr(err, bad[i].why)) {
			T_FAIL("'%s': \"%s\" does not say \"%s\"", bad[i].s, err,
			       bad[i].why);
			return;
		}
	}
}

static bool in_list(const uint8_t *list, uint8_t v)
{
	int i;

	for (i = 0; i < 3; i++)
		if (list[i] == v && (v || i == 0))
			return true;
	return false;
}

/* Every ESP/AH algorithm names a kernel algorithm of the right kind whose
 * table allows the key (and ICV) length we would hand it.
 */
static void kernel_table_agrees(void)
{
	const struct esp_encr_alg *e;
	const struct integ_alg *a;
	unsigned int i;

	for (i = 0; (e = esp_encr_at(i)); i++) {
		const struct kips_alg_desc *k = &kips_algs[e->kalg];

		if (k->kind != (e->aead ? KIPS_ALG_KIND_AEAD : KIPS_ALG_KIND_ENC) ||
		    !in_list(k->key_len, e->key_len) ||
		    (e->aead && !in_list(k->icv_len, e->icv_len))) {
			T_FAIL("%s does not fit the kernel's %s", e->name, k->name);
			return;
		}
	}
	for (i = 0; (a = integ_at(i)); i++) {
		const struct kips_alg_desc *k = &kips_algs[a->kalg];

		if (k->kind != KIPS_ALG_KIND_AUTH || !in_list(k->key_len, a->key_len)) {
			T_FAIL("%s does not fit the kernel's %s", a->name, k->name);
			return;
		}
	}
	/* Lookups by number find the canonical names. */
	T_ASSERT_STR(esp_encr_by_id(IPSEC_ESP_AES_GCM_16, 256)->name, "aes256gcm16");
	T_ASSERT_STR(integ_by_esp_auth(IPSEC_AUTH_HMAC_SHA)->name, "sha1");
	T_ASSERT_STR(integ_by_ah_id(IPSEC_AH_SHA2_384)->name, "sha384");
	T_ASSERT_STR(p1_encr_by_id(IKE_ENCR_AES_CBC, 128)->name, "aes128");
	T_ASSERT_STR(p1_hash_by_id(IKE_HASH_SHA1)->name, "sha1");
	T_ASSERT(!p1_encr_by_id(IKE_ENCR_AES_CBC, 0));
}

int main(void)
{
	t_init("proposal");
	T_RUN(phase1_basic);
	T_RUN(phase1_lists);
	T_RUN(phase1_legacy);
	T_RUN(phase1_prf);
	T_RUN(phase1_refused);
	T_RUN(esp_aead);
	T_RUN(esp_classic);
	T_RUN(ah);
	T_RUN(ipsec_refused);
	T_RUN(kernel_table_agrees);
	return t_done();
}
