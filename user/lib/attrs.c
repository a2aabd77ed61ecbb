// SPDX-License-Identifier: GPL-2.0
#include <stdio.h>
#include <string.h>
#include <linux/genetlink.h>
#include <linux/kips.h>
#include <libmnl/libmnl.h>

#include "attrs.h"

static const char *const lifetime_names[KIPS_LT_A_MAX + 1] = {
	[KIPS_LT_A_PAD] = "pad",
	[KIPS_LT_A_BYTES] = "bytes",
	[KIPS_LT_A_PACKETS] = "packets",
	[KIPS_LT_A_ADD_SECONDS] = "add-seconds",
	[KIPS_LT_A_USE_SECONDS] = "use-seconds",
};

static const struct kips_attr_set lifetime_set = {
	"lifetime", KIPS_LT_A_MAX, lifetime_names, NULL,
};

static const char *const counter_names[KIPS_CNT_A_MAX + 1] = {
	[KIPS_CNT_A_PAD] = "pad",
	[KIPS_CNT_A_IN_PACKETS] = "in-packets",
	[KIPS_CNT_A_IN_BYTES] = "in-bytes",
	[KIPS_CNT_A_OUT_PACKETS] = "out-packets",
	[KIPS_CNT_A_OUT_BYTES] = "out-bytes",
	[KIPS_CNT_A_DROP_REPLAY] = "drop-replay",
	[KIPS_CNT_A_DROP_AUTH] = "drop-auth",
	[KIPS_CNT_A_DROP_PADDING] = "drop-padding",
	[KIPS_CNT_A_DROP_NO_SA] = "drop-no-sa",
	[KIPS_CNT_A_DROP_POLICY] = "drop-policy",
	[KIPS_CNT_A_DROP_QUEUE] = "drop-queue",
	[KIPS_CNT_A_DROP_SEQ_OVERFLOW] = "drop-seq-overflow",
	[KIPS_CNT_A_DROP_MALFORMED] = "drop-malformed",
	[KIPS_CNT_A_DROP_EXPIRED] = "drop-expired",
	[KIPS_CNT_A_DROP_NOMEM] = "drop-nomem",
	[KIPS_CNT_A_ACQUIRES] = "acquires",
};

static const struct kips_attr_set counter_set = {
	"counters", KIPS_CNT_A_MAX, counter_names, NULL,
};

static const char *const sel_names[KIPS_SEL_A_MAX + 1] = {
	[KIPS_SEL_A_SRC] = "src",
	[KIPS_SEL_A_SRC_PREFIXLEN] = "src-prefixlen",
	[KIPS_SEL_A_DST] = "dst",
	[KIPS_SEL_A_DST_PREFIXLEN] = "dst-prefixlen",
	[KIPS_SEL_A_PROTO] = "proto",
	[KIPS_SEL_A_SPORT_MIN] = "sport-min",
	[KIPS_SEL_A_SPORT_MAX] = "sport-max",
	[KIPS_SEL_A_DPORT_MIN] = "dport-min",
	[KIPS_SEL_A_DPORT_MAX] = "dport-max",
};

static const struct kips_attr_set sel_set = {
	"selector", KIPS_SEL_A_MAX, sel_names, NULL,
};

static const char *const tmpl_names[KIPS_TMPL_A_MAX + 1] = {
	[KIPS_TMPL_A_PROTO] = "proto",
	[KIPS_TMPL_A_MODE] = "mode",
	[KIPS_TMPL_A_REQID] = "reqid",
	[KIPS_TMPL_A_SRC] = "src",
	[KIPS_TMPL_A_DST] = "dst",
	[KIPS_TMPL_A_SPI] = "spi",
};

static const struct kips_attr_set tmpl_set = {
	"tmpl", KIPS_TMPL_A_MAX, tmpl_names, NULL,
};

static const char *const info_names[KIPS_INFO_A_MAX + 1] = {
	[KIPS_INFO_A_VERSION] = "version",
	[KIPS_INFO_A_SA_COUNT] = "sa-count",
	[KIPS_INFO_A_POLICY_COUNT] = "policy-count",
	[KIPS_INFO_A_STATS] = "stats",
};

