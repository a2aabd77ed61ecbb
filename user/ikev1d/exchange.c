// SPDX-License-Identifier: GPL-2.0
/*
 * The engine that walks exchange scripts: from a datagram to the exchange
 * it belongs to, through decryption and both parser layers and the step's
 * payload expectations, to the step's handler; then the messages we owe,
 * built, encrypted and sent; retransmission and duplicates.  A message
 * that fails any check changes nothing: the IV chain and the step move
 * only when a handler accepted it.
 */
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include "crypt.h"
#include "dump.h"
#include "ike.h"
#include "keys.h"
#include "log.h"
#include "names.h"
#include "payload.h"
#include "sa_payload.h"
#include "validate.h"
#include "wire.h"

/* How long a finished exchange answers duplicates of its last message. */
#define LINGER_MS	30000
/* Responder SAs still in phase 1 at most: a flood of first messages (from
 * spoofed addresses, say) costs no more than this.
 */
#define MAX_HALF_OPEN	1024

static bool is_phase1(const struct exchange *x)
{
	return x->script->type == ISAKMP_XCHG_IDPROT ||
	       x->script->type == ISAKMP_XCHG_AGGRESSIVE;
}

/* The CBC chain a message of @x continues. */
static uint8_t *iv_of(struct exchange *x)
{
	return is_phase1(x) ? x->sa->iv : x->iv;
}

static void step_name(const struct exchange *x, size_t step, char *buf,
		      size_t len)
{
	snprintf(buf, len, "%s_%c%zu", x->script->name,
		 x->script->initiator ? 'I' : 'R', step);
}

/* Every change of step goes through here, and is logged. */
static void set_step(struct exchange *x, size_t step)
{
	char from[32], to[32];

	step_name(x, x->step, from, sizeof(from));
	if (step == x->script->nsteps)
		snprintf(to, sizeof(to), "%s_DONE", x->script->name);
	else
		step_name(x, step, to, sizeof(to));
	log_debug("%s: %s -> %s", ike_sa_name(x->sa), from, to);
	x->step = step;
}

struct exchange *exchange_new(struct ike_sa *sa, const struct script *s,
			      uint32_t msgid)
{
	struct exchange *x = calloc(1, sizeof(*x));

	if (!x)
		return NULL;
	x->sa = sa;
	x->script = s;
	x->msgid = msgid;
	if (!is_phase1(x) &&
	    ike_phase2_iv(sa->p1.hash->id, sa->iv, sa->block_len, msgid, x->iv)) {
		free(x);
		return NULL;
	}
	x->next = sa->xchgs;
	sa->xchgs = x;
	return x;
}

void exchange_free(struct exchange *x)
{
	struct exchange **pp;

	for (pp = &x->sa->xchgs; *pp; pp = &(*pp)->next)
		if (*pp == x) {
			*pp = x->next;
			break;
		}
	/* A pair that never got its outbound SA (the quick mode failed, or
	 * HASH(3) never came) goes, with its larval or inbound SA.
	 */
	if (x->child && !x->child->out_installed)
		child_remove(x->sa, x->child, false);
	free(x->out);
	free(x->reply_sa);
	dh_free(x->dh);
	OPENSSL_cleanse(x, sizeof(*x));
	free(x);
}

static void transmit(struct exchange *x)
{
	struct engine *e = x->sa->e;
	int r = e->ops.send(e->ops.ctx, &x->sa->local, &x->sa->remote, x->out,
			    x->out_len);

	if (r)
		log_warn("%s: sending %zu bytes failed (%d)", ike_sa_name(x->sa),
			 x->out_len, r);
}

/* Our message, described before it is encrypted. */
static void log_sent(const struct ike_sa *sa, const struct isakmp_builder *b)
{
	struct isakmp_msg *m = malloc(sizeof(*m));
	struct isakmp_err err;
	char d[512];

	if (m && !isakmp_parse(m, b->buf, b->len, &err))
		log_debug("%s: sending %s", ike_sa_name(sa),
			  isakmp_describe(m, d, sizeof(d)));
	free(m);
}

