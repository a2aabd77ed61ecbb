#!/bin/bash
# NAT traversal: ESP in UDP (RFC 3948) between kips and the kernel's own
# XFRM, both ends with encapsulated SAs on port 4500 (XFRM's side also
# needs a UDP socket with UDP_ENCAP_ESPINUDP, which natt.py holds open):
#
#   nat-tunnel4      IPv4 tunnel mode through a NAT on the router: k's
#                    datagrams leave towards x from 10.0.2.2:4501, and
#                    XFRM's SAs name that address and port
#   transport4       IPv4 transport mode, no NAT
#   nat-transport4   IPv4 transport mode through the NAT: the inner TCP
#                    checksums are of addresses the NAT changed, which
#                    only works if the receiver lets ESP vouch for them
#   tunnel6          IPv6 tunnel mode, no NAT (UDP checksums required)
#
# Each: an echo and a checksummed TCP transfer each way; the wire on k's
# side carries the SPIs in UDP port 4500 and no plain ESP, no clear text
# and no fragments; kips's SAs counted the packets.  In the tunnel cases
# the router then sends k's port 4500 what is not ESP for kips (IKE behind
# the non-ESP marker, a keepalive, an unknown SPI) and a socket there
# must get it, while ESP for kips's SA (bad ICV, bad UDP checksum, bad
# UDP length) must be taken and counted, not reach the socket.
#
#   [k] kips ---- [m] router (capture on both links; NAT towards x) ---- [x] XFRM
#   10.0.1.1 (.11 for transport4)       10.0.2.2 = k behind the NAT      10.0.2.1 (.11)
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_xfrm.sh"
. "$(dirname "$0")/lib_esp.sh"
require_module
require_cmd tcpdump python3 nft
require_warm

NATT=$KT_TOP/selftests/natt.py
BYTES=${KIPS_NATT_BYTES:-300000}
NAT_ADDR=10.0.2.2 NAT_PORT=4501

esp_topology
esp_algs "aead:aes-gcm:20:16"

# wait_ready FILE: a background helper has printed "ready".
wait_ready() {
	local i
	for i in $(seq 1 100); do
		grep -q '^ready' "$1" 2> /dev/null && return 0
		sleep 0.1
	done
	fail "helper did not start: $(cat "$1")"
	exit 1
}

n x python3 "$NATT" hold 4500 > "$KT_TMP/hold" 2>&1 &
on_exit "kill $!"
wait_ready "$KT_TMP/hold"
n k python3 "$NATT" listen 4500 4501 > "$KT_TMP/listen" 2>&1 &
LISTEN_PID=$!
on_exit "kill $LISTEN_PID"
wait_ready "$KT_TMP/listen"

# The NAT: k's UDP from 10.0.1.1 leaves towards x from 10.0.2.2:4501.
n m nft -f - <<EOF || { fail "nft: cannot set up the NAT"; exit 1; }
table ip natt {
	chain post {
		type nat hook postrouting priority srcnat;
		oifname "veth1" ip saddr 10.0.1.1 udp sport 4500 snat to $NAT_ADDR:$NAT_PORT
	}
}
EOF
n k ip addr add 10.0.1.11/24 dev veth0
n x ip addr add 10.0.2.11/24 dev veth1

# cap_start NAME IFACE / cap_stop: a capture on one of the router's links.
cap_start() {
	local i
	n m tcpdump -i "$2" -nn -U -s 0 -w "$KT_TMP/$1.pcap" > /dev/null 2> "$KT_TMP/$1.tcpdump" &
	CAP_PIDS+=($!)
	on_exit "kill -KILL $!"
	for i in $(seq 1 50); do
		grep -q "listening on" "$KT_TMP/$1.tcpdump" 2> /dev/null && return 0
		sleep 0.1
	done
	fail "tcpdump did not start: $(cat "$KT_TMP/$1.tcpdump")"
}

cap_stop() {
	local p
	sleep 0.3
	for p in "${CAP_PIDS[@]}"; do kill -TERM "$p" 2> /dev/null; done
	for p in "${CAP_PIDS[@]}"; do wait "$p" 2> /dev/null; done
	CAP_PIDS=()
}
CAP_PIDS=()

# natt_xfer FROM TO SRC DST LISTEN: a checksummed TCP transfer from SRC
# to DST, received on LISTEN (DST as the receiver knows itself: behind
# the NAT it is not the address the sender used).
natt_xfer() {
	local pid sent got
	xfer_port=$((xfer_port + 1))
	n "$2" python3 "$DPCHECK" serve $xfer_port 60 "$5" > "$KT_TMP/xfer.srv" 2>&1 &
	pid=$!
	sent=$(n "$1" python3 "$DPCHECK" send $xfer_port "$BYTES" "$MARKER" "$3,$4" 2>&1)
	server_done $pid
	got=$(cat "$KT_TMP/xfer.srv")
	[ -n "$sent" ] && [ "${sent#* }" = "${got#* }" ] && [ "${got#* }" != none ] ||
		{ echo "sent '$sent', received '$got'"; return 1; }
}

