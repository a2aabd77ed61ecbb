/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The second layer of parsing: one decoder per payload type (the SA has its
 * own, sa_payload.h), each given a payload the generic layer validated, and
 * one encoder per payload type that writes it back byte for byte.  Decoded
 * data points into the message.
 */
#ifndef IKEV1D_PAYLOAD_H
#define IKEV1D_PAYLOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "attr.h"
#include "message.h"
#include "parse_error.h"

struct isakmp_builder;

/* KE, HASH, SIG, NONCE, VID and NAT-D: only data. */
struct isakmp_blob {
	const uint8_t *ptr;
	size_t len;
};

/* ID (RFC 2407 4.6.2): also the proxy IDs of quick mode. */
struct isakmp_id {
	uint8_t type;		/* enum ipsec_id_type */
	uint8_t protocol;	/* IP protocol, 0 = any */
	uint16_t port;		/* 0 = any */
	const uint8_t *data;
	size_t len;
};

/* CERT (encoding, certificate) and CR (type, authority). */
struct isakmp_cert {
	uint8_t encoding;
	const uint8_t *data;
	size_t len;
};

struct isakmp_notification {
	uint32_t doi;
	uint8_t protocol;
	uint8_t spi_size;
	uint8_t spi[16];
	uint16_t type;		/* enum isakmp_notify */
	const uint8_t *data;
	size_t len;
};

struct isakmp_delete {
	uint32_t doi;
	uint8_t protocol;
	uint8_t spi_size;
	uint16_t nspis;
	const uint8_t *spis;	/* nspis * spi_size bytes */
};

struct isakmp_natoa {
	uint8_t id_type;	/* IPSEC_ID_IPV4_ADDR or _IPV6_ADDR */
	uint8_t addr[16];
	size_t addr_len;
};

#define ISAKMP_MAX_CFG_ATTRS	64

struct isakmp_cfg {
	uint8_t type;		/* ISAKMP_CFG_* */
	uint16_t identifier;
	size_t nattrs;
	struct isakmp_attr attrs[ISAKMP_MAX_CFG_ATTRS];
};

/* KE: non-empty, and exactly @expect bytes if @expect is not 0 (the group's
 * public value length).
 */
int isakmp_ke_parse(const struct isakmp_payload *p, size_t expect,
		    struct isakmp_blob *out, struct isakmp_err *err);
/* HASH: non-empty, and exactly @expect bytes if @expect is not 0. */
int isakmp_hash_parse(const struct isakmp_payload *p, size_t expect,
		      struct isakmp_blob *out, struct isakmp_err *err);
int isakmp_sig_parse(const struct isakmp_payload *p, struct isakmp_blob *out,
		     struct isakmp_err *err);
/* NONCE: RFC 2409 5 says 8 to 256 bytes. */
int isakmp_nonce_parse(const struct isakmp_payload *p, struct isakmp_blob *out,
		       struct isakmp_err *err);
/* VID and NAT-D (either number): non-empty. */
int isakmp_data_parse(const struct isakmp_payload *p, struct isakmp_blob *out,
		      struct isakmp_err *err);
/* ID: a known type whose data has the length and form that type needs. */
int isakmp_id_parse(const struct isakmp_payload *p, struct isakmp_id *out,
		    struct isakmp_err *err);
int isakmp_cert_parse(const struct isakmp_payload *p, struct isakmp_cert *out,
		      struct isakmp_err *err);
int isakmp_cr_parse(const struct isakmp_payload *p, struct isakmp_cert *out,
		    struct isakmp_err *err);
int isakmp_notify_parse(const struct isakmp_payload *p,
			struct isakmp_notification *out, struct isakmp_err *err);
int isakmp_delete_parse(const struct isakmp_payload *p,
			struct isakmp_delete *out, struct isakmp_err *err);
int isakmp_natoa_parse(const struct isakmp_payload *p, struct isakmp_natoa *out,
		       struct isakmp_err *err);
int isakmp_cfg_parse(const struct isakmp_payload *p, struct isakmp_cfg *out,
		     struct isakmp_err *err);

/* Checks an ID's data for its type (shared with the configuration, which
 * builds IDs): NULL if fine, else why not.
 */
const char *isakmp_id_check(uint8_t type, const uint8_t *data, size_t len);

/* Encoders: append one payload of @type (KE, HASH, SIG, NONCE, VID, NAT-D)
 * or of the payload the function names.
 */
void isakmp_blob_put(struct isakmp_builder *b, uint8_t type,
		     const uint8_t *data, size_t len);
void isakmp_id_put(struct isakmp_builder *b, const struct isakmp_id *id);
/* @type is ISAKMP_NP_CERT or ISAKMP_NP_CR. */
void isakmp_cert_put(struct isakmp_builder *b, uint8_t type,
		     const struct isakmp_cert *c);
void isakmp_notify_put(struct isakmp_builder *b,
		       const struct isakmp_notification *n);
void isakmp_delete_put(struct isakmp_builder *b, const struct isakmp_delete *d);
/* @type is ISAKMP_NP_NATOA or its draft number. */
void isakmp_natoa_put(struct isakmp_builder *b, uint8_t type,
		      const struct isakmp_natoa *oa);
void isakmp_cfg_put(struct isakmp_builder *b, const struct isakmp_cfg *c);

#endif /* IKEV1D_PAYLOAD_H */
