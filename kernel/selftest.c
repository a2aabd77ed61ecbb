// SPDX-License-Identifier: GPL-2.0
/*
 * Self-tests of the SAD, the replay window, lifetimes, ACQUIRE, AH's
 * mutable header fields and the UDP header of ESP in UDP.
 */
#include <linux/prandom.h>
#include <linux/slab.h>
#include <net/ip.h>
#include <net/ip6_checksum.h>
#include <net/ipv6.h>

#include "ah.h"
#include "encap.h"
#include "netlink.h"
#include "nl_event.h"
#include "sad.h"
#include "selftest.h"
#include "spd.h"
#include "udp_encap.h"
#include "work.h"

#define CHECK(cond) ({							\
	bool __ok = (cond);						\
	if (!__ok)							\
		pr_err("kips: selftest: %s:%d: failed: %s\n", __func__,	\
		       __LINE__, #cond);				\
	__ok;								\
})

/* Replay: a reference model over a bounded range of sequence numbers. */
struct replay_ref {
	u64 top, base;
	u32 window;
	u8 *seen;		/* seq - base */
};

static int ref_check(const struct replay_ref *ref, u64 seq)
{
	if (!seq)
		return -EINVAL;
	if (seq > ref->top)
		return 0;
	if (ref->top - seq >= ref->window)
		return -ERANGE;
	return ref->seen[seq - ref->base] ? -EEXIST : 0;
}

/*
 * A stream that mostly moves forward, with reordering within the window,
 * duplicates, stale packets and jumps.  With @esn the stream crosses 2^32
 * and only the low 32 bits reach kips_replay_check().
 */
static bool replay_random(u32 window, bool esn, struct rnd_state *rnd)
{
	const u32 n = 20000, span = 4 * n + 8 * window;
	struct replay_ref ref = { .window = window };
	struct kips_replay r;
	bool ok = true;
	u64 seq, got;
	u32 i;
	int a, b;

	ref.base = esn ? 0xffffffffULL - 2 * n : 0;
	ref.seen = vzalloc(span + 1);
	if (!ref.seen || kips_replay_init(&r, window, GFP_KERNEL)) {
		vfree(ref.seen);
		return CHECK(false);
	}
	/* ESN needs a starting point: the first packet of the stream. */
	seq = ref.base + 1;
	for (i = 0; i < n && ok; i++) {
		u32 dice = prandom_u32_state(rnd) % 100;
		u64 next = max(ref.top, ref.base + 1);

		if (dice < 60)
			seq = next + 1;
		else if (dice < 85)
			seq = next - min_t(u64, prandom_u32_state(rnd) % (window + 8),
					   next - ref.base - 1);
		else if (dice < 95)
			seq = next + prandom_u32_state(rnd) % (2 * window + 3);
		else
			seq = next + 1 + prandom_u32_state(rnd) % 500;
		if (seq - ref.base > span)
			break;
		a = kips_replay_check(&r, lower_32_bits(seq), esn, &got);
		b = ref_check(&ref, seq);
		/*
		 * A stale packet may be read as one 2^32 ahead under ESN; the
		 * ICV, which covers the high bits, then rejects it.
		 */
		if (esn && b == -ERANGE && !a && got != seq)
			continue;
		if (!CHECK(a == b) || (!a && !CHECK(got == seq))) {
			pr_err("kips: selftest: window %u esn %d seq %llu: %d, expected %d\n",
			       window, esn, seq, a, b);
			ok = false;
			break;
		}
		if (a)
			continue;
		if (!CHECK(!kips_replay_advance(&r, seq)))
			ok = false;
		ref.seen[seq - ref.base] = 1;
		ref.top = max(ref.top, seq);
		if (!CHECK(kips_replay_advance(&r, seq) == -EEXIST ||
			   ref.top - seq >= window))
			ok = false;
	}
	kips_replay_free(&r);
	vfree(ref.seen);
	return ok;
}

