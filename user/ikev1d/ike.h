/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Inside the engine: ISAKMP SAs, the exchanges running on them, IPsec SA
 * pairs, and the scripts that describe each exchange as data.
 *
 * An exchange is a list of steps, each either a message we send (a build
 * function) or a message we expect (the payloads it may carry, checked
 * before its handler runs, and the handler).  exchange.c walks the list:
 * it matches datagrams to exchanges, decrypts, validates, calls handlers,
 * builds, encrypts and sends the messages that follow, retransmits, and
 * logs every change of step, "conn[3] MAIN_I1 -> MAIN_I2".
 */
#ifndef IKEV1D_IKE_H
#define IKEV1D_IKE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "builder.h"
#include "cipher.h"
#include "dh.h"
#include "dpd.h"
#include "engine.h"
#include "message.h"
#include "natt.h"
#include "negotiate.h"
#include "prf.h"
#include "remote_access.h"
#include "spd.h"

struct exchange;

/* What a handler or builder returns besides 0: a notify type to tell the
 * peer (and give up), or STEP_FAIL to give up silently (it logged why).
 */
#define STEP_FAIL	(-1)

struct step {
	bool send;		/* ours to send; else expected from the peer */
	bool encrypted;		/* travels encrypted (received: must be) */
	bool maybe_encrypted;	/* received either way (aggressive mode 3) */
	const struct isakmp_expect *expect;	/* received messages */
	size_t nexpect;
	uint8_t first;		/* payload that must come first, or 0 */
	int (*build)(struct exchange *x, struct isakmp_builder *b);
	int (*handle)(struct exchange *x, const struct isakmp_msg *m);
};

struct script {
	const char *name;	/* "MAIN", "AGGR", "QUICK" */
	uint8_t type;		/* ISAKMP_XCHG_* */
	bool initiator;
	size_t nsteps;
	const struct step *steps;
};

extern const struct script main_mode_initiator, main_mode_responder;
extern const struct script aggressive_initiator, aggressive_responder;
extern const struct script quick_initiator, quick_responder;

enum ike_sa_state {
	IKE_SA_CONNECTING,
	IKE_SA_ESTABLISHED,
	/* The ISAKMP SA is deleted or expired, but IPsec SAs it made live
	 * on (IKEv1 lets them) until they expire or a new ISAKMP SA with the
	 * peer adopts them.
	 */
	IKE_SA_GONE,
	IKE_SA_DEAD,
};

/* One pair of IPsec SAs and the policies that use them. */
struct child_sa {
	struct child_sa *next;
	struct conf_ts local_ts, remote_ts;	/* as negotiated */
	struct p2_choice choice;
	uint32_t reqid;
	uint32_t spi_in, spi_out;	/* host order */
	bool in_installed, out_installed;
	struct spd_entry spd;		/* its own policies, if any */
	bool trapped;			/* a trap's policies serve it */
	uint64_t expires;		/* ms */
	uint64_t rekey_at;		/* ms, 0: not ours to rekey */
	bool rekeying;			/* a new pair is being negotiated */
	bool initiated;			/* we started its quick mode */
};

struct exchange {
	struct exchange *next;
	struct ike_sa *sa;
	const struct script *script;
	uint32_t msgid;
	size_t step;
	bool done, failed;
	uint8_t iv[IKE_BLOCK_MAX];	/* phase 2; phase 1 uses the SA's */
	/* The last message we sent, for retransmission and duplicates. */
	uint8_t *out;
	size_t out_len;
	unsigned int tries;
	uint64_t retry_at;		/* 0: not waiting */
	uint64_t linger_until;		/* done: kept for duplicates till */
	uint8_t last_in[32];		/* SHA-256 of the last datagram taken */
	bool have_last_in;
	bool answered;			/* @out was our answer to it */
	/* The SA payload to answer with, chosen from the peer's offer. */
	struct isakmp_sa *reply_sa;
	/* Quick mode. */
	struct child_sa *child;
	struct dh *dh;			/* PFS */
	uint8_t ni[ISAKMP_NONCE_MAX], nr[ISAKMP_NONCE_MAX];
	size_t ni_len, nr_len;
	uint8_t gqm[DH_MAX_SECRET];	/* PFS g^xy */
	size_t gqm_len;
	/* The proxy IDs (IDci, IDcr bodies) as they travel. */
	uint8_t id_b[2][4 + 32];
	size_t id_b_len[2];
	bool have_ids;
	/* Responder: tell the initiator its lifetime was cut. */
	bool lowered;
	/* Transaction exchanges (remote_access.h). */
	uint8_t cfg_answer;		/* ISAKMP_CFG_REPLY or _ACK due; 0: none */
	uint16_t cfg_id;		/* identifier to answer, or to expect */
	bool cfg_xauth_type;		/* the REQUEST named XAUTH-TYPE */
	bool cfg_has_status;		/* the SET carried XAUTH-STATUS: */
	uint16_t cfg_status;
};

