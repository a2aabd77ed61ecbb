// SPDX-License-Identifier: GPL-2.0
/*
 * SA negotiation: the offers a configuration makes, what a responder picks
 * from them, lifetimes, mismatches, and charon's own phase-1 offer (from
 * the strongSwan negotiation of test_strongswan.c).
 */
#include "builder.h"
#include "conf.h"
#include "isakmp.h"
#include "message.h"
#include "natt.h"
#include "negotiate.h"
#include "sa_payload.h"
#include "test.h"
#include "strongswan_vectors.h"

/* The encapsulation mode without NAT traversal. */
#define PLAIN(c) natt_encap_mode((c)->mode, false, NATT_NONE)

static struct conf ci, cr;	/* initiator, responder */
static struct isakmp_sa offer, reply, parsed;
static char why[256];

#define CONN(extra) "conn t { local = 10.0.0.1; remote = 10.0.0.2; psk = \"k\"; " extra " }"

static const struct conf_conn *load(struct conf *c, const char *text)
{
	struct conf_report r = { 0 };

	conf_free(c);
	if (conf_load_text("t.conf", text, strlen(text), c, &r) || c->nconns != 1)
		return NULL;
	return &c->conns[0];
}

/* Encodes @sa and parses it back, as the wire would hand it over. */
static bool wire(const struct isakmp_sa *sa, struct isakmp_sa *out)
{
	static uint8_t buf[4096];
	struct isakmp_header h = { .icookie = { 1 }, .version = ISAKMP_VERSION,
				   .exchange = ISAKMP_XCHG_IDPROT };
	struct isakmp_builder b;
	struct isakmp_msg m;
	struct isakmp_err err;
	bool ok;

	builder_init(&b);
	builder_header(&b, &h);
	isakmp_sa_put(&b, sa);
	ok = !builder_finish(&b) && b.len <= sizeof(buf);
	if (ok) {
		memcpy(buf, b.buf, b.len);
		ok = !isakmp_parse(&m, buf, b.len, &err) &&
		     !isakmp_sa_parse(&m.pl[0], out, &err);
	}
	builder_free(&b);
	return ok;
}

static void phase1_offer_and_choice(void)
{
	const struct conf_conn *i = load(&ci, CONN("ike = aes256-sha256-modp2048, "
						   "aes128-aes192-sha1-ecp256;"));
	const struct conf_conn *r = load(&cr, CONN("ike = aes192-sha1-ecp256;"));
	struct p1_choice ch;

	T_ASSERT(i && r);
	p1_offer(i, 0, &offer);
	T_ASSERT(!offer.full);
	T_ASSERT_INT(offer.nprops, 1);
	T_ASSERT_INT(offer.props[0].nxforms, 3);
	T_ASSERT(wire(&offer, &parsed));
	T_ASSERT(!p1_choose(r, &parsed, &ch, &reply, why, sizeof(why)));
	T_ASSERT_INT(ch.xform_num, 3);
	T_ASSERT_STR(ch.encr->name, "aes192");
	T_ASSERT_INT(ch.hash->id, IKE_HASH_SHA1);
	T_ASSERT_INT(ch.group, IKE_GROUP_ECP256);
	T_ASSERT_INT(ch.lifetime, 28800);
	T_ASSERT_INT(reply.props[0].nxforms, 1);
	T_ASSERT(wire(&reply, &parsed));
	T_ASSERT(!p1_check_reply(i, &parsed, &ch, why, sizeof(why)));
	T_ASSERT_INT(ch.xform_num, 3);
	/* The responder's answer must be one of ours. */
	T_ASSERT(!p1_check_reply(r, &parsed, &ch, why, sizeof(why)));
	T_ASSERT(load(&cr, CONN("ike = aes256-sha256-modp2048;")));
	T_ASSERT(p1_check_reply(&cr.conns[0], &parsed, &ch, why, sizeof(why)) == -1);
	T_ASSERT(strstr(why, "not among our proposals"));
}

