// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/socket.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

#include "nl.h"

#define KIPS_NL_RCVBUF (64 * 1024)

static int nl_fail(struct kips_nl *nl, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int nl_fail(struct kips_nl *nl, int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(nl->err, sizeof(nl->err), fmt, ap);
	va_end(ap);
	return err < 0 ? err : -err;
}

struct family_info {
	struct kips_nl *nl;
	bool found;
};

static int mcgrp_cb(const struct nlattr *grp, struct kips_nl *nl)
{
	const struct nlattr *tb[CTRL_ATTR_MCAST_GRP_MAX + 1] = { 0 };
	const char *name;
	uint32_t id;

	if (kips_nl_parse_nested(grp, tb, CTRL_ATTR_MCAST_GRP_MAX) < 0 ||
	    !tb[CTRL_ATTR_MCAST_GRP_NAME] || !tb[CTRL_ATTR_MCAST_GRP_ID])
		return MNL_CB_OK;
	name = mnl_attr_get_str(tb[CTRL_ATTR_MCAST_GRP_NAME]);
	id = mnl_attr_get_u32(tb[CTRL_ATTR_MCAST_GRP_ID]);
	if (!strcmp(name, KIPS_MCGRP_SA))
		nl->mcgrp_sa = id;
	else if (!strcmp(name, KIPS_MCGRP_POLICY))
		nl->mcgrp_policy = id;
	else if (!strcmp(name, KIPS_MCGRP_ACQUIRE))
		nl->mcgrp_acquire = id;
	return MNL_CB_OK;
}

static int family_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[CTRL_ATTR_MAX + 1] = { 0 };
	struct family_info *fi = data;
	const struct nlattr *grp;

	if (kips_nl_parse(nlh, tb, CTRL_ATTR_MAX) < 0 ||
	    !tb[CTRL_ATTR_FAMILY_ID])
		return MNL_CB_OK;
	fi->nl->family = mnl_attr_get_u16(tb[CTRL_ATTR_FAMILY_ID]);
	fi->found = true;
	if (tb[CTRL_ATTR_MCAST_GROUPS])
		mnl_attr_for_each_nested(grp, tb[CTRL_ATTR_MCAST_GROUPS])
			mcgrp_cb(grp, fi->nl);
	return MNL_CB_OK;
}

int kips_nl_open(struct kips_nl *nl)
{
	struct family_info fi = { .nl = nl };
	struct genlmsghdr *genl;
	struct nlmsghdr *nlh;
	int one = 1, size = KIPS_NL_RCVBUF, ret;

	memset(nl, 0, sizeof(*nl));
	nl->buf_size = MNL_SOCKET_BUFFER_SIZE;
	nl->buf = calloc(1, nl->buf_size);
	if (!nl->buf)
		return nl_fail(nl, ENOMEM, "out of memory");
	nl->sock = mnl_socket_open(NETLINK_GENERIC);
	if (!nl->sock) {
		ret = nl_fail(nl, errno, "cannot open a generic netlink socket: %s",
			      strerror(errno));
		kips_nl_close(nl);
		return ret;
	}
	/* Rejections carry the kernel's reason (extack) and no echo of our
	 * request, whose size we know anyway.
	 */
	mnl_socket_setsockopt(nl->sock, NETLINK_EXT_ACK, &one, sizeof(one));
	mnl_socket_setsockopt(nl->sock, NETLINK_CAP_ACK, &one, sizeof(one));
	setsockopt(mnl_socket_get_fd(nl->sock), SOL_SOCKET, SO_RCVBUF, &size,
		   sizeof(size));
	if (mnl_socket_bind(nl->sock, 0, MNL_SOCKET_AUTOPID) < 0) {
		ret = nl_fail(nl, errno, "cannot bind a netlink socket: %s",
			      strerror(errno));
		kips_nl_close(nl);
		return ret;
	}
	nl->portid = mnl_socket_get_portid(nl->sock);
	nl->seq = (uint32_t)time(NULL);

	nlh = mnl_nlmsg_put_header(nl->buf);
	nlh->nlmsg_type = GENL_ID_CTRL;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	nlh->nlmsg_seq = ++nl->seq;
	genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
	genl->cmd = CTRL_CMD_GETFAMILY;
	genl->version = 1;
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, KIPS_GENL_NAME);

	ret = kips_nl_call(nl, nlh, family_cb, &fi);
	if (ret == -ENOENT || (!ret && !fi.found)) {
		kips_nl_close(nl);
		return nl_fail(nl, ENOENT,
			       "the kips kernel module is not loaded (no generic netlink family \"%s\"); load it with: insmod kips.ko",
			       KIPS_GENL_NAME);
	}
	if (ret) {
		char why[KIPS_NL_ERR_MAX];

		snprintf(why, sizeof(why), "%s", nl->err);
		kips_nl_close(nl);
		return nl_fail(nl, ret, "cannot look up the kips netlink family: %s", why);
	}
	return 0;
}

void kips_nl_close(struct kips_nl *nl)
{
	if (nl->sock)
		mnl_socket_close(nl->sock);
	nl->sock = NULL;
	free(nl->buf);
	nl->buf = NULL;
}