static bool test_replay(struct rnd_state *rnd)
{
	static const u32 windows[] = { 1, 2, 31, 32, 64, 100, 1000, 4096 };
	struct kips_replay r;
	bool ok = true;
	u64 seq;
	int i;

	/* Fixed cases, then random streams against the model. */
	if (kips_replay_init(&r, 32, GFP_KERNEL))
		return CHECK(false);
	ok &= CHECK(kips_replay_check(&r, 0, false, &seq) == -EINVAL);
	ok &= CHECK(!kips_replay_check(&r, 1, false, &seq) && seq == 1);
	ok &= CHECK(!kips_replay_advance(&r, 1));
	ok &= CHECK(kips_replay_check(&r, 1, false, &seq) == -EEXIST);
	ok &= CHECK(!kips_replay_advance(&r, 100));
	ok &= CHECK(kips_replay_check(&r, 68, false, &seq) == -ERANGE);
	ok &= CHECK(!kips_replay_check(&r, 69, false, &seq));
	kips_replay_free(&r);

	if (kips_replay_init(&r, 64, GFP_KERNEL))
		return CHECK(false);
	ok &= CHECK(!kips_replay_advance(&r, 0xfffffff0ULL));
	ok &= CHECK(!kips_replay_check(&r, 5, true, &seq) && seq == 0x100000005ULL);
	ok &= CHECK(!kips_replay_advance(&r, seq));
	ok &= CHECK(!kips_replay_check(&r, 0xfffffff8, true, &seq) &&
		    seq == 0xfffffff8ULL);
	ok &= CHECK(kips_replay_check(&r, 0xfffffff0, true, &seq) == -EEXIST);
	kips_replay_free(&r);

	for (i = 0; i < ARRAY_SIZE(windows); i++) {
		ok &= replay_random(windows[i], false, rnd);
		ok &= replay_random(windows[i], true, rnd);
	}
	return ok;
}

static struct kips_sa *test_sa(struct kips_sad *sad, u32 spi, u32 reqid,
			       u32 state)
{
	struct kips_sa *sa = kips_sa_alloc(sad, 0);

	if (!sa)
		return NULL;
	sa->id.family = AF_INET;
	sa->id.daddr.a4 = htonl(0x0a000002);
	sa->id.spi = htonl(spi);
	sa->id.proto = IPPROTO_ESP;
	sa->saddr.a4 = htonl(0x0a000001);
	sa->reqid = reqid;
	sa->mode = KIPS_MODE_TUNNEL;
	sa->state = state;
	sa->add_time = 1;
	return sa;
}

static bool selects(struct kips_sad *sad, const struct kips_sa_out_key *key,
		    struct kips_sa *want)
{
	struct kips_sa *got = kips_sa_select(sad, key);

	if (got)
		kips_sa_put(got);
	return CHECK(got == want);
}

