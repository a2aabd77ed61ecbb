// SPDX-License-Identifier: GPL-2.0
/*
 * Two engines talking to each other in memory, each with a fake kernel
 * that records SAs and policies: main mode, aggressive mode and quick mode
 * with and without PFS, tunnel and transport, IPv4 and IPv6; the failures
 * issue 6 names (wrong key, proposal mismatch, proxy-ID mismatch) leaving
 * nothing installed and saying why on both sides; retransmission,
 * duplicates, garbage, deletes and RESPONDER-LIFETIME.
 */
#include "control.h"
#include "harness.h"

static void main_mode_tunnel(void)
{
	up(V4("ike = aes256-sha256-modp2048; esp = aes128-sha1;",
	      "ike = aes256-sha256-modp2048; esp = aes128-sha1;"));
	T_ASSERT_INT(engine_ike_sas(A.e, true), 1);
	T_ASSERT_INT(engine_ike_sas(B.e, true), 1);
	T_ASSERT_INT(engine_child_sas(A.e), 1);
	T_ASSERT_INT(engine_child_sas(B.e), 1);
	T_ASSERT_INT(A.k.nsa, 2);
	T_ASSERT_INT(B.k.nsa, 2);
	T_PAIRS();
	T_ASSERT_STR(A.k.sa[0].enc.alg, "aes-cbc");
	T_ASSERT_INT(A.k.sa[0].enc.key_len, 16);
	T_ASSERT_STR(A.k.sa[0].auth.alg, "hmac-sha1-96");
	T_ASSERT_INT(A.k.sa[0].auth.key_len, 20);
	T_ASSERT_INT(A.k.sa[0].mode, KIPS_MODE_TUNNEL);
	T_ASSERT_INT(A.k.sa[0].hard.add_seconds, 3600);
	/* out, in and fwd policies on each side. */
	T_ASSERT_INT(A.k.npol, 3);
	T_ASSERT_INT(B.k.npol, 3);
	T_ASSERT_INT(A.k.pol[0].dir, KIPS_DIR_OUT);
	T_ASSERT_INT(A.k.pol[0].sel.src.prefixlen, 16);
	T_ASSERT_INT(A.k.pol[0].sel.dst.bytes[1], 2);
	T_ASSERT(kips_addr_equal(&A.k.pol[0].tmpls[0].dst, &B.ep.addr));
	T_ASSERT(strstr(A.log, "ISAKMP SA established"));
	T_ASSERT(strstr(B.log, "IPsec SA pair established"));
	T_ASSERT(strstr(A.log, "CONNECTING -> ESTABLISHED"));
}

static void pfs_ecp_gcm(void)
{
	up(V4("ike = aes128-sha256-ecp256; esp = aes256gcm16-modp2048;",
	      "ike = aes128-sha256-ecp256; esp = aes256gcm16-modp2048;"));
	T_ASSERT_INT(engine_child_sas(A.e), 1);
	T_ASSERT_INT(engine_child_sas(B.e), 1);
	T_PAIRS();
	T_ASSERT_STR(B.k.sa[0].aead.alg, "aes-gcm");
	T_ASSERT_INT(B.k.sa[0].aead.key_len, 36);
	T_ASSERT_INT(B.k.sa[0].icv_len, 16);
}

static void aggressive(void)
{
	up(V4("exchange = aggressive; ike = aes256-sha512-curve25519; esp = chacha20poly1305-ecp384;",
	      "exchange = aggressive; ike = aes256-sha512-curve25519; esp = chacha20poly1305-ecp384;"));
	T_ASSERT_INT(engine_ike_sas(A.e, true), 1);
	T_ASSERT_INT(engine_ike_sas(B.e, true), 1);
	T_ASSERT_INT(engine_child_sas(B.e), 1);
	T_PAIRS();
	T_ASSERT_STR(A.k.sa[0].aead.alg, "chacha20-poly1305");
}

