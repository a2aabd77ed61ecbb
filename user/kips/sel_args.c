// SPDX-License-Identifier: GPL-2.0
/*
 * Selector words, shared by `sa ... sel SELECTOR` and `policy`:
 *   src PREFIX  dst PREFIX  proto PROTO  sport PORT[-PORT]  dport PORT[-PORT]
 *   type N  code N   (ICMP: carried in the source and destination port)
 */
#include <stdio.h>
#include <string.h>

#include "args.h"
#include "ipproto.h"
#include "kips.h"
#include "parse.h"

/* Builds "sel src" or "src" for messages. */
static const char *kw_name(const char *prefix, const char *kw, char *buf, size_t size)
{
	if (prefix && *prefix)
		snprintf(buf, size, "%s %s", prefix, kw);
	else
		snprintf(buf, size, "%s", kw);
	return buf;
}

static bool port_range(struct kips_args *a, const char *kw, uint16_t *min, uint16_t *max)
{
	const char *v = args_value(a, kw, "PORT[-PORT]");

	if (!v)
		return false;
	if (!kips_parse_port_range(v, min, max))
		return invarg(kw, "a port 0..65535 or a range PORT-PORT", v);
	return true;
}

/* type and code are one value each, kept in the port fields as XFRM does. */
static bool icmp_value(struct kips_args *a, const char *kw, uint16_t *min, uint16_t *max)
{
	const char *v = args_value(a, kw, "N");
	uint8_t n;

	if (!v)
		return false;
	if (!kips_parse_u8(v, UINT8_MAX, &n))
		return invarg(kw, "a number 0..255", v);
	*min = *max = n;
	return true;
}

int sel_arg(struct kips_args *a, struct sel_parser *p)
{
	struct kips_sel *sel = p->sel;
	const char *prefix = p->prefix;
	const char *w = args_peek(a);
	char kw[32];

	if (!w)
		return 0;
	if (!strcmp(w, "src") || !strcmp(w, "dst")) {
		unsigned int attr = w[0] == 's' ? KIPS_SEL_A_SRC : KIPS_SEL_A_DST;

		kw_name(prefix, w, kw, sizeof(kw));
		args_take(a);
		if (KIPS_HAS(sel, attr)) {
			duparg(kw);
			return -1;
		}
		if (!arg_prefix(a, kw, attr == KIPS_SEL_A_SRC ? &sel->src : &sel->dst))
			return -1;
		KIPS_SET(sel, attr);
		return 1;
	}
	if (!strcmp(w, "proto")) {
		kw_name(prefix, w, kw, sizeof(kw));
		args_take(a);
		if (KIPS_HAS(sel, KIPS_SEL_A_PROTO)) {
			duparg(kw);
			return -1;
		}
		if (!arg_ipproto(a, kw, &sel->proto))
			return -1;
		KIPS_SET(sel, KIPS_SEL_A_PROTO);
		return 1;
	}
	if (!strcmp(w, "sport") || !strcmp(w, "type") ||
	    !strcmp(w, "dport") || !strcmp(w, "code")) {
		bool src_side = !strcmp(w, "sport") || !strcmp(w, "type");
		bool icmp = !strcmp(w, "type") || !strcmp(w, "code");
		unsigned int attr = src_side ? KIPS_SEL_A_SPORT_MIN : KIPS_SEL_A_DPORT_MIN;
		uint16_t *min = src_side ? &sel->sport_min : &sel->dport_min;
		uint16_t *max = src_side ? &sel->sport_max : &sel->dport_max;

		kw_name(prefix, w, kw, sizeof(kw));
		args_take(a);
		if (KIPS_HAS(sel, attr)) {
			/* sport and type share a field: name both. */
			kips_err("%s: given twice (%s)", kw,
				 src_side ? "sport and type are one field" :
					    "dport and code are one field");
			return -1;
		}
		if (!(icmp ? icmp_value(a, kw, min, max) : port_range(a, kw, min, max)))
			return -1;
		KIPS_SET(sel, attr);
		KIPS_SET(sel, attr + 1);	/* _MAX follows _MIN */
		if (icmp)
			p->icmp_kw = src_side ? "type" : "code";
		return 1;
	}
	return 0;
}

bool sel_args_done(const struct sel_parser *p)
{
	char kw[32];

	if (!p->icmp_kw)
		return true;
	if (KIPS_HAS(p->sel, KIPS_SEL_A_PROTO) && kips_ipproto_is_icmp(p->sel->proto))
		return true;
	kips_err("%s: needs proto icmp or ipv6-icmp (type and code are ICMP's)",
		 kw_name(p->prefix, p->icmp_kw, kw, sizeof(kw)));
	return false;
}
