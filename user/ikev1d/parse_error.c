// SPDX-License-Identifier: GPL-2.0
/* Rejection reasons, the notify each one answers with, and the log line. */
#include <stdarg.h>
#include <stdio.h>

#include "isakmp.h"
#include "names.h"
#include "parse_error.h"

static const struct {
	const char *name;
	uint16_t notify;
} reasons[__ISAKMP_E_MAX] = {
	[ISAKMP_OK] = { "ok", 0 },
	/* RFC 2408 5.1 says nothing can be sent for a datagram too short to
	 * carry the cookies that would address the answer.
	 */
	[ISAKMP_E_SHORT] = { "short-datagram", 0 },
	[ISAKMP_E_LENGTH] = { "length-mismatch", ISAKMP_N_UNEQUAL_PAYLOAD_LENGTHS },
	[ISAKMP_E_COOKIE] = { "bad-cookie", ISAKMP_N_INVALID_COOKIE },
	[ISAKMP_E_MAJOR_VERSION] = { "major-version", ISAKMP_N_INVALID_MAJOR_VERSION },
	[ISAKMP_E_MINOR_VERSION] = { "minor-version", ISAKMP_N_INVALID_MINOR_VERSION },
	[ISAKMP_E_EXCHANGE_TYPE] = { "exchange-type", ISAKMP_N_INVALID_EXCHANGE_TYPE },
	[ISAKMP_E_EXCHANGE_UNSUPPORTED] = { "exchange-unsupported",
					    ISAKMP_N_UNSUPPORTED_EXCHANGE_TYPE },
	[ISAKMP_E_FLAGS] = { "flags", ISAKMP_N_INVALID_FLAGS },
	[ISAKMP_E_MESSAGE_ID] = { "message-id", ISAKMP_N_INVALID_MESSAGE_ID },
	[ISAKMP_E_CIPHERTEXT] = { "ciphertext-length", ISAKMP_N_PAYLOAD_MALFORMED },
	[ISAKMP_E_NO_PAYLOAD] = { "no-payload", ISAKMP_N_PAYLOAD_MALFORMED },
	[ISAKMP_E_PAYLOAD_TYPE] = { "payload-type", ISAKMP_N_INVALID_PAYLOAD_TYPE },
	[ISAKMP_E_RESERVED] = { "reserved-not-zero", ISAKMP_N_PAYLOAD_MALFORMED },
	[ISAKMP_E_TRUNCATED] = { "truncated", ISAKMP_N_PAYLOAD_MALFORMED },
	[ISAKMP_E_PAYLOAD_SHORT] = { "payload-short", ISAKMP_N_PAYLOAD_MALFORMED },
	[ISAKMP_E_PAYLOAD_OVERRUN] = { "payload-overrun", ISAKMP_N_PAYLOAD_MALFORMED },
	[ISAKMP_E_TRAILING] = { "trailing-data", ISAKMP_N_UNEQUAL_PAYLOAD_LENGTHS },
	[ISAKMP_E_TOO_MANY_PAYLOADS] = { "too-many-payloads", ISAKMP_N_PAYLOAD_MALFORMED },
	[ISAKMP_E_UNEXPECTED_PAYLOAD] = { "unexpected-payload", ISAKMP_N_INVALID_PAYLOAD_TYPE },
	[ISAKMP_E_MISSING_PAYLOAD] = { "missing-payload", ISAKMP_N_PAYLOAD_MALFORMED },
	[ISAKMP_E_DUPLICATE_PAYLOAD] = { "duplicate-payload", ISAKMP_N_PAYLOAD_MALFORMED },
	[ISAKMP_E_PAYLOAD_ORDER] = { "payload-order", ISAKMP_N_PAYLOAD_MALFORMED },
	[ISAKMP_E_DOI] = { "doi", ISAKMP_N_DOI_NOT_SUPPORTED },
	[ISAKMP_E_SITUATION] = { "situation", ISAKMP_N_SITUATION_NOT_SUPPORTED },
	[ISAKMP_E_PROPOSAL_SYNTAX] = { "proposal-syntax", ISAKMP_N_BAD_PROPOSAL_SYNTAX },
	[ISAKMP_E_PROTOCOL_ID] = { "protocol-id", ISAKMP_N_INVALID_PROTOCOL_ID },
	[ISAKMP_E_SPI] = { "spi", ISAKMP_N_INVALID_SPI },
	[ISAKMP_E_TRANSFORM_ID] = { "transform-id", ISAKMP_N_INVALID_TRANSFORM_ID },
	[ISAKMP_E_ATTRIBUTE] = { "attribute", ISAKMP_N_PAYLOAD_MALFORMED },
	[ISAKMP_E_TOO_MANY] = { "too-many", ISAKMP_N_PAYLOAD_MALFORMED },
	[ISAKMP_E_KEY_INFO] = { "key-info", ISAKMP_N_INVALID_KEY_INFORMATION },
	[ISAKMP_E_ID_INFO] = { "id-info", ISAKMP_N_INVALID_ID_INFORMATION },
	[ISAKMP_E_CERT_ENCODING] = { "cert-encoding", ISAKMP_N_INVALID_CERT_ENCODING },
	[ISAKMP_E_CERT_TYPE] = { "cert-type", ISAKMP_N_CERT_TYPE_UNSUPPORTED },
	[ISAKMP_E_HASH_INFO] = { "hash-info", ISAKMP_N_INVALID_HASH_INFORMATION },
	[ISAKMP_E_SIGNATURE] = { "signature", ISAKMP_N_INVALID_SIGNATURE },
	/* RFC 2408 5.13 names no notify for nonces; their length limits come
	 * from RFC 2409, and a nonce outside them is a malformed payload.
	 */
	[ISAKMP_E_NONCE] = { "nonce-length", ISAKMP_N_PAYLOAD_MALFORMED },
	/* RFC 2408 5.14: a bad notification is only logged, never answered,
	 * so that two peers cannot bounce notifications forever.
	 */
	[ISAKMP_E_NOTIFY_TYPE] = { "notify-type", 0 },
	[ISAKMP_E_DELETE_SPIS] = { "delete-spis", ISAKMP_N_PAYLOAD_MALFORMED },
	[ISAKMP_E_EMPTY] = { "empty", ISAKMP_N_PAYLOAD_MALFORMED },
	[ISAKMP_E_NATOA] = { "nat-oa", ISAKMP_N_PAYLOAD_MALFORMED },
	[ISAKMP_E_CFG_TYPE] = { "cfg-type", ISAKMP_N_PAYLOAD_MALFORMED },
	/* Bad notifications are only logged (RFC 2408 5.14, above). */
	[ISAKMP_E_DPD_SPI] = { "dpd-spi", 0 },
	[ISAKMP_E_DPD_COOKIES] = { "dpd-cookies", 0 },
	[ISAKMP_E_DPD_SEQ] = { "dpd-seq", 0 },
	[ISAKMP_E_NOMEM] = { "out-of-memory", 0 },
};

uint16_t isakmp_reason_notify(enum isakmp_reason reason)
{
	return (unsigned int)reason < __ISAKMP_E_MAX ? reasons[reason].notify : 0;
}

const char *isakmp_reason_name(enum isakmp_reason reason)
{
	if ((unsigned int)reason >= __ISAKMP_E_MAX || !reasons[reason].name)
		return "unknown";
	return reasons[reason].name;
}

int isakmp_fail(struct isakmp_err *err, enum isakmp_reason reason,
		uint8_t payload, size_t offset, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (!err)
		return -1;
	err->reason = reason;
	err->notify = isakmp_reason_notify(reason);
	err->payload = payload;
	err->offset = offset;
	if (payload)
		n = snprintf(err->msg, sizeof(err->msg),
			     "malformed payload %s at offset %zu: ",
			     isakmp_payload_str(payload), offset);
	else
		n = snprintf(err->msg, sizeof(err->msg),
			     "malformed header at offset %zu: ", offset);
	if (n < 0 || (size_t)n >= sizeof(err->msg))
		return -1;
	va_start(ap, fmt);
	vsnprintf(err->msg + n, sizeof(err->msg) - n, fmt, ap);
	va_end(ap);
	return -1;
}
