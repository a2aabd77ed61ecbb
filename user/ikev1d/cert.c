// SPDX-License-Identifier: GPL-2.0
/* Certificates: loading ours and the CAs, checking the peer's. */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include "cert.h"
#include "isakmp.h"

#define PEM_FILE_MAX	(1 << 20)

static int failf(char *why, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int failf(char *why, size_t len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, len, fmt, ap);
	va_end(ap);
	return -1;
}

struct cert_creds *cert_creds_new(void)
{
	return calloc(1, sizeof(struct cert_creds));
}

void cert_creds_free(struct cert_creds *c)
{
	if (!c)
		return;
	X509_free(c->cert);
	OPENSSL_free(c->cert_der);
	/* Frees the key's numbers with BN_clear_free(): wiped. */
	EVP_PKEY_free(c->key);
	X509_STORE_free(c->store);
	sk_X509_pop_free(c->cas, X509_free);
	free(c);
}

/* The whole file in memory, so a key never sits in stdio's buffers; the
 * caller wipes and frees it.
 */
static char *slurp(const char *path, size_t *len, char *why, size_t wlen)
{
	FILE *f = fopen(path, "r");
	char *buf;

	if (!f) {
		failf(why, wlen, "cannot read %s: %s", path, strerror(errno));
		return NULL;
	}
	buf = malloc(PEM_FILE_MAX);
	if (!buf) {
		fclose(f);
		failf(why, wlen, "out of memory");
		return NULL;
	}
	*len = fread(buf, 1, PEM_FILE_MAX, f);
	if (ferror(f) || *len == PEM_FILE_MAX) {
		failf(why, wlen, "%s: %s", path, ferror(f) ? "read error" :
		      "larger than 1 MiB");
		fclose(f);
		OPENSSL_cleanse(buf, *len);
		free(buf);
		return NULL;
	}
	fclose(f);
	return buf;
}

/* Every certificate of the PEM file @path onto @sk; how many, or -1. */
static int read_certs(const char *path, STACK_OF(X509) *sk, char *why,
		      size_t len)
{
	size_t n;
	char *text = slurp(path, &n, why, len);
	BIO *bio;
	X509 *x;
	int count = 0;

	if (!text)
		return -1;
	bio = BIO_new_mem_buf(text, (int)n);
	while (bio && (x = PEM_read_bio_X509(bio, NULL, NULL, NULL))) {
		if (!sk_X509_push(sk, x)) {
			X509_free(x);
			count = -1;
			break;
		}
		count++;
	}
	/* The end of the file ends the loop with an error to forget. */
	ERR_clear_error();
	BIO_free(bio);
	free(text);
	if (count == 0)
		return failf(why, len, "%s holds no PEM certificate", path);
	if (count < 0)
		return failf(why, len, "out of memory");
	return count;
}

int cert_load_own(struct cert_creds *c, const char *cert_path,
		  const char *key_path, char *why, size_t len)
{
	STACK_OF(X509) *sk = sk_X509_new_null();
	EVP_PKEY *key = NULL;
	size_t n = 0;
	char *text = NULL;
	BIO *bio;
	int der_len;

	if (!sk || read_certs(cert_path, sk, why, len) < 0)
		goto fail;
	c->cert = sk_X509_shift(sk);
	der_len = i2d_X509(c->cert, &c->cert_der);
	if (der_len <= 0) {
		failf(why, len, "%s: the certificate does not encode", cert_path);
		goto fail;
	}
	c->cert_der_len = der_len;
	if (EVP_PKEY_get_base_id(X509_get0_pubkey(c->cert)) != EVP_PKEY_RSA) {
		failf(why, len, "%s: not an RSA certificate (only RSA signatures "
		      "are supported)", cert_path);
		goto fail;
	}
	text = slurp(key_path, &n, why, len);
	if (!text)
		goto fail;
	bio = BIO_new_mem_buf(text, (int)n);
	/* No passphrase callback: an encrypted key fails to load. */
	key = bio ? PEM_read_bio_PrivateKey(bio, NULL, NULL, (void *)"") : NULL;
	BIO_free(bio);
	ERR_clear_error();
	if (!key) {
		failf(why, len, "%s holds no unencrypted PEM private key", key_path);
		goto fail;
	}
	if (EVP_PKEY_get_base_id(key) != EVP_PKEY_RSA) {
		failf(why, len, "%s: not an RSA key", key_path);
		goto fail;
	}
	if (X509_check_private_key(c->cert, key) != 1) {
		ERR_clear_error();
		failf(why, len, "%s is not the key of the certificate in %s",
		      key_path, cert_path);
		goto fail;
	}
	EVP_PKEY_free(c->key);
	c->key = key;
	OPENSSL_cleanse(text, n);
	free(text);
	sk_X509_pop_free(sk, X509_free);
	return 0;
fail:
	EVP_PKEY_free(key);
	if (text) {
		OPENSSL_cleanse(text, n);
		free(text);
	}
	sk_X509_pop_free(sk, X509_free);
	return -1;
}

