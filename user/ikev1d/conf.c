// SPDX-License-Identifier: GPL-2.0
/*
 * Reading ikev1d.conf: the grammar,
 *
 *   file    := { setting | conn }
 *   conn    := "conn" NAME "{" { setting } "}"
 *   setting := KEY "=" VALUE { "," VALUE } ";"
 *
 * then, once the whole file (and the secrets file it names) is read, each
 * connection's values are checked and turned into struct conf_conn, so the
 * order of settings never matters.  Documentation/ikev1d.conf.5 is the
 * reference; keep it in step.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <openssl/crypto.h>

#include "cert.h"
#include "conf.h"
#include "conf_auth.h"
#include "conf_lex.h"
#include "conf_value.h"
#include "isakmp.h"
#include "secrets.h"

#define CONF_FILE_MAX	(1 << 20)
#define CONF_VALUES_MAX	16

/* The settings of a connection, in the order they are interpreted. */
enum conn_key {
	K_ALLOW_LEGACY,
	K_LOCAL,
	K_REMOTE,
	K_LOCAL_ID,
	K_REMOTE_ID,
	K_EXCHANGE,
	K_MODE,
	K_START,
	K_IKE,
	K_ESP,
	K_AH,
	K_PFS,
	K_IKE_LIFETIME,
	K_LIFETIME,
	K_LIFEBYTES,
	K_LOCAL_SUBNET,
	K_REMOTE_SUBNET,
	K_PSK,
	K_DPDDELAY,
	K_DPDTIMEOUT,
	K_DPDACTION,
	K_NAT_TRAVERSAL,
	K_NAT_KEEPALIVE,
	K_AUTHBY,
	K_LOCAL_CERT,
	K_LOCAL_KEY,
	K_REMOTE_CA,
	K_XAUTH,
	K_XAUTH_IDENTITY,
	K_MODECFG,
	K_LOCAL_SOURCEIP,
	K_SOURCEIP_DEVICE,
	K__COUNT
};

static const struct {
	const char *name;
	bool list;		/* takes several values */
} conn_keys[K__COUNT] = {
	[K_ALLOW_LEGACY] = { "allow-legacy", false },
	[K_LOCAL] = { "local", false },
	[K_REMOTE] = { "remote", false },
	[K_LOCAL_ID] = { "local-id", false },
	[K_REMOTE_ID] = { "remote-id", false },
	[K_EXCHANGE] = { "exchange", false },
	[K_MODE] = { "mode", false },
	[K_START] = { "start", false },
	[K_IKE] = { "ike", true },
	[K_ESP] = { "esp", true },
	[K_AH] = { "ah", true },
	[K_PFS] = { "pfs", false },
	[K_IKE_LIFETIME] = { "ike-lifetime", false },
	[K_LIFETIME] = { "lifetime", false },
	[K_LIFEBYTES] = { "lifebytes", false },
	[K_LOCAL_SUBNET] = { "local-subnet", true },
	[K_REMOTE_SUBNET] = { "remote-subnet", true },
	[K_PSK] = { "psk", false },
	[K_DPDDELAY] = { "dpddelay", false },
	[K_DPDTIMEOUT] = { "dpdtimeout", false },
	[K_DPDACTION] = { "dpdaction", false },
	[K_NAT_TRAVERSAL] = { "nat-traversal", false },
	[K_NAT_KEEPALIVE] = { "nat-keepalive", false },
	[K_AUTHBY] = { "authby", false },
	[K_LOCAL_CERT] = { "local-cert", false },
	[K_LOCAL_KEY] = { "local-key", false },
	[K_REMOTE_CA] = { "remote-ca", false },
	[K_XAUTH] = { "xauth", false },
	[K_XAUTH_IDENTITY] = { "xauth-identity", false },
	[K_MODECFG] = { "modecfg", false },
	[K_LOCAL_SOURCEIP] = { "local-sourceip", false },
	[K_SOURCEIP_DEVICE] = { "sourceip-device", false },
};

#define DEFAULT_IKE		"aes256-sha256-modp2048"
#define DEFAULT_ESP		"aes256gcm16,aes256-sha256"
#define DEFAULT_IKE_LIFETIME	(8 * 3600)
#define DEFAULT_LIFETIME	3600
#define DEFAULT_DPDTIMEOUT	150	/* strongSwan's */
#define DEFAULT_NAT_KEEPALIVE	20

/* A setting as written: its values joined by ','. */
struct raw {
	unsigned int line;	/* 0: not set */
	size_t nvalues;
	bool quoted;		/* the (single) value was a "string" */
	size_t len;
	char *text;
};

struct draft {
	unsigned int line;
	char name[CONF_NAME_MAX];
	struct raw raw[K__COUNT];
};

struct parser {
	struct conf_lexer lx;
	struct conf *c;
	struct conf_report *r;
	const char *file;
	char *dir;			/* of the file, for relative paths */
	struct raw secrets;
	struct raw ca_dir;		/* CAs for connections without remote-ca */
	size_t ndrafts;
	struct draft *drafts;
};

static void default_report(void *ctx, enum conf_severity sev, const char *file,
			   unsigned int line, const char *msg)
{
	(void)ctx;
	if (line)
		fprintf(stderr, "%s:%u: %s%s\n", file, line,
			sev == CONF_WARNING ? "warning: " : "", msg);
	else
		fprintf(stderr, "%s: %s%s\n", file,
			sev == CONF_WARNING ? "warning: " : "", msg);
}

