// SPDX-License-Identifier: GPL-2.0
/* NAT traversal (RFC 3947, RFC 3948 keepalives): see natt.h. */
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include "child.h"
#include "ike.h"
#include "log.h"
#include "natt.h"
#include "payload.h"
#include "wire.h"

/* --- vendor IDs --- */

/*
 * MD5 of the names, best first: the responder answers with the first of
 * these the initiator sent.  The drafts before -02 are recognised, to say
 * so in the log, but not spoken: they floated without the non-ESP marker.
 */
static const struct {
	const char *name;
	enum natt_variant variant;
	uint8_t vid[16];
} vids[] = {
	{ "RFC 3947", NATT_RFC,
	  { 0x4a, 0x13, 0x1c, 0x81, 0x07, 0x03, 0x58, 0x45,
	    0x5c, 0x57, 0x28, 0xf2, 0x0e, 0x95, 0x45, 0x2f } },
	{ "draft-ietf-ipsec-nat-t-ike-03", NATT_DRAFT,
	  { 0x7d, 0x94, 0x19, 0xa6, 0x53, 0x10, 0xca, 0x6f,
	    0x2c, 0x17, 0x9d, 0x92, 0x15, 0x52, 0x9d, 0x56 } },
	{ "draft-ietf-ipsec-nat-t-ike-02\\n", NATT_DRAFT,
	  { 0x90, 0xcb, 0x80, 0x91, 0x3e, 0xbb, 0x69, 0x6e,
	    0x08, 0x63, 0x81, 0xb5, 0xec, 0x42, 0x7b, 0x1f } },
	{ "draft-ietf-ipsec-nat-t-ike-02", NATT_DRAFT,
	  { 0xcd, 0x60, 0x46, 0x43, 0x35, 0xdf, 0x21, 0xf8,
	    0x7c, 0xfd, 0xb2, 0xfc, 0x68, 0xb6, 0xa4, 0x48 } },
	{ "draft-ietf-ipsec-nat-t-ike-01", NATT_NONE,
	  { 0x16, 0xf6, 0xca, 0x16, 0xe4, 0xa4, 0x06, 0x6d,
	    0x83, 0x82, 0x1a, 0x0f, 0x0a, 0xea, 0xa8, 0x62 } },
	{ "draft-ietf-ipsec-nat-t-ike-00", NATT_NONE,
	  { 0x44, 0x85, 0x15, 0x2d, 0x18, 0xb6, 0xbb, 0xcd,
	    0x0b, 0xe8, 0xa8, 0x46, 0x95, 0x79, 0xdd, 0xcc } },
	{ "draft-ietf-ipsec-nat-t-ike", NATT_NONE,
	  { 0x4d, 0xf3, 0x79, 0x28, 0xe9, 0xfc, 0x4f, 0xd1,
	    0xb3, 0x26, 0x21, 0x70, 0xd5, 0x15, 0xc6, 0x62 } },
};

#define NVIDS ((int)(sizeof(vids) / sizeof(vids[0])))

int natt_vid_lookup(const uint8_t *vid, size_t len)
{
	int i;

	for (i = 0; i < NVIDS; i++)
		if (len == sizeof(vids[i].vid) && !memcmp(vid, vids[i].vid, len))
			return i;
	return -1;
}

enum natt_variant natt_vid_variant(int index)
{
	return index >= 0 && index < NVIDS ? vids[index].variant : NATT_NONE;
}

const char *natt_vid_name(int index)
{
	return index >= 0 && index < NVIDS ? vids[index].name : "?";
}

static bool enabled(const struct ike_sa *sa)
{
	return sa->conn->nat_traversal != CONF_NATT_NO;
}

