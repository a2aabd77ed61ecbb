// SPDX-License-Identifier: GPL-2.0
/*
 * Informational exchanges (RFC 2409 5.7): one message, no answer.  Once
 * phase 1 has keys they are encrypted under a fresh message ID, with
 * HDR*, HASH(1), N/D and the IV hash(last phase-1 IV | M-ID); before that
 * a notification can only travel in the clear, and then only ever tells,
 * never decides anything but giving up on a negotiation that is failing.
 */
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include "crypt.h"
#include "ike.h"
#include "keys.h"
#include "log.h"
#include "names.h"
#include "payload.h"
#include "validate.h"
#include "wire.h"

static void send_buf(struct engine *e, const struct ike_endpoint *local,
		     const struct ike_endpoint *remote,
		     const struct isakmp_builder *b)
{
	int r = e->ops.send(e->ops.ctx, local, remote, b->buf, b->len);

	if (r)
		log_warn("sending an informational message failed (%d)", r);
}

/* HDR*, HASH(1), then what @put adds. */
static void send_protected(struct ike_sa *sa,
			   void (*put)(struct isakmp_builder *b, const void *arg),
			   const void *arg)
{
	struct isakmp_header h = {
		.version = ISAKMP_VERSION,
		.exchange = ISAKMP_XCHG_INFO,
	};
	uint8_t iv[IKE_BLOCK_MAX], mid[4];
	struct isakmp_builder b;
	size_t hoff;

	if (!sa->keyed)
		return;
	if (RAND_bytes((uint8_t *)&h.msgid, sizeof(h.msgid)) != 1 || !h.msgid)
		h.msgid = 1;
	memcpy(h.icookie, sa->icookie, ISAKMP_COOKIE_LEN);
	memcpy(h.rcookie, sa->rcookie, ISAKMP_COOKIE_LEN);
	put_be32(mid, h.msgid);
	builder_init(&b);
	builder_header(&b, &h);
	hoff = hash_payload_open(&b, sa);
	put(&b, arg);
	if (!hash_payload_close(&b, hoff, sa, &CHUNK(mid, 4), 1) &&
	    !builder_finish(&b) &&
	    !ike_phase2_iv(sa->p1.hash->id, sa->iv, sa->block_len, h.msgid, iv) &&
	    !isakmp_encrypt_msg(&b, sa->p1.encr->id, sa->enc_key,
				sa->enc_key_len, iv))
		send_buf(sa->e, &sa->local, &sa->remote, &b);
	builder_free(&b);
}

static void put_notify(struct isakmp_builder *b, const void *arg)
{
	isakmp_notify_put(b, arg);
}

static void put_delete(struct isakmp_builder *b, const void *arg)
{
	isakmp_delete_put(b, arg);
}

void info_send_notify(struct ike_sa *sa, uint16_t type, uint8_t proto,
		      const uint8_t *spi, size_t spi_size)
{
	struct isakmp_notification n = {
		.doi = ISAKMP_DOI_IPSEC,
		.protocol = proto,
		.type = type,
	};

	/* About the ISAKMP SA: its cookies are the SPI (RFC 2408 3.14). */
	if (!spi && proto == ISAKMP_PROTO_ISAKMP) {
		memcpy(n.spi, sa->icookie, ISAKMP_COOKIE_LEN);
		memcpy(n.spi + ISAKMP_COOKIE_LEN, sa->rcookie, ISAKMP_COOKIE_LEN);
		n.spi_size = 2 * ISAKMP_COOKIE_LEN;
	} else if (spi && spi_size <= sizeof(n.spi)) {
		memcpy(n.spi, spi, spi_size);
		n.spi_size = spi_size;
	}
	log_info("%s: sending %s", ike_sa_name(sa), isakmp_notify_str(type));
	send_protected(sa, put_notify, &n);
}

