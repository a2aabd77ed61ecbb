// SPDX-License-Identifier: GPL-2.0
/*
 * Decoders and encoders of the payloads other than SA (RFC 2408 3.7-3.15
 * and 5.7-5.15, RFC 2407 4.6, RFC 3947, mode-config draft).  Each decoder
 * gets a payload whose length the generic layer checked against its fixed
 * part and the message; it checks the rest.
 */
#include <string.h>

#include "builder.h"
#include "isakmp.h"
#include "names.h"
#include "payload.h"
#include "wire.h"

#define FIELD(type, field) offsetof(type, field)

static void blob_of(const struct isakmp_payload *p, size_t fixed,
		    const uint8_t **ptr, size_t *len)
{
	*ptr = p->data + fixed;
	*len = p->len - fixed;
}

int isakmp_ke_parse(const struct isakmp_payload *p, size_t expect,
		    struct isakmp_blob *out, struct isakmp_err *err)
{
	blob_of(p, sizeof(struct isakmp_ke_pl), &out->ptr, &out->len);
	if (!out->len)
		return isakmp_fail(err, ISAKMP_E_KEY_INFO, p->type, p->offset,
				   "no key exchange data");
	if (expect && out->len != expect)
		return isakmp_fail(err, ISAKMP_E_KEY_INFO, p->type, p->offset,
				   "public value of %zu bytes, the group needs %zu",
				   out->len, expect);
	return 0;
}

int isakmp_hash_parse(const struct isakmp_payload *p, size_t expect,
		      struct isakmp_blob *out, struct isakmp_err *err)
{
	blob_of(p, sizeof(struct isakmp_data_pl), &out->ptr, &out->len);
	if (!out->len)
		return isakmp_fail(err, ISAKMP_E_HASH_INFO, p->type, p->offset,
				   "no hash data");
	if (expect && out->len != expect)
		return isakmp_fail(err, ISAKMP_E_HASH_INFO, p->type, p->offset,
				   "hash of %zu bytes, the PRF gives %zu",
				   out->len, expect);
	return 0;
}

int isakmp_sig_parse(const struct isakmp_payload *p, struct isakmp_blob *out,
		     struct isakmp_err *err)
{
	blob_of(p, sizeof(struct isakmp_data_pl), &out->ptr, &out->len);
	if (!out->len)
		return isakmp_fail(err, ISAKMP_E_SIGNATURE, p->type, p->offset,
				   "no signature data");
	return 0;
}

int isakmp_nonce_parse(const struct isakmp_payload *p, struct isakmp_blob *out,
		       struct isakmp_err *err)
{
	blob_of(p, sizeof(struct isakmp_data_pl), &out->ptr, &out->len);
	if (out->len < ISAKMP_NONCE_MIN || out->len > ISAKMP_NONCE_MAX)
		return isakmp_fail(err, ISAKMP_E_NONCE, p->type, p->offset,
				   "nonce of %zu bytes (must be %d to %d)",
				   out->len, ISAKMP_NONCE_MIN, ISAKMP_NONCE_MAX);
	return 0;
}

int isakmp_data_parse(const struct isakmp_payload *p, struct isakmp_blob *out,
		      struct isakmp_err *err)
{
	blob_of(p, sizeof(struct isakmp_data_pl), &out->ptr, &out->len);
	if (!out->len)
		return isakmp_fail(err, ISAKMP_E_EMPTY, p->type, p->offset,
				   "no data");
	return 0;
}

/* A netmask of @len bytes whose ones are contiguous from the top. */
static bool mask_contiguous(const uint8_t *m, size_t len)
{
	bool zeros = false;
	size_t i;
	int bit;

	for (i = 0; i < len; i++)
		for (bit = 7; bit >= 0; bit--) {
			bool one = m[i] >> bit & 1;

			if (one && zeros)
				return false;
			if (!one)
				zeros = true;
		}
	return true;
}

