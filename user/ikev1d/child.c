// SPDX-License-Identifier: GPL-2.0
/*
 * IPsec SA pairs: proxy identities to traffic selectors and back, KEYMAT
 * to the kernel's SAs, the policies that send traffic into them, and
 * taking it all down again.  Nothing stays installed when any step fails.
 */
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "child.h"
#include "ike.h"
#include "keys.h"
#include "log.h"
#include "spd.h"
#include "trap.h"
#include "wire.h"

/* --- selectors and proxy IDs --- */

static void mask_of(unsigned int prefixlen, uint8_t *mask, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned int bits = prefixlen > 8 * i ? prefixlen - 8 * i : 0;

		mask[i] = bits >= 8 ? 0xff : (uint8_t)(0xff << (8 - bits));
	}
}

/* First and last address a selector covers. */
static void span(const struct conf_ts *ts, uint8_t *first, uint8_t *last)
{
	size_t len = kips_addr_len(&ts->net), i;
	uint8_t mask[16];

	if (ts->last.family) {
		memcpy(first, ts->net.bytes, len);
		memcpy(last, ts->last.bytes, len);
		return;
	}
	mask_of(ts->net.prefixlen, mask, len);
	for (i = 0; i < len; i++) {
		first[i] = ts->net.bytes[i] & mask[i];
		last[i] = ts->net.bytes[i] | ~mask[i];
	}
}

void ts_resolve(const struct conf_ts *ts, const struct kips_addr *host,
		struct conf_ts *out)
{
	*out = *ts;
	if (ts->dynamic) {
		out->dynamic = false;
		out->net = *host;
		out->net.prefixlen = kips_addr_bits(host);
	}
}

bool ts_contains(const struct conf_ts *outer, const struct conf_ts *inner)
{
	uint8_t of[16], ol[16], in_f[16], in_l[16];
	size_t len = kips_addr_len(&outer->net);

	if (outer->net.family != inner->net.family)
		return false;
	if (outer->proto && outer->proto != inner->proto)
		return false;
	if (outer->port && outer->port != inner->port)
		return false;
	span(outer, of, ol);
	span(inner, in_f, in_l);
	return memcmp(of, in_f, len) <= 0 && memcmp(in_l, ol, len) <= 0;
}

size_t ts_to_id(const struct conf_ts *ts, uint8_t *body)
{
	size_t len = kips_addr_len(&ts->net);
	bool v6 = ts->net.family == AF_INET6;

	body[1] = ts->proto;
	put_be16(body + 2, ts->port);
	memcpy(body + 4, ts->net.bytes, len);
	if (ts->last.family) {
		body[0] = v6 ? IPSEC_ID_IPV6_ADDR_RANGE : IPSEC_ID_IPV4_ADDR_RANGE;
		memcpy(body + 4 + len, ts->last.bytes, len);
		return 4 + 2 * len;
	}
	if (ts->net.prefixlen == kips_addr_bits(&ts->net)) {
		body[0] = v6 ? IPSEC_ID_IPV6_ADDR : IPSEC_ID_IPV4_ADDR;
		return 4 + len;
	}
	body[0] = v6 ? IPSEC_ID_IPV6_ADDR_SUBNET : IPSEC_ID_IPV4_ADDR_SUBNET;
	mask_of(ts->net.prefixlen, body + 4 + len, len);
	return 4 + 2 * len;
}

int ts_from_id(const struct isakmp_id *id, struct conf_ts *ts)
{
	size_t a = id->type == IPSEC_ID_IPV4_ADDR ||
		   id->type == IPSEC_ID_IPV4_ADDR_SUBNET ||
		   id->type == IPSEC_ID_IPV4_ADDR_RANGE ? 4 : 16;
	unsigned int bits = 0;
	size_t i;

	memset(ts, 0, sizeof(*ts));
	ts->proto = id->protocol;
	ts->port = id->port;
	switch (id->type) {
	case IPSEC_ID_IPV4_ADDR:
	case IPSEC_ID_IPV6_ADDR:
		return kips_addr_from_raw(&ts->net, id->data, a) ? 0 : -1;
	case IPSEC_ID_IPV4_ADDR_SUBNET:
	case IPSEC_ID_IPV6_ADDR_SUBNET:
		if (!kips_addr_from_raw(&ts->net, id->data, a))
			return -1;
		/* The payload layer checked the mask is contiguous. */
		for (i = 0; i < a; i++)
			bits += __builtin_popcount(id->data[a + i]);
		ts->net.prefixlen = bits;
		return 0;
	case IPSEC_ID_IPV4_ADDR_RANGE:
	case IPSEC_ID_IPV6_ADDR_RANGE:
		return kips_addr_from_raw(&ts->net, id->data, a) &&
		       kips_addr_from_raw(&ts->last, id->data + a, a) ? 0 : -1;
	}
	return -1;
}

