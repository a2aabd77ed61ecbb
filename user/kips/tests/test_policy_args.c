// SPDX-License-Identifier: GPL-2.0
/* Unit tests of `kips policy ...` argument parsing. */
#include <netinet/in.h>

#include "args.h"
#include "kips.h"
#include "unit.h"

static struct kips_policy pol;

static bool parse(enum policy_cmd cmd, const char *line)
{
	char copy[1024], *argv[128];
	struct kips_args a;
	int argc;

	kips_last_err[0] = 0;
	snprintf(copy, sizeof(copy), "%s", line);
	argc = kips_batch_split(copy, argv, 128);
	a.argc = argc;
	a.argv = argv;
	memset(&pol, 0, sizeof(pol));
	return argc >= 0 && policy_args_parse(&a, cmd, "policy add", &pol);
}

static void bad(const char *name, enum policy_cmd cmd, const char *line, const char *want)
{
	bool ok = parse(cmd, line);

	unit_check(!ok && strstr(kips_last_err, want), name,
		   "'%s': expected a failure saying '%s', got %s '%s'", line, want,
		   ok ? "success" : "failure", kips_last_err);
}

static void test_good(void)
{
	CHECK("add minimal", parse(POL_CMD_ADD, "dir out"));
	CHECK("add minimal: empty selector sent", KIPS_HAS(&pol, KIPS_POL_A_SELECTOR) &&
	      pol.sel.present == 0 && !KIPS_HAS(&pol, KIPS_POL_A_ACTION) && pol.n_tmpls == 0);

	CHECK("add full", parse(POL_CMD_ADD,
		"dir fwd src 10.1.0.0/24 dst 10.2.0.0/24 proto tcp sport 1000-2000 dport 443 "
		"priority 10 index 42 action protect "
		"tmpl proto esp mode tunnel src 192.0.2.1 dst 192.0.2.2 reqid 5 spi 0x1234"));
	CHECK("dir fwd", pol.dir == KIPS_DIR_FWD);
	CHECK("selector", pol.sel.src.prefixlen == 24 && pol.sel.proto == IPPROTO_TCP &&
	      pol.sel.sport_min == 1000 && pol.sel.sport_max == 2000 && pol.sel.dport_min == 443);
	CHECK("priority index action", pol.priority == 10 && pol.index == 42 &&
	      pol.action == KIPS_ACTION_PROTECT);
	CHECK("one template", pol.n_tmpls == 1 && pol.tmpls[0].proto == IPPROTO_ESP &&
	      pol.tmpls[0].mode == KIPS_MODE_TUNNEL && pol.tmpls[0].reqid == 5 &&
	      pol.tmpls[0].spi == 0x1234 && pol.tmpls[0].dst.bytes[3] == 2);

	CHECK("bundle", parse(POL_CMD_ADD, "dir out src fd00:1::/64 dst fd00:2::/64 "
			      "tmpl proto ah mode transport tmpl proto esp reqid 2 priority 3"));
	CHECK("bundle order", pol.n_tmpls == 2 && pol.tmpls[0].proto == IPPROTO_AH &&
	      pol.tmpls[1].proto == IPPROTO_ESP && pol.tmpls[1].reqid == 2);
	CHECK("template mode defaults", !KIPS_HAS(&pol.tmpls[1], KIPS_TMPL_A_MODE));
	CHECK("priority after tmpl is the policy's", pol.priority == 3);

	CHECK("bypass icmp", parse(POL_CMD_ADD, "dir in proto ipv6-icmp type 135 action bypass"));
	CHECK("icmp type", pol.sel.sport_min == 135 && pol.sel.sport_max == 135 &&
	      !KIPS_HAS(&pol.sel, KIPS_SEL_A_DPORT_MIN) && pol.action == KIPS_ACTION_BYPASS);

	CHECK("three templates pass to the kernel", parse(POL_CMD_ADD,
		"dir out tmpl proto esp tmpl proto ah tmpl proto esp") && pol.n_tmpls == 3);
	CHECK("tunnel without ends passes to the kernel", parse(POL_CMD_ADD, "dir out tmpl proto esp mode tunnel"));
	CHECK("ports without proto pass to the kernel", parse(POL_CMD_ADD, "dir out dport 80"));

	CHECK("set", parse(POL_CMD_SET, "index 4 dir in action discard"));
	CHECK("del by index", parse(POL_CMD_DEL, "index 4") && KIPS_HAS(&pol, KIPS_POL_A_INDEX) &&
	      !KIPS_HAS(&pol, KIPS_POL_A_SELECTOR) && !KIPS_HAS(&pol, KIPS_POL_A_PRIORITY));
	CHECK("get by selector", parse(POL_CMD_GET, "dir out src 10.0.0.0/8"));
	CHECK("get by selector sends priority 0", KIPS_HAS(&pol, KIPS_POL_A_PRIORITY) && pol.priority == 0 &&
	      KIPS_HAS(&pol, KIPS_POL_A_SELECTOR));
	CHECK("show dir", parse(POL_CMD_SHOW, "dir in") && pol.dir == KIPS_DIR_IN &&
	      !KIPS_HAS(&pol, KIPS_POL_A_SELECTOR));
	CHECK("flush", parse(POL_CMD_FLUSH, "") && pol.present == 0);
}

