#!/bin/bash
# SA lifetimes on the datapath, against XFRM: limits by packets, bytes and
# time (since add, since first use), soft then hard, each raising its
# SA_EXPIRE event (kips monitor -j) when it is reached: the packet that
# reaches a hard limit is the last the SA carries.  Inbound SAs count too.
# A sequence number space used up (no ESN) is a hard expiry.
#
#   [k] kips  ====  [m] router  ====  [x] XFRM
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib_xfrm.sh"
. "$(dirname "$0")/lib_esp.sh"
require_module
require_cmd python3
KIPSNL=$KT_TOP/selftests/kipsnl.py

esp_topology
esp_addrs 4 4
esp_algs "aead:aes-gcm:20:16"
# The monitor's events, each line after the time it arrived ($EPOCHREALTIME:
# no process per line, which the test VM could not keep up with).
EV=$KT_TMP/events
n k "$KIPS" -j monitor sa 2> "$KT_TMP/monitor.err" |
	while IFS= read -r l; do printf '%s %s\n' "$EPOCHREALTIME" "$l"; done > "$EV" &
on_exit "kill $!"
sleep 1

# expiries SPI: the expiry events of an SA, in order ("soft hard ").
expiries() {
	local line out=
	while IFS= read -r line; do
		[[ $line =~ \"event\":\"sa-expire\",\"expire\":\"([a-z]+)\".*\"spi\":$(($1))[,}] ]] &&
			out+="${BASH_REMATCH[1]} "
	done < "$EV"
	echo "$out"
}
# event_time SPI EVENT [EXPIRE]: when the first such event of SPI arrived.
event_time() {
	local line re="\"event\":\"$2\""
	[ -n "${3:-}" ] && re+=",\"expire\":\"$3\""
	while IFS= read -r line; do
		if [[ $line =~ $re.*\"spi\":$(($1))[,}] ]]; then
			echo "${line%% *}"
			return
		fi
	done < "$EV"
}
# wait_expiry SPI WANT [SECONDS]: until the events of SPI are WANT.
wait_expiry() {
	local i
	for i in $(seq 1 $((${3:-5} * 10))); do
		[ "$(expiries "$1")" = "$2 " ] && return 0
		sleep 0.1
	done
	echo "events of $1: '$(expiries "$1")', expected '$2'"
	return 1
}
# between A B LO HI: LO <= B - A < HI (seconds, fractions allowed).
between() {
	awk -v a="$1" -v b="$2" -v lo="$3" -v hi="$4" 'BEGIN { d = b - a; exit !(d >= lo && d < hi) }'
}
# pings COUNT [SIZE]: echoes k -> x one at a time; prints how many came back.
pings() {
	n k ping -c "$1" -i 0.1 -W 2 -s "${2:-56}" -I $K_IN $X_IN 2> /dev/null |
		sed -n 's/.* \([0-9]*\) received.*/\1/p'
}
setup() {
	local kx=$1 xk=$2; shift 2
	esp_sas tunnel $kx $xk "$@" > /dev/null && esp_policies tunnel
}

# --- packets: soft 5, hard 10 on the outbound SA
setup 0x6001 0x6002 soft packets 5 hard packets 10 || fail "setup (packets)"
check_eq "4 packets: no event yet" "4" "$(pings 4)"
check_eq "... none" "" "$(expiries 0x6001)"
check_eq "the 5th reaches the soft limit" "1" "$(pings 1)"
check "soft expiry raised" wait_expiry 0x6001 soft
check_eq "5 more: the 10th is the last" "5" "$(pings 5)"
check "hard expiry raised" wait_expiry 0x6001 "soft hard"
check_fails "the SA is gone" n k "$KIPS" sa get dst $X_OUT proto esp spi 0x6001
check_eq "no more packets pass" "0" "$(pings 1)"
esp_flush

# --- bytes: the inbound SA (echo replies of 128 bytes: 100 + 8 + 20)
setup 0x6011 0x6012 > /dev/null || fail "setup (bytes)"
n k "$KIPS" sa set dst $K_OUT proto esp spi 0x6012 soft bytes 1000 hard bytes 3000
check_eq "7 replies (896 bytes): no event" "7" "$(pings 7 100)"
check_eq "... none" "" "$(expiries 0x6012)"
check_eq "the 8th (1024 bytes) reaches the soft limit" "1" "$(pings 1 100)"
check "soft expiry raised" wait_expiry 0x6012 soft
check_eq "15 more: 2944 bytes, within the hard limit" "15" "$(pings 15 100)"
check_eq "the next would pass 3000: dropped" "0" "$(pings 1 100)"
check "hard expiry raised" wait_expiry 0x6012 "soft hard"
esp_flush

# --- time since add: soft 2 s, hard 4 s after the add event
setup 0x6021 0x6022 soft time-add 2 hard time-add 4 || fail "setup (time-add)"
check "soft, then hard expiry by time" wait_expiry 0x6021 "soft hard" 15
t0=$(event_time 0x6021 sa-add) t1=$(event_time 0x6021 sa-expire soft) t2=$(event_time 0x6021 sa-expire hard)
check "soft 2 s after the add ($t0 -> $t1)" between "$t0" "$t1" 1.5 3.5
check "hard 4 s after the add ($t0 -> $t2)" between "$t0" "$t2" 3.5 5.5
esp_flush

# --- time since first use: nothing until used; hard 2 s after
setup 0x6031 0x6032 hard time-use 2 || fail "setup (time-use)"
sleep 3
check_eq "unused for 3 s: no event" "" "$(expiries 0x6031)"
t0=$EPOCHREALTIME
check_eq "first use" "1" "$(pings 1)"
t1=$EPOCHREALTIME
check "hard expiry after first use" wait_expiry 0x6031 hard 15
t2=$(event_time 0x6031 sa-expire hard)
# The first use was between t0 and t1.
check "2 s after it ($t0 .. $t1 -> $t2)" sh -c "$(declare -f between); between $t1 $t2 1.4 99 && between $t0 $t2 0 4.5"
esp_flush

# --- sequence numbers used up (no ESN): a hard expiry
KEY=${KIPS_ALGS##* aead aes-gcm }
KEY=${KEY%% *}
check_output "an SA 2 short of 2^32" '^ok' n k python3 "$KIPSNL" send SA_NEW \
	"[('SA_A_SRC', addr('$K_OUT')), ('SA_A_DST', addr('$X_OUT')), ('SA_A_PROTO', u8(50)),
	  ('SA_A_SPI', u32(0x6041)), ('SA_A_MODE', u8(2)), ('SA_A_REQID', u32(1)),
	  ('SA_A_AEAD_ALG', strz('aes-gcm')), ('SA_A_AEAD_KEY', bytes.fromhex('${KEY#0x}')),
	  ('SA_A_SEQ_OUT', u64(0xfffffffd))]"
n k "$KIPS" sa add src $X_OUT dst $K_OUT proto esp spi 0x6042 reqid 2 mode tunnel $KIPS_ALGS
n x ip xfrm state add src $K_OUT dst $X_OUT proto esp spi 0x6041 reqid 1 mode tunnel "${XFRM_ALGS[@]}" replay-window 64 replay-seq $((0xfffffffd))
n x ip xfrm state add src $X_OUT dst $K_OUT proto esp spi 0x6042 reqid 2 mode tunnel "${XFRM_ALGS[@]}"
esp_policies tunnel
check_eq "2 packets use the last 2 sequence numbers" "2" "$(pings 2)"
check_eq "the next finds the space used up" "0" "$(pings 1)"
check "which is a hard expiry" wait_expiry 0x6041 hard
check_output "and counted" '"drop_seq_overflow": *1' n k "$KIPS" -j stats
finish
