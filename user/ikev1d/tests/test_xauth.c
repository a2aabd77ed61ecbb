// SPDX-License-Identifier: GPL-2.0
/*
 * XAUTH and mode config as a client: engine A (xauth = client,
 * local-sourceip = %config) against a server played by hand with the keys
 * of engine B's ISAKMP SA.  After main mode A waits for XAUTH; it answers
 * the server's REQUEST with its user name and password, ACKs the SET,
 * asks for an address, and runs quick mode from it.  Each of the server's
 * messages is built here, and each of A's answers decrypted and checked,
 * its HASH recomputed with HMAC directly.  Malformed or misplaced
 * transaction messages are dropped with their reason; XAUTH-STATUS FAIL
 * and a bad mode-config REPLY end the ISAKMP SA with nothing installed.
 */
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "builder.h"
#include "crypt.h"
#include "harness.h"
#include "ike.h"
#include "keys.h"
#include "payload.h"
#include "status.h"
#include "validate.h"
#include "wire.h"

#define PASSWORD "alice's password"

static char dir[64];
static char conf_a[512], conf_b[512];

/* What A asked of the kernel's addresses. */
static struct kips_addr vip_added;
static char vip_dev[CONF_IFNAME_MAX];
static int vip_adds, vip_dels;

static int fake_set_vip(void *ctx, const struct kips_addr *a, const char *dev,
			bool add)
{
	(void)ctx;
	if (add) {
		vip_added = *a;
		snprintf(vip_dev, sizeof(vip_dev), "%s", dev);
		vip_adds++;
	} else if (kips_addr_equal(a, &vip_added)) {
		vip_dels++;
	}
	return 0;
}

static struct ike_sa *sa_of(struct side *s)
{
	struct ike_sa *sa;

	for (sa = s->e->sas; sa; sa = sa->next)
		if (sa->state == IKE_SA_ESTABLISHED)
			return sa;
	return NULL;
}

/* Phase 1 between A and B; A then waits for the server. */
static bool phase1(void)
{
	up(conf_a, conf_b);
	if (!A.e || !sa_of(&A) || !sa_of(&B))
		return false;
	A.e->ops.set_vip = fake_set_vip;
	memset(&vip_added, 0, sizeof(vip_added));
	vip_adds = vip_dels = 0;
	return true;
}

/* One transaction exchange as the server sees it. */
struct tx {
	uint32_t msgid;
	uint8_t iv[IKE_BLOCK_MAX];
};

static void tx_init(struct tx *t, uint32_t msgid)
{
	struct ike_sa *b = sa_of(&B);

	t->msgid = msgid;
	ike_phase2_iv(b->p1.hash->id, b->iv, b->block_len, msgid, t->iv);
}

enum { GOOD, BAD_HASH, CLEAR };

/* The server sends HDR*, HASH, ATTR(@cfg) to A. */
static void server_send(struct tx *t, const struct isakmp_cfg *cfg, int how)
{
	struct ike_sa *b = sa_of(&B);
	struct isakmp_header h = {
		.version = ISAKMP_VERSION,
		.exchange = ISAKMP_XCHG_TRANSACTION,
		.msgid = t->msgid,
	};
	struct isakmp_builder bb;
	uint8_t mid[4];
	size_t hoff;

	memcpy(h.icookie, b->icookie, ISAKMP_COOKIE_LEN);
	memcpy(h.rcookie, b->rcookie, ISAKMP_COOKIE_LEN);
	put_be32(mid, t->msgid);
	builder_init(&bb);
	builder_header(&bb, &h);
	hoff = hash_payload_open(&bb, b);
	isakmp_cfg_put(&bb, cfg);
	hash_payload_close(&bb, hoff, b, &CHUNK(mid, 4), 1);
	if (how == BAD_HASH)
		bb.buf[hoff + sizeof(struct isakmp_gen)] ^= 1;
	builder_finish(&bb);
	if (how != CLEAR)
		isakmp_encrypt_msg(&bb, b->p1.encr->id, b->enc_key, b->enc_key_len,
				   t->iv);
	logging_side = &A;
	engine_input(A.e, bb.buf, bb.len, &A.ep, &B.ep, now);
	logging_side = NULL;
	builder_free(&bb);
}

/* A's next transaction message, decrypted into @plain and decoded into
 * @cfg, its HASH checked against HMAC(SKEYID_a, M-ID | ATTR); false if
 * there is none or it is wrong.  @t is set up for a new exchange if its
 * M-ID is 0.
 */
