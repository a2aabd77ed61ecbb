#!/bin/bash
# AH and ESP together (RFC 4301 bundles): a policy with two templates, ESP
# inside and AH outside, both in transport mode, against the same bundle
# configured in the kernel's XFRM (whose templates are listed inner first
# too), over IPv4 and IPv6: an echo and a checksummed TCP transfer each
# way; the capture shows AH carrying ESP with the expected SPIs, and
# neither clear text nor ESP alone; every SA of kips counted.  Then XFRM
# sends with ESP alone: kips's inbound policy wants both, and drops it.
#
#   [k] kips  ====  [m] router (capture)  ====  [x] XFRM
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_xfrm.sh"
. "$(dirname "$0")/lib_esp.sh"
require_module
require_cmd tcpdump python3

esp_topology
require_warm

ESP_SET="enc:aes-cbc:16 auth:hmac-sha1-96:20"
AH_SET="auth:hmac-sha256-128:32"

# ah_esp_seen NAME AH-SPI ESP-SPI: the capture has AH with AH-SPI right
# after the IP header, carrying ESP with ESP-SPI.
ah_esp_seen() {
	local a e
	a=$(printf '0x%08x' "$2") e=$(printf '0x%08x' "$3")
	[ -n "$(tcpdump -r "$KT_TMP/$1.pcap" -nn -c 1 \
		"(ip proto 51 and ip[20] = 50 and ip[24:4] = $a and ip[20 + ((ip[21] + 2) << 2):4] = $e) or
		 (ip6 and ip6[6] = 51 and ip6[40] = 50 and ip6[44:4] = $a and ip6[40 + ((ip6[41] + 2) << 2):4] = $e)" 2> /dev/null)" ]
}

# bundle NAME FAMILY BASE: ESP SPIs BASE (k -> x), BASE+1 (x -> k), AH
# SPIs BASE+2, BASE+3; reqids 1, 2 (ESP) and 3, 4 (AH).
bundle() {
	local name=$1 fam=$2 b=$3 ekx exk akx axk e_k e_x a_k a_x m
	ekx=$b exk=$((b + 1)) akx=$((b + 2)) axk=$((b + 3))
	esp_addrs "$fam" "$fam"
	esp_algs "$ESP_SET"
	e_k=$KIPS_ALGS e_x=("${XFRM_ALGS[@]}")
	esp_algs "$AH_SET"
	a_k=$KIPS_ALGS a_x=("${XFRM_ALGS[@]}")
	# shellcheck disable=SC2086
	if ! {
		n k "$KIPS" sa add src $K_OUT dst $X_OUT proto esp spi $ekx reqid 1 $e_k &&
		n k "$KIPS" sa add src $X_OUT dst $K_OUT proto esp spi $exk reqid 2 $e_k replay-window 64 &&
		n k "$KIPS" sa add src $K_OUT dst $X_OUT proto ah spi $akx reqid 3 $a_k &&
		n k "$KIPS" sa add src $X_OUT dst $K_OUT proto ah spi $axk reqid 4 $a_k replay-window 64 &&
		n k "$KIPS" policy add dir out src $K_OUT dst $X_OUT \
			tmpl proto esp reqid 1 tmpl proto ah reqid 3 &&
		n k "$KIPS" policy add dir in src $X_OUT dst $K_OUT \
			tmpl proto esp reqid 2 tmpl proto ah reqid 4 &&
		n x ip xfrm state add src $K_OUT dst $X_OUT proto esp spi $ekx reqid 1 mode transport "${e_x[@]}" replay-window 64 &&
		n x ip xfrm state add src $X_OUT dst $K_OUT proto esp spi $exk reqid 2 mode transport "${e_x[@]}" &&
		n x ip xfrm state add src $K_OUT dst $X_OUT proto ah spi $akx reqid 3 mode transport "${a_x[@]}" replay-window 64 &&
		n x ip xfrm state add src $X_OUT dst $K_OUT proto ah spi $axk reqid 4 mode transport "${a_x[@]}" &&
		n x ip xfrm policy add src $X_OUT dst $K_OUT dir out \
			tmpl proto esp reqid 2 mode transport tmpl proto ah reqid 4 mode transport &&
		n x ip xfrm policy add src $K_OUT dst $X_OUT dir in \
			tmpl proto esp reqid 1 mode transport tmpl proto ah reqid 3 mode transport
	} > "$KT_TMP/$name.setup" 2>&1; then
		fail "$name: setup: $(tail -n 3 "$KT_TMP/$name.setup" | tr '\n' ' ')"
		esp_flush
		return 1
	fi
	capture_start "$name" || return 1
	check "$name: ping k -> x" ping_ok k $K_OUT $X_OUT
	check "$name: ping x -> k" ping_ok x $X_OUT $K_OUT
	check "$name: TCP k -> x (300 KB, checksummed)" xfer k x $K_OUT $X_OUT 300000
	check "$name: TCP x -> k (300 KB, checksummed)" xfer x k $X_OUT $K_OUT 300000
	capture_stop "$name"
	for m in "$akx $ekx" "$axk $exk"; do
		set -- $m
		check "$name: AH $(printf '0x%x' "$1") carrying ESP $(printf '0x%x' "$2") on the wire" \
			ah_esp_seen "$name" "$1" "$2"
	done
	check_eq "$name: no ESP without AH, no clear TCP or echo on the wire" 0 \
		"$(capture_count "$name" 'esp or tcp or icmp or icmp6[icmp6type] == icmp6-echo or icmp6[icmp6type] == icmp6-echoreply')"
	check_eq "$name: no clear text on the wire" 0 "$(grep -ac "$MARKER" "$KT_TMP/$name.pcap")"
	for m in "esp $ekx $X_OUT out_packets" "esp $exk $K_OUT in_packets" \
		 "ah $akx $X_OUT out_packets" "ah $axk $K_OUT in_packets"; do
		set -- $m
		check "$name: kips $1 SA $(printf '0x%x' "$2") counted $4" test "$(XPROTO=$1 sa_counter "$2" "$3" "$4")" -gt 0
	done

	# XFRM sends ESP alone: the bundle's inbound policy refuses it.
	local pol0
	pol0=$(ns_counter drop_policy)
	n x ip xfrm policy update src $X_OUT dst $K_OUT dir out tmpl proto esp reqid 2 mode transport
	check_fails "$name: ESP without AH from x is not accepted" ping_ok x $X_OUT $K_OUT
	check "$name: ... and counted as a policy mismatch" test "$(ns_counter drop_policy)" -gt "$pol0"
	esp_flush
}

bundle bundle4 4 $((0x7000))
bundle bundle6 6 $((0x7100))
finish
