// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness for the configuration and secrets file readers: any
 * text must be read without a crash or a sanitizer report, every problem
 * reported with a line inside the text.
 *
 *   make ikev1d-fuzz && build/fuzz_conf -max_total_time=120
 */
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "secrets.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static unsigned int max_line;

static void report(void *ctx, enum conf_severity sev, const char *file,
		   unsigned int line, const char *msg)
{
	(void)ctx;
	(void)sev;
	(void)file;
	(void)msg;
	if (line > max_line)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct conf_report r = { .fn = report };
	struct conf c;
	size_t i;

	max_line = 1;
	for (i = 0; i < size; i++)
		max_line += data[i] == '\n';
	conf_load_text("fuzz.conf", (const char *)data, size, &c, &r);
	conf_free(&c);
	memset(&c, 0, sizeof(c));
	secrets_load_text("fuzz.secrets", (const char *)data, size, &c, &r);
	conf_free(&c);
	return 0;
}
