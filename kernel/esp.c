// SPDX-License-Identifier: GPL-2.0
/*
 * ESP (RFC 4303): header, IV, padding and trailer around the payload the
 * shared datapath lays out, protected by the SA's AEAD (the classic
 * suites through authenc()/authencesn(), see crypto.c).
 *
 * Every suite sees one layout: the associated data is the ESP header
 * (with ESN: SPI, high and low sequence number bits in a row) followed by
 * the IV, and the encrypted part is the rest up to the ICV.  The IV is
 * ours to write, there being no IV generator: the 64-bit sequence number
 * where uniqueness is what the mode needs (GCM, GMAC, ChaCha20-Poly1305,
 * CTR: RFC 4106, 4543, 7634, 3686), random bytes for CBC (RFC 4303 3.2).
 */
#include <asm/unaligned.h>
#include <crypto/aead.h>
#include <linux/random.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>
#include <linux/ip.h>
#include <net/esp.h>

#include "compat.h"
#include "dp.h"

static unsigned int esp_hdr_len(const struct kips_sa *sa)
{
	return sizeof(struct ip_esp_hdr) + crypto_aead_ivsize(sa->crypto.aead);
}

/* What the encrypted part must be a multiple of: 4 bytes at least. */
static unsigned int esp_blksize(const struct kips_sa *sa)
{
	return ALIGN(crypto_aead_blocksize(sa->crypto.aead), 4);
}

static unsigned int esp_max_payload(const struct kips_sa *sa,
				    unsigned int space)
{
	unsigned int fixed = esp_hdr_len(sa) + sa->crypto.icv_len;
	unsigned int blk = esp_blksize(sa);

	if (space < fixed + blk)
		return 0;
	/* Payload, pad length and next header fill whole blocks. */
	return ((space - fixed) & ~(blk - 1)) - 2;
}

static void esp_parse(const struct sk_buff *skb, unsigned int off,
		      __be32 *spi, u32 *seq_lo)
{
	const struct ip_esp_hdr *esph = (const void *)(skb->data + off);

	*spi = esph->spi;
	*seq_lo = ntohl(esph->seq_no);
}

static bool esp_counter_iv(const struct kips_sa *sa)
{
	return sa->aead_alg >= 0 || sa->enc_alg == KIPS_ALG_AES_CTR;
}

/*
 * The per-packet memory, in one allocation: the 4 bytes ESN borrows, the
 * IV (aligned as the transform wants it), the request, the scatterlist.
 */
struct esp_tmp {
	u8 *iv;
	struct aead_request *req;
	struct scatterlist *sg;
};

static void *esp_tmp_alloc(struct crypto_aead *aead, int nsg, struct esp_tmp *t)
{
	unsigned int ivlen = crypto_aead_ivsize(aead), len;
	void *tmp;

	len = sizeof(__be32) + ivlen + crypto_aead_alignmask(aead);
	len = ALIGN(len, crypto_tfm_ctx_alignment());
	len += sizeof(struct aead_request) + crypto_aead_reqsize(aead);
	len = ALIGN(len, __alignof__(struct scatterlist));
	len += sizeof(struct scatterlist) * nsg;
	tmp = kmalloc(len, GFP_ATOMIC);
	if (!tmp)
		return NULL;
	t->iv = PTR_ALIGN((u8 *)tmp + sizeof(__be32),
			  crypto_aead_alignmask(aead) + 1);
	t->req = (void *)PTR_ALIGN(t->iv + ivlen, crypto_tfm_ctx_alignment());
	aead_request_set_tfm(t->req, aead);
	t->sg = (void *)ALIGN((unsigned long)(t->req + 1) +
			      crypto_aead_reqsize(aead),
			      __alignof__(struct scatterlist));
	sg_init_table(t->sg, nsg);
	return tmp;
}

/*
 * With ESN the associated data is SPI, high and low sequence number bits
 * in a row (RFC 4303 2.2.1, RFC 4106 5, and what authencesn expects):
 * the high bits go where the SPI was and the SPI moves into the 4 bytes
 * in front, which are saved in @saved.  Returns where the associated data
 * starts.
 */
