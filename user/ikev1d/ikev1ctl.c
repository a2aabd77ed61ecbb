// SPDX-License-Identifier: GPL-2.0
/*
 * ikev1ctl: talk to a running ikev1d.
 *
 *   ikev1ctl [-j] [-S SOCKET] status
 *   ikev1ctl [-S SOCKET] { up | down } NAME
 */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "control.h"

#define ANSWER_MAX (1 << 20)

static void usage(FILE *f)
{
	fprintf(f, "Usage: ikev1ctl [ -j ] [ -S SOCKET ] status\n"
		   "       ikev1ctl [ -S SOCKET ] { up | down } NAME\n"
		   "  -j  JSON\n  -S  control socket (default " CONTROL_SOCKET ")\n");
}

int main(int argc, char **argv)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	const char *path = CONTROL_SOCKET;
	char req[CONTROL_REQ_MAX];
	char *answer;
	bool json = false;
	ssize_t n;
	int o, fd;

	while ((o = getopt(argc, argv, "jS:h")) != -1) {
		switch (o) {
		case 'j':
			json = true;
			break;
		case 'S':
			path = optarg;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 1 && !strcmp(argv[0], "status")) {
		snprintf(req, sizeof(req), "status%s", json ? " json" : "");
	} else if (argc == 2 && (!strcmp(argv[0], "up") || !strcmp(argv[0], "down")) &&
		   strlen(argv[1]) < 100 && !strchr(argv[1], ' ')) {
		snprintf(req, sizeof(req), "%s %s", argv[0], argv[1]);
	} else {
		usage(stderr);
		return 2;
	}
	if (strlen(path) >= sizeof(sun.sun_path))
		return 2;
	strcpy(sun.sun_path, path);
	fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sun, sizeof(sun))) {
		perror("ikev1ctl: cannot reach ikev1d");
		return 1;
	}
	answer = malloc(ANSWER_MAX + 1);
	if (!answer || send(fd, req, strlen(req), 0) < 0 ||
	    (n = recv(fd, answer, ANSWER_MAX, 0)) < 2) {
		fprintf(stderr, "ikev1ctl: no answer from ikev1d\n");
		return 1;
	}
	answer[n] = 0;
	fputs(answer + 2, answer[0] == '0' ? stdout : stderr);
	close(fd);
	return answer[0] == '0' ? 0 : 1;
}
