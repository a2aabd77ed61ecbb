// SPDX-License-Identifier: GPL-2.0
/*
 * One policy as a text block or a JSON object.  Text uses the words of the
 * `policy add` grammar:
 *
 *   dir out src 10.1.0.0/24 dst 10.2.0.0/24 proto tcp dport 443 priority 0 index 7
 *   	action protect
 *   	tmpl proto esp mode tunnel src 192.0.2.1 dst 192.0.2.2 reqid 1
 */
#include <netinet/in.h>
#include <stdio.h>

#include "print.h"

static const char *or_number(const char *name, unsigned int v, char *buf, size_t size)
{
	if (name)
		return name;
	snprintf(buf, size, "%u", v);
	return buf;
}

static const char *xfrm_proto_str(uint8_t proto, char *buf, size_t size)
{
	return or_number(proto == IPPROTO_ESP ? "esp" : proto == IPPROTO_AH ? "ah" : NULL,
			 proto, buf, size);
}

static void tmpl_text(FILE *f, const struct kips_tmpl *t)
{
	char buf[KIPS_PREFIX_STRLEN];

	fputs("\ttmpl", f);
	if (KIPS_HAS(t, KIPS_TMPL_A_PROTO))
		fprintf(f, " proto %s", xfrm_proto_str(t->proto, buf, sizeof(buf)));
	if (KIPS_HAS(t, KIPS_TMPL_A_MODE))
		fprintf(f, " mode %s", or_number(kips_mode_name(t->mode), t->mode, buf, sizeof(buf)));
	if (KIPS_HAS(t, KIPS_TMPL_A_SRC))
		fprintf(f, " src %s", kips_addr_str(&t->src, buf, sizeof(buf)));
	if (KIPS_HAS(t, KIPS_TMPL_A_DST))
		fprintf(f, " dst %s", kips_addr_str(&t->dst, buf, sizeof(buf)));
	if (KIPS_HAS(t, KIPS_TMPL_A_REQID))
		fprintf(f, " reqid %u", t->reqid);
	if (KIPS_HAS(t, KIPS_TMPL_A_SPI) && t->spi)
		fprintf(f, " spi 0x%08x", t->spi);
	fputc('\n', f);
}

static void print_policy_text(struct kips_ctx *ctx, const struct kips_policy *pol)
{
	char buf[16];
	FILE *f = stdout;
	unsigned int i;

	fprintf(f, "dir %s", or_number(kips_dir_name(pol->dir), pol->dir, buf, sizeof(buf)));
	if (KIPS_HAS(pol, KIPS_POL_A_SELECTOR))
		print_sel_text(f, &pol->sel);
	fprintf(f, " priority %u index %u\n", pol->priority, pol->index);
	if (KIPS_HAS(pol, KIPS_POL_A_ACTION))
		fprintf(f, "\taction %s\n",
			or_number(kips_action_name(pol->action), pol->action, buf, sizeof(buf)));
	for (i = 0; i < pol->n_tmpls; i++)
		tmpl_text(f, &pol->tmpls[i]);
	if (ctx->stats && KIPS_HAS(pol, KIPS_POL_A_STATS))
		print_counters_text(f, "\t", &pol->stats);
}

static void tmpl_json(struct jw *w, const struct kips_tmpl *t)
{
	char buf[KIPS_PREFIX_STRLEN];

	jw_obj_open(w, NULL);
	if (KIPS_HAS(t, KIPS_TMPL_A_PROTO))
		jw_str(w, "proto", xfrm_proto_str(t->proto, buf, sizeof(buf)));
	if (KIPS_HAS(t, KIPS_TMPL_A_MODE))
		jw_str(w, "mode", or_number(kips_mode_name(t->mode), t->mode, buf, sizeof(buf)));
	if (KIPS_HAS(t, KIPS_TMPL_A_SRC))
		jw_str(w, "src", kips_addr_str(&t->src, buf, sizeof(buf)));
	if (KIPS_HAS(t, KIPS_TMPL_A_DST))
		jw_str(w, "dst", kips_addr_str(&t->dst, buf, sizeof(buf)));
	if (KIPS_HAS(t, KIPS_TMPL_A_REQID))
		jw_u64(w, "reqid", t->reqid);
	if (KIPS_HAS(t, KIPS_TMPL_A_SPI))
		jw_u64(w, "spi", t->spi);
	jw_obj_close(w);
}

static void print_policy_json(struct kips_ctx *ctx, const char *key,
			      const struct kips_policy *pol)
{
	struct jw *w = &ctx->jw;
	char buf[16];
	unsigned int i;

	jw_obj_open(w, key);
	if (KIPS_HAS(pol, KIPS_POL_A_INDEX))
		jw_u64(w, "index", pol->index);
	if (KIPS_HAS(pol, KIPS_POL_A_DIR))
		jw_str(w, "dir", or_number(kips_dir_name(pol->dir), pol->dir, buf, sizeof(buf)));
	if (KIPS_HAS(pol, KIPS_POL_A_PRIORITY))
		jw_u64(w, "priority", pol->priority);
	if (KIPS_HAS(pol, KIPS_POL_A_ACTION))
		jw_str(w, "action", or_number(kips_action_name(pol->action), pol->action, buf, sizeof(buf)));
	if (KIPS_HAS(pol, KIPS_POL_A_SELECTOR))
		print_sel_json(w, "sel", &pol->sel);
	jw_arr_open(w, "tmpls");
	for (i = 0; i < pol->n_tmpls; i++)
		tmpl_json(w, &pol->tmpls[i]);
	jw_arr_close(w);
	if (ctx->stats && KIPS_HAS(pol, KIPS_POL_A_STATS))
		print_counters_json(w, "stats", &pol->stats);
	jw_obj_close(w);
}

void print_policy(struct kips_ctx *ctx, const char *key, const struct kips_policy *pol)
{
	if (ctx->json)
		print_policy_json(ctx, key, pol);
	else
		print_policy_text(ctx, pol);
}