static unsigned int esp_ad_begin(struct sk_buff *skb, const struct kips_sa *sa,
				 unsigned int hoff, u32 seq_hi, void *saved)
{
	u8 *h = skb->data + hoff;

	if (!sa->esn)
		return hoff;
	memcpy(saved, h - 4, 4);
	memcpy(h - 4, h, 4);
	put_unaligned_be32(seq_hi, h);
	return hoff - 4;
}

static void esp_ad_end(struct sk_buff *skb, const struct kips_sa *sa,
		       unsigned int hoff, const void *saved)
{
	u8 *h = skb->data + hoff;

	if (!sa->esn)
		return;
	memcpy(h, h - 4, 4);
	memcpy(h - 4, saved, 4);
}

/*
 * Room for @tailen bytes at the end, and where they start.  A linear
 * packet of our own with the room at its tail is written in place; any
 * other is made private and writable first.  Returns the number of
 * scatterlist entries the packet needs, or -errno.
 */
static int esp_tail_room(struct sk_buff *skb, unsigned int tailen, u8 **tail)
{
	struct sk_buff *trailer;
	int nsg;

	if (!skb_cloned(skb) && !skb_is_nonlinear(skb) &&
	    skb_tailroom(skb) >= tailen) {
		*tail = skb_tail_pointer(skb);
		skb_put(skb, tailen);
		return 1;
	}
	nsg = skb_cow_data(skb, tailen, &trailer);
	if (nsg < 0)
		return nsg;
	*tail = skb_tail_pointer(trailer);
	pskb_put(skb, trailer, tailen);
	return nsg;
}

static void esp_output_done(KIPS_CRYPTO_CB_ARG, int err)
{
	struct sk_buff *skb = KIPS_CRYPTO_CB_DATA;
	struct kips_cb *cb = kips_cb(skb);

	esp_ad_end(skb, kips_cb_out_sa(skb), cb->hdr_off, cb->tmp);
	kfree(cb->tmp);
	kips_output_resume(skb, err);
}

static int esp_output(struct sk_buff *skb)
{
	struct kips_cb *cb = kips_cb(skb);
	struct kips_sa *sa = kips_cb_out_sa(skb);
	struct crypto_aead *aead = sa->crypto.aead;
	unsigned int ivlen = crypto_aead_ivsize(aead), icv = sa->crypto.icv_len;
	unsigned int hoff = cb->hdr_off, poff = hoff + esp_hdr_len(sa);
	unsigned int plen, clen, padlen, adoff, assoclen, i;
	struct ip_esp_hdr *esph;
	struct esp_tmp t;
	void *tmp;
	u8 *tail;
	int nsg, err;

	if (esp_counter_iv(sa) && ivlen != sizeof(u64))
		return -EINVAL;
	plen = skb->len - poff;
	clen = ALIGN(plen + 2, esp_blksize(sa));
	padlen = clen - plen - 2;
	nsg = esp_tail_room(skb, padlen + 2 + icv, &tail);
	if (nsg < 0)
		return nsg;
	/* RFC 4303 2.4: the default padding, 1, 2, 3, ... */
	for (i = 0; i < padlen; i++)
		tail[i] = i + 1;
	tail[padlen] = padlen;
	tail[padlen + 1] = cb->nexthdr;

	esph = (struct ip_esp_hdr *)(skb->data + hoff);
	esph->spi = sa->id.spi;
	esph->seq_no = htonl(lower_32_bits(cb->seq));

	tmp = esp_tmp_alloc(aead, nsg, &t);
	if (!tmp)
		return -ENOMEM;
	if (esp_counter_iv(sa))
		put_unaligned_be64(cb->seq, t.iv);
	else
		get_random_bytes(t.iv, ivlen);
	memcpy(esph + 1, t.iv, ivlen);

	adoff = esp_ad_begin(skb, sa, hoff, upper_32_bits(cb->seq), tmp);
	assoclen = poff - adoff;
	err = skb_to_sgvec(skb, t.sg, adoff, assoclen + clen + icv);
	if (unlikely(err < 0))
		goto out;
	aead_request_set_callback(t.req, 0, esp_output_done, skb);
	aead_request_set_crypt(t.req, t.sg, t.sg, clen, t.iv);
	aead_request_set_ad(t.req, assoclen);
	cb->tmp = tmp;
	err = crypto_aead_encrypt(t.req);
	if (err == -EINPROGRESS)
		return err;
out:
	esp_ad_end(skb, sa, hoff, tmp);
	kfree(tmp);
	return err;
}

