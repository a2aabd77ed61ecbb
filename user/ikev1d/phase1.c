// SPDX-License-Identifier: GPL-2.0
/*
 * What main mode and aggressive mode share (RFC 2409 5): the KE and nonce
 * payloads, SKEYID and the keys, the ID payload and the authenticating
 * HASH_I / HASH_R, and the moment phase 1 is done.
 */
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include "cert.h"
#include "child.h"
#include "conf_value.h"
#include "ike.h"
#include "keys.h"
#include "log.h"
#include "names.h"
#include "payload.h"

#define NONCE_LEN 32

int phase1_make_ke_nonce(struct ike_sa *sa)
{
	uint8_t *nonce = sa->initiator ? sa->ni : sa->nr;
	size_t *nonce_len = sa->initiator ? &sa->ni_len : &sa->nr_len;
	const struct dh_group *g;

	dh_free(sa->dh);
	sa->dh = dh_new(sa->p1.group);
	if (!sa->dh || RAND_bytes(nonce, NONCE_LEN) != 1) {
		log_error("%s: no key pair or nonce for DH group %u",
			  ike_sa_name(sa), sa->p1.group);
		return STEP_FAIL;
	}
	*nonce_len = NONCE_LEN;
	g = dh_group_of(sa->dh);
	sa->gx_len = g->pub_len;
	memcpy(sa->initiator ? sa->gxi : sa->gxr, dh_public(sa->dh), g->pub_len);
	return 0;
}

void phase1_put_ke_nonce(struct ike_sa *sa, struct isakmp_builder *b)
{
	isakmp_blob_put(b, ISAKMP_NP_KE, sa->initiator ? sa->gxi : sa->gxr,
			sa->gx_len);
	isakmp_blob_put(b, ISAKMP_NP_NONCE, sa->initiator ? sa->ni : sa->nr,
			sa->initiator ? sa->ni_len : sa->nr_len);
}

int phase1_take_ke_nonce(struct ike_sa *sa, const struct isakmp_msg *m)
{
	const struct dh_group *g = dh_group_get(sa->p1.group);
	struct isakmp_blob ke, nonce;
	struct isakmp_err err;

	if (isakmp_ke_parse(isakmp_find(m, ISAKMP_NP_KE, 0), g->pub_len, &ke, &err)) {
		log_error("%s: %s", ike_sa_name(sa), err.msg);
		return ISAKMP_N_INVALID_KEY_INFORMATION;
	}
	if (isakmp_nonce_parse(isakmp_find(m, ISAKMP_NP_NONCE, 0), &nonce, &err))
		return ISAKMP_N_PAYLOAD_MALFORMED;
	sa->gx_len = g->pub_len;
	memcpy(sa->initiator ? sa->gxr : sa->gxi, ke.ptr, ke.len);
	memcpy(sa->initiator ? sa->nr : sa->ni, nonce.ptr, nonce.len);
	*(sa->initiator ? &sa->nr_len : &sa->ni_len) = nonce.len;
	return 0;
}

int phase1_derive(struct ike_sa *sa)
{
	uint16_t hash = sa->p1.hash->id;
	uint8_t gxy[DH_MAX_SECRET];
	size_t gxy_len;
	int ret = STEP_FAIL;

	if (dh_compute(sa->dh, sa->initiator ? sa->gxr : sa->gxi, sa->gx_len,
		       gxy, &gxy_len)) {
		log_error("%s: the peer's public value is not valid in group %u",
			  ike_sa_name(sa), sa->p1.group);
		return ISAKMP_N_INVALID_KEY_INFORMATION;
	}
	sa->prf_len = ike_hash_len(hash);
	sa->enc_key_len = ike_cipher_key_len(sa->p1.encr->id, sa->p1.encr->key_bits);
	sa->block_len = ike_cipher_block_len(sa->p1.encr->id);
	if ((sa->p1.auth == IKE_AUTH_RSA_SIG ?
	     ike_skeyid_sig(hash, CHUNK(sa->ni, sa->ni_len),
			    CHUNK(sa->nr, sa->nr_len), CHUNK(gxy, gxy_len),
			    sa->skeyid) :
	     ike_skeyid_psk(hash, sa->psk, sa->psk_len, CHUNK(sa->ni, sa->ni_len),
			    CHUNK(sa->nr, sa->nr_len), sa->skeyid)) ||
	    ike_skeyid_dae(hash, sa->skeyid, CHUNK(gxy, gxy_len), sa->icookie,
			   sa->rcookie, sa->skeyid_d, sa->skeyid_a, sa->skeyid_e) ||
	    ike_enc_key(hash, sa->skeyid_e, sa->enc_key_len, sa->enc_key) ||
	    ike_phase1_iv(hash, CHUNK(sa->gxi, sa->gx_len),
			  CHUNK(sa->gxr, sa->gx_len), sa->block_len, sa->iv))
		goto out;
	sa->keyed = true;
	ret = 0;
out:
	OPENSSL_cleanse(gxy, sizeof(gxy));
	dh_free(sa->dh);
	sa->dh = NULL;
	return ret;
}

