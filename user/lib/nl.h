/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A small client of the kips generic-netlink family, on libmnl: open the
 * family, send a request, collect the replies, and turn a kernel rejection
 * into one line that carries the kernel's own extack message.
 */
#ifndef KIPS_NL_H
#define KIPS_NL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <libmnl/libmnl.h>
#include <linux/kips.h>

#define KIPS_NL_ERR_MAX 512

struct kips_nl {
	struct mnl_socket *sock;
	uint16_t family;
	uint32_t seq;
	uint32_t portid;
	uint32_t mcgrp_sa, mcgrp_policy, mcgrp_acquire;
	/* The last failure, one line, without a trailing newline. */
	char err[KIPS_NL_ERR_MAX];
	/* The kernel's error code of the last rejection (negative), or 0. */
	int error;
	/* Where the last rejection pointed in the request (0: nowhere). */
	uint32_t bad_attr_offset;
	/* Request buffer, reused by kips_nl_new(). */
	char *buf;
	size_t buf_size;
};

/* Opens the family.  Returns 0, or -ENOENT when the module is not loaded
 * (nl->err says so), or another -errno.
 */
int kips_nl_open(struct kips_nl *nl);
void kips_nl_close(struct kips_nl *nl);

/* Starts a request for @cmd in nl's buffer; @flags are NLM_F_* beyond
 * NLM_F_REQUEST|NLM_F_ACK (e.g. NLM_F_DUMP).
 */
struct nlmsghdr *kips_nl_new(struct kips_nl *nl, uint8_t cmd, uint16_t flags);

/* Called for each reply message; return MNL_CB_OK to go on, MNL_CB_ERROR to
 * stop (set nl->err first).  The payload starts after the genl header.
 */
typedef int (*kips_nl_cb)(const struct nlmsghdr *nlh, void *data);

/* Sends @nlh and processes every reply until the kernel's ACK or the end of
 * a dump.  Returns 0 or -errno (nl->err then says why).
 */
int kips_nl_call(struct kips_nl *nl, struct nlmsghdr *nlh, kips_nl_cb cb,
		 void *data);

/* Joins a multicast group by name (KIPS_MCGRP_*). */
int kips_nl_subscribe(struct kips_nl *nl, const char *group);

/* Receives and processes multicast messages until @cb stops it or an error. */
int kips_nl_listen(struct kips_nl *nl, kips_nl_cb cb, void *data);

/* Processes the multicast messages already queued, without waiting: for a
 * socket in an event loop (poll kips_nl_fd() for input, then call this).
 * Returns how many messages it handed to @cb, or -errno: -ENOBUFS means
 * events were lost (the receive buffer overran) and the caller should
 * re-read the state it keeps; the socket stays usable.  A @cb that returns
 * MNL_CB_STOP or MNL_CB_ERROR ends it early with the count so far.
 */
int kips_nl_recv_events(struct kips_nl *nl, kips_nl_cb cb, void *data);

/* The socket's file descriptor, for poll(2) and epoll(7). */
int kips_nl_fd(const struct kips_nl *nl);

/* The genl command of a reply or event. */
uint8_t kips_nl_cmd(const struct nlmsghdr *nlh);

/* Parses a message's top-level attributes into tb[0..max]. */
int kips_nl_parse(const struct nlmsghdr *nlh, const struct nlattr **tb,
		  unsigned int max);
/* Parses a nest's attributes into tb[0..max]. */
int kips_nl_parse_nested(const struct nlattr *nest, const struct nlattr **tb,
			 unsigned int max);

#endif /* KIPS_NL_H */
