#!/bin/bash
# bench/ike_handshakes.sh [N]: IKEv1 handshakes per second, ikev1d against
# strongSwan's charon, in one VM run:
#
#   selftests/vm/run --timeout 1800 -- bench/ike_handshakes.sh [N]
#
# Each stack talks to itself between two namespaces: ikev1d to ikev1d,
# each over its own kips.ko state, and charon to charon over the kernel's
# XFRM.  For each phase-1 group (MODP-2048, ECP-256) the initiator runs N
# handshakes (default 10) one after the other: main mode and quick mode,
# PSK, aes128-sha256-GROUP for ISAKMP, ESP aes128-sha256 without PFS (so
# one Diffie-Hellman exchange per handshake), tunnel mode; each is taken
# down (ISAKMP and IPsec SAs deleted) before the next starts, and the two
# stacks take turns, one handshake each, so that the changing load of a
# shared machine weighs on both alike.
#
# A handshake is timed on the wire, from a capture on the initiator's
# veth: from the initiator's first main-mode message to its last
# quick-mode message (HASH(3)).  That takes in both daemons' work for all
# nine messages, Diffie-Hellman, key derivation and the installation of
# the SAs the responder does before answering quick mode and the
# initiator before HASH(3); it leaves out what drives the test (ikev1ctl,
# swanctl), the tear-down and the responder's last SA installation.
# handshakes/s = handshakes / the sum of their times.  The wall-clock rate
# of the whole loop (driver and tear-down included) is printed too, as a
# comment.  Lines "RESULT <stack> <group> handshakes_per_s <value>" are for
# scripts; the last lines give the ratios ikev1d/charon.
#
#   [a|c] 10.9.0.1 ---- veth ---- 10.9.0.2 [b|d]      a, b: ikev1d
#         10.1.0.0/24 <==ESP==> 10.2.0.0/24           c, d: charon
. "$(dirname "$0")/../selftests/lib.sh"
. "$(dirname "$0")/../selftests/lib_ikev1d.sh"
. "$(dirname "$0")/../selftests/lib_strongswan.sh"
require_module
require_cmd swanctl tcpdump
[ -x /usr/lib/ipsec/charon ] || skip_all "strongSwan's charon is not installed (scripts/deps installs it)"
# Module loading and crypto set-up are slow under TCG: done before timing.
[ -z "${KIPS_VM:-}" ] || [ -e /run/kips-warm ] || "$KT_TOP/selftests/vm/warmup"
N=${1:-10}
GROUPS_=(modp2048 ecp256)
PSK=kips-bench-key
results=$KT_TMP/results
: > "$results"

# pair X Y: namespaces X and Y joined by veth0, 10.9.0.1 and 10.9.0.2.
pair() {
	ns "$1"
	ns "$2"
	veth "$1" "$2" 10.9.0.1/24 10.9.0.2/24
}
pair a b
pair c d

now() { date +%s.%N; }

# wait_count FILE REGEX COUNT SEC: until FILE has COUNT lines matching.
wait_count() {
	local i
	for ((i = 0; i < $4 * 50; i++)); do
		[ "$(grep -Ec -- "$2" "$1")" -ge "$3" ] && return 0
		sleep 0.02
	done
	return 1
}

# handshake_times PCAP: "COUNT SUM MEDIAN", the handshakes in PCAP
# (captured on the initiator, 10.9.0.1), the sum of their times and their
# median, each from the first message with its initiator cookie to the
# initiator's first quick-mode message after the responder's (HASH(3);
# retransmissions of earlier messages do not end it).  -vv shows cookies.
handshake_times() {
	tcpdump -tt -vv -nr "$1" udp port 500 2> /dev/null | awk '
		/^[0-9]+\.[0-9]+ IP/ { t = $1; next }
		/ cookie [0-9a-f]+->/ {
			match($0, /cookie [0-9a-f]+->/)
			ic = substr($0, RSTART + 7, RLENGTH - 9)
			if (!(ic in start)) start[ic] = t
			if ($0 !~ /oakley-quick/) next
			if ($1 != "10.9.0.1.500") saw_r[ic] = 1
			else if (saw_r[ic] && !(ic in end)) end[ic] = t
		}
		END {
			for (ic in end) { n++; d[n] = end[ic] - start[ic]; sum += d[n] }
			for (i = 2; i <= n; i++)
				for (j = i; j > 1 && d[j - 1] > d[j]; j--) { x = d[j]; d[j] = d[j - 1]; d[j - 1] = x }
			med = n ? (n % 2 ? d[(n + 1) / 2] : (d[n / 2] + d[n / 2 + 1]) / 2) : 0
			printf "%d %.6f %.6f\n", n, sum, med
		}'
}

# report STACK GROUP PCAP T0 T1: the figures of one run (T1 - T0: the
# time the loop spent on STACK).
report() {
	local stack=$1 group=$2 n secs med rate
	# In the VM's results folder (selftests/vm/run --results DIR keeps
	# it), for a look with tcpdump -r.
	[ -w /run/kips-results ] && cp "$3" "/run/kips-results/ike-$stack-$group.pcap"
	read -r n secs med <<< "$(handshake_times "$3")"
	if [ "$n" != "$N" ]; then
		fail "$stack $group: the capture shows $n complete handshakes, not $N"
		return
	fi
	rate=$(awk -v n="$n" -v s="$secs" 'BEGIN { printf "%.2f", n / s }')
	info "$stack $group: $n handshakes, $(awk -v s="$secs" -v n="$n" 'BEGIN { printf "%.0f", 1000 * s / n }') ms each on the wire" \
		"(median $(awk -v m="$med" 'BEGIN { printf "%.0f", 1000 * m }') ms);" \
		"whole loop $(awk -v n="$N" -v a="$4" -v b="$5" 'BEGIN { printf "%.2f", n / (b - a) }')/s with driver and tear-down"
	echo "RESULT $stack $group handshakes_per_s $rate" | tee -a "$results"
	pass "$stack $group: $N handshakes"
}

