// SPDX-License-Identifier: GPL-2.0
/* Traps and the kernel's requests for SAs (see trap.h). */
#include <stdlib.h>
#include <string.h>

#include "child.h"
#include "ike.h"
#include "log.h"
#include "trap.h"

const struct trap *trap_find(const struct engine *e, const struct conf_conn *c,
			     const struct conf_ts *l, const struct conf_ts *r)
{
	size_t i;

	for (i = 0; i < e->ntraps; i++)
		if (e->traps[i].conn == c && ts_equal(&e->traps[i].local_ts, l) &&
		    ts_equal(&e->traps[i].remote_ts, r))
			return &e->traps[i];
	return NULL;
}

static bool routed(const struct engine *e, const struct conf_conn *c)
{
	size_t i;

	for (i = 0; i < e->ntraps; i++)
		if (e->traps[i].conn == c)
			return true;
	return false;
}

static int add_trap(struct engine *e, const struct conf_conn *c,
		    const struct conf_ts *l, const struct conf_ts *r)
{
	struct trap *t, *grown;
	char a[KIPS_PREFIX_STRLEN], b[KIPS_PREFIX_STRLEN];

	grown = realloc(e->traps, (e->ntraps + 1) * sizeof(*grown));
	if (!grown)
		return -1;
	e->traps = grown;
	t = &e->traps[e->ntraps];
	memset(t, 0, sizeof(*t));
	t->conn = c;
	ts_resolve(l, &c->local, &t->local_ts);
	ts_resolve(r, &c->remote, &t->remote_ts);
	if (t->local_ts.net.family != t->remote_ts.net.family)
		return 0;	/* not a pair (see conf.h) */
	t->reqid = ++e->next_reqid;
	if (spd_install(e, c, &c->local, &c->remote, &t->local_ts, &t->remote_ts,
			ip_proto_of(c->ipsec_protocol), t->reqid, &t->spd)) {
		log_error("%s: cannot install the trap policies", c->name);
		return -1;
	}
	e->ntraps++;
	log_info("%s: trap for %s <-> %s (reqid %u): traffic will start it",
		 c->name, kips_prefix_str(&t->local_ts.net, a, sizeof(a)),
		 kips_prefix_str(&t->remote_ts.net, b, sizeof(b)), t->reqid);
	return 0;
}

static void remove_trap(struct engine *e, size_t i)
{
	spd_remove(e, &e->traps[i].spd);
	e->traps[i] = e->traps[--e->ntraps];
}

int engine_unroute(struct engine *e, const char *name)
{
	const struct conf_conn *c = conf_find(e->conf, name);
	size_t i = 0;
	int found = -1;

	while (c && i < e->ntraps) {
		if (e->traps[i].conn == c) {
			remove_trap(e, i);
			found = 0;
		} else {
			i++;
		}
	}
	return found;
}

int engine_route(struct engine *e, const char *name)
{
	const struct conf_conn *c = conf_find(e->conf, name);
	size_t i, j;

	if (!c || !c->remote.family) {
		log_error("%s: %s", name, c ? "cannot trap traffic for a peer at %any" :
			  "no such connection");
		return -1;
	}
	if (routed(e, c))
		return 0;
	for (i = 0; i < c->nlocal_ts; i++)
		for (j = 0; j < c->nremote_ts; j++)
			if (add_trap(e, c, &c->local_ts[i], &c->remote_ts[j])) {
				engine_unroute(e, name);
				return -1;
			}
	return 0;
}

void traps_free(struct engine *e)
{
	while (e->ntraps)
		remove_trap(e, e->ntraps - 1);
	free(e->traps);
	e->traps = NULL;
}

void engine_acquire(struct engine *e, uint32_t reqid, uint64_t now_ms)
{
	char a[KIPS_PREFIX_STRLEN], b[KIPS_PREFIX_STRLEN];
	const struct trap *t = NULL;
	struct ike_sa *sa;
	size_t i;

	e->now = now_ms;
	for (i = 0; i < e->ntraps && !t; i++)
		if (e->traps[i].reqid == reqid)
			t = &e->traps[i];
	if (!t) {
		log_debug("kernel: ACQUIRE for reqid %u, which is not a trap of ours",
			  reqid);
		return;
	}
	log_info("%s: the kernel asks for SAs for %s <-> %s", t->conn->name,
		 kips_prefix_str(&t->local_ts.net, a, sizeof(a)),
		 kips_prefix_str(&t->remote_ts.net, b, sizeof(b)));
	sa = ike_sa_of_conn(e, t->conn, true);
	if (sa) {
		/* Installed or being negotiated: the kernel asked again
		 * before the answer arrived.
		 */
		if (child_find(sa, &t->local_ts, &t->remote_ts))
			return;
		quick_mode_start(sa, &t->local_ts, &t->remote_ts, NULL);
		engine_reap(e);
		return;
	}
	if (ike_sa_of_conn(e, t->conn, false)) {
		log_info("%s: phase 1 is under way", t->conn->name);
		return;
	}
	engine_initiate(e, t->conn->name, now_ms);
}
