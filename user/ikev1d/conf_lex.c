// SPDX-License-Identifier: GPL-2.0
/* The tokenizer of ikev1d.conf and the secrets file. */
#include <ctype.h>
#include <string.h>

#include <openssl/crypto.h>

#include "conf_lex.h"

void conf_lex_init(struct conf_lexer *lx, const char *file, const char *text,
		   size_t len, struct conf_report *r)
{
	memset(lx, 0, sizeof(*lx));
	lx->file = file;
	lx->p = text;
	lx->end = text + len;
	lx->line = 1;
	lx->r = r;
}

static bool is_punct(char c)
{
	return c == '{' || c == '}' || c == ';' || c == '=' || c == ',';
}

static bool is_word(char c)
{
	return isgraph((unsigned char)c) && !is_punct(c) && c != '"' && c != '#';
}

static void skip_space(struct conf_lexer *lx)
{
	while (lx->p < lx->end) {
		if (*lx->p == '\n') {
			lx->line++;
			lx->p++;
		} else if (*lx->p == '#') {
			while (lx->p < lx->end && *lx->p != '\n')
				lx->p++;
		} else if (isspace((unsigned char)*lx->p)) {
			lx->p++;
		} else {
			break;
		}
	}
}

static void quoted(struct conf_lexer *lx, struct conf_token *t)
{
	t->type = TOK_STRING;
	lx->p++;
	while (lx->p < lx->end && *lx->p != '"') {
		char c = *lx->p++;

		if (c == '\n' || c == 0) {
			conf_reportf(lx->r, CONF_ERROR, lx->file, t->line,
				     "unterminated string");
			t->type = TOK_BAD;
			if (c == '\n')
				lx->line++;
			return;
		}
		if (c == '\\') {
			if (lx->p == lx->end || (*lx->p != '"' && *lx->p != '\\')) {
				conf_reportf(lx->r, CONF_ERROR, lx->file, t->line,
					     "only \\\" and \\\\ may be escaped in a string");
				t->type = TOK_BAD;
				continue;
			}
			c = *lx->p++;
		}
		if (t->len + 1 >= sizeof(t->text)) {
			conf_reportf(lx->r, CONF_ERROR, lx->file, t->line,
				     "string longer than %d bytes", CONF_TOKEN_MAX - 1);
			t->type = TOK_BAD;
			continue;
		}
		t->text[t->len++] = c;
	}
	if (lx->p == lx->end) {
		conf_reportf(lx->r, CONF_ERROR, lx->file, t->line,
			     "unterminated string");
		t->type = TOK_BAD;
		return;
	}
	lx->p++;
}

static void scan(struct conf_lexer *lx, struct conf_token *t)
{
	char c;

	skip_space(lx);
	t->len = 0;
	t->text[0] = 0;
	t->line = lx->line;
	if (lx->p == lx->end) {
		t->type = TOK_EOF;
		return;
	}
	c = *lx->p;
	if (is_punct(c)) {
		static const enum conf_tok types[] = {
			['{'] = TOK_LBRACE, ['}'] = TOK_RBRACE, [';'] = TOK_SEMI,
			['='] = TOK_EQ, [','] = TOK_COMMA,
		};

		t->type = types[(unsigned char)c];
		t->text[0] = c;
		t->text[1] = 0;
		t->len = 1;
		lx->p++;
		return;
	}
	if (c == '"') {
		quoted(lx, t);
		t->text[t->len] = 0;
		return;
	}
	if (!is_word(c)) {
		conf_reportf(lx->r, CONF_ERROR, lx->file, t->line,
			     "unexpected character 0x%02x", (unsigned char)c);
		lx->p++;
		t->type = TOK_BAD;
		return;
	}
	t->type = TOK_WORD;
	while (lx->p < lx->end && is_word(*lx->p)) {
		if (t->len + 1 >= sizeof(t->text)) {
			conf_reportf(lx->r, CONF_ERROR, lx->file, t->line,
				     "word longer than %d bytes", CONF_TOKEN_MAX - 1);
			t->type = TOK_BAD;
			while (lx->p < lx->end && is_word(*lx->p))
				lx->p++;
			break;
		}
		t->text[t->len++] = *lx->p++;
	}
	t->text[t->len] = 0;
	if (t->type == TOK_WORD && t->len == 1 && t->text[0] == ':')
		t->type = TOK_COLON;
}

void conf_lex_next(struct conf_lexer *lx, struct conf_token *t)
{
	if (lx->have_peeked) {
		*t = lx->peeked;
		lx->have_peeked = false;
		OPENSSL_cleanse(&lx->peeked, sizeof(lx->peeked));
		return;
	}
	scan(lx, t);
}

const struct conf_token *conf_lex_peek(struct conf_lexer *lx)
{
	if (!lx->have_peeked) {
		scan(lx, &lx->peeked);
		lx->have_peeked = true;
	}
	return &lx->peeked;
}

void conf_lex_unget(struct conf_lexer *lx, const struct conf_token *t)
{
	lx->peeked = *t;
	lx->have_peeked = true;
}

void conf_lex_wipe(struct conf_lexer *lx)
{
	OPENSSL_cleanse(&lx->peeked, sizeof(lx->peeked));
	lx->have_peeked = false;
}

const char *conf_tok_name(enum conf_tok t)
{
	switch (t) {
	case TOK_EOF:
		return "end of file";
	case TOK_WORD:
		return "a word";
	case TOK_STRING:
		return "a string";
	case TOK_LBRACE:
		return "'{'";
	case TOK_RBRACE:
		return "'}'";
	case TOK_SEMI:
		return "';'";
	case TOK_EQ:
		return "'='";
	case TOK_COMMA:
		return "','";
	case TOK_COLON:
		return "':'";
	case TOK_BAD:
		break;
	}
	return "a bad token";
}
