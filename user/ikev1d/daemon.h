/* SPDX-License-Identifier: GPL-2.0 */
/* The daemon: configuration, sockets, kernel and engine in one loop. */
#ifndef IKEV1D_DAEMON_H
#define IKEV1D_DAEMON_H

#include <stdbool.h>

struct daemon_opts {
	const char *conf_path;
	const char *ctl_path;	/* control socket */
	bool debug;
	bool syslog;
	bool no_kernel;		/* negotiate only: log what would be installed */
};

/* Runs until SIGINT or SIGTERM; returns the exit status. */
int daemon_run(const struct daemon_opts *o);

#endif /* IKEV1D_DAEMON_H */
