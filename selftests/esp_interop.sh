#!/bin/bash
# ESP interoperability with the kernel's own XFRM, for every algorithm of
# the table: each encryption algorithm with one integrity algorithm, each
# integrity algorithm with one encryption algorithm, each AEAD with each
# ICV length it allows; in tunnel and transport mode, over IPv4 and IPv6,
# and IPv4 in IPv6 and IPv6 in IPv4 tunnels.  For each case, an echo and a
# checksummed TCP transfer in both directions; a capture of the wire shows
# ESP with each case's SPIs, and neither the transfers' marker nor any
# clear-text TCP or echo (lib_esp.sh: esp_matrix).
#
#   [k] kips  ====  [m] router (capture)  ====  [x] XFRM
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_xfrm.sh"
. "$(dirname "$0")/lib_esp.sh"
require_module
require_cmd tcpdump python3

ALL=(
	"enc:aes-cbc:16 auth:hmac-sha256-128:32"
	"enc:aes-cbc:24 auth:hmac-sha256-128:32"
	"enc:aes-cbc:32 auth:hmac-sha256-128:32"
	"enc:aes-ctr:20 auth:hmac-sha256-128:32"
	"enc:aes-ctr:36 auth:hmac-sha256-128:32"
	"enc:3des-cbc:24 auth:hmac-sha256-128:32"
	"enc:null:0 auth:hmac-sha256-128:32"
	"enc:aes-cbc:16 auth:hmac-md5-96:16"
	"enc:aes-cbc:16 auth:hmac-sha1-96:20"
	"enc:aes-cbc:16 auth:hmac-sha384-192:48"
	"enc:aes-cbc:16 auth:hmac-sha512-256:64"
	"enc:aes-cbc:16 auth:aes-xcbc-96:16"
	"enc:aes-cbc:16 auth:aes-cmac-96:16"
	"aead:aes-gcm:20:16"
	"aead:aes-gcm:20:12"
	"aead:aes-gcm:20:8"
	"aead:aes-gcm:28:16"
	"aead:aes-gcm:36:16"
	"aead:aes-gmac:20"
	"aead:chacha20-poly1305:36"
)
SOME=("aead:aes-gcm:20:16" "enc:aes-cbc:16 auth:hmac-sha1-96:20" "aead:chacha20-poly1305:36")
# KIPS_ESP_SETS=N: the first N sets only (quick runs).
[ -n "${KIPS_ESP_SETS:-}" ] && ALL=("${ALL[@]:0:$KIPS_ESP_SETS}")

esp_topology
esp_matrix tunnel4 tunnel 4 4 "${ALL[@]}"
esp_matrix transport4 transport 4 4 "${ALL[@]}"
esp_matrix tunnel6 tunnel 6 6 "${ALL[@]}"
esp_matrix transport6 transport 6 6 "${ALL[@]}"
esp_matrix tunnel4in6 tunnel 6 4 "${SOME[@]}"
esp_matrix tunnel6in4 tunnel 4 6 "${SOME[@]}"
finish
