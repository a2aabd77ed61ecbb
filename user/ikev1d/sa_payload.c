// SPDX-License-Identifier: GPL-2.0
/* SA, proposal and transform payloads (RFC 2408 3.4-3.6 and 5.4-5.6). */
#include <string.h>

#include "builder.h"
#include "isakmp.h"
#include "message.h"
#include "names.h"
#include "sa_payload.h"
#include "wire.h"

#define GEN_LEN sizeof(struct isakmp_gen)

/* A nested payload header (proposal or transform) read at @off of the SA;
 * checks that it fits in @end and that its chain link is @type or NONE.
 */
static int nested_header(const uint8_t *buf, size_t off, size_t end,
			 uint8_t type, size_t fixed, size_t *plen,
			 uint8_t *np, struct isakmp_err *err)
{
	const struct isakmp_gen *gen = (const struct isakmp_gen *)(buf + off);

	if (end - off < fixed)
		return isakmp_fail(err, ISAKMP_E_TRUNCATED, type, off,
				   "needs %zu bytes, %zu left in its parent",
				   fixed, end - off);
	*plen = get_be16(gen->length);
	*np = gen->next_payload;
	if (gen->reserved)
		return isakmp_fail(err, ISAKMP_E_RESERVED, type, off + 1,
				   "reserved byte is 0x%02x", gen->reserved);
	if (*np != type && *np != ISAKMP_NP_NONE)
		return isakmp_fail(err, ISAKMP_E_PROPOSAL_SYNTAX, type, off,
				   "next payload %s inside an SA (only %s or NONE)",
				   isakmp_payload_str(*np), isakmp_payload_str(type));
	if (*plen < fixed)
		return isakmp_fail(err, ISAKMP_E_PAYLOAD_SHORT, type, off,
				   "length %zu is shorter than its fixed part (%zu)",
				   *plen, fixed);
	if (*plen > end - off)
		return isakmp_fail(err, ISAKMP_E_PAYLOAD_OVERRUN, type, off,
				   "length %zu runs past its parent (end %zu)",
				   *plen, end);
	return 0;
}

static bool spi_size_ok(uint8_t protocol, uint8_t size)
{
	switch (protocol) {
	case ISAKMP_PROTO_ISAKMP:
		/* RFC 2409 leaves it empty; some peers send both cookies. */
		return size == 0 || size == 2 * ISAKMP_COOKIE_LEN;
	case ISAKMP_PROTO_AH:
	case ISAKMP_PROTO_ESP:
		return size == 4;
	case ISAKMP_PROTO_IPCOMP:
		/* A 2-byte CPI, or 4 bytes with the CPI in the low half. */
		return size == 2 || size == 4;
	}
	return false;
}

static int parse_transform(const uint8_t *buf, size_t off, size_t plen,
			   const struct isakmp_proposal *prop,
			   struct isakmp_sa *sa, struct isakmp_err *err)
{
	const struct isakmp_xform_pl *x = (const struct isakmp_xform_pl *)(buf + off);
	struct isakmp_transform *t;
	size_t n;

	if (x->reserved2[0] || x->reserved2[1])
		return isakmp_fail(err, ISAKMP_E_RESERVED, ISAKMP_NP_T,
				   off + offsetof(struct isakmp_xform_pl, reserved2),
				   "reserved field is 0x%04x", get_be16(x->reserved2));
	/* RFC 2407 4.4.2: KEY_IKE is the only phase-1 transform; 0 is
	 * reserved in every protocol.
	 */
	if (prop->protocol == ISAKMP_PROTO_ISAKMP ? x->id != IKE_XFORM_KEY_IKE
						  : x->id == 0)
		return isakmp_fail(err, ISAKMP_E_TRANSFORM_ID, ISAKMP_NP_T,
				   off + offsetof(struct isakmp_xform_pl, id),
				   "transform ID %u is not valid for %s", x->id,
				   isakmp_protocol_str(prop->protocol));
	if (sa->nxforms == ISAKMP_MAX_TRANSFORMS)
		return isakmp_fail(err, ISAKMP_E_TOO_MANY, ISAKMP_NP_T, off,
				   "more than %d transforms in an SA",
				   ISAKMP_MAX_TRANSFORMS);
	t = &sa->xforms[sa->nxforms++];
	t->num = x->num;
	t->id = x->id;
	t->first_attr = sa->nattrs;
	if (isakmp_attrs_parse(buf + off + sizeof(*x), plen - sizeof(*x),
			       ISAKMP_NP_T, off + sizeof(*x),
			       sa->attrs + sa->nattrs,
			       ISAKMP_MAX_ATTRS - sa->nattrs, &n, err))
		return -1;
	t->nattrs = n;
	sa->nattrs += n;
	return 0;
}

