/* SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR MIT */
/*
 * kips: the generic-netlink interface of the kips IPsec module.
 *
 * This header is the whole contract between kips.ko, the kips command and
 * ikev1d.  Everything is a scalar or binary attribute: no C structs travel
 * on the wire.  Integers are in host byte order; addresses are raw bytes in
 * network order, 4 bytes for IPv4 and 16 for IPv6 (the length gives the
 * family).
 *
 * Family "kips", version KIPS_GENL_VERSION.  Every command that changes
 * state, and every request that returns keys, needs CAP_NET_ADMIN in the
 * user namespace that owns the caller's network namespace.  Each command has
 * its own strict attribute policy: an attribute the command does not use is
 * rejected, as are unknown flag bits (-EOPNOTSUPP).  Every rejection carries
 * an extack message and, where one attribute is at fault, points at it.
 *
 * KIPS_CMD_INFO_GET (doit; no privilege)
 *   request:  (nothing)
 *   reply:    KIPS_INFO_A_VERSION       string "MAJOR.MINOR.PATCH"
 *             KIPS_INFO_A_SA_COUNT      u32 SAs in this namespace
 *             KIPS_INFO_A_POLICY_COUNT  u32 policies in this namespace
 *             KIPS_INFO_A_STATS         nest: KIPS_CNT_A_* namespace totals
 *
 * KIPS_CMD_SA_NEW, KIPS_CMD_SA_SET (doit; admin)
 *   request:  KIPS_SA_A_SRC, KIPS_SA_A_DST          required, same family
 *             KIPS_SA_A_PROTO, KIPS_SA_A_SPI        required
 *             KIPS_SA_A_MODE                        default transport
 *             KIPS_SA_A_REQID                       default 0
 *             either KIPS_SA_A_AEAD_ALG + _AEAD_KEY (+ _ICV_LEN)
 *             or     KIPS_SA_A_ENC_ALG + _ENC_KEY and/or _AUTH_ALG + _AUTH_KEY
 *                    (ESP: encryption required, integrity optional only with
 *                     an AEAD; AH: integrity only, or the aes-gmac
 *                     AEAD)
 *             KIPS_SA_A_REPLAY_WINDOW               default 0 (no check)
 *             KIPS_SA_A_FLAGS                       KIPS_SA_F_* (ESN needs a
 *                                                   replay window: it infers
 *                                                   the high 32 bits)
 *             KIPS_SA_A_LIFETIME_SOFT, _HARD        nest: KIPS_LT_A_*
 *             KIPS_SA_A_ENCAP_SPORT, _ENCAP_DPORT   both or neither (ESP)
 *             KIPS_SA_A_SELECTOR                    nest: KIPS_SEL_A_*
 *             KIPS_SA_A_SEQ_OUT, _SEQ_IN            u64 starting points: the
 *                                                   last sequence number sent
 *                                                   and the highest received
 *                                                   (default 0; above 2^32 - 1
 *                                                   only with ESN), for an SA
 *                                                   that carries on elsewhere
 *                                                   or a test at the 2^32
 *                                                   boundary
 *   SA_NEW fails with -EEXIST if (dst, spi, proto) is taken.  SA_SET on a
 *   larval SA (see ALLOC_SPI) completes it with everything above; on a
 *   complete SA it may change only the lifetimes and the encapsulation
 *   ports, and every other attribute it carries must equal the SA's (it
 *   needs only DST, SPI and PROTO then).
 *
 * KIPS_CMD_SA_DEL (doit; admin), KIPS_CMD_SA_GET (doit, or dump)
 *   request:  KIPS_SA_A_DST, KIPS_SA_A_SPI, KIPS_SA_A_PROTO identify one SA
 *             (dump: no identity; optional KIPS_SA_A_PROTO filters)
 *             KIPS_SA_A_REQ_FLAGS: KIPS_REQ_F_KEYS returns keys (admin)
 *   reply:    every attribute of SA_NEW that is set, without keys unless
 *             asked for, plus KIPS_SA_A_STATE, KIPS_SA_A_CURRENT (use so
 *             far, nest KIPS_LT_A_*), KIPS_SA_A_STATS (nest KIPS_CNT_A_*),
 *             KIPS_SA_A_SEQ_OUT, KIPS_SA_A_SEQ_IN.
 *
 * KIPS_CMD_SA_FLUSH (doit; admin)
 *   request:  optional KIPS_SA_A_PROTO: only SAs of that protocol.
 *
 * KIPS_CMD_SA_ALLOC_SPI (doit; admin)
 *   request:  KIPS_SA_A_SRC, _DST, _PROTO required; _REQID optional;
 *             KIPS_SA_A_SPI_MIN, _SPI_MAX  range (default 256..0xffffffff)
 *   reply:    the larval SA, including KIPS_SA_A_SPI.  A larval SA carries
 *             no keys and passes no traffic; it is removed after
 *             KIPS_LARVAL_SECONDS unless SA_SET completes it.
 *
 * KIPS_CMD_POLICY_NEW, KIPS_CMD_POLICY_SET (doit; admin)
 *   request:  KIPS_POL_A_DIR, KIPS_POL_A_SELECTOR    required
 *             KIPS_POL_A_ACTION                      default protect
 *             KIPS_POL_A_PRIORITY                    default 0 (lower wins)
 *             KIPS_POL_A_INDEX                       NEW: optional, chosen
 *                                                    by the kernel if absent;
 *                                                    SET: required
 *             KIPS_POL_A_TMPL (repeated, in order, outermost last): nest
 *                                                    KIPS_TMPL_A_*; protect
 *                                                    needs 1 or 2, others 0
 *   POLICY_NEW fails with -EEXIST if a policy with the same direction,
 *   selector and priority exists.  POLICY_SET replaces the policy with that
 *   index (direction and selector included) in one step.
 *   reply (NEW): KIPS_POL_A_INDEX
 *
 * KIPS_CMD_POLICY_DEL (doit; admin), KIPS_CMD_POLICY_GET (doit, or dump)
 *   request:  KIPS_POL_A_INDEX, or KIPS_POL_A_DIR + _SELECTOR + _PRIORITY
 *             (priority default 0; not both ways at once)
 *             (dump: optional KIPS_POL_A_DIR filters)
 *   reply:    every attribute of POLICY_NEW, plus KIPS_POL_A_STATS (nest
 *             KIPS_CNT_A_*: packets and bytes that matched it).
 *
 * KIPS_CMD_POLICY_FLUSH (doit; admin)
 *   request:  optional KIPS_POL_A_DIR.
 *
 * Multicast group KIPS_MCGRP_SA ("sa"):
 *   KIPS_CMD_SA_NEW, KIPS_CMD_SA_DEL  an SA was added or removed, by whom
 *                                      ever (attributes as SA_GET, no keys;
 *                                      ALLOC_SPI's larval SA is an SA_NEW)
 *   KIPS_CMD_SA_SET                    an SA was completed or its lifetimes
 *                                      or encapsulation changed (as SA_GET)
 *   KIPS_CMD_SA_FLUSH                  SAs were flushed: one event, no SA_DEL
 *                                      for each (KIPS_SA_A_PROTO if the flush
 *                                      was limited to one protocol)
 *   KIPS_CMD_SA_EXPIRE                 KIPS_SA_A_EXPIRE soft or hard, with
 *                                      the SA's identity, reqid, lifetimes
 *                                      and current use.  After a hard expiry
 *                                      the SA is gone (no SA_DEL follows).
 * Multicast group KIPS_MCGRP_POLICY ("policy"):
 *   KIPS_CMD_POLICY_NEW, _SET, _DEL  as POLICY_GET
 *   KIPS_CMD_POLICY_FLUSH  policies were flushed: one event (KIPS_POL_A_DIR
 *                          if the flush was limited to one direction)
 * Multicast group KIPS_MCGRP_ACQUIRE ("acquire"):
 *   KIPS_CMD_ACQUIRE  an outbound packet needs an SA that does not exist:
 *             KIPS_SA_A_SRC, _DST, _PROTO, _MODE, _REQID  the SA wanted
 *             KIPS_SA_A_POLICY_INDEX                       the policy
 *             KIPS_SA_A_SELECTOR  the packet's addresses, protocol, ports
 *                                 (prefix lengths full)
 */
