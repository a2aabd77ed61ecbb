// SPDX-License-Identifier: GPL-2.0
/* Names of ISAKMP numbers, for log lines and decoded dumps. */
#include <stdio.h>

#include "isakmp.h"
#include "names.h"

struct name {
	uint16_t value;
	const char *name;
};

static const char *lookup(const struct name *t, size_t n, uint16_t value)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (t[i].value == value)
			return t[i].name;
	return NULL;
}

#define LOOKUP(table, v) lookup(table, sizeof(table) / sizeof(table[0]), v)

static const struct name payloads[] = {
	{ ISAKMP_NP_NONE, "NONE" },
	{ ISAKMP_NP_SA, "SA" },
	{ ISAKMP_NP_P, "PROPOSAL" },
	{ ISAKMP_NP_T, "TRANSFORM" },
	{ ISAKMP_NP_KE, "KE" },
	{ ISAKMP_NP_ID, "ID" },
	{ ISAKMP_NP_CERT, "CERT" },
	{ ISAKMP_NP_CR, "CR" },
	{ ISAKMP_NP_HASH, "HASH" },
	{ ISAKMP_NP_SIG, "SIG" },
	{ ISAKMP_NP_NONCE, "NONCE" },
	{ ISAKMP_NP_N, "N" },
	{ ISAKMP_NP_D, "D" },
	{ ISAKMP_NP_VID, "VID" },
	{ ISAKMP_NP_ATTR, "ATTR" },
	{ ISAKMP_NP_NATD, "NAT-D" },
	{ ISAKMP_NP_NATOA, "NAT-OA" },
	{ ISAKMP_NP_NATD_DRAFT, "NAT-D(draft)" },
	{ ISAKMP_NP_NATOA_DRAFT, "NAT-OA(draft)" },
};

static const struct name exchanges[] = {
	{ ISAKMP_XCHG_NONE, "NONE" },
	{ ISAKMP_XCHG_BASE, "BASE" },
	{ ISAKMP_XCHG_IDPROT, "MAIN" },
	{ ISAKMP_XCHG_AUTH_ONLY, "AUTH_ONLY" },
	{ ISAKMP_XCHG_AGGRESSIVE, "AGGRESSIVE" },
	{ ISAKMP_XCHG_INFO, "INFORMATIONAL" },
	{ ISAKMP_XCHG_TRANSACTION, "TRANSACTION" },
	{ ISAKMP_XCHG_QUICK, "QUICK" },
	{ ISAKMP_XCHG_NEW_GROUP, "NEW_GROUP" },
};

static const struct name notifies[] = {
	{ ISAKMP_N_INVALID_PAYLOAD_TYPE, "INVALID-PAYLOAD-TYPE" },
	{ ISAKMP_N_DOI_NOT_SUPPORTED, "DOI-NOT-SUPPORTED" },
	{ ISAKMP_N_SITUATION_NOT_SUPPORTED, "SITUATION-NOT-SUPPORTED" },
	{ ISAKMP_N_INVALID_COOKIE, "INVALID-COOKIE" },
	{ ISAKMP_N_INVALID_MAJOR_VERSION, "INVALID-MAJOR-VERSION" },
	{ ISAKMP_N_INVALID_MINOR_VERSION, "INVALID-MINOR-VERSION" },
	{ ISAKMP_N_INVALID_EXCHANGE_TYPE, "INVALID-EXCHANGE-TYPE" },
	{ ISAKMP_N_INVALID_FLAGS, "INVALID-FLAGS" },
	{ ISAKMP_N_INVALID_MESSAGE_ID, "INVALID-MESSAGE-ID" },
	{ ISAKMP_N_INVALID_PROTOCOL_ID, "INVALID-PROTOCOL-ID" },
	{ ISAKMP_N_INVALID_SPI, "INVALID-SPI" },
	{ ISAKMP_N_INVALID_TRANSFORM_ID, "INVALID-TRANSFORM-ID" },
	{ ISAKMP_N_ATTRIBUTES_NOT_SUPPORTED, "ATTRIBUTES-NOT-SUPPORTED" },
	{ ISAKMP_N_NO_PROPOSAL_CHOSEN, "NO-PROPOSAL-CHOSEN" },
	{ ISAKMP_N_BAD_PROPOSAL_SYNTAX, "BAD-PROPOSAL-SYNTAX" },
	{ ISAKMP_N_PAYLOAD_MALFORMED, "PAYLOAD-MALFORMED" },
	{ ISAKMP_N_INVALID_KEY_INFORMATION, "INVALID-KEY-INFORMATION" },
	{ ISAKMP_N_INVALID_ID_INFORMATION, "INVALID-ID-INFORMATION" },
	{ ISAKMP_N_INVALID_CERT_ENCODING, "INVALID-CERT-ENCODING" },
	{ ISAKMP_N_INVALID_CERTIFICATE, "INVALID-CERTIFICATE" },
	{ ISAKMP_N_CERT_TYPE_UNSUPPORTED, "CERT-TYPE-UNSUPPORTED" },
	{ ISAKMP_N_INVALID_CERT_AUTHORITY, "INVALID-CERT-AUTHORITY" },
	{ ISAKMP_N_INVALID_HASH_INFORMATION, "INVALID-HASH-INFORMATION" },
	{ ISAKMP_N_AUTHENTICATION_FAILED, "AUTHENTICATION-FAILED" },
	{ ISAKMP_N_INVALID_SIGNATURE, "INVALID-SIGNATURE" },
	{ ISAKMP_N_ADDRESS_NOTIFICATION, "ADDRESS-NOTIFICATION" },
	{ ISAKMP_N_NOTIFY_SA_LIFETIME, "NOTIFY-SA-LIFETIME" },
	{ ISAKMP_N_CERTIFICATE_UNAVAILABLE, "CERTIFICATE-UNAVAILABLE" },
	{ ISAKMP_N_UNSUPPORTED_EXCHANGE_TYPE, "UNSUPPORTED-EXCHANGE-TYPE" },
	{ ISAKMP_N_UNEQUAL_PAYLOAD_LENGTHS, "UNEQUAL-PAYLOAD-LENGTHS" },
	{ ISAKMP_N_CONNECTED, "CONNECTED" },
	{ IPSEC_N_RESPONDER_LIFETIME, "RESPONDER-LIFETIME" },
	{ IPSEC_N_REPLAY_STATUS, "REPLAY-STATUS" },
	{ IPSEC_N_INITIAL_CONTACT, "INITIAL-CONTACT" },
	{ ISAKMP_N_DPD_R_U_THERE, "R-U-THERE" },
	{ ISAKMP_N_DPD_R_U_THERE_ACK, "R-U-THERE-ACK" },
};