static int parse_proposal(const uint8_t *buf, size_t off, size_t plen,
			  struct isakmp_sa *sa, struct isakmp_err *err)
{
	const struct isakmp_prop_pl *pp = (const struct isakmp_prop_pl *)(buf + off);
	size_t end = off + plen, xoff;
	struct isakmp_proposal *prop;
	uint8_t np = ISAKMP_NP_T;

	if (pp->protocol < ISAKMP_PROTO_ISAKMP || pp->protocol > ISAKMP_PROTO_IPCOMP)
		return isakmp_fail(err, ISAKMP_E_PROTOCOL_ID, ISAKMP_NP_P,
				   off + offsetof(struct isakmp_prop_pl, protocol),
				   "protocol %u is not defined in the IPsec DOI",
				   pp->protocol);
	if (!spi_size_ok(pp->protocol, pp->spi_size))
		return isakmp_fail(err, ISAKMP_E_SPI, ISAKMP_NP_P,
				   off + offsetof(struct isakmp_prop_pl, spi_size),
				   "SPI size %u is not valid for %s", pp->spi_size,
				   isakmp_protocol_str(pp->protocol));
	if (plen < sizeof(*pp) + pp->spi_size)
		return isakmp_fail(err, ISAKMP_E_PAYLOAD_SHORT, ISAKMP_NP_P, off,
				   "length %zu leaves no room for its %u-byte SPI",
				   plen, pp->spi_size);
	/* RFC 4303 2.1: SPIs 1..255 are reserved, 0 means none. */
	if ((pp->protocol == ISAKMP_PROTO_ESP || pp->protocol == ISAKMP_PROTO_AH) &&
	    get_be32(buf + off + sizeof(*pp)) < 256)
		return isakmp_fail(err, ISAKMP_E_SPI, ISAKMP_NP_P,
				   off + sizeof(*pp), "SPI %u is reserved",
				   get_be32(buf + off + sizeof(*pp)));
	if (sa->nprops && pp->num < sa->props[sa->nprops - 1].num)
		return isakmp_fail(err, ISAKMP_E_PROPOSAL_SYNTAX, ISAKMP_NP_P,
				   off + offsetof(struct isakmp_prop_pl, num),
				   "proposal %u follows proposal %u (must not decrease)",
				   pp->num, sa->props[sa->nprops - 1].num);
	if (pp->num_transforms == 0)
		return isakmp_fail(err, ISAKMP_E_PROPOSAL_SYNTAX, ISAKMP_NP_P,
				   off + offsetof(struct isakmp_prop_pl, num_transforms),
				   "proposal %u has no transform", pp->num);
	if (sa->nprops == ISAKMP_MAX_PROPOSALS)
		return isakmp_fail(err, ISAKMP_E_TOO_MANY, ISAKMP_NP_P, off,
				   "more than %d proposals", ISAKMP_MAX_PROPOSALS);
	prop = &sa->props[sa->nprops++];
	prop->num = pp->num;
	prop->protocol = pp->protocol;
	prop->spi_size = pp->spi_size;
	memset(prop->spi, 0, sizeof(prop->spi));
	memcpy(prop->spi, buf + off + sizeof(*pp), pp->spi_size);
	prop->first_xform = sa->nxforms;
	prop->nxforms = 0;

