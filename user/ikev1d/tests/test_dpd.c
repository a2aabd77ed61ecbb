// SPDX-License-Identifier: GPL-2.0
/*
 * Dead Peer Detection (RFC 3706) between two engines: both announce it,
 * the one with dpddelay asks only when the other has been quiet, the other
 * answers with the same number, an ACK counts only for the question
 * outstanding, bad DPD notifications are dropped with their reason, and a
 * peer that stops answering is declared dead after dpdtimeout, with
 * nothing left in the kernel and then what dpdaction says.
 */
#include "control.h"
#include "harness.h"
#include "ike.h"
#include "trap.h"
#include "wire.h"

#define DPD_A	"dpddelay = 2; dpdtimeout = 4;"

static struct ike_sa *sa_of(struct side *s)
{
	struct ike_sa *sa;

	for (sa = s->e->sas; sa; sa = sa->next)
		if (sa->state == IKE_SA_ESTABLISHED)
			return sa;
	return NULL;
}

static int count(const char *log, const char *what)
{
	int n = 0;

	for (; (log = strstr(log, what)); log++)
		n++;
	return n;
}

/* One second at a time: what went over the wire. */
static size_t seconds(unsigned int n)
{
	size_t total = 0;

	while (n--) {
		tick(1000);
		total += deliver();
	}
	return total;
}

static void both_announce(void)
{
	up(V4("", ""));
	T_ASSERT(sa_of(&A) && sa_of(&B));
	T_ASSERT(sa_of(&A)->dpd.peer_supports);
	T_ASSERT(sa_of(&B)->dpd.peer_supports);
	/* Without dpddelay nobody asks. */
	T_ASSERT_INT(seconds(10), 0);
}

static void asks_when_quiet(void)
{
	struct ike_sa *a;
	char *text = NULL;
	size_t len = 0;
	FILE *out;

	up(V4(DPD_A, ""));
	a = sa_of(&A);
	T_ASSERT(a);
	T_ASSERT_INT(seconds(1), 0);
	/* Two seconds of silence: R-U-THERE and its ACK. */
	T_ASSERT_INT(seconds(1), 2);
	T_ASSERT(strstr(B.log, "received R-U-THERE seq"));
	T_ASSERT(strstr(A.log, "the peer is alive"));
	T_ASSERT(!a->dpd.outstanding);
	T_ASSERT(a->dpd.seq < 0x80000000u);
	/* Each question has the next number. */
	T_ASSERT_INT(seconds(2), 2);
	T_ASSERT_INT(sa_of(&B)->dpd.peer_seq, a->dpd.seq);
	T_ASSERT_INT(engine_child_sas(A.e), 1);
	T_ASSERT_INT(A.k.nsa, 2);

	out = open_memstream(&text, &len);
	T_ASSERT(out);
	T_ASSERT(!control_handle(A.e, "status", out, now));
	T_ASSERT(!control_handle(A.e, "status json", out, now));
	fclose(out);
	if (!strstr(text, ", DPD on (2 s/4 s, clear), last heard 0 s ago\n") ||
	    !strstr(text, "\"dpd\":{\"enabled\":true,\"peer_supports\":true,"
		    "\"delay\":2,\"timeout\":4,\"action\":\"clear\","
		    "\"last_heard_seconds_ago\":0,\"outstanding_seq\":null}"))
		T_FAIL("status says: %s", text);
	free(text);
}

/* Any authenticated message from the peer will do for a sign of life. */
static void traffic_is_life(void)
{
	up(V4(DPD_A, ""));
	tick(1500);
	/* B tells A something (a notification), so A has heard from it. */
	info_send_notify(sa_of(&B), IPSEC_N_REPLAY_STATUS, ISAKMP_PROTO_ISAKMP,
			 NULL, 0);
	T_ASSERT_INT(deliver(), 1);
	tick(1000);
	T_ASSERT_INT(deliver(), 0);
	T_ASSERT(!sa_of(&A)->dpd.outstanding);
	tick(1000);
	T_ASSERT_INT(deliver(), 2);
}