void conf_reportf(struct conf_report *r, enum conf_severity sev,
		  const char *file, unsigned int line, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (r && r->fn)
		r->fn(r->ctx, sev, file, line, msg);
	else
		default_report(NULL, sev, file, line, msg);
	if (r) {
		if (sev == CONF_ERROR)
			r->errors++;
		else
			r->warnings++;
	}
}

#define ERR(p, line, ...) conf_reportf((p)->r, CONF_ERROR, (p)->file, line, __VA_ARGS__)
#define WARN(p, line, ...) conf_reportf((p)->r, CONF_WARNING, (p)->file, line, __VA_ARGS__)

const char *conf_intern(struct conf *c, const char *name)
{
	char **files = realloc(c->files, (c->nfiles + 1) * sizeof(*files));
	char *copy = strdup(name);

	if (!files || !copy) {
		free(copy);
		if (files)
			c->files = files;
		return "(out of memory)";
	}
	c->files = files;
	c->files[c->nfiles++] = copy;
	return copy;
}

static void raw_free(struct raw *raw)
{
	if (raw->text) {
		OPENSSL_cleanse(raw->text, raw->len);
		free(raw->text);
	}
	memset(raw, 0, sizeof(*raw));
}

/* Skips to the end of a broken setting: past ';', or up to '}' or EOF. */
static void recover(struct parser *p)
{
	struct conf_token t;

	for (;;) {
		const struct conf_token *n = conf_lex_peek(&p->lx);

		if (n->type == TOK_EOF || n->type == TOK_RBRACE)
			return;
		conf_lex_next(&p->lx, &t);
		if (t.type == TOK_SEMI)
			return;
	}
}

/* Reads "= VALUE {, VALUE} ;" after the key @key into @raw.  Returns false
 * (having reported and recovered) on a syntax error.
 */
static bool read_values(struct parser *p, const struct conf_token *key,
			bool list, struct raw *raw)
{
	struct conf_token t;
	unsigned int value_line = key->line;
	char *text = NULL;
	size_t len = 0, n = 0;
	bool quoted = false;

	conf_lex_next(&p->lx, &t);
	if (t.type != TOK_EQ) {
		ERR(p, t.line, "expected '=' after '%s', found %s", key->text,
		    conf_tok_name(t.type));
		goto fail;
	}
	for (;;) {
		char *grown;

		conf_lex_next(&p->lx, &t);
		if (t.type != TOK_WORD && t.type != TOK_STRING) {
			if (t.type != TOK_BAD)
				ERR(p, t.line, "expected a value for '%s', found %s",
				    key->text, conf_tok_name(t.type));
			goto fail;
		}
		if (++n > CONF_VALUES_MAX) {
			ERR(p, t.line, "more than %d values for '%s'",
			    CONF_VALUES_MAX, key->text);
			goto fail;
		}
		grown = malloc(len + t.len + 2);
		if (!grown) {
			ERR(p, t.line, "out of memory");
			goto fail;
		}
		if (text) {
			memcpy(grown, text, len);
			grown[len++] = ',';
			OPENSSL_cleanse(text, len);
			free(text);
		}
		memcpy(grown + len, t.text, t.len);
		len += t.len;
		grown[len] = 0;
		text = grown;
		quoted = t.type == TOK_STRING;
		OPENSSL_cleanse(t.text, t.len);

		value_line = t.line;
		conf_lex_next(&p->lx, &t);
		if (t.type == TOK_SEMI)
			break;
		/* A forgotten ';' at the end of a line: keep the value and
		 * read on from the next line as if it were there.
		 */
		if (t.line > value_line && t.type != TOK_COMMA) {
			ERR(p, value_line, "missing ';' after the value of '%s'",
			    key->text);
			conf_lex_unget(&p->lx, &t);
			break;
		}
		if (t.type != TOK_COMMA) {
			ERR(p, t.line, "expected ';' after the value of '%s', found %s",
			    key->text, conf_tok_name(t.type));
			goto fail;
		}
	}
	if (n > 1 && !list) {
		ERR(p, key->line, "'%s' takes one value", key->text);
		goto fail_parsed;
	}
	raw->line = key->line;
	raw->nvalues = n;
	raw->quoted = n == 1 && quoted;
	raw->len = len;
	raw->text = text;
	return true;
fail:
	if (t.type != TOK_SEMI)
		recover(p);
fail_parsed:
	if (text) {
		OPENSSL_cleanse(text, len);
		free(text);
	}
	return false;
}

static int conn_key_index(const char *name)
{
	int i;

	for (i = 0; i < K__COUNT; i++)
		if (!strcmp(conn_keys[i].name, name))
			return i;
	return -1;
}

