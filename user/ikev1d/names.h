/* SPDX-License-Identifier: GPL-2.0 */
/* Names of ISAKMP numbers, for log lines and decoded dumps. */
#ifndef IKEV1D_NAMES_H
#define IKEV1D_NAMES_H

#include <stdint.h>

/* Each returns a static name, or NULL for a number it does not know. */
const char *isakmp_payload_name(uint8_t type);
const char *isakmp_exchange_name(uint8_t type);
const char *isakmp_notify_name(uint16_t type);
const char *isakmp_protocol_name(uint8_t proto);
const char *ipsec_id_type_name(uint8_t type);

/* As above, but never NULL: unknown numbers come back as "<what> N" in a
 * small rotating static buffer (good for a few uses in one log line).
 */
const char *isakmp_payload_str(uint8_t type);
const char *isakmp_exchange_str(uint8_t type);
const char *isakmp_notify_str(uint16_t type);
const char *isakmp_protocol_str(uint8_t proto);

#endif /* IKEV1D_NAMES_H */
