/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Multicast events: SA and policy changes, expiry, and ACQUIRE.  Each is
 * built only when someone listens in the namespace.  @info, where taken, is
 * the request that caused the change (its port and sequence number go into
 * the event so a listener can tell its own changes); NULL for the kernel's.
 */
#ifndef _KIPS_NL_EVENT_H
#define _KIPS_NL_EVENT_H

#include <linux/types.h>

struct genl_info;
struct kips_flow;
struct kips_net;
struct kips_policy;
struct kips_sa;
struct kips_tmpl;

/* KIPS_CMD_SA_NEW, _SET or _DEL. */
void kips_notify_sa(struct kips_sa *sa, u8 cmd, struct genl_info *info);
/* KIPS_CMD_SA_EXPIRE; the caller holds the SAD lock. */
void kips_notify_sa_expire(struct kips_sa *sa, u8 kind);
void kips_notify_sa_flush(struct kips_net *kn, u8 proto, struct genl_info *info);
/* KIPS_CMD_POLICY_NEW, _SET or _DEL. */
void kips_notify_policy(struct kips_net *kn, struct kips_policy *pol, u8 cmd,
			struct genl_info *info);
void kips_notify_policy_flush(struct kips_net *kn, u8 dir, struct genl_info *info);

/*
 * ACQUIRE, for the datapath: an outbound packet (@fl) matched @pol, whose
 * template @tmpl has no SA.  Any context (@gfp).  Counts
 * KIPS_CNT_A_ACQUIRES and returns 0 when the event went out, -ESRCH when
 * nobody listens (no key manager), or -ENOMEM.  Rate limiting (one
 * ACQUIRE per policy and template until an SA appears or a timeout) is
 * the caller's.
 */
int kips_acquire(struct kips_net *kn, const struct kips_policy *pol,
		 const struct kips_tmpl *tmpl, const struct kips_flow *fl,
		 gfp_t gfp);

/* The ACQUIRE message itself, without sending it (for tests). */
struct sk_buff *kips_acquire_msg(const struct kips_policy *pol,
				 const struct kips_tmpl *tmpl,
				 const struct kips_flow *fl, gfp_t gfp);

#endif /* _KIPS_NL_EVENT_H */