static void read_conn(struct parser *p, const struct conf_token *conn)
{
	struct conf_token name, t;
	struct draft *d, *grown;
	size_t i;

	conf_lex_next(&p->lx, &name);
	if (name.type != TOK_WORD) {
		ERR(p, name.line, "expected a connection name after 'conn'");
		recover(p);
		return;
	}
	if (name.len >= CONF_NAME_MAX)
		ERR(p, name.line, "connection name longer than %d bytes",
		    CONF_NAME_MAX - 1);
	for (i = 0; i < p->ndrafts; i++)
		if (!strcmp(p->drafts[i].name, name.text))
			ERR(p, name.line, "connection '%s' is defined twice (first on line %u)",
			    name.text, p->drafts[i].line);
	conf_lex_next(&p->lx, &t);
	if (t.type != TOK_LBRACE) {
		ERR(p, t.line, "expected '{' after 'conn %s'", name.text);
		recover(p);
		return;
	}
	grown = realloc(p->drafts, (p->ndrafts + 1) * sizeof(*grown));
	if (!grown) {
		ERR(p, t.line, "out of memory");
		return;
	}
	p->drafts = grown;
	d = &p->drafts[p->ndrafts++];
	memset(d, 0, sizeof(*d));
	d->line = conn->line;
	/* Truncated if too long: the error above says so. */
	memcpy(d->name, name.text, strnlen(name.text, sizeof(d->name) - 1));

	for (;;) {
		struct raw raw;
		int k;

		conf_lex_next(&p->lx, &t);
		if (t.type == TOK_RBRACE)
			return;
		if (t.type == TOK_EOF) {
			ERR(p, t.line, "missing '}' at the end of conn %s (opened on line %u)",
			    d->name, d->line);
			return;
		}
		if (t.type != TOK_WORD) {
			if (t.type != TOK_BAD)
				ERR(p, t.line, "expected a setting in conn %s, found %s",
				    d->name, conf_tok_name(t.type));
			recover(p);
			continue;
		}
		k = conn_key_index(t.text);
		if (k < 0) {
			ERR(p, t.line, "unknown setting '%s' in conn %s", t.text,
			    d->name);
			recover(p);
			continue;
		}
		if (!read_values(p, &t, conn_keys[k].list, &raw))
			continue;
		if (d->raw[k].line) {
			ERR(p, t.line, "'%s' is set twice in conn %s (first on line %u)",
			    t.text, d->name, d->raw[k].line);
			raw_free(&raw);
			continue;
		}
		d->raw[k] = raw;
	}
}

static void read_file(struct parser *p)
{
	struct conf_token t;

	for (;;) {
		conf_lex_next(&p->lx, &t);
		if (t.type == TOK_EOF)
			return;
		if (t.type == TOK_WORD && !strcmp(t.text, "conn")) {
			read_conn(p, &t);
		} else if (t.type == TOK_WORD && (!strcmp(t.text, "secrets") ||
						    !strcmp(t.text, "ca-dir"))) {
			struct raw raw, *to = t.text[0] == 's' ? &p->secrets :
							       &p->ca_dir;

			if (!read_values(p, &t, false, &raw))
				continue;
			if (to->line) {
				ERR(p, t.line, "'%s' is set twice (first on line %u)",
				    t.text, to->line);
				raw_free(&raw);
				continue;
			}
			*to = raw;
		} else if (t.type == TOK_WORD) {
			ERR(p, t.line, "unknown global setting '%s' (connections are "
			    "'conn NAME { ... }')", t.text);
			recover(p);
		} else if (t.type != TOK_BAD) {
			ERR(p, t.line, "expected a setting or 'conn', found %s",
			    conf_tok_name(t.type));
			if (t.type != TOK_SEMI)
				recover(p);
		}
	}
}

/* --- interpreting one connection --- */

/* The value of an unset key is @def; returns the line to blame. */
static const char *value_or(const struct draft *d, enum conn_key k,
			    const char *def)
{
	return d->raw[k].line ? d->raw[k].text : def;
}

static unsigned int line_of(const struct draft *d, enum conn_key k)
{
	return d->raw[k].line ? d->raw[k].line : d->line;
}

/* "a, b, c" of a list setting, one at a time. */
static char *next_item(char **rest)
{
	char *s = *rest, *comma;

	if (!s)
		return NULL;
	comma = strchr(s, ',');
	if (comma) {
		*comma = 0;
		*rest = comma + 1;
	} else {
		*rest = NULL;
	}
	return s;
}

static void finish_selectors(struct parser *p, const struct draft *d,
			     enum conn_key k, const struct kips_addr *host,
			     struct conf_ts *ts, size_t *n)
{
	char *copy, *rest, *item;

	*n = 0;
	if (!d->raw[k].line) {
		/* By default, the host itself. */
		memset(&ts[0], 0, sizeof(ts[0]));
		if (host->family) {
			ts[0].net = *host;
			ts[0].net.prefixlen = kips_addr_bits(host);
		} else {
			ts[0].dynamic = true;
		}
		*n = 1;
		return;
	}
	copy = strdup(d->raw[k].text);
	rest = copy;
	while ((item = next_item(&rest))) {
		const char *why;

		if (*n == CONF_TS_MAX) {
			ERR(p, d->raw[k].line, "more than %d subnets in '%s'",
			    CONF_TS_MAX, conn_keys[k].name);
			break;
		}
		if (!strcmp(item, "%dynamic")) {
			memset(&ts[*n], 0, sizeof(ts[*n]));
			ts[(*n)++].dynamic = true;
			continue;
		}
		why = conf_parse_ts(item, &ts[*n]);
		if (why)
			ERR(p, d->raw[k].line, "%s: '%s' is %s", conn_keys[k].name,
			    item, why);
		else
			(*n)++;
	}
	free(copy);
}

/* Each selector must have a partner of its family on the other side. */
static void check_families(struct parser *p, const struct draft *d,
			   const struct conf_conn *cn)
{
	size_t i, j;

	for (i = 0; i < cn->nlocal_ts; i++) {
		const struct conf_ts *l = &cn->local_ts[i];
		int fam = l->dynamic ? cn->local.family : l->net.family;
		bool found = false;

		for (j = 0; j < cn->nremote_ts; j++) {
			const struct conf_ts *r = &cn->remote_ts[j];

			if (r->dynamic || !fam || r->net.family == fam)
				found = true;
		}
		if (!found)
			ERR(p, line_of(d, K_LOCAL_SUBNET),
			    "local-subnet %zu has no remote-subnet of its address family",
			    i + 1);
	}
}

