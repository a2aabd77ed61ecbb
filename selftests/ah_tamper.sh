#!/bin/bash
# What AH's ICV covers, shown on packets changed in flight.  AH packets
# that XFRM sent towards kips are held back at the router (forwarding off)
# and captured; then the router sends them on itself, edited, through a
# raw packet socket (ah_frames.py resend):
#   - an immutable field changed (IPv4 identification, a payload byte, the
#     sequence number, an IPv6 hop-by-hop option that may not change en
#     route): dropped and counted as an authentication failure on the SA
#     and in the namespace;
#   - only mutable fields changed (IPv4 TTL, TOS, DF; IPv6 hop limit,
#     traffic class, flow label, and the data of a hop-by-hop option that
#     may change en route): accepted;
#   - the same packet once more: counted as a replay.
#
#   [k] kips  ====  [m] router: holds, captures, edits  ====  [x] XFRM
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_xfrm.sh"
XPROTO=ah
. "$(dirname "$0")/lib_esp.sh"
require_module
require_cmd tcpdump python3
FRAMES=$KT_TOP/selftests/ah_frames.py

esp_topology
require_warm
kmac=$(n k cat /sys/class/net/veth0/address)
mmac=$(n m cat /sys/class/net/veth0/address)

# hold NAME N CMD...: runs CMD (in x) with the router not forwarding, and
# keeps the first N AH packets it sent in $KT_TMP/NAME.pcap.
hold() {
	local name=$1 count=$2 pid i
	shift 2
	n m sysctl -qw net.ipv4.ip_forward=0 net.ipv6.conf.all.forwarding=0
	# AH right after the IP header, or (IPv6) after hop-by-hop options.
	n m tcpdump -i veth1 -nn -U -s 0 -c "$count" -w "$KT_TMP/$name.pcap" \
		'ip proto 51 or (ip6 and (ip6[6] == 51 or (ip6[6] == 0 and ip6[40] == 51)))' 2> "$KT_TMP/$name.err" &
	pid=$!
	for i in $(seq 1 50); do grep -q "listening on" "$KT_TMP/$name.err" && break; sleep 0.1; done
	n x "$@" > /dev/null 2>&1
	for i in $(seq 1 50); do kill -0 $pid 2> /dev/null || break; sleep 0.1; done
	kill $pid 2> /dev/null
	wait $pid
	n m sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1
	check_eq "$name: $count AH packets from x held at the router" "$count" \
		"$(python3 "$FRAMES" list "$KT_TMP/$name.pcap" | wc -l)"
}

resend() { n m python3 "$FRAMES" resend veth0 "$KT_TMP/$1.pcap" "$2" --dst "$kmac" --src "$mmac" "${@:3}"; }
ctr() { sa_counter $XK $K_OUT "$1"; }
# wait_ctr NAME VALUE: the SA's counter reaches VALUE (within 3 s).
wait_ctr() {
	local i
	for i in $(seq 1 30); do
		[ "$(ctr "$1")" = "$2" ] && return 0
		sleep 0.1
	done
	echo "$1 is $(ctr "$1"), expected $2"
	return 1
}

# --- IPv4, transport mode: the IP header is the packet's own.
esp_addrs 4 4
esp_algs "auth:hmac-sha256-128:32"
KX=0x5001 XK=0x5002
esp_sas transport $KX $XK && esp_policies transport || { fail "IPv4 setup"; finish; }
check "IPv4: AH works both ways" ping_ok x $X_OUT $K_OUT
hold held4 3 ping -c 3 -i 0.3 -W 1 -I $X_OUT $K_OUT

in0=$(ctr in_packets) auth0=$(ctr drop_auth) rep0=$(ctr drop_replay)
ns_auth0=$(ns_counter drop_auth)
check "IPv4: counters are readable" test -n "$in0" -a -n "$auth0" -a -n "$rep0" -a -n "$ns_auth0"

resend held4 0 --ip 4=ab --ip 5=cd
check "IPv4: identification changed: an authentication failure" wait_ctr drop_auth $((auth0 + 1))
# 32 bytes of AH (hmac-sha256-128, padded to 8), 8 of ICMP, then its data.
resend held4 0 --ah 52
check "IPv4: a payload byte changed: an authentication failure" wait_ctr drop_auth $((auth0 + 2))
resend held4 0 --ah 11
check "IPv4: the sequence number changed: an authentication failure" wait_ctr drop_auth $((auth0 + 3))
check_eq "IPv4: ... and none was accepted" "$in0" "$(ctr in_packets)"
check_eq "IPv4: the namespace counted them too" $((ns_auth0 + 3)) "$(ns_counter drop_auth)"

# TTL 3, TOS 0x28, DF set: all mutable.
resend held4 0 --ip 8=03 --ip 1=28 --ip 6=40
check "IPv4: TTL, TOS and DF changed: accepted" wait_ctr in_packets $((in0 + 1))
resend held4 1
check "IPv4: an intact packet is accepted" wait_ctr in_packets $((in0 + 2))
resend held4 1 --ip 8=09
check "IPv4: it again, TTL changed: a replay" wait_ctr drop_replay $((rep0 + 1))
check_eq "IPv4: no more authentication failures than caused" $((auth0 + 3)) "$(ctr drop_auth)"
esp_flush

# --- IPv6, transport mode, with hop-by-hop options in front of AH.
esp_addrs 6 6
esp_algs "auth:hmac-sha1-96:20"
KX=0x5003 XK=0x5004
esp_sas transport $KX $XK && esp_policies transport || { fail "IPv6 setup"; finish; }
check "IPv6: AH works both ways" ping_ok x $X_OUT $K_OUT
hold held6 3 python3 "$FRAMES" send $X_OUT $K_OUT 7000 v6hbh tamper-test-payload

in0=$(ctr in_packets) auth0=$(ctr drop_auth) rep0=$(ctr drop_replay)
# Hop-by-hop header at 40: option 0x3e (may change) has its data at 44,
# option 0x1e (may not) at 50.
resend held6 0 --ip 50=ff
check "IPv6: an immutable hop-by-hop option changed: an authentication failure" \
	wait_ctr drop_auth $((auth0 + 1))
# 24 bytes of AH (hmac-sha1-96), 8 of UDP, then the payload.
resend held6 0 --ah 36
check "IPv6: a payload byte changed: an authentication failure" wait_ctr drop_auth $((auth0 + 2))
check_eq "IPv6: ... and none was accepted" "$in0" "$(ctr in_packets)"
# Hop limit 5, traffic class and flow label changed, the mutable option's
# data changed.
resend held6 0 --ip 7=05 --ip 0=6f --ip 1=e1 --ip 3=42 --ip 44=ee --ip 45=ee
check "IPv6: hop limit, traffic class, flow label, mutable option changed: accepted" \
	wait_ctr in_packets $((in0 + 1))
resend held6 1
check "IPv6: an intact packet is accepted" wait_ctr in_packets $((in0 + 2))
resend held6 1
check "IPv6: it again: a replay" wait_ctr drop_replay $((rep0 + 1))
check_output "the namespace counts the authentication failures" '"drop_auth": *([5-9]|[1-9][0-9])' \
	n k "$KIPS" -j stats
esp_flush
finish
