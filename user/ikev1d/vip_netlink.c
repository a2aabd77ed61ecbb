// SPDX-License-Identifier: GPL-2.0
/*
 * The address mode config assigned, put on (and taken off) an interface
 * with rtnetlink, as `ip addr add ADDR/32 dev DEV` would.  Its prefix
 * length is the one struct kips_addr carries (/32 for a virtual IP, so
 * that no route to the server's whole pool appears on the device).
 */
#include <errno.h>
#include <net/if.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libmnl/libmnl.h>
#include <linux/if_addr.h>
#include <linux/rtnetlink.h>

#include "vip_netlink.h"

int vip_netlink_set(void *ctx, const struct kips_addr *a, const char *dev,
		    bool add)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	unsigned int ifindex = if_nametoindex(dev);
	struct mnl_socket *nl;
	struct nlmsghdr *nlh;
	struct ifaddrmsg *ifa;
	uint32_t seq = (uint32_t)time(NULL), portid;
	ssize_t n;
	int ret;

	(void)ctx;
	if (!ifindex)
		return -ENODEV;
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = add ? RTM_NEWADDR : RTM_DELADDR;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK |
			   (add ? NLM_F_CREATE | NLM_F_EXCL : 0);
	nlh->nlmsg_seq = seq;
	ifa = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifa));
	ifa->ifa_family = a->family;
	ifa->ifa_prefixlen = a->prefixlen;
	ifa->ifa_scope = RT_SCOPE_UNIVERSE;
	ifa->ifa_index = ifindex;
	mnl_attr_put(nlh, IFA_LOCAL, kips_addr_len(a), a->bytes);
	mnl_attr_put(nlh, IFA_ADDRESS, kips_addr_len(a), a->bytes);

	nl = mnl_socket_open(NETLINK_ROUTE);
	if (!nl)
		return -errno;
	if (mnl_socket_bind(nl, 0, MNL_SOCKET_AUTOPID) < 0) {
		ret = -errno;
		goto out;
	}
	portid = mnl_socket_get_portid(nl);
	if (mnl_socket_sendto(nl, nlh, nlh->nlmsg_len) < 0) {
		ret = -errno;
		goto out;
	}
	n = mnl_socket_recvfrom(nl, buf, sizeof(buf));
	if (n < 0) {
		ret = -errno;
		goto out;
	}
	ret = mnl_cb_run(buf, n, seq, portid, NULL, NULL);
	ret = ret < 0 ? -errno : 0;
out:
	mnl_socket_close(nl);
	return ret;
}
