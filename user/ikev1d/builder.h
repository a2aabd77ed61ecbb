/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Writing ISAKMP messages: a growing buffer that chains payloads (each new
 * payload's type goes into the previous one's next-payload field) and fills
 * in lengths when a payload or the message is closed.  A failure (memory, a
 * payload over 65535 bytes) sticks, so callers check once at the end.
 */
#ifndef IKEV1D_BUILDER_H
#define IKEV1D_BUILDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct isakmp_header;

struct isakmp_builder {
	uint8_t *buf;
	size_t len;
	size_t cap;
	size_t np_off;		/* where the next payload's type goes */
	bool failed;
};

void builder_init(struct isakmp_builder *b);
/* Wipes (messages carry hashes and identities) and frees the buffer. */
void builder_free(struct isakmp_builder *b);

/* Appends @len bytes and returns the offset of the first; on failure marks
 * @b failed and returns the current length.  Offsets stay valid across
 * appends, pointers do not.
 */
size_t builder_reserve(struct isakmp_builder *b, size_t len);
void builder_put(struct isakmp_builder *b, const void *data, size_t len);
void builder_put_u8(struct isakmp_builder *b, uint8_t v);
void builder_put_be16(struct isakmp_builder *b, uint16_t v);
void builder_put_be32(struct isakmp_builder *b, uint32_t v);

/* Starts a message with the header @h (its length is filled in by
 * builder_finish(), its next payload by the first builder_open()).
 */
void builder_header(struct isakmp_builder *b, const struct isakmp_header *h);

/* Opens a payload of @type in the message's chain; returns its offset for
 * builder_close().
 */
size_t builder_open(struct isakmp_builder *b, uint8_t type);
/* Opens a payload nested in another (proposal in an SA, transform in a
 * proposal) whose next-payload field the caller knows: @np.
 */
size_t builder_open_nested(struct isakmp_builder *b, uint8_t np);
/* Writes the length of the payload opened at @off. */
void builder_close(struct isakmp_builder *b, size_t off);

/* Writes the message length into the header; 0, or -1 if anything failed. */
int builder_finish(struct isakmp_builder *b);

#endif /* IKEV1D_BUILDER_H */
