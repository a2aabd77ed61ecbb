// SPDX-License-Identifier: GPL-2.0
#include <string.h>
#include <libmnl/libmnl.h>

#include "nl.h"
#include "sa.h"

static void put_key(struct nlmsghdr *nlh, const struct kips_sa *sa,
		    const struct kips_sa_key *k, uint16_t alg_type, uint16_t key_type)
{
	if (KIPS_HAS(sa, alg_type))
		mnl_attr_put_strz(nlh, alg_type, k->alg);
	if (KIPS_HAS(sa, key_type))
		mnl_attr_put(nlh, key_type, k->key_len, k->key);
}

static void put_addr(struct nlmsghdr *nlh, uint16_t type, const struct kips_addr *a)
{
	mnl_attr_put(nlh, type, kips_addr_len(a), a->bytes);
}

void kips_sa_put(struct nlmsghdr *nlh, const struct kips_sa *sa)
{
	if (KIPS_HAS(sa, KIPS_SA_A_SRC))
		put_addr(nlh, KIPS_SA_A_SRC, &sa->src);
	if (KIPS_HAS(sa, KIPS_SA_A_DST))
		put_addr(nlh, KIPS_SA_A_DST, &sa->dst);
	if (KIPS_HAS(sa, KIPS_SA_A_PROTO))
		mnl_attr_put_u8(nlh, KIPS_SA_A_PROTO, sa->proto);
	if (KIPS_HAS(sa, KIPS_SA_A_SPI))
		mnl_attr_put_u32(nlh, KIPS_SA_A_SPI, sa->spi);
	if (KIPS_HAS(sa, KIPS_SA_A_MODE))
		mnl_attr_put_u8(nlh, KIPS_SA_A_MODE, sa->mode);
	if (KIPS_HAS(sa, KIPS_SA_A_REQID))
		mnl_attr_put_u32(nlh, KIPS_SA_A_REQID, sa->reqid);
	put_key(nlh, sa, &sa->enc, KIPS_SA_A_ENC_ALG, KIPS_SA_A_ENC_KEY);
	put_key(nlh, sa, &sa->auth, KIPS_SA_A_AUTH_ALG, KIPS_SA_A_AUTH_KEY);
	put_key(nlh, sa, &sa->aead, KIPS_SA_A_AEAD_ALG, KIPS_SA_A_AEAD_KEY);
	if (KIPS_HAS(sa, KIPS_SA_A_ICV_LEN))
		mnl_attr_put_u8(nlh, KIPS_SA_A_ICV_LEN, sa->icv_len);
	if (KIPS_HAS(sa, KIPS_SA_A_REPLAY_WINDOW))
		mnl_attr_put_u32(nlh, KIPS_SA_A_REPLAY_WINDOW, sa->replay_window);
	if (KIPS_HAS(sa, KIPS_SA_A_FLAGS))
		mnl_attr_put_u32(nlh, KIPS_SA_A_FLAGS, sa->flags);
	if (KIPS_HAS(sa, KIPS_SA_A_LIFETIME_SOFT))
		kips_lifetime_put(nlh, KIPS_SA_A_LIFETIME_SOFT, &sa->soft);
	if (KIPS_HAS(sa, KIPS_SA_A_LIFETIME_HARD))
		kips_lifetime_put(nlh, KIPS_SA_A_LIFETIME_HARD, &sa->hard);
	if (KIPS_HAS(sa, KIPS_SA_A_ENCAP_SPORT))
		mnl_attr_put_u16(nlh, KIPS_SA_A_ENCAP_SPORT, sa->encap_sport);
	if (KIPS_HAS(sa, KIPS_SA_A_ENCAP_DPORT))
		mnl_attr_put_u16(nlh, KIPS_SA_A_ENCAP_DPORT, sa->encap_dport);
	if (KIPS_HAS(sa, KIPS_SA_A_SELECTOR))
		kips_sel_put(nlh, KIPS_SA_A_SELECTOR, &sa->sel);
	if (KIPS_HAS(sa, KIPS_SA_A_SPI_MIN))
		mnl_attr_put_u32(nlh, KIPS_SA_A_SPI_MIN, sa->spi_min);
	if (KIPS_HAS(sa, KIPS_SA_A_SPI_MAX))
		mnl_attr_put_u32(nlh, KIPS_SA_A_SPI_MAX, sa->spi_max);
	if (KIPS_HAS(sa, KIPS_SA_A_REQ_FLAGS))
		mnl_attr_put_u32(nlh, KIPS_SA_A_REQ_FLAGS, sa->req_flags);
}

