// SPDX-License-Identifier: GPL-2.0
/* Offers, choices and checks of SA payloads, phase 1 and quick mode. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "dh.h"
#include "isakmp.h"
#include "natt.h"
#include "negotiate.h"

static int refuse(char *why, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int refuse(char *why, size_t len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, len, fmt, ap);
	va_end(ap);
	return -1;
}

/* --- phase 1 --- */

void p1_offer(const struct conf_conn *c, uint16_t group, struct isakmp_sa *sa)
{
	uint8_t num = 1;
	size_t i, e, h, g;

	isakmp_sa_init(sa);
	isakmp_sa_add_proposal(sa, 1, ISAKMP_PROTO_ISAKMP, NULL, 0);
	for (i = 0; i < c->ike.n; i++) {
		const struct ike_proposal *p = &c->ike.p[i];

		for (e = 0; e < p->nencr; e++)
			for (h = 0; h < p->nhash; h++)
				for (g = 0; g < p->ngroup; g++) {
					if (group && p->group[g] != group)
						continue;
					isakmp_sa_add_transform(sa, num++,
								IKE_XFORM_KEY_IKE);
					isakmp_sa_add_attr(sa, IKE_ATTR_ENCR,
							   p->encr[e]->id);
					if (p->encr[e]->key_bits)
						isakmp_sa_add_attr(sa, IKE_ATTR_KEY_LENGTH,
								   p->encr[e]->key_bits);
					isakmp_sa_add_attr(sa, IKE_ATTR_HASH,
							   p->hash[h]->id);
					isakmp_sa_add_attr(sa, IKE_ATTR_AUTH,
							   p1_auth_method(c));
					isakmp_sa_add_attr(sa, IKE_ATTR_GROUP_DESC,
							   p->group[g]);
					isakmp_sa_add_attr(sa, IKE_ATTR_LIFE_TYPE,
							   IKE_LIFE_SECONDS);
					isakmp_sa_add_attr(sa, IKE_ATTR_LIFE_DURATION,
							   c->ike_lifetime);
				}
	}
}

/* A basic attribute's value; phase-1 and IPsec numbers of these kinds
 * never come as variable attributes.
 */
static int basic(const struct isakmp_attr *a, uint16_t *v, char *why,
		 size_t len)
{
	if (a->tlv)
		return refuse(why, len, "attribute %u must be basic", a->type);
	*v = a->basic;
	return 0;
}

/* Attributes other than life types and durations come once at most. */
static int once(uint32_t *seen, uint16_t type, char *why, size_t len)
{
	if (type < 32 && *seen & 1U << type)
		return refuse(why, len, "attribute %u given twice", type);
	if (type < 32)
		*seen |= 1U << type;
	return 0;
}

/* A life duration after its life type (RFC 2407 4.5, RFC 2409 appendix
 * A): @type is the pending LIFE_TYPE, zeroed once used.
 */
static int life(const struct isakmp_attr *a, uint16_t *type, uint32_t *secs,
		uint64_t *kbytes, char *why, size_t len)
{
	uint64_t v;

	if (!*type)
		return refuse(why, len, "a life duration without its life type");
	if (!isakmp_attr_number(a, &v))
		return refuse(why, len, "a life duration that is not a number");
	/* strongSwan sends 0 for an IKE SA it never renews (reauth_time = 0):
	 * no limit, which is longer than any we accept.
	 */
	if (!v)
		return refuse(why, len, "a life duration of 0 (no limit): give the "
			      "peer a lifetime");
	if (*type == IKE_LIFE_SECONDS)
		*secs = v > UINT32_MAX ? UINT32_MAX : v;
	else
		*kbytes = v;
	*type = 0;
	return 0;
}

static const char *p1_auth_str(uint16_t auth)
{
	switch (auth) {
	case IKE_AUTH_PSK:
		return "pre-shared key";
	case IKE_AUTH_RSA_SIG:
		return "RSA signature";
	case IKE_AUTH_XAUTH_INIT_PSK:
		return "pre-shared key and XAUTH";
	}
	return "an unknown method";
}

static int p1_read(const struct isakmp_sa *sa, const struct isakmp_transform *t,
		   struct p1_choice *out, char *why, size_t len)
{
	const struct isakmp_attr *a = isakmp_xform_attrs(sa, t);
	uint16_t encr = 0, bits = 0, hash = 0, life_type = 0, v = 0;
	uint32_t seen = 0;
	uint64_t kbytes = 0;
	size_t i;