	xoff = off + sizeof(*pp) + pp->spi_size;
	while (np != ISAKMP_NP_NONE) {
		size_t xlen;

		if (nested_header(buf, xoff, end, ISAKMP_NP_T,
				  sizeof(struct isakmp_xform_pl), &xlen, &np, err))
			return -1;
		if (parse_transform(buf, xoff, xlen, prop, sa, err))
			return -1;
		prop->nxforms++;
		xoff += xlen;
	}
	if (xoff != end)
		return isakmp_fail(err, ISAKMP_E_PROPOSAL_SYNTAX, ISAKMP_NP_P, xoff,
				   "%zu bytes after the last transform of proposal %u",
				   end - xoff, pp->num);
	if (prop->nxforms != pp->num_transforms)
		return isakmp_fail(err, ISAKMP_E_PROPOSAL_SYNTAX, ISAKMP_NP_P,
				   off + offsetof(struct isakmp_prop_pl, num_transforms),
				   "proposal %u announces %u transforms but has %zu",
				   pp->num, pp->num_transforms, prop->nxforms);
	return 0;
}

int isakmp_sa_parse(const struct isakmp_payload *p, struct isakmp_sa *sa,
		    struct isakmp_err *err)
{
	/* Offsets below are in the message, so errors point at the byte. */
	const uint8_t *buf = p->data - p->offset;
	const struct isakmp_sa_pl *s = (const struct isakmp_sa_pl *)p->data;
	size_t end = p->offset + p->len;
	size_t off = p->offset + sizeof(*s);
	uint8_t np = ISAKMP_NP_P;

	isakmp_sa_init(sa);
	sa->doi = get_be32(s->doi);
	sa->situation = get_be32(s->situation);
	if (sa->doi != ISAKMP_DOI_IPSEC)
		return isakmp_fail(err, ISAKMP_E_DOI, ISAKMP_NP_SA,
				   p->offset + offsetof(struct isakmp_sa_pl, doi),
				   "DOI %u is not supported", sa->doi);
	/* Secrecy and integrity situations add labeled-domain fields that
	 * nobody deploys; identity-only is all IKE peers send.
	 */
	if (sa->situation != IPSEC_SIT_IDENTITY_ONLY)
		return isakmp_fail(err, ISAKMP_E_SITUATION, ISAKMP_NP_SA,
				   p->offset + offsetof(struct isakmp_sa_pl, situation),
				   "situation 0x%08x is not supported (only identity-only)",
				   sa->situation);
	if (off == end)
		return isakmp_fail(err, ISAKMP_E_PROPOSAL_SYNTAX, ISAKMP_NP_SA, off,
				   "the SA carries no proposal");
	while (np != ISAKMP_NP_NONE) {
		size_t plen;

		if (nested_header(buf, off, end, ISAKMP_NP_P,
				  sizeof(struct isakmp_prop_pl), &plen, &np, err))
			return -1;
		if (parse_proposal(buf, off, plen, sa, err))
			return -1;
		off += plen;
	}
	if (off != end)
		return isakmp_fail(err, ISAKMP_E_PROPOSAL_SYNTAX, ISAKMP_NP_SA, off,
				   "%zu bytes after the last proposal", end - off);
	return 0;
}

void isakmp_sa_put(struct isakmp_builder *b, const struct isakmp_sa *sa)
{
	size_t sa_off = builder_open(b, ISAKMP_NP_SA);
	size_t i, j;

	if (sa->full)
		b->failed = true;
	builder_put_be32(b, sa->doi);
	builder_put_be32(b, sa->situation);
	for (i = 0; i < sa->nprops; i++) {
		const struct isakmp_proposal *p = &sa->props[i];
		size_t p_off = builder_open_nested(b, i + 1 < sa->nprops ?
						   ISAKMP_NP_P : ISAKMP_NP_NONE);

		builder_put_u8(b, p->num);
		builder_put_u8(b, p->protocol);
		builder_put_u8(b, p->spi_size);
		builder_put_u8(b, p->nxforms);
		builder_put(b, p->spi, p->spi_size);
		for (j = 0; j < p->nxforms; j++) {
			const struct isakmp_transform *t = isakmp_sa_xform(sa, p, j);
			size_t t_off = builder_open_nested(b, j + 1 < p->nxforms ?
							   ISAKMP_NP_T : ISAKMP_NP_NONE);

			builder_put_u8(b, t->num);
			builder_put_u8(b, t->id);
			builder_put_be16(b, 0);
			isakmp_attrs_put(b, isakmp_xform_attrs(sa, t), t->nattrs);
			builder_close(b, t_off);
		}
		builder_close(b, p_off);
	}
	builder_close(b, sa_off);
}

