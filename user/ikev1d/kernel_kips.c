// SPDX-License-Identifier: GPL-2.0
/*
 * The engine's kernel callbacks on the kips generic-netlink family, with
 * the shared client in user/lib: SPIs from SA_ALLOC_SPI, SAs by SA_SET
 * (completing a larval SA) or SA_NEW, policies by POLICY_NEW, and their
 * deletion; policies that let IKE itself pass in the clear; and the
 * kernel's events (ACQUIRE, SA_EXPIRE) on a socket of their own, handed to
 * the engine.  Every kernel refusal is logged with the kernel's own
 * (extack) message.
 */
#include <errno.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#include "kernel.h"
#include "log.h"
#include "nl.h"

/* IKE's own datagrams must never need IPsec (RFC 2409 does not protect
 * them with the SAs they negotiate): bypass policies ahead of every
 * protect policy.
 */
#define BYPASS_PRIORITY 0
#define MAX_BYPASS (2 * NET_MAX_SOCKETS)

struct kernel_kips {
	struct kips_nl nl;	/* requests */
	struct kips_nl ev;	/* events */
	bool have_ev;
	size_t nbypass;
	uint32_t bypass[MAX_BYPASS];
};

static struct kips_nl *nl_of(void *ctx)
{
	return &((struct kernel_kips *)ctx)->nl;
}

static int call(struct kips_nl *nl, struct nlmsghdr *nlh, kips_nl_cb cb,
		void *data, const char *what)
{
	int r = kips_nl_call(nl, nlh, cb, data);

	if (r)
		log_error("kernel: %s: %s", what, nl->err);
	return r;
}

static int spi_cb(const struct nlmsghdr *nlh, void *data)
{
	struct kips_sa sa;

	memset(&sa, 0, sizeof(sa));
	if (kips_sa_parse(nlh, &sa) && KIPS_HAS(&sa, KIPS_SA_A_SPI))
		*(uint32_t *)data = sa.spi;
	return MNL_CB_OK;
}

static int kips_alloc_spi(void *ctx, const struct kips_addr *src,
			  const struct kips_addr *dst, uint8_t proto,
			  uint32_t reqid, uint32_t *spi)
{
	struct kips_nl *nl = nl_of(ctx);
	struct nlmsghdr *nlh = kips_nl_new(nl, KIPS_CMD_SA_ALLOC_SPI, 0);
	struct kips_sa req;
	int r;

	memset(&req, 0, sizeof(req));
	req.src = *src;
	req.dst = *dst;
	req.proto = proto;
	req.reqid = reqid;
	KIPS_SET(&req, KIPS_SA_A_SRC);
	KIPS_SET(&req, KIPS_SA_A_DST);
	KIPS_SET(&req, KIPS_SA_A_PROTO);
	KIPS_SET(&req, KIPS_SA_A_REQID);
	kips_sa_put(nlh, &req);
	*spi = 0;
	r = call(nl, nlh, spi_cb, spi, "allocating an SPI");
	if (!r && !*spi) {
		log_error("kernel: SA_ALLOC_SPI answered without an SPI");
		r = -EPROTO;
	}
	return r;
}

static int kips_add_sa(void *ctx, const struct kips_sa *sa, bool larval)
{
	struct kips_nl *nl = nl_of(ctx);
	struct nlmsghdr *nlh = kips_nl_new(nl, larval ? KIPS_CMD_SA_SET :
					   KIPS_CMD_SA_NEW, 0);
	int r;

	kips_sa_put(nlh, sa);
	r = call(nl, nlh, NULL, NULL, larval ? "completing an SA" : "adding an SA");
	/* The request held keys. */
	memset(nl->buf, 0, nl->buf_size);
	return r;
}

/* A request naming one SA by its identity (destination, SPI, protocol). */
static struct nlmsghdr *sa_id_request(struct kips_nl *nl, uint8_t cmd,
				      const struct kips_addr *dst, uint32_t spi,
				      uint8_t proto)
{
	struct nlmsghdr *nlh = kips_nl_new(nl, cmd, 0);
	struct kips_sa req;

	memset(&req, 0, sizeof(req));
	req.dst = *dst;
	req.spi = spi;
	req.proto = proto;
	KIPS_SET(&req, KIPS_SA_A_DST);
	KIPS_SET(&req, KIPS_SA_A_SPI);
	KIPS_SET(&req, KIPS_SA_A_PROTO);
	kips_sa_put(nlh, &req);
	return nlh;
}

static int kips_del_sa(void *ctx, const struct kips_addr *dst, uint32_t spi,
		       uint8_t proto)
{
	struct kips_nl *nl = nl_of(ctx);
	int r;

	r = kips_nl_call(nl, sa_id_request(nl, KIPS_CMD_SA_DEL, dst, spi, proto),
			 NULL, NULL);
	/* The kernel removes an SA at its hard limit by itself (and larval
	 * ones after KIPS_LARVAL_SECONDS): gone is what we wanted.
	 */
	if (r == -ENOENT) {
		log_debug("kernel: SA 0x%08x was gone already", spi);
		return 0;
	}
	if (r)
		log_error("kernel: deleting SA 0x%08x: %s", spi, nl->err);
	return r;
}

