// SPDX-License-Identifier: GPL-2.0
/* Whole ISAKMP messages through the phase-1 cipher. */
#include <string.h>

#include "builder.h"
#include "cipher.h"
#include "crypt.h"
#include "isakmp.h"
#include "wire.h"

#define HDR_LEN sizeof(struct isakmp_hdr)

int isakmp_encrypt_msg(struct isakmp_builder *b, uint16_t encr,
		       const uint8_t *key, size_t keylen, uint8_t *iv)
{
	size_t bs = ike_cipher_block_len(encr), body, out;

	if (!bs || b->failed || b->len <= HDR_LEN)
		return -1;
	body = b->len - HDR_LEN;
	/* Room for the zero padding, which the cipher writes. */
	builder_reserve(b, (bs - body % bs) % bs);
	if (b->failed ||
	    ike_cbc_encrypt(encr, key, keylen, iv, b->buf + HDR_LEN, body,
			    b->buf + HDR_LEN, &out) ||
	    out != b->len - HDR_LEN)
		return -1;
	b->buf[offsetof(struct isakmp_hdr, flags)] |= ISAKMP_FLAG_ENC;
	put_be32(b->buf + offsetof(struct isakmp_hdr, length), b->len);
	return 0;
}

int isakmp_decrypt_msg(uint16_t encr, const uint8_t *key, size_t keylen,
		       uint8_t *iv, const uint8_t *in, size_t len, uint8_t *out,
		       struct isakmp_err *err)
{
	size_t bs = ike_cipher_block_len(encr);

	if (!bs || len <= HDR_LEN || (len - HDR_LEN) % bs)
		return isakmp_fail(err, ISAKMP_E_CIPHERTEXT, 0, HDR_LEN,
				   "%zu encrypted bytes are not a whole number of %zu-byte blocks",
				   len > HDR_LEN ? len - HDR_LEN : 0, bs);
	memcpy(out, in, HDR_LEN);
	if (ike_cbc_decrypt(encr, key, keylen, iv, in + HDR_LEN, len - HDR_LEN,
			    out + HDR_LEN))
		return isakmp_fail(err, ISAKMP_E_CIPHERTEXT, 0, HDR_LEN,
				   "decryption failed");
	return 0;
}
