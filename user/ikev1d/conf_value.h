/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The values of ikev1d.conf and the secrets file: durations, byte counts,
 * yes/no, identities, traffic selectors and pre-shared keys.  Each parser
 * takes the whole word or refuses it: NULL means fine, else the reason
 * (a static string, which never contains the value of a secret).
 */
#ifndef IKEV1D_CONF_VALUE_H
#define IKEV1D_CONF_VALUE_H

#include <stdbool.h>
#include <stdint.h>

#include "conf.h"

/* Seconds, with an optional unit: s, m, h or d ("8h"); 1 to 2^32-1. */
const char *conf_parse_duration(const char *s, uint32_t *out);
/* Bytes, with an optional unit: k, M or G (powers of 1024); 0 is none. */
const char *conf_parse_bytes(const char *s, uint64_t *out);
const char *conf_parse_bool(const char *s, bool *out);

/*
 * An IKE identity:
 *   192.0.2.1, 2001:db8::1      ID_IPV4_ADDR, ID_IPV6_ADDR
 *   @vpn.example.net            ID_FQDN (also a bare name with a dot)
 *   alice@example.net           ID_USER_FQDN
 *   @#0123abcd                  ID_KEY_ID, hex
 *   C=CH, O=example, CN=moon    ID_DER_ASN1_DN (cert_dn_parse())
 */
const char *conf_parse_id(const char *s, struct conf_id *id);

/* The ID of an address. */
void conf_id_from_addr(const struct kips_addr *a, struct conf_id *id);
bool conf_id_equal(const struct conf_id *a, const struct conf_id *b);

/*
 * A traffic selector: PREFIX or ADDR-ADDR, then optionally [PROTO] or
 * [PROTO/PORT] (PORT a number or %any; only TCP, UDP, SCTP and UDP-Lite
 * have ports): 10.1.0.0/16, fd00::/64[tcp/443], 10.0.0.1-10.0.0.9[udp].
 */
const char *conf_parse_ts(const char *s, struct conf_ts *ts);

/* A key: a quoted string of 1..CONF_PSK_MAX bytes (@quoted), or 0x and
 * hex digits.
 */
const char *conf_parse_psk(const char *s, size_t len, bool quoted,
			   uint8_t *psk, size_t *psk_len);

#endif /* IKEV1D_CONF_VALUE_H */
