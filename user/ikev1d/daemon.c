// SPDX-License-Identifier: GPL-2.0
/*
 * The daemon's loop: epoll over the ISAKMP sockets and a signalfd, with
 * the engine's next timer as the timeout.  Connections with start = start
 * are initiated at once; SIGINT and SIGTERM take every SA down (telling
 * the peers) and end the program.
 */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "conf.h"
#include "control.h"
#include "daemon.h"
#include "engine.h"
#include "kernel.h"
#include "log.h"
#include "net.h"
#include "vip_netlink.h"

#define MAX_DATAGRAM 65535

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void to_syslog(void *ctx, enum ike_log_level level, const char *line)
{
	static const int prio[] = { LOG_ERR, LOG_WARNING, LOG_INFO, LOG_DEBUG };

	(void)ctx;
	syslog(prio[level], "%s", line);
}

static int signals(void)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	if (sigprocmask(SIG_BLOCK, &set, NULL))
		return -1;
	return signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
}

static void start_conns(struct engine *e, const struct conf *c)
{
	size_t i;

	for (i = 0; i < c->nconns; i++)
		if (c->conns[i].auto_start)
			engine_initiate(e, c->conns[i].name, now_ms());
		else if (c->conns[i].trap)
			engine_route(e, c->conns[i].name);
}

#define EV_SIGNAL	UINT64_MAX
#define EV_CONTROL	(UINT64_MAX - 1)
#define EV_KERNEL	(UINT64_MAX - 2)

static int loop(struct engine *e, struct engine_ops *ops, struct net *net,
		int sfd, int cfd, int kfd)
{
	static uint8_t buf[MAX_DATAGRAM];
	struct epoll_event ev = { .events = EPOLLIN };
	int ep = epoll_create1(EPOLL_CLOEXEC);
	size_t i;

	if (ep < 0)
		return -1;
	ev.data.u64 = EV_SIGNAL;
	epoll_ctl(ep, EPOLL_CTL_ADD, sfd, &ev);
	ev.data.u64 = EV_CONTROL;
	epoll_ctl(ep, EPOLL_CTL_ADD, cfd, &ev);
	if (kfd >= 0) {
		ev.data.u64 = EV_KERNEL;
		epoll_ctl(ep, EPOLL_CTL_ADD, kfd, &ev);
	}
	for (i = 0; i < net->n; i++) {
		ev.data.u64 = i;
		epoll_ctl(ep, EPOLL_CTL_ADD, net->fd[i], &ev);
	}
	for (;;) {
		struct epoll_event evs[8];
		uint64_t now = now_ms(), next = engine_next_timer(e);
		int timeout = next == UINT64_MAX ? -1 :
			      next <= now ? 0 : (int)(next - now > 60000 ? 60000 : next - now);
		int n = epoll_wait(ep, evs, 8, timeout), k;

		if (n < 0 && errno != EINTR)
			break;
		for (k = 0; k < n; k++) {
			struct ike_endpoint remote;
			long len;

			if (evs[k].data.u64 == EV_SIGNAL) {
				log_info("signalled: taking every SA down");
				close(ep);
				return 0;
			}
			if (evs[k].data.u64 == EV_CONTROL) {
				control_serve(cfd, e, now_ms());
				continue;
			}
			if (evs[k].data.u64 == EV_KERNEL) {
				kernel_kips_events(ops, e, now_ms());
				continue;
			}
			i = evs[k].data.u64;
			while ((len = net_recv(net, i, buf, sizeof(buf), &remote)) != -1)
				if (len >= 0)
					engine_input(e, buf, len, &net->local[i],
						     &remote, now_ms());
		}
		engine_tick(e, now_ms());
	}
	close(ep);
	return -1;
}

int daemon_run(const struct daemon_opts *o)
{
	struct engine_ops ops = { .send = net_send };
	struct conf conf;
	struct net net;
	struct engine *e;
	int sfd, cfd = -1, ret = 1;

	if (o->syslog) {
		openlog("ikev1d", LOG_PID, LOG_DAEMON);
		ike_log_setup(o->debug ? IKE_LOG_DEBUG : IKE_LOG_INFO, to_syslog, NULL);
	} else {
		ike_log_setup(o->debug ? IKE_LOG_DEBUG : IKE_LOG_INFO, NULL, NULL);
	}
	if (conf_load(o->conf_path, &conf, NULL)) {
		conf_free(&conf);
		return 1;
	}
	if (net_open(&net, &conf, IKE_PORT))
		goto out_conf;
	ops.ctx = &net;
	if (o->no_kernel)
		kernel_none_open(&ops);
	else if (kernel_kips_open(&ops))
		goto out_net;
	else if (kernel_kips_bypass(&ops, net.local, net.n))
		goto out_kernel_only;
	if (!o->no_kernel)
		ops.set_vip = vip_netlink_set;
	sfd = signals();
	cfd = control_listen(o->ctl_path);
	e = sfd >= 0 && cfd >= 0 ? engine_new(&conf, &ops) : NULL;
	if (!e)
		goto out_kernel;
	log_info("ikev1d %s: %zu connections from %s", KIPS_VERSION, conf.nconns,
		 o->conf_path);
	start_conns(e, &conf);
	ret = loop(e, &ops, &net, sfd, cfd,
		   o->no_kernel ? -1 : kernel_kips_event_fd(&ops)) ? 1 : 0;
	engine_free(e, now_ms());
out_kernel:
	if (sfd >= 0)
		close(sfd);
	if (cfd >= 0) {
		close(cfd);
		unlink(o->ctl_path);
	}
out_kernel_only:
	if (!o->no_kernel)
		kernel_kips_close(&ops);
out_net:
	net_close(&net);
out_conf:
	conf_free(&conf);
	return ret;
}