/* Where each scalar attribute lands, and its size. */
struct scalar {
	void *field;
	enum mnl_attr_data_type type;
};

static bool get_scalar(const struct nlattr *a, const struct scalar *s)
{
	if (mnl_attr_validate(a, s->type) < 0)
		return false;
	switch (s->type) {
	case MNL_TYPE_U8:
		*(uint8_t *)s->field = mnl_attr_get_u8(a);
		break;
	case MNL_TYPE_U16:
		*(uint16_t *)s->field = mnl_attr_get_u16(a);
		break;
	case MNL_TYPE_U32:
		*(uint32_t *)s->field = mnl_attr_get_u32(a);
		break;
	case MNL_TYPE_U64:
		*(uint64_t *)s->field = mnl_attr_get_u64(a);
		break;
	default:
		return false;
	}
	return true;
}

static bool get_alg(const struct nlattr *a, char *alg)
{
	uint16_t len = mnl_attr_get_payload_len(a);

	if (mnl_attr_validate(a, MNL_TYPE_NUL_STRING) < 0 || len > KIPS_ALG_NAME_MAX)
		return false;
	memcpy(alg, mnl_attr_get_payload(a), len);
	alg[KIPS_ALG_NAME_MAX - 1] = 0;
	return true;
}

static bool get_key(const struct nlattr *a, struct kips_sa_key *k)
{
	uint16_t len = mnl_attr_get_payload_len(a);

	if (len > sizeof(k->key))
		return false;
	memcpy(k->key, mnl_attr_get_payload(a), len);
	k->key_len = len;
	return true;
}