static const struct kips_attr_set *const info_nested[KIPS_INFO_A_MAX + 1] = {
	[KIPS_INFO_A_STATS] = &counter_set,
};

const struct kips_attr_set kips_attr_set_info = {
	"info", KIPS_INFO_A_MAX, info_names, info_nested,
};

static const char *const sa_names[KIPS_SA_A_MAX + 1] = {
	[KIPS_SA_A_PAD] = "pad",
	[KIPS_SA_A_SRC] = "src",
	[KIPS_SA_A_DST] = "dst",
	[KIPS_SA_A_PROTO] = "proto",
	[KIPS_SA_A_SPI] = "spi",
	[KIPS_SA_A_MODE] = "mode",
	[KIPS_SA_A_REQID] = "reqid",
	[KIPS_SA_A_ENC_ALG] = "enc-alg",
	[KIPS_SA_A_ENC_KEY] = "enc-key",
	[KIPS_SA_A_AUTH_ALG] = "auth-alg",
	[KIPS_SA_A_AUTH_KEY] = "auth-key",
	[KIPS_SA_A_AEAD_ALG] = "aead-alg",
	[KIPS_SA_A_AEAD_KEY] = "aead-key",
	[KIPS_SA_A_ICV_LEN] = "icv-len",
	[KIPS_SA_A_REPLAY_WINDOW] = "replay-window",
	[KIPS_SA_A_FLAGS] = "flags",
	[KIPS_SA_A_LIFETIME_SOFT] = "lifetime-soft",
	[KIPS_SA_A_LIFETIME_HARD] = "lifetime-hard",
	[KIPS_SA_A_ENCAP_SPORT] = "encap-sport",
	[KIPS_SA_A_ENCAP_DPORT] = "encap-dport",
	[KIPS_SA_A_SELECTOR] = "selector",
	[KIPS_SA_A_SPI_MIN] = "spi-min",
	[KIPS_SA_A_SPI_MAX] = "spi-max",
	[KIPS_SA_A_STATE] = "state",
	[KIPS_SA_A_CURRENT] = "current",
	[KIPS_SA_A_STATS] = "stats",
	[KIPS_SA_A_SEQ_OUT] = "seq-out",
	[KIPS_SA_A_SEQ_IN] = "seq-in",
	[KIPS_SA_A_EXPIRE] = "expire",
	[KIPS_SA_A_POLICY_INDEX] = "policy-index",
	[KIPS_SA_A_REQ_FLAGS] = "req-flags",
};

static const struct kips_attr_set *const sa_nested[KIPS_SA_A_MAX + 1] = {
	[KIPS_SA_A_LIFETIME_SOFT] = &lifetime_set,
	[KIPS_SA_A_LIFETIME_HARD] = &lifetime_set,
	[KIPS_SA_A_CURRENT] = &lifetime_set,
	[KIPS_SA_A_SELECTOR] = &sel_set,
	[KIPS_SA_A_STATS] = &counter_set,
};

const struct kips_attr_set kips_attr_set_sa = {
	"sa", KIPS_SA_A_MAX, sa_names, sa_nested,
};

static const char *const policy_names[KIPS_POL_A_MAX + 1] = {
	[KIPS_POL_A_PAD] = "pad",
	[KIPS_POL_A_INDEX] = "index",
	[KIPS_POL_A_DIR] = "dir",
	[KIPS_POL_A_PRIORITY] = "priority",
	[KIPS_POL_A_ACTION] = "action",
	[KIPS_POL_A_SELECTOR] = "selector",
	[KIPS_POL_A_TMPL] = "tmpl",
	[KIPS_POL_A_STATS] = "stats",
};

static const struct kips_attr_set *const policy_nested[KIPS_POL_A_MAX + 1] = {
	[KIPS_POL_A_SELECTOR] = &sel_set,
	[KIPS_POL_A_TMPL] = &tmpl_set,
	[KIPS_POL_A_STATS] = &counter_set,
};

const struct kips_attr_set kips_attr_set_policy = {
	"policy", KIPS_POL_A_MAX, policy_names, policy_nested,
};

