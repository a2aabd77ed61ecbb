// SPDX-License-Identifier: GPL-2.0
/* One line per event, to stderr or wherever the daemon or a test wants. */
#include <stdarg.h>
#include <stdio.h>

#include "log.h"

static enum ike_log_level max_level = IKE_LOG_INFO;
static ike_log_sink sink;
static void *sink_ctx;

void ike_log_setup(enum ike_log_level level, ike_log_sink s, void *ctx)
{
	max_level = level;
	sink = s;
	sink_ctx = ctx;
}

int ike_log_enabled(enum ike_log_level level)
{
	return level <= max_level;
}

void ike_log(enum ike_log_level level, const char *fmt, ...)
{
	static const char *const names[] = { "error", "warning", "info", "debug" };
	char line[1024];
	va_list ap;

	if (level > max_level)
		return;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (sink)
		sink(sink_ctx, level, line);
	else
		fprintf(stderr, "ikev1d: %s: %s\n", names[level], line);
}
