// SPDX-License-Identifier: GPL-2.0
/*
 * Transaction exchanges (draft-dukes-ike-mode-cfg-02 3.1): two messages,
 * a request (REQUEST or SET) and its answer (REPLY or ACK), each
 *
 *   HDR*, HASH, ATTR      HASH = prf(SKEYID_a, M-ID | ATTR)
 *
 * under a message ID of their own, encrypted with an IV chain of their
 * own that starts, like quick mode's, at hash(last phase-1 IV | M-ID).
 * The engine (exchange.c) walks them as scripts; what goes in them is
 * xauth.c's and modecfg.c's.  Also here: remote access as a whole, from
 * the end of phase 1 to the first quick mode.
 */
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "ike.h"
#include "keys.h"
#include "log.h"
#include "names.h"
#include "wire.h"
#include "../lib/json.h"

static const struct isakmp_expect attr_msg[] = {
	{ ISAKMP_NP_HASH, 1, 1 },
	{ ISAKMP_NP_ATTR, 1, 1 },
};

#define EXPECT(t) t, sizeof(t) / sizeof(t[0])

static const char *cfg_type_str(uint8_t type)
{
	static const char *const names[] = { "?", "REQUEST", "REPLY", "SET", "ACK" };

	return type <= ISAKMP_CFG_ACK ? names[type] : "?";
}

int transaction_take(struct exchange *x, const struct isakmp_msg *m,
		     struct isakmp_cfg *cfg)
{
	struct ike_sa *sa = x->sa;
	uint8_t h[IKE_HASH_MAX];
	struct isakmp_err err;

	if (ike_qm_hash1(sa->p1.hash->id, sa->skeyid_a, x->msgid,
			 after_first_payload(m), h) ||
	    !hash_matches(&m->pl[0], h, sa->prf_len)) {
		log_warn("%s: transaction M-ID 0x%08x: HASH does not match, dropped",
			 ike_sa_name(sa), x->msgid);
		return -1;
	}
	/* The generic layer checked the payload; this decodes it again
	 * into the caller's storage.
	 */
	if (isakmp_cfg_parse(isakmp_find(m, ISAKMP_NP_ATTR, 0), cfg, &err)) {
		log_warn("%s: transaction M-ID 0x%08x: %s, dropped",
			 ike_sa_name(sa), x->msgid, err.msg);
		return -1;
	}
	log_debug("%s: transaction M-ID 0x%08x: %s, identifier %u, %zu attributes",
		  ike_sa_name(sa), x->msgid, cfg_type_str(cfg->type),
		  cfg->identifier, cfg->nattrs);
	return 0;
}

/* HDR*, HASH, ATTR(@cfg). */
static int put_message(struct exchange *x, struct isakmp_builder *b,
		       const struct isakmp_cfg *cfg)
{
	uint8_t mid[4];
	size_t hoff;

	put_be32(mid, x->msgid);
	hoff = hash_payload_open(b, x->sa);
	isakmp_cfg_put(b, cfg);
	return hash_payload_close(b, hoff, x->sa, &CHUNK(mid, 4), 1);
}

static bool has_xauth_attrs(const struct isakmp_cfg *cfg)
{
	size_t i;

	for (i = 0; i < cfg->nattrs; i++)
		if (cfg->attrs[i].type >= XAUTH_TYPE &&
		    cfg->attrs[i].type <= XAUTH_ANSWER)
			return true;
	return false;
}

/* --- the server asks (XAUTH) --- */

/*
 * A received transaction message's attributes, decoded into a scratch copy
 * that is wiped afterwards (an XAUTH exchange may carry credentials), and
 * handed to take().
 */
static int take_message(struct exchange *x, const struct isakmp_msg *m,
			int (*take)(struct exchange *x, const struct isakmp_cfg *cfg))
{
	struct isakmp_cfg *cfg = malloc(sizeof(*cfg));
	int r = STEP_FAIL;

	if (!cfg)
		return STEP_FAIL;
	if (!transaction_take(x, m, cfg))
		r = take(x, cfg);
	OPENSSL_cleanse(cfg, sizeof(*cfg));
	free(cfg);
	return r;
}