const struct kips_attr_set *kips_attr_set_of_cmd(uint8_t cmd)
{
	switch (cmd) {
	case KIPS_CMD_INFO_GET:
		return &kips_attr_set_info;
	case KIPS_CMD_SA_NEW:
	case KIPS_CMD_SA_SET:
	case KIPS_CMD_SA_DEL:
	case KIPS_CMD_SA_GET:
	case KIPS_CMD_SA_FLUSH:
	case KIPS_CMD_SA_ALLOC_SPI:
	case KIPS_CMD_SA_EXPIRE:
	case KIPS_CMD_ACQUIRE:
		return &kips_attr_set_sa;
	case KIPS_CMD_POLICY_NEW:
	case KIPS_CMD_POLICY_SET:
	case KIPS_CMD_POLICY_DEL:
	case KIPS_CMD_POLICY_GET:
	case KIPS_CMD_POLICY_FLUSH:
		return &kips_attr_set_policy;
	default:
		return NULL;
	}
}

/* Walks the attributes in [start, end) of the message at @base, looking for
 * one that starts at @offset; recurses into nests of known sets.
 */
static int walk(const char *base, size_t start, size_t end, uint32_t offset,
		const struct kips_attr_set *set, struct kips_attr_path *path)
{
	unsigned int nth[64] = { 0 };
	size_t pos = start;

	while (pos + sizeof(struct nlattr) <= end) {
		const struct nlattr *a = (const void *)(base + pos);
		uint16_t type = a->nla_type & NLA_TYPE_MASK;
		size_t len = a->nla_len;
		unsigned int d = path->depth;

		if (len < sizeof(struct nlattr) || pos + len > end)
			return -1;
		if (d >= KIPS_ATTR_PATH_MAX)
			return -1;
		path->set[d] = set;
		path->type[d] = type;
		path->nth[d] = type < 64 ? ++nth[type] : 1;
		if (offset == pos) {
			path->depth = d + 1;
			return 0;
		}
		if (offset > pos && offset < pos + len) {
			const struct kips_attr_set *inner =
				set && set->nested && type <= set->max ? set->nested[type] : NULL;

			path->depth = d + 1;
			if (!walk(base, pos + NLA_HDRLEN, pos + len, offset, inner, path))
				return 0;
			/* Inside this attribute but not at a nested one's start:
			 * the attribute itself is the best answer there is.
			 */
			path->depth = d + 1;
			return 0;
		}
		pos += NLA_ALIGN(len);
	}
	return -1;
}

int kips_attr_at(const struct nlmsghdr *nlh, uint32_t offset,
		 struct kips_attr_path *path)
{
	const struct genlmsghdr *genl = mnl_nlmsg_get_payload(nlh);
	size_t start = NLMSG_HDRLEN + NLMSG_ALIGN(sizeof(*genl));

	memset(path, 0, sizeof(*path));
	if (offset < start || offset >= nlh->nlmsg_len)
		return -1;
	return walk((const char *)nlh, start, nlh->nlmsg_len, offset,
		    kips_attr_set_of_cmd(genl->cmd), path);
}

const char *kips_attr_path_str(const struct kips_attr_path *path, char *buf,
			       size_t size)
{
	size_t used = 0;
	unsigned int i;
	int n;

	buf[0] = 0;
	for (i = 0; i < path->depth && used < size; i++) {
		const struct kips_attr_set *set = path->set[i];
		const char *name = set && path->type[i] <= set->max ?
				   set->names[path->type[i]] : NULL;

		n = name ? snprintf(buf + used, size - used, "%s%s", i ? "." : "", name)
			 : snprintf(buf + used, size - used, "%s%u", i ? "." : "",
				    path->type[i]);
		if (n < 0)
			break;
		used += (size_t)n;
		/* Only repeated attributes get their occurrence. */
		if (set == &kips_attr_set_policy && path->type[i] == KIPS_POL_A_TMPL &&
		    used < size) {
			n = snprintf(buf + used, size - used, "[%u]", path->nth[i]);
			if (n < 0)
				break;
			used += (size_t)n;
		}
	}
	return buf;
}
