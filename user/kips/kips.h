/* SPDX-License-Identifier: GPL-2.0 */
/* The kips command: what every subcommand shares. */
#ifndef KIPS_CLI_H
#define KIPS_CLI_H

#include <stdbool.h>

#include "json.h"
#include "nl.h"

struct kips_ctx {
	bool json;		/* -j */
	int stats;		/* -s, counters shown */
	struct jw jw;
	struct kips_nl nl;
	bool nl_open;
};

/* Opens the netlink family on first use; prints the reason and returns
 * false when that fails (module not loaded, ...).
 */
bool kips_connect(struct kips_ctx *ctx);

/* Prints "kips: <msg>" to stderr; returns 1 for `return err(...)`. */
int kips_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

struct kips_subcmd {
	const char *name;
	int (*run)(struct kips_ctx *ctx, int argc, char **argv);
	const char *help;
};

int kips_version_main(struct kips_ctx *ctx, int argc, char **argv);

#endif /* KIPS_CLI_H */
