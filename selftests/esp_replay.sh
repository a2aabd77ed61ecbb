#!/bin/bash
# Anti-replay and integrity: ESP packets that XFRM sent towards kips are
# held back at the router (forwarding off) and captured; then, from the
# router, with a raw packet socket:
#   - one of them with a single bit flipped in its ciphertext is dropped
#     and counted as an authentication failure, and delivers nothing;
#   - the same packet unmodified is accepted (the tool works, and the
#     forged copy did not move the window);
#   - sent once more, it is dropped and counted as a replay;
#   - one with its sequence number far ahead (one bit flipped there) is an
#     authentication failure too: the sequence number is authenticated.
#
#   [k] kips  ====  [m] router: holds, captures, replays  ====  [x] XFRM
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_xfrm.sh"
. "$(dirname "$0")/lib_esp.sh"
require_module
require_cmd tcpdump python3
FRAMES=$KT_TOP/selftests/esp_frames.py

esp_topology
esp_addrs 4 4
esp_algs "aead:aes-gcm:20:16"
KX=0x3001 XK=0x3002
esp_sas tunnel $KX $XK && esp_policies tunnel || { fail "setup"; finish; }
check "the tunnel works" ping_ok k $K_IN $X_IN

# Three echo requests from x, kept from k.
n m sysctl -qw net.ipv4.ip_forward=0
n m tcpdump -i veth1 -nn -U -s 0 -c 3 -w "$KT_TMP/held.pcap" esp 2> "$KT_TMP/held.err" &
held=$!
for _ in $(seq 1 50); do grep -q "listening on" "$KT_TMP/held.err" && break; sleep 0.1; done
n x ping -c 3 -i 0.3 -W 1 -I $X_IN $K_IN > /dev/null 2>&1
wait $held
n m sysctl -qw net.ipv4.ip_forward=1
python3 "$FRAMES" list "$KT_TMP/held.pcap" > "$KT_TMP/held.txt"
check_output "three ESP packets from x were held at the router" "^2 $(printf '0x%08x' $XK) " cat "$KT_TMP/held.txt"

kmac=$(n k cat /sys/class/net/veth0/address)
mmac=$(n m cat /sys/class/net/veth0/address)
send() { n m python3 "$FRAMES" send veth0 "$KT_TMP/held.pcap" "$@" --dst "$kmac" --src "$mmac"; }
ctr() { sa_counter $XK $K_OUT "$1"; }
# settle: the counters must not move while nothing is sent
wait_ctr() {
	local name=$1 want=$2 i
	for i in $(seq 1 30); do
		[ "$(ctr "$name")" = "$want" ] && return 0
		sleep 0.1
	done
	echo "$name is $(ctr "$name"), expected $want"
	return 1
}

in0=$(ctr in_packets) auth0=$(ctr drop_auth) rep0=$(ctr drop_replay)
check "counters are readable" test -n "$in0" -a -n "$auth0" -a -n "$rep0"

# Byte 30 of the ESP header: past header (8) and IV (8), in the ciphertext.
send 0 --flip 30
check "a flipped ciphertext bit: counted as an authentication failure" wait_ctr drop_auth $((auth0 + 1))
check_eq "... and nothing was accepted" "$in0" "$(ctr in_packets)"

send 0
check "the same packet intact is accepted" wait_ctr in_packets $((in0 + 1))

send 0
check "sent again, it is counted as a replay" wait_ctr drop_replay $((rep0 + 1))
check_eq "... and not accepted" $((in0 + 1)) "$(ctr in_packets)"

# Byte 5: bit 16 of the sequence number, which moves it 65536 ahead.
send 1 --flip 5
check "a flipped sequence number bit: an authentication failure" wait_ctr drop_auth $((auth0 + 2))
check_eq "... and the window did not move (packet 2 is still new)" $((rep0 + 1)) "$(ctr drop_replay)"
send 2
check "packet 2, older than the forged number, is accepted" wait_ctr in_packets $((in0 + 2))
send 1
check "packet 1, within the window behind it, is accepted" wait_ctr in_packets $((in0 + 3))

check_output "the namespace counts the replay" '"drop_replay": *[1-9]' n k "$KIPS" -j stats
check_output "and the authentication failures" '"drop_auth": *[2-9]' n k "$KIPS" -j stats
finish
