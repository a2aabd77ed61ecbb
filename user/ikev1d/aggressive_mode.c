// SPDX-License-Identifier: GPL-2.0
/*
 * Aggressive mode with pre-shared keys (RFC 2409 5.4) or RSA signatures
 * (5.1), as scripts:
 *
 *   Initiator                          Responder
 *   HDR, SA, KE, Ni, IDii [, CR] -->
 *                               <--    HDR, SA, KE, Nr, IDir, [CR,] HASH_R
 *                                        or ..., IDir, [CR,] CERT, SIG_R
 *   HDR*, HASH_I or CERT, SIG_I -->
 *
 * The KE goes out with the offer, so the offer has one DH group: the
 * first of the connection's first proposal.  RFC 2409 shows the last
 * message in the clear; strongSwan and others encrypt it, and expect it
 * encrypted.  We send it encrypted and take it either way.
 */
#include "ike.h"
#include "log.h"
#include "phase1_auth.h"

static const struct isakmp_expect first_msg[] = {
	{ ISAKMP_NP_SA, 1, 1 },
	{ ISAKMP_NP_KE, 1, 1 },
	{ ISAKMP_NP_NONCE, 1, 1 },
	{ ISAKMP_NP_ID, 1, 1 },
	{ ISAKMP_NP_NATD, 0, 4 },
	{ ISAKMP_NP_NATD_DRAFT, 0, 4 },
	{ ISAKMP_NP_CR, 0, 8 },
	{ ISAKMP_NP_VID, 0, 16 },
};

static const struct isakmp_expect second_msg[] = {
	{ ISAKMP_NP_SA, 1, 1 },
	{ ISAKMP_NP_KE, 1, 1 },
	{ ISAKMP_NP_NONCE, 1, 1 },
	{ ISAKMP_NP_ID, 1, 1 },
	{ ISAKMP_NP_HASH, 0, 1 },	/* or SIG: phase1_check_auth() */
	{ ISAKMP_NP_SIG, 0, 1 },
	{ ISAKMP_NP_CERT, 0, 4 },
	{ ISAKMP_NP_CR, 0, 8 },
	{ ISAKMP_NP_NATD, 0, 4 },
	{ ISAKMP_NP_NATD_DRAFT, 0, 4 },
	{ ISAKMP_NP_N, 0, 4 },
	{ ISAKMP_NP_VID, 0, 16 },
};

static const struct isakmp_expect third_msg[] = {
	{ ISAKMP_NP_HASH, 0, 1 },
	{ ISAKMP_NP_SIG, 0, 1 },
	{ ISAKMP_NP_CERT, 0, 4 },
	{ ISAKMP_NP_N, 0, 4 },
	{ ISAKMP_NP_NATD, 0, 4 },
	{ ISAKMP_NP_NATD_DRAFT, 0, 4 },
	{ ISAKMP_NP_VID, 0, 16 },
};

#define EXPECT(t) t, sizeof(t) / sizeof(t[0])

static int i_send_first(struct exchange *x, struct isakmp_builder *b)
{
	struct ike_sa *sa = x->sa;
	int r;

	sa->p1.group = sa->conn->ike.p[0].group[0];
	r = phase1_send_offer(x, b, sa->p1.group);
	if (!r)
		r = phase1_make_ke_nonce(sa);
	if (r)
		return r;
	phase1_put_ke_nonce(sa, b);
	phase1_put_id(sa, b);
	phase1_put_cert_requests(sa, b);
	return 0;
}

static int i_recv_second(struct exchange *x, const struct isakmp_msg *m)
{
	struct ike_sa *sa = x->sa;
	uint16_t sent = sa->p1.group;
	int r = phase1_take_answer(x, m);

	if (!r && sa->p1.group != sent) {
		log_error("%s: the responder chose group %u, our KE is of group %u",
			  ike_sa_name(sa), sa->p1.group, sent);
		r = ISAKMP_N_NO_PROPOSAL_CHOSEN;
	}
	if (!r)
		r = phase1_take_ke_nonce(sa, m);
	if (!r)
		r = phase1_derive(sa);
	if (!r)
		r = phase1_take_id(sa, m);
	if (!r)
		r = phase1_check_auth(sa, m);
	if (!r)
		r = natt_take_natd(sa, m);
	/* The third message on: port 4500 if there is a NAT. */
	if (!r)
		natt_float(sa);
	return r;
}

static int i_send_third(struct exchange *x, struct isakmp_builder *b)
{
	int r = natt_put_natd(x->sa, b);

	if (!r)
		r = phase1_put_auth(x->sa, b);

	if (!r)
		phase1_put_initial_contact(x->sa, b);
	if (!r)
		phase1_established(x->sa);
	return r;
}

static int r_recv_first(struct exchange *x, const struct isakmp_msg *m)
{
	int r = phase1_take_offer(x, m);

	if (!r)
		r = phase1_take_ke_nonce(x->sa, m);
	if (!r)
		r = phase1_take_id(x->sa, m);
	if (!r)
		phase1_take_cert_requests(x->sa, m);
	return r;
}

static int r_send_second(struct exchange *x, struct isakmp_builder *b)
{
	struct ike_sa *sa = x->sa;
	int r = phase1_send_answer(x, b);

	if (!r)
		r = phase1_make_ke_nonce(sa);
	if (r)
		return r;
	phase1_put_ke_nonce(sa, b);
	r = phase1_derive(sa);
	if (r)
		return r;
	phase1_put_id(sa, b);
	r = natt_put_natd(sa, b);
	if (!r)
		phase1_put_cert_requests(sa, b);
	return r ? r : phase1_put_auth(sa, b);
}

static int r_recv_third(struct exchange *x, const struct isakmp_msg *m)
{
	struct engine *e = x->sa->e;
	int r = phase1_check_auth(x->sa, m);

	if (!r)
		r = natt_take_natd(x->sa, m);
	/* HASH_I authenticates it, encrypted or not: the floated initiator
	 * is answered where it is.
	 */
	if (!r && e->rx_local && e->rx_remote)
		natt_follow(x->sa, e->rx_local, e->rx_remote);
	if (!r)
		phase1_take_notifies(x->sa, m);
	if (!r)
		phase1_established(x->sa);
	return r ? phase1_refuse_last(x->sa, r) : 0;
}

static const struct step initiator_steps[] = {
	{ .send = true, .build = i_send_first },
	{ .expect = EXPECT(second_msg), .handle = i_recv_second },
	{ .send = true, .encrypted = true, .build = i_send_third },
};

static const struct step responder_steps[] = {
	{ .expect = EXPECT(first_msg), .handle = r_recv_first },
	{ .send = true, .build = r_send_second },
	{ .maybe_encrypted = true, .expect = EXPECT(third_msg),
	  .handle = r_recv_third },
};

const struct script aggressive_initiator = {
	"AGGR", ISAKMP_XCHG_AGGRESSIVE, true,
	sizeof(initiator_steps) / sizeof(initiator_steps[0]), initiator_steps,
};

const struct script aggressive_responder = {
	"AGGR", ISAKMP_XCHG_AGGRESSIVE, false,
	sizeof(responder_steps) / sizeof(responder_steps[0]), responder_steps,
};
