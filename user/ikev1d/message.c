// SPDX-License-Identifier: GPL-2.0
/*
 * The generic layer of the parser (RFC 2408 sections 5.1 to 5.3): the
 * ISAKMP header, then every generic payload header, before any payload
 * handler sees the data.
 */
#include <string.h>

#include "message.h"
#include "names.h"
#include "wire.h"

#define HDR_LEN sizeof(struct isakmp_hdr)
#define GEN_LEN sizeof(struct isakmp_gen)
#define OFF(field) offsetof(struct isakmp_hdr, field)

size_t isakmp_payload_min_len(uint8_t type)
{
	switch (type) {
	case ISAKMP_NP_SA:
		return sizeof(struct isakmp_sa_pl);
	case ISAKMP_NP_ID:
		return sizeof(struct isakmp_id_pl);
	case ISAKMP_NP_CERT:
		return sizeof(struct isakmp_cert_pl);
	case ISAKMP_NP_CR:
		return sizeof(struct isakmp_cr_pl);
	case ISAKMP_NP_N:
		return sizeof(struct isakmp_notify_pl);
	case ISAKMP_NP_D:
		return sizeof(struct isakmp_delete_pl);
	case ISAKMP_NP_ATTR:
		return sizeof(struct isakmp_attr_pl);
	case ISAKMP_NP_NATOA:
	case ISAKMP_NP_NATOA_DRAFT:
		return sizeof(struct isakmp_natoa_pl);
	case ISAKMP_NP_KE:
	case ISAKMP_NP_HASH:
	case ISAKMP_NP_SIG:
	case ISAKMP_NP_NONCE:
	case ISAKMP_NP_VID:
	case ISAKMP_NP_NATD:
	case ISAKMP_NP_NATD_DRAFT:
		return sizeof(struct isakmp_data_pl);
	default:
		/* PROPOSAL and TRANSFORM live inside an SA; GDOI payloads and
		 * private ones have no place in IKE.
		 */
		return 0;
	}
}

static bool message_id_ok(uint8_t exchange, uint32_t msgid)
{
	switch (exchange) {
	case ISAKMP_XCHG_IDPROT:
	case ISAKMP_XCHG_AGGRESSIVE:
		/* RFC 2409 5: phase 1 runs under message ID 0. */
		return msgid == 0;
	case ISAKMP_XCHG_QUICK:
	case ISAKMP_XCHG_TRANSACTION:
		/* Phase 2 exchanges pick a random, non-zero message ID. */
		return msgid != 0;
	default:
		/* Informational: an unprotected one in phase 1 may use 0. */
		return true;
	}
}

static const uint8_t zero_cookie[ISAKMP_COOKIE_LEN];

