// SPDX-License-Identifier: GPL-2.0
/*
 * Malformed messages, each refused for its own reason: the header checks,
 * the generic payload chain, every payload decoder, and the per-message
 * expectations of an exchange.  Each case asserts the reason code, the
 * notify RFC 2408 section 5 asks for, the payload at fault and the offset.
 *
 * Messages are hex written by hand.  In them, "*N;" stands for N bytes of
 * 0xab, and a header length of 00000000 is replaced by the real length (so
 * only the cases about the length field spell one out).
 */
#include "crypt.h"
#include "dpd.h"
#include "isakmp.h"
#include "message.h"
#include "parse_error.h"
#include "test.h"
#include "validate.h"
#include "wire.h"

/* Header: cookies, next payload, version 1.0, exchange, flags, M-ID, and a
 * length to fill in.
 */
#define H(np, xchg, flags, msgid) \
	"0102030405060708" "1112131415161718" np "10" xchg flags msgid "00000000"
#define MM(np)	H(np, "02", "00", "00000000")		/* main mode */
#define QM(np)	H(np, "20", "01", "0000abcd")		/* quick mode */

/* A valid phase-1 SA (32 bytes): one proposal, one transform (AES). */
#define P1_SA(np) np "000020" "00000001" "00000001" \
		"00000014" "01" "01" "00" "01" \
		"0000000c" "01" "01" "0000" "80010007"
/* A valid ESP SA (32 bytes): SPI 0x100, one AES transform. */
#define ESP_SA(np) np "000020" "00000001" "00000001" \
		"00000014" "01" "03" "04" "01" "00000100" \
		"00000008" "01" "0c" "0000"
#define NONCE8	"0000000c" "0102030405060708"
/* Informational (after decryption), and the header's cookies as an SPI. */
#define INFO(np)	H(np, "05", "00", "5eed0001")
#define COOKIES	"0102030405060708" "1112131415161718"

#define X4(a)	a a a a
#define X32(a)	X4(X4(a)) X4(X4(a))

/* What main mode message 1 and quick mode message 1 may carry. */
static const struct isakmp_expect mm1[] = {
	{ ISAKMP_NP_SA, 1, 1 },
	{ ISAKMP_NP_VID, 0, 16 },
};
static const struct isakmp_expect mm3[] = {
	{ ISAKMP_NP_KE, 1, 1 },
	{ ISAKMP_NP_NONCE, 1, 1 },
	{ ISAKMP_NP_NATD, 0, 4 },
	{ ISAKMP_NP_VID, 0, 16 },
};
/* Main mode message 5 (main_mode.c): a HASH or a SIG, certificates. */
static const struct isakmp_expect mm5[] = {
	{ ISAKMP_NP_ID, 1, 1 },
	{ ISAKMP_NP_HASH, 0, 1 },
	{ ISAKMP_NP_SIG, 0, 1 },
	{ ISAKMP_NP_CERT, 0, 4 },
	{ ISAKMP_NP_CR, 0, 8 },
	{ ISAKMP_NP_N, 0, 4 },
	{ ISAKMP_NP_VID, 0, 16 },
};
/* A transaction message (mode config, XAUTH): HASH first, one ATTR. */
static const struct isakmp_expect tx[] = {
	{ ISAKMP_NP_HASH, 1, 1 },
	{ ISAKMP_NP_ATTR, 1, 1 },
};
static const struct isakmp_expect qm1[] = {
	{ ISAKMP_NP_HASH, 1, 1 },
	{ ISAKMP_NP_SA, 1, 1 },
	{ ISAKMP_NP_NONCE, 1, 1 },
	{ ISAKMP_NP_KE, 0, 1 },
	{ ISAKMP_NP_ID, 0, 2 },
};

struct bad {
	const char *name;
	const char *hex;
	enum isakmp_reason reason;
	uint16_t notify;
	uint8_t payload;	/* named in the error; 0: the header */
	long offset;
	const struct isakmp_expect *expect;	/* after validation, if set */
	size_t nexpect;
	uint8_t first;
	/* The first payload, a DPD notification, is then checked against
	 * the ISAKMP SA of the header's cookies.
	 */
	bool dpd;
};

#define EXPECT(t) t, sizeof(t) / sizeof(t[0])
#define NOX NULL, 0, 0, false
#define DPD NULL, 0, 0, true

