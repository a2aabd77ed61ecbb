/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The ISAKMP wire format (RFC 2408), with the IPsec DOI (RFC 2407), IKE
 * (RFC 2409), NAT traversal (RFC 3947) and mode-config
 * (draft-dukes-ike-mode-cfg) numbers: declared here once, used everywhere.
 *
 * Every struct is the fixed part of a payload exactly as it is on the wire:
 * byte arrays for multi-byte fields (read with wire.h), no padding, sizes
 * asserted below.  Variable parts (SPIs, data, attributes) follow the fixed
 * part and are described next to each struct.
 */
#ifndef IKEV1D_ISAKMP_H
#define IKEV1D_ISAKMP_H

#include <stdint.h>

#define ISAKMP_COOKIE_LEN	8
#define ISAKMP_VERSION		0x10	/* major 1, minor 0 */
#define ISAKMP_MAJOR(v)		((v) >> 4)
#define ISAKMP_MINOR(v)		((v) & 0x0f)

/* RFC 2409 section 5: nonce data is 8 to 256 bytes. */
#define ISAKMP_NONCE_MIN	8
#define ISAKMP_NONCE_MAX	256

/*
 * The ISAKMP header (RFC 2408 3.1).
 *
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !                      Initiator Cookie                         !
 * !                                                               !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !                      Responder Cookie                         !
 * !                                                               !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !  Next Payload ! MjVer ! MnVer ! Exchange Type !     Flags     !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !                          Message ID                           !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * !                            Length                             !
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
struct isakmp_hdr {
	uint8_t icookie[ISAKMP_COOKIE_LEN];
	uint8_t rcookie[ISAKMP_COOKIE_LEN];
	uint8_t next_payload;
	uint8_t version;
	uint8_t exchange;
	uint8_t flags;
	uint8_t msgid[4];
	uint8_t length[4];	/* header and payloads (and padding) */
};
_Static_assert(sizeof(struct isakmp_hdr) == 28, "ISAKMP header is 28 bytes");

/* Header flags (RFC 2408 3.1) */
enum {
	ISAKMP_FLAG_ENC = 0x01,		/* payloads after the header encrypted */
	ISAKMP_FLAG_COMMIT = 0x02,
	ISAKMP_FLAG_AUTH_ONLY = 0x04,

	ISAKMP_FLAGS_ALL = 0x07
};

/* Exchange types (RFC 2408 3.1, RFC 2409 and the mode-config draft) */
enum isakmp_exchange {
	ISAKMP_XCHG_NONE = 0,
	ISAKMP_XCHG_BASE = 1,
	ISAKMP_XCHG_IDPROT = 2,		/* IKE main mode */
	ISAKMP_XCHG_AUTH_ONLY = 3,
	ISAKMP_XCHG_AGGRESSIVE = 4,
	ISAKMP_XCHG_INFO = 5,
	ISAKMP_XCHG_TRANSACTION = 6,	/* mode-config */
	ISAKMP_XCHG_QUICK = 32,
	ISAKMP_XCHG_NEW_GROUP = 33,
};

/* Payload types (RFC 2408 3.1, RFC 3947, mode-config draft) */
enum isakmp_payload_type {
	ISAKMP_NP_NONE = 0,
	ISAKMP_NP_SA = 1,
	ISAKMP_NP_P = 2,		/* proposal: only inside an SA */
	ISAKMP_NP_T = 3,		/* transform: only inside a proposal */
	ISAKMP_NP_KE = 4,
	ISAKMP_NP_ID = 5,
	ISAKMP_NP_CERT = 6,
	ISAKMP_NP_CR = 7,
	ISAKMP_NP_HASH = 8,
	ISAKMP_NP_SIG = 9,
	ISAKMP_NP_NONCE = 10,
	ISAKMP_NP_N = 11,
	ISAKMP_NP_D = 12,
	ISAKMP_NP_VID = 13,
	ISAKMP_NP_ATTR = 14,		/* mode-config attribute payload */
	/* 15..19: GDOI (RFC 3547), not used by IKE */
	ISAKMP_NP_NATD = 20,		/* RFC 3947 */
	ISAKMP_NP_NATOA = 21,
	ISAKMP_NP_NATD_DRAFT = 130,	/* draft-ietf-ipsec-nat-t-ike-02/03 */
	ISAKMP_NP_NATOA_DRAFT = 131,
};

