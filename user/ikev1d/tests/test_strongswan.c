// SPDX-License-Identifier: GPL-2.0
/*
 * A third party's negotiation, replayed: the datagrams and keys of a main
 * mode + quick mode exchange between two strongSwan 5.9.8 charons
 * (AES-256/SHA-256/MODP-2048 and PSK in phase 1; ESP AES-128/SHA-1 with
 * PFS MODP-2048 in quick mode), captured from their logs as
 * tests/vectors/strongswan_log.py describes.
 *
 * Our parser must accept every message and re-encode the SA; our key
 * derivation must give the SKEYIDs, the encryption key and every IV that
 * charon logged; with them our decryption must turn the encrypted messages
 * into payloads whose HASH_I, HASH_R, HASH(1), HASH(2) and informational
 * HASH we compute ourselves; and KEYMAT must equal charon's ESP keys.
 */
#include "builder.h"
#include "cipher.h"
#include "crypt.h"
#include "isakmp.h"
#include "keys.h"
#include "message.h"
#include "natt.h"
#include "negotiate.h"
#include "payload.h"
#include "sa_payload.h"
#include "test.h"
#include "validate.h"
#include "wire.h"
#include "strongswan_vectors.h"

/* The encapsulation mode without NAT traversal. */
#define PLAIN(c) natt_encap_mode((c)->mode, false, NATT_NONE)

#define HASH IKE_HASH_SHA2_256
#define ENCR IKE_ENCR_AES_CBC

struct vec {
	uint8_t b[1024];
	size_t len;
};

static struct vec mm[7], qm1, qm2, info;	/* mm[1]..mm[6] */
static uint8_t skeyid[32], skeyid_d[32], skeyid_a[32], skeyid_e[32];
static uint8_t ka[32], iv[16], last_p1_iv[16];
static struct isakmp_blob ni, nr, gxi, gxr;
static struct isakmp_msg msgs[7];
static struct isakmp_sa sa;

static void load(const char *hex, struct vec *v)
{
	v->len = t_unhex(hex, v->b, sizeof(v->b));
}

static bool want(const char *file, int line, const char *what,
		 const uint8_t *got, size_t len, const char *hex)
{
	struct vec w;

	load(hex, &w);
	return t_mem_eq(file, line, what, got, len, w.b, w.len);
}

