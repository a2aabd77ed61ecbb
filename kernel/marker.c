// SPDX-License-Identifier: GPL-2.0
/* The mark of packets kips decrypted (see marker.h). */
#include <net/xfrm.h>

#include "marker.h"

static struct xfrm_state *kips_markers[2] __read_mostly;	/* ESP, AH */

static struct xfrm_state *marker_alloc(u8 proto)
{
	struct xfrm_state *x = xfrm_state_alloc(&init_net);

	if (!x)
		return NULL;
	x->id.proto = proto;
	x->props.mode = XFRM_MODE_TRANSPORT;
	/*
	 * Never valid in XFRM's sense: it is in no table, and when the last
	 * packet that holds it is freed, XFRM's destructor expects it dead.
	 */
	x->km.state = XFRM_STATE_DEAD;
	return x;
}

int kips_marker_init(void)
{
	kips_markers[0] = marker_alloc(IPPROTO_ESP);
	kips_markers[1] = marker_alloc(IPPROTO_AH);
	if (kips_markers[0] && kips_markers[1])
		return 0;
	kips_marker_exit();
	return -ENOMEM;
}

/* Packets still queued somewhere keep theirs; XFRM frees it after them. */
void kips_marker_exit(void)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(kips_markers); i++) {
		if (kips_markers[i])
			xfrm_state_put(kips_markers[i]);
		kips_markers[i] = NULL;
	}
}

int kips_marker_set(struct sk_buff *skb, u8 proto)
{
	struct xfrm_state *x = kips_markers[proto == IPPROTO_AH];
	struct sec_path *sp;

	sp = secpath_set(skb);
	if (!sp)
		return -ENOMEM;
	if (sp->len == XFRM_MAX_DEPTH)
		return -ENOBUFS;
	xfrm_state_hold(x);
	sp->xvec[sp->len++] = x;
	return 0;
}