static int take_request(struct exchange *x, const struct isakmp_cfg *cfg)
{
	if (cfg->type != ISAKMP_CFG_REQUEST && cfg->type != ISAKMP_CFG_SET) {
		log_warn("%s: transaction: a %s where the server should ask, dropped",
			 ike_sa_name(x->sa), cfg_type_str(cfg->type));
		return STEP_FAIL;
	}
	if (!has_xauth_attrs(cfg)) {
		/* Mode config pushed by the server (SET mode). */
		log_warn("%s: the server sends a mode-config %s (push mode): "
			 "not supported, ikev1d pulls", ike_sa_name(x->sa),
			 cfg_type_str(cfg->type));
		return STEP_FAIL;
	}
	return xauth_take(x, cfg);
}

static int r_take_request(struct exchange *x, const struct isakmp_msg *m)
{
	return take_message(x, m, take_request);
}

static const struct step responder_steps[] = {
	{ .encrypted = true, .expect = EXPECT(attr_msg),
	  .first = ISAKMP_NP_HASH, .handle = r_take_request },
	{ .send = true, .encrypted = true, .build = xauth_put_answer },
};

const struct script transaction_responder = {
	"TRANSACTION", ISAKMP_XCHG_TRANSACTION, false,
	sizeof(responder_steps) / sizeof(responder_steps[0]), responder_steps,
};

/* --- we ask (mode config) --- */

static int i_send_request(struct exchange *x, struct isakmp_builder *b)
{
	struct isakmp_cfg *cfg = calloc(1, sizeof(*cfg));
	int r;

	if (!cfg)
		return STEP_FAIL;
	cfg->type = ISAKMP_CFG_REQUEST;
	cfg->identifier = x->cfg_id;
	modecfg_put_request(x->sa, cfg);
	r = put_message(x, b, cfg);
	free(cfg);
	return r;
}

static int take_reply(struct exchange *x, const struct isakmp_cfg *cfg)
{
	if (cfg->type != ISAKMP_CFG_REPLY || cfg->identifier != x->cfg_id) {
		log_warn("%s: transaction: a %s with identifier %u where the REPLY "
			 "to %u is due", ike_sa_name(x->sa), cfg_type_str(cfg->type),
			 cfg->identifier, x->cfg_id);
		return STEP_FAIL;
	}
	return modecfg_take_reply(x, cfg);
}

static int i_take_reply(struct exchange *x, const struct isakmp_msg *m)
{
	return take_message(x, m, take_reply);
}

static const struct step initiator_steps[] = {
	{ .send = true, .encrypted = true, .build = i_send_request },
	{ .encrypted = true, .expect = EXPECT(attr_msg),
	  .first = ISAKMP_NP_HASH, .handle = i_take_reply },
};

const struct script transaction_initiator = {
	"TRANSACTION", ISAKMP_XCHG_TRANSACTION, true,
	sizeof(initiator_steps) / sizeof(initiator_steps[0]), initiator_steps,
};

int transaction_put_answer(struct exchange *x, struct isakmp_builder *b,
			   const struct isakmp_cfg *cfg)
{
	return put_message(x, b, cfg);
}

struct exchange *transaction_peer_starts(struct ike_sa *sa,
					 const struct isakmp_header *h)
{
	if (sa->state != IKE_SA_ESTABLISHED || !sa->initiator ||
	    sa->ra.phase != RA_XAUTH) {
		log_info("%s: transaction (M-ID 0x%08x) where none is due, dropped",
			 ike_sa_name(sa), h->msgid);
		return NULL;
	}
	return exchange_new(sa, &transaction_responder, h->msgid);
}

void transaction_done(struct exchange *x)
{
	if (x->script->initiator)
		modecfg_finished(x);
	else
		xauth_finished(x);
}

void transaction_failed(struct exchange *x)
{
	/* The server's own requests it may send again; ours failing leaves
	 * no way forward.
	 */
	if (x->script->initiator && x->sa->ra.phase == RA_MODECFG)
		ra_fail(x->sa, "mode config failed");
}

/* --- remote access, from phase 1 to quick mode --- */

void ra_phase1_done(struct ike_sa *sa)
{
	const struct conf_conn *c = sa->conn;

	if (!sa->initiator || (!c->xauth && !c->modecfg)) {
		sa->ra.phase = RA_OFF;
		return;
	}
	if (sa->ra.phase != RA_OFF)
		return;		/* under way already */
	if (c->xauth) {
		sa->ra.phase = RA_XAUTH;
		sa->ra.deadline = sa->e->now + RA_XAUTH_WAIT_MS;
		log_info("%s: waiting for the server's XAUTH request", ike_sa_name(sa));
		return;
	}
	if (modecfg_start(sa))
		ra_fail(sa, "cannot start mode config");
}