struct nlmsghdr *kips_nl_new(struct kips_nl *nl, uint8_t cmd, uint16_t flags)
{
	struct genlmsghdr *genl;
	struct nlmsghdr *nlh;

	memset(nl->buf, 0, nl->buf_size);
	nlh = mnl_nlmsg_put_header(nl->buf);
	nlh->nlmsg_type = nl->family;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | flags;
	nlh->nlmsg_seq = ++nl->seq;
	genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
	genl->cmd = cmd;
	genl->version = KIPS_GENL_VERSION;
	return nlh;
}

/* libmnl hands one pointer to both the data and the control callbacks. */
struct call_ctx {
	struct kips_nl *nl;
	kips_nl_cb cb;
	void *data;
};

static int data_cb(const struct nlmsghdr *nlh, void *data)
{
	struct call_ctx *c = data;

	return c->cb ? c->cb(nlh, c->data) : MNL_CB_OK;
}

/* Reads the extack of an error message into nl->err. */
static int error_cb(const struct nlmsghdr *nlh, void *data)
{
	struct kips_nl *nl = ((struct call_ctx *)data)->nl;
	const struct nlmsgerr *e = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *attr;
	const char *msg = NULL;
	size_t off;

	if (nlh->nlmsg_len < mnl_nlmsg_size(sizeof(*e)))
		return nl_fail(nl, EBADMSG, "truncated netlink error message"), MNL_CB_ERROR;
	if (e->error == 0)
		return MNL_CB_STOP;

	nl->bad_attr_offset = 0;
	if (nlh->nlmsg_flags & NLM_F_ACK_TLVS) {
		off = sizeof(*e);
		if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
			off += e->msg.nlmsg_len - sizeof(e->msg);
		mnl_attr_for_each(attr, nlh, off) {
			if (mnl_attr_get_type(attr) == NLMSGERR_ATTR_MSG &&
			    mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) == 0)
				msg = mnl_attr_get_str(attr);
			else if (mnl_attr_get_type(attr) == NLMSGERR_ATTR_OFFS &&
				 mnl_attr_validate(attr, MNL_TYPE_U32) == 0)
				nl->bad_attr_offset = mnl_attr_get_u32(attr);
		}
	}
	if (msg && *msg)
		nl_fail(nl, e->error, "%s", msg);
	else if (e->error == -EPERM)
		nl_fail(nl, e->error, "%s (this needs CAP_NET_ADMIN)", strerror(-e->error));
	else
		nl_fail(nl, e->error, "%s", strerror(-e->error));
	nl->error = e->error;
	return MNL_CB_ERROR;
}

/* The end of a dump.  libmnl's own handling of NLMSG_DONE is skipped once
 * a control-callback array is given, so without this a dump never ends.  A
 * dump that failed part-way carries its error (and maybe an extack) here.
 */
static int done_cb(const struct nlmsghdr *nlh, void *data)
{
	struct kips_nl *nl = ((struct call_ctx *)data)->nl;
	const struct nlattr *attr;
	const char *msg = NULL;
	int error;

	if (nlh->nlmsg_len < mnl_nlmsg_size(sizeof(error)))
		return MNL_CB_STOP;
	memcpy(&error, mnl_nlmsg_get_payload(nlh), sizeof(error));
	if (error >= 0)
		return MNL_CB_STOP;
	if (nlh->nlmsg_flags & NLM_F_ACK_TLVS)
		mnl_attr_for_each(attr, nlh, NLMSG_ALIGN(sizeof(error)))
			if (mnl_attr_get_type(attr) == NLMSGERR_ATTR_MSG &&
			    mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) == 0)
				msg = mnl_attr_get_str(attr);
	nl_fail(nl, error, "%s", msg && *msg ? msg : strerror(-error));
	nl->error = error;
	return MNL_CB_ERROR;
}

uint8_t kips_nl_cmd(const struct nlmsghdr *nlh)
{
	const struct genlmsghdr *genl = mnl_nlmsg_get_payload(nlh);

	return genl->cmd;
}

int kips_nl_call(struct kips_nl *nl, struct nlmsghdr *nlh, kips_nl_cb cb,
		 void *data)
{
	static mnl_cb_t ctl[NLMSG_MIN_TYPE] = {
		[NLMSG_ERROR] = error_cb,
		[NLMSG_DONE] = done_cb,
	};
	struct call_ctx c = { nl, cb, data };
	char *rbuf;
	ssize_t n;
	int ret;

	nl->err[0] = 0;
	nl->bad_attr_offset = 0;
	if (mnl_socket_sendto(nl->sock, nlh, nlh->nlmsg_len) < 0)
		return nl_fail(nl, errno, "netlink send failed: %s", strerror(errno));

	rbuf = malloc(KIPS_NL_RCVBUF);
	if (!rbuf)
		return nl_fail(nl, ENOMEM, "out of memory");
	for (;;) {
		n = mnl_socket_recvfrom(nl->sock, rbuf, KIPS_NL_RCVBUF);
		if (n < 0) {
			ret = nl_fail(nl, errno, "netlink receive failed: %s",
				      strerror(errno));
			break;
		}
		nl->error = 0;
		errno = 0;
		ret = mnl_cb_run2(rbuf, n, nlh->nlmsg_seq, nl->portid,
				  data_cb, &c, ctl, NLMSG_MIN_TYPE);
		if (ret == MNL_CB_ERROR) {
			/* error_cb stored the kernel's code and reason. */
			ret = nl->error ? nl->error : -(errno ? errno : EPROTO);
			if (!nl->err[0])
				nl_fail(nl, ret, "%s", strerror(-ret));
			break;
		}
		if (ret == MNL_CB_STOP) {
			ret = 0;
			break;
		}
	}
	free(rbuf);
	return ret;
}

