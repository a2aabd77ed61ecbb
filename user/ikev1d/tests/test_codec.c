// SPDX-License-Identifier: GPL-2.0
/*
 * Codec round trips: messages written out by hand, field by field, from the
 * layouts of RFC 2408 section 3 (and RFC 2407, RFC 3947, the mode-config
 * draft) are parsed, every payload is decoded, checked, and encoded again;
 * the result must equal the original byte for byte.  Some are also built
 * from scratch with the builder API and compared with the same bytes.
 */
#include "builder.h"
#include "dump.h"
#include "isakmp.h"
#include "message.h"
#include "payload.h"
#include "sa_payload.h"
#include "test.h"
#include "wire.h"

/* Main mode message 1: SA with one ISAKMP proposal of two transforms, and
 * two vendor IDs.
 */
static const char mm1_hex[] =
	/* HDR: cookies, np SA, 1.0, main mode, no flags, M-ID 0, length 160 */
	"0102030405060708" "0000000000000000" "01" "10" "02" "00" "00000000" "000000a0"
	/* SA: np VID, length 92, DOI IPsec, SIT_IDENTITY_ONLY */
	"0d00005c" "00000001" "00000001"
	/* P: last, length 80, #1, ISAKMP, no SPI, 2 transforms */
	"00000050" "01" "01" "00" "02"
	/* T: np T, length 36, #1, KEY_IKE */
	"03000024" "01" "01" "0000"
	"80010007"	/* encryption AES-CBC */
	"800e0100"	/* key length 256 */
	"80020004"	/* hash SHA2-256 */
	"80030001"	/* auth pre-shared key */
	"8004000e"	/* group 14 */
	"800b0001"	/* life type seconds */
	"800c7080"	/* life duration 28800 (basic) */
	/* T: last, length 36, #2, KEY_IKE */
	"00000024" "02" "01" "0000"
	"80010005"	/* 3DES-CBC */
	"80020002"	/* SHA1 */
	"80030001"
	"80040002"	/* group 2 */
	"800b0001"
	"000c0004" "00015180"	/* life duration 86400 (variable, 4 bytes) */
	/* VID: np VID, length 20, RFC 3947 */
	"0d000014" "4a131c81070358455c5728f20e95452f"
	/* VID: last, length 20, DPD */
	"00000014" "afcad71368a1f1c96b8696fc77570100";

/* Main mode message 3: KE, NONCE, two NAT-D. */
static const char mm3_hex[] =
	"0102030405060708" "1112131415161718" "04" "10" "02" "00" "00000000" "00000074"
	/* KE: np NONCE, length 20, 16 bytes of public value */
	"0a000014" "00112233445566778899aabbccddeeff"
	/* NONCE: np NAT-D, length 20 */
	"14000014" "f0e1d2c3b4a5968778695a4b3c2d1e0f"
	/* NAT-D: np NAT-D, length 24, SHA1-sized */
	"14000018" "0102030405060708090a0b0c0d0e0f1011121314"
	/* NAT-D: last, length 24 */
	"00000018" "a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4";

/* Main mode message 5, decrypted, as the clear message it would be:
 * ID, HASH and an INITIAL-CONTACT notification about the ISAKMP SA.
 */
static const char mm5_hex[] =
	"0102030405060708" "1112131415161718" "05" "10" "02" "00" "00000000" "00000068"
	/* ID: np HASH, length 12, IPV4_ADDR, UDP, port 500, 192.0.2.1 */
	"0800000c" "01" "11" "01f4" "c0000201"
	/* HASH: np N, length 36, 32 bytes (SHA2-256) */
	"0b000024" "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
	/* N: last, length 28, DOI IPsec, ISAKMP, SPI size 16, INITIAL-CONTACT */
	"0000001c" "00000001" "01" "10" "6002"
	"0102030405060708" "1112131415161718";

