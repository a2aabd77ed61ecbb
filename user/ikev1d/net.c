// SPDX-License-Identifier: GPL-2.0
/* UDP sockets for ISAKMP, on port 500 and NAT-T's 4500. */
#include <errno.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "natt.h"
#include "net.h"

static socklen_t to_sockaddr(const struct ike_endpoint *ep,
			     struct sockaddr_storage *ss)
{
	memset(ss, 0, sizeof(*ss));
	if (ep->addr.family == AF_INET6) {
		struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)ss;

		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons(ep->port);
		memcpy(&s6->sin6_addr, ep->addr.bytes, 16);
		return sizeof(*s6);
	} else {
		struct sockaddr_in *s4 = (struct sockaddr_in *)ss;

		s4->sin_family = AF_INET;
		s4->sin_port = htons(ep->port);
		memcpy(&s4->sin_addr, ep->addr.bytes, 4);
		return sizeof(*s4);
	}
}

static int open_one(struct net *net, const struct kips_addr *a, uint16_t port)
{
	struct ike_endpoint *ep = &net->local[net->n];
	struct sockaddr_storage ss;
	char buf[KIPS_PREFIX_STRLEN];
	socklen_t len;
	int fd, one = 1;

	ep->addr = *a;
	ep->port = port;
	len = to_sockaddr(ep, &ss);
	fd = socket(a->family, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) ||
	    (a->family == AF_INET6 &&
	     setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof(one))) ||
	    bind(fd, (struct sockaddr *)&ss, len)) {
		log_error("cannot listen on %s port %u: %s",
			  kips_addr_str(a, buf, sizeof(buf)), port, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	net->fd[net->n++] = fd;
	return 0;
}

int net_open(struct net *net, const struct conf *c, uint16_t port)
{
	size_t i, j;

	memset(net, 0, sizeof(*net));
	for (i = 0; i < c->nconns; i++) {
		for (j = 0; j < net->n; j++)
			if (kips_addr_equal(&net->local[j].addr, &c->conns[i].local))
				break;
		if (j < net->n)
			continue;
		if (net->n + 2 > NET_MAX_SOCKETS) {
			log_error("more than %d local addresses", NET_MAX_SOCKETS / 2);
			goto fail;
		}
		/* NAT-T's port beside IKE's (RFC 3947 4): the initiator
		 * floats to it from main mode message 5 on.
		 */
		if (open_one(net, &c->conns[i].local, port) ||
		    open_one(net, &c->conns[i].local, IKE_NATT_PORT))
			goto fail;
	}
	return 0;
fail:
	net_close(net);
	return -1;
}

void net_close(struct net *net)
{
	while (net->n)
		close(net->fd[--net->n]);
}

int net_send(void *ctx, const struct ike_endpoint *local,
	     const struct ike_endpoint *remote, const uint8_t *buf, size_t len)
{
	static const uint8_t marker[NATT_MARKER_LEN];
	struct net *net = ctx;
	struct sockaddr_storage ss;
	struct iovec iov[2] = {
		{ (void *)marker, sizeof(marker) }, { (void *)buf, len },
	};
	struct msghdr mh = {
		.msg_name = &ss, .msg_namelen = to_sockaddr(remote, &ss),
		.msg_iov = iov, .msg_iovlen = 2,
	};
	size_t i;

	for (i = 0; i < net->n; i++)
		if (kips_addr_equal(&net->local[i].addr, &local->addr) &&
		    net->local[i].port == local->port)
			break;
	if (i == net->n)
		return -EADDRNOTAVAIL;
	/* ISAKMP on 4500 follows the non-ESP marker; a keepalive does not. */
	if (local->port != IKE_NATT_PORT ||
	    (len == 1 && buf[0] == NATT_KEEPALIVE_BYTE)) {
		mh.msg_iov = iov + 1;
		mh.msg_iovlen = 1;
	}
	if (sendmsg(net->fd[i], &mh, 0) < 0)
		return -errno;
	return 0;
}

/* Not IKE on port 4500: said once a second at most, whoever floods it. */
static void not_ike(const struct ike_endpoint *remote, size_t len)
{
	static time_t last;
	char a[KIPS_PREFIX_STRLEN];
	time_t now = time(NULL);

	if (now == last)
		return;
	last = now;
	log_warn("%s port %u: %zu bytes on port %u without the non-ESP marker: "
		 "not IKE, dropped", kips_addr_str(&remote->addr, a, sizeof(a)),
		 remote->port, len, IKE_NATT_PORT);
}

long net_recv(struct net *net, size_t i, uint8_t *buf, size_t len,
	      struct ike_endpoint *remote)
{
	struct sockaddr_storage ss;
	socklen_t sl = sizeof(ss);
	ssize_t n = recvfrom(net->fd[i], buf, len, 0, (struct sockaddr *)&ss, &sl);

	if (n < 0)
		return -1;
	memset(remote, 0, sizeof(*remote));
	if (ss.ss_family == AF_INET6) {
		struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&ss;

		kips_addr_from_raw(&remote->addr, &s6->sin6_addr, 16);
		remote->port = ntohs(s6->sin6_port);
	} else {
		struct sockaddr_in *s4 = (struct sockaddr_in *)&ss;

		kips_addr_from_raw(&remote->addr, &s4->sin_addr, 4);
		remote->port = ntohs(s4->sin_port);
	}
	if (net->local[i].port != IKE_NATT_PORT)
		return n;
	switch (natt_classify(buf, n)) {
	case NATT_RX_IKE:
		memmove(buf, buf + NATT_MARKER_LEN, n - NATT_MARKER_LEN);
		return n - NATT_MARKER_LEN;
	case NATT_RX_KEEPALIVE:
		return NET_SKIP;
	case NATT_RX_NOT_IKE:
		break;
	}
	not_ike(remote, n);
	return NET_SKIP;
}
