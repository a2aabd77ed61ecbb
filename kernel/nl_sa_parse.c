// SPDX-License-Identifier: GPL-2.0
/*
 * SA requests: the attribute policies of the SA commands, and the checks
 * that span attributes (kips_sa_req_parse() is the one precheck of an SA).
 * Nothing here changes state; keys are only pointed at, never copied.
 */
#include <crypto/algapi.h>
#include <linux/ktime.h>

#include "nl_sa.h"
#include "nl_sel.h"

static int validate_key(const struct nlattr *nla, struct netlink_ext_ack *extack)
{
	if (nla_len(nla) <= KIPS_KEY_MAX)
		return 0;
	NL_SET_ERR_MSG_ATTR(extack, nla, "key longer than 64 bytes (KIPS_KEY_MAX)");
	return -EINVAL;
}

static const struct nla_policy kips_lt_policy[KIPS_LT_A_MAX + 1] = {
	[KIPS_LT_A_BYTES] = { .type = NLA_U64 },
	[KIPS_LT_A_PACKETS] = { .type = NLA_U64 },
	[KIPS_LT_A_ADD_SECONDS] = { .type = NLA_U64 },
	[KIPS_LT_A_USE_SECONDS] = { .type = NLA_U64 },
};

#define ALG_NAME { .type = NLA_NUL_STRING, .len = KIPS_ALG_NAME_MAX - 1 }
#define ADDR NLA_POLICY_VALIDATE_FN(NLA_BINARY, kips_validate_addr)
/* Checked by the handlers (see netlink.h) for their messages. */
#define PROTO { .type = NLA_U8 }
#define SPI { .type = NLA_U32 }
#define KEY NLA_POLICY_VALIDATE_FN(NLA_BINARY, validate_key)
#define PORT { .type = NLA_U16 }

/* SA_NEW and SA_SET carry the same attributes. */
const struct nla_policy kips_sa_add_policy[KIPS_SA_A_MAX + 1] = {
	[KIPS_SA_A_SRC] = ADDR,
	[KIPS_SA_A_DST] = ADDR,
	[KIPS_SA_A_PROTO] = PROTO,
	[KIPS_SA_A_SPI] = SPI,
	[KIPS_SA_A_MODE] = NLA_POLICY_RANGE(NLA_U8, KIPS_MODE_TRANSPORT,
					    KIPS_MODE_TUNNEL),
	[KIPS_SA_A_REQID] = { .type = NLA_U32 },
	[KIPS_SA_A_ENC_ALG] = ALG_NAME,
	[KIPS_SA_A_ENC_KEY] = KEY,
	[KIPS_SA_A_AUTH_ALG] = ALG_NAME,
	[KIPS_SA_A_AUTH_KEY] = KEY,
	[KIPS_SA_A_AEAD_ALG] = ALG_NAME,
	[KIPS_SA_A_AEAD_KEY] = KEY,
	[KIPS_SA_A_ICV_LEN] = { .type = NLA_U8 },
	[KIPS_SA_A_REPLAY_WINDOW] = NLA_POLICY_MAX(NLA_U32, KIPS_REPLAY_WINDOW_MAX),
	[KIPS_SA_A_FLAGS] = { .type = NLA_U32 },
	[KIPS_SA_A_LIFETIME_SOFT] = NLA_POLICY_NESTED(kips_lt_policy),
	[KIPS_SA_A_LIFETIME_HARD] = NLA_POLICY_NESTED(kips_lt_policy),
	[KIPS_SA_A_ENCAP_SPORT] = PORT,
	[KIPS_SA_A_ENCAP_DPORT] = PORT,
	[KIPS_SA_A_SELECTOR] = NLA_POLICY_NESTED(kips_sel_policy),
	[KIPS_SA_A_SEQ_OUT] = { .type = NLA_U64 },
	[KIPS_SA_A_SEQ_IN] = { .type = NLA_U64 },
};

/* SA_DEL: the identity only. */
const struct nla_policy kips_sa_id_policy[KIPS_SA_A_MAX + 1] = {
	[KIPS_SA_A_DST] = ADDR,
	[KIPS_SA_A_PROTO] = PROTO,
	[KIPS_SA_A_SPI] = SPI,
};