/* Quick mode message 1 with PFS and proxy IDs. */
static const char qm1_hex[] =
	/* HDR: np HASH, quick mode, encrypted flag, M-ID 0xdeadbeef, length 220 */
	"0102030405060708" "1112131415161718" "08" "10" "20" "01" "deadbeef" "000000dc"
	/* HASH: np SA, length 24, 20 bytes */
	"01000018" "0102030405060708090a0b0c0d0e0f1011121314"
	/* SA: np NONCE, length 64, DOI IPsec, identity only */
	"0a000040" "00000001" "00000001"
	/* P: last, length 52, #1, ESP, SPI size 4, 1 transform, SPI c0ffee01 */
	"00000034" "01" "03" "04" "01" "c0ffee01"
	/* T: last, length 40, #1, ESP_AES */
	"00000028" "01" "0c" "0000"
	"80010001"	/* life type seconds */
	"80020e10"	/* life duration 3600 */
	"80040001"	/* encapsulation tunnel */
	"80050005"	/* auth HMAC-SHA2-256 */
	"80060080"	/* key length 128 */
	"8003000e"	/* group 14 (PFS) */
	"000200040001e240"	/* life duration 123456 (variable) */
	/* NONCE: np KE, length 36 */
	"04000024" "202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f"
	/* KE: np ID, length 12 */
	"0500000c" "5566778899aabbcc"
	/* ID: np ID, length 16, IPV4_ADDR_SUBNET, any protocol, 10.1.0.0/16 */
	"05000010" "04" "00" "0000" "0a010000" "ffff0000"
	/* ID: last, length 40, IPV6_ADDR_SUBNET, TCP, port 443, fd00:2::/64 */
	"00000028" "06" "06" "01bb"
	"fd000002000000000000000000000000" "ffffffffffffffff0000000000000000";

/* Informational: HASH, then a delete of two ESP SAs. */
static const char info_hex[] =
	"0102030405060708" "1112131415161718" "08" "10" "05" "01" "01020304" "00000044"
	/* HASH: np D, length 20 */
	"0c000014" "0102030405060708090a0b0c0d0e0f10"
	/* D: last, length 20, DOI IPsec, ESP, SPI size 4, 2 SPIs */
	"00000014" "00000001" "03" "04" "0002" "c0000101" "c0000102";

/* Signature-authenticated aggressive mode reply pieces: CERT, CR, SIG, and
 * an ID of every non-address type.
 */
static const char sig_hex[] =
	"0102030405060708" "1112131415161718" "06" "10" "04" "00" "00000000" "00000084"
	/* CERT: np CR, length 12, X.509 signature, 7 bytes of "cert" */
	"0700000c" "04" "30820102030405"
	/* CR: np ID, length 5, X.509 signature, no authority */
	"05000005" "04"
	/* ID: np ID, length 19, FQDN "vpn.example" */
	"05000013" "02" "00" "0000" "76706e2e6578616d706c65"
	/* ID: np ID, length 19, USER_FQDN "alice@ex.co" */
	"05000013" "03" "00" "0000" "616c6963654065782e636f"
	/* ID: np ID, length 13, KEY_ID 5 bytes */
	"0500000d" "0b" "00" "0000" "0102030405"
	/* ID: np SIG, length 16, IPV4_ADDR_RANGE 10.0.0.1-10.0.0.99, UDP 4500 */
	"09000010" "07" "11" "1194" "0a000001" "0a000063"
	/* SIG: np VID, length 12 */
	"0d00000c" "5349474e41545552"
	/* VID: last, length 8 */
	"00000008" "cafebabe";

/* NAT-OA in both numbers and both families, in a quick mode message. */
static const char natoa_hex[] =
	"0102030405060708" "1112131415161718" "15" "10" "20" "00" "00000001" "00000054"
	/* NAT-OA (RFC 3947): np NAT-OA draft, length 12, IPv4 192.168.1.7 */
	"8300000c" "01" "000000" "c0a80107"
	/* NAT-OA (draft 131): np NAT-D draft, length 24, IPv6 2001:db8::1 */
	"82000018" "05" "000000" "20010db8000000000000000000000001"
	/* NAT-D (draft 130): last, length 20 */
	"00000014" "00112233445566778899aabbccddeeff";

