// SPDX-License-Identifier: GPL-2.0
/* The control socket and its requests. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "control.h"
#include "log.h"
#include "status.h"

int control_handle(struct engine *e, const char *req, FILE *out,
		   uint64_t now_ms)
{
	char word[16], name[CONF_NAME_MAX + 1], extra[2];
	int n = sscanf(req, "%15s %64s %1s", word, name, extra);

	if (n >= 1 && !strcmp(word, "status") &&
	    (n == 1 || (n == 2 && !strcmp(name, "json")))) {
		if (n == 2)
			engine_status_json(e, now_ms, out);
		else
			engine_status_text(e, now_ms, out);
		return 0;
	}
	if (n == 2 && !strcmp(word, "up")) {
		if (engine_initiate(e, name, now_ms)) {
			fprintf(out, "cannot initiate '%s' (see the log)\n", name);
			return 1;
		}
		fprintf(out, "initiating %s\n", name);
		return 0;
	}
	if (n == 2 && !strcmp(word, "down")) {
		if (engine_terminate(e, name, now_ms)) {
			fprintf(out, "'%s' has no SAs\n", name);
			return 1;
		}
		fprintf(out, "%s is down\n", name);
		return 0;
	}
	fprintf(out, "unknown request (status [json], up NAME, down NAME)\n");
	return 1;
}

int control_listen(const char *path)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	int fd;

	if (strlen(path) >= sizeof(sun.sun_path))
		return -1;
	strcpy(sun.sun_path, path);
	fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0)
		return -1;
	unlink(path);
	/* Only root talks to it: the socket file is 0600 from the start. */
	{
		mode_t old = umask(0077);
		int r = bind(fd, (struct sockaddr *)&sun, sizeof(sun));

		umask(old);
		if (r || listen(fd, 8)) {
			log_error("control socket %s: %s", path, strerror(errno));
			close(fd);
			return -1;
		}
	}
	return fd;
}

void control_serve(int fd, struct engine *e, uint64_t now_ms)
{
	char req[CONTROL_REQ_MAX + 1], *answer = NULL;
	size_t alen = 0;
	FILE *out;
	ssize_t n;
	int c, r;

	c = accept4(fd, NULL, NULL, SOCK_CLOEXEC);
	if (c < 0)
		return;
	n = recv(c, req, CONTROL_REQ_MAX, 0);
	if (n <= 0)
		goto done;
	req[n] = 0;
	out = open_memstream(&answer, &alen);
	if (!out)
		goto done;
	fputs("0\n", out);
	r = control_handle(e, req, out, now_ms);
	fclose(out);
	if (r)
		answer[0] = '1';
	if (send(c, answer, alen, MSG_NOSIGNAL) < 0)
		log_warn("control socket: answer not sent: %s", strerror(errno));
	free(answer);
done:
	close(c);
}
