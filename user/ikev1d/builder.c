// SPDX-License-Identifier: GPL-2.0
/* Writing ISAKMP messages into a growing buffer. */
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "builder.h"
#include "isakmp.h"
#include "message.h"
#include "wire.h"

/* UDP carries at most this much; an ISAKMP message never needs more. */
#define BUILDER_MAX 65535

void builder_init(struct isakmp_builder *b)
{
	memset(b, 0, sizeof(*b));
}

void builder_free(struct isakmp_builder *b)
{
	if (b->buf) {
		OPENSSL_cleanse(b->buf, b->cap);
		free(b->buf);
	}
	builder_init(b);
}

size_t builder_reserve(struct isakmp_builder *b, size_t len)
{
	size_t off = b->len;

	if (b->failed)
		return off;
	if (len > BUILDER_MAX - b->len) {
		b->failed = true;
		return off;
	}
	if (b->len + len > b->cap) {
		size_t cap = b->cap ? b->cap : 512;
		uint8_t *n;

		while (cap < b->len + len)
			cap *= 2;
		/* Not realloc(): the old buffer is wiped before it goes. */
		n = malloc(cap);
		if (!n) {
			b->failed = true;
			return off;
		}
		if (b->buf) {
			memcpy(n, b->buf, b->len);
			OPENSSL_cleanse(b->buf, b->cap);
			free(b->buf);
		}
		b->buf = n;
		b->cap = cap;
	}
	memset(b->buf + off, 0, len);
	b->len += len;
	return off;
}

void builder_put(struct isakmp_builder *b, const void *data, size_t len)
{
	size_t off = builder_reserve(b, len);

	if (!b->failed && len)
		memcpy(b->buf + off, data, len);
}

void builder_put_u8(struct isakmp_builder *b, uint8_t v)
{
	builder_put(b, &v, 1);
}

void builder_put_be16(struct isakmp_builder *b, uint16_t v)
{
	uint8_t x[2];

	put_be16(x, v);
	builder_put(b, x, sizeof(x));
}

void builder_put_be32(struct isakmp_builder *b, uint32_t v)
{
	uint8_t x[4];

	put_be32(x, v);
	builder_put(b, x, sizeof(x));
}

void builder_header(struct isakmp_builder *b, const struct isakmp_header *h)
{
	size_t off = builder_reserve(b, sizeof(struct isakmp_hdr));
	struct isakmp_hdr *w;

	if (b->failed)
		return;
	w = (struct isakmp_hdr *)(b->buf + off);
	memcpy(w->icookie, h->icookie, sizeof(w->icookie));
	memcpy(w->rcookie, h->rcookie, sizeof(w->rcookie));
	w->next_payload = ISAKMP_NP_NONE;
	w->version = h->version;
	w->exchange = h->exchange;
	w->flags = h->flags;
	put_be32(w->msgid, h->msgid);
	b->np_off = off + offsetof(struct isakmp_hdr, next_payload);
}

size_t builder_open_nested(struct isakmp_builder *b, uint8_t np)
{
	size_t off = builder_reserve(b, sizeof(struct isakmp_gen));

	if (!b->failed)
		b->buf[off] = np;
	return off;
}

size_t builder_open(struct isakmp_builder *b, uint8_t type)
{
	size_t off = builder_open_nested(b, ISAKMP_NP_NONE);

	if (!b->failed) {
		b->buf[b->np_off] = type;
		b->np_off = off;
	}
	return off;
}

void builder_close(struct isakmp_builder *b, size_t off)
{
	size_t len = b->len - off;

	if (b->failed)
		return;
	if (len > 0xffff) {
		b->failed = true;
		return;
	}
	put_be16(b->buf + off + offsetof(struct isakmp_gen, length), len);
}

int builder_finish(struct isakmp_builder *b)
{
	if (b->failed || b->len < sizeof(struct isakmp_hdr))
		return -1;
	put_be32(b->buf + offsetof(struct isakmp_hdr, length), b->len);
	return 0;
}