static bool test_sad(void)
{
	struct kips_sa *a, *b, *c, *larval, *full, *got;
	struct kips_sa_out_key key = {};
	struct kips_sad *sad;
	bool ok = true;
	int i;

	sad = kzalloc(sizeof(*sad), GFP_KERNEL);
	if (!sad || kips_sad_init(sad, NULL)) {
		kfree(sad);
		return CHECK(false);
	}
	mutex_lock(&sad->lock);
	a = test_sa(sad, 0x1000, 7, KIPS_SA_STATE_MATURE);
	b = test_sa(sad, 0x1001, 7, KIPS_SA_STATE_MATURE);
	c = test_sa(sad, 0x1001, 8, KIPS_SA_STATE_MATURE);
	if (!a || !b || !c) {
		ok = CHECK(false);
		goto out;
	}
	ok &= CHECK(!kips_sad_insert(sad, a));
	ok &= CHECK(!kips_sad_insert(sad, b));
	/* Same (dst, SPI, proto) as b. */
	ok &= CHECK(kips_sad_insert(sad, c) == -EEXIST);
	kips_sa_put(c);
	key.family = AF_INET;
	key.saddr.a4 = htonl(0x0a000001);
	key.daddr.a4 = htonl(0x0a000002);
	key.proto = IPPROTO_ESP;
	key.mode = KIPS_MODE_TUNNEL;
	key.reqid = 7;
	ok &= selects(sad, &key, b);		/* newest */
	WRITE_ONCE(b->state, KIPS_SA_STATE_DYING);
	ok &= selects(sad, &key, a);		/* mature before dying */
	WRITE_ONCE(a->state, KIPS_SA_STATE_DYING);
	ok &= selects(sad, &key, b);		/* newest dying */
	key.reqid = 8;
	ok &= selects(sad, &key, NULL);
	got = kips_sa_lookup(sad, AF_INET, &a->id.daddr, htonl(0x1000), IPPROTO_ESP);
	ok &= CHECK(got == a);
	if (got)
		kips_sa_put(got);
	ok &= CHECK(!kips_sa_lookup(sad, AF_INET, &a->id.daddr, htonl(0x1000),
				    IPPROTO_AH));

	/* A range of 4 SPIs takes 4 larval SAs and no more. */
	for (i = 0; i < 5; i++) {
		larval = test_sa(sad, 0, 0, KIPS_SA_STATE_LARVAL);
		if (!larval) {
			ok = CHECK(false);
			break;
		}
		if (i < 4) {
			ok &= CHECK(!kips_sad_alloc_spi(sad, larval, 0x2000, 0x2003));
		} else {
			ok &= CHECK(kips_sad_alloc_spi(sad, larval, 0x2000, 0x2003) == -ENOSPC);
			kips_sa_put(larval);
		}
	}
	ok &= CHECK(READ_ONCE(sad->count) == 6);
	/* Completing a larval SA replaces it in every index. */
	larval = kips_sad_find(sad, &(struct kips_sa_id){ .daddr = a->id.daddr,
			       .spi = htonl(0x2002), .proto = IPPROTO_ESP,
			       .family = AF_INET });
	full = test_sa(sad, 0x2002, 9, KIPS_SA_STATE_MATURE);
	if (!CHECK(larval && full)) {
		ok = false;
		if (full)
			kips_sa_put(full);
		goto out;
	}
	ok &= CHECK(!kips_sad_replace(sad, larval, full));
	key.reqid = 9;
	ok &= selects(sad, &key, full);
	ok &= CHECK(kips_sad_find(sad, &full->id) == full);
	ok &= CHECK(kips_sad_flush(sad, IPPROTO_AH) == 0);
	ok &= CHECK(kips_sad_flush(sad, 0) == 6 && READ_ONCE(sad->count) == 0);
	ok &= selects(sad, &key, NULL);
out:
	mutex_unlock(&sad->lock);
	kips_sad_exit(sad);
	kfree(sad);
	return ok;
}

/* Byte and packet limits on an SA that is in no SAD (nothing to remove). */
static bool test_lifetimes(void)
{
	struct kips_sad *sad;
	struct kips_sa *sa;
	bool ok = true;

	sad = kzalloc(sizeof(*sad), GFP_KERNEL);
	if (!sad || kips_sad_init(sad, NULL)) {
		kfree(sad);
		return CHECK(false);
	}
	sa = test_sa(sad, 0x3000, 0, KIPS_SA_STATE_MATURE);
	if (!sa) {
		ok = CHECK(false);
		goto out;
	}
	sa->soft.packets = 2;
	sa->hard.packets = 3;
	ok &= CHECK(kips_sa_account(sa, 100) && sa->state == KIPS_SA_STATE_MATURE);
	ok &= CHECK(READ_ONCE(sa->use_time) != 0);
	ok &= CHECK(kips_sa_account(sa, 100) && sa->state == KIPS_SA_STATE_DYING);
	/* The packet that reaches the hard limit is the last to pass. */
	ok &= CHECK(kips_sa_account(sa, 100) && sa->state == KIPS_SA_STATE_DEAD);
	ok &= CHECK(!kips_sa_account(sa, 100));
	ok &= CHECK(atomic64_read(&sa->use_packets) == 3 &&
		    atomic64_read(&sa->use_bytes) == 300);
	kips_sa_put(sa);

	sa = test_sa(sad, 0x3001, 0, KIPS_SA_STATE_MATURE);
	if (!sa) {
		ok = CHECK(false);
		goto out;
	}
	sa->hard.bytes = 250;
	ok &= CHECK(kips_sa_account(sa, 100) && kips_sa_account(sa, 100));
	/* Would go past the limit: refused, not counted, and the SA is dead. */
	ok &= CHECK(!kips_sa_account(sa, 100) && sa->state == KIPS_SA_STATE_DEAD);
	ok &= CHECK(atomic64_read(&sa->use_bytes) == 200);
	ok &= CHECK(test_bit(KIPS_SA_HARD_HIT, &sa->expire));
	kips_sa_put(sa);
out:
	/* The lifetime work the limits kicked holds its SA: let it finish. */
	flush_workqueue(kips_wq);
	kips_sad_exit(sad);
	kfree(sad);
	return ok;
}

