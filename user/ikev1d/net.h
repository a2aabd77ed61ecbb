/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ISAKMP's UDP sockets: two for each local address the connections use,
 * one bound to port 500 (or another, for tests) and one to NAT-T's 4500,
 * so every datagram goes out from the address and port its SA uses and
 * arrives knowing where it was sent.  On 4500 ISAKMP travels behind the
 * non-ESP marker (RFC 3948 2.2), added and stripped here, so the engine
 * never sees it.
 */
#ifndef IKEV1D_NET_H
#define IKEV1D_NET_H

#include <stddef.h>
#include <stdint.h>

#include "conf.h"
#include "engine.h"

#define NET_MAX_SOCKETS 32

struct net {
	size_t n;
	int fd[NET_MAX_SOCKETS];
	struct ike_endpoint local[NET_MAX_SOCKETS];
};

/* Opens the sockets for @c's local addresses; -1 (logged) on failure. */
int net_open(struct net *net, const struct conf *c, uint16_t port);
void net_close(struct net *net);

/* engine_ops.send for @ctx a struct net.  From port 4500 the marker goes
 * first, except in front of a NAT keepalive (one 0xFF byte).
 */
int net_send(void *ctx, const struct ike_endpoint *local,
	     const struct ike_endpoint *remote, const uint8_t *buf, size_t len);

/* Reads one datagram of socket @i into @buf: its ISAKMP message's length
 * (the marker stripped on port 4500), NET_SKIP for a datagram that is not
 * one (a keepalive; anything without the marker on 4500, logged), or -1
 * when there is nothing left to read.
 */
#define NET_SKIP	(-2)
long net_recv(struct net *net, size_t i, uint8_t *buf, size_t len,
	      struct ike_endpoint *remote);

#endif /* IKEV1D_NET_H */