static int in_packets_cb(const struct nlmsghdr *nlh, void *data)
{
	struct kips_sa sa;

	memset(&sa, 0, sizeof(sa));
	if (kips_sa_parse(nlh, &sa) && KIPS_HAS(&sa, KIPS_SA_A_STATS) &&
	    KIPS_HAS(&sa.stats, KIPS_CNT_A_IN_PACKETS))
		*(uint64_t *)data = sa.stats.val[KIPS_CNT_A_IN_PACKETS];
	return MNL_CB_OK;
}

/* One SA_GET, without keys. */
static int kips_sa_in_packets(void *ctx, const struct kips_addr *dst,
			      uint32_t spi, uint8_t proto, uint64_t *packets)
{
	struct kips_nl *nl = nl_of(ctx);
	int r;

	*packets = UINT64_MAX;
	r = kips_nl_call(nl, sa_id_request(nl, KIPS_CMD_SA_GET, dst, spi, proto),
			 in_packets_cb, packets);
	if (!r && *packets == UINT64_MAX)
		r = -EPROTO;
	if (r)
		log_debug("kernel: no packet count for SA 0x%08x (%d)", spi, r);
	return r;
}

static int index_cb(const struct nlmsghdr *nlh, void *data)
{
	struct kips_policy pol;

	memset(&pol, 0, sizeof(pol));
	if (kips_policy_parse(nlh, &pol) && KIPS_HAS(&pol, KIPS_POL_A_INDEX))
		*(uint32_t *)data = pol.index;
	return MNL_CB_OK;
}

static int kips_add_policy(void *ctx, const struct kips_policy *pol,
			   uint32_t *index)
{
	struct kips_nl *nl = nl_of(ctx);
	struct nlmsghdr *nlh = kips_nl_new(nl, KIPS_CMD_POLICY_NEW, 0);
	int r;

	kips_policy_put(nlh, pol);
	*index = 0;
	r = call(nl, nlh, index_cb, index, "adding a policy");
	if (!r && !*index) {
		log_error("kernel: POLICY_NEW answered without an index");
		r = -EPROTO;
	}
	return r;
}

static int kips_del_policy(void *ctx, uint32_t index)
{
	struct kips_nl *nl = nl_of(ctx);
	struct nlmsghdr *nlh = kips_nl_new(nl, KIPS_CMD_POLICY_DEL, 0);
	struct kips_policy req;

	memset(&req, 0, sizeof(req));
	req.index = index;
	KIPS_SET(&req, KIPS_POL_A_INDEX);
	kips_policy_put(nlh, &req);
	return call(nl, nlh, NULL, NULL, "deleting a policy");
}

/* --- IKE bypass --- */

static int add_bypass(struct kernel_kips *k, const struct ike_endpoint *ep,
		      uint8_t dir)
{
	struct nlmsghdr *nlh = kips_nl_new(&k->nl, KIPS_CMD_POLICY_NEW, 0);
	struct kips_policy pol;
	uint32_t index = 0;
	int r;

	memset(&pol, 0, sizeof(pol));
	pol.dir = dir;
	pol.action = KIPS_ACTION_BYPASS;
	pol.priority = BYPASS_PRIORITY;
	pol.sel.proto = IPPROTO_UDP;
	KIPS_SET(&pol.sel, KIPS_SEL_A_PROTO);
	if (dir == KIPS_DIR_OUT) {
		pol.sel.src = ep->addr;
		pol.sel.sport_min = pol.sel.sport_max = ep->port;
		KIPS_SET(&pol.sel, KIPS_SEL_A_SRC);
		KIPS_SET(&pol.sel, KIPS_SEL_A_SPORT_MIN);
		KIPS_SET(&pol.sel, KIPS_SEL_A_SPORT_MAX);
	} else {
		pol.sel.dst = ep->addr;
		pol.sel.dport_min = pol.sel.dport_max = ep->port;
		KIPS_SET(&pol.sel, KIPS_SEL_A_DST);
		KIPS_SET(&pol.sel, KIPS_SEL_A_DPORT_MIN);
		KIPS_SET(&pol.sel, KIPS_SEL_A_DPORT_MAX);
	}
	KIPS_SET(&pol, KIPS_POL_A_DIR);
	KIPS_SET(&pol, KIPS_POL_A_ACTION);
	KIPS_SET(&pol, KIPS_POL_A_PRIORITY);
	KIPS_SET(&pol, KIPS_POL_A_SELECTOR);
	kips_policy_put(nlh, &pol);
	r = kips_nl_call(&k->nl, nlh, index_cb, &index);
	if (r == -EEXIST) {
		/* Another ikev1d in this namespace, or one that died: the
		 * policy does what we need, and is not ours to remove.
		 */
		log_info("kernel: the IKE bypass policy (%s) is there already",
			 kips_dir_name(dir));
		return 0;
	}
	if (r) {
		log_error("kernel: adding the IKE bypass policy (%s): %s",
			  kips_dir_name(dir), k->nl.err);
		return r;
	}
	k->bypass[k->nbypass++] = index;
	return 0;
}

