#!/bin/bash
# selftests/lib_esp.sh: the datapath scenarios' topology and helpers.
# Sourced after lib.sh and lib_xfrm.sh.
#
# kips in one namespace, the kernel's own XFRM in another, a router between
# them on whose first link the captures are taken (neither end re-injects
# decrypted packets there, so what it sees is what crossed the wire):
#
#   [k] kips                     [m] router                    [x] XFRM
#   in: 10.1.0.1/24 fd01::1/64                                 in: 10.2.0.1/24 fd02::1/64
#   veth0 10.0.1.1/24 ------- veth0 10.0.1.2   veth1 10.0.2.2 ------- veth1 10.0.2.1/24
#         fd00:1::1/64              fd00:1::2         fd00:2::2             fd00:2::1/64
#
# The router knows no route to the inner networks: a packet between them
# that kips failed to protect goes nowhere.

DPCHECK=$KT_TOP/selftests/dpcheck.py
MARKER=KIPS-CLEAR-TEXT-MARKER
# The transform the helpers below set up: esp, or ah (AH scenarios set it).
XPROTO=${XPROTO:-esp}
# esp_matrix's peer in x: the kernel's XFRM, or kips (for what XFRM lacks).
XPEER=${XPEER:-xfrm}

esp_topology() {
	ns k
	ns m
	ns x
	veth k m 10.0.1.1/24 10.0.1.2/24 veth0
	veth x m 10.0.2.1/24 10.0.2.2/24 veth1
	veth_addr k veth0 fd00:1::1/64
	veth_addr m veth0 fd00:1::2/64
	veth_addr x veth1 fd00:2::1/64
	veth_addr m veth1 fd00:2::2/64
	n m sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1
	local side
	for side in k x; do
		n $side ip link add in type dummy
		n $side ip link set in up
	done
	veth_addr k in 10.1.0.1/24
	veth_addr k in fd01::1/64
	veth_addr x in 10.2.0.1/24
	veth_addr x in fd02::1/64
	n k ip route add default via 10.0.1.2
	n k ip -6 route add default via fd00:1::2
	n x ip route add default via 10.0.2.2
	n x ip -6 route add default via fd00:2::2
	# Traffic between the inner networks leaves from the inner address.
	n k ip route add 10.2.0.0/24 via 10.0.1.2 src 10.1.0.1
	n k ip -6 route add fd02::/64 via fd00:1::2 src fd01::1
	n x ip route add 10.1.0.0/24 via 10.0.2.2 src 10.2.0.1
	n x ip -6 route add fd01::/64 via fd00:2::2 src fd02::1
}

# esp_addrs OUTER INNER: the addresses of a case, for outer family OUTER and
# inner family INNER (4 or 6): K_OUT X_OUT the SA ends; K_IN X_IN the ends
# of the traffic; K_NET X_NET what the policies cover.
esp_addrs() {
	if [ "$1" = 4 ]; then K_OUT=10.0.1.1 X_OUT=10.0.2.1; else K_OUT=fd00:1::1 X_OUT=fd00:2::1; fi
	if [ "$2" = 4 ]; then
		K_IN=10.1.0.1 X_IN=10.2.0.1 K_NET=10.1.0.0/24 X_NET=10.2.0.0/24
	else
		K_IN=fd01::1 X_IN=fd02::1 K_NET=fd01::/64 X_NET=fd02::/64
	fi
}

# esp_algs SPEC: SPEC is "KIND:ALG:KEYBYTES[:ICV]..." (e.g. "enc:aes-cbc:16
# auth:hmac-sha1-96:20" or "aead:aes-gcm:20:12"); sets KIPS_ALGS (words for
# kips sa add) and the array XFRM_ALGS (for ip xfrm state add), same keys.
esp_algs() {
	local item kind alg len icv key seed=1 a
	KIPS_ALGS=
	XFRM_ALGS=()
	for item in $1; do
		IFS=: read -r kind alg len icv <<< "$item"
		key=$(hexkey "$len" $((seed++)))
		[ "$len" = 0 ] && key=
		case $kind in
		enc) KIPS_ALGS+=" enc $alg${key:+ $key}" ;;
		auth) KIPS_ALGS+=" auth $alg $key" ;;
		aead) KIPS_ALGS+=" aead $alg $key${icv:+ icv $icv}" ;;
		esac
		mapfile -t a < <(xfrm_alg_args "$kind" "$alg" "$key" "$icv")
		XFRM_ALGS+=("${a[@]}")
	done
}