/* SA_GET: the identity (doit) or a protocol filter (dump), and flags. */
const struct nla_policy kips_sa_get_policy[KIPS_SA_A_MAX + 1] = {
	[KIPS_SA_A_DST] = ADDR,
	[KIPS_SA_A_PROTO] = PROTO,
	[KIPS_SA_A_SPI] = SPI,
	[KIPS_SA_A_REQ_FLAGS] = { .type = NLA_U32 },
};

const struct nla_policy kips_sa_flush_policy[KIPS_SA_A_MAX + 1] = {
	[KIPS_SA_A_PROTO] = PROTO,
};

const struct nla_policy kips_sa_alloc_spi_policy[KIPS_SA_A_MAX + 1] = {
	[KIPS_SA_A_SRC] = ADDR,
	[KIPS_SA_A_DST] = ADDR,
	[KIPS_SA_A_PROTO] = PROTO,
	[KIPS_SA_A_REQID] = { .type = NLA_U32 },
	[KIPS_SA_A_SPI_MIN] = SPI,
	[KIPS_SA_A_SPI_MAX] = SPI,
};

int kips_sa_req_id(struct genl_info *info, struct kips_sa_id *id)
{
	union kips_addr daddr;
	u8 family;

	if (!KIPS_REQUIRE(info, KIPS_SA_A_DST, "SA needs its destination address") ||
	    !KIPS_REQUIRE(info, KIPS_SA_A_SPI, "SA needs its SPI") ||
	    !KIPS_REQUIRE(info, KIPS_SA_A_PROTO, "SA needs its protocol (esp or ah)"))
		return -EINVAL;
	if (kips_check_spi(info->attrs[KIPS_SA_A_SPI], info->extack) ||
	    kips_check_proto(info->attrs[KIPS_SA_A_PROTO], info->extack))
		return -EINVAL;
	family = kips_nla_get_addr(info->attrs[KIPS_SA_A_DST], &daddr);
	memset(id, 0, sizeof(*id));
	id->daddr = daddr;
	id->family = family;
	id->spi = htonl(nla_get_u32(info->attrs[KIPS_SA_A_SPI]));
	id->proto = nla_get_u8(info->attrs[KIPS_SA_A_PROTO]);
	return 0;
}

/* The source address, which must be of the destination's family. */
static int parse_src(struct genl_info *info, u8 family, union kips_addr *saddr)
{
	if (!KIPS_REQUIRE(info, KIPS_SA_A_SRC, "SA needs a source address"))
		return -EINVAL;
	if (kips_nla_get_addr(info->attrs[KIPS_SA_A_SRC], saddr) != family) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[KIPS_SA_A_SRC],
				    "address families differ");
		return -EINVAL;
	}
	return 0;
}

/* An algorithm name of @kind: its index, or -1 if absent. */
static int parse_alg(struct genl_info *info, int type, u8 kind, int *alg)
{
	struct nlattr *nla = info->attrs[type];
	static const char * const wrong_kind[] = {
		[KIPS_ALG_KIND_ENC] = "not an encryption algorithm (an AEAD goes in KIPS_SA_A_AEAD_ALG, integrity in KIPS_SA_A_AUTH_ALG)",
		[KIPS_ALG_KIND_AUTH] = "not an integrity algorithm (an AEAD goes in KIPS_SA_A_AEAD_ALG)",
		[KIPS_ALG_KIND_AEAD] = "not an AEAD algorithm (use KIPS_SA_A_ENC_ALG and KIPS_SA_A_AUTH_ALG)",
	};

	*alg = -1;
	if (!nla)
		return 0;
	*alg = kips_alg_find(nla_data(nla));
	if (*alg < 0) {
		NL_SET_ERR_MSG_ATTR(info->extack, nla,
				    "unknown algorithm (see kips_algs[] in linux/kips.h)");
		return -EINVAL;
	}
	if (kips_alg_kind(*alg) != kind) {
		kips_set_err(info->extack, nla, wrong_kind[kind]);
		return -EINVAL;
	}
	return 0;
}

