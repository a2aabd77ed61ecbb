#!/bin/bash
# ikev1d against strongSwan's charon, IKE only, on a machine without
# kips.ko: two network namespaces joined by a veth pair, ikev1d with
# --no-kernel in one, charon in the other (its CHILD_SA install may fail
# where the kernel lacks ESP; the negotiation is what is tested).
#
#   user/ikev1d/tests/interop_charon.sh [CASE...]
#
# Cases: main, main-pfs, aggressive, main-gcm, responder, responder-aggr,
# wrong-psk, no-proposal.  Prints PASS:/FAIL: lines; exits 4 (skip) when
# root, ip netns or charon is missing.
set -u
top=$(cd "$(dirname "$0")/../../.." && pwd)
ikev1d=$top/user/ikev1d/ikev1d
charon=/usr/lib/ipsec/charon
[ "$(id -u)" = 0 ] && [ -x $charon ] && command -v swanctl > /dev/null &&
	command -v ip > /dev/null || { echo "SKIP: interop_charon: needs root, ip and strongSwan"; exit 4; }
[ -x "$ikev1d" ] || { echo "FAIL: interop_charon: build ikev1d first"; exit 1; }

w=$(mktemp -d /tmp/ikev1d-interop.XXXXXX)
n1=ikv1-$$ n2=ikv2-$$
failed=0

cleanup() {
	[ -f $w/charon.pid ] && kill "$(cat $w/charon.pid)" 2> /dev/null
	[ -f $w/ikev1d.pid ] && kill "$(cat $w/ikev1d.pid)" 2> /dev/null
	sleep 0.3
	ip netns del $n1 2> /dev/null
	ip netns del $n2 2> /dev/null
	[ -n "${KEEP:-}" ] || rm -rf "$w"
}
trap cleanup EXIT

ip netns add $n1 && ip netns add $n2 &&
ip link add ikv1e type veth peer name ikv2e &&
ip link set ikv1e netns $n1 && ip link set ikv2e netns $n2 &&
ip -n $n1 addr add 10.98.0.1/24 dev ikv1e && ip -n $n2 addr add 10.98.0.2/24 dev ikv2e &&
ip -n $n1 link set ikv1e up && ip -n $n2 link set ikv2e up &&
ip -n $n1 link set lo up && ip -n $n2 link set lo up || { echo "SKIP: interop_charon: no netns"; exit 4; }

