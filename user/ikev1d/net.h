/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ISAKMP's UDP sockets: one bound to port 500 (or another, for tests) of
 * each local address the connections use, so every datagram goes out from
 * the address its SA belongs to and arrives knowing where it was sent.
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

/* engine_ops.send for @ctx a struct net. */
int net_send(void *ctx, const struct ike_endpoint *local,
	     const struct ike_endpoint *remote, const uint8_t *buf, size_t len);

/* Reads one datagram of socket @i into @buf; its length, or -1. */
long net_recv(struct net *net, size_t i, uint8_t *buf, size_t len,
	      struct ike_endpoint *remote);

#endif /* IKEV1D_NET_H */
