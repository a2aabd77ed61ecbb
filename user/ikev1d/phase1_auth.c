// SPDX-License-Identifier: GPL-2.0
/* Phase-1 authentication: HASH for pre-shared keys, CERT and SIG for RSA. */
#include <string.h>

#include <openssl/x509.h>

#include "cert.h"
#include "log.h"
#include "payload.h"
#include "phase1_auth.h"
#include "sig.h"

#define MAX_PEER_CERTS	4	/* its own and intermediate CAs */

const char *phase1_auth_name(uint16_t auth)
{
	return auth == IKE_AUTH_RSA_SIG ? "RSA signature" : "pre-shared key";
}

void phase1_put_cert_requests(struct ike_sa *sa, struct isakmp_builder *b)
{
	const struct cert_creds *c = sa->conn->creds;
	int i;

	if (sa->conn->auth != IKE_AUTH_RSA_SIG || !c || !c->cas)
		return;
	/* RFC 2408 3.10: the authority is the CA's DN (what strongSwan
	 * sends and looks up).
	 */
	for (i = 0; i < sk_X509_num(c->cas) && i < 8; i++) {
		unsigned char *der = NULL;
		int n = i2d_X509_NAME(X509_get_subject_name(sk_X509_value(c->cas, i)),
				      &der);
		struct isakmp_cert cr = {
			.encoding = ISAKMP_CERT_X509_SIG,
			.data = der,
			.len = n > 0 ? (size_t)n : 0,
		};

		if (n > 0)
			isakmp_cert_put(b, ISAKMP_NP_CR, &cr);
		OPENSSL_free(der);
	}
}

void phase1_take_cert_requests(struct ike_sa *sa, const struct isakmp_msg *m)
{
	const struct isakmp_payload *p;
	struct isakmp_cert cr;
	struct isakmp_err err;
	char dn[256];
	size_t i;

	for (i = 0; (p = isakmp_find(m, ISAKMP_NP_CR, i)); i++) {
		if (isakmp_cr_parse(p, &cr, &err))
			continue;
		if (cr.encoding != ISAKMP_CERT_X509_SIG)
			log_info("%s: the peer asks for a certificate of type %u; "
				 "we have X.509 only", ike_sa_name(sa), cr.encoding);
		else if (cr.len)
			log_info("%s: the peer asks for a certificate from \"%s\"",
				 ike_sa_name(sa), cert_dn_str(cr.data, cr.len, dn,
							      sizeof(dn)));
	}
}

static int put_sig(struct ike_sa *sa, struct isakmp_builder *b)
{
	const struct cert_creds *c = sa->conn->creds;
	uint8_t body[4 + CONF_ID_MAX], h[IKE_HASH_MAX], sig[SIG_MAX];
	size_t len = phase1_own_id_body(sa, body), sig_len;
	struct isakmp_cert cert;

	if (!c || !c->key || phase1_auth_hash(sa, sa->initiator,
					      CHUNK(body, len), h))
		return STEP_FAIL;
	if (sig_sign(c->key, h, sa->prf_len, sig, &sig_len)) {
		log_error("%s: signing %s with our key failed", ike_sa_name(sa),
			  sa->initiator ? "HASH_I" : "HASH_R");
		return STEP_FAIL;
	}
	cert.encoding = ISAKMP_CERT_X509_SIG;
	cert.data = c->cert_der;
	cert.len = c->cert_der_len;
	isakmp_cert_put(b, ISAKMP_NP_CERT, &cert);
	isakmp_blob_put(b, ISAKMP_NP_SIG, sig, sig_len);
	return 0;
}

int phase1_put_auth(struct ike_sa *sa, struct isakmp_builder *b)
{
	return sa->p1.auth == IKE_AUTH_RSA_SIG ? put_sig(sa, b) :
						 phase1_put_hash(sa, b);
}

/* The peer's X.509 certificates, its own first; how many. */
static size_t peer_certs(struct ike_sa *sa, const struct isakmp_msg *m,
			 struct chunk *der)
{
	const struct isakmp_payload *p;
	struct isakmp_cert c;
	struct isakmp_err err;
	size_t i, n = 0;