/*
 * SPD: the tuple-space lookup must agree with a linear scan.  Policies
 * cover parts of 10.0.0.0/14 (fd00::/62); half the flows come from
 * 11.0.0.0/14 (fe00::/62), which only address-less policies (TCP only)
 * cover, so that lookups both hit and miss.
 */
static void random_addr(union kips_addr *a, u8 family, u8 net,
			struct rnd_state *rnd)
{
	u32 r = prandom_u32_state(rnd);

	memset(a, 0, sizeof(*a));
	if (family == AF_INET) {
		a->a4 = htonl(net << 24 | (r & 0x3) << 16 | (r >> 2 & 0x3) << 8 |
			      (r >> 4 & 0x7));
	} else {
		a->a6.s6_addr[0] = net == 10 ? 0xfd : 0xfe;
		a->a6.s6_addr[7] = r & 0x3;
		a->a6.s6_addr[15] = r >> 2 & 0x7;
	}
}

static void random_policy(struct kips_policy *pol, struct rnd_state *rnd)
{
	static const u8 plen4[] = { 8, 16, 24, 29, 32 };
	static const u8 plen6[] = { 56, 62, 64, 125, 128 };
	static const u8 protos[] = { 0, IPPROTO_TCP, IPPROTO_UDP, IPPROTO_ICMP };
	u32 r = prandom_u32_state(rnd);
	u8 family = r % 8 == 0 ? AF_INET6 : r % 8 == 1 ? 0 : AF_INET;
	union kips_addr a;

	pol->dir = KIPS_DIR_IN + (r >> 3) % 3;
	pol->action = KIPS_ACTION_BYPASS;
	pol->priority = (r >> 5) % 4;
	kips_sel_init_any(&pol->sel, family);
	r = prandom_u32_state(rnd);
	pol->sel.proto = family ? protos[r % 4] : IPPROTO_TCP;
	if (kips_proto_has_ports(pol->sel.proto) && r & 0x10) {
		pol->sel.dport_min = (r >> 8) % 8;
		pol->sel.dport_max = pol->sel.dport_min + (r >> 12) % 4;
	}
	if (!family)
		return;
	r = prandom_u32_state(rnd);
	pol->sel.src_plen = family == AF_INET ? plen4[r % 5] : plen6[r % 5];
	pol->sel.dst_plen = family == AF_INET ? plen4[(r >> 3) % 5] :
			    plen6[(r >> 3) % 5];
	random_addr(&a, family, 10, rnd);
	kips_addr_mask(&pol->sel.src, &a, pol->sel.src_plen);
	random_addr(&a, family, 10, rnd);
	kips_addr_mask(&pol->sel.dst, &a, pol->sel.dst_plen);
}

static void random_flow(struct kips_flow *fl, struct rnd_state *rnd)
{
	static const u8 protos[] = { IPPROTO_TCP, IPPROTO_UDP, IPPROTO_ICMP,
				     IPPROTO_ESP };
	u32 r = prandom_u32_state(rnd);
	u8 net = r & 0x20 ? 10 : 11;

	memset(fl, 0, sizeof(*fl));
	fl->family = r % 6 == 0 ? AF_INET6 : AF_INET;
	random_addr(&fl->saddr, fl->family, net, rnd);
	random_addr(&fl->daddr, fl->family, net, rnd);
	fl->proto = protos[(r >> 3) % 4];
	if (kips_proto_has_ports(fl->proto)) {
		fl->sport = (r >> 8) % 16;
		fl->dport = (r >> 12) % 16;
	}
}

