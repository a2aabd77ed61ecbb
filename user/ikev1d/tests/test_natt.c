// SPDX-License-Identifier: GPL-2.0
/*
 * NAT traversal (RFC 3947): the vendor IDs are the MD5 of their names, the
 * NAT-D hash against vectors computed elsewhere (Python's hashlib), what
 * arrives on port 4500, the encapsulation modes, the peer's NAT-D payloads
 * (good, and each malformed one refused), and two engines through a NAT
 * that rewrites A's ports: detection on both sides, floating to 4500, the
 * UDP ports on the kernel's SAs, keepalives from behind the NAT, a NAT that
 * changes its mapping, forced encapsulation without a NAT, and NAT-T
 * switched off.
 */
#include "builder.h"
#include "harness.h"
#include "ike.h"
#include "natt.h"
#include "payload.h"
#include "prf.h"

static const uint8_t icky[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
static const uint8_t rcky[8] = { 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18 };

static void vids_are_md5_of_names(void)
{
	uint8_t md5[16], vid[16];
	char name[64], *nl;
	int i, n = 0;

	for (i = 0; natt_vid_name(i)[0] != '?'; i++, n++) {
		snprintf(name, sizeof(name), "%s", natt_vid_name(i));
		/* One draft's name ends in a newline, written "\n". */
		nl = strstr(name, "\\n");
		if (nl)
			strcpy(nl, "\n");
		T_ASSERT(!ike_hash(IKE_HASH_MD5, &CHUNK(name, strlen(name)), 1, md5));
		T_ASSERT_INT(natt_vid_lookup(md5, 16), i);
	}
	T_ASSERT_INT(n, 7);
	T_ASSERT_INT(natt_vid_variant(0), NATT_RFC);
	T_ASSERT_STR(natt_vid_name(0), "RFC 3947");
	T_ASSERT_INT(t_unhex("90cb80913ebb696e086381b5ec427b1f", vid, 16), 16);
	T_ASSERT_INT(natt_vid_variant(natt_vid_lookup(vid, 16)), NATT_DRAFT);
	/* draft-00 is known, but floated another way: not spoken. */
	T_ASSERT_INT(t_unhex("4485152d18b6bbcd0be8a8469579ddcc", vid, 16), 16);
	T_ASSERT_INT(natt_vid_variant(natt_vid_lookup(vid, 16)), NATT_NONE);
	T_ASSERT_INT(natt_vid_lookup(vid, 15), -1);
	vid[0] ^= 1;
	T_ASSERT_INT(natt_vid_lookup(vid, 16), -1);
}

static const struct {
	uint16_t hash;
	const char *addr;
	uint16_t port;
	const char *want;
} natd_vectors[] = {
	{ IKE_HASH_SHA1, "192.0.2.1", 500, "d798d986143f878f70765e0e869c80bbc375f701" },
	{ IKE_HASH_SHA1, "192.0.2.1", 4500, "5184f43875ff7d9e3dfdc92bd1dee1a08204de3e" },
	{ IKE_HASH_SHA1, "2001:db8::1", 4500, "1ee24423bf8f59515e0265c6d0f08be3d038f7e5" },
	{ IKE_HASH_SHA2_256, "192.0.2.1", 500,
	  "1f2143b5f4921e97f1d040b016b4443a97ba0383703aa02d511907f137b11a77" },
	{ IKE_HASH_SHA2_256, "192.0.2.1", 4500,
	  "222e83e955c058911184b36e1c41ad856bdd4994ef1c59496bf5aef8c59dca81" },
	{ IKE_HASH_SHA2_256, "2001:db8::1", 4500,
	  "f26bded36c9c6218f5e43c19352fb1c2561482db7b298a81f617ff223923e39e" },
};

static void natd_hash_vectors(void)
{
	uint8_t got[IKE_HASH_MAX], want[IKE_HASH_MAX];
	struct ike_endpoint ep;
	size_t i, n;

	for (i = 0; i < sizeof(natd_vectors) / sizeof(natd_vectors[0]); i++) {
		memset(&ep, 0, sizeof(ep));
		T_ASSERT(kips_addr_parse(natd_vectors[i].addr, &ep.addr));
		ep.port = natd_vectors[i].port;
		n = t_unhex(natd_vectors[i].want, want, sizeof(want));
		T_ASSERT_INT(n, ike_hash_len(natd_vectors[i].hash));
		T_ASSERT(!natt_natd_hash(natd_vectors[i].hash, icky, rcky, &ep, got));
		T_ASSERT_MEM(got, n, want, n);
	}
}

static void port_4500_classes(void)
{
	static const uint8_t ike[] = { 0, 0, 0, 0, 1, 2, 3, 4, 5 };
	static const uint8_t esp[] = { 0, 0, 0x10, 0, 0, 0, 0, 1, 0xaa };
	static const uint8_t ka = 0xff, zero4[4] = { 0 }, zero1 = 0;

	T_ASSERT_INT(natt_classify(ike, sizeof(ike)), NATT_RX_IKE);
	T_ASSERT_INT(natt_classify(&ka, 1), NATT_RX_KEEPALIVE);
	T_ASSERT_INT(natt_classify(esp, sizeof(esp)), NATT_RX_NOT_IKE);
	/* A marker with nothing behind it is no message. */
	T_ASSERT_INT(natt_classify(zero4, 4), NATT_RX_NOT_IKE);
	T_ASSERT_INT(natt_classify(&zero1, 1), NATT_RX_NOT_IKE);
	T_ASSERT_INT(natt_classify(ike, 0), NATT_RX_NOT_IKE);
}

static void encapsulation_modes(void)
{
	T_ASSERT_INT(natt_encap_mode(KIPS_MODE_TUNNEL, false, NATT_RFC), IPSEC_ENCAP_TUNNEL);
	T_ASSERT_INT(natt_encap_mode(KIPS_MODE_TUNNEL, true, NATT_RFC), 3);
	T_ASSERT_INT(natt_encap_mode(KIPS_MODE_TRANSPORT, true, NATT_RFC), 4);
	T_ASSERT_INT(natt_encap_mode(KIPS_MODE_TUNNEL, true, NATT_DRAFT), 61443);
	T_ASSERT_INT(natt_encap_mode(KIPS_MODE_TRANSPORT, true, NATT_DRAFT), 61444);
	T_ASSERT_INT(natt_encap_mode(KIPS_MODE_TRANSPORT, false, NATT_DRAFT),
		     IPSEC_ENCAP_TRANSPORT);
	T_ASSERT(natt_encap_fits(0, 3));
	T_ASSERT(natt_encap_fits(61443, 3));
	T_ASSERT(natt_encap_fits(3, 61443));
	T_ASSERT(!natt_encap_fits(4, 3));
	T_ASSERT(!natt_encap_fits(1, 3));
	T_ASSERT(!natt_encap_fits(3, 1));
	T_ASSERT(!natt_encap_fits(61444, 61443));
}

/* --- the peer's NAT-D payloads, on an SA made by hand --- */

static struct ike_sa *natd_sa(enum natt_variant v)
{
	struct ike_endpoint l = { .port = 500 }, r = { .port = 500 };
	struct ike_sa *sa;

	if (!setup(V4("", "")))
		return NULL;
	kips_addr_parse("10.0.0.1", &l.addr);
	kips_addr_parse("10.0.0.2", &r.addr);
	sa = ike_sa_new(A.e, &A.conf.conns[0], true, &l, &r);
	if (!sa)
		return NULL;
	memcpy(sa->icookie, icky, 8);
	memcpy(sa->rcookie, rcky, 8);
	sa->p1.hash = p1_hash_by_id(IKE_HASH_SHA1);
	sa->natt.variant = v;
	return sa;
}

/* A message of NAT-D payloads: @n of @type, of @len bytes; the first the
 * hash of @dst, the others of @src (where given).
 */
static bool natd_msg(struct isakmp_msg *m, struct isakmp_builder *b, uint8_t type,
		     size_t n, size_t len, const struct ike_endpoint *dst,
		     const struct ike_endpoint *src)
{
	struct isakmp_header h = { .version = ISAKMP_VERSION,
				   .exchange = ISAKMP_XCHG_IDPROT };
	struct isakmp_err err;
	uint8_t hash[IKE_HASH_MAX];
	size_t i;

	memcpy(h.icookie, icky, 8);
	memcpy(h.rcookie, rcky, 8);
	builder_init(b);
	builder_header(b, &h);
	for (i = 0; i < n; i++) {
		memset(hash, 0xab, sizeof(hash));
		if (i == 0 && dst)
			natt_natd_hash(IKE_HASH_SHA1, icky, rcky, dst, hash);
		else if (i > 0 && src)
			natt_natd_hash(IKE_HASH_SHA1, icky, rcky, src, hash);
		isakmp_blob_put(b, type, hash, len);
	}
	return !builder_finish(b) && !isakmp_parse(m, b->buf, b->len, &err);
}

static void natd_payloads(void)
{
	static struct isakmp_msg m;
	struct isakmp_builder b;
	struct ike_sa *sa = natd_sa(NATT_RFC);
	struct ike_endpoint moved;

	T_ASSERT(sa);
	logging_side = &A;
	/* Both match: no NAT. */
	T_ASSERT(natd_msg(&m, &b, ISAKMP_NP_NATD, 2, 20, &sa->local, &sa->remote));
	T_ASSERT_INT(natt_take_natd(sa, &m), 0);
	builder_free(&b);
	T_ASSERT(sa->natt.detected && !sa->natt.nat_here && !sa->natt.nat_there);
	T_ASSERT(!natt_in_use(sa));
	/* The peer saw us from another port; its own address is one of
	 * several it lists.
	 */
	moved = sa->local;
	moved.port = 31000;
	T_ASSERT(natd_msg(&m, &b, ISAKMP_NP_NATD, 3, 20, &moved, &sa->remote));
	T_ASSERT_INT(natt_take_natd(sa, &m), 0);
	builder_free(&b);
	T_ASSERT(sa->natt.nat_here && !sa->natt.nat_there);
	T_ASSERT(natt_in_use(sa));
	T_ASSERT_INT(natt_qm_encap(sa), IPSEC_ENCAP_UDP_TUNNEL);
	/* None of its sources is where it came from. */
	T_ASSERT(natd_msg(&m, &b, ISAKMP_NP_NATD, 2, 20, &sa->local, NULL));
	T_ASSERT_INT(natt_take_natd(sa, &m), 0);
	builder_free(&b);
	T_ASSERT(!sa->natt.nat_here && sa->natt.nat_there);
	T_ASSERT(strstr(A.log, "NAT detection: no NAT here (we are 10.0.0.1:500), "
			"NAT there (the peer is 10.0.0.2:500): UDP encapsulation"));

	/* Malformed: refused, with a log line, and nothing changes. */
	sa->natt.nat_there = false;
	T_ASSERT(natd_msg(&m, &b, ISAKMP_NP_NATD, 2, 32, &sa->local, NULL));
	T_ASSERT_INT(natt_take_natd(sa, &m), ISAKMP_N_PAYLOAD_MALFORMED);
	builder_free(&b);
	T_ASSERT(strstr(A.log, "malformed NAT-D: 32 bytes, the negotiated hash has 20"));
	T_ASSERT(natd_msg(&m, &b, ISAKMP_NP_NATD, 1, 20, &sa->local, NULL));
	T_ASSERT_INT(natt_take_natd(sa, &m), ISAKMP_N_PAYLOAD_MALFORMED);
	builder_free(&b);
	T_ASSERT(strstr(A.log, "malformed NAT-D: 1 payloads where both ends need one"));
	T_ASSERT(natd_msg(&m, &b, ISAKMP_NP_NATD_DRAFT, 2, 20, &sa->local, NULL));
	T_ASSERT_INT(natt_take_natd(sa, &m), ISAKMP_N_INVALID_PAYLOAD_TYPE);
	builder_free(&b);
	T_ASSERT(strstr(A.log, "malformed NAT-D: payload type 130, but RFC 3947 was agreed"));
	T_ASSERT(!sa->natt.nat_there);
	/* None at all: no detection, but no refusal either. */
	sa->natt.detected = false;
	T_ASSERT(natd_msg(&m, &b, ISAKMP_NP_VID, 1, 16, NULL, NULL));
	T_ASSERT_INT(natt_take_natd(sa, &m), 0);
	builder_free(&b);
	T_ASSERT(!sa->natt.detected && !natt_in_use(sa));
	T_ASSERT(strstr(A.log, "no NAT-D payloads from the peer"));
	sa->natt.detected = true;

	/* The draft's number with the draft, and its encapsulation modes. */
	sa->natt.variant = NATT_DRAFT;
	T_ASSERT(natd_msg(&m, &b, ISAKMP_NP_NATD_DRAFT, 2, 20, &sa->local, NULL));
	T_ASSERT_INT(natt_take_natd(sa, &m), 0);
	builder_free(&b);
	T_ASSERT(sa->natt.nat_there);
	T_ASSERT_INT(natt_qm_encap(sa), IPSEC_ENCAP_UDP_TUNNEL_DRAFT);

	/* Without NAT-T agreed, NAT-D payloads are not looked at. */
	sa->natt.variant = NATT_NONE;
	sa->natt.detected = false;
	T_ASSERT(natd_msg(&m, &b, ISAKMP_NP_NATD, 1, 3, NULL, NULL));
	T_ASSERT_INT(natt_take_natd(sa, &m), 0);
	builder_free(&b);
	T_ASSERT(!natt_in_use(sa));
	logging_side = NULL;
}

/* --- two engines through a NAT --- */

static struct kips_sa *sa_to(struct fake_kernel *k, const char *dst)
{
	struct kips_addr a;
	size_t i;

	kips_addr_parse(dst, &a);
	for (i = 0; i < k->nsa; i++)
		if (kips_addr_equal(&k->sa[i].dst, &a) && !k->larval[i])
			return &k->sa[i];
	return NULL;
}

#define T_ENCAP(k, dst, sport, dport) do {					\
	struct kips_sa *s_ = sa_to(k, dst);					\
	T_ASSERT(s_);								\
	T_ASSERT(KIPS_HAS(s_, KIPS_SA_A_ENCAP_SPORT) &&				\
		 KIPS_HAS(s_, KIPS_SA_A_ENCAP_DPORT));				\
	T_ASSERT_INT(s_->encap_sport, sport);					\
	T_ASSERT_INT(s_->encap_dport, dport);					\
} while (0)

