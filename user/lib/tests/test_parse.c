// SPDX-License-Identifier: GPL-2.0
/* Unit tests of user/lib's word parsers: numbers, hex, ports, addresses,
 * prefixes, IP protocols, algorithm names.
 */
#include <netinet/in.h>

#include "addr.h"
#include "alg.h"
#include "ipproto.h"
#include "parse.h"
#include "unit.h"

static void test_numbers(void)
{
	uint64_t v = 7;
	uint32_t u = 7;
	uint8_t b = 7;

	CHECK("u64 decimal", kips_parse_u64("12345", UINT64_MAX, &v) && v == 12345);
	CHECK("u64 hex", kips_parse_u64("0x1F", UINT64_MAX, &v) && v == 31);
	CHECK("u64 max", kips_parse_u64("18446744073709551615", UINT64_MAX, &v) && v == UINT64_MAX);
	CHECK("u64 overflow", !kips_parse_u64("18446744073709551616", UINT64_MAX, &v));
	CHECK("u64 hex overflow", !kips_parse_u64("0x10000000000000000", UINT64_MAX, &v));
	CHECK("u64 negative", !kips_parse_u64("-1", UINT64_MAX, &v));
	CHECK("u64 plus sign", !kips_parse_u64("+1", UINT64_MAX, &v));
	CHECK("u64 leading blank", !kips_parse_u64(" 1", UINT64_MAX, &v));
	CHECK("u64 trailing junk", !kips_parse_u64("12x", UINT64_MAX, &v));
	CHECK("u64 empty", !kips_parse_u64("", UINT64_MAX, &v));
	CHECK("u64 bare 0x", !kips_parse_u64("0x", UINT64_MAX, &v));
	CHECK("u64 hex digit in decimal", !kips_parse_u64("1a", UINT64_MAX, &v));
	v = 99;
	CHECK("u64 untouched on failure", !kips_parse_u64("zz", UINT64_MAX, &v) && v == 99);
	CHECK("u32 max", kips_parse_u32("4294967295", UINT32_MAX, &u) && u == UINT32_MAX);
	CHECK("u32 above max", !kips_parse_u32("4294967296", UINT32_MAX, &u));
	CHECK("u32 hex spi", kips_parse_u32("0xc0ffee", UINT32_MAX, &u) && u == 0xc0ffee);
	CHECK("u8 255", kips_parse_u8("255", UINT8_MAX, &b) && b == 255);
	CHECK("u8 256", !kips_parse_u8("256", UINT8_MAX, &b));
}

static void test_hex(void)
{
	uint8_t buf[4];
	size_t len = 99;
	char out[16];

	CHECK("hex 4 bytes", kips_parse_hex("0x0011aAfF", buf, sizeof(buf), &len) && len == 4 &&
	      buf[0] == 0 && buf[1] == 0x11 && buf[2] == 0xaa && buf[3] == 0xff);
	CHECK("hex empty", kips_parse_hex("0x", buf, sizeof(buf), &len) && len == 0);
	CHECK("hex needs 0x", !kips_parse_hex("0011", buf, sizeof(buf), &len));
	CHECK("hex odd digits", !kips_parse_hex("0x001", buf, sizeof(buf), &len));
	CHECK("hex non-digit", !kips_parse_hex("0x00zz", buf, sizeof(buf), &len));
	CHECK("hex too long", !kips_parse_hex("0x0011223344", buf, sizeof(buf), &len));
	CHECK_STR("hex format", "0x0011aaff", kips_hex_str((uint8_t[]){ 0, 0x11, 0xaa, 0xff }, 4, out, sizeof(out)));
	CHECK_STR("hex format small buffer", "?", kips_hex_str(buf, 4, out, 8));
}

static void test_ports(void)
{
	uint16_t lo = 1, hi = 1;

	CHECK("port single", kips_parse_port_range("443", &lo, &hi) && lo == 443 && hi == 443);
	CHECK("port range", kips_parse_port_range("1024-65535", &lo, &hi) && lo == 1024 && hi == 65535);
	CHECK("port too big", !kips_parse_port_range("65536", &lo, &hi));
	CHECK("port range open end", !kips_parse_port_range("10-", &lo, &hi));
	CHECK("port range open start", !kips_parse_port_range("-10", &lo, &hi));
	CHECK("port hex refused", !kips_parse_port_range("0x50", &lo, &hi));
	CHECK("port name refused", !kips_parse_port_range("http", &lo, &hi));
}

