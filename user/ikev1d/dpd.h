/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Dead Peer Detection (RFC 3706).  Both sides announce it with a vendor
 * ID in phase 1; once both have, either may ask "R-U-THERE" in a
 * HASH-protected informational message under the ISAKMP SA (SPI: the
 * SA's cookies, data: a 32-bit sequence number), and the other answers
 * "R-U-THERE-ACK" with the same number.  We always announce it and always
 * answer; we ask only when the connection sets dpddelay, and only when
 * the peer has been quiet for that long.  An ACK must carry the number of
 * the question outstanding.  With no ACK for dpdtimeout, the peer is dead:
 * its SAs go, and dpdaction says what then.
 */
#ifndef IKEV1D_DPD_H
#define IKEV1D_DPD_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "message.h"
#include "parse_error.h"

struct engine;
struct ike_sa;
struct isakmp_builder;
struct jw;

#define DPD_VID_LEN	16
#define DPD_SEQ_LEN	4

/* afcad71368a1f1c96b8696fc777501 00: RFC 3706 section 5.2, version 1.0. */
extern const uint8_t dpd_vendor_id[DPD_VID_LEN];

/* The DPD state of one ISAKMP SA. */
struct dpd_state {
	bool peer_supports;	/* its phase-1 messages carried the VID */
	uint64_t last_heard;	/* ms: the last authenticated message */
	bool seq_started;	/* @seq holds the last number we used */
	uint32_t seq;
	bool outstanding;	/* R-U-THERE @seq awaits its ACK */
	uint64_t asked_at;	/* ms: the first R-U-THERE of this round */
	uint64_t resend_at;	/* ms: the next one, while outstanding */
	bool peer_seq_known;	/* the peer's last R-U-THERE number */
	uint32_t peer_seq;
	bool act;		/* dead: dpdaction's step is due */
	uint64_t esp_in;	/* packets its IPsec SAs had accepted */
};

/* A DPD notification, checked against its ISAKMP SA. */
struct dpd_notify {
	uint16_t type;		/* ISAKMP_N_DPD_R_U_THERE or _ACK */
	uint32_t seq;
};

/* Decodes the notification @p (validated by the generic layer, of a DPD
 * type) of the ISAKMP SA whose cookies are @icookie and @rcookie: the
 * protocol must be ISAKMP with a 16-byte SPI, the SPI those cookies, and
 * the data one 32-bit sequence number.  -1 with @err saying why not.
 */
int dpd_notify_parse(const struct isakmp_payload *p, const uint8_t *icookie,
		     const uint8_t *rcookie, struct dpd_notify *out,
		     struct isakmp_err *err);

static inline bool dpd_is_notify(uint16_t type)
{
	return type == ISAKMP_N_DPD_R_U_THERE || type == ISAKMP_N_DPD_R_U_THERE_ACK;
}

/* Phase 1: our vendor ID (with our SA payload), and the peer's. */
void dpd_put_vid(struct isakmp_builder *b);
void dpd_take_vids(struct ike_sa *sa, const struct isakmp_msg *m);

/* An authenticated message from the peer: it is alive.  (So is ESP or AH
 * that the kernel accepted on the SA's pairs, when it can tell: looked at
 * only when DPD would otherwise ask or give up.)
 */
void dpd_heard(struct ike_sa *sa);

/* A DPD notification of an informational message (@authenticated: it
 * came encrypted with a good HASH).  True if the peer showed it is alive.
 */
bool dpd_take_notify(struct ike_sa *sa, const struct isakmp_payload *p,
		     bool authenticated);

/* Time: asks, asks again, declares the peer dead. */
void dpd_tick(struct ike_sa *sa);
/* What dpdaction says for the peers dpd_tick() found dead. */
void dpd_act(struct engine *e);
/* When dpd_tick() next has something to do for @sa (UINT64_MAX: never). */
uint64_t dpd_next_timer(const struct ike_sa *sa);

/* For ikev1ctl status: ", DPD ..." on the SA's line; a "dpd" object. */
void dpd_status_text(const struct ike_sa *sa, uint64_t now, FILE *out);
void dpd_status_json(const struct ike_sa *sa, uint64_t now, struct jw *w);

#endif /* IKEV1D_DPD_H */
