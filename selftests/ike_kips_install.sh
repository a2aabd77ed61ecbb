#!/bin/bash
# ikev1d programs kips.ko: two ikev1d, each over kips.ko in its own
# namespace, negotiate (main mode and aggressive mode, with and without
# PFS, tunnel and transport, IPv4 and IPv6), and each side's SAs must be
# the other's (SPIs, algorithms, keys), with protect policies that name
# them, and carry a ping (counted by the SAs of both sides: what one
# sealed, the other opened); `ikev1ctl down` and the daemon's exit leave
# nothing behind.  A wrong
# pre-shared key, a proposal mismatch and a proxy-ID mismatch each fail
# with a clear log line on both sides and leave no SA or policy.
#
#   10.1.0.1    [a] 10.9.0.1  ---- veth ---- 10.9.0.2  [b] 10.2.0.1
#   fd00:1::1       fd00:9::1                fd00:9::2      fd00:2::1
#                   ikev1d (start)           ikev1d (add)
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_ikev1d.sh"
require_module
require_warm

ike_hosts

# confs NAME A-SETTINGS B-SETTINGS [PSK-B]: conn t on both sides; A
# initiates.  Settings may use $LA/$LB (the hosts' addresses).
confs() {
	ike_conf a <<C
conn t {
	local = $LA; remote = $LB; psk = "kips-test-key";
	start = start;
	$2
}
C
	ike_conf b <<C
conn t {
	local = $LB; remote = $LA; psk = "${4:-kips-test-key}";
	$3
}
C
}

# up NAME: both daemons, until both have the SA pair (or gave up).
up() {
	ike_start b b && ike_start a a || return 1
	ike_wait a "IPsec SA pair established|exchange failed" 30
	ike_wait b "IPsec SA pair established|exchange failed" 10
}

down_all() {
	ike_stop a
	ike_stop b
}

# good NAME NPOLICIES PING-FROM PING-TO A-SETTINGS B-SETTINGS: a
# negotiation that works, and a ping through its SAs.
good() {
	local name=$1 npol=$2 from=$3 to=$4 pk pkb
	shift 4
	info "$(date +%T) $name"
	confs "$name" "$1" "$2"
	up
	check "$name: ikev1d a has the SA pair" grep -q "IPsec SA pair established" "$(ike_log a)"
	check "$name: ikev1d b has the SA pair" grep -q "IPsec SA pair established" "$(ike_log b)"
	check_output "$name: ikev1ctl status shows it" "t\[1\]: established, initiator.*
  .* === .*: ESP (tunnel|transport), SPIs" ike_ctl a status
	check "$name: a's SAs are b's, keys and all" ike_pairs_match a b 1
	check "$name: a's $npol protect policies name its SAs" ike_policies_ok a "$npol"
	check "$name: b's $npol protect policies name its SAs" ike_policies_ok b "$npol"
	check "$name: ping $from -> $to through the SAs" n a ping -c 2 -W 5 -I "$from" "$to"
	# What one side's SAs sealed, the other's opened: ESP both ways.
	pk=$(ike_packets a)
	pkb=$(ike_packets b)
	check "$name: a's SAs sealed and opened it (packets out/in: $pk)" test "${pk% *}" -ge 2 -a "${pk#* }" -ge 2
	check "$name: b's SAs opened and sealed it (packets out/in: $pkb)" test "${pkb% *}" -ge 2 -a "${pkb#* }" -ge 2
	ike_ctl a down t > /dev/null
	ike_wait b "the peer deleted the ISAKMP SA" 5
	check "$name: after 'down', nothing left on a" ike_nothing a
	check "$name: after 'down', nothing left on b" ike_nothing b
	down_all
	check "$name: after exit, not even the IKE bypass on a" ike_no_policy a
	check "$name: after exit, not even the IKE bypass on b" ike_no_policy b
}

LA=10.9.0.1 LB=10.9.0.2
good main-tunnel-v4 3 10.1.0.1 10.2.0.1 \
	"local-subnet = 10.1.0.0/24; remote-subnet = 10.2.0.0/24; esp = aes128-sha256;" \
	"local-subnet = 10.2.0.0/24; remote-subnet = 10.1.0.0/24; esp = aes128-sha256;"
good main-pfs-transport-v4 2 10.9.0.1 10.9.0.2 \
	"mode = transport; esp = aes128gcm16-modp2048;" \
	"mode = transport; esp = aes128gcm16-modp2048;"
good aggressive-pfs-tunnel-v4 3 10.1.0.1 10.2.0.1 \
	"exchange = aggressive; ike = aes256-sha256-modp2048; local-subnet = 10.1.0.0/24; remote-subnet = 10.2.0.0/24; esp = aes256-sha256-modp2048;" \
	"exchange = aggressive; ike = aes256-sha256-modp2048; local-subnet = 10.2.0.0/24; remote-subnet = 10.1.0.0/24; esp = aes256-sha256-modp2048;"
LA=fd00:9::1 LB=fd00:9::2
good main-pfs-tunnel-v6 3 fd00:1::1 fd00:2::1 \
	"ike = aes128-sha256-ecp256; local-subnet = fd00:1::/64; remote-subnet = fd00:2::/64; esp = aes256gcm16-ecp256;" \
	"ike = aes128-sha256-ecp256; local-subnet = fd00:2::/64; remote-subnet = fd00:1::/64; esp = aes256gcm16-ecp256;"
good aggressive-transport-v6 2 fd00:9::1 fd00:9::2 \
	"exchange = aggressive; mode = transport; esp = aes128-sha1;" \
	"exchange = aggressive; mode = transport; esp = aes128-sha1;"

# bad NAME A-REGEX B-REGEX A-SETTINGS B-SETTINGS [PSK-B]: a negotiation
# that fails, saying so on both sides, leaving nothing.
bad() {
	local name=$1 rea=$2 reb=$3
	info "$(date +%T) $name"
	confs "$name" "$4" "$5" "${6:-}"
	# Not up(): b may never say "exchange failed", and waiting for it
	# would only cost time; each side's own reason is what counts.
	ike_start b b && ike_start a a
	ike_wait a "$rea" 30
	ike_wait b "$reb" 10
	check_output "$name: ikev1d a says why" "$rea" cat "$(ike_log a)"
	check_output "$name: ikev1d b says why" "$reb" cat "$(ike_log b)"
	check_fails "$name: no SA pair on a" grep -q "IPsec SA pair established" "$(ike_log a)"
	check "$name: nothing installed on a" ike_nothing a
	check "$name: nothing installed on b" ike_nothing b
	down_all
}

LA=10.9.0.1 LB=10.9.0.2
bad wrong-psk \
	"MAIN exchange failed: the peer refused|another pre-shared key" \
	"does the peer have another pre-shared key" "" "" "another-key"
bad proposal-mismatch \
	"the peer says NO-PROPOSAL-CHOSEN" \
	"no acceptable quick mode proposal" "esp = aes128-sha256;" "esp = aes256gcm16;"
bad proxy-id-mismatch \
	"the peer says INVALID-ID-INFORMATION" \
	"proxy IDs 10.1.0.0/24 <-> 10.2.0.0/24 match no selectors" \
	"local-subnet = 10.1.0.0/24; remote-subnet = 10.2.0.0/24;" \
	"local-subnet = 10.2.0.0/24; remote-subnet = 10.7.0.0/24;"
finish