/* Mode-config REQUEST in a transaction exchange: variable attributes with
 * empty values (asking), and a basic one.
 */
static const char cfg_hex[] =
	"0102030405060708" "1112131415161718" "0e" "10" "06" "00" "0badcafe" "00000037"
	/* ATTR: last, length 27, REQUEST, identifier 0x1234 */
	"0000001b" "01" "00" "1234"
	"00010000"	/* INTERNAL_IP4_ADDRESS, empty */
	"00030000"	/* INTERNAL_IP4_DNS, empty */
	"00070003" "6b6970"	/* APPLICATION_VERSION "kip" */
	"80050e10";	/* INTERNAL_ADDRESS_EXPIRY 3600, basic */

/* An AH+ESP bundle (two proposals numbered 1) and an IPCOMP alternative
 * (proposal 2) with a 2-byte CPI.
 */
static const char bundle_hex[] =
	"0102030405060708" "1112131415161718" "01" "10" "20" "00" "00000002" "0000006a"
	/* SA: last, length 78 */
	"0000004e" "00000001" "00000001"
	/* P: np P, length 24, #1, AH, SPI 0x00001000, 1 transform */
	"02000018" "01" "02" "04" "01" "00001000"
	/* T: last, length 12, #1, AH_SHA, auth HMAC-SHA */
	"0000000c" "01" "03" "0000" "80050002"
	/* P: np P, length 24, #1, ESP, SPI 0x00002000, 1 transform */
	"02000018" "01" "03" "04" "01" "00002000"
	/* T: last, length 12, #1, ESP_CHACHA20_POLY1305, transport mode */
	"0000000c" "01" "1c" "0000" "80040002"
	/* P: last, length 18, #2, IPCOMP, CPI 0x0102 */
	"00000012" "02" "04" "02" "01" "0102"
	/* T: last, length 8, #2, IPCOMP_DEFLATE */
	"00000008" "02" "02" "0000";

static size_t load(const char *hex, uint8_t *buf, size_t max)
{
	return t_unhex(hex, buf, max);
}

