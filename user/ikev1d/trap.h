/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Traps (start = trap): a connection's policies installed before it has
 * any SA, so that the first packet that needs them makes the kernel ask
 * for SAs (an ACQUIRE event) and the engine negotiates them.  A trap's
 * policies stay while its SAs come and go; the SAs use the trap's reqid,
 * which its policies' templates name.
 */
#ifndef IKEV1D_TRAP_H
#define IKEV1D_TRAP_H

#include <stdint.h>

#include "conf.h"
#include "spd.h"

struct engine;

struct trap {
	const struct conf_conn *conn;
	struct conf_ts local_ts, remote_ts;	/* resolved */
	uint32_t reqid;
	struct spd_entry spd;
};

/* The trap of conn @c for selectors @l and @r, or NULL. */
const struct trap *trap_find(const struct engine *e, const struct conf_conn *c,
			     const struct conf_ts *l, const struct conf_ts *r);
/* Removes every trap. */
void traps_free(struct engine *e);

#endif /* IKEV1D_TRAP_H */
