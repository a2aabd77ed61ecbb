#!/bin/bash
# selftests/lib_strongswan.sh: strongSwan's charon as a real IKEv1 peer in a
# namespace.  Sourced after lib.sh.
#
#   sw_start NS NAME          start charon NAME in namespace NS (its own /run,
#                             vici socket, log $KT_TMP/sw-NAME/charon.log;
#                             IKE and config at level $SW_LOG_LEVEL, default 2)
#   sw_conf NAME < FILE       set its swanctl.conf (version = 1 connections)
#   sw_load NAME              load the connections and secrets
#   sw_initiate NAME CHILD    start a negotiation of CHILD (ike = its conn)
#   sw_wait NAME REGEX [SEC]  wait until the log matches REGEX
#   sw_log NAME               the log file's path
#   sw_swanctl NAME ARGS...   run swanctl against NAME's vici socket
# Charon is stopped at cleanup.

sw_dir() { echo "$KT_TMP/sw-$1"; }
sw_log() { echo "$(sw_dir "$1")/charon.log"; }

sw_start() {
	local ns=$1 name=$2 dir i
	dir=$(sw_dir "$name")
	mkdir -p "$dir"
	cat > "$dir/strongswan.conf" <<SWCONF
charon {
	load_modular = no
	load = random nonce openssl aes sha1 sha2 md5 hmac gmp curve25519 kdf pem pkcs1 x509 pubkey kernel-netlink socket-default vici updown xauth-generic
	i_dont_care_about_security_and_use_aggressive_mode_psk = yes
	install_routes = no
	retransmit_tries = 3
	retransmit_timeout = 2
	filelog {
		log {
			path = $dir/charon.log
			time_format = %T
			default = 1
			ike = ${SW_LOG_LEVEL:-2}
			cfg = ${SW_LOG_LEVEL:-2}
			knl = 1
			flush_line = yes
		}
	}
	plugins {
		vici {
			socket = unix://$dir/vici.sock
		}
	}
}
SWCONF
	: > "$dir/charon.log"
	n "$ns" sh -c "mount -t tmpfs tmpfs /run && STRONGSWAN_CONF='$dir/strongswan.conf' exec /usr/lib/ipsec/charon" \
		> "$dir/stdout" 2>&1 &
	echo $! > "$dir/pid"
	on_exit "kill $(cat "$dir/pid") 2>/dev/null; sleep 0.2"
	for i in $(seq 1 100); do
		[ -S "$dir/vici.sock" ] && return 0
		sleep 0.1
	done
	fail "charon $name did not start: $(tail -n 3 "$dir/stdout" "$dir/charon.log" | tr '\n' ' ')"
	return 1
}

sw_conf() { cat > "$(sw_dir "$1")/swanctl.conf"; }

sw_swanctl() {
	local name=$1; shift
	swanctl "$@" --uri "unix://$(sw_dir "$name")/vici.sock"
}

sw_load() {
	swanctl --load-all --noprompt --file "$(sw_dir "$1")/swanctl.conf" \
		--uri "unix://$(sw_dir "$1")/vici.sock" > "$(sw_dir "$1")/load.log" 2>&1 ||
		{ fail "swanctl could not load $1's configuration: $(tail -n 3 "$(sw_dir "$1")/load.log" | tr '\n' ' ')"; return 1; }
}

sw_initiate() {
	sw_swanctl "$1" --initiate --child "$2" --timeout 20 > "$(sw_dir "$1")/initiate.log" 2>&1
}

sw_wait() {
	local name=$1 re=$2 secs=${3:-20} i
	for ((i = 0; i < secs * 10; i++)); do
		grep -Eq -- "$re" "$(sw_log "$name")" && return 0
		sleep 0.1
	done
	return 1
}

# The IKE scenarios' conventions: charon is "sw", in namespace b, and each
# case sets mark to the line count of charon's log before it starts.

# sw_since REGEX [SEC]: charon's log from line $mark on matches REGEX
# (waiting up to SEC seconds, default 30).
sw_since() {
	local re=$1 secs=${2:-30} i
	for ((i = 0; i < secs * 10; i++)); do
		tail -n +"$((mark + 1))" "$(sw_log sw)" | grep -Eq -- "$re" && return 0
		sleep 0.1
	done
	return 1
}

# xfrm_spis: the SPIs of b's XFRM states, sorted, on one line.
xfrm_spis() { n b ip xfrm state | sed -n 's/.* spi \(0x[0-9a-f]*\) .*/\1/p' | sort | tr '\n' ' '; }

# both_established NAME: charon (its CHILD_SA c) and ikev1d in namespace a
# each say the tunnel is up, with a PASS or FAIL line each; false if
# either does not.
both_established() {
	local up=0
	sw_since "CHILD_SA c\{[0-9]+\} established" 60 &&
		pass "$1: charon says CHILD_SA established" ||
		{ fail "$1: charon says no CHILD_SA established"; up=1; }
	ike_wait a "IPsec SA pair established" 20 &&
		pass "$1: ikev1d says IPsec SA pair established" ||
		{ fail "$1: ikev1d says no IPsec SA pair established"; up=1; }
	return $up
}
