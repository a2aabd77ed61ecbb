/* SPDX-License-Identifier: GPL-2.0 */
/* NAT traversal in ikev1ctl's status (status.c prints the rest). */
#ifndef IKEV1D_NATT_STATUS_H
#define IKEV1D_NATT_STATUS_H

#include <stdio.h>

struct ike_sa;
struct jw;

/* ", NAT-T in use (RFC 3947, NAT here), UDP 4500 -> 31270" when it is;
 * nothing otherwise (the JSON says whether both sides could).
 */
void natt_status_text(const struct ike_sa *sa, FILE *out);
/* "nat_t": { variant, in_use, nat_here, nat_there, local_port,
 * remote_port }.
 */
void natt_status_json(const struct ike_sa *sa, struct jw *w);

#endif /* IKEV1D_NATT_STATUS_H */
