// SPDX-License-Identifier: GPL-2.0
/* Data attribute lists (RFC 2408 3.3). */
#include "attr.h"
#include "builder.h"
#include "isakmp.h"
#include "wire.h"

int isakmp_attrs_parse(const uint8_t *p, size_t len, uint8_t pltype,
		       size_t base, struct isakmp_attr *out, size_t max,
		       size_t *n, struct isakmp_err *err)
{
	size_t off = 0;

	*n = 0;
	while (off < len) {
		struct isakmp_attr *a;
		uint16_t t;

		if (len - off < sizeof(struct isakmp_attr_hdr))
			return isakmp_fail(err, ISAKMP_E_ATTRIBUTE, pltype,
					   base + off,
					   "attribute header needs 4 bytes, %zu left",
					   len - off);
		if (*n == max)
			return isakmp_fail(err, ISAKMP_E_TOO_MANY, pltype,
					   base + off, "more than %zu attributes",
					   max);
		a = &out[(*n)++];
		t = get_be16(p + off);
		a->type = t & ISAKMP_ATTR_TYPE_MASK;
		a->tlv = !(t & ISAKMP_ATTR_AF);
		if (!a->tlv) {
			a->basic = get_be16(p + off + 2);
			a->len = 0;
			a->val = NULL;
			off += sizeof(struct isakmp_attr_hdr);
			continue;
		}
		a->basic = 0;
		a->len = get_be16(p + off + 2);
		a->val = p + off + sizeof(struct isakmp_attr_hdr);
		if (a->len > len - off - sizeof(struct isakmp_attr_hdr))
			return isakmp_fail(err, ISAKMP_E_ATTRIBUTE, pltype,
					   base + off,
					   "attribute %u value of %u bytes runs past its payload (%zu left)",
					   a->type, a->len,
					   len - off - sizeof(struct isakmp_attr_hdr));
		off += sizeof(struct isakmp_attr_hdr) + a->len;
	}
	return 0;
}

void isakmp_attrs_put(struct isakmp_builder *b, const struct isakmp_attr *a,
		      size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (!a[i].tlv) {
			builder_put_be16(b, ISAKMP_ATTR_AF | a[i].type);
			builder_put_be16(b, a[i].basic);
		} else {
			builder_put_be16(b, a[i].type & ISAKMP_ATTR_TYPE_MASK);
			builder_put_be16(b, a[i].len);
			builder_put(b, a[i].val, a[i].len);
		}
	}
}

bool isakmp_attr_number(const struct isakmp_attr *a, uint64_t *out)
{
	if (!a->tlv) {
		*out = a->basic;
		return true;
	}
	if (a->len == 0 || a->len > 8)
		return false;
	*out = get_beN(a->val, a->len);
	return true;
}

const struct isakmp_attr *isakmp_attr_find(const struct isakmp_attr *a,
					   size_t n, uint16_t type)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (a[i].type == type)
			return &a[i];
	return NULL;
}
