#!/bin/bash
# Traffic through SAs that two ikev1d negotiated over kips.ko:
#  1. on demand: ikev1d a only traps the traffic (start = trap); a ping
#     with no SA makes kips.ko ask (ACQUIRE), a negotiates, and that very
#     ping gets through; then a checksummed TCP transfer, which the wire
#     shows only as ESP;
#  2. a volume limit: the kernel's soft expiry (SA_EXPIRE, which only the
#     kernel can see) makes ikev1d rekey the pair while a ping runs, and
#     the traffic carries on over the new SAs.
#
#   10.1.0.1 [a] 10.9.0.1 ---- veth ---- 10.9.0.2 [b] 10.2.0.1
#            ikev1d (trap)                  ikev1d (add)
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_ikev1d.sh"
require_module
require_cmd socat tcpdump
require_warm

ike_hosts

# confs A-SETTINGS B-SETTINGS
confs() {
	ike_conf a <<C
conn t {
	local = 10.9.0.1; remote = 10.9.0.2; psk = "kips-traffic-key";
	local-subnet = 10.1.0.0/24; remote-subnet = 10.2.0.0/24;
	$1
}
C
	ike_conf b <<C
conn t {
	local = 10.9.0.2; remote = 10.9.0.1; psk = "kips-traffic-key";
	local-subnet = 10.2.0.0/24; remote-subnet = 10.1.0.0/24;
	$2
}
C
}

# --- 1. on demand ---
confs "start = trap; esp = aes128gcm16-modp2048;" "esp = aes128gcm16-modp2048;"
ike_start b b && ike_start a a || finish
check_output "trap: a installed its policies before any SA" \
	"t: trap, 10.1.0.0/24 === 10.2.0.0/24" ike_ctl a status
check_eq "trap: no SA before the first packet" "" "$(n a "$KIPS" sa show)"
# The first echo request waits in kips.ko while ikev1d negotiates; b's
# reply, if b's ikev1d has not yet got HASH(3), waits in b's kips.ko for
# the outbound SA.
check_output "trap: the first ping, sent with no SA, is answered" \
	"icmp_seq=1 ttl" n a ping -c 1 -W 20 -I 10.1.0.1 10.2.0.1
check "trap: ikev1d a heard the kernel's ACQUIRE" \
	grep -q "the kernel asks for SAs for 10.1.0.0/24 <-> 10.2.0.0/24" "$(ike_log a)"
check_output "trap: kips.ko counted the ACQUIRE" '"acquires": *[1-9]' n a "$KIPS" -j stats
check "trap: a's SAs are b's" ike_pairs_match a b 1
check "trap: a kept its 3 trap policies, which name the SAs" ike_policies_ok a 3

# A checksummed TCP transfer through the tunnel, captured on the wire.
ike_capture a "$KT_TMP/a.pcap"
ike_capture b "$KT_TMP/b.pcap"
before=$(ike_packets a)
ike_transfer trap 300000
ike_capture_stop
after=$(ike_packets a)
check "trap: a's SAs counted the transfer ($before -> $after packets)" \
	test "${after% *}" -gt $(( ${before% *} + 100 )) -a "${after#* }" -gt $(( ${before#* } + 50 ))
for h in a b; do
	src=$([ $h = a ] && echo 10.9.0.1 || echo 10.9.0.2)
	esp=$(tcpdump -nr "$KT_TMP/$h.pcap" "esp and src host $src" 2> /dev/null | wc -l)
	clear=$(tcpdump -nr "$KT_TMP/$h.pcap" "tcp port 5001" 2> /dev/null | wc -l)
	check "trap: $h sent its side of the transfer as ESP ($esp packets)" test "$esp" -gt 50
	check_eq "trap: $h sent none of it in the clear" 0 "$clear"
done
ike_stop a
ike_stop b
check "trap: stopping the daemons left nothing on a" ike_no_policy a
check "trap: stopping the daemons left nothing on b" ike_nothing b

# --- 2. rekeying at the kernel's soft volume limit ---
# 200 KB: a's SAs reach their soft limit at 90 %, and ikev1d rekeys.
confs "start = start; lifebytes = 200k; esp = aes128-sha256;" \
	"lifebytes = 200k; esp = aes128-sha256;"
ike_start b b && ike_start a a || finish
ike_wait b "IPsec SA pair established" 30
old=$(ike_spis a)
out=$(n a ping -q -c 250 -i 0.05 -s 1000 -W 2 -I 10.1.0.1 10.2.0.1 2>&1)
got=$(printf '%s' "$out" | sed -n 's/.* \([0-9]*\) received.*/\1/p')
check "volume: ikev1d a rekeyed at the kernel's soft limit" \
	grep -q "reached its soft limit: rekeying" "$(ike_log a)"
check "volume: and the new pair replaced the old one" grep -q "rekeyed" "$(ike_log a)"
check "volume: ikev1d b took the old pair down when told" \
	grep -q "the peer deleted the IPsec SA pair" "$(ike_log b)"
new=$(ike_spis a)
check "volume: other SPIs now ($old -> $new)" test "$old" != "$new"
check "volume: a's new SAs are b's" ike_pairs_match a b 1
check "volume: the ping went on across the rekey ($got of 250 answered)" test "${got:-0}" -ge 245
ike_stop a
ike_stop b
finish