void isakmp_sa_init(struct isakmp_sa *sa)
{
	sa->doi = ISAKMP_DOI_IPSEC;
	sa->situation = IPSEC_SIT_IDENTITY_ONLY;
	sa->nprops = sa->nxforms = sa->nattrs = 0;
	sa->pool_len = 0;
	sa->full = false;
}

void isakmp_sa_add_proposal(struct isakmp_sa *sa, uint8_t num,
			    uint8_t protocol, const uint8_t *spi,
			    uint8_t spi_size)
{
	struct isakmp_proposal *p;

	if (sa->nprops == ISAKMP_MAX_PROPOSALS || spi_size > ISAKMP_MAX_SPI) {
		sa->full = true;
		return;
	}
	p = &sa->props[sa->nprops++];
	p->num = num;
	p->protocol = protocol;
	p->spi_size = spi_size;
	memset(p->spi, 0, sizeof(p->spi));
	if (spi_size)
		memcpy(p->spi, spi, spi_size);
	p->first_xform = sa->nxforms;
	p->nxforms = 0;
}

void isakmp_sa_add_transform(struct isakmp_sa *sa, uint8_t num, uint8_t id)
{
	struct isakmp_transform *t;

	if (!sa->nprops || sa->nxforms == ISAKMP_MAX_TRANSFORMS) {
		sa->full = true;
		return;
	}
	t = &sa->xforms[sa->nxforms++];
	t->num = num;
	t->id = id;
	t->first_attr = sa->nattrs;
	t->nattrs = 0;
	sa->props[sa->nprops - 1].nxforms++;
}

static struct isakmp_attr *new_attr(struct isakmp_sa *sa, uint16_t type)
{
	struct isakmp_attr *a;

	if (!sa->nxforms || sa->nattrs == ISAKMP_MAX_ATTRS) {
		sa->full = true;
		return NULL;
	}
	a = &sa->attrs[sa->nattrs++];
	a->type = type & ISAKMP_ATTR_TYPE_MASK;
	sa->xforms[sa->nxforms - 1].nattrs++;
	return a;
}

void isakmp_sa_add_attr_bytes(struct isakmp_sa *sa, uint16_t type,
			      const uint8_t *val, uint16_t len)
{
	struct isakmp_attr *a;

	if (len > ISAKMP_SA_POOL - sa->pool_len) {
		sa->full = true;
		return;
	}
	a = new_attr(sa, type);
	if (!a)
		return;
	a->tlv = true;
	a->basic = 0;
	a->len = len;
	a->val = sa->pool + sa->pool_len;
	memcpy(sa->pool + sa->pool_len, val, len);
	sa->pool_len += len;
}

void isakmp_sa_add_attr(struct isakmp_sa *sa, uint16_t type, uint64_t value)
{
	struct isakmp_attr *a;
	uint8_t v[8];

	if (value <= 0xffff) {
		a = new_attr(sa, type);
		if (!a)
			return;
		a->tlv = false;
		a->basic = value;
		a->len = 0;
		a->val = NULL;
		return;
	}
	if (value <= 0xffffffff) {
		put_be32(v, value);
		isakmp_sa_add_attr_bytes(sa, type, v, 4);
	} else {
		put_be32(v, value >> 32);
		put_be32(v + 4, value & 0xffffffff);
		isakmp_sa_add_attr_bytes(sa, type, v, 8);
	}
}

void isakmp_sa_copy_attr(struct isakmp_sa *sa, const struct isakmp_attr *a)
{
	struct isakmp_attr *n;

	if (a->tlv) {
		isakmp_sa_add_attr_bytes(sa, a->type, a->val, a->len);
		return;
	}
	n = new_attr(sa, a->type);
	if (n) {
		n->tlv = false;
		n->basic = a->basic;
		n->len = 0;
		n->val = NULL;
	}
}