static struct kips_policy *linear_lookup(struct kips_spd *spd, u8 dir,
					 const struct kips_flow *fl)
{
	struct kips_policy *pol, *best = NULL;
	unsigned long i;

	xa_for_each(&spd->by_index, i, pol)
		if (pol->dir == dir && kips_sel_match(&pol->sel, fl) &&
		    (!best || pol->priority < best->priority ||
		     (pol->priority == best->priority && pol->seq < best->seq)))
			best = pol;
	return best;
}

static bool spd_agrees(struct kips_spd *spd, struct rnd_state *rnd, int flows)
{
	struct kips_policy *fast, *slow;
	struct kips_flow fl;
	int i, matched = 0;
	u8 dir;

	for (i = 0; i < flows; i++) {
		random_flow(&fl, rnd);
		dir = KIPS_DIR_IN + i % 3;
		rcu_read_lock();
		fast = kips_spd_lookup(spd, dir, &fl);
		slow = linear_lookup(spd, dir, &fl);
		rcu_read_unlock();
		if (!CHECK(fast == slow)) {
			pr_err("kips: selftest: flow %d: policy %u, linear scan %u\n",
			       i, fast ? fast->index : 0, slow ? slow->index : 0);
			return false;
		}
		matched += !!fast;
	}
	/* The test means something only if many flows matched. */
	return CHECK(matched > flows / 4 && matched < flows);
}

static bool test_spd(struct rnd_state *rnd)
{
	struct kips_policy *pol, *new;
	struct kips_spd *spd;
	unsigned long i;
	bool ok = true;
	int n, err;

	spd = kzalloc(sizeof(*spd), GFP_KERNEL);
	if (!spd || kips_spd_init(spd, NULL)) {
		kfree(spd);
		return CHECK(false);
	}
	mutex_lock(&spd->lock);
	for (n = 0; n < 2000; n++) {
		pol = kips_policy_alloc();
		if (!pol) {
			ok = CHECK(false);
			goto out;
		}
		random_policy(pol, rnd);
		err = kips_spd_insert(spd, pol);
		if (err) {
			ok &= CHECK(err == -EEXIST);
			kips_policy_put(pol);
		}
	}
	ok &= spd_agrees(spd, rnd, 6000);

	/* Remove every third, replace every fifth with another selector. */
	xa_for_each(&spd->by_index, i, pol) {
		if (i % 3 == 0) {
			kips_spd_unlink(spd, pol);
		} else if (i % 5 == 0) {
			new = kips_policy_alloc();
			if (!new) {
				ok = CHECK(false);
				goto out;
			}
			random_policy(new, rnd);
			err = kips_spd_replace(spd, pol, new);
			if (err) {
				ok &= CHECK(err == -EEXIST);
				kips_policy_put(new);
			}
		}
	}
	ok &= spd_agrees(spd, rnd, 6000);
	n = READ_ONCE(spd->count);
	ok &= CHECK(kips_spd_flush(spd, 0) == n && !READ_ONCE(spd->count));
out:
	mutex_unlock(&spd->lock);
	kips_spd_exit(spd);
	kfree(spd);
	return ok;
}