/* In transport mode the traffic is the hosts' own. */
static void check_transport(struct parser *p, const struct draft *d,
			    const struct conf_conn *cn)
{
	size_t i;

	for (i = 0; i < cn->nlocal_ts; i++)
		if (!cn->local_ts[i].dynamic &&
		    (cn->local_ts[i].last.family ||
		     !kips_addr_equal(&cn->local_ts[i].net, &cn->local)))
			ERR(p, line_of(d, K_LOCAL_SUBNET),
			    "transport mode protects the host's own traffic: "
			    "local-subnet must be the local address");
	for (i = 0; i < cn->nremote_ts; i++)
		if (!cn->remote_ts[i].dynamic && cn->remote.family &&
		    (cn->remote_ts[i].last.family ||
		     !kips_addr_equal(&cn->remote_ts[i].net, &cn->remote)))
			ERR(p, line_of(d, K_REMOTE_SUBNET),
			    "transport mode protects the host's own traffic: "
			    "remote-subnet must be the remote address");
}

static void finish_proposals(struct parser *p, const struct draft *d,
			     struct conf_conn *cn)
{
	char err[256];
	uint16_t g;

	if (ike_proposals_parse(value_or(d, K_IKE, DEFAULT_IKE),
				cn->allow_legacy, &cn->ike, err, sizeof(err)))
		ERR(p, line_of(d, K_IKE), "ike: %s", err);
	if (d->raw[K_ESP].line && d->raw[K_AH].line)
		ERR(p, d->raw[K_AH].line,
		    "conn %s sets both 'esp' and 'ah': AH+ESP bundles are not supported",
		    d->name);
	cn->ipsec_protocol = d->raw[K_AH].line ? ISAKMP_PROTO_AH : ISAKMP_PROTO_ESP;
	if (cn->ipsec_protocol == ISAKMP_PROTO_AH) {
		if (ipsec_proposals_parse(d->raw[K_AH].text, ISAKMP_PROTO_AH,
					  cn->allow_legacy, &cn->ipsec, err,
					  sizeof(err)))
			ERR(p, line_of(d, K_AH), "ah: %s", err);
	} else if (ipsec_proposals_parse(value_or(d, K_ESP, DEFAULT_ESP),
					 ISAKMP_PROTO_ESP, cn->allow_legacy,
					 &cn->ipsec, err, sizeof(err))) {
		ERR(p, line_of(d, K_ESP), "esp: %s", err);
	}
	cn->pfs_group = ipsec_proposals_pfs(&cn->ipsec);
	if (!d->raw[K_PFS].line || !strcmp(d->raw[K_PFS].text, "no"))
		return;
	g = group_by_name(d->raw[K_PFS].text);
	if (!g) {
		ERR(p, d->raw[K_PFS].line, "pfs: '%s' is not a Diffie-Hellman group",
		    d->raw[K_PFS].text);
	} else if (group_is_legacy(g) && !cn->allow_legacy) {
		ERR(p, d->raw[K_PFS].line,
		    "pfs: '%s' is a legacy group (allow-legacy = yes accepts it)",
		    d->raw[K_PFS].text);
	} else if (cn->pfs_group && cn->pfs_group != g) {
		ERR(p, d->raw[K_PFS].line,
		    "pfs = %s contradicts the group in the proposals (%s)",
		    d->raw[K_PFS].text, group_name(cn->pfs_group));
	} else {
		size_t i;

		cn->pfs_group = g;
		for (i = 0; i < cn->ipsec.n; i++)
			cn->ipsec.p[i].pfs_group = g;
	}
}

/* One of @n words, or complain. */
static int choice(struct parser *p, const struct draft *d, enum conn_key k,
		  const char *def, const char *const *words, int n)
{
	const char *v = value_or(d, k, def);
	int i;

	for (i = 0; i < n; i++)
		if (!strcmp(v, words[i]))
			return i;
	ERR(p, line_of(d, k), "%s: '%s' is not one of %s%s%s%s%s", conn_keys[k].name,
	    v, words[0], n > 1 ? ", " : "", n > 1 ? words[1] : "",
	    n > 2 ? ", " : "", n > 2 ? words[2] : "");
	return 0;
}

static void finish_psk(struct parser *p, const struct draft *d,
		       struct conf_conn *cn)
{
	const struct conf_secret *s;
	const char *why;

	if (d->raw[K_PSK].line) {
		why = conf_parse_psk(d->raw[K_PSK].text, d->raw[K_PSK].len,
				     d->raw[K_PSK].quoted, cn->psk, &cn->psk_len);
		if (why)
			ERR(p, d->raw[K_PSK].line, "psk: %s", why);
		return;
	}
	s = conf_secret_for(p->c, cn->remote_id.type ? &cn->remote_id : NULL,
			    &cn->remote);
	if (!s) {
		ERR(p, d->line, "conn %s has no pre-shared key: set 'psk' or give "
		    "one for its peer in the secrets file", d->name);
		return;
	}
	memcpy(cn->psk, s->psk, s->psk_len);
	cn->psk_len = s->psk_len;
}

/* A path as written, relative to the configuration file's directory;
 * NULL if out of memory.  The caller frees it.
 */
static char *path_of(const struct parser *p, const char *path)
{
	char *full;

	if (path[0] == '/')
		return strdup(path);
	return asprintf(&full, "%s/%s", p->dir, path) < 0 ? NULL : full;
}

/* authby, and for rsasig the certificate, key and CAs, which are read
 * now so that ikev1d --check finds what is wrong with them.
 */
