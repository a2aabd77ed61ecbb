/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Tokens of ikev1d.conf and the secrets file: words, "quoted strings",
 * and the punctuation { } ; = , : -- with '#' comments to the end of a line.
 * A word is any run of printable characters other than white space,
 * punctuation, '"' and '#' (so addresses, prefixes and proposals are single
 * words); ':' is punctuation only standing alone, as IPv6 addresses carry
 * it inside words.
 */
#ifndef IKEV1D_CONF_LEX_H
#define IKEV1D_CONF_LEX_H

#include <stdbool.h>
#include <stddef.h>

#include "conf.h"

#define CONF_TOKEN_MAX 1024

enum conf_tok {
	TOK_EOF,
	TOK_WORD,
	TOK_STRING,
	TOK_LBRACE,
	TOK_RBRACE,
	TOK_SEMI,
	TOK_EQ,
	TOK_COMMA,
	TOK_COLON,
	TOK_BAD,	/* reported already; skip it */
};

struct conf_token {
	enum conf_tok type;
	unsigned int line;
	size_t len;
	char text[CONF_TOKEN_MAX];
};

struct conf_lexer {
	const char *file;
	const char *p, *end;
	unsigned int line;
	struct conf_report *r;
	struct conf_token peeked;
	bool have_peeked;
};

void conf_lex_init(struct conf_lexer *lx, const char *file, const char *text,
		   size_t len, struct conf_report *r);
void conf_lex_next(struct conf_lexer *lx, struct conf_token *t);
/* The next token without taking it. */
const struct conf_token *conf_lex_peek(struct conf_lexer *lx);
/* Gives @t back, to be returned by the next conf_lex_next(). */
void conf_lex_unget(struct conf_lexer *lx, const struct conf_token *t);
/* Wipes the token the lexer holds, at the end of reading (it may be a
 * secret).
 */
void conf_lex_wipe(struct conf_lexer *lx);

const char *conf_tok_name(enum conf_tok t);

#endif /* IKEV1D_CONF_LEX_H */
