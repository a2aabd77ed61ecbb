// SPDX-License-Identifier: GPL-2.0
/* The engine's SAs as text or JSON; never a key. */
#include <string.h>

#include "cert.h"
#include "ike.h"
#include "json.h"
#include "natt_status.h"
#include "phase1_auth.h"
#include "status.h"
#include "trap.h"

static const char *state_str(enum ike_sa_state s)
{
	return s == IKE_SA_ESTABLISHED ? "established" :
	       s == IKE_SA_CONNECTING ? "connecting" :
	       s == IKE_SA_GONE ? "gone (IPsec SAs live on)" : "dead";
}

static uint64_t left(uint64_t at, uint64_t now)
{
	return at > now ? (at - now) / 1000 : 0;
}

static const char *ts_str(const struct conf_ts *ts, char *buf, size_t len)
{
	char a[KIPS_PREFIX_STRLEN], b[KIPS_PREFIX_STRLEN];
	size_t n;

	if (ts->last.family)
		snprintf(buf, len, "%s-%s", kips_addr_str(&ts->net, a, sizeof(a)),
			 kips_addr_str(&ts->last, b, sizeof(b)));
	else
		snprintf(buf, len, "%s", kips_prefix_str(&ts->net, a, sizeof(a)));
	n = strlen(buf);
	if (ts->proto && ts->port)
		snprintf(buf + n, len - n, "[%u/%u]", ts->proto, ts->port);
	else if (ts->proto)
		snprintf(buf + n, len - n, "[%u]", ts->proto);
	return buf;
}

static const char *suite(const struct p2_choice *ch, char *buf, size_t len)
{
	snprintf(buf, len, "%s%s%s", ch->encr ? ch->encr->name : "",
		 ch->encr && ch->integ ? "-" : "", ch->integ ? ch->integ->name : "");
	return buf;
}

void engine_status_text(const struct engine *e, uint64_t now, FILE *out)
{
	const struct ike_sa *sa;
	const struct child_sa *c;
	char l[KIPS_PREFIX_STRLEN], r[KIPS_PREFIX_STRLEN], s[64], subj[256];
	size_t i;

	for (sa = e->sas; sa; sa = sa->next) {
		fprintf(out, "%s[%u]: %s, %s, %s -> %s, %s mode", sa->conn->name,
			sa->serial, state_str(sa->state),
			sa->initiator ? "initiator" : "responder",
			kips_addr_str(&sa->local.addr, l, sizeof(l)),
			kips_addr_str(&sa->remote.addr, r, sizeof(r)),
			sa->conn->exchange == CONF_AGGRESSIVE ? "aggressive" : "main");
		fprintf(out, ", %s", phase1_auth_name(sa->conn->auth));
		if (sa->peer_cert)
			fprintf(out, " of \"%s\"", cert_subject_str(sa->peer_cert,
								   subj, sizeof(subj)));
		if (sa->state == IKE_SA_ESTABLISHED)
			fprintf(out, ", %s-%s-%s, %llu s left", sa->p1.encr->name,
				sa->p1.hash->name, group_name(sa->p1.group),
				(unsigned long long)left(sa->expires, now));
		if (sa->state == IKE_SA_ESTABLISHED)
			dpd_status_text(sa, now, out);
		natt_status_text(sa, out);
		ra_status_text(sa, out);
		fputc('\n', out);
		for (c = sa->children; c; c = c->next) {
			if (!c->in_installed || !c->out_installed)
				continue;
			fprintf(out, "  %s === ", ts_str(&c->local_ts, l, sizeof(l)));
			fprintf(out, "%s: %s %s, SPIs 0x%08x in 0x%08x out, %s",
				ts_str(&c->remote_ts, r, sizeof(r)),
				c->choice.protocol == ISAKMP_PROTO_AH ? "AH" : "ESP",
				sa->conn->mode == KIPS_MODE_TUNNEL ? "tunnel" : "transport",
				c->spi_in, c->spi_out, suite(&c->choice, s, sizeof(s)));
			if (c->choice.group)
				fprintf(out, ", PFS %s", group_name(c->choice.group));
			fprintf(out, ", %llu s left\n",
				(unsigned long long)left(c->expires, now));
		}
	}
	for (i = 0; i < e->ntraps; i++)
		fprintf(out, "%s: trap, %s === %s, reqid %u\n", e->traps[i].conn->name,
			ts_str(&e->traps[i].local_ts, l, sizeof(l)),
			ts_str(&e->traps[i].remote_ts, r, sizeof(r)),
			e->traps[i].reqid);
}