static void finish_auth(struct parser *p, const struct draft *d,
			struct conf_conn *cn)
{
	static const char *const methods[] = { "psk", "rsasig" };
	static const enum conn_key rsa_only[] = {
		K_LOCAL_CERT, K_LOCAL_KEY, K_REMOTE_CA,
	};
	struct conf_auth_paths paths = { 0 };
	struct conf_auth_report ar = { 0 };
	size_t i;

	cn->auth = choice(p, d, K_AUTHBY, "psk", methods, 2) ?
		   IKE_AUTH_RSA_SIG : IKE_AUTH_PSK;
	if (cn->auth == IKE_AUTH_PSK) {
		for (i = 0; i < sizeof(rsa_only) / sizeof(rsa_only[0]); i++)
			if (d->raw[rsa_only[i]].line)
				WARN(p, d->raw[rsa_only[i]].line,
				     "%s does nothing without authby = rsasig",
				     conn_keys[rsa_only[i]].name);
		return;
	}
	if (!d->raw[K_LOCAL_CERT].line || !d->raw[K_LOCAL_KEY].line) {
		ERR(p, line_of(d, K_AUTHBY), "authby = rsasig needs local-cert "
		    "and local-key (our certificate and its private key)");
		return;
	}
	if (!d->raw[K_REMOTE_CA].line && !p->ca_dir.line) {
		ERR(p, line_of(d, K_AUTHBY), "authby = rsasig needs remote-ca "
		    "(or a global ca-dir): the CAs that vouch for the peer");
		return;
	}
	paths.cert = path_of(p, d->raw[K_LOCAL_CERT].text);
	paths.key = path_of(p, d->raw[K_LOCAL_KEY].text);
	paths.ca = path_of(p, d->raw[K_REMOTE_CA].line ? d->raw[K_REMOTE_CA].text :
						       p->ca_dir.text);
	ar.cert_line = d->raw[K_LOCAL_CERT].line;
	ar.key_line = d->raw[K_LOCAL_KEY].line;
	ar.ca_line = d->raw[K_REMOTE_CA].line ? d->raw[K_REMOTE_CA].line :
						p->ca_dir.line;
	ar.local_id_line = d->raw[K_LOCAL_ID].line;
	ar.r = p->r;
	ar.file = p->file;
	if (!paths.cert || !paths.key || !paths.ca)
		ERR(p, d->line, "out of memory");
	else
		conf_auth_load(cn, &paths, &ar);
	/* Without remote-id, anyone the CAs vouch for is welcome. */
	if (!d->raw[K_REMOTE_ID].line)
		memset(&cn->remote_id, 0, sizeof(cn->remote_id));
	free(paths.cert);
	free(paths.key);
	free(paths.ca);
}

/* Dead Peer Detection: off unless dpddelay is set. */
static void finish_dpd(struct parser *p, const struct draft *d,
		       struct conf_conn *cn)
{
	static const char *const actions[] = { "clear", "hold", "restart" };
	const char *why;

	cn->dpd.timeout = DEFAULT_DPDTIMEOUT;
	cn->dpd.action = (enum conf_dpd_action)choice(p, d, K_DPDACTION, "clear",
						      actions, 3);
	if (d->raw[K_DPDDELAY].line && strcmp(d->raw[K_DPDDELAY].text, "0") &&
	    (why = conf_parse_duration(d->raw[K_DPDDELAY].text, &cn->dpd.delay)))
		ERR(p, d->raw[K_DPDDELAY].line, "dpddelay: %s", why);
	if (d->raw[K_DPDTIMEOUT].line && !strcmp(d->raw[K_DPDTIMEOUT].text, "0"))
		ERR(p, d->raw[K_DPDTIMEOUT].line,
		    "dpdtimeout: 0 s would find every peer dead at once");
	else if (d->raw[K_DPDTIMEOUT].line &&
		 (why = conf_parse_duration(d->raw[K_DPDTIMEOUT].text,
					    &cn->dpd.timeout)))
		ERR(p, d->raw[K_DPDTIMEOUT].line, "dpdtimeout: %s", why);
	/* (An unreadable dpddelay has had its error.) */
	if (!cn->dpd.delay && (!d->raw[K_DPDDELAY].line ||
			       !strcmp(d->raw[K_DPDDELAY].text, "0"))) {
		if (d->raw[K_DPDTIMEOUT].line)
			WARN(p, d->raw[K_DPDTIMEOUT].line,
			     "dpdtimeout does nothing without dpddelay");
		if (d->raw[K_DPDACTION].line)
			WARN(p, d->raw[K_DPDACTION].line,
			     "dpdaction does nothing without dpddelay");
		return;
	}
	if (!cn->dpd.delay)
		return;
	if (cn->dpd.timeout < cn->dpd.delay)
		WARN(p, line_of(d, K_DPDTIMEOUT),
		     "dpdtimeout (%u s) is shorter than dpddelay (%u s)",
		     cn->dpd.timeout, cn->dpd.delay);
	if (cn->dpd.action != CONF_DPD_CLEAR && d->raw[K_REMOTE].line &&
	    !cn->remote.family)
		ERR(p, line_of(d, K_DPDACTION),
		    "dpdaction = %s needs a remote address, not %%any",
		    actions[cn->dpd.action]);
}

/* NAT traversal: on unless switched off, keepalives every 20 s. */
static void finish_natt(struct parser *p, const struct draft *d,
			struct conf_conn *cn)
{
	static const char *const natts[] = { "yes", "no", "force" };
	const char *why;

