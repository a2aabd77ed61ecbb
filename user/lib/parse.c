// SPDX-License-Identifier: GPL-2.0
#include <stdio.h>
#include <string.h>

#include "parse.h"

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* strtoull accepts leading blanks, signs and wraps "-1" around; we want
 * none of that, so the digits are read by hand.
 */
bool kips_parse_u64(const char *s, uint64_t max, uint64_t *out)
{
	unsigned int base = 10;
	uint64_t v = 0;
	int d;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	if (!*s)
		return false;
	for (; *s; s++) {
		d = hex_digit(*s);
		if (d < 0 || (unsigned int)d >= base)
			return false;
		if (v > (UINT64_MAX - (uint64_t)d) / base)
			return false;
		v = v * base + (uint64_t)d;
	}
	if (v > max)
		return false;
	*out = v;
	return true;
}

bool kips_parse_u32(const char *s, uint32_t max, uint32_t *out)
{
	uint64_t v;

	if (!kips_parse_u64(s, max, &v))
		return false;
	*out = (uint32_t)v;
	return true;
}

bool kips_parse_u16(const char *s, uint16_t max, uint16_t *out)
{
	uint64_t v;

	if (!kips_parse_u64(s, max, &v))
		return false;
	*out = (uint16_t)v;
	return true;
}

bool kips_parse_u8(const char *s, uint8_t max, uint8_t *out)
{
	uint64_t v;

	if (!kips_parse_u64(s, max, &v))
		return false;
	*out = (uint8_t)v;
	return true;
}

bool kips_parse_hex(const char *s, uint8_t *out, size_t max, size_t *len)
{
	size_t n, i;

	if (s[0] != '0' || (s[1] != 'x' && s[1] != 'X'))
		return false;
	s += 2;
	n = strlen(s);
	if (n % 2 || n / 2 > max)
		return false;
	for (i = 0; i < n; i++)
		if (hex_digit(s[i]) < 0)
			return false;
	for (i = 0; i < n / 2; i++)
		out[i] = (uint8_t)(hex_digit(s[2 * i]) << 4 | hex_digit(s[2 * i + 1]));
	*len = n / 2;
	return true;
}

static bool parse_port(const char *s, size_t n, uint16_t *out)
{
	char buf[8];
	size_t i;

	if (n == 0 || n >= sizeof(buf))
		return false;
	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	memcpy(buf, s, n);
	buf[n] = 0;
	return kips_parse_u16(buf, UINT16_MAX, out);
}

bool kips_parse_port_range(const char *s, uint16_t *min, uint16_t *max)
{
	const char *dash = strchr(s, '-');
	uint16_t lo, hi;

	if (!dash) {
		if (!parse_port(s, strlen(s), &lo))
			return false;
		*min = *max = lo;
		return true;
	}
	if (!parse_port(s, (size_t)(dash - s), &lo) ||
	    !parse_port(dash + 1, strlen(dash + 1), &hi))
		return false;
	*min = lo;
	*max = hi;
	return true;
}

const char *kips_hex_str(const uint8_t *bytes, size_t len, char *buf,
			 size_t size)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	if (size < 2 * len + 3) {
		snprintf(buf, size, "?");
		return buf;
	}
	buf[0] = '0';
	buf[1] = 'x';
	for (i = 0; i < len; i++) {
		buf[2 + 2 * i] = digits[bytes[i] >> 4];
		buf[3 + 2 * i] = digits[bytes[i] & 15];
	}
	buf[2 + 2 * len] = 0;
	return buf;
}