/*
 * The generic payload header (RFC 2408 3.2), in front of every payload.
 */
struct isakmp_gen {
	uint8_t next_payload;
	uint8_t reserved;
	uint8_t length[2];	/* this payload, generic header included */
};
_Static_assert(sizeof(struct isakmp_gen) == 4, "generic header is 4 bytes");

/*
 * Data attribute (RFC 2408 3.3).  With the AF bit set it is basic (TV): the
 * value is the 16 bits after the type.  Without it, it is variable (TLV): a
 * 16-bit length, then that many value bytes.
 */
struct isakmp_attr_hdr {
	uint8_t type[2];	/* AF bit | attribute type */
	uint8_t lv[2];		/* basic: value; variable: length */
};
_Static_assert(sizeof(struct isakmp_attr_hdr) == 4, "attribute header is 4 bytes");
#define ISAKMP_ATTR_AF		0x8000
#define ISAKMP_ATTR_TYPE_MASK	0x7fff

/*
 * SA payload (RFC 2408 3.4): DOI, situation, then proposal payloads.  With
 * the IPsec DOI the situation is 4 bytes and SIT_IDENTITY_ONLY is the only
 * one IKE uses; labeled-domain fields (SIT_SECRECY/INTEGRITY) are refused.
 */
struct isakmp_sa_pl {
	struct isakmp_gen gen;
	uint8_t doi[4];
	uint8_t situation[4];
};
_Static_assert(sizeof(struct isakmp_sa_pl) == 12, "SA payload fixed part");

enum {
	ISAKMP_DOI_ISAKMP = 0,
	ISAKMP_DOI_IPSEC = 1,
};

enum {
	IPSEC_SIT_IDENTITY_ONLY = 0x01,
	IPSEC_SIT_SECRECY = 0x02,
	IPSEC_SIT_INTEGRITY = 0x04,
};

/*
 * Proposal payload (RFC 2408 3.5): then the SPI (spi_size bytes), then
 * num_transforms transform payloads.  Its length covers all of them.
 */
struct isakmp_prop_pl {
	struct isakmp_gen gen;	/* next payload: P (2) or NONE */
	uint8_t num;
	uint8_t protocol;
	uint8_t spi_size;
	uint8_t num_transforms;
};
_Static_assert(sizeof(struct isakmp_prop_pl) == 8, "proposal payload fixed part");

/* Protocol IDs (RFC 2407 4.4.1) */
enum {
	ISAKMP_PROTO_ISAKMP = 1,
	ISAKMP_PROTO_AH = 2,
	ISAKMP_PROTO_ESP = 3,
	ISAKMP_PROTO_IPCOMP = 4,
};

/* Transform payload (RFC 2408 3.6): then SA attributes to its end. */
struct isakmp_xform_pl {
	struct isakmp_gen gen;	/* next payload: T (3) or NONE */
	uint8_t num;
	uint8_t id;
	uint8_t reserved2[2];
};
_Static_assert(sizeof(struct isakmp_xform_pl) == 8, "transform payload fixed part");

/* Transform ID for phase 1 (RFC 2407 4.4.2) */
#define IKE_XFORM_KEY_IKE	1

/* Phase-1 attribute types (RFC 2409 appendix A) */
enum ike_attr {
	IKE_ATTR_ENCR = 1,		/* B */
	IKE_ATTR_HASH = 2,		/* B */
	IKE_ATTR_AUTH = 3,		/* B */
	IKE_ATTR_GROUP_DESC = 4,	/* B */
	IKE_ATTR_GROUP_TYPE = 5,	/* B */
	IKE_ATTR_GROUP_PRIME = 6,	/* V */
	IKE_ATTR_GROUP_GEN1 = 7,	/* V */
	IKE_ATTR_GROUP_GEN2 = 8,	/* V */
	IKE_ATTR_GROUP_CURVE_A = 9,	/* V */
	IKE_ATTR_GROUP_CURVE_B = 10,	/* V */
	IKE_ATTR_LIFE_TYPE = 11,	/* B */
	IKE_ATTR_LIFE_DURATION = 12,	/* V */
	IKE_ATTR_PRF = 13,		/* B */
	IKE_ATTR_KEY_LENGTH = 14,	/* B */
	IKE_ATTR_FIELD_SIZE = 15,	/* B */
	IKE_ATTR_GROUP_ORDER = 16,	/* V */
};