void natt_put_vids(struct ike_sa *sa, struct isakmp_builder *b)
{
	int i;

	if (!enabled(sa))
		return;
	if (!sa->initiator) {
		if (sa->natt.variant != NATT_NONE)
			isakmp_blob_put(b, ISAKMP_NP_VID, vids[sa->natt.best_vid].vid,
					sizeof(vids[0].vid));
		return;
	}
	for (i = 0; i < NVIDS; i++)
		if (vids[i].variant != NATT_NONE)
			isakmp_blob_put(b, ISAKMP_NP_VID, vids[i].vid,
					sizeof(vids[i].vid));
}

void natt_take_vids(struct ike_sa *sa, const struct isakmp_msg *m)
{
	int best = -1, k;
	size_t i;

	for (i = 0; i < m->n; i++) {
		if (m->pl[i].type != ISAKMP_NP_VID)
			continue;
		k = natt_vid_lookup(isakmp_body(&m->pl[i]),
				    isakmp_body_len(&m->pl[i]));
		if (k < 0)
			continue;
		log_debug("%s: the peer sends the NAT-T vendor ID %s",
			  ike_sa_name(sa), natt_vid_name(k));
		if (vids[k].variant != NATT_NONE && (best < 0 || k < best))
			best = k;
	}
	if (best < 0 || !enabled(sa))
		return;
	sa->natt.best_vid = best;
	sa->natt.variant = vids[best].variant;
	log_info("%s: NAT traversal agreed (%s)", ike_sa_name(sa),
		 natt_vid_name(best));
}

/* --- NAT-D --- */

int natt_natd_hash(uint16_t hash, const uint8_t *icookie, const uint8_t *rcookie,
		   const struct ike_endpoint *ep, uint8_t *out)
{
	uint8_t port[2];
	const struct chunk in[] = {
		CHUNK(icookie, ISAKMP_COOKIE_LEN),
		CHUNK(rcookie, ISAKMP_COOKIE_LEN),
		CHUNK(ep->addr.bytes, kips_addr_len(&ep->addr)),
		CHUNK(port, sizeof(port)),
	};

	put_be16(port, ep->port);
	return ike_hash(hash, in, NCHUNKS(in), out);
}

static uint8_t natd_type(const struct ike_sa *sa)
{
	return sa->natt.variant == NATT_DRAFT ? ISAKMP_NP_NATD_DRAFT :
						ISAKMP_NP_NATD;
}

int natt_put_natd(struct ike_sa *sa, struct isakmp_builder *b)
{
	uint16_t hash = sa->p1.hash->id;
	size_t len = ike_hash_len(hash);
	uint8_t h[IKE_HASH_MAX];

	if (sa->natt.variant == NATT_NONE)
		return 0;
	/* Where it goes first, then where it comes from. */
	if (natt_natd_hash(hash, sa->icookie, sa->rcookie, &sa->remote, h))
		return STEP_FAIL;
	isakmp_blob_put(b, natd_type(sa), h, len);
	/* Forced encapsulation: a source no one can match is a NAT. */
	if (sa->conn->nat_traversal == CONF_NATT_FORCE) {
		if (RAND_bytes(h, len) != 1)
			return STEP_FAIL;
	} else if (natt_natd_hash(hash, sa->icookie, sa->rcookie, &sa->local, h)) {
		return STEP_FAIL;
	}
	isakmp_blob_put(b, natd_type(sa), h, len);
	return 0;
}

static const char *ep_str(const struct ike_endpoint *ep, char *buf, size_t len)
{
	char a[KIPS_PREFIX_STRLEN];

	snprintf(buf, len, "%s:%u", kips_addr_str(&ep->addr, a, sizeof(a)),
		 ep->port);
	return buf;
}

