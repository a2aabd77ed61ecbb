/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What goes into SA payloads and what comes out of them: the offers a
 * connection makes (phase 1 and quick mode), the responder's choice among
 * a peer's offers, and the initiator's check of the responder's answer.
 * Pure functions of the configuration and the parsed payloads, so the
 * exchanges stay free of attribute juggling.
 *
 * Policy decisions made here, as RFC 2409 and issue 6 ask:
 * - a phase-1 transform whose lifetime is longer than ours is not
 *   acceptable; a missing lifetime means RFC 2409's 8 hours;
 * - a quick mode transform whose lifetime is longer than ours is accepted
 *   and lowered to ours, and the caller must say so with
 *   RESPONDER-LIFETIME; a missing one means RFC 2407's 8 hours;
 * - any attribute we do not understand makes a transform unacceptable.
 */
#ifndef IKEV1D_NEGOTIATE_H
#define IKEV1D_NEGOTIATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "algs.h"
#include "conf.h"
#include "sa_payload.h"

/* RFC 2407 4.5 and RFC 2409 appendix A: the lifetime without attributes. */
#define IKE_DEFAULT_LIFETIME	28800

struct p1_choice {
	const struct p1_encr_alg *encr;
	const struct p1_hash_alg *hash;
	uint16_t auth;		/* enum ike_auth */
	uint16_t group;		/* enum ike_group */
	uint32_t lifetime;	/* seconds */
	uint8_t xform_num;
};

struct p2_choice {
	uint8_t protocol;		/* ISAKMP_PROTO_ESP or _AH */
	uint8_t prop_num, xform_num;
	uint8_t peer_spi[4];		/* the SPI the peer sent */
	const struct esp_encr_alg *encr;	/* NULL for AH */
	const struct integ_alg *integ;	/* NULL with an AEAD cipher */
	uint16_t group;			/* PFS group, 0: none */
	uint16_t encap;			/* IPSEC_ENCAP_* */
	bool esn;
	uint32_t lifetime;		/* seconds, as agreed */
	uint64_t lifekbytes;		/* 0: none */
	bool lowered;			/* we cut the peer's lifetime */
};

/* Phase 1: one ISAKMP proposal, one transform per combination of each
 * proposal's ciphers, hashes and groups, numbered from 1; only those with
 * group @group unless it is 0 (aggressive mode sends its KE with the offer,
 * so it can offer one group).
 */
void p1_offer(const struct conf_conn *c, uint16_t group, struct isakmp_sa *sa);
/* The phase-1 authentication method of @c: its authby, and pre-shared
 * keys followed by XAUTH as its client (XAUTHInitPreShared) when @c says
 * xauth = client.
 */
static inline uint16_t p1_auth_method(const struct conf_conn *c)
{
	return c->xauth && c->auth == IKE_AUTH_PSK ? IKE_AUTH_XAUTH_INIT_PSK :
						      c->auth;
}

/* Responder: the first of the peer's transforms @c accepts goes into @out,
 * and @reply (the peer's proposal with only that transform) is what to
 * send back.  -1 with the reason of the last refusal in @why.
 */
int p1_choose(const struct conf_conn *c, const struct isakmp_sa *offer,
	      struct p1_choice *out, struct isakmp_sa *reply, char *why,
	      size_t len);

/* Initiator: the answer must be one proposal of one transform that we
 * offered.
 */
int p1_check_reply(const struct conf_conn *c, const struct isakmp_sa *reply,
		   struct p1_choice *out, char *why, size_t len);

/* Quick mode: a proposal per configured proposal (ESP or AH, our inbound
 * SPI @spi), a transform per combination of ciphers, integrity algorithms
 * and ESN choices, each with encapsulation mode @encap (IPSEC_ENCAP_*:
 * natt_encap_mode() gives it).
 */
void p2_offer(const struct conf_conn *c, uint16_t encap, const uint8_t spi[4],
	      struct isakmp_sa *sa);

/* Responder: the first acceptable transform of the peer's proposals, with
 * @spi our inbound SPI for @reply.
 */
int p2_choose(const struct conf_conn *c, uint16_t encap,
	      const struct isakmp_sa *offer,
	      const uint8_t spi[4], struct p2_choice *out,
	      struct isakmp_sa *reply, char *why, size_t len);

/* Initiator: the answer must be one proposal of one transform we offered;
 * its lifetime may be lower than ours (not higher).
 */
int p2_check_reply(const struct conf_conn *c, uint16_t encap,
		   const struct isakmp_sa *reply, struct p2_choice *out,
		   char *why, size_t len);

/* KEYMAT bytes one SA of @ch needs: encryption key (with salt) then
 * integrity key.
 */
size_t p2_keymat_len(const struct p2_choice *ch);

#endif /* IKEV1D_NEGOTIATE_H */
