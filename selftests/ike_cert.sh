#!/bin/bash
# ikev1d over kips.ko against strongSwan's charon over XFRM, phase 1
# authenticated by RSA signatures with X.509 certificates (RFC 2409 5.1)
# made for the test with openssl: ikev1d as initiator and as responder in
# main mode, and as initiator in aggressive mode, each bringing a tunnel
# up that a ping and a checksummed TCP transfer cross; then a certificate
# from a CA nobody trusts and an identity other than the one expected,
# each refused with a log line that says so, the peer told, and nothing
# installed on either side.
#
#   10.1.0.1 [a] 10.9.0.1 ---- veth ---- 10.9.0.2 [b] 10.2.0.1
#            ikev1d, kips.ko                charon, XFRM
#   a: "C=CH, O=kips test, CN=a.kips.test"  b: "..., CN=b.kips.test"
#   both from "C=CH, O=kips test, CN=kips test CA"
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_ikev1d.sh"
. "$(dirname "$0")/lib_strongswan.sh"
. "$(dirname "$0")/lib_certs.sh"
require_module
require_cmd swanctl socat openssl
[ -x /usr/lib/ipsec/charon ] || skip_all "strongSwan's charon is not installed (scripts/deps installs it)"
require_warm

PKI=$KT_TMP/pki
certs_make "$PKI" || { fail "openssl could not make the test certificates"; finish; }
pass "a CA, a rogue CA and certificates for a and b made with openssl"
ike_hosts
sw_start b sw || finish
SWD=$(sw_dir sw)/swanctl
mkdir -p "$SWD/x509" "$SWD/x509ca" "$SWD/private"
cp "$PKI/ca.pem" "$SWD/x509ca/"
cp "$PKI/b.key" "$SWD/private/"

