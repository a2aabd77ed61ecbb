#!/bin/bash
# The datapath survives any packet: real ESP and AH packets from XFRM are
# held at the router and captured, then thousands of mutants of them
# (selftests/pkt_fuzz.py: flipped bits, cut short, lengthened, overwritten,
# AH length and ESP sequence numbers at random; IP lengths kept consistent
# so that every mutant reaches kips) are sent to kips.  None may be
# accepted, kips must count them as drops, and the tunnel must work
# afterwards; the VM runner fails the run on any kernel warning.  Per
# suite: ESP AES-GCM in IPv4 tunnel mode, ESP AES-CBC/HMAC-SHA256 in IPv6
# transport mode, AH HMAC-SHA256 in IPv4 tunnel mode.
# KIPS_PKT_FUZZ_COUNT mutants per suite (default 1000).
#
#   [k] kips  ====  [m] router: holds, captures, sends mutants  ====  [x] XFRM
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_xfrm.sh"
. "$(dirname "$0")/lib_esp.sh"
require_module
require_cmd tcpdump python3
FUZZ=$KT_TOP/selftests/pkt_fuzz.py
COUNT=${KIPS_PKT_FUZZ_COUNT:-1000}

drops() {
	n k "$KIPS" -j stats 2> /dev/null | python3 -c '
import json, sys
d = json.load(sys.stdin)
d = d.get("stats", d)
print(sum(v for k, v in d.items() if k.startswith("drop")))'
}

forwarding() {
	n m sysctl -qw net.ipv4.ip_forward="$1" net.ipv6.conf.all.forwarding="$1"
}

# fuzz_suite NAME PROTO MODE OUTER INNER ALGS [KIPS-OPTS [-- XFRM-OPTS]]
spi=$((0x3000))
fuzz_suite() {
	local name=$1 mode=$3 kx xk in0 d0 sent d1 size
	XPROTO=$2
	esp_addrs "$4" "$5"
	esp_algs "$6"
	shift 6
	# Transport mode protects the traffic between the SA's own ends.
	[ "$mode" = transport ] && K_IN=$K_OUT X_IN=$X_OUT
	kx=$((spi += 2)) xk=$((spi + 1))
	local out
	if ! out=$({ esp_sas "$mode" $kx $xk "$@" && esp_policies "$mode"; } 2>&1); then
		fail "$name: setup: $(head -n 1 <<< "$out")"
		return
	fi
	if ! ping_ok k $K_IN $X_IN; then
		fail "$name: no echo through the SAs before the fuzzing"
		esp_flush
		return
	fi
	pass "$name: the SAs work"

	# Packets from x, kept from k.
	forwarding 0
	n m timeout 30 tcpdump -i veth1 -nn -U -s 0 -c 8 -w "$KT_TMP/$name.pcap" "esp or ah" 2> "$KT_TMP/held.err" &
	local held=$!
	for _ in $(seq 1 50); do grep -q "listening on" "$KT_TMP/held.err" && break; sleep 0.1; done
	for size in 0 56 300 1200; do
		n x ping -c 2 -i 0.2 -W 1 -s $size -I $X_IN $K_IN > /dev/null 2>&1
	done
	wait $held
	forwarding 1
	if ! [ -s "$KT_TMP/$name.pcap" ]; then
		fail "$name: no packet from x was captured"
		esp_flush
		return
	fi

	in0=$(sa_counter $xk $K_OUT in_packets) d0=$(drops)
	sent=$(n m python3 "$FUZZ" veth0 "$KT_TMP/$name.pcap" "$COUNT" "$spi" \
		--dst "$(n k cat /sys/class/net/veth0/address)" --src "$(n m cat /sys/class/net/veth0/address)")
	# Completions may still be running.
	sleep 1
	d1=$(drops)
	info "$name: $sent mutants sent, kips counted $((d1 - d0)) drops"
	check_eq "$name: no mutant was accepted" "$in0" "$(sa_counter $xk $K_OUT in_packets)"
	# Some mutants may end where kips hands them on (a fragment header,
	# a packet too short to hold an SPI); most must be counted.
	check "$name: kips counted most of the $sent mutants as drops ($((d1 - d0)))" \
		test "$sent" -ge $((COUNT / 2)) -a $((d1 - d0)) -ge $((sent * 9 / 10))
	check "$name: the SAs still work (echo)" ping_ok k $K_IN $X_IN
	check "$name: the SAs still work (checksummed TCP both ways)" \
		eval "xfer k x $K_IN $X_IN 100000 && xfer x k $X_IN $K_IN 100000"
	esp_flush
}

esp_topology
fuzz_suite esp-gcm-tunnel4 esp tunnel 4 4 "aead:aes-gcm:20:16"
fuzz_suite esp-cbc-transport6 esp transport 6 6 "enc:aes-cbc:16 auth:hmac-sha256-128:32"
fuzz_suite ah-sha256-tunnel4 ah tunnel 4 4 "auth:hmac-sha256-128:32"
finish