static int add_ca(struct cert_creds *c, X509 *x, const char *path, char *why,
		  size_t len)
{
	char name[256];

	if (X509_check_ca(x) < 1)
		return failf(why, len, "%s: \"%s\" is not a CA certificate", path,
			     cert_subject_str(x, name, sizeof(name)));
	if (!X509_STORE_add_cert(c->store, x)) {
		/* The same CA twice is harmless. */
		ERR_clear_error();
		return 0;
	}
	if (!X509_up_ref(x))
		return failf(why, len, "out of memory");
	if (!sk_X509_push(c->cas, x)) {
		X509_free(x);
		return failf(why, len, "out of memory");
	}
	return 0;
}

static int load_ca_file(struct cert_creds *c, const char *path, char *why,
			size_t len)
{
	STACK_OF(X509) *sk = sk_X509_new_null();
	int ret = 0, i;

	if (!sk)
		return failf(why, len, "out of memory");
	if (read_certs(path, sk, why, len) < 0)
		ret = -1;
	for (i = 0; !ret && i < sk_X509_num(sk); i++)
		ret = add_ca(c, sk_X509_value(sk, i), path, why, len);
	sk_X509_pop_free(sk, X509_free);
	return ret;
}

static bool pem_name(const char *name)
{
	const char *dot = strrchr(name, '.');

	return dot && (!strcmp(dot, ".pem") || !strcmp(dot, ".crt") ||
		       !strcmp(dot, ".cer"));
}

int cert_load_cas(struct cert_creds *c, const char *path, char *why,
		  size_t len)
{
	struct dirent *de;
	struct stat st;
	int ret = 0, found = 0;
	DIR *d;

	if (!c->store)
		c->store = X509_STORE_new();
	if (!c->cas)
		c->cas = sk_X509_new_null();
	if (!c->store || !c->cas)
		return failf(why, len, "out of memory");
	if (stat(path, &st))
		return failf(why, len, "cannot read %s: %s", path, strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return load_ca_file(c, path, why, len);
	d = opendir(path);
	if (!d)
		return failf(why, len, "cannot read %s: %s", path, strerror(errno));
	while (!ret && (de = readdir(d))) {
		char *full;

		if (de->d_name[0] == '.' || !pem_name(de->d_name))
			continue;
		if (asprintf(&full, "%s/%s", path, de->d_name) < 0) {
			ret = failf(why, len, "out of memory");
			break;
		}
		ret = load_ca_file(c, full, why, len);
		free(full);
		found++;
	}
	closedir(d);
	if (!ret && !found)
		return failf(why, len, "%s holds no .pem, .crt or .cer file", path);
	return ret;
}

/* --- names --- */

#define DN_FLAGS (XN_FLAG_ONELINE & ~XN_FLAG_SPC_EQ)

static const char *name_str(const X509_NAME *name, char *buf, size_t size)
{
	BIO *bio = BIO_new(BIO_s_mem());
	int n = -1;

	if (bio && X509_NAME_print_ex(bio, name, 0, DN_FLAGS) >= 0)
		n = BIO_read(bio, buf, (int)size - 1);
	BIO_free(bio);
	if (n < 0)
		n = snprintf(buf, size, "(a DN that does not print)");
	else
		buf[n] = 0;
	return buf;
}

const char *cert_subject_str(X509 *cert, char *buf, size_t size)
{
	return name_str(X509_get_subject_name(cert), buf, size);
}

const char *cert_dn_str(const uint8_t *der, size_t len, char *buf,
			size_t size)
{
	const unsigned char *p = der;
	X509_NAME *name = d2i_X509_NAME(NULL, &p, (long)len);

	if (!name || p != der + len) {
		snprintf(buf, size, "(%zu bytes that are not a DN)", len);
	} else {
		name_str(name, buf, size);
	}
	X509_NAME_free(name);
	ERR_clear_error();
	return buf;
}

static X509_NAME *dn_decode(const uint8_t *der, size_t len)
{
	const unsigned char *p = der;
	X509_NAME *name = d2i_X509_NAME(NULL, &p, (long)len);

	if (name && p != der + len) {
		X509_NAME_free(name);
		name = NULL;
	}
	ERR_clear_error();
	return name;
}

bool cert_dn_equal(const uint8_t *a, size_t alen, const uint8_t *b,
		   size_t blen)
{
	X509_NAME *x = dn_decode(a, alen), *y = dn_decode(b, blen);
	bool eq = x && y && !X509_NAME_cmp(x, y);

	X509_NAME_free(x);
	X509_NAME_free(y);
	return eq;
}

static char *trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		*--e = 0;
	return s;
}

