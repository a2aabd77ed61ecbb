// SPDX-License-Identifier: GPL-2.0
/* The mutable fields of an IPv4 header, for AH (see ah.h). */
#include <net/ip.h>

#include "ah.h"

/*
 * RFC 4302 appendix A.1: the options that do not change en route.
 * Everything else, including options nobody knows yet, counts as mutable,
 * as it does for Linux's own AH.
 */
static bool opt_immutable(u8 type)
{
	switch (type) {
	case IPOPT_SEC:		/* 130: security */
	case 133:		/* extended security */
	case IPOPT_CIPSO:	/* 134: commercial security */
	case IPOPT_RA:		/* 148: router alert */
	case 149:		/* sender directed multi-destination delivery */
		return true;
	default:
		return false;
	}
}

int kips_ah4_mutable(struct iphdr *iph)
{
	int left = iph->ihl * 4 - (int)sizeof(*iph);
	u8 *opt = (u8 *)(iph + 1);
	u8 len;

	iph->tos = 0;
	iph->frag_off = 0;
	iph->ttl = 0;
	iph->check = 0;

	while (left > 0) {
		if (opt[0] == IPOPT_END)
			break;
		if (opt[0] == IPOPT_NOOP) {
			opt++;
			left--;
			continue;
		}
		if (left < 2)
			return -EINVAL;
		len = opt[1];
		if (len < 2 || len > left)
			return -EINVAL;
		if (!opt_immutable(opt[0])) {
			/* The destination is the last address of the route. */
			if (opt[0] == IPOPT_LSRR || opt[0] == IPOPT_SSRR) {
				if (len < 7)
					return -EINVAL;
				memcpy(&iph->daddr, opt + len - 4, 4);
			}
			memset(opt, 0, len);
		}
		opt += len;
		left -= len;
	}
	return 0;
}
