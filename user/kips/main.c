// SPDX-License-Identifier: GPL-2.0
/*
 * kips: the ip-style command for the kips IPsec module.
 *
 *   kips [ OPTIONS ] OBJECT { COMMAND | help }
 *   kips [ OPTIONS ] -batch FILE
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "kips.h"

/* "-j" and "--json" and "-json" alike; at least @shortest must be typed. */
static bool is_opt(const char *arg, const char *shortest, const char *full)
{
	if (arg[0] == '-' && arg[1] == '-')
		arg++;
	return !strncmp(arg, full, strlen(arg)) && strlen(arg) >= strlen(shortest);
}

/* Like `ip -n NAME`: enter the network namespace that `ip netns add NAME`
 * made.
 */
static bool enter_netns(const char *name)
{
	char path[256];
	int fd;

	if (strchr(name, '/'))
		snprintf(path, sizeof(path), "%s", name);
	else
		snprintf(path, sizeof(path), "/run/netns/%s", name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		kips_err("-netns: cannot open %s: %s", path, strerror(errno));
		return false;
	}
	if (setns(fd, CLONE_NEWNET) < 0) {
		kips_err("-netns: cannot enter %s: %s", path, strerror(errno));
		close(fd);
		return false;
	}
	close(fd);
	return true;
}

int main(int argc, char **argv)
{
	struct kips_ctx ctx = { 0 };
	const char *batch = NULL;
	int ret;

	jw_init(&ctx.jw, stdout);
	for (argc--, argv++; argc > 0 && argv[0][0] == '-' && argv[0][1]; argc--, argv++) {
		const char *opt = argv[0];

		if (is_opt(opt, "-j", "-json")) {
			ctx.json = true;
		} else if (is_opt(opt, "-s", "-statistics")) {
			ctx.stats++;
		} else if (is_opt(opt, "-k", "-keys")) {
			ctx.keys = true;
		} else if (is_opt(opt, "-f", "-force")) {
			ctx.force = true;
		} else if (is_opt(opt, "-n", "-netns") || is_opt(opt, "-b", "-batch")) {
			bool ns = is_opt(opt, "-n", "-netns");

			if (argc < 2) {
				kips_err("%s: missing %s", opt, ns ? "NAME" : "FILE");
				return KIPS_EXIT_USAGE;
			}
			argc--, argv++;
			if (!ns)
				batch = argv[0];
			else if (!enter_netns(argv[0]))
				return KIPS_EXIT_FAIL;
		} else if (is_opt(opt, "-V", "-Version")) {
			return printf("kips %s\n", KIPS_VERSION) < 0;
		} else if (is_opt(opt, "-h", "-help")) {
			kips_usage(stdout);
			return KIPS_EXIT_OK;
		} else {
			kips_err("unknown option '%s' (try 'kips help')", opt);
			return KIPS_EXIT_USAGE;
		}
	}
	if (batch) {
		if (argc > 0) {
			kips_err("-batch: no OBJECT after it, got '%s'", argv[0]);
			return KIPS_EXIT_USAGE;
		}
		ret = kips_batch(&ctx, batch);
	} else if (argc == 0) {
		kips_usage(stderr);
		return KIPS_EXIT_USAGE;
	} else {
		ret = kips_run(&ctx, argc, argv);
	}
	if (ctx.nl_open)
		kips_nl_close(&ctx.nl);
	if (fflush(stdout) != 0 && ret == KIPS_EXIT_OK)
		ret = kips_err("cannot write the output: %s", strerror(errno));
	return ret;
}