# esp_sas MODE SPI_KX SPI_XK [KIPS-OPTS] [-- XFRM-OPTS]: the SA pair on both
# sides, for the addresses of esp_addrs and the algorithms of esp_algs.
# SPI_KX protects k -> x (reqid 1), SPI_XK x -> k (reqid 2).
esp_sas() {
	local mode=$1 kx=$2 xk=$3 kopts=() xopts=()
	shift 3
	while [ $# -gt 0 ] && [ "$1" != -- ]; do kopts+=("$1"); shift; done
	[ "${1:-}" = -- ] && { shift; xopts=("$@"); }
	# shellcheck disable=SC2086
	n k "$KIPS" sa add src $K_OUT dst $X_OUT proto $XPROTO spi $kx reqid 1 mode $mode $KIPS_ALGS "${kopts[@]}" &&
	n k "$KIPS" sa add src $X_OUT dst $K_OUT proto $XPROTO spi $xk reqid 2 mode $mode $KIPS_ALGS replay-window 64 "${kopts[@]}" &&
	n x ip xfrm state add src $K_OUT dst $X_OUT proto $XPROTO spi $kx reqid 1 mode $mode "${XFRM_ALGS[@]}" replay-window 64 "${xopts[@]}" &&
	n x ip xfrm state add src $X_OUT dst $K_OUT proto $XPROTO spi $xk reqid 2 mode $mode "${XFRM_ALGS[@]}" "${xopts[@]}"
}

# esp_policies MODE: the policies for the traffic between K_NET and X_NET
# (tunnel) or K_OUT and X_OUT (transport) on both sides.
esp_policies() {
	local mode=$1 kt xt ks xs
	if [ "$mode" = tunnel ]; then
		ks=$K_NET xs=$X_NET
		kt="src $K_OUT dst $X_OUT" xt="src $X_OUT dst $K_OUT"
	else
		ks=$K_OUT xs=$X_OUT kt= xt=
	fi
	# shellcheck disable=SC2086
	n k "$KIPS" policy add dir out src $ks dst $xs tmpl proto $XPROTO mode $mode $kt reqid 1 > /dev/null &&
	n k "$KIPS" policy add dir in src $xs dst $ks tmpl proto $XPROTO mode $mode $xt reqid 2 > /dev/null &&
	n x ip xfrm policy add src $xs dst $ks dir out tmpl $xt proto $XPROTO reqid 2 mode $mode &&
	n x ip xfrm policy add src $ks dst $xs dir in tmpl $kt proto $XPROTO reqid 1 mode $mode
}

esp_flush() {
	n k "$KIPS" policy flush
	n k "$KIPS" sa flush
	n x ip xfrm policy flush
	n x ip xfrm state flush
	if [ "$XPEER" = kips ]; then
		n x "$KIPS" policy flush
		n x "$KIPS" sa flush
	fi
}

# esp_peer_batch FILE: x's half of esp_matrix, for XFRM or for kips.
esp_peer_batch() {
	if [ "$XPEER" = kips ]; then
		n x "$KIPS" -batch "$1" > /dev/null
	else
		n x ip -batch "$1"
	fi
}

# capture_start NAME: tcpdump on the router's link to k, into $KT_TMP/NAME.pcap.
capture_start() {
	local name=$1 i
	n m tcpdump -i veth0 -nn -U -s 0 -w "$KT_TMP/$name.pcap" > /dev/null 2> "$KT_TMP/$name.tcpdump" &
	CAPTURE_PID=$!
	on_exit "kill -KILL $CAPTURE_PID"
	for i in $(seq 1 50); do
		grep -q "listening on" "$KT_TMP/$name.tcpdump" 2> /dev/null && return 0
		sleep 0.1
	done
	fail "tcpdump did not start: $(cat "$KT_TMP/$name.tcpdump")"
	return 1
}

# capture_stop NAME: ends the capture ($KT_TMP/NAME.pcap; capture_text
# decodes it when a test needs the text).
capture_stop() {
	local i
	sleep 0.3
	# SIGTERM: a background job of a script ignores SIGINT.
	kill -TERM "$CAPTURE_PID" 2> /dev/null
	for i in $(seq 1 30); do
		kill -0 "$CAPTURE_PID" 2> /dev/null || break
		sleep 0.1
	done
	kill -KILL "$CAPTURE_PID" 2> /dev/null
	wait "$CAPTURE_PID" 2> /dev/null
	rm -f "$KT_TMP/$1.txt"
}

# capture_text NAME: the capture decoded by tcpdump, one line per packet,
# in $KT_TMP/NAME.txt (printed: its path).  Decoding thousands of packets
# takes minutes in the emulated VM, so only tests that read it pay for it.
capture_text() {
	[ -e "$KT_TMP/$1.txt" ] ||
		tcpdump -r "$KT_TMP/$1.pcap" -nn 2> /dev/null > "$KT_TMP/$1.txt"
	echo "$KT_TMP/$1.txt"
}

# capture_count NAME FILTER: packets of the capture that FILTER matches.
capture_count() {
	tcpdump -r "$KT_TMP/$1.pcap" -nn "$2" 2> /dev/null | wc -l
}

# spi_seen NAME SPI: the capture has ESP (AH with XPROTO=ah) with that SPI.
spi_seen() {
	local spi p=50 o=0
	spi=$(printf '0x%08x' "$2")
	# AH: protocol 51, its SPI 4 bytes into the header.
	[ "$XPROTO" = ah ] && p=51 o=4
	# IPv6: ESP or AH right after the fixed header (no extension headers here).
	[ -n "$(tcpdump -r "$KT_TMP/$1.pcap" -nn -c 1 \
		"(ip proto $p and ip[((ip[0] & 0xf) << 2) + $o:4] = $spi) or (ip6 and ip6[6] = $p and ip6[40 + $o:4] = $spi)" 2> /dev/null)" ]
}

# ping_ok FROM SRC DST: one echo through (a few tries: the first may race
# neighbour discovery).
ping_ok() {
	n "$1" ping -c 1 -W 2 -w 6 -I "$2" "$3" > /dev/null 2>&1
}

# server_done PID: the senders are done; the server gets 5 s to read the
# rest, then reports what it has.
server_done() {
	local i
	for i in $(seq 1 50); do
		kill -0 "$1" 2> /dev/null || break
		sleep 0.1
	done
	kill -TERM "$1" 2> /dev/null
	wait "$1"
}

# xfer FROM TO SRC DST BYTES [MARKER]: a TCP transfer from namespace FROM
# (address SRC) to TO (address DST); passes when what arrived has the
# checksum of what was sent.
xfer_port=5000
xfer() {
	local from=$1 to=$2 src=$3 dst=$4 pid sent got
	xfer_port=$((xfer_port + 1))
	n "$to" python3 "$DPCHECK" serve $xfer_port 60 "$dst" > "$KT_TMP/xfer.srv" 2>&1 &
	pid=$!
	sent=$(n "$from" python3 "$DPCHECK" send $xfer_port "$5" "${6:-$MARKER}" "$src,$dst" 2>&1)
	server_done $pid
	got=$(cat "$KT_TMP/xfer.srv")
	[ "$sent" = "$got" ] && [ "${got#* }" != none ] ||
		{ echo "sent '$sent', received '$got'"; return 1; }
}

# sa_counter SPI DST COUNTER: one counter of a kips SA (its JSON name, e.g.
# in-packets), from kips -j -s sa get.
sa_counter() {
	n k "$KIPS" -j -s sa get dst "$2" proto "$XPROTO" spi "$1" 2> /dev/null |
		python3 -c 'import json,sys; d=json.load(sys.stdin); d=d[0] if isinstance(d,list) else d; print(d["stats"][sys.argv[1]])' "$3" 2> /dev/null
}

# ns_counter COUNTER: one counter of k's namespace (kips -j stats).
ns_counter() {
	n k "$KIPS" -j stats 2> /dev/null |
		python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["stats"][sys.argv[1]] if "stats" in d else d[sys.argv[1]])' "$1" 2> /dev/null
}