bool ts_as_prefix(const struct conf_ts *ts, struct kips_addr *out)
{
	struct conf_ts t = *ts;
	uint8_t f[16], l[16];
	size_t len = kips_addr_len(&ts->net);

	*out = ts->net;
	if (!ts->last.family)
		return true;
	for (t.last.family = 0, t.net.prefixlen = kips_addr_bits(&ts->net); ;
	     t.net.prefixlen--) {
		span(&t, f, l);
		if (!memcmp(l, ts->last.bytes, len) &&
		    !memcmp(f, ts->net.bytes, len)) {
			*out = t.net;
			return true;
		}
		if (memcmp(l, ts->last.bytes, len) > 0 ||
		    memcmp(f, ts->net.bytes, len) < 0 || !t.net.prefixlen)
			return false;
	}
}

bool ts_equal(const struct conf_ts *a, const struct conf_ts *b)
{
	return kips_addr_equal(&a->net, &b->net) &&
	       a->net.prefixlen == b->net.prefixlen &&
	       a->last.family == b->last.family &&
	       (!a->last.family || kips_addr_equal(&a->last, &b->last)) &&
	       a->proto == b->proto && a->port == b->port;
}

struct child_sa *child_same(struct ike_sa *sa, const struct conf_ts *l,
			    const struct conf_ts *r, const struct child_sa *except)
{
	struct child_sa *c;

	for (c = sa->children; c; c = c->next)
		if (c != except && c->in_installed && c->out_installed &&
		    ts_equal(&c->local_ts, l) && ts_equal(&c->remote_ts, r))
			return c;
	return NULL;
}

struct child_sa *child_find(struct ike_sa *sa, const struct conf_ts *l,
			    const struct conf_ts *r)
{
	struct child_sa *c;

	for (c = sa->children; c; c = c->next)
		if (ts_equal(&c->local_ts, l) && ts_equal(&c->remote_ts, r))
			return c;
	return NULL;
}

uint32_t child_reqid(struct ike_sa *sa, const struct conf_ts *l,
		     const struct conf_ts *r)
{
	const struct trap *t = trap_find(sa->e, sa->conn, l, r);

	return t ? t->reqid : ++sa->e->next_reqid;
}

/* --- installing --- */

uint8_t ip_proto_of(uint8_t isakmp_proto)
{
	return isakmp_proto == ISAKMP_PROTO_AH ? IPPROTO_AH : IPPROTO_ESP;
}

/* Rekeying before the hard limit needs a soft one.  Who started the pair
 * renews it at 90 % of its life (or volume); the other side's soft limit
 * comes later, at 95 %, so that both do not rekey at once, and acts only
 * if the initiator did not.
 */
static void put_lifetimes(struct kips_sa *k, const struct child_sa *c)
{
	const struct p2_choice *ch = &c->choice;
	unsigned int pct = c->initiated ? 90 : 95;

	k->hard.add_seconds = ch->lifetime;
	k->soft.add_seconds = (uint64_t)ch->lifetime * pct / 100;
	KIPS_SET(&k->hard, KIPS_LT_A_ADD_SECONDS);
	KIPS_SET(&k->soft, KIPS_LT_A_ADD_SECONDS);
	if (ch->lifekbytes) {
		k->hard.bytes = ch->lifekbytes * 1024;
		k->soft.bytes = k->hard.bytes / 100 * pct;
		KIPS_SET(&k->hard, KIPS_LT_A_BYTES);
		KIPS_SET(&k->soft, KIPS_LT_A_BYTES);
	}
	KIPS_SET(k, KIPS_SA_A_LIFETIME_HARD);
	KIPS_SET(k, KIPS_SA_A_LIFETIME_SOFT);
}

static void put_key(struct kips_sa_key *k, enum kips_alg alg,
		    const uint8_t *key, size_t len)
{
	snprintf(k->alg, sizeof(k->alg), "%s", kips_algs[alg].name);
	memcpy(k->key, key, len);
	k->key_len = len;
}

