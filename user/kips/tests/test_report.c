// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of how a kernel rejection is reported: the kernel's message,
 * and the argument behind the attribute its offset points at, found in the
 * request that was sent.
 */
#include <linux/genetlink.h>
#include <stdlib.h>

#include "args.h"
#include "kips.h"
#include "unit.h"

static struct kips_ctx ctx;

/* Builds the request `sa add ...` or `policy add ...` would send. */
static struct nlmsghdr *request(bool sa, const char *line)
{
	char copy[1024], *argv[128];
	struct kips_policy pol;
	struct kips_args a;
	struct kips_sa s;
	struct nlmsghdr *nlh;

	snprintf(copy, sizeof(copy), "%s", line);
	a.argc = kips_batch_split(copy, argv, 128);
	a.argv = argv;
	memset(&s, 0, sizeof(s));
	memset(&pol, 0, sizeof(pol));
	if (sa ? !sa_args_parse(&a, SA_CMD_ADD, "sa add", &s)
	       : !policy_args_parse(&a, POL_CMD_ADD, "policy add", &pol))
		return NULL;
	nlh = kips_nl_new(&ctx.nl, sa ? KIPS_CMD_SA_NEW : KIPS_CMD_POLICY_NEW, 0);
	if (sa)
		kips_sa_put(nlh, &s);
	else
		kips_policy_put(nlh, &pol);
	return nlh;
}

/* The offset of the @nth attribute of @type at the top (inner == 0) or of
 * type @inner inside it.
 */
static uint32_t find(const struct nlmsghdr *nlh, uint16_t type, unsigned int nth, uint16_t inner)
{
	const struct nlattr *a, *i;

	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr)) {
		if (mnl_attr_get_type(a) != type || --nth)
			continue;
		if (!inner)
			return (uint32_t)((const char *)a - (const char *)nlh);
		mnl_attr_for_each_nested(i, a)
			if (mnl_attr_get_type(i) == inner)
				return (uint32_t)((const char *)i - (const char *)nlh);
	}
	return 0;
}

static void expect(const char *name, const char *what, const char *want)
{
	kips_nl_report(&ctx, what);
	unit_check(!strcmp(kips_last_err, want), name, "expected '%s', got '%s'", want, kips_last_err);
}

#define SA "src 10.0.0.1 dst 10.0.0.2 proto esp spi 300 "

int main(void)
{
	struct nlmsghdr *nlh;

	unit_suite = "report";
	kips_err_quiet = true;
	ctx.nl.buf_size = 8192;
	ctx.nl.buf = calloc(1, ctx.nl.buf_size);

	nlh = request(true, SA "enc aes-cbc 0x0011");
	snprintf(ctx.nl.err, sizeof(ctx.nl.err), "wrong key length for aes-cbc");
	ctx.nl.bad_attr_offset = find(nlh, KIPS_SA_A_ENC_KEY, 1, 0);
	expect("sa key", "sa add",
	       "sa add: wrong key length for aes-cbc (argument 'enc ALG KEY', attribute enc-key)");

	nlh = request(true, SA "soft bytes 10 hard bytes 5");
	snprintf(ctx.nl.err, sizeof(ctx.nl.err), "soft limit above hard limit");
	ctx.nl.bad_attr_offset = find(nlh, KIPS_SA_A_LIFETIME_SOFT, 1, KIPS_LT_A_BYTES);
	expect("sa nested lifetime", "sa add",
	       "sa add: soft limit above hard limit (argument 'soft bytes', attribute lifetime-soft.bytes)");

	nlh = request(true, SA "sel dport 80");
	snprintf(ctx.nl.err, sizeof(ctx.nl.err), "port range needs a protocol");
	ctx.nl.bad_attr_offset = find(nlh, KIPS_SA_A_SELECTOR, 1, KIPS_SEL_A_DPORT_MIN);
	expect("sa selector", "sa add",
	       "sa add: port range needs a protocol (argument 'sel dport (or code)', attribute selector.dport-min)");

	nlh = request(true, SA);
	snprintf(ctx.nl.err, sizeof(ctx.nl.err), "SPI 300 is taken");
	ctx.nl.bad_attr_offset = 0;
	expect("no offset: message alone", "sa add", "sa add: SPI 300 is taken");

	ctx.nl.bad_attr_offset = nlh->nlmsg_len + 100;
	expect("offset outside the request", "sa add", "sa add: SPI 300 is taken");

	nlh = request(false, "dir out tmpl proto esp tmpl proto esp mode tunnel src 1.1.1.1");
	snprintf(ctx.nl.err, sizeof(ctx.nl.err), "tunnel mode needs both endpoints");
	ctx.nl.bad_attr_offset = find(nlh, KIPS_POL_A_TMPL, 2, KIPS_TMPL_A_MODE);
	expect("policy second template", "policy add",
	       "policy add: tunnel mode needs both endpoints (argument 'tmpl mode' of template 2, attribute tmpl[2].mode)");

	nlh = request(false, "dir out src 10.0.0.0/8 dst fd00::/8");
	snprintf(ctx.nl.err, sizeof(ctx.nl.err), "selector mixes families");
	ctx.nl.bad_attr_offset = find(nlh, KIPS_POL_A_SELECTOR, 1, KIPS_SEL_A_DST);
	expect("policy selector", "policy add",
	       "policy add: selector mixes families (argument 'dst', attribute selector.dst)");

	/* An attribute the argument table does not know is still named. */
	nlh = kips_nl_new(&ctx.nl, KIPS_CMD_SA_GET, 0);
	mnl_attr_put_u32(nlh, KIPS_SA_A_STATE, 1);
	snprintf(ctx.nl.err, sizeof(ctx.nl.err), "attribute not allowed");
	ctx.nl.bad_attr_offset = find(nlh, KIPS_SA_A_STATE, 1, 0);
	expect("unmapped attribute", "sa get", "sa get: attribute not allowed (attribute state)");

	free(ctx.nl.buf);
	return unit_exit();
}
