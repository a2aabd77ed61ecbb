// SPDX-License-Identifier: GPL-2.0
/*
 * Traps and the kernel's events, engine to engine with fake kernels:
 * start = trap installs policies without SAs; an ACQUIRE for the trap's
 * reqid negotiates SAs under those policies (and only once while it
 * runs); SA_EXPIRE soft rekeys a pair, hard removes it and tells the peer.
 * And the order a quick-mode responder installs in: inbound SA and
 * policies with its answer, outbound SA on HASH(3).
 */
#include "harness.h"
#include "spd.h"

static void acquire(struct side *s, uint32_t reqid)
{
	logging_side = s;
	engine_acquire(s->e, reqid, now);
	logging_side = NULL;
}

static void expire(struct side *s, const struct kips_addr *dst, uint32_t spi,
		   bool hard)
{
	logging_side = s;
	engine_expire(s->e, dst, spi, IPPROTO_ESP, hard, now);
	logging_side = NULL;
}

static bool route(struct side *s)
{
	int r;

	logging_side = s;
	r = engine_route(s->e, "t");
	logging_side = NULL;
	return !r;
}

#define TRAP V4("start = trap;", "")

/* The trap's policies, then SAs under them on the first ACQUIRE. */
static void trap_then_acquire(void)
{
	uint32_t reqid;

	T_ASSERT(setup(TRAP));
	T_ASSERT(route(&A));
	T_ASSERT_INT(A.k.npol, 3);
	T_ASSERT_INT(A.k.nsa, 0);
	T_ASSERT_INT(npkts, 0);
	reqid = A.k.pol[0].tmpls[0].reqid;
	T_ASSERT(reqid != 0);
	T_ASSERT(A.k.pol[0].priority >= SPD_PRIORITY_BASE);
	T_ASSERT(strstr(A.log, "trap for 10.1.0.0/16 <-> 10.2.0.0/16"));
	/* Someone else's reqid: nothing happens. */
	acquire(&A, reqid + 100);
	T_ASSERT_INT(npkts, 0);
	acquire(&A, reqid);
	/* The kernel asks again before phase 1 is done: still one. */
	acquire(&A, reqid);
	deliver();
	T_ASSERT(strstr(A.log, "the kernel asks for SAs for 10.1.0.0/16 <-> 10.2.0.0/16"));
	T_ASSERT_INT(engine_child_sas(A.e), 1);
	T_ASSERT_INT(engine_child_sas(B.e), 1);
	T_ASSERT_INT(A.k.nsa, 2);
	T_ASSERT_INT(A.k.sa[0].reqid, reqid);
	T_ASSERT_INT(A.k.sa[1].reqid, reqid);
	/* The trap's policies serve the SAs: none added on A. */
	T_ASSERT_INT(A.k.npol, 3);
	T_ASSERT_INT(B.k.npol, 3);
	T_PAIRS();
	/* Asked again once the SAs are there: nothing new. */
	acquire(&A, reqid);
	T_ASSERT_INT(npkts, 0);
	/* Taken down, the SAs go and the trap stays, ready for more. */
	logging_side = &A;
	T_ASSERT(!engine_terminate(A.e, "t", now));
	logging_side = NULL;
	deliver();
	T_ASSERT_INT(A.k.nsa, 0);
	T_ASSERT_INT(B.k.nsa, 0);
	T_ASSERT_INT(A.k.npol, 3);
	T_ASSERT_INT(B.k.npol, 0);
	acquire(&A, reqid);
	deliver();
	T_ASSERT_INT(engine_child_sas(A.e), 1);
	T_ASSERT_INT(A.k.npol, 3);
	T_ASSERT_INT(B.k.npol, 3);
	T_PAIRS();
	/* Unrouted, the trap's policies go. */
	logging_side = &A;
	T_ASSERT(!engine_unroute(A.e, "t"));
	T_ASSERT(engine_unroute(A.e, "t"));
	logging_side = NULL;
	T_ASSERT_INT(A.k.npol, 0);
}

/* Both sides trap the same traffic: the responder's pair takes its own
 * trap's reqid and adds no policies of its own either.
 */
static void both_trap(void)
{
	T_ASSERT(setup(V4("start = trap;", "start = trap;")));
	T_ASSERT(route(&A));
	T_ASSERT(route(&B));
	acquire(&A, A.k.pol[0].tmpls[0].reqid);
	deliver();
	T_ASSERT_INT(engine_child_sas(B.e), 1);
	T_ASSERT_INT(A.k.npol, 3);
	T_ASSERT_INT(B.k.npol, 3);
	T_ASSERT_INT(B.k.sa[0].reqid, B.k.pol[0].tmpls[0].reqid);
	T_PAIRS();
	teardown();
	/* engine_free() removed everything, traps included. */
	T_ASSERT_INT(A.k.npol, 0);
	T_ASSERT_INT(B.k.npol, 0);
}

/* start = trap needs a peer to send to. */
static void trap_needs_peer(void)
{
	T_ASSERT(setup("conn t { local = 10.0.0.1; remote = 10.0.0.2; psk = \"s\"; }",
		       "conn t { local = 10.0.0.2; remote = %any; psk = \"s\"; }"));
	T_ASSERT(!route(&B));
	T_ASSERT(strstr(B.log, "cannot trap traffic for a peer at %any"));
	T_ASSERT_INT(B.k.npol, 0);
}

/* The initiator's soft limit comes before the responder's. */
static void soft_limits(void)
{
	size_t i;

	up(V4("lifetime = 1000s;", "lifetime = 1000s;"));
	T_ASSERT_INT(engine_child_sas(B.e), 1);
	for (i = 0; i < 2; i++) {
		T_ASSERT_INT(A.k.sa[i].hard.add_seconds, 1000);
		T_ASSERT_INT(A.k.sa[i].soft.add_seconds, 900);
		T_ASSERT_INT(B.k.sa[i].soft.add_seconds, 950);
	}
}

