#!/bin/bash
# NAT traversal (RFC 3947) between ikev1d over kips.ko and strongSwan's
# charon over XFRM, through a NAT router that rewrites UDP ports (nft
# masquerade into 30000-30999, so even 500 and 4500 change):
#  1. ikev1d behind the NAT initiates to charon (main mode);
#  2. charon behind the NAT initiates to ikev1d (main mode);
#  3. ikev1d behind the NAT initiates to charon in aggressive mode (NAT-D in
#     its second and third messages, the third already on 4500).
# In each case both sides detect the NAT and say so (ikev1d's log and
# ikev1ctl status, charon's log and swanctl --list-sas: TUNNEL-in-UDP),
# IKE floats to port 4500 with the non-ESP marker in front of ISAKMP (seen
# on the wire), the SAs in kips.ko carry the UDP encapsulation ports (the
# peer's as the NAT made it), ikev1d sends NAT keepalives when it is the one
# behind the NAT, and a datagram on 4500 without the marker is dropped with
# a log line.
#
# Then a ping and a checksummed TCP transfer cross the NAT through the
# tunnel (cases 1 and 2), as ESP in UDP on port 4500 only (kips.ko's side of
# it: esp_natt.sh).
#
#   10.1.0.1 [a] 192.168.1.2 -- veth0 -- 192.168.1.1 [r] 10.9.0.1 -- wan -- 10.9.0.2 [b] 10.2.0.1
#                                         NAT (masquerade)
#   case 1:  ikev1d, kips.ko                                 charon, XFRM
#   case 2:  charon, XFRM                                    ikev1d, kips.ko
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_ikev1d.sh"
. "$(dirname "$0")/lib_strongswan.sh"
require_module
require_cmd swanctl tcpdump nft socat
[ -x /usr/lib/ipsec/charon ] || skip_all "strongSwan's charon is not installed (scripts/deps installs it)"
require_warm

PSK=kips-natt-interop-key
ESP=aes128-sha256-modp2048
IKE=aes256-sha256-modp2048

ns a
ns r
ns b
veth a r 192.168.1.2/24 192.168.1.1/24 veth0
veth r b 10.9.0.1/24 10.9.0.2/24 wan
n a ip addr add 10.1.0.1/24 dev lo
n b ip addr add 10.2.0.1/24 dev lo
n a ip route add default via 192.168.1.1
n b ip route add 10.1.0.0/24 via 10.9.0.1
n r sysctl -qw net.ipv4.ip_forward=1
n r nft -f - <<'NFT' || fail "nft: cannot set up the NAT"
table ip nat {
	chain post {
		type nat hook postrouting priority srcnat; policy accept;
		oifname "wan" meta l4proto udp masquerade to :30000-30999
		oifname "wan" masquerade
	}
}
NFT

# The public side of the NAT, both ways, for the whole of a case.
wan_capture() {
	: > "$1.err"
	ip netns exec "$KT_PREFIX-r" tcpdump -U -ni wan -w "$1" udp 2> "$1.err" &
	CAP_PID=$!
	on_exit "kill $CAP_PID 2>/dev/null"
	for i in $(seq 1 200); do
		grep -q "listening on" "$1.err" && return 0
		sleep 0.1
	done
	fail "tcpdump did not start: $(cat "$1.err")"
}
wan_capture_stop() { sleep 1; kill "$CAP_PID" 2> /dev/null; wait "$CAP_PID" 2> /dev/null; }
wan_count() { tcpdump -nr "$1" "$2" 2> /dev/null | wc -l; }

# The encapsulation ports of kips.ko's SAs: "DIR SPORT DPORT" per SA, the
# direction by whether the SA's destination is ours ($2).
kips_encaps() {
	n "$1" "$KIPS" -j sa show | python3 -c '
import json, sys
for s in json.load(sys.stdin):
    e = s.get("encap") or {}
    print("in" if s["dst"] == sys.argv[1] else "out", e.get("sport", "-"), e.get("dport", "-"))
' "$2" | sort
}