static void through_a_nat(void)
{
	if (!setup(V4("nat-keepalive = 20s;", "")))
		{ T_FAIL("bad configuration"); return; }
	nat_shift = 1000;
	T_ASSERT(initiate(&A));
	deliver();
	T_ASSERT_INT(engine_child_sas(A.e), 1);
	T_ASSERT_INT(engine_child_sas(B.e), 1);
	T_PAIRS();
	T_ASSERT(strstr(A.log, "NAT traversal agreed (RFC 3947)"));
	T_ASSERT(strstr(B.log, "NAT traversal agreed (RFC 3947)"));
	T_ASSERT(strstr(A.log, "NAT detection: NAT here"));
	T_ASSERT(strstr(B.log, "NAT detection: no NAT here (we are 10.0.0.2:500), "
			"NAT there (the peer is 10.0.0.1:1500)"));
	T_ASSERT(strstr(A.log, "floating to port 4500"));
	T_ASSERT(strstr(B.log, "the peer floated: now 10.0.0.2:4500 -> 10.0.0.1:5500"));
	/* The UDP header each SA's packets carry, as XFRM's encap. */
	T_ENCAP(&A.k, "10.0.0.2", 4500, 4500);
	T_ENCAP(&A.k, "10.0.0.1", 4500, 4500);
	T_ENCAP(&B.k, "10.0.0.1", 4500, 5500);
	T_ENCAP(&B.k, "10.0.0.2", 5500, 4500);

	/* Keepalives from behind the NAT only. */
	tick(21000);
	deliver();
	tick(21000);
	deliver();
	T_ASSERT(keepalives[0] >= 1);
	T_ASSERT_INT(keepalives[1], 0);

	/* The NAT forgets and maps A anew: B follows the next
	 * authenticated message, its SAs too.
	 */
	nat_shift = 2000;
	T_ASSERT(initiate(&A));		/* a second quick mode */
	deliver();
	T_ASSERT(strstr(B.log, "the peer moved from 10.0.0.1:5500 to 10.0.0.1:6500"));
	T_ENCAP(&B.k, "10.0.0.1", 4500, 6500);
	T_ENCAP(&B.k, "10.0.0.2", 6500, 4500);
}

