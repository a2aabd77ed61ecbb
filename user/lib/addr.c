// SPDX-License-Identifier: GPL-2.0
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "addr.h"

size_t kips_addr_len(const struct kips_addr *a)
{
	switch (a->family) {
	case AF_INET:
		return 4;
	case AF_INET6:
		return 16;
	default:
		return 0;
	}
}

unsigned int kips_addr_bits(const struct kips_addr *a)
{
	return (unsigned int)kips_addr_len(a) * 8;
}

bool kips_addr_parse(const char *s, struct kips_addr *a)
{
	struct kips_addr tmp = { 0 };

	if (inet_pton(AF_INET, s, tmp.bytes) == 1)
		tmp.family = AF_INET;
	else if (inet_pton(AF_INET6, s, tmp.bytes) == 1)
		tmp.family = AF_INET6;
	else
		return false;
	tmp.prefixlen = (uint8_t)kips_addr_bits(&tmp);
	*a = tmp;
	return true;
}

bool kips_prefix_parse(const char *s, struct kips_addr *a)
{
	char buf[KIPS_PREFIX_STRLEN];
	const char *slash = strchr(s, '/');
	struct kips_addr tmp;
	unsigned long len;
	char *end;

	if (!slash)
		return kips_addr_parse(s, a);
	if ((size_t)(slash - s) >= sizeof(buf))
		return false;
	memcpy(buf, s, (size_t)(slash - s));
	buf[slash - s] = 0;
	if (!kips_addr_parse(buf, &tmp))
		return false;
	/* Digits only: strtoul would take "+1", " 1" or "0x10". */
	if (slash[1] < '0' || slash[1] > '9' || strlen(slash + 1) > 3)
		return false;
	len = strtoul(slash + 1, &end, 10);
	if (*end || len > kips_addr_bits(&tmp))
		return false;
	tmp.prefixlen = (uint8_t)len;
	*a = tmp;
	return true;
}

bool kips_addr_from_raw(struct kips_addr *a, const void *raw, size_t len)
{
	if (len != 4 && len != 16)
		return false;
	memset(a, 0, sizeof(*a));
	a->family = len == 4 ? AF_INET : AF_INET6;
	a->prefixlen = (uint8_t)(len * 8);
	memcpy(a->bytes, raw, len);
	return true;
}

const char *kips_addr_str(const struct kips_addr *a, char *buf, size_t size)
{
	if (!a->family || !inet_ntop(a->family, a->bytes, buf, (socklen_t)size))
		snprintf(buf, size, "?");
	return buf;
}

const char *kips_prefix_str(const struct kips_addr *a, char *buf, size_t size)
{
	size_t n;

	kips_addr_str(a, buf, size);
	n = strlen(buf);
	if (a->family && n < size)
		snprintf(buf + n, size - n, "/%u", a->prefixlen);
	return buf;
}

bool kips_addr_equal(const struct kips_addr *a, const struct kips_addr *b)
{
	return a->family == b->family &&
	       !memcmp(a->bytes, b->bytes, kips_addr_len(a));
}
