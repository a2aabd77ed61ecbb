// SPDX-License-Identifier: GPL-2.0
/* The command-line cursor and the "KEYWORD VALUE" parsers. */
#include <netinet/in.h>
#include <string.h>

#include "args.h"
#include "ipproto.h"
#include "kips.h"
#include "parse.h"

const char *args_peek(const struct kips_args *a)
{
	return a->argc > 0 ? a->argv[0] : NULL;
}

const char *args_take(struct kips_args *a)
{
	const char *w = args_peek(a);

	if (w) {
		a->argc--;
		a->argv++;
	}
	return w;
}

const char *args_value(struct kips_args *a, const char *kw, const char *what)
{
	const char *v = args_take(a);

	if (!v)
		kips_err("%s: missing %s", kw, what);
	return v;
}

bool invarg(const char *kw, const char *expected, const char *got)
{
	kips_err("%s: expected %s, got '%s'", kw, expected, got);
	return false;
}

bool duparg(const char *kw)
{
	kips_err("%s: given twice", kw);
	return false;
}

bool missarg(const char *cmd, const char *what)
{
	kips_err("%s: missing '%s'", cmd, what);
	return false;
}

bool unknownarg(const char *cmd, const char *word)
{
	kips_err("%s: unexpected argument '%s' (see 'kips %.*s help')", cmd, word,
		 (int)strcspn(cmd, " "), cmd);
	return false;
}

bool arg_u32(struct kips_args *a, const char *kw, const char *expected,
	     uint32_t *out)
{
	const char *v = args_value(a, kw, "a number");

	if (!v)
		return false;
	if (!kips_parse_u32(v, UINT32_MAX, out))
		return invarg(kw, expected ? expected : "a number 0..4294967295", v);
	return true;
}

bool arg_u64(struct kips_args *a, const char *kw, uint64_t *out)
{
	const char *v = args_value(a, kw, "a number");

	if (!v)
		return false;
	if (!kips_parse_u64(v, UINT64_MAX, out))
		return invarg(kw, "a number 0..18446744073709551615", v);
	return true;
}

/* The range named is what the kernel accepts; numbers outside it are its
 * to refuse (it says why), only non-numbers are ours.
 */
bool arg_spi(struct kips_args *a, const char *kw, uint32_t *out)
{
	return arg_u32(a, kw, "a number 256..4294967295", out);
}

bool arg_addr(struct kips_args *a, const char *kw, struct kips_addr *out)
{
	const char *v = args_value(a, kw, "ADDR");

	if (!v)
		return false;
	if (!kips_addr_parse(v, out))
		return invarg(kw, "an IPv4 or IPv6 address", v);
	return true;
}

bool arg_prefix(struct kips_args *a, const char *kw, struct kips_addr *out)
{
	const char *v = args_value(a, kw, "PREFIX");

	if (!v)
		return false;
	if (!kips_prefix_parse(v, out))
		return invarg(kw, "an IPv4 or IPv6 address with an optional /LEN", v);
	return true;
}

bool arg_ipproto(struct kips_args *a, const char *kw, uint8_t *out)
{
	const char *v = args_value(a, kw, "PROTO");

	if (!v)
		return false;
	if (!kips_ipproto_parse(v, out))
		return invarg(kw, "an IP protocol name (tcp, udp, icmp, ipv6-icmp, sctp, ...) or a number 0..255", v);
	return true;
}

bool arg_xfrm_proto(struct kips_args *a, const char *kw, uint8_t *out)
{
	const char *v = args_value(a, kw, "{ esp | ah }");

	if (!v)
		return false;
	if (!strcmp(v, "esp"))
		*out = IPPROTO_ESP;
	else if (!strcmp(v, "ah"))
		*out = IPPROTO_AH;
	else if (!kips_parse_u8(v, UINT8_MAX, out))
		return invarg(kw, "esp or ah", v);
	return true;
}

bool arg_mode(struct kips_args *a, const char *kw, uint8_t *out)
{
	static const char *const modes[] = { "transport", "tunnel", NULL };

	return arg_choice(a, kw, modes, KIPS_MODE_TRANSPORT, out);
}

bool arg_choice(struct kips_args *a, const char *kw, const char *const *names,
		unsigned int base, uint8_t *out)
{
	char expected[128] = "";
	const char *v;
	size_t used = 0;
	unsigned int i;

	for (i = 0; names[i]; i++)
		used += (size_t)snprintf(expected + used, sizeof(expected) - used, "%s%s",
					 i == 0 ? "" : names[i + 1] ? ", " : " or ",
					 names[i]);
	v = args_value(a, kw, expected);
	if (!v)
		return false;
	for (i = 0; names[i]; i++) {
		if (!strcmp(v, names[i])) {
			*out = (uint8_t)(base + i);
			return true;
		}
	}
	return invarg(kw, expected, v);
}
