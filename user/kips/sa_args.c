// SPDX-License-Identifier: GPL-2.0
/*
 * `kips sa CMD ...` arguments into a struct kips_sa.  One table lists every
 * keyword, the commands it belongs to and its parser; the grammar printed
 * by `kips sa help` (sa.c) says the same in words.
 */
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>

#include "alg.h"
#include "args.h"
#include "kips.h"
#include "parse.h"

struct sa_parser {
	struct kips_args *a;
	struct kips_sa *sa;
	const char *kw;		/* the keyword being parsed */
};

static bool set_once(struct sa_parser *p, unsigned int attr)
{
	if (KIPS_HAS(p->sa, attr))
		return duparg(p->kw);
	KIPS_SET(p->sa, attr);
	return true;
}

static bool kw_src(struct sa_parser *p)
{
	return set_once(p, KIPS_SA_A_SRC) && arg_addr(p->a, p->kw, &p->sa->src);
}

static bool kw_dst(struct sa_parser *p)
{
	return set_once(p, KIPS_SA_A_DST) && arg_addr(p->a, p->kw, &p->sa->dst);
}

static bool kw_proto(struct sa_parser *p)
{
	return set_once(p, KIPS_SA_A_PROTO) && arg_xfrm_proto(p->a, p->kw, &p->sa->proto);
}

static bool kw_spi(struct sa_parser *p)
{
	return set_once(p, KIPS_SA_A_SPI) && arg_spi(p->a, p->kw, &p->sa->spi);
}

static bool kw_mode(struct sa_parser *p)
{
	return set_once(p, KIPS_SA_A_MODE) && arg_mode(p->a, p->kw, &p->sa->mode);
}

static bool kw_reqid(struct sa_parser *p)
{
	return set_once(p, KIPS_SA_A_REQID) && arg_u32(p->a, p->kw, NULL, &p->sa->reqid);
}

static bool kw_spi_min(struct sa_parser *p)
{
	return set_once(p, KIPS_SA_A_SPI_MIN) && arg_spi(p->a, p->kw, &p->sa->spi_min);
}

static bool kw_spi_max(struct sa_parser *p)
{
	return set_once(p, KIPS_SA_A_SPI_MAX) && arg_spi(p->a, p->kw, &p->sa->spi_max);
}

/* ALG KEY after enc, auth or aead.  The key may be left out only for an
 * algorithm that takes none (null).
 */
static bool alg_and_key(struct sa_parser *p, unsigned int kind,
			unsigned int alg_attr, unsigned int key_attr,
			struct kips_sa_key *k)
{
	const struct kips_alg_desc *alg;
	const char *name, *key;
	char known[256];

	if (!set_once(p, alg_attr))
		return false;
	name = args_value(p->a, p->kw, "ALG KEY");
	if (!name)
		return false;
	alg = kips_alg_find(name, kind);
	if (!alg) {
		kips_err("%s: unknown algorithm '%s' (known: %s)", p->kw, name,
			 kips_alg_names(kind, ", ", known, sizeof(known)));
		return false;
	}
	snprintf(k->alg, sizeof(k->alg), "%s", alg->name);
	KIPS_SET(p->sa, key_attr);
	key = args_peek(p->a);
	if (alg->key_len[0] == 0 && (!key || strncmp(key, "0x", 2))) {
		k->key_len = 0;
		return true;
	}
	key = args_value(p->a, p->kw, "KEY (0x followed by hex digits)");
	if (!key)
		return false;
	if (!kips_parse_hex(key, k->key, sizeof(k->key), &k->key_len)) {
		/* A would-be key is not echoed in full: it may be most of a
		 * secret.
		 */
		bool hexish = !strncmp(key, "0x", 2);

		kips_err("%s: expected a key as 0x followed by an even number of hex digits (at most %zu bytes), got '%.*s%s'",
			 p->kw, sizeof(k->key), hexish ? 6 : 64, key,
			 hexish && strlen(key) > 6 ? "..." : "");
		return false;
	}
	return true;
}

static bool kw_enc(struct sa_parser *p)
{
	return alg_and_key(p, KIPS_ALG_KIND_ENC, KIPS_SA_A_ENC_ALG,
			   KIPS_SA_A_ENC_KEY, &p->sa->enc);
}

static bool kw_auth(struct sa_parser *p)
{
	return alg_and_key(p, KIPS_ALG_KIND_AUTH, KIPS_SA_A_AUTH_ALG,
			   KIPS_SA_A_AUTH_KEY, &p->sa->auth);
}