	memset(out, 0, sizeof(*out));
	out->lifetime = IKE_DEFAULT_LIFETIME;
	out->xform_num = t->num;
	for (i = 0; i < t->nattrs; i++) {
		uint16_t type = a[i].type;

		if (type != IKE_ATTR_LIFE_TYPE && type != IKE_ATTR_LIFE_DURATION &&
		    once(&seen, type, why, len))
			return -1;
		switch (type) {
		case IKE_ATTR_ENCR:
		case IKE_ATTR_KEY_LENGTH:
		case IKE_ATTR_HASH:
		case IKE_ATTR_AUTH:
		case IKE_ATTR_GROUP_DESC:
			if (basic(&a[i], &v, why, len))
				return -1;
			if (type == IKE_ATTR_ENCR)
				encr = v;
			else if (type == IKE_ATTR_KEY_LENGTH)
				bits = v;
			else if (type == IKE_ATTR_HASH)
				hash = v;
			else if (type == IKE_ATTR_AUTH)
				out->auth = v;
			else
				out->group = v;
			break;
		case IKE_ATTR_LIFE_TYPE:
			if (basic(&a[i], &life_type, why, len))
				return -1;
			if (life_type != IKE_LIFE_SECONDS &&
			    life_type != IKE_LIFE_KILOBYTES)
				return refuse(why, len, "life type %u", life_type);
			break;
		case IKE_ATTR_LIFE_DURATION:
			if (life(&a[i], &life_type, &out->lifetime, &kbytes, why, len))
				return -1;
			break;
		default:
			/* PRF, custom groups, field sizes: nobody needs them. */
			return refuse(why, len, "attribute %u is not supported", type);
		}
	}
	out->encr = p1_encr_by_id(encr, bits);
	out->hash = p1_hash_by_id(hash);
	if (!out->encr)
		return refuse(why, len, "encryption %u with a %u-bit key is not supported",
			      encr, bits);
	if (!out->hash)
		return refuse(why, len, "hash %u is not supported", hash);
	if (!dh_group_get(out->group))
		return refuse(why, len, "DH group %u is not supported", out->group);
	if (out->auth != IKE_AUTH_PSK && out->auth != IKE_AUTH_RSA_SIG &&
	    out->auth != IKE_AUTH_XAUTH_INIT_PSK)
		return refuse(why, len, "authentication method %u is not supported",
			      out->auth);
	return 0;
}

/* Whether one of @c's phase-1 proposals has the cipher, hash and group
 * of @ch together, and its lifetime is not above ours.
 */
static int p1_acceptable(const struct conf_conn *c, const struct p1_choice *ch,
			 char *why, size_t len)
{
	size_t i, e, h, g;

	if (ch->lifetime > c->ike_lifetime)
		return refuse(why, len, "lifetime of %u s exceeds ours (%u s)",
			      ch->lifetime, c->ike_lifetime);
	if (ch->auth != p1_auth_method(c))
		return refuse(why, len, "authentication by %s, not by %s as we are "
			      "configured%s", p1_auth_str(ch->auth),
			      p1_auth_str(p1_auth_method(c)),
			      ch->auth == IKE_AUTH_XAUTH_INIT_PSK ?
			      " (ikev1d is not an XAUTH server yet)" : "");
	for (i = 0; i < c->ike.n; i++) {
		const struct ike_proposal *p = &c->ike.p[i];

		for (e = 0; e < p->nencr; e++) {
			if (p->encr[e]->id != ch->encr->id ||
			    p->encr[e]->key_bits != ch->encr->key_bits)
				continue;
			for (h = 0; h < p->nhash; h++) {
				if (p->hash[h]->id != ch->hash->id)
					continue;
				for (g = 0; g < p->ngroup; g++)
					if (p->group[g] == ch->group)
						return 0;
			}
		}
	}
	return refuse(why, len, "%s-%s-%s is not among our proposals",
		      ch->encr->name, ch->hash->name, group_name(ch->group));
}

