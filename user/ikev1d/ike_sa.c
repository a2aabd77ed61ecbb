// SPDX-License-Identifier: GPL-2.0
/* ISAKMP SAs: creation, lookup by cookies, state changes, removal. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <openssl/x509.h>

#include "ike.h"
#include "log.h"
#include "wire.h"

/*
 * RFC 2408 2.5.3: a cookie is a hash of the peer's and our addresses and
 * ports, a local secret and something that changes (here the time and a
 * counter), so it cannot be predicted, is unique, and costs nothing to
 * make.
 */
void ike_cookie(struct engine *e, const struct ike_endpoint *local,
		const struct ike_endpoint *remote, uint8_t *cookie)
{
	static uint64_t counter;
	uint8_t h[IKE_HASH_MAX], ports[4], when[16];
	const struct chunk in[] = {
		CHUNK(e->cookie_secret, sizeof(e->cookie_secret)),
		CHUNK(local->addr.bytes, kips_addr_len(&local->addr)),
		CHUNK(remote->addr.bytes, kips_addr_len(&remote->addr)),
		CHUNK(ports, sizeof(ports)), CHUNK(when, sizeof(when)),
	};

	put_be16(ports, local->port);
	put_be16(ports + 2, remote->port);
	memcpy(when, &e->now, 8);
	counter++;
	memcpy(when + 8, &counter, 8);
	if (ike_hash(IKE_HASH_SHA2_256, in, NCHUNKS(in), h) ||
	    !memcmp(h, "\0\0\0\0\0\0\0\0", ISAKMP_COOKIE_LEN))
		RAND_bytes(h, ISAKMP_COOKIE_LEN);
	memcpy(cookie, h, ISAKMP_COOKIE_LEN);
}

struct ike_sa *ike_sa_new(struct engine *e, const struct conf_conn *c,
			  bool initiator, const struct ike_endpoint *local,
			  const struct ike_endpoint *remote)
{
	struct ike_sa *sa = calloc(1, sizeof(*sa));

	if (!sa)
		return NULL;
	sa->e = e;
	sa->conn = c;
	sa->serial = ++e->next_serial;
	sa->initiator = initiator;
	sa->state = IKE_SA_CONNECTING;
	sa->local = *local;
	sa->remote = *remote;
	memcpy(sa->psk, c->psk, c->psk_len);
	sa->psk_len = c->psk_len;
	sa->natt.best_vid = -1;
	ike_cookie(e, local, remote, initiator ? sa->icookie : sa->rcookie);
	sa->next = e->sas;
	e->sas = sa;
	log_info("%s: new ISAKMP SA as %s with %s", ike_sa_name(sa),
		 initiator ? "initiator" : "responder",
		 kips_addr_str(&remote->addr, (char[KIPS_PREFIX_STRLEN]){ 0 },
			       KIPS_PREFIX_STRLEN));
	return sa;
}

struct ike_sa *ike_sa_of_conn(struct engine *e, const struct conf_conn *c,
			      bool established)
{
	struct ike_sa *sa;

	for (sa = e->sas; sa; sa = sa->next)
		if (sa->conn == c && sa->state != IKE_SA_DEAD &&
		    sa->state != IKE_SA_GONE &&
		    (!established || sa->state == IKE_SA_ESTABLISHED))
			return sa;
	return NULL;
}

struct ike_sa *ike_sa_find(struct engine *e, const uint8_t *icookie,
			   const uint8_t *rcookie)
{
	static const uint8_t zero[ISAKMP_COOKIE_LEN];
	struct ike_sa *sa;

	for (sa = e->sas; sa; sa = sa->next) {
		if (sa->state == IKE_SA_GONE ||
		    memcmp(sa->icookie, icookie, ISAKMP_COOKIE_LEN))
			continue;
		/* Our first message went out before the responder's cookie
		 * was known; its answer brings it.
		 */
		if (!memcmp(sa->rcookie, rcookie, ISAKMP_COOKIE_LEN) ||
		    (sa->initiator && !memcmp(sa->rcookie, zero, sizeof(zero))))
			return sa;
		/* A retransmitted first message has no responder cookie. */
		if (!sa->initiator && !memcmp(rcookie, zero, sizeof(zero)))
			return sa;
	}
	return NULL;
}

static const char *state_name(enum ike_sa_state s)
{
	switch (s) {
	case IKE_SA_CONNECTING:
		return "CONNECTING";
	case IKE_SA_ESTABLISHED:
		return "ESTABLISHED";
	case IKE_SA_GONE:
		return "GONE";
	case IKE_SA_DEAD:
		return "DEAD";
	}
	return "?";
}

void ike_sa_set_state(struct ike_sa *sa, enum ike_sa_state state)
{
	if (sa->state == state)
		return;
	log_info("%s: %s -> %s", ike_sa_name(sa), state_name(sa->state),
		 state_name(state));
	sa->state = state;
}

const char *ike_sa_name(const struct ike_sa *sa)
{
	static char bufs[2][CONF_NAME_MAX + 16];
	static unsigned int next;
	char *b = bufs[next++ % 2];

	snprintf(b, sizeof(bufs[0]), "%s[%u]", sa->conn->name, sa->serial);
	return b;
}

void ike_sa_terminate(struct ike_sa *sa)
{
	uint8_t cookies[2 * ISAKMP_COOKIE_LEN];

	while (sa->children)
		child_remove(sa, sa->children, true);
	if (sa->state == IKE_SA_ESTABLISHED) {
		memcpy(cookies, sa->icookie, ISAKMP_COOKIE_LEN);
		memcpy(cookies + ISAKMP_COOKIE_LEN, sa->rcookie, ISAKMP_COOKIE_LEN);
		info_send_delete(sa, ISAKMP_PROTO_ISAKMP, cookies, sizeof(cookies));
	}
	ike_sa_set_state(sa, IKE_SA_DEAD);
}

void ike_sa_free(struct ike_sa *sa, bool children)
{
	struct ike_sa **pp;

	for (pp = &sa->e->sas; *pp; pp = &(*pp)->next)
		if (*pp == sa) {
			*pp = sa->next;
			break;
		}
	while (sa->xchgs)
		exchange_free(sa->xchgs);
	ra_release(sa);
	while (sa->children) {
		struct child_sa *c = sa->children;

		if (children) {
			child_remove(sa, c, false);
		} else {
			sa->children = c->next;
			OPENSSL_cleanse(c, sizeof(*c));
			free(c);
		}
	}
	dh_free(sa->dh);
	X509_free(sa->peer_cert);
	free(sa->sai_b);
	OPENSSL_cleanse(sa, sizeof(*sa));
	free(sa);
}