#ifndef _UAPI_LINUX_KIPS_H
#define _UAPI_LINUX_KIPS_H

#include <linux/types.h>

#define KIPS_GENL_NAME		"kips"
#define KIPS_GENL_VERSION	1

#define KIPS_MCGRP_SA		"sa"
#define KIPS_MCGRP_POLICY	"policy"
#define KIPS_MCGRP_ACQUIRE	"acquire"

/* Limits the kernel enforces. */
#define KIPS_SPI_MIN		256	/* 1..255 are reserved by IANA */
#define KIPS_REPLAY_WINDOW_MAX	4096	/* packets */
#define KIPS_MAX_TMPLS		2	/* AH + ESP bundle */
#define KIPS_ALG_NAME_MAX	32	/* including the NUL */
#define KIPS_KEY_MAX		64	/* bytes */
#define KIPS_LARVAL_SECONDS	30

enum kips_cmd {
	KIPS_CMD_UNSPEC,
	KIPS_CMD_INFO_GET,
	KIPS_CMD_SA_NEW,
	KIPS_CMD_SA_SET,
	KIPS_CMD_SA_DEL,
	KIPS_CMD_SA_GET,
	KIPS_CMD_SA_FLUSH,
	KIPS_CMD_SA_ALLOC_SPI,
	KIPS_CMD_SA_EXPIRE,
	KIPS_CMD_POLICY_NEW,
	KIPS_CMD_POLICY_SET,
	KIPS_CMD_POLICY_DEL,
	KIPS_CMD_POLICY_GET,
	KIPS_CMD_POLICY_FLUSH,
	KIPS_CMD_ACQUIRE,