int natt_take_natd(struct ike_sa *sa, const struct isakmp_msg *m)
{
	const struct ike_endpoint *local = sa->e->rx_local ? sa->e->rx_local : &sa->local;
	const struct ike_endpoint *remote = sa->e->rx_remote ? sa->e->rx_remote :
							       &sa->remote;
	uint16_t hash = sa->p1.hash->id;
	size_t len = ike_hash_len(hash), i, n = 0;
	uint8_t dst[IKE_HASH_MAX], src[IKE_HASH_MAX];
	bool dst_ok = false, src_ok = false;
	char l[KIPS_PREFIX_STRLEN + 8], r[KIPS_PREFIX_STRLEN + 8];

	if (sa->natt.variant == NATT_NONE)
		return 0;
	if (natt_natd_hash(hash, sa->icookie, sa->rcookie, local, dst) ||
	    natt_natd_hash(hash, sa->icookie, sa->rcookie, remote, src))
		return STEP_FAIL;
	for (i = 0; i < m->n; i++) {
		const struct isakmp_payload *p = &m->pl[i];

		if (p->type != ISAKMP_NP_NATD && p->type != ISAKMP_NP_NATD_DRAFT)
			continue;
		if (p->type != natd_type(sa)) {
			log_error("%s: malformed NAT-D: payload type %u, but %s was agreed",
				  ike_sa_name(sa), p->type,
				  sa->natt.variant == NATT_RFC ? "RFC 3947" : "a draft");
			return ISAKMP_N_INVALID_PAYLOAD_TYPE;
		}
		if (isakmp_body_len(p) != len) {
			log_error("%s: malformed NAT-D: %zu bytes, the negotiated hash has %zu",
				  ike_sa_name(sa), isakmp_body_len(p), len);
			return ISAKMP_N_PAYLOAD_MALFORMED;
		}
		/* The first is where the peer sent to; the others where it
		 * may have sent from.
		 */
		if (n++ == 0)
			dst_ok = !CRYPTO_memcmp(isakmp_body(p), dst, len);
		else if (!CRYPTO_memcmp(isakmp_body(p), src, len))
			src_ok = true;
	}
	/* RFC 3947 says they MUST come; a peer that sends none gets no
	 * NAT traversal rather than no SA.
	 */
	if (!n) {
		log_info("%s: no NAT-D payloads from the peer: no NAT detection",
			 ike_sa_name(sa));
		return 0;
	}
	if (n < 2) {
		log_error("%s: malformed NAT-D: %zu payloads where both ends need one",
			  ike_sa_name(sa), n);
		return ISAKMP_N_PAYLOAD_MALFORMED;
	}
	sa->natt.detected = true;
	sa->natt.nat_here = !dst_ok;
	sa->natt.nat_there = !src_ok;
	log_info("%s: NAT detection: %s (we are %s), %s (the peer is %s)%s",
		 ike_sa_name(sa), sa->natt.nat_here ? "NAT here" : "no NAT here",
		 ep_str(local, l, sizeof(l)),
		 sa->natt.nat_there ? "NAT there" : "no NAT there",
		 ep_str(remote, r, sizeof(r)),
		 natt_in_use(sa) ? ": UDP encapsulation" : "");
	return 0;
}

bool natt_in_use(const struct ike_sa *sa)
{
	return sa->natt.variant != NATT_NONE && sa->natt.detected &&
	       (sa->natt.nat_here || sa->natt.nat_there ||
		sa->conn->nat_traversal == CONF_NATT_FORCE);
}

void natt_float(struct ike_sa *sa)
{
	if (!natt_in_use(sa) || sa->natt.floated)
		return;
	sa->natt.floated = true;
	sa->local.port = IKE_NATT_PORT;
	sa->remote.port = IKE_NATT_PORT;
	log_info("%s: floating to port %u", ike_sa_name(sa), IKE_NATT_PORT);
}

/* The kernel's SAs follow the peer's new port: SA_SET on a complete SA
 * changes its encapsulation ports only.
 */
