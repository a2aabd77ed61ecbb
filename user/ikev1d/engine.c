// SPDX-License-Identifier: GPL-2.0
/* The engine's entry points: input, initiate, terminate, time. */
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include "child.h"
#include "ike.h"
#include "log.h"
#include "trap.h"

struct engine *engine_new(const struct conf *conf, const struct engine_ops *ops)
{
	struct engine *e = calloc(1, sizeof(*e));

	if (!e)
		return NULL;
	e->conf = conf;
	e->ops = *ops;
	e->retry_first_ms = 1000;
	e->retry_tries = 4;
	if (RAND_bytes(e->cookie_secret, sizeof(e->cookie_secret)) != 1) {
		free(e);
		return NULL;
	}
	return e;
}

void engine_set_retransmit(struct engine *e, unsigned int first_ms,
			   unsigned int tries)
{
	e->retry_first_ms = first_ms;
	e->retry_tries = tries;
}

void engine_reap(struct engine *e)
{
	struct ike_sa *sa, *next;

	for (sa = e->sas; sa; sa = next) {
		struct exchange *x, *xnext;

		next = sa->next;
		if (sa->state == IKE_SA_DEAD ||
		    (sa->state == IKE_SA_GONE && !sa->children)) {
			ike_sa_free(sa, true);
			continue;
		}
		/* A failed quick mode gives its larval SPI back at once. */
		for (x = sa->xchgs; x; x = xnext) {
			xnext = x->next;
			if (x->failed)
				exchange_free(x);
		}
	}
}

void engine_free(struct engine *e, uint64_t now_ms)
{
	if (!e)
		return;
	e->now = now_ms;
	while (e->sas) {
		ike_sa_terminate(e->sas);
		ike_sa_free(e->sas, true);
	}
	traps_free(e);
	OPENSSL_cleanse(e, sizeof(*e));
	free(e);
}

void engine_input(struct engine *e, const uint8_t *buf, size_t len,
		  const struct ike_endpoint *local,
		  const struct ike_endpoint *remote, uint64_t now_ms)
{
	e->now = now_ms;
	engine_input_msg(e, buf, len, local, remote);
	engine_reap(e);
}

int engine_initiate(struct engine *e, const char *name, uint64_t now_ms)
{
	const struct conf_conn *c = conf_find(e->conf, name);
	struct ike_endpoint local, remote;
	struct exchange *x;
	struct ike_sa *sa;
	size_t i, j;

	e->now = now_ms;
	if (!c || !c->remote.family) {
		log_error("%s: %s", name, c ? "cannot initiate to %any" :
			  "no such connection");
		return -1;
	}
	sa = ike_sa_of_conn(e, c, true);
	if (sa) {
		for (i = 0; i < c->nlocal_ts; i++)
			for (j = 0; j < c->nremote_ts; j++)
				quick_mode_start(sa, &c->local_ts[i], &c->remote_ts[j],
						 NULL);
		engine_reap(e);
		return 0;
	}
	if (ike_sa_of_conn(e, c, false))
		return 0;	/* phase 1 under way; its end starts quick mode */
	local.addr = c->local;
	local.port = IKE_PORT;
	remote.addr = c->remote;
	remote.port = IKE_PORT;
	sa = ike_sa_new(e, c, true, &local, &remote);
	if (!sa)
		return -1;
	sa->want_children = true;
	x = exchange_new(sa, c->exchange == CONF_AGGRESSIVE ? &aggressive_initiator :
			 &main_mode_initiator, 0);
	if (!x) {
		ike_sa_set_state(sa, IKE_SA_DEAD);
		engine_reap(e);
		return -1;
	}
	exchange_advance(x);
	engine_reap(e);
	return 0;
}

int engine_terminate(struct engine *e, const char *name, uint64_t now_ms)
{
	const struct conf_conn *c = conf_find(e->conf, name);
	struct ike_sa *sa;
	int found = -1;

	e->now = now_ms;
	if (!c)
		return -1;
	for (sa = e->sas; sa; sa = sa->next)
		if (sa->conn == c && sa->state != IKE_SA_DEAD) {
			ike_sa_terminate(sa);
			found = 0;
		}
	engine_reap(e);
	return found;
}

void engine_expire(struct engine *e, const struct kips_addr *dst, uint32_t spi,
		   uint8_t ip_proto, bool hard, uint64_t now_ms)
{
	struct child_sa *c;
	struct ike_sa *sa;

	e->now = now_ms;
	for (sa = e->sas; sa; sa = sa->next)
		for (c = sa->children; c; c = c->next)
			if (ip_proto_of(c->choice.protocol) == ip_proto &&
			    ((c->in_installed && c->spi_in == spi &&
			      kips_addr_equal(dst, &sa->local.addr)) ||
			     (c->out_installed && c->spi_out == spi &&
			      kips_addr_equal(dst, &sa->remote.addr))))
				goto found;
	log_debug("kernel: the SA 0x%08x that expired is not ours", spi);
	return;
found:
	if (hard) {
		log_info("%s: IPsec SA 0x%08x reached its hard limit: removing the pair "
			 "0x%08x/0x%08x", ike_sa_name(sa), spi, c->spi_in, c->spi_out);
		child_remove(sa, c, true);
	} else if (!c->rekeying && sa->state == IKE_SA_ESTABLISHED) {
		log_info("%s: IPsec SA 0x%08x reached its soft limit: rekeying the pair "
			 "0x%08x/0x%08x", ike_sa_name(sa), spi, c->spi_in, c->spi_out);
		c->rekeying = true;
		quick_mode_start(sa, &c->local_ts, &c->remote_ts, c);
	} else if (!c->rekeying) {
		log_warn("%s: IPsec SA 0x%08x reached its soft limit, but there is no "
			 "ISAKMP SA to rekey it with", ike_sa_name(sa), spi);
	}
	engine_reap(e);
}

