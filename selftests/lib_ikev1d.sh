#!/bin/bash
# selftests/lib_ikev1d.sh: ikev1d in network namespaces, and checks of what
# it installed in kips.ko.  Sourced after lib.sh.
#
#   ike_conf NAME < FILE        write NAME's ikev1d.conf (mode 0600)
#   ike_start NS NAME           run ikev1d -d with it in NS (log: ike_log NAME,
#                               control socket: ike_sock NAME)
#   ike_stop NAME               SIGTERM, and wait until it has exited
#   ike_ctl NAME ARGS...        ikev1ctl against NAME's control socket
#   ike_wait NAME REGEX [SEC]   wait until NAME's log matches REGEX
#   ike_pairs_match NS1 NS2 N   N mature SA pairs on each side, each SA of
#                               one side the same (addresses, SPI, mode,
#                               algorithms, keys) as one of the other's
#   ike_policies_ok NS N        N protect policies, each naming the reqid of
#                               an installed SA; prints why not
#   ike_packets NS              packets NS's SAs sent and received: "OUT IN"
#   ike_spis NS                 NS's SPIs, sorted, on one line
#   ike_nothing NS              no SA and no protect policy (bypass allowed)
#   ike_no_policy NS            no policy at all
#   ike_capture NS FILE [inout] tcpdump what NS sends (and receives) on veth0
#                               into FILE, once it is listening
#                               (ike_capture_stop ends it, once it has
#                               caught up with the wire)
#   ike_transfer WHAT BYTES     BYTES of random data over TCP from a's
#                               10.1.0.1 to b's 10.2.0.1, checked by sha256
#   ike_hosts                   namespaces a and b joined by veth0, 10.9.0.1/2
#                               and fd00:9::1/2, each routing a "LAN" on lo
#                               through the other: a 10.1.0.1/24, fd00:1::1/64,
#                               b 10.2.0.1/24, fd00:2::1/64
# Daemons are stopped at cleanup.
IKEV1D=$KT_TOP/user/ikev1d/ikev1d
IKEV1CTL=$KT_TOP/user/ikev1d/ikev1ctl

ike_log() { echo "$KT_TMP/ike-$1.log"; }
ike_sock() { echo "$KT_TMP/ike-$1.ctl"; }

ike_hosts() {
	ns a
	ns b
	veth a b 10.9.0.1/24 10.9.0.2/24
	veth_addr a veth0 fd00:9::1/64
	veth_addr b veth0 fd00:9::2/64
	n a ip addr add 10.1.0.1/24 dev lo
	n b ip addr add 10.2.0.1/24 dev lo
	n a ip addr add fd00:1::1/64 dev lo
	n b ip addr add fd00:2::1/64 dev lo
	n a ip route add 10.2.0.0/24 via 10.9.0.2
	n b ip route add 10.1.0.0/24 via 10.9.0.1
	n a ip route add fd00:2::/64 via fd00:9::2
	n b ip route add fd00:1::/64 via fd00:9::1
}

ike_capture() {
	local i
	: > "$2.err"
	ip netns exec "$KT_PREFIX-$1" tcpdump -Q "${3:-out}" -U -ni veth0 -w "$2" 2> "$2.err" &
	KT_CAPTURES+=("$! $1 $2")
	on_exit "kill $! 2>/dev/null"
	for i in $(seq 1 200); do
		grep -q "listening on" "$2.err" && return 0
		sleep 0.1
	done
	fail "tcpdump in $1 did not start: $(cat "$2.err")"
}

# tcpdump drops what it has not yet taken from the kernel's ring when it
# is told to stop, and under TCG it can lag seconds behind the wire: the
# whole of a short transfer was once lost that way.  So each capture is
# stopped only once it has written a mark sent after the traffic: an ARP
# request for an address nobody has (no policy applies to ARP), and tcpdump
# writes packets in the order they came.
KT_CAPTURES=()
KT_MARK=0
ike_capture_stop() {
	local c pid ns file ip i
	for c in "${KT_CAPTURES[@]}"; do
		read -r pid ns file <<< "$c"
		KT_MARK=$((KT_MARK % 150 + 1))
		ip=10.9.0.$((100 + KT_MARK))
		n "$ns" bash -c "echo mark > /dev/udp/$ip/9" 2> /dev/null
		for ((i = 0; i < 300; i++)); do
			tcpdump -nr "$file" arp 2> /dev/null | grep -q "who-has $ip " && break
			sleep 0.1
		done
		[ $i -lt 300 ] || fail "the capture in $ns did not catch up with the wire within 30 s"
		kill "$pid" 2> /dev/null
		wait "$pid" 2> /dev/null
	done
	KT_CAPTURES=()
}

ike_transfer() {
	local what=$1 want srv i
	head -c "$2" /dev/urandom > "$KT_TMP/blob"
	want=$(sha256sum < "$KT_TMP/blob" | cut -d' ' -f1)
	rm -f "$KT_TMP/got"
	n b sh -c "socat -u TCP-LISTEN:5001,bind=10.2.0.1,reuseaddr - | sha256sum > '$KT_TMP/got'" &
	srv=$!
	for i in $(seq 1 100); do
		n b ss -ltn | grep -q '10.2.0.1:5001' && break
		sleep 0.1
	done
	check "$what: $2 bytes over TCP through the tunnel" \
		n a timeout 60 socat -u "FILE:$KT_TMP/blob" TCP:10.2.0.1:5001,bind=10.1.0.1
	wait $srv
	check_eq "$what: what arrived has the sha256 of what was sent" "$want" \
		"$(cut -d' ' -f1 < "$KT_TMP/got" 2> /dev/null)"
}