static bool kw_aead(struct sa_parser *p)
{
	return alg_and_key(p, KIPS_ALG_KIND_AEAD, KIPS_SA_A_AEAD_ALG,
			   KIPS_SA_A_AEAD_KEY, &p->sa->aead);
}

static bool kw_icv(struct sa_parser *p)
{
	const char *v;

	if (!set_once(p, KIPS_SA_A_ICV_LEN))
		return false;
	v = args_value(p->a, p->kw, "BYTES");
	if (!v)
		return false;
	if (!kips_parse_u8(v, UINT8_MAX, &p->sa->icv_len))
		return invarg(p->kw, "a length in bytes 0..255 (8, 12 or 16 for aes-gcm)", v);
	return true;
}

static bool kw_replay_window(struct sa_parser *p)
{
	return set_once(p, KIPS_SA_A_REPLAY_WINDOW) &&
	       arg_u32(p->a, p->kw, "a number of packets 0..4096", &p->sa->replay_window);
}

static bool kw_esn(struct sa_parser *p)
{
	if (p->sa->flags & KIPS_SA_F_ESN)
		return duparg(p->kw);
	p->sa->flags |= KIPS_SA_F_ESN;
	KIPS_SET(p->sa, KIPS_SA_A_FLAGS);
	return true;
}

static bool encap_port(struct sa_parser *p, const char *kw, uint16_t *port)
{
	const char *v = args_value(p->a, kw, "PORT");

	if (!v)
		return false;
	if (!kips_parse_u16(v, UINT16_MAX, port))
		return invarg(kw, "a UDP port 0..65535", v);
	return true;
}

static bool kw_encap(struct sa_parser *p)
{
	const char *v;

	if (!set_once(p, KIPS_SA_A_ENCAP_SPORT))
		return false;
	KIPS_SET(p->sa, KIPS_SA_A_ENCAP_DPORT);
	v = args_value(p->a, p->kw, "udp SPORT DPORT");
	if (!v)
		return false;
	if (strcmp(v, "udp"))
		return invarg(p->kw, "udp (ESP in UDP, RFC 3948)", v);
	return encap_port(p, "encap udp SPORT", &p->sa->encap_sport) &&
	       encap_port(p, "encap udp DPORT", &p->sa->encap_dport);
}

static bool kw_sel(struct sa_parser *p)
{
	struct sel_parser sp = { .prefix = "sel", .sel = &p->sa->sel };
	int n = 0, r;

	if (!set_once(p, KIPS_SA_A_SELECTOR))
		return false;
	while ((r = sel_arg(p->a, &sp)) > 0)
		n++;
	if (r < 0)
		return false;
	if (n == 0) {
		kips_err("sel: missing SELECTOR (src PREFIX, dst PREFIX, proto PROTO, ...)%s%s%s",
			 args_peek(p->a) ? ", got '" : "",
			 args_peek(p->a) ? args_peek(p->a) : "",
			 args_peek(p->a) ? "'" : "");
		return false;
	}
	return sel_args_done(&sp);
}

/* soft|hard, then one or more limits. */
static bool kw_lifetime(struct sa_parser *p)
{
	static const struct {
		const char *word;
		unsigned int attr;
	} limits[] = {
		{ "bytes", KIPS_LT_A_BYTES },
		{ "packets", KIPS_LT_A_PACKETS },
		{ "time-add", KIPS_LT_A_ADD_SECONDS },
		{ "time-use", KIPS_LT_A_USE_SECONDS },
	};
	bool soft = !strcmp(p->kw, "soft");
	struct kips_lifetime *lt = soft ? &p->sa->soft : &p->sa->hard;
	const char *w;
	char kw[32];
	size_t i;
	int n = 0;

	KIPS_SET(p->sa, soft ? KIPS_SA_A_LIFETIME_SOFT : KIPS_SA_A_LIFETIME_HARD);
	while ((w = args_peek(p->a))) {
		uint64_t *field;

		for (i = 0; i < sizeof(limits) / sizeof(limits[0]); i++)
			if (!strcmp(w, limits[i].word))
				break;
		if (i == sizeof(limits) / sizeof(limits[0]))
			break;
		args_take(p->a);
		snprintf(kw, sizeof(kw), "%s %s", p->kw, w);
		if (KIPS_HAS(lt, limits[i].attr))
			return duparg(kw);
		KIPS_SET(lt, limits[i].attr);
		switch (limits[i].attr) {
		case KIPS_LT_A_BYTES:
			field = &lt->bytes;
			break;
		case KIPS_LT_A_PACKETS:
			field = &lt->packets;
			break;
		case KIPS_LT_A_ADD_SECONDS:
			field = &lt->add_seconds;
			break;
		default:
			field = &lt->use_seconds;
		}
		if (!arg_u64(p->a, kw, field))
			return false;
		n++;
	}
	if (n == 0) {
		if (w)
			return invarg(p->kw, "bytes, packets, time-add or time-use", w);
		kips_err("%s: missing { bytes N | packets N | time-add SECONDS | time-use SECONDS }", p->kw);
		return false;
	}
	return true;
}

