/* SPDX-License-Identifier: GPL-2.0 */
/*
 * How phase 1 authenticates, by the connection's method (RFC 2409 5):
 *
 *   pre-shared key     ... IDii, HASH_I          ... IDir, HASH_R
 *   RSA signatures     ... IDii, [CERT,] SIG_I   ... IDir, [CERT,] SIG_R
 *
 * With signatures each side asks for the other's certificate with a CR
 * payload alongside its KE (the initiator's third message, the
 * responder's fourth; in aggressive mode the first two) and always sends
 * its own; the peer's is verified against the connection's CAs, must
 * vouch for the peer's ID, and its key must verify the SIG over HASH_I or
 * HASH_R.  A failure logs why and gives the notify to send.
 */
#ifndef IKEV1D_PHASE1_AUTH_H
#define IKEV1D_PHASE1_AUTH_H

#include "ike.h"

/* CR payloads naming the CAs we trust for the peer (rsasig only). */
void phase1_put_cert_requests(struct ike_sa *sa, struct isakmp_builder *b);
/* The peer's CR payloads: logged (we send our certificate anyway). */
void phase1_take_cert_requests(struct ike_sa *sa, const struct isakmp_msg *m);

/* Our HASH, or our CERT and SIG. */
int phase1_put_auth(struct ike_sa *sa, struct isakmp_builder *b);
/* The peer's, after phase1_take_id(): 0 or the notify to send. */
int phase1_check_auth(struct ike_sa *sa, const struct isakmp_msg *m);

/* Refusing the exchange's last message (the initiator's in aggressive
 * mode, the responder's in main mode), whose sender already counts the
 * ISAKMP SA as established: tells it @notify and deletes the SA, or it
 * would keep it.  Returns STEP_FAIL (the peer is told), or @notify if it
 * is not one to send.
 */
int phase1_refuse_last(struct ike_sa *sa, int notify);

/* The method's name for status and logs. */
const char *phase1_auth_name(uint16_t auth);

#endif /* IKEV1D_PHASE1_AUTH_H */
