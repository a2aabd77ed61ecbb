/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The engine tests' world: two engines, A and B, talking to each other in
 * memory, each with a fake kernel that records SAs and policies, a
 * network that can lose datagrams, and a clock.  Header-only, like test.h,
 * for the test programs that include it (each is one file).
 */
#ifndef IKEV1D_TEST_HARNESS_H
#define IKEV1D_TEST_HARNESS_H

#include <netinet/in.h>

#include "engine.h"
#include "log.h"
#include "test.h"

#define MAX_SAS 16
#define MAX_POLS 16
#define MAX_PKTS 64

struct fake_kernel {
	struct kips_sa sa[MAX_SAS];
	bool larval[MAX_SAS];
	size_t nsa;
	struct kips_policy pol[MAX_POLS];
	uint32_t pol_index[MAX_POLS];
	size_t npol;
	uint32_t next_spi, next_index;
};

struct side {
	const char *name;
	struct conf conf;
	struct engine *e;
	struct fake_kernel k;
	struct ike_endpoint ep;
	char log[1 << 18];
};

struct packet {
	struct ike_endpoint from, to;
	size_t len;
	uint8_t buf[4096];
};

static struct side A = { .name = "A" }, B = { .name = "B" };
static struct packet *net[MAX_PKTS];
static size_t npkts;
static uint64_t now = 1000;
static unsigned int drop_next;	/* datagrams to lose */
/* A NAT in front of A that rewrites its ports: A's datagrams reach B from
 * port + nat_shift, and B's answers go back to A's own port.  0: none.
 * NAT keepalives (one 0xFF byte) are counted and go no further, as the
 * daemon's socket layer would not hand them to the engine.
 */
static uint16_t nat_shift;
static unsigned int keepalives[2];	/* sent by A, by B */
static struct side *logging_side;

static inline void sink(void *ctx, enum ike_log_level level, const char *line)
{
	struct side *s = logging_side;
	size_t n;

	(void)ctx;
	if (getenv("VERBOSE"))
		fprintf(stderr, "%s %d: %s\n", s ? s->name : "?", level, line);
	if (!s)
		return;
	n = strlen(s->log);
	snprintf(s->log + n, sizeof(s->log) - n, "%s\n", line);
}

/* --- the fake kernel --- */

static inline int k_alloc_spi(void *ctx, const struct kips_addr *src,
		       const struct kips_addr *dst, uint8_t proto,
		       uint32_t reqid, uint32_t *spi)
{
	struct fake_kernel *k = ctx;
	struct kips_sa *sa;

	if (k->nsa == MAX_SAS)
		return -12;
	sa = &k->sa[k->nsa];
	memset(sa, 0, sizeof(*sa));
	sa->src = *src;
	sa->dst = *dst;
	sa->proto = proto;
	sa->reqid = reqid;
	sa->spi = *spi = k->next_spi++;
	k->larval[k->nsa++] = true;
	return 0;
}

static inline struct kips_sa *k_find(struct fake_kernel *k,
				     const struct kips_addr *dst,
			      uint32_t spi, uint8_t proto, size_t *idx)
{
	size_t i;

	for (i = 0; i < k->nsa; i++)
		if (k->sa[i].spi == spi && k->sa[i].proto == proto &&
		    kips_addr_equal(&k->sa[i].dst, dst)) {
			*idx = i;
			return &k->sa[i];
		}
	return NULL;
}

static inline int k_add_sa(void *ctx, const struct kips_sa *sa, bool larval)
{
	struct fake_kernel *k = ctx;
	struct kips_sa *old;
	size_t i;

	old = k_find(k, &sa->dst, sa->spi, sa->proto, &i);
	/* SA_SET on a complete SA: new encapsulation ports only. */
	if (larval && old && !k->larval[i] && !KIPS_HAS(sa, KIPS_SA_A_ENC_KEY) &&
	    !KIPS_HAS(sa, KIPS_SA_A_AEAD_KEY) && !KIPS_HAS(sa, KIPS_SA_A_AUTH_KEY) &&
	    KIPS_HAS(sa, KIPS_SA_A_ENCAP_SPORT)) {
		old->encap_sport = sa->encap_sport;
		old->encap_dport = sa->encap_dport;
		return 0;
	}
	if (larval) {
		if (!old || !k->larval[i])
			return -2;
		*old = *sa;
		k->larval[i] = false;
		return 0;
	}
	if (old || k->nsa == MAX_SAS)
		return -17;
	k->sa[k->nsa] = *sa;
	k->larval[k->nsa++] = false;
	return 0;
}

