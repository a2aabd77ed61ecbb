// SPDX-License-Identifier: GPL-2.0
/* Unit tests of `kips sa ...` argument parsing: what each word sets, and
 * the message every mistake gets.
 */
#include <netinet/in.h>

#include "args.h"
#include "kips.h"
#include "unit.h"

static struct kips_sa sa;

/* Parses @line (split as a batch line) as `sa <cmd> ...`. */
static bool parse(enum sa_cmd cmd, const char *line)
{
	char copy[1024], *argv[128];
	struct kips_args a;
	int argc;

	kips_last_err[0] = 0;
	snprintf(copy, sizeof(copy), "%s", line);
	argc = kips_batch_split(copy, argv, 128);
	a.argc = argc;
	a.argv = argv;
	memset(&sa, 0, sizeof(sa));
	return argc >= 0 && sa_args_parse(&a, cmd, "sa add", &sa);
}

/* The parse fails and the message contains @want. */
static void bad(const char *name, enum sa_cmd cmd, const char *line, const char *want)
{
	bool ok = parse(cmd, line);

	unit_check(!ok && strstr(kips_last_err, want), name,
		   "'%s': expected a failure saying '%s', got %s '%s'", line, want,
		   ok ? "success" : "failure", kips_last_err);
}

#define BASE "src 10.0.0.1 dst 10.0.0.2 proto esp spi 0x1000 "

static void test_good(void)
{
	CHECK("add minimal", parse(SA_CMD_ADD, BASE));
	CHECK("add identity", sa.spi == 0x1000 && sa.proto == IPPROTO_ESP &&
	      sa.src.family == AF_INET && sa.dst.bytes[3] == 2);
	CHECK("add mode/reqid absent", !KIPS_HAS(&sa, KIPS_SA_A_MODE) && !KIPS_HAS(&sa, KIPS_SA_A_REQID));

	CHECK("add everything", parse(SA_CMD_ADD, BASE
		"mode tunnel reqid 7 enc aes-cbc 0x00112233445566778899aabbccddeeff "
		"auth hmac-sha256-128 0x0000000000000000000000000000000000000000000000000000000000000001 "
		"replay-window 64 esn encap udp 4500 4501 "
		"soft bytes 1000 packets 10 hard time-add 3600 time-use 600 "
		"sel src 10.1.0.0/16 dst 10.2.0.0/16 proto tcp sport 1024-65535 dport 443"));
	CHECK("mode tunnel", sa.mode == KIPS_MODE_TUNNEL && sa.reqid == 7);
	CHECK("enc", !strcmp(sa.enc.alg, "aes-cbc") && sa.enc.key_len == 16 &&
	      sa.enc.key[15] == 0xff && KIPS_HAS(&sa, KIPS_SA_A_ENC_KEY));
	CHECK("auth", !strcmp(sa.auth.alg, "hmac-sha256-128") && sa.auth.key_len == 32 &&
	      sa.auth.key[31] == 1);
	CHECK("replay-window", sa.replay_window == 64);
	CHECK("esn", sa.flags == KIPS_SA_F_ESN && KIPS_HAS(&sa, KIPS_SA_A_FLAGS));
	CHECK("encap", sa.encap_sport == 4500 && sa.encap_dport == 4501 &&
	      KIPS_HAS(&sa, KIPS_SA_A_ENCAP_SPORT) && KIPS_HAS(&sa, KIPS_SA_A_ENCAP_DPORT));
	CHECK("soft", sa.soft.bytes == 1000 && sa.soft.packets == 10 &&
	      !KIPS_HAS(&sa.soft, KIPS_LT_A_ADD_SECONDS) && KIPS_HAS(&sa, KIPS_SA_A_LIFETIME_SOFT));
	CHECK("hard", sa.hard.add_seconds == 3600 && sa.hard.use_seconds == 600 &&
	      !KIPS_HAS(&sa.hard, KIPS_LT_A_BYTES));
	CHECK("sel", KIPS_HAS(&sa, KIPS_SA_A_SELECTOR) && sa.sel.src.prefixlen == 16 &&
	      sa.sel.proto == IPPROTO_TCP && sa.sel.sport_min == 1024 && sa.sel.sport_max == 65535 &&
	      sa.sel.dport_min == 443 && sa.sel.dport_max == 443);

	CHECK("add aead icv", parse(SA_CMD_ADD, BASE "aead aes-gcm 0x0102030405060708090a0b0c0d0e0f1011121314 icv 8"));
	CHECK("aead fields", !strcmp(sa.aead.alg, "aes-gcm") && sa.aead.key_len == 20 &&
	      sa.icv_len == 8 && KIPS_HAS(&sa, KIPS_SA_A_ICV_LEN));

	CHECK("ipv6 ah", parse(SA_CMD_ADD, "src fd00::1 dst fd00::2 proto ah spi 4096 auth hmac-sha1-96 0x0011223344556677889900112233445566778899"));
	CHECK("ipv6 ah fields", sa.proto == IPPROTO_AH && sa.dst.family == AF_INET6 && sa.spi == 4096);

	CHECK("null takes no key", parse(SA_CMD_ADD, BASE "enc null auth hmac-md5-96 0x00112233445566778899aabbccddeeff"));
	CHECK("null key empty but present", sa.enc.key_len == 0 && KIPS_HAS(&sa, KIPS_SA_A_ENC_KEY) &&
	      sa.auth.key_len == 16);
	CHECK("null with explicit empty key", parse(SA_CMD_ADD, BASE "enc null 0x") && sa.enc.key_len == 0);

	/* Syntax only: the kernel judges these. */
	CHECK("spi 1 passes to the kernel", parse(SA_CMD_ADD, "src 1.1.1.1 dst 2.2.2.2 proto esp spi 1"));
	CHECK("short key passes to the kernel", parse(SA_CMD_ADD, BASE "enc aes-cbc 0x00"));
	CHECK("oversized key passes to the kernel", parse(SA_CMD_ADD, BASE
		"enc aes-cbc 0x00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff00"));
	CHECK("oversized key length", sa.enc.key_len == 65);
	CHECK("proto number passes", parse(SA_CMD_ADD, "src 1.1.1.1 dst 2.2.2.2 proto 17 spi 300") && sa.proto == 17);
	CHECK("mixed families pass", parse(SA_CMD_ADD, "src 1.1.1.1 dst fd00::2 proto esp spi 300"));
	CHECK("icv 7 passes", parse(SA_CMD_ADD, BASE "aead aes-gcm 0x00 icv 7") && sa.icv_len == 7);
	CHECK("replay-window 5000 passes", parse(SA_CMD_ADD, BASE "replay-window 5000"));
	CHECK("soft above hard passes", parse(SA_CMD_ADD, BASE "soft bytes 100 hard bytes 10"));
	CHECK("sel ports without proto pass", parse(SA_CMD_ADD, BASE "sel dport 80"));

	CHECK("get", parse(SA_CMD_GET, "dst fd00::2 proto esp spi 0xffffffff keys"));
	CHECK("get fields", sa.spi == 0xffffffff && (sa.req_flags & KIPS_REQ_F_KEYS) &&
	      !KIPS_HAS(&sa, KIPS_SA_A_SRC));
	CHECK("del", parse(SA_CMD_DEL, "dst 10.0.0.2 proto ah spi 300"));
	CHECK("show empty", parse(SA_CMD_SHOW, "") && sa.present == 0);
	CHECK("show filters", parse(SA_CMD_SHOW, "proto esp dst 10.0.0.2 reqid 3") &&
	      sa.reqid == 3 && KIPS_HAS(&sa, KIPS_SA_A_DST));
	CHECK("flush proto", parse(SA_CMD_FLUSH, "proto ah") && sa.proto == IPPROTO_AH);
	CHECK("allocspi", parse(SA_CMD_ALLOCSPI, "src 10.0.0.1 dst 10.0.0.2 proto esp reqid 9 min 0x100 max 0x1ff"));
	CHECK("allocspi range", sa.spi_min == 0x100 && sa.spi_max == 0x1ff && sa.reqid == 9 &&
	      !KIPS_HAS(&sa, KIPS_SA_A_SPI));
	CHECK("icmp sel", parse(SA_CMD_ADD, BASE "sel proto icmp type 8 code 0"));
	CHECK("icmp sel fields", sa.sel.sport_min == 8 && sa.sel.sport_max == 8 &&
	      sa.sel.dport_min == 0 && KIPS_HAS(&sa.sel, KIPS_SEL_A_DPORT_MAX));
}