/*
 * After decryption: pad length and next header, and the padding itself,
 * which must be the default series (RFC 4303 2.4: the receiver SHOULD
 * check it).  The trailer and ICV go.
 */
static int esp_trailer(struct sk_buff *skb, const struct kips_sa *sa)
{
	struct kips_cb *cb = kips_cb(skb);
	unsigned int icv = sa->crypto.icv_len, off, i;
	u8 t[2], padbuf[255];
	const u8 *pad;

	off = skb->len - icv - 2;
	if (skb_copy_bits(skb, off, t, 2))
		return -EINVAL;
	if (cb->hdr_off + esp_hdr_len(sa) + t[0] > off)
		return -EILSEQ;
	pad = skb_header_pointer(skb, off - t[0], t[0], padbuf);
	if (!pad)
		return -EINVAL;
	for (i = 0; i < t[0]; i++)
		if (pad[i] != i + 1)
			return -EILSEQ;
	if (pskb_trim(skb, off - t[0]))
		return -ENOMEM;
	cb->nexthdr = t[1];
	cb->hlen = esp_hdr_len(sa);
	return 0;
}

static int esp_input_finish(struct sk_buff *skb, int err)
{
	struct kips_cb *cb = kips_cb(skb);
	struct kips_sa *sa = kips_cb_in_sa(skb);

	esp_ad_end(skb, sa, cb->hdr_off, cb->tmp);
	kfree(cb->tmp);
	cb->tmp = NULL;
	if (err)
		return err == -EBADMSG ? err : -EINVAL;
	return esp_trailer(skb, sa);
}

static void esp_input_done(KIPS_CRYPTO_CB_ARG, int err)
{
	struct sk_buff *skb = KIPS_CRYPTO_CB_DATA;

	kips_input_resume(skb, esp_input_finish(skb, err));
}

static int esp_input(struct sk_buff *skb)
{
	struct kips_cb *cb = kips_cb(skb);
	struct kips_sa *sa = kips_cb_in_sa(skb);
	struct crypto_aead *aead = sa->crypto.aead;
	unsigned int hoff = cb->hdr_off, poff = hoff + esp_hdr_len(sa);
	unsigned int adoff, ivlen = crypto_aead_ivsize(aead);
	struct sk_buff *trailer;
	struct esp_tmp t;
	int elen, nsg, err;
	void *tmp;

	if (!pskb_may_pull(skb, poff))
		return -EINVAL;
	elen = skb->len - poff - sa->crypto.icv_len;
	if (elen < 2 || elen & (crypto_aead_blocksize(aead) - 1))
		return -EINVAL;
	nsg = skb_cow_data(skb, 0, &trailer);
	if (nsg < 0)
		return nsg;
	tmp = esp_tmp_alloc(aead, nsg, &t);
	if (!tmp)
		return -ENOMEM;
	memcpy(t.iv, skb->data + hoff + sizeof(struct ip_esp_hdr), ivlen);
	/* Whatever the device said of the checksum was of the ciphertext. */
	skb->ip_summed = CHECKSUM_NONE;

	adoff = esp_ad_begin(skb, sa, hoff, upper_32_bits(cb->seq), tmp);
	err = skb_to_sgvec(skb, t.sg, adoff, skb->len - adoff);
	if (unlikely(err < 0)) {
		esp_ad_end(skb, sa, hoff, tmp);
		kfree(tmp);
		return err;
	}
	aead_request_set_callback(t.req, 0, esp_input_done, skb);
	aead_request_set_crypt(t.req, t.sg, t.sg, elen + sa->crypto.icv_len, t.iv);
	aead_request_set_ad(t.req, poff - adoff);
	cb->tmp = tmp;
	err = crypto_aead_decrypt(t.req);
	if (err == -EINPROGRESS)
		return err;
	return esp_input_finish(skb, err);
}

const struct kips_xform kips_esp = {
	.proto = IPPROTO_ESP,
	.hdr_len = esp_hdr_len,
	.max_payload = esp_max_payload,
	.parse = esp_parse,
	.parse_len = sizeof(struct ip_esp_hdr),
	.output = esp_output,
	.input = esp_input,
};