static inline int k_del_sa(void *ctx, const struct kips_addr *dst, uint32_t spi,
		    uint8_t proto)
{
	struct fake_kernel *k = ctx;
	size_t i;

	if (!k_find(k, dst, spi, proto, &i))
		return -2;
	k->sa[i] = k->sa[k->nsa - 1];
	k->larval[i] = k->larval[k->nsa - 1];
	k->nsa--;
	return 0;
}

static inline bool k_same_sel(const struct kips_sel *a, const struct kips_sel *b)
{
	return kips_addr_equal(&a->src, &b->src) &&
	       a->src.prefixlen == b->src.prefixlen &&
	       kips_addr_equal(&a->dst, &b->dst) &&
	       a->dst.prefixlen == b->dst.prefixlen && a->proto == b->proto &&
	       a->sport_min == b->sport_min && a->dport_min == b->dport_min;
}

/* As the kernel: one policy per direction, selector and priority. */
static inline int k_add_policy(void *ctx, const struct kips_policy *pol,
			       uint32_t *index)
{
	struct fake_kernel *k = ctx;
	size_t i;

	for (i = 0; i < k->npol; i++)
		if (k->pol[i].dir == pol->dir && k->pol[i].priority == pol->priority &&
		    k_same_sel(&k->pol[i].sel, &pol->sel))
			return -17;
	if (k->npol == MAX_POLS)
		return -12;
	k->pol[k->npol] = *pol;
	k->pol_index[k->npol++] = *index = ++k->next_index;
	return 0;
}

static inline int k_del_policy(void *ctx, uint32_t index)
{
	struct fake_kernel *k = ctx;
	size_t i;

	for (i = 0; i < k->npol; i++)
		if (k->pol_index[i] == index) {
			k->pol[i] = k->pol[k->npol - 1];
			k->pol_index[i] = k->pol_index[k->npol - 1];
			k->npol--;
			return 0;
		}
	return -2;
}

static inline int k_sa_in_packets(void *ctx, const struct kips_addr *dst,
				  uint32_t spi, uint8_t proto, uint64_t *packets)
{
	struct fake_kernel *k = ctx;
	struct kips_sa *sa;
	size_t i;

	sa = k_find(k, dst, spi, proto, &i);
	if (!sa)
		return -2;
	*packets = sa->stats.val[KIPS_CNT_A_IN_PACKETS];
	return 0;
}

/* --- the network --- */

static inline int send_pkt(void *ctx, const struct ike_endpoint *local,
		    const struct ike_endpoint *remote, const uint8_t *buf,
		    size_t len)
{
	struct packet *p;

	(void)ctx;
	if (drop_next) {
		drop_next--;
		return 0;
	}
	if (npkts == MAX_PKTS || len > sizeof(p->buf))
		return -105;
	p = malloc(sizeof(*p));
	if (!p)
		return -12;
	p->from = *local;
	p->to = *remote;
	p->len = len;
	memcpy(p->buf, buf, len);
	net[npkts++] = p;
	return 0;
}

static inline struct side *side_at(const struct ike_endpoint *ep)
{
	return kips_addr_equal(&ep->addr, &A.ep.addr) ? &A : &B;
}

/* Delivers datagrams (and whatever they cause) until the network is quiet;
 * returns how many went through.
 */
static inline size_t deliver(void)
{
	size_t n = 0;

	while (npkts) {
		struct packet *p;

		/* Two engines echoing each other would never stop. */
		if (n == 1000) {
			T_FAIL("the engines keep talking");
			return n;
		}
		p = net[0];
		struct side *s = side_at(&p->to);

		memmove(net, net + 1, --npkts * sizeof(net[0]));
		if (p->len == 1 && p->buf[0] == 0xff) {
			keepalives[s == &B ? 0 : 1]++;
			free(p);
			continue;
		}
		if (nat_shift && s == &B)
			p->from.port += nat_shift;
		else if (nat_shift)
			p->to.port -= nat_shift;
		logging_side = s;
		engine_input(s->e, p->buf, p->len, &p->to, &p->from, now);
		logging_side = NULL;
		free(p);
		n++;
	}
	return n;
}

static inline void tick(uint64_t ms)
{
	now += ms;
	logging_side = &A;
	engine_tick(A.e, now);
	logging_side = &B;
	engine_tick(B.e, now);
	logging_side = NULL;
}

static const struct engine_ops ops_template = {
	.send = send_pkt,
	.alloc_spi = k_alloc_spi,
	.add_sa = k_add_sa,
	.del_sa = k_del_sa,
	.add_policy = k_add_policy,
	.del_policy = k_del_policy,
	.sa_in_packets = k_sa_in_packets,
};

static inline void teardown_side(struct side *s)
{
	logging_side = s;
	engine_free(s->e, now);
	logging_side = NULL;
	s->e = NULL;
	conf_free(&s->conf);
}

static inline void teardown(void)
{
	teardown_side(&A);
	teardown_side(&B);
	while (npkts)
		free(net[--npkts]);
}