/* The initiator renews an ISAKMP SA before it expires: a new phase 1,
 * which adopts the old one's IPsec SAs and deletes it (phase1_done()).
 */
static void rekey_isakmp(struct engine *e, struct ike_sa *old)
{
	struct exchange *x;
	struct ike_sa *sa;

	old->rekeying = true;
	log_info("%s: rekeying the ISAKMP SA", ike_sa_name(old));
	sa = ike_sa_new(e, old->conn, true, &old->local, &old->remote);
	x = sa ? exchange_new(sa, old->conn->exchange == CONF_AGGRESSIVE ?
			      &aggressive_initiator : &main_mode_initiator, 0) : NULL;
	if (x)
		exchange_advance(x);
	else if (sa)
		ike_sa_set_state(sa, IKE_SA_DEAD);
}

static void tick_children(struct ike_sa *sa)
{
	struct child_sa *c, *next;

	for (c = sa->children; c; c = next) {
		next = c->next;
		if (c->expires && c->expires <= sa->e->now) {
			log_info("%s: IPsec SA pair 0x%08x/0x%08x expired",
				 ike_sa_name(sa), c->spi_in, c->spi_out);
			child_remove(sa, c, true);
		} else if (c->rekey_at && c->rekey_at <= sa->e->now && !c->rekeying &&
			   sa->state == IKE_SA_ESTABLISHED) {
			log_info("%s: rekeying IPsec SA pair 0x%08x/0x%08x",
				 ike_sa_name(sa), c->spi_in, c->spi_out);
			c->rekeying = true;
			quick_mode_start(sa, &c->local_ts, &c->remote_ts, c);
		}
	}
}

void engine_tick(struct engine *e, uint64_t now_ms)
{
	struct ike_sa *sa;

	e->now = now_ms;
	exchanges_tick(e);
	for (sa = e->sas; sa; sa = sa->next) {
		if (sa->state == IKE_SA_ESTABLISHED && sa->expires <= e->now) {
			log_info("%s: ISAKMP SA expired", ike_sa_name(sa));
			if (sa->children) {
				/* Its IPsec SAs outlive it (IKEv1 allows). */
				uint8_t ck[2 * ISAKMP_COOKIE_LEN];

				memcpy(ck, sa->icookie, ISAKMP_COOKIE_LEN);
				memcpy(ck + ISAKMP_COOKIE_LEN, sa->rcookie,
				       ISAKMP_COOKIE_LEN);
				info_send_delete(sa, ISAKMP_PROTO_ISAKMP, ck, sizeof(ck));
				ike_sa_set_state(sa, IKE_SA_GONE);
			} else {
				ike_sa_terminate(sa);
				continue;
			}
		}
		if (sa->state == IKE_SA_ESTABLISHED && sa->initiator &&
		    sa->rekey_at && sa->rekey_at <= e->now && !sa->rekeying)
			rekey_isakmp(e, sa);
		tick_children(sa);
		dpd_tick(sa);
		natt_tick(sa);
		ra_tick(sa);
	}
	dpd_act(e);
	engine_reap(e);
}

uint64_t engine_next_timer(const struct engine *e)
{
	const struct ike_sa *sa;
	const struct child_sa *c;
	uint64_t t = exchanges_next_timer(e);

	for (sa = e->sas; sa; sa = sa->next) {
		if (sa->state == IKE_SA_ESTABLISHED && sa->rekey_at &&
		    !sa->rekeying && sa->rekey_at < t)
			t = sa->rekey_at;
		if (dpd_next_timer(sa) < t)
			t = dpd_next_timer(sa);
		if (natt_next_timer(sa) < t)
			t = natt_next_timer(sa);
		if (ra_next_timer(sa) < t)
			t = ra_next_timer(sa);
		for (c = sa->children; c; c = c->next) {
			if (c->expires && c->expires < t)
				t = c->expires;
			if (c->rekey_at && !c->rekeying && c->rekey_at < t)
				t = c->rekey_at;
		}
	}
	return t;
}

size_t engine_ike_sas(const struct engine *e, bool established_only)
{
	const struct ike_sa *sa;
	size_t n = 0;

	for (sa = e->sas; sa; sa = sa->next)
		if (sa->state != IKE_SA_DEAD && sa->state != IKE_SA_GONE &&
		    (!established_only || sa->state == IKE_SA_ESTABLISHED))
			n++;
	return n;
}

size_t engine_child_sas(const struct engine *e)
{
	const struct ike_sa *sa;
	const struct child_sa *c;
	size_t n = 0;

	for (sa = e->sas; sa; sa = sa->next)
		for (c = sa->children; c; c = c->next)
			if (c->in_installed && c->out_installed)
				n++;
	return n;
}
