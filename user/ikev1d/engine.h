/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The IKEv1 engine: ISAKMP SAs and their exchanges, driven by datagrams,
 * requests to initiate and the passing of time, and acting on the world
 * only through struct engine_ops (send a datagram, program the kernel).
 * No sockets, no clock, no netlink in here: the daemon plugs in the real
 * ones, the unit tests plug two engines into each other and into a fake
 * kernel.
 */
#ifndef IKEV1D_ENGINE_H
#define IKEV1D_ENGINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "addr.h"
#include "conf.h"
#include "policy.h"
#include "sa.h"

#define IKE_PORT	500

struct ike_endpoint {
	struct kips_addr addr;
	uint16_t port;
};

struct engine_ops {
	void *ctx;		/* for send() */
	void *kernel_ctx;	/* for the kernel callbacks */
	/* Sends one datagram; 0 or -errno. */
	int (*send)(void *ctx, const struct ike_endpoint *local,
		    const struct ike_endpoint *remote, const uint8_t *buf,
		    size_t len);
	/* Reserves an inbound SPI (a larval SA) for SAs from @src to @dst. */
	int (*alloc_spi)(void *ctx, const struct kips_addr *src,
			 const struct kips_addr *dst, uint8_t ip_proto,
			 uint32_t reqid, uint32_t *spi);
	/* Installs an SA: completes the larval one of its SPI if @larval,
	 * else adds a new one.
	 */
	int (*add_sa)(void *ctx, const struct kips_sa *sa, bool larval);
	int (*del_sa)(void *ctx, const struct kips_addr *dst, uint32_t spi,
		      uint8_t ip_proto);
	/* Adds a policy; the kernel's index comes back in *index. */
	int (*add_policy)(void *ctx, const struct kips_policy *pol,
			  uint32_t *index);
	int (*del_policy)(void *ctx, uint32_t index);
	/* How many packets the SA (@dst, @spi, @ip_proto) has accepted, in
	 * *packets; 0 or -errno.  Optional: dead peer detection takes ESP
	 * from the peer for a sign of life when it can know of it.
	 */
	int (*sa_in_packets)(void *ctx, const struct kips_addr *dst, uint32_t spi,
			     uint8_t ip_proto, uint64_t *packets);
	/* Adds (or removes) the address @a (its prefix length too) that
	 * mode config assigned on the interface @dev; 0 or -errno.
	 * Optional: without it the address is only used as our selector.
	 */
	int (*set_vip)(void *ctx, const struct kips_addr *a, const char *dev,
		       bool add);
};

struct engine;

/* An engine for the connections of @conf, which must outlive it. */
struct engine *engine_new(const struct conf *conf, const struct engine_ops *ops);
/* Deletes every SA it installed (telling the peers) and frees it. */
void engine_free(struct engine *e, uint64_t now_ms);

/* A datagram from @remote to @local arrived at @now_ms. */
void engine_input(struct engine *e, const uint8_t *buf, size_t len,
		  const struct ike_endpoint *local,
		  const struct ike_endpoint *remote, uint64_t now_ms);

/* Brings connection @name up (phase 1 if needed, then quick mode for each
 * pair of its selectors).  -1 if there is no such connection or it cannot
 * initiate (remote %any).
 */
int engine_initiate(struct engine *e, const char *name, uint64_t now_ms);

/* Takes connection @name down: deletes its IPsec and ISAKMP SAs, with
 * delete notifications to the peer.
 */
int engine_terminate(struct engine *e, const char *name, uint64_t now_ms);

/* Installs connection @name's policies ahead of any SA (start = trap):
 * traffic that needs SAs makes the kernel ask for them, and
 * engine_acquire() negotiates them.  -1 (logged) if there is no such
 * connection, its peer is %any, or the kernel refuses.
 */
int engine_route(struct engine *e, const char *name);
/* Removes them (SAs negotiated for them stay until they end). */
int engine_unroute(struct engine *e, const char *name);

/* The kernel's ACQUIRE: traffic needs SAs that the policies naming @reqid
 * have not got.  Negotiates them if @reqid is one of our traps.
 */
void engine_acquire(struct engine *e, uint32_t reqid, uint64_t now_ms);

/* The kernel's SA_EXPIRE for the SA (@dst, @spi, @ip_proto): at its soft
 * limit the pair is rekeyed, at its hard limit (the kernel has removed
 * that SA) the pair is removed and the peer told.
 */
void engine_expire(struct engine *e, const struct kips_addr *dst, uint32_t spi,
		   uint8_t ip_proto, bool hard, uint64_t now_ms);

/* Retransmits, gives up and expires what is due at @now_ms. */
void engine_tick(struct engine *e, uint64_t now_ms);
/* When engine_tick() next has something to do (UINT64_MAX: nothing). */
uint64_t engine_next_timer(const struct engine *e);

/* Retransmission policy: first wait, doubled each time, so many tries. */
void engine_set_retransmit(struct engine *e, unsigned int first_ms,
			   unsigned int tries);

/* Counts, for tests and status: ISAKMP SAs established, IPsec SA pairs
 * installed.
 */
size_t engine_ike_sas(const struct engine *e, bool established_only);
size_t engine_child_sas(const struct engine *e);

#endif /* IKEV1D_ENGINE_H */