struct ike_sa {
	struct ike_sa *next;
	struct engine *e;
	const struct conf_conn *conn;
	unsigned int serial;		/* for log lines: conn[serial] */
	bool initiator;
	enum ike_sa_state state;
	uint8_t icookie[ISAKMP_COOKIE_LEN], rcookie[ISAKMP_COOKIE_LEN];
	struct ike_endpoint local, remote;
	uint8_t psk[CONF_PSK_MAX];
	size_t psk_len;
	struct conf_id peer_id;
	struct x509_st *peer_cert;	/* rsasig: the peer's, verified */
	uint8_t peer_id_b[4 + CONF_ID_MAX];	/* the peer's ID body, hashed */
	size_t peer_id_b_len;
	/* Phase 1 as negotiated and keyed. */
	struct p1_choice p1;
	struct dh *dh;
	uint8_t gxi[DH_MAX_PUB], gxr[DH_MAX_PUB];
	size_t gx_len;
	uint8_t ni[ISAKMP_NONCE_MAX], nr[ISAKMP_NONCE_MAX];
	size_t ni_len, nr_len;
	uint8_t *sai_b;			/* the initiator's SA body */
	size_t sai_b_len;
	uint8_t skeyid[IKE_HASH_MAX], skeyid_d[IKE_HASH_MAX];
	uint8_t skeyid_a[IKE_HASH_MAX], skeyid_e[IKE_HASH_MAX];
	size_t prf_len;
	uint8_t enc_key[IKE_KEY_MAX];
	size_t enc_key_len, block_len;
	bool keyed;
	uint8_t iv[IKE_BLOCK_MAX];	/* phase 1's CBC chain */
	struct exchange *xchgs;
	struct child_sa *children;
	uint64_t expires;		/* ms; 0 until established */
	uint64_t rekey_at;		/* ms, initiator: start a new one */
	bool rekeying;
	bool want_children;		/* initiate quick modes once up */
	bool initial_contact;		/* the peer has no other SA with us */
	struct dpd_state dpd;
	struct natt_state natt;		/* natt.h */
	struct ra_state ra;		/* XAUTH and mode config */
};

struct engine {
	const struct conf *conf;
	struct engine_ops ops;
	struct ike_sa *sas;
	uint64_t now;
	uint8_t cookie_secret[32];
	unsigned int next_serial;
	uint32_t next_reqid;
	unsigned int retry_first_ms, retry_tries;
	struct trap *traps;		/* trap.h */
	size_t ntraps;
	/* The datagram being taken: where it came from and went to. */
	const struct ike_endpoint *rx_local, *rx_remote;
};

/* --- engine.c --- */
/* Frees what died: SAs whose phase 1 failed or that were deleted, failed
 * exchanges.
 */
void engine_reap(struct engine *e);

/* --- exchange.c --- */
struct exchange *exchange_new(struct ike_sa *sa, const struct script *s,
			      uint32_t msgid);
/* Runs the send steps due now (an initiator's first message, or those
 * after a handled message).
 */
void exchange_advance(struct exchange *x);
void exchange_fail(struct exchange *x, int notify, const char *why);
void exchange_free(struct exchange *x);
/* The HASH payload of quick mode and informational messages: opened with
 * zeros by hash_payload_open(), filled in by hash_payload_close() over
 * what follows it, with @pre (M-ID, nonces: the caller's choice) first.
 */
size_t hash_payload_open(struct isakmp_builder *b, const struct ike_sa *sa);
int hash_payload_close(struct isakmp_builder *b, size_t off,
		       const struct ike_sa *sa, const struct chunk *pre,
		       size_t npre);
/* Everything after the first (HASH) payload of @m, padding left out. */
struct chunk after_first_payload(const struct isakmp_msg *m);
/* Constant-time comparison of a received hash with ours. */
bool hash_matches(const struct isakmp_payload *p, const uint8_t *want,
		  size_t len);
void engine_input_msg(struct engine *e, const uint8_t *buf, size_t len,
		      const struct ike_endpoint *local,
		      const struct ike_endpoint *remote);
void exchanges_tick(struct engine *e);
uint64_t exchanges_next_timer(const struct engine *e);

/* --- ike_sa.c --- */
struct ike_sa *ike_sa_new(struct engine *e, const struct conf_conn *c,
			  bool initiator, const struct ike_endpoint *local,
			  const struct ike_endpoint *remote);
/* A live ISAKMP SA of conn @c (an established one, if @established). */
struct ike_sa *ike_sa_of_conn(struct engine *e, const struct conf_conn *c,
			      bool established);
struct ike_sa *ike_sa_find(struct engine *e, const uint8_t *icookie,
			   const uint8_t *rcookie);
void ike_sa_set_state(struct ike_sa *sa, enum ike_sa_state state);
/* Deletes @sa's IPsec SAs and then itself, with notice to the peer while
 * there are keys to give it; @sa is DEAD after.
 */
void ike_sa_terminate(struct ike_sa *sa);
/* Removes @sa, its exchanges and (if @children) its IPsec SAs. */
void ike_sa_free(struct ike_sa *sa, bool children);
const char *ike_sa_name(const struct ike_sa *sa);
void ike_cookie(struct engine *e, const struct ike_endpoint *local,
		const struct ike_endpoint *remote, uint8_t *cookie);

