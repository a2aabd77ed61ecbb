// SPDX-License-Identifier: GPL-2.0
/*
 * One SA as a text block or a JSON object.  Text uses the words of the
 * `sa add` grammar, one group to a line:
 *
 *   src 10.0.0.1 dst 10.0.0.2 proto esp spi 0x00001000 mode tunnel reqid 1
 *   	state mature replay-window 64 esn
 *   	aead aes-gcm icv 16
 *   	sel src 10.1.0.0/24 dst 10.2.0.0/24 proto tcp dport 443
 *   	hard time-add 3600
 *
 * With -s: what it has used so far, sequence numbers and counters.  Keys
 * only when the kernel returned them (asked for with -k or "keys").
 */
#include <inttypes.h>
#include <netinet/in.h>
#include <stdio.h>
#include <time.h>

#include "parse.h"
#include "print.h"

static const char *sa_proto_str(uint8_t proto, char *buf, size_t size)
{
	if (proto == IPPROTO_ESP)
		return "esp";
	if (proto == IPPROTO_AH)
		return "ah";
	snprintf(buf, size, "%u", proto);
	return buf;
}

static const char *name_or_number(const char *name, unsigned int v, char *buf, size_t size)
{
	if (name)
		return name;
	snprintf(buf, size, "%u", v);
	return buf;
}

/* Seconds since the epoch as local time; 0 is "never". */
static const char *time_str(uint64_t secs, char *buf, size_t size)
{
	time_t t = (time_t)secs;
	struct tm tm;

	if (!secs || !localtime_r(&t, &tm) || !strftime(buf, size, "%Y-%m-%d %H:%M:%S", &tm))
		snprintf(buf, size, "never");
	return buf;
}

static void key_text(FILE *f, const struct kips_sa *sa, unsigned int key_attr,
		     const struct kips_sa_key *k)
{
	char hex[2 * KIPS_SA_KEY_BUF + 3];

	if (KIPS_HAS(sa, key_attr) && k->key_len)
		fprintf(f, " %s", kips_hex_str(k->key, k->key_len, hex, sizeof(hex)));
}

static bool lifetime_limits(const struct kips_lifetime *lt);

static void lifetime_text(FILE *f, const char *word, const struct kips_lifetime *lt)
{
	if (!lifetime_limits(lt))
		return;
	fprintf(f, "\t%s", word);
	if (lt->bytes)
		fprintf(f, " bytes %" PRIu64, lt->bytes);
	if (lt->packets)
		fprintf(f, " packets %" PRIu64, lt->packets);
	if (lt->add_seconds)
		fprintf(f, " time-add %" PRIu64, lt->add_seconds);
	if (lt->use_seconds)
		fprintf(f, " time-use %" PRIu64, lt->use_seconds);
	fputc('\n', f);
}

static void print_sa_text(struct kips_ctx *ctx, const struct kips_sa *sa)
{
	char a[KIPS_PREFIX_STRLEN], b[KIPS_PREFIX_STRLEN], n[16];
	FILE *f = stdout;

	fprintf(f, "src %s dst %s proto %s spi 0x%08x",
		kips_addr_str(&sa->src, a, sizeof(a)), kips_addr_str(&sa->dst, b, sizeof(b)),
		sa_proto_str(sa->proto, n, sizeof(n)), sa->spi);
	if (KIPS_HAS(sa, KIPS_SA_A_MODE))
		fprintf(f, " mode %s", name_or_number(kips_mode_name(sa->mode), sa->mode, n, sizeof(n)));
	if (KIPS_HAS(sa, KIPS_SA_A_REQID))
		fprintf(f, " reqid %u", sa->reqid);
	fputc('\n', f);

	fputc('\t', f);
	if (KIPS_HAS(sa, KIPS_SA_A_STATE))
		fprintf(f, "state %s ", name_or_number(kips_sa_state_name(sa->state), sa->state, n, sizeof(n)));
	fprintf(f, "replay-window %u", sa->replay_window);
	if (sa->flags & KIPS_SA_F_ESN)
		fputs(" esn", f);
	if (sa->flags & ~(uint32_t)KIPS_SA_F_ESN)
		fprintf(f, " flags 0x%x", sa->flags);
	fputc('\n', f);

	if (KIPS_HAS(sa, KIPS_SA_A_AEAD_ALG)) {
		fprintf(f, "\taead %s", sa->aead.alg);
		key_text(f, sa, KIPS_SA_A_AEAD_KEY, &sa->aead);
		if (KIPS_HAS(sa, KIPS_SA_A_ICV_LEN))
			fprintf(f, " icv %u", sa->icv_len);
		fputc('\n', f);
	}
	if (KIPS_HAS(sa, KIPS_SA_A_ENC_ALG)) {
		fprintf(f, "\tenc %s", sa->enc.alg);
		key_text(f, sa, KIPS_SA_A_ENC_KEY, &sa->enc);
		fputc('\n', f);
	}
	if (KIPS_HAS(sa, KIPS_SA_A_AUTH_ALG)) {
		fprintf(f, "\tauth %s", sa->auth.alg);
		key_text(f, sa, KIPS_SA_A_AUTH_KEY, &sa->auth);
		fputc('\n', f);
	}
	if (KIPS_HAS(sa, KIPS_SA_A_ENCAP_SPORT) || KIPS_HAS(sa, KIPS_SA_A_ENCAP_DPORT))
		fprintf(f, "\tencap udp %u %u\n", sa->encap_sport, sa->encap_dport);
	if (KIPS_HAS(sa, KIPS_SA_A_SELECTOR)) {
		fputs("\tsel", f);
		print_sel_text(f, &sa->sel);
		fputc('\n', f);
	}
	lifetime_text(f, "soft", &sa->soft);
	lifetime_text(f, "hard", &sa->hard);

	if (ctx->stats) {
		if (KIPS_HAS(sa, KIPS_SA_A_CURRENT))
			fprintf(f, "\tcurrent bytes %" PRIu64 " packets %" PRIu64 " added %s used %s\n",
				sa->current.bytes, sa->current.packets,
				time_str(sa->current.add_seconds, a, sizeof(a)),
				time_str(sa->current.use_seconds, b, sizeof(b)));
		if (KIPS_HAS(sa, KIPS_SA_A_SEQ_OUT) || KIPS_HAS(sa, KIPS_SA_A_SEQ_IN))
			fprintf(f, "\tseq out %" PRIu64 " in %" PRIu64 "\n", sa->seq_out, sa->seq_in);
		if (KIPS_HAS(sa, KIPS_SA_A_STATS))
			print_counters_text(f, "\t", &sa->stats);
	}
}

