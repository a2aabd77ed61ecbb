// SPDX-License-Identifier: GPL-2.0
/*
 * RSA signature authentication: the signature against a vector the
 * openssl command made, DNs as the configuration writes them, identities
 * against certificates, the peer's certificate checks with their reasons
 * (expired, unknown CA, key usage, not a certificate), the rsasig
 * settings with their line numbers, and two engines authenticating each
 * other with certificates, or refusing to with nothing installed.  The
 * certificates are made here, at test time, in a temporary directory.
 */
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include "cert.h"
#include "conf_value.h"
#include "harness.h"
#include "isakmp.h"
#include "sig.h"
#include "sig_vectors.h"
#include "status.h"

static char dir[] = "/tmp/ikev1d-test-cert.XXXXXX";
static EVP_PKEY *ca_key, *rogue_key, *a_key, *b_key;
static X509 *ca, *rogue;

#define DN_A "C=CH, O=kips test, CN=a.kips.test"
#define DN_B "C=CH, O=kips test, CN=b.kips.test"

static EVP_PKEY *rsa_key(void)
{
	return EVP_PKEY_Q_keygen(NULL, NULL, "RSA", (size_t)2048);
}

static X509_NAME *dn(const char *s)
{
	struct conf_id id;
	const unsigned char *p = id.data;

	if (cert_dn_parse(s, &id))
		return NULL;
	return d2i_X509_NAME(NULL, &p, (long)id.len);
}

static void add_ext(X509 *x, X509 *issuer, int nid, const char *value)
{
	X509V3_CTX ctx;
	X509_EXTENSION *e;

	X509V3_set_ctx(&ctx, issuer ? issuer : x, x, NULL, NULL, 0);
	e = X509V3_EXT_conf_nid(NULL, &ctx, nid, value);
	if (e)
		X509_add_ext(x, e, -1);
	X509_EXTENSION_free(e);
}

/* A certificate for @key named @subject, valid from @from to @until
 * seconds from now, signed by @issuer (itself if NULL).
 */
static X509 *make_cert(const char *subject, EVP_PKEY *key, X509 *issuer,
		       EVP_PKEY *issuer_key, long from, long until,
		       const char *san, const char *ku)
{
	static long serial = 1;
	X509 *x = X509_new();
	X509_NAME *name = dn(subject);

	X509_set_version(x, 2);
	ASN1_INTEGER_set(X509_get_serialNumber(x), serial++);
	X509_set_subject_name(x, name);
	X509_set_issuer_name(x, issuer ? X509_get_subject_name(issuer) : name);
	X509_gmtime_adj(X509_getm_notBefore(x), from);
	X509_gmtime_adj(X509_getm_notAfter(x), until);
	X509_set_pubkey(x, key);
	if (!issuer) {
		add_ext(x, NULL, NID_basic_constraints, "critical,CA:TRUE");
		add_ext(x, NULL, NID_key_usage, "critical,keyCertSign,cRLSign");
	} else {
		add_ext(x, issuer, NID_basic_constraints, "CA:FALSE");
		add_ext(x, issuer, NID_key_usage, ku ? ku : "critical,digitalSignature");
		if (san)
			add_ext(x, issuer, NID_subject_alt_name, san);
	}
	X509_sign(x, issuer_key ? issuer_key : key, EVP_sha256());
	X509_NAME_free(name);
	return x;
}

static void write_cert(const char *name, X509 *x)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	PEM_write_X509(f, x);
	fclose(f);
}

static void write_key(const char *name, EVP_PKEY *k)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	PEM_write_PrivateKey(f, k, NULL, NULL, 0, NULL, NULL);
	fclose(f);
	chmod(path, 0600);
}

static struct chunk der_of(X509 *x, uint8_t *buf)
{
	unsigned char *p = buf;
	int n = i2d_X509(x, &p);

	return CHUNK(buf, n > 0 ? (size_t)n : 0);
}