	cn->nat_traversal = (enum conf_natt)choice(p, d, K_NAT_TRAVERSAL, "yes",
						   natts, 3);
	cn->nat_keepalive = DEFAULT_NAT_KEEPALIVE;
	if (d->raw[K_NAT_KEEPALIVE].line && !strcmp(d->raw[K_NAT_KEEPALIVE].text, "no"))
		cn->nat_keepalive = 0;
	else if (d->raw[K_NAT_KEEPALIVE].line &&
		 (why = conf_parse_duration(d->raw[K_NAT_KEEPALIVE].text,
				       &cn->nat_keepalive)))
		ERR(p, d->raw[K_NAT_KEEPALIVE].line, "nat-keepalive: %s", why);
}

/* Remote access as a client: XAUTH and mode config (remote_access.h). */
static void finish_remote_access(struct parser *p, const struct draft *d,
				 struct conf_conn *cn)
{
	static const char *const xauths[] = { "no", "client" };
	static const char *const modecfgs[] = { "no", "pull" };
	const struct raw *id = &d->raw[K_XAUTH_IDENTITY];
	const struct raw *sip = &d->raw[K_LOCAL_SOURCEIP];
	const struct raw *dev = &d->raw[K_SOURCEIP_DEVICE];

	if (d->raw[K_XAUTH].line && !strcmp(d->raw[K_XAUTH].text, "server"))
		ERR(p, d->raw[K_XAUTH].line,
		    "xauth = server: ikev1d is an XAUTH client only (not yet a server)");
	else
		cn->xauth = choice(p, d, K_XAUTH, "no", xauths, 2) == 1;
	if (d->raw[K_MODECFG].line && !strcmp(d->raw[K_MODECFG].text, "push"))
		ERR(p, d->raw[K_MODECFG].line,
		    "modecfg = push is not supported yet (pull is what strongSwan does)");
	else
		cn->modecfg = choice(p, d, K_MODECFG, "no", modecfgs, 2) == 1;
	if (sip->line && strcmp(sip->text, "%config"))
		ERR(p, sip->line, "local-sourceip: '%s' is not %%config (the only "
		    "value: ask the server for an address)", sip->text);
	else if (sip->line)
		cn->sourceip = cn->modecfg = true;

	if (cn->xauth && !id->line) {
		ERR(p, d->line, "conn %s: xauth = client needs xauth-identity "
		    "(the user name)", d->name);
	} else if (id->line && !cn->xauth) {
		WARN(p, id->line, "xauth-identity does nothing without xauth = client");
	} else if (id->line && (!id->len || id->len > CONF_XAUTH_NAME_MAX ||
				memchr(id->text, 0, id->len))) {
		ERR(p, id->line, "xauth-identity: a name of 1 to %d bytes",
		    CONF_XAUTH_NAME_MAX);
	} else if (id->line) {
		memcpy(cn->xauth_identity, id->text, id->len);
		cn->xauth_identity[id->len] = 0;
		if (!conf_xauth_secret(p->c, cn->xauth_identity))
			ERR(p, id->line, "no XAUTH password for '%s' in the secrets "
			    "file ('%s : XAUTH \"password\"')", cn->xauth_identity,
			    cn->xauth_identity);
	}

	snprintf(cn->sourceip_dev, sizeof(cn->sourceip_dev), "lo");
	if (dev->line && !cn->sourceip)
		WARN(p, dev->line, "sourceip-device does nothing without "
		     "local-sourceip = %%config");
	else if (dev->line && (!dev->len || dev->len >= CONF_IFNAME_MAX ||
			       strchr(dev->text, '/')))
		ERR(p, dev->line, "sourceip-device: '%s' is not an interface name",
		    dev->text);
	else if (dev->line)
		snprintf(cn->sourceip_dev, sizeof(cn->sourceip_dev), "%s", dev->text);

	if (!cn->xauth && !cn->modecfg)
		return;
	if (!d->raw[K_REMOTE].line || !cn->remote.family)
		ERR(p, line_of(d, K_REMOTE), "conn %s: remote access (xauth, "
		    "modecfg) needs the server's address, not %%any", d->name);
	if (cn->exchange == CONF_AGGRESSIVE && cn->xauth)
		WARN(p, line_of(d, K_EXCHANGE), "XAUTH with aggressive mode and "
		     "a group key: the server can be impersonated by anyone "
		     "with the key");
	if (cn->sourceip && d->raw[K_LOCAL_SUBNET].line)
		ERR(p, d->raw[K_LOCAL_SUBNET].line, "local-subnet and "
		    "local-sourceip = %%config: the assigned address is the "
		    "local selector");
	else if (cn->sourceip) {
		/* The address the server assigns, known once it has. */
		memset(&cn->local_ts[0], 0, sizeof(cn->local_ts[0]));
		cn->local_ts[0].dynamic = true;
		cn->nlocal_ts = 1;
	}
	if (cn->sourceip && cn->mode == KIPS_MODE_TRANSPORT)
		ERR(p, line_of(d, K_MODE), "local-sourceip = %%config needs "
		    "tunnel mode");
	if (cn->sourceip && cn->local.family != AF_INET)
		ERR(p, sip->line, "local-sourceip = %%config: only IPv4 "
		    "addresses are asked for yet");
}

static void finish_conn(struct parser *p, const struct draft *d,
			struct conf_conn *cn)
{
	static const char *const exchanges[] = { "main", "aggressive" };
	static const char *const modes[] = { "tunnel", "transport" };
	static const char *const starts[] = { "add", "start", "trap" };
	const char *why;

	memset(cn, 0, sizeof(*cn));
	snprintf(cn->name, sizeof(cn->name), "%s", d->name);
	cn->file = p->file;
	cn->line = d->line;

