#!/bin/bash
# XAUTH and mode config: ikev1d over kips.ko as a remote-access client of
# strongSwan's charon over XFRM, which authenticates it with a group PSK
# plus XAUTH (xauth-generic, a secret per user) and hands out addresses
# from a pool.
#
#   right-password  main mode with XAUTHInitPreShared, XAUTH as alice, mode
#                   config: ikev1d and charon agree on the address from
#                   the pool, ikev1d put it on lo and uses it as its proxy
#                   ID and policy source; a ping from it through the tunnel
#                   reaches b's protected subnet; stopping ikev1d takes the
#                   address and everything in kips.ko away.
#   wrong-password  charon refuses alice (XAUTH-STATUS FAIL): both logs say
#                   so, ikev1d deletes the ISAKMP SA and leaves no SA, no
#                   policy and no address behind.
#
#   10.99.0.x/32 on lo [a] 10.9.0.1 ---- veth ---- 10.9.0.2 [b] 10.2.0.1
#   ikev1d, kips.ko                                  charon, XFRM, pool 10.99.0.0/24
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_ikev1d.sh"
. "$(dirname "$0")/lib_strongswan.sh"
require_module
require_cmd swanctl
[ -x /usr/lib/ipsec/charon ] || skip_all "strongSwan's charon is not installed (scripts/deps installs it)"
[ -e /usr/lib/ipsec/plugins/libstrongswan-xauth-generic.so ] ||
	skip_all "strongSwan's xauth-generic plugin is missing (libcharon-extauth-plugins)"
require_warm

ike_hosts
# b's answers to the pool go back through a (charon installs no routes).
n b ip route add 10.99.0.0/24 via 10.9.0.1
sw_start b sw || finish
PSK=kips-xauth-group-key
PASSWORD="alice's xauth password"

sw_conf sw <<C
connections {
	rw {
		version = 1
		aggressive = no
		local_addrs = 10.9.0.2
		remote_addrs = 10.9.0.1
		proposals = aes128-sha256-modp2048
		pools = rwpool
		local {
			auth = psk
			id = 10.9.0.2
		}
		remote {
			auth = psk
			id = 10.9.0.1
		}
		remote-xauth {
			auth = xauth
		}
		children {
			c {
				local_ts = 10.2.0.0/24
				esp_proposals = aes128gcm16
			}
		}
	}
}
pools {
	rwpool {
		addrs = 10.99.0.0/24
		dns = 10.99.0.53
	}
}
secrets {
	ike-rw {
		id-a = 10.9.0.1
		id-b = 10.9.0.2
		secret = "$PSK"
	}
	xauth-alice {
		id = alice
		secret = "$PASSWORD"
	}
}
C
sw_load sw || finish

# ikev1d_conf PASSWORD
ikev1d_conf() {
	ike_conf a <<C
secrets = $KT_TMP/ike-a.secrets;
conn rw {
	local = 10.9.0.1; remote = 10.9.0.2;
	remote-subnet = 10.2.0.0/24;
	ike = aes128-sha256-modp2048; esp = aes128gcm16;
	xauth = client; xauth-identity = alice;
	local-sourceip = %config;
	start = start;
}
C
	cat > "$KT_TMP/ike-a.secrets" <<C
10.9.0.2 : PSK "$PSK"
alice : XAUTH "$1"
C
	chmod 600 "$KT_TMP/ike-a.secrets"
}

dump_logs() {
	info "ikev1d's log:"; grep -v ': debug: ' "$(ike_log a)" | tail -n 20 | sed 's/^/#   /'
	info "charon's log:"; tail -n +"$((mark + 1))" "$(sw_log sw)" | grep -E 'IKE\]|CFG\]' | tail -n 20 | sed 's/^/#   /'
}

vips_on_lo() { n a ip -4 -o addr show dev lo | grep -o '10\.99\.0\.[0-9]*/[0-9]*' | tr '\n' ' '; }

# --- the right password ---
info "$(date +%T) right-password: alice with her password"
mark=$(wc -l < "$(sw_log sw)")
ikev1d_conf "$PASSWORD"
check "right-password: ikev1d --check accepts the configuration" \
	n a "$IKEV1D" --check "$KT_TMP/ike-a.conf"
