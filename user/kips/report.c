// SPDX-License-Identifier: GPL-2.0
/*
 * Messages: every complaint is one line "kips: [FILE:LINE: ]...".  A kernel
 * rejection prints the kernel's own reason (extack) and, when the kernel
 * pointed at an attribute of our request, the argument it came from.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "attrs.h"
#include "kips.h"

char kips_last_err[512];
bool kips_err_quiet;

static const char *err_file;
static unsigned int err_line;

void kips_err_set_location(const char *file, unsigned int line)
{
	err_file = file;
	err_line = line;
}

int kips_err(const char *fmt, ...)
{
	size_t n = 0;
	va_list ap;

	if (err_file)
		n = (size_t)snprintf(kips_last_err, sizeof(kips_last_err), "%s:%u: ",
				     err_file, err_line);
	if (n < sizeof(kips_last_err)) {
		va_start(ap, fmt);
		vsnprintf(kips_last_err + n, sizeof(kips_last_err) - n, fmt, ap);
		va_end(ap);
	}
	if (!kips_err_quiet)
		fprintf(stderr, "kips: %s\n", kips_last_err);
	return KIPS_EXIT_FAIL;
}

/* Attribute paths (as kips_attr_path_str() spells them, without "[N]") and
 * the arguments that produce them.
 */
static const struct {
	const char *path;
	const char *arg;
} sa_args[] = {
	{ "src", "src ADDR" }, { "dst", "dst ADDR" }, { "proto", "proto" },
	{ "spi", "spi SPI" }, { "mode", "mode" }, { "reqid", "reqid" },
	{ "enc-alg", "enc ALG" }, { "enc-key", "enc ALG KEY" },
	{ "auth-alg", "auth ALG" }, { "auth-key", "auth ALG KEY" },
	{ "aead-alg", "aead ALG" }, { "aead-key", "aead ALG KEY" },
	{ "icv-len", "icv" }, { "replay-window", "replay-window" },
	{ "flags", "esn" },
	{ "lifetime-soft", "soft" }, { "lifetime-hard", "hard" },
	{ "lifetime-soft.bytes", "soft bytes" }, { "lifetime-hard.bytes", "hard bytes" },
	{ "lifetime-soft.packets", "soft packets" }, { "lifetime-hard.packets", "hard packets" },
	{ "lifetime-soft.add-seconds", "soft time-add" },
	{ "lifetime-hard.add-seconds", "hard time-add" },
	{ "lifetime-soft.use-seconds", "soft time-use" },
	{ "lifetime-hard.use-seconds", "hard time-use" },
	{ "encap-sport", "encap udp SPORT" }, { "encap-dport", "encap udp DPORT" },
	{ "selector", "sel" },
	{ "selector.src", "sel src" }, { "selector.src-prefixlen", "sel src" },
	{ "selector.dst", "sel dst" }, { "selector.dst-prefixlen", "sel dst" },
	{ "selector.proto", "sel proto" },
	{ "selector.sport-min", "sel sport (or type)" }, { "selector.sport-max", "sel sport" },
	{ "selector.dport-min", "sel dport (or code)" }, { "selector.dport-max", "sel dport" },
	{ "spi-min", "min" }, { "spi-max", "max" }, { "req-flags", "keys" },
}, policy_args[] = {
	{ "index", "index" }, { "dir", "dir" }, { "priority", "priority" },
	{ "action", "action" }, { "selector", "the selector" },
	{ "selector.src", "src" }, { "selector.src-prefixlen", "src" },
	{ "selector.dst", "dst" }, { "selector.dst-prefixlen", "dst" },
	{ "selector.proto", "proto" },
	{ "selector.sport-min", "sport (or type)" }, { "selector.sport-max", "sport" },
	{ "selector.dport-min", "dport (or code)" }, { "selector.dport-max", "dport" },
	{ "tmpl", "tmpl" }, { "tmpl.proto", "tmpl proto" }, { "tmpl.mode", "tmpl mode" },
	{ "tmpl.src", "tmpl src" }, { "tmpl.dst", "tmpl dst" },
	{ "tmpl.reqid", "tmpl reqid" }, { "tmpl.spi", "tmpl spi" },
};

/* Removes "[N]" occurrence marks: "tmpl[2].src" -> "tmpl.src". */
static void strip_occurrence(const char *in, char *out, size_t size)
{
	size_t o = 0;
	bool skip = false;

	for (; *in && o + 1 < size; in++) {
		if (*in == '[')
			skip = true;
		else if (*in == ']')
			skip = false;
		else if (!skip)
			out[o++] = *in;
	}
	out[o] = 0;
}

static const char *argument_of(const char *set, const char *path)
{
	char bare[128];
	size_t i;

	strip_occurrence(path, bare, sizeof(bare));
	if (!strcmp(set, "sa")) {
		for (i = 0; i < sizeof(sa_args) / sizeof(sa_args[0]); i++)
			if (!strcmp(sa_args[i].path, bare))
				return sa_args[i].arg;
	} else if (!strcmp(set, "policy")) {
		for (i = 0; i < sizeof(policy_args) / sizeof(policy_args[0]); i++)
			if (!strcmp(policy_args[i].path, bare))
				return policy_args[i].arg;
	}
	return NULL;
}

int kips_nl_report(struct kips_ctx *ctx, const char *what)
{
	const struct nlmsghdr *req = (const struct nlmsghdr *)ctx->nl.buf;
	struct kips_attr_path path;
	char where[256] = "", name[128];
	const char *arg;

	if (ctx->nl.bad_attr_offset && !kips_attr_at(req, ctx->nl.bad_attr_offset, &path)) {
		kips_attr_path_str(&path, name, sizeof(name));
		arg = path.set[0] ? argument_of(path.set[0]->name, name) : NULL;
		if (arg) {
			const char *occ = strchr(name, '[');

			snprintf(where, sizeof(where), " (argument '%s'%s%.*s, attribute %s)",
				 arg, occ ? " of template " : "",
				 occ ? (int)strcspn(occ + 1, "]") : 0, occ ? occ + 1 : "", name);
		} else {
			snprintf(where, sizeof(where), " (attribute %s)", name);
		}
	}
	return kips_err("%s: %s%s", what, ctx->nl.err, where);
}