/* A key for @alg (absent: empty), its length checked. */
static int parse_key(struct genl_info *info, int type, int alg, const u8 **key,
		     unsigned int *len, const struct nlattr **key_nla)
{
	struct nlattr *nla = info->attrs[type];

	*key_nla = nla;
	*key = nla ? nla_data(nla) : NULL;
	*len = nla ? nla_len(nla) : 0;
	if (alg < 0) {
		if (!nla)
			return 0;
		NL_SET_ERR_MSG_ATTR(info->extack, nla, "key without its algorithm");
		return -EINVAL;
	}
	if (!kips_alg_key_ok(alg, *len, info->extack,
			     nla ?: info->attrs[type - 1]))
		return -EINVAL;
	return 0;
}

static_assert(KIPS_SA_A_ENC_KEY - KIPS_SA_A_ENC_ALG == 1);
static_assert(KIPS_SA_A_AUTH_KEY - KIPS_SA_A_AUTH_ALG == 1);
static_assert(KIPS_SA_A_AEAD_KEY - KIPS_SA_A_AEAD_ALG == 1);

/* Which algorithms a protocol takes: the rules of the UAPI header. */
static int check_alg_combination(struct genl_info *info, struct kips_alg_cfg *a)
{
	struct netlink_ext_ack *extack = info->extack;

	if (a->proto == IPPROTO_AH) {
		if (a->enc >= 0) {
			NL_SET_ERR_MSG_ATTR(extack, a->enc_nla,
					    "AH takes an integrity algorithm only");
			return -EINVAL;
		}
		/* GMAC is an AEAD with nothing to encrypt (RFC 4543 5). */
		if (a->aead >= 0) {
			if (a->aead != KIPS_ALG_AES_GMAC || a->auth >= 0) {
				NL_SET_ERR_MSG_ATTR(extack, a->aead_nla,
						    "AH takes one integrity algorithm: aes-gmac is the only AEAD it takes");
				return -EINVAL;
			}
			return 0;
		}
		if (a->auth < 0) {
			NL_SET_ERR_MSG(extack, "AH needs an integrity algorithm");
			NL_SET_ERR_ATTR_MISS(extack, NULL, KIPS_SA_A_AUTH_ALG);
			return -EINVAL;
		}
		return 0;
	}
	if (a->aead >= 0) {
		if (a->enc >= 0 || a->auth >= 0) {
			NL_SET_ERR_MSG_ATTR(extack, a->aead_nla,
					    "an AEAD algorithm excludes separate encryption and integrity algorithms");
			return -EINVAL;
		}
		return 0;
	}
	if (a->enc < 0) {
		NL_SET_ERR_MSG(extack, "ESP needs an encryption or an AEAD algorithm (null encryption for integrity only)");
		NL_SET_ERR_ATTR_MISS(extack, NULL, KIPS_SA_A_ENC_ALG);
		return -EINVAL;
	}
	if (a->auth < 0) {
		NL_SET_ERR_MSG(extack, "ESP without an AEAD needs an integrity algorithm");
		NL_SET_ERR_ATTR_MISS(extack, NULL, KIPS_SA_A_AUTH_ALG);
		return -EINVAL;
	}
	return 0;
}