void ra_tick(struct ike_sa *sa)
{
	if (sa->state == IKE_SA_ESTABLISHED && sa->ra.phase == RA_XAUTH &&
	    sa->ra.deadline && sa->ra.deadline <= sa->e->now)
		ra_fail(sa, "the server did not do its part of XAUTH within 30 s");
}

uint64_t ra_next_timer(const struct ike_sa *sa)
{
	return sa->state == IKE_SA_ESTABLISHED && sa->ra.phase == RA_XAUTH &&
	       sa->ra.deadline ? sa->ra.deadline : UINT64_MAX;
}

bool ra_ready(const struct ike_sa *sa)
{
	return sa->ra.phase == RA_OFF || sa->ra.phase == RA_READY;
}

const struct kips_addr *ra_local_host(const struct ike_sa *sa)
{
	return sa->ra.vip.family ? &sa->ra.vip : &sa->local.addr;
}

void ra_fail(struct ike_sa *sa, const char *why)
{
	log_error("%s: %s: deleting the ISAKMP SA, nothing installed",
		  ike_sa_name(sa), why);
	ra_release(sa);
	ike_sa_terminate(sa);
}

bool ra_vip_held_elsewhere(const struct ike_sa *sa)
{
	const struct ike_sa *o;

	for (o = sa->e->sas; o; o = o->next)
		if (o != sa && o->ra.vip_added && o->conn == sa->conn &&
		    kips_addr_equal(&o->ra.vip, &sa->ra.vip))
			return true;
	return false;
}

void ra_release(struct ike_sa *sa)
{
	struct engine *e = sa->e;
	char a[KIPS_PREFIX_STRLEN];
	int r;

	if (!sa->ra.vip_added)
		return;
	sa->ra.vip_added = false;
	/* An ISAKMP SA that replaced this one holds the same address. */
	if (ra_vip_held_elsewhere(sa))
		return;
	r = e->ops.set_vip ? e->ops.set_vip(e->ops.ctx, &sa->ra.vip,
					    sa->conn->sourceip_dev, false) : 0;
	if (r)
		log_warn("%s: removing %s from %s failed (%d)", ike_sa_name(sa),
			 kips_prefix_str(&sa->ra.vip, a, sizeof(a)),
			 sa->conn->sourceip_dev, r);
	else
		log_info("%s: %s removed from %s", ike_sa_name(sa),
			 kips_prefix_str(&sa->ra.vip, a, sizeof(a)),
			 sa->conn->sourceip_dev);
}

void ra_status_text(const struct ike_sa *sa, FILE *out)
{
	char a[KIPS_PREFIX_STRLEN];
	size_t i;

	if (sa->conn->xauth)
		fprintf(out, ", XAUTH %s%s", sa->conn->xauth_identity,
			sa->ra.xauth_ok ? "" : " (pending)");
	if (sa->ra.vip.family)
		fprintf(out, ", virtual IP %s",
			kips_addr_str(&sa->ra.vip, a, sizeof(a)));
	for (i = 0; i < sa->ra.ndns; i++)
		fprintf(out, "%s%s", i ? " " : ", DNS ",
			kips_addr_str(&sa->ra.dns[i], a, sizeof(a)));
}

void ra_status_json(const struct ike_sa *sa, struct jw *w)
{
	char a[KIPS_PREFIX_STRLEN];
	size_t i;

	if (!sa->conn->xauth && !sa->conn->modecfg)
		return;
	jw_obj_open(w, "remote_access");
	if (sa->conn->xauth)
		jw_str(w, "xauth_user", sa->conn->xauth_identity);
	else
		jw_null(w, "xauth_user");
	jw_bool(w, "xauth_ok", sa->ra.xauth_ok);
	if (sa->ra.vip.family)
		jw_str(w, "virtual_ip", kips_addr_str(&sa->ra.vip, a, sizeof(a)));
	else
		jw_null(w, "virtual_ip");
	if (sa->ra.vip.family)
		jw_u64(w, "prefix_length", sa->ra.vip.prefixlen);
	jw_arr_open(w, "dns");
	for (i = 0; i < sa->ra.ndns; i++)
		jw_str(w, NULL, kips_addr_str(&sa->ra.dns[i], a, sizeof(a)));
	jw_arr_close(w);
	jw_obj_close(w);
}