/* Decodes every payload of @m with its decoder and encodes it again. */
static bool reencode(const struct isakmp_msg *m, struct isakmp_builder *b)
{
	static struct isakmp_sa sa;
	static struct isakmp_cfg cfg;
	struct isakmp_err err;
	size_t i;

	builder_init(b);
	builder_header(b, &m->hdr);
	for (i = 0; i < m->n; i++) {
		const struct isakmp_payload *p = &m->pl[i];
		struct isakmp_notification n;
		struct isakmp_delete d;
		struct isakmp_natoa oa;
		struct isakmp_cert c;
		struct isakmp_blob bl;
		struct isakmp_id id;
		int r = -1;

		switch (p->type) {
		case ISAKMP_NP_SA:
			if (!(r = isakmp_sa_parse(p, &sa, &err)))
				isakmp_sa_put(b, &sa);
			break;
		case ISAKMP_NP_KE:
			if (!(r = isakmp_ke_parse(p, 0, &bl, &err)))
				isakmp_blob_put(b, p->type, bl.ptr, bl.len);
			break;
		case ISAKMP_NP_HASH:
			if (!(r = isakmp_hash_parse(p, 0, &bl, &err)))
				isakmp_blob_put(b, p->type, bl.ptr, bl.len);
			break;
		case ISAKMP_NP_SIG:
			if (!(r = isakmp_sig_parse(p, &bl, &err)))
				isakmp_blob_put(b, p->type, bl.ptr, bl.len);
			break;
		case ISAKMP_NP_NONCE:
			if (!(r = isakmp_nonce_parse(p, &bl, &err)))
				isakmp_blob_put(b, p->type, bl.ptr, bl.len);
			break;
		case ISAKMP_NP_VID:
		case ISAKMP_NP_NATD:
		case ISAKMP_NP_NATD_DRAFT:
			if (!(r = isakmp_data_parse(p, &bl, &err)))
				isakmp_blob_put(b, p->type, bl.ptr, bl.len);
			break;
		case ISAKMP_NP_ID:
			if (!(r = isakmp_id_parse(p, &id, &err)))
				isakmp_id_put(b, &id);
			break;
		case ISAKMP_NP_CERT:
			if (!(r = isakmp_cert_parse(p, &c, &err)))
				isakmp_cert_put(b, p->type, &c);
			break;
		case ISAKMP_NP_CR:
			if (!(r = isakmp_cr_parse(p, &c, &err)))
				isakmp_cert_put(b, p->type, &c);
			break;
		case ISAKMP_NP_N:
			if (!(r = isakmp_notify_parse(p, &n, &err)))
				isakmp_notify_put(b, &n);
			break;
		case ISAKMP_NP_D:
			if (!(r = isakmp_delete_parse(p, &d, &err)))
				isakmp_delete_put(b, &d);
			break;
		case ISAKMP_NP_NATOA:
		case ISAKMP_NP_NATOA_DRAFT:
			if (!(r = isakmp_natoa_parse(p, &oa, &err)))
				isakmp_natoa_put(b, p->type, &oa);
			break;
		case ISAKMP_NP_ATTR:
			if (!(r = isakmp_cfg_parse(p, &cfg, &err)))
				isakmp_cfg_put(b, &cfg);
			break;
		}
		if (r) {
			T_FAIL("payload %zu (type %u): %s", i, p->type, err.msg);
			return false;
		}
	}
	if (builder_finish(b)) {
		T_FAIL("builder failed");
		return false;
	}
	return true;
}

/* Parses @hex, checks it has @npayloads, and re-encodes it exactly. */
static bool roundtrip(const char *hex, size_t npayloads, struct isakmp_msg *m,
		      uint8_t *buf, size_t max)
{
	struct isakmp_builder b;
	struct isakmp_err err;
	size_t len = load(hex, buf, max);
	bool ok;

	if (isakmp_parse_header(&m->hdr, buf, len, &err) ||
	    isakmp_parse_payloads(m, buf, len, &err)) {
		T_FAIL("parse: %s", err.msg);
		return false;
	}
	if (m->n != npayloads) {
		T_FAIL("%zu payloads, expected %zu", m->n, npayloads);
		return false;
	}
	if (!reencode(m, &b))
		return false;
	ok = t_mem_eq(__FILE__, __LINE__, "re-encoded message", b.buf, b.len,
		      buf, len);
	builder_free(&b);
	return ok;
}

static struct isakmp_sa sa;
static uint8_t buf[2048];
static struct isakmp_msg msg;

static void main_mode_1(void)
{
	const struct isakmp_transform *t;
	const struct isakmp_attr *a;
	struct isakmp_err err;
	uint64_t v;

	if (!roundtrip(mm1_hex, 3, &msg, buf, sizeof(buf)))
		return;
	T_ASSERT_INT(msg.hdr.exchange, ISAKMP_XCHG_IDPROT);
	T_ASSERT_INT(msg.hdr.length, 160);
	T_ASSERT_INT(msg.pl[0].type, ISAKMP_NP_SA);
	T_ASSERT_INT(msg.pl[0].offset, 28);
	T_ASSERT_INT(msg.pl[2].offset, 140);
	T_ASSERT(!isakmp_sa_parse(&msg.pl[0], &sa, &err));
	T_ASSERT_INT(sa.nprops, 1);
	T_ASSERT_INT(sa.props[0].protocol, ISAKMP_PROTO_ISAKMP);
	T_ASSERT_INT(sa.props[0].nxforms, 2);
	t = isakmp_sa_xform(&sa, &sa.props[0], 0);
	T_ASSERT_INT(t->id, IKE_XFORM_KEY_IKE);
	T_ASSERT_INT(t->nattrs, 7);
	a = isakmp_attr_find(isakmp_xform_attrs(&sa, t), t->nattrs, IKE_ATTR_KEY_LENGTH);
	T_ASSERT(a && !a->tlv && a->basic == 256);
	t = isakmp_sa_xform(&sa, &sa.props[0], 1);
	T_ASSERT_INT(t->num, 2);
	a = isakmp_attr_find(isakmp_xform_attrs(&sa, t), t->nattrs, IKE_ATTR_LIFE_DURATION);
	T_ASSERT(a && a->tlv && a->len == 4);
	T_ASSERT(isakmp_attr_number(a, &v));
	T_ASSERT_INT(v, 86400);
}

