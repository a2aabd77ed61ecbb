// SPDX-License-Identifier: GPL-2.0
/*
 * The engine's kernel callbacks on the kips generic-netlink family, with
 * the shared client in user/lib: SPIs from SA_ALLOC_SPI, SAs by SA_SET
 * (completing a larval SA) or SA_NEW, policies by POLICY_NEW, and their
 * deletion.  Every kernel refusal is logged with the kernel's own
 * (extack) message.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "kernel.h"
#include "log.h"
#include "nl.h"

static struct kips_nl *nl_of(void *ctx)
{
	return ctx;
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

static int kips_del_sa(void *ctx, const struct kips_addr *dst, uint32_t spi,
		       uint8_t proto)
{
	struct kips_nl *nl = nl_of(ctx);
	struct nlmsghdr *nlh = kips_nl_new(nl, KIPS_CMD_SA_DEL, 0);
	struct kips_sa req;

	memset(&req, 0, sizeof(req));
	req.dst = *dst;
	req.spi = spi;
	req.proto = proto;
	KIPS_SET(&req, KIPS_SA_A_DST);
	KIPS_SET(&req, KIPS_SA_A_SPI);
	KIPS_SET(&req, KIPS_SA_A_PROTO);
	kips_sa_put(nlh, &req);
	return call(nl, nlh, NULL, NULL, "deleting an SA");
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

int kernel_kips_open(struct engine_ops *ops)
{
	struct kips_nl *nl = calloc(1, sizeof(*nl));

	if (!nl)
		return -1;
	if (kips_nl_open(nl) < 0) {
		log_error("kernel: %s", nl->err);
		free(nl);
		return -1;
	}
	ops->kernel_ctx = nl;
	ops->alloc_spi = kips_alloc_spi;
	ops->add_sa = kips_add_sa;
	ops->del_sa = kips_del_sa;
	ops->add_policy = kips_add_policy;
	ops->del_policy = kips_del_policy;
	return 0;
}

void kernel_kips_close(struct engine_ops *ops)
{
	struct kips_nl *nl = ops->kernel_ctx;

	if (!nl)
		return;
	kips_nl_close(nl);
	free(nl);
	ops->kernel_ctx = NULL;
}