static bool make_pki(void)
{
	X509 *a, *b, *b_rogue;

	if (!mkdtemp(dir))
		return false;
	ca_key = rsa_key();
	rogue_key = rsa_key();
	a_key = rsa_key();
	b_key = rsa_key();
	if (!ca_key || !rogue_key || !a_key || !b_key)
		return false;
	ca = make_cert("C=CH, O=kips test, CN=kips test CA", ca_key, NULL, NULL,
		       -3600, 86400, NULL, NULL);
	rogue = make_cert("C=CH, O=rogue, CN=rogue CA", rogue_key, NULL, NULL,
			  -3600, 86400, NULL, NULL);
	a = make_cert(DN_A, a_key, ca, ca_key, -3600, 86400,
		      "IP:10.0.0.1,DNS:a.kips.test,email:a@kips.test", NULL);
	b = make_cert(DN_B, b_key, ca, ca_key, -3600, 86400,
		      "IP:10.0.0.2,DNS:b.kips.test", NULL);
	b_rogue = make_cert(DN_B, b_key, rogue, rogue_key, -3600, 86400,
			    "IP:10.0.0.2", NULL);
	write_cert("ca.pem", ca);
	write_cert("rogue.pem", rogue);
	write_cert("a.pem", a);
	write_cert("b.pem", b);
	write_cert("b-rogue.pem", b_rogue);
	write_key("a.key", a_key);
	write_key("b.key", b_key);
	X509_free(a);
	X509_free(b);
	X509_free(b_rogue);
	return true;
}

static void remove_pki(void)
{
	static const char *const files[] = {
		"ca.pem", "rogue.pem", "a.pem", "b.pem", "b-rogue.pem", "a.key",
		"b.key",
	};
	char path[256];
	size_t i;

	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, files[i]);
		unlink(path);
	}
	rmdir(dir);
}

/* --- the signature --- */

static EVP_PKEY *fixed_key(void)
{
	BIO *bio = BIO_new_mem_buf(fixed_key_pem, -1);
	EVP_PKEY *k = PEM_read_bio_PrivateKey(bio, NULL, NULL, NULL);

	BIO_free(bio);
	return k;
}

static void signature_vector(void)
{
	uint8_t hash[32], want[256], sig[SIG_MAX];
	EVP_PKEY *k = fixed_key();
	size_t i, len = 0;
	const char *why = NULL;

	T_ASSERT(k);
	for (i = 0; i < sizeof(hash); i++)
		hash[i] = i;
	T_ASSERT_INT(t_unhex(fixed_sig_hex, want, sizeof(want)), 256);
	T_ASSERT(!sig_sign(k, hash, sizeof(hash), sig, &len));
	T_ASSERT_MEM(sig, len, want, sizeof(want));
	T_ASSERT(!sig_verify(k, hash, sizeof(hash), want, sizeof(want), &why));
	/* A hash of another length (SHA-1's) signs and verifies too. */
	T_ASSERT(!sig_sign(k, hash, 20, sig, &len));
	T_ASSERT(!sig_verify(k, hash, 20, sig, len, &why));
	T_ASSERT(sig_verify(k, hash, sizeof(hash), sig, len, &why));
	EVP_PKEY_free(k);
}

static void signature_refusals(void)
{
	uint8_t hash[32] = { 1 }, sig[SIG_MAX];
	EVP_PKEY *k = fixed_key();
	size_t len = 0;
	const char *why = NULL;

	T_ASSERT(k);
	T_ASSERT(!sig_sign(k, hash, sizeof(hash), sig, &len));
	sig[100] ^= 1;
	T_ASSERT(sig_verify(k, hash, sizeof(hash), sig, len, &why));
	T_ASSERT(strstr(why, "does not verify"));
	sig[100] ^= 1;
	T_ASSERT(sig_verify(k, hash, sizeof(hash), sig, len - 1, &why));
	T_ASSERT(strstr(why, "not as long as the key's modulus"));
	T_ASSERT(sig_verify(k, hash, sizeof(hash), sig, 0, &why));
	hash[0] ^= 1;
	T_ASSERT(sig_verify(k, hash, sizeof(hash), sig, len, &why));
	T_ASSERT(sig_verify(NULL, hash, sizeof(hash), sig, len, &why));
	T_ASSERT(strstr(why, "RSA key"));
	EVP_PKEY_free(k);
}

/* --- names and identities --- */

