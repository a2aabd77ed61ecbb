/* SPDX-License-Identifier: GPL-2.0 */
/*
 * IPv4 and IPv6 addresses and prefixes as the kips family carries them: raw
 * bytes in network order, 4 or 16 of them, the length giving the family.
 */
#ifndef KIPS_ADDR_H
#define KIPS_ADDR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

/* Long enough for any IPv6 address with "/128". */
#define KIPS_PREFIX_STRLEN 64

struct kips_addr {
	uint8_t family;		/* AF_INET, AF_INET6, or 0 when unset */
	uint8_t prefixlen;	/* a plain address has the full length */
	uint8_t bytes[16];
};

/* 4, 16, or 0 for an unset address. */
size_t kips_addr_len(const struct kips_addr *a);

/* The full prefix length of the address's family (32, 128, or 0). */
unsigned int kips_addr_bits(const struct kips_addr *a);

/* Parses a numeric IPv4 or IPv6 address ("10.0.0.1", "fd00::1").  Returns
 * false for anything else, @a untouched.
 */
bool kips_addr_parse(const char *s, struct kips_addr *a);

/* Parses "ADDR" or "ADDR/LEN" (LEN 0..32 or 0..128, decimal).  A bare
 * address is a host prefix.
 */
bool kips_prefix_parse(const char *s, struct kips_addr *a);

/* Fills @a from raw bytes as an attribute carries them; false unless @len
 * is 4 or 16.
 */
bool kips_addr_from_raw(struct kips_addr *a, const void *raw, size_t len);

/* Formats the address alone, or "ADDR/LEN".  Return @buf. */
const char *kips_addr_str(const struct kips_addr *a, char *buf, size_t size);
const char *kips_prefix_str(const struct kips_addr *a, char *buf, size_t size);

bool kips_addr_equal(const struct kips_addr *a, const struct kips_addr *b);

#endif /* KIPS_ADDR_H */
