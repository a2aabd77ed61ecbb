/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel policies that send a pair of selectors' traffic through IPsec
 * SAs: out, in and (in tunnel mode, for subnets behind the host) fwd, each
 * with a template naming the SAs' protocol, mode, tunnel endpoints and
 * reqid.  Installed for an IPsec SA pair, or ahead of any SA for a trap
 * (start = trap), whose outbound policy makes the kernel ask for SAs.
 */
#ifndef IKEV1D_SPD_H
#define IKEV1D_SPD_H

#include <stddef.h>
#include <stdint.h>

#include "conf.h"

struct engine;

#define SPD_MAX_POLICIES 3

/* The policies of one selector pair, by kernel index. */
struct spd_entry {
	size_t n;
	uint32_t index[SPD_MAX_POLICIES];
};

/* Protect policies rank by how much of the traffic they name: the more
 * specific wins, as in XFRM, and all come after the IKE bypass (0).
 */
#define SPD_PRIORITY_BASE 1000

/* Installs the policies for traffic between @l (behind @local) and @r
 * (behind @remote) through SAs of @ip_proto with @reqid, in conn @c's mode.
 * All or nothing: 0, or -errno with nothing left installed (logged; a
 * range that is not a prefix cannot be a kernel selector).
 */
int spd_install(struct engine *e, const struct conf_conn *c,
		const struct kips_addr *local, const struct kips_addr *remote,
		const struct conf_ts *l, const struct conf_ts *r,
		uint8_t ip_proto, uint32_t reqid, struct spd_entry *out);
/* Removes what spd_install() put in @s. */
void spd_remove(struct engine *e, struct spd_entry *s);

#endif /* IKEV1D_SPD_H */