/* The peer's proposal @p with only its transform @t, as the answer. */
static void answer(struct isakmp_sa *reply, const struct isakmp_sa *offer,
		   const struct isakmp_proposal *p,
		   const struct isakmp_transform *t, const uint8_t *spi,
		   uint8_t spi_size)
{
	const struct isakmp_attr *a = isakmp_xform_attrs(offer, t);
	size_t i;

	isakmp_sa_init(reply);
	isakmp_sa_add_proposal(reply, p->num, p->protocol, spi, spi_size);
	isakmp_sa_add_transform(reply, t->num, t->id);
	for (i = 0; i < t->nattrs; i++)
		isakmp_sa_copy_attr(reply, &a[i]);
}

int p1_choose(const struct conf_conn *c, const struct isakmp_sa *offer,
	      struct p1_choice *out, struct isakmp_sa *reply, char *why,
	      size_t len)
{
	const struct isakmp_proposal *p;
	size_t i;

	/* RFC 2409 5: phase 1 offers one proposal, with as many
	 * transforms as it likes.
	 */
	if (offer->nprops != 1 || offer->props[0].protocol != ISAKMP_PROTO_ISAKMP)
		return refuse(why, len, "a phase-1 SA has one ISAKMP proposal");
	p = &offer->props[0];
	refuse(why, len, "no transform offered");
	for (i = 0; i < p->nxforms; i++) {
		const struct isakmp_transform *t = isakmp_sa_xform(offer, p, i);

		if (p1_read(offer, t, out, why, len) ||
		    p1_acceptable(c, out, why, len))
			continue;
		answer(reply, offer, p, t, p->spi, p->spi_size);
		return 0;
	}
	return -1;
}

int p1_check_reply(const struct conf_conn *c, const struct isakmp_sa *reply,
		   struct p1_choice *out, char *why, size_t len)
{
	const struct isakmp_proposal *p = &reply->props[0];

	if (reply->nprops != 1 || p->protocol != ISAKMP_PROTO_ISAKMP ||
	    p->nxforms != 1)
		return refuse(why, len, "the answer is not one ISAKMP transform");
	if (p1_read(reply, isakmp_sa_xform(reply, p, 0), out, why, len) ||
	    p1_acceptable(c, out, why, len))
		return -1;
	return 0;
}

/* --- quick mode --- */

static void p2_transform(const struct conf_conn *c, uint16_t encap,
			 struct isakmp_sa *sa,
			 uint8_t num, uint8_t id, const struct esp_encr_alg *e,
			 const struct integ_alg *a, bool esn)
{
	isakmp_sa_add_transform(sa, num, id);
	isakmp_sa_add_attr(sa, IPSEC_ATTR_LIFE_TYPE, IKE_LIFE_SECONDS);
	isakmp_sa_add_attr(sa, IPSEC_ATTR_LIFE_DURATION, c->lifetime);
	if (c->lifebytes) {
		isakmp_sa_add_attr(sa, IPSEC_ATTR_LIFE_TYPE, IKE_LIFE_KILOBYTES);
		isakmp_sa_add_attr(sa, IPSEC_ATTR_LIFE_DURATION,
				   (c->lifebytes + 1023) / 1024);
	}
	isakmp_sa_add_attr(sa, IPSEC_ATTR_ENCAP_MODE, encap);
	if (a)
		isakmp_sa_add_attr(sa, IPSEC_ATTR_AUTH_ALG, a->auth);
	if (e && e->key_bits)
		isakmp_sa_add_attr(sa, IPSEC_ATTR_KEY_LENGTH, e->key_bits);
	if (c->pfs_group)
		isakmp_sa_add_attr(sa, IPSEC_ATTR_GROUP_DESC, c->pfs_group);
	if (esn)
		isakmp_sa_add_attr(sa, IPSEC_ATTR_ESN, 1);
}

void p2_offer(const struct conf_conn *c, uint16_t encap, const uint8_t spi[4],
	      struct isakmp_sa *sa)
{
	size_t i, e, a, s;

	isakmp_sa_init(sa);
	for (i = 0; i < c->ipsec.n; i++) {
		const struct ipsec_proposal *p = &c->ipsec.p[i];
		/* Both ESN choices when both are allowed, ESN first. */
		bool esns[2] = { p->esn & PROP_ESN_YES, false };
		size_t nesn = p->esn == (PROP_ESN_YES | PROP_ESN_NO) ? 2 : 1;
		size_t nencr = p->protocol == ISAKMP_PROTO_AH ? 1 : p->nencr;
		uint8_t num = 1;

		isakmp_sa_add_proposal(sa, i + 1, p->protocol, spi, 4);
		for (e = 0; e < nencr; e++) {
			const struct esp_encr_alg *enc =
				p->protocol == ISAKMP_PROTO_AH ? NULL : p->encr[e];
			size_t ninteg = enc && enc->aead ? 1 : p->ninteg;

			for (a = 0; a < ninteg; a++) {
				const struct integ_alg *integ =
					enc && enc->aead ? NULL : p->integ[a];

				for (s = 0; s < nesn; s++)
					p2_transform(c, encap, sa, num++,
						     enc ? enc->id : integ->ah_id,
						     enc, integ, esns[s]);
			}
		}
	}
}