	for (i = 0; (p = isakmp_find(m, ISAKMP_NP_CERT, i)); i++) {
		if (isakmp_cert_parse(p, &c, &err))
			continue;
		if (c.encoding != ISAKMP_CERT_X509_SIG) {
			log_info("%s: ignoring a CERT payload of encoding %u "
				 "(not an X.509 signature certificate)",
				 ike_sa_name(sa), c.encoding);
			continue;
		}
		if (n < MAX_PEER_CERTS)
			der[n++] = CHUNK(c.data, c.len);
	}
	return n;
}

static int check_sig(struct ike_sa *sa, const struct isakmp_msg *m)
{
	const struct isakmp_payload *sp = isakmp_find(m, ISAKMP_NP_SIG, 0);
	const char *what = sa->initiator ? "SIG_R" : "SIG_I";
	const char *why = "the hash to check cannot be computed";
	struct chunk der[MAX_PEER_CERTS];
	char reason[512], subject[256], id[300];
	uint8_t h[IKE_HASH_MAX];
	X509 *cert;
	size_t n;
	int r;

	if (!sp || isakmp_find(m, ISAKMP_NP_HASH, 0)) {
		log_error("%s: the peer authenticates with %s, not with a signature "
			  "as agreed", ike_sa_name(sa), sp ? "a HASH too" : "no SIG");
		return ISAKMP_N_AUTHENTICATION_FAILED;
	}
	n = peer_certs(sa, m, der);
	if (!n) {
		log_error("%s: the peer sent no X.509 certificate, and we have none "
			  "of it to check %s with", ike_sa_name(sa), what);
		return ISAKMP_N_AUTHENTICATION_FAILED;
	}
	r = cert_verify_peer(sa->conn->creds, der, n, &cert, reason,
			     sizeof(reason));
	if (r) {
		log_error("%s: %s", ike_sa_name(sa), reason);
		return r > 0 ? r : STEP_FAIL;
	}
	cert_subject_str(cert, subject, sizeof(subject));
	if (!cert_holds_id(cert, sa->peer_id.type, sa->peer_id.data,
			   sa->peer_id.len)) {
		log_error("%s: the peer's ID %s is not in its certificate \"%s\" "
			  "(neither the subject nor a subjectAltName)", ike_sa_name(sa),
			  phase1_id_str(sa->peer_id.type, sa->peer_id.data,
					sa->peer_id.len, id, sizeof(id)), subject);
		X509_free(cert);
		return ISAKMP_N_AUTHENTICATION_FAILED;
	}
	if (phase1_auth_hash(sa, !sa->initiator,
			     CHUNK(sa->peer_id_b, sa->peer_id_b_len), h) ||
	    sig_verify(X509_get0_pubkey(cert), h, sa->prf_len, isakmp_body(sp),
		       isakmp_body_len(sp), &why)) {
		log_error("%s: %s of \"%s\" is bad: %s", ike_sa_name(sa), what,
			  subject, why);
		X509_free(cert);
		return ISAKMP_N_AUTHENTICATION_FAILED;
	}
	log_info("%s: %s of \"%s\" verified with its certificate", ike_sa_name(sa),
		 what, subject);
	X509_free(sa->peer_cert);
	sa->peer_cert = cert;
	return 0;
}

int phase1_refuse_last(struct ike_sa *sa, int notify)
{
	uint8_t cookies[2 * ISAKMP_COOKIE_LEN];

	if (notify <= 0)
		return notify;
	info_send_notify(sa, notify, ISAKMP_PROTO_ISAKMP, NULL, 0);
	memcpy(cookies, sa->icookie, ISAKMP_COOKIE_LEN);
	memcpy(cookies + ISAKMP_COOKIE_LEN, sa->rcookie, ISAKMP_COOKIE_LEN);
	info_send_delete(sa, ISAKMP_PROTO_ISAKMP, cookies, sizeof(cookies));
	return STEP_FAIL;
}

int phase1_check_auth(struct ike_sa *sa, const struct isakmp_msg *m)
{
	if (sa->p1.auth == IKE_AUTH_RSA_SIG)
		return check_sig(sa, m);
	if (!isakmp_find(m, ISAKMP_NP_HASH, 0) || isakmp_find(m, ISAKMP_NP_SIG, 0)) {
		log_error("%s: the peer authenticates with %s, not with a HASH as "
			  "agreed", ike_sa_name(sa),
			  isakmp_find(m, ISAKMP_NP_SIG, 0) ? "a SIG" : "nothing");
		return ISAKMP_N_AUTHENTICATION_FAILED;
	}
	return phase1_check_hash(sa, m);
}