	__KIPS_CMD_MAX
};
#define KIPS_CMD_MAX (__KIPS_CMD_MAX - 1)

enum kips_info_attrs {
	KIPS_INFO_A_UNSPEC,
	KIPS_INFO_A_VERSION,		/* string */
	KIPS_INFO_A_SA_COUNT,		/* u32 */
	KIPS_INFO_A_POLICY_COUNT,	/* u32 */
	KIPS_INFO_A_STATS,		/* nest: enum kips_counter_attrs */

	__KIPS_INFO_A_MAX
};
#define KIPS_INFO_A_MAX (__KIPS_INFO_A_MAX - 1)

enum kips_mode {
	KIPS_MODE_TRANSPORT = 1,
	KIPS_MODE_TUNNEL = 2,
};

enum kips_sa_state {
	KIPS_SA_STATE_LARVAL = 1,	/* SPI reserved, no keys yet */
	KIPS_SA_STATE_MATURE = 2,	/* in use */
	KIPS_SA_STATE_DYING = 3,	/* soft limit reached, still in use */
	KIPS_SA_STATE_DEAD = 4,		/* hard limit reached, being removed */
};

enum kips_expire {
	KIPS_EXPIRE_SOFT = 1,
	KIPS_EXPIRE_HARD = 2,
};

/* KIPS_SA_A_FLAGS */
enum kips_sa_flags {
	KIPS_SA_F_ESN = 1U << 0,	/* 64-bit extended sequence numbers */

	__KIPS_SA_F_ALL = KIPS_SA_F_ESN
};

/* KIPS_SA_A_REQ_FLAGS: how a request wants its answer */
enum kips_req_flags {
	KIPS_REQ_F_KEYS = 1U << 0,	/* include keys (needs admin) */

	__KIPS_REQ_F_ALL = KIPS_REQ_F_KEYS
};

