/* SPDX-License-Identifier: GPL-2.0 */
/*
 * X.509 certificates for RSA signature authentication (RFC 2409 5.1): our
 * certificate and private key, the CA certificates a connection trusts
 * for its peer, the check of a certificate the peer sends (chain to one of
 * those CAs, validity dates, key usage) and of the peer's identity against
 * it, and distinguished names as ikev1d.conf writes them
 * ("C=CH, O=example, CN=moon").  Everything on OpenSSL 3 libcrypto.
 *
 * Failures come back as a reason for the log (in @why) and, where the
 * peer is to be told, the ISAKMP notify number.
 */
#ifndef IKEV1D_CERT_H
#define IKEV1D_CERT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <openssl/x509.h>

#include "conf.h"
#include "prf.h"

/* A connection's credentials; the conf owns them (conf_free()). */
struct cert_creds {
	X509 *cert;			/* ours */
	uint8_t *cert_der;		/* the same, as a CERT payload carries it */
	size_t cert_der_len;
	EVP_PKEY *key;			/* its private key: freeing wipes it */
	X509_STORE *store;		/* the CAs we trust for the peer */
	STACK_OF(X509) *cas;		/* the same, for CR payloads */
};

struct cert_creds *cert_creds_new(void);
void cert_creds_free(struct cert_creds *c);

/* Reads our certificate (PEM, the first of the file) and its private key
 * (PEM, RSA, unencrypted), and checks that they belong together.  0, or
 * -1 with the reason in @why; never a byte of the key in it.
 */
int cert_load_own(struct cert_creds *c, const char *cert_path,
		  const char *key_path, char *why, size_t len);

/* Adds CA certificates to trust: every certificate of a PEM file, or of
 * each file in a directory.  0, or -1 with the reason in @why.
 */
int cert_load_cas(struct cert_creds *c, const char *path, char *why,
		  size_t len);

/*
 * The peer's certificates, as its CERT payloads carried them (DER), the
 * first its own: parsed, chained to one of @c's CAs through the others,
 * valid now, and allowed to sign (key usage, if the certificate limits
 * it).  0 with the peer's certificate in @out (the caller frees it), or a
 * notify number with the reason in @why.
 */
int cert_verify_peer(const struct cert_creds *c, const struct chunk *der,
		     size_t n, X509 **out, char *why, size_t len);

/* Whether @cert vouches for the identity @type/@data: a DN equal to its
 * subject, or an FQDN, user FQDN or address among its subjectAltNames.
 */
bool cert_holds_id(X509 *cert, uint8_t type, const uint8_t *data,
		   size_t len);

/* Two DER-encoded DNs name the same (OpenSSL's canonical comparison:
 * string types, case and spacing aside).
 */
bool cert_dn_equal(const uint8_t *a, size_t alen, const uint8_t *b,
		   size_t blen);

/* A DN as ikev1d.conf writes it, "C=CH, O=example, CN=moon" (or
 * "/C=CH/O=example/CN=moon"), into @id as ID_DER_ASN1_DN.  NULL, or why
 * not.
 */
const char *cert_dn_parse(const char *s, struct conf_id *id);

/* A DER DN or a certificate's subject as text for log lines and status. */
const char *cert_dn_str(const uint8_t *der, size_t len, char *buf,
			size_t size);
const char *cert_subject_str(X509 *cert, char *buf, size_t size);

/* Our certificate's subject as an ID_DER_ASN1_DN identity; -1 if it does
 * not fit.
 */
int cert_subject_id(X509 *cert, struct conf_id *id);

#endif /* IKEV1D_CERT_H */