static void test_bad(void)
{
	bad("spi not a number", SA_CMD_ADD, "src 1.1.1.1 dst 2.2.2.2 proto esp spi x",
	    "spi: expected a number 256..4294967295, got 'x'");
	bad("spi too big", SA_CMD_ADD, "spi 4294967296", "spi: expected a number 256..4294967295, got '4294967296'");
	bad("spi missing value", SA_CMD_ADD, "spi", "spi: missing");
	bad("unknown enc", SA_CMD_ADD, BASE "enc aes-foo 0x00",
	    "enc: unknown algorithm 'aes-foo' (known: null, aes-cbc, aes-ctr, 3des-cbc)");
	bad("auth alg as enc", SA_CMD_ADD, BASE "enc hmac-sha1-96 0x00", "enc: unknown algorithm 'hmac-sha1-96'");
	bad("unknown auth", SA_CMD_ADD, BASE "auth sha1 0x00", "auth: unknown algorithm 'sha1' (known: hmac-md5-96,");
	bad("unknown aead", SA_CMD_ADD, BASE "aead gcm 0x00", "aead: unknown algorithm 'gcm' (known: aes-gcm, aes-gmac, chacha20-poly1305)");
	bad("key without 0x", SA_CMD_ADD, BASE "enc aes-cbc 00112233", "enc: expected a key as 0x followed by an even number of hex digits");
	bad("key odd digits", SA_CMD_ADD, BASE "enc aes-cbc 0x001", "got '0x001'");
	bad("key not echoed", SA_CMD_ADD, BASE "enc aes-cbc 0x0011223344556677889900zz", "got '0x0011...'");
	bad("key missing", SA_CMD_ADD, BASE "enc aes-cbc", "enc: missing KEY");
	bad("key missing before next word", SA_CMD_ADD, BASE "enc aes-cbc mode tunnel", "got 'mode'");
	bad("enc twice", SA_CMD_ADD, BASE "enc null enc null", "enc: given twice");
	bad("bad src", SA_CMD_ADD, "src 10.0.0.256", "src: expected an IPv4 or IPv6 address, got '10.0.0.256'");
	bad("src with prefix", SA_CMD_ADD, "src 10.0.0.1/32", "src: expected an IPv4 or IPv6 address");
	bad("bad proto", SA_CMD_ADD, "proto udp", "proto: expected esp or ah, got 'udp'");
	bad("bad mode", SA_CMD_ADD, BASE "mode beet", "mode: expected transport or tunnel, got 'beet'");
	bad("bad reqid", SA_CMD_ADD, BASE "reqid -1", "reqid: expected a number 0..4294967295, got '-1'");
	bad("bad icv", SA_CMD_ADD, BASE "icv 256", "icv: expected a length in bytes");
	bad("bad replay-window", SA_CMD_ADD, BASE "replay-window many", "replay-window: expected a number of packets");
	bad("esn twice", SA_CMD_ADD, BASE "esn esn", "esn: given twice");
	bad("encap not udp", SA_CMD_ADD, BASE "encap tcp 1 2", "encap: expected udp");
	bad("encap bad port", SA_CMD_ADD, BASE "encap udp 4500 70000", "encap udp DPORT: expected a UDP port 0..65535, got '70000'");
	bad("encap missing port", SA_CMD_ADD, BASE "encap udp 4500", "encap udp DPORT: missing PORT");
	bad("lifetime without limit", SA_CMD_ADD, BASE "soft", "soft: missing { bytes N");
	bad("lifetime unknown limit", SA_CMD_ADD, BASE "hard seconds 5", "hard: expected bytes, packets, time-add or time-use, got 'seconds'");
	bad("lifetime bad number", SA_CMD_ADD, BASE "hard bytes 1e9", "hard bytes: expected a number");
	bad("lifetime limit twice", SA_CMD_ADD, BASE "hard bytes 1 packets 2 hard bytes 3", "hard bytes: given twice");
	bad("sel empty", SA_CMD_ADD, BASE "sel mode tunnel", "sel: missing SELECTOR");
	bad("sel at end", SA_CMD_ADD, BASE "sel", "sel: missing SELECTOR");
	bad("sel bad prefix", SA_CMD_ADD, BASE "sel src 10.0.0.0/33", "sel src: expected an IPv4 or IPv6 address with an optional /LEN, got '10.0.0.0/33'");
	bad("sel bad proto", SA_CMD_ADD, BASE "sel proto tcpx", "sel proto: expected an IP protocol name");
	bad("sel bad port range", SA_CMD_ADD, BASE "sel proto tcp dport 1-x", "sel dport: expected a port 0..65535 or a range PORT-PORT, got '1-x'");
	bad("sel src twice", SA_CMD_ADD, BASE "sel src 1.0.0.0/8 src 2.0.0.0/8", "sel src: given twice");
	bad("sel type without icmp", SA_CMD_ADD, BASE "sel proto tcp type 3", "sel type: needs proto icmp or ipv6-icmp");
	bad("sel sport and type", SA_CMD_ADD, BASE "sel proto icmp sport 3 type 3", "sel type: given twice (sport and type are one field)");
	bad("sel code too big", SA_CMD_ADD, BASE "sel proto icmp code 256", "sel code: expected a number 0..255");
	bad("unknown word", SA_CMD_ADD, BASE "bogus 1", "sa add: unexpected argument 'bogus'");
	bad("missing src", SA_CMD_ADD, "dst 1.1.1.1 proto esp spi 300", "sa add: missing 'src ADDR'");
	bad("missing spi", SA_CMD_ADD, "src 1.1.1.1 dst 1.1.1.2 proto esp", "sa add: missing 'spi SPI'");
	bad("missing proto", SA_CMD_GET, "dst 1.1.1.2 spi 300", "missing 'proto { esp | ah }'");
	bad("src in del", SA_CMD_DEL, "src 1.1.1.1", "'src' does not apply here");
	bad("keys in add", SA_CMD_ADD, BASE "keys", "'keys' does not apply here");
	bad("enc in show", SA_CMD_SHOW, "enc null", "'enc' does not apply here");
	bad("min outside allocspi", SA_CMD_ADD, BASE "min 300", "'min' does not apply here");
	bad("allocspi bad max", SA_CMD_ALLOCSPI, "src 1.1.1.1 dst 1.1.1.2 proto esp max z", "max: expected a number 256..4294967295, got 'z'");
	bad("unterminated quote", SA_CMD_ADD, "src \"1.1.1.1", "unterminated \" quote");
}

int main(void)
{
	unit_suite = "sa_args";
	kips_err_quiet = true;
	test_good();
	test_bad();
	return unit_exit();
}
