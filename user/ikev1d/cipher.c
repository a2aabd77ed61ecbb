// SPDX-License-Identifier: GPL-2.0
/* ISAKMP's CBC encryption on EVP_CIPHER. */
#include <stdbool.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "cipher.h"
#include "isakmp.h"

/* The EVP ciphers, fetched once: AES by key length, then 3DES. */
static const char *const evp_names[] = {
	"AES-128-CBC", "AES-192-CBC", "AES-256-CBC", "DES-EDE3-CBC",
};
static EVP_CIPHER *evp_cache[4];

size_t ike_cipher_block_len(uint16_t encr)
{
	switch (encr) {
	case IKE_ENCR_AES_CBC:
		return 16;
	case IKE_ENCR_3DES_CBC:
		return 8;
	}
	return 0;
}

size_t ike_cipher_key_len(uint16_t encr, unsigned int bits)
{
	switch (encr) {
	case IKE_ENCR_AES_CBC:
		return bits == 128 || bits == 192 || bits == 256 ? bits / 8 : 0;
	case IKE_ENCR_3DES_CBC:
		return bits == 0 || bits == 192 ? 24 : 0;
	}
	return 0;
}

static const EVP_CIPHER *cipher_for(uint16_t encr, size_t keylen)
{
	int i;

	if (encr == IKE_ENCR_3DES_CBC && keylen == 24)
		i = 3;
	else if (encr == IKE_ENCR_AES_CBC && (keylen == 16 || keylen == 24 ||
					      keylen == 32))
		i = (keylen - 16) / 8;
	else
		return NULL;
	if (!evp_cache[i])
		evp_cache[i] = EVP_CIPHER_fetch(NULL, evp_names[i], NULL);
	return evp_cache[i];
}

static int cbc(bool enc, uint16_t encr, const uint8_t *key, size_t keylen,
	       uint8_t *iv, const uint8_t *in, size_t len, uint8_t *out)
{
	const EVP_CIPHER *c = cipher_for(encr, keylen);
	size_t bs = ike_cipher_block_len(encr);
	uint8_t next_iv[IKE_BLOCK_MAX];
	EVP_CIPHER_CTX *ctx;
	int n1 = 0, n2 = 0, ok;

	if (!c || !bs || len % bs || !len || len > 0x7fffffff)
		return -1;
	/* Decrypting in place overwrites the ciphertext the next IV is. */
	if (!enc)
		memcpy(next_iv, in + len - bs, bs);
	ctx = EVP_CIPHER_CTX_new();
	ok = ctx && EVP_CipherInit_ex2(ctx, c, key, iv, enc, NULL) &&
	     EVP_CIPHER_CTX_set_padding(ctx, 0) &&
	     EVP_CipherUpdate(ctx, out, &n1, in, len) &&
	     EVP_CipherFinal_ex(ctx, out + n1, &n2) &&
	     (size_t)(n1 + n2) == len;
	/* Frees the key schedule wiped. */
	EVP_CIPHER_CTX_free(ctx);
	if (!ok)
		return -1;
	memcpy(iv, enc ? out + len - bs : next_iv, bs);
	return 0;
}

int ike_cbc_encrypt(uint16_t encr, const uint8_t *key, size_t keylen,
		    uint8_t *iv, const uint8_t *in, size_t len, uint8_t *out,
		    size_t *outlen)
{
	size_t bs = ike_cipher_block_len(encr);
	size_t padded;

	if (!bs)
		return -1;
	padded = (len + bs - 1) / bs * bs;
	if (!padded)
		padded = bs;
	if (out != in)
		memmove(out, in, len);
	memset(out + len, 0, padded - len);
	if (cbc(true, encr, key, keylen, iv, out, padded, out))
		return -1;
	*outlen = padded;
	return 0;
}

int ike_cbc_decrypt(uint16_t encr, const uint8_t *key, size_t keylen,
		    uint8_t *iv, const uint8_t *in, size_t len, uint8_t *out)
{
	return cbc(false, encr, key, keylen, iv, in, len, out);
}

void ike_cipher_cleanup(void)
{
	size_t i;

	for (i = 0; i < sizeof(evp_cache) / sizeof(evp_cache[0]); i++) {
		EVP_CIPHER_free(evp_cache[i]);
		evp_cache[i] = NULL;
	}
}
