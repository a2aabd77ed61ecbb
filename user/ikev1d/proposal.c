// SPDX-License-Identifier: GPL-2.0
/* Parsing proposals in strongSwan's syntax. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "isakmp.h"
#include "proposal.h"

#define PROP_STR_MAX 1024

static int fail(char *err, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int fail(char *err, size_t len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, len, fmt, ap);
	va_end(ap);
	return -1;
}

/* Cuts the next @sep-separated token off *@p (NULL when none is left). */
static char *token(char **p, char sep)
{
	char *t = *p, *end;

	if (!t)
		return NULL;
	end = strchr(t, sep);
	if (end) {
		*end = 0;
		*p = end + 1;
	} else {
		*p = NULL;
	}
	return t;
}

/* Copies @s without white space around commas, and without a final '!'. */
static int prepare(const char *s, char *buf, char *err, size_t errlen)
{
	size_t n = 0;

	for (; *s; s++) {
		if (*s == ' ' || *s == '\t')
			continue;
		if (*s == '!' && s[1] == 0)
			break;
		if (*s == '!')
			return fail(err, errlen, "'!' may only end the list");
		if (n + 1 >= PROP_STR_MAX)
			return fail(err, errlen, "proposal list too long");
		buf[n++] = *s;
	}
	buf[n] = 0;
	if (!n)
		return fail(err, errlen, "no proposal");
	return 0;
}

static int check_legacy(bool legacy, bool allow, const char *name,
			char *err, size_t errlen)
{
	if (legacy && !allow)
		return fail(err, errlen,
			    "'%s' is a legacy algorithm (allow-legacy = yes accepts it)",
			    name);
	return 0;
}

/* Appends @v to @list of *@n entries, refusing duplicates and overflow. */
#define ADD(list, n, v, name) do {					\
	size_t i_;							\
	for (i_ = 0; i_ < (n); i_++)					\
		if ((list)[i_] == (v))					\
			return fail(err, errlen, "'%s' is listed twice in '%s'", \
				    name, whole);			\
	if ((n) == PROP_MAX_ALGS)					\
		return fail(err, errlen, "too many algorithms in '%s'", whole); \
	(list)[(n)++] = (v);						\
} while (0)

static int parse_ike_one(char *s, bool allow_legacy, struct ike_proposal *p,
			 char *err, size_t errlen)
{
	const struct p1_hash_alg *prf[PROP_MAX_ALGS];
	char whole[PROP_STR_MAX];
	size_t nprf = 0, i, j;
	char *t;

	snprintf(whole, sizeof(whole), "%s", s);
	memset(p, 0, sizeof(*p));
	while ((t = token(&s, '-'))) {
		const struct p1_encr_alg *e;
		const struct p1_hash_alg *h;
		const struct esp_encr_alg *x;
		uint16_t g;

		if (!*t)
			return fail(err, errlen, "empty algorithm in '%s'", whole);
		if ((e = p1_encr_by_name(t))) {
			if (check_legacy(e->legacy, allow_legacy, t, err, errlen))
				return -1;
			ADD(p->encr, p->nencr, e, t);
		} else if ((h = p1_hash_by_name(t))) {
			if (check_legacy(h->legacy, allow_legacy, t, err, errlen))
				return -1;
			ADD(p->hash, p->nhash, h, t);
		} else if (!strncmp(t, "prf", 3) && (h = p1_hash_by_name(t + 3))) {
			ADD(prf, nprf, h, t);
		} else if ((g = group_by_name(t))) {
			if (check_legacy(group_is_legacy(g), allow_legacy, t, err,
					 errlen))
				return -1;
			ADD(p->group, p->ngroup, g, t);
		} else if ((x = esp_encr_by_name(t)) && x->aead) {
			return fail(err, errlen,
				    "'%s' is an AEAD cipher, which IKEv1 phase 1 does not have",
				    t);
		} else {
			return fail(err, errlen, "unknown algorithm '%s' in '%s'",
				    t, whole);
		}
	}
	if (!p->nencr)
		return fail(err, errlen, "'%s' has no encryption algorithm", whole);
	if (!p->nhash)
		return fail(err, errlen, "'%s' has no hash algorithm", whole);
	if (!p->ngroup)
		return fail(err, errlen, "'%s' has no Diffie-Hellman group", whole);
	/* IKEv1's PRF is the HMAC of the negotiated hash. */
	for (i = 0; i < nprf; i++) {
		for (j = 0; j < p->nhash && p->hash[j]->id != prf[i]->id; j++)
			;
		if (j == p->nhash)
			return fail(err, errlen,
				    "prf%s is not the HMAC of a hash of '%s' (IKEv1 has no other PRF)",
				    prf[i]->name, whole);
	}
	return 0;
}

