// SPDX-License-Identifier: GPL-2.0
/*
 * Main mode with pre-shared keys (RFC 2409 5.4) or RSA signatures (5.1),
 * as scripts:
 *
 *   Initiator                          Responder
 *   HDR, SA                     -->
 *                               <--    HDR, SA
 *   HDR, KE, Ni [, CR]          -->
 *                               <--    HDR, KE, Nr [, CR]
 *   HDR*, IDii, HASH_I          -->
 *     or HDR*, IDii, CERT, SIG_I
 *                               <--    HDR*, IDir, HASH_R
 *                                        or HDR*, IDir, CERT, SIG_R
 *
 * (phase1_auth.h: which of them, and their checks.)
 */
#include <stdlib.h>

#include "ike.h"
#include "log.h"
#include "phase1_auth.h"
#include "sa_payload.h"

static const struct isakmp_expect sa_msg[] = {
	{ ISAKMP_NP_SA, 1, 1 },
	{ ISAKMP_NP_VID, 0, 16 },
};

static const struct isakmp_expect ke_msg[] = {
	{ ISAKMP_NP_KE, 1, 1 },
	{ ISAKMP_NP_NONCE, 1, 1 },
	{ ISAKMP_NP_NATD, 0, 4 },
	{ ISAKMP_NP_NATD_DRAFT, 0, 4 },
	{ ISAKMP_NP_CR, 0, 8 },
	{ ISAKMP_NP_VID, 0, 16 },
};

/* HASH or SIG, as the method says: phase1_check_auth() sees to it. */
static const struct isakmp_expect id_msg[] = {
	{ ISAKMP_NP_ID, 1, 1 },
	{ ISAKMP_NP_HASH, 0, 1 },
	{ ISAKMP_NP_SIG, 0, 1 },
	{ ISAKMP_NP_CERT, 0, 4 },
	{ ISAKMP_NP_CR, 0, 8 },
	{ ISAKMP_NP_N, 0, 4 },
	{ ISAKMP_NP_VID, 0, 16 },
};

#define EXPECT(t) t, sizeof(t) / sizeof(t[0])

/* Aggressive mode offers and answers SAs the same way. */
int phase1_send_offer(struct exchange *x, struct isakmp_builder *b,
		      uint16_t group)
{
	struct isakmp_sa *offer = malloc(sizeof(*offer));
	size_t off = b->len;
	int r = STEP_FAIL;

	if (!offer)
		return STEP_FAIL;
	p1_offer(x->sa->conn, group, offer);
	isakmp_sa_put(b, offer);
	if (!b->failed)
		r = phase1_keep_sai(x->sa, b->buf + off + sizeof(struct isakmp_gen),
				    b->len - off - sizeof(struct isakmp_gen));
	/* After the SA payload, whose body HASH_I covers alone. */
	dpd_put_vid(b);
	xauth_put_vid(x->sa, b);
	free(offer);
	natt_put_vids(x->sa, b);
	return r;
}

int phase1_take_offer(struct exchange *x, const struct isakmp_msg *m)
{
	const struct isakmp_payload *p = isakmp_find(m, ISAKMP_NP_SA, 0);
	struct isakmp_sa *offer = malloc(sizeof(*offer));
	struct isakmp_err err;
	char why[256];
	int r = STEP_FAIL;

	x->reply_sa = malloc(sizeof(*x->reply_sa));
	if (!offer || !x->reply_sa)
		goto out;
	if (isakmp_sa_parse(p, offer, &err)) {
		log_error("%s: %s", ike_sa_name(x->sa), err.msg);
		r = err.notify ? err.notify : STEP_FAIL;
		goto out;
	}
	if (p1_choose(x->sa->conn, offer, &x->sa->p1, x->reply_sa, why,
		      sizeof(why))) {
		log_error("%s: no acceptable phase-1 proposal (last refusal: %s)",
			  ike_sa_name(x->sa), why);
		r = ISAKMP_N_NO_PROPOSAL_CHOSEN;
		goto out;
	}
	r = phase1_keep_sai(x->sa, isakmp_body(p), isakmp_body_len(p));
	natt_take_vids(x->sa, m);
out:
	free(offer);
	return r;
}

int phase1_send_answer(struct exchange *x, struct isakmp_builder *b)
{
	isakmp_sa_put(b, x->reply_sa);
	dpd_put_vid(b);
	free(x->reply_sa);
	x->reply_sa = NULL;
	natt_put_vids(x->sa, b);
	return 0;
}