int kernel_kips_bypass(struct engine_ops *ops, const struct ike_endpoint *eps,
		       size_t n)
{
	struct kernel_kips *k = ops->kernel_ctx;
	size_t i;

	for (i = 0; i < n && k->nbypass + 2 <= MAX_BYPASS; i++)
		if (add_bypass(k, &eps[i], KIPS_DIR_OUT) ||
		    add_bypass(k, &eps[i], KIPS_DIR_IN))
			return -1;
	return 0;
}

/* --- events --- */

struct event_ctx {
	struct engine *e;
	uint64_t now;
};

static int event_cb(const struct nlmsghdr *nlh, void *data)
{
	struct event_ctx *ev = data;
	uint8_t cmd = kips_nl_cmd(nlh);
	struct kips_sa sa;

	if (cmd != KIPS_CMD_ACQUIRE && cmd != KIPS_CMD_SA_EXPIRE)
		return MNL_CB_OK;
	memset(&sa, 0, sizeof(sa));
	if (!kips_sa_parse(nlh, &sa)) {
		log_warn("kernel: an event that does not parse, ignored");
		return MNL_CB_OK;
	}
	if (cmd == KIPS_CMD_ACQUIRE) {
		if (!KIPS_HAS(&sa, KIPS_SA_A_REQID))
			log_warn("kernel: ACQUIRE without a reqid, ignored");
		else
			engine_acquire(ev->e, sa.reqid, ev->now);
	} else if (!KIPS_HAS(&sa, KIPS_SA_A_DST) || !KIPS_HAS(&sa, KIPS_SA_A_SPI) ||
		   !KIPS_HAS(&sa, KIPS_SA_A_PROTO) || !KIPS_HAS(&sa, KIPS_SA_A_EXPIRE)) {
		log_warn("kernel: SA_EXPIRE without the SA's identity, ignored");
	} else {
		engine_expire(ev->e, &sa.dst, sa.spi, sa.proto,
			      sa.expire == KIPS_EXPIRE_HARD, ev->now);
	}
	kips_sa_wipe(&sa);
	return MNL_CB_OK;
}

int kernel_kips_event_fd(const struct engine_ops *ops)
{
	const struct kernel_kips *k = ops->kernel_ctx;

	return k && k->have_ev ? kips_nl_fd(&k->ev) : -1;
}

void kernel_kips_events(struct engine_ops *ops, struct engine *e, uint64_t now)
{
	struct kernel_kips *k = ops->kernel_ctx;
	struct event_ctx ev = { e, now };

	if (kips_nl_recv_events(&k->ev, event_cb, &ev) < 0)
		log_warn("kernel: %s", k->ev.err);
}

static int open_events(struct kernel_kips *k)
{
	if (kips_nl_open(&k->ev) < 0) {
		log_error("kernel: %s", k->ev.err);
		return -1;
	}
	k->have_ev = true;
	if (kips_nl_subscribe(&k->ev, KIPS_MCGRP_SA) ||
	    kips_nl_subscribe(&k->ev, KIPS_MCGRP_ACQUIRE)) {
		log_error("kernel: %s", k->ev.err);
		return -1;
	}
	return 0;
}

int kernel_kips_open(struct engine_ops *ops)
{
	struct kernel_kips *k = calloc(1, sizeof(*k));

	if (!k)
		return -1;
	if (kips_nl_open(&k->nl) < 0) {
		log_error("kernel: %s", k->nl.err);
		free(k);
		return -1;
	}
	ops->kernel_ctx = k;
	if (open_events(k)) {
		kernel_kips_close(ops);
		return -1;
	}
	ops->alloc_spi = kips_alloc_spi;
	ops->add_sa = kips_add_sa;
	ops->del_sa = kips_del_sa;
	ops->add_policy = kips_add_policy;
	ops->del_policy = kips_del_policy;
	ops->sa_in_packets = kips_sa_in_packets;
	return 0;
}

void kernel_kips_close(struct engine_ops *ops)
{
	struct kernel_kips *k = ops->kernel_ctx;

	if (!k)
		return;
	while (k->nbypass)
		kips_del_policy(k, k->bypass[--k->nbypass]);
	if (k->have_ev)
		kips_nl_close(&k->ev);
	kips_nl_close(&k->nl);
	free(k);
	ops->kernel_ctx = NULL;
}