spi=$((0x4500))

# spi_at SPI: a filter for ESP with SPI right after a UDP header (BPF
# cannot index UDP over IPv6: there, after the fixed header).
spi_at() {
	echo "((ip and udp[8:4] = $1) or (ip6 and ip6[6] = 17 and ip6[48:4] = $1))"
}

# natt_case NAME MODE K_OUT X_OUT K_PUB K_PORT K_IN X_IN K_NET X_NET
#   K_OUT X_OUT  the SA's ends as k sees them
#   K_PUB K_PORT k's address and port as x sees them (the NAT's, or K_OUT 4500)
#   K_IN X_IN    the ends of the traffic (tunnel: inner; transport: K_OUT X_OUT)
#   K_NET X_NET  what the policies cover
natt_case() {
	local name=$1 mode=$2 kout=$3 xout=$4 kpub=$5 kport=$6 kin=$7 xin=$8 knet=$9 xnet=${10}
	local kx=$((spi + 1)) xk=$((spi + 2)) kt= xt= xkt= xxt= xs xk_dst xk_listen oa=0.0.0.0 out
	spi=$((spi + 0x10))
	[ "${kout#*:}" != "$kout" ] && oa=::
	if [ "$mode" = tunnel ]; then
		kt="src $kout dst $xout" xt="src $xout dst $kout"
		xkt="src $kpub dst $xout" xxt="src $xout dst $kpub"
		xs=$knet
	else
		xs=$kpub
	fi
	# x reaches k at the address it knows: the NAT's, in transport mode.
	xk_dst=$kin xk_listen=$kin
	[ "$mode" = transport ] && xk_dst=$kpub

	info "$name: k $kout:4500 <-> x $xout:4500, x sees k as $kpub:$kport"
	# shellcheck disable=SC2086
	if ! out=$({
		n k "$KIPS" sa add src $kout dst $xout proto esp spi $kx reqid 1 mode $mode $KIPS_ALGS encap udp 4500 4500 &&
		n k "$KIPS" sa add src $xout dst $kout proto esp spi $xk reqid 2 mode $mode $KIPS_ALGS replay-window 64 encap udp 4500 4500 &&
		n k "$KIPS" policy add dir out src $knet dst $xnet tmpl proto esp mode $mode $kt reqid 1 &&
		n k "$KIPS" policy add dir in src $xnet dst $knet tmpl proto esp mode $mode $xt reqid 2 &&
		n x ip xfrm state add src $kpub dst $xout proto esp spi $kx reqid 1 mode $mode "${XFRM_ALGS[@]}" \
			replay-window 64 encap espinudp $kport 4500 $oa &&
		n x ip xfrm state add src $xout dst $kpub proto esp spi $xk reqid 2 mode $mode "${XFRM_ALGS[@]}" \
			encap espinudp 4500 $kport $oa &&
		n x ip xfrm policy add src $xnet dst $xs dir out tmpl $xxt proto esp reqid 2 mode $mode &&
		n x ip xfrm policy add src $xs dst $xnet dir in tmpl $xkt proto esp reqid 1 mode $mode
	} 2>&1 > /dev/null); then
		fail "$name: setup: $out"
		esp_flush
		return
	fi

	cap_start "$name-k" veth0
	cap_start "$name-x" veth1
	check "$name: ping k -> x" ping_ok k "$kin" "$xin"
	check "$name: ping x -> k" ping_ok x "$xin" "$xk_dst"
	check "$name: TCP k -> x ($BYTES bytes, checksummed)" natt_xfer k x "$kin" "$xin" "$xin"
	check "$name: TCP x -> k ($BYTES bytes, checksummed)" natt_xfer x k "$xin" "$xk_dst" "$xk_listen"
	cap_stop

	python3 "$KT_TOP/selftests/pcapcheck.py" "$KT_TMP/$name-k.pcap" --spi $kx --spi $xk \
		--marker "$MARKER" > "$KT_TMP/$name.wire" 2>&1
	check_eq "$name: both SPIs on k's link" "spis-missing" \
		"$(grep '^spis-missing' "$KT_TMP/$name.wire" || cat "$KT_TMP/$name.wire")"
	check_eq "$name: no clear text on k's link" "marker $MARKER 0" "$(grep "^marker $MARKER " "$KT_TMP/$name.wire")"
	check_eq "$name: no clear-text TCP or echo on k's link" "clear 0" "$(grep '^clear ' "$KT_TMP/$name.wire")"
	check_eq "$name: no plain ESP (IP protocol 50) on k's link" 0 \
		"$(capture_count "$name-k" "ip proto 50 or ip6 proto 50")"
	check_eq "$name: every ESP SPI on k's link is in UDP 4500 <-> 4500" 0 \
		"$(capture_count "$name-k" "udp and not (src port 4500 and dst port 4500) and ($(spi_at $kx) or $(spi_at $xk))")"
	check "$name: k sent ESP in UDP from port 4500 (SPI $(printf 0x%x $kx))" \
		test "$(capture_count "$name-k" "src port 4500 and dst port 4500 and $(spi_at $kx)")" -gt 0
	check "$name: x sent ESP in UDP to k's port 4500 (SPI $(printf 0x%x $xk))" \
		test "$(capture_count "$name-k" "src port 4500 and dst port 4500 and $(spi_at $xk)")" -gt 0
	check_eq "$name: no IP fragments on either link" 0 \
		"$(( $(capture_count "$name-k" "(ip and ip[6:2] & 0x3fff != 0) or (ip6 and ip6[6] = 44)") +
		     $(capture_count "$name-x" "(ip and ip[6:2] & 0x3fff != 0) or (ip6 and ip6[6] = 44)") ))"
	if [ "$kpub" != "$kout" ]; then
		check "$name: k's ESP reaches x from the NAT's $kpub:$kport" \
			test "$(capture_count "$name-x" "src host $kpub and src port $kport and $(spi_at $kx)")" -gt 0
		check_eq "$name: nothing from k's own address on x's link" 0 \
			"$(capture_count "$name-x" "src host $kout")"
	fi
	local c
	for c in out_packets out_bytes; do
		check "$name: kips SA $(printf 0x%x $kx) counted $c" test "$(sa_counter $kx "$xout" $c)" -gt 0
	done
	for c in in_packets in_bytes; do
		check "$name: kips SA $(printf 0x%x $xk) counted $c" test "$(sa_counter $xk "$kout" $c)" -gt 0
	done

	[ "$mode" = tunnel ] && natt_probe "$name" "$kout" $xk
	esp_flush
}

