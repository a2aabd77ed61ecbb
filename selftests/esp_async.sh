#!/bin/bash
# Asynchronous crypto, against XFRM.  With kips.ko's parallel_crypto set,
# every new SA's AEAD is wrapped in pcrypt(), whose requests never complete
# at once: each returns -EINPROGRESS and finishes later from a padata
# worker, as with a crypto accelerator.  So the output and input
# completions (the callback owns the packet), the order of the packets and
# the replay window after a deferred authentication all run here, which
# the synchronous software transforms of the other scenarios never reach.
# AEADs and authenc(), tunnel and transport, IPv4 and IPv6; the capture
# checks of esp_interop (lib_esp.sh: esp_matrix).
#
#   [k] kips (pcrypt)  ====  [m] router (capture)  ====  [x] XFRM
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_xfrm.sh"
. "$(dirname "$0")/lib_esp.sh"
require_module
require_cmd tcpdump python3
param=/sys/module/kips/parameters/parallel_crypto
[ -w "$param" ] || { fail "kips.ko has no writable parallel_crypto parameter"; finish; }
modprobe pcrypt 2> /dev/null || skip_all "the kernel has no pcrypt module"
[ "$(nproc)" -gt 1 ] || skip_all "one CPU: kips does not use pcrypt there"
echo 1 > "$param"
on_exit "echo 0 > $param"
esp_matrix_bytes=${KIPS_ESP_ASYNC_BYTES:-1000000}

esp_topology
esp_matrix async-tunnel4 tunnel 4 4 "aead:aes-gcm:20:16" "aead:chacha20-poly1305:36" \
	"enc:aes-cbc:16 auth:hmac-sha256-128:32"
esp_matrix async-transport6 transport 6 6 "aead:aes-gcm:36:12" "enc:aes-ctr:20 auth:hmac-sha1-96:20"

# The SAs really had pcrypt: its instances over each kind of transform
# exist (they stay registered after the SAs are gone), and only kips
# asks for them here.
drivers=$(sed -n 's/^driver *: *\(pcrypt(.*\)$/\1/p' /proc/crypto | sort -u | tr '\n' ' ')
for want in rfc4106 rfc7539esp authenc; do
	if [[ $drivers == *"$want"* ]]; then
		pass "the SAs' $want transforms ran under pcrypt (asynchronous)"
	else
		fail "no pcrypt instance over $want in /proc/crypto (pcrypt drivers: ${drivers:-none})"
	fi
done
finish
