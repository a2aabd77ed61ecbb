// SPDX-License-Identifier: GPL-2.0
/* An SA as a message: SA_GET replies, dumps and SA events. */
#include "nl_sa.h"
#include "nl_sel.h"

size_t kips_nl_sa_size(void)
{
	size_t lt = nla_total_size(0) + 4 * nla_total_size_64bit(sizeof(u64));

	return nla_total_size(16) * 2 +				/* SRC, DST */
	       nla_total_size(sizeof(u8)) * 4 +			/* PROTO MODE ICV STATE */
	       nla_total_size(sizeof(u8)) +			/* EXPIRE */
	       nla_total_size(sizeof(u32)) * 4 +		/* SPI REQID WINDOW FLAGS */
	       nla_total_size(KIPS_ALG_NAME_MAX) * 3 +		/* algorithms */
	       nla_total_size(KIPS_KEY_MAX) * 3 +		/* keys */
	       lt * 3 +						/* SOFT HARD CURRENT */
	       nla_total_size(sizeof(u16)) * 2 +		/* encapsulation */
	       kips_nl_sel_size() +
	       nla_total_size(0) +				/* STATS */
	       nla_total_size_64bit(sizeof(u64)) * __KIPS_CNT_A_MAX +
	       nla_total_size_64bit(sizeof(u64)) * 2;		/* SEQ_OUT, SEQ_IN */
}

