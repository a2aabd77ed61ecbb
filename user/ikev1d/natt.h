/* SPDX-License-Identifier: GPL-2.0 */
/*
 * NAT traversal for IKEv1 (RFC 3947, and the draft-ietf-ipsec-nat-t-ike-02
 * and -03 that many peers still speak), with UDP encapsulation of ESP
 * (RFC 3948):
 *
 * - Vendor IDs in the first two messages say both sides can do it; the
 *   responder answers with the best one the initiator sent.
 * - NAT-D payloads (main mode messages 3 and 4, aggressive mode 2 and 3)
 *   carry HASH(CKY-I | CKY-R | IP | Port) of where the datagram is going
 *   (first) and where it comes from (the rest), with the negotiated hash.
 *   A mismatch shows a NAT on that side.
 * - With a NAT (or when the connection forces it: our source hash is then a
 *   random one, so the peer sees a NAT too) the initiator floats to port
 *   4500 from main mode message 5 (aggressive mode message 3) on; ISAKMP on
 *   4500 starts with the 4-byte non-ESP marker (net.c adds and strips it).
 * - Quick mode offers UDP-Encapsulated-Tunnel or -Transport, NAT-OA in
 *   transport mode, and the kernel's SAs carry the UDP ports.
 * - Behind a NAT we send a keepalive (one 0xFF byte, RFC 3948 2.3) to keep
 *   its mapping; the peer's port may change, and follows authenticated
 *   messages (RFC 3947 5).
 */
#ifndef IKEV1D_NATT_H
#define IKEV1D_NATT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define IKE_NATT_PORT		4500
#define NATT_MARKER_LEN		4	/* the non-ESP marker: four zero bytes */
#define NATT_KEEPALIVE_BYTE	0xff

struct ike_sa;
struct ike_endpoint;
struct isakmp_builder;
struct isakmp_msg;
struct kips_sa;
struct child_sa;

/* Which NAT-T the two sides agreed on, by the vendor IDs. */
enum natt_variant {
	NATT_NONE = 0,
	NATT_DRAFT,		/* draft-ietf-ipsec-nat-t-ike-02/02\n/03 */
	NATT_RFC,		/* RFC 3947 */
};

/* Part of struct ike_sa. */
struct natt_state {
	enum natt_variant variant;
	int best_vid;		/* index of the best VID the peer sent, -1 */
	bool detected;		/* NAT-D payloads were compared */
	bool nat_here;		/* our address or port is translated */
	bool nat_there;		/* the peer's is */
	bool floated;		/* IKE moved to port 4500 */
	uint64_t keepalive_at;	/* ms; 0: none due */
};

/* --- the pieces, pure (unit tests use them) --- */

/* Known NAT-T vendor IDs: the index in the table, or -1. */
int natt_vid_lookup(const uint8_t *vid, size_t len);
/* The variant the VID of @index stands for (NATT_NONE: recognised, but a
 * draft before -02, which floated differently).
 */
enum natt_variant natt_vid_variant(int index);
const char *natt_vid_name(int index);

/* HASH(CKY-I | CKY-R | IP | Port) with IKE hash @hash into @out
 * (ike_hash_len(hash) bytes); 0 or -1.
 */
int natt_natd_hash(uint16_t hash, const uint8_t *icookie, const uint8_t *rcookie,
		   const struct ike_endpoint *ep, uint8_t *out);

/* What arrived on port 4500. */
enum natt_rx {
	NATT_RX_IKE,		/* non-ESP marker, then ISAKMP: strip 4 bytes */
	NATT_RX_KEEPALIVE,	/* one 0xFF byte */
	NATT_RX_NOT_IKE,	/* anything else (ESP the kernel left to us) */
};
enum natt_rx natt_classify(const uint8_t *buf, size_t len);

/* The encapsulation mode attribute quick mode uses for kips mode @mode
 * (KIPS_MODE_*) with UDP encapsulation or not, in @variant's numbers.
 */
uint16_t natt_encap_mode(uint8_t mode, bool udp, enum natt_variant variant);
/* Whether a received encapsulation mode @got fits what we want (@want as
 * natt_encap_mode() gives it): the same mode, in either numbering of UDP
 * encapsulation; 0 (unspecified) means ours.
 */
bool natt_encap_fits(uint16_t got, uint16_t want);

/* --- the exchanges' hooks --- */

/* Our vendor IDs: all we know as initiator, the best the peer sent as
 * responder (none if it sent none, or the connection says no).
 */
void natt_put_vids(struct ike_sa *sa, struct isakmp_builder *b);
/* The peer's vendor IDs: agrees on a variant if it sent a usable one. */
void natt_take_vids(struct ike_sa *sa, const struct isakmp_msg *m);
/* Our NAT-D payloads for a datagram from @sa's local to its remote
 * endpoint; 0 or STEP_FAIL.
 */
int natt_put_natd(struct ike_sa *sa, struct isakmp_builder *b);
/* The peer's NAT-D payloads in the datagram being taken (the engine's
 * rx_local and rx_remote say where it came from and went to): detection.
 * A notify (malformed), STEP_FAIL or 0.
 */
int natt_take_natd(struct ike_sa *sa, const struct isakmp_msg *m);
/* Whether UDP encapsulation is in use for @sa (a NAT was seen, or forced
 * and the peer can do NAT-T).
 */
bool natt_in_use(const struct ike_sa *sa);
/* The initiator moves to port 4500 if NAT-T is in use. */
void natt_float(struct ike_sa *sa);
/* An authenticated message of @sa came from @remote to @local: follow the
 * peer if its port changed (and the kernel's SAs with it), or our port if
 * the peer floated.
 */
void natt_follow(struct ike_sa *sa, const struct ike_endpoint *local,
		 const struct ike_endpoint *remote);

/* Quick mode: the encapsulation mode this SA offers and accepts. */
uint16_t natt_qm_encap(const struct ike_sa *sa);
/* NAT-OAi and NAT-OAr in transport mode with NAT-T: the initiator's
 * address and the responder's, as the sender knows them.
 */
void natt_put_natoa(struct ike_sa *sa, struct isakmp_builder *b);
/* The peer's NAT-OA payloads: logged (kips does not need them: no
 * transport-mode checksum fix-up of its own).
 */
void natt_take_natoa(struct ike_sa *sa, const struct isakmp_msg *m);
/* The UDP ports of an SA of the pair (nothing without NAT-T). */
void natt_sa_ports(const struct ike_sa *sa, bool inbound, struct kips_sa *k);

/* Keepalives: sends those due; when the next one is (UINT64_MAX: none). */
void natt_tick(struct ike_sa *sa);
uint64_t natt_next_timer(const struct ike_sa *sa);

#endif /* IKEV1D_NATT_H */