size_t phase1_own_id_body(const struct ike_sa *sa, uint8_t *body)
{
	const struct conf_id *me = &sa->conn->local_id;
	struct conf_id fallback;

	if (!me->type) {
		conf_id_from_addr(&sa->local.addr, &fallback);
		me = &fallback;
	}
	/* RFC 2407 4.6.2: protocol and port are 0 (or UDP/500) in phase 1. */
	body[0] = me->type;
	body[1] = body[2] = body[3] = 0;
	memcpy(body + 4, me->data, me->len);
	return 4 + me->len;
}

void phase1_put_id(struct ike_sa *sa, struct isakmp_builder *b)
{
	uint8_t body[4 + CONF_ID_MAX];
	size_t len = phase1_own_id_body(sa, body);
	size_t off = builder_open(b, ISAKMP_NP_ID);

	builder_put(b, body, len);
	builder_close(b, off);
}

const char *phase1_id_str(uint8_t type, const uint8_t *data, size_t len,
			  char *buf, size_t size)
{
	struct kips_addr a;

	if ((type == IPSEC_ID_IPV4_ADDR || type == IPSEC_ID_IPV6_ADDR) &&
	    kips_addr_from_raw(&a, data, len))
		return kips_addr_str(&a, buf, size);
	if (type == IPSEC_ID_FQDN || type == IPSEC_ID_USER_FQDN) {
		snprintf(buf, size, "%s%.*s", type == IPSEC_ID_FQDN ? "@" : "",
			 (int)len, (const char *)data);
		return buf;
	}
	if (type == IPSEC_ID_DER_ASN1_DN)
		return cert_dn_str(data, len, buf, size);
	snprintf(buf, size, "%s (%zu bytes)", ipsec_id_type_name(type) ?
		 ipsec_id_type_name(type) : "ID", len);
	return buf;
}

/* The same identity; DNs by their meaning, not their encoding. */
static bool id_matches(const struct conf_id *want, const struct isakmp_id *id)
{
	if (id->type != want->type)
		return false;
	if (id->type == IPSEC_ID_DER_ASN1_DN)
		return cert_dn_equal(id->data, id->len, want->data, want->len);
	return id->len == want->len && !memcmp(id->data, want->data, id->len);
}

int phase1_take_id(struct ike_sa *sa, const struct isakmp_msg *m)
{
	const struct conf_id *want = &sa->conn->remote_id;
	struct isakmp_err err;
	struct isakmp_id id;
	char got[300], exp[300];

	if (isakmp_id_parse(isakmp_find(m, ISAKMP_NP_ID, 0), &id, &err))
		return ISAKMP_N_INVALID_ID_INFORMATION;
	if (id.len > CONF_ID_MAX) {
		log_error("%s: the peer's ID (type %u) is %zu bytes, more than %d",
			  ike_sa_name(sa), id.type, id.len, CONF_ID_MAX);
		return ISAKMP_N_INVALID_ID_INFORMATION;
	}
	if ((id.protocol || id.port) && !(id.protocol == 17 && id.port == 500)) {
		log_error("%s: phase-1 ID with protocol %u port %u", ike_sa_name(sa),
			  id.protocol, id.port);
		return ISAKMP_N_INVALID_ID_INFORMATION;
	}
	if (want->type && !id_matches(want, &id)) {
		log_error("%s: the peer is %s, but conn %s expects %s",
			  ike_sa_name(sa), phase1_id_str(id.type, id.data, id.len, got, sizeof(got)),
			  sa->conn->name, phase1_id_str(want->type, want->data, want->len,
						 exp, sizeof(exp)));
		return ISAKMP_N_INVALID_ID_INFORMATION;
	}
	sa->peer_id.type = id.type;
	sa->peer_id.len = id.len;
	memcpy(sa->peer_id.data, id.data, id.len);
	sa->peer_id_b_len = 4 + id.len;
	memcpy(sa->peer_id_b, isakmp_body(isakmp_find(m, ISAKMP_NP_ID, 0)),
	       sa->peer_id_b_len);
	/* Aggressive mode names the peer before the keys are made: a
	 * connection for anyone can pick the peer's own key.
	 */
	if (!sa->keyed && !sa->initiator && !want->type &&
	    sa->conn->auth == IKE_AUTH_PSK) {
		const struct conf_secret *s = conf_secret_for(sa->e->conf,
							      &sa->peer_id, NULL);

		if (s && (s->id.type || s->addr.family)) {
			memcpy(sa->psk, s->psk, s->psk_len);
			sa->psk_len = s->psk_len;
		}
	}
	return 0;
}