static uint8_t plain[4096];
static bool from_a(struct tx *t, struct isakmp_cfg *cfg)
{
	struct ike_sa *b = sa_of(&B);
	struct isakmp_msg *m = calloc(1, sizeof(*m));
	struct isakmp_err err;
	struct packet *p = NULL;
	uint8_t want[EVP_MAX_MD_SIZE], in[4 + sizeof(plain)];
	unsigned int want_len = 0;
	struct chunk rest;
	size_t i;
	bool ok = false;

	for (i = 0; i < npkts; i++)
		if (kips_addr_equal(&net[i]->from.addr, &A.ep.addr) &&
		    net[i]->len > 28 && net[i]->buf[18] == ISAKMP_XCHG_TRANSACTION) {
			p = net[i];
			memmove(net + i, net + i + 1, (--npkts - i) * sizeof(net[0]));
			break;
		}
	if (!p || !m || isakmp_parse_header(&m->hdr, p->buf, p->len, &err))
		goto out;
	if (!t->msgid)
		tx_init(t, m->hdr.msgid);
	if (m->hdr.msgid != t->msgid ||
	    isakmp_decrypt_msg(b->p1.encr->id, b->enc_key, b->enc_key_len, t->iv,
			       p->buf, p->len, plain, &err) ||
	    isakmp_parse_payloads(m, plain, p->len, &err) || m->n != 2 ||
	    m->pl[0].type != ISAKMP_NP_HASH || m->pl[1].type != ISAKMP_NP_ATTR)
		goto out;
	/* The HASH, computed apart from the daemon's own code. */
	rest = after_first_payload(m);
	put_be32(in, t->msgid);
	memcpy(in + 4, rest.ptr, rest.len);
	if (!HMAC(EVP_sha256(), b->skeyid_a, (int)b->prf_len, in, 4 + rest.len,
		  want, &want_len))
		goto out;
	if (want_len != isakmp_body_len(&m->pl[0]) ||
	    memcmp(want, isakmp_body(&m->pl[0]), want_len)) {
		T_FAIL("A's transaction HASH is not prf(SKEYID_a, M-ID | ATTR)");
		goto out;
	}
	ok = !isakmp_cfg_parse(&m->pl[1], cfg, &err);
out:
	free(p);
	free(m);
	return ok;
}

/* In the helpers that return whether they got through. */
#define OK(cond) do {							\
	if (!(cond)) {							\
		T_FAIL("%s", #cond);					\
		goto out;						\
	}								\
} while (0)

static void add(struct isakmp_cfg *c, uint16_t type, bool tlv, uint16_t basic,
		const void *val, uint16_t len)
{
	c->attrs[c->nattrs++] = (struct isakmp_attr){
		.type = type, .tlv = tlv, .basic = basic, .val = val, .len = len,
	};
}

static void xauth_request(struct isakmp_cfg *c, uint16_t id)
{
	memset(c, 0, sizeof(*c));
	c->type = ISAKMP_CFG_REQUEST;
	c->identifier = id;
	add(c, XAUTH_TYPE, false, XAUTH_TYPE_GENERIC, NULL, 0);
	add(c, XAUTH_USER_NAME, true, 0, NULL, 0);
	add(c, XAUTH_USER_PASSWORD, true, 0, NULL, 0);
}

static void xauth_set(struct isakmp_cfg *c, uint16_t id, uint16_t status)
{
	memset(c, 0, sizeof(*c));
	c->type = ISAKMP_CFG_SET;
	c->identifier = id;
	add(c, XAUTH_STATUS, false, status, NULL, 0);
}

static bool attr_is(const struct isakmp_cfg *c, uint16_t type, const void *val,
		    size_t len)
{
	const struct isakmp_attr *a = isakmp_attr_find(c->attrs, c->nattrs, type);

	return a && a->tlv && a->len == len && !memcmp(a->val, val, len);
}