/* The same message built through the SA builder API. */
static void main_mode_1_built(void)
{
	static const uint8_t vid1[16] = {
		0x4a, 0x13, 0x1c, 0x81, 0x07, 0x03, 0x58, 0x45,
		0x5c, 0x57, 0x28, 0xf2, 0x0e, 0x95, 0x45, 0x2f };
	static const uint8_t vid2[16] = {
		0xaf, 0xca, 0xd7, 0x13, 0x68, 0xa1, 0xf1, 0xc9,
		0x6b, 0x86, 0x96, 0xfc, 0x77, 0x57, 0x01, 0x00 };
	struct isakmp_header h = {
		.icookie = { 1, 2, 3, 4, 5, 6, 7, 8 },
		.version = ISAKMP_VERSION,
		.exchange = ISAKMP_XCHG_IDPROT,
	};
	struct isakmp_builder b;
	size_t len = load(mm1_hex, buf, sizeof(buf));

	isakmp_sa_init(&sa);
	isakmp_sa_add_proposal(&sa, 1, ISAKMP_PROTO_ISAKMP, NULL, 0);
	isakmp_sa_add_transform(&sa, 1, IKE_XFORM_KEY_IKE);
	isakmp_sa_add_attr(&sa, IKE_ATTR_ENCR, IKE_ENCR_AES_CBC);
	isakmp_sa_add_attr(&sa, IKE_ATTR_KEY_LENGTH, 256);
	isakmp_sa_add_attr(&sa, IKE_ATTR_HASH, IKE_HASH_SHA2_256);
	isakmp_sa_add_attr(&sa, IKE_ATTR_AUTH, IKE_AUTH_PSK);
	isakmp_sa_add_attr(&sa, IKE_ATTR_GROUP_DESC, IKE_GROUP_MODP2048);
	isakmp_sa_add_attr(&sa, IKE_ATTR_LIFE_TYPE, IKE_LIFE_SECONDS);
	isakmp_sa_add_attr(&sa, IKE_ATTR_LIFE_DURATION, 28800);
	isakmp_sa_add_transform(&sa, 2, IKE_XFORM_KEY_IKE);
	isakmp_sa_add_attr(&sa, IKE_ATTR_ENCR, IKE_ENCR_3DES_CBC);
	isakmp_sa_add_attr(&sa, IKE_ATTR_HASH, IKE_HASH_SHA1);
	isakmp_sa_add_attr(&sa, IKE_ATTR_AUTH, IKE_AUTH_PSK);
	isakmp_sa_add_attr(&sa, IKE_ATTR_GROUP_DESC, IKE_GROUP_MODP1024);
	isakmp_sa_add_attr(&sa, IKE_ATTR_LIFE_TYPE, IKE_LIFE_SECONDS);
	isakmp_sa_add_attr(&sa, IKE_ATTR_LIFE_DURATION, 86400);
	T_ASSERT(!sa.full);

	builder_init(&b);
	builder_header(&b, &h);
	isakmp_sa_put(&b, &sa);
	isakmp_blob_put(&b, ISAKMP_NP_VID, vid1, sizeof(vid1));
	isakmp_blob_put(&b, ISAKMP_NP_VID, vid2, sizeof(vid2));
	T_ASSERT(!builder_finish(&b));
	t_mem_eq(__FILE__, __LINE__, "built message", b.buf, b.len, buf, len);
	builder_free(&b);
}