int phase1_auth_hash(struct ike_sa *sa, bool of_initiator, struct chunk id_b,
		     uint8_t *out)
{
	uint16_t hash = sa->p1.hash->id;
	struct chunk gxi = CHUNK(sa->gxi, sa->gx_len), gxr = CHUNK(sa->gxr, sa->gx_len);
	struct chunk sai = CHUNK(sa->sai_b, sa->sai_b_len);

	return of_initiator ?
	       ike_hash_i(hash, sa->skeyid, gxi, gxr, sa->icookie, sa->rcookie,
			  sai, id_b, out) :
	       ike_hash_r(hash, sa->skeyid, gxi, gxr, sa->icookie, sa->rcookie,
			  sai, id_b, out);
}

int phase1_put_hash(struct ike_sa *sa, struct isakmp_builder *b)
{
	uint8_t body[4 + CONF_ID_MAX], h[IKE_HASH_MAX];
	size_t len = phase1_own_id_body(sa, body);

	if (phase1_auth_hash(sa, sa->initiator, CHUNK(body, len), h))
		return STEP_FAIL;
	isakmp_blob_put(b, ISAKMP_NP_HASH, h, sa->prf_len);
	return 0;
}

int phase1_check_hash(struct ike_sa *sa, const struct isakmp_msg *m)
{
	const struct isakmp_payload *hp = isakmp_find(m, ISAKMP_NP_HASH, 0);
	uint8_t h[IKE_HASH_MAX];

	if (phase1_auth_hash(sa, !sa->initiator,
		      CHUNK(sa->peer_id_b, sa->peer_id_b_len), h))
		return STEP_FAIL;
	if (!hash_matches(hp, h, sa->prf_len)) {
		log_error("%s: %s does not match: the peer has another pre-shared key",
			  ike_sa_name(sa), sa->initiator ? "HASH_R" : "HASH_I");
		return ISAKMP_N_AUTHENTICATION_FAILED;
	}
	return 0;
}

int phase1_keep_sai(struct ike_sa *sa, const uint8_t *body, size_t len)
{
	free(sa->sai_b);
	sa->sai_b = malloc(len);
	if (!sa->sai_b)
		return STEP_FAIL;
	memcpy(sa->sai_b, body, len);
	sa->sai_b_len = len;
	return 0;
}

void phase1_established(struct ike_sa *sa)
{
	char peer[300];

	sa->expires = sa->e->now + (uint64_t)sa->p1.lifetime * 1000;
	if (sa->initiator)
		sa->rekey_at = sa->e->now + (uint64_t)sa->p1.lifetime * 900;
	ike_sa_set_state(sa, IKE_SA_ESTABLISHED);
	log_info("%s: ISAKMP SA established with %s (%s-%s-%s, %u s, %s)",
		 ike_sa_name(sa), phase1_id_str(sa->peer_id.type, sa->peer_id.data,
					 sa->peer_id.len, peer, sizeof(peer)),
		 sa->p1.encr->name, sa->p1.hash->name, group_name(sa->p1.group),
		 sa->p1.lifetime, sa->p1.auth == IKE_AUTH_RSA_SIG ?
		 "RSA signature" : "pre-shared key");
}

/* A new ISAKMP SA with a peer takes the IPsec SAs of the ones before it
 * (which it replaces when we rekeyed, or which were deleted or expired),
 * so that they can be rekeyed and deleted with notice.
 */
