// SPDX-License-Identifier: GPL-2.0
/*
 * ikev1d: the IKEv1 daemon.
 *
 *   ikev1d --check FILE      check a configuration, report every error
 *   ikev1d [-c FILE] [-d] [-s] [--no-kernel]   run
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "control.h"
#include "daemon.h"

#define DEFAULT_CONF "/etc/ikev1d.conf"

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: ikev1d [ -c FILE ] [ -d ] [ -s ] [ -S SOCKET ] [ --no-kernel ]\n"
		"       ikev1d --check FILE\n"
		"  -c, --config FILE  configuration (default " DEFAULT_CONF ")\n"
		"  -n, --check FILE   check FILE, print every error as FILE:LINE: message,\n"
		"                     exit 1 if there is any\n"
		"  -d, --debug        log every step and each message's payloads\n"
		"  -s, --syslog       log to syslog instead of stderr\n"
		"  -S, --socket PATH  control socket (default " CONTROL_SOCKET ")\n"
		"  -K, --no-kernel    negotiate, but only log the SAs and policies\n"
		"                     instead of installing them (testing IKE where\n"
		"                     kips.ko is not loaded)\n"
		"  -V, --version      print the version\n"
		"  -h, --help         print this help\n");
}

/* --check collects the problems, then prints them in file and line order,
 * although they are found in two passes (syntax, then meaning).
 */
struct problem {
	const char *file;
	unsigned int file_rank, line, seq;
	enum conf_severity sev;
	char *msg;
};

struct problems {
	size_t n;
	struct problem *v;
	const char *files[8];
	unsigned int nfiles;
};

static void collect(void *ctx, enum conf_severity sev, const char *file,
		    unsigned int line, const char *msg)
{
	struct problems *ps = ctx;
	struct problem *grown = realloc(ps->v, (ps->n + 1) * sizeof(*grown));
	unsigned int rank;

	if (!grown)
		return;
	ps->v = grown;
	for (rank = 0; rank < ps->nfiles && strcmp(ps->files[rank], file); rank++)
		;
	if (rank == ps->nfiles && ps->nfiles < 8)
		ps->files[ps->nfiles++] = file;
	ps->v[ps->n] = (struct problem){ file, rank, line, ps->n, sev,
					 strdup(msg) };
	ps->n++;
}

static int by_place(const void *a, const void *b)
{
	const struct problem *x = a, *y = b;

	if (x->file_rank != y->file_rank)
		return x->file_rank < y->file_rank ? -1 : 1;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->seq < y->seq ? -1 : 1;
}

static int check(const char *path)
{
	struct problems ps = { 0 };
	struct conf_report r = { .fn = collect, .ctx = &ps };
	struct conf c;
	unsigned int errors;
	size_t i;

	errors = conf_load(path, &c, &r);
	qsort(ps.v, ps.n, sizeof(*ps.v), by_place);
	for (i = 0; i < ps.n; i++) {
		const struct problem *pr = &ps.v[i];
		const char *sev = pr->sev == CONF_WARNING ? "warning: " : "";

		if (pr->line)
			fprintf(stderr, "%s:%u: %s%s\n", pr->file, pr->line, sev,
				pr->msg ? pr->msg : "(out of memory)");
		else
			fprintf(stderr, "%s: %s%s\n", pr->file, sev,
				pr->msg ? pr->msg : "(out of memory)");
		free(pr->msg);
	}
	free(ps.v);
	if (!errors)
		printf("%s: %zu connection%s, %zu secret%s, no errors\n", path,
		       c.nconns, c.nconns == 1 ? "" : "s", c.nsecrets,
		       c.nsecrets == 1 ? "" : "s");
	else
		fprintf(stderr, "%s: %u error%s\n", path, errors,
			errors == 1 ? "" : "s");
	conf_free(&c);
	return errors ? 1 : 0;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "check", required_argument, NULL, 'n' },
		{ "debug", no_argument, NULL, 'd' },
		{ "syslog", no_argument, NULL, 's' },
		{ "no-kernel", no_argument, NULL, 'K' },
		{ "socket", required_argument, NULL, 'S' },
		{ "version", no_argument, NULL, 'V' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct daemon_opts d = { .conf_path = DEFAULT_CONF,
				 .ctl_path = CONTROL_SOCKET };
	const char *check_path = NULL;
	int o;

	while ((o = getopt_long(argc, argv, "c:n:dsKS:Vh", opts, NULL)) != -1) {
		switch (o) {
		case 'c':
			d.conf_path = optarg;
			break;
		case 'n':
			check_path = optarg;
			break;
		case 'd':
			d.debug = true;
			break;
		case 's':
			d.syslog = true;
			break;
		case 'K':
			d.no_kernel = true;
			break;
		case 'S':
			d.ctl_path = optarg;
			break;
		case 'V':
			printf("ikev1d %s\n", KIPS_VERSION);
			return 0;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind != argc) {
		usage(stderr);
		return 2;
	}
	if (check_path)
		return check(check_path);
	return daemon_run(&d);
}
