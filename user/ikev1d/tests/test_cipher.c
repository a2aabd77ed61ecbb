// SPDX-License-Identifier: GPL-2.0
/*
 * Phase-1 CBC encryption: NIST SP 800-38A F.2.1 and F.2.5 (AES-128/256
 * CBC), and zero-padded messages for AES-192 and 3DES whose ciphertexts
 * were made with `openssl enc -nopad` on the padded plaintext; the IV chain
 * (each message's IV is the last ciphertext block of the one before).
 */
#include "cipher.h"
#include "isakmp.h"
#include "test.h"

static const char sp800_plain[] =
	"6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51"
	"30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710";
static const char sp800_iv[] = "000102030405060708090a0b0c0d0e0f";

static uint8_t key[32], iv[16], plain[128], want[128], buf[128];

static void run(uint16_t encr, const char *k, const char *i, const char *p,
		const char *c)
{
	size_t klen = t_unhex(k, key, sizeof(key));
	size_t ivlen = t_unhex(i, iv, sizeof(iv));
	size_t plen = t_unhex(p, plain, sizeof(plain));
	size_t clen = t_unhex(c, want, sizeof(want));
	uint8_t iv0[16];
	size_t len = 0;

	T_ASSERT_INT(ivlen, ike_cipher_block_len(encr));
	memcpy(iv0, iv, ivlen);
	T_ASSERT(!ike_cbc_encrypt(encr, key, klen, iv, plain, plen, buf, &len));
	T_ASSERT_MEM(buf, len, want, clen);
	/* The next IV is the last ciphertext block. */
	T_ASSERT_MEM(iv, ivlen, want + clen - ivlen, ivlen);

	/* Decrypt in place from the first IV: padding comes back as zeros. */
	memcpy(iv, iv0, ivlen);
	T_ASSERT(!ike_cbc_decrypt(encr, key, klen, iv, buf, len, buf));
	T_ASSERT_MEM(buf, plen, plain, plen);
	while (plen < len)
		T_ASSERT(buf[plen++] == 0);
	T_ASSERT_MEM(iv, ivlen, want + clen - ivlen, ivlen);
}

static void aes128_sp800_38a(void)
{
	run(IKE_ENCR_AES_CBC, "2b7e151628aed2a6abf7158809cf4f3c", sp800_iv,
	    sp800_plain,
	    "7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b2"
	    "73bed6b8e3c1743b7116e69e222295163ff1caa1681fac09120eca307586e1a7");
}

static void aes256_sp800_38a(void)
{
	run(IKE_ENCR_AES_CBC,
	    "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4",
	    sp800_iv, sp800_plain,
	    "f58c4c04d6e5f1ba779eabfb5f7bfbd69cfc4e967edb808d679f777bc6702c7d"
	    "39f23369a9d9bacfa530e26304231461b2eb05e2c39be9fcda6c19078c6a9d1b");
}

static void aes192_zero_padding(void)
{
	run(IKE_ENCR_AES_CBC, "8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b",
	    sp800_iv, "0123456789abcdeffedcba987654321000112233",
	    "ced1230d750685a12df036645a7913b6b14871ff5570bb25d82c7f4beab4ff46");
}

static void des3_zero_padding(void)
{
	run(IKE_ENCR_3DES_CBC,
	    "0123456789abcdef23456789abcdef01456789abcdef0123",
	    "1234567890abcdef", "0123456789abcdeffedcba987654321000112233",
	    "92b5ea146f930370a42553c06769294f3860b0cc2a4db5f4");
}

/* Two messages in a row: the second starts from the first one's last
 * ciphertext block, so decrypting it alone from that block works.
 */
static void iv_chain(void)
{
	uint8_t iv_e[16], iv_d[16], m1[48], m2[48];
	size_t l1, l2;

	t_unhex("2b7e151628aed2a6abf7158809cf4f3c", key, 16);
	memset(iv_e, 0x42, 16);
	memset(m1, 1, sizeof(m1));
	memset(m2, 2, sizeof(m2));
	T_ASSERT(!ike_cbc_encrypt(IKE_ENCR_AES_CBC, key, 16, iv_e, m1, 33, m1, &l1));
	T_ASSERT_INT(l1, 48);
	memcpy(iv_d, m1 + 32, 16);
	T_ASSERT(!ike_cbc_encrypt(IKE_ENCR_AES_CBC, key, 16, iv_e, m2, 16, m2, &l2));
	T_ASSERT_INT(l2, 16);
	T_ASSERT(!ike_cbc_decrypt(IKE_ENCR_AES_CBC, key, 16, iv_d, m2, l2, m2));
	T_ASSERT(m2[0] == 2 && m2[15] == 2);
	T_ASSERT_MEM(iv_d, 16, iv_e, 16);
}

static void refusals(void)
{
	size_t len;

	T_ASSERT_INT(ike_cipher_key_len(IKE_ENCR_AES_CBC, 128), 16);
	T_ASSERT_INT(ike_cipher_key_len(IKE_ENCR_AES_CBC, 256), 32);
	T_ASSERT_INT(ike_cipher_key_len(IKE_ENCR_AES_CBC, 0), 0);
	T_ASSERT_INT(ike_cipher_key_len(IKE_ENCR_AES_CBC, 100), 0);
	T_ASSERT_INT(ike_cipher_key_len(IKE_ENCR_3DES_CBC, 0), 24);
	T_ASSERT_INT(ike_cipher_key_len(IKE_ENCR_3DES_CBC, 128), 0);
	T_ASSERT_INT(ike_cipher_key_len(IKE_ENCR_DES_CBC, 0), 0);
	T_ASSERT_INT(ike_cipher_block_len(IKE_ENCR_DES_CBC), 0);
	memset(iv, 0, sizeof(iv));
	/* Not a whole number of blocks, a wrong key length, no data. */
	T_ASSERT(ike_cbc_decrypt(IKE_ENCR_AES_CBC, key, 16, iv, buf, 17, buf) == -1);
	T_ASSERT(ike_cbc_decrypt(IKE_ENCR_AES_CBC, key, 20, iv, buf, 16, buf) == -1);
	T_ASSERT(ike_cbc_decrypt(IKE_ENCR_AES_CBC, key, 16, iv, buf, 0, buf) == -1);
	T_ASSERT(ike_cbc_encrypt(IKE_ENCR_DES_CBC, key, 8, iv, buf, 8, buf, &len) == -1);
}

int main(void)
{
	t_init("cipher");
	T_RUN(aes128_sp800_38a);
	T_RUN(aes256_sp800_38a);
	T_RUN(aes192_zero_padding);
	T_RUN(des3_zero_padding);
	T_RUN(iv_chain);
	T_RUN(refusals);
	ike_cipher_cleanup();
	return t_done();
}