static void test_addresses(void)
{
	struct kips_addr a = { 0 };
	char buf[KIPS_PREFIX_STRLEN];

	CHECK("ipv4", kips_addr_parse("10.1.2.3", &a) && a.family == AF_INET &&
	      a.prefixlen == 32 && kips_addr_len(&a) == 4 && a.bytes[0] == 10 && a.bytes[3] == 3);
	CHECK("ipv6", kips_addr_parse("fd00::1", &a) && a.family == AF_INET6 &&
	      a.prefixlen == 128 && kips_addr_len(&a) == 16 && a.bytes[0] == 0xfd && a.bytes[15] == 1);
	CHECK("address junk", !kips_addr_parse("10.1.2", &a) && !kips_addr_parse("host", &a) &&
	      !kips_addr_parse("10.0.0.1/24", &a));
	CHECK("prefix v4", kips_prefix_parse("10.1.0.0/16", &a) && a.family == AF_INET && a.prefixlen == 16);
	CHECK("prefix v6", kips_prefix_parse("fd00:1::/64", &a) && a.family == AF_INET6 && a.prefixlen == 64);
	CHECK("prefix bare address is a host", kips_prefix_parse("fd00::2", &a) && a.prefixlen == 128);
	CHECK("prefix /0", kips_prefix_parse("0.0.0.0/0", &a) && a.prefixlen == 0);
	CHECK("prefix v4 /33", !kips_prefix_parse("10.0.0.0/33", &a));
	CHECK("prefix v6 /129", !kips_prefix_parse("fd00::/129", &a));
	CHECK("prefix empty length", !kips_prefix_parse("10.0.0.0/", &a));
	CHECK("prefix signed length", !kips_prefix_parse("10.0.0.0/+8", &a));
	CHECK("prefix junk length", !kips_prefix_parse("10.0.0.0/8x", &a));
	kips_prefix_parse("10.1.0.0/16", &a);
	CHECK_STR("prefix format v4", "10.1.0.0/16", kips_prefix_str(&a, buf, sizeof(buf)));
	kips_prefix_parse("fd00:1::/64", &a);
	CHECK_STR("prefix format v6", "fd00:1::/64", kips_prefix_str(&a, buf, sizeof(buf)));
	CHECK_STR("address format v6", "fd00:1::", kips_addr_str(&a, buf, sizeof(buf)));
	CHECK("from raw 5 bytes refused", !kips_addr_from_raw(&a, "12345", 5));
}

static void test_ipproto(void)
{
	uint8_t p = 0;

	CHECK("proto tcp", kips_ipproto_parse("tcp", &p) && p == IPPROTO_TCP);
	CHECK("proto ipv6-icmp", kips_ipproto_parse("ipv6-icmp", &p) && p == 58);
	CHECK("proto icmpv6 alias", kips_ipproto_parse("icmpv6", &p) && p == 58);
	CHECK("proto number", kips_ipproto_parse("132", &p) && p == 132);
	CHECK("proto 256", !kips_ipproto_parse("256", &p));
	CHECK("proto unknown name", !kips_ipproto_parse("tcpp", &p));
	CHECK_STR("proto name of 58", "ipv6-icmp", kips_ipproto_name(58));
	CHECK("proto name of 253", kips_ipproto_name(253) == NULL);
	CHECK("udp has ports", kips_ipproto_has_ports(IPPROTO_UDP) && !kips_ipproto_has_ports(IPPROTO_ICMP));
	CHECK("icmp is icmp", kips_ipproto_is_icmp(1) && kips_ipproto_is_icmp(58) && !kips_ipproto_is_icmp(6));
}

static void test_algs(void)
{
	char buf[256];

	CHECK("alg aes-cbc is enc", kips_alg_find("aes-cbc", KIPS_ALG_KIND_ENC) != NULL);
	CHECK("alg aes-cbc is not auth", kips_alg_find("aes-cbc", KIPS_ALG_KIND_AUTH) == NULL);
	CHECK("alg aes-gcm is aead", kips_alg_find("aes-gcm", KIPS_ALG_KIND_AEAD) != NULL);
	CHECK("alg unknown", kips_alg_find("aes-foo", KIPS_ALG_KIND_ENC) == NULL);
	CHECK_STR("alg enc names", "null, aes-cbc, aes-ctr, 3des-cbc",
		  kips_alg_names(KIPS_ALG_KIND_ENC, ", ", buf, sizeof(buf)));
	CHECK_STR("alg aead names", "aes-gcm | aes-gmac | chacha20-poly1305",
		  kips_alg_names(KIPS_ALG_KIND_AEAD, " | ", buf, sizeof(buf)));
}

int main(void)
{
	unit_suite = "lib_parse";
	test_numbers();
	test_hex();
	test_ports();
	test_addresses();
	test_ipproto();
	test_algs();
	return unit_exit();
}
