/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The header fields AH cannot protect as they are (RFC 4302 3.3.3): before
 * the ICV is computed, on output and on input alike, the mutable fields of
 * the headers in front of AH are zeroed and the predictable ones set to
 * the values they will have at the destination.  The caller keeps a copy
 * of the headers and puts it back afterwards.
 */
#ifndef _KIPS_AH_H
#define _KIPS_AH_H

#include <linux/ip.h>
#include <linux/ipv6.h>

/*
 * IPv4 (ah4.c): TOS, flags and fragment offset, TTL and checksum zeroed;
 * every option RFC 4302 appendix A.1 does not call immutable zeroed whole
 * (unknown ones too); with a source route, the destination address becomes
 * the final one.  -EINVAL: the options do not parse.
 */
int kips_ah4_mutable(struct iphdr *iph);

/*
 * IPv6 (ah6.c): traffic class, flow label and hop limit zeroed; in the
 * hop-by-hop and destination options headers, the data of each option
 * whose type says it may change en route zeroed; a routing header with
 * segments left is rearranged as the destination will see it.  @len bytes
 * from @ip6h are the IPv6 header and the extension headers before AH.
 * -EINVAL: they do not parse.
 */
int kips_ah6_mutable(struct ipv6hdr *ip6h, unsigned int len);

#endif /* _KIPS_AH_H */
