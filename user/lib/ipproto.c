// SPDX-License-Identifier: GPL-2.0
#include <netinet/in.h>
#include <string.h>

#include "ipproto.h"
#include "parse.h"

static const struct {
	const char *name;
	uint8_t proto;
} ipprotos[] = {
	/* The first name of a number is the one printed. */
	{ "icmp", IPPROTO_ICMP },
	{ "igmp", IPPROTO_IGMP },
	{ "ipip", IPPROTO_IPIP },
	{ "tcp", IPPROTO_TCP },
	{ "udp", IPPROTO_UDP },
	{ "ipv6", IPPROTO_IPV6 },
	{ "gre", IPPROTO_GRE },
	{ "esp", IPPROTO_ESP },
	{ "ah", IPPROTO_AH },
	{ "ipv6-icmp", IPPROTO_ICMPV6 },
	{ "icmpv6", IPPROTO_ICMPV6 },
	{ "sctp", IPPROTO_SCTP },
	{ "udplite", IPPROTO_UDPLITE },
};

bool kips_ipproto_parse(const char *s, uint8_t *proto)
{
	size_t i;

	for (i = 0; i < sizeof(ipprotos) / sizeof(ipprotos[0]); i++) {
		if (!strcmp(s, ipprotos[i].name)) {
			*proto = ipprotos[i].proto;
			return true;
		}
	}
	return kips_parse_u8(s, UINT8_MAX, proto);
}

const char *kips_ipproto_name(uint8_t proto)
{
	size_t i;

	for (i = 0; i < sizeof(ipprotos) / sizeof(ipprotos[0]); i++)
		if (ipprotos[i].proto == proto)
			return ipprotos[i].name;
	return NULL;
}

bool kips_ipproto_has_ports(uint8_t proto)
{
	return proto == IPPROTO_TCP || proto == IPPROTO_UDP ||
	       proto == IPPROTO_SCTP || proto == IPPROTO_UDPLITE;
}

bool kips_ipproto_is_icmp(uint8_t proto)
{
	return proto == IPPROTO_ICMP || proto == IPPROTO_ICMPV6;
}