bool kips_sa_parse(const struct nlmsghdr *nlh, struct kips_sa *sa)
{
	const struct nlattr *tb[KIPS_SA_A_MAX + 1] = { 0 };
	const struct scalar scalars[KIPS_SA_A_MAX + 1] = {
		[KIPS_SA_A_PROTO] = { &sa->proto, MNL_TYPE_U8 },
		[KIPS_SA_A_SPI] = { &sa->spi, MNL_TYPE_U32 },
		[KIPS_SA_A_MODE] = { &sa->mode, MNL_TYPE_U8 },
		[KIPS_SA_A_REQID] = { &sa->reqid, MNL_TYPE_U32 },
		[KIPS_SA_A_ICV_LEN] = { &sa->icv_len, MNL_TYPE_U8 },
		[KIPS_SA_A_REPLAY_WINDOW] = { &sa->replay_window, MNL_TYPE_U32 },
		[KIPS_SA_A_FLAGS] = { &sa->flags, MNL_TYPE_U32 },
		[KIPS_SA_A_ENCAP_SPORT] = { &sa->encap_sport, MNL_TYPE_U16 },
		[KIPS_SA_A_ENCAP_DPORT] = { &sa->encap_dport, MNL_TYPE_U16 },
		[KIPS_SA_A_SPI_MIN] = { &sa->spi_min, MNL_TYPE_U32 },
		[KIPS_SA_A_SPI_MAX] = { &sa->spi_max, MNL_TYPE_U32 },
		[KIPS_SA_A_STATE] = { &sa->state, MNL_TYPE_U8 },
		[KIPS_SA_A_SEQ_OUT] = { &sa->seq_out, MNL_TYPE_U64 },
		[KIPS_SA_A_SEQ_IN] = { &sa->seq_in, MNL_TYPE_U64 },
		[KIPS_SA_A_EXPIRE] = { &sa->expire, MNL_TYPE_U8 },
		[KIPS_SA_A_POLICY_INDEX] = { &sa->policy_index, MNL_TYPE_U32 },
		[KIPS_SA_A_REQ_FLAGS] = { &sa->req_flags, MNL_TYPE_U32 },
	};
	const struct nlattr *a;
	unsigned int t;
	bool ok;

	memset(sa, 0, sizeof(*sa));
	if (kips_nl_parse(nlh, tb, KIPS_SA_A_MAX) < 0)
		return false;
	for (t = 1; t <= KIPS_SA_A_MAX; t++) {
		a = tb[t];
		if (!a || t == KIPS_SA_A_PAD)
			continue;
		switch (t) {
		case KIPS_SA_A_SRC:
			ok = kips_addr_from_raw(&sa->src, mnl_attr_get_payload(a),
						mnl_attr_get_payload_len(a));
			break;
		case KIPS_SA_A_DST:
			ok = kips_addr_from_raw(&sa->dst, mnl_attr_get_payload(a),
						mnl_attr_get_payload_len(a));
			break;
		case KIPS_SA_A_ENC_ALG:
			ok = get_alg(a, sa->enc.alg);
			break;
		case KIPS_SA_A_AUTH_ALG:
			ok = get_alg(a, sa->auth.alg);
			break;
		case KIPS_SA_A_AEAD_ALG:
			ok = get_alg(a, sa->aead.alg);
			break;
		case KIPS_SA_A_ENC_KEY:
			ok = get_key(a, &sa->enc);
			break;
		case KIPS_SA_A_AUTH_KEY:
			ok = get_key(a, &sa->auth);
			break;
		case KIPS_SA_A_AEAD_KEY:
			ok = get_key(a, &sa->aead);
			break;
		case KIPS_SA_A_LIFETIME_SOFT:
			ok = kips_lifetime_parse(a, &sa->soft);
			break;
		case KIPS_SA_A_LIFETIME_HARD:
			ok = kips_lifetime_parse(a, &sa->hard);
			break;
		case KIPS_SA_A_CURRENT:
			ok = kips_lifetime_parse(a, &sa->current);
			break;
		case KIPS_SA_A_STATS:
			ok = kips_counters_parse(a, &sa->stats);
			break;
		case KIPS_SA_A_SELECTOR:
			ok = kips_sel_parse(a, &sa->sel);
			break;
		default:
			/* A newer attribute this program does not know. */
			if (!scalars[t].field)
				continue;
			ok = get_scalar(a, &scalars[t]);
		}
		if (!ok)
			return false;
		KIPS_SET(sa, t);
	}
	return true;
}

void kips_sa_wipe(struct kips_sa *sa)
{
	explicit_bzero(sa, sizeof(*sa));
}

const char *kips_mode_name(uint8_t mode)
{
	switch (mode) {
	case KIPS_MODE_TRANSPORT:
		return "transport";
	case KIPS_MODE_TUNNEL:
		return "tunnel";
	default:
		return NULL;
	}
}

const char *kips_sa_state_name(uint8_t state)
{
	switch (state) {
	case KIPS_SA_STATE_LARVAL:
		return "larval";
	case KIPS_SA_STATE_MATURE:
		return "mature";
	case KIPS_SA_STATE_DYING:
		return "dying";
	case KIPS_SA_STATE_DEAD:
		return "dead";
	default:
		return NULL;
	}
}

const char *kips_expire_name(uint8_t expire)
{
	switch (expire) {
	case KIPS_EXPIRE_SOFT:
		return "soft";
	case KIPS_EXPIRE_HARD:
		return "hard";
	default:
		return NULL;
	}
}