/* XAUTH as far as the server's SET with @status. */
static bool do_xauth(uint16_t status)
{
	struct isakmp_cfg *c = calloc(1, sizeof(*c));
	struct tx t;
	bool ok = false;

	if (!c)
		return false;
	tx_init(&t, 0x11110001);
	xauth_request(c, 7);
	server_send(&t, c, GOOD);
	if (!from_a(&t, c)) {
		T_FAIL("no REPLY to the XAUTH REQUEST");
		goto out;
	}
	OK(c->type == ISAKMP_CFG_REPLY && c->identifier == 7);
	OK(attr_is(c, XAUTH_USER_NAME, "alice", 5));
	OK(attr_is(c, XAUTH_USER_PASSWORD, PASSWORD, strlen(PASSWORD)));
	OK(isakmp_attr_find(c->attrs, c->nattrs, XAUTH_TYPE));
	OK(!strstr(A.log, PASSWORD));
	OK(sa_of(&A)->ra.phase == RA_XAUTH);

	tx_init(&t, 0x22220002);
	xauth_set(c, 8, status);
	server_send(&t, c, GOOD);
	if (!from_a(&t, c)) {
		T_FAIL("no ACK to the XAUTH SET");
		goto out;
	}
	OK(c->type == ISAKMP_CFG_ACK && c->identifier == 8);
	OK(isakmp_attr_find(c->attrs, c->nattrs, XAUTH_STATUS) &&
		 isakmp_attr_find(c->attrs, c->nattrs, XAUTH_STATUS)->basic == status);
	ok = true;
out:
	free(c);
	return ok;
}

static const uint8_t vip[4] = { 10, 99, 0, 7 }, mask[4] = { 255, 255, 255, 0 };
static const uint8_t dns1[4] = { 10, 99, 0, 53 }, dns2[4] = { 10, 99, 0, 54 };

/* A's mode-config REQUEST; the server's REPLY made by @reply. */
static bool do_modecfg(void (*reply)(struct isakmp_cfg *c))
{
	struct isakmp_cfg *c = calloc(1, sizeof(*c));
	struct tx t = { 0 };
	bool ok = false;

	if (!c)
		return false;
	if (!from_a(&t, c)) {
		T_FAIL("no mode-config REQUEST after XAUTH");
		goto out;
	}
	OK(sa_of(&A)->ra.phase == RA_MODECFG);
	OK(c->type == ISAKMP_CFG_REQUEST);
	OK(attr_is(c, CFG_INTERNAL_IP4_ADDRESS, "", 0));
	OK(attr_is(c, CFG_INTERNAL_IP4_NETMASK, "", 0));
	OK(attr_is(c, CFG_INTERNAL_IP4_DNS, "", 0));
	c->type = ISAKMP_CFG_REPLY;
	c->nattrs = 0;
	reply(c);
	server_send(&t, c, GOOD);
	ok = true;
out:
	free(c);
	return ok;
}

static void good_reply(struct isakmp_cfg *c)
{
	add(c, CFG_INTERNAL_IP4_ADDRESS, true, 0, vip, 4);
	add(c, CFG_INTERNAL_IP4_NETMASK, true, 0, mask, 4);
	add(c, CFG_INTERNAL_IP4_DNS, true, 0, dns1, 4);
	add(c, CFG_INTERNAL_IP4_DNS, true, 0, dns2, 4);
	add(c, 28675, true, 0, "split", 5);	/* unknown: ignored */
}

static void short_address(struct isakmp_cfg *c)
{
	add(c, CFG_INTERNAL_IP4_ADDRESS, true, 0, vip, 3);
}

static void no_address(struct isakmp_cfg *c)
{
	add(c, CFG_INTERNAL_IP4_DNS, true, 0, dns1, 4);
}

static void other_identifier(struct isakmp_cfg *c)
{
	c->identifier++;
	good_reply(c);
}

static void status_text(char *buf, size_t len)
{
	FILE *f = fmemopen(buf, len, "w");

	if (!f)
		return;
	engine_status_text(A.e, now, f);
	fclose(f);
}

/* --- the cases --- */

static void waits_for_xauth(void)
{
	T_ASSERT(phase1());
	T_ASSERT_INT(sa_of(&A)->ra.phase, RA_XAUTH);
	T_ASSERT(strstr(A.log, "waiting for the server's XAUTH request"));
	/* Phase 1 offered XAUTHInitPreShared; B took it. */
	T_ASSERT_INT(sa_of(&B)->p1.auth, IKE_AUTH_XAUTH_INIT_PSK);
	/* Asking again starts no quick mode before XAUTH. */
	T_ASSERT(initiate(&A));
	T_ASSERT_INT(npkts, 0);
	T_ASSERT_INT(A.k.nsa, 0);
}

/* A server that never asks: A gives up after 30 s, the deadline moving
 * on with each step the server takes.
 */