static int parse_algs(struct genl_info *info, struct kips_alg_cfg *a)
{
	struct nlattr *icv = info->attrs[KIPS_SA_A_ICV_LEN];
	int err;

	a->enc_nla = info->attrs[KIPS_SA_A_ENC_ALG];
	a->auth_nla = info->attrs[KIPS_SA_A_AUTH_ALG];
	a->aead_nla = info->attrs[KIPS_SA_A_AEAD_ALG];
	err = parse_alg(info, KIPS_SA_A_ENC_ALG, KIPS_ALG_KIND_ENC, &a->enc) ?:
	      parse_alg(info, KIPS_SA_A_AUTH_ALG, KIPS_ALG_KIND_AUTH, &a->auth) ?:
	      parse_alg(info, KIPS_SA_A_AEAD_ALG, KIPS_ALG_KIND_AEAD, &a->aead) ?:
	      check_alg_combination(info, a) ?:
	      parse_key(info, KIPS_SA_A_ENC_KEY, a->enc, &a->enc_key,
			&a->enc_key_len, &a->enc_key_nla) ?:
	      parse_key(info, KIPS_SA_A_AUTH_KEY, a->auth, &a->auth_key,
			&a->auth_key_len, &a->auth_key_nla) ?:
	      parse_key(info, KIPS_SA_A_AEAD_KEY, a->aead, &a->aead_key,
			&a->aead_key_len, &a->aead_key_nla);
	if (err)
		return err;
	if (a->aead < 0) {
		if (icv) {
			NL_SET_ERR_MSG_ATTR(info->extack, icv,
					    "ICV length applies to AEAD algorithms only");
			return -EINVAL;
		}
		a->icv_len = kips_alg_icv_default(a->auth);
		return 0;
	}
	a->icv_len = icv ? nla_get_u8(icv) : kips_alg_icv_default(a->aead);
	return kips_alg_icv_ok(a->aead, a->icv_len, info->extack, icv) ? 0 : -EINVAL;
}

static void parse_lifetime(const struct nlattr *nest, struct kips_lifetime *lt)
{
	struct nlattr *tb[KIPS_LT_A_MAX + 1];

	memset(lt, 0, sizeof(*lt));
	if (!nest)
		return;
	/* Validated with the request: this cannot fail. */
	if (nla_parse_nested(tb, KIPS_LT_A_MAX, nest, kips_lt_policy, NULL))
		return;
	if (tb[KIPS_LT_A_BYTES])
		lt->bytes = nla_get_u64(tb[KIPS_LT_A_BYTES]);
	if (tb[KIPS_LT_A_PACKETS])
		lt->packets = nla_get_u64(tb[KIPS_LT_A_PACKETS]);
	if (tb[KIPS_LT_A_ADD_SECONDS])
		lt->add_seconds = nla_get_u64(tb[KIPS_LT_A_ADD_SECONDS]);
	if (tb[KIPS_LT_A_USE_SECONDS])
		lt->use_seconds = nla_get_u64(tb[KIPS_LT_A_USE_SECONDS]);
}

static bool above(u64 soft, u64 hard)
{
	return soft && hard && soft > hard;
}

/* Soft limits must not lie beyond the hard ones; 0 is no limit. */
static int check_lifetimes(struct genl_info *info, const struct kips_lifetime *soft,
			   const struct kips_lifetime *hard)
{
	struct nlattr *nla = info->attrs[KIPS_SA_A_LIFETIME_SOFT] ?:
			     info->attrs[KIPS_SA_A_LIFETIME_HARD];

	if (above(soft->bytes, hard->bytes))
		NL_SET_ERR_MSG_ATTR(info->extack, nla,
				    "soft byte limit above the hard limit");
	else if (above(soft->packets, hard->packets))
		NL_SET_ERR_MSG_ATTR(info->extack, nla,
				    "soft packet limit above the hard limit");
	else if (above(soft->add_seconds, hard->add_seconds))
		NL_SET_ERR_MSG_ATTR(info->extack, nla,
				    "soft time limit (since add) above the hard limit");
	else if (above(soft->use_seconds, hard->use_seconds))
		NL_SET_ERR_MSG_ATTR(info->extack, nla,
				    "soft time limit (since first use) above the hard limit");
	else
		return 0;
	return -EINVAL;
}

/* Both ports or neither, and only for ESP. */
static int parse_encap(struct genl_info *info, u8 proto, u32 *encap)
{
	struct nlattr *sport = info->attrs[KIPS_SA_A_ENCAP_SPORT];
	struct nlattr *dport = info->attrs[KIPS_SA_A_ENCAP_DPORT];

	if (!sport && !dport)
		return 0;
	if (!sport || !dport) {
		NL_SET_ERR_MSG_ATTR(info->extack, sport ?: dport,
				    "UDP encapsulation needs both ports");
		return -EINVAL;
	}
	if (proto != IPPROTO_ESP) {
		NL_SET_ERR_MSG_ATTR(info->extack, sport,
				    "UDP encapsulation is for ESP only");
		return -EINVAL;
	}
	if (!nla_get_u16(sport) || !nla_get_u16(dport)) {
		NL_SET_ERR_MSG_ATTR(info->extack, nla_get_u16(sport) ? dport : sport,
				    "UDP encapsulation port 0 is invalid");
		return -EINVAL;
	}
	*encap = (u32)nla_get_u16(sport) << 16 | nla_get_u16(dport);
	return 0;
}

