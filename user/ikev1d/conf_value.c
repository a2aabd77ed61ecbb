// SPDX-License-Identifier: GPL-2.0
/* Values of the configuration: durations, identities, selectors, keys. */
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "cert.h"
#include "conf_value.h"
#include "ipproto.h"
#include "isakmp.h"
#include "parse.h"

/* A decimal number with one optional unit letter scaled by @units. */
static const char *scaled(const char *s, const char *letters,
			  const uint64_t *units, uint64_t max, uint64_t *out)
{
	char num[32];
	size_t n = strlen(s);
	uint64_t v, mult = 1;
	const char *u;

	if (!n || n >= sizeof(num))
		return "not a number";
	memcpy(num, s, n + 1);
	u = strchr(letters, num[n - 1]);
	if (u && num[n - 1]) {
		mult = units[u - letters];
		num[n - 1] = 0;
	}
	if (num[0] < '0' || num[0] > '9' || !kips_parse_u64(num, UINT64_MAX, &v))
		return "not a number";
	if (v > max / mult)
		return "too large";
	*out = v * mult;
	return NULL;
}

const char *conf_parse_duration(const char *s, uint32_t *out)
{
	static const uint64_t units[] = { 1, 60, 3600, 86400 };
	const char *why;
	uint64_t v;

	why = scaled(s, "smhd", units, UINT32_MAX, &v);
	if (why)
		return "not a duration (a number of seconds, or with s, m, h or d)";
	if (!v)
		return "a lifetime of 0 seconds";
	*out = v;
	return NULL;
}

const char *conf_parse_bytes(const char *s, uint64_t *out)
{
	static const uint64_t units[] = { 1ULL << 10, 1ULL << 20, 1ULL << 30 };

	if (scaled(s, "kMG", units, UINT64_MAX, out))
		return "not a byte count (a number, or with k, M or G)";
	return NULL;
}

const char *conf_parse_bool(const char *s, bool *out)
{
	if (!strcmp(s, "yes"))
		*out = true;
	else if (!strcmp(s, "no"))
		*out = false;
	else
		return "not yes or no";
	return NULL;
}

void conf_id_from_addr(const struct kips_addr *a, struct conf_id *id)
{
	id->type = a->family == AF_INET6 ? IPSEC_ID_IPV6_ADDR : IPSEC_ID_IPV4_ADDR;
	id->len = kips_addr_len(a);
	memcpy(id->data, a->bytes, id->len);
}

bool conf_id_equal(const struct conf_id *a, const struct conf_id *b)
{
	return a->type == b->type && a->len == b->len &&
	       !memcmp(a->data, b->data, a->len);
}

const char *conf_parse_id(const char *s, struct conf_id *id)
{
	struct kips_addr a;
	size_t n = strlen(s);

	if (kips_addr_parse(s, &a)) {
		conf_id_from_addr(&a, id);
		return NULL;
	}
	/* No name or address has '=': "C=CH, O=example, CN=moon". */
	if (strchr(s, '='))
		return cert_dn_parse(s, id);
	if (!strncmp(s, "@#", 2)) {
		char hex[2 * CONF_ID_MAX + 3] = "0x";

		if (n - 2 > 2 * CONF_ID_MAX)
			return "key ID too long";
		memcpy(hex + 2, s + 2, n - 1);
		if (!kips_parse_hex(hex, id->data, sizeof(id->data), &id->len) ||
		    !id->len)
			return "a key ID is @# and an even number of hex digits";
		id->type = IPSEC_ID_KEY_ID;
		return NULL;
	}
	if (n > CONF_ID_MAX)
		return "identity too long";
	if (s[0] == '@') {
		if (n < 2)
			return "empty name after '@'";
		id->type = IPSEC_ID_FQDN;
		id->len = n - 1;
		memcpy(id->data, s + 1, n - 1);
		return NULL;
	}
	if (strchr(s, '@')) {
		id->type = IPSEC_ID_USER_FQDN;
	} else if (strchr(s, '.')) {
		id->type = IPSEC_ID_FQDN;
	} else {
		return "not an address, @name, user@name, @#keyid or a DN (C=.., O=.., CN=..)";
	}
	id->len = n;
	memcpy(id->data, s, n);
	return NULL;
}

/* "[PROTO]" or "[PROTO/PORT]" at the end of a selector. */
static const char *parse_protoport(char *s, struct conf_ts *ts)
{
	char *slash, *end = strchr(s, ']');

	if (!end || end[1])
		return "a protocol must be written [PROTO] or [PROTO/PORT] at the end";
	*end = 0;
	slash = strchr(s, '/');
	if (slash)
		*slash = 0;
	if (!kips_ipproto_parse(s, &ts->proto))
		return "unknown IP protocol";
	if (!slash || !strcmp(slash + 1, "%any"))
		return NULL;
	if (!kips_ipproto_has_ports(ts->proto))
		return "only TCP, UDP, SCTP and UDP-Lite selectors have ports";
	if (!kips_parse_u16(slash + 1, UINT16_MAX, &ts->port))
		return "not a port number";
	return NULL;
}

const char *conf_parse_ts(const char *s, struct conf_ts *ts)
{
	char buf[128], *bracket, *dash;

	memset(ts, 0, sizeof(*ts));
	if (strlen(s) >= sizeof(buf))
		return "selector too long";
	strcpy(buf, s);
	bracket = strchr(buf, '[');
	if (bracket) {
		const char *why;

		*bracket = 0;
		why = parse_protoport(bracket + 1, ts);
		if (why)
			return why;
	}
	dash = strchr(buf, '-');
	if (dash) {
		*dash = 0;
		if (!kips_addr_parse(buf, &ts->net) ||
		    !kips_addr_parse(dash + 1, &ts->last))
			return "a range is ADDR-ADDR";
		if (ts->net.family != ts->last.family)
			return "a range's ends are of different families";
		if (memcmp(ts->net.bytes, ts->last.bytes, kips_addr_len(&ts->net)) > 0)
			return "the range ends before it starts";
		return NULL;
	}
	if (!kips_prefix_parse(buf, &ts->net))
		return "not an address, prefix or range";
	return NULL;
}

const char *conf_parse_psk(const char *s, size_t len, bool quoted,
			   uint8_t *psk, size_t *psk_len)
{
	if (!quoted) {
		if (strncmp(s, "0x", 2) ||
		    !kips_parse_hex(s, psk, CONF_PSK_MAX, psk_len))
			return "a key is a \"quoted string\" or 0x and hex digits";
	} else {
		if (len > CONF_PSK_MAX)
			return "a key is at most 256 bytes";
		memcpy(psk, s, len);
		*psk_len = len;
	}
	if (!*psk_len)
		return "the key is empty";
	return NULL;
}
