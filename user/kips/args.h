/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reading a command line: a cursor over the words, helpers that parse the
 * value after a keyword and name the keyword in every complaint, and the
 * parsers that turn a whole `sa ...` or `policy ...` command line into the
 * plain data structs of user/lib.  Only syntax is checked here; what the
 * values mean (key lengths, reserved SPIs, soft above hard, ...) is the
 * kernel's to judge, once, and it explains its refusals.
 */
#ifndef KIPS_ARGS_H
#define KIPS_ARGS_H

#include <stdbool.h>
#include <stdint.h>

#include "addr.h"
#include "policy.h"
#include "sa.h"
#include "sel.h"

struct kips_args {
	int argc;
	char **argv;
};

/* The current word, or NULL at the end. */
const char *args_peek(const struct kips_args *a);
/* Returns the current word and moves past it (NULL at the end). */
const char *args_take(struct kips_args *a);
/* Takes the value that keyword @kw needs (described by @what, e.g.
 * "ADDR"); complains "KW: missing WHAT" at the end of the line.
 */
const char *args_value(struct kips_args *a, const char *kw, const char *what);

/* Complaints; each prints one line and returns false. */
bool invarg(const char *kw, const char *expected, const char *got);
bool duparg(const char *kw);
bool missarg(const char *cmd, const char *what);
bool unknownarg(const char *cmd, const char *word);

/* "KW VALUE" parsers: take the value, parse it, complain naming @kw. */
bool arg_u32(struct kips_args *a, const char *kw, const char *expected,
	     uint32_t *out);
bool arg_u64(struct kips_args *a, const char *kw, uint64_t *out);
bool arg_spi(struct kips_args *a, const char *kw, uint32_t *out);
bool arg_addr(struct kips_args *a, const char *kw, struct kips_addr *out);
bool arg_prefix(struct kips_args *a, const char *kw, struct kips_addr *out);
bool arg_ipproto(struct kips_args *a, const char *kw, uint8_t *out);
/* "esp", "ah", or a number. */
bool arg_xfrm_proto(struct kips_args *a, const char *kw, uint8_t *out);
bool arg_mode(struct kips_args *a, const char *kw, uint8_t *out);
/* One of @names (NULL-terminated); *out = index + @base. */
bool arg_choice(struct kips_args *a, const char *kw, const char *const *names,
		unsigned int base, uint8_t *out);

/* Selector words (src, dst, proto, sport, dport, type, code), shared by
 * `sa ... sel` and `policy`.
 */
struct sel_parser {
	const char *prefix;	/* names the context in messages: "sel", "" */
	struct kips_sel *sel;
	const char *icmp_kw;	/* "type" or "code" once used */
};

/* Returns 1 when the current word was a selector word (consumed with its
 * value), 0 when it is not one, -1 on an error already reported.
 */
int sel_arg(struct kips_args *a, struct sel_parser *p);
/* Checks what only the whole selector shows: type and code are ICMP's. */
bool sel_args_done(const struct sel_parser *p);

/* Which `sa` command a line is for: each keyword is allowed in some. */
enum sa_cmd {
	SA_CMD_ADD = 1 << 0,
	SA_CMD_SET = 1 << 1,
	SA_CMD_DEL = 1 << 2,
	SA_CMD_GET = 1 << 3,
	SA_CMD_SHOW = 1 << 4,
	SA_CMD_FLUSH = 1 << 5,
	SA_CMD_ALLOCSPI = 1 << 6,
};

/* Parses the arguments of `sa CMD` (after CMD) into @sa.  @cmd_name is for
 * messages.  Checks that the grammar's required words are there.
 */
bool sa_args_parse(struct kips_args *a, enum sa_cmd cmd, const char *cmd_name,
		   struct kips_sa *sa);

enum policy_cmd {
	POL_CMD_ADD = 1 << 0,
	POL_CMD_SET = 1 << 1,
	POL_CMD_DEL = 1 << 2,
	POL_CMD_GET = 1 << 3,
	POL_CMD_SHOW = 1 << 4,
	POL_CMD_FLUSH = 1 << 5,
};

bool policy_args_parse(struct kips_args *a, enum policy_cmd cmd,
		       const char *cmd_name, struct kips_policy *pol);

#endif /* KIPS_ARGS_H */