static void phase1_refusals(void)
{
	const struct conf_conn *i = load(&ci, CONN("ike = aes256-sha256-modp2048;"
						   " ike-lifetime = 24h;"));
	const struct conf_conn *r = load(&cr, CONN("ike = aes256-sha256-modp2048;"));
	struct p1_choice ch;

	T_ASSERT(i && r);
	p1_offer(i, 0, &offer);
	T_ASSERT(wire(&offer, &parsed));
	/* Issue 6: a phase-1 lifetime above the responder's is refused. */
	T_ASSERT(p1_choose(r, &parsed, &ch, &reply, why, sizeof(why)) == -1);
	T_ASSERT(strstr(why, "lifetime of 86400 s exceeds ours (28800 s)"));

	T_ASSERT(load(&cr, CONN("ike = aes128-sha256-modp2048; ike-lifetime = 24h;")));
	T_ASSERT(p1_choose(&cr.conns[0], &parsed, &ch, &reply, why, sizeof(why)) == -1);
	T_ASSERT(strstr(why, "aes256-sha256-modp2048 is not among our proposals"));

	/* An attribute we do not know spoils the transform. */
	T_ASSERT(load(&cr, CONN("ike = aes256-sha256-modp2048;")));
	isakmp_sa_init(&offer);
	isakmp_sa_add_proposal(&offer, 1, ISAKMP_PROTO_ISAKMP, NULL, 0);
	isakmp_sa_add_transform(&offer, 1, IKE_XFORM_KEY_IKE);
	isakmp_sa_add_attr(&offer, IKE_ATTR_ENCR, IKE_ENCR_AES_CBC);
	isakmp_sa_add_attr(&offer, IKE_ATTR_KEY_LENGTH, 256);
	isakmp_sa_add_attr(&offer, IKE_ATTR_HASH, IKE_HASH_SHA2_256);
	isakmp_sa_add_attr(&offer, IKE_ATTR_AUTH, IKE_AUTH_PSK);
	isakmp_sa_add_attr(&offer, IKE_ATTR_GROUP_DESC, 14);
	isakmp_sa_add_attr(&offer, IKE_ATTR_PRF, 1);
	T_ASSERT(p1_choose(&cr.conns[0], &offer, &ch, &reply, why, sizeof(why)) == -1);
	T_ASSERT(strstr(why, "attribute 13 is not supported"));
	/* No lifetime means 8 hours (RFC 2409 appendix A). */
	offer.nattrs--;
	offer.xforms[0].nattrs--;
	T_ASSERT(!p1_choose(&cr.conns[0], &offer, &ch, &reply, why, sizeof(why)));
	T_ASSERT_INT(ch.lifetime, 28800);
	/* A lifetime of 0 (charon with reauth_time = 0) is no limit. */
	isakmp_sa_add_attr(&offer, IKE_ATTR_LIFE_TYPE, IKE_LIFE_SECONDS);
	isakmp_sa_add_attr(&offer, IKE_ATTR_LIFE_DURATION, 0);
	T_ASSERT(p1_choose(&cr.conns[0], &offer, &ch, &reply, why, sizeof(why)) == -1);
	T_ASSERT(strstr(why, "a life duration of 0 (no limit)"));
	offer.nattrs -= 2;
	offer.xforms[0].nattrs -= 2;
	/* RSA signatures where the connection has a pre-shared key. */
	offer.attrs[3].basic = IKE_AUTH_RSA_SIG;
	T_ASSERT(p1_choose(&cr.conns[0], &offer, &ch, &reply, why, sizeof(why)) == -1);
	T_ASSERT(strstr(why, "authentication by RSA signature, not by pre-shared key"));
	/* RSA encryption is nobody's. */
	offer.attrs[3].basic = IKE_AUTH_RSA_ENC;
	T_ASSERT(p1_choose(&cr.conns[0], &offer, &ch, &reply, why, sizeof(why)) == -1);
	T_ASSERT(strstr(why, "authentication method 4"));
}