# A ping and a checksummed TCP transfer from a's 10.1.0.1 to b's
# 10.2.0.1 through the tunnel, kips.ko on side $2.
traffic() {
	local c=$1 side=$2 pk
	pk=$(ike_packets "$side")
	check "$c: ping through the tunnel" n a ping -c 2 -W 5 -I 10.1.0.1 10.2.0.1
	ike_transfer "$c" 200000
	check "$c: kips.ko's SAs carried it (packets out/in: $pk -> $(ike_packets "$side"))" \
		test "$(ike_packets "$side" | cut -d' ' -f2)" -gt $(( ${pk#* } + 50 ))
}
# From the capture: the transfer crossed the NAT as ESP in UDP only.
traffic_on_wire() {
	local c=$1 pcap=$2 esp clear
	esp=$(wan_count "$pcap" 'udp port 4500 and udp[8:4] != 0 and greater 100')
	check "$c: the wire carried it as ESP in UDP on 4500 ($esp datagrams)" test "$esp" -gt 150
	clear=$(tcpdump -nr "$pcap" tcp port 5001 2> /dev/null | wc -l)
	check_eq "$c: and none of it in the clear" 0 "$clear"
}

dump_logs() {
	info "ikev1d's log:"; grep -v ': debug: ' "$(ike_log "$1")" | tail -n 15 | sed 's/^/#   /'
	info "charon's log:"; tail -n 15 "$(sw_log "$2")" | sed 's/^/#   /'
}

# (AGGR=yes: aggressive mode)
charon_conf() {	# NAME LOCAL REMOTE-ADDRS LOCAL-ID REMOTE-ID LOCAL-TS REMOTE-TS
	sw_conf "$1" <<C
connections {
	t {
		version = 1
		aggressive = ${AGGR:-no}
		local_addrs = $2
		remote_addrs = $3
		proposals = $IKE
		dpd_delay = 0
		local {
			auth = psk
			id = $4
		}
		remote {
			auth = psk
			id = $5
		}
		children {
			c {
				local_ts = $6
				remote_ts = $7
				esp_proposals = $ESP
				mode = tunnel
			}
		}
	}
}
secrets {
	ike-t {
		id-a = $4
		id-b = $5
		secret = "$PSK"
	}
}
C
	sw_load "$1"
}

# --- 1. ikev1d behind the NAT initiates ---
info "$(date +%T) case 1: ikev1d behind the NAT initiates to charon"
sw_start b swb || finish
charon_conf swb 10.9.0.2 %any 10.9.0.2 192.168.1.2 10.2.0.0/24 10.1.0.0/24
ike_conf a <<C
conn t {
	local = 192.168.1.2; remote = 10.9.0.2; psk = "$PSK";
	local-subnet = 10.1.0.0/24; remote-subnet = 10.2.0.0/24;
	ike = $IKE; esp = $ESP; start = start;
	nat-keepalive = 2s;
}
C
wan_capture "$KT_TMP/1.pcap"
ike_start a a || finish
up=1
sw_wait swb "CHILD_SA c\{[0-9]+\} established" 40 &&
	pass "1: charon says CHILD_SA established" ||
	{ fail "1: charon says no CHILD_SA established"; up=; }
ike_wait a "IPsec SA pair established" 20 &&
	pass "1: ikev1d says IPsec SA pair established" ||
	{ fail "1: ikev1d says no IPsec SA pair established"; up=; }
[ -n "$up" ] || dump_logs a swb
check "1: ikev1d agreed on RFC 3947 by vendor ID" \
	grep -q "NAT traversal agreed (RFC 3947)" "$(ike_log a)"
check "1: ikev1d found the NAT on its own side" \
	grep -q "NAT detection: NAT here .*no NAT there" "$(ike_log a)"
check "1: ikev1d floated to port 4500" grep -q "floating to port 4500" "$(ike_log a)"
check "1: charon found the NAT on the peer's side" \
	grep -q "remote host is behind NAT" "$(sw_log swb)"
check_output "1: ikev1ctl status shows NAT-T in use" \
	"established, initiator.*NAT-T in use \(RFC 3947, NAT here\), UDP 4500 -> 4500" \
	ike_ctl a status
check_output "1: swanctl --list-sas shows the child in UDP" \
	"TUNNEL-in-UDP" sw_swanctl swb --list-sas
check_output "1: XFRM's SAs in charon's namespace are UDP-encapsulated" \
	"encap type espinudp sport 4500 dport 30" n b ip xfrm state
check_eq "1: kips.ko's SAs carry the encapsulation ports (dir sport dport)" \
	"in 4500 4500
out 4500 4500" "$(kips_encaps a 192.168.1.2)"
traffic 1 a
# Keepalives every 2 s from behind the NAT: a few while the rest ran.
sleep 3
wan_capture_stop
pcap=$KT_TMP/1.pcap
traffic_on_wire 1 "$pcap"
check "1: the first messages went through the NAT from rewritten ports to 500 ($(wan_count "$pcap" 'src host 10.9.0.1 and dst port 500 and src portrange 30000-30999') datagrams)" \
	test "$(wan_count "$pcap" 'src host 10.9.0.1 and dst port 500 and src portrange 30000-30999')" -ge 2
n4500=$(wan_count "$pcap" 'src host 10.9.0.1 and dst port 4500 and src portrange 30000-30999 and udp[8:4] = 0')
check "1: IKE floated to 4500 behind the non-ESP marker ($n4500 datagrams to charon)" \
	test "$n4500" -ge 2
back=$(wan_count "$pcap" 'src host 10.9.0.2 and src port 4500 and udp[8:4] = 0')
check "1: charon answered on 4500 ($back datagrams)" test "$back" -ge 1
ka=$(wan_count "$pcap" 'src host 10.9.0.1 and dst port 4500 and udp[4:2] = 9 and udp[8] = 0xff')
check "1: ikev1d sent NAT keepalives from behind the NAT ($ka)" test "$ka" -ge 1
ike_ctl a down t > /dev/null
sw_wait swb "deleting (IKE|ISAKMP)_SA|IKE_SA .* deleted|closing CHILD_SA" 10
sleep 0.5
check "1: taken down, nothing left in kips.ko" ike_nothing a
ike_stop a

# --- 3. the same in aggressive mode ---
info "$(date +%T) case 3: ikev1d behind the NAT initiates to charon, aggressive mode"
mark=$(wc -l < "$(sw_log swb)")
AGGR=yes charon_conf swb 10.9.0.2 %any 10.9.0.2 192.168.1.2 10.2.0.0/24 10.1.0.0/24
ike_conf a <<C
conn t {
	local = 192.168.1.2; remote = 10.9.0.2; psk = "$PSK";
	local-subnet = 10.1.0.0/24; remote-subnet = 10.2.0.0/24;
	ike = $IKE; esp = $ESP; start = start; exchange = aggressive;
}
C
ike_start a a || finish
up=1
for i in $(seq 1 400); do
	tail -n +"$((mark + 1))" "$(sw_log swb)" | grep -Eq "CHILD_SA c\{[0-9]+\} established" && break
	sleep 0.1
done
[ "$i" -lt 400 ] && pass "3: charon says CHILD_SA established" ||
	{ fail "3: charon says no CHILD_SA established"; up=; }
ike_wait a "IPsec SA pair established" 20 &&
	pass "3: ikev1d says IPsec SA pair established" ||
	{ fail "3: ikev1d says no IPsec SA pair established"; up=; }
[ -n "$up" ] || dump_logs a swb
check "3: ikev1d found the NAT on its own side and floated" \
	grep -q "floating to port 4500" "$(ike_log a)"
check_output "3: ikev1ctl status shows NAT-T in use in aggressive mode" \
	"established, initiator.*aggressive mode.*NAT-T in use \(RFC 3947, NAT here\), UDP 4500 -> 4500" \
	ike_ctl a status
check_eq "3: kips.ko's SAs carry the encapsulation ports" \
	"in 4500 4500
out 4500 4500" "$(kips_encaps a 192.168.1.2)"
check_output "3: charon's XFRM SAs are UDP-encapsulated" \
	"encap type espinudp sport 4500 dport 30" n b ip xfrm state
ike_ctl a down t > /dev/null
sleep 1
check "3: taken down, nothing left in kips.ko" ike_nothing a
ike_stop a
# Charon b gives ports 500 and 4500 of namespace b to ikev1d (its pid
# file holds the shell that started it: the namespace knows charon's).
for i in $(seq 1 100); do
	pids=$(ip netns pids "$KT_PREFIX-b")
	[ -n "$pids" ] || break
	kill $pids 2> /dev/null
	sleep 0.1
done

# --- 2. charon behind the NAT initiates ---
info "$(date +%T) case 2: charon behind the NAT initiates to ikev1d"
sw_start a swa || finish
charon_conf swa 192.168.1.2 10.9.0.2 192.168.1.2 10.9.0.2 10.1.0.0/24 10.2.0.0/24
ike_conf b <<C
conn t {
	local = 10.9.0.2; remote = %any; remote-id = 192.168.1.2; psk = "$PSK";
	local-subnet = 10.2.0.0/24; remote-subnet = 10.1.0.0/24;
	ike = $IKE; esp = $ESP;
}
C
wan_capture "$KT_TMP/2.pcap"
ike_start b b || finish
sw_initiate swa c
up=1
sw_wait swa "CHILD_SA c\{[0-9]+\} established" 40 &&
	pass "2: charon says CHILD_SA established" ||
	{ fail "2: charon says no CHILD_SA established"; up=; }
ike_wait b "IPsec SA pair established" 20 &&
	pass "2: ikev1d says IPsec SA pair established" ||
	{ fail "2: ikev1d says no IPsec SA pair established"; up=; }
[ -n "$up" ] || dump_logs b swa
check "2: ikev1d found the NAT on the peer's side" \
	grep -q "NAT detection: no NAT here .*NAT there" "$(ike_log b)"
check "2: ikev1d followed the peer to 4500" grep -q "the peer floated" "$(ike_log b)"
check "2: charon found the NAT on its own side" \
	grep -q "local host is behind NAT" "$(sw_log swa)"
port=$(ike_ctl b -j status | python3 -c '
import json, sys
print(json.load(sys.stdin)[0]["nat_t"]["remote_port"])' 2> /dev/null)
check "2: ikev1d talks to the peer's rewritten port 4500 ($port)" \
	test "${port:-0}" -ge 30000 -a "${port:-0}" -le 30999
check_output "2: ikev1ctl status shows NAT-T in use" \
	"established, responder.*NAT-T in use \(RFC 3947, NAT there\), UDP 4500 -> $port" \
	ike_ctl b status
check_output "2: swanctl --list-sas shows the child in UDP" \
	"TUNNEL-in-UDP" sw_swanctl swa --list-sas
check_eq "2: kips.ko's SAs carry the encapsulation ports, the peer's as the NAT made it" \
	"in $port 4500
out 4500 $port" "$(kips_encaps b 10.9.0.2)"
check "2: kips.ko's SAs are XFRM's" test "$(ike_spis b)" = \
	"$(n a ip xfrm state | sed -n 's/.* spi \(0x[0-9a-f]*\) .*/\1/p' | sort | tr '\n' ' ')"
traffic 2 b
# Not IKE on 4500: a datagram without the marker.
n r bash -c 'echo not-ike > /dev/udp/10.9.0.2/4500'
ike_wait b "without the non-ESP marker: not IKE, dropped" 5 &&
	pass "2: a datagram on 4500 without the marker is dropped with a log line" ||
	fail "2: a datagram on 4500 without the marker is not logged"
wan_capture_stop
pcap=$KT_TMP/2.pcap
traffic_on_wire 2 "$pcap"
n4500=$(wan_count "$pcap" "src host 10.9.0.2 and src port 4500 and dst port $port and udp[8:4] = 0")
check "2: ikev1d answered on 4500 behind the non-ESP marker ($n4500 datagrams)" \
	test "$n4500" -ge 2
sw_swanctl swa --terminate --ike t > /dev/null 2>&1
ike_wait b "the peer deleted the ISAKMP SA" 10
sleep 0.5
check "2: taken down, nothing left in kips.ko" ike_nothing b
check "2: ikev1d is still running" kill -0 "$(cat "$KT_TMP/ike-b.pid")"
ike_stop b
finish