/* The kernel's soft expiry of one SA rekeys the pair (here on the side
 * that did not start it, whose own timer would not).
 */
static void soft_expire_rekeys(void)
{
	uint32_t old_in, old_out;

	up(V4("", ""));
	T_ASSERT_INT(engine_child_sas(B.e), 1);
	old_in = spi_in_of(&B.k, &B.ep.addr);
	old_out = spi_in_of(&A.k, &A.ep.addr);
	/* Not ours: ignored. */
	expire(&B, &B.ep.addr, 0x12345678, false);
	T_ASSERT_INT(npkts, 0);
	expire(&B, &B.ep.addr, old_in, false);
	/* Twice: one rekey. */
	expire(&B, &A.ep.addr, old_out, false);
	deliver();
	T_ASSERT(strstr(B.log, "reached its soft limit: rekeying"));
	T_ASSERT(strstr(B.log, "rekeyed"));
	T_ASSERT(strstr(A.log, "the peer deleted the IPsec SA pair"));
	T_ASSERT_INT(engine_child_sas(A.e), 1);
	T_ASSERT_INT(engine_child_sas(B.e), 1);
	T_ASSERT_INT(A.k.nsa, 2);
	T_ASSERT_INT(B.k.nsa, 2);
	T_ASSERT(spi_in_of(&B.k, &B.ep.addr) != old_in);
	T_ASSERT_INT(A.k.npol, 3);
	T_ASSERT_INT(B.k.npol, 3);
	T_PAIRS();
}

/* At the hard limit the kernel has removed the SA: the pair goes, the
 * peer is told and removes its side too.
 */
static void hard_expire_removes(void)
{
	size_t i;
	uint32_t spi;

	up(V4("", ""));
	T_ASSERT_INT(engine_child_sas(B.e), 1);
	spi = spi_in_of(&B.k, &B.ep.addr);
	/* The kernel removed it. */
	for (i = 0; i < B.k.nsa; i++)
		if (B.k.sa[i].spi == spi)
			B.k.sa[i] = B.k.sa[--B.k.nsa];
	expire(&B, &B.ep.addr, spi, true);
	deliver();
	T_ASSERT(strstr(B.log, "reached its hard limit: removing the pair"));
	T_ASSERT(strstr(A.log, "the peer deleted the IPsec SA pair"));
	T_ASSERT_INT(engine_child_sas(A.e), 0);
	T_ASSERT_INT(engine_child_sas(B.e), 0);
	T_NOTHING();
}

/* Delivers datagrams one at a time until A has the pair: its HASH(3) is
 * then the one in flight.
 */
static void until_a_has_pair(void)
{
	size_t n;

	for (n = 0; n < 20 && npkts && engine_child_sas(A.e) == 0; n++) {
		struct packet *p = net[0];

		memmove(net, net + 1, --npkts * sizeof(net[0]));
		logging_side = side_at(&p->to);
		engine_input(logging_side->e, p->buf, p->len, &p->to, &p->from, now);
		logging_side = NULL;
		free(p);
	}
}

static bool larval_or_missing(struct fake_kernel *k, size_t i)
{
	return i >= k->nsa || k->larval[i];
}

/* The responder installs its inbound SA and the policies as it answers, so
 * that the initiator's first packets find them, and its outbound SA once
 * HASH(3) comes; a lost HASH(3) comes again when the answer does.
 */
static void responder_inbound_first(void)
{
	T_ASSERT(setup(V4("", "")));
	T_ASSERT(initiate(&A));
	until_a_has_pair();
	T_ASSERT_INT(engine_child_sas(A.e), 1);
	T_ASSERT_INT(npkts, 1);
	T_ASSERT_INT(B.k.nsa, 1);
	T_ASSERT(!larval_or_missing(&B.k, 0));
	T_ASSERT_INT(B.k.sa[0].spi, spi_in_of(&B.k, &B.ep.addr));
	T_ASSERT_INT(B.k.npol, 3);
	T_ASSERT_INT(engine_child_sas(B.e), 0);
	/* HASH(3) is lost; B asks again, A repeats it. */
	free(net[--npkts]);
	tick(1000);
	deliver();
	T_ASSERT_INT(engine_child_sas(B.e), 1);
	T_ASSERT_INT(B.k.nsa, 2);
	T_ASSERT_INT(B.k.npol, 3);
	T_PAIRS();
}

/* A responder whose HASH(3) never comes removes what it installed. */
static void responder_gives_up(void)
{
	size_t n;

	T_ASSERT(setup(V4("", "")));
	T_ASSERT(initiate(&A));
	until_a_has_pair();
	T_ASSERT_INT(B.k.npol, 3);
	/* A goes silent for good. */
	drop_next = 1000;
	for (n = 0; n < 40; n++)
		tick(1000);
	T_ASSERT(strstr(B.log, "QUICK exchange failed: no answer"));
	T_ASSERT_INT(B.k.nsa, 0);
	T_ASSERT_INT(B.k.npol, 0);
}

int main(void)
{
	ike_log_setup(IKE_LOG_DEBUG, sink, NULL);
	t_init("trap");
	T_RUN(trap_then_acquire);
	T_RUN(both_trap);
	T_RUN(trap_needs_peer);
	T_RUN(soft_limits);
	T_RUN(soft_expire_rekeys);
	T_RUN(hard_expire_removes);
	T_RUN(responder_inbound_first);
	T_RUN(responder_gives_up);
	teardown();
	return t_done();
}