static void adopt(struct ike_sa *sa)
{
	struct ike_sa *o;

	for (o = sa->e->sas; o; o = o->next) {
		struct exchange *x;

		if (o == sa || o->conn != sa->conn ||
		    !kips_addr_equal(&o->remote.addr, &sa->remote.addr) ||
		    (o->state != IKE_SA_ESTABLISHED && o->state != IKE_SA_GONE))
			continue;
		for (x = o->xchgs; x; x = x->next)
			if (x->script->type == ISAKMP_XCHG_QUICK && !x->done)
				x->failed = true;
			else
				x->child = NULL;
		while (o->children) {
			struct child_sa *c = o->children;

			o->children = c->next;
			c->next = sa->children;
			sa->children = c;
		}
		if (o->state == IKE_SA_GONE)
			ike_sa_set_state(o, IKE_SA_DEAD);
		else if (o->rekeying) {
			log_info("%s: replaced by %s", ike_sa_name(o), ike_sa_name(sa));
			ike_sa_terminate(o);
		}
	}
}

static bool others_with_peer(const struct ike_sa *sa)
{
	const struct ike_sa *o;

	for (o = sa->e->sas; o; o = o->next)
		if (o != sa && o->conn == sa->conn && o->state != IKE_SA_DEAD &&
		    kips_addr_equal(&o->remote.addr, &sa->remote.addr))
			return true;
	return false;
}

void phase1_put_initial_contact(struct ike_sa *sa, struct isakmp_builder *b)
{
	struct isakmp_notification n = {
		.doi = ISAKMP_DOI_IPSEC,
		.protocol = ISAKMP_PROTO_ISAKMP,
		.spi_size = 2 * ISAKMP_COOKIE_LEN,
		.type = IPSEC_N_INITIAL_CONTACT,
	};

	if (others_with_peer(sa))
		return;
	memcpy(n.spi, sa->icookie, ISAKMP_COOKIE_LEN);
	memcpy(n.spi + ISAKMP_COOKIE_LEN, sa->rcookie, ISAKMP_COOKIE_LEN);
	isakmp_notify_put(b, &n);
}

void phase1_take_notifies(struct ike_sa *sa, const struct isakmp_msg *m)
{
	struct isakmp_notification n;
	struct isakmp_err err;
	size_t i;

	for (i = 0; i < m->n; i++)
		if (m->pl[i].type == ISAKMP_NP_N &&
		    !isakmp_notify_parse(&m->pl[i], &n, &err) &&
		    n.type == IPSEC_N_INITIAL_CONTACT)
			sa->initial_contact = true;
}

/* The peer started afresh: what we still had with it is stale. */
static void forget_old(struct ike_sa *sa)
{
	struct ike_sa *o;

	for (o = sa->e->sas; o; o = o->next) {
		if (o == sa || o->conn != sa->conn || o->state == IKE_SA_DEAD ||
		    !kips_addr_equal(&o->remote.addr, &sa->remote.addr))
			continue;
		log_info("%s: INITIAL-CONTACT from the peer: %s is stale",
			 ike_sa_name(sa), ike_sa_name(o));
		while (o->children)
			child_remove(o, o->children, false);
		ike_sa_set_state(o, IKE_SA_DEAD);
	}
}

void phase1_done(struct ike_sa *sa)
{
	if (sa->state == IKE_SA_ESTABLISHED && sa->initial_contact)
		forget_old(sa);
	else if (sa->state == IKE_SA_ESTABLISHED)
		adopt(sa);

	/* Quick mode's IVs continue phase 1's last one: only now is it
	 * known, the last message sent or taken.
	 */
	if (sa->state != IKE_SA_ESTABLISHED)
		return;
	ra_phase1_done(sa);
	if (ra_ready(sa))
		phase1_start_children(sa);
}

void phase1_start_children(struct ike_sa *sa)
{
	size_t i, j;

	if (sa->state != IKE_SA_ESTABLISHED || !sa->want_children)
		return;
	sa->want_children = false;
	for (i = 0; i < sa->conn->nlocal_ts; i++)
		for (j = 0; j < sa->conn->nremote_ts; j++) {
			struct conf_ts l, r;

			/* Traffic an adopted pair protects needs no new one. */
			ts_resolve(&sa->conn->local_ts[i], ra_local_host(sa), &l);
			ts_resolve(&sa->conn->remote_ts[j], &sa->remote.addr, &r);
			if (!child_same(sa, &l, &r, NULL))
				quick_mode_start(sa, &sa->conn->local_ts[i],
						 &sa->conn->remote_ts[j], NULL);
		}
}