ike_conf() {
	local f=$KT_TMP/ike-$1.conf
	cat > "$f"
	chmod 600 "$f"
}

ike_start() {
	local ns=$1 name=$2 i
	: > "$(ike_log "$name")"
	# Not through n(): $! must be the daemon (ip netns exec execs it).
	ip netns exec "$KT_PREFIX-$ns" "$IKEV1D" -d -c "$KT_TMP/ike-$name.conf" \
		-S "$(ike_sock "$name")" >> "$(ike_log "$name")" 2>&1 &
	echo $! > "$KT_TMP/ike-$name.pid"
	on_exit "kill $! 2>/dev/null"
	for i in $(seq 1 100); do
		[ -S "$(ike_sock "$name")" ] && return 0
		kill -0 "$(cat "$KT_TMP/ike-$name.pid")" 2> /dev/null || break
		sleep 0.1
	done
	fail "ikev1d $name did not start: $(tail -n 3 "$(ike_log "$name")" | tr '\n' ' ')"
	return 1
}

ike_stop() {
	local pid i
	pid=$(cat "$KT_TMP/ike-$1.pid" 2> /dev/null) || return 0
	kill "$pid" 2> /dev/null
	for i in $(seq 1 100); do
		kill -0 "$pid" 2> /dev/null || { rm -f "$KT_TMP/ike-$1.pid"; return 0; }
		sleep 0.1
	done
	fail "ikev1d $1 did not exit within 10 s of SIGTERM"
	kill -9 "$pid" 2> /dev/null
	rm -f "$KT_TMP/ike-$1.pid"
}

ike_ctl() {
	local name=$1; shift
	"$IKEV1CTL" -S "$(ike_sock "$name")" "$@"
}

ike_wait() {
	local name=$1 re=$2 secs=${3:-20} i
	for ((i = 0; i < secs * 10; i++)); do
		grep -Eq -- "$re" "$(ike_log "$name")" && return 0
		sleep 0.1
	done
	return 1
}

# kips' text output, made comparable (awk: python3 costs seconds per start
# under TCG).  One line per SA: its identity and algorithms with keys, and
# its state, without what differs between the sides (reqid, replay window,
# lifetimes).
ike_sa_lines() {
	n "$1" "$KIPS" -k sa show | awk '
		/^src / { if (l) print l; sub(/ reqid [0-9]+/, ""); l = $0; next }
		/^\t(enc|auth|aead) / { sub(/^\t/, ""); l = l " | " $0 }
		/^\tstate / { l = l " | " $2 }
		END { if (l) print l }' | sort
}

ike_pairs_match() {
	local a b n
	a=$(ike_sa_lines "$1")
	b=$(ike_sa_lines "$2")
	n=$(printf '%s' "$a" | grep -c '| mature')
	[ "$n" = $(( 2 * $3 )) ] || { echo "$1 has $n mature SAs, not $(( 2 * $3 )): $a"; return 1; }
	[ "$(printf '%s\n' "$a" | grep -c ' 0x[0-9a-f]\{16,\}')" = "$n" ] ||
		{ echo "keys are not shown: $a"; return 1; }
	[ "$a" = "$b" ] || { echo "the sides differ:"; diff <(echo "$a") <(echo "$b"); return 1; }
}

# The reqids of the SAs and of the protect policies' templates.
ike_reqids() {
	n "$1" "$KIPS" sa show | sed -n 's/^src .* reqid \([0-9]*\).*/\1/p' | sort -u
}

ike_policies_ok() {
	local pols n r reqids
	pols=$(n "$1" "$KIPS" policy show)
	n=$(printf '%s\n' "$pols" | grep -c 'action protect')
	[ "$n" = "$2" ] || { echo "$n protect policies, not $2: $pols"; return 1; }
	reqids=$(ike_reqids "$1")
	for r in $(printf '%s\n' "$pols" | sed -n 's/^\ttmpl .* reqid \([0-9]*\).*/\1/p'); do
		printf '%s\n' "$reqids" | grep -qx "$r" ||
			{ echo "a policy names reqid $r, which no SA has (SAs: $reqids)"; return 1; }
	done
}

ike_packets() {
	n "$1" "$KIPS" -s sa show |
		awk '/out_packets/ { o += $6; i += $2 } END { print o + 0, i + 0 }'
}

ike_spis() {
	n "$1" "$KIPS" sa show | sed -n 's/.* spi \(0x[0-9a-f]*\) .*/\1/p' | sort | tr '\n' ' '
}

ike_nothing() {
	local s p
	s=$(n "$1" "$KIPS" sa show)
	p=$(n "$1" "$KIPS" policy show | grep -c 'action protect')
	[ -z "$s" ] && [ "$p" = 0 ] || { echo "left: $s; $p protect policies"; return 1; }
}

ike_no_policy() {
	local p
	p=$(n "$1" "$KIPS" policy show)
	[ -z "$p" ] || { echo "left: $p"; return 1; }
}