/* ESP that the kernel accepted from the peer is a sign of life too. */
static void esp_is_life(void)
{
	struct kips_sa *in;
	size_t i;

	up(V4(DPD_A, ""));
	T_ASSERT(k_find(&A.k, &A.ep.addr, spi_in_of(&A.k, &A.ep.addr),
			IPPROTO_ESP, &i));
	in = &A.k.sa[i];
	tick(1500);
	in->stats.val[KIPS_CNT_A_IN_PACKETS] += 10;
	T_ASSERT_INT(seconds(1), 0);
	T_ASSERT(strstr(A.log, "IPsec traffic from the peer: it is alive"));
	/* Quiet again: asked two seconds later. */
	T_ASSERT_INT(seconds(1), 0);
	T_ASSERT_INT(seconds(1), 2);
	/* Asking while ESP keeps coming in: not dead, whatever IKE does. */
	drop_next = 1000;
	seconds(2);
	T_ASSERT(sa_of(&A)->dpd.outstanding);
	in->stats.val[KIPS_CNT_A_IN_PACKETS] += 10;
	seconds(4);
	T_ASSERT(!strstr(A.log, "the peer is dead"));
	T_ASSERT_INT(engine_child_sas(A.e), 1);
	/* And dead once it stops. */
	seconds(8);
	T_ASSERT(strstr(A.log, "the peer is dead"));
	drop_next = 0;
}

/* B says ACK with a number of its own choosing. */
static void send_ack(uint32_t seq)
{
	uint8_t data[4];

	put_be32(data, seq);
	logging_side = &B;
	info_send_notify_data(sa_of(&B), ISAKMP_N_DPD_R_U_THERE_ACK, data, 4);
	logging_side = NULL;
	deliver();
}

static void ack_only_for_outstanding(void)
{
	struct ike_sa *a;
	uint32_t seq;

	up(V4(DPD_A, ""));
	a = sa_of(&A);
	/* No question yet: an ACK is no answer. */
	send_ack(1234);
	T_ASSERT(strstr(A.log, "R-U-THERE-ACK seq 1234, but none is outstanding"));
	tick(2000);
	drop_next = 1;		/* the R-U-THERE is lost */
	deliver();
	tick(0);
	T_ASSERT_INT(npkts, 0);
	T_ASSERT(a->dpd.outstanding);
	seq = a->dpd.seq;
	send_ack(seq + 1);
	T_ASSERT(strstr(A.log, "but another one is outstanding"));
	T_ASSERT(a->dpd.outstanding);
	send_ack(seq - 1);
	T_ASSERT(a->dpd.outstanding);
	send_ack(seq);
	T_ASSERT(!a->dpd.outstanding);
	T_ASSERT(strstr(A.log, "the peer is alive"));
}

/* The daemon drops bad DPD notifications, saying why, and answers none. */
static void malformed_dropped(void)
{
	static const uint8_t other[16] = { 1, 2, 3 };
	struct ike_sa *b;

	up(V4("", ""));
	b = sa_of(&B);
	logging_side = &B;
	info_send_notify(b, ISAKMP_N_DPD_R_U_THERE, ISAKMP_PROTO_ISAKMP, NULL, 0);
	info_send_notify(b, ISAKMP_N_DPD_R_U_THERE, ISAKMP_PROTO_ISAKMP, other, 16);
	info_send_notify(b, ISAKMP_N_DPD_R_U_THERE, ISAKMP_PROTO_ESP,
			 (const uint8_t *)"\xc0\0\1\0", 4);
	info_send_notify_data(b, ISAKMP_N_DPD_R_U_THERE, (const uint8_t *)"\0\1", 2);
	logging_side = NULL;
	/* Four in, nothing back (offsets count the HASH before them). */
	T_ASSERT_INT(deliver(), 4);
	T_ASSERT(strstr(A.log, "DPD notification dropped: malformed payload N at "
			"offset 92: R-U-THERE carries 0 bytes of data, not a "
			"4-byte sequence number"));
	T_ASSERT(strstr(A.log, "R-U-THERE names the cookies of another ISAKMP SA"));
	T_ASSERT(strstr(A.log, "R-U-THERE with protocol 3 and a 4-byte SPI"));
	T_ASSERT(strstr(A.log, "R-U-THERE carries 2 bytes of data"));
	T_ASSERT_INT(engine_child_sas(A.e), 1);
}