int kips_nl_subscribe(struct kips_nl *nl, const char *group)
{
	uint32_t id = 0;

	if (!strcmp(group, KIPS_MCGRP_SA))
		id = nl->mcgrp_sa;
	else if (!strcmp(group, KIPS_MCGRP_POLICY))
		id = nl->mcgrp_policy;
	else if (!strcmp(group, KIPS_MCGRP_ACQUIRE))
		id = nl->mcgrp_acquire;
	if (!id)
		return nl_fail(nl, ENOENT, "the kips module has no multicast group \"%s\"", group);
	if (mnl_socket_setsockopt(nl->sock, NETLINK_ADD_MEMBERSHIP, &id, sizeof(id)) < 0)
		return nl_fail(nl, errno, "cannot join multicast group \"%s\": %s",
			       group, strerror(errno));
	return 0;
}

int kips_nl_listen(struct kips_nl *nl, kips_nl_cb cb, void *data)
{
	char *rbuf = malloc(KIPS_NL_RCVBUF);
	ssize_t n;
	int ret;

	if (!rbuf)
		return nl_fail(nl, ENOMEM, "out of memory");
	for (;;) {
		n = mnl_socket_recvfrom(nl->sock, rbuf, KIPS_NL_RCVBUF);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno == ENOBUFS) {
				/* Events were lost; say so, keep listening. */
				fprintf(stderr, "kips: events lost (receive buffer overrun)\n");
				continue;
			}
			ret = nl_fail(nl, errno, "netlink receive failed: %s", strerror(errno));
			break;
		}
		ret = mnl_cb_run(rbuf, n, 0, 0, cb, data);
		if (ret <= MNL_CB_STOP) {
			ret = ret == MNL_CB_STOP ? 0 : -EPROTO;
			break;
		}
	}
	free(rbuf);
	return ret;
}

/* Counts the messages mnl_cb_run() hands on, for kips_nl_recv_events(). */
struct count_ctx {
	kips_nl_cb cb;
	void *data;
	int n;
};

static int count_cb(const struct nlmsghdr *nlh, void *data)
{
	struct count_ctx *c = data;

	c->n++;
	return c->cb(nlh, c->data);
}

int kips_nl_recv_events(struct kips_nl *nl, kips_nl_cb cb, void *data)
{
	struct count_ctx c = { cb, data, 0 };
	char *rbuf = malloc(KIPS_NL_RCVBUF);
	ssize_t n;
	int ret = 0;

	if (!rbuf)
		return nl_fail(nl, ENOMEM, "out of memory");
	for (;;) {
		n = recv(mnl_socket_get_fd(nl->sock), rbuf, KIPS_NL_RCVBUF,
			 MSG_DONTWAIT);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN || errno == EWOULDBLOCK)
				ret = c.n;
			else if (errno == ENOBUFS)
				ret = nl_fail(nl, ENOBUFS,
					      "events lost (receive buffer overrun)");
			else
				ret = nl_fail(nl, errno, "netlink receive failed: %s",
					      strerror(errno));
			break;
		}
		ret = mnl_cb_run(rbuf, n, 0, 0, count_cb, &c);
		if (ret <= MNL_CB_STOP) {
			ret = c.n;
			break;
		}
	}
	free(rbuf);
	return ret;
}

int kips_nl_fd(const struct kips_nl *nl)
{
	return mnl_socket_get_fd(nl->sock);
}

struct parse_ctx {
	const struct nlattr **tb;
	unsigned int max;
};

static int parse_attr_cb(const struct nlattr *attr, void *data)
{
	struct parse_ctx *p = data;
	unsigned int type = mnl_attr_get_type(attr);

	/* Unknown (newer) attributes are skipped, not errors. */
	if (type <= p->max)
		p->tb[type] = attr;
	return MNL_CB_OK;
}

int kips_nl_parse(const struct nlmsghdr *nlh, const struct nlattr **tb,
		  unsigned int max)
{
	struct parse_ctx p = { tb, max };

	return mnl_attr_parse(nlh, sizeof(struct genlmsghdr), parse_attr_cb, &p) < 0 ? -EBADMSG : 0;
}

int kips_nl_parse_nested(const struct nlattr *nest, const struct nlattr **tb,
			 unsigned int max)
{
	struct parse_ctx p = { tb, max };

	return mnl_attr_parse_nested(nest, parse_attr_cb, &p) < 0 ? -EBADMSG : 0;
}