# natt_probe NAME K_OUT SPI: what the router sends k's port 4500 (natt.py
# probe); SPI is kips's inbound SA on K_OUT.
natt_probe() {
	local name=$1 kout=$2 xk=$3 auth0 mal0 nmal0 seen ours
	local spi_hex ike
	auth0=$(sa_counter $xk "$kout" drop_auth)
	mal0=$(sa_counter $xk "$kout" drop_malformed)
	nmal0=$(ns_counter drop_malformed)
	: > "$KT_TMP/listen.before"
	cp "$KT_TMP/listen" "$KT_TMP/listen.before"
	check "$name: probes sent to k's port 4500" n m python3 "$NATT" probe "$kout" $xk 0x10000000
	sleep 0.5
	seen=$(diff "$KT_TMP/listen.before" "$KT_TMP/listen" | sed -n 's/^> //p')
	spi_hex=$(printf %08x $xk)
	ike=$(printf %s "KIPS-NATT-IKE" | od -An -tx1 | tr -d ' \n')
	check "$name: IKE with the non-ESP marker reached the socket on 4500" \
		grep -q "^4500 00000000$ike" <<< "$seen"
	check "$name: a NAT keepalive (0xff) reached the socket on 4500" \
		grep -qx "4500 ff" <<< "$seen"
	check "$name: ESP for an unknown SPI reached the socket on 4500" \
		grep -q "^4500 deadbeef" <<< "$seen"
	check "$name: ESP for kips's SPI on another port (4501) reached its socket" \
		grep -q "^4501 $spi_hex" <<< "$seen"
	ours=$(grep -c "^4500 $spi_hex" <<< "$seen")
	check_eq "$name: ESP for kips's SPI on 4500 never reached the socket" 0 "$ours"
	check_eq "$name: the forged ESP in UDP failed authentication on the SA" \
		$((auth0 + 1)) "$(sa_counter $xk "$kout" drop_auth)"
	check_eq "$name: bad UDP checksum and length counted malformed on the SA" \
		$((mal0 + 2)) "$(sa_counter $xk "$kout" drop_malformed)"
	check_eq "$name: ... and in the namespace" $((nmal0 + 2)) "$(ns_counter drop_malformed)"
}

# KIPS_NATT_CASES="NAME...": only these cases (quick runs).
natt_want() { [ -z "${KIPS_NATT_CASES:-}" ] || [[ " $KIPS_NATT_CASES " == *" $1 "* ]]; }

natt_want nat-tunnel4 && natt_case nat-tunnel4 tunnel 10.0.1.1 10.0.2.1 $NAT_ADDR $NAT_PORT \
	10.1.0.1 10.2.0.1 10.1.0.0/24 10.2.0.0/24
natt_want transport4 && natt_case transport4 transport 10.0.1.11 10.0.2.11 10.0.1.11 4500 \
	10.0.1.11 10.0.2.11 10.0.1.11 10.0.2.11
natt_want nat-transport4 && natt_case nat-transport4 transport 10.0.1.1 10.0.2.1 $NAT_ADDR $NAT_PORT \
	10.0.1.1 10.0.2.1 10.0.1.1 10.0.2.1
natt_want tunnel6 && natt_case tunnel6 tunnel fd00:1::1 fd00:2::1 fd00:1::1 4500 \
	fd01::1 fd02::1 fd01::/64 fd02::/64
finish