static bool test_acquire(void)
{
	struct nlattr *tb[KIPS_SA_A_MAX + 1];
	struct kips_tmpl tmpl = {
		.family = AF_INET, .proto = IPPROTO_ESP,
		.mode = KIPS_MODE_TUNNEL, .reqid = 42,
	};
	struct kips_policy *pol;
	struct kips_flow fl = {
		.family = AF_INET6, .proto = IPPROTO_TCP, .sport = 1234, .dport = 443,
	};
	struct sk_buff *msg;
	bool ok = true;

	pol = kips_policy_alloc();
	if (!pol)
		return CHECK(false);
	pol->index = 77;
	tmpl.saddr.a4 = htonl(0xc0000201);
	tmpl.daddr.a4 = htonl(0xc0000202);
	fl.saddr.a6.s6_addr[0] = 0xfd;
	fl.daddr.a6.s6_addr[0] = 0xfe;
	msg = kips_acquire_msg(pol, &tmpl, &fl, GFP_KERNEL);
	kips_policy_put(pol);
	if (!msg)
		return CHECK(false);
	ok &= CHECK(!nlmsg_parse(nlmsg_hdr(msg), GENL_HDRLEN, tb, KIPS_SA_A_MAX,
				 NULL, NULL));
	ok &= CHECK(tb[KIPS_SA_A_DST] && nla_len(tb[KIPS_SA_A_DST]) == 4 &&
		    nla_get_in_addr(tb[KIPS_SA_A_DST]) == tmpl.daddr.a4);
	ok &= CHECK(tb[KIPS_SA_A_REQID] && nla_get_u32(tb[KIPS_SA_A_REQID]) == 42);
	ok &= CHECK(tb[KIPS_SA_A_POLICY_INDEX] &&
		    nla_get_u32(tb[KIPS_SA_A_POLICY_INDEX]) == 77);
	ok &= CHECK(tb[KIPS_SA_A_MODE] &&
		    nla_get_u8(tb[KIPS_SA_A_MODE]) == KIPS_MODE_TUNNEL);
	ok &= CHECK(tb[KIPS_SA_A_SELECTOR] != NULL);
	nlmsg_free(msg);
	return ok;
}

/* AH: what ah4.c and ah6.c leave of headers with options (RFC 4302 3.3.3). */
static bool test_ah_mutable(void)
{
	static const u8 opts4[24] = {
		148, 4, 0, 0,				/* router alert: kept */
		7, 11, 8, 10, 0, 0, 1, 10, 0, 0, 2,	/* record route: zeroed */
		1,					/* no-op: kept */
		131, 7, 4, 192, 0, 2, 9,		/* loose source route */
		0,					/* end */
	};
	static const u8 hbh[16] = {
		0, 1, 0x3e, 4, 1, 2, 3, 4,		/* may change: data zeroed */
		0x1e, 4, 5, 6, 7, 8, 1, 0,		/* may not: kept */
	};
	struct {
		struct iphdr iph;
		u8 opts[24];
	} __packed h4 = {};
	struct {
		struct ipv6hdr ip6h;
		u8 hbh[16];
		struct ipv6_rt_hdr rt;
		u8 rsvd[4];
		struct in6_addr addr[2];
	} __packed h6 = {};
	struct in6_addr a1 = { .s6_addr = { 0xfd, [15] = 1 } };
	struct in6_addr a2 = { .s6_addr = { 0xfd, [15] = 2 } };
	struct in6_addr d = { .s6_addr = { 0xfd, [15] = 9 } };
	bool ok = true;

	h4.iph.version = 4;
	h4.iph.ihl = 11;
	h4.iph.tos = 0x28;
	h4.iph.frag_off = htons(IP_DF | 5);
	h4.iph.ttl = 64;
	h4.iph.check = 0x1234;
	h4.iph.id = htons(77);
	h4.iph.daddr = htonl(0xc0000201);
	memcpy(h4.opts, opts4, sizeof(opts4));
	ok &= CHECK(kips_ah4_mutable(&h4.iph) == 0);
	ok &= CHECK(!h4.iph.tos && !h4.iph.frag_off && !h4.iph.ttl &&
		    !h4.iph.check && h4.iph.id == htons(77));
	ok &= CHECK(!memcmp(h4.opts, opts4, 4) && !memchr_inv(h4.opts + 4, 0, 11));
	ok &= CHECK(h4.opts[15] == 1 && !memchr_inv(h4.opts + 16, 0, 8));
	/* The destination as it will be: the route's last address. */
	ok &= CHECK(h4.iph.daddr == htonl(0xc0000209));
	memcpy(h4.opts, opts4, sizeof(opts4));
	h4.opts[5] = 30;			/* an option past the header */
	ok &= CHECK(kips_ah4_mutable(&h4.iph) == -EINVAL);
	memcpy(h4.opts, opts4, sizeof(opts4));
	h4.opts[5] = 1;				/* shorter than its own header */
	ok &= CHECK(kips_ah4_mutable(&h4.iph) == -EINVAL);

	/* IPv6: hop-by-hop options, then a routing header with one left. */
	ip6_flow_hdr(&h6.ip6h, 0xb8, htonl(0x12345));
	h6.ip6h.nexthdr = NEXTHDR_HOP;
	h6.ip6h.hop_limit = 64;
	h6.ip6h.daddr = d;
	memcpy(h6.hbh, hbh, sizeof(hbh));
	h6.hbh[0] = NEXTHDR_ROUTING;
	h6.rt.nexthdr = IPPROTO_AH;
	h6.rt.hdrlen = 4;
	h6.rt.segments_left = 1;
	h6.addr[0] = a1;
	h6.addr[1] = a2;
	ok &= CHECK(kips_ah6_mutable(&h6.ip6h, sizeof(h6)) == 0);
	ok &= CHECK(h6.ip6h.version == 6 && !h6.ip6h.priority &&
		    !memchr_inv(h6.ip6h.flow_lbl, 0, 3) && !h6.ip6h.hop_limit);
	ok &= CHECK(!memchr_inv(h6.hbh + 4, 0, 4) && !memcmp(h6.hbh + 8, hbh + 8, 8));
	ok &= CHECK(ipv6_addr_equal(&h6.ip6h.daddr, &a2) &&
		    ipv6_addr_equal(&h6.addr[0], &a1) &&
		    ipv6_addr_equal(&h6.addr[1], &d) && !h6.rt.segments_left);
	h6.hbh[1] = 5;				/* longer than the chain */
	ok &= CHECK(kips_ah6_mutable(&h6.ip6h, sizeof(h6)) == -EINVAL);
	return ok;
}

