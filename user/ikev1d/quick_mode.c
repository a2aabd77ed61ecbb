// SPDX-License-Identifier: GPL-2.0
/*
 * Quick mode (RFC 2409 5.5), as scripts:
 *
 *   Initiator                              Responder
 *   HDR*, HASH(1), SA, Ni [, KE] [, IDci, IDcr]  -->
 *                      <--  HDR*, HASH(2), SA, Nr [, KE] [, IDci, IDcr]
 *   HDR*, HASH(3)                                -->
 *
 * Inbound SPIs come from the kernel before they are sent.  The initiator
 * installs both SAs once it has the answer, the responder once HASH(3)
 * proves the initiator has it too.
 */
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include "child.h"
#include "ike.h"
#include "keys.h"
#include "log.h"
#include "payload.h"
#include "sa_payload.h"
#include "wire.h"

#define NONCE_LEN 32

static const struct isakmp_expect offer_msg[] = {
	{ ISAKMP_NP_HASH, 1, 1 },
	{ ISAKMP_NP_SA, 1, 1 },
	{ ISAKMP_NP_NONCE, 1, 1 },
	{ ISAKMP_NP_KE, 0, 1 },
	{ ISAKMP_NP_ID, 0, 2 },
	{ ISAKMP_NP_N, 0, 4 },
	{ ISAKMP_NP_NATOA, 0, 2 },
	{ ISAKMP_NP_NATOA_DRAFT, 0, 2 },
};

static const struct isakmp_expect commit_msg[] = {
	{ ISAKMP_NP_HASH, 1, 1 },
};

#define EXPECT(t) t, sizeof(t) / sizeof(t[0])

static int alloc_spi(struct exchange *x)
{
	struct ike_sa *sa = x->sa;
	struct engine *e = sa->e;
	int r = e->ops.alloc_spi(e->ops.kernel_ctx, &sa->remote.addr, &sa->local.addr,
				 ip_proto_of(sa->conn->ipsec_protocol),
				 x->child->reqid, &x->child->spi_in);

	if (r)
		log_error("%s: the kernel gave no SPI (%d)", ike_sa_name(sa), r);
	return r ? STEP_FAIL : 0;
}

static struct child_sa *new_child(struct ike_sa *sa)
{
	struct child_sa *c = calloc(1, sizeof(*c));

	if (!c)
		return NULL;
	c->next = sa->children;
	sa->children = c;
	return c;
}

uint32_t new_msgid(struct ike_sa *sa)
{
	struct exchange *x;
	uint32_t id;

	do {
		if (RAND_bytes((uint8_t *)&id, sizeof(id)) != 1)
			id = 0;
		for (x = sa->xchgs; x && id; x = x->next)
			if (x->msgid == id)
				id = 0;
	} while (!id);
	return id;
}

int quick_mode_start(struct ike_sa *sa, const struct conf_ts *l,
		     const struct conf_ts *r, struct child_sa *old)
{
	struct conf_ts lr, rr;
	struct exchange *x;
	struct child_sa *c;

	if (!ra_ready(sa)) {
		/* XAUTH or mode config first; their end starts it. */
		sa->want_children = true;
		return 0;
	}
	ts_resolve(l, ra_local_host(sa), &lr);
	ts_resolve(r, &sa->remote.addr, &rr);
	if (lr.net.family != rr.net.family)
		return 0;
	c = new_child(sa);
	x = c ? exchange_new(sa, &quick_initiator, new_msgid(sa)) : NULL;
	if (!x) {
		if (c)
			child_remove(sa, c, false);
		return -1;
	}
	c->local_ts = lr;
	c->remote_ts = rr;
	c->initiated = true;
	/* A new pair for the same traffic takes over the old one's policies,
	 * which name its reqid; a trap's policies name the trap's.
	 */
	c->reqid = old ? old->reqid : child_reqid(sa, &lr, &rr);
	x->child = c;
	exchange_advance(x);
	return 0;
}