static void transport_ipv6(void)
{
	up("conn t { local = fd00::1; remote = fd00::2; psk = \"k6\"; mode = transport;"
	   " ike = aes192-sha384-modp3072; esp = aes256-sha512-esn; }",
	   "conn t { local = fd00::2; remote = fd00::1; psk = \"k6\"; mode = transport;"
	   " ike = aes192-sha384-modp3072; esp = aes256-sha512-esn; }");
	T_ASSERT_INT(engine_child_sas(A.e), 1);
	T_PAIRS();
	T_ASSERT_INT(A.k.sa[0].mode, KIPS_MODE_TRANSPORT);
	T_ASSERT_INT(A.k.sa[0].flags, KIPS_SA_F_ESN);
	T_ASSERT_INT(A.k.sa[0].src.family, AF_INET6);
	/* No forwarding policy in transport mode. */
	T_ASSERT_INT(A.k.npol, 2);
	T_ASSERT_INT(A.k.pol[0].sel.src.prefixlen, 128);
}

/* Two subnets on one side: one quick mode and one SA pair each. */
static void two_selector_pairs(void)
{
	up("conn t { local = 10.0.0.1; remote = 10.0.0.2; psk = \"s\";"
	   " local-subnet = 10.1.0.0/16, 10.3.0.0/24[tcp/443]; remote-subnet = 10.2.0.0/16; }",
	   "conn t { local = 10.0.0.2; remote = 10.0.0.1; psk = \"s\";"
	   " local-subnet = 10.2.0.0/16; remote-subnet = 10.1.0.0/16, 10.3.0.0/24; }");
	T_ASSERT_INT(engine_child_sas(A.e), 2);
	T_ASSERT_INT(engine_child_sas(B.e), 2);
	T_PAIRS();
	T_ASSERT_INT(A.k.npol, 6);
}


static void wrong_psk(void)
{
	int i;

	if (!setup("conn t { local = 10.0.0.1; remote = 10.0.0.2; psk = \"one\"; }",
		   "conn t { local = 10.0.0.2; remote = 10.0.0.1; psk = \"two\"; }")) {
		T_FAIL("setup");
		return;
	}
	T_ASSERT(initiate(&A));
	deliver();
	for (i = 0; i < 20; i++) {
		tick(1000);
		deliver();
	}
	T_ASSERT_INT(engine_ike_sas(A.e, false), 0);
	T_ASSERT_INT(engine_ike_sas(B.e, false), 0);
	T_NOTHING();
	T_ASSERT(strstr(B.log, "does the peer have another pre-shared key?"));
	T_ASSERT(strstr(A.log, "pre-shared key"));
	T_ASSERT(strstr(A.log, "MAIN exchange failed"));
}

static void phase1_proposal_mismatch(void)
{
	up(V4("ike = aes256-sha256-modp2048;", "ike = aes128-sha1-ecp256;"));
	T_ASSERT_INT(engine_ike_sas(A.e, false), 0);
	T_ASSERT_INT(engine_ike_sas(B.e, false), 0);
	T_NOTHING();
	T_ASSERT(strstr(B.log, "no acceptable phase-1 proposal"));
	T_ASSERT(strstr(B.log, "telling the peer NO-PROPOSAL-CHOSEN"));
	T_ASSERT(strstr(A.log, "the peer says NO-PROPOSAL-CHOSEN"));
	T_ASSERT(strstr(A.log, "MAIN exchange failed: the peer refused"));
}

static void phase2_proposal_mismatch(void)
{
	up(V4("esp = aes128-sha1;", "esp = aes256-sha256;"));
	T_ASSERT_INT(engine_ike_sas(A.e, true), 1);
	T_ASSERT_INT(engine_child_sas(A.e), 0);
	T_ASSERT_INT(engine_child_sas(B.e), 0);
	/* The larval SPIs went back too. */
	T_NOTHING();
	T_ASSERT(strstr(B.log, "no acceptable quick mode proposal"));
	T_ASSERT(strstr(A.log, "QUICK exchange failed: the peer refused"));
}

