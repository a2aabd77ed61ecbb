/* SPDX-License-Identifier: GPL-2.0 */
/* SAs on the wire: requests parsed into kips_sa_req, SAs put into messages. */
#ifndef _KIPS_NL_SA_H
#define _KIPS_NL_SA_H

#include "netlink.h"
#include "sad.h"

/* An SA as SA_NEW (or SA_SET on a larval SA) describes it. */
struct kips_sa_req {
	struct kips_sa_id id;
	union kips_addr saddr;
	u8 mode;
	u32 reqid;
	struct kips_alg_cfg alg;	/* keys point into the request */
	u32 replay_window;
	bool esn;
	struct kips_lifetime soft, hard;
	u32 encap;
	bool has_sel;
	struct kips_selector sel;
	u64 seq_out, seq_in;	/* starting points */
};

/* DST, SPI and PROTO of a request, all required. */
int kips_sa_req_id(struct genl_info *info, struct kips_sa_id *id);
/* The whole request, with every cross-attribute check. */
int kips_sa_req_parse(struct genl_info *info, struct kips_sa_req *req);
/*
 * SA_SET on a complete SA: every attribute it carries must equal the SA's
 * but the lifetimes and the encapsulation ports, which are checked and
 * returned in @req (starting from the SA's own values).
 */
int kips_sa_req_update(struct genl_info *info, struct kips_sa *sa,
		       struct kips_sa_req *req);
/* Wipes every key attribute of the request in place. */
void kips_sa_req_wipe(struct genl_info *info);

/* A complete SA from @req, crypto set up, not yet published. */
struct kips_sa *kips_sa_build(struct kips_sad *sad, const struct kips_sa_req *req,
			      struct netlink_ext_ack *extack);

/* How to put an SA into a message. */
struct kips_sa_msg {
	u32 portid, seq;
	int flags;
	u8 cmd;
	bool keys;
	u8 expire;		/* enum kips_expire, or 0 */
};

size_t kips_nl_sa_size(void);
int kips_nl_sa_fill(struct sk_buff *skb, struct kips_sa *sa,
		    const struct kips_sa_msg *m, struct netlink_callback *cb);

#endif /* _KIPS_NL_SA_H */