static void distinguished_names(void)
{
	struct conf_id a, b;
	char s[256];

	T_ASSERT(!conf_parse_id("C=CH, O=kips test, CN=moon", &a));
	T_ASSERT_INT(a.type, IPSEC_ID_DER_ASN1_DN);
	T_ASSERT(!conf_parse_id("/C=CH/O=kips test/CN=moon", &b));
	T_ASSERT(conf_id_equal(&a, &b));
	T_ASSERT_STR(cert_dn_str(a.data, a.len, s, sizeof(s)),
		     "C=CH, O=kips test, CN=moon");
	/* Case and spacing aside, as OpenSSL compares names. */
	T_ASSERT(!conf_parse_id("C=CH,O=KIPS  test,CN=Moon", &b));
	T_ASSERT(cert_dn_equal(a.data, a.len, b.data, b.len));
	T_ASSERT(!conf_parse_id("C=CH, O=kips test, CN=sun", &b));
	T_ASSERT(!cert_dn_equal(a.data, a.len, b.data, b.len));
	T_ASSERT(!cert_dn_equal(a.data, a.len, a.data, a.len - 1));
	T_ASSERT(!conf_parse_id("E=moon@example.net, CN=moon", &b));
	T_ASSERT(strstr(conf_parse_id("C=CH, Q=x", &b), "does not know"));
	T_ASSERT(strstr(conf_parse_id("C=CH, CN=", &b), "without a value"));
	T_ASSERT(strstr(conf_parse_id("C=CH, moon", &b), "KEY=VALUE"));
	T_ASSERT(strstr(cert_dn_str((const uint8_t *)"\x30\x03\x01", 3, s, sizeof(s)),
			"not a DN"));
}

static void identities_in_certificates(void)
{
	X509 *a = make_cert(DN_A, a_key, ca, ca_key, -60, 3600,
			    "IP:10.0.0.1,IP:fd00::1,DNS:a.kips.test,email:a@kips.test",
			    NULL);
	static const uint8_t v4[] = { 10, 0, 0, 1 }, v4b[] = { 10, 0, 0, 2 };
	static const uint8_t v6[] = { 0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 };
	struct conf_id id;

	T_ASSERT(!conf_parse_id(DN_A, &id));
	T_ASSERT(cert_holds_id(a, id.type, id.data, id.len));
	T_ASSERT(!conf_parse_id(DN_B, &id));
	T_ASSERT(!cert_holds_id(a, id.type, id.data, id.len));
	T_ASSERT(cert_holds_id(a, IPSEC_ID_FQDN, (const uint8_t *)"A.kips.test", 11));
	T_ASSERT(!cert_holds_id(a, IPSEC_ID_FQDN, (const uint8_t *)"b.kips.test", 11));
	T_ASSERT(!cert_holds_id(a, IPSEC_ID_FQDN, (const uint8_t *)"a.kips.tes", 10));
	T_ASSERT(cert_holds_id(a, IPSEC_ID_USER_FQDN, (const uint8_t *)"a@kips.test", 11));
	T_ASSERT(!cert_holds_id(a, IPSEC_ID_FQDN, (const uint8_t *)"a@kips.test", 11));
	T_ASSERT(cert_holds_id(a, IPSEC_ID_IPV4_ADDR, v4, 4));
	T_ASSERT(!cert_holds_id(a, IPSEC_ID_IPV4_ADDR, v4b, 4));
	T_ASSERT(cert_holds_id(a, IPSEC_ID_IPV6_ADDR, v6, 16));
	/* The CN is not a name the certificate vouches for as an FQDN
	 * unless a subjectAltName says so; key IDs never.
	 */
	T_ASSERT(!cert_holds_id(a, IPSEC_ID_KEY_ID, (const uint8_t *)"a", 1));
	X509_free(a);
}

/* --- the peer's certificate --- */

static struct cert_creds *trusting_ca(void)
{
	struct cert_creds *c = cert_creds_new();
	char path[256], why[256];

	snprintf(path, sizeof(path), "%s/ca.pem", dir);
	if (c && cert_load_cas(c, path, why, sizeof(why))) {
		cert_creds_free(c);
		return NULL;
	}
	return c;
}

/* cert_verify_peer() on @x alone: its notify, the reason in @why. */
static int verify(struct cert_creds *c, X509 *x, char *why, size_t len)
{
	static uint8_t buf[4096];
	struct chunk der = der_of(x, buf);
	X509 *out = NULL;
	int r = cert_verify_peer(c, &der, 1, &out, why, len);

	if (!r && !out)
		T_FAIL("accepted, but no certificate came back");
	X509_free(out);
	return r;
}

