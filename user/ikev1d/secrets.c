// SPDX-License-Identifier: GPL-2.0
/* Reading the secrets file. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <openssl/crypto.h>

#include "conf_lex.h"
#include "conf_value.h"
#include "secrets.h"

#define SECRETS_FILE_MAX	(1 << 20)
#define TOKENS_MAX		20	/* selectors, ":", "PSK", the secret */

/* Same selector as an earlier secret? */
static const struct conf_secret *find_same(const struct conf *c,
					   const struct conf_secret *s)
{
	size_t i;

	for (i = 0; i < c->nsecrets; i++) {
		const struct conf_secret *o = &c->secrets[i];

		if (o->xauth != s->xauth || o->addr.family != s->addr.family)
			continue;
		if (s->addr.family ? kips_addr_equal(&o->addr, &s->addr) :
				     conf_id_equal(&o->id, &s->id))
			return o;
	}
	return NULL;
}

/* Turns the tokens of one line, "SELECTOR... : PSK SECRET" or
 * "NAME... : XAUTH SECRET", into secrets.
 */
static void read_entry(struct conf *c, struct conf_report *r, const char *file,
		       struct conf_token *tok, size_t n)
{
	uint8_t psk[CONF_PSK_MAX];
	size_t nsel = 0, psk_len = 0, i;
	const char *why;
	bool xauth;

	while (nsel < n && tok[nsel].type == TOK_WORD)
		nsel++;
	if (!nsel || nsel == n || tok[nsel].type != TOK_COLON) {
		conf_reportf(r, CONF_ERROR, file, tok[0].line,
			     "expected 'SELECTOR... : PSK SECRET' on one line");
		return;
	}
	if (nsel + 1 == n || tok[nsel + 1].type != TOK_WORD ||
	    (strcmp(tok[nsel + 1].text, "PSK") &&
	     strcmp(tok[nsel + 1].text, "XAUTH"))) {
		conf_reportf(r, CONF_ERROR, file, tok[0].line,
			     "only PSK and XAUTH secrets are supported");
		return;
	}
	xauth = !strcmp(tok[nsel + 1].text, "XAUTH");
	if (nsel + 3 != n) {
		conf_reportf(r, CONF_ERROR, file, tok[0].line, nsel + 2 == n ?
			     "the secret is missing after %s" :
			     "one secret per line, after %s", tok[nsel + 1].text);
		return;
	}
	why = tok[n - 1].type == TOK_WORD || tok[n - 1].type == TOK_STRING ?
	      conf_parse_psk(tok[n - 1].text, tok[n - 1].len,
			     tok[n - 1].type == TOK_STRING, psk, &psk_len) :
	      "a key is a \"quoted string\" or 0x and hex digits";
	if (why) {
		conf_reportf(r, CONF_ERROR, file, tok[0].line, "%s", why);
		return;
	}
	for (i = 0; i < nsel; i++) {
		struct conf_secret sec = { .xauth = xauth }, *grown;

		if (xauth) {
			/* A user name, taken as written. */
			if (tok[i].len > CONF_XAUTH_NAME_MAX) {
				conf_reportf(r, CONF_ERROR, file, tok[i].line,
					     "an XAUTH user name has at most %d bytes",
					     CONF_XAUTH_NAME_MAX);
				continue;
			}
			sec.id.len = tok[i].len;
			memcpy(sec.id.data, tok[i].text, tok[i].len);
		} else if (!strcmp(tok[i].text, "%any")) {
			/* Neither address nor identity: the fallback. */
		} else if (!kips_addr_parse(tok[i].text, &sec.addr) &&
			   (why = conf_parse_id(tok[i].text, &sec.id))) {
			conf_reportf(r, CONF_ERROR, file, tok[i].line, "'%s': %s",
				     tok[i].text, why);
			continue;
		}
		if (find_same(c, &sec)) {
			conf_reportf(r, CONF_ERROR, file, tok[i].line,
				     "a secret for '%s' is given twice",
				     tok[i].text);
			continue;
		}
		grown = realloc(c->secrets, (c->nsecrets + 1) * sizeof(*grown));
		if (!grown) {
			conf_reportf(r, CONF_ERROR, file, tok[i].line,
				     "out of memory");
			break;
		}
		c->secrets = grown;
		memcpy(sec.psk, psk, psk_len);
		sec.psk_len = psk_len;
		c->secrets[c->nsecrets++] = sec;
		OPENSSL_cleanse(&sec, sizeof(sec));
	}
	OPENSSL_cleanse(psk, sizeof(psk));
}

void secrets_load_text(const char *name, const char *text, size_t len,
		       struct conf *c, struct conf_report *r)
{
	const char *file = conf_intern(c, name);
	struct conf_token *tok = malloc(TOKENS_MAX * sizeof(*tok));
	struct conf_lexer lx;

	if (!tok) {
		conf_reportf(r, CONF_ERROR, file, 0, "out of memory");
		return;
	}
	conf_lex_init(&lx, file, text, len, r);
	for (;;) {
		size_t n = 0;

		/* One entry is one line's tokens. */
		conf_lex_next(&lx, &tok[0]);
		if (tok[0].type == TOK_EOF)
			break;
		n = 1;
		while (conf_lex_peek(&lx)->type != TOK_EOF &&
		       conf_lex_peek(&lx)->line == tok[0].line) {
			if (n < TOKENS_MAX)
				conf_lex_next(&lx, &tok[n++]);
			else
				conf_lex_next(&lx, &tok[n - 1]);
		}
		if (n == TOKENS_MAX)
			conf_reportf(r, CONF_ERROR, file, tok[0].line,
				     "more than %d selectors", TOKENS_MAX - 3);
		else
			read_entry(c, r, file, tok, n);
		OPENSSL_cleanse(tok, n * sizeof(*tok));
	}
	conf_lex_wipe(&lx);
	free(tok);
}

int secrets_load(const char *path, struct conf *c, struct conf_report *r)
{
	struct stat st;
	size_t len;
	char *text;
	FILE *f;

	f = fopen(path, "r");
	if (!f)
		return -1;
	text = malloc(SECRETS_FILE_MAX);
	if (!text) {
		fclose(f);
		errno = ENOMEM;
		return -1;
	}
	len = fread(text, 1, SECRETS_FILE_MAX, f);
	if (ferror(f) || len == SECRETS_FILE_MAX) {
		int err = ferror(f) ? EIO : EFBIG;

		fclose(f);
		OPENSSL_cleanse(text, len);
		free(text);
		errno = err;
		return -1;
	}
	if (!fstat(fileno(f), &st) && st.st_mode & (S_IRGRP | S_IROTH))
		conf_reportf(r, CONF_WARNING, path, 0,
			     "the secrets file is readable by others than its owner");
	fclose(f);
	secrets_load_text(path, text, len, c, r);
	OPENSSL_cleanse(text, len);
	free(text);
	return 0;
}
