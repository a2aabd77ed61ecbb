// SPDX-License-Identifier: GPL-2.0
/* Dead Peer Detection (RFC 3706): see dpd.h. */
#include <stdlib.h>
#include <string.h>

#include <openssl/rand.h>

#include "child.h"
#include "dpd.h"
#include "ike.h"
#include "json.h"
#include "log.h"
#include "names.h"
#include "payload.h"
#include "wire.h"

const uint8_t dpd_vendor_id[DPD_VID_LEN] = {
	0xaf, 0xca, 0xd7, 0x13, 0x68, 0xa1, 0xf1, 0xc9,
	0x6b, 0x86, 0x96, 0xfc, 0x77, 0x57, 0x01, 0x00,
};

#define OFF(field) (offsetof(struct isakmp_notify_pl, field))

int dpd_notify_parse(const struct isakmp_payload *p, const uint8_t *icookie,
		     const uint8_t *rcookie, struct dpd_notify *out,
		     struct isakmp_err *err)
{
	struct isakmp_notification n;
	const uint8_t *spi;

	if (isakmp_notify_parse(p, &n, err))
		return -1;
	if (n.protocol != ISAKMP_PROTO_ISAKMP || n.spi_size != 2 * ISAKMP_COOKIE_LEN)
		return isakmp_fail(err, ISAKMP_E_DPD_SPI, p->type,
				   p->offset + OFF(spi_size),
				   "%s with protocol %u and a %u-byte SPI, not the "
				   "ISAKMP SA's 16-byte cookies",
				   isakmp_notify_str(n.type), n.protocol, n.spi_size);
	spi = p->data + sizeof(struct isakmp_notify_pl);
	if (memcmp(spi, icookie, ISAKMP_COOKIE_LEN) ||
	    memcmp(spi + ISAKMP_COOKIE_LEN, rcookie, ISAKMP_COOKIE_LEN))
		return isakmp_fail(err, ISAKMP_E_DPD_COOKIES, p->type,
				   p->offset + sizeof(struct isakmp_notify_pl),
				   "%s names the cookies of another ISAKMP SA",
				   isakmp_notify_str(n.type));
	if (n.len != DPD_SEQ_LEN)
		return isakmp_fail(err, ISAKMP_E_DPD_SEQ, p->type,
				   p->offset + sizeof(struct isakmp_notify_pl) +
				   n.spi_size,
				   "%s carries %zu bytes of data, not a 4-byte "
				   "sequence number", isakmp_notify_str(n.type), n.len);
	out->type = n.type;
	out->seq = get_be32(n.data);
	return 0;
}

void dpd_put_vid(struct isakmp_builder *b)
{
	isakmp_blob_put(b, ISAKMP_NP_VID, dpd_vendor_id, DPD_VID_LEN);
}

void dpd_take_vids(struct ike_sa *sa, const struct isakmp_msg *m)
{
	const struct isakmp_payload *p;
	size_t i;

	for (i = 0; (p = isakmp_find(m, ISAKMP_NP_VID, i)); i++)
		if (isakmp_body_len(p) == DPD_VID_LEN &&
		    !memcmp(isakmp_body(p), dpd_vendor_id, DPD_VID_LEN) &&
		    !sa->dpd.peer_supports) {
			sa->dpd.peer_supports = true;
			log_debug("%s: the peer supports DPD", ike_sa_name(sa));
		}
}

void dpd_heard(struct ike_sa *sa)
{
	sa->dpd.last_heard = sa->e->now;
}

/* Asking only makes sense where both sides announced DPD. */
static bool asking(const struct ike_sa *sa)
{
	return sa->conn->dpd.delay && sa->dpd.peer_supports &&
	       sa->state == IKE_SA_ESTABLISHED && sa->keyed;
}

static void send_dpd(struct ike_sa *sa, uint16_t type, uint32_t seq)
{
	uint8_t data[DPD_SEQ_LEN];

	put_be32(data, seq);
	log_debug("%s: sending %s seq %u", ike_sa_name(sa), isakmp_notify_str(type),
		  seq);
	info_send_notify_data(sa, type, data, sizeof(data));
}