/* PFS: our key pair and the shared secret with the peer's KE. */
static int pfs(struct exchange *x, const struct isakmp_msg *m, uint16_t group)
{
	const struct isakmp_payload *ke = isakmp_find(m, ISAKMP_NP_KE, 0);
	const struct dh_group *g = dh_group_get(group);
	struct isakmp_blob v;
	struct isakmp_err err;

	if (!group) {
		if (!ke)
			return 0;
		log_error("%s: a KE payload without PFS", ike_sa_name(x->sa));
		return ISAKMP_N_INVALID_PAYLOAD_TYPE;
	}
	if (!ke || isakmp_ke_parse(ke, g->pub_len, &v, &err)) {
		log_error("%s: PFS with group %u needs a KE payload of %zu bytes",
			  ike_sa_name(x->sa), group, g->pub_len);
		return ISAKMP_N_INVALID_KEY_INFORMATION;
	}
	if (!x->dh)
		x->dh = dh_new(group);
	if (!x->dh || dh_compute(x->dh, v.ptr, v.len, x->gqm, &x->gqm_len)) {
		log_error("%s: the peer's PFS public value is not valid",
			  ike_sa_name(x->sa));
		return ISAKMP_N_INVALID_KEY_INFORMATION;
	}
	return 0;
}

static int take_nonce(struct exchange *x, const struct isakmp_msg *m,
		      uint8_t *nonce, size_t *len)
{
	struct isakmp_blob n;
	struct isakmp_err err;

	if (isakmp_nonce_parse(isakmp_find(m, ISAKMP_NP_NONCE, 0), &n, &err)) {
		log_error("%s: %s", ike_sa_name(x->sa), err.msg);
		return ISAKMP_N_PAYLOAD_MALFORMED;
	}
	memcpy(nonce, n.ptr, n.len);
	*len = n.len;
	return 0;
}

static void put_ids(struct exchange *x, struct isakmp_builder *b)
{
	int i;

	for (i = 0; i < 2; i++) {
		size_t off = builder_open(b, ISAKMP_NP_ID);

		builder_put(b, x->id_b[i], x->id_b_len[i]);
		builder_close(b, off);
	}
}

static void put_mid(const struct exchange *x, uint8_t *mid)
{
	put_be32(mid, x->msgid);
}

/* --- initiator --- */

static int i_send_offer(struct exchange *x, struct isakmp_builder *b)
{
	struct ike_sa *sa = x->sa;
	const struct conf_conn *c = sa->conn;
	struct isakmp_sa *offer;
	uint8_t spi[4], mid[4];
	size_t hoff;
	int r = alloc_spi(x);

	if (r)
		return r;
	put_be32(spi, x->child->spi_in);
	x->ni_len = NONCE_LEN;
	if (RAND_bytes(x->ni, NONCE_LEN) != 1)
		return STEP_FAIL;
	if (c->pfs_group && !(x->dh = dh_new(c->pfs_group)))
		return STEP_FAIL;
	offer = malloc(sizeof(*offer));
	if (!offer)
		return STEP_FAIL;
	p2_offer(c, natt_qm_encap(sa), spi, offer);
	x->id_b_len[0] = ts_to_id(&x->child->local_ts, x->id_b[0]);
	x->id_b_len[1] = ts_to_id(&x->child->remote_ts, x->id_b[1]);

	hoff = hash_payload_open(b, sa);
	isakmp_sa_put(b, offer);
	free(offer);
	isakmp_blob_put(b, ISAKMP_NP_NONCE, x->ni, x->ni_len);
	if (x->dh)
		isakmp_blob_put(b, ISAKMP_NP_KE, dh_public(x->dh),
				dh_group_of(x->dh)->pub_len);
	put_ids(x, b);
	natt_put_natoa(sa, b);
	put_mid(x, mid);
	return hash_payload_close(b, hoff, sa, &CHUNK(mid, 4), 1);
}

/* RESPONDER-LIFETIME (RFC 2407 4.6.3.1): attributes that lower ours. */
static void responder_lifetime(struct exchange *x, const struct isakmp_msg *m)
{
	struct p2_choice *ch = &x->child->choice;
	struct isakmp_notification n;
	struct isakmp_attr attrs[8];
	struct isakmp_err err;
	uint16_t type = 0;
	size_t i, k, na;
	uint64_t v;

	for (i = 0; i < m->n; i++) {
		if (m->pl[i].type != ISAKMP_NP_N ||
		    isakmp_notify_parse(&m->pl[i], &n, &err) ||
		    n.type != IPSEC_N_RESPONDER_LIFETIME ||
		    isakmp_attrs_parse(n.data, n.len, ISAKMP_NP_N, 0, attrs, 8,
				       &na, &err))
			continue;
		for (k = 0; k < na; k++) {
			if (attrs[k].type == IPSEC_ATTR_LIFE_TYPE && !attrs[k].tlv)
				type = attrs[k].basic;
			else if (attrs[k].type == IPSEC_ATTR_LIFE_DURATION &&
				 isakmp_attr_number(&attrs[k], &v) && v) {
				if (type == IKE_LIFE_SECONDS && v < ch->lifetime)
					ch->lifetime = v;
				if (type == IKE_LIFE_KILOBYTES &&
				    (!ch->lifekbytes || v < ch->lifekbytes))
					ch->lifekbytes = v;
			}
		}
		log_info("%s: the responder cut the lifetime to %u s",
			 ike_sa_name(x->sa), ch->lifetime);
	}
}