void engine_status_json(const struct engine *e, uint64_t now, FILE *out)
{
	const struct ike_sa *sa;
	const struct child_sa *c;
	char b[KIPS_PREFIX_STRLEN + 16], subj[256];
	struct jw w;

	jw_init(&w, out);
	jw_arr_open(&w, NULL);
	for (sa = e->sas; sa; sa = sa->next) {
		jw_obj_open(&w, NULL);
		jw_str(&w, "conn", sa->conn->name);
		jw_u64(&w, "serial", sa->serial);
		jw_str(&w, "state", state_str(sa->state));
		jw_str(&w, "role", sa->initiator ? "initiator" : "responder");
		jw_str(&w, "exchange", sa->conn->exchange == CONF_AGGRESSIVE ?
		       "aggressive" : "main");
		jw_str(&w, "local", kips_addr_str(&sa->local.addr, b, sizeof(b)));
		jw_str(&w, "remote", kips_addr_str(&sa->remote.addr, b, sizeof(b)));
		jw_str(&w, "auth", sa->conn->auth == IKE_AUTH_RSA_SIG ? "rsasig" : "psk");
		if (sa->peer_cert)
			jw_str(&w, "peer_cert", cert_subject_str(sa->peer_cert, subj,
								 sizeof(subj)));
		if (sa->state == IKE_SA_ESTABLISHED) {
			jw_str(&w, "encryption", sa->p1.encr->name);
			jw_str(&w, "hash", sa->p1.hash->name);
			jw_str(&w, "group", group_name(sa->p1.group));
			jw_u64(&w, "lifetime", sa->p1.lifetime);
			jw_u64(&w, "seconds_left", left(sa->expires, now));
			dpd_status_json(sa, now, &w);
		}
		natt_status_json(sa, &w);
		ra_status_json(sa, &w);
		jw_arr_open(&w, "ipsec_sas");
		for (c = sa->children; c; c = c->next) {
			if (!c->in_installed || !c->out_installed)
				continue;
			jw_obj_open(&w, NULL);
			jw_str(&w, "local_ts", ts_str(&c->local_ts, b, sizeof(b)));
			jw_str(&w, "remote_ts", ts_str(&c->remote_ts, b, sizeof(b)));
			jw_str(&w, "protocol", c->choice.protocol == ISAKMP_PROTO_AH ?
			       "ah" : "esp");
			jw_str(&w, "mode", sa->conn->mode == KIPS_MODE_TUNNEL ?
			       "tunnel" : "transport");
			jw_u64(&w, "spi_in", c->spi_in);
			jw_u64(&w, "spi_out", c->spi_out);
			jw_u64(&w, "reqid", c->reqid);
			if (c->choice.encr)
				jw_str(&w, "encryption", c->choice.encr->name);
			if (c->choice.integ)
				jw_str(&w, "integrity", c->choice.integ->name);
			if (c->choice.group)
				jw_str(&w, "pfs", group_name(c->choice.group));
			jw_bool(&w, "esn", c->choice.esn);
			jw_u64(&w, "lifetime", c->choice.lifetime);
			jw_u64(&w, "seconds_left", left(c->expires, now));
			jw_obj_close(&w);
		}
		jw_arr_close(&w);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_end(&w);
}
