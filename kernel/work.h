/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The module's workqueue: SA lifetime checks and the freeing of SAs (crypto
 * transforms are freed from process context).  Flushed before the caches
 * are destroyed at unload.
 */
#ifndef _KIPS_WORK_H
#define _KIPS_WORK_H

#include <linux/workqueue.h>

extern struct workqueue_struct *kips_wq;

#endif /* _KIPS_WORK_H */