enum kips_sa_attrs {
	KIPS_SA_A_UNSPEC,
	KIPS_SA_A_PAD,			/* alignment of 64-bit attributes */
	KIPS_SA_A_SRC,			/* binary: 4 or 16 bytes */
	KIPS_SA_A_DST,			/* binary: 4 or 16 bytes */
	KIPS_SA_A_PROTO,		/* u8: IPPROTO_ESP (50) or IPPROTO_AH (51) */
	KIPS_SA_A_SPI,			/* u32: KIPS_SPI_MIN..0xffffffff */
	KIPS_SA_A_MODE,			/* u8: enum kips_mode */
	KIPS_SA_A_REQID,		/* u32 */
	KIPS_SA_A_ENC_ALG,		/* string: KIPS_ALG_KIND_ENC name */
	KIPS_SA_A_ENC_KEY,		/* binary */
	KIPS_SA_A_AUTH_ALG,		/* string: KIPS_ALG_KIND_AUTH name */
	KIPS_SA_A_AUTH_KEY,		/* binary */
	KIPS_SA_A_AEAD_ALG,		/* string: KIPS_ALG_KIND_AEAD name */
	KIPS_SA_A_AEAD_KEY,		/* binary: key then 4-byte salt */
	KIPS_SA_A_ICV_LEN,		/* u8: bytes; AEAD only, default largest */
	KIPS_SA_A_REPLAY_WINDOW,	/* u32: packets, 0..KIPS_REPLAY_WINDOW_MAX */
	KIPS_SA_A_FLAGS,		/* u32: enum kips_sa_flags */
	KIPS_SA_A_LIFETIME_SOFT,	/* nest: enum kips_lifetime_attrs */
	KIPS_SA_A_LIFETIME_HARD,	/* nest: enum kips_lifetime_attrs */
	KIPS_SA_A_ENCAP_SPORT,		/* u16: ESP in UDP (RFC 3948) source port */
	KIPS_SA_A_ENCAP_DPORT,		/* u16: ESP in UDP destination port */
	KIPS_SA_A_SELECTOR,		/* nest: enum kips_sel_attrs */
	KIPS_SA_A_SPI_MIN,		/* u32: ALLOC_SPI range */
	KIPS_SA_A_SPI_MAX,		/* u32 */
	KIPS_SA_A_STATE,		/* u8: enum kips_sa_state (output) */
	KIPS_SA_A_CURRENT,		/* nest: enum kips_lifetime_attrs (output) */
	KIPS_SA_A_STATS,		/* nest: enum kips_counter_attrs (output) */
	KIPS_SA_A_SEQ_OUT,		/* u64: last sequence number sent */
	KIPS_SA_A_SEQ_IN,		/* u64: highest sequence number received */
	KIPS_SA_A_EXPIRE,		/* u8: enum kips_expire (SA_EXPIRE event) */
	KIPS_SA_A_POLICY_INDEX,		/* u32 (ACQUIRE event) */
	KIPS_SA_A_REQ_FLAGS,		/* u32: enum kips_req_flags */

	__KIPS_SA_A_MAX
};
#define KIPS_SA_A_MAX (__KIPS_SA_A_MAX - 1)

/*
 * Lifetime limits (LIFETIME_SOFT/HARD; 0 or absent means no limit) and use
 * so far (CURRENT: ADD_SECONDS and USE_SECONDS are then the CLOCK_REALTIME
 * seconds at which the SA was added and first used, 0 if never).
 */
enum kips_lifetime_attrs {
	KIPS_LT_A_UNSPEC,
	KIPS_LT_A_PAD,
	KIPS_LT_A_BYTES,		/* u64 */
	KIPS_LT_A_PACKETS,		/* u64 */
	KIPS_LT_A_ADD_SECONDS,		/* u64: seconds since the SA was added */
	KIPS_LT_A_USE_SECONDS,		/* u64: seconds since its first use */

	__KIPS_LT_A_MAX
};
#define KIPS_LT_A_MAX (__KIPS_LT_A_MAX - 1)

/*
 * A traffic selector.  Addresses and prefix lengths both or neither (absent:
 * any address of the family of the other side, or of the SA/tunnel when
 * both are absent; the two sides must be of one family).  A port range
 * needs PROTO to be TCP, UDP, SCTP or UDPLITE; absent MIN/MAX mean the
 * whole range.  For ICMP and ICMPv6, SPORT carries the type and DPORT the
 * code, as in XFRM.
 *
 * The kernel keeps addresses masked to their prefix length (10.1.1.5/24
 * reads back as 10.1.1.0/24).  A policy selector with no address on either
 * side and no tunnel template to take a family from matches both families
 * and reads back without addresses.
 */
enum kips_sel_attrs {
	KIPS_SEL_A_UNSPEC,
	KIPS_SEL_A_SRC,			/* binary: 4 or 16 bytes */
	KIPS_SEL_A_SRC_PREFIXLEN,	/* u8 */
	KIPS_SEL_A_DST,			/* binary: 4 or 16 bytes */
	KIPS_SEL_A_DST_PREFIXLEN,	/* u8 */
	KIPS_SEL_A_PROTO,		/* u8: IP protocol, 0 = any */
	KIPS_SEL_A_SPORT_MIN,		/* u16 */
	KIPS_SEL_A_SPORT_MAX,		/* u16 */
	KIPS_SEL_A_DPORT_MIN,		/* u16 */
	KIPS_SEL_A_DPORT_MAX,		/* u16 */