int phase1_take_answer(struct exchange *x, const struct isakmp_msg *m)
{
	struct isakmp_sa *answer = malloc(sizeof(*answer));
	struct isakmp_err err;
	char why[256];
	int r = 0;

	if (!answer)
		return STEP_FAIL;
	if (isakmp_sa_parse(isakmp_find(m, ISAKMP_NP_SA, 0), answer, &err)) {
		log_error("%s: %s", ike_sa_name(x->sa), err.msg);
		r = err.notify ? err.notify : STEP_FAIL;
	} else if (p1_check_reply(x->sa->conn, answer, &x->sa->p1, why,
				  sizeof(why))) {
		log_error("%s: the responder's choice is not one of ours: %s",
			  ike_sa_name(x->sa), why);
		r = ISAKMP_N_NO_PROPOSAL_CHOSEN;
	}
	free(answer);
	if (!r)
		natt_take_vids(x->sa, m);
	return r;
}

static int i_send_sa(struct exchange *x, struct isakmp_builder *b)
{
	return phase1_send_offer(x, b, 0);
}

static int send_ke(struct exchange *x, struct isakmp_builder *b)
{
	int r = phase1_make_ke_nonce(x->sa);

	if (r)
		return r;
	phase1_put_ke_nonce(x->sa, b);
	if (natt_put_natd(x->sa, b))
		return STEP_FAIL;
	phase1_put_cert_requests(x->sa, b);
	/* The responder has both values now; the initiator once it hears. */
	return x->sa->initiator ? 0 : phase1_derive(x->sa);
}

static int i_recv_ke(struct exchange *x, const struct isakmp_msg *m)
{
	int r = phase1_take_ke_nonce(x->sa, m);

	phase1_take_cert_requests(x->sa, m);
	if (!r)
		r = phase1_derive(x->sa);
	if (!r)
		r = natt_take_natd(x->sa, m);
	/* Message 5 on: port 4500 if there is a NAT (RFC 3947 4). */
	if (!r)
		natt_float(x->sa);
	return r;
}

static int r_recv_ke(struct exchange *x, const struct isakmp_msg *m)
{
	int r;

	phase1_take_cert_requests(x->sa, m);
	r = phase1_take_ke_nonce(x->sa, m);
	return r ? r : natt_take_natd(x->sa, m);
}

static int send_id(struct exchange *x, struct isakmp_builder *b)
{
	int r;

	phase1_put_id(x->sa, b);
	r = phase1_put_auth(x->sa, b);
	if (!r && x->sa->initiator)
		phase1_put_initial_contact(x->sa, b);
	if (!r && !x->sa->initiator)
		phase1_established(x->sa);
	return r;
}

static int recv_id(struct exchange *x, const struct isakmp_msg *m)
{
	int r = phase1_take_id(x->sa, m);

	if (!x->sa->initiator)
		phase1_take_cert_requests(x->sa, m);
	if (!r)
		r = phase1_check_auth(x->sa, m);
	if (!r)
		phase1_take_notifies(x->sa, m);
	if (!r && x->sa->initiator)
		phase1_established(x->sa);
	return r && x->sa->initiator ? phase1_refuse_last(x->sa, r) : r;
}

static const struct step initiator_steps[] = {
	{ .send = true, .build = i_send_sa },
	{ .expect = EXPECT(sa_msg), .handle = phase1_take_answer },
	{ .send = true, .build = send_ke },
	{ .expect = EXPECT(ke_msg), .handle = i_recv_ke },
	{ .send = true, .encrypted = true, .build = send_id },
	{ .encrypted = true, .expect = EXPECT(id_msg), .handle = recv_id },
};

static const struct step responder_steps[] = {
	{ .expect = EXPECT(sa_msg), .handle = phase1_take_offer },
	{ .send = true, .build = phase1_send_answer },
	{ .expect = EXPECT(ke_msg), .handle = r_recv_ke },
	{ .send = true, .build = send_ke },
	{ .encrypted = true, .expect = EXPECT(id_msg), .handle = recv_id },
	{ .send = true, .encrypted = true, .build = send_id },
};

const struct script main_mode_initiator = {
	"MAIN", ISAKMP_XCHG_IDPROT, true,
	sizeof(initiator_steps) / sizeof(initiator_steps[0]), initiator_steps,
};

const struct script main_mode_responder = {
	"MAIN", ISAKMP_XCHG_IDPROT, false,
	sizeof(responder_steps) / sizeof(responder_steps[0]), responder_steps,
};
