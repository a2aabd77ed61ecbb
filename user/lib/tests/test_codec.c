// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the attribute codecs (struct kips_sa / kips_policy to
 * attributes and back) and of the walk that names the attribute a kernel
 * rejection points at.
 */
#include <netinet/in.h>
#include <linux/genetlink.h>
#include <libmnl/libmnl.h>

#include "attrs.h"
#include "policy.h"
#include "sa.h"
#include "unit.h"

static char buf[8192];

static struct nlmsghdr *new_msg(uint8_t cmd)
{
	struct nlmsghdr *nlh;
	struct genlmsghdr *genl;

	memset(buf, 0, sizeof(buf));
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = 0x20;
	genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
	genl->cmd = cmd;
	genl->version = KIPS_GENL_VERSION;
	return nlh;
}

/* Finds the offset of the first attribute of @type in [start, end). */
static uint32_t offset_of(const struct nlmsghdr *nlh, const struct nlattr *a)
{
	return (uint32_t)((const char *)a - (const char *)nlh);
}

static void fill_sa(struct kips_sa *sa)
{
	memset(sa, 0, sizeof(*sa));
	kips_addr_parse("10.0.0.1", &sa->src);
	kips_addr_parse("10.0.0.2", &sa->dst);
	KIPS_SET(sa, KIPS_SA_A_SRC);
	KIPS_SET(sa, KIPS_SA_A_DST);
	sa->proto = IPPROTO_ESP;
	KIPS_SET(sa, KIPS_SA_A_PROTO);
	sa->spi = 0x1000;
	KIPS_SET(sa, KIPS_SA_A_SPI);
	sa->mode = KIPS_MODE_TUNNEL;
	KIPS_SET(sa, KIPS_SA_A_MODE);
	sa->reqid = 0;	/* zero but present must survive */
	KIPS_SET(sa, KIPS_SA_A_REQID);
	strcpy(sa->aead.alg, "aes-gcm");
	sa->aead.key_len = 20;
	memset(sa->aead.key, 0xab, 20);
	KIPS_SET(sa, KIPS_SA_A_AEAD_ALG);
	KIPS_SET(sa, KIPS_SA_A_AEAD_KEY);
	sa->icv_len = 12;
	KIPS_SET(sa, KIPS_SA_A_ICV_LEN);
	sa->replay_window = 64;
	KIPS_SET(sa, KIPS_SA_A_REPLAY_WINDOW);
	sa->flags = KIPS_SA_F_ESN;
	KIPS_SET(sa, KIPS_SA_A_FLAGS);
	sa->soft.bytes = 1000;
	KIPS_SET(&sa->soft, KIPS_LT_A_BYTES);
	sa->soft.add_seconds = 30;
	KIPS_SET(&sa->soft, KIPS_LT_A_ADD_SECONDS);
	KIPS_SET(sa, KIPS_SA_A_LIFETIME_SOFT);
	sa->hard.packets = UINT64_MAX;
	KIPS_SET(&sa->hard, KIPS_LT_A_PACKETS);
	KIPS_SET(sa, KIPS_SA_A_LIFETIME_HARD);
	sa->encap_sport = 4500;
	sa->encap_dport = 4501;
	KIPS_SET(sa, KIPS_SA_A_ENCAP_SPORT);
	KIPS_SET(sa, KIPS_SA_A_ENCAP_DPORT);
	kips_prefix_parse("fd00:1::/64", &sa->sel.src);
	KIPS_SET(&sa->sel, KIPS_SEL_A_SRC);
	sa->sel.proto = IPPROTO_TCP;
	KIPS_SET(&sa->sel, KIPS_SEL_A_PROTO);
	sa->sel.dport_min = 80;
	sa->sel.dport_max = 90;
	KIPS_SET(&sa->sel, KIPS_SEL_A_DPORT_MIN);
	KIPS_SET(&sa->sel, KIPS_SEL_A_DPORT_MAX);
	KIPS_SET(sa, KIPS_SA_A_SELECTOR);
}