static void key_json(struct jw *w, const char *key, const struct kips_sa *sa,
		     unsigned int key_attr, const struct kips_sa_key *k)
{
	char hex[2 * KIPS_SA_KEY_BUF + 3];

	jw_obj_open(w, key);
	jw_str(w, "alg", k->alg);
	if (KIPS_HAS(sa, key_attr))
		jw_str(w, "key", kips_hex_str(k->key, k->key_len, hex, sizeof(hex)));
	jw_obj_close(w);
}

static bool lifetime_limits(const struct kips_lifetime *lt)
{
	return lt->bytes || lt->packets || lt->add_seconds || lt->use_seconds;
}

/* A limit of 0 is no limit: left out, as in the text. */
static void lifetime_json(struct jw *w, const char *key, const struct kips_lifetime *lt)
{
	jw_obj_open(w, key);
	if (lt->bytes)
		jw_u64(w, "bytes", lt->bytes);
	if (lt->packets)
		jw_u64(w, "packets", lt->packets);
	if (lt->add_seconds)
		jw_u64(w, "time_add", lt->add_seconds);
	if (lt->use_seconds)
		jw_u64(w, "time_use", lt->use_seconds);
	jw_obj_close(w);
}

static void print_sa_json(struct kips_ctx *ctx, const char *key, const struct kips_sa *sa)
{
	char buf[KIPS_PREFIX_STRLEN];
	struct jw *w = &ctx->jw;

	jw_obj_open(w, key);
	if (KIPS_HAS(sa, KIPS_SA_A_SRC))
		jw_str(w, "src", kips_addr_str(&sa->src, buf, sizeof(buf)));
	if (KIPS_HAS(sa, KIPS_SA_A_DST))
		jw_str(w, "dst", kips_addr_str(&sa->dst, buf, sizeof(buf)));
	if (KIPS_HAS(sa, KIPS_SA_A_PROTO))
		jw_str(w, "proto", sa_proto_str(sa->proto, buf, sizeof(buf)));
	if (KIPS_HAS(sa, KIPS_SA_A_SPI))
		jw_u64(w, "spi", sa->spi);
	if (KIPS_HAS(sa, KIPS_SA_A_MODE))
		jw_str(w, "mode", name_or_number(kips_mode_name(sa->mode), sa->mode, buf, sizeof(buf)));
	if (KIPS_HAS(sa, KIPS_SA_A_REQID))
		jw_u64(w, "reqid", sa->reqid);
	if (KIPS_HAS(sa, KIPS_SA_A_STATE))
		jw_str(w, "state", name_or_number(kips_sa_state_name(sa->state), sa->state, buf, sizeof(buf)));
	if (KIPS_HAS(sa, KIPS_SA_A_AEAD_ALG))
		key_json(w, "aead", sa, KIPS_SA_A_AEAD_KEY, &sa->aead);
	if (KIPS_HAS(sa, KIPS_SA_A_ENC_ALG))
		key_json(w, "enc", sa, KIPS_SA_A_ENC_KEY, &sa->enc);
	if (KIPS_HAS(sa, KIPS_SA_A_AUTH_ALG))
		key_json(w, "auth", sa, KIPS_SA_A_AUTH_KEY, &sa->auth);
	if (KIPS_HAS(sa, KIPS_SA_A_ICV_LEN))
		jw_u64(w, "icv", sa->icv_len);
	if (KIPS_HAS(sa, KIPS_SA_A_REPLAY_WINDOW))
		jw_u64(w, "replay_window", sa->replay_window);
	if (KIPS_HAS(sa, KIPS_SA_A_FLAGS)) {
		jw_bool(w, "esn", sa->flags & KIPS_SA_F_ESN);
		jw_u64(w, "flags", sa->flags);
	}
	if (KIPS_HAS(sa, KIPS_SA_A_ENCAP_SPORT) || KIPS_HAS(sa, KIPS_SA_A_ENCAP_DPORT)) {
		jw_obj_open(w, "encap");
		jw_str(w, "type", "udp");
		jw_u64(w, "sport", sa->encap_sport);
		jw_u64(w, "dport", sa->encap_dport);
		jw_obj_close(w);
	}
	if (KIPS_HAS(sa, KIPS_SA_A_SELECTOR))
		print_sel_json(w, "sel", &sa->sel);
	if (lifetime_limits(&sa->soft) || lifetime_limits(&sa->hard)) {
		jw_obj_open(w, "lifetime");
		if (lifetime_limits(&sa->soft))
			lifetime_json(w, "soft", &sa->soft);
		if (lifetime_limits(&sa->hard))
			lifetime_json(w, "hard", &sa->hard);
		jw_obj_close(w);
	}
	if (KIPS_HAS(sa, KIPS_SA_A_EXPIRE))
		jw_str(w, "expire", name_or_number(kips_expire_name(sa->expire), sa->expire, buf, sizeof(buf)));
	if (ctx->stats) {
		if (KIPS_HAS(sa, KIPS_SA_A_CURRENT)) {
			jw_obj_open(w, "current");
			jw_u64(w, "bytes", sa->current.bytes);
			jw_u64(w, "packets", sa->current.packets);
			jw_u64(w, "add_time", sa->current.add_seconds);
			jw_u64(w, "use_time", sa->current.use_seconds);
			jw_obj_close(w);
		}
		if (KIPS_HAS(sa, KIPS_SA_A_SEQ_OUT))
			jw_u64(w, "seq_out", sa->seq_out);
		if (KIPS_HAS(sa, KIPS_SA_A_SEQ_IN))
			jw_u64(w, "seq_in", sa->seq_in);
		if (KIPS_HAS(sa, KIPS_SA_A_STATS))
			print_counters_json(w, "stats", &sa->stats);
	}
	jw_obj_close(w);
}