/* One SA of the pair, keyed with @km. */
static void make_sa(struct kips_sa *k, const struct ike_sa *sa,
		    const struct child_sa *c, bool inbound, const uint8_t *km)
{
	const struct p2_choice *ch = &c->choice;
	size_t enc_len = ch->encr ? ch->encr->key_len : 0;

	memset(k, 0, sizeof(*k));
	k->src = inbound ? sa->remote.addr : sa->local.addr;
	k->dst = inbound ? sa->local.addr : sa->remote.addr;
	k->proto = ip_proto_of(c->choice.protocol);
	k->spi = inbound ? c->spi_in : c->spi_out;
	k->mode = sa->conn->mode;
	k->reqid = c->reqid;
	KIPS_SET(k, KIPS_SA_A_SRC);
	KIPS_SET(k, KIPS_SA_A_DST);
	KIPS_SET(k, KIPS_SA_A_PROTO);
	KIPS_SET(k, KIPS_SA_A_SPI);
	KIPS_SET(k, KIPS_SA_A_MODE);
	KIPS_SET(k, KIPS_SA_A_REQID);
	if (ch->encr && ch->encr->aead) {
		put_key(&k->aead, ch->encr->kalg, km, enc_len);
		k->icv_len = ch->encr->icv_len;
		KIPS_SET(k, KIPS_SA_A_AEAD_ALG);
		KIPS_SET(k, KIPS_SA_A_AEAD_KEY);
		KIPS_SET(k, KIPS_SA_A_ICV_LEN);
	} else {
		if (ch->encr) {
			put_key(&k->enc, ch->encr->kalg, km, enc_len);
			KIPS_SET(k, KIPS_SA_A_ENC_ALG);
			KIPS_SET(k, KIPS_SA_A_ENC_KEY);
		}
		put_key(&k->auth, ch->integ->kalg, km + enc_len, ch->integ->key_len);
		KIPS_SET(k, KIPS_SA_A_AUTH_ALG);
		KIPS_SET(k, KIPS_SA_A_AUTH_KEY);
	}
	if (inbound) {
		k->replay_window = 64;
		KIPS_SET(k, KIPS_SA_A_REPLAY_WINDOW);
	}
	if (ch->esn) {
		k->flags = KIPS_SA_F_ESN;
		KIPS_SET(k, KIPS_SA_A_FLAGS);
	}
	if (k->proto == IPPROTO_ESP)
		natt_sa_ports(sa, inbound, k);
	put_lifetimes(k, c);
}

static void keymat_for(const struct exchange *x, uint32_t spi, uint8_t *km,
		       size_t len)
{
	const struct ike_sa *sa = x->sa;
	uint8_t s[4];

	put_be32(s, spi);
	ike_keymat(sa->p1.hash->id, sa->skeyid_d, CHUNK(x->gqm, x->gqm_len),
		   x->child->choice.protocol, CHUNK(s, 4), CHUNK(x->ni, x->ni_len),
		   CHUNK(x->nr, x->nr_len), len, km);
}

/* One SA of the pair: KEYMAT for its SPI, then the kernel. */
static int install_sa(struct exchange *x, bool inbound)
{
	struct ike_sa *sa = x->sa;
	struct engine *e = sa->e;
	struct child_sa *c = x->child;
	size_t len = p2_keymat_len(&c->choice);
	/* An encryption and an integrity key. */
	uint8_t km[2 * KIPS_KEY_MAX];
	struct kips_sa k;
	int r;

	if (len > sizeof(km)) {
		log_error("%s: %zu bytes of KEYMAT per SA is too much",
			  ike_sa_name(sa), len);
		return -1;
	}
	keymat_for(x, inbound ? c->spi_in : c->spi_out, km, len);
	make_sa(&k, sa, c, inbound, km);
	/* The inbound SA completes the larval one of its SPI. */
	r = e->ops.add_sa(e->ops.kernel_ctx, &k, inbound);
	OPENSSL_cleanse(km, sizeof(km));
	kips_sa_wipe(&k);
	if (!r)
		*(inbound ? &c->in_installed : &c->out_installed) = true;
	return r;
}

/*
 * The inbound half: the inbound SA and the policies.  Inbound first, so
 * that the peer's first packets find it; the outbound policy before the
 * outbound SA, so that traffic to the peer in between waits in the kernel
 * (ACQUIRE's queue) rather than leaving in the clear or being lost, and
 * goes out once the outbound SA is there.  The policies are a trap's (there
 * already, and staying), or a pair's that this one rekeys (which name the
 * same reqid and serve until the new pair takes them over), or new ones.
 */