static void proxy_id_mismatch(void)
{
	up("conn t { local = 10.0.0.1; remote = 10.0.0.2; psk = \"s\";"
	   " local-subnet = 10.1.0.0/16; remote-subnet = 10.2.0.0/16; }",
	   "conn t { local = 10.0.0.2; remote = 10.0.0.1; psk = \"s\";"
	   " local-subnet = 10.2.0.0/16; remote-subnet = 10.9.0.0/16; }");
	T_ASSERT_INT(engine_child_sas(A.e), 0);
	T_NOTHING();
	T_ASSERT(strstr(B.log, "proxy IDs 10.1.0.0/16 <-> 10.2.0.0/16 match no selectors"));
	T_ASSERT(strstr(A.log, "INVALID-ID-INFORMATION"));
}

static void retransmission_and_duplicates(void)
{
	struct packet *copy;

	if (!setup(V4("", ""))) {
		T_FAIL("setup");
		return;
	}
	drop_next = 1;			/* main mode message 1 is lost */
	T_ASSERT(initiate(&A));
	T_ASSERT_INT(deliver(), 0);
	tick(999);
	T_ASSERT_INT(npkts, 0);
	tick(1);			/* a second later: sent again */
	T_ASSERT_INT(npkts, 1);
	/* Deliver message 1 twice: the responder answers the second copy
	 * with its earlier answer, and nothing breaks.
	 */
	copy = malloc(sizeof(*copy));
	T_ASSERT(copy);
	memcpy(copy, net[0], sizeof(*copy));
	net[npkts++] = copy;
	deliver();
	T_ASSERT(strstr(A.log, "retransmitting"));
	T_ASSERT_INT(engine_ike_sas(A.e, true), 1);
	T_ASSERT_INT(engine_child_sas(A.e), 1);
	T_ASSERT_INT(engine_child_sas(B.e), 1);
	T_PAIRS();
}

/* Garbage inside an established SA changes nothing. */
static void garbage_changes_nothing(void)
{
	static const uint8_t junk[40] = { 1, 2, 3 };
	struct ike_endpoint from = { .port = IKE_PORT };

	up(V4("", ""));
	T_ASSERT_INT(engine_child_sas(B.e), 1);
	from.addr = A.ep.addr;
	logging_side = &B;
	engine_input(B.e, junk, sizeof(junk), &B.ep, &from, now);
	logging_side = NULL;
	T_ASSERT(strstr(B.log, "malformed header at offset 17: major version 0"));
	T_ASSERT_INT(engine_ike_sas(B.e, true), 1);
	T_ASSERT_INT(engine_child_sas(B.e), 1);
}

static void terminate_deletes(void)
{
	up(V4("", ""));
	T_ASSERT_INT(engine_child_sas(B.e), 1);
	logging_side = &A;
	T_ASSERT(!engine_terminate(A.e, "t", now));
	logging_side = NULL;
	deliver();
	T_ASSERT_INT(engine_ike_sas(A.e, false), 0);
	T_ASSERT_INT(engine_ike_sas(B.e, false), 0);
	T_NOTHING();
	T_ASSERT(strstr(B.log, "the peer deleted the IPsec SA pair"));
	T_ASSERT(strstr(B.log, "the peer deleted the ISAKMP SA"));
}

static void responder_lifetime(void)
{
	up(V4("lifetime = 2h;", "lifetime = 20m;"));
	T_ASSERT_INT(engine_child_sas(A.e), 1);
	T_ASSERT(strstr(A.log, "the responder cut the lifetime to 1200 s"));
	T_ASSERT_INT(A.k.sa[0].hard.add_seconds, 1200);
	T_PAIRS();
	/* And once the time is up, both sides take the SAs down. */
	tick(1200 * 1000);
	deliver();
	T_ASSERT_INT(engine_child_sas(A.e), 0);
	T_ASSERT_INT(A.k.nsa, 0);
	T_ASSERT_INT(B.k.nsa, 0);
}