void print_sa(struct kips_ctx *ctx, const char *key, const struct kips_sa *sa)
{
	if (ctx->json)
		print_sa_json(ctx, key, sa);
	else
		print_sa_text(ctx, sa);
}

void print_acquire(struct kips_ctx *ctx, const char *key, const struct kips_sa *acq)
{
	char a[KIPS_PREFIX_STRLEN], b[KIPS_PREFIX_STRLEN], n[16];
	struct jw *w = &ctx->jw;

	if (ctx->json) {
		jw_obj_open(w, key);
		jw_str(w, "src", kips_addr_str(&acq->src, a, sizeof(a)));
		jw_str(w, "dst", kips_addr_str(&acq->dst, a, sizeof(a)));
		jw_str(w, "proto", sa_proto_str(acq->proto, a, sizeof(a)));
		if (KIPS_HAS(acq, KIPS_SA_A_MODE))
			jw_str(w, "mode", name_or_number(kips_mode_name(acq->mode), acq->mode, a, sizeof(a)));
		jw_u64(w, "reqid", acq->reqid);
		if (KIPS_HAS(acq, KIPS_SA_A_POLICY_INDEX))
			jw_u64(w, "policy", acq->policy_index);
		if (KIPS_HAS(acq, KIPS_SA_A_SELECTOR))
			print_sel_json(w, "sel", &acq->sel);
		jw_obj_close(w);
		return;
	}
	printf("src %s dst %s proto %s", kips_addr_str(&acq->src, a, sizeof(a)),
	       kips_addr_str(&acq->dst, b, sizeof(b)), sa_proto_str(acq->proto, n, sizeof(n)));
	if (KIPS_HAS(acq, KIPS_SA_A_MODE))
		printf(" mode %s", name_or_number(kips_mode_name(acq->mode), acq->mode, n, sizeof(n)));
	printf(" reqid %u", acq->reqid);
	if (KIPS_HAS(acq, KIPS_SA_A_POLICY_INDEX))
		printf(" policy %u", acq->policy_index);
	putchar('\n');
	if (KIPS_HAS(acq, KIPS_SA_A_SELECTOR)) {
		fputs("\tsel", stdout);
		print_sel_text(stdout, &acq->sel);
		putchar('\n');
	}
}
