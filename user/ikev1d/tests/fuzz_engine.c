// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness for the engine as a responder: any datagram from a
 * peer, into an engine whose connections accept it in main or aggressive
 * mode, must be refused or answered without a crash, a leak or a sanitizer
 * report; time moves on between inputs so retransmission and expiry run.
 *
 *   make ikev1d-fuzz && build/fuzz_engine -max_total_time=120
 */
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "log.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int no_send(void *ctx, const struct ike_endpoint *l,
		   const struct ike_endpoint *r, const uint8_t *b, size_t n)
{
	(void)ctx, (void)l, (void)r, (void)b, (void)n;
	return 0;
}

static int spi(void *ctx, const struct kips_addr *s, const struct kips_addr *d,
	       uint8_t p, uint32_t q, uint32_t *out)
{
	static uint32_t next = 0x1000;

	(void)ctx, (void)s, (void)d, (void)p, (void)q;
	*out = next++;
	return 0;
}

static int add_sa(void *ctx, const struct kips_sa *sa, bool larval)
{
	(void)ctx, (void)sa, (void)larval;
	return 0;
}

static int del_sa(void *ctx, const struct kips_addr *d, uint32_t s, uint8_t p)
{
	(void)ctx, (void)d, (void)s, (void)p;
	return 0;
}

static int add_pol(void *ctx, const struct kips_policy *p, uint32_t *i)
{
	(void)ctx, (void)p;
	*i = 1;
	return 0;
}

static int del_pol(void *ctx, uint32_t i)
{
	(void)ctx, (void)i;
	return 0;
}

static const char text[] =
	"conn m { local = 10.0.0.1; remote = 10.0.0.2; psk = \"k\";"
	" ike = aes128-sha1-modp1024, aes256-sha256-ecp256; allow-legacy = yes; }\n"
	"conn a { local = 10.0.0.1; remote = %any; psk = \"k\"; exchange = aggressive;"
	" ike = aes128-sha256-curve25519; }\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct conf conf;
	static struct engine *e;
	static uint64_t now = 1000;
	static const struct engine_ops ops = {
		.send = no_send, .alloc_spi = spi, .add_sa = add_sa,
		.del_sa = del_sa, .add_policy = add_pol, .del_policy = del_pol,
	};
	struct ike_endpoint local = { .port = 500 }, remote = { .port = 500 };

	if (!e) {
		struct conf_report r = { 0 };

		ike_log_setup(IKE_LOG_ERROR, NULL, NULL);
		if (conf_load_text("fuzz", text, strlen(text), &conf, &r))
			abort();
		e = engine_new(&conf, &ops);
	}
	kips_addr_parse("10.0.0.1", &local.addr);
	kips_addr_parse(size && data[0] & 1 ? "10.0.0.2" : "10.0.0.3", &remote.addr);
	engine_input(e, data, size, &local, &remote, now);
	now += 700;
	engine_tick(e, now);
	return 0;
}