static void main_mode_3(void)
{
	struct isakmp_blob ke, nonce;
	struct isakmp_err err;

	if (!roundtrip(mm3_hex, 4, &msg, buf, sizeof(buf)))
		return;
	T_ASSERT(!isakmp_ke_parse(&msg.pl[0], 16, &ke, &err));
	T_ASSERT_INT(ke.ptr[0], 0x00);
	T_ASSERT_INT(ke.ptr[15], 0xff);
	T_ASSERT(!isakmp_nonce_parse(&msg.pl[1], &nonce, &err));
	T_ASSERT_INT(nonce.len, 16);
	T_ASSERT_INT(msg.pl[3].type, ISAKMP_NP_NATD);
}

static void main_mode_5(void)
{
	struct isakmp_notification n;
	struct isakmp_err err;
	struct isakmp_id id;

	if (!roundtrip(mm5_hex, 3, &msg, buf, sizeof(buf)))
		return;
	T_ASSERT(!isakmp_id_parse(&msg.pl[0], &id, &err));
	T_ASSERT_INT(id.type, IPSEC_ID_IPV4_ADDR);
	T_ASSERT_INT(id.protocol, 17);
	T_ASSERT_INT(id.port, 500);
	T_ASSERT_INT(id.len, 4);
	T_ASSERT_INT(get_be32(id.data), 0xc0000201);
	T_ASSERT(!isakmp_notify_parse(&msg.pl[2], &n, &err));
	T_ASSERT_INT(n.type, IPSEC_N_INITIAL_CONTACT);
	T_ASSERT_INT(n.spi_size, 16);
	T_ASSERT_INT(n.spi[8], 0x11);
	T_ASSERT_INT(n.len, 0);
}

static void quick_mode_1(void)
{
	const struct isakmp_transform *t;
	const struct isakmp_attr *a;
	struct isakmp_err err;
	struct isakmp_id id;
	uint64_t v;

	if (!roundtrip(qm1_hex, 6, &msg, buf, sizeof(buf)))
		return;
	T_ASSERT_INT(msg.hdr.msgid, 0xdeadbeef);
	T_ASSERT_INT(msg.hdr.flags, ISAKMP_FLAG_ENC);
	T_ASSERT(!isakmp_sa_parse(&msg.pl[1], &sa, &err));
	T_ASSERT_INT(sa.props[0].protocol, ISAKMP_PROTO_ESP);
	T_ASSERT_INT(get_be32(sa.props[0].spi), 0xc0ffee01);
	t = isakmp_sa_xform(&sa, &sa.props[0], 0);
	T_ASSERT_INT(t->id, IPSEC_ESP_AES_CBC);
	T_ASSERT_INT(t->nattrs, 7);
	a = isakmp_xform_attrs(&sa, t);
	T_ASSERT_INT(a[6].type, IPSEC_ATTR_LIFE_DURATION);
	T_ASSERT(isakmp_attr_number(&a[6], &v));
	T_ASSERT_INT(v, 123456);
	T_ASSERT(!isakmp_id_parse(&msg.pl[5], &id, &err));
	T_ASSERT_INT(id.type, IPSEC_ID_IPV6_ADDR_SUBNET);
	T_ASSERT_INT(id.port, 443);
}

static void informational_delete(void)
{
	struct isakmp_err err;
	struct isakmp_delete d;

	if (!roundtrip(info_hex, 2, &msg, buf, sizeof(buf)))
		return;
	T_ASSERT(!isakmp_delete_parse(&msg.pl[1], &d, &err));
	T_ASSERT_INT(d.protocol, ISAKMP_PROTO_ESP);
	T_ASSERT_INT(d.nspis, 2);
	T_ASSERT_INT(get_be32(d.spis + 4), 0xc0000102);
}