/* Phase-1 encryption algorithms (RFC 2409 appendix A, RFC 3602) */
enum ike_encr {
	IKE_ENCR_DES_CBC = 1,
	IKE_ENCR_IDEA_CBC = 2,
	IKE_ENCR_BLOWFISH_CBC = 3,
	IKE_ENCR_RC5_CBC = 4,
	IKE_ENCR_3DES_CBC = 5,
	IKE_ENCR_CAST_CBC = 6,
	IKE_ENCR_AES_CBC = 7,
	IKE_ENCR_CAMELLIA_CBC = 8,
};

/* Phase-1 hash algorithms (RFC 2409 appendix A, RFC 4868) */
enum ike_hash {
	IKE_HASH_MD5 = 1,
	IKE_HASH_SHA1 = 2,
	IKE_HASH_TIGER = 3,
	IKE_HASH_SHA2_256 = 4,
	IKE_HASH_SHA2_384 = 5,
	IKE_HASH_SHA2_512 = 6,
};

/* Phase-1 authentication methods (RFC 2409 appendix A) */
enum ike_auth {
	IKE_AUTH_PSK = 1,
	IKE_AUTH_DSS_SIG = 2,
	IKE_AUTH_RSA_SIG = 3,
	IKE_AUTH_RSA_ENC = 4,
	IKE_AUTH_RSA_ENC_REV = 5,
	IKE_AUTH_XAUTH_INIT_PSK = 65001,	/* draft-ietf-ipsec-isakmp-xauth */
	IKE_AUTH_XAUTH_RESP_PSK = 65002,
};

/* Diffie-Hellman group descriptions (RFC 2409, 3526, 5903, 8031 / IANA) */
enum ike_group {
	IKE_GROUP_MODP768 = 1,
	IKE_GROUP_MODP1024 = 2,
	IKE_GROUP_MODP1536 = 5,
	IKE_GROUP_MODP2048 = 14,
	IKE_GROUP_MODP3072 = 15,
	IKE_GROUP_MODP4096 = 16,
	IKE_GROUP_MODP6144 = 17,
	IKE_GROUP_MODP8192 = 18,
	IKE_GROUP_ECP256 = 19,
	IKE_GROUP_ECP384 = 20,
	IKE_GROUP_ECP521 = 21,
	IKE_GROUP_CURVE25519 = 31,
};

/* Life types, phase 1 (RFC 2409) and phase 2 (RFC 2407) alike */
enum {
	IKE_LIFE_SECONDS = 1,
	IKE_LIFE_KILOBYTES = 2,
};

/* IPsec transform IDs (RFC 2407 4.4.3 and 4.4.4, RFC 3602, 3686, 4106,
 * 4543, 7634 / IANA "IPsec ESP Transform Identifiers")
 */
enum ipsec_ah_id {
	IPSEC_AH_MD5 = 2,
	IPSEC_AH_SHA = 3,
	IPSEC_AH_SHA2_256 = 5,
	IPSEC_AH_SHA2_384 = 6,
	IPSEC_AH_SHA2_512 = 7,
	IPSEC_AH_AES_XCBC_MAC = 9,
};

enum ipsec_esp_id {
	IPSEC_ESP_DES = 2,
	IPSEC_ESP_3DES = 3,
	IPSEC_ESP_NULL = 11,
	IPSEC_ESP_AES_CBC = 12,
	IPSEC_ESP_AES_CTR = 13,
	IPSEC_ESP_AES_GCM_8 = 18,
	IPSEC_ESP_AES_GCM_12 = 19,
	IPSEC_ESP_AES_GCM_16 = 20,
	IPSEC_ESP_NULL_AUTH_AES_GMAC = 23,
	IPSEC_ESP_CHACHA20_POLY1305 = 28,
};