const char *cert_dn_parse(const char *s, struct conf_id *id)
{
	X509_NAME *name = X509_NAME_new();
	char *copy = strdup(s), *rest, *rdn;
	const char *why = NULL;
	unsigned char *der = NULL;
	char sep = s[0] == '/' ? '/' : ',';
	int n;

	if (!name || !copy) {
		why = "out of memory";
		goto out;
	}
	rest = copy + (sep == '/');
	while (!why && (rdn = strsep(&rest, sep == '/' ? "/" : ","))) {
		char *eq = strchr(rdn, '='), *key, *value;

		if (!eq) {
			why = "a DN is KEY=VALUE, KEY=VALUE, ... (C, O, OU, CN, ...)";
			break;
		}
		*eq = 0;
		key = trim(rdn);
		value = trim(eq + 1);
		if (!strcmp(key, "E"))
			key = "emailAddress";
		if (!*value)
			why = "a DN attribute without a value";
		else if (!X509_NAME_add_entry_by_txt(name, key, MBSTRING_UTF8,
						     (const unsigned char *)value,
						     -1, -1, 0))
			why = "a DN attribute OpenSSL does not know (C, ST, L, O, OU, CN, E, ...)";
	}
	ERR_clear_error();
	if (why)
		goto out;
	n = i2d_X509_NAME(name, &der);
	if (n <= 0) {
		why = "the DN does not encode";
	} else if ((size_t)n > CONF_ID_MAX) {
		why = "the DN is longer than 255 bytes encoded";
	} else {
		id->type = IPSEC_ID_DER_ASN1_DN;
		id->len = n;
		memcpy(id->data, der, n);
	}
out:
	OPENSSL_free(der);
	X509_NAME_free(name);
	free(copy);
	return why;
}

int cert_subject_id(X509 *cert, struct conf_id *id)
{
	unsigned char *der = NULL;
	int n = i2d_X509_NAME(X509_get_subject_name(cert), &der);

	if (n <= 0 || (size_t)n > CONF_ID_MAX) {
		OPENSSL_free(der);
		return -1;
	}
	id->type = IPSEC_ID_DER_ASN1_DN;
	id->len = n;
	memcpy(id->data, der, n);
	OPENSSL_free(der);
	return 0;
}

/* --- the peer's certificate --- */

static bool san_holds(X509 *cert, int gen_type, const uint8_t *data,
		      size_t len, bool nocase)
{
	GENERAL_NAMES *names = X509_get_ext_d2i(cert, NID_subject_alt_name,
						NULL, NULL);
	bool found = false;
	int i;

	for (i = 0; names && !found && i < sk_GENERAL_NAME_num(names); i++) {
		const GENERAL_NAME *g = sk_GENERAL_NAME_value(names, i);
		const ASN1_STRING *v;
		int type;

		v = GENERAL_NAME_get0_value(g, &type);
		if (type != gen_type || (size_t)ASN1_STRING_length(v) != len)
			continue;
		found = nocase ?
			!strncasecmp((const char *)ASN1_STRING_get0_data(v),
				     (const char *)data, len) :
			!memcmp(ASN1_STRING_get0_data(v), data, len);
	}
	GENERAL_NAMES_free(names);
	ERR_clear_error();
	return found;
}

bool cert_holds_id(X509 *cert, uint8_t type, const uint8_t *data,
		   size_t len)
{
	unsigned char *der = NULL;
	bool eq;
	int n;

	switch (type) {
	case IPSEC_ID_DER_ASN1_DN:
		n = i2d_X509_NAME(X509_get_subject_name(cert), &der);
		eq = n > 0 && cert_dn_equal(der, n, data, len);
		OPENSSL_free(der);
		return eq;
	case IPSEC_ID_FQDN:
		return san_holds(cert, GEN_DNS, data, len, true);
	case IPSEC_ID_USER_FQDN:
		return san_holds(cert, GEN_EMAIL, data, len, true);
	case IPSEC_ID_IPV4_ADDR:
	case IPSEC_ID_IPV6_ADDR:
		return san_holds(cert, GEN_IPADD, data, len, false);
	}
	return false;
}

