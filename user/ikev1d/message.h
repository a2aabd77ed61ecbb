/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The first layer of parsing: the ISAKMP header and the chain of generic
 * payload headers.  Nothing past this layer sees a byte whose bounds have
 * not been checked: every payload it returns has a sane type, zero reserved
 * bits, and a length that covers its fixed part and stays inside the
 * message.  The second layer (payload.h) interprets payload bodies.
 */
#ifndef IKEV1D_MESSAGE_H
#define IKEV1D_MESSAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "isakmp.h"
#include "parse_error.h"

/* More payloads than any IKEv1 message needs (main mode message 1 with a
 * dozen vendor IDs stays far below).
 */
#define ISAKMP_MAX_PAYLOADS	32

struct isakmp_header {
	uint8_t icookie[ISAKMP_COOKIE_LEN];
	uint8_t rcookie[ISAKMP_COOKIE_LEN];
	uint8_t next_payload;
	uint8_t version;
	uint8_t exchange;
	uint8_t flags;
	uint32_t msgid;
	uint32_t length;
};

/* One payload, validated by the generic layer. */
struct isakmp_payload {
	uint8_t type;
	size_t offset;		/* of its generic header in the message */
	const uint8_t *data;	/* its generic header */
	size_t len;		/* payload length, generic header included */
};

static inline const uint8_t *isakmp_body(const struct isakmp_payload *p)
{
	return p->data + sizeof(struct isakmp_gen);
}

static inline size_t isakmp_body_len(const struct isakmp_payload *p)
{
	return p->len - sizeof(struct isakmp_gen);
}

struct isakmp_msg {
	const uint8_t *buf;	/* the whole message, header first */
	size_t len;
	struct isakmp_header hdr;
	size_t end;		/* offset just past the last payload */
	size_t n;		/* payloads found */
	struct isakmp_payload pl[ISAKMP_MAX_PAYLOADS];
};

/* Validates the header of the datagram @buf of @len bytes: size, version,
 * exchange type, flags, message ID against the exchange type, initiator
 * cookie, and the length field against @len.
 */
int isakmp_parse_header(struct isakmp_header *hdr, const uint8_t *buf,
			size_t len, struct isakmp_err *err);

/* Walks the payload chain of the message @buf (header included; if it was
 * encrypted, the decrypted message, whose padding after the last payload is
 * then allowed).  @msg->hdr must have been filled by isakmp_parse_header().
 */
int isakmp_parse_payloads(struct isakmp_msg *msg, const uint8_t *buf,
			  size_t len, struct isakmp_err *err);

/* Both of the above for a datagram.  When the header's E flag is set the
 * payloads are left for after decryption and @msg->n is 0.
 */
int isakmp_parse(struct isakmp_msg *msg, const uint8_t *buf, size_t len,
		 struct isakmp_err *err);

/* The smallest length a payload of @type may have (its fixed part), or 0
 * when @type may not stand in a message's payload chain.
 */
size_t isakmp_payload_min_len(uint8_t type);

/* The @nth (from 0) payload of @type, or NULL. */
const struct isakmp_payload *isakmp_find(const struct isakmp_msg *msg,
					 uint8_t type, size_t nth);

/*
 * What one message of an exchange may carry: each listed payload type
 * between min and max times, nothing else.  Part of the exchange tables the
 * engine walks; checked before any handler runs.
 */
struct isakmp_expect {
	uint8_t type;
	uint8_t min;
	uint8_t max;
};

/* Checks @msg against @n expectations; if @first is not 0, the message must
 * start with a payload of that type (HASH in quick mode and informational
 * exchanges, RFC 2409 5.5 and 5.7).
 */
int isakmp_check_payloads(const struct isakmp_msg *msg,
			  const struct isakmp_expect *exp, size_t n,
			  uint8_t first, struct isakmp_err *err);

#endif /* IKEV1D_MESSAGE_H */
