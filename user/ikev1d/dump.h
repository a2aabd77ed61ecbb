/* SPDX-License-Identifier: GPL-2.0 */
/* One line describing a message's payloads, for `ikev1d -d`. */
#ifndef IKEV1D_DUMP_H
#define IKEV1D_DUMP_H

#include <stddef.h>

#include "message.h"

/* "QUICK M-ID 0x1a2b3c4d: HASH(32) SA(ESP spi 0xc0000001: 2 xforms) NONCE(32) ..."
 * into @buf; never includes keys (nonces and hashes show only lengths).
 */
const char *isakmp_describe(const struct isakmp_msg *m, char *buf, size_t len);

#endif /* IKEV1D_DUMP_H */
