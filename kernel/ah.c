// SPDX-License-Identifier: GPL-2.0
/*
 * AH (RFC 4302): the header between the IP header (and the extension
 * headers before it) and the payload the shared datapath lays out; its ICV
 * covers the whole packet, the IP header with its mutable fields zeroed
 * and its predictable ones as the destination will see them (ah4.c,
 * ah6.c), the AH header with the ICV zeroed, and the payload; with ESN,
 * the high 32 bits of the sequence number follow (RFC 4302 2.5.1).
 *
 * The integrity algorithms are the SA's ahash, truncated to its ICV
 * length.  AES-GMAC (RFC 4543 5) is the SA's rfc4543(gcm(aes)) AEAD over
 * the same bytes with nothing to encrypt; an 8-byte IV, the 64-bit
 * sequence number, sits in front of the ICV.
 *
 * The header is padded to a multiple of 8 bytes, which RFC 4302 requires
 * for IPv6 and allows for IPv4 (a multiple of 4 there); Linux pads IPv4 so
 * by default, and a receiver that expects it rejects anything else.  On
 * input both paddings are accepted for IPv4.
 */
#include <asm/unaligned.h>
#include <crypto/aead.h>
#include <crypto/algapi.h>
#include <crypto/hash.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>
#include <net/ah.h>
#include <net/ip.h>
#include <net/ipv6.h>

#include "ah.h"
#include "compat.h"
#include "dp.h"
#include "encap.h"

#define AH_GMAC_IV_LEN	8

static bool ah_gmac(const struct kips_sa *sa)
{
	return sa->crypto.aead;
}

/* IV and ICV: the header's authentication data, before padding. */
static unsigned int ah_auth_len(const struct kips_sa *sa)
{
	return (ah_gmac(sa) ? AH_GMAC_IV_LEN : 0) + sa->crypto.icv_len;
}

static unsigned int ah_hdr_len(const struct kips_sa *sa)
{
	return ALIGN(sizeof(struct ip_auth_hdr) + ah_auth_len(sa), 8);
}

/* What a received header may be long: see the top of the file. */
static bool ah_hdr_len_ok(const struct kips_sa *sa, u8 family,
			  unsigned int len)
{
	return len == ah_hdr_len(sa) ||
	       (family == AF_INET &&
		len == ALIGN(sizeof(struct ip_auth_hdr) + ah_auth_len(sa), 4));
}

static unsigned int ah_max_payload(const struct kips_sa *sa,
				   unsigned int space)
{
	unsigned int hl = ah_hdr_len(sa);

	return space > hl ? space - hl : 0;
}

static void ah_parse(const struct sk_buff *skb, unsigned int off,
		     __be32 *spi, u32 *seq_lo)
{
	const struct ip_auth_hdr *ah = (const void *)(skb->data + off);

	*spi = ah->spi;
	*seq_lo = ntohl(ah->seq_no);
}

/*
 * The per-packet memory, in one allocation: these pointers, then what they
 * point to: the headers in front of AH as they were, the high sequence
 * number bits, the ICV received, the IV (GMAC), the ICV computed (aligned
 * as the transform wants it), the request, the scatterlist.
 */
struct ah_tmp {
	u8 *hdr;
	__be32 *seqhi;
	u8 *icv_rx;
	u8 *iv;
	u8 *icv;
	void *req;
	struct scatterlist *sg;
};

static struct ah_tmp *ah_tmp_alloc(const struct kips_sa *sa,
				   unsigned int hdr_len, int nsg)
{
	unsigned int icv_len = sa->crypto.icv_len, len, mask, out, reqsize;
	struct ah_tmp *t;

	if (ah_gmac(sa)) {
		mask = crypto_aead_alignmask(sa->crypto.aead);
		out = icv_len;
		reqsize = sizeof(struct aead_request) +
			  crypto_aead_reqsize(sa->crypto.aead);
	} else {
		mask = crypto_ahash_alignmask(sa->crypto.ahash);
		out = crypto_ahash_digestsize(sa->crypto.ahash);
		reqsize = sizeof(struct ahash_request) +
			  crypto_ahash_reqsize(sa->crypto.ahash);
	}
	len = sizeof(*t) + hdr_len + sizeof(__be32) + icv_len +
	      AH_GMAC_IV_LEN + mask + out;
	len = ALIGN(len, crypto_tfm_ctx_alignment());
	len += reqsize;
	len = ALIGN(len, __alignof__(struct scatterlist));
	len += sizeof(struct scatterlist) * nsg;
	t = kmalloc(len, GFP_ATOMIC);
	if (!t)
		return NULL;
	t->hdr = (u8 *)(t + 1);
	t->seqhi = (__be32 *)(t->hdr + hdr_len);
	t->icv_rx = (u8 *)(t->seqhi + 1);
	t->iv = t->icv_rx + icv_len;
	t->icv = PTR_ALIGN(t->iv + AH_GMAC_IV_LEN, mask + 1);
	t->req = PTR_ALIGN(t->icv + out, crypto_tfm_ctx_alignment());
	t->sg = (void *)ALIGN((unsigned long)t->req + reqsize,
			      __alignof__(struct scatterlist));
	sg_init_table(t->sg, nsg);
	return t;
}