static void peer_certificate_checks(void)
{
	struct cert_creds *c = trusting_ca();
	X509 *good = make_cert(DN_B, b_key, ca, ca_key, -60, 3600, "IP:10.0.0.2", NULL);
	X509 *expired = make_cert(DN_B, b_key, ca, ca_key, -7200, -3600, NULL, NULL);
	X509 *early = make_cert(DN_B, b_key, ca, ca_key, 3600, 7200, NULL, NULL);
	X509 *foreign = make_cert(DN_B, b_key, rogue, rogue_key, -60, 3600, NULL, NULL);
	X509 *selfsigned = make_cert(DN_B, b_key, NULL, NULL, -60, 3600, NULL, NULL);
	X509 *encipher = make_cert(DN_B, b_key, ca, ca_key, -60, 3600, NULL,
				   "critical,keyEncipherment");
	X509 *forged = make_cert(DN_B, b_key, ca, rogue_key, -60, 3600, NULL, NULL);
	static uint8_t buf[4096];
	struct chunk der;
	X509 *out = NULL;
	char why[512];

	T_ASSERT(c);
	T_ASSERT_INT(verify(c, good, why, sizeof(why)), 0);
	T_ASSERT_INT(verify(c, expired, why, sizeof(why)), ISAKMP_N_INVALID_CERTIFICATE);
	T_ASSERT(strstr(why, "\"C=CH, O=kips test, CN=b.kips.test\" has expired"));
	T_ASSERT_INT(verify(c, early, why, sizeof(why)), ISAKMP_N_INVALID_CERTIFICATE);
	T_ASSERT(strstr(why, "is not yet valid"));
	T_ASSERT_INT(verify(c, foreign, why, sizeof(why)), ISAKMP_N_INVALID_CERTIFICATE);
	T_ASSERT(strstr(why, "from an unknown CA (issuer \"C=CH, O=rogue, CN=rogue CA\""));
	T_ASSERT_INT(verify(c, selfsigned, why, sizeof(why)), ISAKMP_N_INVALID_CERTIFICATE);
	T_ASSERT(strstr(why, "unknown CA"));
	T_ASSERT_INT(verify(c, encipher, why, sizeof(why)), ISAKMP_N_INVALID_CERTIFICATE);
	T_ASSERT(strstr(why, "key usage without digitalSignature"));
	T_ASSERT_INT(verify(c, forged, why, sizeof(why)), ISAKMP_N_INVALID_CERTIFICATE);
	T_ASSERT(strstr(why, "bad signature"));
	/* Not a certificate, or one with bytes after it. */
	der = der_of(good, buf);
	der.len -= 1;
	T_ASSERT_INT(cert_verify_peer(c, &der, 1, &out, why, sizeof(why)),
		     ISAKMP_N_INVALID_CERTIFICATE);
	T_ASSERT(strstr(why, "is not a DER X.509 certificate"));
	der.len += 1;
	buf[der.len] = 0;
	der.len += 1;
	T_ASSERT_INT(cert_verify_peer(c, &der, 1, &out, why, sizeof(why)),
		     ISAKMP_N_INVALID_CERTIFICATE);
	der = CHUNK("\x30\x82\xff\xff", 4);
	T_ASSERT_INT(cert_verify_peer(c, &der, 1, &out, why, sizeof(why)),
		     ISAKMP_N_INVALID_CERTIFICATE);
	T_ASSERT(!out);
	/* No CA at all. */
	T_ASSERT_INT(cert_verify_peer(NULL, &der, 1, &out, why, sizeof(why)),
		     ISAKMP_N_INVALID_CERTIFICATE);
	T_ASSERT(strstr(why, "no CA certificate"));
	X509_free(good);
	X509_free(expired);
	X509_free(early);
	X509_free(foreign);
	X509_free(selfsigned);
	X509_free(encipher);
	X509_free(forged);
	cert_creds_free(c);
}

/* --- configuration --- */

struct lines {
	char text[4096];
};

static void collect(void *ctx, enum conf_severity sev, const char *file,
		    unsigned int line, const char *msg)
{
	struct lines *l = ctx;
	size_t n = strlen(l->text);

	(void)file;
	snprintf(l->text + n, sizeof(l->text) - n, "%u:%s%s\n", line,
		 sev == CONF_WARNING ? "warning: " : "", msg);
}

