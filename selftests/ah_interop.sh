#!/bin/bash
# AH (RFC 4302) interoperability with the kernel's own XFRM, for every AH
# integrity algorithm, in tunnel and transport mode, over IPv4 and IPv6:
# for each case an echo and a checksummed TCP transfer in both directions
# (200 KB where every algorithm is first shown, 30 KB in the other two
# combinations), and a capture of the wire that shows AH with each case's
# SPIs and no unprotected TCP or echo (lib_esp.sh: esp_matrix, with
# XPROTO=ah).  AES-GMAC, which XFRM's AH does not offer, runs between two
# kips namespaces, and Python's AES-GCM checks its ICVs on the wire.  Then
# packets whose headers AH must partly zero: IPv4 with options (record
# route, which the router fills in on the way; router alert) and IPv6
# with hop-by-hop and destination options in front of AH (one mutable,
# one not), both ways.
#
#   [k] kips  ====  [m] router (capture)  ====  [x] XFRM (or kips: GMAC)
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_xfrm.sh"
XPROTO=ah
. "$(dirname "$0")/lib_esp.sh"
require_module
require_cmd tcpdump python3 ping

FRAMES=$KT_TOP/selftests/ah_frames.py
ALL=(
	"auth:hmac-md5-96:16"
	"auth:hmac-sha1-96:20"
	"auth:hmac-sha256-128:32"
	"auth:hmac-sha384-192:48"
	"auth:hmac-sha512-256:64"
	"auth:aes-xcbc-96:16"
	"auth:aes-cmac-96:16"
)
esp_matrix_bytes=${KIPS_AH_BYTES:-200000}

esp_topology
require_warm
esp_matrix ah-tunnel4 tunnel 4 4 "${ALL[@]}"
esp_matrix ah-transport6 transport 6 6 "${ALL[@]}"
# The other two combinations carry less: every algorithm is shown with
# TCP above already.
esp_matrix_bytes=${KIPS_AH_BYTES_SMALL:-30000}
esp_matrix ah-transport4 transport 4 4 "${ALL[@]}"
esp_matrix ah-tunnel6 tunnel 6 6 "${ALL[@]}"

# XFRM's AH takes no AEAD: GMAC (RFC 4543) between two kipses.
XPEER=kips
esp_matrix ah-gmac-tunnel4 tunnel 4 4 "aead:aes-gmac:20" "aead:aes-gmac:28" "aead:aes-gmac:36"
esp_matrix ah-gmac-transport6 transport 6 6 "aead:aes-gmac:20"
XPEER=xfrm
# Both ends being kips, an independent check of the wire format: every
# GMAC ICV recomputed with Python's AES-GCM as RFC 4543 section 5 says.
check_output "GMAC: every AH ICV on the wire verifies with Python's AES-GCM (RFC 4543)" \
	'^verified [1-9][0-9]* failed 0$' python3 "$FRAMES" gmac "$KT_TMP/ah-gmac-tunnel4.pcap" \
	"$(hexkey 20 1)" "$(hexkey 28 1)" "$(hexkey 36 1)"

# frames FROM TO SRC DST KIND: three datagrams with the headers KIND names
# (ah_frames.py) from FROM to TO; passes when they arrived.
frames_port=6000
frames() {
	local from=$1 to=$2 src=$3 dst=$4 kind=$5 pid tag got
	frames_port=$((frames_port + 1))
	tag="$kind-$from-to-$to"
	n "$to" python3 "$FRAMES" recv "$dst" $frames_port 15 1 > "$KT_TMP/frames.out" 2>&1 &
	pid=$!
	# Python starts slowly in the VM: send once it listens.
	for _ in $(seq 1 100); do
		grep -q ready "$KT_TMP/frames.out" && break
		sleep 0.1
	done
	n "$from" python3 "$FRAMES" send "$src" "$dst" $frames_port "$kind" "$tag"
	wait $pid
	got=$(grep -v '^ready$' "$KT_TMP/frames.out")
	check_eq "$6" "$tag" "$got"
	[ "$got" = "$tag" ] || info "kips: $(n k "$KIPS" -s sa show 2>&1 | tr '\n' ' ')"
}

# IPv4 options in transport mode: the header AH covers is the packet's own.
esp_addrs 4 4
esp_algs "auth:hmac-sha256-128:32"
esp_sas transport 0x4001 0x4002
esp_policies transport
capture_start opts4
check_output "IPv4 record route (mutable, the router adds itself): ping k -> x" \
	'^[[:space:]]+10\.0\.1\.2$' n k ping -c 1 -W 2 -w 8 -R "$X_OUT"
check_output "IPv4 record route: ping x -> k" \
	'^[[:space:]]+10\.0\.2\.2$' n x ping -c 1 -W 2 -w 8 -R "$K_OUT"
frames k x "$K_OUT" "$X_OUT" v4opts "IPv4 router alert and record route (UDP): k -> x"
frames x k "$X_OUT" "$K_OUT" v4opts "IPv4 router alert and record route (UDP): x -> k"
capture_stop opts4
check_eq "the capture shows AH after IPv4 options, both ways" 2 \
	"$(tcpdump -r "$KT_TMP/opts4.pcap" -nn 'ip[0] & 0xf > 5 and ip proto 51' 2> /dev/null |
	   grep -Eo 'AH\(spi=0x0000400[12]' | sort -u | wc -l)"
check_eq "no IPv4 packet with options crossed unprotected" 0 \
	"$(capture_count opts4 'ip[0] & 0xf > 5 and not ip proto 51')"
esp_flush

# IPv6 extension headers in front of AH: hop-by-hop, and destination
# options (without a routing header they stay in front too, as Linux
# places them: ip6_find_1stfragopt()).
esp_addrs 6 6
esp_algs "auth:hmac-sha1-96:20"
esp_sas transport 0x4003 0x4004
esp_policies transport
capture_start opts6
frames k x "$K_OUT" "$X_OUT" v6hbh "IPv6 hop-by-hop options (UDP): k -> x"
frames x k "$X_OUT" "$K_OUT" v6hbh "IPv6 hop-by-hop options (UDP): x -> k"
frames k x "$K_OUT" "$X_OUT" v6dst "IPv6 destination options (UDP): k -> x"
frames x k "$X_OUT" "$K_OUT" v6dst "IPv6 destination options (UDP): x -> k"
capture_stop opts6
# Hop-by-hop first, then AH: ip6[6] is the next header after IPv6.
check_eq "the capture shows AH behind hop-by-hop options, both ways" 2 \
	"$(tcpdump -r "$KT_TMP/opts6.pcap" -nn 'ip6[6] == 0 and ip6[40] == 51' 2> /dev/null |
	   grep -Eo 'AH\(spi=0x0000400[34]' | sort -u | wc -l)"
check_eq "the capture shows AH behind destination options, both ways" 2 \
	"$(tcpdump -r "$KT_TMP/opts6.pcap" -nn 'ip6[6] == 60 and ip6[40] == 51' 2> /dev/null |
	   grep -Eo 'AH\(spi=0x0000400[34]' | sort -u | wc -l)"
check_eq "no options header crossed without AH behind it" 0 \
	"$(capture_count opts6 '(ip6[6] == 0 or ip6[6] == 60) and ip6[40] != 51')"
esp_flush
finish