/* The answer's proxy IDs, if any, must be the ones we sent. */
static int same_ids(struct exchange *x, const struct isakmp_msg *m)
{
	const struct isakmp_payload *id[2] = {
		isakmp_find(m, ISAKMP_NP_ID, 0), isakmp_find(m, ISAKMP_NP_ID, 1),
	};
	int i;

	if (!id[0])
		return 0;
	for (i = 0; i < 2; i++)
		if (!id[i] || isakmp_body_len(id[i]) != x->id_b_len[i] ||
		    memcmp(isakmp_body(id[i]), x->id_b[i], x->id_b_len[i])) {
			log_error("%s: the responder answers with other proxy IDs",
				  ike_sa_name(x->sa));
			return ISAKMP_N_INVALID_ID_INFORMATION;
		}
	return 0;
}

static int i_recv_answer(struct exchange *x, const struct isakmp_msg *m)
{
	struct ike_sa *sa = x->sa;
	struct isakmp_sa *answer;
	uint8_t mid[4], h[IKE_HASH_MAX];
	struct isakmp_err err;
	char why[256];
	int r;

	put_mid(x, mid);
	if (ike_qm_hash2(sa->p1.hash->id, sa->skeyid_a, x->msgid,
			 CHUNK(x->ni, x->ni_len), after_first_payload(m), h) ||
	    !hash_matches(&m->pl[0], h, sa->prf_len)) {
		log_error("%s: HASH(2) does not match", ike_sa_name(sa));
		return ISAKMP_N_INVALID_HASH_INFORMATION;
	}
	answer = malloc(sizeof(*answer));
	if (!answer)
		return STEP_FAIL;
	r = isakmp_sa_parse(isakmp_find(m, ISAKMP_NP_SA, 0), answer, &err);
	if (r)
		log_error("%s: %s", ike_sa_name(sa), err.msg);
	else if (p2_check_reply(sa->conn, natt_qm_encap(sa), answer,
				&x->child->choice, why, sizeof(why))) {
		log_error("%s: the responder's choice is not one of ours: %s",
			  ike_sa_name(sa), why);
		r = ISAKMP_N_NO_PROPOSAL_CHOSEN;
	}
	free(answer);
	if (!r)
		r = take_nonce(x, m, x->nr, &x->nr_len);
	if (!r)
		r = pfs(x, m, x->child->choice.group);
	if (!r)
		r = same_ids(x, m);
	if (r)
		return r;
	responder_lifetime(x, m);
	natt_take_natoa(sa, m);
	x->child->spi_out = get_be32(x->child->choice.peer_spi);
	r = child_install_inbound(x);
	return r ? r : child_install_outbound(x);
}

static int i_send_commit(struct exchange *x, struct isakmp_builder *b)
{
	struct ike_sa *sa = x->sa;
	uint8_t h[IKE_HASH_MAX];

	if (ike_qm_hash3(sa->p1.hash->id, sa->skeyid_a, x->msgid,
			 CHUNK(x->ni, x->ni_len), CHUNK(x->nr, x->nr_len), h))
		return STEP_FAIL;
	isakmp_blob_put(b, ISAKMP_NP_HASH, h, sa->prf_len);
	return 0;
}

/* --- responder --- */

/* The proxy IDs the initiator sent (or the hosts, RFC 2409 5.5), matched
 * against the connection: they must fall within a pair of its selectors.
 */