static const struct bad cases[] = {
	/* --- the header (RFC 2408 5.1, 5.2) --- */
	{ "short-datagram", "0102030405060708" "1112131415",
	  ISAKMP_E_SHORT, 0, 0, 0, NOX },
	{ "length-beyond-datagram",
	  "0102030405060708" "1112131415161718" "0a" "10" "02" "00" "00000000" "00000040"
	  NONCE8, ISAKMP_E_LENGTH, ISAKMP_N_UNEQUAL_PAYLOAD_LENGTHS, 0, 24, NOX },
	{ "length-short-of-datagram",
	  "0102030405060708" "1112131415161718" "0a" "10" "02" "00" "00000000" "00000020"
	  NONCE8, ISAKMP_E_LENGTH, ISAKMP_N_UNEQUAL_PAYLOAD_LENGTHS, 0, 24, NOX },
	{ "zero-initiator-cookie",
	  "0000000000000000" "1112131415161718" "0a" "10" "02" "00" "00000000" "00000000"
	  NONCE8, ISAKMP_E_COOKIE, ISAKMP_N_INVALID_COOKIE, 0, 0, NOX },
	{ "major-version-2",
	  "0102030405060708" "1112131415161718" "0a" "20" "02" "00" "00000000" "00000000"
	  NONCE8, ISAKMP_E_MAJOR_VERSION, ISAKMP_N_INVALID_MAJOR_VERSION, 0, 17, NOX },
	{ "minor-version-1",
	  "0102030405060708" "1112131415161718" "0a" "11" "02" "00" "00000000" "00000000"
	  NONCE8, ISAKMP_E_MINOR_VERSION, ISAKMP_N_INVALID_MINOR_VERSION, 0, 17, NOX },
	{ "exchange-type-0", H("0a", "00", "00", "00000000") NONCE8,
	  ISAKMP_E_EXCHANGE_TYPE, ISAKMP_N_INVALID_EXCHANGE_TYPE, 0, 18, NOX },
	{ "exchange-type-200", H("0a", "c8", "00", "00000000") NONCE8,
	  ISAKMP_E_EXCHANGE_TYPE, ISAKMP_N_INVALID_EXCHANGE_TYPE, 0, 18, NOX },
	{ "exchange-base", H("0a", "01", "00", "00000000") NONCE8,
	  ISAKMP_E_EXCHANGE_UNSUPPORTED, ISAKMP_N_UNSUPPORTED_EXCHANGE_TYPE, 0, 18, NOX },
	{ "exchange-new-group", H("0a", "21", "00", "00000001") NONCE8,
	  ISAKMP_E_EXCHANGE_UNSUPPORTED, ISAKMP_N_UNSUPPORTED_EXCHANGE_TYPE, 0, 18, NOX },
	{ "undefined-flag", H("0a", "02", "08", "00000000") NONCE8,
	  ISAKMP_E_FLAGS, ISAKMP_N_INVALID_FLAGS, 0, 19, NOX },
	{ "main-mode-nonzero-msgid", H("0a", "02", "00", "00000001") NONCE8,
	  ISAKMP_E_MESSAGE_ID, ISAKMP_N_INVALID_MESSAGE_ID, 0, 20, NOX },
	{ "quick-mode-zero-msgid", H("0a", "20", "00", "00000000") NONCE8,
	  ISAKMP_E_MESSAGE_ID, ISAKMP_N_INVALID_MESSAGE_ID, 0, 20, NOX },

	/* --- the generic payload chain (RFC 2408 5.3) --- */
	{ "no-payload", MM("00"),
	  ISAKMP_E_NO_PAYLOAD, ISAKMP_N_PAYLOAD_MALFORMED, 0, 16, NOX },
	{ "unknown-first-payload", MM("4d") NONCE8,
	  ISAKMP_E_PAYLOAD_TYPE, ISAKMP_N_INVALID_PAYLOAD_TYPE, 0, 16, NOX },
	{ "proposal-outside-sa", MM("02") NONCE8,
	  ISAKMP_E_PAYLOAD_TYPE, ISAKMP_N_INVALID_PAYLOAD_TYPE, 0, 16, NOX },
	{ "transform-after-vid", MM("0d") "03000008" "cafebabe",
	  ISAKMP_E_PAYLOAD_TYPE, ISAKMP_N_INVALID_PAYLOAD_TYPE, ISAKMP_NP_VID, 28, NOX },
	{ "gdoi-payload", MM("0a") "0f00000c" "0102030405060708",
	  ISAKMP_E_PAYLOAD_TYPE, ISAKMP_N_INVALID_PAYLOAD_TYPE, ISAKMP_NP_NONCE, 28, NOX },
	{ "reserved-not-zero", MM("0a") "0001000c" "0102030405060708",
	  ISAKMP_E_RESERVED, ISAKMP_N_PAYLOAD_MALFORMED, ISAKMP_NP_NONCE, 29, NOX },
	{ "payload-length-3", MM("0a") "00000003" "0102030405060708",
	  ISAKMP_E_PAYLOAD_SHORT, ISAKMP_N_PAYLOAD_MALFORMED, ISAKMP_NP_NONCE, 28, NOX },
	{ "sa-shorter-than-fixed-part", MM("01") "00000008" "00000001",
	  ISAKMP_E_PAYLOAD_SHORT, ISAKMP_N_PAYLOAD_MALFORMED, ISAKMP_NP_SA, 28, NOX },
	{ "nonce-runs-past-message", MM("04") "0a000038" "*52;" "0000012c" "*112;",
	  ISAKMP_E_PAYLOAD_OVERRUN, ISAKMP_N_PAYLOAD_MALFORMED, ISAKMP_NP_NONCE, 84, NOX },
	{ "chain-ends-early", MM("0d") "0a000008" "cafebabe",
	  ISAKMP_E_TRUNCATED, ISAKMP_N_PAYLOAD_MALFORMED, ISAKMP_NP_NONCE, 36, NOX },
	{ "half-a-generic-header", MM("0d") "0a000008" "cafebabe" "0000",
	  ISAKMP_E_TRUNCATED, ISAKMP_N_PAYLOAD_MALFORMED, ISAKMP_NP_NONCE, 36, NOX },
	{ "trailing-bytes", MM("0a") NONCE8 "000000",
	  ISAKMP_E_TRAILING, ISAKMP_N_UNEQUAL_PAYLOAD_LENGTHS, ISAKMP_NP_NONCE, 40, NOX },
	{ "33-payloads", MM("0d") X32("0d000008cafebabe") "00000008cafebabe",
	  ISAKMP_E_TOO_MANY_PAYLOADS, ISAKMP_N_PAYLOAD_MALFORMED, ISAKMP_NP_VID, 284, NOX },

	/* --- SA, proposal, transform (RFC 2408 5.4-5.6) --- */
	{ "sa-doi-2", MM("01") "00000020" "00000002" "00000001"
	  "00000014" "01010001" "0000000c" "01010000" "80010007",
	  ISAKMP_E_DOI, ISAKMP_N_DOI_NOT_SUPPORTED, ISAKMP_NP_SA, 32, NOX },
	{ "sa-situation-secrecy", MM("01") "00000020" "00000001" "00000002"
	  "00000014" "01010001" "0000000c" "01010000" "80010007",
	  ISAKMP_E_SITUATION, ISAKMP_N_SITUATION_NOT_SUPPORTED, ISAKMP_NP_SA, 36, NOX },
	{ "sa-without-proposal", MM("01") "0000000c" "00000001" "00000001",
	  ISAKMP_E_PROPOSAL_SYNTAX, ISAKMP_N_BAD_PROPOSAL_SYNTAX, ISAKMP_NP_SA, 40, NOX },
	{ "proposal-chains-a-transform", MM("01") "00000020" "00000001" "00000001"
	  "03000014" "01010001" "0000000c" "01010000" "80010007",
	  ISAKMP_E_PROPOSAL_SYNTAX, ISAKMP_N_BAD_PROPOSAL_SYNTAX, ISAKMP_NP_P, 40, NOX },
	{ "proposal-protocol-9", MM("01") "00000020" "00000001" "00000001"
	  "00000014" "01090001" "0000000c" "01010000" "80010007",
	  ISAKMP_E_PROTOCOL_ID, ISAKMP_N_INVALID_PROTOCOL_ID, ISAKMP_NP_P, 45, NOX },
	{ "esp-spi-size-3", QM("01") "0000001f" "00000001" "00000001"
	  "00000013" "01" "03" "03" "01" "c00000" "00000008" "01" "0c" "0000",
	  ISAKMP_E_SPI, ISAKMP_N_INVALID_SPI, ISAKMP_NP_P, 46, NOX },
	{ "esp-spi-reserved", QM("01") "00000020" "00000001" "00000001"
	  "00000014" "01" "03" "04" "01" "00000005" "00000008" "01" "0c" "0000",
	  ISAKMP_E_SPI, ISAKMP_N_INVALID_SPI, ISAKMP_NP_P, 48, NOX },
	{ "proposal-numbers-decrease", QM("01") "00000034" "00000001" "00000001"
	  "02000014" "02" "03" "04" "01" "00000100" "00000008" "01" "0c" "0000"
	  "00000014" "01" "03" "04" "01" "00000200" "00000008" "01" "0c" "0000",
	  ISAKMP_E_PROPOSAL_SYNTAX, ISAKMP_N_BAD_PROPOSAL_SYNTAX, ISAKMP_NP_P, 64, NOX },
	{ "transform-count-mismatch", MM("01") "00000020" "00000001" "00000001"
	  "00000014" "01010002" "0000000c" "01010000" "80010007",
	  ISAKMP_E_PROPOSAL_SYNTAX, ISAKMP_N_BAD_PROPOSAL_SYNTAX, ISAKMP_NP_P, 47, NOX },
	{ "proposal-without-transform", MM("01") "00000020" "00000001" "00000001"
	  "00000014" "01010000" "0000000c" "01010000" "80010007",
	  ISAKMP_E_PROPOSAL_SYNTAX, ISAKMP_N_BAD_PROPOSAL_SYNTAX, ISAKMP_NP_P, 47, NOX },
	{ "phase1-transform-not-key-ike", MM("01") "00000020" "00000001" "00000001"
	  "00000014" "01010001" "0000000c" "01020000" "80010007",
	  ISAKMP_E_TRANSFORM_ID, ISAKMP_N_INVALID_TRANSFORM_ID, ISAKMP_NP_T, 53, NOX },
	{ "transform-runs-past-proposal", MM("01") "00000020" "00000001" "00000001"
	  "00000014" "01010001" "00000010" "01010000" "80010007",
	  ISAKMP_E_PAYLOAD_OVERRUN, ISAKMP_N_PAYLOAD_MALFORMED, ISAKMP_NP_T, 48, NOX },
	{ "attribute-runs-past-transform", MM("01") "00000022" "00000001" "00000001"
	  "00000016" "01010001" "0000000e" "01010000" "000c0008" "0000",
	  ISAKMP_E_ATTRIBUTE, ISAKMP_N_PAYLOAD_MALFORMED, ISAKMP_NP_T, 56, NOX },
	{ "attribute-header-cut", MM("01") "0000001e" "00000001" "00000001"
	  "00000012" "01010001" "0000000a" "01010000" "8001",
	  ISAKMP_E_ATTRIBUTE, ISAKMP_N_PAYLOAD_MALFORMED, ISAKMP_NP_T, 56, NOX },
	{ "transform-reserved-not-zero", MM("01") "00000020" "00000001" "00000001"
	  "00000014" "01010001" "0000000c" "01010001" "80010007",
	  ISAKMP_E_RESERVED, ISAKMP_N_PAYLOAD_MALFORMED, ISAKMP_NP_T, 54, NOX },
	{ "proposal-shorter-than-spi", QM("01") "00000016" "00000001" "00000001"
	  "0000000a" "01" "03" "04" "01" "0000",
	  ISAKMP_E_PAYLOAD_SHORT, ISAKMP_N_PAYLOAD_MALFORMED, ISAKMP_NP_P, 40, NOX },
	{ "bytes-after-last-proposal", MM("01") "00000024" "00000001" "00000001"
	  "00000014" "01010001" "0000000c" "01010000" "80010007" "00000000",
	  ISAKMP_E_PROPOSAL_SYNTAX, ISAKMP_N_BAD_PROPOSAL_SYNTAX, ISAKMP_NP_SA, 60, NOX },

	/* --- the other payloads (RFC 2408 5.7-5.15, RFC 2407, 2409) --- */
	{ "ke-empty", MM("04") "00000004",
	  ISAKMP_E_KEY_INFO, ISAKMP_N_INVALID_KEY_INFORMATION, ISAKMP_NP_KE, 28, NOX },
	{ "nonce-7-bytes", MM("0a") "0000000b" "01020304050607",
	  ISAKMP_E_NONCE, ISAKMP_N_PAYLOAD_MALFORMED, ISAKMP_NP_NONCE, 28, NOX },
	{ "nonce-257-bytes", MM("0a") "00000105" "*257;",
	  ISAKMP_E_NONCE, ISAKMP_N_PAYLOAD_MALFORMED, ISAKMP_NP_NONCE, 28, NOX },
	{ "id-type-0", MM("05") "0000000c" "00" "00" "0000" "c0000201",
	  ISAKMP_E_ID_INFO, ISAKMP_N_INVALID_ID_INFORMATION, ISAKMP_NP_ID, 28, NOX },
	{ "id-ipv4-of-5-bytes", MM("05") "0000000d" "01" "00" "0000" "c000020101",
	  ISAKMP_E_ID_INFO, ISAKMP_N_INVALID_ID_INFORMATION, ISAKMP_NP_ID, 28, NOX },
	{ "id-mask-not-contiguous", MM("05") "00000010" "04" "00" "0000" "0a000000" "ff00ff00",
	  ISAKMP_E_ID_INFO, ISAKMP_N_INVALID_ID_INFORMATION, ISAKMP_NP_ID, 28, NOX },
	{ "id-range-reversed", MM("05") "00000010" "07" "00" "0000" "0a000009" "0a000001",
	  ISAKMP_E_ID_INFO, ISAKMP_N_INVALID_ID_INFORMATION, ISAKMP_NP_ID, 28, NOX },
	{ "id-fqdn-with-nul", MM("05") "0000000c" "02" "00" "0000" "61006263",
	  ISAKMP_E_ID_INFO, ISAKMP_N_INVALID_ID_INFORMATION, ISAKMP_NP_ID, 28, NOX },
	{ "cert-encoding-200", MM("06") "00000006" "c8" "30",
	  ISAKMP_E_CERT_ENCODING, ISAKMP_N_INVALID_CERT_ENCODING, ISAKMP_NP_CERT, 32, NOX },
	{ "cert-x509-empty", MM("06") "00000005" "04",
	  ISAKMP_E_CERT_ENCODING, ISAKMP_N_INVALID_CERT_ENCODING, ISAKMP_NP_CERT, 28, NOX },
	{ "cr-type-99", MM("07") "00000005" "63",
	  ISAKMP_E_CERT_TYPE, ISAKMP_N_CERT_TYPE_UNSUPPORTED, ISAKMP_NP_CR, 32, NOX },
	{ "hash-empty", MM("08") "00000004",
	  ISAKMP_E_HASH_INFO, ISAKMP_N_INVALID_HASH_INFORMATION, ISAKMP_NP_HASH, 28, NOX },
	{ "sig-empty", MM("09") "00000004",
	  ISAKMP_E_SIGNATURE, ISAKMP_N_INVALID_SIGNATURE, ISAKMP_NP_SIG, 28, NOX },
	{ "notify-doi-7", MM("0b") "0000000c" "00000007" "01" "00" "6002",
	  ISAKMP_E_DOI, ISAKMP_N_DOI_NOT_SUPPORTED, ISAKMP_NP_N, 32, NOX },
	{ "notify-protocol-9", MM("0b") "0000000c" "00000001" "09" "00" "6002",
	  ISAKMP_E_PROTOCOL_ID, ISAKMP_N_INVALID_PROTOCOL_ID, ISAKMP_NP_N, 36, NOX },
	{ "notify-esp-spi-of-3", MM("0b") "0000000f" "00000001" "03" "03" "6002" "010203",
	  ISAKMP_E_SPI, ISAKMP_N_INVALID_SPI, ISAKMP_NP_N, 37, NOX },
	{ "notify-type-0", MM("0b") "0000000c" "00000001" "01" "00" "0000",
	  ISAKMP_E_NOTIFY_TYPE, 0, ISAKMP_NP_N, 38, NOX },
	{ "notify-reserved-error-100", MM("0b") "0000000c" "00000001" "01" "00" "0064",
	  ISAKMP_E_NOTIFY_TYPE, 0, ISAKMP_NP_N, 38, NOX },
	{ "notify-spi-past-payload", MM("0b") "00000010" "00000001" "01" "10" "6002" "01020304",
	  ISAKMP_E_PAYLOAD_SHORT, ISAKMP_N_PAYLOAD_MALFORMED, ISAKMP_NP_N, 28, NOX },
	{ "delete-count-mismatch", MM("0c") "00000014" "00000001" "03" "04" "0003"
	  "c0000101" "c0000102",
	  ISAKMP_E_DELETE_SPIS, ISAKMP_N_PAYLOAD_MALFORMED, ISAKMP_NP_D, 38, NOX },
	{ "delete-zero-spis", MM("0c") "0000000c" "00000001" "03" "04" "0000",
	  ISAKMP_E_DELETE_SPIS, ISAKMP_N_PAYLOAD_MALFORMED, ISAKMP_NP_D, 38, NOX },
	{ "delete-isakmp-spi-of-8", MM("0c") "00000014" "00000001" "01" "08" "0001"
	  "0102030405060708",
	  ISAKMP_E_SPI, ISAKMP_N_INVALID_SPI, ISAKMP_NP_D, 37, NOX },
	{ "delete-protocol-0", MM("0c") "00000010" "00000001" "00" "04" "0001" "c0000101",
	  ISAKMP_E_PROTOCOL_ID, ISAKMP_N_INVALID_PROTOCOL_ID, ISAKMP_NP_D, 36, NOX },
	{ "vid-empty", MM("0d") "00000004",
	  ISAKMP_E_EMPTY, ISAKMP_N_PAYLOAD_MALFORMED, ISAKMP_NP_VID, 28, NOX },
	{ "nat-d-empty", MM("14") "00000004",
	  ISAKMP_E_EMPTY, ISAKMP_N_PAYLOAD_MALFORMED, ISAKMP_NP_NATD, 28, NOX },
	{ "nat-d-draft-empty", MM("82") "00000004",
	  ISAKMP_E_EMPTY, ISAKMP_N_PAYLOAD_MALFORMED, ISAKMP_NP_NATD_DRAFT, 28, NOX },
	{ "nat-oa-no-address", QM("15") "00000008" "01" "000000",
	  ISAKMP_E_NATOA, ISAKMP_N_PAYLOAD_MALFORMED, ISAKMP_NP_NATOA, 28, NOX },
	{ "nat-oa-draft-ipv6-of-4-bytes", QM("83") "0000000c" "05" "000000" "c0a80101",
	  ISAKMP_E_NATOA, ISAKMP_N_PAYLOAD_MALFORMED, ISAKMP_NP_NATOA_DRAFT, 28, NOX },
	{ "nat-oa-short-of-fixed-part", QM("15") "00000006" "0100",
	  ISAKMP_E_PAYLOAD_SHORT, ISAKMP_N_PAYLOAD_MALFORMED, ISAKMP_NP_NATOA, 28, NOX },
	{ "nat-oa-fqdn", QM("15") "0000000c" "02" "000000" "c0a80101",
	  ISAKMP_E_NATOA, ISAKMP_N_PAYLOAD_MALFORMED, ISAKMP_NP_NATOA, 32, NOX },
	{ "nat-oa-ipv4-of-16-bytes", QM("15") "00000018" "01" "000000" "*16;",
	  ISAKMP_E_NATOA, ISAKMP_N_PAYLOAD_MALFORMED, ISAKMP_NP_NATOA, 28, NOX },
	{ "nat-oa-reserved", QM("15") "0000000c" "01" "000100" "c0a80101",
	  ISAKMP_E_RESERVED, ISAKMP_N_PAYLOAD_MALFORMED, ISAKMP_NP_NATOA, 33, NOX },
	{ "cfg-type-9", H("0e", "06", "00", "00000001") "00000008" "09" "00" "0001",
	  ISAKMP_E_CFG_TYPE, ISAKMP_N_PAYLOAD_MALFORMED, ISAKMP_NP_ATTR, 32, NOX },
	{ "cfg-attribute-cut", H("0e", "06", "00", "00000001") "0000000a" "01" "00" "0001" "0001",
	  ISAKMP_E_ATTRIBUTE, ISAKMP_N_PAYLOAD_MALFORMED, ISAKMP_NP_ATTR, 36, NOX },
	{ "cfg-reserved", H("0e", "06", "00", "00000001") "00000008" "01" "01" "0001",
	  ISAKMP_E_RESERVED, ISAKMP_N_PAYLOAD_MALFORMED, ISAKMP_NP_ATTR, 33, NOX },
	{ "cfg-type-0", H("0e", "06", "00", "00000001") "00000008" "00" "00" "0001",
	  ISAKMP_E_CFG_TYPE, ISAKMP_N_PAYLOAD_MALFORMED, ISAKMP_NP_ATTR, 32, NOX },
	/* XAUTH-USER-NAME (0x4089, variable) claiming 8 bytes, 2 there */
	{ "cfg-value-runs-past", H("0e", "06", "00", "00000001") "0000000e" "01" "00" "0001"
	  "4089" "0008" "6162",
	  ISAKMP_E_ATTRIBUTE, ISAKMP_N_PAYLOAD_MALFORMED, ISAKMP_NP_ATTR, 36, NOX },
	{ "cfg-payload-short", H("0e", "06", "00", "00000001") "00000006" "01" "00",
	  ISAKMP_E_PAYLOAD_SHORT, ISAKMP_N_PAYLOAD_MALFORMED, ISAKMP_NP_ATTR, 28, NOX },

	/* --- DPD notifications (RFC 3706 5.3): R-U-THERE is 8d28, the
	 * ACK 8d29; protocol ISAKMP, the SA's cookies, a 4-byte number ---
	 */
	{ "dpd-spi-size-0", INFO("0b") "00000010" "00000001" "01" "00" "8d28"
	  "00000001",
	  ISAKMP_E_DPD_SPI, 0, ISAKMP_NP_N, 37, DPD },
	{ "dpd-protocol-esp", INFO("0b") "00000014" "00000001" "03" "04" "8d28"
	  "c0000101" "00000001",
	  ISAKMP_E_DPD_SPI, 0, ISAKMP_NP_N, 37, DPD },
	{ "dpd-other-cookies", INFO("0b") "00000020" "00000001" "01" "10" "8d28"
	  "0102030405060708" "2122232425262728" "00000001",
	  ISAKMP_E_DPD_COOKIES, 0, ISAKMP_NP_N, 40, DPD },
	{ "dpd-cookies-swapped", INFO("0b") "00000020" "00000001" "01" "10" "8d29"
	  "1112131415161718" "0102030405060708" "00000001",
	  ISAKMP_E_DPD_COOKIES, 0, ISAKMP_NP_N, 40, DPD },
	{ "dpd-no-seq", INFO("0b") "0000001c" "00000001" "01" "10" "8d28" COOKIES,
	  ISAKMP_E_DPD_SEQ, 0, ISAKMP_NP_N, 56, DPD },
	{ "dpd-seq-of-2-bytes", INFO("0b") "0000001e" "00000001" "01" "10" "8d28"
	  COOKIES "0001",
	  ISAKMP_E_DPD_SEQ, 0, ISAKMP_NP_N, 56, DPD },
	{ "dpd-ack-seq-of-8-bytes", INFO("0b") "00000024" "00000001" "01" "10" "8d29"
	  COOKIES "0000000000000001",
	  ISAKMP_E_DPD_SEQ, 0, ISAKMP_NP_N, 56, DPD },

	/* --- what the exchange expects of one message --- */
	{ "quick-mode-hash-not-first", QM("01") ESP_SA("0a") NONCE8,
	  ISAKMP_E_PAYLOAD_ORDER, ISAKMP_N_PAYLOAD_MALFORMED, ISAKMP_NP_SA, 28,
	  EXPECT(qm1), ISAKMP_NP_HASH, false },
	{ "transaction-hash-not-first", H("0e", "06", "00", "00000001")
	  "08000008" "01" "00" "0001" "00000008" "01020304",
	  ISAKMP_E_PAYLOAD_ORDER, ISAKMP_N_PAYLOAD_MALFORMED, ISAKMP_NP_ATTR, 28,
	  EXPECT(tx), ISAKMP_NP_HASH, false },
	{ "transaction-two-attr", H("08", "06", "00", "00000001") "0e000008" "01020304"
	  "0e000008" "01" "00" "0001" "00000008" "02" "00" "0001",
	  ISAKMP_E_DUPLICATE_PAYLOAD, ISAKMP_N_PAYLOAD_MALFORMED, ISAKMP_NP_ATTR, 44,
	  EXPECT(tx), ISAKMP_NP_HASH, false },
	{ "transaction-without-attr", H("08", "06", "00", "00000001") "00000008" "01020304",
	  ISAKMP_E_MISSING_PAYLOAD, ISAKMP_N_PAYLOAD_MALFORMED, ISAKMP_NP_ATTR, 36,
	  EXPECT(tx), ISAKMP_NP_HASH, false },
	{ "main-mode-1-with-ke", MM("01") P1_SA("04") "00000008" "01020304",
	  ISAKMP_E_UNEXPECTED_PAYLOAD, ISAKMP_N_INVALID_PAYLOAD_TYPE, ISAKMP_NP_KE, 60,
	  EXPECT(mm1), 0, false },
	{ "main-mode-1-two-sa", MM("01") P1_SA("01") P1_SA("00"),
	  ISAKMP_E_DUPLICATE_PAYLOAD, ISAKMP_N_PAYLOAD_MALFORMED, ISAKMP_NP_SA, 60,
	  EXPECT(mm1), 0, false },
	{ "main-mode-3-without-nonce", MM("04") "00000008" "01020304",
	  ISAKMP_E_MISSING_PAYLOAD, ISAKMP_N_PAYLOAD_MALFORMED, ISAKMP_NP_NONCE, 36,
	  EXPECT(mm3), 0, false },
	{ "main-mode-3-with-cert", MM("04") "0a000008" "01020304"
	  "0600000c" "0102030405060708" "00000006" "04" "30",
	  ISAKMP_E_UNEXPECTED_PAYLOAD, ISAKMP_N_INVALID_PAYLOAD_TYPE, ISAKMP_NP_CERT, 48,
	  EXPECT(mm3), 0, false },
	{ "main-mode-5-two-sigs", MM("05") "0900000c" "01" "00" "0000" "c0000201"
	  "09000008" "01020304" "00000008" "01020304",
	  ISAKMP_E_DUPLICATE_PAYLOAD, ISAKMP_N_PAYLOAD_MALFORMED, ISAKMP_NP_SIG, 48,
	  EXPECT(mm5), 0, false },
	{ "main-mode-5-five-certs", MM("05") "0600000c" "01" "00" "0000" "c0000201"
	  X4("06000006" "04" "30") "00000006" "04" "30",
	  ISAKMP_E_DUPLICATE_PAYLOAD, ISAKMP_N_PAYLOAD_MALFORMED, ISAKMP_NP_CERT, 64,
	  EXPECT(mm5), 0, false },
};