static void test_sa_roundtrip(void)
{
	struct kips_sa in, out;
	struct nlmsghdr *nlh = new_msg(KIPS_CMD_SA_NEW);

	fill_sa(&in);
	kips_sa_put(nlh, &in);
	CHECK("sa parse", kips_sa_parse(nlh, &out));
	CHECK_U64("sa present mask", in.present, out.present);
	CHECK("sa src", kips_addr_equal(&in.src, &out.src));
	CHECK("sa dst", kips_addr_equal(&in.dst, &out.dst));
	CHECK_U64("sa proto", IPPROTO_ESP, out.proto);
	CHECK_U64("sa spi", 0x1000, out.spi);
	CHECK_U64("sa mode", KIPS_MODE_TUNNEL, out.mode);
	CHECK("sa reqid 0 present", KIPS_HAS(&out, KIPS_SA_A_REQID) && out.reqid == 0);
	CHECK_STR("sa aead alg", "aes-gcm", out.aead.alg);
	CHECK("sa aead key", out.aead.key_len == 20 && !memcmp(out.aead.key, in.aead.key, 20));
	CHECK_U64("sa icv", 12, out.icv_len);
	CHECK_U64("sa replay window", 64, out.replay_window);
	CHECK_U64("sa flags", KIPS_SA_F_ESN, out.flags);
	CHECK("sa soft lifetime", out.soft.present == in.soft.present && out.soft.bytes == 1000 &&
	      out.soft.add_seconds == 30);
	CHECK("sa hard lifetime", out.hard.present == in.hard.present && out.hard.packets == UINT64_MAX);
	CHECK("sa encap", out.encap_sport == 4500 && out.encap_dport == 4501);
	CHECK_U64("sa selector present", in.sel.present, out.sel.present);
	CHECK("sa selector src", kips_addr_equal(&in.sel.src, &out.sel.src) && out.sel.src.prefixlen == 64);
	CHECK("sa selector ports", out.sel.dport_min == 80 && out.sel.dport_max == 90);
	kips_sa_wipe(&out);
	CHECK("sa wipe", out.present == 0 && out.aead.key[0] == 0);
}

static void test_sa_empty_lifetime(void)
{
	struct kips_sa in = { 0 }, out;
	struct nlmsghdr *nlh = new_msg(KIPS_CMD_SA_NEW);

	/* Present but with no limit set: nothing goes on the wire. */
	KIPS_SET(&in, KIPS_SA_A_LIFETIME_SOFT);
	kips_sa_put(nlh, &in);
	CHECK("sa empty lifetime parses", kips_sa_parse(nlh, &out));
	CHECK("sa empty lifetime not sent", !KIPS_HAS(&out, KIPS_SA_A_LIFETIME_SOFT));
}

static void test_sa_malformed(void)
{
	struct nlmsghdr *nlh = new_msg(KIPS_CMD_SA_GET);
	struct kips_sa out;

	mnl_attr_put(nlh, KIPS_SA_A_SRC, 5, "12345");
	CHECK("sa 5-byte address refused", !kips_sa_parse(nlh, &out));
	nlh = new_msg(KIPS_CMD_SA_GET);
	mnl_attr_put_u16(nlh, KIPS_SA_A_SPI, 1);
	CHECK("sa u16 spi refused", !kips_sa_parse(nlh, &out));
	nlh = new_msg(KIPS_CMD_SA_GET);
	mnl_attr_put(nlh, KIPS_SA_A_ENC_ALG, 3, "abc");
	CHECK("sa alg without NUL refused", !kips_sa_parse(nlh, &out));
	nlh = new_msg(KIPS_CMD_SA_GET);
	mnl_attr_put_u32(nlh, 200, 1);
	mnl_attr_put_u32(nlh, KIPS_SA_A_SPI, 300);
	CHECK("sa unknown attribute skipped", kips_sa_parse(nlh, &out) && out.spi == 300);
}

static void test_policy_roundtrip(void)
{
	struct nlmsghdr *nlh = new_msg(KIPS_CMD_POLICY_NEW);
	struct kips_policy in = { 0 }, out;

	in.dir = KIPS_DIR_FWD;
	KIPS_SET(&in, KIPS_POL_A_DIR);
	in.priority = 5;
	KIPS_SET(&in, KIPS_POL_A_PRIORITY);
	in.action = KIPS_ACTION_PROTECT;
	KIPS_SET(&in, KIPS_POL_A_ACTION);
	KIPS_SET(&in, KIPS_POL_A_SELECTOR);	/* empty selector */
	in.n_tmpls = 2;
	KIPS_SET(&in, KIPS_POL_A_TMPL);
	in.tmpls[0].proto = IPPROTO_AH;
	in.tmpls[0].mode = KIPS_MODE_TRANSPORT;
	KIPS_SET(&in.tmpls[0], KIPS_TMPL_A_PROTO);
	KIPS_SET(&in.tmpls[0], KIPS_TMPL_A_MODE);
	in.tmpls[1].proto = IPPROTO_ESP;
	in.tmpls[1].mode = KIPS_MODE_TUNNEL;
	in.tmpls[1].reqid = 7;
	kips_addr_parse("192.0.2.1", &in.tmpls[1].src);
	kips_addr_parse("192.0.2.2", &in.tmpls[1].dst);
	KIPS_SET(&in.tmpls[1], KIPS_TMPL_A_PROTO);
	KIPS_SET(&in.tmpls[1], KIPS_TMPL_A_MODE);
	KIPS_SET(&in.tmpls[1], KIPS_TMPL_A_REQID);
	KIPS_SET(&in.tmpls[1], KIPS_TMPL_A_SRC);
	KIPS_SET(&in.tmpls[1], KIPS_TMPL_A_DST);
	kips_policy_put(nlh, &in);
	CHECK("policy parse", kips_policy_parse(nlh, &out));
	CHECK_U64("policy present", in.present, out.present);
	CHECK("policy fields", out.dir == KIPS_DIR_FWD && out.priority == 5 &&
	      out.action == KIPS_ACTION_PROTECT);
	CHECK_U64("policy empty selector", 0, out.sel.present);
	CHECK_U64("policy templates in order", 2, out.n_tmpls);
	CHECK("policy tmpl 1", out.tmpls[0].proto == IPPROTO_AH && out.tmpls[0].present == in.tmpls[0].present);
	CHECK("policy tmpl 2", out.tmpls[1].proto == IPPROTO_ESP && out.tmpls[1].reqid == 7 &&
	      kips_addr_equal(&out.tmpls[1].dst, &in.tmpls[1].dst));
}

