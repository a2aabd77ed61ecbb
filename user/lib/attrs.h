/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Names of the kips family's attributes, as Documentation/netlink/kips.yaml
 * spells them ("enc-key", "selector", "sport-min"), and the walk that turns
 * the offset a kernel rejection points at (NLMSGERR_ATTR_OFFS) back into
 * the path of the attribute it names in our request.
 */
#ifndef KIPS_ATTRS_H
#define KIPS_ATTRS_H

#include <stddef.h>
#include <stdint.h>

struct nlmsghdr;

struct kips_attr_set {
	const char *name;			/* "sa", "policy", ... */
	unsigned int max;
	const char *const *names;		/* [type], NULL: unnamed */
	const struct kips_attr_set *const *nested; /* [type]: set inside */
};

extern const struct kips_attr_set kips_attr_set_info;
extern const struct kips_attr_set kips_attr_set_sa;
extern const struct kips_attr_set kips_attr_set_policy;

/* The top-level attribute set of a kips command's request. */
const struct kips_attr_set *kips_attr_set_of_cmd(uint8_t cmd);

#define KIPS_ATTR_PATH_MAX 4

struct kips_attr_path {
	unsigned int depth;
	const struct kips_attr_set *set[KIPS_ATTR_PATH_MAX];
	uint16_t type[KIPS_ATTR_PATH_MAX];
	/* Which occurrence of a repeated attribute (e.g. the 2nd "tmpl"), 1.. */
	unsigned int nth[KIPS_ATTR_PATH_MAX];
};

/* Finds the attribute that starts at byte @offset of the request @nlh (a
 * kips genl message), descending into nests.  Returns 0, or -1 when the
 * offset is not the start of any attribute.
 */
int kips_attr_at(const struct nlmsghdr *nlh, uint32_t offset,
		 struct kips_attr_path *path);

/* "selector.sport-min", "tmpl[2].src"; unknown types as numbers. */
const char *kips_attr_path_str(const struct kips_attr_path *path, char *buf,
			       size_t size);

#endif /* KIPS_ATTRS_H */
