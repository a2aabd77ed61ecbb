/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The engine's kernel callbacks, for real (the kips generic-netlink
 * family) or for show (nothing installed, everything logged: to test IKE
 * against other implementations where kips.ko cannot be loaded).
 */
#ifndef IKEV1D_KERNEL_H
#define IKEV1D_KERNEL_H

#include "engine.h"
#include "net.h"

/* Fills the kernel callbacks of @ops for kips; -1 with a logged reason if
 * the family is not there.
 */
int kernel_kips_open(struct engine_ops *ops);
/* Removes the bypass policies, closes the sockets. */
void kernel_kips_close(struct engine_ops *ops);

/* Installs policies that let IKE on @n local endpoints pass in the clear,
 * whatever the protect policies say; -1 (logged) if the kernel refuses.
 */
int kernel_kips_bypass(struct engine_ops *ops, const struct ike_endpoint *eps,
		       size_t n);

/* The socket that the kernel's ACQUIRE and SA_EXPIRE events arrive on,
 * for the daemon's loop; and what to call when it is readable: hands each
 * waiting event to @e.
 */
int kernel_kips_event_fd(const struct engine_ops *ops);
void kernel_kips_events(struct engine_ops *ops, struct engine *e, uint64_t now);

/* Callbacks that install nothing and log what they would. */
void kernel_none_open(struct engine_ops *ops);

#endif /* IKEV1D_KERNEL_H */
