/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Traffic selectors as quick mode carries them (proxy identities, RFC 2407
 * 4.6.2) and IPsec SA pairs in the kernel.
 */
#ifndef IKEV1D_CHILD_H
#define IKEV1D_CHILD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "conf.h"
#include "payload.h"

struct ike_sa;
struct child_sa;

/* The IP protocol (IPPROTO_ESP, IPPROTO_AH) of an ISAKMP protocol. */
uint8_t ip_proto_of(uint8_t isakmp_proto);

/* @ts with a dynamic address replaced by @host. */
void ts_resolve(const struct conf_ts *ts, const struct kips_addr *host,
		struct conf_ts *out);
/* Whether @inner is within @outer (addresses, protocol, port). */
bool ts_contains(const struct conf_ts *outer, const struct conf_ts *inner);
bool ts_equal(const struct conf_ts *a, const struct conf_ts *b);
/* @ts as a prefix, as the kernel's selectors are: false for a range that
 * is not exactly one.
 */
bool ts_as_prefix(const struct conf_ts *ts, struct kips_addr *out);
/* The ID payload body of @ts into @body (4 + 32 bytes at most). */
size_t ts_to_id(const struct conf_ts *ts, uint8_t *body);
/* A selector from an address ID; -1 for other ID types. */
int ts_from_id(const struct isakmp_id *id, struct conf_ts *ts);

/* Removes from the kernel whatever of @c is there. */
void child_uninstall(struct ike_sa *sa, struct child_sa *c);

#endif /* IKEV1D_CHILD_H */