static int parse_flags(struct genl_info *info, struct kips_sa_req *req)
{
	struct nlattr *nla = info->attrs[KIPS_SA_A_FLAGS];
	u32 flags = nla ? nla_get_u32(nla) : 0;

	if (flags & ~__KIPS_SA_F_ALL) {
		NL_SET_ERR_MSG_ATTR(info->extack, nla, "unknown SA flag bits");
		return -EOPNOTSUPP;
	}
	req->esn = flags & KIPS_SA_F_ESN;
	if (req->esn && !req->replay_window) {
		NL_SET_ERR_MSG_ATTR(info->extack, nla,
				    "ESN needs a replay window (it infers the high sequence number bits)");
		return -EINVAL;
	}
	return 0;
}

/* Starting sequence numbers: 32 bits unless the SA has ESN. */
static int parse_seq(struct genl_info *info, struct kips_sa_req *req)
{
	static const int types[] = { KIPS_SA_A_SEQ_OUT, KIPS_SA_A_SEQ_IN };
	u64 *vals[] = { &req->seq_out, &req->seq_in };
	int i;

	for (i = 0; i < ARRAY_SIZE(types); i++) {
		struct nlattr *nla = info->attrs[types[i]];

		if (!nla)
			continue;
		*vals[i] = nla_get_u64(nla);
		if (!req->esn && *vals[i] > U32_MAX) {
			NL_SET_ERR_MSG_ATTR(info->extack, nla,
					    "a sequence number above 2^32 - 1 needs ESN");
			return -EINVAL;
		}
	}
	return 0;
}

static int parse_selector(struct genl_info *info, struct kips_sa_req *req)
{
	struct nlattr *nla = info->attrs[KIPS_SA_A_SELECTOR];
	int err;

	if (!nla)
		return 0;
	err = kips_nl_sel_parse(nla, req->id.family, &req->sel, info->extack);
	if (err)
		return err;
	if (req->mode == KIPS_MODE_TRANSPORT && req->sel.family != req->id.family) {
		NL_SET_ERR_MSG_ATTR(info->extack, nla,
				    "a transport mode SA's selector must be of the SA's address family");
		return -EINVAL;
	}
	req->has_sel = true;
	return 0;
}

int kips_sa_req_parse(struct genl_info *info, struct kips_sa_req *req)
{
	struct nlattr **attrs = info->attrs;
	int err;

	memset(req, 0, sizeof(*req));
	err = kips_sa_req_id(info, &req->id) ?:
	      parse_src(info, req->id.family, &req->saddr);
	if (err)
		return err;
	req->mode = attrs[KIPS_SA_A_MODE] ? nla_get_u8(attrs[KIPS_SA_A_MODE]) :
		    KIPS_MODE_TRANSPORT;
	if (attrs[KIPS_SA_A_REQID])
		req->reqid = nla_get_u32(attrs[KIPS_SA_A_REQID]);
	if (attrs[KIPS_SA_A_REPLAY_WINDOW])
		req->replay_window = nla_get_u32(attrs[KIPS_SA_A_REPLAY_WINDOW]);
	req->alg.proto = req->id.proto;
	err = parse_algs(info, &req->alg) ?: parse_flags(info, req) ?:
	      parse_seq(info, req);
	if (err)
		return err;
	req->alg.esn = req->esn;
	parse_lifetime(attrs[KIPS_SA_A_LIFETIME_SOFT], &req->soft);
	parse_lifetime(attrs[KIPS_SA_A_LIFETIME_HARD], &req->hard);
	return check_lifetimes(info, &req->soft, &req->hard) ?:
	       parse_encap(info, req->id.proto, &req->encap) ?:
	       parse_selector(info, req);
}

