// SPDX-License-Identifier: GPL-2.0
/* Reading an rsasig connection's certificate, key and CAs. */
#include <string.h>
#include <sys/stat.h>

#include "cert.h"
#include "conf_auth.h"
#include "isakmp.h"

#define ERR_AT(ar, line, ...) \
	conf_reportf((ar)->r, CONF_ERROR, (ar)->file, line, __VA_ARGS__)

/* Our identity must be one the certificate vouches for, or the peer will
 * refuse it; a DN is sent exactly as the certificate encodes it, so that
 * peers that compare encodings agree too.
 */
static void check_local_id(struct conf_conn *cn,
			   const struct conf_auth_report *ar)
{
	X509 *cert = cn->creds->cert;
	char subject[256];

	if (!ar->local_id_line) {
		if (cert_subject_id(cert, &cn->local_id))
			ERR_AT(ar, ar->cert_line, "the certificate's subject is "
			       "longer than 255 bytes: set local-id to one of its "
			       "subjectAltNames");
		return;
	}
	if (!cert_holds_id(cert, cn->local_id.type, cn->local_id.data,
			   cn->local_id.len)) {
		ERR_AT(ar, ar->local_id_line, "local-id is not in the certificate "
		       "(neither its subject \"%s\" nor a subjectAltName)",
		       cert_subject_str(cert, subject, sizeof(subject)));
		return;
	}
	if (cn->local_id.type == IPSEC_ID_DER_ASN1_DN)
		cert_subject_id(cert, &cn->local_id);
}

void conf_auth_load(struct conf_conn *cn, const struct conf_auth_paths *paths,
		    const struct conf_auth_report *ar)
{
	char why[512];
	struct stat st;

	cn->creds = cert_creds_new();
	if (!cn->creds) {
		ERR_AT(ar, ar->cert_line, "out of memory");
		return;
	}
	if (cert_load_own(cn->creds, paths->cert, paths->key, why, sizeof(why))) {
		ERR_AT(ar, strstr(why, paths->key) == why ? ar->key_line :
		       ar->cert_line, "%s", why);
		return;
	}
	if (!stat(paths->key, &st) && st.st_mode & (S_IRGRP | S_IROTH))
		conf_reportf(ar->r, CONF_WARNING, ar->file, ar->key_line,
			     "%s, a private key, is readable by others than its owner",
			     paths->key);
	if (cert_load_cas(cn->creds, paths->ca, why, sizeof(why)))
		ERR_AT(ar, ar->ca_line, "%s", why);
	check_local_id(cn, ar);
}
