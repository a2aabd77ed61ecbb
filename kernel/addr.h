/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Addresses of either family in one 16-byte union, so that SA and policy
 * keys can be hashed and compared as plain bytes: an IPv4 address fills the
 * first 4 bytes and the rest stays zero.
 */
#ifndef _KIPS_ADDR_H
#define _KIPS_ADDR_H

#include <asm/byteorder.h>
#include <linux/in6.h>
#include <linux/socket.h>
#include <linux/string.h>
#include <linux/types.h>

union kips_addr {
	__be32 a4;
	struct in6_addr a6;
	u8 b[16];
	__be32 w[4];
};

static inline unsigned int kips_addr_len(u8 family)
{
	return family == AF_INET ? 4 : 16;
}

static inline unsigned int kips_addr_bits(u8 family)
{
	return kips_addr_len(family) * 8;
}

/* The family of an address attribute of @len bytes, or 0. */
static inline u8 kips_len_family(unsigned int len)
{
	return len == 4 ? AF_INET : len == 16 ? AF_INET6 : 0;
}

/* @out = @in with everything after the first @plen bits cleared. */
static inline void kips_addr_mask(union kips_addr *out,
				  const union kips_addr *in, unsigned int plen)
{
	unsigned int i;

	for (i = 0; i < 4; i++, plen = plen > 32 ? plen - 32 : 0) {
		if (plen >= 32)
			out->w[i] = in->w[i];
		else if (plen == 0)
			out->w[i] = 0;
		else
			out->w[i] = in->w[i] & htonl(~0U << (32 - plen));
	}
}

static inline bool kips_addr_equal(const union kips_addr *a,
				   const union kips_addr *b)
{
	return !memcmp(a, b, sizeof(*a));
}

#endif /* _KIPS_ADDR_H */