static void gives_up_without_xauth(void)
{
	T_ASSERT(phase1());
	tick(29000);
	T_ASSERT_INT(engine_ike_sas(A.e, false), 1);
	tick(2000);
	T_ASSERT(strstr(A.log, "the server did not do its part of XAUTH within "
			"30 s: deleting the ISAKMP SA, nothing installed"));
	T_ASSERT_INT(engine_ike_sas(A.e, false), 0);
	deliver();
	T_ASSERT_INT(engine_ike_sas(B.e, false), 0);
	T_NOTHING();
}

static void xauth_then_modecfg_then_quick(void)
{
	char st[2048];

	T_ASSERT(phase1());
	T_ASSERT(do_xauth(XAUTH_STATUS_OK));
	T_ASSERT(strstr(A.log, "XAUTH as user 'alice' succeeded"));
	T_ASSERT(sa_of(&A)->ra.xauth_ok);
	T_ASSERT(do_modecfg(good_reply));
	T_ASSERT(strstr(A.log, "mode config: the server assigned 10.99.0.7 (netmask /24)"));
	T_ASSERT(strstr(A.log, "mode config: DNS server 10.99.0.54"));
	T_ASSERT_INT(sa_of(&A)->ra.phase, RA_READY);
	/* The address went on lo, as a /32. */
	T_ASSERT_INT(vip_adds, 1);
	T_ASSERT(!strcmp(vip_dev, "lo"));
	T_ASSERT_INT(vip_added.prefixlen, 32);
	T_ASSERT(!memcmp(vip_added.bytes, vip, 4));
	/* Quick mode from it. */
	deliver();
	T_ASSERT_INT(engine_child_sas(A.e), 1);
	T_ASSERT_INT(engine_child_sas(B.e), 1);
	T_PAIRS();
	T_ASSERT(A.k.npol >= 2);
	T_ASSERT(!memcmp(A.k.pol[0].sel.src.bytes, vip, 4) ||
		 !memcmp(A.k.pol[0].sel.dst.bytes, vip, 4));
	status_text(st, sizeof(st));
	T_ASSERT(strstr(st, "XAUTH alice, virtual IP 10.99.0.7, DNS 10.99.0.53 10.99.0.54"));
	T_ASSERT(strstr(st, "10.99.0.7/32 === 10.2.0.0/16"));
	T_ASSERT(!strstr(A.log, PASSWORD));
	/* The ISAKMP SA goes, and the address with it. */
	teardown();
	T_ASSERT_INT(vip_dels, 1);
}

static void status_fail(void)
{
	T_ASSERT(phase1());
	T_ASSERT(do_xauth(XAUTH_STATUS_FAIL));
	T_ASSERT(strstr(A.log, "XAUTH failed: the server refused user 'alice' "
			"(XAUTH-STATUS FAIL; wrong password?): deleting the ISAKMP "
			"SA, nothing installed"));
	T_ASSERT_INT(engine_ike_sas(A.e, false), 0);
	T_ASSERT(!strstr(A.log, "asking the server for an address"));
	/* The delete goes to B, which takes its SA down too. */
	deliver();
	T_ASSERT_INT(engine_ike_sas(B.e, false), 0);
	T_ASSERT_INT(vip_adds, 0);
	T_NOTHING();
}

