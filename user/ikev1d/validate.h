/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Running the second layer over a whole message: every payload through its
 * decoder, so that a message is accepted or refused as a unit before any
 * exchange handler looks at it.
 */
#ifndef IKEV1D_VALIDATE_H
#define IKEV1D_VALIDATE_H

#include "message.h"
#include "parse_error.h"

/* Decodes each payload of @msg (which isakmp_parse_payloads() filled) and
 * stops at the first that its decoder refuses.  Group- and PRF-dependent
 * lengths (KE, HASH) are the exchange's to check.
 */
int isakmp_validate(const struct isakmp_msg *msg, struct isakmp_err *err);

#endif /* IKEV1D_VALIDATE_H */
