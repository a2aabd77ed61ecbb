#!/bin/bash
# ikev1d over kips.ko against strongSwan's charon over the kernel's own
# XFRM, a peer nobody here wrote: ikev1d as initiator and as responder,
# main and aggressive mode, with and without PFS, AES-CBC + SHA-256 +
# MODP-2048 and AES-GCM ESP.  In each case the tunnel comes up on both
# sides (ikev1d's log and status, charon's "CHILD_SA ... established", the
# same SPIs in kips.ko and XFRM), a ping and a checksummed TCP transfer
# pass through it, the wire shows them only as ESP, and taking it down
# leaves nothing on either side.
#
#   10.1.0.1 [a] 10.9.0.1 ---- veth ---- 10.9.0.2 [b] 10.2.0.1
#            ikev1d, kips.ko                charon, XFRM
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_ikev1d.sh"
. "$(dirname "$0")/lib_strongswan.sh"
require_module
require_cmd swanctl socat tcpdump
[ -x /usr/lib/ipsec/charon ] || skip_all "strongSwan's charon is not installed (scripts/deps installs it)"
require_warm

ike_hosts
sw_start b sw || finish
PSK=kips-charon-interop-key

# charon_conf AGGRESSIVE IKE ESP
charon_conf() {
	sw_conf sw <<C
connections {
	t {
		version = 1
		aggressive = $1
		local_addrs = 10.9.0.2
		remote_addrs = 10.9.0.1
		proposals = $2
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
				esp_proposals = $3
				mode = tunnel
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

# ikev1d_conf EXCHANGE IKE ESP START
ikev1d_conf() {
	ike_conf a <<C
conn t {
	local = 10.9.0.1; remote = 10.9.0.2; psk = "$PSK";
	local-subnet = 10.1.0.0/24; remote-subnet = 10.2.0.0/24;
	exchange = $1; ike = $2; esp = $3; start = $4;
}
C
}

traffic() {
	local name=$1 pk ab ba clear
	pk=$(ike_packets a)
	check "$name: ping through the tunnel" n a ping -c 2 -W 5 -I 10.1.0.1 10.2.0.1
	ike_capture a "$KT_TMP/$name-a.pcap"
	ike_capture b "$KT_TMP/$name-b.pcap"
	ike_transfer "$name" 200000
	ike_capture_stop
	check "$name: kips.ko's SAs carried it (packets out/in: $pk -> $(ike_packets a))" \
		test "$(ike_packets a | cut -d' ' -f1)" -gt $(( ${pk% *} + 100 ))
	# Each capture holds what one side sent: both are the whole wire.
	ab=$(tcpdump -nr "$KT_TMP/$name-a.pcap" esp and src host 10.9.0.1 and dst host 10.9.0.2 2> /dev/null | wc -l)
	ba=$(tcpdump -nr "$KT_TMP/$name-b.pcap" esp and src host 10.9.0.2 and dst host 10.9.0.1 2> /dev/null | wc -l)
	check "$name: the wire carried it as ESP both ways ($ab packets a->b, $ba b->a)" \
		test "$ab" -gt 100 -a "$ba" -gt 20
	clear=$(tcpdump -tnr "$KT_TMP/$name-a.pcap" tcp port 5001 2> /dev/null
		tcpdump -tnr "$KT_TMP/$name-b.pcap" tcp port 5001 2> /dev/null)
	check_eq "$name: and neither side sent any of it in the clear${clear:+: $(printf '%s' "$clear" | head -n 2 | tr '\n' ' ')}" \
		0 "$(printf '%s' "$clear" | grep -c .)"
}

# What went wrong, for the log.
dump_logs() {
	info "ikev1d's log:"; grep -v ': debug: ' "$(ike_log a)" | tail -n 15 | sed 's/^/#   /'
	info "charon's log:"; tail -n +"$((mark + 1))" "$(sw_log sw)" | tail -n 15 | sed 's/^/#   /'
	[ -s "$(sw_dir sw)/initiate.log" ] && { info "swanctl --initiate:"; tail -n 5 "$(sw_dir sw)/initiate.log" | sed 's/^/#   /'; }
}

# run NAME WHO AGGRESSIVE IKE ESP: one negotiation, WHO (ikev1d or charon)
# initiating.  KIPS_IKE_CASES="NAME..." runs only those (default:
# $DEFAULT_CASES; "all" runs every one).
run() {
	local name=$1 who=$2 aggr=$3 ike=$4 esp=$5 up=1
	case " ${KIPS_IKE_CASES:-$DEFAULT_CASES} " in *" $name "* | *" all "*) ;; *) return ;; esac
	info "$(date +%T) $name: $who initiates, $([ "$aggr" = yes ] && echo aggressive || echo main) mode, $ike, ESP $esp"
	mark=$(wc -l < "$(sw_log sw)")
	charon_conf "$aggr" "$ike" "$esp" || return
	ikev1d_conf "$([ "$aggr" = yes ] && echo aggressive || echo main)" "$ike" "$esp" \
		"$([ "$who" = ikev1d ] && echo start || echo add)"
	rm -f "$(sw_dir sw)/initiate.log"
	ike_start a a || return
	[ "$who" = charon ] && sw_initiate sw c
	both_established "$name" || up=
	check_output "$name: ikev1ctl status shows the tunnel" \
		"established, $([ "$who" = ikev1d ] && echo initiator || echo responder).*
  10.1.0.0/24 === 10.2.0.0/24: ESP tunnel" ike_ctl a status
	check_eq "$name: kips.ko and XFRM hold the same 2 SPIs" "$(xfrm_spis)" "$(ike_spis a)"
	# Without a tunnel, the traffic would pass in the clear: not a test.
	if [ -n "$up" ] && [ "$(ike_spis a | wc -w)" = 2 ]; then
		traffic "$name"
	else
		fail "$name: no tunnel, no traffic test"
		dump_logs
	fi
	if [ "$who" = ikev1d ]; then
		ike_ctl a down t > /dev/null
	else
		sw_swanctl sw --terminate --ike t > /dev/null 2>&1
	fi
	sw_since "deleting (IKE|ISAKMP)_SA|IKE_SA .* deleted|closing CHILD_SA" 10
	ike_wait a "the peer deleted the ISAKMP SA|sending a delete for ISAKMP" 10
	sleep 0.5
	check "$name: taken down, nothing left in kips.ko" ike_nothing a
	check_eq "$name: taken down, no XFRM SA left" "" "$(xfrm_spis)"
	ike_stop a
}

# Each side, as initiator and as responder, in main and in aggressive
# mode, with and without PFS, over AES-CBC and AES-GCM ESP: four cases
# cover it.  The other three run when KIPS_IKE_CASES names them.
DEFAULT_CASES="main-cbc-i aggr-gcm-i main-cbc-r aggr-gcm-r"
run main-cbc-i ikev1d no aes256-sha256-modp2048 aes128-sha256-modp2048
run aggr-gcm-i ikev1d yes aes256-sha256-modp2048 aes128gcm16
run main-cbc-r charon no aes256-sha256-modp2048 aes128-sha256
run aggr-gcm-r charon yes aes256-sha256-modp2048 aes128gcm16-modp2048
run main-gcm-i ikev1d no aes256-sha256-modp2048 aes128gcm16
run aggr-cbc-i ikev1d yes aes256-sha256-modp2048 aes256-sha256
run main-gcm-r charon no aes128-sha256-ecp256 aes256gcm16-modp2048
finish
