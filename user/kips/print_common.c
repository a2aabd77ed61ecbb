// SPDX-License-Identifier: GPL-2.0
/* Output pieces that SAs, policies, events and stats share. */
#include <inttypes.h>
#include <stdio.h>

#include "ipproto.h"
#include "print.h"

const char *ipproto_str(uint8_t proto, char *buf, size_t size)
{
	const char *name = kips_ipproto_name(proto);

	if (name)
		snprintf(buf, size, "%s", name);
	else
		snprintf(buf, size, "%u", proto);
	return buf;
}

static void print_range_text(FILE *f, const char *word, uint16_t min, uint16_t max)
{
	if (min == max)
		fprintf(f, " %s %u", word, min);
	else
		fprintf(f, " %s %u-%u", word, min, max);
}

/* ICMP keeps type and code in the port fields; they read back as such when
 * each is a single value.
 */
static bool sel_is_icmp(const struct kips_sel *sel)
{
	return KIPS_HAS(sel, KIPS_SEL_A_PROTO) && kips_ipproto_is_icmp(sel->proto) &&
	       sel->sport_min == sel->sport_max && sel->dport_min == sel->dport_max;
}

static bool sel_ports_set(const struct kips_sel *sel, bool src);
static uint16_t sel_port_max(const struct kips_sel *sel, bool src);

void print_sel_text(FILE *f, const struct kips_sel *sel)
{
	char buf[KIPS_PREFIX_STRLEN];
	bool icmp = sel_is_icmp(sel);
	bool any = false;

	if (KIPS_HAS(sel, KIPS_SEL_A_SRC)) {
		fprintf(f, " src %s", kips_prefix_str(&sel->src, buf, sizeof(buf)));
		any = true;
	}
	if (KIPS_HAS(sel, KIPS_SEL_A_DST)) {
		fprintf(f, " dst %s", kips_prefix_str(&sel->dst, buf, sizeof(buf)));
		any = true;
	}
	if (KIPS_HAS(sel, KIPS_SEL_A_PROTO) && sel->proto) {
		fprintf(f, " proto %s", ipproto_str(sel->proto, buf, sizeof(buf)));
		any = true;
	}
	if (sel_ports_set(sel, true)) {
		print_range_text(f, icmp ? "type" : "sport", sel->sport_min, sel_port_max(sel, true));
		any = true;
	}
	if (sel_ports_set(sel, false)) {
		print_range_text(f, icmp ? "code" : "dport", sel->dport_min, sel_port_max(sel, false));
		any = true;
	}
	if (!any)
		fputs(" any", f);
}

/* Whether a side's ports say anything: absent, or the whole 0-65535 range
 * (how the kernel reports "any"), says nothing.
 */
static bool sel_ports_set(const struct kips_sel *sel, bool src)
{
	unsigned int min_attr = src ? KIPS_SEL_A_SPORT_MIN : KIPS_SEL_A_DPORT_MIN;
	uint16_t min = src ? sel->sport_min : sel->dport_min;
	uint16_t max = src ? sel->sport_max : sel->dport_max;

	if (!KIPS_HAS(sel, min_attr))
		return false;
	if (!KIPS_HAS(sel, min_attr + 1))
		max = min;
	return min != 0 || max != 0xffff;
}

static uint16_t sel_port_max(const struct kips_sel *sel, bool src)
{
	unsigned int max_attr = src ? KIPS_SEL_A_SPORT_MAX : KIPS_SEL_A_DPORT_MAX;

	if (!KIPS_HAS(sel, max_attr))
		return src ? sel->sport_min : sel->dport_min;
	return src ? sel->sport_max : sel->dport_max;
}

/* JSON says what the text says: no "any" protocol, no whole-range ports. */
void print_sel_json(struct jw *w, const char *key, const struct kips_sel *sel)
{
	char buf[KIPS_PREFIX_STRLEN];
	bool icmp = sel_is_icmp(sel);

	jw_obj_open(w, key);
	if (KIPS_HAS(sel, KIPS_SEL_A_SRC))
		jw_str(w, "src", kips_prefix_str(&sel->src, buf, sizeof(buf)));
	if (KIPS_HAS(sel, KIPS_SEL_A_DST))
		jw_str(w, "dst", kips_prefix_str(&sel->dst, buf, sizeof(buf)));
	if (KIPS_HAS(sel, KIPS_SEL_A_PROTO) && sel->proto)
		jw_str(w, "proto", ipproto_str(sel->proto, buf, sizeof(buf)));
	if (sel_ports_set(sel, true)) {
		if (icmp) {
			jw_u64(w, "type", sel->sport_min);
		} else {
			jw_u64(w, "sport_min", sel->sport_min);
			jw_u64(w, "sport_max", sel_port_max(sel, true));
		}
	}
	if (sel_ports_set(sel, false)) {
		if (icmp) {
			jw_u64(w, "code", sel->dport_min);
		} else {
			jw_u64(w, "dport_min", sel->dport_min);
			jw_u64(w, "dport_max", sel_port_max(sel, false));
		}
	}
	jw_obj_close(w);
}

void print_counters_text(FILE *f, const char *indent, const struct kips_counters *c)
{
	unsigned int t, n = 0;

	for (t = 0; t <= KIPS_CNT_A_MAX; t++) {
		const char *name = kips_counter_name(t);

		if (!name || !KIPS_HAS(c, t))
			continue;
		/* Four to a line keeps the block short and aligned. */
		if (n % 4 == 0)
			fprintf(f, "%s%s", n ? "\n" : "", indent);
		else
			fputs("  ", f);
		fprintf(f, "%s %" PRIu64, name, c->val[t]);
		n++;
	}
	if (n)
		fputc('\n', f);
}

void print_counters_json(struct jw *w, const char *key, const struct kips_counters *c)
{
	unsigned int t;

	jw_obj_open(w, key);
	for (t = 0; t <= KIPS_CNT_A_MAX; t++) {
		const char *name = kips_counter_name(t);

		if (name && KIPS_HAS(c, t))
			jw_u64(w, name, c->val[t]);
	}
	jw_obj_close(w);
}