# charon_conf CERT AGGRESSIVE [REMOTE_ID]: b presents CERT (b or b-rogue).
charon_conf() {
	rm -f "$SWD"/x509/*
	cp "$PKI/$1.pem" "$SWD/x509/"
	cat > "$SWD/swanctl.conf" <<C
connections {
	t {
		version = 1
		aggressive = $2
		local_addrs = 10.9.0.2
		remote_addrs = 10.9.0.1
		proposals = aes256-sha256-modp2048
		local {
			auth = pubkey
			certs = $1.pem
			id = "$CERT_DN_B"
		}
		remote {
			auth = pubkey
			cacerts = ca.pem
			id = "${3:-$CERT_DN_A}"
		}
		children {
			c {
				local_ts = 10.2.0.0/24
				remote_ts = 10.1.0.0/24
				esp_proposals = aes128-sha256
				mode = tunnel
			}
		}
	}
}
C
	# --clear: b and b-rogue share a subject, and charon picks its
	# certificate by it among all it ever loaded.
	SWANCTL_DIR=$SWD swanctl --load-all --clear --noprompt --uri "unix://$(sw_dir sw)/vici.sock" \
		> "$(sw_dir sw)/load.log" 2>&1 ||
		{ fail "swanctl could not load: $(tail -n 3 "$(sw_dir sw)/load.log" | tr '\n' ' ')"; return 1; }
}

# ikev1d_conf EXCHANGE START [REMOTE_ID]
ikev1d_conf() {
	ike_conf a <<C
conn t {
	local = 10.9.0.1; remote = 10.9.0.2;
	authby = rsasig; local-cert = $PKI/a.pem; local-key = $PKI/a.key;
	remote-ca = $PKI/ca.pem; remote-id = "${3:-$CERT_DN_B}";
	local-subnet = 10.1.0.0/24; remote-subnet = 10.2.0.0/24;
	exchange = $1; ike = aes256-sha256-modp2048; esp = aes128-sha256; start = $2;
}
C
}

dump_logs() {
	info "ikev1d's log:"; grep -v ': debug: ' "$(ike_log a)" | tail -n 15 | sed 's/^/#   /'
	info "charon's log:"; tail -n +"$((mark + 1))" "$(sw_log sw)" | tail -n 15 | sed 's/^/#   /'
}

# up NAME WHO EXCHANGE: a tunnel WHO (ikev1d or charon) starts.
up() {
	local name=$1 who=$2 xchg=$3 ok=1
	info "$(date +%T) $name: $who initiates, $xchg mode, RSA signatures"
	mark=$(wc -l < "$(sw_log sw)")
	charon_conf b "$([ "$xchg" = aggressive ] && echo yes || echo no)" || return
	ikev1d_conf "$xchg" "$([ "$who" = ikev1d ] && echo start || echo add)"
	ike_start a a || return
	[ "$who" = charon ] && sw_initiate sw c
	both_established "$name" || ok=
	check "$name: charon verified a's signature with its certificate" \
		sw_since "authentication of '$CERT_DN_A' with RSA_EMSA_PKCS1_NULL successful" 1
	check "$name: ikev1d verified b's signature with its certificate" \
		ike_wait a "SIG_[IR] of \"$CERT_DN_B\" verified with its certificate" 1
	check_output "$name: ikev1ctl status shows the method and b's certificate" \
		"established, $([ "$who" = ikev1d ] && echo initiator || echo responder).*, RSA signature of \"$CERT_DN_B\"" \
		ike_ctl a status
	check_eq "$name: kips.ko and XFRM hold the same 2 SPIs" "$(xfrm_spis)" "$(ike_spis a)"
	if [ -n "$ok" ] && [ "$(ike_spis a | wc -w)" = 2 ]; then
		check "$name: ping through the tunnel" n a ping -c 2 -W 5 -I 10.1.0.1 10.2.0.1
		ike_transfer "$name" 100000
	else
		fail "$name: no tunnel, no traffic test"
		dump_logs
	fi
	ike_ctl a down t > /dev/null
	sw_since "deleting (IKE|ISAKMP)_SA|IKE_SA .* deleted|closing CHILD_SA" 10
	sleep 0.5
	check "$name: taken down, nothing left in kips.ko" ike_nothing a
	ike_stop a
}

# refused NAME WHO EXCHANGE CERT IKEV1D_REMOTE_ID CHARON_REMOTE_ID IKEV1D_RE CHARON_RE
refused() {
	local name=$1 who=$2
	info "$(date +%T) $name: $who initiates and is refused"
	mark=$(wc -l < "$(sw_log sw)")
	charon_conf "$4" no "$6" || return
	ikev1d_conf "$3" "$([ "$who" = ikev1d ] && echo start || echo add)" "$5"
	ike_start a a || return
	[ "$who" = charon ] && sw_initiate sw c
	ike_wait a "$7" 30 && pass "$name: ikev1d says why: $(grep -Eo -- "$7.*" "$(ike_log a)" | head -n 1 | cut -c 1-120)" ||
		{ fail "$name: ikev1d does not say '$7'"; dump_logs; }
	sw_since "$8" 20 && pass "$name: charon logs '$8'" ||
		{ fail "$name: charon does not log '$8'"; dump_logs; }
	sleep 1
	check "$name: ikev1d has no ISAKMP SA" \
		bash -c "! '$IKEV1CTL' -S '$(ike_sock a)' status | grep -q established"
	check_eq "$name: charon has no IKE SA" "" \
		"$(sw_swanctl sw --list-sas --raw 2> /dev/null | grep -io established)"
	check "$name: nothing installed in kips.ko (kips sa show, policy show)" ike_nothing a
	check_eq "$name: no XFRM SA" "" "$(xfrm_spis)"
	ike_stop a
	sw_swanctl sw --terminate --ike t > /dev/null 2>&1
}

up main-i ikev1d main
up main-r charon main
up aggr-i ikev1d aggressive
# b's certificate from a CA a does not trust: a refuses it, as initiator
# (after charon counted its SA as established: a deletes it) and as
# responder.
refused unknown-ca-i ikev1d main b-rogue "" "" \
	"certificate \"$CERT_DN_B\" is from an unknown CA" "received DELETE for IKE_SA"
refused unknown-ca-r charon main b-rogue "" "" \
	"certificate \"$CERT_DN_B\" is from an unknown CA" "received INVALID_CERTIFICATE error notify"
# b is not who a expects (remote-id), either way round; then a is not who
# b expects, and charon refuses.
refused id-mismatch-i ikev1d main b "C=CH, O=kips test, CN=c.kips.test" "" \
	"but conn t expects C=CH, O=kips test, CN=c.kips.test" "received INVALID_ID_INFORMATION error notify"
refused id-mismatch-r charon main b "C=CH, O=kips test, CN=c.kips.test" "" \
	"but conn t expects C=CH, O=kips test, CN=c.kips.test" "received INVALID_ID_INFORMATION error notify"
refused id-refused-by-b ikev1d main b "" "C=CH, O=kips test, CN=c.kips.test" \
	"the peer says AUTHENTICATION-FAILED" "no peer config found"
finish