/* B goes silent: A asks, asks again, and gives up after dpdtimeout. */
static bool silence_kills(const char *extra)
{
	static const char *const b[] = { V4("", "") };
	char a[512];

	snprintf(a, sizeof(a), "conn t { local = 10.0.0.1; remote = 10.0.0.2; "
		 "psk = \"secret\";\n local-subnet = 10.1.0.0/16; "
		 "remote-subnet = 10.2.0.0/16;\n" DPD_A " %s }", extra);
	up(a, b[1]);
	if (!sa_of(&A))
		return false;
	drop_next = 1000;
	seconds(5);		/* asked at 2 s: not yet dead */
	if (!sa_of(&A) || strstr(A.log, "the peer is dead"))
		return false;
	seconds(1);
	return strstr(A.log, "the peer is dead") != NULL;
}

static void dead_clear(void)
{
	T_ASSERT(silence_kills("dpdaction = clear;"));
	T_ASSERT(strstr(A.log, "DPD: no R-U-THERE-ACK for 4 s: the peer is dead; "
			"deleting the ISAKMP SA and its IPsec SAs (dpdaction clear)"));
	/* Asked at 2 s and again at 4 s (at least twice within the
	 * timeout), each time with a new number; dead at 6 s.
	 */
	T_ASSERT_INT(count(A.log, "sending R-U-THERE seq"), 2);
	T_ASSERT(strstr(A.log, "ESTABLISHED -> DEAD"));
	T_ASSERT_INT(engine_ike_sas(A.e, false), 0);
	T_ASSERT_INT(A.k.nsa, 0);
	T_ASSERT_INT(A.k.npol, 0);
	drop_next = 0;
	T_ASSERT_INT(seconds(10), 0);
}

static void dead_restart(void)
{
	T_ASSERT(silence_kills("dpdaction = restart;"));
	T_ASSERT_INT(A.k.nsa, 0);
	T_ASSERT_INT(A.k.npol, 0);
	T_ASSERT(strstr(A.log, "dpdaction restart: negotiating again"));
	T_ASSERT_INT(engine_ike_sas(A.e, false), 1);
	/* The peer is back before the retransmissions give up. */
	drop_next = 0;
	seconds(2);
	T_ASSERT_INT(engine_ike_sas(A.e, true), 1);
	T_ASSERT_INT(engine_child_sas(A.e), 1);
	T_ASSERT_INT(engine_child_sas(B.e), 1);
	T_PAIRS();
}

static void dead_hold(void)
{
	T_ASSERT(silence_kills("dpdaction = hold;"));
	T_ASSERT_INT(A.k.nsa, 0);
	/* The trap's out, in and fwd policies wait for traffic. */
	T_ASSERT_INT(A.e->ntraps, 1);
	T_ASSERT_INT(A.k.npol, 3);
	T_ASSERT_INT(engine_ike_sas(A.e, false), 0);
	drop_next = 0;
	logging_side = &A;
	engine_acquire(A.e, A.e->traps[0].reqid, now);
	logging_side = NULL;
	deliver();
	T_ASSERT_INT(engine_child_sas(A.e), 1);
	T_ASSERT_INT(engine_child_sas(B.e), 1);
}

int main(void)
{
	ike_log_setup(IKE_LOG_DEBUG, sink, NULL);
	t_init("dpd");
	T_RUN(both_announce);
	T_RUN(asks_when_quiet);
	T_RUN(traffic_is_life);
	T_RUN(esp_is_life);
	T_RUN(ack_only_for_outstanding);
	T_RUN(malformed_dropped);
	T_RUN(dead_clear);
	T_RUN(dead_restart);
	T_RUN(dead_hold);
	teardown();
	return t_done();
}