int isakmp_parse_header(struct isakmp_header *hdr, const uint8_t *buf,
			size_t len, struct isakmp_err *err)
{
	const struct isakmp_hdr *h = (const struct isakmp_hdr *)buf;

	if (len < HDR_LEN)
		return isakmp_fail(err, ISAKMP_E_SHORT, 0, 0,
				   "datagram of %zu bytes is shorter than the header (%zu)",
				   len, HDR_LEN);
	memcpy(hdr->icookie, h->icookie, sizeof(hdr->icookie));
	memcpy(hdr->rcookie, h->rcookie, sizeof(hdr->rcookie));
	hdr->next_payload = h->next_payload;
	hdr->version = h->version;
	hdr->exchange = h->exchange;
	hdr->flags = h->flags;
	hdr->msgid = get_be32(h->msgid);
	hdr->length = get_be32(h->length);

	if (ISAKMP_MAJOR(hdr->version) != ISAKMP_MAJOR(ISAKMP_VERSION))
		return isakmp_fail(err, ISAKMP_E_MAJOR_VERSION, 0, OFF(version),
				   "major version %u (expected %u)",
				   ISAKMP_MAJOR(hdr->version),
				   ISAKMP_MAJOR(ISAKMP_VERSION));
	/* RFC 2408 5.2: a minor version above ours is refused; there is no
	 * ISAKMP 1.1 to be compatible with.
	 */
	if (ISAKMP_MINOR(hdr->version) != ISAKMP_MINOR(ISAKMP_VERSION))
		return isakmp_fail(err, ISAKMP_E_MINOR_VERSION, 0, OFF(version),
				   "minor version %u (expected %u)",
				   ISAKMP_MINOR(hdr->version),
				   ISAKMP_MINOR(ISAKMP_VERSION));
	switch (hdr->exchange) {
	case ISAKMP_XCHG_IDPROT:
	case ISAKMP_XCHG_AGGRESSIVE:
	case ISAKMP_XCHG_INFO:
	case ISAKMP_XCHG_TRANSACTION:
	case ISAKMP_XCHG_QUICK:
		break;
	case ISAKMP_XCHG_BASE:
	case ISAKMP_XCHG_AUTH_ONLY:
	case ISAKMP_XCHG_NEW_GROUP:
		return isakmp_fail(err, ISAKMP_E_EXCHANGE_UNSUPPORTED, 0,
				   OFF(exchange), "exchange type %s is not supported",
				   isakmp_exchange_str(hdr->exchange));
	default:
		return isakmp_fail(err, ISAKMP_E_EXCHANGE_TYPE, 0, OFF(exchange),
				   "exchange type %u is not defined", hdr->exchange);
	}
	if (hdr->flags & ~ISAKMP_FLAGS_ALL)
		return isakmp_fail(err, ISAKMP_E_FLAGS, 0, OFF(flags),
				   "flags 0x%02x have undefined bits 0x%02x set",
				   hdr->flags, hdr->flags & ~ISAKMP_FLAGS_ALL);
	if (!message_id_ok(hdr->exchange, hdr->msgid))
		return isakmp_fail(err, ISAKMP_E_MESSAGE_ID, 0, OFF(msgid),
				   "message ID 0x%08x is not valid in a %s exchange",
				   hdr->msgid, isakmp_exchange_str(hdr->exchange));
	if (!memcmp(hdr->icookie, zero_cookie, sizeof(zero_cookie)))
		return isakmp_fail(err, ISAKMP_E_COOKIE, 0, OFF(icookie),
				   "initiator cookie is zero");
	/* RFC 2408 5.1: the length field must be the datagram's length. */
	if (hdr->length != len)
		return isakmp_fail(err, ISAKMP_E_LENGTH, 0, OFF(length),
				   "length %u differs from the datagram's %zu bytes",
				   hdr->length, len);
	return 0;
}