/* A bad REPLY to our request ends it all. */
static void modecfg_refused(void)
{
	static const struct {
		void (*reply)(struct isakmp_cfg *c);
		const char *why;
	} cases[] = {
		{ short_address, "mode-config REPLY: attribute 1 of 3 bytes is malformed" },
		{ no_address, "the server assigned no IPv4 address" },
		{ other_identifier, "where the REPLY to" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		T_ASSERT(phase1());
		T_ASSERT(do_xauth(XAUTH_STATUS_OK));
		T_ASSERT(do_modecfg(cases[i].reply));
		if (!strstr(A.log, cases[i].why)) {
			fprintf(stderr, "%s", A.log);
			T_FAIL("case %zu: no \"%s\"", i, cases[i].why);
			return;
		}
		T_ASSERT(strstr(A.log, "mode config failed: deleting the ISAKMP SA"));
		T_ASSERT_INT(engine_ike_sas(A.e, false), 0);
		deliver();
		T_ASSERT_INT(vip_adds, 0);
		T_NOTHING();
	}
}

/* The server's messages that A drops, each with its reason, answering
 * nothing and still waiting; a good one after them is answered.
 */
static void malformed_dropped(void)
{
	static const uint8_t ip[4] = { 10, 99, 0, 1 };
	struct isakmp_cfg *c = calloc(1, sizeof(*c));
	struct tx t;
	uint32_t mid = 0x33330000;

	T_ASSERT(c);
	T_ASSERT(phase1());

#define DROPPED(how, why) do {						\
	tx_init(&t, ++mid);						\
	server_send(&t, c, how);					\
	if (!strstr(A.log, why)) {					\
		fprintf(stderr, "%s", A.log);				\
		T_FAIL("no \"%s\" in A's log", why);			\
		free(c);						\
		return;							\
	}								\
	T_ASSERT(!from_a(&t, c));					\
	T_ASSERT_INT(sa_of(&A)->ra.phase, RA_XAUTH);			\
} while (0)

	xauth_request(c, 1);
	DROPPED(BAD_HASH, "HASH does not match, dropped");
	xauth_request(c, 1);
	DROPPED(CLEAR, "clear message where an encrypted one is due, dropped");
	xauth_request(c, 1);
	c->type = ISAKMP_CFG_REPLY;
	DROPPED(GOOD, "a REPLY where the server should ask, dropped");
	xauth_request(c, 1);
	c->attrs[0].basic = 1;	/* RADIUS-CHAP */
	DROPPED(GOOD, "XAUTH type 1 asked for: only the generic type");
	xauth_request(c, 1);
	add(c, XAUTH_PASSCODE, true, 0, NULL, 0);
	DROPPED(GOOD, "asks for attribute 16523 (passcode, challenge or PIN)");
	xauth_request(c, 1);
	c->nattrs = 2;		/* no password asked */
	DROPPED(GOOD, "the XAUTH request asks for no password");
	xauth_set(c, 1, 2);
	DROPPED(GOOD, "XAUTH SET without an XAUTH-STATUS of 0 or 1, dropped");
	xauth_set(c, 1, 1);
	c->nattrs = 0;
	DROPPED(GOOD, "XAUTH SET without an XAUTH-STATUS of 0 or 1, dropped");
	memset(c, 0, sizeof(*c));
	c->type = ISAKMP_CFG_SET;
	add(c, CFG_INTERNAL_IP4_ADDRESS, true, 0, ip, 4);
	DROPPED(GOOD, "mode-config SET (push mode): not supported");
#undef DROPPED
	T_ASSERT_INT(npkts, 0);
	/* None of it has changed A's mind: a good request gets its answer. */
	T_ASSERT(do_xauth(XAUTH_STATUS_OK));
	T_ASSERT_INT(A.k.nsa, 0);
	free(c);
}

int main(void)
{
	char path[128];
	FILE *f;
	int ret;

	snprintf(dir, sizeof(dir), "/tmp/ikev1d-test-xauth.XXXXXX");
	if (!mkdtemp(dir))
		return 2;
	snprintf(path, sizeof(path), "%s/secrets", dir);
	f = fopen(path, "w");
	if (!f)
		return 2;
	fprintf(f, "alice : XAUTH \"%s\"\n", PASSWORD);
	fclose(f);
	chmod(path, 0600);
	snprintf(conf_a, sizeof(conf_a),
		 "secrets = %s;\n"
		 "conn t { local = 10.0.0.1; remote = 10.0.0.2; psk = \"secret\";\n"
		 " remote-subnet = 10.2.0.0/16; xauth = client;\n"
		 " xauth-identity = alice; local-sourceip = %%config; }", path);
	/* B plays phase 1 only; its conn takes XAUTHInitPreShared. */
	snprintf(conf_b, sizeof(conf_b),
		 "secrets = %s;\n"
		 "conn t { local = 10.0.0.2; remote = 10.0.0.1; psk = \"secret\";\n"
		 " local-subnet = 10.2.0.0/16; remote-subnet = 10.99.0.0/24;\n"
		 " xauth = client; xauth-identity = alice; }", path);
	ike_log_setup(IKE_LOG_DEBUG, sink, NULL);
	t_init("xauth");
	T_RUN(waits_for_xauth);
	T_RUN(gives_up_without_xauth);
	T_RUN(xauth_then_modecfg_then_quick);
	T_RUN(status_fail);
	T_RUN(modecfg_refused);
	T_RUN(malformed_dropped);
	teardown();
	ret = t_done();
	unlink(path);
	rmdir(dir);
	return ret;
}
