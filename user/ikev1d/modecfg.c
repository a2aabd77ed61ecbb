// SPDX-License-Identifier: GPL-2.0
/*
 * Mode config as a client, pull mode (draft-dukes-ike-mode-cfg-02): we
 * REQUEST an IPv4 address, its netmask and DNS servers, the server
 * REPLYs.  The address becomes the local side of our quick modes' proxy
 * IDs and the policies', and goes on conn->sourceip_dev (lo unless set)
 * as a /32 so that local programs can send from it; it leaves when the
 * ISAKMP SA goes.  DNS servers are shown in the status, never written to
 * resolv.conf.
 */
#include <errno.h>
#include <string.h>

#include <openssl/rand.h>

#include "ike.h"
#include "log.h"

int modecfg_start(struct ike_sa *sa)
{
	struct exchange *x;

	sa->ra.phase = RA_MODECFG;
	x = exchange_new(sa, &transaction_initiator, new_msgid(sa));
	if (!x)
		return -1;
	if (RAND_bytes((uint8_t *)&x->cfg_id, sizeof(x->cfg_id)) != 1)
		x->cfg_id = 1;
	log_info("%s: asking the server for an address (mode config)",
		 ike_sa_name(sa));
	exchange_advance(x);
	return 0;
}

void modecfg_put_request(const struct ike_sa *sa, struct isakmp_cfg *cfg)
{
	static const uint16_t want[] = {
		CFG_INTERNAL_IP4_ADDRESS,
		CFG_INTERNAL_IP4_NETMASK,
		CFG_INTERNAL_IP4_DNS,
	};
	size_t i;

	(void)sa;
	/* Empty values: "give me one" (draft section 3.3). */
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		cfg->attrs[cfg->nattrs++] = (struct isakmp_attr){
			.type = want[i], .tlv = true,
		};
}

/* A netmask's prefix length; -1 if its ones are not contiguous. */
static int mask_bits(const uint8_t *m)
{
	uint32_t v = (uint32_t)m[0] << 24 | m[1] << 16 | m[2] << 8 | m[3];
	int bits = 0;

	while (v & 0x80000000u) {
		bits++;
		v <<= 1;
	}
	return v ? -1 : bits;
}

static int bad(const struct exchange *x, uint16_t type, uint16_t len)
{
	log_warn("%s: mode-config REPLY: attribute %u of %u bytes is malformed",
		 ike_sa_name(x->sa), type, len);
	return STEP_FAIL;
}

int modecfg_take_reply(struct exchange *x, const struct isakmp_cfg *cfg)
{
	struct ike_sa *sa = x->sa;
	struct ra_state *ra = &sa->ra;
	char a[KIPS_PREFIX_STRLEN];
	int netmask = -1;
	size_t i;

	if (ra->phase != RA_MODECFG)
		return STEP_FAIL;
	ra->ndns = 0;
	memset(&ra->vip, 0, sizeof(ra->vip));
	for (i = 0; i < cfg->nattrs; i++) {
		const struct isakmp_attr *at = &cfg->attrs[i];

		if (!at->tlv && (at->type == CFG_INTERNAL_IP4_ADDRESS ||
				 at->type == CFG_INTERNAL_IP4_NETMASK ||
				 at->type == CFG_INTERNAL_IP4_DNS))
			return bad(x, at->type, 2);
		switch (at->type) {
		case CFG_INTERNAL_IP4_ADDRESS:
			if (at->len != 4)
				return bad(x, at->type, at->len);
			if (ra->vip.family)
				break;	/* one is all we use */
			if (!kips_addr_from_raw(&ra->vip, at->val, 4) ||
			    !memcmp(at->val, "\0\0\0\0", 4))
				return bad(x, at->type, at->len);
			ra->vip.prefixlen = 32;
			break;
		case CFG_INTERNAL_IP4_NETMASK:
			if (at->len != 4 || (netmask = mask_bits(at->val)) < 0)
				return bad(x, at->type, at->len);
			break;
		case CFG_INTERNAL_IP4_DNS:
			if (at->len != 4)
				return bad(x, at->type, at->len);
			if (ra->ndns < RA_DNS_MAX &&
			    kips_addr_from_raw(&ra->dns[ra->ndns], at->val, 4))
				ra->ndns++;
			break;
		default:
			log_debug("%s: mode-config REPLY: attribute %u ignored",
				  ike_sa_name(sa), at->type);
		}
	}
	if (!ra->vip.family && sa->conn->sourceip) {
		log_error("%s: the server assigned no IPv4 address "
			  "(local-sourceip = %%config)", ike_sa_name(sa));
		return STEP_FAIL;
	}
	if (ra->vip.family && netmask >= 0)
		log_info("%s: mode config: the server assigned %s (netmask /%d)",
			 ike_sa_name(sa), kips_addr_str(&ra->vip, a, sizeof(a)),
			 netmask);
	else if (ra->vip.family)
		log_info("%s: mode config: the server assigned %s",
			 ike_sa_name(sa), kips_addr_str(&ra->vip, a, sizeof(a)));
	for (i = 0; i < ra->ndns; i++)
		log_info("%s: mode config: DNS server %s", ike_sa_name(sa),
			 kips_addr_str(&ra->dns[i], a, sizeof(a)));
	/* Without local-sourceip = %config the address is only shown. */
	if (!sa->conn->sourceip)
		memset(&ra->vip, 0, sizeof(ra->vip));
	return 0;
}

void modecfg_finished(struct exchange *x)
{
	struct ike_sa *sa = x->sa;
	struct engine *e = sa->e;
	char a[KIPS_PREFIX_STRLEN];
	int r = 0;

	if (sa->ra.phase != RA_MODECFG)
		return;
	sa->ra.phase = RA_READY;
	if (sa->ra.vip.family && e->ops.set_vip) {
		r = e->ops.set_vip(e->ops.ctx, &sa->ra.vip, sa->conn->sourceip_dev,
				   true);
		kips_prefix_str(&sa->ra.vip, a, sizeof(a));
		if (r == -EEXIST && ra_vip_held_elsewhere(sa))
			r = 0;	/* the SA we replace put it there: ours now too */
		if (r == -EEXIST)
			log_info("%s: %s is on %s already", ike_sa_name(sa), a,
				 sa->conn->sourceip_dev);
		else if (r)
			log_warn("%s: adding %s to %s failed (%d): traffic from it "
				 "will not leave this host", ike_sa_name(sa), a,
				 sa->conn->sourceip_dev, r);
		else
			log_info("%s: %s added to %s", ike_sa_name(sa), a,
				 sa->conn->sourceip_dev);
		sa->ra.vip_added = !r;
	}
	phase1_start_children(sa);
}
