/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Why a message was rejected: one reason code (what tests assert and the
 * engine acts on), the RFC 2408 section 5 notify that answers it (0 where
 * the RFC names none), the payload at fault and where it was, and one line
 * of text for the log, e.g.
 *
 *   malformed payload NONCE at offset 84: length 300 runs past the message (end 200)
 */
#ifndef IKEV1D_PARSE_ERROR_H
#define IKEV1D_PARSE_ERROR_H

#include <stddef.h>
#include <stdint.h>

enum isakmp_reason {
	ISAKMP_OK = 0,
	/* The header. */
	ISAKMP_E_SHORT,			/* datagram shorter than a header */
	ISAKMP_E_LENGTH,		/* header length != datagram length */
	ISAKMP_E_COOKIE,		/* initiator cookie is zero */
	ISAKMP_E_MAJOR_VERSION,
	ISAKMP_E_MINOR_VERSION,
	ISAKMP_E_EXCHANGE_TYPE,		/* not an exchange type at all */
	ISAKMP_E_EXCHANGE_UNSUPPORTED,	/* defined, but not one IKE uses */
	ISAKMP_E_FLAGS,			/* undefined flag bits set */
	ISAKMP_E_MESSAGE_ID,		/* zero where it must not be, or not */
	ISAKMP_E_CIPHERTEXT,		/* not a whole number of cipher blocks */
	/* The chain of generic payload headers. */
	ISAKMP_E_NO_PAYLOAD,		/* header announces no payload */
	ISAKMP_E_PAYLOAD_TYPE,		/* unknown or misplaced payload type */
	ISAKMP_E_RESERVED,		/* a RESERVED field is not zero */
	ISAKMP_E_TRUNCATED,		/* no room for a generic header */
	ISAKMP_E_PAYLOAD_SHORT,		/* length below the payload's fixed part */
	ISAKMP_E_PAYLOAD_OVERRUN,	/* length runs past the message */
	ISAKMP_E_TRAILING,		/* bytes after the last payload */
	ISAKMP_E_TOO_MANY_PAYLOADS,
	/* What the exchange expects of a message. */
	ISAKMP_E_UNEXPECTED_PAYLOAD,
	ISAKMP_E_MISSING_PAYLOAD,
	ISAKMP_E_DUPLICATE_PAYLOAD,
	ISAKMP_E_PAYLOAD_ORDER,
	/* SA, proposal and transform payloads. */
	ISAKMP_E_DOI,			/* also N and D */
	ISAKMP_E_SITUATION,
	ISAKMP_E_PROPOSAL_SYNTAX,	/* numbering, chaining, counts */
	ISAKMP_E_PROTOCOL_ID,		/* also N and D */
	ISAKMP_E_SPI,			/* SPI size or value; also N and D */
	ISAKMP_E_TRANSFORM_ID,
	ISAKMP_E_ATTRIBUTE,		/* a data attribute does not fit */
	ISAKMP_E_TOO_MANY,		/* proposals, transforms or attributes */
	/* The other payloads. */
	ISAKMP_E_KEY_INFO,		/* KE */
	ISAKMP_E_ID_INFO,		/* ID */
	ISAKMP_E_CERT_ENCODING,		/* CERT */
	ISAKMP_E_CERT_TYPE,		/* CR */
	ISAKMP_E_HASH_INFO,		/* HASH */
	ISAKMP_E_SIGNATURE,		/* SIG */
	ISAKMP_E_NONCE,			/* NONCE: RFC 2409 wants 8..256 bytes */
	ISAKMP_E_NOTIFY_TYPE,		/* N: reserved message type */
	ISAKMP_E_DELETE_SPIS,		/* D: SPI count and size do not fit */
	ISAKMP_E_EMPTY,			/* VID, NAT-D: no data */
	ISAKMP_E_NATOA,			/* NAT-OA: bad type or address */
	ISAKMP_E_CFG_TYPE,		/* attribute payload: bad type */
	/* DPD notifications (RFC 3706), checked against their ISAKMP SA. */
	ISAKMP_E_DPD_SPI,		/* not ISAKMP with a 16-byte SPI */
	ISAKMP_E_DPD_COOKIES,		/* another ISAKMP SA's cookies */
	ISAKMP_E_DPD_SEQ,		/* no 32-bit sequence number */
	/* Ours, not the peer's. */
	ISAKMP_E_NOMEM,

	__ISAKMP_E_MAX
};

struct isakmp_err {
	enum isakmp_reason reason;
	uint16_t notify;	/* enum isakmp_notify to send back, 0: none */
	uint8_t payload;	/* payload type at fault; 0: the header */
	size_t offset;		/* from the start of the ISAKMP header */
	char msg[256];		/* one line, no newline */
};

/* Fills @err and returns -1, so parsers can `return isakmp_fail(...)`.
 * The line reads "malformed <header|payload NAME> at offset N: <detail>".
 */
int isakmp_fail(struct isakmp_err *err, enum isakmp_reason reason,
		uint8_t payload, size_t offset, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* The notify RFC 2408 section 5 names for @reason (0 where none). */
uint16_t isakmp_reason_notify(enum isakmp_reason reason);

/* A short stable name for @reason ("payload-overrun"), for logs and tests. */
const char *isakmp_reason_name(enum isakmp_reason reason);

#endif /* IKEV1D_PARSE_ERROR_H */