/* IPsec SA attribute types (RFC 2407 4.5, RFC 4304) */
enum ipsec_attr {
	IPSEC_ATTR_LIFE_TYPE = 1,	/* B */
	IPSEC_ATTR_LIFE_DURATION = 2,	/* V */
	IPSEC_ATTR_GROUP_DESC = 3,	/* B */
	IPSEC_ATTR_ENCAP_MODE = 4,	/* B */
	IPSEC_ATTR_AUTH_ALG = 5,	/* B */
	IPSEC_ATTR_KEY_LENGTH = 6,	/* B */
	IPSEC_ATTR_KEY_ROUNDS = 7,	/* B */
	IPSEC_ATTR_COMP_DICT_SIZE = 8,	/* B */
	IPSEC_ATTR_COMP_PRIV_ALG = 9,	/* V */
	IPSEC_ATTR_ECN_TUNNEL = 10,	/* B */
	IPSEC_ATTR_ESN = 11,		/* B */
};

/* Encapsulation modes (RFC 2407, RFC 3947 and its draft values) */
enum {
	IPSEC_ENCAP_TUNNEL = 1,
	IPSEC_ENCAP_TRANSPORT = 2,
	IPSEC_ENCAP_UDP_TUNNEL = 3,
	IPSEC_ENCAP_UDP_TRANSPORT = 4,
	IPSEC_ENCAP_UDP_TUNNEL_DRAFT = 61443,
	IPSEC_ENCAP_UDP_TRANSPORT_DRAFT = 61444,
};

/* IPsec authentication algorithm attribute values (RFC 2407 4.5, 4868) */
enum ipsec_auth {
	IPSEC_AUTH_HMAC_MD5 = 1,
	IPSEC_AUTH_HMAC_SHA = 2,
	IPSEC_AUTH_DES_MAC = 3,
	IPSEC_AUTH_KPDK = 4,
	IPSEC_AUTH_HMAC_SHA2_256 = 5,
	IPSEC_AUTH_HMAC_SHA2_384 = 6,
	IPSEC_AUTH_HMAC_SHA2_512 = 7,
	IPSEC_AUTH_HMAC_RIPEMD = 8,
	IPSEC_AUTH_AES_XCBC_MAC = 9,
};

/* Key exchange payload (RFC 2408 3.7): the public value follows.  For ECP
 * groups it is x || y (RFC 5903 section 7), for Curve25519 the 32-byte u
 * (RFC 8031), for MODP groups padded to the length of the prime.
 */
struct isakmp_ke_pl {
	struct isakmp_gen gen;
};

/* Identification payload (RFC 2408 3.8, IPsec DOI RFC 2407 4.6.2): the
 * identification data follows.
 */
struct isakmp_id_pl {
	struct isakmp_gen gen;
	uint8_t id_type;
	uint8_t protocol;
	uint8_t port[2];
};
_Static_assert(sizeof(struct isakmp_id_pl) == 8, "ID payload fixed part");

/* ID types (RFC 2407 4.6.2.1) */
enum ipsec_id_type {
	IPSEC_ID_IPV4_ADDR = 1,
	IPSEC_ID_FQDN = 2,
	IPSEC_ID_USER_FQDN = 3,
	IPSEC_ID_IPV4_ADDR_SUBNET = 4,
	IPSEC_ID_IPV6_ADDR = 5,
	IPSEC_ID_IPV6_ADDR_SUBNET = 6,
	IPSEC_ID_IPV4_ADDR_RANGE = 7,
	IPSEC_ID_IPV6_ADDR_RANGE = 8,
	IPSEC_ID_DER_ASN1_DN = 9,
	IPSEC_ID_DER_ASN1_GN = 10,
	IPSEC_ID_KEY_ID = 11,
};

/* Certificate payload (RFC 2408 3.9): the certificate data follows. */
struct isakmp_cert_pl {
	struct isakmp_gen gen;
	uint8_t encoding;
};
_Static_assert(sizeof(struct isakmp_cert_pl) == 5, "CERT payload fixed part");

