// SPDX-License-Identifier: GPL-2.0
#include <string.h>
#include <linux/genetlink.h>
#include <libmnl/libmnl.h>

#include "nl.h"
#include "policy.h"

static void put_tmpl(struct nlmsghdr *nlh, const struct kips_tmpl *t)
{
	struct nlattr *nest = mnl_attr_nest_start(nlh, KIPS_POL_A_TMPL);

	if (KIPS_HAS(t, KIPS_TMPL_A_PROTO))
		mnl_attr_put_u8(nlh, KIPS_TMPL_A_PROTO, t->proto);
	if (KIPS_HAS(t, KIPS_TMPL_A_MODE))
		mnl_attr_put_u8(nlh, KIPS_TMPL_A_MODE, t->mode);
	if (KIPS_HAS(t, KIPS_TMPL_A_REQID))
		mnl_attr_put_u32(nlh, KIPS_TMPL_A_REQID, t->reqid);
	if (KIPS_HAS(t, KIPS_TMPL_A_SRC))
		mnl_attr_put(nlh, KIPS_TMPL_A_SRC, kips_addr_len(&t->src), t->src.bytes);
	if (KIPS_HAS(t, KIPS_TMPL_A_DST))
		mnl_attr_put(nlh, KIPS_TMPL_A_DST, kips_addr_len(&t->dst), t->dst.bytes);
	if (KIPS_HAS(t, KIPS_TMPL_A_SPI))
		mnl_attr_put_u32(nlh, KIPS_TMPL_A_SPI, t->spi);
	mnl_attr_nest_end(nlh, nest);
}

void kips_policy_put(struct nlmsghdr *nlh, const struct kips_policy *pol)
{
	unsigned int i;

	if (KIPS_HAS(pol, KIPS_POL_A_INDEX))
		mnl_attr_put_u32(nlh, KIPS_POL_A_INDEX, pol->index);
	if (KIPS_HAS(pol, KIPS_POL_A_DIR))
		mnl_attr_put_u8(nlh, KIPS_POL_A_DIR, pol->dir);
	if (KIPS_HAS(pol, KIPS_POL_A_PRIORITY))
		mnl_attr_put_u32(nlh, KIPS_POL_A_PRIORITY, pol->priority);
	if (KIPS_HAS(pol, KIPS_POL_A_ACTION))
		mnl_attr_put_u8(nlh, KIPS_POL_A_ACTION, pol->action);
	if (KIPS_HAS(pol, KIPS_POL_A_SELECTOR))
		kips_sel_put(nlh, KIPS_POL_A_SELECTOR, &pol->sel);
	for (i = 0; i < pol->n_tmpls && i < KIPS_POLICY_TMPLS_BUF; i++)
		put_tmpl(nlh, &pol->tmpls[i]);
}

static bool get_u8(const struct nlattr *a, uint8_t *v)
{
	if (mnl_attr_validate(a, MNL_TYPE_U8) < 0)
		return false;
	*v = mnl_attr_get_u8(a);
	return true;
}

static bool get_u32(const struct nlattr *a, uint32_t *v)
{
	if (mnl_attr_validate(a, MNL_TYPE_U32) < 0)
		return false;
	*v = mnl_attr_get_u32(a);
	return true;
}

static bool get_addr(const struct nlattr *a, struct kips_addr *addr)
{
	return kips_addr_from_raw(addr, mnl_attr_get_payload(a),
				  mnl_attr_get_payload_len(a));
}

static bool parse_tmpl(const struct nlattr *nest, struct kips_tmpl *t)
{
	const struct nlattr *tb[KIPS_TMPL_A_MAX + 1] = { 0 };
	unsigned int type;
	bool ok;

	memset(t, 0, sizeof(*t));
	if (kips_nl_parse_nested(nest, tb, KIPS_TMPL_A_MAX) < 0)
		return false;
	for (type = 1; type <= KIPS_TMPL_A_MAX; type++) {
		if (!tb[type])
			continue;
		switch (type) {
		case KIPS_TMPL_A_PROTO:
			ok = get_u8(tb[type], &t->proto);
			break;
		case KIPS_TMPL_A_MODE:
			ok = get_u8(tb[type], &t->mode);
			break;
		case KIPS_TMPL_A_REQID:
			ok = get_u32(tb[type], &t->reqid);
			break;
		case KIPS_TMPL_A_SRC:
			ok = get_addr(tb[type], &t->src);
			break;
		case KIPS_TMPL_A_DST:
			ok = get_addr(tb[type], &t->dst);
			break;
		case KIPS_TMPL_A_SPI:
			ok = get_u32(tb[type], &t->spi);
			break;
		default:
			continue;
		}
		if (!ok)
			return false;
		KIPS_SET(t, type);
	}
	return true;
}

/* Templates repeat, so the message is walked rather than tabled. */
bool kips_policy_parse(const struct nlmsghdr *nlh, struct kips_policy *pol)
{
	const struct nlattr *a;
	unsigned int type;
	bool ok;

	memset(pol, 0, sizeof(*pol));
	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr)) {
		type = mnl_attr_get_type(a);
		switch (type) {
		case KIPS_POL_A_INDEX:
			ok = get_u32(a, &pol->index);
			break;
		case KIPS_POL_A_DIR:
			ok = get_u8(a, &pol->dir);
			break;
		case KIPS_POL_A_PRIORITY:
			ok = get_u32(a, &pol->priority);
			break;
		case KIPS_POL_A_ACTION:
			ok = get_u8(a, &pol->action);
			break;
		case KIPS_POL_A_SELECTOR:
			ok = kips_sel_parse(a, &pol->sel);
			break;
		case KIPS_POL_A_TMPL:
			ok = pol->n_tmpls < KIPS_POLICY_TMPLS_BUF &&
			     parse_tmpl(a, &pol->tmpls[pol->n_tmpls]);
			if (ok)
				pol->n_tmpls++;
			break;
		case KIPS_POL_A_STATS:
			ok = kips_counters_parse(a, &pol->stats);
			break;
		default:
			continue;
		}
		if (!ok)
			return false;
		KIPS_SET(pol, type);
	}
	return true;
}

const char *kips_dir_name(uint8_t dir)
{
	switch (dir) {
	case KIPS_DIR_IN:
		return "in";
	case KIPS_DIR_OUT:
		return "out";
	case KIPS_DIR_FWD:
		return "fwd";
	default:
		return NULL;
	}
}

const char *kips_action_name(uint8_t action)
{
	switch (action) {
	case KIPS_ACTION_PROTECT:
		return "protect";
	case KIPS_ACTION_BYPASS:
		return "bypass";
	case KIPS_ACTION_DISCARD:
		return "discard";
	default:
		return NULL;
	}
}