static int r_take_ids(struct exchange *x, const struct isakmp_msg *m)
{
	struct ike_sa *sa = x->sa;
	const struct conf_conn *c = sa->conn;
	struct conf_ts ts[2];
	struct isakmp_err err;
	struct isakmp_id id;
	size_t i, j;

	for (i = 0; i < 2; i++) {
		const struct isakmp_payload *p = isakmp_find(m, ISAKMP_NP_ID, i);

		if (!p) {
			memset(&ts[i], 0, sizeof(ts[i]));
			ts[i].net = i == 0 ? sa->remote.addr : sa->local.addr;
			continue;
		}
		if (isakmp_id_parse(p, &id, &err) || ts_from_id(&id, &ts[i]) ||
		    isakmp_body_len(p) > sizeof(x->id_b[i])) {
			log_error("%s: proxy ID %zu is not an address, subnet or range",
				  ike_sa_name(sa), i + 1);
			return ISAKMP_N_INVALID_ID_INFORMATION;
		}
		memcpy(x->id_b[i], isakmp_body(p), isakmp_body_len(p));
		x->id_b_len[i] = isakmp_body_len(p);
		x->have_ids = true;
	}
	if (x->have_ids && !isakmp_find(m, ISAKMP_NP_ID, 1))
		return ISAKMP_N_INVALID_ID_INFORMATION;
	for (i = 0; i < c->nlocal_ts; i++)
		for (j = 0; j < c->nremote_ts; j++) {
			struct conf_ts l, r;

			ts_resolve(&c->local_ts[i], &sa->local.addr, &l);
			ts_resolve(&c->remote_ts[j], &sa->remote.addr, &r);
			if (ts_contains(&r, &ts[0]) && ts_contains(&l, &ts[1])) {
				struct child_sa *old;

				x->child->remote_ts = ts[0];
				x->child->local_ts = ts[1];
				/* The peer rekeys: same traffic, same reqid. */
				old = child_same(sa, &ts[1], &ts[0], x->child);
				x->child->reqid = old ? old->reqid :
						  child_reqid(sa, &ts[1], &ts[0]);
				return 0;
			}
		}
	{
		char a[KIPS_PREFIX_STRLEN], b[KIPS_PREFIX_STRLEN];

		log_error("%s: proxy IDs %s <-> %s match no selectors of conn %s",
			  ike_sa_name(sa), kips_prefix_str(&ts[0].net, a, sizeof(a)),
			  kips_prefix_str(&ts[1].net, b, sizeof(b)), c->name);
	}
	return ISAKMP_N_INVALID_ID_INFORMATION;
}

static int r_recv_offer(struct exchange *x, const struct isakmp_msg *m)
{
	struct ike_sa *sa = x->sa;
	struct isakmp_sa *offer;
	uint8_t h[IKE_HASH_MAX], spi[4];
	struct isakmp_err err;
	char why[256];
	int r;

	if (ike_qm_hash1(sa->p1.hash->id, sa->skeyid_a, x->msgid,
			 after_first_payload(m), h) ||
	    !hash_matches(&m->pl[0], h, sa->prf_len)) {
		log_error("%s: HASH(1) does not match", ike_sa_name(sa));
		return ISAKMP_N_INVALID_HASH_INFORMATION;
	}
	x->child = new_child(sa);
	if (!x->child)
		return STEP_FAIL;
	r = r_take_ids(x, m);
	if (!r)
		r = alloc_spi(x);
	if (r)
		return r;
	put_be32(spi, x->child->spi_in);
	offer = malloc(sizeof(*offer));
	x->reply_sa = malloc(sizeof(*x->reply_sa));
	if (!offer || !x->reply_sa) {
		free(offer);
		return STEP_FAIL;
	}
	r = isakmp_sa_parse(isakmp_find(m, ISAKMP_NP_SA, 0), offer, &err);
	if (r) {
		log_error("%s: %s", ike_sa_name(sa), err.msg);
		r = err.notify ? err.notify : STEP_FAIL;
	} else if (p2_choose(sa->conn, natt_qm_encap(sa), offer, spi,
			     &x->child->choice,
			     x->reply_sa, why, sizeof(why))) {
		log_error("%s: no acceptable quick mode proposal (last refusal: %s)",
			  ike_sa_name(sa), why);
		r = ISAKMP_N_NO_PROPOSAL_CHOSEN;
	}
	free(offer);
	if (!r)
		r = take_nonce(x, m, x->ni, &x->ni_len);
	if (!r)
		r = pfs(x, m, x->child->choice.group);
	if (r)
		return r;
	natt_take_natoa(sa, m);
	x->lowered = x->child->choice.lowered;
	x->child->spi_out = get_be32(x->child->choice.peer_spi);
	return 0;
}

