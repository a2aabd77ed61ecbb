/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the engine has: ISAKMP SAs with their state, peer, algorithms and
 * lifetimes, and the IPsec SA pairs under each, as text for people or as
 * JSON for programs (`ikev1ctl status`, `ikev1ctl -j status`).
 */
#ifndef IKEV1D_STATUS_H
#define IKEV1D_STATUS_H

#include <stdint.h>
#include <stdio.h>

#include "engine.h"

void engine_status_text(const struct engine *e, uint64_t now_ms, FILE *out);
void engine_status_json(const struct engine *e, uint64_t now_ms, FILE *out);

#endif /* IKEV1D_STATUS_H */