static void responder_any(void)
{
	up("conn t { local = 10.0.0.1; remote = 10.0.0.2; psk = \"s\"; }",
	   "conn t { local = 10.0.0.2; remote = %any; psk = \"s\"; }");
	T_ASSERT_INT(engine_child_sas(A.e), 1);
	T_ASSERT_INT(engine_child_sas(B.e), 1);
	T_PAIRS();
}


/* The initiator of a pair renews it at 90 % of its life; the new pair
 * takes over the policies and the old one is deleted on both sides.
 */
static void child_rekey(void)
{
	uint32_t first, second;

	up(V4("lifetime = 100s;", "lifetime = 100s;"));
	T_ASSERT_INT(engine_child_sas(B.e), 1);
	first = spi_in_of(&A.k, &A.ep.addr);
	tick(89 * 1000);
	T_ASSERT_INT(npkts, 0);
	tick(1000);
	deliver();
	second = spi_in_of(&A.k, &A.ep.addr);
	T_ASSERT(strstr(A.log, "rekeyed"));
	T_ASSERT(first != second);
	T_ASSERT_INT(engine_child_sas(A.e), 1);
	T_ASSERT_INT(engine_child_sas(B.e), 1);
	T_ASSERT_INT(A.k.nsa, 2);
	T_ASSERT_INT(B.k.nsa, 2);
	T_ASSERT_INT(A.k.npol, 3);
	T_ASSERT_INT(B.k.npol, 3);
	T_PAIRS();
	/* And again, 90 seconds later. */
	tick(90 * 1000);
	deliver();
	T_ASSERT(spi_in_of(&A.k, &A.ep.addr) != second);
	T_ASSERT_INT(A.k.nsa, 2);
	T_ASSERT_INT(B.k.nsa, 2);
	T_PAIRS();
}

/* A new ISAKMP SA replaces the old one and adopts its IPsec SAs. */
static void isakmp_rekey(void)
{
	uint32_t spi;

	up(V4("ike-lifetime = 100s;", ""));
	T_ASSERT_INT(engine_child_sas(A.e), 1);
	spi = spi_in_of(&A.k, &A.ep.addr);
	tick(90 * 1000);
	deliver();
	T_ASSERT(strstr(A.log, "replaced by t[2]"));
	T_ASSERT_INT(engine_ike_sas(A.e, false), 1);
	T_ASSERT_INT(engine_ike_sas(B.e, false), 1);
	T_ASSERT_INT(engine_child_sas(A.e), 1);
	T_ASSERT_INT(engine_child_sas(B.e), 1);
	T_ASSERT_INT(spi_in_of(&A.k, &A.ep.addr), spi);
	/* The adopted pair is deleted with notice through the new SA. */
	logging_side = &A;
	T_ASSERT(!engine_terminate(A.e, "t", now));
	logging_side = NULL;
	deliver();
	T_NOTHING();
}

/* When the ISAKMP SA expires without a successor, its IPsec SAs live on;
 * a later phase 1 adopts them instead of negotiating them again.
 */
static void isakmp_expiry_keeps_pairs(void)
{
	int i;

	up(V4("ike-lifetime = 60s;", ""));
	T_ASSERT_INT(engine_child_sas(A.e), 1);
	/* The rekey at 54 s gets lost; at 60 s both sides' SA expires. */
	drop_next = 1000;
	for (i = 0; i < 75; i++)
		tick(1000);
	drop_next = 0;
	deliver();
	T_ASSERT(strstr(B.log, "ISAKMP SA expired"));
	T_ASSERT_INT(engine_ike_sas(A.e, false), 0);
	T_ASSERT_INT(engine_ike_sas(B.e, false), 0);
	T_ASSERT_INT(engine_child_sas(A.e), 1);
	T_ASSERT_INT(engine_child_sas(B.e), 1);
	T_ASSERT_INT(A.k.nsa, 2);
	T_ASSERT(initiate(&A));
	deliver();
	T_ASSERT_INT(engine_ike_sas(A.e, true), 1);
	T_ASSERT_INT(engine_ike_sas(B.e, true), 1);
	T_ASSERT_INT(engine_child_sas(A.e), 1);
	T_ASSERT_INT(A.k.nsa, 2);
	T_ASSERT_INT(B.k.nsa, 2);
	T_PAIRS();
}

