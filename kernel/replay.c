// SPDX-License-Identifier: GPL-2.0
#include <linux/bitmap.h>
#include <linux/bitops.h>
#include <linux/errno.h>
#include <linux/log2.h>
#include <linux/slab.h>

#include "replay.h"

int kips_replay_init(struct kips_replay *r, u32 window, gfp_t gfp)
{
	r->top = 0;
	r->window = window;
	r->bits = 0;
	r->map = NULL;
	if (!window)
		return 0;
	r->bits = roundup_pow_of_two(window + BITS_PER_LONG);
	r->map = bitmap_zalloc(r->bits, gfp);
	return r->map ? 0 : -ENOMEM;
}

void kips_replay_free(struct kips_replay *r)
{
	bitmap_free(r->map);
	r->map = NULL;
}

/* RFC 4303 A2.2: the high half of @seq_lo, from where the window is. */
static int infer_seq(const struct kips_replay *r, u32 seq_lo, u64 *seq)
{
	u32 tl = lower_32_bits(r->top), th = upper_32_bits(r->top);
	u32 w = r->window, bottom = tl - w + 1;
	u32 sh;

	if (tl >= w - 1) {
		/* The window lies within one 2^32 subspace. */
		sh = seq_lo >= bottom ? th : th + 1;
		if (seq_lo < bottom && th == U32_MAX)
			return -EINVAL;
	} else {
		/* The window spans two subspaces: a high seq_lo is from the
		 * lower one.
		 */
		if (seq_lo >= bottom) {
			if (!th)
				return -ERANGE;
			sh = th - 1;
		} else {
			sh = th;
		}
	}
	*seq = (u64)sh << 32 | seq_lo;
	return 0;
}

static int window_check(const struct kips_replay *r, u64 seq)
{
	if (!seq)
		return -EINVAL;
	if (seq > r->top || !r->window)
		return 0;
	if (r->top - seq >= r->window)
		return -ERANGE;
	if (test_bit(seq & (r->bits - 1), r->map))
		return -EEXIST;
	return 0;
}

int kips_replay_check(const struct kips_replay *r, u32 seq_lo, bool esn,
		      u64 *seq)
{
	int err;

	if (esn && r->window) {
		err = infer_seq(r, seq_lo, seq);
		if (err)
			return err;
	} else {
		*seq = seq_lo;
	}
	return window_check(r, *seq);
}

int kips_replay_advance(struct kips_replay *r, u64 seq)
{
	u64 from, to, words, i;
	int err;

	err = window_check(r, seq);
	if (err)
		return err;
	if (!r->window) {
		r->top = max(r->top, seq);
		return 0;
	}
	if (seq > r->top) {
		/* Clear the words the window moves into, after top's own. */
		words = r->bits / BITS_PER_LONG;
		from = r->top / BITS_PER_LONG + 1;
		to = seq / BITS_PER_LONG;
		if (to - from + 1 >= words || !r->top)
			bitmap_zero(r->map, r->bits);
		else
			for (i = from; i <= to; i++)
				r->map[i & (words - 1)] = 0;
		r->top = seq;
	}
	__set_bit(seq & (r->bits - 1), r->map);
	return 0;
}