/* charon's main mode message 1, as a responder configured like it sees. */
static void charon_phase1_offer(void)
{
	static uint8_t buf[512];
	const struct conf_conn *r = load(&cr, CONN("ike = aes256-sha256-modp2048;"));
	struct isakmp_msg m;
	struct isakmp_err err;
	struct p1_choice ch;
	size_t len = t_unhex(sw_mm1, buf, sizeof(buf));

	T_ASSERT(r);
	T_ASSERT(!isakmp_parse(&m, buf, len, &err));
	T_ASSERT(!isakmp_sa_parse(isakmp_find(&m, ISAKMP_NP_SA, 0), &parsed, &err));
	T_ASSERT(!p1_choose(r, &parsed, &ch, &reply, why, sizeof(why)));
	T_ASSERT_INT(ch.group, IKE_GROUP_MODP2048);
	T_ASSERT(ch.lifetime <= 28800);
}

static const uint8_t spi_i[4] = { 0xc0, 0, 0, 1 }, spi_r[4] = { 0xc0, 0, 0, 2 };

static void quick_mode_offer_and_choice(void)
{
	const struct conf_conn *i = load(&ci, CONN(
		"esp = aes128gcm16-modp2048, aes256-aes128-sha256-sha1-esn-noesn-modp2048;"
		" lifetime = 2h; lifebytes = 1M;"));
	const struct conf_conn *r = load(&cr, CONN(
		"esp = aes128-sha1-noesn; pfs = modp2048; lifetime = 1h;"));
	struct p2_choice ch;

	T_ASSERT(i && r);
	p2_offer(i, PLAIN(i), spi_i, &offer);
	T_ASSERT(!offer.full);
	T_ASSERT_INT(offer.nprops, 2);
	T_ASSERT_INT(offer.props[0].nxforms, 1);
	T_ASSERT_INT(offer.props[1].nxforms, 8);	/* 2 ciphers, 2 MACs, 2 ESN */
	T_ASSERT(wire(&offer, &parsed));
	T_ASSERT(!p2_choose(r, PLAIN(r), &parsed, spi_r, &ch, &reply, why, sizeof(why)));
	T_ASSERT_INT(ch.prop_num, 2);
	T_ASSERT_INT(ch.xform_num, 8);	/* aes128-sha1 without ESN */
	T_ASSERT_STR(ch.encr->name, "aes128");
	T_ASSERT_STR(ch.integ->name, "sha1");
	T_ASSERT(!ch.esn);
	T_ASSERT_INT(ch.group, IKE_GROUP_MODP2048);
	T_ASSERT_INT(ch.encap, IPSEC_ENCAP_TUNNEL);
	T_ASSERT_MEM(ch.peer_spi, 4, spi_i, 4);
	/* 2 hours offered, 1 hour ours: lowered, to be told with
	 * RESPONDER-LIFETIME; 1 MiB offered against no limit is kept.
	 */
	T_ASSERT(ch.lowered);
	T_ASSERT_INT(ch.lifetime, 3600);
	T_ASSERT_INT(ch.lifekbytes, 1024);
	T_ASSERT_INT(p2_keymat_len(&ch), 36);
	T_ASSERT_MEM(reply.props[0].spi, 4, spi_r, 4);
	T_ASSERT(wire(&reply, &parsed));
	T_ASSERT(!p2_check_reply(i, PLAIN(i), &parsed, &ch, why, sizeof(why)));
	T_ASSERT_MEM(ch.peer_spi, 4, spi_r, 4);
	/* The initiator does not accept more than it offered. */
	T_ASSERT(load(&ci, CONN("esp = aes128-sha1-modp2048; lifetime = 10m;")));
	T_ASSERT(p2_check_reply(&ci.conns[0], PLAIN(&ci.conns[0]), &parsed, &ch, why, sizeof(why)) == -1);
	T_ASSERT(strstr(why, "raises the lifetime"));
}