static int put_lifetime(struct sk_buff *skb, int type, const struct kips_lifetime *lt)
{
	struct nlattr *nest = nla_nest_start(skb, type);

	if (!nest ||
	    nla_put_u64_64bit(skb, KIPS_LT_A_BYTES, lt->bytes, KIPS_LT_A_PAD) ||
	    nla_put_u64_64bit(skb, KIPS_LT_A_PACKETS, lt->packets, KIPS_LT_A_PAD) ||
	    nla_put_u64_64bit(skb, KIPS_LT_A_ADD_SECONDS, lt->add_seconds,
			      KIPS_LT_A_PAD) ||
	    nla_put_u64_64bit(skb, KIPS_LT_A_USE_SECONDS, lt->use_seconds,
			      KIPS_LT_A_PAD))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

static bool lifetime_set(const struct kips_lifetime *lt)
{
	return lt->bytes || lt->packets || lt->add_seconds || lt->use_seconds;
}

static int put_alg(struct sk_buff *skb, int type, int alg, const u8 *key,
		   unsigned int key_len, bool keys)
{
	if (alg < 0)
		return 0;
	if (nla_put_string(skb, type, kips_alg_name(alg)))
		return -EMSGSIZE;
	/* The key attribute follows its algorithm's (see nl_sa_parse.c). */
	if (keys && key_len && nla_put(skb, type + 1, key_len, key))
		return -EMSGSIZE;
	return 0;
}

static int put_algs(struct sk_buff *skb, struct kips_sa *sa, bool keys)
{
	const struct kips_sa_keys *k = sa->keys;
	const u8 *enc, *auth, *aead;

	if (!k)			/* larval */
		return 0;
	enc = k->data;
	auth = enc + k->enc_len;
	aead = auth + k->auth_len;
	if (put_alg(skb, KIPS_SA_A_ENC_ALG, sa->enc_alg, enc, k->enc_len, keys) ||
	    put_alg(skb, KIPS_SA_A_AUTH_ALG, sa->auth_alg, auth, k->auth_len, keys) ||
	    put_alg(skb, KIPS_SA_A_AEAD_ALG, sa->aead_alg, aead, k->aead_len, keys))
		return -EMSGSIZE;
	if (sa->aead_alg >= 0 &&
	    nla_put_u8(skb, KIPS_SA_A_ICV_LEN, sa->crypto.icv_len))
		return -EMSGSIZE;
	return 0;
}

/* Limits may change under SA_SET: a consistent copy under the lock. */
static void read_lifetimes(struct kips_sa *sa, struct kips_lifetime *soft,
			   struct kips_lifetime *hard, struct kips_lifetime *cur,
			   u64 *seq_in)
{
	spin_lock_bh(&sa->lock);
	*soft = sa->soft;
	*hard = sa->hard;
	*seq_in = sa->replay.top;
	spin_unlock_bh(&sa->lock);
	cur->bytes = atomic64_read(&sa->use_bytes);
	cur->packets = atomic64_read(&sa->use_packets);
	cur->add_seconds = sa->add_real;
	cur->use_seconds = READ_ONCE(sa->use_real);
}

static int put_sa(struct sk_buff *skb, struct kips_sa *sa,
		  const struct kips_sa_msg *m)
{
	struct kips_lifetime soft, hard, cur;
	u32 encap = READ_ONCE(sa->encap);
	u8 family = sa->id.family;
	u64 seq_in;

	read_lifetimes(sa, &soft, &hard, &cur, &seq_in);
	if (kips_nla_put_addr(skb, KIPS_SA_A_SRC, family, &sa->saddr) ||
	    kips_nla_put_addr(skb, KIPS_SA_A_DST, family, &sa->id.daddr) ||
	    nla_put_u8(skb, KIPS_SA_A_PROTO, sa->id.proto) ||
	    nla_put_u32(skb, KIPS_SA_A_SPI, ntohl(sa->id.spi)) ||
	    nla_put_u32(skb, KIPS_SA_A_REQID, sa->reqid) ||
	    nla_put_u8(skb, KIPS_SA_A_STATE, READ_ONCE(sa->state)))
		return -EMSGSIZE;
	if (sa->mode && nla_put_u8(skb, KIPS_SA_A_MODE, sa->mode))
		return -EMSGSIZE;
	if (put_algs(skb, sa, m->keys) ||
	    nla_put_u32(skb, KIPS_SA_A_REPLAY_WINDOW, sa->replay.window) ||
	    nla_put_u32(skb, KIPS_SA_A_FLAGS, sa->esn ? KIPS_SA_F_ESN : 0))
		return -EMSGSIZE;
	if ((lifetime_set(&soft) &&
	     put_lifetime(skb, KIPS_SA_A_LIFETIME_SOFT, &soft)) ||
	    (lifetime_set(&hard) &&
	     put_lifetime(skb, KIPS_SA_A_LIFETIME_HARD, &hard)))
		return -EMSGSIZE;
	if (encap && (nla_put_u16(skb, KIPS_SA_A_ENCAP_SPORT, encap >> 16) ||
		      nla_put_u16(skb, KIPS_SA_A_ENCAP_DPORT, encap & 0xffff)))
		return -EMSGSIZE;
	if (sa->has_sel && kips_nl_sel_put(skb, KIPS_SA_A_SELECTOR, &sa->sel))
		return -EMSGSIZE;
	if (put_lifetime(skb, KIPS_SA_A_CURRENT, &cur) ||
	    kips_counters_put(skb, KIPS_SA_A_STATS, &sa->stats) ||
	    nla_put_u64_64bit(skb, KIPS_SA_A_SEQ_OUT,
			      atomic64_read(&sa->seq_out), KIPS_SA_A_PAD) ||
	    nla_put_u64_64bit(skb, KIPS_SA_A_SEQ_IN, seq_in, KIPS_SA_A_PAD))
		return -EMSGSIZE;
	if (m->expire && nla_put_u8(skb, KIPS_SA_A_EXPIRE, m->expire))
		return -EMSGSIZE;
	return 0;
}

int kips_nl_sa_fill(struct sk_buff *skb, struct kips_sa *sa,
		    const struct kips_sa_msg *m, struct netlink_callback *cb)
{
	void *hdr;

	hdr = genlmsg_put(skb, m->portid, m->seq, &kips_genl_family, m->flags,
			  m->cmd);
	if (!hdr)
		return -EMSGSIZE;
	if (cb)
		genl_dump_check_consistent(cb, hdr);
	if (put_sa(skb, sa, m)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}