/* t_unhex with "*N;" runs of 0xab. */
static size_t load(const char *hex, uint8_t *out, size_t max)
{
	char plain[4096];
	size_t n = 0;

	while (*hex) {
		if (*hex == '*') {
			long run = strtol(hex + 1, (char **)&hex, 10);

			if (*hex++ != ';' || n + 2 * run >= sizeof(plain))
				abort();
			while (run--) {
				plain[n++] = 'a';
				plain[n++] = 'b';
			}
			continue;
		}
		if (n + 1 >= sizeof(plain))
			abort();
		plain[n++] = *hex++;
	}
	plain[n] = 0;
	return t_unhex(plain, out, max);
}

static void run(const struct bad *c)
{
	static uint8_t buf[4096];
	struct isakmp_msg msg;
	struct isakmp_err err = { 0 };
	size_t len = load(c->hex, buf, sizeof(buf));
	int r;

	if (len >= sizeof(struct isakmp_hdr) && !get_be32(buf + 24))
		put_be32(buf + 24, len);
	r = isakmp_parse(&msg, buf, len, &err);
	if (!r && msg.hdr.flags & ISAKMP_FLAG_ENC)
		r = isakmp_parse_payloads(&msg, buf, len, &err);
	if (!r)
		r = isakmp_validate(&msg, &err);
	if (!r && c->expect)
		r = isakmp_check_payloads(&msg, c->expect, c->nexpect, c->first,
					  &err);
	if (!r && c->dpd) {
		struct dpd_notify dn;

		r = dpd_notify_parse(&msg.pl[0], buf, buf + 8, &dn, &err);
	}
	if (getenv("VERBOSE"))
		fprintf(stderr, "%s: %s\n", c->name, err.msg);
	if (!r) {
		T_FAIL("accepted, expected %s", isakmp_reason_name(c->reason));
		return;
	}
	if (err.reason != c->reason) {
		T_FAIL("refused as %s, expected %s (%s)",
		       isakmp_reason_name(err.reason),
		       isakmp_reason_name(c->reason), err.msg);
		return;
	}
	if (err.notify != c->notify) {
		T_FAIL("notify %u, expected %u", err.notify, c->notify);
		return;
	}
	if (err.payload != c->payload || (long)err.offset != c->offset) {
		T_FAIL("blames payload %u at offset %zu, expected %u at %ld (%s)",
		       err.payload, err.offset, c->payload, c->offset, err.msg);
		return;
	}
	if (strncmp(err.msg, "malformed ", 10)) {
		T_FAIL("log line \"%s\"", err.msg);
		return;
	}
}