static void move_children(struct ike_sa *sa)
{
	struct engine *e = sa->e;
	struct child_sa *c;
	struct kips_sa k;
	int dir;

	for (c = sa->children; c; c = c->next) {
		if (c->choice.protocol != ISAKMP_PROTO_ESP)
			continue;
		for (dir = 0; dir < 2; dir++) {
			bool inbound = dir == 0;

			if (!(inbound ? c->in_installed : c->out_installed))
				continue;
			memset(&k, 0, sizeof(k));
			k.dst = inbound ? sa->local.addr : sa->remote.addr;
			k.spi = inbound ? c->spi_in : c->spi_out;
			k.proto = ip_proto_of(c->choice.protocol);
			KIPS_SET(&k, KIPS_SA_A_DST);
			KIPS_SET(&k, KIPS_SA_A_SPI);
			KIPS_SET(&k, KIPS_SA_A_PROTO);
			natt_sa_ports(sa, inbound, &k);
			if (e->ops.add_sa(e->ops.kernel_ctx, &k, true))
				log_warn("%s: the kernel kept the old ports of SA 0x%08x",
					 ike_sa_name(sa), k.spi);
		}
	}
}

void natt_follow(struct ike_sa *sa, const struct ike_endpoint *local,
		 const struct ike_endpoint *remote)
{
	char a[KIPS_PREFIX_STRLEN + 8], b[KIPS_PREFIX_STRLEN + 8];

	if (sa->natt.variant == NATT_NONE)
		return;
	if (local->port != sa->local.port &&
	    kips_addr_equal(&local->addr, &sa->local.addr)) {
		/* The initiator floated: we answer from where it sent to. */
		log_info("%s: the peer floated: now %s -> %s", ike_sa_name(sa),
			 ep_str(local, a, sizeof(a)), ep_str(remote, b, sizeof(b)));
		sa->local.port = local->port;
		sa->remote = *remote;
		sa->natt.floated = local->port == IKE_NATT_PORT;
		return;
	}
	if (remote->port == sa->remote.port ||
	    !kips_addr_equal(&remote->addr, &sa->remote.addr))
		return;
	log_info("%s: the peer moved from %s to %s", ike_sa_name(sa),
		 ep_str(&sa->remote, a, sizeof(a)), ep_str(remote, b, sizeof(b)));
	sa->remote.port = remote->port;
	if (natt_in_use(sa))
		move_children(sa);
}

/* --- quick mode --- */

uint16_t natt_encap_mode(uint8_t mode, bool udp, enum natt_variant variant)
{
	bool draft = variant == NATT_DRAFT;

	if (mode == KIPS_MODE_TRANSPORT)
		return !udp ? IPSEC_ENCAP_TRANSPORT :
		       draft ? IPSEC_ENCAP_UDP_TRANSPORT_DRAFT : IPSEC_ENCAP_UDP_TRANSPORT;
	return !udp ? IPSEC_ENCAP_TUNNEL :
	       draft ? IPSEC_ENCAP_UDP_TUNNEL_DRAFT : IPSEC_ENCAP_UDP_TUNNEL;
}

static uint16_t rfc_number(uint16_t encap)
{
	if (encap == IPSEC_ENCAP_UDP_TUNNEL_DRAFT)
		return IPSEC_ENCAP_UDP_TUNNEL;
	if (encap == IPSEC_ENCAP_UDP_TRANSPORT_DRAFT)
		return IPSEC_ENCAP_UDP_TRANSPORT;
	return encap;
}

bool natt_encap_fits(uint16_t got, uint16_t want)
{
	return !got || rfc_number(got) == rfc_number(want);
}

uint16_t natt_qm_encap(const struct ike_sa *sa)
{
	return natt_encap_mode(sa->conn->mode, natt_in_use(sa), sa->natt.variant);
}

static void put_oa(struct isakmp_builder *b, uint8_t type, const struct kips_addr *a)
{
	struct isakmp_natoa oa;

	memset(&oa, 0, sizeof(oa));
	oa.addr_len = kips_addr_len(a);
	oa.id_type = oa.addr_len == 16 ? IPSEC_ID_IPV6_ADDR : IPSEC_ID_IPV4_ADDR;
	memcpy(oa.addr, a->bytes, oa.addr_len);
	isakmp_natoa_put(b, type, &oa);
}

