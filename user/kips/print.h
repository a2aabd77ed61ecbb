/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Output of SAs, policies and counters, as text (the words of the input
 * grammar, so a line can be read back as arguments) or as JSON objects
 * through ctx->jw (the caller opens arrays and ends lines).
 */
#ifndef KIPS_PRINT_H
#define KIPS_PRINT_H

#include <stdio.h>

#include "counters.h"
#include "json.h"
#include "kips.h"
#include "policy.h"
#include "sa.h"
#include "sel.h"

/* @key: the JSON member name, NULL inside an array or at the top. */
void print_sa(struct kips_ctx *ctx, const char *key, const struct kips_sa *sa);
void print_policy(struct kips_ctx *ctx, const char *key, const struct kips_policy *pol);
/* An ACQUIRE event's content (an SA-shaped message). */
void print_acquire(struct kips_ctx *ctx, const char *key, const struct kips_sa *acq);

/* Pieces shared by the above. */
void print_sel_text(FILE *f, const struct kips_sel *sel);
void print_sel_json(struct jw *w, const char *key, const struct kips_sel *sel);
/* Counters: "name value" pairs, skipping absent ones. */
void print_counters_text(FILE *f, const char *indent, const struct kips_counters *c);
void print_counters_json(struct jw *w, const char *key, const struct kips_counters *c);
/* An IP protocol as its name, or its number. */
const char *ipproto_str(uint8_t proto, char *buf, size_t size);

#endif /* KIPS_PRINT_H */
