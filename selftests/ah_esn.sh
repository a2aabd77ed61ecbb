#!/bin/bash
# AH with extended sequence numbers across the 2^32 boundary, against
# XFRM: the high 32 bits are not on the wire but in the ICV (RFC 4302
# 2.5.1), so every echo that arrives shows both ends hash them alike.
# Both ends of both SAs start 16 packets short of 2^32 (kips: SA_NEW's
# SEQ_OUT and SEQ_IN; XFRM: replay-oseq and replay-seq), then 40 echoes go
# each way, in tunnel and in transport mode.
#
#   [k] kips  ====  [m] router (capture)  ====  [x] XFRM
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_xfrm.sh"
XPROTO=ah
. "$(dirname "$0")/lib_esp.sh"
require_module
require_cmd tcpdump python3
KIPSNL=$KT_TOP/selftests/kipsnl.py
START=$((0xfffffff0))

esp_topology
require_warm
esp_addrs 4 4
KEY=$(hexkey 32 8)
mapfile -t XA < <(xfrm_alg_args auth hmac-sha256-128 "$KEY")

# kips_sa_seq SRC DST SPI REQID MODE SEQ_OUT SEQ_IN: an hmac-sha256-128 ESN SA.
kips_sa_seq() {
	n k python3 "$KIPSNL" send SA_NEW "[('SA_A_SRC', addr('$1')), ('SA_A_DST', addr('$2')),
		('SA_A_PROTO', u8(51)), ('SA_A_SPI', u32($3)), ('SA_A_MODE', u8($5)),
		('SA_A_REQID', u32($4)), ('SA_A_AUTH_ALG', strz('hmac-sha256-128')),
		('SA_A_AUTH_KEY', bytes.fromhex('${KEY#0x}')),
		('SA_A_REPLAY_WINDOW', u32(64)), ('SA_A_FLAGS', u32(1)),
		('SA_A_SEQ_OUT', u64($6)), ('SA_A_SEQ_IN', u64($7))]"
}

xfrm_sas() {
	n x ip xfrm state add src $K_OUT dst $X_OUT proto ah spi $2 reqid 1 mode $1 \
		"${XA[@]}" flag esn replay-window 64 replay-seq $START &&
	n x ip xfrm state add src $X_OUT dst $K_OUT proto ah spi $3 reqid 2 mode $1 \
		"${XA[@]}" flag esn replay-window 64 replay-oseq $START
}

# esn MODE MODE-NUMBER SPI-BASE SRC DST: one run across the boundary.
esn() {
	local mode=$1 m=$2 kx=$3 xk=$(($3 + 1)) src=$4 dst=$5 seq_out seq_in
	check_output "$mode: kips outbound ESN SA starting at 2^32 - 16" '^ok' \
		kips_sa_seq $K_OUT $X_OUT $kx 1 $m $START 0
	check_output "$mode: kips inbound ESN SA whose window is at 2^32 - 16" '^ok' \
		kips_sa_seq $X_OUT $K_OUT $xk 2 $m 0 $START
	check "$mode: xfrm states the same" xfrm_sas $mode $kx $xk
	check "$mode: policies" esp_policies $mode
	capture_start esn-$mode
	check "$mode: 40 echoes k -> x across the boundary" n k ping -c 40 -i 0.05 -W 2 -I $src $dst
	check "$mode: 40 echoes x -> k across the boundary" n x ping -c 40 -i 0.05 -W 2 -I $dst $src
	capture_stop esn-$mode
	check "$mode: both sent low sequence bits 0 (after 0xffffffff)" test "$(tcpdump -r "$KT_TMP/esn-$mode.pcap" -nn \
		"ip proto 51 and ip[28:4] = 0 and (ip[24:4] = $kx or ip[24:4] = $xk)" 2> /dev/null | grep -Eo 'spi=0x[0-9a-f]+' | sort -u | wc -l)" = 2
	seq_out=$(n k "$KIPS" -j -s sa get dst $X_OUT proto ah spi $kx | python3 -c 'import json,sys; d=json.load(sys.stdin); d=d[0] if isinstance(d,list) else d; print(d["seq_out"])')
	seq_in=$(n k "$KIPS" -j -s sa get dst $K_OUT proto ah spi $xk | python3 -c 'import json,sys; d=json.load(sys.stdin); d=d[0] if isinstance(d,list) else d; print(d["seq_in"])')
	check "$mode: kips's outbound sequence number passed 2^32 ($seq_out)" test "${seq_out:-0}" -gt $((1 << 32))
	check "$mode: kips's inbound window passed 2^32 ($seq_in)" test "${seq_in:-0}" -gt $((1 << 32))
	check_eq "$mode: no replay or authentication drops" "0 0" \
		"$(sa_counter $xk $K_OUT drop_replay) $(sa_counter $xk $K_OUT drop_auth)"
	esp_flush
}

esn tunnel 2 $((0x4101)) $K_IN $X_IN
esn transport 1 $((0x4111)) $K_OUT $X_OUT
finish