ike_start a a
if sw_since "CHILD_SA c\{[0-9]+\} established" 30 &&
	ike_wait a "IPsec SA pair established" 10; then
	check_output "right-password: ikev1d proposed XAUTHInitPreShared and sent the XAUTH vendor ID" \
		"received XAuth vendor ID" tail -n +"$((mark + 1))" "$(sw_log sw)"
	check_output "right-password: charon authenticated alice" \
		"XAuth authentication of 'alice' successful" tail -n +"$((mark + 1))" "$(sw_log sw)"
	check "right-password: ikev1d's log: XAUTH succeeded, then mode config" \
		grep -q "XAUTH as user 'alice' succeeded" "$(ike_log a)"
	vip=$(sed -n "s/.*mode config: the server assigned \(10\.99\.0\.[0-9]*\).*/\1/p" "$(ike_log a)" | head -n 1)
	check "right-password: the address ikev1d got ($vip) is from charon's pool" \
		sh -c "echo '$vip' | grep -Eq '^10\.99\.0\.[0-9]+$'"
	check_output "right-password: charon assigned that address to alice" \
		"assigning virtual IP $vip to peer 'alice'" \
		tail -n +"$((mark + 1))" "$(sw_log sw)"
	check_output "right-password: charon's --list-sas agrees (XAuth: 'alice' [$vip])" \
		"XAuth: 'alice' \[$vip\]" sw_swanctl sw --list-sas
	check_output "right-password: ikev1ctl status shows the user, the address and the DNS server" \
		"established, initiator.*XAUTH alice, virtual IP $vip, DNS 10\.99\.0\.53" ike_ctl a status
	check_output "right-password: and the IPsec SAs from it" \
		"$vip/32 === 10\.2\.0\.0/24: ESP tunnel" ike_ctl a status
	check_output "right-password: JSON too" \
		"\"remote_access\":\{\"xauth_user\":\"alice\",\"xauth_ok\":true,\"virtual_ip\":\"$vip\",\"prefix_length\":32,\"dns\":\[\"10\.99\.0\.53\"\]\}" \
		ike_ctl a -j status
	check_eq "right-password: the address is on a's lo" "$vip/32 " "$(vips_on_lo)"
	check_output "right-password: kips.ko's policies protect $vip/32 <-> 10.2.0.0/24" \
		"$vip/32" n a "$KIPS" policy show
	check_eq "right-password: kips.ko holds the same 2 SPIs as XFRM" \
		"$(n b ip xfrm state | sed -n 's/.* spi \(0x[0-9a-f]*\) .*/\1/p' | sort | tr '\n' ' ')" \
		"$(ike_spis a)"
	before=$(ike_packets a)
	check "right-password: a ping from $vip through the tunnel reaches 10.2.0.1" \
		n a ping -c 3 -i 0.3 -W 5 -I "$vip" 10.2.0.1
	after=$(ike_packets a)
	check "right-password: ... through kips.ko's SAs (packets out/in $before -> $after)" \
		sh -c "set -- $before $after; [ \$3 -ge \$((\$1 + 3)) ] && [ \$4 -ge \$((\$2 + 3)) ]"
	check_output "right-password: charon's SAs carried it" \
		"in .*[1-9][0-9]* packets" sw_swanctl sw --list-sas
	check "right-password: the password is in neither log" \
		sh -c "! grep -qF \"$PASSWORD\" '$(ike_log a)' '$(sw_log sw)'"
	[ "$KT_FAILED" = 0 ] || dump_logs
else
	fail "right-password: the tunnel did not come up"
	dump_logs
fi
ike_stop a
check "right-password: ikev1d stopped, the address left lo" test -z "$(vips_on_lo)"
check "right-password: and nothing is left in kips.ko" ike_nothing a
sw_swanctl sw --terminate --ike rw > /dev/null 2>&1
sleep 0.3

# --- a wrong password ---
info "$(date +%T) wrong-password: alice with a wrong password"
mark=$(wc -l < "$(sw_log sw)")
ikev1d_conf "not alice's password"
ike_start a a
ike_wait a "XAUTH failed" 20
check_output "wrong-password: charon refused alice" \
	"XAuth authentication of 'alice' failed" tail -n +"$((mark + 1))" "$(sw_log sw)"
check "wrong-password: ikev1d says why it gives up" \
	grep -q "XAUTH failed: the server refused user 'alice' (XAUTH-STATUS FAIL; wrong password?): deleting the ISAKMP SA, nothing installed" "$(ike_log a)"
check "wrong-password: the password is in neither log" \
	sh -c "! grep -qF \"not alice's password\" '$(ike_log a)' '$(sw_log sw)'"
check "wrong-password: no mode config, no quick mode" \
	sh -c "! grep -Eq 'asking the server for an address|sending QUICK' '$(ike_log a)'"
sleep 1
check "wrong-password: nothing in kips.ko (no SA, no protect policy)" ike_nothing a
check "wrong-password: no address on lo" test -z "$(vips_on_lo)"
check_eq "wrong-password: ikev1d holds no SA" "" "$(ike_ctl a status)"
check "wrong-password: charon holds no SA" \
	sh -c "! swanctl --list-sas --uri unix://$(sw_dir sw)/vici.sock | grep -q 'rw: #'"
[ "$KT_FAILED" = 0 ] || dump_logs
ike_stop a
finish