static int p2_read(uint8_t protocol, const struct isakmp_sa *sa,
		   const struct isakmp_transform *t, struct p2_choice *out,
		   char *why, size_t len)
{
	const struct isakmp_attr *a = isakmp_xform_attrs(sa, t);
	uint16_t auth = 0, bits = 0, life_type = 0, v = 0;
	uint32_t seen = 0;
	size_t i;

	memset(out, 0, sizeof(*out));
	out->protocol = protocol;
	out->xform_num = t->num;
	out->lifetime = IKE_DEFAULT_LIFETIME;
	for (i = 0; i < t->nattrs; i++) {
		uint16_t type = a[i].type;

		if (type != IPSEC_ATTR_LIFE_TYPE && type != IPSEC_ATTR_LIFE_DURATION &&
		    once(&seen, type, why, len))
			return -1;
		switch (type) {
		case IPSEC_ATTR_LIFE_TYPE:
			if (basic(&a[i], &life_type, why, len))
				return -1;
			if (life_type != IKE_LIFE_SECONDS &&
			    life_type != IKE_LIFE_KILOBYTES)
				return refuse(why, len, "life type %u", life_type);
			break;
		case IPSEC_ATTR_LIFE_DURATION:
			if (life(&a[i], &life_type, &out->lifetime,
				 &out->lifekbytes, why, len))
				return -1;
			break;
		case IPSEC_ATTR_GROUP_DESC:
			if (basic(&a[i], &out->group, why, len))
				return -1;
			break;
		case IPSEC_ATTR_ENCAP_MODE:
			if (basic(&a[i], &out->encap, why, len))
				return -1;
			break;
		case IPSEC_ATTR_AUTH_ALG:
			if (basic(&a[i], &auth, why, len))
				return -1;
			break;
		case IPSEC_ATTR_KEY_LENGTH:
			if (basic(&a[i], &bits, why, len))
				return -1;
			break;
		case IPSEC_ATTR_ESN:
			if (basic(&a[i], &v, why, len))
				return -1;
			if (v != 1)
				return refuse(why, len, "ESN value %u", v);
			out->esn = true;
			break;
		default:
			return refuse(why, len, "attribute %u is not supported", type);
		}
	}
	if (protocol == ISAKMP_PROTO_AH) {
		/* RFC 2407 4.5: AH names its algorithm twice; they must agree. */
		out->integ = integ_by_ah_id(t->id);
		if (!out->integ || auth != out->integ->auth)
			return refuse(why, len, "AH transform %u with authentication %u",
				      t->id, auth);
		return 0;
	}
	out->encr = esp_encr_by_id(t->id, bits);
	if (!out->encr)
		return refuse(why, len, "ESP transform %u with a %u-bit key is not supported",
			      t->id, bits);
	out->integ = auth ? integ_by_esp_auth(auth) : NULL;
	if (auth && !out->integ)
		return refuse(why, len, "authentication algorithm %u is not supported",
			      auth);
	if (out->encr->aead && out->integ)
		return refuse(why, len, "%s with an integrity algorithm",
			      out->encr->name);
	if (!out->encr->aead && !out->integ)
		return refuse(why, len, "%s without an integrity algorithm",
			      out->encr->name);
	return 0;
}

/* Whether @ch is one of the suites @c offers, in its mode and with its
 * PFS group.
 */