/* The exact log line, as the issue words it. */
static void log_line(void)
{
	static uint8_t buf[512];
	struct isakmp_msg msg;
	struct isakmp_err err;
	size_t len = load(MM("04") "0a000038" "*52;" "0000012c" "*112;", buf,
			  sizeof(buf));

	put_be32(buf + 24, len);
	T_ASSERT(isakmp_parse(&msg, buf, len, &err) == -1);
	T_ASSERT_STR(err.msg, "malformed payload NONCE at offset 84: "
		     "length 300 runs past the message (end 200)");
}

/* Encrypted messages may carry padding after their last payload. */
static void padding_after_encrypted(void)
{
	static uint8_t buf[512];
	struct isakmp_msg msg;
	struct isakmp_err err;
	size_t len = load(H("0a", "02", "01", "00000000") NONCE8 "00000000", buf,
			  sizeof(buf));

	put_be32(buf + 24, len);
	T_ASSERT(!isakmp_parse(&msg, buf, len, &err));
	T_ASSERT_INT(msg.n, 0);		/* left for after decryption */
	T_ASSERT(!isakmp_parse_payloads(&msg, buf, len, &err));
	T_ASSERT_INT(msg.n, 1);
	T_ASSERT_INT(msg.end, 40);
}

/* A good R-U-THERE and its ACK, for contrast with the cases above. */
static void dpd_good(void)
{
	static uint8_t buf[512];
	struct isakmp_msg msg;
	struct isakmp_err err;
	struct dpd_notify dn;
	size_t len = load(INFO("0b") "00000020" "00000001" "01" "10" "8d28"
			  COOKIES "7ffffffe", buf, sizeof(buf));

	put_be32(buf + 24, len);
	T_ASSERT(!isakmp_parse(&msg, buf, len, &err));
	T_ASSERT(!isakmp_validate(&msg, &err));
	T_ASSERT(!dpd_notify_parse(&msg.pl[0], buf, buf + 8, &dn, &err));
	T_ASSERT_INT(dn.type, ISAKMP_N_DPD_R_U_THERE);
	T_ASSERT_INT(dn.seq, 0x7ffffffe);
	buf[39] = 0x29;		/* the type's low byte: the ACK */
	T_ASSERT(!dpd_notify_parse(&msg.pl[0], buf, buf + 8, &dn, &err));
	T_ASSERT_INT(dn.type, ISAKMP_N_DPD_R_U_THERE_ACK);
}