/* Builds, encrypts and sends step @st; keeps the message. */
static int send_step(struct exchange *x, const struct step *st)
{
	struct ike_sa *sa = x->sa;
	struct isakmp_header h = {
		.version = ISAKMP_VERSION,
		.exchange = x->script->type,
		.msgid = x->msgid,
	};
	struct isakmp_builder b;
	int r;

	memcpy(h.icookie, sa->icookie, ISAKMP_COOKIE_LEN);
	memcpy(h.rcookie, sa->rcookie, ISAKMP_COOKIE_LEN);
	builder_init(&b);
	builder_header(&b, &h);
	r = st->build(x, &b);
	if (!r && builder_finish(&b))
		r = STEP_FAIL;
	if (!r && ike_log_enabled(IKE_LOG_DEBUG))
		log_sent(sa, &b);
	if (!r && st->encrypted &&
	    isakmp_encrypt_msg(&b, sa->p1.encr->id, sa->enc_key, sa->enc_key_len,
			       iv_of(x)))
		r = STEP_FAIL;
	if (!r) {
		free(x->out);
		x->out = malloc(b.len);
		if (!x->out) {
			r = STEP_FAIL;
		} else {
			memcpy(x->out, b.buf, b.len);
			x->out_len = b.len;
			transmit(x);
		}
	}
	builder_free(&b);
	return r;
}

void exchange_advance(struct exchange *x)
{
	const struct script *s = x->script;
	bool sent = false;

	while (!x->failed && x->step < s->nsteps && s->steps[x->step].send) {
		int r = send_step(x, &s->steps[x->step]);

		if (r) {
			exchange_fail(x, r > 0 ? r : 0, "building our message failed");
			return;
		}
		sent = true;
		set_step(x, x->step + 1);
	}
	if (x->failed)
		return;
	if (sent)
		x->answered = true;
	if (x->step == s->nsteps) {
		x->done = true;
		x->retry_at = 0;
		x->linger_until = x->sa->e->now + LINGER_MS;
		if (is_phase1(x))
			phase1_done(x->sa);
		else if (s->type == ISAKMP_XCHG_TRANSACTION)
			transaction_done(x);
	} else if (sent) {
		x->tries = 0;
		x->retry_at = x->sa->e->now + x->sa->e->retry_first_ms;
	}
}

void exchange_fail(struct exchange *x, int notify, const char *why)
{
	struct ike_sa *sa = x->sa;

	if (x->failed)
		return;
	x->failed = true;
	x->retry_at = 0;
	log_error("%s: %s exchange failed: %s%s%s", ike_sa_name(sa),
		  x->script->name, why, notify ? "; telling the peer " : "",
		  notify ? isakmp_notify_str(notify) : "");
	if (notify) {
		if (sa->keyed)
			info_send_notify(sa, notify, ISAKMP_PROTO_ISAKMP, NULL, 0);
		else
			info_send_clear_notify(sa->e, NULL, &sa->local, &sa->remote,
					       notify);
	}
	if (is_phase1(x))
		ike_sa_set_state(sa, IKE_SA_DEAD);
	else if (x->script->type == ISAKMP_XCHG_TRANSACTION)
		transaction_failed(x);
}

size_t hash_payload_open(struct isakmp_builder *b, const struct ike_sa *sa)
{
	size_t off = builder_open(b, ISAKMP_NP_HASH);

	builder_reserve(b, sa->prf_len);
	builder_close(b, off);
	return off;
}

int hash_payload_close(struct isakmp_builder *b, size_t off,
		       const struct ike_sa *sa, const struct chunk *pre,
		       size_t npre)
{
	size_t start = off + sizeof(struct isakmp_gen) + sa->prf_len;
	struct chunk in[4];

	if (b->failed || npre >= NCHUNKS(in))
		return STEP_FAIL;
	memcpy(in, pre, npre * sizeof(*pre));
	in[npre] = CHUNK(b->buf + start, b->len - start);
	if (ike_prf(sa->p1.hash->id, sa->skeyid_a, sa->prf_len, in, npre + 1,
		    b->buf + off + sizeof(struct isakmp_gen)))
		return STEP_FAIL;
	return 0;
}

struct chunk after_first_payload(const struct isakmp_msg *m)
{
	const struct isakmp_payload *h = &m->pl[0];

