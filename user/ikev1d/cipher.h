/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The phase-1 ciphers (AES-CBC with 128, 192 or 256-bit keys, RFC 3602;
 * 3DES-CBC) as ISAKMP uses them: payloads after the header encrypted in CBC
 * mode, zero-padded to the block size (the receiver finds the end from the
 * payload chain, RFC 2409 appendix B), and the IV of each message the last
 * ciphertext block of the one before.
 */
#ifndef IKEV1D_CIPHER_H
#define IKEV1D_CIPHER_H

#include <stddef.h>
#include <stdint.h>

#define IKE_BLOCK_MAX	16
#define IKE_KEY_MAX	32

/* Block length of IKE encryption algorithm @encr, 0 if not supported. */
size_t ike_cipher_block_len(uint16_t encr);

/* Key bytes for @encr with a key-length attribute of @bits (0: absent).
 * AES needs the attribute (RFC 3602 5.2: 128, 192 or 256); 3DES takes none
 * (or 192).  0 if the combination is not valid.
 */
size_t ike_cipher_key_len(uint16_t encr, unsigned int bits);

/* Encrypts @len bytes of @in, zero-padded to a whole number of blocks, into
 * @out (room for len + block length) with @key and the IV in @iv; sets
 * *outlen, and leaves in @iv the last ciphertext block, which is the next
 * message's IV.  In place (in == out) is fine.  Returns 0 or -1.
 */
int ike_cbc_encrypt(uint16_t encr, const uint8_t *key, size_t keylen,
		    uint8_t *iv, const uint8_t *in, size_t len, uint8_t *out,
		    size_t *outlen);

/* Decrypts @len bytes (a whole number of blocks, else -1) of @in into @out;
 * @iv likewise ends as the last ciphertext block.  In place is fine.
 */
int ike_cbc_decrypt(uint16_t encr, const uint8_t *key, size_t keylen,
		    uint8_t *iv, const uint8_t *in, size_t len, uint8_t *out);

void ike_cipher_cleanup(void);

#endif /* IKEV1D_CIPHER_H */
