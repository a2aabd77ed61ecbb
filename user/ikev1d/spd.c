// SPDX-License-Identifier: GPL-2.0
/* Policies for a selector pair (see spd.h). */
#include <errno.h>
#include <string.h>

#include "child.h"
#include "ike.h"
#include "log.h"
#include "spd.h"

/* More specific selectors (longer prefixes, a protocol, ports) get lower
 * numbers, which the kernel prefers.
 */
static uint32_t priority_of(const struct kips_sel *s)
{
	uint32_t p = SPD_PRIORITY_BASE + 4 * (2 * 128 - s->src.prefixlen -
					      s->dst.prefixlen);

	if (!KIPS_HAS(s, KIPS_SEL_A_PROTO))
		p += 2;
	if (!KIPS_HAS(s, KIPS_SEL_A_SPORT_MIN) && !KIPS_HAS(s, KIPS_SEL_A_DPORT_MIN))
		p += 1;
	return p;
}

static void make_sel(struct kips_sel *s, const struct kips_addr *src,
		     const struct kips_addr *dst, const struct conf_ts *sts,
		     const struct conf_ts *dts)
{
	memset(s, 0, sizeof(*s));
	s->src = *src;
	s->dst = *dst;
	KIPS_SET(s, KIPS_SEL_A_SRC);
	KIPS_SET(s, KIPS_SEL_A_DST);
	/* A proxy ID carries one protocol and one port on each side. */
	if (sts->proto || dts->proto) {
		s->proto = sts->proto ? sts->proto : dts->proto;
		KIPS_SET(s, KIPS_SEL_A_PROTO);
	}
	if (sts->port) {
		s->sport_min = s->sport_max = sts->port;
		KIPS_SET(s, KIPS_SEL_A_SPORT_MIN);
		KIPS_SET(s, KIPS_SEL_A_SPORT_MAX);
	}
	if (dts->port) {
		s->dport_min = s->dport_max = dts->port;
		KIPS_SET(s, KIPS_SEL_A_DPORT_MIN);
		KIPS_SET(s, KIPS_SEL_A_DPORT_MAX);
	}
}

/* One policy: traffic from @snet to @dnet, through SAs from @src to @dst. */
static int add_one(struct engine *e, const struct conf_conn *c, uint8_t dir,
		   const struct kips_addr *snet, const struct kips_addr *dnet,
		   const struct conf_ts *sts, const struct conf_ts *dts,
		   const struct kips_addr *src, const struct kips_addr *dst,
		   uint8_t ip_proto, uint32_t reqid, struct spd_entry *out)
{
	struct kips_policy pol;
	struct kips_tmpl *t = &pol.tmpls[0];
	uint32_t index = 0;
	int r;

	memset(&pol, 0, sizeof(pol));
	pol.dir = dir;
	pol.action = KIPS_ACTION_PROTECT;
	make_sel(&pol.sel, snet, dnet, sts, dts);
	pol.priority = priority_of(&pol.sel);
	pol.n_tmpls = 1;
	t->proto = ip_proto;
	t->mode = c->mode;
	t->reqid = reqid;
	KIPS_SET(t, KIPS_TMPL_A_PROTO);
	KIPS_SET(t, KIPS_TMPL_A_MODE);
	KIPS_SET(t, KIPS_TMPL_A_REQID);
	if (c->mode == KIPS_MODE_TUNNEL) {
		t->src = *src;
		t->dst = *dst;
		KIPS_SET(t, KIPS_TMPL_A_SRC);
		KIPS_SET(t, KIPS_TMPL_A_DST);
	}
	KIPS_SET(&pol, KIPS_POL_A_DIR);
	KIPS_SET(&pol, KIPS_POL_A_ACTION);
	KIPS_SET(&pol, KIPS_POL_A_PRIORITY);
	KIPS_SET(&pol, KIPS_POL_A_SELECTOR);
	KIPS_SET(&pol, KIPS_POL_A_TMPL);
	r = e->ops.add_policy(e->ops.kernel_ctx, &pol, &index);
	if (r)
		return r;
	out->index[out->n++] = index;
	return 0;
}

int spd_install(struct engine *e, const struct conf_conn *c,
		const struct kips_addr *local, const struct kips_addr *remote,
		const struct conf_ts *l, const struct conf_ts *r,
		uint8_t ip_proto, uint32_t reqid, struct spd_entry *out)
{
	struct kips_addr lnet, rnet;
	int ret;

	out->n = 0;
	if (!ts_as_prefix(l, &lnet) || !ts_as_prefix(r, &rnet)) {
		log_error("%s: an address range that is not a prefix cannot be a "
			  "kernel selector", c->name);
		return -EINVAL;
	}
	ret = add_one(e, c, KIPS_DIR_OUT, &lnet, &rnet, l, r, local, remote,
		      ip_proto, reqid, out);
	if (!ret)
		ret = add_one(e, c, KIPS_DIR_IN, &rnet, &lnet, r, l, remote, local,
			      ip_proto, reqid, out);
	if (!ret && c->mode == KIPS_MODE_TUNNEL)
		ret = add_one(e, c, KIPS_DIR_FWD, &rnet, &lnet, r, l, remote, local,
			      ip_proto, reqid, out);
	if (ret)
		spd_remove(e, out);
	return ret;
}

void spd_remove(struct engine *e, struct spd_entry *s)
{
	while (s->n)
		e->ops.del_policy(e->ops.kernel_ctx, s->index[--s->n]);
}