	return CHUNK(h->data + h->len, m->end - h->offset - h->len);
}

bool hash_matches(const struct isakmp_payload *p, const uint8_t *want,
		  size_t len)
{
	return isakmp_body_len(p) == len &&
	       !CRYPTO_memcmp(isakmp_body(p), want, len);
}

/* --- incoming messages --- */

static const struct conf_conn *conn_for(struct engine *e,
					const struct ike_endpoint *local,
					const struct ike_endpoint *remote)
{
	const struct conf_conn *any = NULL;
	size_t i;

	for (i = 0; i < e->conf->nconns; i++) {
		const struct conf_conn *c = &e->conf->conns[i];

		if (!kips_addr_equal(&c->local, &local->addr))
			continue;
		if (kips_addr_equal(&c->remote, &remote->addr))
			return c;
		if (!c->remote.family && !any)
			any = c;
	}
	return any;
}

static struct exchange *find_exchange(struct ike_sa *sa,
				      const struct isakmp_header *h)
{
	struct exchange *x;

	for (x = sa->xchgs; x; x = x->next)
		if (x->msgid == h->msgid && x->script->type == h->exchange)
			return x;
	return NULL;
}

static unsigned int half_open(const struct engine *e)
{
	const struct ike_sa *sa;
	unsigned int n = 0;

	for (sa = e->sas; sa; sa = sa->next)
		n += !sa->initiator && sa->state == IKE_SA_CONNECTING;
	return n;
}

/* A new exchange the peer starts: phase 1 on a new SA, or quick mode. */
static struct exchange *peer_starts(struct engine *e, struct ike_sa **psa,
				    const struct isakmp_header *h,
				    const struct ike_endpoint *local,
				    const struct ike_endpoint *remote)
{
	static const uint8_t zero[ISAKMP_COOKIE_LEN];
	const struct conf_conn *c;
	struct ike_sa *sa = *psa;
	char a[KIPS_PREFIX_STRLEN];

	if (!sa) {
		if ((h->exchange != ISAKMP_XCHG_IDPROT &&
		     h->exchange != ISAKMP_XCHG_AGGRESSIVE) ||
		    memcmp(h->rcookie, zero, sizeof(zero))) {
			log_info("%s: %s message for an unknown ISAKMP SA, dropped",
				 kips_addr_str(&remote->addr, a, sizeof(a)),
				 isakmp_exchange_str(h->exchange));
			return NULL;
		}
		if (half_open(e) >= MAX_HALF_OPEN) {
			log_warn("%s: %d ISAKMP SAs are half open, dropped",
				 kips_addr_str(&remote->addr, a, sizeof(a)),
				 MAX_HALF_OPEN);
			return NULL;
		}
		c = conn_for(e, local, remote);
		if (!c) {
			log_warn("%s: no connection for this peer, dropped",
				 kips_addr_str(&remote->addr, a, sizeof(a)));
			return NULL;
		}
		if ((h->exchange == ISAKMP_XCHG_AGGRESSIVE) !=
		    (c->exchange == CONF_AGGRESSIVE)) {
			log_warn("%s: conn %s wants %s mode, the peer offers %s",
				 kips_addr_str(&remote->addr, a, sizeof(a)), c->name,
				 c->exchange == CONF_AGGRESSIVE ? "aggressive" : "main",
				 isakmp_exchange_str(h->exchange));
			info_send_clear_notify(e, h, local, remote,
					       ISAKMP_N_INVALID_EXCHANGE_TYPE);
			return NULL;
		}
		sa = ike_sa_new(e, c, false, local, remote);
		if (!sa)
			return NULL;
		memcpy(sa->icookie, h->icookie, ISAKMP_COOKIE_LEN);
		*psa = sa;
		return exchange_new(sa, h->exchange == ISAKMP_XCHG_IDPROT ?
				    &main_mode_responder : &aggressive_responder, 0);
	}
	if (h->exchange == ISAKMP_XCHG_QUICK && sa->state == IKE_SA_ESTABLISHED)
		return exchange_new(sa, &quick_responder, h->msgid);
	if (h->exchange == ISAKMP_XCHG_TRANSACTION)
		return transaction_peer_starts(sa, h);
	log_info("%s: unexpected %s message (M-ID 0x%08x), dropped",
		 ike_sa_name(sa), isakmp_exchange_str(h->exchange), h->msgid);
	return NULL;
}