static void test_bad(void)
{
	bad("bad dir", POL_CMD_ADD, "dir sideways", "dir: expected in, out or fwd, got 'sideways'");
	bad("missing dir", POL_CMD_ADD, "src 10.0.0.0/8", "policy add: missing 'dir { in | out | fwd }'");
	bad("bad action", POL_CMD_ADD, "dir out action allow", "action: expected protect, bypass or discard, got 'allow'");
	bad("bad priority", POL_CMD_ADD, "dir out priority high", "priority: expected a number");
	bad("bad index", POL_CMD_ADD, "dir out index x", "index: expected a number 1..4294967295, got 'x'");
	bad("bad src prefix", POL_CMD_ADD, "dir out src 10.0.0.0/40", "src: expected an IPv4 or IPv6 address with an optional /LEN, got '10.0.0.0/40'");
	bad("bad sport", POL_CMD_ADD, "dir out proto udp sport 99999", "sport: expected a port");
	bad("type without icmp", POL_CMD_ADD, "dir out proto udp type 1", "type: needs proto icmp or ipv6-icmp");
	bad("code without proto", POL_CMD_ADD, "dir out code 1", "code: needs proto icmp or ipv6-icmp");
	bad("dst twice", POL_CMD_ADD, "dir out dst 1.0.0.0/8 dst 2.0.0.0/8", "dst: given twice");
	bad("tmpl bad proto", POL_CMD_ADD, "dir out tmpl proto gre", "tmpl proto: expected esp or ah, got 'gre'");
	bad("tmpl bad mode", POL_CMD_ADD, "dir out tmpl proto esp mode beet", "tmpl mode: expected transport or tunnel, got 'beet'");
	bad("tmpl bad addr", POL_CMD_ADD, "dir out tmpl proto esp src 1.2.3", "tmpl src: expected an IPv4 or IPv6 address, got '1.2.3'");
	bad("tmpl bad spi", POL_CMD_ADD, "dir out tmpl proto esp spi -5", "tmpl spi: expected a number 256..4294967295, got '-5'");
	bad("tmpl without proto", POL_CMD_ADD, "dir out tmpl mode tunnel", "tmpl: missing 'proto { esp | ah }'");
	bad("tmpl empty", POL_CMD_ADD, "dir out tmpl", "tmpl: missing 'proto { esp | ah }'");
	bad("tmpl twice proto", POL_CMD_ADD, "dir out tmpl proto esp proto ah", "tmpl proto: given twice");
	bad("selector after tmpl", POL_CMD_ADD, "dir out tmpl proto esp dport 80", "'dport' after tmpl");
	bad("too many tmpls", POL_CMD_ADD, "dir out tmpl proto esp tmpl proto esp tmpl proto esp tmpl proto esp "
	    "tmpl proto esp tmpl proto esp tmpl proto esp tmpl proto esp tmpl proto esp", "tmpl: more than 8 templates");
	bad("unknown word", POL_CMD_ADD, "dir out allow", "policy add: unexpected argument 'allow'");
	bad("set without index", POL_CMD_SET, "dir out", "missing 'index N'");
	bad("del without identity", POL_CMD_DEL, "", "missing 'index N' or 'dir DIR");
	bad("del index and dir", POL_CMD_DEL, "index 3 dir out", "give index N or dir DIR [ SELECTOR ], not both");
	bad("del index and selector", POL_CMD_DEL, "index 3 src 10.0.0.0/8", "a selector or priority identifies a policy only with dir");
	bad("action in del", POL_CMD_DEL, "dir out action bypass", "'action' does not apply here");
	bad("selector in show", POL_CMD_SHOW, "src 10.0.0.0/8", "'src' does not apply here");
	bad("tmpl in flush", POL_CMD_FLUSH, "tmpl proto esp", "'tmpl' does not apply here");
}

int main(void)
{
	unit_suite = "policy_args";
	kips_err_quiet = true;
	test_good();
	test_bad();
	return unit_exit();
}
