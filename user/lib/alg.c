// SPDX-License-Identifier: GPL-2.0
#include <stdio.h>
#include <string.h>

#include "alg.h"

const struct kips_alg_desc *kips_alg_find(const char *name, unsigned int kind)
{
	size_t i;

	for (i = 0; i < __KIPS_ALG_MAX; i++)
		if (kips_algs[i].kind == kind && !strcmp(kips_algs[i].name, name))
			return &kips_algs[i];
	return NULL;
}

const char *kips_alg_names(unsigned int kind, const char *sep, char *buf, size_t size)
{
	size_t i, used = 0;
	int n;

	buf[0] = 0;
	for (i = 0; i < __KIPS_ALG_MAX && used < size; i++) {
		if (kips_algs[i].kind != kind)
			continue;
		n = snprintf(buf + used, size - used, "%s%s", used ? sep : "",
			     kips_algs[i].name);
		if (n < 0)
			break;
		used += (size_t)n;
	}
	return buf;
}

const char *kips_alg_kind_name(unsigned int kind)
{
	switch (kind) {
	case KIPS_ALG_KIND_ENC:
		return "enc";
	case KIPS_ALG_KIND_AUTH:
		return "auth";
	case KIPS_ALG_KIND_AEAD:
		return "aead";
	default:
		return "?";
	}
}