static void test_policy_too_many_tmpls(void)
{
	struct nlmsghdr *nlh = new_msg(KIPS_CMD_POLICY_GET);
	struct kips_policy out;
	struct nlattr *n;
	int i;

	for (i = 0; i < KIPS_POLICY_TMPLS_BUF + 1; i++) {
		n = mnl_attr_nest_start(nlh, KIPS_POL_A_TMPL);
		mnl_attr_put_u8(nlh, KIPS_TMPL_A_PROTO, IPPROTO_ESP);
		mnl_attr_nest_end(nlh, n);
	}
	CHECK("policy more templates than room refused", !kips_policy_parse(nlh, &out));
}

static void test_attr_at(void)
{
	struct nlmsghdr *nlh = new_msg(KIPS_CMD_SA_NEW);
	struct kips_attr_path path;
	const struct nlattr *a, *inner;
	struct kips_sa sa;
	char name[128];
	uint32_t sel_off = 0, dport_off = 0, key_off = 0;

	fill_sa(&sa);
	kips_sa_put(nlh, &sa);
	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr)) {
		if (mnl_attr_get_type(a) == KIPS_SA_A_AEAD_KEY)
			key_off = offset_of(nlh, a);
		if (mnl_attr_get_type(a) == KIPS_SA_A_SELECTOR) {
			sel_off = offset_of(nlh, a);
			mnl_attr_for_each_nested(inner, a)
				if (mnl_attr_get_type(inner) == KIPS_SEL_A_DPORT_MAX)
					dport_off = offset_of(nlh, inner);
		}
	}
	CHECK("attr at aead-key", !kips_attr_at(nlh, key_off, &path));
	CHECK_STR("attr name aead-key", "aead-key", kips_attr_path_str(&path, name, sizeof(name)));
	CHECK("attr at selector", !kips_attr_at(nlh, sel_off, &path));
	CHECK_STR("attr name selector", "selector", kips_attr_path_str(&path, name, sizeof(name)));
	CHECK("attr at selector.dport-max", !kips_attr_at(nlh, dport_off, &path));
	CHECK_STR("attr name selector.dport-max", "selector.dport-max",
		  kips_attr_path_str(&path, name, sizeof(name)));
	CHECK("attr past the end", kips_attr_at(nlh, nlh->nlmsg_len + 4, &path) < 0);
	CHECK("attr in the header", kips_attr_at(nlh, 4, &path) < 0);
	/* Inside an attribute's payload, not at a nested start: the
	 * attribute itself is named.
	 */
	CHECK("attr inside key payload", !kips_attr_at(nlh, key_off + 8, &path));
	CHECK_STR("attr inside key payload name", "aead-key", kips_attr_path_str(&path, name, sizeof(name)));
}

static void test_attr_at_tmpl(void)
{
	struct nlmsghdr *nlh = new_msg(KIPS_CMD_POLICY_NEW);
	struct kips_attr_path path;
	const struct nlattr *a, *inner;
	struct kips_policy pol = { 0 };
	unsigned int n = 0;
	uint32_t off = 0;
	char name[128];

	pol.n_tmpls = 2;
	KIPS_SET(&pol.tmpls[0], KIPS_TMPL_A_PROTO);
	KIPS_SET(&pol.tmpls[1], KIPS_TMPL_A_PROTO);
	KIPS_SET(&pol.tmpls[1], KIPS_TMPL_A_SRC);
	kips_addr_parse("fd00::1", &pol.tmpls[1].src);
	kips_policy_put(nlh, &pol);
	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr))
		if (mnl_attr_get_type(a) == KIPS_POL_A_TMPL && ++n == 2)
			mnl_attr_for_each_nested(inner, a)
				if (mnl_attr_get_type(inner) == KIPS_TMPL_A_SRC)
					off = offset_of(nlh, inner);
	CHECK("attr at tmpl[2].src", off && !kips_attr_at(nlh, off, &path));
	CHECK_STR("attr name tmpl[2].src", "tmpl[2].src", kips_attr_path_str(&path, name, sizeof(name)));
}

int main(void)
{
	unit_suite = "lib_codec";
	test_sa_roundtrip();
	test_sa_empty_lifetime();
	test_sa_malformed();
	test_policy_roundtrip();
	test_policy_too_many_tmpls();
	test_attr_at();
	test_attr_at_tmpl();
	return unit_exit();
}