static void cert_cr_sig_ids(void)
{
	struct isakmp_err err;
	struct isakmp_cert c;
	struct isakmp_id id;

	if (!roundtrip(sig_hex, 8, &msg, buf, sizeof(buf)))
		return;
	T_ASSERT(!isakmp_cert_parse(&msg.pl[0], &c, &err));
	T_ASSERT_INT(c.encoding, ISAKMP_CERT_X509_SIG);
	T_ASSERT_INT(c.len, 7);
	T_ASSERT(!isakmp_cr_parse(&msg.pl[1], &c, &err));
	T_ASSERT_INT(c.len, 0);
	T_ASSERT(!isakmp_id_parse(&msg.pl[2], &id, &err));
	T_ASSERT_INT(id.type, IPSEC_ID_FQDN);
	T_ASSERT_MEM(id.data, id.len, "vpn.example", 11);
	T_ASSERT(!isakmp_id_parse(&msg.pl[5], &id, &err));
	T_ASSERT_INT(id.type, IPSEC_ID_IPV4_ADDR_RANGE);
	T_ASSERT_INT(id.port, 4500);
}

static void nat_oa(void)
{
	struct isakmp_natoa oa;
	struct isakmp_err err;

	if (!roundtrip(natoa_hex, 3, &msg, buf, sizeof(buf)))
		return;
	T_ASSERT_INT(msg.pl[0].type, ISAKMP_NP_NATOA);
	T_ASSERT_INT(msg.pl[1].type, ISAKMP_NP_NATOA_DRAFT);
	T_ASSERT_INT(msg.pl[2].type, ISAKMP_NP_NATD_DRAFT);
	T_ASSERT(!isakmp_natoa_parse(&msg.pl[1], &oa, &err));
	T_ASSERT_INT(oa.addr_len, 16);
	T_ASSERT_INT(oa.addr[15], 1);
}

static void mode_config(void)
{
	static struct isakmp_cfg cfg;
	struct isakmp_err err;

	if (!roundtrip(cfg_hex, 1, &msg, buf, sizeof(buf)))
		return;
	T_ASSERT(!isakmp_cfg_parse(&msg.pl[0], &cfg, &err));
	T_ASSERT_INT(cfg.type, ISAKMP_CFG_REQUEST);
	T_ASSERT_INT(cfg.identifier, 0x1234);
	T_ASSERT_INT(cfg.nattrs, 4);
	T_ASSERT(cfg.attrs[0].tlv && cfg.attrs[0].len == 0);
	T_ASSERT(cfg.attrs[2].tlv && cfg.attrs[2].len == 3);
	T_ASSERT(!cfg.attrs[3].tlv && cfg.attrs[3].basic == 3600);
}

static void bundle_and_ipcomp(void)
{
	struct isakmp_err err;

	if (!roundtrip(bundle_hex, 1, &msg, buf, sizeof(buf)))
		return;
	T_ASSERT(!isakmp_sa_parse(&msg.pl[0], &sa, &err));
	T_ASSERT_INT(sa.nprops, 3);
	T_ASSERT_INT(sa.props[0].num, 1);
	T_ASSERT_INT(sa.props[1].num, 1);
	T_ASSERT_INT(sa.props[1].protocol, ISAKMP_PROTO_ESP);
	T_ASSERT_INT(sa.props[2].protocol, ISAKMP_PROTO_IPCOMP);
	T_ASSERT_INT(sa.props[2].spi_size, 2);
	T_ASSERT_INT(isakmp_sa_xform(&sa, &sa.props[1], 0)->id,
		     IPSEC_ESP_CHACHA20_POLY1305);
}