#define WANT(got, len, hex) do {					\
	if (!want(__FILE__, __LINE__, #hex, got, len, hex))		\
		return;							\
} while (0)

/* The clear messages of main mode, through both parser layers. */
static void parse_clear_messages(void)
{
	const struct isakmp_transform *t;
	const struct isakmp_attr *a;
	struct isakmp_builder b;
	struct isakmp_err err;
	int i;

	for (i = 1; i <= 4; i++) {
		struct isakmp_msg *m = &msgs[i];

		if (isakmp_parse(m, mm[i].b, mm[i].len, &err) ||
		    isakmp_validate(m, &err)) {
			T_FAIL("main mode message %d: %s", i, err.msg);
			return;
		}
		T_ASSERT_INT(m->hdr.exchange, ISAKMP_XCHG_IDPROT);
	}
	/* The initiator's offer: one transform of what swanctl.conf says. */
	T_ASSERT(!isakmp_sa_parse(isakmp_find(&msgs[1], ISAKMP_NP_SA, 0), &sa, &err));
	T_ASSERT_INT(sa.nprops, 1);
	T_ASSERT_INT(sa.props[0].nxforms, 1);
	t = isakmp_sa_xform(&sa, &sa.props[0], 0);
	a = isakmp_xform_attrs(&sa, t);
	T_ASSERT(isakmp_attr_find(a, t->nattrs, IKE_ATTR_ENCR)->basic == IKE_ENCR_AES_CBC);
	T_ASSERT(isakmp_attr_find(a, t->nattrs, IKE_ATTR_KEY_LENGTH)->basic == 256);
	T_ASSERT(isakmp_attr_find(a, t->nattrs, IKE_ATTR_HASH)->basic == IKE_HASH_SHA2_256);
	T_ASSERT(isakmp_attr_find(a, t->nattrs, IKE_ATTR_GROUP_DESC)->basic == IKE_GROUP_MODP2048);
	T_ASSERT(isakmp_attr_find(a, t->nattrs, IKE_ATTR_AUTH)->basic == IKE_AUTH_PSK);
	/* Our encoder writes charon's SA payload back to the byte. */
	builder_init(&b);
	builder_header(&b, &msgs[1].hdr);
	isakmp_sa_put(&b, &sa);
	T_ASSERT(!builder_finish(&b));
	T_ASSERT_MEM(b.buf + 28 + 1, b.len - 28 - 1, msgs[1].pl[0].data + 1,
		     msgs[1].pl[0].len - 1);
	builder_free(&b);

	T_ASSERT(!isakmp_ke_parse(isakmp_find(&msgs[3], ISAKMP_NP_KE, 0), 256, &gxi, &err));
	T_ASSERT(!isakmp_ke_parse(isakmp_find(&msgs[4], ISAKMP_NP_KE, 0), 256, &gxr, &err));
	T_ASSERT(!isakmp_nonce_parse(isakmp_find(&msgs[3], ISAKMP_NP_NONCE, 0), &ni, &err));
	T_ASSERT(!isakmp_nonce_parse(isakmp_find(&msgs[4], ISAKMP_NP_NONCE, 0), &nr, &err));
	/* Messages 5 and 6 are encrypted: only their headers so far. */
	for (i = 5; i <= 6; i++) {
		T_ASSERT(!isakmp_parse(&msgs[i], mm[i].b, mm[i].len, &err));
		T_ASSERT(msgs[i].hdr.flags & ISAKMP_FLAG_ENC);
	}
}

static void phase1_keys(void)
{
	const uint8_t *cky_i = msgs[1].hdr.icookie, *cky_r = msgs[2].hdr.rcookie;
	struct vec psk, gxy;

	load(sw_psk, &psk);
	load(sw_gxy, &gxy);
	T_ASSERT(!ike_skeyid_psk(HASH, psk.b, psk.len, CHUNK(ni.ptr, ni.len),
				 CHUNK(nr.ptr, nr.len), skeyid));
	WANT(skeyid, 32, sw_skeyid);
	T_ASSERT(!ike_skeyid_dae(HASH, skeyid, CHUNK(gxy.b, gxy.len), cky_i, cky_r,
				 skeyid_d, skeyid_a, skeyid_e));
	WANT(skeyid_d, 32, sw_skeyid_d);
	WANT(skeyid_a, 32, sw_skeyid_a);
	WANT(skeyid_e, 32, sw_skeyid_e);
	T_ASSERT(!ike_enc_key(HASH, skeyid_e, 32, ka));
	WANT(ka, 32, sw_ka);
	T_ASSERT(!ike_phase1_iv(HASH, CHUNK(gxi.ptr, gxi.len),
				CHUNK(gxr.ptr, gxr.len), 16, iv));
	WANT(iv, 16, sw_iv1);
}

/* Decrypts message @v with the running IV into @plain and parses it. */
static bool open_msg(const struct vec *v, struct vec *plain,
		     struct isakmp_msg *m)
{
	struct isakmp_err err;

	if (isakmp_parse(m, v->b, v->len, &err) ||
	    isakmp_decrypt_msg(ENCR, ka, 32, iv, v->b, v->len, plain->b, &err) ||
	    isakmp_parse_payloads(m, plain->b, v->len, &err) ||
	    isakmp_validate(m, &err)) {
		T_FAIL("%s", err.msg);
		return false;
	}
	plain->len = v->len;
	return true;
}

static void main_mode_5_and_6(void)
{
	const uint8_t *cky_i = msgs[1].hdr.icookie, *cky_r = msgs[2].hdr.rcookie;
	const struct isakmp_payload *sai = isakmp_find(&msgs[1], ISAKMP_NP_SA, 0);
	static struct vec p5, p6;
	const struct isakmp_payload *id, *hash;
	uint8_t h[32];

	if (!open_msg(&mm[5], &p5, &msgs[5]))
		return;
	WANT(iv, 16, sw_iv_after_mm5);
	id = isakmp_find(&msgs[5], ISAKMP_NP_ID, 0);
	hash = isakmp_find(&msgs[5], ISAKMP_NP_HASH, 0);
	T_ASSERT(id && hash);
	T_ASSERT(!ike_hash_i(HASH, skeyid, CHUNK(gxi.ptr, gxi.len),
			     CHUNK(gxr.ptr, gxr.len), cky_i, cky_r,
			     CHUNK(isakmp_body(sai), isakmp_body_len(sai)),
			     CHUNK(isakmp_body(id), isakmp_body_len(id)), h));
	T_ASSERT_MEM(h, 32, isakmp_body(hash), isakmp_body_len(hash));
	WANT(h, 32, sw_hash_i);

	if (!open_msg(&mm[6], &p6, &msgs[6]))
		return;
	WANT(iv, 16, sw_iv_after_mm6);
	/* charon pads a whole extra block when the payloads fill the last. */
	T_ASSERT_INT(msgs[6].end + 16, p6.len);
	id = isakmp_find(&msgs[6], ISAKMP_NP_ID, 0);
	hash = isakmp_find(&msgs[6], ISAKMP_NP_HASH, 0);
	T_ASSERT(id && hash);
	T_ASSERT(!ike_hash_r(HASH, skeyid, CHUNK(gxi.ptr, gxi.len),
			     CHUNK(gxr.ptr, gxr.len), cky_i, cky_r,
			     CHUNK(isakmp_body(sai), isakmp_body_len(sai)),
			     CHUNK(isakmp_body(id), isakmp_body_len(id)), h));
	T_ASSERT_MEM(h, 32, isakmp_body(hash), isakmp_body_len(hash));
	WANT(h, 32, sw_hash_r);
	memcpy(last_p1_iv, iv, 16);
}

/* Everything after the first (HASH) payload, padding left out. */
static struct chunk after_hash(const struct isakmp_msg *m)
{
	const struct isakmp_payload *h = &m->pl[0];

	return CHUNK(h->data + h->len, m->end - h->offset - h->len);
}

static struct isakmp_msg qm1m, qm2m, infom;
static struct isakmp_blob qni, qnr;

static void quick_mode(void)
{
	static struct vec p1, p2;
	static const struct isakmp_expect qm1_expect[] = {
		{ ISAKMP_NP_HASH, 1, 1 }, { ISAKMP_NP_SA, 1, 1 },
		{ ISAKMP_NP_NONCE, 1, 1 }, { ISAKMP_NP_KE, 0, 1 },
		{ ISAKMP_NP_ID, 0, 2 },
	};
	struct isakmp_err err;
	uint8_t h[32];

	T_ASSERT(!ike_phase2_iv(HASH, last_p1_iv, 16, get_be32(qm1.b + 20), iv));
	WANT(iv, 16, sw_iv_qm1);
	if (!open_msg(&qm1, &p1, &qm1m))
		return;
	T_ASSERT(!isakmp_check_payloads(&qm1m, qm1_expect, 5, ISAKMP_NP_HASH, &err));
	T_ASSERT(!ike_qm_hash1(HASH, skeyid_a, qm1m.hdr.msgid, after_hash(&qm1m), h));
	T_ASSERT_MEM(h, 32, isakmp_body(&qm1m.pl[0]), isakmp_body_len(&qm1m.pl[0]));
	T_ASSERT(!isakmp_nonce_parse(isakmp_find(&qm1m, ISAKMP_NP_NONCE, 0), &qni, &err));

	/* The responder's answer continues the same IV chain. */
	if (!open_msg(&qm2, &p2, &qm2m))
		return;
	T_ASSERT(!isakmp_check_payloads(&qm2m, qm1_expect, 5, ISAKMP_NP_HASH, &err));
	T_ASSERT(!ike_qm_hash2(HASH, skeyid_a, qm2m.hdr.msgid, CHUNK(qni.ptr, qni.len),
			       after_hash(&qm2m), h));
	T_ASSERT_MEM(h, 32, isakmp_body(&qm2m.pl[0]), isakmp_body_len(&qm2m.pl[0]));
	T_ASSERT(!isakmp_nonce_parse(isakmp_find(&qm2m, ISAKMP_NP_NONCE, 0), &qnr, &err));
}

/* Both ESP SAs' keys: AES-128 then HMAC-SHA1, 36 bytes of KEYMAT each,
 * with the quick mode's DH secret (PFS).  Each SA's SPI is the one its
 * receiver chose, so the keys charon calls the initiator's (it sends with
 * them) come from the responder's SPI, and the other way round.
 */
static void keymat(void)
{
	const struct isakmp_payload *p;
	struct isakmp_err err;
	uint8_t spi_i[4], spi_r[4], km[36];
	struct vec gqm;

	load(sw_qm_gxy, &gqm);
	p = isakmp_find(&qm1m, ISAKMP_NP_SA, 0);
	T_ASSERT(p && !isakmp_sa_parse(p, &sa, &err));
	T_ASSERT_INT(sa.props[0].protocol, ISAKMP_PROTO_ESP);
	T_ASSERT_INT(isakmp_sa_xform(&sa, &sa.props[0], 0)->id, IPSEC_ESP_AES_CBC);
	memcpy(spi_i, sa.props[0].spi, 4);
	p = isakmp_find(&qm2m, ISAKMP_NP_SA, 0);
	T_ASSERT(p && !isakmp_sa_parse(p, &sa, &err));
	memcpy(spi_r, sa.props[0].spi, 4);

	T_ASSERT(!ike_keymat(HASH, skeyid_d, CHUNK(gqm.b, gqm.len), ISAKMP_PROTO_ESP,
			     CHUNK(spi_i, 4), CHUNK(qni.ptr, qni.len),
			     CHUNK(qnr.ptr, qnr.len), 36, km));
	WANT(km, 16, sw_encr_r);
	WANT(km + 16, 20, sw_integ_r);
	T_ASSERT(!ike_keymat(HASH, skeyid_d, CHUNK(gqm.b, gqm.len), ISAKMP_PROTO_ESP,
			     CHUNK(spi_r, 4), CHUNK(qni.ptr, qni.len),
			     CHUNK(qnr.ptr, qnr.len), 36, km));
	WANT(km, 16, sw_encr_i);
	WANT(km + 16, 20, sw_integ_i);
}

/* The initiator's informational exchange: its own IV from the last
 * phase-1 IV and its message ID, and a HASH(1) over its payloads.
 */
static void informational(void)
{
	static struct vec p;
	uint8_t h[32];

	T_ASSERT(!ike_phase2_iv(HASH, last_p1_iv, 16, get_be32(info.b + 20), iv));
	WANT(iv, 16, sw_iv_info);
	if (!open_msg(&info, &p, &infom))
		return;
	T_ASSERT_INT(infom.hdr.exchange, ISAKMP_XCHG_INFO);
	T_ASSERT_INT(infom.pl[0].type, ISAKMP_NP_HASH);
	T_ASSERT(infom.n == 2);
	T_ASSERT(!ike_qm_hash1(HASH, skeyid_a, infom.hdr.msgid, after_hash(&infom), h));
	T_ASSERT_MEM(h, 32, isakmp_body(&infom.pl[0]), isakmp_body_len(&infom.pl[0]));
}

/* charon's offers and answers, through our negotiation, as a connection
 * with its settings would see them (charon's IPsec lifetime is its rekey
 * time of 1h plus 10%: 66 minutes).
 */
static void negotiate_with_charon(void)
{
	static const char text[] =
		"conn c { local = 10.99.0.2; remote = 10.99.0.1; psk = \"x\";\n"
		" ike = aes256-sha256-modp2048; esp = aes128-sha1-modp2048;\n"
		" lifetime = 66m;\n"
		" local-subnet = 10.2.0.0/16; remote-subnet = 10.1.0.0/16; }\n";
	static struct isakmp_sa reply;
	const uint8_t spi[4] = { 0xc1, 2, 3, 4 };
	struct conf_report r = { 0 };
	struct isakmp_err err;
	struct p2_choice ch;
	struct p1_choice ch1;
	struct conf c;
	char why[256];

	T_ASSERT(!conf_load_text("c.conf", text, strlen(text), &c, &r));
	T_ASSERT(!isakmp_sa_parse(isakmp_find(&msgs[1], ISAKMP_NP_SA, 0), &sa, &err));
	T_ASSERT(!p1_choose(&c.conns[0], &sa, &ch1, &reply, why, sizeof(why)));
	T_ASSERT(!isakmp_sa_parse(isakmp_find(&msgs[2], ISAKMP_NP_SA, 0), &sa, &err));
	T_ASSERT(!p1_check_reply(&c.conns[0], &sa, &ch1, why, sizeof(why)));
	T_ASSERT(!isakmp_sa_parse(isakmp_find(&qm1m, ISAKMP_NP_SA, 0), &sa, &err));
	T_ASSERT(!p2_choose(&c.conns[0], PLAIN(&c.conns[0]), &sa, spi, &ch, &reply, why, sizeof(why)));
	T_ASSERT_STR(ch.encr->name, "aes128");
	T_ASSERT_STR(ch.integ->name, "sha1");
	T_ASSERT_INT(ch.group, IKE_GROUP_MODP2048);
	T_ASSERT(!isakmp_sa_parse(isakmp_find(&qm2m, ISAKMP_NP_SA, 0), &sa, &err));
	if (p2_check_reply(&c.conns[0], PLAIN(&c.conns[0]), &sa, &ch, why, sizeof(why))) {
		T_FAIL("%s", why);
		return;
	}
	conf_free(&c);
}

/* Our encryption of charon's decrypted message 5 is charon's ciphertext. */
static void reencrypt(void)
{
	struct isakmp_builder b;
	struct vec plain;
	uint8_t iv1[16];

	load(sw_iv1, &plain);
	memcpy(iv1, plain.b, 16);
	memcpy(iv, plain.b, 16);
	if (!open_msg(&mm[5], &plain, &msgs[5]))
		return;
	builder_init(&b);
	builder_put(&b, plain.b, msgs[5].end);
	b.buf[19] &= ~ISAKMP_FLAG_ENC;
	T_ASSERT(!isakmp_encrypt_msg(&b, ENCR, ka, 32, iv1));
	T_ASSERT_MEM(b.buf, b.len, mm[5].b, mm[5].len);
	builder_free(&b);
}

int main(void)
{
	t_init("strongswan");
	load(sw_mm1, &mm[1]);
	load(sw_mm2, &mm[2]);
	load(sw_mm3, &mm[3]);
	load(sw_mm4, &mm[4]);
	load(sw_mm5, &mm[5]);
	load(sw_mm6, &mm[6]);
	load(sw_qm1, &qm1);
	load(sw_qm2, &qm2);
	load(sw_info, &info);
	T_RUN(parse_clear_messages);
	T_RUN(phase1_keys);
	T_RUN(main_mode_5_and_6);
	T_RUN(quick_mode);
	T_RUN(keymat);
	T_RUN(informational);
	T_RUN(negotiate_with_charon);
	T_RUN(reencrypt);
	return t_done();
}
