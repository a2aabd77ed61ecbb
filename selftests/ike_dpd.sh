#!/bin/bash
# Dead Peer Detection (RFC 3706) between ikev1d over kips.ko and
# strongSwan's charon over XFRM.
#
#   charon-asks  charon has dpd_delay 2 s and dpd_timeout 4 s: ikev1d
#                announced DPD, answers each R-U-THERE with an ACK
#                (charon's log), and charon keeps the SAs.
#   clear        ikev1d has dpddelay 2 s, dpdtimeout 4 s: charon ACKs its
#                R-U-THEREs; then b stops answering (a blackhole route to
#                a), ikev1d shows its question outstanding, declares the
#                peer dead within the timeout, and nothing is left in
#                kips.ko.
#   restart      the same with dpdaction restart: ikev1d negotiates again
#                at once, and once b answers again there is a new tunnel
#                that carries a ping.
#
#   10.1.0.1 [a] 10.9.0.1 ---- veth ---- 10.9.0.2 [b] 10.2.0.1
#            ikev1d, kips.ko                charon, XFRM
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_ikev1d.sh"
. "$(dirname "$0")/lib_strongswan.sh"
require_module
require_cmd swanctl
[ -x /usr/lib/ipsec/charon ] || skip_all "strongSwan's charon is not installed (scripts/deps installs it)"
require_warm

ike_hosts
sw_start b sw || finish
PSK=kips-dpd-interop-key

# charon_conf DPD-SETTINGS: one connection, answering ikev1d.
charon_conf() {
	sw_conf sw <<C
connections {
	t {
		version = 1
		local_addrs = 10.9.0.2
		remote_addrs = 10.9.0.1
		proposals = aes128-sha256-modp2048
		$1
		local {
			auth = psk
			id = 10.9.0.2
		}
		remote {
			auth = psk
			id = 10.9.0.1
		}
		children {
			c {
				local_ts = 10.2.0.0/24
				remote_ts = 10.1.0.0/24
				esp_proposals = aes128gcm16
				dpd_action = clear
			}
		}
	}
}
secrets {
	ike-t {
		id-a = 10.9.0.1
		id-b = 10.9.0.2
		secret = "$PSK"
	}
}
C
	sw_load sw
}

# ikev1d_conf DPD-SETTINGS: ikev1d initiates.
ikev1d_conf() {
	ike_conf a <<C
conn t {
	local = 10.9.0.1; remote = 10.9.0.2; psk = "$PSK";
	local-subnet = 10.1.0.0/24; remote-subnet = 10.2.0.0/24;
	ike = aes128-sha256-modp2048; esp = aes128gcm16; start = start;
	$1
}
C
}

# charon's log since line $mark: how many lines match REGEX.
sw_count() { tail -n +"$((mark + 1))" "$(sw_log sw)" | grep -Ec -- "$1"; }

# b stops answering a (and starts again): what a sends still arrives, but
# nothing comes back.
block() { n b ip route add blackhole 10.9.0.1/32; }
unblock() { n b ip route del blackhole 10.9.0.1/32; }

dump_logs() {
	info "ikev1d's log:"; grep -Ev 'retransmitting|: debug: .*(sending|received) ' "$(ike_log a)" | tail -n 15 | sed 's/^/#   /'
	info "charon's log:"; tail -n +"$((mark + 1))" "$(sw_log sw)" | tail -n 15 | sed 's/^/#   /'
}

# up NAME: the tunnel is up on both sides (else the case is pointless).
up() {
	sw_since "CHILD_SA c\{[0-9]+\} established" 30 &&
		ike_wait a "IPsec SA pair established" 10 &&
		[ "$(ike_spis a | wc -w)" = 2 ] && return 0
	fail "$1: the tunnel did not come up"
	dump_logs
	return 1
}

down() {
	ike_stop a
	sw_swanctl sw --terminate --ike t > /dev/null 2>&1
	sleep 0.3
}