bool dpd_take_notify(struct ike_sa *sa, const struct isakmp_payload *p,
		     bool authenticated)
{
	struct dpd_state *d = &sa->dpd;
	struct isakmp_err err;
	struct dpd_notify n;

	if (dpd_notify_parse(p, sa->icookie, sa->rcookie, &n, &err)) {
		log_warn("%s: DPD notification dropped: %s", ike_sa_name(sa),
			 err.msg);
		return false;
	}
	if (!authenticated) {
		log_warn("%s: DPD notification dropped: %s seq %u came without "
			 "encryption and HASH", ike_sa_name(sa),
			 isakmp_notify_str(n.type), n.seq);
		return false;
	}
	if (n.type == ISAKMP_N_DPD_R_U_THERE) {
		/* An old number may be a replay: answered (it costs the peer
		 * nothing to know), but no proof of life.
		 */
		bool fresh = !d->peer_seq_known || (int32_t)(n.seq - d->peer_seq) > 0;

		log_debug("%s: received R-U-THERE seq %u%s", ike_sa_name(sa), n.seq,
			  fresh ? "" : " (not newer than the last)");
		if (fresh) {
			d->peer_seq_known = true;
			d->peer_seq = n.seq;
		}
		send_dpd(sa, ISAKMP_N_DPD_R_U_THERE_ACK, n.seq);
		return fresh;
	}
	if (!d->outstanding || n.seq != d->seq) {
		log_warn("%s: DPD notification dropped: R-U-THERE-ACK seq %u, but "
			 "%s", ike_sa_name(sa), n.seq,
			 d->outstanding ? "another one is outstanding" :
			 "none is outstanding");
		if (d->outstanding)
			log_debug("%s: outstanding: seq %u", ike_sa_name(sa), d->seq);
		return false;
	}
	log_debug("%s: received R-U-THERE-ACK seq %u: the peer is alive",
		  ike_sa_name(sa), n.seq);
	d->outstanding = false;
	return true;
}

/* Each R-U-THERE has a new number; the first is random, its top bit clear
 * so that it does not wrap soon (RFC 3706 section 7).
 */
static void ask(struct ike_sa *sa)
{
	struct dpd_state *d = &sa->dpd;
	uint64_t every = (uint64_t)sa->conn->dpd.delay * 1000;

	if (!d->seq_started) {
		if (RAND_bytes((uint8_t *)&d->seq, sizeof(d->seq)) != 1)
			d->seq = (uint32_t)sa->e->now;
		d->seq &= 0x7fffffff;
		d->seq_started = true;
	} else {
		d->seq++;
	}
	if (!d->outstanding) {
		d->outstanding = true;
		d->asked_at = sa->e->now;
	}
	/* Asked again every dpddelay, but at least twice within the timeout. */
	if (every > (uint64_t)sa->conn->dpd.timeout * 500)
		every = (uint64_t)sa->conn->dpd.timeout * 500;
	d->resend_at = sa->e->now + (every ? every : 1000);
	send_dpd(sa, ISAKMP_N_DPD_R_U_THERE, d->seq);
}

static const char *action_name(enum conf_dpd_action a)
{
	return a == CONF_DPD_RESTART ? "restart" : a == CONF_DPD_HOLD ? "hold" :
	       "clear";
}

/* Nothing of the dead SA stays in the kernel; what dpdaction says comes
 * after the engine's walk over its SAs (dpd_act()).
 */
static void declare_dead(struct ike_sa *sa)
{
	const struct conf_conn *c = sa->conn;

	log_warn("%s: DPD: no R-U-THERE-ACK for %u s: the peer is dead; deleting "
		 "the ISAKMP SA and its IPsec SAs (dpdaction %s)", ike_sa_name(sa),
		 c->dpd.timeout, action_name(c->dpd.action));
	sa->dpd.outstanding = false;
	sa->dpd.act = c->dpd.action != CONF_DPD_CLEAR;
	while (sa->children)
		child_remove(sa, sa->children, false);
	ike_sa_set_state(sa, IKE_SA_DEAD);
}

static void act(struct engine *e, const struct conf_conn *c)
{
	switch (c->dpd.action) {
	case CONF_DPD_CLEAR:
		break;
	case CONF_DPD_HOLD:
		/* Trap policies (there already for start = trap) catch the
		 * next packet, and the kernel's ACQUIRE renegotiates.
		 */
		log_info("%s: dpdaction hold: traffic will negotiate again", c->name);
		if (engine_route(e, c->name))
			log_error("%s: dpdaction hold: cannot trap its traffic",
				  c->name);
		break;
	case CONF_DPD_RESTART:
		log_info("%s: dpdaction restart: negotiating again", c->name);
		engine_initiate(e, c->name, e->now);
		break;
	}
}