int isakmp_parse_payloads(struct isakmp_msg *msg, const uint8_t *buf,
			  size_t len, struct isakmp_err *err)
{
	bool padded = msg->hdr.flags & ISAKMP_FLAG_ENC;
	uint8_t np = msg->hdr.next_payload;
	uint8_t prev = ISAKMP_NP_NONE;	/* payload that named @np */
	size_t np_off = OFF(next_payload);
	size_t off = HDR_LEN;

	msg->buf = buf;
	msg->len = len;
	msg->n = 0;
	msg->end = off;
	if (len < HDR_LEN)
		return isakmp_fail(err, ISAKMP_E_SHORT, 0, 0,
				   "message of %zu bytes is shorter than the header (%zu)",
				   len, HDR_LEN);
	if (np == ISAKMP_NP_NONE)
		return isakmp_fail(err, ISAKMP_E_NO_PAYLOAD, 0, np_off,
				   "the message carries no payload");
	while (np != ISAKMP_NP_NONE) {
		struct isakmp_payload *p;
		size_t min = isakmp_payload_min_len(np);
		const struct isakmp_gen *gen;
		size_t plen;

		if (!min)
			return isakmp_fail(err, ISAKMP_E_PAYLOAD_TYPE, prev, np_off,
					   "next payload %s is not allowed in a message",
					   isakmp_payload_str(np));
		if (msg->n == ISAKMP_MAX_PAYLOADS)
			return isakmp_fail(err, ISAKMP_E_TOO_MANY_PAYLOADS, np, off,
					   "more than %d payloads",
					   ISAKMP_MAX_PAYLOADS);
		if (len - off < GEN_LEN)
			return isakmp_fail(err, ISAKMP_E_TRUNCATED, np, off,
					   "no room for its header (message ends at %zu)",
					   len);
		gen = (const struct isakmp_gen *)(buf + off);
		plen = get_be16(gen->length);
		if (gen->reserved)
			return isakmp_fail(err, ISAKMP_E_RESERVED, np, off + 1,
					   "reserved byte is 0x%02x", gen->reserved);
		if (plen < min)
			return isakmp_fail(err, ISAKMP_E_PAYLOAD_SHORT, np, off,
					   "length %zu is shorter than its fixed part (%zu)",
					   plen, min);
		if (plen > len - off)
			return isakmp_fail(err, ISAKMP_E_PAYLOAD_OVERRUN, np, off,
					   "length %zu runs past the message (end %zu)",
					   plen, len);
		p = &msg->pl[msg->n++];
		p->type = np;
		p->offset = off;
		p->data = buf + off;
		p->len = plen;

		prev = np;
		np = gen->next_payload;
		np_off = off;
		off += plen;
	}
	msg->end = off;
	/* RFC 2409 pads encrypted messages to the cipher's block size after
	 * the last payload; a clear message has nothing there.
	 */
	if (off != len && !padded)
		return isakmp_fail(err, ISAKMP_E_TRAILING, prev, off,
				   "%zu bytes follow the last payload", len - off);
	return 0;
}

int isakmp_parse(struct isakmp_msg *msg, const uint8_t *buf, size_t len,
		 struct isakmp_err *err)
{
	msg->buf = buf;
	msg->len = len;
	msg->n = 0;
	msg->end = 0;
	if (isakmp_parse_header(&msg->hdr, buf, len, err))
		return -1;
	if (msg->hdr.flags & ISAKMP_FLAG_ENC)
		return 0;
	return isakmp_parse_payloads(msg, buf, len, err);
}

const struct isakmp_payload *isakmp_find(const struct isakmp_msg *msg,
					 uint8_t type, size_t nth)
{
	size_t i;

	for (i = 0; i < msg->n; i++)
		if (msg->pl[i].type == type && nth-- == 0)
			return &msg->pl[i];
	return NULL;
}

int isakmp_check_payloads(const struct isakmp_msg *msg,
			  const struct isakmp_expect *exp, size_t n,
			  uint8_t first, struct isakmp_err *err)
{
	unsigned int count[256] = { 0 };
	size_t i, j;

	if (first && (!msg->n || msg->pl[0].type != first))
		return isakmp_fail(err, ISAKMP_E_PAYLOAD_ORDER,
				   msg->n ? msg->pl[0].type : 0,
				   msg->n ? msg->pl[0].offset : HDR_LEN,
				   "the first payload must be %s",
				   isakmp_payload_str(first));
	for (i = 0; i < msg->n; i++) {
		const struct isakmp_payload *p = &msg->pl[i];

		for (j = 0; j < n && exp[j].type != p->type; j++)
			;
		if (j == n)
			return isakmp_fail(err, ISAKMP_E_UNEXPECTED_PAYLOAD,
					   p->type, p->offset,
					   "not expected in this message");
		if (++count[p->type] > exp[j].max)
			return isakmp_fail(err, ISAKMP_E_DUPLICATE_PAYLOAD,
					   p->type, p->offset,
					   "more than %u in one message", exp[j].max);
	}
	for (j = 0; j < n; j++)
		if (count[exp[j].type] < exp[j].min)
			return isakmp_fail(err, ISAKMP_E_MISSING_PAYLOAD,
					   exp[j].type, msg->end,
					   "missing from the message (%u needed)",
					   exp[j].min);
	return 0;
}