/* A restarts and has forgotten everything; its INITIAL-CONTACT tells B to
 * drop what it still has with A instead of keeping stale SAs around.
 */
static void initial_contact(void)
{
	static const char *const confs[2] = { V4("", "") };

	up(confs[0], confs[1]);
	T_ASSERT_INT(engine_child_sas(B.e), 1);
	T_ASSERT_INT(B.k.nsa, 2);
	/* A goes away without a word (its deletes are lost). */
	drop_next = 1000;
	logging_side = &A;
	engine_free(A.e, now);
	logging_side = NULL;
	drop_next = 0;
	conf_free(&A.conf);
	T_ASSERT(setup_side(&A, confs[0], 0xa1000100));
	T_ASSERT(initiate(&A));
	deliver();
	T_ASSERT(strstr(B.log, "INITIAL-CONTACT from the peer: t[1] is stale"));
	T_ASSERT_INT(engine_ike_sas(B.e, false), 1);
	T_ASSERT_INT(engine_child_sas(B.e), 1);
	T_ASSERT_INT(B.k.nsa, 2);
	T_ASSERT_INT(B.k.npol, 3);
	T_PAIRS();
}

/* What `ikev1ctl status` shows, and `down` through the same path. */
static void control_requests(void)
{
	char *text = NULL;
	size_t len = 0;
	FILE *out;

	up(V4("esp = aes128-sha256-modp2048;", "esp = aes128-sha256-modp2048;"));
	T_ASSERT_INT(engine_child_sas(A.e), 1);
	out = open_memstream(&text, &len);
	T_ASSERT(out);
	T_ASSERT(!control_handle(A.e, "status", out, now));
	T_ASSERT(!control_handle(A.e, "status json", out, now));
	T_ASSERT(control_handle(A.e, "frobnicate", out, now) == 1);
	T_ASSERT(control_handle(A.e, "up nosuch", out, now) == 1);
	fclose(out);
	if (!strstr(text, "t[1]: established, initiator, 10.0.0.1 -> 10.0.0.2, main mode, "
		    "pre-shared key, aes256-sha256-modp2048, 28800 s left\n"
		    "  10.1.0.0/16 === 10.2.0.0/16: ESP tunnel, SPIs 0xa0000100 in "
		    "0xb0000100 out, aes128-sha256, PFS modp2048, 3600 s left\n") ||
	    !strstr(text, "\"conn\":\"t\"") ||
	    !strstr(text, "\"auth\":\"psk\"") || !strstr(text, "\"spi_in\":2684354816") ||
	    !strstr(text, "unknown request")) {
		T_FAIL("status says: %s", text);
		free(text);
		return;
	}
	free(text);
	text = NULL;
	out = open_memstream(&text, &len);
	T_ASSERT(out);
	logging_side = &A;
	T_ASSERT(!control_handle(A.e, "down t", out, now));
	logging_side = NULL;
	fclose(out);
	free(text);
	deliver();
	T_NOTHING();
}

int main(void)
{
	ike_log_setup(IKE_LOG_DEBUG, sink, NULL);
	t_init("engine");
	T_RUN(main_mode_tunnel);
	T_RUN(pfs_ecp_gcm);
	T_RUN(aggressive);
	T_RUN(transport_ipv6);
	T_RUN(two_selector_pairs);
	T_RUN(wrong_psk);
	T_RUN(phase1_proposal_mismatch);
	T_RUN(phase2_proposal_mismatch);
	T_RUN(proxy_id_mismatch);
	T_RUN(retransmission_and_duplicates);
	T_RUN(garbage_changes_nothing);
	T_RUN(terminate_deletes);
	T_RUN(responder_lifetime);
	T_RUN(responder_any);
	T_RUN(control_requests);
	T_RUN(child_rekey);
	T_RUN(isakmp_rekey);
	T_RUN(isakmp_expiry_keeps_pairs);
	T_RUN(initial_contact);
	teardown();
	return t_done();
}