/*
 * ESP in UDP: an IP packet of @family with a UDP header and @plen bytes
 * of "ESP" (a non-zero SPI first), addresses 192.0.2.1 -> .2 or
 * fd00::1 -> fd00::2.
 */
static struct sk_buff *udp_skb(u8 family, unsigned int plen)
{
	unsigned int ihl = family == AF_INET ? sizeof(struct iphdr) :
			   sizeof(struct ipv6hdr);
	struct sk_buff *skb;
	unsigned int i;
	u8 *p;

	skb = alloc_skb(ihl + sizeof(struct udphdr) + plen, GFP_KERNEL);
	if (!skb)
		return NULL;
	p = skb_put_zero(skb, ihl + sizeof(struct udphdr) + plen);
	skb_reset_network_header(skb);
	if (family == AF_INET) {
		ip_hdr(skb)->version = 4;
		ip_hdr(skb)->ihl = 5;
		ip_hdr(skb)->ttl = 64;
		ip_hdr(skb)->protocol = IPPROTO_UDP;
		ip_hdr(skb)->saddr = htonl(0xc0000201);
		ip_hdr(skb)->daddr = htonl(0xc0000202);
	} else {
		ipv6_hdr(skb)->version = 6;
		ipv6_hdr(skb)->nexthdr = IPPROTO_UDP;
		ipv6_hdr(skb)->hop_limit = 64;
		ipv6_hdr(skb)->saddr.s6_addr[0] = 0xfd;
		ipv6_hdr(skb)->saddr.s6_addr[15] = 1;
		ipv6_hdr(skb)->daddr.s6_addr[0] = 0xfd;
		ipv6_hdr(skb)->daddr.s6_addr[15] = 2;
	}
	kips_encap_fix_len(skb, family);
	p += ihl + sizeof(struct udphdr);
	for (i = 0; i < plen; i++)
		p[i] = i * 7 + 1;
	return skb;
}