static void rsasig_settings(void)
{
	struct lines l = { { 0 } };
	struct conf_report r = { .fn = collect, .ctx = &l };
	struct conf c;
	char *text;
	int n;

	n = asprintf(&text,
		"conn good {\n"					/* 1 */
		"	local = 10.0.0.1; remote = 10.0.0.2;\n"
		"	authby = rsasig;\n"
		"	local-cert = %1$s/a.pem; local-key = %1$s/a.key;\n"
		"	remote-ca = %1$s/ca.pem;\n"			/* 5 */
		"	remote-id = \"C=CH, O=kips test, CN=b.kips.test\";\n"
		"}\n"
		"conn mismatch {\n"
		"	local = 10.0.0.1; remote = 10.0.0.2; authby = rsasig;\n"
		"	local-cert = %1$s/b.pem;\n"			/* 10 */
		"	local-key = %1$s/a.key;\n"
		"	remote-ca = %1$s/ca.pem;\n"
		"}\n"
		"conn notca {\n"
		"	local = 10.0.0.1; remote = 10.0.0.2; authby = rsasig;\n" /* 15 */
		"	local-cert = %1$s/a.pem; local-key = %1$s/a.key;\n"
		"	remote-ca = %1$s/b.pem;\n"
		"	local-id = @b.kips.test;\n"
		"}\n"
		"conn nothing {\n"				/* 20 */
		"	local = 10.0.0.1; remote = 10.0.0.2; authby = rsasig;\n"
		"	psk = \"unused\";\n"
		"}\n"
		"conn psk {\n"
		"	local = 10.0.0.1; remote = 10.0.0.2; psk = \"k\";\n" /* 25 */
		"	local-cert = %1$s/a.pem;\n"
		"	authby = certificates;\n"
		"}\n"
		"conn missing {\n"
		"	local = 10.0.0.1; remote = 10.0.0.2; authby = rsasig;\n" /* 30 */
		"	local-cert = %1$s/nosuch.pem; local-key = %1$s/a.key;\n"
		"	remote-ca = %1$s/ca.pem;\n"
		"}\n", dir);
	T_ASSERT(n > 0);
	T_ASSERT_INT(conf_load_text("t.conf", text, strlen(text), &c, &r), 6);
	free(text);
	if (!strstr(l.text, "11:") || !strstr(l.text, "a.key is not the key of the certificate in") ||
	    !strstr(l.text, "17:") || !strstr(l.text, "is not a CA certificate") ||
	    !strstr(l.text, "18:local-id is not in the certificate") ||
	    !strstr(l.text, "21:authby = rsasig needs local-cert and local-key") ||
	    !strstr(l.text, "22:warning: psk does nothing with authby = rsasig") ||
	    !strstr(l.text, "26:warning: local-cert does nothing without authby = rsasig") ||
	    !strstr(l.text, "27:authby: 'certificates' is not one of psk, rsasig") ||
	    !strstr(l.text, "31:cannot read") || strstr(l.text, "BEGIN"))
		T_FAIL("the report: %s", l.text);
	/* The good one: our ID is the certificate's subject, as encoded. */
	T_ASSERT_INT(c.conns[0].auth, IKE_AUTH_RSA_SIG);
	T_ASSERT_INT(c.conns[0].local_id.type, IPSEC_ID_DER_ASN1_DN);
	T_ASSERT(cert_holds_id(c.conns[0].creds->cert, c.conns[0].local_id.type,
			       c.conns[0].local_id.data, c.conns[0].local_id.len));
	T_ASSERT_INT(c.conns[0].remote_id.type, IPSEC_ID_DER_ASN1_DN);
	T_ASSERT_INT(c.conns[4].auth, IKE_AUTH_PSK);
	conf_free(&c);
}

/* --- two engines --- */

static char conf_a[1024], conf_b[1024];

/* Both sides with certificates; extra settings for each. */
static void certs_conf(const char *xa, const char *xb, const char *b_cert)
{
	snprintf(conf_a, sizeof(conf_a),
		 "conn t { local = 10.0.0.1; remote = 10.0.0.2; authby = rsasig;\n"
		 " local-cert = %1$s/a.pem; local-key = %1$s/a.key; remote-ca = %1$s/ca.pem;\n"
		 " local-subnet = 10.1.0.0/16; remote-subnet = 10.2.0.0/16; %2$s }",
		 dir, xa);
	snprintf(conf_b, sizeof(conf_b),
		 "conn t { local = 10.0.0.2; remote = 10.0.0.1; authby = rsasig;\n"
		 " local-cert = %1$s/%3$s; local-key = %1$s/b.key; remote-ca = %1$s/ca.pem;\n"
		 " local-subnet = 10.2.0.0/16; remote-subnet = 10.1.0.0/16; %2$s }",
		 dir, xb, b_cert);
}