# charon's files: $1 = aggressive yes/no, $2 ike proposal, $3 esp proposal,
# $4 psk, $5 start (yes: initiates)
charon_conf() {
	cat > $w/strongswan.conf <<EOC
charon {
  load_modular = no
  load = random nonce openssl aes sha1 sha2 md5 hmac gmp curve25519 kdf pem pkcs1 x509 pubkey kernel-netlink socket-default vici updown
  install_routes = no
  i_dont_care_about_security_and_use_aggressive_mode_psk = yes
  plugins { vici { socket = unix://$w/charon.vici } }
  filelog { f { path = $w/charon.log
                default = 1
                ike = 2
                flush_line = yes } }
}
EOC
	cat > $w/swanctl.conf <<EOC
connections {
  t {
    version = 1
    aggressive = $1
    local_addrs = 10.98.0.2
    remote_addrs = 10.98.0.1
    proposals = $2
    local { auth = psk
            id = 10.98.0.2 }
    remote { auth = psk
             id = 10.98.0.1 }
    children { c { local_ts = 10.2.0.0/16
                   remote_ts = 10.1.0.0/16
                   esp_proposals = $3 } }
  }
}
secrets { ike-1 { id-1 = 10.98.0.1
                  id-2 = 10.98.0.2
                  secret = "$4" } }
EOC
}

# ikev1d's: $1 exchange, $2 ike, $3 esp, $4 psk, $5 start
ikev1d_conf() {
	cat > $w/ikev1d.conf <<EOC
conn t {
	local = 10.98.0.1;
	remote = 10.98.0.2;
	psk = "$4";
	exchange = $1;
	ike = $2;
	esp = $3;
	local-subnet = 10.1.0.0/16;
	remote-subnet = 10.2.0.0/16;
	start = $5;
}
EOC
}

start_charon() {
	rm -f $w/charon.log
	ip netns exec $n2 sh -c "mount -t tmpfs tmpfs /run && STRONGSWAN_CONF=$w/strongswan.conf exec $charon" > $w/charon.out 2>&1 &
	echo $! > $w/charon.pid
	for _ in $(seq 50); do [ -S $w/charon.vici ] && break; sleep 0.1; done
	swanctl --load-all --noprompt --file $w/swanctl.conf --uri unix://$w/charon.vici > $w/load.out 2>&1
}

start_ikev1d() {
	ip netns exec $n1 $ikev1d -d -K -S $w/ctl -c $w/ikev1d.conf > $w/ikev1d.log 2>&1 &
	echo $! > $w/ikev1d.pid
}

stop_all() {
	kill "$(cat $w/charon.pid)" "$(cat $w/ikev1d.pid)" 2> /dev/null
	wait 2> /dev/null
	rm -f $w/charon.pid $w/ikev1d.pid $w/charon.vici
}

# wait_for FILE PATTERN: up to 10 s
wait_for() {
	for _ in $(seq 100); do grep -q "$2" "$1" 2> /dev/null && return 0; sleep 0.1; done
	return 1
}

check() {
	local name=$1; shift
	local why=
	while [ $# -gt 0 ]; do
		wait_for "$1" "$2" || why="$why; no '$2' in $(basename "$1")"
		shift 2
	done
	if [ -z "$why" ]; then
		echo "PASS: interop_charon: $name"
	else
		echo "FAIL: interop_charon: $name${why}"
		failed=1
		[ -n "${VERBOSE:-}" ] && tail -30 $w/ikev1d.log $w/charon.log
	fi
}

# ikev1d initiates: $1 name, $2 exchange, $3 ike, $4 esp (ours), $5 esp (charon's)
initiate() {
	charon_conf "$([ $2 = aggressive ] && echo yes || echo no)" "$3" "$5" "k1" no
	ikev1d_conf "$2" "$3" "$4" "k1" start
	start_charon
	start_ikev1d
	check "$1" $w/ikev1d.log "IPsec SA pair established" \
		$w/charon.log "IKE_SA t\[[0-9]*\] established" \
		$w/charon.log "CHILD_SA c{[0-9]*} established\|unable to install inbound and outbound IPsec SA"
	$top/user/ikev1d/ikev1ctl -S $w/ctl status > $w/status.txt 2>&1
	$top/user/ikev1d/ikev1ctl -j -S $w/ctl status > $w/status.json 2>&1
	check "$1 (ikev1ctl status)" $w/status.txt "t\[1\]: established, initiator" \
		$w/status.json '"conn":"t"'
	stop_all
}

# charon initiates: $1 name, $2 exchange, $3 ike, $4 esp
respond() {
	charon_conf "$([ $2 = aggressive ] && echo yes || echo no)" "$3" "$4" "k1" no
	ikev1d_conf "$2" "$3" "$4" "k1" add
	start_ikev1d
	start_charon
	swanctl --initiate --ike t --child c --uri unix://$w/charon.vici > $w/initiate.out 2>&1
	# Without ESP in the kernel charon cannot install its SAs and never
	# sends quick mode message 3; that it selected our answer is the test.
	check "$1" $w/ikev1d.log "QUICK_R1 -> QUICK_R2" \
		$w/charon.log "IKE_SA t\[[0-9]*\] established" \
		$w/charon.log "selected proposal: ESP"
	stop_all
}

cases=${*:-main main-pfs aggressive main-gcm responder responder-aggr wrong-psk no-proposal}
for c in $cases; do
	case $c in
	main) initiate main main aes256-sha256-modp2048 aes128-sha256 aes128-sha256 ;;
	main-pfs) initiate main-pfs main aes128-sha1-ecp256 aes256-sha256-modp2048 aes256-sha256-modp2048 ;;
	aggressive) initiate aggressive aggressive aes256-sha256-modp2048 aes128-sha1-modp2048 aes128-sha1-modp2048 ;;
	main-gcm) initiate main-gcm main aes256-sha384-curve25519 aes128gcm16 aes128gcm16 ;;
	responder) respond responder main aes256-sha256-modp2048 aes128-sha256-modp2048 ;;
	responder-aggr) respond responder-aggr aggressive aes128-sha256-ecp384 aes256gcm16 ;;
	wrong-psk)
		charon_conf no aes256-sha256-modp2048 aes128-sha256 k1 no
		ikev1d_conf main aes256-sha256-modp2048 aes128-sha256 k2 start
		start_charon
		start_ikev1d
		check wrong-psk $w/ikev1d.log "pre-shared key" \
			$w/charon.log "failed\|invalid HASH\|decrypt"
		stop_all ;;
	no-proposal)
		charon_conf no aes128-sha1-modp2048 aes128-sha256 k1 no
		ikev1d_conf main aes256-sha256-modp2048 aes128-sha256 k1 start
		start_charon
		start_ikev1d
		check no-proposal $w/ikev1d.log "NO-PROPOSAL-CHOSEN" \
			$w/charon.log "no proposal\|NO_PROPOSAL_CHOSEN"
		stop_all ;;
	*) echo "FAIL: interop_charon: unknown case $c"; failed=1 ;;
	esac
done
exit $failed