void natt_put_natoa(struct ike_sa *sa, struct isakmp_builder *b)
{
	uint8_t type = sa->natt.variant == NATT_DRAFT ? ISAKMP_NP_NATOA_DRAFT :
							ISAKMP_NP_NATOA;

	if (!natt_in_use(sa) || sa->conn->mode != KIPS_MODE_TRANSPORT)
		return;
	/* NAT-OAi, the initiator's address, then NAT-OAr, the responder's,
	 * each as the sender knows it.
	 */
	put_oa(b, type, sa->initiator ? &sa->local.addr : &sa->remote.addr);
	put_oa(b, type, sa->initiator ? &sa->remote.addr : &sa->local.addr);
}

void natt_take_natoa(struct ike_sa *sa, const struct isakmp_msg *m)
{
	struct isakmp_natoa oa;
	struct isakmp_err err;
	struct kips_addr a;
	char s[KIPS_PREFIX_STRLEN];
	size_t i, n = 0;

	for (i = 0; i < m->n; i++) {
		if (m->pl[i].type != ISAKMP_NP_NATOA &&
		    m->pl[i].type != ISAKMP_NP_NATOA_DRAFT)
			continue;
		/* The generic layer validated it already. */
		if (isakmp_natoa_parse(&m->pl[i], &oa, &err) ||
		    !kips_addr_from_raw(&a, oa.addr, oa.addr_len))
			continue;
		log_debug("%s: NAT-OA%s %s", ike_sa_name(sa), n++ ? "r" : "i",
			  kips_addr_str(&a, s, sizeof(s)));
	}
}

void natt_sa_ports(const struct ike_sa *sa, bool inbound, struct kips_sa *k)
{
	if (!natt_in_use(sa))
		return;
	/* As XFRM's encap: the UDP header of the packets of this SA. */
	k->encap_sport = inbound ? sa->remote.port : sa->local.port;
	k->encap_dport = inbound ? sa->local.port : sa->remote.port;
	KIPS_SET(k, KIPS_SA_A_ENCAP_SPORT);
	KIPS_SET(k, KIPS_SA_A_ENCAP_DPORT);
}

/* --- keepalives --- */

static bool keeps_alive(const struct ike_sa *sa)
{
	return sa->state == IKE_SA_ESTABLISHED && natt_in_use(sa) &&
	       sa->natt.nat_here && sa->conn->nat_keepalive;
}

void natt_tick(struct ike_sa *sa)
{
	static const uint8_t ka = NATT_KEEPALIVE_BYTE;
	struct engine *e = sa->e;
	int r;

	if (!keeps_alive(sa)) {
		sa->natt.keepalive_at = 0;
		return;
	}
	if (!sa->natt.keepalive_at) {
		sa->natt.keepalive_at = e->now + sa->conn->nat_keepalive * 1000ULL;
		return;
	}
	if (sa->natt.keepalive_at > e->now)
		return;
	r = e->ops.send(e->ops.ctx, &sa->local, &sa->remote, &ka, 1);
	if (r)
		log_warn("%s: sending a NAT keepalive failed (%d)", ike_sa_name(sa), r);
	else
		log_debug("%s: NAT keepalive sent", ike_sa_name(sa));
	sa->natt.keepalive_at = e->now + sa->conn->nat_keepalive * 1000ULL;
}

uint64_t natt_next_timer(const struct ike_sa *sa)
{
	return keeps_alive(sa) && sa->natt.keepalive_at ? sa->natt.keepalive_at :
							  UINT64_MAX;
}

/* --- port 4500 --- */

enum natt_rx natt_classify(const uint8_t *buf, size_t len)
{
	static const uint8_t marker[NATT_MARKER_LEN];

	if (len == 1 && buf[0] == NATT_KEEPALIVE_BYTE)
		return NATT_RX_KEEPALIVE;
	if (len > NATT_MARKER_LEN && !memcmp(buf, marker, NATT_MARKER_LEN))
		return NATT_RX_IKE;
	return NATT_RX_NOT_IKE;
}
