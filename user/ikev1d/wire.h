/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Big-endian accessors.  Every multi-byte field of an ISAKMP message is a
 * byte array in the wire structs (isakmp.h), so nothing depends on the host's
 * byte order, alignment or struct packing; these read and write them.
 */
#ifndef IKEV1D_WIRE_H
#define IKEV1D_WIRE_H

#include <stddef.h>
#include <stdint.h>

static inline uint16_t get_be16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static inline uint32_t get_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static inline void put_be16(uint8_t *p, uint16_t v)
{
	p[0] = v >> 8;
	p[1] = v & 0xff;
}

static inline void put_be32(uint8_t *p, uint32_t v)
{
	p[0] = v >> 24;
	p[1] = (v >> 16) & 0xff;
	p[2] = (v >> 8) & 0xff;
	p[3] = v & 0xff;
}

/* An unsigned big-endian number of 1..8 bytes (variable-length attribute
 * values such as a life duration).
 */
static inline uint64_t get_beN(const uint8_t *p, size_t len)
{
	uint64_t v = 0;

	while (len--)
		v = v << 8 | *p++;
	return v;
}

#endif /* IKEV1D_WIRE_H */
