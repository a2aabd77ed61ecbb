/* SPDX-License-Identifier: GPL-2.0 */
/* Lookups in the shared algorithm table, kips_algs[] of <linux/kips.h>. */
#ifndef KIPS_ALG_H
#define KIPS_ALG_H

#include <stddef.h>
#include <linux/kips.h>

/* The algorithm of that name and kind, or NULL. */
const struct kips_alg_desc *kips_alg_find(const char *name, unsigned int kind);

/* Every name of that kind in table order, @sep between them
 * ("aes-cbc, aes-ctr" or "aes-cbc | aes-ctr").
 */
const char *kips_alg_names(unsigned int kind, const char *sep, char *buf, size_t size);

/* "enc", "auth" or "aead". */
const char *kips_alg_kind_name(unsigned int kind);

#endif /* KIPS_ALG_H */
