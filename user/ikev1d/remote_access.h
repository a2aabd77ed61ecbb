/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Remote access as a client: XAUTH (draft-beaulieu-ike-xauth-02) and mode
 * config (draft-dukes-ike-mode-cfg-02), between phase 1 and quick mode.
 *
 *   Client (us)                            Server (strongSwan, say)
 *   main mode, auth XAUTHInitPreShared, XAUTH VID  <-->
 *                                   <--   HDR*, HASH, ATTR(REQUEST: name, password)
 *   HDR*, HASH, ATTR(REPLY: name, password) -->
 *                                   <--   HDR*, HASH, ATTR(SET: STATUS)
 *   HDR*, HASH, ATTR(ACK: STATUS)     -->
 *   HDR*, HASH, ATTR(REQUEST: IP4 address, netmask, DNS) -->
 *                                   <--   HDR*, HASH, ATTR(REPLY: ...)
 *   quick mode from the assigned address ...
 *
 * Each request and its answer are one transaction exchange (type 6) with
 * its own message ID and IV chain; HASH = prf(SKEYID_a, M-ID | ATTR).
 * transaction.c runs the exchanges, xauth.c and modecfg.c say what goes
 * in them.  The server side of either is not implemented.
 */
#ifndef IKEV1D_REMOTE_ACCESS_H
#define IKEV1D_REMOTE_ACCESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "addr.h"
#include "message.h"
#include "payload.h"

struct exchange;
struct ike_sa;
struct isakmp_builder;
struct isakmp_header;
struct jw;

#define RA_DNS_MAX	4
/* How long after phase 1 (or its last message) the server may take to
 * start (or go on with) XAUTH before we give up.
 */
#define RA_XAUTH_WAIT_MS	30000
#define XAUTH_VID_LEN	8

/* 09002689dfd6b712: the XAUTH vendor ID. */
extern const uint8_t xauth_vendor_id[XAUTH_VID_LEN];

enum ra_phase {
	RA_OFF,		/* the connection uses neither: quick mode at once */
	RA_XAUTH,	/* phase 1 is up; the server's XAUTH is due */
	RA_MODECFG,	/* our mode-config request is out */
	RA_READY,	/* done: quick modes may run */
};

struct ra_state {
	enum ra_phase phase;
	bool xauth_ok;		/* the server said XAUTH-STATUS OK */
	uint64_t deadline;	/* ms: give up waiting for XAUTH; 0: none */
	struct kips_addr vip;	/* assigned address and prefix; family 0: none */
	bool vip_added;		/* we put it on conn->sourceip_dev */
	size_t ndns;
	struct kips_addr dns[RA_DNS_MAX];
};

/* --- transaction.c --- */
extern const struct script transaction_responder, transaction_initiator;

/* A transaction exchange the server starts (message ID @h->msgid), or
 * NULL (logged) when this SA has no business with one.
 */
struct exchange *transaction_peer_starts(struct ike_sa *sa,
					 const struct isakmp_header *h);
/* Our answer @cfg in the exchange @x the server started. */
int transaction_put_answer(struct exchange *x, struct isakmp_builder *b,
			   const struct isakmp_cfg *cfg);
/* The exchange @x finished or failed (exchange.c calls these). */
void transaction_done(struct exchange *x);
void transaction_failed(struct exchange *x);
/* Checks HASH over @m (first payload HASH, one ATTR) and decodes the
 * attribute payload into @cfg: -1 (logged, with the reason) if either is
 * wrong.
 */
int transaction_take(struct exchange *x, const struct isakmp_msg *m,
		     struct isakmp_cfg *cfg);

/* --- remote access as a whole (transaction.c) --- */
/* Phase 1 is up: what comes before quick mode starts (or nothing). */
void ra_phase1_done(struct ike_sa *sa);
/* Whether quick modes may run on @sa. */
bool ra_ready(const struct ike_sa *sa);
/* The address our selectors stand for: the assigned one, or ours. */
const struct kips_addr *ra_local_host(const struct ike_sa *sa);
/* Gives up on a server that does not do its part of XAUTH in time. */
void ra_tick(struct ike_sa *sa);
uint64_t ra_next_timer(const struct ike_sa *sa);
/* Whether another ISAKMP SA of ours holds @sa's assigned address on its
 * device (the one that replaced it, or the one it replaces).
 */
bool ra_vip_held_elsewhere(const struct ike_sa *sa);
/* Remote access failed: the SA goes, with @why logged. */
void ra_fail(struct ike_sa *sa, const char *why);
/* The SA goes: the assigned address leaves its device. */
void ra_release(struct ike_sa *sa);
void ra_status_text(const struct ike_sa *sa, FILE *out);
void ra_status_json(const struct ike_sa *sa, struct jw *w);

/* --- xauth.c --- */
void xauth_put_vid(const struct ike_sa *sa, struct isakmp_builder *b);
/* The server's REQUEST or SET in @cfg: fills @x's answer.  0, or
 * STEP_FAIL (logged).
 */
int xauth_take(struct exchange *x, const struct isakmp_cfg *cfg);
/* Our answer to it. */
int xauth_put_answer(struct exchange *x, struct isakmp_builder *b);
/* Our ACK went out: on with mode config, or give up. */
void xauth_finished(struct exchange *x);

/* --- modecfg.c --- */
/* Sends our REQUEST in a transaction exchange of its own. */
int modecfg_start(struct ike_sa *sa);
/* The attributes we ask for, added to @cfg. */
void modecfg_put_request(const struct ike_sa *sa, struct isakmp_cfg *cfg);
/* The server's REPLY in @cfg: the address, netmask and DNS servers. */
int modecfg_take_reply(struct exchange *x, const struct isakmp_cfg *cfg);
/* The exchange is over: the address goes on its device, quick mode
 * starts.
 */
void modecfg_finished(struct exchange *x);

#endif /* IKEV1D_REMOTE_ACCESS_H */