void dpd_act(struct engine *e)
{
	struct ike_sa *sa;

	/* Initiating reaps the dead, so the walk starts over each time. */
	for (;;) {
		for (sa = e->sas; sa && !sa->dpd.act; sa = sa->next)
			;
		if (!sa)
			return;
		sa->dpd.act = false;
		act(e, sa->conn);
	}
}

/* Whether the kernel accepted packets on the SA's pairs since we last
 * looked: the peer is alive then, whatever IKE says (RFC 3706 section 5:
 * traffic from the peer is proof enough).  One SA_GET per pair.
 */
static bool esp_moved(struct ike_sa *sa)
{
	struct engine *e = sa->e;
	struct child_sa *c;
	uint64_t sum = 0, n;
	bool known = false;

	if (!e->ops.sa_in_packets)
		return false;
	for (c = sa->children; c; c = c->next)
		if (c->in_installed &&
		    !e->ops.sa_in_packets(e->ops.kernel_ctx, &sa->local.addr,
					  c->spi_in, ip_proto_of(c->choice.protocol),
					  &n)) {
			sum += n;
			known = true;
		}
	/* A rekeyed pair starts from 0 again: any change is traffic. */
	if (!known || sum == sa->dpd.esp_in)
		return false;
	sa->dpd.esp_in = sum;
	log_debug("%s: IPsec traffic from the peer: it is alive", ike_sa_name(sa));
	sa->dpd.outstanding = false;
	dpd_heard(sa);
	return true;
}

void dpd_tick(struct ike_sa *sa)
{
	struct dpd_state *d = &sa->dpd;
	uint64_t now = sa->e->now;

	if (!asking(sa))
		return;
	if (!d->outstanding) {
		if (now >= d->last_heard + (uint64_t)sa->conn->dpd.delay * 1000 &&
		    !esp_moved(sa))
			ask(sa);
		return;
	}
	if (now >= d->asked_at + (uint64_t)sa->conn->dpd.timeout * 1000) {
		if (!esp_moved(sa))
			declare_dead(sa);
	} else if (now >= d->resend_at) {
		ask(sa);
	}
}

uint64_t dpd_next_timer(const struct ike_sa *sa)
{
	const struct dpd_state *d = &sa->dpd;
	uint64_t dead;

	if (!asking(sa))
		return UINT64_MAX;
	if (!d->outstanding)
		return d->last_heard + (uint64_t)sa->conn->dpd.delay * 1000;
	dead = d->asked_at + (uint64_t)sa->conn->dpd.timeout * 1000;
	return d->resend_at < dead ? d->resend_at : dead;
}

static uint64_t ago(uint64_t then, uint64_t now)
{
	return now > then ? (now - then) / 1000 : 0;
}

void dpd_status_text(const struct ike_sa *sa, uint64_t now, FILE *out)
{
	const struct dpd_state *d = &sa->dpd;

	if (!sa->conn->dpd.delay)
		return;		/* not configured: nothing to say */
	if (!d->peer_supports) {
		fprintf(out, ", DPD off (the peer does not support it)");
		return;
	}
	fprintf(out, ", DPD on (%u s/%u s, %s), last heard %llu s ago",
		sa->conn->dpd.delay, sa->conn->dpd.timeout,
		action_name(sa->conn->dpd.action),
		(unsigned long long)ago(d->last_heard, now));
	if (d->outstanding)
		fprintf(out, ", R-U-THERE seq %u outstanding for %llu s", d->seq,
			(unsigned long long)ago(d->asked_at, now));
}

void dpd_status_json(const struct ike_sa *sa, uint64_t now, struct jw *w)
{
	const struct dpd_state *d = &sa->dpd;

	jw_obj_open(w, "dpd");
	jw_bool(w, "enabled", asking(sa));
	jw_bool(w, "peer_supports", d->peer_supports);
	jw_u64(w, "delay", sa->conn->dpd.delay);
	jw_u64(w, "timeout", sa->conn->dpd.timeout);
	jw_str(w, "action", action_name(sa->conn->dpd.action));
	jw_u64(w, "last_heard_seconds_ago", ago(d->last_heard, now));
	if (d->outstanding)
		jw_u64(w, "outstanding_seq", d->seq);
	else
		jw_null(w, "outstanding_seq");
	jw_obj_close(w);
}