/* The step's checks and handler on a message; 0 if it was taken. */
static int take(struct exchange *x, const uint8_t *buf, size_t len,
		const struct isakmp_header *h)
{
	const struct step *st = &x->script->steps[x->step];
	struct ike_sa *sa = x->sa;
	uint8_t iv[IKE_BLOCK_MAX];
	struct isakmp_msg *m = malloc(sizeof(*m));
	uint8_t *plain = malloc(len);
	struct isakmp_err err;
	int r = STEP_FAIL;

	if (!m || !plain)
		goto out;
	memcpy(iv, iv_of(x), sizeof(iv));
	m->hdr = *h;
	if (h->flags & ISAKMP_FLAG_ENC) {
		if (!sa->keyed || (!st->encrypted && !st->maybe_encrypted)) {
			log_warn("%s: encrypted message where a clear one is due, dropped",
				 ike_sa_name(sa));
			goto out;
		}
		if (isakmp_decrypt_msg(sa->p1.encr->id, sa->enc_key,
				       sa->enc_key_len, iv, buf, len, plain, &err))
			goto malformed;
	} else if (st->encrypted) {
		log_warn("%s: clear message where an encrypted one is due, dropped",
			 ike_sa_name(sa));
		goto out;
	} else {
		memcpy(plain, buf, len);
	}
	if (isakmp_parse_payloads(m, plain, len, &err) ||
	    isakmp_validate(m, &err))
		goto malformed;
	if (ike_log_enabled(IKE_LOG_DEBUG)) {
		char d[512];

		log_debug("%s: received %s", ike_sa_name(sa),
			  isakmp_describe(m, d, sizeof(d)));
	}
	if (isakmp_check_payloads(m, st->expect, st->nexpect, st->first, &err))
		goto malformed;
	if (is_phase1(x))
		dpd_take_vids(sa, m);
	/* The message is well-formed and belongs here: the CBC chain moves
	 * on (encrypted messages only: a clear one may just have started it,
	 * phase1_derive()), before the handler, which may already start
	 * exchanges whose IVs derive from it.  If the handler refuses the
	 * message, the exchange ends anyway.
	 */
	if (h->flags & ISAKMP_FLAG_ENC)
		memcpy(iv_of(x), iv, sizeof(iv));
	r = st->handle(x, m);
	if (r)
		exchange_fail(x, r > 0 ? r : 0, "the peer's message was refused");
	goto out;
malformed:
	if (h->flags & ISAKMP_FLAG_ENC && is_phase1(x)) {
		/* The first encrypted message of phase 1 is where different
		 * pre-shared keys show: it decrypts to garbage.
		 */
		log_error("%s: %s (does the peer have another pre-shared key?)",
			  ike_sa_name(sa), err.msg);
		exchange_fail(x, err.notify, "its encrypted message does not parse");
	} else {
		log_warn("%s: %s", ike_sa_name(sa), err.msg);
		if (err.notify && sa->keyed)
			info_send_notify(sa, err.notify, ISAKMP_PROTO_ISAKMP, NULL, 0);
		else if (err.notify)
			info_send_clear_notify(sa->e, h, &sa->local, &sa->remote,
					       err.notify);
	}
	r = STEP_FAIL;
out:
	if (plain)
		OPENSSL_cleanse(plain, len);
	free(plain);
	free(m);
	return r;
}