void info_send_notify_data(struct ike_sa *sa, uint16_t type,
			   const uint8_t *data, size_t len)
{
	struct isakmp_notification n = {
		.doi = ISAKMP_DOI_IPSEC,
		.protocol = ISAKMP_PROTO_ISAKMP,
		.spi_size = 2 * ISAKMP_COOKIE_LEN,
		.type = type,
		.data = data,
		.len = len,
	};

	memcpy(n.spi, sa->icookie, ISAKMP_COOKIE_LEN);
	memcpy(n.spi + ISAKMP_COOKIE_LEN, sa->rcookie, ISAKMP_COOKIE_LEN);
	send_protected(sa, put_notify, &n);
}

void info_send_delete(struct ike_sa *sa, uint8_t proto, const uint8_t *spi,
		      size_t spi_size)
{
	struct isakmp_delete d = {
		.doi = ISAKMP_DOI_IPSEC,
		.protocol = proto,
		.spi_size = spi_size,
		.nspis = 1,
		.spis = spi,
	};

	log_info("%s: sending a delete for %s", ike_sa_name(sa),
		 isakmp_protocol_str(proto));
	send_protected(sa, put_delete, &d);
}

void info_send_clear_notify(struct engine *e, const struct isakmp_header *h,
			    const struct ike_endpoint *local,
			    const struct ike_endpoint *remote, uint16_t type)
{
	struct isakmp_header out = {
		.version = ISAKMP_VERSION,
		.exchange = ISAKMP_XCHG_INFO,
	};
	struct isakmp_notification n = {
		.doi = ISAKMP_DOI_IPSEC,
		.protocol = ISAKMP_PROTO_ISAKMP,
		.type = type,
	};
	struct ike_sa *sa = NULL;
	struct isakmp_builder b;

	if (h) {
		memcpy(out.icookie, h->icookie, ISAKMP_COOKIE_LEN);
		memcpy(out.rcookie, h->rcookie, ISAKMP_COOKIE_LEN);
	} else {
		/* Called for an SA: find its cookies by its endpoints. */
		for (sa = e->sas; sa; sa = sa->next)
			if (kips_addr_equal(&sa->remote.addr, &remote->addr) &&
			    sa->state != IKE_SA_ESTABLISHED)
				break;
		if (!sa)
			return;
		memcpy(out.icookie, sa->icookie, ISAKMP_COOKIE_LEN);
		memcpy(out.rcookie, sa->rcookie, ISAKMP_COOKIE_LEN);
	}
	memcpy(n.spi, out.icookie, ISAKMP_COOKIE_LEN);
	memcpy(n.spi + ISAKMP_COOKIE_LEN, out.rcookie, ISAKMP_COOKIE_LEN);
	n.spi_size = 2 * ISAKMP_COOKIE_LEN;
	builder_init(&b);
	builder_header(&b, &out);
	isakmp_notify_put(&b, &n);
	if (!builder_finish(&b))
		send_buf(e, local, remote, &b);
	builder_free(&b);
}

/* --- incoming --- */

static void take_delete(struct ike_sa *sa, const struct isakmp_delete *d)
{
	struct child_sa *c, *next;
	uint16_t i;

	if (d->protocol == ISAKMP_PROTO_ISAKMP) {
		for (i = 0; i < d->nspis; i++)
			if (!memcmp(d->spis + 16 * i, sa->icookie, ISAKMP_COOKIE_LEN) &&
			    !memcmp(d->spis + 16 * i + 8, sa->rcookie,
				    ISAKMP_COOKIE_LEN)) {
				log_info("%s: the peer deleted the ISAKMP SA",
					 ike_sa_name(sa));
				/* Its IPsec SAs are not deleted with it. */
				ike_sa_set_state(sa, sa->children ? IKE_SA_GONE :
							    IKE_SA_DEAD);
			}
		return;
	}
	/* The peer names the SPIs it receives with: our outbound ones. */
	for (i = 0; i < d->nspis; i++) {
		uint32_t spi = get_be32(d->spis + 4 * i);

		for (c = sa->children; c; c = next) {
			next = c->next;
			if (c->out_installed && c->spi_out == spi &&
			    c->choice.protocol == d->protocol) {
				log_info("%s: the peer deleted the IPsec SA pair 0x%08x/0x%08x",
					 ike_sa_name(sa), c->spi_in, c->spi_out);
				child_remove(sa, c, false);
			}
		}
	}
}