# --- many cases at once
#
# esp_matrix NAME MODE OUTER INNER SET...: one case per SET (esp_algs
# syntax), all installed together, each with addresses, SPIs and reqids of
# its own; then, for every case, one echo and one checksummed TCP transfer
# each way (from one process per direction: processes are what is slow in
# the test VM), with one PASS/FAIL line per case and direction, and a
# capture of the wire checked for every SPI and for clear text.  A case
# whose SET only protects integrity (the null cipher, GMAC) sends
# NULL_MARKER instead, which the capture must show: it would see clear
# text.
NULL_MARKER=KIPS-NULL-CIPHER-MARKER
esp_matrix_bytes=${KIPS_ESP_BYTES:-200000}
esp_matrix_spi=$((0x10000))

# esp_case_addrs MODE OUTER INNER I: the addresses of case I (see
# esp_addrs), and the ip commands that create them in KADDR and XADDR.
esp_case_addrs() {
	local mode=$1 of=$2 inf=$3 i=$4
	if [ "$mode" = transport ]; then
		if [ "$of" = 4 ]; then
			K_OUT=10.0.1.$((10 + i)) X_OUT=10.0.2.$((10 + i))
			KADDR="addr add $K_OUT/24 dev veth0" XADDR="addr add $X_OUT/24 dev veth1"
		else
			K_OUT=fd00:1::a$i X_OUT=fd00:2::a$i
			KADDR="addr add $K_OUT/64 dev veth0 nodad" XADDR="addr add $X_OUT/64 dev veth1 nodad"
		fi
		K_IN=$K_OUT X_IN=$X_OUT K_NET=$K_OUT X_NET=$X_OUT
		return
	fi
	esp_addrs "$of" "$inf"
	if [ "$inf" = 4 ]; then
		K_IN=10.1.$i.1 X_IN=10.2.$i.1 K_NET=10.1.$i.0/24 X_NET=10.2.$i.0/24
		KADDR="addr add $K_IN/24 dev in" XADDR="addr add $X_IN/24 dev in"
	else
		K_IN=fd01:0:0:$i::1 X_IN=fd02:0:0:$i::1 K_NET=fd01:0:0:$i::/64 X_NET=fd02:0:0:$i::/64
		KADDR="addr add $K_IN/64 dev in nodad" XADDR="addr add $X_IN/64 dev in nodad"
	fi
}