static const struct name protocols[] = {
	{ ISAKMP_PROTO_ISAKMP, "ISAKMP" },
	{ ISAKMP_PROTO_AH, "AH" },
	{ ISAKMP_PROTO_ESP, "ESP" },
	{ ISAKMP_PROTO_IPCOMP, "IPCOMP" },
};

static const struct name id_types[] = {
	{ IPSEC_ID_IPV4_ADDR, "IPV4_ADDR" },
	{ IPSEC_ID_FQDN, "FQDN" },
	{ IPSEC_ID_USER_FQDN, "USER_FQDN" },
	{ IPSEC_ID_IPV4_ADDR_SUBNET, "IPV4_ADDR_SUBNET" },
	{ IPSEC_ID_IPV6_ADDR, "IPV6_ADDR" },
	{ IPSEC_ID_IPV6_ADDR_SUBNET, "IPV6_ADDR_SUBNET" },
	{ IPSEC_ID_IPV4_ADDR_RANGE, "IPV4_ADDR_RANGE" },
	{ IPSEC_ID_IPV6_ADDR_RANGE, "IPV6_ADDR_RANGE" },
	{ IPSEC_ID_DER_ASN1_DN, "DER_ASN1_DN" },
	{ IPSEC_ID_DER_ASN1_GN, "DER_ASN1_GN" },
	{ IPSEC_ID_KEY_ID, "KEY_ID" },
};

const char *isakmp_payload_name(uint8_t type)
{
	return LOOKUP(payloads, type);
}

const char *isakmp_exchange_name(uint8_t type)
{
	return LOOKUP(exchanges, type);
}

const char *isakmp_notify_name(uint16_t type)
{
	return LOOKUP(notifies, type);
}

const char *isakmp_protocol_name(uint8_t proto)
{
	return LOOKUP(protocols, proto);
}

const char *ipsec_id_type_name(uint8_t type)
{
	return LOOKUP(id_types, type);
}

/* A few buffers, so that several numbers can be named in one printf. */
static const char *unknown(const char *what, unsigned int value)
{
	static char bufs[4][32];
	static unsigned int next;
	char *b = bufs[next++ % 4];

	snprintf(b, sizeof(bufs[0]), "%s %u", what, value);
	return b;
}

const char *isakmp_payload_str(uint8_t type)
{
	const char *n = isakmp_payload_name(type);

	return n ? n : unknown("type", type);
}

const char *isakmp_protocol_str(uint8_t proto)
{
	const char *n = isakmp_protocol_name(proto);

	return n ? n : unknown("protocol", proto);
}

const char *isakmp_exchange_str(uint8_t type)
{
	const char *n = isakmp_exchange_name(type);

	return n ? n : unknown("exchange type", type);
}

const char *isakmp_notify_str(uint16_t type)
{
	const char *n = isakmp_notify_name(type);

	return n ? n : unknown("notify", type);
}
