/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The SA payload with its proposals and transforms (RFC 2408 3.4-3.6, IPsec
 * DOI RFC 2407 4.2): parsed with every nested length checked, built back
 * byte for byte.
 *
 * The three levels live in flat arrays: a proposal names a run of
 * transforms, a transform a run of attributes, in message order.  Variable
 * attribute values point into the message (parsed) or into @pool (built),
 * so a struct isakmp_sa must not be copied by value.
 */
#ifndef IKEV1D_SA_PAYLOAD_H
#define IKEV1D_SA_PAYLOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "attr.h"
#include "parse_error.h"

struct isakmp_builder;
struct isakmp_payload;

#define ISAKMP_MAX_PROPOSALS	32
#define ISAKMP_MAX_TRANSFORMS	256
#define ISAKMP_MAX_ATTRS	2048
#define ISAKMP_MAX_SPI		16
#define ISAKMP_SA_POOL		1024

struct isakmp_transform {
	uint8_t num;
	uint8_t id;
	size_t first_attr;
	size_t nattrs;
};

struct isakmp_proposal {
	uint8_t num;		/* equal numbers: one AND-ed bundle */
	uint8_t protocol;
	uint8_t spi_size;
	uint8_t spi[ISAKMP_MAX_SPI];
	size_t first_xform;
	size_t nxforms;
};

struct isakmp_sa {
	uint32_t doi;
	uint32_t situation;
	size_t nprops, nxforms, nattrs;
	struct isakmp_proposal props[ISAKMP_MAX_PROPOSALS];
	struct isakmp_transform xforms[ISAKMP_MAX_TRANSFORMS];
	struct isakmp_attr attrs[ISAKMP_MAX_ATTRS];
	/* Building: value bytes of variable attributes, and whether anything
	 * did not fit (the builder then refuses the SA).
	 */
	size_t pool_len;
	uint8_t pool[ISAKMP_SA_POOL];
	bool full;
};

/* Parses and validates the SA payload @p: IPsec DOI, identity-only
 * situation, each proposal and transform header, SPI sizes, transform
 * counts and IDs, proposal order, attribute lists.
 */
int isakmp_sa_parse(const struct isakmp_payload *p, struct isakmp_sa *sa,
		    struct isakmp_err *err);

/* Appends @sa as an SA payload. */
void isakmp_sa_put(struct isakmp_builder *b, const struct isakmp_sa *sa);

/* Building an SA: a proposal, then its transforms, each followed by its
 * attributes.  Numbers of 16 bits or less become basic attributes, larger
 * ones variable attributes of 4 (or 8) bytes.
 */
void isakmp_sa_init(struct isakmp_sa *sa);
void isakmp_sa_add_proposal(struct isakmp_sa *sa, uint8_t num,
			    uint8_t protocol, const uint8_t *spi,
			    uint8_t spi_size);
void isakmp_sa_add_transform(struct isakmp_sa *sa, uint8_t num, uint8_t id);
void isakmp_sa_add_attr(struct isakmp_sa *sa, uint16_t type, uint64_t value);
void isakmp_sa_add_attr_bytes(struct isakmp_sa *sa, uint16_t type,
			      const uint8_t *val, uint16_t len);
/* Appends a copy of @a in the form it has (a chosen transform goes back to
 * its proposer as it came).
 */
void isakmp_sa_copy_attr(struct isakmp_sa *sa, const struct isakmp_attr *a);

static inline const struct isakmp_transform *
isakmp_sa_xform(const struct isakmp_sa *sa, const struct isakmp_proposal *p,
		size_t i)
{
	return &sa->xforms[p->first_xform + i];
}

static inline const struct isakmp_attr *
isakmp_xform_attrs(const struct isakmp_sa *sa, const struct isakmp_transform *t)
{
	return &sa->attrs[t->first_attr];
}

#endif /* IKEV1D_SA_PAYLOAD_H */