static void take_notify(struct ike_sa *sa, const struct isakmp_notification *n,
			bool authenticated)
{
	struct exchange *x;

	log_info("%s: the peer says %s%s", ike_sa_name(sa),
		 isakmp_notify_str(n->type),
		 authenticated ? "" : " (unauthenticated)");
	if (n->type > ISAKMP_N_ERROR_MAX)
		return;
	/* An error while phase 1 runs ends it: the peer has given up.  Once
	 * it is up, an authenticated error ends the quick modes that are
	 * under way (which one it is about, IKEv1 does not say).
	 */
	for (x = sa->xchgs; x; x = x->next) {
		bool quick = x->script->type == ISAKMP_XCHG_QUICK;

		if (x->done || x->failed)
			continue;
		if (sa->state == IKE_SA_CONNECTING ? !quick : quick && authenticated)
			exchange_fail(x, 0, "the peer refused");
	}
}

void info_input(struct ike_sa *sa, const uint8_t *buf, size_t len,
		const struct isakmp_header *h)
{
	struct isakmp_msg *m = malloc(sizeof(*m));
	uint8_t *plain = malloc(len);
	uint8_t iv[IKE_BLOCK_MAX], hash[IKE_HASH_MAX];
	bool enc = h->flags & ISAKMP_FLAG_ENC;
	bool alive = false;	/* it says something besides DPD, or a good DPD */
	struct isakmp_err err;
	size_t i;

	if (!m || !plain)
		goto out;
	m->hdr = *h;
	if (enc) {
		if (!sa->keyed ||
		    ike_phase2_iv(sa->p1.hash->id, sa->iv, sa->block_len, h->msgid, iv) ||
		    isakmp_decrypt_msg(sa->p1.encr->id, sa->enc_key, sa->enc_key_len,
				       iv, buf, len, plain, &err)) {
			log_warn("%s: an encrypted informational message we cannot read",
				 ike_sa_name(sa));
			goto out;
		}
	} else {
		memcpy(plain, buf, len);
	}
	if (isakmp_parse_payloads(m, plain, len, &err) || isakmp_validate(m, &err)) {
		log_warn("%s: informational: %s%s", ike_sa_name(sa), err.msg,
			 enc ? " (does the peer have another pre-shared key?)" : "");
		goto out;
	}
	if (enc) {
		if (m->pl[0].type != ISAKMP_NP_HASH ||
		    ike_qm_hash1(sa->p1.hash->id, sa->skeyid_a, h->msgid,
				 after_first_payload(m), hash) ||
		    !hash_matches(&m->pl[0], hash, sa->prf_len)) {
			log_warn("%s: informational message with a bad HASH, ignored",
				 ike_sa_name(sa));
			goto out;
		}
	} else if (sa->keyed) {
		/* Once there are keys, nobody may speak for the peer in the
		 * clear.
		 */
		log_warn("%s: clear informational message after phase 1, ignored",
			 ike_sa_name(sa));
		goto out;
	}
	for (i = 0; i < m->n; i++) {
		struct isakmp_notification n;
		struct isakmp_delete d;

		if (m->pl[i].type == ISAKMP_NP_N &&
		    !isakmp_notify_parse(&m->pl[i], &n, &err) &&
		    dpd_is_notify(n.type)) {
			alive |= dpd_take_notify(sa, &m->pl[i], enc);
		} else if (m->pl[i].type == ISAKMP_NP_N &&
			   !isakmp_notify_parse(&m->pl[i], &n, &err)) {
			take_notify(sa, &n, enc);
			alive = true;
		} else if (m->pl[i].type == ISAKMP_NP_D && enc &&
			 !isakmp_delete_parse(&m->pl[i], &d, &err)) {
			take_delete(sa, &d);
			alive = true;
		}
	}
	if (enc && alive)
		dpd_heard(sa);
out:
	if (plain)
		OPENSSL_cleanse(plain, len);
	free(plain);
	free(m);
}
