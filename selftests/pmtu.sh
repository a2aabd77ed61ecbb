#!/bin/bash
# Path MTU through kips tunnels, against XFRM.  TCP through a tunnel never
# makes kips fragment an outer packet (local and forwarded traffic, IPv4
# and IPv6, tunnel and transport mode); a DF packet that would not fit
# once encapsulated is refused with ICMP "fragmentation needed" / ICMPv6
# "packet too big" carrying the inner MTU, for local senders (the route
# learns it) and for the host behind kips alike.
#
#   [h] host 10.1.1.2 --- [k] kips (gateway) ==== [m] router ==== [x] XFRM
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_xfrm.sh"
. "$(dirname "$0")/lib_esp.sh"
require_module
require_cmd tcpdump socat python3

esp_topology
ns h
veth h k 10.1.1.2/24 10.1.1.1/24 veth2
veth_addr h veth2 fd01:1::2/64
veth_addr k veth2 fd01:1::1/64
n k sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1
n h ip route add default via 10.1.1.1
n h ip -6 route add default via fd01:1::1
n x ip route add 10.1.1.0/24 via 10.0.2.2 src 10.2.0.1
esp_algs "aead:aes-gcm:20:16"
FRAGS4='ip[6:2] & 0x3fff != 0'
FRAGS6='ip6[6] == 44'

# --- IPv4 tunnel: inner MTU 1500 - 20 - (8 + 8 + 16) rounded down to 4, - 2
esp_addrs 4 4
K_NET=10.1.0.0/16
esp_sas tunnel 0x7001 0x7002 > /dev/null && esp_policies tunnel || fail "IPv4 tunnel setup"
capture_start t4
check "TCP k -> x, 2 MB" xfer k x $K_IN $X_IN 2000000
check "TCP x -> k, 2 MB" xfer x k $X_IN $K_IN 2000000
check "TCP h -> x (forwarded), 1 MB" xfer h x 10.1.1.2 $X_IN 1000000
check_output "a DF ping that would not fit: refused with the inner MTU" "mtu ?=? ?1446" \
	sh -c "ip netns exec $KT_PREFIX-k ping -M do -s 1472 -c 1 -W 2 -I $K_IN $X_IN 2>&1; true"
check_output "k's route to x learned it" "mtu 1446" n k ip route get $X_IN from $K_IN
check "the largest that fits passes" n k ping -M do -s 1418 -c 1 -W 2 -I $K_IN $X_IN
check_output "h, behind k, is told with ICMP fragmentation needed" "Frag needed.*mtu = 1446" \
	sh -c "ip netns exec $KT_PREFIX-h ping -M do -s 1472 -c 1 -W 2 $X_IN 2>&1; true"
check "and h's largest that fits passes" n h ping -M do -s 1418 -c 1 -W 2 $X_IN
capture_stop t4
check_eq "no fragmented outer packet on the wire" 0 "$(capture_count t4 "$FRAGS4")"
check "full-sized ESP packets were sent (1500 bytes)" grep -q "ESP(spi=0x00007001,.*length 1480" "$(capture_text t4)"
esp_flush

# --- IPv6 tunnel: 1500 - 40 - 32, rounded, - 2
esp_addrs 6 6
K_NET=fd01::/16	# fd01::/64 and h's fd01:1::/64
esp_sas tunnel 0x7011 0x7012 > /dev/null && esp_policies tunnel || fail "IPv6 tunnel setup"
# Only now does x have the source address the route names.
check "x routes h's IPv6 network back through the tunnel" \
	n x ip -6 route replace fd01:1::/64 via fd00:2::2 src $X_IN
capture_start t6
check "TCP k -> x over IPv6, 2 MB" xfer k x $K_IN $X_IN 2000000
check "TCP x -> k over IPv6, 2 MB" xfer x k $X_IN $K_IN 2000000
check "TCP h -> x over IPv6 (forwarded), 1 MB" xfer h x fd01:1::2 $X_IN 1000000
check_output "a ping that would not fit: packet too big with the inner MTU" "mtu ?=? ?1426" \
	sh -c "ip netns exec $KT_PREFIX-k ping -6 -M do -s 1452 -c 1 -W 2 -I $K_IN $X_IN 2>&1; true"
check_output "h is told with packet too big" "[Pp]acket too big.*mtu ?=? ?1426" \
	sh -c "ip netns exec $KT_PREFIX-h ping -6 -M do -s 1452 -c 1 -W 2 $X_IN 2>&1; true"
check "and h's largest that fits passes" n h ping -6 -M do -s 1378 -c 1 -W 2 $X_IN
capture_stop t6
check_eq "no fragmented outer packet on the wire" 0 "$(capture_count t6 "$FRAGS6")"
esp_flush

# --- transport mode: one route for inner and outer; TCP's MSS is clamped
for fam in 4 6; do
	esp_addrs $fam $fam
	esp_sas transport 0x702$fam 0x703$fam > /dev/null && esp_policies transport ||
		fail "IPv$fam transport setup"
	capture_start tr$fam
	check "transport IPv$fam: TCP k -> x, 1 MB" xfer k x $K_OUT $X_OUT 1000000
	check "transport IPv$fam: TCP x -> k, 1 MB" xfer x k $X_OUT $K_OUT 1000000
	capture_stop tr$fam
	f=FRAGS$fam
	check_eq "transport IPv$fam: no fragmented packet on the wire" 0 "$(capture_count tr$fam "${!f}")"
	esp_flush
done
finish