const char *isakmp_id_check(uint8_t type, const uint8_t *data, size_t len)
{
	switch (type) {
	case IPSEC_ID_IPV4_ADDR:
		return len == 4 ? NULL : "an IPv4 address is 4 bytes";
	case IPSEC_ID_IPV6_ADDR:
		return len == 16 ? NULL : "an IPv6 address is 16 bytes";
	case IPSEC_ID_IPV4_ADDR_SUBNET:
	case IPSEC_ID_IPV6_ADDR_SUBNET: {
		size_t a = type == IPSEC_ID_IPV4_ADDR_SUBNET ? 4 : 16;

		if (len != 2 * a)
			return "a subnet is an address and a mask";
		if (!mask_contiguous(data + a, a))
			return "the subnet mask is not contiguous";
		return NULL;
	}
	case IPSEC_ID_IPV4_ADDR_RANGE:
	case IPSEC_ID_IPV6_ADDR_RANGE: {
		size_t a = type == IPSEC_ID_IPV4_ADDR_RANGE ? 4 : 16;

		if (len != 2 * a)
			return "a range is a start and an end address";
		if (memcmp(data, data + a, a) > 0)
			return "the range ends before it starts";
		return NULL;
	}
	case IPSEC_ID_FQDN:
	case IPSEC_ID_USER_FQDN:
		if (!len)
			return "the name is empty";
		if (memchr(data, 0, len))
			return "the name contains a NUL byte";
		return NULL;
	case IPSEC_ID_DER_ASN1_DN:
	case IPSEC_ID_DER_ASN1_GN:
	case IPSEC_ID_KEY_ID:
		return len ? NULL : "the identity is empty";
	}
	return "the ID type is not defined";
}

int isakmp_id_parse(const struct isakmp_payload *p, struct isakmp_id *out,
		    struct isakmp_err *err)
{
	const struct isakmp_id_pl *id = (const struct isakmp_id_pl *)p->data;
	const char *why;

	out->type = id->id_type;
	out->protocol = id->protocol;
	out->port = get_be16(id->port);
	blob_of(p, sizeof(*id), &out->data, &out->len);
	why = isakmp_id_check(out->type, out->data, out->len);
	if (why)
		return isakmp_fail(err, ISAKMP_E_ID_INFO, p->type, p->offset,
				   "ID type %u with %zu bytes: %s", out->type,
				   out->len, why);
	return 0;
}

/* CERT and CR: a one-byte encoding (or type) from RFC 2408 3.9, then data. */
static int cert_parse(const struct isakmp_payload *p, enum isakmp_reason reason,
		      const char *what, struct isakmp_cert *out,
		      struct isakmp_err *err)
{
	_Static_assert(offsetof(struct isakmp_cert_pl, encoding) ==
		       offsetof(struct isakmp_cr_pl, cert_type),
		       "CERT and CR share their layout");
	const struct isakmp_cert_pl *c = (const struct isakmp_cert_pl *)p->data;

	out->encoding = c->encoding;
	blob_of(p, sizeof(*c), &out->data, &out->len);
	if (out->encoding > ISAKMP_CERT_MAX)
		return isakmp_fail(err, reason, p->type,
				   p->offset + FIELD(struct isakmp_cert_pl, encoding),
				   "certificate %s %u is reserved", what,
				   out->encoding);
	/* A CR may leave the authority out; a certificate is never empty. */
	if (p->type == ISAKMP_NP_CERT && !out->len)
		return isakmp_fail(err, reason, p->type, p->offset,
				   "an empty certificate (encoding %u)",
				   out->encoding);
	return 0;
}

int isakmp_cert_parse(const struct isakmp_payload *p, struct isakmp_cert *out,
		      struct isakmp_err *err)
{
	return cert_parse(p, ISAKMP_E_CERT_ENCODING, "encoding", out, err);
}

int isakmp_cr_parse(const struct isakmp_payload *p, struct isakmp_cert *out,
		    struct isakmp_err *err)
{
	return cert_parse(p, ISAKMP_E_CERT_TYPE, "type", out, err);
}

/* N and D share the checks of their DOI, protocol and SPI size. */
static int check_doi_proto(const struct isakmp_payload *p, uint32_t doi,
			   uint8_t proto, bool proto_none_ok, size_t doi_off,
			   size_t proto_off, struct isakmp_err *err)
{
	if (doi != ISAKMP_DOI_ISAKMP && doi != ISAKMP_DOI_IPSEC)
		return isakmp_fail(err, ISAKMP_E_DOI, p->type, p->offset + doi_off,
				   "DOI %u is not supported", doi);
	if ((proto == 0 && !proto_none_ok) || proto > ISAKMP_PROTO_IPCOMP)
		return isakmp_fail(err, ISAKMP_E_PROTOCOL_ID, p->type,
				   p->offset + proto_off,
				   "protocol %u is not defined", proto);
	return 0;
}