/* --- phase1.c: what main and aggressive mode share --- */
int phase1_make_ke_nonce(struct ike_sa *sa);
void phase1_put_ke_nonce(struct ike_sa *sa, struct isakmp_builder *b);
int phase1_take_ke_nonce(struct ike_sa *sa, const struct isakmp_msg *m);
int phase1_derive(struct ike_sa *sa);
void phase1_put_id(struct ike_sa *sa, struct isakmp_builder *b);
/* Takes the peer's ID (checked against the connection's remote-id). */
int phase1_take_id(struct ike_sa *sa, const struct isakmp_msg *m);
/* Our HASH_I or HASH_R; the check of the peer's. */
int phase1_put_hash(struct ike_sa *sa, struct isakmp_builder *b);
int phase1_check_hash(struct ike_sa *sa, const struct isakmp_msg *m);
/* The body of our ID payload, which HASH_I or HASH_R covers; its length. */
size_t phase1_own_id_body(const struct ike_sa *sa, uint8_t *body);
/* HASH_I (of the initiator, if @of_initiator) or HASH_R over @id_b. */
int phase1_auth_hash(struct ike_sa *sa, bool of_initiator, struct chunk id_b,
		     uint8_t *out);
/* An identity as log lines show it. */
const char *phase1_id_str(uint8_t type, const uint8_t *data, size_t len,
			  char *buf, size_t size);
int phase1_keep_sai(struct ike_sa *sa, const uint8_t *body, size_t len);
void phase1_established(struct ike_sa *sa);
/* Phase 1's exchange is over: the initiator's quick modes may start
 * (once remote access, if any, is done: remote_access.h).
 */
void phase1_done(struct ike_sa *sa);
/* The initiator's quick modes for its connection's selectors. */
void phase1_start_children(struct ike_sa *sa);
/* INITIAL-CONTACT (RFC 2407 4.6.3.3): ours to send with our ID and HASH
 * when we have no other SA with the peer; the peer's, taken from its
 * authenticated message, means its other SAs with us are gone.
 */
void phase1_put_initial_contact(struct ike_sa *sa, struct isakmp_builder *b);
void phase1_take_notifies(struct ike_sa *sa, const struct isakmp_msg *m);
/* The SA payloads of phase 1: the initiator's offer (of group @group
 * only, if not 0) and its check of the answer; the responder's choice and
 * its answer.
 */
int phase1_send_offer(struct exchange *x, struct isakmp_builder *b,
		      uint16_t group);
int phase1_take_answer(struct exchange *x, const struct isakmp_msg *m);
int phase1_take_offer(struct exchange *x, const struct isakmp_msg *m);
int phase1_send_answer(struct exchange *x, struct isakmp_builder *b);

/* --- quick mode and IPsec SAs --- */
/* A message ID that no exchange of @sa uses. */
uint32_t new_msgid(struct ike_sa *sa);
/* A quick mode for selectors @l and @r (rekeying @old if not NULL). */
int quick_mode_start(struct ike_sa *sa, const struct conf_ts *l,
		     const struct conf_ts *r, struct child_sa *old);
/* The installed pair of @sa with the same selectors as @l/@r, other than
 * @except: the one a new pair replaces.
 */
struct child_sa *child_same(struct ike_sa *sa, const struct conf_ts *l,
			    const struct conf_ts *r, const struct child_sa *except);
/* Any pair of @sa for @l/@r, installed or still being negotiated. */
struct child_sa *child_find(struct ike_sa *sa, const struct conf_ts *l,
			    const struct conf_ts *r);
/* The reqid a new pair for @l/@r takes: a trap's, whose policies name it,
 * or else a fresh one.
 */
uint32_t child_reqid(struct ike_sa *sa, const struct conf_ts *l,
		     const struct conf_ts *r);
/* Installs the pair negotiated by quick mode @x: the inbound SA and the
 * policies (the responder as it answers), then the outbound SA (once
 * HASH(3) came; the initiator does both when it has the answer).
 * STEP_FAIL with nothing left installed.
 */
int child_install_inbound(struct exchange *x);
int child_install_outbound(struct exchange *x);
void child_remove(struct ike_sa *sa, struct child_sa *c, bool tell_peer);

/* --- informational --- */
void info_send_notify(struct ike_sa *sa, uint16_t type, uint8_t proto,
		      const uint8_t *spi, size_t spi_size);
/* A notification about the ISAKMP SA (its cookies as the SPI) with data. */
void info_send_notify_data(struct ike_sa *sa, uint16_t type,
			   const uint8_t *data, size_t len);
void info_send_delete(struct ike_sa *sa, uint8_t proto, const uint8_t *spi,
		      size_t spi_size);
/* An unprotected notification before phase 1 is keyed. */
void info_send_clear_notify(struct engine *e, const struct isakmp_header *h,
			    const struct ike_endpoint *local,
			    const struct ike_endpoint *remote, uint16_t type);
void info_input(struct ike_sa *sa, const uint8_t *buf, size_t len,
		const struct isakmp_header *h);

#endif /* IKEV1D_IKE_H */
