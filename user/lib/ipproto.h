/* SPDX-License-Identifier: GPL-2.0 */
/*
 * IP protocol names for selectors and SAs.  A fixed table rather than
 * /etc/protocols, so that output and parsing do not depend on the host's
 * files (netbase may not be installed at all).
 */
#ifndef KIPS_IPPROTO_H
#define KIPS_IPPROTO_H

#include <stdbool.h>
#include <stdint.h>

/* A name from the table ("tcp", "ipv6-icmp", ...) or a number 0..255. */
bool kips_ipproto_parse(const char *s, uint8_t *proto);

/* The protocol's name, or NULL when the table does not know it. */
const char *kips_ipproto_name(uint8_t proto);

/* Whether selectors of this protocol carry ports (TCP, UDP, SCTP, UDP-Lite)
 * or ICMP type and code (ICMP, ICMPv6).
 */
bool kips_ipproto_has_ports(uint8_t proto);
bool kips_ipproto_is_icmp(uint8_t proto);

#endif /* KIPS_IPPROTO_H */