static void aggressive_through_a_nat(void)
{
	if (!setup(V4("exchange = aggressive;", "exchange = aggressive;")))
		{ T_FAIL("bad configuration"); return; }
	nat_shift = 7;
	T_ASSERT(initiate(&A));
	deliver();
	T_ASSERT_INT(engine_child_sas(A.e), 1);
	T_ASSERT_INT(engine_child_sas(B.e), 1);
	T_ASSERT(strstr(A.log, "NAT detection: NAT here"));
	T_ASSERT(strstr(B.log, "NAT there (the peer is 10.0.0.1:4507)"));
	T_ENCAP(&B.k, "10.0.0.1", 4500, 4507);
}

static void forced_without_nat(void)
{
	if (!setup("conn t { local = 10.0.0.1; remote = 10.0.0.2; psk = \"k\";"
		   " mode = transport; nat-traversal = force; }",
		   "conn t { local = 10.0.0.2; remote = 10.0.0.1; psk = \"k\";"
		   " mode = transport; }"))
		{ T_FAIL("bad configuration"); return; }
	T_ASSERT(initiate(&A));
	deliver();
	T_ASSERT_INT(engine_child_sas(B.e), 1);
	/* Our made-up source hash shows the peer a NAT in front of us. */
	T_ASSERT(strstr(A.log, "no NAT here"));
	T_ASSERT(strstr(B.log, "NAT there"));
	T_ASSERT(strstr(A.log, "floating to port 4500"));
	T_ENCAP(&A.k, "10.0.0.2", 4500, 4500);
	T_ENCAP(&B.k, "10.0.0.1", 4500, 4500);
	/* Transport mode carries NAT-OA both ways. */
	T_ASSERT(strstr(B.log, "NAT-OAi 10.0.0.1"));
	T_ASSERT(strstr(A.log, "NAT-OAr 10.0.0.2"));
}