static void put_responder_lifetime(struct exchange *x, struct isakmp_builder *b)
{
	const struct p2_choice *ch = &x->child->choice;
	struct isakmp_notification n = {
		.doi = ISAKMP_DOI_IPSEC,
		.protocol = ch->protocol,
		.spi_size = 4,
		.type = IPSEC_N_RESPONDER_LIFETIME,
	};
	uint8_t data[24];
	size_t len = 0;

	memcpy(n.spi, ch->peer_spi, 4);
	put_be16(data, ISAKMP_ATTR_AF | IPSEC_ATTR_LIFE_TYPE);
	put_be16(data + 2, IKE_LIFE_SECONDS);
	put_be16(data + 4, IPSEC_ATTR_LIFE_DURATION);
	put_be16(data + 6, 4);
	put_be32(data + 8, ch->lifetime);
	len = 12;
	if (ch->lifekbytes) {
		put_be16(data + 12, ISAKMP_ATTR_AF | IPSEC_ATTR_LIFE_TYPE);
		put_be16(data + 14, IKE_LIFE_KILOBYTES);
		put_be16(data + 16, IPSEC_ATTR_LIFE_DURATION);
		put_be16(data + 18, 4);
		put_be32(data + 20, ch->lifekbytes > UINT32_MAX ? UINT32_MAX :
							       ch->lifekbytes);
		len = 24;
	}
	n.data = data;
	n.len = len;
	isakmp_notify_put(b, &n);
}

static int r_send_answer(struct exchange *x, struct isakmp_builder *b)
{
	struct ike_sa *sa = x->sa;
	uint8_t mid[4];
	size_t hoff;
	struct chunk pre[2];

	x->nr_len = NONCE_LEN;
	if (RAND_bytes(x->nr, NONCE_LEN) != 1)
		return STEP_FAIL;
	hoff = hash_payload_open(b, sa);
	isakmp_sa_put(b, x->reply_sa);
	free(x->reply_sa);
	x->reply_sa = NULL;
	isakmp_blob_put(b, ISAKMP_NP_NONCE, x->nr, x->nr_len);
	if (x->dh)
		isakmp_blob_put(b, ISAKMP_NP_KE, dh_public(x->dh),
				dh_group_of(x->dh)->pub_len);
	if (x->have_ids)
		put_ids(x, b);
	natt_put_natoa(sa, b);
	if (x->lowered)
		put_responder_lifetime(x, b);
	put_mid(x, mid);
	pre[0] = CHUNK(mid, 4);
	pre[1] = CHUNK(x->ni, x->ni_len);
	if (hash_payload_close(b, hoff, sa, pre, 2))
		return STEP_FAIL;
	/* The initiator may send as soon as it has this answer. */
	return child_install_inbound(x);
}

static int r_recv_commit(struct exchange *x, const struct isakmp_msg *m)
{
	struct ike_sa *sa = x->sa;
	uint8_t h[IKE_HASH_MAX];

	if (ike_qm_hash3(sa->p1.hash->id, sa->skeyid_a, x->msgid,
			 CHUNK(x->ni, x->ni_len), CHUNK(x->nr, x->nr_len), h) ||
	    !hash_matches(&m->pl[0], h, sa->prf_len)) {
		log_error("%s: HASH(3) does not match", ike_sa_name(sa));
		return ISAKMP_N_INVALID_HASH_INFORMATION;
	}
	return child_install_outbound(x);
}

static const struct step initiator_steps[] = {
	{ .send = true, .encrypted = true, .build = i_send_offer },
	{ .encrypted = true, .expect = EXPECT(offer_msg), .first = ISAKMP_NP_HASH,
	  .handle = i_recv_answer },
	{ .send = true, .encrypted = true, .build = i_send_commit },
};

static const struct step responder_steps[] = {
	{ .encrypted = true, .expect = EXPECT(offer_msg), .first = ISAKMP_NP_HASH,
	  .handle = r_recv_offer },
	{ .send = true, .encrypted = true, .build = r_send_answer },
	{ .encrypted = true, .expect = EXPECT(commit_msg), .first = ISAKMP_NP_HASH,
	  .handle = r_recv_commit },
};

const struct script quick_initiator = {
	"QUICK", ISAKMP_XCHG_QUICK, true,
	sizeof(initiator_steps) / sizeof(initiator_steps[0]), initiator_steps,
};

const struct script quick_responder = {
	"QUICK", ISAKMP_XCHG_QUICK, false,
	sizeof(responder_steps) / sizeof(responder_steps[0]), responder_steps,
};
