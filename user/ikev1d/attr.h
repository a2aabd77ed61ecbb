/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Data attributes (RFC 2408 3.3): lists of basic (TV) and variable (TLV)
 * attributes, as transforms and mode-config attribute payloads carry them.
 */
#ifndef IKEV1D_ATTR_H
#define IKEV1D_ATTR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "parse_error.h"

struct isakmp_builder;

struct isakmp_attr {
	uint16_t type;		/* without the AF bit */
	bool tlv;		/* variable form; else basic */
	uint16_t basic;		/* basic: the value */
	uint16_t len;		/* variable: length of the value */
	const uint8_t *val;	/* variable: the value bytes */
};

/* Parses the attribute list @p of @len bytes into @out (at most @max);
 * @pltype and @base (the list's offset in the message) name the place of an
 * error.  Sets *n to the count.
 */
int isakmp_attrs_parse(const uint8_t *p, size_t len, uint8_t pltype,
		       size_t base, struct isakmp_attr *out, size_t max,
		       size_t *n, struct isakmp_err *err);

/* Appends @n attributes, each in its own form. */
void isakmp_attrs_put(struct isakmp_builder *b, const struct isakmp_attr *a,
		      size_t n);

/* The numeric value of @a: a basic value, or a variable one of 1 to 8
 * bytes (RFC 2409 lets a life duration take either form).  False if the
 * value is empty or longer.
 */
bool isakmp_attr_number(const struct isakmp_attr *a, uint64_t *out);

/* The first attribute of @type among @n, or NULL. */
const struct isakmp_attr *isakmp_attr_find(const struct isakmp_attr *a,
					   size_t n, uint16_t type);

#endif /* IKEV1D_ATTR_H */