/* Certificate request payload (RFC 2408 3.10): the authority follows. */
struct isakmp_cr_pl {
	struct isakmp_gen gen;
	uint8_t cert_type;
};
_Static_assert(sizeof(struct isakmp_cr_pl) == 5, "CR payload fixed part");

/* Certificate encodings (RFC 2408 3.9); 11..255 are reserved. */
enum {
	ISAKMP_CERT_NONE = 0,
	ISAKMP_CERT_PKCS7 = 1,
	ISAKMP_CERT_PGP = 2,
	ISAKMP_CERT_DNS_KEY = 3,
	ISAKMP_CERT_X509_SIG = 4,
	ISAKMP_CERT_X509_KE = 5,
	ISAKMP_CERT_KERBEROS = 6,
	ISAKMP_CERT_CRL = 7,
	ISAKMP_CERT_ARL = 8,
	ISAKMP_CERT_SPKI = 9,
	ISAKMP_CERT_X509_ATTR = 10,

	ISAKMP_CERT_MAX = ISAKMP_CERT_X509_ATTR
};

/* HASH, SIG, NONCE, VID and NAT-D payloads: the generic header, then data. */
struct isakmp_data_pl {
	struct isakmp_gen gen;
};
_Static_assert(sizeof(struct isakmp_data_pl) == 4, "data payload fixed part");

/* Notification payload (RFC 2408 3.14): then SPI, then notification data. */
struct isakmp_notify_pl {
	struct isakmp_gen gen;
	uint8_t doi[4];
	uint8_t protocol;
	uint8_t spi_size;
	uint8_t type[2];
};
_Static_assert(sizeof(struct isakmp_notify_pl) == 12, "N payload fixed part");

/* Notify message types (RFC 2408 3.14.1, RFC 2407 4.6.3, RFC 3706) */
enum isakmp_notify {
	ISAKMP_N_NONE = 0,
	ISAKMP_N_INVALID_PAYLOAD_TYPE = 1,
	ISAKMP_N_DOI_NOT_SUPPORTED = 2,
	ISAKMP_N_SITUATION_NOT_SUPPORTED = 3,
	ISAKMP_N_INVALID_COOKIE = 4,
	ISAKMP_N_INVALID_MAJOR_VERSION = 5,
	ISAKMP_N_INVALID_MINOR_VERSION = 6,
	ISAKMP_N_INVALID_EXCHANGE_TYPE = 7,
	ISAKMP_N_INVALID_FLAGS = 8,
	ISAKMP_N_INVALID_MESSAGE_ID = 9,
	ISAKMP_N_INVALID_PROTOCOL_ID = 10,
	ISAKMP_N_INVALID_SPI = 11,
	ISAKMP_N_INVALID_TRANSFORM_ID = 12,
	ISAKMP_N_ATTRIBUTES_NOT_SUPPORTED = 13,
	ISAKMP_N_NO_PROPOSAL_CHOSEN = 14,
	ISAKMP_N_BAD_PROPOSAL_SYNTAX = 15,
	ISAKMP_N_PAYLOAD_MALFORMED = 16,
	ISAKMP_N_INVALID_KEY_INFORMATION = 17,
	ISAKMP_N_INVALID_ID_INFORMATION = 18,
	ISAKMP_N_INVALID_CERT_ENCODING = 19,
	ISAKMP_N_INVALID_CERTIFICATE = 20,
	ISAKMP_N_CERT_TYPE_UNSUPPORTED = 21,
	ISAKMP_N_INVALID_CERT_AUTHORITY = 22,
	ISAKMP_N_INVALID_HASH_INFORMATION = 23,
	ISAKMP_N_AUTHENTICATION_FAILED = 24,
	ISAKMP_N_INVALID_SIGNATURE = 25,
	ISAKMP_N_ADDRESS_NOTIFICATION = 26,
	ISAKMP_N_NOTIFY_SA_LIFETIME = 27,
	ISAKMP_N_CERTIFICATE_UNAVAILABLE = 28,
	ISAKMP_N_UNSUPPORTED_EXCHANGE_TYPE = 29,
	ISAKMP_N_UNEQUAL_PAYLOAD_LENGTHS = 30,
	/* 31..8191 reserved, 8192..16383 private errors */
	ISAKMP_N_ERROR_MAX = 16383,
	ISAKMP_N_CONNECTED = 16384,
	IPSEC_N_RESPONDER_LIFETIME = 24576,
	IPSEC_N_REPLAY_STATUS = 24577,
	IPSEC_N_INITIAL_CONTACT = 24578,
	ISAKMP_N_DPD_R_U_THERE = 36136,
	ISAKMP_N_DPD_R_U_THERE_ACK = 36137,
};

