/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The datapath, as its parts see each other.
 *
 * The shared machinery (hooks.c, output.c, input.c, encap.c, verify.c,
 * acquire.c, pmtu.c) finds policies and SAs, checks the replay window,
 * accounts lifetimes, counts, queues packets for ACQUIRE, builds and strips
 * the IP headers of both modes and re-injects.  A transform (ESP in esp.c,
 * AH in ah.c) only writes and checks its own header and
 * trailer around a payload the shared code has laid out for it, and knows
 * nothing of policies.
 */
#ifndef _KIPS_DP_H
#define _KIPS_DP_H

#include <linux/skbuff.h>

#include "netns.h"

/*
 * What kips keeps in skb->cb while it owns a packet: from the hook that
 * takes it until it is sent or re-injected, when the IP layer's own control
 * block is rebuilt.
 *
 * Output: sa[] are the SAs of the policy's templates, innermost first, and
 * idx the one being applied.  Input: sa[] are the SAs the packet has come
 * through, outermost first; the last is the one being applied.  Each entry
 * holds a reference.
 */
struct kips_cb {
	struct kips_sa *sa[KIPS_MAX_TMPLS];
	void *tmp;		/* the transform's per-packet memory */
	u64 seq;		/* sequence number for the current SA */
	u32 len;		/* output: the payload's length, for counters */
	u16 hdr_off;		/* transform header, from skb->data */
	u16 nh_off;		/* input: the byte that names hdr_off's protocol */
	u16 hlen;		/* input: header bytes the transform leaves */
	u8 n_sa;
	u8 idx;
	u8 nexthdr;		/* protocol of the payload the transform protects */
	u8 family;		/* of the IP header at skb->data */
	/*
	 * ESP in UDP (udp_encap.h).  Output: a UDP header sits right before
	 * hdr_off.  Input: the packet arrived in one.
	 */
	u8 udp;
};

static inline struct kips_cb *kips_cb(struct sk_buff *skb)
{
	static_assert(sizeof(struct kips_cb) <= sizeof_field(struct sk_buff, cb));
	return (struct kips_cb *)skb->cb;
}

/* The SA a transform is to apply (output) or undo (input) now. */
static inline struct kips_sa *kips_cb_out_sa(struct sk_buff *skb)
{
	return kips_cb(skb)->sa[kips_cb(skb)->idx];
}

static inline struct kips_sa *kips_cb_in_sa(struct sk_buff *skb)
{
	return kips_cb(skb)->sa[kips_cb(skb)->n_sa - 1];
}

/*
 * A transform.  Errors it returns name the drop reason: -EBADMSG an
 * integrity failure, -EILSEQ bad padding or trailer, -ENOMEM no memory,
 * anything else a malformed packet.
 */
struct kips_xform {
	u8 proto;		/* IPPROTO_ESP, IPPROTO_AH */
	/* Header bytes in front of the payload. */
	unsigned int (*hdr_len)(const struct kips_sa *sa);
	/* The largest payload that fits @space bytes once transformed. */
	unsigned int (*max_payload)(const struct kips_sa *sa, unsigned int space);
	/* SPI and sequence number of the header at @off (pulled already). */
	void (*parse)(const struct sk_buff *skb, unsigned int off, __be32 *spi,
		      u32 *seq_lo);
	/* Bytes of header parse() needs in the linear area. */
	unsigned int parse_len;
	/*
	 * Output: hdr_len() bytes wait at cb->hdr_off, the payload (protocol
	 * cb->nexthdr) runs from there to the end; cb->seq is assigned.
	 * Input: the header is at cb->hdr_off; on success the transform has
	 * removed any trailer and set cb->nexthdr and cb->hlen.
	 * Both return 0 when done, or -EINPROGRESS when the completion will
	 * call kips_output_resume() / kips_input_resume(), which then own
	 * the packet.
	 */
	int (*output)(struct sk_buff *skb);
	int (*input)(struct sk_buff *skb);
};

extern const struct kips_xform kips_esp;
extern const struct kips_xform kips_ah;

/* The transform for @proto, or NULL. */
static inline const struct kips_xform *kips_xform_get(u8 proto)
{
	if (proto == IPPROTO_ESP)
		return &kips_esp;
	if (proto == IPPROTO_AH)
		return &kips_ah;
	return NULL;
}

/* output.c */
unsigned int kips_out_hook(struct kips_net *kn, struct sk_buff *skb, u8 family);
/*
 * A packet the acquire queue held (kips_cb()->family says its family):
 * decided again, from the start.  true if it had to wait again.
 */
bool kips_out_requeued(struct kips_net *kn, struct sk_buff *skb);
void kips_output_resume(struct sk_buff *skb, int err);

/* input.c */
unsigned int kips_in_hook(struct kips_net *kn, struct sk_buff *skb, u8 family);
void kips_input_resume(struct sk_buff *skb, int err);

/* verify.c */
unsigned int kips_in_enforce(struct kips_net *kn, struct sk_buff *skb,
			     u8 family, u8 dir);
bool kips_in_verify(struct kips_net *kn, struct sk_buff *skb);

/* Counts one event on the SA (if any) and on the namespace. */
static inline void kips_count_sa(struct kips_net *kn, struct kips_sa *sa,
				 int which, u64 n)
{
	if (sa)
		kips_count(&sa->stats, which, n);
	kips_count(&kn->stats, which, n);
}

/* The namespace of an SA. */
static inline struct kips_net *kips_sa_net(const struct kips_sa *sa)
{
	return sa->sad->kn;
}

/* Drops an owned packet for @reason, on the SA (if any) and namespace. */
void kips_drop(struct sk_buff *skb, struct kips_net *kn, struct kips_sa *sa,
	       int reason);
/* Module set-up of the datapath (marker, GRO cells). */
int kips_dp_init(void);
void kips_dp_exit(void);

/* Hands a decrypted packet, as if just received on skb->dev, to the stack. */
void kips_reinject(struct sk_buff *skb);

/* Releases the SA references a packet holds in its control block. */
void kips_cb_release(struct sk_buff *skb);

/*
 * Crypto requests in flight, over all namespaces: a namespace or the module
 * goes away only once none are left (their completions use both).
 */
void kips_async_get(void);
void kips_async_put(void);
void kips_async_wait(void);

#endif /* _KIPS_DP_H */
