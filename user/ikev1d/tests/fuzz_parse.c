// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness for the ISAKMP parser: any datagram goes through the
 * header checks, the payload chain (also as if decrypted, so encrypted
 * messages reach the payload decoders too), every payload decoder and an
 * exchange's expectations.  Beyond "no crash, no sanitizer report", one
 * property is checked: a payload its decoder accepts encodes back to
 * exactly the bytes it came from.
 *
 *   make ikev1d-fuzz
 *   build/fuzz_parse -max_total_time=300 build/fuzz-corpus
 */
#include <stdlib.h>
#include <string.h>

#include "builder.h"
#include "isakmp.h"
#include "message.h"
#include "payload.h"
#include "sa_payload.h"
#include "validate.h"
#include "wire.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct isakmp_sa sa;
static struct isakmp_cfg cfg;

/* Encodes what a decoder accepted; returns false if it does not match. */
static bool reencodes(const struct isakmp_payload *p)
{
	struct isakmp_header h = { .icookie = { 1 }, .version = ISAKMP_VERSION,
				   .exchange = ISAKMP_XCHG_INFO };
	struct isakmp_notification n;
	struct isakmp_delete d;
	struct isakmp_natoa oa;
	struct isakmp_cert c;
	struct isakmp_blob b;
	struct isakmp_builder bld;
	struct isakmp_id id;
	struct isakmp_err err;
	bool same = true;

	builder_init(&bld);
	builder_header(&bld, &h);
	switch (p->type) {
	case ISAKMP_NP_SA:
		if (isakmp_sa_parse(p, &sa, &err))
			goto out;
		isakmp_sa_put(&bld, &sa);
		break;
	case ISAKMP_NP_ID:
		if (isakmp_id_parse(p, &id, &err))
			goto out;
		isakmp_id_put(&bld, &id);
		break;
	case ISAKMP_NP_CERT:
	case ISAKMP_NP_CR:
		if (p->type == ISAKMP_NP_CERT ? isakmp_cert_parse(p, &c, &err) :
						isakmp_cr_parse(p, &c, &err))
			goto out;
		isakmp_cert_put(&bld, p->type, &c);
		break;
	case ISAKMP_NP_N:
		if (isakmp_notify_parse(p, &n, &err))
			goto out;
		isakmp_notify_put(&bld, &n);
		break;
	case ISAKMP_NP_D:
		if (isakmp_delete_parse(p, &d, &err))
			goto out;
		isakmp_delete_put(&bld, &d);
		break;
	case ISAKMP_NP_NATOA:
	case ISAKMP_NP_NATOA_DRAFT:
		if (isakmp_natoa_parse(p, &oa, &err))
			goto out;
		isakmp_natoa_put(&bld, p->type, &oa);
		break;
	case ISAKMP_NP_ATTR:
		if (isakmp_cfg_parse(p, &cfg, &err))
			goto out;
		isakmp_cfg_put(&bld, &cfg);
		break;
	default:
		/* KE, HASH, SIG, NONCE, VID, NAT-D: data only. */
		b.ptr = isakmp_body(p);
		b.len = isakmp_body_len(p);
		isakmp_blob_put(&bld, p->type, b.ptr, b.len);
		break;
	}
	if (builder_finish(&bld)) {
		same = false;
		goto out;
	}
	/* The generic header's next-payload byte belongs to the chain, not
	 * to the payload: compare from the reserved byte on.
	 */
	same = bld.len - sizeof(struct isakmp_hdr) == p->len &&
	       !memcmp(bld.buf + sizeof(struct isakmp_hdr) + 1, p->data + 1,
		       p->len - 1);
out:
	builder_free(&bld);
	return same;
}

static const struct isakmp_expect quick1[] = {
	{ ISAKMP_NP_HASH, 1, 1 },
	{ ISAKMP_NP_SA, 1, 1 },
	{ ISAKMP_NP_NONCE, 1, 1 },
	{ ISAKMP_NP_KE, 0, 1 },
	{ ISAKMP_NP_ID, 0, 2 },
	{ ISAKMP_NP_NATOA, 0, 2 },
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct isakmp_msg msg;
	struct isakmp_err err;
	size_t i;

	if (isakmp_parse(&msg, data, size, &err))
		return 0;
	if (msg.hdr.flags & ISAKMP_FLAG_ENC &&
	    isakmp_parse_payloads(&msg, data, size, &err))
		return 0;
	for (i = 0; i < msg.n; i++)
		if (!reencodes(&msg.pl[i]))
			abort();
	if (isakmp_validate(&msg, &err))
		return 0;
	isakmp_check_payloads(&msg, quick1, sizeof(quick1) / sizeof(quick1[0]),
			      ISAKMP_NP_HASH, &err);
	return 0;
}