ikev1d_setup() {
	local group=$1 side i
	for side in a b; do
		ike_conf "$side-$group" <<C
conn t {
	local = 10.9.0.$([ $side = a ] && echo 1 || echo 2);
	remote = 10.9.0.$([ $side = a ] && echo 2 || echo 1);
	psk = "$PSK";
	local-subnet = 10.$([ $side = a ] && echo 1 || echo 2).0.0/24;
	remote-subnet = 10.$([ $side = a ] && echo 2 || echo 1).0.0/24;
	ike = aes128-sha256-$group; esp = aes128-sha256;
}
C
		# Not ike_start: no -d, which logs every payload decoded.
		: > "$(ike_log "$side-$group")"
		ip netns exec "$KT_PREFIX-$side" "$IKEV1D" -c "$KT_TMP/ike-$side-$group.conf" \
			-S "$(ike_sock "$side-$group")" >> "$(ike_log "$side-$group")" 2>&1 &
		echo $! > "$KT_TMP/ike-$side-$group.pid"
		on_exit "kill $! 2>/dev/null"
		for i in $(seq 1 100); do
			[ -S "$(ike_sock "$side-$group")" ] && break
			sleep 0.1
		done
	done
}

# ikev1d_one GROUP I: handshake I, and its tear-down.
ikev1d_one() {
	ike_ctl "a-$1" up t > /dev/null
	wait_count "$(ike_log "a-$1")" "IPsec SA pair established" "$2" 60 ||
		{ fail "ikev1d $1: handshake $2 did not complete: $(tail -n 3 "$(ike_log "a-$1")" | tr '\n' ' ')"; return 1; }
	ike_ctl "a-$1" down t > /dev/null
	wait_count "$(ike_log "b-$1")" "the peer deleted the ISAKMP SA" "$2" 30 ||
		{ fail "ikev1d $1: the responder did not see delete $2"; return 1; }
}

charon_setup() {
	local group=$1 side
	for side in c d; do
		sw_conf "$side" <<C
connections {
	t {
		version = 1
		local_addrs = 10.9.0.$([ $side = c ] && echo 1 || echo 2)
		remote_addrs = 10.9.0.$([ $side = c ] && echo 2 || echo 1)
		proposals = aes128-sha256-$group
		local { auth = psk }
		remote { auth = psk }
		children {
			c {
				local_ts = 10.$([ $side = c ] && echo 1 || echo 2).0.0/24
				remote_ts = 10.$([ $side = c ] && echo 2 || echo 1).0.0/24
				esp_proposals = aes128-sha256
				mode = tunnel
			}
		}
	}
}
secrets {
	ike-t {
		secret = "$PSK"
	}
}
C
		sw_load "$side" || return
	done
}

# charon_one GROUP I: handshake I, and its tear-down.
charon_one() {
	sw_swanctl c --initiate --child c --timeout 60 > "$KT_TMP/initiate.log" 2>&1 ||
		{ fail "charon $1: handshake $2 did not complete: $(tail -n 3 "$KT_TMP/initiate.log" | tr '\n' ' ')"; return 1; }
	sw_swanctl c --terminate --ike t --timeout 30 > /dev/null 2>&1 ||
		{ fail "charon $1: tear-down $2 did not complete"; return 1; }
}

# The two stacks take turns, one handshake each, so that a change in the
# machine's load (other guests) weighs on both alike.
run_group() {
	local g=$1 i stack t0 ok_ikev1d=1 ok_charon=1
	declare -A wall=([ikev1d]=0 [charon]=0)
	ikev1d_setup "$g"
	charon_setup "$g" || ok_charon=
	ike_capture a "$KT_TMP/ikev1d-$g.pcap" inout
	ike_capture c "$KT_TMP/charon-$g.pcap" inout
	for ((i = 1; i <= N; i++)); do
		for stack in ikev1d charon; do
			[ "$stack" = ikev1d ] && [ -z "$ok_ikev1d" ] && continue
			[ "$stack" = charon ] && [ -z "$ok_charon" ] && continue
			t0=$(now)
			if ! "${stack}_one" "$g" "$i"; then
				[ "$stack" = ikev1d ] && ok_ikev1d= || ok_charon=
			fi
			wall[$stack]=$(awk -v w="${wall[$stack]}" -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.6f", w + b - a }')
		done
	done
	ike_capture_stop
	ike_stop "a-$g"
	ike_stop "b-$g"
	for stack in ikev1d charon; do
		report "$stack" "$g" "$KT_TMP/$stack-$g.pcap" 0 "${wall[$stack]}"
	done
}

info "kernel $(uname -r), $(nproc) CPUs, $N handshakes per stack and group"
# charon logs at its usual level 1, ikev1d at its default (info).
SW_LOG_LEVEL=1
# One charon on each side for both groups (swanctl --load-all replaces the
# connection).
sw_start c c && sw_start d d || finish
for g in "${GROUPS_[@]}"; do
	run_group "$g"
done
echo
for g in "${GROUPS_[@]}"; do
	awk -v g="$g" '
		$3 == g { r[$2] = $5 }
		END {
			if (r["ikev1d"] > 0 && r["charon"] > 0)
				printf "ratio ikev1d/charon %s: %.2f (%s/s against %s/s)\n", g, r["ikev1d"] / r["charon"], r["ikev1d"], r["charon"]
			else
				print "ratio ikev1d/charon " g ": n/a"
		}' "$results"
done
finish