/* Ciphertext that is not a whole number of blocks cannot be decrypted. */
static void ciphertext_not_blocks(void)
{
	static uint8_t buf[512], out[512];
	uint8_t key[16] = { 0 }, iv[16] = { 0 };
	struct isakmp_msg msg;
	struct isakmp_err err;
	size_t len = load(H("08", "02", "01", "00000000") "0102030405", buf,
			  sizeof(buf));

	put_be32(buf + 24, len);
	T_ASSERT(!isakmp_parse(&msg, buf, len, &err));
	T_ASSERT(isakmp_decrypt_msg(IKE_ENCR_AES_CBC, key, 16, iv, buf, len, out,
				    &err) == -1);
	T_ASSERT_INT(err.reason, ISAKMP_E_CIPHERTEXT);
	T_ASSERT_INT(err.notify, ISAKMP_N_PAYLOAD_MALFORMED);
	T_ASSERT_STR(err.msg, "malformed header at offset 28: 5 encrypted bytes "
		     "are not a whole number of 16-byte blocks");
}

int main(void)
{
	size_t i;

	t_init("malformed");
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		t_begin();
		run(&cases[i]);
		t_end(cases[i].name);
	}
	T_RUN(log_line);
	T_RUN(padding_after_encrypted);
	T_RUN(dpd_good);
	T_RUN(ciphertext_not_blocks);
	return t_done();
}