# answered_all ASKED ANSWERED: the same numbers in the same order, but for
# at most one last question not answered yet.
answered_all() {
	local rest=${1#"$2"}
	[ -n "$2" ] && [ "$1" = "$2$rest" ] && [ "$(wc -w <<< "$rest")" -le 1 ]
}

# --- charon asks, ikev1d answers ---
info "$(date +%T) charon-asks: charon with dpd_delay 2 s, dpd_timeout 4 s"
mark=$(wc -l < "$(sw_log sw)")
charon_conf "dpd_delay = 2s
		dpd_timeout = 4s"
ikev1d_conf ""
ike_start a a
if up charon-asks; then
	check_output "charon-asks: ikev1d announced DPD and charon saw it" \
		"received DPD vendor ID" tail -n +"$((mark + 1))" "$(sw_log sw)"
	sleep 9
	asked=$(sw_count 'generating INFORMATIONAL_V1 request [0-9]+ \[ HASH N\(DPD\) \]')
	acked=$(sw_count 'parsed INFORMATIONAL_V1 request [0-9]+ \[ HASH N\(DPD_ACK\) \]')
	check "charon-asks: charon asked $asked times, ikev1d answered $acked times" \
		test "$asked" -ge 3 -a "$acked" -ge "$((asked - 1))"
	check "charon-asks: ikev1d's log shows the questions" \
		grep -Eq "received R-U-THERE seq [0-9]+" "$(ike_log a)"
	# Each ACK echoes its question's number.  Both lists come from one
	# copy of the log (charon keeps asking meanwhile); a question logged
	# just before the copy may not have its answer logged yet.
	cp "$(ike_log a)" "$KT_TMP/dpd-a.log"
	q=$(sed -n 's/.*received R-U-THERE seq \([0-9]*\).*/\1/p' "$KT_TMP/dpd-a.log" | tr '\n' ' ')
	r=$(sed -n 's/.*sending R-U-THERE-ACK seq \([0-9]*\).*/\1/p' "$KT_TMP/dpd-a.log" | tr '\n' ' ')
	check "charon-asks: ikev1d answered each with its number (asked: $q; answered: $r)" \
		answered_all "$q" "$r"
	# Without the answers charon would have dropped the SAs after 4 s.
	gaveup=$(sw_count 'DPD check timed out|closing CHILD_SA|deleting IKE_SA')
	check "charon-asks: after $asked questions (4 s timeout) charon did not give up on ikev1d" \
		test "$asked" -ge 3 -a "$gaveup" = 0
	check "charon-asks: charon's SAs are still established after them" \
		sh -c "[ $asked -ge 3 ] && swanctl --list-sas --uri unix://$(sw_dir sw)/vici.sock | grep -Eq 't: #[0-9]+, ESTABLISHED'"
	check_eq "charon-asks: and kips.ko still holds the same 2 SPIs as XFRM after them" \
		"$([ "$asked" -ge 3 ] && xfrm_spis)" "$(ike_spis a)"
fi
down

# --- ikev1d asks; the peer goes away; dpdaction clear ---
info "$(date +%T) clear: ikev1d with dpddelay 2 s, dpdtimeout 4 s, dpdaction clear"
mark=$(wc -l < "$(sw_log sw)")
charon_conf ""
ikev1d_conf "dpddelay = 2; dpdtimeout = 4s; dpdaction = clear;"
ike_start a a
if up clear; then
	check "clear: charon answers ikev1d's R-U-THERE" \
		ike_wait a "received R-U-THERE-ACK seq [0-9]+: the peer is alive" 8
	check_output "clear: charon's log shows them" \
		"parsed INFORMATIONAL_V1 request [0-9]+ \[ HASH N\(DPD\) \]" \
		tail -n +"$((mark + 1))" "$(sw_log sw)"
	check_output "clear: ikev1ctl status shows DPD on and when the peer was last heard" \
		"established, initiator.*DPD on \(2 s/4 s, clear\), last heard [0-9]+ s ago" ike_ctl a status
	# ESP from b, as the kernel counts it, is a sign of life too.
	n a ping -q -c 10 -i 0.4 -W 2 -I 10.1.0.1 10.2.0.1 > /dev/null
	check "clear: ESP from the peer counts as life (ikev1d read kips.ko's counters)" \
		grep -q "IPsec traffic from the peer: it is alive" "$(ike_log a)"
	block
	t0=$(date +%s)
	for i in $(seq 1 40); do
		ike_ctl a status | grep -Eq "R-U-THERE seq [0-9]+ outstanding" && break
		sleep 0.1
	done
	check_output "clear: b silent, status shows the R-U-THERE outstanding" \
		"R-U-THERE seq [0-9]+ outstanding" ike_ctl a status
	check_output "clear: and JSON shows its number" '"outstanding_seq":[0-9]+' \
		ike_ctl a -j status
	ike_wait a "DPD: no R-U-THERE-ACK for 4 s: the peer is dead" 16
	t1=$(date +%s)
	check "clear: ikev1d declared the peer dead (took $((t1 - t0)) s)" \
		grep -q "the peer is dead; deleting the ISAKMP SA and its IPsec SAs (dpdaction clear)" "$(ike_log a)"
	# At most: the ping's last packets counted 2 s later, asked 2 s after
	# that, dead 4 s on; and some slack for TCG.
	check "clear: ... no sooner than the timeout allows, nor later than 2 x dpddelay + dpdtimeout (+3 s)" \
		test $((t1 - t0)) -ge 3 -a $((t1 - t0)) -le 11
	sleep 0.3
	check "clear: nothing is left in kips.ko (kips sa show, kips policy show)" ike_nothing a
	check_eq "clear: ikev1d holds no SA" "" "$(ike_ctl a status)"
	unblock
else
	unblock 2> /dev/null
fi
down

# --- the same with dpdaction restart: the peer comes back ---
info "$(date +%T) restart: ikev1d with dpddelay 2 s, dpdtimeout 4 s, dpdaction restart"
mark=$(wc -l < "$(sw_log sw)")
charon_conf ""
ikev1d_conf "dpddelay = 2s; dpdtimeout = 4s; dpdaction = restart;"
ike_start a a
if up restart; then
	old=$(ike_spis a)
	block
	ike_wait a "dpdaction restart: negotiating again" 12
	check "restart: the peer declared dead, ikev1d negotiates again at once" \
		grep -q "dpdaction restart: negotiating again" "$(ike_log a)"
	check "restart: meanwhile nothing is left in kips.ko" ike_nothing a
	mark=$(wc -l < "$(sw_log sw)")
	unblock
	sw_since "CHILD_SA c\{[0-9]+\} established" 20
	for i in $(seq 1 50); do
		[ "$(grep -c "IPsec SA pair established" "$(ike_log a)")" -ge 2 ] && break
		sleep 0.2
	done
	new=$(ike_spis a)
	check "restart: b back, a fresh tunnel (SPIs $old -> $new)" \
		test "$(echo "$new" | wc -w)" = 2 -a "$new" != "$old"
	check "restart: charon established it too" \
		test "$(sw_count "CHILD_SA c\{[0-9]+\} established")" -ge 1
	check "restart: a ping passes through the new tunnel" \
		sh -c "[ '$new' != '$old' ] && ip netns exec $KT_PREFIX-a ping -c 1 -W 5 -I 10.1.0.1 10.2.0.1"
	[ "$KT_FAILED" = 0 ] || dump_logs
else
	unblock 2> /dev/null
fi
down
finish