/* An attribute SA_SET may not change differs from the SA. */
static int immutable(struct genl_info *info, int type)
{
	NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[type],
			    "only the lifetimes and encapsulation ports of a complete SA can change");
	return -EINVAL;
}

static bool alg_differs(struct nlattr *nla, int alg)
{
	return nla && (alg < 0 || strcmp(nla_data(nla), kips_alg_name(alg)));
}

/* Keys are secrets: compared in constant time. */
static bool key_differs(struct nlattr *nla, const u8 *key, unsigned int len)
{
	return nla && (nla_len(nla) != len || crypto_memneq(nla_data(nla), key, len));
}

static int check_unchanged(struct genl_info *info, struct kips_sa *sa)
{
	struct nlattr **attrs = info->attrs;
	/* A complete SA always has its key blob, if empty. */
	const struct kips_sa_keys *k = sa->keys;
	const u8 *enc = k->data, *auth = enc + k->enc_len;
	const u8 *aead = auth + k->auth_len;
	struct kips_selector sel;
	union kips_addr saddr;
	int err;

	if (attrs[KIPS_SA_A_SRC] &&
	    (kips_nla_get_addr(attrs[KIPS_SA_A_SRC], &saddr) != sa->id.family ||
	     !kips_addr_equal(&saddr, &sa->saddr)))
		return immutable(info, KIPS_SA_A_SRC);
	if (attrs[KIPS_SA_A_MODE] && nla_get_u8(attrs[KIPS_SA_A_MODE]) != sa->mode)
		return immutable(info, KIPS_SA_A_MODE);
	if (attrs[KIPS_SA_A_REQID] && nla_get_u32(attrs[KIPS_SA_A_REQID]) != sa->reqid)
		return immutable(info, KIPS_SA_A_REQID);
	if (alg_differs(attrs[KIPS_SA_A_ENC_ALG], sa->enc_alg))
		return immutable(info, KIPS_SA_A_ENC_ALG);
	if (alg_differs(attrs[KIPS_SA_A_AUTH_ALG], sa->auth_alg))
		return immutable(info, KIPS_SA_A_AUTH_ALG);
	if (alg_differs(attrs[KIPS_SA_A_AEAD_ALG], sa->aead_alg))
		return immutable(info, KIPS_SA_A_AEAD_ALG);
	if (key_differs(attrs[KIPS_SA_A_ENC_KEY], enc, k->enc_len))
		return immutable(info, KIPS_SA_A_ENC_KEY);
	if (key_differs(attrs[KIPS_SA_A_AUTH_KEY], auth, k->auth_len))
		return immutable(info, KIPS_SA_A_AUTH_KEY);
	if (key_differs(attrs[KIPS_SA_A_AEAD_KEY], aead, k->aead_len))
		return immutable(info, KIPS_SA_A_AEAD_KEY);
	if (attrs[KIPS_SA_A_ICV_LEN] &&
	    nla_get_u8(attrs[KIPS_SA_A_ICV_LEN]) != sa->crypto.icv_len)
		return immutable(info, KIPS_SA_A_ICV_LEN);
	if (attrs[KIPS_SA_A_REPLAY_WINDOW] &&
	    nla_get_u32(attrs[KIPS_SA_A_REPLAY_WINDOW]) != sa->replay.window)
		return immutable(info, KIPS_SA_A_REPLAY_WINDOW);
	if (attrs[KIPS_SA_A_FLAGS] &&
	    nla_get_u32(attrs[KIPS_SA_A_FLAGS]) != (sa->esn ? KIPS_SA_F_ESN : 0))
		return immutable(info, KIPS_SA_A_FLAGS);
	if (attrs[KIPS_SA_A_SELECTOR]) {
		err = kips_nl_sel_parse(attrs[KIPS_SA_A_SELECTOR], sa->id.family,
					&sel, info->extack);
		if (err)
			return err;
		if (!sa->has_sel || !kips_sel_equal(&sel, &sa->sel))
			return immutable(info, KIPS_SA_A_SELECTOR);
	}
	return 0;
}

