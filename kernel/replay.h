/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The anti-replay window of an inbound SA (RFC 4303 3.4.3 and appendix A,
 * with the ring bitmap of RFC 6479 so that advancing the window clears whole
 * words instead of shifting the map).
 *
 * The datapath checks a packet before decrypting it and advances the window
 * only once the packet has been authenticated; both under the SA's lock.
 * Packets of one SA may be authenticated in parallel, so advance re-checks.
 */
#ifndef _KIPS_REPLAY_H
#define _KIPS_REPLAY_H

#include <linux/types.h>

struct kips_replay {
	u64 top;		/* highest sequence number accepted; 0: none */
	u32 window;		/* packets; 0: no check, top is still kept */
	u32 bits;		/* ring size: power of two >= window + BITS_PER_LONG */
	unsigned long *map;	/* bit (seq & (bits - 1)): seq accepted */
};

int kips_replay_init(struct kips_replay *r, u32 window, gfp_t gfp);
void kips_replay_free(struct kips_replay *r);

/*
 * Whether a packet with low sequence bits @seq_lo may be new: 0 and the full
 * sequence number in @seq (the high bits inferred from the window when
 * @esn), or -EINVAL (sequence number 0 or not inferable), -ERANGE (left of
 * the window), -EEXIST (seen before).
 */
int kips_replay_check(const struct kips_replay *r, u32 seq_lo, bool esn,
		      u64 *seq);

/* Records an authenticated @seq: 0, or as kips_replay_check() when another
 * packet with that number got there first or the window moved past it.
 */
int kips_replay_advance(struct kips_replay *r, u64 seq);

#endif /* _KIPS_REPLAY_H */
