#!/bin/bash
# Extended sequence numbers across the 2^32 boundary, against XFRM: both
# ends of both SAs start 16 packets short of it (kips: SA_NEW's SEQ_OUT and
# SEQ_IN; XFRM: replay-oseq and replay-seq), then 40 echoes go each way.
# Every one arrives, the wire shows the low sequence bits wrapping to 0,
# and kips's sequence numbers end above 2^32.  Without ESN, an SA that
# starts 2 short of 2^32 sends 2 packets and then drops, counting the
# exhausted sequence number space.
#
#   [k] kips  ====  [m] router (capture)  ====  [x] XFRM
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_xfrm.sh"
. "$(dirname "$0")/lib_esp.sh"
require_module
require_cmd tcpdump python3
KIPSNL=$KT_TOP/selftests/kipsnl.py
START=$((0xfffffff0))

esp_topology
esp_addrs 4 4
KEY=$(hexkey 20 7)
mapfile -t XA < <(xfrm_alg_args aead aes-gcm "$KEY" 16)

# kips_sa_seq SRC DST SPI REQID FLAGS SEQ_OUT SEQ_IN: an AES-GCM tunnel SA.
kips_sa_seq() {
	n k python3 "$KIPSNL" send SA_NEW "[('SA_A_SRC', addr('$1')), ('SA_A_DST', addr('$2')),
		('SA_A_PROTO', u8(50)), ('SA_A_SPI', u32($3)), ('SA_A_MODE', u8(2)),
		('SA_A_REQID', u32($4)), ('SA_A_AEAD_ALG', strz('aes-gcm')),
		('SA_A_AEAD_KEY', bytes.fromhex('${KEY#0x}')), ('SA_A_ICV_LEN', u8(16)),
		('SA_A_REPLAY_WINDOW', u32(64)), ('SA_A_FLAGS', u32($5)),
		('SA_A_SEQ_OUT', u64($6)), ('SA_A_SEQ_IN', u64($7))]"
}

check_output "kips: outbound ESN SA starting at 2^32 - 16" '^ok' \
	kips_sa_seq $K_OUT $X_OUT 0x4001 1 1 $START 0
check_output "kips: inbound ESN SA whose window is at 2^32 - 16" '^ok' \
	kips_sa_seq $X_OUT $K_OUT 0x4002 2 1 0 $START
check "xfrm: inbound ESN state whose window is at 2^32 - 16" \
	n x ip xfrm state add src $K_OUT dst $X_OUT proto esp spi 0x4001 reqid 1 mode tunnel \
	"${XA[@]}" flag esn replay-window 64 replay-seq $START
check "xfrm: outbound ESN state starting at 2^32 - 16" \
	n x ip xfrm state add src $X_OUT dst $K_OUT proto esp spi 0x4002 reqid 2 mode tunnel \
	"${XA[@]}" flag esn replay-window 64 replay-oseq $START
check "policies" esp_policies tunnel
check_error "a sequence number above 2^32 needs ESN" "needs ESN" \
	kips_sa_seq $K_OUT $X_OUT 0x4003 3 0 $((START + 100)) 0

capture_start esn
check "40 echoes k -> x across the boundary" n k ping -c 40 -i 0.05 -W 2 -I $K_IN $X_IN
check "40 echoes x -> k across the boundary" n x ping -c 40 -i 0.05 -W 2 -I $X_IN $K_IN
capture_stop esn
check "kips sent low sequence bits 0xffffffff and then 0" \
	grep -q "spi=0x00004001,seq=0x0)" "$(capture_text esn)"
check "xfrm did too" grep -q "spi=0x00004002,seq=0x0)" "$(capture_text esn)"
seq_out=$(n k "$KIPS" -j -s sa get dst $X_OUT proto esp spi 0x4001 | python3 -c 'import json,sys; d=json.load(sys.stdin); d=d[0] if isinstance(d,list) else d; print(d["seq_out"])')
seq_in=$(n k "$KIPS" -j -s sa get dst $K_OUT proto esp spi 0x4002 | python3 -c 'import json,sys; d=json.load(sys.stdin); d=d[0] if isinstance(d,list) else d; print(d["seq_in"])')
check "kips's outbound sequence number passed 2^32 ($seq_out)" test "${seq_out:-0}" -gt $((1 << 32))
check "kips's inbound window passed 2^32 ($seq_in)" test "${seq_in:-0}" -gt $((1 << 32))
check_eq "no replay or authentication drops" "0 0" \
	"$(sa_counter 0x4002 $K_OUT drop_replay) $(sa_counter 0x4002 $K_OUT drop_auth)"

# Without ESN the space ends at 2^32 - 1: the SA dies there.
esp_flush
check_output "kips: outbound SA without ESN, 2 short of 2^32" '^ok' \
	kips_sa_seq $K_OUT $X_OUT 0x4011 1 0 $((0xfffffffd)) 0
check_output "kips: its inbound peer" '^ok' kips_sa_seq $X_OUT $K_OUT 0x4012 2 0 0 0
n x ip xfrm state add src $K_OUT dst $X_OUT proto esp spi 0x4011 reqid 1 mode tunnel "${XA[@]}" replay-window 64 replay-seq $((0xfffffffd))
n x ip xfrm state add src $X_OUT dst $K_OUT proto esp spi 0x4012 reqid 2 mode tunnel "${XA[@]}"
esp_policies tunnel
check "the last two sequence numbers carry echoes" n k ping -c 2 -i 0.2 -W 2 -I $K_IN $X_IN
check_fails "then the space is used up" n k ping -c 1 -W 1 -I $K_IN $X_IN
check_output "and that was counted" '"drop_seq_overflow": *[1-9]' n k "$KIPS" -j stats
finish