static inline bool setup_side(struct side *s, const char *text,
			      uint32_t spi_base)
{
	struct conf_report r = { 0 };
	struct engine_ops ops = ops_template;

	memset(&s->k, 0, sizeof(s->k));
	s->k.next_spi = spi_base;
	s->log[0] = 0;
	ops.kernel_ctx = &s->k;
	if (conf_load_text(s->name, text, strlen(text), &s->conf, &r) ||
	    s->conf.nconns < 1)
		return false;
	s->ep.addr = s->conf.conns[0].local;
	s->ep.port = IKE_PORT;
	s->e = engine_new(&s->conf, &ops);
	if (s->e)
		engine_set_retransmit(s->e, 1000, 3);
	return s->e;
}

#define V4(extra_a, extra_b) \
	"conn t { local = 10.0.0.1; remote = 10.0.0.2; psk = \"secret\";\n" \
	" local-subnet = 10.1.0.0/16; remote-subnet = 10.2.0.0/16;\n" extra_a " }", \
	"conn t { local = 10.0.0.2; remote = 10.0.0.1; psk = \"secret\";\n" \
	" local-subnet = 10.2.0.0/16; remote-subnet = 10.1.0.0/16;\n" extra_b " }"

static inline bool setup(const char *a, const char *b)
{
	teardown();
	now = 1000;
	drop_next = 0;
	nat_shift = 0;
	keepalives[0] = keepalives[1] = 0;
	return setup_side(&A, a, 0xa0000100) && setup_side(&B, b, 0xb0000100);
}

static inline bool initiate(struct side *s)
{
	int r;

	logging_side = s;
	r = engine_initiate(s->e, "t", now);
	logging_side = NULL;
	return !r;
}

static inline struct kips_sa *sa_by_spi(struct fake_kernel *k, uint32_t spi)
{
	size_t i;

	for (i = 0; i < k->nsa; i++)
		if (k->sa[i].spi == spi && !k->larval[i])
			return &k->sa[i];
	return NULL;
}

/* Each side's outbound SA is the other's inbound one, keys and all. */
static inline bool pairs_match(const char *file, int line)
{
	size_t i;

	for (i = 0; i < A.k.nsa + B.k.nsa; i++) {
		struct fake_kernel *mine = i < A.k.nsa ? &A.k : &B.k;
		struct fake_kernel *theirs = i < A.k.nsa ? &B.k : &A.k;
		struct kips_sa *s = &mine->sa[i < A.k.nsa ? i : i - A.k.nsa];
		struct kips_sa *o = sa_by_spi(theirs, s->spi);

		if (!o) {
			t_fail_at(file, line, "SPI 0x%08x has no partner", s->spi);
			return false;
		}
		if (strcmp(s->enc.alg, o->enc.alg) || s->enc.key_len != o->enc.key_len ||
		    memcmp(s->enc.key, o->enc.key, s->enc.key_len) ||
		    strcmp(s->auth.alg, o->auth.alg) ||
		    memcmp(s->auth.key, o->auth.key, s->auth.key_len) ||
		    strcmp(s->aead.alg, o->aead.alg) ||
		    memcmp(s->aead.key, o->aead.key, s->aead.key_len) ||
		    !kips_addr_equal(&s->src, &o->src) ||
		    !kips_addr_equal(&s->dst, &o->dst) || s->mode != o->mode ||
		    s->hard.add_seconds != o->hard.add_seconds) {
			t_fail_at(file, line, "SA 0x%08x differs between the sides",
				  s->spi);
			return false;
		}
	}
	return true;
}

#define T_PAIRS() do { if (!pairs_match(__FILE__, __LINE__)) return; } while (0)

static inline void up(const char *a, const char *b)
{
	if (!setup(a, b)) {
		T_FAIL("bad configuration");
		return;
	}
	if (!initiate(&A)) {
		T_FAIL("initiate failed");
		return;
	}
	deliver();
}

static inline bool nothing_installed(const char *file, int line)
{
	if (A.k.nsa || B.k.nsa || A.k.npol || B.k.npol) {
		t_fail_at(file, line, "left installed: %zu/%zu SAs, %zu/%zu policies",
			  A.k.nsa, B.k.nsa, A.k.npol, B.k.npol);
		return false;
	}
	return true;
}

#define T_NOTHING() do { if (!nothing_installed(__FILE__, __LINE__)) return; } while (0)

static inline uint32_t spi_in_of(struct fake_kernel *k,
				 const struct kips_addr *me)
{
	size_t i;

	for (i = 0; i < k->nsa; i++)
		if (kips_addr_equal(&k->sa[i].dst, me))
			return k->sa[i].spi;
	return 0;
}

#endif /* IKEV1D_TEST_HARNESS_H */