	__KIPS_SEL_A_MAX
};
#define KIPS_SEL_A_MAX (__KIPS_SEL_A_MAX - 1)

enum kips_dir {
	KIPS_DIR_IN = 1,
	KIPS_DIR_OUT = 2,
	KIPS_DIR_FWD = 3,
};

enum kips_action {
	KIPS_ACTION_PROTECT = 1,
	KIPS_ACTION_BYPASS = 2,
	KIPS_ACTION_DISCARD = 3,
};

enum kips_policy_attrs {
	KIPS_POL_A_UNSPEC,
	KIPS_POL_A_PAD,
	KIPS_POL_A_INDEX,		/* u32: 1.., unique in the namespace */
	KIPS_POL_A_DIR,			/* u8: enum kips_dir */
	KIPS_POL_A_PRIORITY,		/* u32: lower is preferred */
	KIPS_POL_A_ACTION,		/* u8: enum kips_action */
	KIPS_POL_A_SELECTOR,		/* nest: enum kips_sel_attrs */
	KIPS_POL_A_TMPL,		/* nest, repeated: enum kips_tmpl_attrs */
	KIPS_POL_A_STATS,		/* nest: enum kips_counter_attrs (output) */

	__KIPS_POL_A_MAX
};
#define KIPS_POL_A_MAX (__KIPS_POL_A_MAX - 1)

/*
 * One transform a protect policy requires.  Tunnel mode needs SRC and DST
 * (the tunnel endpoints, which are the SA's addresses); transport mode takes
 * them from the packet.  SPI is optional: 0 or absent means any SA that
 * matches (dst, proto, mode, reqid).  MODE defaults to transport.
 */
enum kips_tmpl_attrs {
	KIPS_TMPL_A_UNSPEC,
	KIPS_TMPL_A_PROTO,		/* u8: IPPROTO_ESP or IPPROTO_AH */
	KIPS_TMPL_A_MODE,		/* u8: enum kips_mode */
	KIPS_TMPL_A_REQID,		/* u32 */
	KIPS_TMPL_A_SRC,		/* binary: 4 or 16 bytes */
	KIPS_TMPL_A_DST,		/* binary: 4 or 16 bytes */
	KIPS_TMPL_A_SPI,		/* u32 */

	__KIPS_TMPL_A_MAX
};
#define KIPS_TMPL_A_MAX (__KIPS_TMPL_A_MAX - 1)

/*
 * Counters, per SA (KIPS_SA_A_STATS), per policy (KIPS_POL_A_STATS: the
 * packet and byte counts of its direction) and per namespace
 * (KIPS_INFO_A_STATS).  All u64.  A reader ignores counters it does not
 * know; new ones are only ever appended.
 */
enum kips_counter_attrs {
	KIPS_CNT_A_UNSPEC,
	KIPS_CNT_A_PAD,
	KIPS_CNT_A_IN_PACKETS,		/* authenticated and accepted */
	KIPS_CNT_A_IN_BYTES,
	KIPS_CNT_A_OUT_PACKETS,		/* protected and sent */
	KIPS_CNT_A_OUT_BYTES,
	KIPS_CNT_A_DROP_REPLAY,		/* outside or already seen in the window */
	KIPS_CNT_A_DROP_AUTH,		/* integrity check failed */
	KIPS_CNT_A_DROP_PADDING,	/* bad padding or trailer */
	KIPS_CNT_A_DROP_NO_SA,		/* no SA for (dst, SPI, proto) */
	KIPS_CNT_A_DROP_POLICY,		/* policy mismatch or discard policy */
	KIPS_CNT_A_DROP_QUEUE,		/* ACQUIRE queue full or timed out */
	KIPS_CNT_A_DROP_SEQ_OVERFLOW,	/* sequence number space exhausted */
	KIPS_CNT_A_DROP_MALFORMED,	/* too short or unparsable */
	KIPS_CNT_A_DROP_EXPIRED,	/* SA past its hard limit */
	KIPS_CNT_A_DROP_NOMEM,		/* allocation or crypto setup failed */
	KIPS_CNT_A_ACQUIRES,		/* ACQUIRE events raised */

	__KIPS_CNT_A_MAX
};
#define KIPS_CNT_A_MAX (__KIPS_CNT_A_MAX - 1)