int child_install_inbound(struct exchange *x)
{
	struct ike_sa *sa = x->sa;
	struct engine *e = sa->e;
	struct child_sa *c = x->child;
	struct child_sa *old;
	struct kips_addr net;
	int r;

	if (!ts_as_prefix(&c->local_ts, &net) || !ts_as_prefix(&c->remote_ts, &net)) {
		log_error("%s: an address range that is not a prefix cannot be a "
			  "kernel selector", ike_sa_name(sa));
		return STEP_FAIL;
	}
	r = install_sa(x, true);
	old = child_same(sa, &c->local_ts, &c->remote_ts, c);
	c->trapped = trap_find(e, sa->conn, &c->local_ts, &c->remote_ts) != NULL;
	if (!r && !c->trapped && !(old && old->reqid == c->reqid && old->spd.n))
		r = spd_install(e, sa->conn, &sa->local.addr, &sa->remote.addr,
				&c->local_ts, &c->remote_ts,
				ip_proto_of(c->choice.protocol), c->reqid, &c->spd);
	if (r) {
		log_error("%s: installing the IPsec SAs failed (%d)", ike_sa_name(sa), r);
		child_uninstall(sa, c);
		return STEP_FAIL;
	}
	return 0;
}

/* The outbound SA: the pair is complete. */
int child_install_outbound(struct exchange *x)
{
	struct ike_sa *sa = x->sa;
	struct engine *e = sa->e;
	struct child_sa *c = x->child;
	struct child_sa *old;

	if (install_sa(x, false)) {
		log_error("%s: installing the outbound IPsec SA failed", ike_sa_name(sa));
		child_uninstall(sa, c);
		return STEP_FAIL;
	}
	old = child_same(sa, &c->local_ts, &c->remote_ts, c);
	if (old && !c->trapped && !c->spd.n) {
		c->spd = old->spd;
		old->spd.n = 0;
	}
	c->expires = e->now + (uint64_t)c->choice.lifetime * 1000;
	/* Who started a pair renews it, at 90 % of its life, before the
	 * kernel's soft limit would.
	 */
	if (c->initiated)
		c->rekey_at = e->now + (uint64_t)c->choice.lifetime * 900;
	log_info("%s: IPsec SA pair established: SPIs 0x%08x in, 0x%08x out, %s%s%s, %u s",
		 ike_sa_name(sa), c->spi_in, c->spi_out,
		 c->choice.encr ? c->choice.encr->name : "",
		 c->choice.encr && c->choice.integ ? "-" : "",
		 c->choice.integ ? c->choice.integ->name : "", c->choice.lifetime);
	/* Our rekey is done: the old pair goes, and the peer is told. */
	if (old && old->rekeying) {
		log_info("%s: IPsec SA pair 0x%08x/0x%08x rekeyed", ike_sa_name(sa),
			 old->spi_in, old->spi_out);
		child_remove(sa, old, true);
	}
	return 0;
}

void child_uninstall(struct ike_sa *sa, struct child_sa *c)
{
	struct engine *e = sa->e;
	uint8_t proto = ip_proto_of(c->choice.protocol);

	spd_remove(e, &c->spd);
	if (c->in_installed || c->spi_in)
		e->ops.del_sa(e->ops.kernel_ctx, &sa->local.addr, c->spi_in, proto);
	if (c->out_installed)
		e->ops.del_sa(e->ops.kernel_ctx, &sa->remote.addr, c->spi_out, proto);
	c->in_installed = c->out_installed = false;
	c->spi_in = 0;
}

/* A pair being installed for the same traffic under the same reqid, which
 * counted on @c's policies: it keeps them when @c goes (the peer may
 * delete the pair it rekeyed before our new one is complete).
 */
static struct child_sa *heir(struct ike_sa *sa, const struct child_sa *c)
{
	struct child_sa *h;

	for (h = sa->children; h; h = h->next)
		if (h != c && h->in_installed && !h->spd.n && !h->trapped &&
		    h->reqid == c->reqid && ts_equal(&h->local_ts, &c->local_ts) &&
		    ts_equal(&h->remote_ts, &c->remote_ts))
			return h;
	return NULL;
}

void child_remove(struct ike_sa *sa, struct child_sa *c, bool tell_peer)
{
	struct child_sa **pp, *h;
	struct exchange *x;
	uint8_t spi[4];

	if (tell_peer && sa->state == IKE_SA_ESTABLISHED && c->in_installed) {
		/* RFC 2408 3.15: we name the SPI we receive with. */
		put_be32(spi, c->spi_in);
		info_send_delete(sa, c->choice.protocol, spi, 4);
	}
	if (c->spd.n && (h = heir(sa, c))) {
		h->spd = c->spd;
		c->spd.n = 0;
	}
	child_uninstall(sa, c);
	for (x = sa->xchgs; x; x = x->next)
		if (x->child == c)
			x->child = NULL;
	for (pp = &sa->children; *pp; pp = &(*pp)->next)
		if (*pp == c) {
			*pp = c->next;
			break;
		}
	OPENSSL_cleanse(c, sizeof(*c));
	free(c);
}
