/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Encrypting and decrypting whole ISAKMP messages (RFC 2408 3.1, RFC 2409
 * appendix B): everything after the 28-byte header, in CBC mode, with the
 * E flag set and the header's length covering the padding.  @iv is the
 * exchange's IV going in and the last ciphertext block coming out, which
 * is the next message's IV.
 */
#ifndef IKEV1D_CRYPT_H
#define IKEV1D_CRYPT_H

#include <stddef.h>
#include <stdint.h>

#include "parse_error.h"

struct isakmp_builder;

/* Encrypts the message built in @b (finished or not) in place. */
int isakmp_encrypt_msg(struct isakmp_builder *b, uint16_t encr,
		       const uint8_t *key, size_t keylen, uint8_t *iv);

/* Decrypts the datagram @in of @len bytes, whose header was validated and
 * has the E flag, into @out (@len bytes): the header copied, the rest
 * decrypted.  The payloads are then isakmp_parse_payloads()' to check.
 */
int isakmp_decrypt_msg(uint16_t encr, const uint8_t *key, size_t keylen,
		       uint8_t *iv, const uint8_t *in, size_t len, uint8_t *out,
		       struct isakmp_err *err);

#endif /* IKEV1D_CRYPT_H */
