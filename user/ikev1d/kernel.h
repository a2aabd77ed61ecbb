/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The engine's kernel callbacks, for real (the kips generic-netlink
 * family) or for show (nothing installed, everything logged: to test IKE
 * against other implementations where kips.ko cannot be loaded).
 */
#ifndef IKEV1D_KERNEL_H
#define IKEV1D_KERNEL_H

#include "engine.h"

/* Fills the kernel callbacks of @ops for kips; -1 with a logged reason if
 * the family is not there.
 */
int kernel_kips_open(struct engine_ops *ops);
void kernel_kips_close(struct engine_ops *ops);

/* Callbacks that install nothing and log what they would. */
void kernel_none_open(struct engine_ops *ops);

#endif /* IKEV1D_KERNEL_H */