/* @bad: 0 as built, 1 the length field 4 bytes long, 2 a wrong checksum. */
static int udp_strip(u8 family, int bad)
{
	unsigned int ihl = family == AF_INET ? sizeof(struct iphdr) :
			   sizeof(struct ipv6hdr);
	unsigned int nh_off = family == AF_INET ? offsetof(struct iphdr, protocol) :
			      offsetof(struct ipv6hdr, nexthdr);
	struct sk_buff *skb = udp_skb(family, 64);
	struct udphdr *uh;
	int err;

	if (!skb)
		return -ENOMEM;
	kips_udp_encap_out(skb, ihl, 4500 << 16 | 4501);
	err = kips_udp_encap_out_done(skb, ihl, family);
	uh = (struct udphdr *)(skb->data + ihl);
	if (!err && bad == 1)
		be16_add_cpu(&uh->len, 4);
	if (!err && bad == 2)
		uh->check = family == AF_INET ? htons(0x1234) : 0;
	skb->ip_summed = CHECKSUM_NONE;
	if (!err)
		err = kips_udp_encap_strip(skb, family, ihl, nh_off);
	/* Gone: the ESP at the UDP header's place, lengths mended. */
	if (!err && (skb->len != ihl + 64 || skb->data[nh_off] != IPPROTO_ESP ||
		     skb->data[ihl] != 1 || skb->data[ihl + 63] != (u8)(63 * 7 + 1) ||
		     (family == AF_INET ? ntohs(ip_hdr(skb)->tot_len) != skb->len ||
		      ip_fast_csum(skb->data, 5) :
		      ntohs(ipv6_hdr(skb)->payload_len) != 64)))
		err = -EPROTO;
	kfree_skb(skb);
	return err;
}

static bool test_udp_encap(void)
{
	const unsigned int ihl = sizeof(struct ipv6hdr), len = 8 + 64;
	struct sk_buff *skb;
	struct udphdr *uh;
	bool ok = true;

	/* Output: ports as given, zero checksum over IPv4, real over IPv6. */
	skb = udp_skb(AF_INET, 64);
	if (!skb)
		return CHECK(false);
	kips_udp_encap_out(skb, sizeof(struct iphdr), 4500 << 16 | 4501);
	ok &= CHECK(!kips_udp_encap_out_done(skb, sizeof(struct iphdr), AF_INET));
	uh = (struct udphdr *)(skb->data + sizeof(struct iphdr));
	ok &= CHECK(uh->source == htons(4500) && uh->dest == htons(4501) &&
		    uh->len == htons(len) && !uh->check);
	kfree_skb(skb);
	skb = udp_skb(AF_INET6, 64);
	if (!skb)
		return CHECK(false);
	kips_udp_encap_out(skb, ihl, 4500 << 16 | 4501);
	ok &= CHECK(!kips_udp_encap_out_done(skb, ihl, AF_INET6));
	uh = (struct udphdr *)(skb->data + ihl);
	ok &= CHECK(uh->len == htons(len) && uh->check &&
		    !csum_ipv6_magic(&ipv6_hdr(skb)->saddr, &ipv6_hdr(skb)->daddr,
				     len, IPPROTO_UDP, skb_checksum(skb, ihl, len, 0)));
	kfree_skb(skb);

	/* Input: the header comes off; a bad length or checksum is refused. */
	ok &= CHECK(udp_strip(AF_INET, 0) == 0);
	ok &= CHECK(udp_strip(AF_INET6, 0) == 0);
	ok &= CHECK(udp_strip(AF_INET, 1) == -EINVAL);
	ok &= CHECK(udp_strip(AF_INET6, 1) == -EINVAL);
	ok &= CHECK(udp_strip(AF_INET, 2) == -EINVAL);
	ok &= CHECK(udp_strip(AF_INET6, 2) == -EINVAL);
	return ok;
}

int kips_selftest_run(void)
{
	struct rnd_state rnd;
	int failed = 0;

	prandom_seed_state(&rnd, 0x6b697073);
#define RUN(test) do {							\
		bool __ok = (test);					\
		pr_info("kips: selftest: %s: %s\n", #test, __ok ? "ok" : "FAILED"); \
		failed += !__ok;					\
	} while (0)
	RUN(test_replay(&rnd));
	RUN(test_sad());
	RUN(test_lifetimes());
	RUN(test_spd(&rnd));
	RUN(test_acquire());
	RUN(test_ah_mutable());
	RUN(test_udp_encap());
#undef RUN
	pr_info("kips: selftest: %d failed\n", failed);
	return failed ? -EINVAL : 0;
}