int ike_proposals_parse(const char *s, bool allow_legacy,
			struct ike_proposals *out, char *err, size_t errlen)
{
	char buf[PROP_STR_MAX], *rest = buf, *t;

	out->n = 0;
	if (prepare(s, buf, err, errlen))
		return -1;
	while ((t = token(&rest, ','))) {
		if (!*t)
			return fail(err, errlen, "empty proposal in the list");
		if (out->n == PROP_MAX)
			return fail(err, errlen, "more than %d proposals", PROP_MAX);
		if (parse_ike_one(t, allow_legacy, &out->p[out->n], err, errlen))
			return -1;
		out->n++;
	}
	return 0;
}

static int parse_ipsec_one(char *s, uint8_t protocol, bool allow_legacy,
			   struct ipsec_proposal *p, char *err, size_t errlen)
{
	const char *proto = protocol == ISAKMP_PROTO_AH ? "AH" : "ESP";
	uint16_t groups[PROP_MAX_ALGS];
	size_t ngroups = 0, i, naead = 0;
	char whole[PROP_STR_MAX];
	char *t;

	snprintf(whole, sizeof(whole), "%s", s);
	memset(p, 0, sizeof(*p));
	p->protocol = protocol;
	while ((t = token(&s, '-'))) {
		const struct esp_encr_alg *e;
		const struct integ_alg *a;
		uint16_t g;

		if (!*t)
			return fail(err, errlen, "empty algorithm in '%s'", whole);
		if ((e = esp_encr_by_name(t))) {
			if (protocol == ISAKMP_PROTO_AH)
				return fail(err, errlen,
					    "AH does not encrypt: '%s' in '%s'", t,
					    whole);
			if (check_legacy(e->legacy, allow_legacy, t, err, errlen))
				return -1;
			ADD(p->encr, p->nencr, e, t);
		} else if ((a = integ_by_name(t))) {
			if (check_legacy(a->legacy, allow_legacy, t, err, errlen))
				return -1;
			ADD(p->integ, p->ninteg, a, t);
		} else if ((g = group_by_name(t))) {
			if (check_legacy(group_is_legacy(g), allow_legacy, t, err,
					 errlen))
				return -1;
			ADD(groups, ngroups, g, t);
		} else if (!strcmp(t, "esn")) {
			p->esn |= PROP_ESN_YES;
		} else if (!strcmp(t, "noesn")) {
			p->esn |= PROP_ESN_NO;
		} else {
			return fail(err, errlen, "unknown algorithm '%s' in '%s'",
				    t, whole);
		}
	}
	for (i = 0; i < p->nencr; i++)
		naead += p->encr[i]->aead;
	if (protocol == ISAKMP_PROTO_ESP && !p->nencr)
		return fail(err, errlen, "ESP proposal '%s' has no encryption algorithm",
			    whole);
	if (naead && naead != p->nencr)
		return fail(err, errlen,
			    "'%s' mixes AEAD and other ciphers: make them two proposals",
			    whole);
	if (naead && p->ninteg)
		return fail(err, errlen,
			    "'%s': an AEAD cipher takes no integrity algorithm", whole);
	if (!naead && !p->ninteg)
		return fail(err, errlen, "%s proposal '%s' has no integrity algorithm",
			    proto, whole);
	/* Quick mode carries one KE payload, so one group per proposal. */
	if (ngroups > 1)
		return fail(err, errlen,
			    "'%s' names %zu PFS groups; quick mode can offer one",
			    whole, ngroups);
	p->pfs_group = ngroups ? groups[0] : 0;
	return 0;
}

int ipsec_proposals_parse(const char *s, uint8_t protocol, bool allow_legacy,
			  struct ipsec_proposals *out, char *err,
			  size_t errlen)
{
	char buf[PROP_STR_MAX], *rest = buf, *t;

	out->n = 0;
	if (protocol != ISAKMP_PROTO_ESP && protocol != ISAKMP_PROTO_AH)
		return fail(err, errlen, "protocol %u is neither ESP nor AH", protocol);
	if (prepare(s, buf, err, errlen))
		return -1;
	while ((t = token(&rest, ','))) {
		if (!*t)
			return fail(err, errlen, "empty proposal in the list");
		if (out->n == PROP_MAX)
			return fail(err, errlen, "more than %d proposals", PROP_MAX);
		if (parse_ipsec_one(t, protocol, allow_legacy, &out->p[out->n],
				    err, errlen))
			return -1;
		if (out->n && out->p[out->n].pfs_group != out->p[0].pfs_group)
			return fail(err, errlen,
				    "proposals ask for different PFS groups; quick mode can offer one");
		out->n++;
	}
	return 0;
}

uint16_t ipsec_proposals_pfs(const struct ipsec_proposals *p)
{
	return p->n ? p->p[0].pfs_group : 0;
}
