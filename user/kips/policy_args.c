// SPDX-License-Identifier: GPL-2.0
/*
 * `kips policy CMD ...` arguments into a struct kips_policy.  Selector
 * words stand at the top level; `tmpl` opens a template that takes the
 * template words after it (so the selector comes before the first tmpl).
 */
#include <string.h>

#include "args.h"
#include "kips.h"
#include "parse.h"

struct policy_parser {
	struct kips_args *a;
	struct kips_policy *pol;
	const char *kw;
};

static bool set_once(struct policy_parser *p, unsigned int attr)
{
	if (KIPS_HAS(p->pol, attr))
		return duparg(p->kw);
	KIPS_SET(p->pol, attr);
	return true;
}

static bool kw_dir(struct policy_parser *p)
{
	static const char *const dirs[] = { "in", "out", "fwd", NULL };

	return set_once(p, KIPS_POL_A_DIR) &&
	       arg_choice(p->a, p->kw, dirs, KIPS_DIR_IN, &p->pol->dir);
}

static bool kw_action(struct policy_parser *p)
{
	static const char *const actions[] = { "protect", "bypass", "discard", NULL };

	return set_once(p, KIPS_POL_A_ACTION) &&
	       arg_choice(p->a, p->kw, actions, KIPS_ACTION_PROTECT, &p->pol->action);
}

static bool kw_priority(struct policy_parser *p)
{
	return set_once(p, KIPS_POL_A_PRIORITY) &&
	       arg_u32(p->a, p->kw, NULL, &p->pol->priority);
}

static bool kw_index(struct policy_parser *p)
{
	return set_once(p, KIPS_POL_A_INDEX) &&
	       arg_u32(p->a, p->kw, "a number 1..4294967295", &p->pol->index);
}

/* One template: its words until one that is not a template word. */
static bool kw_tmpl(struct policy_parser *p)
{
	struct kips_tmpl *t;
	const char *w;
	char kw[32];

	if (p->pol->n_tmpls == KIPS_POLICY_TMPLS_BUF) {
		kips_err("tmpl: more than %d templates", KIPS_POLICY_TMPLS_BUF);
		return false;
	}
	t = &p->pol->tmpls[p->pol->n_tmpls++];
	KIPS_SET(p->pol, KIPS_POL_A_TMPL);
	while ((w = args_peek(p->a))) {
		unsigned int attr;
		bool ok;

		if (!strcmp(w, "proto"))
			attr = KIPS_TMPL_A_PROTO;
		else if (!strcmp(w, "mode"))
			attr = KIPS_TMPL_A_MODE;
		else if (!strcmp(w, "src"))
			attr = KIPS_TMPL_A_SRC;
		else if (!strcmp(w, "dst"))
			attr = KIPS_TMPL_A_DST;
		else if (!strcmp(w, "reqid"))
			attr = KIPS_TMPL_A_REQID;
		else if (!strcmp(w, "spi"))
			attr = KIPS_TMPL_A_SPI;
		else
			break;
		args_take(p->a);
		snprintf(kw, sizeof(kw), "tmpl %s", w);
		if (KIPS_HAS(t, attr))
			return duparg(kw);
		KIPS_SET(t, attr);
		switch (attr) {
		case KIPS_TMPL_A_PROTO:
			ok = arg_xfrm_proto(p->a, kw, &t->proto);
			break;
		case KIPS_TMPL_A_MODE:
			ok = arg_mode(p->a, kw, &t->mode);
			break;
		case KIPS_TMPL_A_SRC:
			ok = arg_addr(p->a, kw, &t->src);
			break;
		case KIPS_TMPL_A_DST:
			ok = arg_addr(p->a, kw, &t->dst);
			break;
		case KIPS_TMPL_A_REQID:
			ok = arg_u32(p->a, kw, NULL, &t->reqid);
			break;
		default:
			ok = arg_spi(p->a, kw, &t->spi);
		}
		if (!ok)
			return false;
	}
	/* The mode may be left to its default (transport). */
	if (!KIPS_HAS(t, KIPS_TMPL_A_PROTO))
		return missarg("tmpl", "proto { esp | ah }");
	return true;
}

