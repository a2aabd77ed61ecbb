/* SPDX-License-Identifier: GPL-2.0 */
/* The kips command: what every subcommand shares. */
#ifndef KIPS_CLI_H
#define KIPS_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "json.h"
#include "nl.h"

/* Exit statuses (documented in kips(8)). */
#define KIPS_EXIT_OK		0
#define KIPS_EXIT_FAIL		1	/* the kernel or the system refused */
#define KIPS_EXIT_USAGE		2	/* the command line is wrong */

struct kips_ctx {
	bool json;		/* -j */
	int stats;		/* -s, counters shown */
	bool keys;		/* -k: ask for keys in get/show */
	bool force;		/* -force: a batch goes on after a failure */
	struct jw jw;
	struct kips_nl nl;
	bool nl_open;
};

/* Opens the netlink family on first use; prints the reason and returns
 * false when that fails (module not loaded, ...).
 */
bool kips_connect(struct kips_ctx *ctx);

/* Prints "kips: [FILE:LINE: ]<msg>" to stderr and keeps it in
 * kips_last_err; returns KIPS_EXIT_FAIL, for `return kips_err(...)`.
 */
int kips_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The last message kips_err() printed (unit tests read it). */
extern char kips_last_err[512];
/* When set, kips_err() only records (unit tests). */
extern bool kips_err_quiet;

/* While a batch runs: where the current command comes from, so messages
 * say "FILE:LINE: ".  NULL clears it.
 */
void kips_err_set_location(const char *file, unsigned int line);

/* Reports a failed request @what ("sa add"): the kernel's extack message
 * and, when the kernel pointed at an attribute, which argument that was.
 * Returns KIPS_EXIT_FAIL.
 */
int kips_nl_report(struct kips_ctx *ctx, const char *what);

/* One subcommand of an object, or one object: a name, what runs it, and
 * its grammar for the usage text.
 */
struct kips_subcmd {
	const char *name;
	int (*run)(struct kips_ctx *ctx, int argc, char **argv);
	const char *grammar;
};

/* Finds @name in @cmds (NULL-terminated by a NULL name); aliases are
 * entries of their own.
 */
const struct kips_subcmd *kips_subcmd_find(const struct kips_subcmd *cmds,
					   const char *name);

/* Runs one command line "OBJECT COMMAND ARGS" (what a batch line holds). */
int kips_run(struct kips_ctx *ctx, int argc, char **argv);

int kips_sa_main(struct kips_ctx *ctx, int argc, char **argv);
int kips_policy_main(struct kips_ctx *ctx, int argc, char **argv);
int kips_monitor_main(struct kips_ctx *ctx, int argc, char **argv);
int kips_stats_main(struct kips_ctx *ctx, int argc, char **argv);
int kips_version_main(struct kips_ctx *ctx, int argc, char **argv);
int kips_batch(struct kips_ctx *ctx, const char *file);
/* Splits a batch line into words in place (quotes, backslashes, `#`
 * comments); returns how many, or -1 after reporting why not.
 */
int kips_batch_split(char *line, char **argv, int max);

/* Usage texts, to @f. */
void kips_usage(FILE *f);
void kips_sa_usage(FILE *f);
void kips_policy_usage(FILE *f);
void kips_monitor_usage(FILE *f);

#endif /* KIPS_CLI_H */