/* A 64 KiB payload cannot be written: the builder must say so. */
static void builder_overflow(void)
{
	static uint8_t big[70000];
	struct isakmp_header h = { .icookie = { 1 }, .version = ISAKMP_VERSION,
				   .exchange = ISAKMP_XCHG_IDPROT };
	struct isakmp_builder b;

	builder_init(&b);
	builder_header(&b, &h);
	isakmp_blob_put(&b, ISAKMP_NP_VID, big, sizeof(big));
	T_ASSERT(builder_finish(&b) == -1);
	builder_free(&b);

	/* An SA whose builder ran out of room is refused too. */
	isakmp_sa_init(&sa);
	isakmp_sa_add_transform(&sa, 1, 1);	/* no proposal yet */
	T_ASSERT(sa.full);
	builder_init(&b);
	builder_header(&b, &h);
	isakmp_sa_put(&b, &sa);
	T_ASSERT(builder_finish(&b) == -1);
	builder_free(&b);
}

/* Large numbers become 8-byte variable attributes and read back. */
static void attribute_numbers(void)
{
	const struct isakmp_attr *a;
	uint64_t v;

	isakmp_sa_init(&sa);
	isakmp_sa_add_proposal(&sa, 1, ISAKMP_PROTO_ESP, (const uint8_t *)"\0\0\1\0", 4);
	isakmp_sa_add_transform(&sa, 1, IPSEC_ESP_AES_CBC);
	isakmp_sa_add_attr(&sa, IPSEC_ATTR_LIFE_DURATION, 0xffff);
	isakmp_sa_add_attr(&sa, IPSEC_ATTR_LIFE_DURATION, 0x10000);
	isakmp_sa_add_attr(&sa, IPSEC_ATTR_LIFE_DURATION, 0x123456789aULL);
	T_ASSERT(!sa.full);
	a = sa.attrs;
	T_ASSERT(!a[0].tlv && a[0].basic == 0xffff);
	T_ASSERT(a[1].tlv && a[1].len == 4);
	T_ASSERT(a[2].tlv && a[2].len == 8);
	T_ASSERT(isakmp_attr_number(&a[2], &v));
	T_ASSERT(v == 0x123456789aULL);
}

/* The one-line description `ikev1d -d` logs: no secrets, only shapes. */
static void describe(void)
{
	char d[512];

	if (!roundtrip(qm1_hex, 6, &msg, buf, sizeof(buf)))
		return;
	T_ASSERT_STR(isakmp_describe(&msg, d, sizeof(d)),
		     "QUICK M-ID 0xdeadbeef (encrypted): HASH(20) SA(#1 ESP spi "
		     "0xc0ffee01: 1 xform) NONCE(32) KE(8) ID(IPV4_ADDR_SUBNET, 8 bytes) "
		     "ID(IPV6_ADDR_SUBNET, 32 bytes)");
	if (!roundtrip(info_hex, 2, &msg, buf, sizeof(buf)))
		return;
	T_ASSERT_STR(isakmp_describe(&msg, d, sizeof(d)),
		     "INFORMATIONAL M-ID 0x01020304 (encrypted): HASH(16) D(ESP, 2 SPIs)");
	if (!roundtrip(mm5_hex, 3, &msg, buf, sizeof(buf)))
		return;
	T_ASSERT(strstr(isakmp_describe(&msg, d, sizeof(d)), "N(INITIAL-CONTACT)"));
}

int main(void)
{
	t_init("codec");
	T_RUN(main_mode_1);
	T_RUN(main_mode_1_built);
	T_RUN(main_mode_3);
	T_RUN(main_mode_5);
	T_RUN(quick_mode_1);
	T_RUN(informational_delete);
	T_RUN(cert_cr_sig_ids);
	T_RUN(nat_oa);
	T_RUN(mode_config);
	T_RUN(bundle_and_ipcomp);
	T_RUN(builder_overflow);
	T_RUN(attribute_numbers);
	T_RUN(describe);
	return t_done();
}