/*
 * The headers in front of AH, copied aside and then made as the ICV sees
 * them.  -EINVAL if they do not parse (the copy is back in place then).
 */
static int ah_hdr_prepare(struct sk_buff *skb, u8 family, unsigned int hoff,
			  u8 *saved)
{
	int err;

	memcpy(saved, skb->data, hoff);
	if (family == AF_INET)
		err = kips_ah4_mutable((struct iphdr *)skb->data);
	else
		err = kips_ah6_mutable((struct ipv6hdr *)skb->data, hoff);
	if (err)
		memcpy(skb->data, saved, hoff);
	return err;
}

static int ah_icv_ahash(struct sk_buff *skb, const struct kips_sa *sa,
			struct ah_tmp *t, struct scatterlist *last,
			unsigned int len, crypto_completion_t done)
{
	struct ahash_request *req = t->req;

	sg_mark_end(last);
	ahash_request_set_tfm(req, sa->crypto.ahash);
	ahash_request_set_callback(req, 0, done, skb);
	ahash_request_set_crypt(req, t->sg, t->icv, len);
	return crypto_ahash_digest(req);
}

/*
 * GMAC: rfc4543() authenticates its associated data and its "plaintext"
 * alike, and insists on associated data as long as ESP's (16 bytes): how
 * the bytes are split between the two is ours to choose.  The tag follows
 * them: computed into t->icv on output, checked against t->icv_rx on input.
 */
static int ah_icv_gmac(struct sk_buff *skb, const struct kips_sa *sa,
		       struct ah_tmp *t, struct scatterlist *last,
		       unsigned int len, bool out, crypto_completion_t done)
{
	struct aead_request *req = t->req;
	unsigned int icv = sa->crypto.icv_len;

	sg_unmark_end(last);
	sg_set_buf(last + 1, out ? t->icv : t->icv_rx, icv);
	sg_mark_end(last + 1);
	aead_request_set_tfm(req, sa->crypto.aead);
	aead_request_set_callback(req, 0, done, skb);
	aead_request_set_ad(req, 16);
	if (out) {
		aead_request_set_crypt(req, t->sg, t->sg, len - 16, t->iv);
		return crypto_aead_encrypt(req);
	}
	aead_request_set_crypt(req, t->sg, t->sg, len - 16 + icv, t->iv);
	return crypto_aead_decrypt(req);
}

/*
 * Starts the ICV computation over the whole packet and, with ESN, the high
 * sequence number bits.  The scatterlist has room for the packet, for
 * those bits and for GMAC's tag.
 */
static int ah_icv_start(struct sk_buff *skb, const struct kips_sa *sa,
			struct ah_tmp *t, bool out, crypto_completion_t done)
{
	unsigned int len = skb->len;
	int n;

	n = skb_to_sgvec_nomark(skb, t->sg, 0, skb->len);
	if (unlikely(n <= 0))
		return n ?: -EINVAL;
	if (sa->esn) {
		*t->seqhi = htonl(upper_32_bits(kips_cb(skb)->seq));
		sg_unmark_end(&t->sg[n - 1]);
		sg_set_buf(&t->sg[n++], t->seqhi, sizeof(*t->seqhi));
		len += sizeof(*t->seqhi);
	}
	if (ah_gmac(sa))
		return ah_icv_gmac(skb, sa, t, &t->sg[n - 1], len, out, done);
	return ah_icv_ahash(skb, sa, t, &t->sg[n - 1], len, done);
}

/* Entries the scatterlist needs beyond the packet's. */
static int ah_extra_sg(const struct kips_sa *sa)
{
	return !!sa->esn + ah_gmac(sa);
}

static int ah_output_finish(struct sk_buff *skb, int err)
{
	struct kips_cb *cb = kips_cb(skb);
	const struct kips_sa *sa = kips_cb_out_sa(skb);
	struct ah_tmp *t = cb->tmp;
	struct ip_auth_hdr *ah;

	memcpy(skb->data, t->hdr, cb->hdr_off);
	ah = (struct ip_auth_hdr *)(skb->data + cb->hdr_off);
	if (!err)
		memcpy(ah->auth_data + ah_auth_len(sa) - sa->crypto.icv_len,
		       t->icv, sa->crypto.icv_len);
	kfree(t);
	cb->tmp = NULL;
	return err;
}

static void ah_output_done(KIPS_CRYPTO_CB_ARG, int err)
{
	struct sk_buff *skb = KIPS_CRYPTO_CB_DATA;

	kips_output_resume(skb, ah_output_finish(skb, err));
}