static void run_for(int seconds)
{
	int i;

	deliver();
	for (i = 0; i < seconds; i++) {
		tick(1000);
		deliver();
	}
}

static void status_of(struct engine *e, char *buf, size_t len)
{
	FILE *f = fmemopen(buf, len, "w");

	engine_status_text(e, now, f);
	fclose(f);
}

static void engines_main_mode(void)
{
	char st[2048];

	certs_conf("remote-id = \"" DN_B "\";", "", "b.pem");
	up(conf_a, conf_b);
	T_ASSERT_INT(engine_ike_sas(A.e, true), 1);
	T_ASSERT_INT(engine_ike_sas(B.e, true), 1);
	T_ASSERT_INT(engine_child_sas(A.e), 1);
	T_ASSERT_INT(engine_child_sas(B.e), 1);
	T_PAIRS();
	T_ASSERT(strstr(A.log, "SIG_R of \"" DN_B "\" verified with its certificate"));
	T_ASSERT(strstr(B.log, "SIG_I of \"" DN_A "\" verified with its certificate"));
	T_ASSERT(strstr(B.log, "the peer asks for a certificate from \"C=CH, O=kips test, CN=kips test CA\""));
	T_ASSERT(strstr(A.log, "ISAKMP SA established with " DN_B " ("));
	status_of(A.e, st, sizeof(st));
	T_ASSERT(strstr(st, "main mode, RSA signature of \"" DN_B "\", "));
}

static void engines_aggressive(void)
{
	certs_conf("exchange = aggressive;", "exchange = aggressive;", "b.pem");
	up(conf_a, conf_b);
	T_ASSERT_INT(engine_child_sas(A.e), 1);
	T_ASSERT_INT(engine_child_sas(B.e), 1);
	T_PAIRS();
	T_ASSERT(strstr(A.log, "SIG_R of \"" DN_B "\" verified"));
	T_ASSERT(strstr(B.log, "SIG_I of \"" DN_A "\" verified"));
}

/* Addresses as identities, found among the subjectAltNames. */
static void engines_address_ids(void)
{
	certs_conf("local-id = 10.0.0.1; remote-id = 10.0.0.2;",
		   "local-id = 10.0.0.2;", "b.pem");
	up(conf_a, conf_b);
	T_ASSERT_INT(engine_child_sas(A.e), 1);
	T_ASSERT(strstr(B.log, "ISAKMP SA established with 10.0.0.1 ("));
}

static void engines_unknown_ca(void)
{
	certs_conf("", "", "b-rogue.pem");
	if (!setup(conf_a, conf_b)) {
		T_FAIL("setup");
		return;
	}
	T_ASSERT(initiate(&A));
	run_for(20);
	T_ASSERT_INT(engine_ike_sas(A.e, false), 0);
	T_ASSERT_INT(engine_ike_sas(B.e, false), 0);
	T_NOTHING();
	T_ASSERT(strstr(A.log, "the peer's certificate \"" DN_B "\" is from an unknown CA"));
	T_ASSERT(strstr(A.log, "sending INVALID-CERTIFICATE"));
	T_ASSERT(strstr(B.log, "the peer says INVALID-CERTIFICATE") ||
		 strstr(B.log, "the peer deleted the ISAKMP SA"));
}

static void engines_unknown_ca_responder(void)
{
	certs_conf("", "", "b-rogue.pem");
	if (!setup(conf_b, conf_a)) {
		T_FAIL("setup");
		return;
	}
	/* B (rogue) initiates now: A's side is the responder. */
	T_ASSERT(initiate(&A));
	run_for(20);
	T_ASSERT_INT(engine_ike_sas(A.e, false), 0);
	T_ASSERT_INT(engine_ike_sas(B.e, false), 0);
	T_NOTHING();
	T_ASSERT(strstr(B.log, "is from an unknown CA"));
	T_ASSERT(strstr(A.log, "the peer says INVALID-CERTIFICATE"));
}

