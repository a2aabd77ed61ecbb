/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The mark a packet that kips decrypted and re-injected carries, so that
 * the inbound policy checks let it pass and nothing decrypts it twice.
 *
 * It is a sec_path (the kernel's own "arrived through IPsec" record) that
 * holds a marker xfrm_state: one per protocol, in transport mode, with an
 * empty selector, in no XFRM table.  An empty sec_path would not do: with
 * no XFRM policy, __xfrm_policy_check() of Linux 6.1 reads the last state
 * of the path (xvec[len - 1]) unconditionally, so len must not be 0.  A
 * transport-mode state with an empty selector is what XFRM's own checks
 * accept without a policy, and what `-m policy --pol ipsec` matches.
 */
#ifndef _KIPS_MARKER_H
#define _KIPS_MARKER_H

#include <linux/skbuff.h>

int kips_marker_init(void);
void kips_marker_exit(void);

/* Marks @skb as having come through an SA of @proto: 0, or -errno. */
int kips_marker_set(struct sk_buff *skb, u8 proto);

#endif /* _KIPS_MARKER_H */