static void quick_mode_aead_and_ah(void)
{
	const struct conf_conn *i = load(&ci, CONN("esp = chacha20poly1305, aes256gcm16;"));
	const struct conf_conn *r = load(&cr, CONN("esp = aes256gcm16;"));
	struct p2_choice ch;

	T_ASSERT(i && r);
	p2_offer(i, PLAIN(i), spi_i, &offer);
	T_ASSERT(wire(&offer, &parsed));
	T_ASSERT(!p2_choose(r, PLAIN(r), &parsed, spi_r, &ch, &reply, why, sizeof(why)));
	T_ASSERT_INT(ch.encr->id, IPSEC_ESP_AES_GCM_16);
	T_ASSERT(!ch.integ);
	T_ASSERT(!ch.lowered);
	T_ASSERT_INT(p2_keymat_len(&ch), 36);

	i = load(&ci, CONN("ah = sha256-sha1; mode = transport;"));
	r = load(&cr, CONN("ah = sha1; mode = transport;"));
	T_ASSERT(i && r);
	p2_offer(i, PLAIN(i), spi_i, &offer);
	T_ASSERT_INT(offer.props[0].protocol, ISAKMP_PROTO_AH);
	T_ASSERT(wire(&offer, &parsed));
	T_ASSERT(!p2_choose(r, PLAIN(r), &parsed, spi_r, &ch, &reply, why, sizeof(why)));
	T_ASSERT_INT(ch.integ->ah_id, IPSEC_AH_SHA);
	T_ASSERT_INT(ch.encap, IPSEC_ENCAP_TRANSPORT);
	T_ASSERT_INT(p2_keymat_len(&ch), 20);
}

static void quick_mode_mismatches(void)
{
	const struct conf_conn *i = load(&ci, CONN("esp = aes128-sha1-modp2048;"));
	struct p2_choice ch;

	T_ASSERT(i);
	p2_offer(i, PLAIN(i), spi_i, &offer);
	T_ASSERT(wire(&offer, &parsed));
	T_ASSERT(load(&cr, CONN("esp = aes128-sha1;")));
	T_ASSERT(p2_choose(&cr.conns[0], PLAIN(&cr.conns[0]), &parsed, spi_r, &ch, &reply, why,
			   sizeof(why)) == -1);
	T_ASSERT(strstr(why, "PFS group 14, we want 0"));
	T_ASSERT(load(&cr, CONN("esp = aes128-sha1-modp2048; mode = transport;")));
	T_ASSERT(p2_choose(&cr.conns[0], PLAIN(&cr.conns[0]), &parsed, spi_r, &ch, &reply, why,
			   sizeof(why)) == -1);
	T_ASSERT(strstr(why, "encapsulation mode 1, we want 2"));
	T_ASSERT(load(&cr, CONN("esp = aes256-sha1-modp2048;")));
	T_ASSERT(p2_choose(&cr.conns[0], PLAIN(&cr.conns[0]), &parsed, spi_r, &ch, &reply, why,
			   sizeof(why)) == -1);
	T_ASSERT(strstr(why, "aes128-sha1 is not among our proposals"));
	T_ASSERT(load(&cr, CONN("ah = sha1-modp2048;")));
	T_ASSERT(p2_choose(&cr.conns[0], PLAIN(&cr.conns[0]), &parsed, spi_r, &ch, &reply, why,
			   sizeof(why)) == -1);
	T_ASSERT(strstr(why, "protocol 3 is not ours"));
	/* An AH+ESP bundle is refused as a whole. */
	offer.props[0].num = 1;
	isakmp_sa_add_proposal(&offer, 1, ISAKMP_PROTO_AH, spi_i, 4);
	isakmp_sa_add_transform(&offer, 1, IPSEC_AH_SHA);
	isakmp_sa_add_attr(&offer, IPSEC_ATTR_AUTH_ALG, IPSEC_AUTH_HMAC_SHA);
	T_ASSERT(load(&cr, CONN("esp = aes128-sha1-modp2048;")));
	T_ASSERT(p2_choose(&cr.conns[0], PLAIN(&cr.conns[0]), &offer, spi_r, &ch, &reply, why,
			   sizeof(why)) == -1);
	T_ASSERT(strstr(why, "bundle"));
}

int main(void)
{
	t_init("negotiate");
	T_RUN(phase1_offer_and_choice);
	T_RUN(phase1_refusals);
	T_RUN(charon_phase1_offer);
	T_RUN(quick_mode_offer_and_choice);
	T_RUN(quick_mode_aead_and_ah);
	T_RUN(quick_mode_mismatches);
	conf_free(&ci);
	conf_free(&cr);
	return t_done();
}
