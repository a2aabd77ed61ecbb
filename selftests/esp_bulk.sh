#!/bin/bash
# Bulk transfers through kips, against XFRM: several megabytes each way,
# checksummed, for a representative set (AES-GCM, AES-CBC with HMAC-SHA256,
# ChaCha20-Poly1305; tunnel and transport; IPv4, IPv6, IPv6 in IPv4), with
# the captures checked as in esp_interop (lib_esp.sh: esp_matrix).
#
#   [k] kips  ====  [m] router (capture)  ====  [x] XFRM
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_xfrm.sh"
. "$(dirname "$0")/lib_esp.sh"
require_module
require_cmd tcpdump python3
esp_matrix_bytes=${KIPS_ESP_BULK_BYTES:-3000000}

esp_topology
esp_matrix bulk-tunnel4 tunnel 4 4 "aead:aes-gcm:20:16"
esp_matrix bulk-transport6 transport 6 6 "enc:aes-cbc:16 auth:hmac-sha256-128:32"
esp_matrix bulk-tunnel6 tunnel 6 6 "aead:chacha20-poly1305:36"
esp_matrix bulk-tunnel6in4 tunnel 4 6 "aead:aes-gcm:20:16"
finish