static int p2_acceptable(const struct conf_conn *c, uint16_t encap,
			 const struct p2_choice *ch, char *why, size_t len)
{
	size_t i, e, a;

	if (ch->protocol != c->ipsec_protocol)
		return refuse(why, len, "protocol %u is not ours", ch->protocol);
	/* Unspecified is host dependent (RFC 2407 4.5): ours then.  UDP
	 * encapsulation in RFC 3947's numbers or its drafts' alike.
	 */
	if (!natt_encap_fits(ch->encap, encap))
		return refuse(why, len, "encapsulation mode %u, we want %u",
			      ch->encap, encap);
	if (ch->group != c->pfs_group)
		return refuse(why, len, "PFS group %u, we want %u", ch->group,
			      c->pfs_group);
	for (i = 0; i < c->ipsec.n; i++) {
		const struct ipsec_proposal *p = &c->ipsec.p[i];
		unsigned int esn = p->esn ? p->esn : PROP_ESN_NO;
		bool encr_ok = ch->protocol == ISAKMP_PROTO_AH, integ_ok = !ch->integ;

		if (!(esn & (ch->esn ? PROP_ESN_YES : PROP_ESN_NO)))
			continue;
		for (e = 0; e < p->nencr; e++)
			if (p->encr[e]->id == ch->encr->id &&
			    p->encr[e]->key_bits == ch->encr->key_bits)
				encr_ok = true;
		for (a = 0; ch->integ && a < p->ninteg; a++)
			if (p->integ[a]->auth == ch->integ->auth)
				integ_ok = true;
		if (encr_ok && integ_ok)
			return 0;
	}
	return refuse(why, len, "%s%s%s%s is not among our proposals",
		      ch->encr ? ch->encr->name : "",
		      ch->encr && ch->integ ? "-" : "",
		      ch->integ ? ch->integ->name : "", ch->esn ? "-esn" : "");
}

/* Our lifetimes cap the peer's. */
static void cap_lifetimes(const struct conf_conn *c, struct p2_choice *ch)
{
	uint64_t kb = (c->lifebytes + 1023) / 1024;

	if (ch->lifetime > c->lifetime) {
		ch->lifetime = c->lifetime;
		ch->lowered = true;
	}
	if (kb && (!ch->lifekbytes || ch->lifekbytes > kb)) {
		ch->lifekbytes = kb;
		ch->lowered = true;
	}
}

int p2_choose(const struct conf_conn *c, uint16_t encap,
	      const struct isakmp_sa *offer,
	      const uint8_t spi[4], struct p2_choice *out,
	      struct isakmp_sa *reply, char *why, size_t len)
{
	size_t i, j;

	refuse(why, len, "no proposal offered");
	for (i = 0; i < offer->nprops; i++) {
		const struct isakmp_proposal *p = &offer->props[i];

		/* Proposals of one number are one suite (RFC 2408 4.2). */
		if ((i > 0 && offer->props[i - 1].num == p->num) ||
		    (i + 1 < offer->nprops && offer->props[i + 1].num == p->num)) {
			refuse(why, len, "proposal %u is a bundle, which is not supported",
			       p->num);
			continue;
		}
		if (p->protocol != ISAKMP_PROTO_ESP && p->protocol != ISAKMP_PROTO_AH) {
			refuse(why, len, "proposal %u is for protocol %u", p->num,
			       p->protocol);
			continue;
		}
		for (j = 0; j < p->nxforms; j++) {
			const struct isakmp_transform *t = isakmp_sa_xform(offer, p, j);

			if (p2_read(p->protocol, offer, t, out, why, len) ||
			    p2_acceptable(c, encap, out, why, len))
				continue;
			out->prop_num = p->num;
			memcpy(out->peer_spi, p->spi, 4);
			cap_lifetimes(c, out);
			answer(reply, offer, p, t, spi, 4);
			return 0;
		}
	}
	return -1;
}

int p2_check_reply(const struct conf_conn *c, uint16_t encap,
		   const struct isakmp_sa *reply, struct p2_choice *out,
		   char *why, size_t len)
{
	const struct isakmp_proposal *p = &reply->props[0];

	if (reply->nprops != 1 || p->nxforms != 1 || p->spi_size != 4)
		return refuse(why, len, "the answer is not one transform with an SPI");
	if (p2_read(p->protocol, reply, isakmp_sa_xform(reply, p, 0), out, why,
		    len) || p2_acceptable(c, encap, out, why, len))
		return -1;
	if (out->lifetime > c->lifetime)
		return refuse(why, len, "the answer raises the lifetime to %u s",
			      out->lifetime);
	out->prop_num = p->num;
	memcpy(out->peer_spi, p->spi, 4);
	return 0;
}

size_t p2_keymat_len(const struct p2_choice *ch)
{
	return (ch->encr ? ch->encr->key_len : 0) +
	       (ch->integ ? ch->integ->key_len : 0);
}
