/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Differences between the kernel versions kips builds against live here and
 * nowhere else.  The tested kernel is Debian 12's 6.1.
 */
#ifndef _KIPS_COMPAT_H
#define _KIPS_COMPAT_H

#include <linux/version.h>

#if KERNEL_VERSION(6, 1, 0) > LINUX_VERSION_CODE
#error "kips needs Linux 6.1 or newer"
#endif

/*
 * Crypto completion callbacks receive the request's data pointer since
 * 6.3, the request before: declare one as
 *   static void done(KIPS_CRYPTO_CB_ARG, int err)
 * and find its data as KIPS_CRYPTO_CB_DATA.
 */
#include <linux/crypto.h>
#if KERNEL_VERSION(6, 3, 0) <= LINUX_VERSION_CODE
#define KIPS_CRYPTO_CB_ARG	void *kips_cb_arg
#define KIPS_CRYPTO_CB_DATA	(kips_cb_arg)
#else
#define KIPS_CRYPTO_CB_ARG	struct crypto_async_request *kips_cb_arg
#define KIPS_CRYPTO_CB_DATA	(kips_cb_arg->data)
#endif

/*
 * nf_ct_hook->confirm: added in 6.8 and to 6.1.77 (stable), which the
 * datapath uses to confirm a connection whose packet it takes at
 * POST_ROUTING (see output.c).
 */
#if KERNEL_VERSION(6, 8, 0) <= LINUX_VERSION_CODE
#define KIPS_HAVE_CT_CONFIRM
#elif KERNEL_VERSION(6, 2, 0) > LINUX_VERSION_CODE && \
	KERNEL_VERSION(6, 1, 77) <= LINUX_VERSION_CODE
#define KIPS_HAVE_CT_CONFIRM
#endif

#endif /* _KIPS_COMPAT_H */