static bool spi_size_fits(uint8_t proto, uint8_t size, bool empty_ok)
{
	if (size == 0)
		return empty_ok;
	switch (proto) {
	case ISAKMP_PROTO_ISAKMP:
		return size == 2 * ISAKMP_COOKIE_LEN;
	case ISAKMP_PROTO_AH:
	case ISAKMP_PROTO_ESP:
		return size == 4;
	case ISAKMP_PROTO_IPCOMP:
		return size == 2 || size == 4;
	}
	return size <= 16;
}

int isakmp_notify_parse(const struct isakmp_payload *p,
			struct isakmp_notification *out, struct isakmp_err *err)
{
	const struct isakmp_notify_pl *n = (const struct isakmp_notify_pl *)p->data;
	size_t rest = p->len - sizeof(*n);

	out->doi = get_be32(n->doi);
	out->protocol = n->protocol;
	out->spi_size = n->spi_size;
	out->type = get_be16(n->type);
	/* Some peers send protocol 0 for notifications about no SA. */
	if (check_doi_proto(p, out->doi, out->protocol, true,
			    FIELD(struct isakmp_notify_pl, doi),
			    FIELD(struct isakmp_notify_pl, protocol), err))
		return -1;
	if (!spi_size_fits(out->protocol, out->spi_size, true))
		return isakmp_fail(err, ISAKMP_E_SPI, p->type,
				   p->offset + FIELD(struct isakmp_notify_pl, spi_size),
				   "SPI size %u is not valid for %s",
				   out->spi_size, isakmp_protocol_str(out->protocol));
	if (out->spi_size > rest)
		return isakmp_fail(err, ISAKMP_E_PAYLOAD_SHORT, p->type, p->offset,
				   "length %zu leaves no room for its %u-byte SPI",
				   p->len, out->spi_size);
	memset(out->spi, 0, sizeof(out->spi));
	memcpy(out->spi, p->data + sizeof(*n), out->spi_size);
	out->data = p->data + sizeof(*n) + out->spi_size;
	out->len = rest - out->spi_size;
	/* 0 is no message; 31..8191 are reserved error types. */
	if (out->type == 0 ||
	    (out->type > ISAKMP_N_UNEQUAL_PAYLOAD_LENGTHS && out->type < 8192))
		return isakmp_fail(err, ISAKMP_E_NOTIFY_TYPE, p->type,
				   p->offset + FIELD(struct isakmp_notify_pl, type),
				   "notify message type %u is reserved", out->type);
	return 0;
}

int isakmp_delete_parse(const struct isakmp_payload *p,
			struct isakmp_delete *out, struct isakmp_err *err)
{
	const struct isakmp_delete_pl *d = (const struct isakmp_delete_pl *)p->data;
	size_t rest = p->len - sizeof(*d);

	out->doi = get_be32(d->doi);
	out->protocol = d->protocol;
	out->spi_size = d->spi_size;
	out->nspis = get_be16(d->num_spis);
	out->spis = p->data + sizeof(*d);
	if (check_doi_proto(p, out->doi, out->protocol, false,
			    FIELD(struct isakmp_delete_pl, doi),
			    FIELD(struct isakmp_delete_pl, protocol), err))
		return -1;
	if (!spi_size_fits(out->protocol, out->spi_size, false))
		return isakmp_fail(err, ISAKMP_E_SPI, p->type,
				   p->offset + FIELD(struct isakmp_delete_pl, spi_size),
				   "SPI size %u is not valid for %s", out->spi_size,
				   isakmp_protocol_str(out->protocol));
	if (out->nspis == 0 || (size_t)out->nspis * out->spi_size != rest)
		return isakmp_fail(err, ISAKMP_E_DELETE_SPIS, p->type,
				   p->offset + FIELD(struct isakmp_delete_pl, num_spis),
				   "%u SPIs of %u bytes do not fill the %zu bytes that follow",
				   out->nspis, out->spi_size, rest);
	return 0;
}

int isakmp_natoa_parse(const struct isakmp_payload *p, struct isakmp_natoa *out,
		       struct isakmp_err *err)
{
	const struct isakmp_natoa_pl *oa = (const struct isakmp_natoa_pl *)p->data;
	size_t len = p->len - sizeof(*oa);
	size_t want;

