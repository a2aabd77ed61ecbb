// SPDX-License-Identifier: GPL-2.0
/*
 * A kernel that only logs: SPIs are made up, SAs and policies are
 * described and forgotten.  For negotiating with a peer where kips.ko is
 * not loaded (the project's build machines), never for protecting traffic.
 */
#include <openssl/rand.h>

#include "kernel.h"
#include "log.h"

static int none_alloc_spi(void *ctx, const struct kips_addr *src,
			  const struct kips_addr *dst, uint8_t proto,
			  uint32_t reqid, uint32_t *spi)
{
	(void)ctx;
	(void)src;
	(void)dst;
	do {
		if (RAND_bytes((uint8_t *)spi, sizeof(*spi)) != 1)
			return -1;
	} while (*spi < KIPS_SPI_MIN);
	log_info("kernel (none): SPI 0x%08x for protocol %u, reqid %u", *spi,
		 proto, reqid);
	return 0;
}

static int none_add_sa(void *ctx, const struct kips_sa *sa, bool larval)
{
	char s[KIPS_PREFIX_STRLEN], d[KIPS_PREFIX_STRLEN];

	(void)ctx;
	log_info("kernel (none): %s SA %s -> %s SPI 0x%08x %s%s%s%s%s",
		 larval ? "completing" : "adding",
		 kips_addr_str(&sa->src, s, sizeof(s)),
		 kips_addr_str(&sa->dst, d, sizeof(d)), sa->spi,
		 sa->aead.alg, sa->enc.alg, sa->enc.alg[0] ? "/" : "",
		 sa->auth.alg, sa->mode == KIPS_MODE_TUNNEL ? " tunnel" : " transport");
	return 0;
}

static int none_del_sa(void *ctx, const struct kips_addr *dst, uint32_t spi,
		       uint8_t proto)
{
	(void)ctx;
	(void)dst;
	log_info("kernel (none): deleting SA 0x%08x protocol %u", spi, proto);
	return 0;
}

static int none_add_policy(void *ctx, const struct kips_policy *pol,
			   uint32_t *index)
{
	static uint32_t next;
	char s[KIPS_PREFIX_STRLEN], d[KIPS_PREFIX_STRLEN];

	(void)ctx;
	*index = ++next;
	log_info("kernel (none): policy %u %s %s -> %s", *index,
		 kips_dir_name(pol->dir), kips_prefix_str(&pol->sel.src, s, sizeof(s)),
		 kips_prefix_str(&pol->sel.dst, d, sizeof(d)));
	return 0;
}

static int none_del_policy(void *ctx, uint32_t index)
{
	(void)ctx;
	log_info("kernel (none): deleting policy %u", index);
	return 0;
}

void kernel_none_open(struct engine_ops *ops)
{
	ops->alloc_spi = none_alloc_spi;
	ops->add_sa = none_add_sa;
	ops->del_sa = none_del_sa;
	ops->add_policy = none_add_policy;
	ops->del_policy = none_del_policy;
}