static void switched_off(void)
{
	if (!setup(V4("nat-traversal = no;", "")))
		{ T_FAIL("bad configuration"); return; }
	nat_shift = 1000;
	T_ASSERT(initiate(&A));
	deliver();
	T_ASSERT_INT(engine_child_sas(B.e), 1);
	T_ASSERT(!strstr(A.log, "NAT traversal agreed"));
	T_ASSERT(!strstr(B.log, "NAT traversal agreed"));
	T_ASSERT(!KIPS_HAS(sa_to(&B.k, "10.0.0.1"), KIPS_SA_A_ENCAP_SPORT));
	T_ASSERT(!KIPS_HAS(sa_to(&A.k, "10.0.0.2"), KIPS_SA_A_ENCAP_SPORT));
}

int main(void)
{
	t_init("natt");
	ike_log_setup(IKE_LOG_DEBUG, sink, NULL);
	T_RUN(vids_are_md5_of_names);
	T_RUN(natd_hash_vectors);
	T_RUN(port_4500_classes);
	T_RUN(encapsulation_modes);
	T_RUN(natd_payloads);
	T_RUN(through_a_nat);
	T_RUN(aggressive_through_a_nat);
	T_RUN(forced_without_nat);
	T_RUN(switched_off);
	teardown();
	return t_done();
}