static int ah_output(struct sk_buff *skb)
{
	struct kips_cb *cb = kips_cb(skb);
	struct kips_sa *sa = kips_cb_out_sa(skb);
	unsigned int hoff = cb->hdr_off, hlen = ah_hdr_len(sa);
	struct ip_auth_hdr *ah;
	struct sk_buff *trailer;
	struct ah_tmp *t;
	int nsg, err;

	/* The lengths are immutable fields: final before the ICV. */
	kips_encap_fix_len(skb, cb->family);
	nsg = skb_cow_data(skb, 0, &trailer);
	if (nsg < 0)
		return nsg;
	t = ah_tmp_alloc(sa, hoff, nsg + ah_extra_sg(sa));
	if (!t)
		return -ENOMEM;

	ah = (struct ip_auth_hdr *)(skb->data + hoff);
	ah->nexthdr = cb->nexthdr;
	ah->hdrlen = hlen / 4 - 2;
	ah->reserved = 0;
	ah->spi = sa->id.spi;
	ah->seq_no = htonl(lower_32_bits(cb->seq));
	memset(ah->auth_data, 0, hlen - sizeof(*ah));
	if (ah_gmac(sa)) {
		put_unaligned_be64(cb->seq, t->iv);
		memcpy(ah->auth_data, t->iv, AH_GMAC_IV_LEN);
	}

	err = ah_hdr_prepare(skb, cb->family, hoff, t->hdr);
	if (err) {
		kfree(t);
		return err;
	}
	cb->tmp = t;
	err = ah_icv_start(skb, sa, t, true, ah_output_done);
	if (err == -EINPROGRESS)
		return err;
	return ah_output_finish(skb, err);
}

static int ah_input_finish(struct sk_buff *skb, int err)
{
	struct kips_cb *cb = kips_cb(skb);
	const struct kips_sa *sa = kips_cb_in_sa(skb);
	struct ah_tmp *t = cb->tmp;
	unsigned int icv = sa->crypto.icv_len;

	memcpy(skb->data, t->hdr, cb->hdr_off);
	if (!err && !ah_gmac(sa) && crypto_memneq(t->icv, t->icv_rx, icv))
		err = -EBADMSG;
	kfree(t);
	cb->tmp = NULL;
	if (err)
		return err == -EBADMSG ? err : -EINVAL;
	return 0;
}

static void ah_input_done(KIPS_CRYPTO_CB_ARG, int err)
{
	struct sk_buff *skb = KIPS_CRYPTO_CB_DATA;

	kips_input_resume(skb, ah_input_finish(skb, err));
}

static int ah_input(struct sk_buff *skb)
{
	struct kips_cb *cb = kips_cb(skb);
	struct kips_sa *sa = kips_cb_in_sa(skb);
	unsigned int hoff = cb->hdr_off, hlen, icv = sa->crypto.icv_len;
	struct ip_auth_hdr *ah;
	struct sk_buff *trailer;
	struct ah_tmp *t;
	u8 *icv_field;
	int nsg, err;

	if (!pskb_may_pull(skb, hoff + sizeof(*ah)))
		return -EINVAL;
	ah = (struct ip_auth_hdr *)(skb->data + hoff);
	hlen = (ah->hdrlen + 2) * 4;
	if (!ah_hdr_len_ok(sa, cb->family, hlen) ||
	    !pskb_may_pull(skb, hoff + hlen))
		return -EINVAL;
	nsg = skb_cow_data(skb, 0, &trailer);
	if (nsg < 0)
		return nsg;
	t = ah_tmp_alloc(sa, hoff, nsg + ah_extra_sg(sa));
	if (!t)
		return -ENOMEM;
	/* The headers change for a while: what the device summed is gone. */
	skb->ip_summed = CHECKSUM_NONE;

	ah = (struct ip_auth_hdr *)(skb->data + hoff);
	cb->nexthdr = ah->nexthdr;
	cb->hlen = hlen;
	if (ah_gmac(sa))
		memcpy(t->iv, ah->auth_data, AH_GMAC_IV_LEN);
	icv_field = ah->auth_data + ah_auth_len(sa) - icv;
	memcpy(t->icv_rx, icv_field, icv);
	memset(icv_field, 0, icv);

	err = ah_hdr_prepare(skb, cb->family, hoff, t->hdr);
	if (err) {
		kfree(t);
		return err;
	}
	cb->tmp = t;
	err = ah_icv_start(skb, sa, t, false, ah_input_done);
	if (err == -EINPROGRESS)
		return err;
	return ah_input_finish(skb, err);
}

const struct kips_xform kips_ah = {
	.proto = IPPROTO_AH,
	.hdr_len = ah_hdr_len,
	.max_payload = ah_max_payload,
	.parse = ah_parse,
	.parse_len = sizeof(struct ip_auth_hdr),
	.output = ah_output,
	.input = ah_input,
};