/* Delete payload (RFC 2408 3.15): then num_spis SPIs of spi_size bytes. */
struct isakmp_delete_pl {
	struct isakmp_gen gen;
	uint8_t doi[4];
	uint8_t protocol;
	uint8_t spi_size;
	uint8_t num_spis[2];
};
_Static_assert(sizeof(struct isakmp_delete_pl) == 12, "D payload fixed part");

/* NAT original address payload (RFC 3947 5.2): then the address. */
struct isakmp_natoa_pl {
	struct isakmp_gen gen;
	uint8_t id_type;	/* IPSEC_ID_IPV4_ADDR or IPSEC_ID_IPV6_ADDR */
	uint8_t reserved[3];
};
_Static_assert(sizeof(struct isakmp_natoa_pl) == 8, "NAT-OA payload fixed part");

/* Attribute payload (mode-config draft 3.2): then data attributes. */
struct isakmp_attr_pl {
	struct isakmp_gen gen;
	uint8_t type;
	uint8_t reserved;
	uint8_t identifier[2];
};
_Static_assert(sizeof(struct isakmp_attr_pl) == 8, "attribute payload fixed part");

enum {
	ISAKMP_CFG_REQUEST = 1,
	ISAKMP_CFG_REPLY = 2,
	ISAKMP_CFG_SET = 3,
	ISAKMP_CFG_ACK = 4,
};

/* Mode-config attribute types (draft-dukes-ike-mode-cfg 3.3) */
enum {
	CFG_INTERNAL_IP4_ADDRESS = 1,
	CFG_INTERNAL_IP4_NETMASK = 2,
	CFG_INTERNAL_IP4_DNS = 3,
	CFG_INTERNAL_IP4_NBNS = 4,
	CFG_INTERNAL_ADDRESS_EXPIRY = 5,
	CFG_INTERNAL_IP4_DHCP = 6,
	CFG_APPLICATION_VERSION = 7,
	CFG_INTERNAL_IP6_ADDRESS = 8,
	CFG_INTERNAL_IP6_NETMASK = 9,
	CFG_INTERNAL_IP6_DNS = 10,
	CFG_INTERNAL_IP6_NBNS = 11,
	CFG_INTERNAL_IP6_DHCP = 12,
	CFG_INTERNAL_IP4_SUBNET = 13,
	CFG_SUPPORTED_ATTRIBUTES = 14,
	CFG_INTERNAL_IP6_SUBNET = 15,
};

/* XAUTH attribute types (draft-beaulieu-ike-xauth-02 6.1) */
enum {
	XAUTH_TYPE = 16520,		/* B: 0 generic */
	XAUTH_USER_NAME = 16521,	/* V */
	XAUTH_USER_PASSWORD = 16522,	/* V */
	XAUTH_PASSCODE = 16523,		/* V */
	XAUTH_MESSAGE = 16524,		/* V */
	XAUTH_CHALLENGE = 16525,	/* V */
	XAUTH_DOMAIN = 16526,		/* V */
	XAUTH_STATUS = 16527,		/* B: 1 OK, 0 FAIL */
	XAUTH_NEXT_PIN = 16528,		/* V */
	XAUTH_ANSWER = 16529,		/* V */
};

enum {
	XAUTH_TYPE_GENERIC = 0,
	XAUTH_STATUS_FAIL = 0,
	XAUTH_STATUS_OK = 1,
};

#endif /* IKEV1D_ISAKMP_H */