/*
 * The algorithm table, shared by kernel, kips and ikev1d: the names that
 * KIPS_SA_A_*_ALG carry, what kind of algorithm each is, the key lengths it
 * takes and the ICV lengths it allows.
 *
 * Key lengths are in bytes and include the 4-byte salt or nonce of the
 * counter-mode and AEAD suites (RFC 3686, 4106, 4543, 7634), as the key
 * attribute carries them; after the first, a 0 means "no more".  ICV lengths
 * are what the algorithm allows, largest first (the default); integrity
 * algorithms have exactly one; encryption algorithms none.
 */
enum kips_alg_kind {
	KIPS_ALG_KIND_ENC = 1,
	KIPS_ALG_KIND_AUTH = 2,
	KIPS_ALG_KIND_AEAD = 3,
};

enum kips_alg {
	KIPS_ALG_NULL_ENC,
	KIPS_ALG_AES_CBC,
	KIPS_ALG_AES_CTR,
	KIPS_ALG_DES3_CBC,
	KIPS_ALG_HMAC_MD5,
	KIPS_ALG_HMAC_SHA1,
	KIPS_ALG_HMAC_SHA256,
	KIPS_ALG_HMAC_SHA384,
	KIPS_ALG_HMAC_SHA512,
	KIPS_ALG_AES_XCBC,
	KIPS_ALG_AES_CMAC,
	KIPS_ALG_AES_GCM,
	KIPS_ALG_AES_GMAC,
	KIPS_ALG_CHACHA20_POLY1305,

	__KIPS_ALG_MAX
};

struct kips_alg_desc {
	const char *name;
	__u8 kind;		/* enum kips_alg_kind */
	__u8 key_len[3];	/* bytes */
	__u8 icv_len[3];	/* bytes */
};

static const struct kips_alg_desc kips_algs[__KIPS_ALG_MAX] = {
	[KIPS_ALG_NULL_ENC]	 = { "null", KIPS_ALG_KIND_ENC, { 0 }, { 0 } },
	[KIPS_ALG_AES_CBC]	 = { "aes-cbc", KIPS_ALG_KIND_ENC, { 16, 24, 32 }, { 0 } },
	[KIPS_ALG_AES_CTR]	 = { "aes-ctr", KIPS_ALG_KIND_ENC, { 20, 28, 36 }, { 0 } },
	[KIPS_ALG_DES3_CBC]	 = { "3des-cbc", KIPS_ALG_KIND_ENC, { 24 }, { 0 } },
	[KIPS_ALG_HMAC_MD5]	 = { "hmac-md5-96", KIPS_ALG_KIND_AUTH, { 16 }, { 12 } },
	[KIPS_ALG_HMAC_SHA1]	 = { "hmac-sha1-96", KIPS_ALG_KIND_AUTH, { 20 }, { 12 } },
	[KIPS_ALG_HMAC_SHA256]	 = { "hmac-sha256-128", KIPS_ALG_KIND_AUTH, { 32 }, { 16 } },
	[KIPS_ALG_HMAC_SHA384]	 = { "hmac-sha384-192", KIPS_ALG_KIND_AUTH, { 48 }, { 24 } },
	[KIPS_ALG_HMAC_SHA512]	 = { "hmac-sha512-256", KIPS_ALG_KIND_AUTH, { 64 }, { 32 } },
	[KIPS_ALG_AES_XCBC]	 = { "aes-xcbc-96", KIPS_ALG_KIND_AUTH, { 16 }, { 12 } },
	[KIPS_ALG_AES_CMAC]	 = { "aes-cmac-96", KIPS_ALG_KIND_AUTH, { 16 }, { 12 } },
	[KIPS_ALG_AES_GCM]	 = { "aes-gcm", KIPS_ALG_KIND_AEAD, { 20, 28, 36 }, { 16, 12, 8 } },
	[KIPS_ALG_AES_GMAC]	 = { "aes-gmac", KIPS_ALG_KIND_AEAD, { 20, 28, 36 }, { 16 } },
	[KIPS_ALG_CHACHA20_POLY1305] = { "chacha20-poly1305", KIPS_ALG_KIND_AEAD, { 36 }, { 16 } },
};

#endif /* _UAPI_LINUX_KIPS_H */