/* Aggressive mode: the responder refuses the last message, after which
 * the initiator counted its SA as established; told and deleted, it
 * keeps nothing either.
 */
static void engines_aggressive_unknown_ca(void)
{
	certs_conf("exchange = aggressive;", "exchange = aggressive;", "b-rogue.pem");
	if (!setup(conf_b, conf_a)) {
		T_FAIL("setup");
		return;
	}
	T_ASSERT(initiate(&A));
	run_for(20);
	T_ASSERT_INT(engine_ike_sas(A.e, false), 0);
	T_ASSERT_INT(engine_ike_sas(B.e, false), 0);
	T_NOTHING();
	T_ASSERT(strstr(B.log, "the peer's certificate \"" DN_B "\" is from an unknown CA"));
	T_ASSERT(strstr(B.log, "sending a delete for ISAKMP"));
	T_ASSERT(strstr(A.log, "the peer deleted the ISAKMP SA"));
}

static void engines_id_mismatch(void)
{
	certs_conf("", "remote-id = \"C=CH, O=kips test, CN=c.kips.test\";", "b.pem");
	if (!setup(conf_a, conf_b)) {
		T_FAIL("setup");
		return;
	}
	T_ASSERT(initiate(&A));
	run_for(20);
	T_ASSERT_INT(engine_ike_sas(A.e, false), 0);
	T_ASSERT_INT(engine_ike_sas(B.e, false), 0);
	T_NOTHING();
	T_ASSERT(strstr(B.log, "the peer is " DN_A ", but conn t expects C=CH, O=kips test, CN=c.kips.test"));
	T_ASSERT(strstr(A.log, "the peer says INVALID-ID-INFORMATION"));
}

/* The peer claims an identity its certificate does not hold. */
static void engines_id_not_in_cert(void)
{
	certs_conf("", "", "b.pem");
	/* B claims @c.kips.test with b's certificate: --check refuses that,
	 * so the configuration is changed after loading.
	 */
	if (!setup(conf_a, conf_b)) {
		T_FAIL("setup");
		return;
	}
	B.conf.conns[0].local_id.type = IPSEC_ID_FQDN;
	B.conf.conns[0].local_id.len = 11;
	memcpy(B.conf.conns[0].local_id.data, "c.kips.test", 11);
	T_ASSERT(initiate(&A));
	run_for(20);
	T_ASSERT_INT(engine_ike_sas(A.e, false), 0);
	T_NOTHING();
	T_ASSERT(strstr(A.log, "the peer's ID @c.kips.test is not in its certificate \"" DN_B "\""));
}

/* One side with a pre-shared key, the other with certificates. */
static void engines_method_mismatch(void)
{
	certs_conf("", "", "b.pem");
	if (!setup(conf_a, "conn t { local = 10.0.0.2; remote = 10.0.0.1; psk = \"k\"; }")) {
		T_FAIL("setup");
		return;
	}
	T_ASSERT(initiate(&A));
	run_for(20);
	T_ASSERT_INT(engine_ike_sas(B.e, false), 0);
	T_NOTHING();
	T_ASSERT(strstr(B.log, "authentication by RSA signature, not by pre-shared key"));
}

int main(void)
{
	t_init("cert");
	ike_log_setup(IKE_LOG_DEBUG, sink, NULL);
	if (!make_pki()) {
		printf("FAIL: cert: making the test certificates failed\n");
		return 1;
	}
	T_RUN(signature_vector);
	T_RUN(signature_refusals);
	T_RUN(distinguished_names);
	T_RUN(identities_in_certificates);
	T_RUN(peer_certificate_checks);
	T_RUN(rsasig_settings);
	T_RUN(engines_main_mode);
	T_RUN(engines_aggressive);
	T_RUN(engines_address_ids);
	T_RUN(engines_unknown_ca);
	T_RUN(engines_unknown_ca_responder);
	T_RUN(engines_aggressive_unknown_ca);
	T_RUN(engines_id_mismatch);
	T_RUN(engines_id_not_in_cert);
	T_RUN(engines_method_mismatch);
	teardown();
	remove_pki();
	EVP_PKEY_free(ca_key);
	EVP_PKEY_free(rogue_key);
	EVP_PKEY_free(a_key);
	EVP_PKEY_free(b_key);
	X509_free(ca);
	X509_free(rogue);
	return t_done();
}