	if (oa->reserved[0] || oa->reserved[1] || oa->reserved[2])
		return isakmp_fail(err, ISAKMP_E_RESERVED, p->type,
				   p->offset + FIELD(struct isakmp_natoa_pl, reserved),
				   "reserved bytes are not zero");
	out->id_type = oa->id_type;
	if (oa->id_type == IPSEC_ID_IPV4_ADDR)
		want = 4;
	else if (oa->id_type == IPSEC_ID_IPV6_ADDR)
		want = 16;
	else
		return isakmp_fail(err, ISAKMP_E_NATOA, p->type,
				   p->offset + FIELD(struct isakmp_natoa_pl, id_type),
				   "ID type %u is not an address", oa->id_type);
	if (len != want)
		return isakmp_fail(err, ISAKMP_E_NATOA, p->type, p->offset,
				   "address of %zu bytes for ID type %u", len,
				   oa->id_type);
	memset(out->addr, 0, sizeof(out->addr));
	memcpy(out->addr, p->data + sizeof(*oa), len);
	out->addr_len = len;
	return 0;
}

int isakmp_cfg_parse(const struct isakmp_payload *p, struct isakmp_cfg *out,
		     struct isakmp_err *err)
{
	const struct isakmp_attr_pl *a = (const struct isakmp_attr_pl *)p->data;

	out->type = a->type;
	out->identifier = get_be16(a->identifier);
	out->nattrs = 0;
	if (a->type < ISAKMP_CFG_REQUEST || a->type > ISAKMP_CFG_ACK)
		return isakmp_fail(err, ISAKMP_E_CFG_TYPE, p->type,
				   p->offset + FIELD(struct isakmp_attr_pl, type),
				   "attribute payload type %u is not defined", a->type);
	if (a->reserved)
		return isakmp_fail(err, ISAKMP_E_RESERVED, p->type,
				   p->offset + FIELD(struct isakmp_attr_pl, reserved),
				   "reserved byte is 0x%02x", a->reserved);
	return isakmp_attrs_parse(p->data + sizeof(*a), p->len - sizeof(*a),
				  p->type, p->offset + sizeof(*a), out->attrs,
				  ISAKMP_MAX_CFG_ATTRS, &out->nattrs, err);
}

void isakmp_blob_put(struct isakmp_builder *b, uint8_t type,
		     const uint8_t *data, size_t len)
{
	size_t off = builder_open(b, type);

	builder_put(b, data, len);
	builder_close(b, off);
}

void isakmp_id_put(struct isakmp_builder *b, const struct isakmp_id *id)
{
	size_t off = builder_open(b, ISAKMP_NP_ID);

	builder_put_u8(b, id->type);
	builder_put_u8(b, id->protocol);
	builder_put_be16(b, id->port);
	builder_put(b, id->data, id->len);
	builder_close(b, off);
}

void isakmp_cert_put(struct isakmp_builder *b, uint8_t type,
		     const struct isakmp_cert *c)
{
	size_t off = builder_open(b, type);

	builder_put_u8(b, c->encoding);
	builder_put(b, c->data, c->len);
	builder_close(b, off);
}

void isakmp_notify_put(struct isakmp_builder *b,
		       const struct isakmp_notification *n)
{
	size_t off = builder_open(b, ISAKMP_NP_N);

	builder_put_be32(b, n->doi);
	builder_put_u8(b, n->protocol);
	builder_put_u8(b, n->spi_size);
	builder_put_be16(b, n->type);
	builder_put(b, n->spi, n->spi_size);
	builder_put(b, n->data, n->len);
	builder_close(b, off);
}

void isakmp_delete_put(struct isakmp_builder *b, const struct isakmp_delete *d)
{
	size_t off = builder_open(b, ISAKMP_NP_D);

	builder_put_be32(b, d->doi);
	builder_put_u8(b, d->protocol);
	builder_put_u8(b, d->spi_size);
	builder_put_be16(b, d->nspis);
	builder_put(b, d->spis, (size_t)d->nspis * d->spi_size);
	builder_close(b, off);
}

void isakmp_natoa_put(struct isakmp_builder *b, uint8_t type,
		      const struct isakmp_natoa *oa)
{
	size_t off = builder_open(b, type);

	builder_put_u8(b, oa->id_type);
	builder_reserve(b, 3);
	builder_put(b, oa->addr, oa->addr_len);
	builder_close(b, off);
}

void isakmp_cfg_put(struct isakmp_builder *b, const struct isakmp_cfg *c)
{
	size_t off = builder_open(b, ISAKMP_NP_ATTR);

	builder_put_u8(b, c->type);
	builder_put_u8(b, 0);
	builder_put_be16(b, c->identifier);
	isakmp_attrs_put(b, c->attrs, c->nattrs);
	builder_close(b, off);
}
