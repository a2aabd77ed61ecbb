#!/bin/bash
# `make demo`: kips in a VM, for a newcomer.  Two hosts (network
# namespaces), each with kips.ko's state of its own and an ikev1d, join
# their networks with an IPsec tunnel that is negotiated when the first
# packet needs it.
#
#   LAN 10.1.0.0/24      host-a                     host-b     LAN 10.2.0.0/24
#   10.1.0.1 ---------- [ikev1d] 10.9.0.1 ---- 10.9.0.2 [ikev1d] ---- 10.2.0.1
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_ikev1d.sh"
require_module

# Module loading and crypto set-up are slow in an emulated VM: start them
# now, while the introduction runs.
[ -z "${KIPS_VM:-}" ] || [ -e /run/kips-warm ] || "$KT_TOP/selftests/vm/warmup" &

say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
note() { printf '   %s\n' "$@"; }
# show HOST CMD...: print the command as typed on HOST (programs by their
# name, not their path in the tree), run it there, return its status.
show() {
	local host=$1; shift
	printf '\033[2m%s#\033[0m %s\n' "$host" "$(basename "$1") ${*:2}"
	n "$host" "$@" 2>&1 | sed 's/^/  /'
	return "${PIPESTATUS[0]}"
}
# expect WHAT CMD...: a PASS or FAIL line, so that a broken demo says so.
expect() {
	local what=$1; shift
	if "$@"; then pass "$what"; else fail "$what"; fi
}

say "kips.ko is loaded in a fresh kernel ($(uname -r))"
note "The module keeps, per network namespace, a database of security" \
     "associations (SAs: keys and algorithms) and one of security policies" \
     "(which traffic must be protected, and how)."
ns host-a
ns host-b
veth host-a host-b 10.9.0.1/24 10.9.0.2/24
n host-a ip addr add 10.1.0.1/24 dev lo
n host-b ip addr add 10.2.0.1/24 dev lo
n host-a ip route add 10.2.0.0/24 via 10.9.0.2
n host-b ip route add 10.1.0.0/24 via 10.9.0.1
show host-a "$KIPS" version

ike_conf host-a <<'C'
conn office {
	local = 10.9.0.1;
	remote = 10.9.0.2;
	psk = "demo key, not for real use";
	local-subnet = 10.1.0.0/24;
	remote-subnet = 10.2.0.0/24;
	ike = aes256-sha256-modp2048;
	esp = aes128gcm16-modp2048;
	start = trap;
}
C
ike_conf host-b <<'C'
conn office {
	local = 10.9.0.2;
	remote = 10.9.0.1;
	psk = "demo key, not for real use";
	local-subnet = 10.2.0.0/24;
	remote-subnet = 10.1.0.0/24;
	ike = aes256-sha256-modp2048;
	esp = aes128gcm16-modp2048;
}
C
say "host-a's /etc/ikev1d.conf (host-b's mirrors it, without 'start = trap')"
sed 's/^/  /' "$KT_TMP/ike-host-a.conf"
note "start = trap: install the policies now, negotiate when traffic needs it."
ike_start host-b host-b && ike_start host-a host-a || finish

say "host-a: the policies are there, the SAs are not yet"
show host-a "$KIPS" policy show
show host-a "$KIPS" sa show
note "(no output: no SA)" \
     "The two priority-0 'bypass' policies let IKE itself (UDP 500) pass."

require_warm
say "A ping from host-a's LAN to host-b's"
note "The first packet finds a policy but no SA: kips.ko holds it and asks" \
     "ikev1d for SAs (ACQUIRE); ikev1d runs main mode and quick mode with" \
     "host-b; the held packet then leaves, encrypted."
# Three requests and three replies: tcpdump ends by itself after the sixth
# ESP packet (stopped early, it would drop what it had not written yet).
ip netns exec "$KT_PREFIX-host-b" timeout 30 tcpdump -l -ni veth0 -c 6 esp > "$KT_TMP/esp.txt" 2>&1 &
dump=$!
for i in $(seq 1 100); do
	grep -q "listening on" "$KT_TMP/esp.txt" && break
	sleep 0.1
done
expect "the first ping got through the tunnel it started" \
	show host-a ping -c 3 -W 20 -I 10.1.0.1 10.2.0.1
note "(the first reply took long: it waited for the negotiation)"
wait $dump 2> /dev/null

say "What host-a's ikev1d logged"
grep -E "trap for|kernel asks|ISAKMP SA established|IPsec SA pair established" \
	"$(ike_log host-a)" | sed 's/^ikev1d: info: /  /'

say "On the wire between the hosts: ESP only (tcpdump on host-b)"
grep ESP "$KT_TMP/esp.txt" | sed 's/^/  /'
expect "the wire carried the pings as ESP, both ways" \
	test "$(grep -c 'ESP(spi' "$KT_TMP/esp.txt")" = 6

say "ikev1ctl status, on both hosts"
printf '\033[2mhost-a#\033[0m ikev1ctl status\n'
ike_ctl host-a status | sed 's/^/  /'
printf '\033[2mhost-b#\033[0m ikev1ctl status\n'
ike_ctl host-b status | sed 's/^/  /'

say "The SAs ikev1d installed in kips.ko (host-a), with their counters"
show host-a "$KIPS" -s sa show
note "host-a's outbound SA is host-b's inbound one, keys and all:"
note "(checked: kips -k sa show, which also prints the keys, lists the" \
     "same two SAs on both hosts)"
expect "both hosts hold the same SA pair" ike_pairs_match host-a host-b 1

say "A TCP transfer through the tunnel: 200 KB of random data"
head -c 200000 /dev/urandom > "$KT_TMP/blob"
n host-b sh -c "socat -u TCP-LISTEN:5001,bind=10.2.0.1,reuseaddr - | sha256sum > $KT_TMP/got" &
srv=$!
for i in $(seq 1 100); do
	n host-b ss -ltn | grep -q '10.2.0.1:5001' && break
	sleep 0.1
done
printf '\033[2m%s#\033[0m %s\n' host-b "socat -u TCP-LISTEN:5001,bind=10.2.0.1 - | sha256sum" \
	host-a "socat -u FILE:blob TCP:10.2.0.1:5001,bind=10.1.0.1"
n host-a timeout 60 socat -u "FILE:$KT_TMP/blob" TCP:10.2.0.1:5001,bind=10.1.0.1
wait $srv
note "sent     $(sha256sum < "$KT_TMP/blob" | cut -c1-64)" \
     "received $(cut -c1-64 < "$KT_TMP/got")"
expect "200 KB crossed the tunnel intact" \
	test "$(sha256sum < "$KT_TMP/blob" | cut -c1-64)" = "$(cut -c1-64 < "$KT_TMP/got")"

say "Taking the tunnel down"
printf '\033[2m%s#\033[0m %s\n' host-a "ikev1ctl down office"
ike_ctl host-a down office | sed 's/^/  /'
ike_wait host-b "the peer deleted the ISAKMP SA" 10
show host-a "$KIPS" sa show
show host-b "$KIPS" sa show
note "(no output: both hosts removed their SAs; host-a keeps its trap, so" \
     "the next packet would negotiate again)"
expect "nothing left on host-b" ike_nothing host-b
ike_stop host-a
ike_stop host-b

say "Where to go from here"
note "selftests/demo.sh        this demo: every command it ran" \
     "man Documentation/ikev1d.conf.5   the configuration file" \
     "man Documentation/kips.8          the kips command" \
     "make check               every test, in a VM like this one (Documentation/testing.rst)"
printf '\n'
finish
