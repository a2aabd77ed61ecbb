/* SPDX-License-Identifier: GPL-2.0 */
/* The daemon's engine_ops.set_vip: mode config's address on a device. */
#ifndef IKEV1D_VIP_NETLINK_H
#define IKEV1D_VIP_NETLINK_H

#include <stdbool.h>

#include "addr.h"

int vip_netlink_set(void *ctx, const struct kips_addr *a, const char *dev,
		    bool add);

#endif /* IKEV1D_VIP_NETLINK_H */
