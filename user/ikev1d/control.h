/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The control socket: a UNIX SOCK_SEQPACKET socket (only root may use
 * it), one request per connection, one answer.  Requests are words:
 *
 *   status [json]      the SAs, as text or JSON
 *   up NAME            initiate connection NAME
 *   down NAME          delete its SAs, telling the peer
 *
 * The answer is "0\n" and the output, or "1\n" and one line saying why.
 */
#ifndef IKEV1D_CONTROL_H
#define IKEV1D_CONTROL_H

#include <stdint.h>
#include <stdio.h>

#include "engine.h"

#define CONTROL_SOCKET	"/run/ikev1d.ctl"
#define CONTROL_REQ_MAX	256

/* Carries out @req; writes the answer's text to @out, returns 0 or 1. */
int control_handle(struct engine *e, const char *req, FILE *out,
		   uint64_t now_ms);

/* The listening socket at @path (replacing a stale one); -1 on failure. */
int control_listen(const char *path);

/* Accepts one client on @fd and answers it. */
void control_serve(int fd, struct engine *e, uint64_t now_ms);

#endif /* IKEV1D_CONTROL_H */