int kips_sa_req_update(struct genl_info *info, struct kips_sa *sa,
		       struct kips_sa_req *req)
{
	struct nlattr **attrs = info->attrs;
	int err;

	err = check_unchanged(info, sa);
	if (err)
		return err;
	req->soft = sa->soft;
	req->hard = sa->hard;
	req->encap = READ_ONCE(sa->encap);
	/* A nest replaces all four limits it covers. */
	if (attrs[KIPS_SA_A_LIFETIME_SOFT])
		parse_lifetime(attrs[KIPS_SA_A_LIFETIME_SOFT], &req->soft);
	if (attrs[KIPS_SA_A_LIFETIME_HARD])
		parse_lifetime(attrs[KIPS_SA_A_LIFETIME_HARD], &req->hard);
	return check_lifetimes(info, &req->soft, &req->hard) ?:
	       parse_encap(info, sa->id.proto, &req->encap);
}

void kips_sa_req_wipe(struct genl_info *info)
{
	struct nlattr *nla;
	int rem;

	/* Every instance, not only the one the parser kept. */
	nlmsg_for_each_attr(nla, info->nlhdr, GENL_HDRLEN, rem) {
		int type = nla_type(nla);

		if (type == KIPS_SA_A_ENC_KEY || type == KIPS_SA_A_AUTH_KEY ||
		    type == KIPS_SA_A_AEAD_KEY)
			memzero_explicit(nla_data(nla), nla_len(nla));
	}
}

static struct kips_sa_keys *copy_keys(const struct kips_alg_cfg *a)
{
	unsigned int len = a->enc_key_len + a->auth_key_len + a->aead_key_len;
	struct kips_sa_keys *k;

	k = kmalloc(struct_size(k, data, len), GFP_KERNEL_ACCOUNT);
	if (!k)
		return NULL;
	k->enc_len = a->enc_key_len;
	k->auth_len = a->auth_key_len;
	k->aead_len = a->aead_key_len;
	if (a->enc_key_len)
		memcpy(k->data, a->enc_key, a->enc_key_len);
	if (a->auth_key_len)
		memcpy(k->data + k->enc_len, a->auth_key, a->auth_key_len);
	if (a->aead_key_len)
		memcpy(k->data + k->enc_len + k->auth_len, a->aead_key,
		       a->aead_key_len);
	return k;
}

struct kips_sa *kips_sa_build(struct kips_sad *sad, const struct kips_sa_req *req,
			      struct netlink_ext_ack *extack)
{
	struct kips_sa *sa;
	int err;

	sa = kips_sa_alloc(sad, req->replay_window);
	if (!sa)
		return ERR_PTR(-ENOMEM);
	sa->id = req->id;
	sa->saddr = req->saddr;
	sa->reqid = req->reqid;
	sa->mode = req->mode;
	sa->esn = req->esn;
	sa->encap = req->encap;
	if (req->encap)
		WRITE_ONCE(sad->encap_seen, true);
	sa->has_sel = req->has_sel;
	sa->sel = req->sel;
	atomic64_set(&sa->seq_out, req->seq_out);
	sa->replay.top = req->seq_in;
	sa->soft = req->soft;
	sa->hard = req->hard;
	sa->enc_alg = req->alg.enc;
	sa->auth_alg = req->alg.auth;
	sa->aead_alg = req->alg.aead;
	sa->add_time = max_t(u64, ktime_get_boottime_seconds(), 1);
	sa->add_real = ktime_get_real_seconds();
	err = -ENOMEM;
	sa->keys = copy_keys(&req->alg);
	if (!sa->keys)
		goto err;
	err = kips_crypto_init(&sa->crypto, &req->alg, extack);
	if (err)
		goto err;
	sa->state = KIPS_SA_STATE_MATURE;
	return sa;
err:
	/* Frees the keys (kfree_sensitive) and whatever crypto exists. */
	kips_sa_put(sa);
	return ERR_PTR(err);
}