/* Why X509_verify_cert() refused, in words an administrator acts on. */
static void verify_reason(X509_STORE_CTX *ctx, X509 *leaf, char *why,
			  size_t len)
{
	int err = X509_STORE_CTX_get_error(ctx);
	X509 *at = X509_STORE_CTX_get_current_cert(ctx);
	char subj[256], issuer[256];

	cert_subject_str(leaf, subj, sizeof(subj));
	name_str(X509_get_issuer_name(at ? at : leaf), issuer, sizeof(issuer));
	switch (err) {
	case X509_V_ERR_CERT_HAS_EXPIRED:
		failf(why, len, "the peer's certificate \"%s\" has expired%s", subj,
		      at && at != leaf ? " (a CA certificate of its chain)" : "");
		break;
	case X509_V_ERR_CERT_NOT_YET_VALID:
		failf(why, len, "the peer's certificate \"%s\" is not yet valid%s",
		      subj, at && at != leaf ? " (a CA certificate of its chain)" : "");
		break;
	case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
	case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
	case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
	case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
		failf(why, len, "the peer's certificate \"%s\" is from an unknown CA "
		      "(issuer \"%s\" is not among the trusted CAs)", subj, issuer);
		break;
	case X509_V_ERR_CERT_SIGNATURE_FAILURE:
		failf(why, len, "the peer's certificate \"%s\" has a bad signature "
		      "(its issuer \"%s\" did not sign it)", subj, issuer);
		break;
	default:
		failf(why, len, "the peer's certificate \"%s\" does not verify: %s",
		      subj, X509_verify_cert_error_string(err));
	}
}

static X509 *der_cert(struct chunk der)
{
	const unsigned char *p = der.ptr;
	X509 *x = d2i_X509(NULL, &p, (long)der.len);

	if (x && p != der.ptr + der.len) {
		X509_free(x);
		x = NULL;
	}
	ERR_clear_error();
	return x;
}

int cert_verify_peer(const struct cert_creds *c, const struct chunk *der,
		     size_t n, X509 **out, char *why, size_t len)
{
	STACK_OF(X509) *chain = sk_X509_new_null();
	X509_STORE_CTX *ctx = X509_STORE_CTX_new();
	X509 *leaf = NULL;
	int ret = ISAKMP_N_INVALID_CERTIFICATE;
	char subj[256];
	size_t i;

	*out = NULL;
	if (!chain || !ctx) {
		failf(why, len, "out of memory");
		ret = -1;
		goto out;
	}
	if (!c || !c->store) {
		failf(why, len, "no CA certificate to check the peer's against");
		goto out;
	}
	leaf = der_cert(der[0]);
	if (!leaf) {
		failf(why, len, "the peer's CERT payload (%zu bytes) is not a DER "
		      "X.509 certificate", der[0].len);
		goto out;
	}
	for (i = 1; i < n; i++) {
		X509 *x = der_cert(der[i]);

		if (!x) {
			failf(why, len, "the peer's CERT payload %zu (%zu bytes) is "
			      "not a DER X.509 certificate", i + 1, der[i].len);
			goto out;
		}
		if (!sk_X509_push(chain, x)) {
			X509_free(x);
			failf(why, len, "out of memory");
			goto out;
		}
	}
	if (X509_STORE_CTX_init(ctx, c->store, leaf, chain) != 1) {
		failf(why, len, "out of memory");
		goto out;
	}
	if (X509_verify_cert(ctx) != 1) {
		verify_reason(ctx, leaf, why, len);
		goto out;
	}
	/* RFC 4945 5.1.3.2: a certificate that limits its key's use must
	 * allow signatures (strongSwan asks the same).
	 */
	if (X509_get_extension_flags(leaf) & EXFLAG_KUSAGE &&
	    !(X509_get_key_usage(leaf) & (KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION))) {
		failf(why, len, "the peer's certificate \"%s\" has a key usage "
		      "without digitalSignature or nonRepudiation",
		      cert_subject_str(leaf, subj, sizeof(subj)));
		goto out;
	}
	if (EVP_PKEY_get_base_id(X509_get0_pubkey(leaf)) != EVP_PKEY_RSA) {
		failf(why, len, "the peer's certificate \"%s\" holds no RSA key",
		      cert_subject_str(leaf, subj, sizeof(subj)));
		goto out;
	}
	*out = leaf;
	leaf = NULL;
	ret = 0;
out:
	ERR_clear_error();
	X509_free(leaf);
	X509_STORE_CTX_free(ctx);
	sk_X509_pop_free(chain, X509_free);
	return ret;
}
