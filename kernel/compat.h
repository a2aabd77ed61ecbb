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

#endif /* _KIPS_COMPAT_H */