	if (d->raw[K_ALLOW_LEGACY].line &&
	    (why = conf_parse_bool(d->raw[K_ALLOW_LEGACY].text, &cn->allow_legacy)))
		ERR(p, d->raw[K_ALLOW_LEGACY].line, "allow-legacy: %s", why);

	if (!d->raw[K_LOCAL].line)
		ERR(p, d->line, "conn %s needs 'local' (its own address)", d->name);
	else if (!kips_addr_parse(d->raw[K_LOCAL].text, &cn->local))
		ERR(p, d->raw[K_LOCAL].line, "local: '%s' is not an IP address",
		    d->raw[K_LOCAL].text);
	if (!d->raw[K_REMOTE].line)
		ERR(p, d->line, "conn %s needs 'remote' (an address or %%any)",
		    d->name);
	else if (strcmp(d->raw[K_REMOTE].text, "%any") &&
		 !kips_addr_parse(d->raw[K_REMOTE].text, &cn->remote))
		ERR(p, d->raw[K_REMOTE].line,
		    "remote: '%s' is not an IP address or %%any",
		    d->raw[K_REMOTE].text);
	if (cn->local.family && cn->remote.family &&
	    cn->local.family != cn->remote.family)
		ERR(p, line_of(d, K_REMOTE),
		    "local and remote are of different address families");

	if (d->raw[K_LOCAL_ID].line) {
		why = conf_parse_id(d->raw[K_LOCAL_ID].text, &cn->local_id);
		if (why)
			ERR(p, d->raw[K_LOCAL_ID].line, "local-id: %s", why);
	} else if (cn->local.family) {
		conf_id_from_addr(&cn->local, &cn->local_id);
	}
	if (d->raw[K_REMOTE_ID].line) {
		why = conf_parse_id(d->raw[K_REMOTE_ID].text, &cn->remote_id);
		if (why)
			ERR(p, d->raw[K_REMOTE_ID].line, "remote-id: %s", why);
	} else if (cn->remote.family) {
		conf_id_from_addr(&cn->remote, &cn->remote_id);
	}

	cn->exchange = choice(p, d, K_EXCHANGE, "main", exchanges, 2) ?
		       CONF_AGGRESSIVE : CONF_MAIN;
	cn->mode = choice(p, d, K_MODE, "tunnel", modes, 2) ?
		   KIPS_MODE_TRANSPORT : KIPS_MODE_TUNNEL;
	switch (choice(p, d, K_START, "add", starts, 3)) {
	case 1:
		cn->auto_start = true;
		break;
	case 2:
		cn->trap = true;
		break;
	}
	if ((cn->auto_start || cn->trap) && d->raw[K_REMOTE].line &&
	    !cn->remote.family)
		ERR(p, line_of(d, K_START),
		    "start = %s needs a remote address, not %%any",
		    cn->trap ? "trap" : "start");

	finish_proposals(p, d, cn);
	if (cn->exchange == CONF_AGGRESSIVE && cn->ike.n &&
	    (cn->ike.n > 1 || cn->ike.p[0].ngroup > 1)) {
		size_t i, j;

		for (i = 0; i < cn->ike.n; i++)
			for (j = 0; j < cn->ike.p[i].ngroup; j++)
				if (cn->ike.p[i].group[j] != cn->ike.p[0].group[0]) {
					WARN(p, line_of(d, K_IKE),
					     "aggressive mode offers only the first group, %s",
					     group_name(cn->ike.p[0].group[0]));
					i = cn->ike.n;
					break;
				}
	}

	cn->ike_lifetime = DEFAULT_IKE_LIFETIME;
	cn->lifetime = DEFAULT_LIFETIME;
	if (d->raw[K_IKE_LIFETIME].line &&
	    (why = conf_parse_duration(d->raw[K_IKE_LIFETIME].text, &cn->ike_lifetime)))
		ERR(p, d->raw[K_IKE_LIFETIME].line, "ike-lifetime: %s", why);
	if (d->raw[K_LIFETIME].line &&
	    (why = conf_parse_duration(d->raw[K_LIFETIME].text, &cn->lifetime)))
		ERR(p, d->raw[K_LIFETIME].line, "lifetime: %s", why);
	if (d->raw[K_LIFEBYTES].line &&
	    (why = conf_parse_bytes(d->raw[K_LIFEBYTES].text, &cn->lifebytes)))
		ERR(p, d->raw[K_LIFEBYTES].line, "lifebytes: %s", why);

	finish_selectors(p, d, K_LOCAL_SUBNET, &cn->local, cn->local_ts,
			 &cn->nlocal_ts);
	finish_selectors(p, d, K_REMOTE_SUBNET, &cn->remote, cn->remote_ts,
			 &cn->nremote_ts);
	check_families(p, d, cn);
	if (cn->mode == KIPS_MODE_TRANSPORT)
		check_transport(p, d, cn);
	finish_dpd(p, d, cn);
	finish_remote_access(p, d, cn);

	finish_auth(p, d, cn);
	if (cn->auth == IKE_AUTH_PSK)
		finish_psk(p, d, cn);
	else if (d->raw[K_PSK].line)
		WARN(p, d->raw[K_PSK].line, "psk does nothing with authby = rsasig");
	if (cn->xauth && cn->auth != IKE_AUTH_PSK)
		ERR(p, line_of(d, K_XAUTH), "xauth = client with authby = rsasig "
		    "(XAUTHInitRSA) is not supported yet: only with a pre-shared key");
	finish_natt(p, d, cn);
}

static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir;

	if (!slash)
		return strdup(".");
	dir = strndup(path, slash - path);
	return dir;
}