void engine_input_msg(struct engine *e, const uint8_t *buf, size_t len,
		      const struct ike_endpoint *local,
		      const struct ike_endpoint *remote)
{
	struct isakmp_header h;
	struct isakmp_err err;
	struct ike_sa *sa;
	struct exchange *x;
	uint8_t digest[32];
	char a[KIPS_PREFIX_STRLEN];
	int r;

	if (isakmp_parse_header(&h, buf, len, &err)) {
		log_warn("%s: %s", kips_addr_str(&remote->addr, a, sizeof(a)),
			 err.msg);
		return;
	}
	sa = ike_sa_find(e, h.icookie, h.rcookie);
	if (sa && (!kips_addr_equal(&sa->remote.addr, &remote->addr) ||
		   sa->state == IKE_SA_DEAD)) {
		log_warn("%s: message for %s from the wrong peer or a dead SA, dropped",
			 kips_addr_str(&remote->addr, a, sizeof(a)), ike_sa_name(sa));
		return;
	}
	if (h.exchange == ISAKMP_XCHG_INFO) {
		if (sa)
			info_input(sa, buf, len, &h);
		else
			log_info("%s: informational message for an unknown ISAKMP SA",
				 kips_addr_str(&remote->addr, a, sizeof(a)));
		return;
	}
	x = sa ? find_exchange(sa, &h) : NULL;
	if (!x) {
		x = peer_starts(e, &sa, &h, local, remote);
		if (!x)
			return;
	}
	if (ike_hash(IKE_HASH_SHA2_256, &CHUNK(buf, len), 1, digest))
		return;
	if (x->have_last_in && !memcmp(digest, x->last_in, sizeof(digest))) {
		/* The peer did not get our answer: send it again.  Only an
		 * answer, or two peers would echo each other's last messages
		 * forever.
		 */
		if (x->out && x->answered)
			transmit(x);
		return;
	}
	if (x->done || x->failed || x->script->steps[x->step].send) {
		log_info("%s: message out of turn in %s exchange, dropped",
			 ike_sa_name(sa), x->script->name);
		return;
	}
	/* The responder's cookie arrives with its first answer. */
	if (sa->initiator && x->step == 1 && is_phase1(x))
		memcpy(sa->rcookie, h.rcookie, ISAKMP_COOKIE_LEN);
	e->rx_local = local;
	e->rx_remote = remote;
	r = take(x, buf, len, &h);
	e->rx_local = e->rx_remote = NULL;
	if (r) {
		/* A responder's exchange that never got going leaves nothing. */
		if (!x->script->initiator && x->step == 0 && !x->failed)
			x->failed = true;
		if (x->failed && is_phase1(x))
			ike_sa_set_state(sa, IKE_SA_DEAD);
		return;
	}
	dpd_heard(sa);
	/* Only an authenticated message may move the peer (RFC 3947 5). */
	if (h.flags & ISAKMP_FLAG_ENC)
		natt_follow(sa, local, remote);
	memcpy(x->last_in, digest, sizeof(digest));
	x->have_last_in = true;
	x->answered = false;
	x->retry_at = 0;
	set_step(x, x->step + 1);
	exchange_advance(x);
}

/* --- time --- */

void exchanges_tick(struct engine *e)
{
	struct ike_sa *sa;
	struct exchange *x, *next;

	for (sa = e->sas; sa; sa = sa->next) {
		for (x = sa->xchgs; x; x = next) {
			next = x->next;
			if (x->failed || (x->done && x->linger_until <= e->now &&
					  !is_phase1(x))) {
				exchange_free(x);
				continue;
			}
			if (!x->retry_at || x->retry_at > e->now)
				continue;
			if (++x->tries > e->retry_tries) {
				char why[64];

				snprintf(why, sizeof(why), "no answer after %u tries",
					 e->retry_tries + 1);
				exchange_fail(x, 0, why);
				continue;
			}
			log_info("%s: retransmitting (%u)", ike_sa_name(sa), x->tries);
			transmit(x);
			x->retry_at = e->now + ((uint64_t)e->retry_first_ms << x->tries);
		}
	}
}

uint64_t exchanges_next_timer(const struct engine *e)
{
	const struct ike_sa *sa;
	const struct exchange *x;
	uint64_t t = UINT64_MAX;

	for (sa = e->sas; sa; sa = sa->next) {
		if (sa->expires && sa->expires < t)
			t = sa->expires;
		for (x = sa->xchgs; x; x = x->next) {
			if (x->retry_at && x->retry_at < t)
				t = x->retry_at;
			if (x->done && !is_phase1(x) && x->linger_until < t)
				t = x->linger_until;
		}
	}
	return t;
}