#define POL_CMD_NEW (POL_CMD_ADD | POL_CMD_SET)
#define POL_CMD_ID (POL_CMD_GET | POL_CMD_DEL)

static const struct {
	const char *word;
	unsigned int cmds;
	bool (*parse)(struct policy_parser *p);
} policy_keywords[] = {
	{ "dir", POL_CMD_NEW | POL_CMD_ID | POL_CMD_SHOW | POL_CMD_FLUSH, kw_dir },
	{ "priority", POL_CMD_NEW | POL_CMD_ID, kw_priority },
	{ "index", POL_CMD_NEW | POL_CMD_ID, kw_index },
	{ "action", POL_CMD_NEW, kw_action },
	{ "tmpl", POL_CMD_NEW, kw_tmpl },
};

static const char *const selector_words[] = {
	"src", "dst", "proto", "sport", "dport", "type", "code", NULL,
};

static bool is_selector_word(const char *w)
{
	unsigned int i;

	for (i = 0; selector_words[i]; i++)
		if (!strcmp(w, selector_words[i]))
			return true;
	return false;
}

bool policy_args_parse(struct kips_args *a, enum policy_cmd cmd,
		       const char *cmd_name, struct kips_policy *pol)
{
	struct policy_parser p = { .a = a, .pol = pol };
	struct sel_parser sp = { .prefix = "", .sel = &pol->sel };
	bool any_sel = false;
	const char *w;
	size_t i;

	while ((w = args_peek(a))) {
		if (is_selector_word(w)) {
			if (!(cmd & (POL_CMD_NEW | POL_CMD_ID))) {
				kips_err("%s: '%s' does not apply here (see 'kips policy help')",
					 cmd_name, w);
				return false;
			}
			if (pol->n_tmpls) {
				kips_err("%s: '%s' after tmpl: the selector comes before the first tmpl, and a template takes only proto, mode, src, dst, reqid and spi",
					 cmd_name, w);
				return false;
			}
			if (sel_arg(a, &sp) < 0)
				return false;
			any_sel = true;
			continue;
		}
		for (i = 0; i < sizeof(policy_keywords) / sizeof(policy_keywords[0]); i++)
			if (!strcmp(w, policy_keywords[i].word))
				break;
		if (i == sizeof(policy_keywords) / sizeof(policy_keywords[0]))
			return unknownarg(cmd_name, w);
		if (!(policy_keywords[i].cmds & cmd)) {
			kips_err("%s: '%s' does not apply here (see 'kips policy help')", cmd_name, w);
			return false;
		}
		p.kw = args_take(a);
		if (!policy_keywords[i].parse(&p))
			return false;
	}
	if (!sel_args_done(&sp))
		return false;

	if (cmd & POL_CMD_NEW) {
		if (cmd == POL_CMD_SET && !KIPS_HAS(pol, KIPS_POL_A_INDEX))
			return missarg(cmd_name, "index N");
		if (!KIPS_HAS(pol, KIPS_POL_A_DIR))
			return missarg(cmd_name, "dir { in | out | fwd }");
		/* An empty selector is a real one: all traffic. */
		KIPS_SET(pol, KIPS_POL_A_SELECTOR);
	} else if (cmd & POL_CMD_ID) {
		if (KIPS_HAS(pol, KIPS_POL_A_DIR) && KIPS_HAS(pol, KIPS_POL_A_INDEX)) {
			kips_err("%s: give index N or dir DIR [ SELECTOR ], not both", cmd_name);
			return false;
		}
		if (KIPS_HAS(pol, KIPS_POL_A_DIR)) {
			KIPS_SET(pol, KIPS_POL_A_SELECTOR);
			/* As POLICY_NEW defaults it, so "del" finds what "add" made. */
			KIPS_SET(pol, KIPS_POL_A_PRIORITY);
		} else if (!KIPS_HAS(pol, KIPS_POL_A_INDEX)) {
			return missarg(cmd_name, "index N' or 'dir DIR [ SELECTOR ] [ priority N ]");
		} else if (any_sel || KIPS_HAS(pol, KIPS_POL_A_PRIORITY)) {
			kips_err("%s: a selector or priority identifies a policy only with dir (or give index alone)",
				 cmd_name);
			return false;
		}
	}
	return true;
}