static void load_secrets(struct parser *p)
{
	const char *path = p->secrets.text;
	char *full = NULL;

	if (!p->secrets.line)
		return;
	if (path[0] != '/' && asprintf(&full, "%s/%s", p->dir, path) < 0)
		full = NULL;
	if (path[0] != '/' && !full) {
		ERR(p, p->secrets.line, "out of memory");
		return;
	}
	p->c->secrets_path = strdup(full ? full : path);
	if (secrets_load(p->c->secrets_path, p->c, p->r) == -1)
		ERR(p, p->secrets.line, "secrets: cannot read %s: %s",
		    p->c->secrets_path, strerror(errno));
	free(full);
}

unsigned int conf_load_text(const char *name, const char *text, size_t len,
			    struct conf *c, struct conf_report *r)
{
	struct conf_report local = { 0 };
	unsigned int before;
	struct parser p;
	size_t i, k;

	if (!r)
		r = &local;
	before = r->errors;
	memset(c, 0, sizeof(*c));
	memset(&p, 0, sizeof(p));
	p.c = c;
	p.r = r;
	p.file = conf_intern(c, name);
	p.dir = dir_of(name);
	conf_lex_init(&p.lx, p.file, text, len, r);
	read_file(&p);
	conf_lex_wipe(&p.lx);
	load_secrets(&p);

	c->conns = calloc(p.ndrafts ? p.ndrafts : 1, sizeof(*c->conns));
	if (!c->conns) {
		ERR(&p, 1, "out of memory");
	} else {
		for (i = 0; i < p.ndrafts; i++)
			finish_conn(&p, &p.drafts[i], &c->conns[i]);
		c->nconns = p.ndrafts;
	}

	for (i = 0; i < p.ndrafts; i++)
		for (k = 0; k < K__COUNT; k++)
			raw_free(&p.drafts[i].raw[k]);
	free(p.drafts);
	raw_free(&p.secrets);
	raw_free(&p.ca_dir);
	free(p.dir);
	return r->errors - before;
}

unsigned int conf_load(const char *path, struct conf *c, struct conf_report *r)
{
	struct conf_report local = { 0 };
	unsigned int n;
	struct stat st;
	size_t len = 0;
	char *text;
	FILE *f;

	if (!r)
		r = &local;
	memset(c, 0, sizeof(*c));
	f = fopen(path, "r");
	if (!f) {
		conf_reportf(r, CONF_ERROR, path, 0, "cannot open: %s",
			     strerror(errno));
		return 1;
	}
	text = malloc(CONF_FILE_MAX);
	if (!text) {
		fclose(f);
		conf_reportf(r, CONF_ERROR, path, 0, "out of memory");
		return 1;
	}
	len = fread(text, 1, CONF_FILE_MAX, f);
	if (ferror(f) || len == CONF_FILE_MAX) {
		conf_reportf(r, CONF_ERROR, path, 0, ferror(f) ?
			     "read error" : "larger than 1 MiB");
		fclose(f);
		free(text);
		return 1;
	}
	/* Keys written inline should not be readable by everyone. */
	if (!fstat(fileno(f), &st) && st.st_mode & S_IROTH && memmem(text, len, "psk", 3))
		conf_reportf(r, CONF_WARNING, path, 0,
			     "the file may hold keys and is readable by everyone");
	fclose(f);
	n = conf_load_text(path, text, len, c, r);
	OPENSSL_cleanse(text, len);
	free(text);
	return n;
}

void conf_free(struct conf *c)
{
	size_t i;

	for (i = 0; c->conns && i < c->nconns; i++)
		cert_creds_free(c->conns[i].creds);
	if (c->conns)
		OPENSSL_cleanse(c->conns, c->nconns * sizeof(*c->conns));
	free(c->conns);
	if (c->secrets)
		OPENSSL_cleanse(c->secrets, c->nsecrets * sizeof(*c->secrets));
	free(c->secrets);
	for (i = 0; i < c->nfiles; i++)
		free(c->files[i]);
	free(c->files);
	free(c->secrets_path);
	memset(c, 0, sizeof(*c));
}

const struct conf_conn *conf_find(const struct conf *c, const char *name)
{
	size_t i;

	for (i = 0; i < c->nconns; i++)
		if (!strcmp(c->conns[i].name, name))
			return &c->conns[i];
	return NULL;
}

const struct conf_secret *conf_secret_for(const struct conf *c,
					  const struct conf_id *id,
					  const struct kips_addr *addr)
{
	const struct conf_secret *any = NULL;
	size_t i;

	if (id)
		for (i = 0; i < c->nsecrets; i++)
			if (!c->secrets[i].xauth &&
			    !c->secrets[i].addr.family && c->secrets[i].id.type &&
			    conf_id_equal(&c->secrets[i].id, id))
				return &c->secrets[i];
	for (i = 0; i < c->nsecrets; i++) {
		const struct conf_secret *s = &c->secrets[i];

		if (s->xauth)
			continue;
		if (addr && addr->family && s->addr.family &&
		    kips_addr_equal(&s->addr, addr))
			return s;
		if (!s->addr.family && !s->id.type)
			any = s;	/* %any */
	}
	return any;
}

const struct conf_secret *conf_xauth_secret(const struct conf *c,
					    const char *name)
{
	size_t n = strlen(name), i;

	for (i = 0; i < c->nsecrets; i++)
		if (c->secrets[i].xauth && c->secrets[i].id.len == n &&
		    !memcmp(c->secrets[i].id.data, name, n))
			return &c->secrets[i];
	return NULL;
}
