/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Parsers for the words a command line or a configuration file is made of:
 * numbers, hex strings, port ranges.  Each one takes the whole word or
 * nothing: trailing junk, signs and overflow are failures, and the output
 * is untouched on failure.
 */
#ifndef KIPS_PARSE_H
#define KIPS_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Decimal, or hexadecimal with "0x"; at most @max. */
bool kips_parse_u64(const char *s, uint64_t max, uint64_t *out);
bool kips_parse_u32(const char *s, uint32_t max, uint32_t *out);
bool kips_parse_u16(const char *s, uint16_t max, uint16_t *out);
bool kips_parse_u8(const char *s, uint8_t max, uint8_t *out);

/* "0x" followed by an even number of hex digits, at most @max bytes.
 * "0x" alone is an empty string of bytes.
 */
bool kips_parse_hex(const char *s, uint8_t *out, size_t max, size_t *len);

/* "PORT" or "PORT-PORT" (decimal, 0..65535, first <= last is not checked). */
bool kips_parse_port_range(const char *s, uint16_t *min, uint16_t *max);

/* Formats @len bytes as "0x..." into @buf (2 * len + 3 bytes needed). */
const char *kips_hex_str(const uint8_t *bytes, size_t len, char *buf,
			 size_t size);

#endif /* KIPS_PARSE_H */