static bool kw_keys(struct sa_parser *p)
{
	if (p->sa->req_flags & KIPS_REQ_F_KEYS)
		return duparg(p->kw);
	p->sa->req_flags |= KIPS_REQ_F_KEYS;
	KIPS_SET(p->sa, KIPS_SA_A_REQ_FLAGS);
	return true;
}

#define SA_CMD_NEW (SA_CMD_ADD | SA_CMD_SET)
#define SA_CMD_ID (SA_CMD_GET | SA_CMD_DEL)

static const struct {
	const char *word;
	unsigned int cmds;
	bool (*parse)(struct sa_parser *p);
} sa_keywords[] = {
	{ "src", SA_CMD_NEW | SA_CMD_ALLOCSPI | SA_CMD_SHOW, kw_src },
	{ "dst", SA_CMD_NEW | SA_CMD_ID | SA_CMD_ALLOCSPI | SA_CMD_SHOW, kw_dst },
	{ "proto", SA_CMD_NEW | SA_CMD_ID | SA_CMD_ALLOCSPI | SA_CMD_SHOW | SA_CMD_FLUSH, kw_proto },
	{ "spi", SA_CMD_NEW | SA_CMD_ID | SA_CMD_SHOW, kw_spi },
	{ "mode", SA_CMD_NEW | SA_CMD_SHOW, kw_mode },
	{ "reqid", SA_CMD_NEW | SA_CMD_ALLOCSPI | SA_CMD_SHOW, kw_reqid },
	{ "enc", SA_CMD_NEW, kw_enc },
	{ "auth", SA_CMD_NEW, kw_auth },
	{ "aead", SA_CMD_NEW, kw_aead },
	{ "icv", SA_CMD_NEW, kw_icv },
	{ "replay-window", SA_CMD_NEW, kw_replay_window },
	{ "esn", SA_CMD_NEW, kw_esn },
	{ "encap", SA_CMD_NEW, kw_encap },
	{ "sel", SA_CMD_NEW, kw_sel },
	{ "soft", SA_CMD_NEW, kw_lifetime },
	{ "hard", SA_CMD_NEW, kw_lifetime },
	{ "min", SA_CMD_ALLOCSPI, kw_spi_min },
	{ "max", SA_CMD_ALLOCSPI, kw_spi_max },
	{ "keys", SA_CMD_GET | SA_CMD_SHOW, kw_keys },
};

static const struct {
	unsigned int cmds;
	unsigned int attr;
	const char *grammar;
} sa_required[] = {
	/* set: a complete SA is found by dst, proto and spi alone. */
	{ SA_CMD_ADD | SA_CMD_ALLOCSPI, KIPS_SA_A_SRC, "src ADDR" },
	{ SA_CMD_NEW | SA_CMD_ID | SA_CMD_ALLOCSPI, KIPS_SA_A_DST, "dst ADDR" },
	{ SA_CMD_NEW | SA_CMD_ID | SA_CMD_ALLOCSPI, KIPS_SA_A_PROTO, "proto { esp | ah }" },
	{ SA_CMD_NEW | SA_CMD_ID, KIPS_SA_A_SPI, "spi SPI" },
};

bool sa_args_parse(struct kips_args *a, enum sa_cmd cmd, const char *cmd_name,
		   struct kips_sa *sa)
{
	struct sa_parser p = { .a = a, .sa = sa };
	const char *w;
	size_t i;

	while ((w = args_peek(a))) {
		for (i = 0; i < sizeof(sa_keywords) / sizeof(sa_keywords[0]); i++)
			if (!strcmp(w, sa_keywords[i].word))
				break;
		if (i == sizeof(sa_keywords) / sizeof(sa_keywords[0]))
			return unknownarg(cmd_name, w);
		if (!(sa_keywords[i].cmds & cmd)) {
			kips_err("%s: '%s' does not apply here (see 'kips sa help')", cmd_name, w);
			return false;
		}
		p.kw = args_take(a);
		if (!sa_keywords[i].parse(&p))
			return false;
	}
	for (i = 0; i < sizeof(sa_required) / sizeof(sa_required[0]); i++)
		if ((sa_required[i].cmds & cmd) && !KIPS_HAS(sa, sa_required[i].attr))
			return missarg(cmd_name, sa_required[i].grammar);
	return true;
}