esp_matrix() {
	local name=$1 mode=$2 of=$3 inf=$4 i=0 set kx xk rk rx kt xt m
	local kb=$KT_TMP/$name.kips xb=$KT_TMP/$name.xfrm ka=$KT_TMP/$name.kaddr xa=$KT_TMP/$name.xaddr
	local -a what=() kin=() xin=() spis=() kxp=() xkp=() nkxp=() nxkp=() outs=() ins=()
	local xflag=
	shift 4
	# XFRM fixes a state's inner family to its outer one unless told.
	[ "$of" != "$inf" ] && xflag="flag af-unspec"
	: > "$kb"; : > "$xb"; : > "$ka"; : > "$xa"
	for set in "$@"; do
		i=$((i + 1))
		esp_case_addrs "$mode" "$of" "$inf" $i
		esp_algs "$set"
		kx=$((esp_matrix_spi + 2 * i)) xk=$((esp_matrix_spi + 2 * i + 1))
		rk=$((1000 + 2 * i)) rx=$((1001 + 2 * i))
		kt= xt=
		[ "$mode" = tunnel ] && kt="src $K_OUT dst $X_OUT" xt="src $X_OUT dst $K_OUT"
		what[i]="$mode $(esp_set_name "$set") ($([ "$of" = "$inf" ] && echo "IPv$of" || echo "IPv$inf in IPv$of"))"
		kin[i]=$K_IN xin[i]=$X_IN
		spis+=($kx $xk)
		outs+=($kx) ins+=($xk)
		echo "$KADDR" >> "$ka"
		echo "$XADDR" >> "$xa"
		cat >> "$kb" <<-EOB
		sa add src $K_OUT dst $X_OUT proto $XPROTO spi $kx reqid $rk mode $mode $KIPS_ALGS
		sa add src $X_OUT dst $K_OUT proto $XPROTO spi $xk reqid $rx mode $mode $KIPS_ALGS replay-window 64
		policy add dir out src $K_NET dst $X_NET tmpl proto $XPROTO mode $mode $kt reqid $rk
		policy add dir in src $X_NET dst $K_NET tmpl proto $XPROTO mode $mode $xt reqid $rx
		EOB
		if [ "$XPEER" = kips ]; then
			cat >> "$xb" <<-EOB
			sa add src $K_OUT dst $X_OUT proto $XPROTO spi $kx reqid $rk mode $mode $KIPS_ALGS replay-window 64
			sa add src $X_OUT dst $K_OUT proto $XPROTO spi $xk reqid $rx mode $mode $KIPS_ALGS
			policy add dir out src $X_NET dst $K_NET tmpl proto $XPROTO mode $mode $xt reqid $rx
			policy add dir in src $K_NET dst $X_NET tmpl proto $XPROTO mode $mode $kt reqid $rk
			EOB
		else
			# shellcheck disable=SC2145
			cat >> "$xb" <<-EOB
			xfrm state add src $K_OUT dst $X_OUT proto $XPROTO spi $kx reqid $rk mode $mode $(printf "'%s' " "${XFRM_ALGS[@]}") replay-window 64 $xflag
			xfrm state add src $X_OUT dst $K_OUT proto $XPROTO spi $xk reqid $rx mode $mode $(printf "'%s' " "${XFRM_ALGS[@]}") $xflag
			xfrm policy add src $X_NET dst $K_NET dir out tmpl $xt proto $XPROTO reqid $rx mode $mode
			xfrm policy add src $K_NET dst $X_NET dir in tmpl $kt proto $XPROTO reqid $rk mode $mode
			EOB
		fi
		# Integrity only (AH, null cipher, GMAC): the payload crosses in clear.
		if [ "$XPROTO" = ah ] || [ "${set#enc:null:}" != "$set" ] ||
		   [ "${set#aead:aes-gmac:}" != "$set" ]; then
			nkxp+=("$K_IN,$X_IN") nxkp+=("$X_IN,$K_IN")
		else
			kxp+=("$K_IN,$X_IN") xkp+=("$X_IN,$K_IN")
		fi
	done
	esp_matrix_spi=$((esp_matrix_spi + 0x100))

	local t0=$SECONDS t1 t2
	if ! { n k ip -batch "$ka" && n x ip -batch "$xa" && n k "$KIPS" -batch "$kb" > /dev/null &&
	       esp_peer_batch "$xb"; } > "$KT_TMP/$name.setup" 2>&1; then
		fail "$name: setup: $(tail -n 3 "$KT_TMP/$name.setup" | tr '\n' ' ')"
		esp_flush
		return 1
	fi
	capture_start "$name" || return 1
	t1=$SECONDS
	n k python3 "$DPCHECK" ping "${kxp[@]}" "${nkxp[@]}" > "$KT_TMP/$name.ping-kx" 2>&1
	n x python3 "$DPCHECK" ping "${xkp[@]}" "${nxkp[@]}" > "$KT_TMP/$name.ping-xk" 2>&1
	esp_matrix_tcp "$name" kx x k "${xin[*]:1}" "${kxp[*]}" "${nkxp[*]}"
	esp_matrix_tcp "$name" xk k x "${kin[*]:1}" "${xkp[*]}" "${nxkp[*]}"
	t2=$SECONDS
	capture_stop "$name"
	# shellcheck disable=SC2016
	check_eq "$name: every kips SA counted its packets and bytes" "" "$(n k "$KIPS" -j -s sa show |
		python3 -c 'import json, sys
sas = {s["spi"]: s["stats"] for s in json.load(sys.stdin)}
bad = [hex(s) for s in map(int, sys.argv[1].split()) if not (sas[s]["out_packets"] and sas[s]["out_bytes"])]
bad += [hex(s) for s in map(int, sys.argv[2].split()) if not (sas[s]["in_packets"] and sas[s]["in_bytes"])]
print(" ".join(bad))' "${outs[*]}" "${ins[*]}" 2>&1)"

	# Read each report once, into arrays: no process per case.
	local -A ping_kx=() ping_xk=() tcp_kx=() tcp_xk=()
	local a r
	while read -r a r; do ping_kx[$a]=$r; done < "$KT_TMP/$name.ping-kx"
	while read -r a r; do ping_xk[$a]=$r; done < "$KT_TMP/$name.ping-xk"
	while read -r a r; do tcp_kx[$a]=$r; done < "$KT_TMP/$name.tcp-kx"
	while read -r a r; do tcp_xk[$a]=$r; done < "$KT_TMP/$name.tcp-xk"
	for i in $(seq 1 $((${#what[@]}))); do
		check_eq "${what[i]}: ping k -> x" ok "${ping_kx[${xin[i]}]:-}"
		check_eq "${what[i]}: ping x -> k" ok "${ping_xk[${kin[i]}]:-}"
		esp_matrix_tcp_check "${what[i]}: TCP k -> x" "${tcp_kx[${xin[i]}]:-}"
		esp_matrix_tcp_check "${what[i]}: TCP x -> k" "${tcp_xk[${kin[i]}]:-}"
	done
	local -a spi_args=()
	for i in "${spis[@]}"; do spi_args+=(--spi "$i"); done
	# AH: its SPIs are what to find, and what it carries is not clear text.
	[ "$XPROTO" = ah ] && spi_args+=(--ah)
	python3 "$KT_TOP/selftests/pcapcheck.py" "$KT_TMP/$name.pcap" "${spi_args[@]}" \
		--marker "$MARKER" --marker "$NULL_MARKER" > "$KT_TMP/$name.wire" 2>&1
	check_eq "$name: ${XPROTO^^} with every case's SPIs on the wire" "spis-missing" \
		"$(grep '^spis-missing' "$KT_TMP/$name.wire" || cat "$KT_TMP/$name.wire")"
	check_eq "$name: no clear text on the wire" "marker $MARKER 0" "$(grep "^marker $MARKER " "$KT_TMP/$name.wire")"
	check_eq "$name: no clear-text TCP or echo on the wire" "clear 0" "$(grep '^clear ' "$KT_TMP/$name.wire")"
	if [ ${#nkxp[@]} -gt 0 ]; then
		check "$name: the capture shows clear text where it is (AH, null cipher, GMAC)" \
			grep -q "^marker $NULL_MARKER [1-9]" "$KT_TMP/$name.wire"
	fi
	esp_flush
	n k ip -batch <(sed 's/^addr add/addr del/' "$ka") > /dev/null 2>&1
	n x ip -batch <(sed 's/^addr add/addr del/' "$xa") > /dev/null 2>&1
	info "$name: ${#what[@]} cases; setup $((t1 - t0)) s, traffic $((t2 - t1)) s, checks $((SECONDS - t2)) s"
}

# esp_matrix_tcp NAME DIR TO FROM "DSTS" "PAIRS" "NULL-PAIRS"
esp_matrix_tcp() {
	local name=$1 dir=$2 to=$3 from=$4 pid
	xfer_port=$((xfer_port + 1))
	# shellcheck disable=SC2086
	n "$to" python3 "$DPCHECK" serve $xfer_port 300 $5 > "$KT_TMP/$name.srv-$dir" 2>&1 &
	pid=$!
	# shellcheck disable=SC2086
	{
		[ -z "$6" ] || n "$from" python3 "$DPCHECK" send $xfer_port $esp_matrix_bytes "$MARKER" $6
		[ -z "$7" ] || n "$from" python3 "$DPCHECK" send $xfer_port $esp_matrix_bytes "$NULL_MARKER" $7
	} > "$KT_TMP/$name.snd-$dir" 2>&1
	server_done $pid
	# One line per destination: "sent | received".
	awk 'NR == FNR { s[$1] = $0; next } { print $1, s[$1], "|", $0 }' \
		"$KT_TMP/$name.snd-$dir" "$KT_TMP/$name.srv-$dir" > "$KT_TMP/$name.tcp-$dir"
}

# esp_matrix_tcp_check WHAT LINE: the transfer LINE describes ("sent |
# received", without the destination) arrived whole.
esp_matrix_tcp_check() {
	local line=$2 sent got
	sent=${line%% |*}
	got=${line##*| }
	if [ -n "$sent" ] && [ "$sent" = "$got" ] && [ "${sent#* }" != none ] &&
	   [ "${sent#*failed}" = "$sent" ]; then
		pass "$1"
	else
		fail "$1: sent '$sent', received '$got'"
	fi
}

# "enc:aes-cbc:16 auth:hmac-sha1-96:20" -> aes-cbc-128/hmac-sha1-96
esp_set_name() {
	local item kind alg len icv out=
	for item in $1; do
		IFS=: read -r kind alg len icv <<< "$item"
		case $alg in
		aes-cbc|aes-ctr|aes-gcm|aes-gmac) alg+=-$(( (len - (len % 8)) * 8 )) ;;
		esac
		[ -n "$icv" ] && alg+=" icv $icv"
		out+=${out:+/}$alg
	done
	echo "$out"
}
